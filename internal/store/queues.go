package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
)

// What the enquiries' watch and the watch lists share: reading the persons
// and facts a batch of sources states, listing rows, and a queue of alerts
// that holds one entry per owner (an enquiry or a watch-list entry),
// person and source.

// rowScanner is a row of a query: *sql.Row or *sql.Rows.
type rowScanner interface{ Scan(...any) error }

// collect reads every row of rows with scan and closes rows.
func collect[T any](rows *sql.Rows, scan func(rowScanner) (T, error)) ([]T, error) {
	defer rows.Close()
	var out []T
	for rows.Next() {
		x, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

// scanOne reads a row of one column, for collect.
func scanOne[T any](r rowScanner) (x T, err error) { err = r.Scan(&x); return }

// sourceChunk is how many source ids one query names.
const sourceChunk = 500

// eachStatementOfSources runs query — whose "IN (%s)" is filled with a
// placeholder for each id — over the sources in chunks, calling row for
// each row it gives; what names the error.
func (s *Store) eachStatementOfSources(ctx context.Context, sourceIDs []string, query, what string, row func(rowScanner) error) error {
	for start := 0; start < len(sourceIDs); start += sourceChunk {
		chunk := sourceIDs[start:min(start+sourceChunk, len(sourceIDs))]
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		rows, err := s.db.QueryContext(ctx, s.rebind(fmt.Sprintf(query, placeholders(len(chunk)))), args...)
		if err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		for rows.Next() {
			if err := row(rows); err != nil {
				rows.Close()
				return fmt.Errorf("%s: %w", what, err)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
	}
	return nil
}

// queued is one alert for queueOnce: its owner (an enquiry's or a
// watch-list entry's id), person and source, and the other columns.
type queued struct {
	owner, entity, source string
	cols                  map[string]any
}

// queueOnce adds the alerts to a queue table whose owner column is
// ownerCol, giving each an id and a time; one already queued for the same
// owner, person and source is left as it is. It returns how many it added.
func (s *Store) queueOnce(ctx context.Context, table, ownerCol string, as []queued) (int, error) {
	added := 0
	at := timeText(s.now())
	for _, a := range as {
		var n int
		if err := s.db.QueryRowContext(ctx, s.rebind("SELECT count(*) FROM "+table+" WHERE "+ownerCol+" = ? AND entity_id = ? AND source_id = ?"),
			a.owner, a.entity, a.source).Scan(&n); err != nil {
			return added, fmt.Errorf("read %s: %w", table, err)
		}
		if n > 0 {
			continue
		}
		row := map[string]any{"id": NewID(), ownerCol: a.owner, "entity_id": a.entity, "source_id": a.source, "created_at": at}
		for k, v := range a.cols {
			row[k] = v
		}
		if _, ok := alertCols[table]; ok {
			if err := s.sealAlertCols(ctx, table, a.source, row); err != nil {
				return added, err
			}
		}
		cols := make([]string, 0, len(row))
		for k := range row {
			cols = append(cols, k)
		}
		sort.Strings(cols)
		args := make([]any, len(cols))
		for i, c := range cols {
			args[i] = row[c]
		}
		if _, err := s.db.ExecContext(ctx, s.rebind("INSERT INTO "+table+" ("+strings.Join(cols, ", ")+") VALUES ("+placeholders(len(cols))+")"), args...); err != nil {
			return added, fmt.Errorf("queue into %s: %w", table, err)
		}
		added++
	}
	return added, nil
}
