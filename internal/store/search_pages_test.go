package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
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
		// PostgreSQL searches through either index the operator may
		// choose: GIN (every match, sorted) or RUM (matches in id order).
		indexes := []string{""}
		if st.SearchOrder().Index != "fts5" {
			indexes = []string{"gin", "rum"}
		}
		// walk 0: PostgreSQL reads the candidates through the full-text
		// index only, as it does when the planner's walk is cut short.
		for _, index := range indexes {
			if index != "" {
				if o, err := st.SetSearchIndex(ctx, "tester", index); err != nil || o.Index != index {
					requireRUM(t, o, err)
					continue
				}
			}
			for _, w := range []struct {
				page, growth int
				walk         time.Duration
			}{{1, 1, time.Second}, {1, 2, time.Second}, {4, 8, time.Second}, {1000, 8, time.Second}, {1, 1, 0}, {1, 8, 0}, {1000, 8, 0}} {
				for _, limit := range []int{1, 3, 7, 50} {
					t.Run(fmt.Sprintf("%s page %d×%d walk %v limit %d", index, w.page, w.growth, w.walk, limit), func(t *testing.T) {
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
		}
	})
}

// requireRUM fails the test when the RUM index was chosen and is not in
// use in CI (which installs postgresql-15-rum, .ci/apt-packages), and
// otherwise says why the RUM runs are left out.
func requireRUM(t *testing.T, o store.SearchOrder, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	if o.Index == "rum" {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("search index %q (%s) after choosing rum; CI installs postgresql-15-rum", o.Index, o.Why)
	}
	t.Logf("leaving out the RUM runs: %s", o.Why)
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

// TestSearchOrderIndexes: a PostgreSQL store searches through GIN until the
// operator chooses RUM; the choice builds the RUM indexes in place of the
// GIN ones, an open builds them again when they are missing (a restore
// onto a server, the extension installed after the choice), and choosing
// GIN again puts the GIN ones back. SQLite has no such choice.
func TestSearchOrderIndexes(t *testing.T) {
	ctx := context.Background()
	cfg := store.Config{DataDir: t.TempDir(), DBURL: pgtest.URL(t)}
	st := storetest.Open(t, cfg)
	indexes := func(st *store.Store) (rum, gin int) {
		t.Helper()
		if err := st.DB().QueryRowContext(ctx, "SELECT count(*) FILTER (WHERE indexname LIKE 'search_docs_rum_%'), "+
			"count(*) FILTER (WHERE indexname LIKE 'search_docs_tsv_%') FROM pg_indexes").Scan(&rum, &gin); err != nil {
			t.Fatal(err)
		}
		return rum, gin
	}
	if o := st.SearchOrder(); o.Index != "gin" || o.Why != "" {
		t.Fatalf("a new store's search order %+v, want gin by default", o)
	}
	if rum, gin := indexes(st); rum != 0 || gin != 2 {
		t.Fatalf("a new store: %d RUM and %d GIN indexes, want 0 and 2", rum, gin)
	}
	o, err := st.SetSearchIndex(ctx, "operator", "rum")
	if requireRUM(t, o, err); o.Index != "rum" {
		t.Skip("no RUM here")
	}
	if rum, gin := indexes(st); rum != 2 || gin != 0 {
		t.Fatalf("RUM chosen: %d RUM and %d GIN indexes, want 2 and 0", rum, gin)
	}
	if _, err := st.DB().ExecContext(ctx, "DROP INDEX search_docs_rum_statement"); err != nil {
		t.Fatal(err)
	}
	again := storetest.Open(t, cfg)
	if o := again.SearchOrder(); o.Index != "rum" {
		t.Fatalf("reopened without the statements' RUM index: search order %+v, want it built again", o)
	}
	if rum, gin := indexes(again); rum != 2 || gin != 0 {
		t.Fatalf("reopened: %d RUM and %d GIN indexes, want 2 and 0", rum, gin)
	}
	if o, err := again.SetSearchIndex(ctx, "operator", "gin"); err != nil || o.Index != "gin" {
		t.Fatalf("GIN chosen again: %+v %v", o, err)
	}
	if rum, gin := indexes(again); rum != 0 || gin != 2 {
		t.Fatalf("GIN chosen again: %d RUM and %d GIN indexes, want 0 and 2", rum, gin)
	}
	if _, err := again.SetSearchIndex(ctx, "operator", "btree"); err == nil {
		t.Error("search index btree accepted")
	}
	sq := storetest.Open(t, store.Config{DataDir: t.TempDir()})
	if o := sq.SearchOrder(); o.Index != "fts5" {
		t.Errorf("SQLite's search order %q, want fts5", o.Index)
	}
	if _, err := sq.SetSearchIndex(ctx, "operator", "rum"); err == nil {
		t.Error("SQLite took a choice of search index")
	}
}

// TestSearchOrderWithoutTheRight: a database role that may not create the
// RUM extension (only a superuser may) opens the store all the same, and
// its search keeps the GIN indexes and says why.
func TestSearchOrderWithoutTheRight(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	admin, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	role := fmt.Sprintf("athar_plain_%d", os.Getpid())
	for _, q := range []string{"CREATE ROLE " + role + " LOGIN", "ALTER DATABASE " + strings.TrimPrefix(url[strings.LastIndex(url, "/"):strings.Index(url, "?")], "/") + " OWNER TO " + role} {
		if _, err := admin.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	t.Cleanup(func() {
		_, _ = admin.ExecContext(ctx, "REASSIGN OWNED BY "+role+" TO postgres")
		_, _ = admin.ExecContext(ctx, "DROP ROLE "+role)
	})
	st := storetest.Open(t, store.Config{DataDir: t.TempDir(), DBURL: strings.Replace(url, "postgres://postgres@", "postgres://"+role+"@", 1)})
	o, err := st.SetSearchIndex(ctx, "operator", "rum")
	if err != nil {
		t.Fatal(err)
	}
	if o.Index != "gin" || !strings.Contains(o.Why, "may not create") {
		t.Fatalf("search order %q (%s), want gin because the role may not create the extension", o.Index, o.Why)
	}
	var gin int
	if err := st.DB().QueryRowContext(ctx, "SELECT count(*) FROM pg_indexes WHERE indexname LIKE 'search_docs_tsv_%'").Scan(&gin); err != nil || gin != 2 {
		t.Fatalf("GIN indexes: %d (%v), want 2", gin, err)
	}
	hits, err := st.Search(ctx, access.Viewer{Name: "v", Role: model.RoleAdmin, Clearance: model.Restricted}, store.SearchQuery{Words: []string{"nothing"}, Limit: 5})
	if err != nil || len(hits.Sources)+len(hits.Statements) != 0 {
		t.Fatalf("search without RUM: %v %v", hits, err)
	}
}
