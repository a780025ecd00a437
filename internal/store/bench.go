package store

import (
	"context"
	"fmt"
)

// What benchmarks (cmd/athar-bench) read of a store to report on it and to
// draw pages from it.

// Counts is how much a store holds.
type Counts struct {
	Sources, Statements, Entities int64 // entities: not merged away
}

// Count counts what a store holds.
func (s *Store) Count(ctx context.Context) (Counts, error) {
	var c Counts
	for _, q := range []struct {
		sql string
		dst *int64
	}{
		{"SELECT count(*) FROM entities WHERE merged_into IS NULL", &c.Entities},
		{"SELECT count(*) FROM statements", &c.Statements},
		{"SELECT count(*) FROM sources", &c.Sources},
	} {
		if err := s.db.QueryRowContext(ctx, q.sql).Scan(q.dst); err != nil {
			return c, fmt.Errorf("count: %w", err)
		}
	}
	return c, nil
}

// Sample is what a benchmark draws pages from: ids of sources and of
// entities of each type that are not merged away, and names, each up to a
// bound (drawn from a prefix of an index, not ORDER BY random() over a
// million rows).
type Sample struct {
	Sources  []string
	Entities map[string][]string // by type
	Names    []string
}

// SampleForPages reads a Sample of up to limit of each.
func (s *Store) SampleForPages(ctx context.Context, limit int) (Sample, error) {
	out := Sample{Entities: map[string][]string{}}
	var err error
	if out.Sources, err = s.strings(ctx, fmt.Sprintf("SELECT id FROM sources LIMIT %d", limit)); err != nil {
		return out, err
	}
	for _, t := range []string{"person", "facility", "place", "organization", "event"} {
		if out.Entities[t], err = s.strings(ctx, fmt.Sprintf("SELECT id FROM entities WHERE type = ? AND merged_into IS NULL LIMIT %d", limit), t); err != nil {
			return out, err
		}
	}
	out.Names, err = s.strings(ctx, fmt.Sprintf("SELECT value FROM statements WHERE property = 'name' AND value_hash = '' AND value NOT LIKE '"+sealedPrefix+"%%' LIMIT %d", limit))
	return out, err
}

func (s *Store) strings(ctx context.Context, q string, args ...any) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, s.rebind(q), args...)
	if err != nil {
		return nil, fmt.Errorf("sample: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// countable are the tables CountRows counts.
var countable = map[string]bool{"sources": true, "statements": true, "mentions": true, "entities": true,
	"search_docs": true, "ledger": true, "judgements": true, "merge_proposals": true, "source_bands": true}

// CountRows counts the rows of one of the store's main tables (sources,
// statements, mentions, entities, search_docs, ledger, judgements,
// merge_proposals, and source_bands: the sources' near-duplicate keys),
// whoever may see them: for reports and tests.
func (s *Store) CountRows(ctx context.Context, table string) (int64, error) {
	if !countable[table] {
		return 0, fmt.Errorf("count rows: %q is not a table this counts", table)
	}
	var n int64
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM "+table).Scan(&n); err != nil {
		return 0, fmt.Errorf("count %s: %w", table, err)
	}
	return n, nil
}

// ScanUnindexed runs what the search catch-up ran before the search mark
// (migration 00037), once a minute in every server, whether anything was
// new or not: a look through every source and statement for those the
// index lacks (at most 500 of each). It returns how many it found. For the
// benchmark that compares the two; it writes nothing.
func (s *Store) ScanUnindexed(ctx context.Context) (int, error) {
	n := 0
	for _, kind := range []string{"source", "statement"} {
		table, pending := "sources", " AND NOT EXISTS (SELECT 1 FROM source_text_pending p WHERE p.source_id = x.id)"
		if kind == "statement" {
			table, pending = "statements", ""
		}
		ids, err := s.strings(ctx, "SELECT x.id FROM "+table+" x WHERE NOT EXISTS "+
			"(SELECT 1 FROM search_docs d WHERE d.kind = '"+kind+"' AND d.ref_id = x.id)"+pending+" LIMIT 500")
		if err != nil {
			return n, err
		}
		n += len(ids)
	}
	return n, nil
}
