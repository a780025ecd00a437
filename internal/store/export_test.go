package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/athar-project/athar/internal/model"
	"github.com/pressly/goose/v3"
)

// RunPlainSQL makes s run its statements as before they were kept
// prepared (Store.plainSQL), for tests that compare what both ways store.
func (s *Store) RunPlainSQL() { s.plainSQL = true }

// Prefixed exposes prefixed to the external tests.
var Prefixed = prefixed

// RedoMigrationsFrom undoes every migration from version on (the later ones
// first) and applies them all again: a test that a migration's down and up
// keep the data. It names the migration, not a count, so that migrations added
// later do not change what it undoes.
func (s *Store) RedoMigrationsFrom(ctx context.Context, version int64) error {
	fsys, err := s.migrations()
	if err != nil {
		return err
	}
	p, err := goose.NewProvider(s.dialect.gooseDialect(), s.db, fsys)
	if err != nil {
		return err
	}
	if _, err := p.DownTo(ctx, version-1); err != nil {
		return err
	}
	_, err = p.Up(ctx)
	return err
}

// DB is the database handle, for the store's own tests that inspect or
// tamper with rows directly.
func (s *Store) DB() *sql.DB { return s.db }

// Rebind rewrites a query for this engine, for the store's own tests.
func (s *Store) Rebind(q string) string { return s.rebind(q) }

// StatementsRun is how many statements write transactions have run.
func (s *Store) StatementsRun() int64 { return s.statements.Load() }

// AddClearSource stores a source as stores made before encryption at rest
// did, whatever its level: its original and text in the clear.
func (t *Tx) AddClearSource(ctx context.Context, src *model.Source, data []byte) error {
	src.SHA256, src.Size = Hash(data), int64(len(data))
	if src.ID == "" {
		src.ID = NewSourceID()
	}
	src.AddedBy, src.IngestedAt = t.actor, t.s.now()
	if err := t.s.archive.put(ctx, t, src.SHA256, data); err != nil {
		return err
	}
	return t.insert(ctx, "sources", sourceRow(src))
}

// SetReplaceKeyFile replaces the rename that puts a rotated master key in
// place, for the tests of a rotation that fails or crashes there.
func SetReplaceKeyFile(f func(from, to string) error) (restore func()) {
	old := replaceKeyFile
	replaceKeyFile = f
	return func() { replaceKeyFile = old }
}

// SetMergedIntoAsBefore merges as stores did before SetMergedInto refused
// chains: one ledgered update, no checks.
func (t *Tx) SetMergedIntoAsBefore(ctx context.Context, id, into string) error {
	return t.update(ctx, "entities", id, map[string]any{"merged_into": nullable(into)})
}

// FlattenMergeChainsAgain runs the first-open repair of merge chains again.
func (s *Store) FlattenMergeChainsAgain(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, "UPDATE store_identity SET merge_chains_flat = 0"); err != nil {
		return err
	}
	return s.flattenMergeChains(ctx)
}

// EnsureReviewClaims builds the review queue's kept claims if the store
// has not (as Open does).
func (s *Store) EnsureReviewClaims(ctx context.Context) error { return s.ensureReviewClaims(ctx) }

// IndexDocs indexes n search documents of kind "statement" with the given
// prefix to their ids, as the catch-up indexes statements.
func (t *Tx) IndexDocs(ctx context.Context, prefix string, n int) error {
	for i := range n {
		if err := t.indexDoc(ctx, "statement", fmt.Sprintf("%s-%d", prefix, i), 0, "a document", false); err != nil {
			return err
		}
	}
	return nil
}

// AnalyzeAfterDocs sets analyzeAfterDocs for a test and returns the undo.
func AnalyzeAfterDocs(n int) (undo func()) {
	was := analyzeAfterDocs
	analyzeAfterDocs = n
	return func() { analyzeAfterDocs = was }
}
