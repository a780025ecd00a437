package benchgen

import (
	"context"
	"os"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/pgtest"
	"github.com/athar-project/athar/internal/store/storetest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	pgtest.Stop()
	os.Exit(code)
}

func TestFill(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		calls := 0
		fs, err := Fill(ctx, st, 500, 20, func(int) { calls++ })
		if err != nil {
			t.Fatal(err)
		}
		if fs.Statements < 500 || fs.Statements > 510 || fs.Sources != 6 || calls < 2 {
			t.Errorf("filled %+v in %d batches", fs, calls)
		}
		counted := 0
		after := ""
		for {
			page, err := st.EntityPage(ctx, after, 100)
			if err != nil {
				t.Fatal(err)
			}
			if len(page) == 0 {
				break
			}
			for _, e := range page {
				ss, err := st.Statements(ctx, access.Operator(), e.ID)
				if err != nil {
					t.Fatal(err)
				}
				for _, s := range ss {
					counted++
					if s.Span.Quote == "" || s.SourceID == "" {
						t.Errorf("statement %s without a quote or source", s.ID)
					}
				}
			}
			after = page[len(page)-1].ID
		}
		if counted != fs.Statements {
			t.Errorf("%d statements stored, %d reported", counted, fs.Statements)
		}
		if rep, err := st.Verify(ctx); err != nil || !rep.OK {
			t.Errorf("verify: %v", err)
		}
	})
}
