package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
)

// CountStatements counts the statements a viewer may see with a status
// ("" for any).
func (s *Store) CountStatements(ctx context.Context, v access.Viewer, status model.Status) (int, error) {
	cond, args := visibleFrom(v, "sensitivity", "source_id")
	q := "SELECT count(*) FROM statements WHERE " + cond
	if v.ConfirmedOnly() {
		q += " AND status = 'confirmed'"
	}
	if status != "" {
		q += " AND status = ?"
		args = append(args, string(status))
	}
	var n int
	err := s.db.QueryRowContext(ctx, s.rebind(q), args...).Scan(&n)
	return n, err
}

// ReviewQueue lists proposed statements the viewer may see, oldest first
// (a queue), at most limit, after the statement id after (a keyset cursor on
// (created_at, id); "" for the first page).
func (s *Store) ReviewQueue(ctx context.Context, v access.Viewer, limit int, after string) ([]model.Statement, error) {
	cond, args := visibleFrom(v, "sensitivity", "source_id")
	q := "SELECT " + statementCols + " FROM statements WHERE status = 'proposed' AND " + cond
	if after != "" {
		q += " AND (created_at, id) > (SELECT created_at, id FROM statements WHERE id = ?)"
		args = append(args, after)
	}
	q += fmt.Sprintf(" ORDER BY created_at, id LIMIT %d", limit)
	out, err := s.queryStatements(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("review queue: %w", err)
	}
	return out, nil
}

// Statement returns one statement if the viewer may see it.
func (s *Store) Statement(ctx context.Context, v access.Viewer, id string) (model.Statement, error) {
	cond, args := visibleFrom(v, "sensitivity", "source_id")
	q := "SELECT " + statementCols + " FROM statements WHERE id = ? AND " + cond
	if v.ConfirmedOnly() {
		q += " AND status = 'confirmed'"
	}
	rows, err := s.db.QueryContext(ctx, s.rebind(q), append([]any{id}, args...)...)
	if err != nil {
		return model.Statement{}, err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return model.Statement{}, err
		}
		return model.Statement{}, fmt.Errorf("statement %s: %w", id, ErrNotFound)
	}
	st, err := scanStatement(rows)
	if err != nil {
		return st, err
	}
	s.statementsRead.Add(1)
	rows.Close()
	one := []model.Statement{st}
	err = s.openQuotes(ctx, one)
	return one[0], err
}

// StatementsFrom lists the statements drawn from one source that the viewer
// may see, in text order.
func (s *Store) StatementsFrom(ctx context.Context, v access.Viewer, sourceID string) ([]model.Statement, error) {
	cond, args := visibleFrom(v, "sensitivity", "source_id")
	q := "SELECT " + statementCols + " FROM statements WHERE source_id = ? AND " + cond
	if v.ConfirmedOnly() {
		q += " AND status = 'confirmed'"
	}
	q += " ORDER BY COALESCE(span_start, 0), created_at, id"
	return s.queryStatements(ctx, q, append([]any{sourceID}, args...)...)
}

// Referencing lists the statements the viewer may see whose value is a link
// to the entity: the events it is involved in, the facilities where it is
// the location, the organizations that organized something.
func (s *Store) Referencing(ctx context.Context, v access.Viewer, entityID string) ([]model.Statement, error) {
	cond, args := visibleFrom(v, "st.sensitivity", "st.source_id")
	// The entity and those merged into it, each looked up by index.
	q := "SELECT " + prefixed("st.", statementCols) + " FROM statements st " +
		"WHERE st.value_entity IN (SELECT ? UNION ALL SELECT id FROM entities WHERE merged_into = ?) AND st.status <> 'rejected' AND " + cond
	if v.ConfirmedOnly() {
		q += " AND st.status = 'confirmed'"
	}
	q += " ORDER BY st.date_start, st.created_at, st.id"
	out, err := s.queryStatements(ctx, q, append([]any{entityID, entityID}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("statements referencing %s: %w", entityID, err)
	}
	return out, nil
}

// SourcesMentioning lists the sources the viewer may see that mention the
// entity (or an entity merged into it), oldest first.
func (s *Store) SourcesMentioning(ctx context.Context, v access.Viewer, entityID string) ([]model.Source, error) {
	cond, args := visibleFrom(v, "sensitivity", "id")
	q := "SELECT " + sourceCols + " FROM sources WHERE id IN (SELECT m.source_id FROM mentions m JOIN entities e ON e.id = m.entity_id " +
		"WHERE e.id = ? OR e.merged_into = ?) AND " + cond + " ORDER BY published, ingested_at, id"
	return s.querySources(ctx, v, q, append([]any{entityID, entityID}, args...)...)
}

// prefixed qualifies each column of a column list with a table alias,
// inside COALESCE(...) too.
func prefixed(alias, cols string) string {
	parts := strings.Split(cols, ", ")
	for i, p := range parts {
		switch {
		case strings.HasPrefix(p, "COALESCE("):
			parts[i] = "COALESCE(" + alias + strings.TrimPrefix(p, "COALESCE(")
		case strings.HasPrefix(p, "SUBSTR("):
			parts[i] = "SUBSTR(" + alias + strings.TrimPrefix(p, "SUBSTR(")
		case strings.HasPrefix(p, "'") || strings.HasPrefix(p, "0)") || strings.HasPrefix(p, "''"):
			// the default value inside a COALESCE: not a column
		default:
			parts[i] = alias + p
		}
	}
	return strings.Join(parts, ", ")
}

// queryStatements runs a query selecting statementCols and scans every row.
func (s *Store) queryStatements(ctx context.Context, q string, args ...any) ([]model.Statement, error) {
	rows, err := s.db.QueryContext(ctx, s.rebind(q), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Statement
	for rows.Next() {
		st, err := scanStatement(rows)
		if err != nil {
			return nil, err
		}
		s.statementsRead.Add(1)
		out = append(out, st)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	return out, s.openQuotes(ctx, out)
}

// querySources runs a query selecting sourceCols and scans every row, for
// v: near-copy links to what v may not see are blanked.
func (s *Store) querySources(ctx context.Context, v access.Viewer, q string, args ...any) ([]model.Source, error) {
	return s.scanSources(ctx, v, false, q, args...)
}

// sourceTexts is querySources for a query selecting sourceCols and text:
// each text is opened and, if stored in pieces, completed.
func (s *Store) sourceTexts(ctx context.Context, v access.Viewer, q string, args ...any) ([]model.Source, error) {
	return s.scanSources(ctx, v, true, q, args...)
}

func (s *Store) scanSources(ctx context.Context, v access.Viewer, text bool, q string, args ...any) ([]model.Source, error) {
	rows, err := s.db.QueryContext(ctx, s.rebind(q), args...)
	if err != nil {
		return nil, err
	}
	out, err := collect(rows, func(r rowScanner) (model.Source, error) { return scanSource(r, text) })
	if err != nil {
		return nil, err
	}
	if err := s.openSealed(ctx, out, text); err != nil {
		return nil, err
	}
	if text {
		for i := range out {
			if err := s.completeText(ctx, &out[i]); err != nil {
				return nil, err
			}
		}
	}
	return out, s.hideUnseenOriginals(ctx, v, out)
}

// reviewCols are the columns review by claim reads of a statement: what
// grouping readings into claims, quoting them, a decision's targets and the
// access log need. Not its provenance (origin, author, when it was made
// and decided, by whom, the note): a page of claims is made of a window of
// a thousand statements and the events they belong to, and a statement's
// provenance is read when it is opened (Statement).
const reviewCols = "id, entity_id, property, value, COALESCE(value_entity, ''), COALESCE(source_id, ''), " +
	"COALESCE(span_start, 0), COALESCE(span_end, 0), quote, date_start, confidence, status, modality, role, sensitivity"

func scanReviewStatement(sc scanner) (model.Statement, error) {
	var st model.Statement
	var ds, status, modality, sens string
	var start, end int64
	err := sc.Scan(&st.ID, &st.EntityID, &st.Property, &st.Value, &st.ValueEntity, &st.SourceID, &start, &end,
		&st.Span.Quote, &ds, &st.Confidence, &status, &modality, &st.Role, &sens)
	if err != nil {
		return st, err
	}
	st.Span.Start, st.Span.End = int(start), int(end)
	st.DateStart, _ = model.ParseDate(ds)
	st.Status, st.Modality = model.Status(status), model.Modality(modality)
	st.Sensitivity, err = model.ParseSensitivity(sens)
	return st, err
}

// queryReview runs a query selecting reviewCols and scans every row.
func (s *Store) queryReview(ctx context.Context, sizeHint int, q string, args ...any) ([]model.Statement, error) {
	rows, err := s.db.QueryContext(ctx, s.rebind(q), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make([]model.Statement, 0, sizeHint)
	for rows.Next() {
		st, err := scanReviewStatement(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	return out, s.openQuotes(ctx, out)
}

// Window narrows the window review by claim groups.
type Window struct {
	// ReviewerID: only statements of the sources assigned to this
	// reviewer.
	ReviewerID string
	// Property: only statements of this property (and, when Value is not
	// "", with this value: an event type's).
	Property model.Property
	Value    string
}

// ReviewWindow is the window review by claim groups: the oldest proposed
// statements the viewer may see, narrowed by w, at most limit, as
// ReviewQueue and AssignedQueue list them but with only the columns review
// reads (reviewCols): the rest of each statement is left zero.
func (s *Store) ReviewWindow(ctx context.Context, v access.Viewer, w Window, limit int) ([]model.Statement, error) {
	cond, args := visibleFrom(v, "st.sensitivity", "st.source_id")
	q := "SELECT " + prefixed("st.", reviewCols) + " FROM statements st WHERE st.status = 'proposed' AND " + cond
	if w.ReviewerID != "" {
		q += " AND " + assignedTo
		args = append(args, w.ReviewerID)
	}
	if w.Property != "" {
		// in order by statements_status_property_created
		q += " AND st.property = ?"
		args = append(args, string(w.Property))
		if w.Value != "" {
			// A sealed source's value matches by its keyed hash.
			q += " AND (st.value = ?"
			args = append(args, w.Value)
			vk, err := s.valueKey(ctx)
			if err != nil {
				return nil, fmt.Errorf("review window: %w", err)
			}
			if vk != nil {
				q += " OR st.value_hash = ?"
				args = append(args, hashValue(vk, w.Value))
			}
			q += ")"
		}
	}
	q += fmt.Sprintf(" ORDER BY st.created_at, st.id LIMIT %d", limit)
	out, err := s.queryReview(ctx, limit, q, args...)
	if err != nil {
		return nil, fmt.Errorf("review window: %w", err)
	}
	return out, nil
}

// ReviewReadings is StatementsByEntity with only the columns review reads
// (reviewCols): every statement of each entity (an event read from a
// source: its type, date, places and participants) the viewer may see.
func (s *Store) ReviewReadings(ctx context.Context, v access.Viewer, ids []string) (map[string][]model.Statement, error) {
	out := make(map[string][]model.Statement, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	cond, args := visibleFrom(v, "sensitivity", "source_id")
	q := "SELECT " + reviewCols + " FROM statements WHERE entity_id IN (" + placeholders(len(ids)) + ") AND " + cond
	if v.ConfirmedOnly() {
		q += " AND status = 'confirmed'"
	}
	sts, err := s.queryReview(ctx, 8*len(ids), q+" ORDER BY created_at, id", append(idArgs(ids), args...)...)
	if err != nil {
		return nil, fmt.Errorf("readings of %d entities: %w", len(ids), err)
	}
	for _, id := range ids {
		out[id] = nil
	}
	for _, st := range sts {
		out[st.EntityID] = append(out[st.EntityID], st)
	}
	return out, nil
}

// SourceTexts reads, in one query per 500, the sources with their texts
// that the viewer may see among ids: what a page of claims quotes its
// sentences from. A source the viewer may not see is missing.
func (s *Store) SourceTexts(ctx context.Context, v access.Viewer, ids []string) (map[string]model.Source, error) {
	out := make(map[string]model.Source, len(ids))
	cond, vargs := visibleFrom(v, "sensitivity", "id")
	for len(ids) > 0 {
		chunk := ids[:min(len(ids), 500)]
		ids = ids[len(chunk):]
		srcs, err := s.sourceTexts(ctx, v, "SELECT "+sourceCols+", text FROM sources WHERE id IN ("+placeholders(len(chunk))+") AND "+cond,
			append(idArgs(chunk), vargs...)...)
		if err != nil {
			return nil, fmt.Errorf("sources with their texts: %w", err)
		}
		for _, src := range srcs {
			out[src.ID] = src
		}
	}
	return out, nil
}
