package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// Withdrawn stands for the text, lead and quotes of a source taken down:
// what footnotes that cited it show in their place.
const Withdrawn = "source withdrawn"

// ErrWithdrawn means a source was taken down: its content is gone for good.
var ErrWithdrawn = errors.New(Withdrawn)

// TakeDown erases a source's content for good by destroying its data key
// (crypto-shredding): its text and the quotes drawn from it, sealed in the
// database, and its original, sealed in the archive, can no longer be read
// anywhere — backups made afterwards included. A source not yet sealed is
// sealed first. Its entries in the search index and its near-duplicate
// signature and keys are removed (derived from the text, they would still
// link a later copy to it, and confirm a guess of what it said); the take-down
// is recorded in the ledger (takedowns), which still verifies, since it
// hashed what was stored. The facts drawn from it stay, their quote
// withdrawn. Whether the actor may is the caller's rule.
func (t *Tx) TakeDown(ctx context.Context, sourceID, reason string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return errors.New("a take-down needs a reason")
	}
	var n int
	if err := t.queryRow(ctx, "SELECT count(*) FROM sources WHERE id = ?", sourceID).Scan(&n); err != nil {
		return fmt.Errorf("take down %s: %w", sourceID, err)
	}
	if n == 0 {
		return fmt.Errorf("source %s: %w", sourceID, ErrNotFound)
	}
	if err := t.queryRow(ctx, "SELECT count(*) FROM takedowns WHERE source_id = ?", sourceID).Scan(&n); err != nil {
		return fmt.Errorf("take down %s: %w", sourceID, err)
	}
	if n > 0 {
		return fmt.Errorf("source %s: %w already", sourceID, ErrWithdrawn)
	}
	if err := t.sealExisting(ctx, sourceID); err != nil {
		return err
	}
	// Read while the key still opens the text.
	if err := t.forgetNearDuplicateKeys(ctx, sourceID); err != nil {
		return err
	}
	// The row stays, without its key: it still names the sealed original,
	// which verify goes on checking.
	if _, err := t.exec(ctx, "UPDATE source_keys SET wrapped = '' WHERE source_id = ?", sourceID); err != nil {
		return fmt.Errorf("destroy the data key of %s: %w", sourceID, err)
	}
	delete(t.keys, sourceID)
	if err := t.forgetValueHashes(ctx, sourceID); err != nil {
		return err
	}
	if err := t.forgetProposalReasons(ctx, sourceID); err != nil {
		return err
	}
	if err := t.unindexSource(ctx, sourceID); err != nil {
		return err
	}
	if err := t.insert(ctx, "takedowns", map[string]any{"source_id": sourceID, "reason": reason, "actor": t.actor, "at": t.at}); err != nil {
		return err
	}
	return nil
}

// secureDelete turns SQLite's secure_delete on for the transaction's
// connection, and off again when it ends: what the transaction deletes or
// rewrites (a clear text sealed in place, a destroyed key, index entries) is
// zeroed in the database's pages, not left in free space. Only for these
// transactions: on for every write, it made the workers' extraction about
// three times slower (river's job rows are rewritten at every step).
func (t *Tx) secureDelete(ctx context.Context) error {
	if t.s.dialect.name() != "sqlite" || t.secure {
		return nil
	}
	if _, err := t.exec(ctx, "PRAGMA secure_delete = ON"); err != nil {
		return fmt.Errorf("secure_delete: %w", err)
	}
	t.secure = true
	return nil
}

// unindexSource removes a source's document and its statements' from the
// search index.
func (t *Tx) unindexSource(ctx context.Context, sourceID string) error {
	if err := t.secureDelete(ctx); err != nil {
		return err
	}
	docs := "SELECT id FROM search_docs WHERE (kind = 'source' AND ref_id = ?) OR " +
		"(kind = 'statement' AND ref_id IN (SELECT id FROM statements WHERE source_id = ?))"
	if t.s.dialect.name() == "sqlite" {
		if _, err := t.exec(ctx, "DELETE FROM search_fts WHERE rowid IN ("+docs+")", sourceID, sourceID); err != nil {
			return fmt.Errorf("unindex %s: %w", sourceID, err)
		}
	}
	if _, err := t.exec(ctx, "DELETE FROM search_docs WHERE id IN ("+docs+")", sourceID, sourceID); err != nil {
		return fmt.Errorf("unindex %s: %w", sourceID, err)
	}
	// indexed again (sealed, or as what a take-down left) by the catch-up
	if err := t.queueReindex(ctx, "source", "SELECT CAST(? AS TEXT) AS id", sourceID); err != nil {
		return err
	}
	t.queueScrub(ctx)
	return nil
}

// queueScrub makes what the transaction deletes or rewrites unrecoverable
// from the database's files once it commits (scrub), once per
// transaction.
func (t *Tx) queueScrub(ctx context.Context) {
	if !t.scrub {
		t.scrub = true
		t.afterCommit = append(t.afterCommit, func() error { return t.s.scrub(context.WithoutCancel(ctx)) })
	}
}

// scrub makes what a take-down or a sealing in place deleted unrecoverable
// from the database's files. On SQLite the full-text index is merged whole
// (FTS5 keeps a deleted document's words in its segments until they are
// merged), freed pages are zeroed (secure_delete), and the write-ahead log
// is folded into the database and truncated. PostgreSQL vacuums the tables
// whose rows went, so that their space is reused; it does not rewrite
// them (see docs/security.md).
func (s *Store) scrub(ctx context.Context) error {
	if s.dialect.name() == "sqlite" {
		// Run from Write, which still holds the gate: not execWrite; on
		// a connection of its own, with secure_delete on.
		conn, err := s.db.Conn(ctx)
		if err != nil {
			return err
		}
		defer conn.Close()
		for _, q := range []string{"PRAGMA secure_delete = ON", "INSERT INTO search_fts(search_fts) VALUES ('optimize')", "PRAGMA secure_delete = OFF"} {
			if _, err := conn.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("merge the search index: %w", err)
			}
		}
		if _, err := s.db.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
			return fmt.Errorf("after the take-down, checkpoint the WAL: %w", err)
		}
		return nil
	}
	for _, tb := range []string{"source_keys", "search_docs"} {
		if _, err := s.db.ExecContext(ctx, "VACUUM "+tb); err != nil {
			return fmt.Errorf("after the take-down, vacuum %s: %w", tb, err)
		}
	}
	return nil
}

// TakenDown is one take-down as the ledger recorded it.
type TakenDown struct {
	SourceID string `json:"source_id"`
	Reason   string `json:"reason"`
	Actor    string `json:"actor"`
	At       string `json:"at"`
}

// TakeDowns lists the take-downs, oldest first (for admins: a reason may
// say why a witness asked).
func (s *Store) TakeDowns(ctx context.Context) ([]TakenDown, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT source_id, reason, actor, at FROM takedowns ORDER BY at, source_id")
	if err != nil {
		return nil, fmt.Errorf("take-downs: %w", err)
	}
	defer rows.Close()
	var out []TakenDown
	for rows.Next() {
		var x TakenDown
		if err := rows.Scan(&x.SourceID, &x.Reason, &x.Actor, &x.At); err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}
