package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// The search index's catch-up: what was stored without being indexed (by
// another process — `athar ingest --queue` before its jobs ran — or by an
// older version) is indexed later, by whichever process catches up first.
//
// It does not look through every source and statement for what is not
// indexed (an anti-join over all of them: 18 s of a core a run at a million
// statements). The search mark (search_mark) says up to which ledger
// position everything stored is indexed: a catch-up reads the ledger after
// it — the sources, statements and text pieces inserted since — indexes
// those not indexed yet and moves the mark, in the transaction that writes
// the documents. The ledger's positions are handed out under its lock, one
// writer at a time, and the lock is held until the writer commits: every
// entry up to the head a reader sees is committed, and none below it can
// commit later. (A per-table id would not do on PostgreSQL: ids are drawn
// before commit, and a transaction that drew a smaller one may commit after
// a larger one was seen.)
//
// Documents removed to be indexed again — a source sealed in place, the
// search key rotated, a take-down — were indexed before the mark, so the
// transaction that removes them queues them (search_stale) and the catch-up
// indexes them first. A store older than the mark has none (NULL): its
// first catch-up looks through everything once, as before, and then sets
// it.

// markWindow is how many ledger entries one catch-up transaction reads at
// most.
const markWindow = 20000

// IndexPending indexes up to limit sources and statements not indexed yet,
// in transactions of at most limit each, and returns how many it indexed:
// fewer than limit when nothing is left. A source counts once with its
// statements. search.CatchUp calls it until it returns fewer.
func (s *Store) IndexPending(ctx context.Context, fold Folder, limit int) (int, error) {
	if limit <= 0 {
		return 0, nil
	}
	total := 0
	for total < limit {
		n, more, err := s.indexStale(ctx, fold, limit-total)
		total += n
		if err != nil {
			return total, err
		}
		if !more {
			break
		}
	}
	for total < limit {
		n, more, err := s.indexNew(ctx, fold, limit-total)
		total += n
		if err != nil || !more {
			return total, err
		}
	}
	return total, nil
}

// SearchMark is the ledger position up to which everything stored is
// indexed for search; known is false on a store older than the mark whose
// first catch-up has not run to the end yet.
func (s *Store) SearchMark(ctx context.Context) (seq int64, known bool, err error) {
	var v sql.NullInt64
	if err := s.db.QueryRowContext(ctx, "SELECT seq FROM search_mark WHERE id = 1").Scan(&v); err != nil {
		return 0, false, fmt.Errorf("read the search mark: %w", err)
	}
	return v.Int64, v.Valid, nil
}

// searchMark reads the mark in the transaction; on PostgreSQL it locks its
// row until the transaction ends, so that catch-ups of several processes
// take turns rather than index the same documents at once.
func (t *Tx) searchMark(ctx context.Context) (seq int64, known bool, err error) {
	q := "SELECT seq FROM search_mark WHERE id = 1"
	if t.s.dialect.name() == "postgres" {
		q += " FOR UPDATE"
	}
	var v sql.NullInt64
	if err := t.queryRow(ctx, q).Scan(&v); err != nil {
		return 0, false, fmt.Errorf("read the search mark: %w", err)
	}
	return v.Int64, v.Valid, nil
}

func (t *Tx) setSearchMark(ctx context.Context, seq int64) error {
	if _, err := t.exec(ctx, "UPDATE search_mark SET seq = ? WHERE id = 1 AND (seq IS NULL OR seq < ?)", seq, seq); err != nil {
		return fmt.Errorf("move the search mark: %w", err)
	}
	return nil
}

// queueReindex queues sources (with their statements) whose documents the
// transaction removes, to be indexed again by the catch-up.
func (t *Tx) queueReindex(ctx context.Context, kind, selectIDs string, args ...any) error {
	if _, err := t.exec(ctx, "INSERT INTO search_stale (kind, ref_id) SELECT '"+kind+"', x.id FROM ("+selectIDs+") x "+
		"WHERE true ON CONFLICT DO NOTHING", args...); err != nil {
		return fmt.Errorf("queue %ss to index again: %w", kind, err)
	}
	return nil
}

// indexStale indexes, in one transaction, up to want of the sources and
// statements queued to be indexed again; more reports whether the queue
// may hold others.
func (s *Store) indexStale(ctx context.Context, fold Folder, want int) (n int, more bool, err error) {
	// Looked at first outside a transaction: on SQLite a write
	// transaction takes the database's write lock, even to find nothing.
	// (What is queued after this look, the next catch-up indexes.)
	var queued int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM (SELECT 1 FROM search_stale LIMIT 1) q").Scan(&queued); err != nil || queued == 0 {
		return 0, false, err
	}
	err = s.Write(ctx, "search-index", func(t *Tx) error {
		n, more = 0, false
		rows, err := t.query(ctx, fmt.Sprintf("SELECT kind, ref_id FROM search_stale ORDER BY kind, ref_id LIMIT %d", want))
		if err != nil {
			return fmt.Errorf("read what to index again: %w", err)
		}
		type item struct{ kind, id string }
		var items []item
		for rows.Next() {
			var it item
			if err := rows.Scan(&it.kind, &it.id); err != nil {
				rows.Close()
				return err
			}
			items = append(items, it)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		more = len(items) == want
		for _, it := range items {
			table := "sources"
			if it.kind == "statement" {
				table = "statements"
			}
			var have int
			if err := t.queryRow(ctx, "SELECT count(*) FROM "+table+" WHERE id = ?", it.id).Scan(&have); err != nil {
				return err
			}
			if have > 0 { // else deleted since: nothing to index
				if it.kind == "source" {
					err = t.IndexSource(ctx, it.id, fold)
				} else {
					err = t.IndexStatement(ctx, it.id, fold)
				}
				if err != nil {
					return err
				}
				n++
			}
			if _, err := t.exec(ctx, "DELETE FROM search_stale WHERE kind = ? AND ref_id = ?", it.kind, it.id); err != nil {
				return err
			}
		}
		return nil
	})
	return n, more, err
}

// indexNew indexes, in one transaction, up to want of what the ledger
// recorded after the mark and is not indexed, and moves the mark past what
// it looked at; more reports whether the ledger holds more after it. On a
// store without a mark yet it looks for what is not indexed among every
// source and statement instead, and sets the mark once it has found all of
// it.
func (s *Store) indexNew(ctx context.Context, fold Folder, want int) (n int, more bool, err error) {
	// Nothing after the mark: seen outside a transaction, as above.
	mark, known, err := s.SearchMark(ctx)
	if err != nil {
		return 0, false, err
	}
	if known {
		h, _, err := s.Head(ctx)
		if err != nil || h <= mark {
			return 0, false, err
		}
	}
	err = s.Write(ctx, "search-index", func(t *Tx) error {
		n, more = 0, false
		mark, known, err := t.searchMark(ctx)
		if err != nil {
			return err
		}
		// Every entry up to the head is committed, and what they
		// stored is visible to what this transaction reads next.
		h, _, err := head(ctx, t.tx, t.s.dialect)
		if err != nil {
			return err
		}
		if !known {
			if n, err = t.indexUnindexed(ctx, fold, want); err != nil {
				return err
			}
			if more = n == want; more {
				return nil
			}
			return t.setSearchMark(ctx, h)
		}
		if h <= mark {
			return nil
		}
		upto := min(h, mark+markWindow)
		cut, err := t.indexLedgered(ctx, fold, mark, upto, want, &n)
		if err != nil {
			return err
		}
		more = cut < h
		return t.setSearchMark(ctx, cut)
	})
	return n, more, err
}

// ledgered is a source or statement a ledger entry inserted (a piece of a
// source's text stands for its source).
type ledgered struct {
	seq      int64
	kind, id string
}

// indexLedgered indexes what the ledger entries after mark, up to upto,
// inserted and is not indexed, at most want of them (counted in n), and
// returns the position up to which it looked at everything.
func (t *Tx) indexLedgered(ctx context.Context, fold Folder, mark, upto int64, want int, n *int) (int64, error) {
	rows, err := t.query(ctx, "SELECT seq, tbl, row_id FROM ledger WHERE seq > ? AND seq <= ? AND action = 'insert' "+
		"AND tbl IN ('sources', 'statements', 'source_texts') ORDER BY seq", mark, upto)
	if err != nil {
		return 0, fmt.Errorf("read the ledger for search: %w", err)
	}
	var entries []ledgered
	var sources, statements []string
	for rows.Next() {
		var e ledgered
		var tbl string
		if err := rows.Scan(&e.seq, &tbl, &e.id); err != nil {
			rows.Close()
			return 0, err
		}
		switch tbl {
		case "statements":
			e.kind = "statement"
			statements = append(statements, e.id)
		case "source_texts":
			// The last piece of a long text: its source, indexed
			// once its text is whole, may be now.
			e.id = e.id[:max(strings.LastIndexByte(e.id, ':'), 0)]
			fallthrough
		default:
			e.kind = "source"
			sources = append(sources, e.id)
		}
		entries = append(entries, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	// Of those, the ones still stored and not indexed (nor with a text
	// still being written); a statement's source, to index it with it.
	unSources := map[string]bool{}
	for i := 0; i < len(sources); i += feedChunk {
		part := sources[i:min(i+feedChunk, len(sources))]
		if err := eachRow(ctx, t.tx, t.s.dialect, "SELECT x.id FROM sources x WHERE x.id IN ("+placeholders(len(part))+") "+
			"AND NOT EXISTS (SELECT 1 FROM search_docs d WHERE d.kind = 'source' AND d.ref_id = x.id"+perRow(t.s.dialect)+") "+
			"AND NOT EXISTS (SELECT 1 FROM source_text_pending p WHERE p.source_id = x.id)", part, func(rs *sql.Rows) error {
			var id string
			err := rs.Scan(&id)
			unSources[id] = true
			return err
		}); err != nil {
			return 0, fmt.Errorf("sources to index: %w", err)
		}
	}
	unStatements := map[string]string{}
	for i := 0; i < len(statements); i += feedChunk {
		part := statements[i:min(i+feedChunk, len(statements))]
		if err := eachRow(ctx, t.tx, t.s.dialect, "SELECT x.id, COALESCE(x.source_id, '') FROM statements x WHERE x.id IN ("+placeholders(len(part))+") "+
			"AND NOT EXISTS (SELECT 1 FROM search_docs d WHERE d.kind = 'statement' AND d.ref_id = x.id"+perRow(t.s.dialect)+")", part, func(rs *sql.Rows) error {
			var id, src string
			err := rs.Scan(&id, &src)
			unStatements[id] = src
			return err
		}); err != nil {
			return 0, fmt.Errorf("statements to index: %w", err)
		}
	}
	withSource := map[string]bool{} // sources indexed here, with their statements
	for _, e := range entries {
		switch {
		case e.kind == "source" && unSources[e.id] && !withSource[e.id]:
			if *n == want {
				return e.seq - 1, nil
			}
			if err := t.IndexSource(ctx, e.id, fold); err != nil {
				return 0, err
			}
			withSource[e.id] = true
		case e.kind == "statement":
			src, ok := unStatements[e.id]
			if !ok || withSource[src] {
				continue
			}
			if *n == want {
				return e.seq - 1, nil
			}
			if err := t.IndexStatement(ctx, e.id, fold); err != nil {
				return 0, err
			}
			// Indexed on its own once: a later entry of it (none
			// today) is not indexed again.
			delete(unStatements, e.id)
		default:
			continue
		}
		*n++
	}
	return upto, nil
}

// perRow ends a correlated NOT EXISTS that looks up each of a few rows in
// search_docs, so that it stays a probe of the (kind, ref_id) index per row.
// PostgreSQL otherwise turns it into an anti-join, planned from statistics
// that lag behind search_docs: after a catch-up indexed a million documents
// in one go they still described a table of a few sources, and each batch of
// 500 statements read and compared every statement document instead — 22 s
// a probe at a million statements, over ten hours for the whole catch-up
// (docs/scaling.md). OFFSET 0 keeps the subquery from being pulled up into a
// join: 10 ms with such statistics, 4.5 ms with fresh ones, the same as the
// anti-join's best. Statistics that say the table is empty still make each
// probe a scan (45 s a batch); a transaction that indexed many documents has
// the table sampled again after it commits (analyzeSearchDocs), so that the
// next ones do not plan from those. SQLite runs a correlated subquery a row
// at a time.
func perRow(d dialect) string {
	if d.name() == "postgres" {
		return " OFFSET 0"
	}
	return ""
}

// indexUnindexed indexes up to want sources and statements not indexed
// yet, found by looking through all of them: the first catch-up of a store
// older than the search mark.
func (t *Tx) indexUnindexed(ctx context.Context, fold Folder, want int) (int, error) {
	n := 0
	for _, kind := range []string{"source", "statement"} {
		table := "sources"
		if kind == "statement" {
			table = "statements"
		}
		// A source whose text is still being written is indexed
		// once it is whole.
		pending := ""
		if kind == "source" {
			pending = " AND NOT EXISTS (SELECT 1 FROM source_text_pending p WHERE p.source_id = x.id)"
		}
		ids, err := t.ids(ctx, fmt.Sprintf("SELECT x.id FROM %s x WHERE NOT EXISTS "+
			"(SELECT 1 FROM search_docs d WHERE d.kind = '%s' AND d.ref_id = x.id)%s LIMIT %d", table, kind, pending, want-n))
		if err != nil {
			return n, err
		}
		for _, id := range ids {
			var err error
			if kind == "source" {
				err = t.IndexSource(ctx, id, fold)
			} else {
				err = t.IndexStatement(ctx, id, fold)
			}
			if err != nil {
				return n, err
			}
			n++
		}
		if n >= want {
			return n, nil
		}
	}
	return n, nil
}
