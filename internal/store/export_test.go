package store

import (
	"context"
	"database/sql"

	"github.com/pressly/goose/v3"
)

// Prefixed exposes prefixed to the external tests.
var Prefixed = prefixed

// StepMigrations undoes the last n migrations and applies them again: a test
// of what they do to a store holding rows.
func (s *Store) StepMigrations(ctx context.Context, n int) error {
	fsys, err := s.migrations()
	if err != nil {
		return err
	}
	p, err := goose.NewProvider(s.dialect.gooseDialect(), s.db, fsys)
	if err != nil {
		return err
	}
	for range n {
		if _, err := p.Down(ctx); err != nil {
			return err
		}
	}
	_, err = p.Up(ctx)
	return err
}

// DB is the database handle, for the store's own tests that inspect or
// tamper with rows directly.
func (s *Store) DB() *sql.DB { return s.db }

// Rebind rewrites a query for this engine, for the store's own tests.
func (s *Store) Rebind(q string) string { return s.rebind(q) }
