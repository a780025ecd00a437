package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/pgtest"
	"github.com/athar-project/athar/internal/store/storetest"
)

// TestSearchInPages: PostgreSQL reads the newest matching documents first,
// a few at a time and more each time, and must give what one query over
// the whole index gives: the newest page of matches, in the same order,
// past candidates the viewer may not see. SQLite runs the one query; both
// engines are held to the same answers.
func TestSearchInPages(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		// 30 sources, each with two statements: every third names "qassem"
		// (in its text and statements), every fifth is internal: indexed
		// in the clear, so that PostgreSQL reads it as a candidate that the
		// public viewer's policy then drops.
		var want struct{ sources, statements []string } // newest first, public
		err := st.Write(ctx, "tester", func(tx *store.Tx) error {
			for i := range 30 {
				text := fmt.Sprintf("report %d from the north", i)
				if i%3 == 0 {
					text += " naming qassem"
				}
				sens := model.Public
				if i%5 == 0 {
					sens = model.Internal
				}
				src := model.Source{Kind: model.KindArticle, Title: fmt.Sprintf("R%d", i), Language: "en", Sensitivity: sens, Text: text}
				if err := tx.AddSource(ctx, &src, []byte(text)); err != nil {
					return err
				}
				e, err := tx.AddEntity(ctx, model.TypePerson)
				if err != nil {
					return err
				}
				var stmts []string
				for j, v := range []string{fmt.Sprintf("person %d", i), fmt.Sprintf("guard %d", i)} {
					if i%3 == 0 {
						v += " qassem"
					}
					s := model.Statement{EntityID: e.ID, Property: model.Property([]string{"name", "alias"}[j]), Value: v,
						SourceID: src.ID, Sensitivity: sens, Origin: "manual"}
					if err := tx.AddStatement(ctx, &s); err != nil {
						return err
					}
					stmts = append(stmts, s.ID)
				}
				if err := tx.IndexSource(ctx, src.ID, strings.ToLower); err != nil {
					return err
				}
				if i%3 == 0 && sens == model.Public {
					want.sources = append([]string{src.ID}, want.sources...)
					// indexed in this order, so the alias is the newer
					want.statements = append([]string{stmts[1], stmts[0]}, want.statements...)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		public := access.Viewer{Name: "v", Role: model.RoleReviewer, Clearance: model.Public}
		// walk 0: PostgreSQL reads the candidates through the full-text
		// index only, as it does when the planner's walk is cut short.
		for _, w := range []struct {
			page, growth int
			walk         time.Duration
		}{{1, 1, time.Second}, {1, 2, time.Second}, {4, 8, time.Second}, {1000, 8, time.Second}, {1, 1, 0}, {1, 8, 0}, {1000, 8, 0}} {
			for _, limit := range []int{1, 3, 7, 50} {
				t.Run(fmt.Sprintf("page %d×%d walk %v limit %d", w.page, w.growth, w.walk, limit), func(t *testing.T) {
					defer store.SetSearchPage(w.page, w.growth)()
					defer store.SetCandidateWalk(w.walk)()
					for _, prefix := range []string{"qassem", "qass"} {
						hits, err := st.Search(ctx, public, store.SearchQuery{Words: []string{prefix}, Limit: limit})
						if err != nil {
							t.Fatal(err)
						}
						var srcs, stmts []string
						for _, s := range hits.Sources {
							srcs = append(srcs, s.ID)
						}
						for _, s := range hits.Statements {
							stmts = append(stmts, s.ID)
						}
						if got, w := strings.Join(srcs, " "), strings.Join(want.sources[:min(limit, len(want.sources))], " "); got != w {
							t.Errorf("%s: sources %s, want %s", prefix, got, w)
						}
						if got, w := strings.Join(stmts, " "), strings.Join(want.statements[:min(limit, len(want.statements))], " "); got != w {
							t.Errorf("%s: statements %s, want %s", prefix, got, w)
						}
					}
				})
			}
		}
	})
}

// TestCandidateWalkCutShort: a statement that outlives PostgreSQL's
// statement_timeout fails with the error the search's candidates read takes
// for "read them through the index instead", and no other error does.
// (statement_timeout is PostgreSQL's; SQLite searches in one query.)
func TestCandidateWalkCutShort(t *testing.T) {
	st := storetest.Open(t, store.Config{DataDir: t.TempDir(), DBURL: pgtest.URL(t)})
	ctx := context.Background()
	tx, err := st.DB().BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "SET LOCAL statement_timeout = 5"); err != nil {
		t.Fatal(err)
	}
	_, err = tx.ExecContext(ctx, "SELECT pg_sleep(1)")
	if !store.QueryCanceled(err) {
		t.Errorf("pg_sleep past the timeout: %v, not taken for a statement cut short", err)
	}
	if _, err := st.DB().ExecContext(ctx, "SELECT 1/0"); store.QueryCanceled(err) || err == nil {
		t.Errorf("division by zero: %v, taken for a statement cut short", err)
	}
}
