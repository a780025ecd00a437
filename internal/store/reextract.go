package store

import (
	"context"
	"fmt"

	"github.com/athar-project/athar/internal/ledger"
)

// ExtractedWith reports whether a source has mentions by this extractor
// (NAME@VERSION) and no extraction under way (StartExtraction): then
// extraction with it has run to the end.
func (t *Tx) ExtractedWith(ctx context.Context, sourceID, extractor string) (bool, error) {
	var n int
	err := t.queryRow(ctx, extractedWith, sourceID, extractor, sourceID).Scan(&n)
	return n > 0, err
}

const extractedWith = "SELECT count(*) FROM mentions WHERE source_id = ? AND extractor = ? " +
	"AND NOT EXISTS (SELECT 1 FROM extraction_runs WHERE source_id = ?)"

// StartExtraction records that the extraction of a source is being recorded
// over several transactions: until FinishExtraction, the source counts as
// not extracted, whatever it holds.
func (t *Tx) StartExtraction(ctx context.Context, sourceID, extractor string) error {
	_, err := t.exec(ctx, "INSERT INTO extraction_runs (source_id, extractor, started_at) VALUES (?, ?, ?) "+
		"ON CONFLICT (source_id) DO UPDATE SET extractor = excluded.extractor, started_at = excluded.started_at",
		sourceID, extractor, timeText(t.s.now()))
	if err != nil {
		return fmt.Errorf("start extraction of %s: %w", sourceID, err)
	}
	return nil
}

// FinishExtraction records that the extraction of a source is recorded to
// the end.
func (t *Tx) FinishExtraction(ctx context.Context, sourceID string) error {
	if _, err := t.exec(ctx, "DELETE FROM extraction_runs WHERE source_id = ?", sourceID); err != nil {
		return fmt.Errorf("finish extraction of %s: %w", sourceID, err)
	}
	return nil
}

// ExtractionUnfinished reports whether a source's extraction was started
// over several transactions and not finished (a crash, a stop): what it
// holds of it must be cleared before it is extracted again.
func (s *Store) ExtractionUnfinished(ctx context.Context, sourceID string) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, s.rebind("SELECT count(*) FROM extraction_runs WHERE source_id = ?"), sourceID).Scan(&n)
	return n > 0, err
}

// Superseded counts what ClearMachineWork removed.
type Superseded struct {
	Mentions, Statements, Entities int
}

// ClearMachineWork removes, from one source, what earlier extractors put
// there and no person has touched: mentions by any extractor other than
// keep, and proposed, unreviewed statements whose origin is extracted:* but
// not origin. Statements a person reviewed stay whatever their origin, and
// so do statements a person wrote a note on (statement_notes.go): the note
// is a reviewer's work on that very reading, kept beside it on the pages
// rather than left hanging on a statement no page shows; so do entities
// that still carry anything. Event entities left with nothing are
// removed. Every removal is in the ledger.
func (t *Tx) ClearMachineWork(ctx context.Context, sourceID, keep, origin string) (Superseded, error) {
	out, _, err := t.ClearSomeMachineWork(ctx, sourceID, keep, origin, 0)
	return out, err
}

// ClearSomeMachineWork is ClearMachineWork for at most limit mentions and
// statements (0: all), so that clearing a source that names thousands of
// things can take several transactions; more reports whether anything is
// left to clear.
func (t *Tx) ClearSomeMachineWork(ctx context.Context, sourceID, keep, origin string, limit int) (out Superseded, more bool, err error) {
	n, more, err := t.removeMentions(ctx, limit, "source_id = ? AND extractor <> ?", sourceID, keep)
	if err != nil {
		return out, false, err
	}
	out.Mentions = n
	stmtLim := ""
	if limit > 0 {
		stmtLim = fmt.Sprintf(" LIMIT %d", max(limit-n, 0)+1)
	}
	rows, err := t.query(ctx, "SELECT id, entity_id, property IN "+nameProps+" FROM statements WHERE source_id = ? AND origin LIKE 'extracted:%' AND origin <> ? "+
		"AND status = 'proposed' AND reviewer = '' "+
		"AND NOT EXISTS (SELECT 1 FROM statement_notes n WHERE n.statement_id = statements.id) ORDER BY id"+stmtLim, sourceID, origin)
	if err != nil {
		return out, false, err
	}
	var stmts, touched []string
	var named []bool
	for rows.Next() {
		var id, ent string
		var name bool
		if err := rows.Scan(&id, &ent, &name); err != nil {
			rows.Close()
			return out, false, err
		}
		stmts, touched, named = append(stmts, id), append(touched, ent), append(named, name)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return out, false, err
	}
	if allowed := max(limit-n, 0); limit > 0 && len(stmts) > allowed {
		stmts, touched, named, more = stmts[:allowed], touched[:allowed], named[:allowed], true
	}
	for _, id := range stmts {
		r, err := t.readClaimRow(ctx, id)
		if err != nil {
			return out, false, err
		}
		if err := t.countClaim(ctx, r, -1); err != nil {
			return out, false, err
		}
		t.markReview(id, r.entity, r.property)
		if err := t.remove(ctx, "statements", id); err != nil {
			return out, false, err
		}
		out.Statements++
	}
	lostName := map[string]bool{}
	for i, ent := range touched {
		lostName[ent] = lostName[ent] || named[i]
	}
	seen := map[string]bool{}
	for _, ent := range touched {
		if seen[ent] {
			continue
		}
		seen[ent] = true
		var n int
		if err := t.queryRow(ctx, "SELECT (SELECT count(*) FROM statements WHERE entity_id = ? OR value_entity = ?) + "+
			"(SELECT count(*) FROM mentions WHERE entity_id = ?) + (SELECT count(*) FROM entities WHERE merged_into = ?) + "+
			"(SELECT count(*) FROM judgements WHERE entity_a = ? OR entity_b = ?) + "+
			"(SELECT count(*) FROM merge_proposals WHERE entity_a = ? OR entity_b = ?) + "+
			"(SELECT count(*) FROM entities WHERE id = ? AND type <> 'event')",
			ent, ent, ent, ent, ent, ent, ent, ent, ent).Scan(&n); err != nil {
			return out, false, fmt.Errorf("entity %s: %w", ent, err)
		}
		if n == 0 {
			if err := t.remove(ctx, "entities", ent); err != nil {
				return out, false, err
			}
			out.Entities++
			continue
		}
		// An entity that lost a name: the ledger says so, for the
		// names indexes of other processes (NamesSince).
		if lostName[ent] {
			if err := t.namesChanged(ctx, ent); err != nil {
				return out, false, err
			}
		}
	}
	return out, more, nil
}

// AnyReviewed reports whether a person reviewed any statement of this
// source, or wrote a note on one (a person's work too): when none did, re-extraction need not ask HasReviewed of each
// statement it makes. It takes the ledger's lock first, if the transaction
// has not yet, so that no review commits before this transaction does.
func (t *Tx) AnyReviewed(ctx context.Context, sourceID string) (bool, error) {
	if err := t.lock(ctx); err != nil {
		return false, err
	}
	var n int
	err := t.queryRow(ctx, "SELECT (SELECT count(*) FROM (SELECT 1 FROM statements WHERE source_id = ? AND reviewer <> '' LIMIT 1) x) + "+
		"(SELECT count(*) FROM (SELECT 1 FROM statement_notes WHERE source_id = ? LIMIT 1) y)", sourceID, sourceID).Scan(&n)
	return n > 0, err
}

// namesChanged records in the ledger that an entity's names changed while
// its row did not (ledger.ActionNames).
func (t *Tx) namesChanged(ctx context.Context, entityID string) error {
	tb, _ := tableByName("entities")
	row, err := readRow(ctx, t.tx, t.s.dialect, tb, entityID)
	if err != nil {
		return err
	}
	return t.append(ctx, ledger.ActionNames, tb.name, entityID, ledger.RowHash(row))
}

// HasReviewed reports whether a person already reviewed a statement of this
// source saying the same (property, value, span start), or wrote a note on
// one (ClearMachineWork keeps it): re-extraction does not propose it again.
func (t *Tx) HasReviewed(ctx context.Context, sourceID, property, value string, spanStart int) (bool, error) {
	var n int
	err := t.queryRow(ctx, "SELECT count(*) FROM statements WHERE source_id = ? AND property = ? AND value = ? "+
		"AND COALESCE(span_start, -1) = ? AND "+touched, sourceID, property, value, spanStart).Scan(&n)
	if err != nil || n > 0 {
		return n > 0, err
	}
	// A sealed value (its source is sealed): the same once folded.
	k, err := t.txDataKey(ctx, sourceID)
	if err != nil || k == nil {
		return false, err
	}
	vk, err := t.readValueKey(ctx, false)
	if err != nil || vk == nil {
		return false, err
	}
	err = t.queryRow(ctx, "SELECT count(*) FROM statements WHERE source_id = ? AND property = ? AND value_hash = ? "+
		"AND COALESCE(span_start, -1) = ? AND "+touched, sourceID, property, hashValue(vk, value), spanStart).Scan(&n)
	return n > 0, err
}

// touched is the condition on statements that a person reviewed or wrote
// a note on.
const touched = "(reviewer <> '' OR EXISTS (SELECT 1 FROM statement_notes n WHERE n.statement_id = statements.id))"

// SourceIDs lists every source id, oldest first.
func (s *Store) SourceIDs(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id FROM sources ORDER BY ingested_at, id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

func (t *Tx) ids(ctx context.Context, q string, args ...any) ([]string, error) {
	rows, err := t.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// ExtractedWith reports, outside a transaction, whether a source has
// mentions by this extractor: a look before the long work of extracting
// again, which the transaction that records it checks once more.
func (s *Store) ExtractedWith(ctx context.Context, sourceID, extractor string) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, s.rebind(extractedWith), sourceID, extractor, sourceID).Scan(&n)
	return n > 0, err
}

// removeMentions deletes the mentions matching where, with their ledger
// entries and what they counted, in a constant number of statements per
// mentionBatch of them.
// At most limit of them (0: all); more reports whether others are left.
func (t *Tx) removeMentions(ctx context.Context, limit int, where string, args ...any) (removed int, more bool, err error) {
	if err := t.lock(ctx); err != nil {
		return 0, false, err
	}
	lim := ""
	if limit > 0 {
		lim = fmt.Sprintf(" LIMIT %d", limit+1)
	}
	rows, err := t.query(ctx, "SELECT id, COALESCE(entity_id, ''), source_id FROM mentions WHERE "+where+" ORDER BY id"+lim, args...)
	if err != nil {
		return 0, false, fmt.Errorf("mentions to remove: %w", err)
	}
	var ids []any
	var deltas []mentionDelta
	for rows.Next() {
		var id string
		var d mentionDelta
		if err := rows.Scan(&id, &d.entity, &d.source); err != nil {
			rows.Close()
			return 0, false, err
		}
		d.n = -1
		ids, deltas = append(ids, id), append(deltas, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, false, fmt.Errorf("mentions to remove: %w", err)
	}
	if limit > 0 && len(ids) > limit {
		ids, deltas, more = ids[:limit], deltas[:limit], true
	}
	if err := t.countMentions(ctx, deltas); err != nil {
		return 0, false, err
	}
	for rest := ids; len(rest) > 0; {
		batch := rest[:min(len(rest), mentionBatch)]
		rest = rest[len(batch):]
		res, err := t.exec(ctx, "DELETE FROM mentions WHERE id IN ("+placeholders(len(batch))+")", batch...)
		if err != nil {
			return 0, false, fmt.Errorf("delete mentions: %w", err)
		}
		if n, _ := res.RowsAffected(); n != int64(len(batch)) {
			return 0, false, fmt.Errorf("delete mentions: %d of %d gone", n, len(batch))
		}
		changes := make([]ledgerChange, len(batch))
		for i, id := range batch {
			changes[i] = ledgerChange{ledger.ActionDelete, "mentions", id.(string), ""}
		}
		if err := t.appendMany(ctx, changes); err != nil {
			return 0, false, err
		}
	}
	return len(ids), more, nil
}
