// Package storetest is the test rig for code that needs a store: it runs a
// test against the embedded SQLite store and against a throwaway PostgreSQL
// database (see pgtest), so that every package's tests cover both engines the
// same way.
package storetest

import (
	"context"
	"testing"

	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/pgtest"
)

// Engines runs test once on SQLite and once on PostgreSQL, each with a new,
// empty store that is closed when the subtest ends. Call pgtest.Stop from the
// package's TestMain.
func Engines(t *testing.T, test func(t *testing.T, st *store.Store)) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			cfg := store.Config{DataDir: t.TempDir()}
			if engine == "postgres" {
				cfg.DBURL = pgtest.URL(t)
			}
			test(t, Open(t, cfg))
		})
	}
}

// Open opens a store for a test and closes it when the test ends.
func Open(t testing.TB, cfg store.Config) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), cfg)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// Another opens a second, empty store on the engine st runs on, closed
// when the test ends.
func Another(t testing.TB, st *store.Store) *store.Store {
	t.Helper()
	cfg := store.Config{DataDir: t.TempDir()}
	if st.Engine() == "postgres" {
		cfg.DBURL = pgtest.URL(t)
	}
	return Open(t, cfg)
}
