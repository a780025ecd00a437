package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/pgtest"
	"github.com/athar-project/athar/internal/store/storetest"
)

// twoHandles opens one store twice, as two processes would: a new
// SQLite data directory, or a new PostgreSQL database.
func twoHandles(t *testing.T, engine string) (a, b *store.Store) {
	t.Helper()
	cfg := store.Config{DataDir: t.TempDir()}
	if engine == "postgres" {
		cfg.DBURL = pgtest.URL(t)
	}
	a = storetest.Open(t, cfg)
	b = storetest.Open(t, cfg)
	return a, b
}

// storeUnindexed stores a public source with a name statement, without
// indexing either (as `athar ingest --queue` does), and returns the source.
func storeUnindexed(t *testing.T, st *store.Store, text, name string) model.Source {
	t.Helper()
	ctx := context.Background()
	src := model.Source{Kind: model.KindArticle, Title: "report", Language: "en", Sensitivity: model.Public, Text: text}
	err := st.Write(ctx, "tester", func(tx *store.Tx) error {
		if err := tx.AddSource(ctx, &src, []byte(text)); err != nil {
			return err
		}
		p, err := tx.AddEntity(ctx, model.TypePerson)
		if err != nil {
			return err
		}
		return tx.AddStatement(ctx, &model.Statement{EntityID: p.ID, Property: "name", Value: name, SourceID: src.ID, Origin: "manual"})
	})
	if err != nil {
		t.Fatal(err)
	}
	return src
}

func catchUp(t *testing.T, st *store.Store) int {
	t.Helper()
	n, err := st.IndexPending(context.Background(), strings.ToLower, 500)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// found reports which of the sources and statements a search for word
// found: source ids and statement values.
func found(t *testing.T, st *store.Store, word string) string {
	t.Helper()
	hits, err := st.Search(context.Background(), access.Operator(), store.SearchQuery{Words: []string{word}})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, s := range hits.Sources {
		out = append(out, s.ID)
	}
	for _, s := range hits.Statements {
		out = append(out, s.Value)
	}
	return strings.Join(out, " ")
}

func countRows(t *testing.T, st *store.Store, q string) int {
	t.Helper()
	var n int
	if err := st.DB().QueryRowContext(context.Background(), q).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// What one process stores without indexing, another's catch-up indexes,
// reading only the ledger after the search mark: once, and nothing that
// was indexed when it was stored. The mark ends at the ledger's head.
func TestSearchCatchUpFindsWhatAnotherProcessStored(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			a, b := twoHandles(t, engine)
			if n := catchUp(t, b); n != 0 {
				t.Fatalf("an empty store's catch-up indexed %d", n)
			}
			orchard := storeUnindexed(t, a, "A report on the orchard of Zabadani.", "Yusra Haddad")
			if got := found(t, b, "orchard"); got != "" {
				t.Fatalf("found before the catch-up: %q", got)
			}
			if n := catchUp(t, b); n != 1 { // the source, with its statement
				t.Errorf("the catch-up indexed %d, want the one source", n)
			}
			if got := found(t, b, "orchard"); got != orchard.ID {
				t.Errorf("orchard: %q, want %s", got, orchard.ID)
			}
			if got := found(t, b, "haddad"); got != "Yusra Haddad" {
				t.Errorf("haddad: %q", got)
			}
			// Stored and indexed in one transaction: not indexed again.
			err := a.Write(ctx, "tester", func(tx *store.Tx) error {
				src := model.Source{Kind: model.KindArticle, Title: "report", Language: "en", Sensitivity: model.Public, Text: "The quarry of Qalamoun."}
				if err := tx.AddSource(ctx, &src, []byte(src.Text)); err != nil {
					return err
				}
				return tx.IndexSource(ctx, src.ID, strings.ToLower)
			})
			if err != nil {
				t.Fatal(err)
			}
			if n := catchUp(t, b); n != 0 {
				t.Errorf("the catch-up indexed again %d documents indexed when stored", n)
			}
			// A statement added later to an indexed source: on its own.
			err = a.Write(ctx, "tester", func(tx *store.Tx) error {
				p, err := tx.AddEntity(ctx, model.TypePerson)
				if err != nil {
					return err
				}
				return tx.AddStatement(ctx, &model.Statement{EntityID: p.ID, Property: "name", Value: "Rami Khoury", SourceID: orchard.ID, Origin: "manual"})
			})
			if err != nil {
				t.Fatal(err)
			}
			if n := catchUp(t, a); n != 1 {
				t.Errorf("a later statement: %d indexed", n)
			}
			if n := catchUp(t, b); n != 0 {
				t.Errorf("a second catch-up indexed %d", n)
			}
			if got := found(t, b, "khoury"); got != "Rami Khoury" {
				t.Errorf("khoury: %q", got)
			}
			docs := countRows(t, a, "SELECT count(*) FROM search_docs")
			if rows := countRows(t, a, "SELECT (SELECT count(*) FROM sources) + (SELECT count(*) FROM statements)"); docs != rows {
				t.Errorf("%d documents for %d sources and statements", docs, rows)
			}
			h, _, err := a.Head(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if mark, known, err := b.SearchMark(ctx); err != nil || !known || mark != h {
				t.Errorf("the mark is at %d (known %v, %v), the ledger's head at %d", mark, known, err, h)
			}
		})
	}
}

// A store made before the mark (its mark not known) is looked through
// whole once, for what the ledger after any mark would not name, and then
// has its mark.
func TestSearchCatchUpOfAStoreOlderThanTheMark(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		src := storeUnindexed(t, st, "A report on the bakery of Douma.", "Salma Nassar")
		if _, err := st.DB().ExecContext(ctx, "UPDATE search_mark SET seq = NULL"); err != nil {
			t.Fatal(err)
		}
		if _, known, err := st.SearchMark(ctx); err != nil || known {
			t.Fatalf("the mark is known (%v)", err)
		}
		if n := catchUp(t, st); n != 1 { // the source, with its statement
			t.Errorf("the first catch-up indexed %d", n)
		}
		if got := found(t, st, "bakery"); got != src.ID {
			t.Errorf("bakery: %q", got)
		}
		if got := found(t, st, "nassar"); got != "Salma Nassar" {
			t.Errorf("nassar: %q", got)
		}
		h, _, _ := st.Head(ctx)
		if mark, known, err := st.SearchMark(ctx); err != nil || !known || mark != h {
			t.Errorf("after the first catch-up the mark is at %d (known %v, %v), the head at %d", mark, known, err, h)
		}
		if n := catchUp(t, st); n != 0 {
			t.Errorf("a second catch-up indexed %d", n)
		}
	})
}

// On PostgreSQL writers do not wait for a catch-up, nor it for them: a
// catch-up that runs while writers are in flight — one holding the ledger's
// lock, one waiting for it, its row already written — must not move the
// mark past what either will commit. Each is found by the first catch-up
// after it commits, and only then.
func TestSearchCatchUpDoesNotPassWritersInFlight(t *testing.T) {
	ctx := context.Background()
	writer, reader := twoHandles(t, "postgres")
	type inFlight struct {
		stored, release, done chan error
	}
	start := func(text string) inFlight {
		w := inFlight{make(chan error, 1), make(chan error), make(chan error, 1)}
		go func() {
			w.done <- writer.Write(ctx, "tester", func(tx *store.Tx) error {
				src := model.Source{Kind: model.KindArticle, Title: "report", Language: "en", Sensitivity: model.Public, Text: text}
				if err := tx.AddSource(ctx, &src, []byte(text)); err != nil {
					w.stored <- err
					return err
				}
				w.stored <- nil // holds the ledger's lock now
				return <-w.release
			})
		}()
		return w
	}
	first := start("The first report, on the mill of Harasta.")
	if err := <-first.stored; err != nil {
		t.Fatal(err)
	}
	second := start("The second report, on the well of Arbin.")
	// The second writer waits for the ledger's lock (or is about to).
	if n := catchUp(t, reader); n != 0 {
		t.Errorf("a catch-up while both write indexed %d", n)
	}
	first.release <- nil
	if err := <-first.done; err != nil {
		t.Fatal(err)
	}
	if err := <-second.stored; err != nil { // it has the lock now, uncommitted
		t.Fatal(err)
	}
	if n := catchUp(t, reader); n != 1 {
		t.Errorf("after the first commit the catch-up indexed %d, want 1", n)
	}
	if found(t, reader, "mill") == "" {
		t.Error("the first report is not found")
	}
	second.release <- nil
	if err := <-second.done; err != nil {
		t.Fatal(err)
	}
	if found(t, reader, "well") != "" {
		t.Error("the second report is found before a catch-up indexed it")
	}
	if n := catchUp(t, reader); n != 1 {
		t.Errorf("after the second commit the catch-up indexed %d, want 1", n)
	}
	if found(t, reader, "well") == "" {
		t.Error("the second report is not found")
	}
	if n := catchUp(t, reader); n != 0 {
		t.Errorf("a last catch-up indexed %d", n)
	}
}

// A transaction that indexes many search documents has PostgreSQL sample
// search_docs again once it has committed, when they are more than a tenth
// of what its statistics know: a catch-up that had just indexed a million
// documents, under statistics of an empty table, read every document for
// each batch of statements it looked up (docs/scaling.md). Autovacuum is
// off for the table here, so only the store's own ANALYZE moves reltuples.
func TestManySearchDocumentsRefreshThePlannersStatistics(t *testing.T) {
	defer store.AnalyzeAfterDocs(200)()
	ctx := context.Background()
	st := storetest.Open(t, store.Config{DataDir: t.TempDir(), DBURL: pgtest.URL(t)})
	if _, err := st.DB().ExecContext(ctx, "ALTER TABLE search_docs SET (autovacuum_enabled = false)"); err != nil {
		t.Fatal(err)
	}
	known := func() float64 {
		t.Helper()
		var n float64
		if err := st.DB().QueryRowContext(ctx, "SELECT reltuples FROM pg_class WHERE oid = 'search_docs'::regclass").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := known()
	for _, tc := range []struct {
		name string
		docs int
		want float64 // reltuples after; -1: as before
	}{
		{"fewer than the threshold: not sampled", 199, -1},
		{"the threshold, more than a tenth of what is known: sampled", 200, 399},
		{"many more", 2000, 2399},
		{"the threshold, a tenth or less of what is known: not sampled", 200, -1},
		{"more than a tenth of what is known: sampled", 300, 2899},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := st.Write(ctx, "test", func(tx *store.Tx) error { return tx.IndexDocs(ctx, strings.ReplaceAll(tc.name, " ", "-"), tc.docs) }); err != nil {
				t.Fatal(err)
			}
			want := tc.want
			if want < 0 {
				want = before
			}
			if got := known(); got != want {
				t.Errorf("reltuples = %v, want %v", got, want)
			}
			before = known()
		})
	}
}
