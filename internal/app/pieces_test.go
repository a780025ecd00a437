package app_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/pgtest"
	"github.com/athar-project/athar/internal/store/storetest"
)

// quietText is a text of about size bytes that names a few people and
// then goes on saying nothing an extractor records, its last line holding a
// word nothing else does.
func quietText(size int) []byte {
	var b strings.Builder
	b.WriteString("Title: A long quiet text\n---\n")
	b.Write(longReport(2)[len("Title: A long report\n---\n"):])
	for i := 0; b.Len() < size-100; i++ {
		fmt.Fprintf(&b, "the river ran low and the fields were dry in the late summer, line %d.\n", i)
	}
	b.WriteString("the last line holds a word nothing else does: quillwort.\n")
	return []byte(b.String())
}

// textOf is the text a source of a quietText file holds: its title, a
// newline, its body.
func textOf(file []byte) string {
	return "A long quiet text\n" + strings.SplitN(string(file), "---\n", 2)[1]
}

// reextract re-extracts one source as the operator.
func reextract(ctx context.Context, a *app.App, id string) error {
	var out error
	err := a.Reextract(ctx, access.Operator(), []string{id}, func(_ app.Extracted, err error) {
		if err != nil {
			out = err
		}
	})
	if err != nil {
		return err
	}
	return out
}

// twoStores opens two stores on one database, one after the other, as two
// processes would: each with its own connections, and on SQLite its own
// lock waits.
func twoStores(t *testing.T, test func(t *testing.T, st, other *store.Store)) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			cfg := store.Config{DataDir: t.TempDir()}
			if engine == "postgres" {
				cfg.DBURL = pgtest.URL(t)
			}
			st := storetest.Open(t, cfg)
			test(t, st, storetest.Open(t, cfg))
		})
	}
}

// While an 8 MiB text is ingested — its row, then its text a piece at a
// time, its search document a part at a time, then its findings — another
// process signs someone in (a session's row) and ingests a small text: both
// of their write transactions commit, neither refused with a busy or locked
// database (issue 18, finding 1: logins failed with "database is locked"
// during a large upload). The other process starts once the large text's
// second piece is about to be written, and the large ingest waits for it
// before its search document's third part, so that the two overlap
// whatever the machine's speed; nothing here measures time.
func TestWritersDuringALongText(t *testing.T) {
	twoStores(t, func(t *testing.T, st, other *store.Store) {
		ctx := context.Background()
		a := app.New(st, app.Config{})
		u := model.User{Name: "adel", Role: model.RoleViewer, Clearance: model.Public}
		if err := st.Write(ctx, "admin", func(tx *store.Tx) error { return tx.AddUser(ctx, &u) }); err != nil {
			t.Fatal(err)
		}
		head, _, err := st.Head(ctx)
		if err != nil {
			t.Fatal(err)
		}
		type outcome struct {
			session error
			small   app.IngestResult
			err     error
		}
		done := make(chan outcome, 1)
		started := false
		app.SetBetween(a, func(step string, n int) {
			switch {
			case step == "piece" && n == 2 && !started:
				started = true
				go func() {
					var o outcome
					now := time.Now()
					o.session = other.Sessions().Create(ctx, model.Session{ID: fmt.Sprintf("%064x", 1), UserID: u.ID, UserName: u.Name,
						CSRF: "c", CreatedAt: now, LastSeen: now, ExpiresAt: now.Add(time.Hour)})
					o.small, o.err = app.New(other, app.Config{}).IngestBytes(ctx, access.Operator(), "small.txt",
						[]byte("Title: A short note\n---\nA short note written while a long text was stored.\n"), app.IngestOptions{})
					done <- o
				}()
			case step == "part" && n == 2 && started:
				o := <-done
				if o.session != nil {
					t.Errorf("a session could not be created during the long ingest: %v", o.session)
				}
				if o.err != nil || o.small.Outcome != app.Stored || o.small.Err != nil {
					t.Errorf("a small ingest during the long one: %+v %v", o.small, o.err)
				}
				done <- o
			}
		})
		text := quietText(8 << 20)
		got, err := a.IngestBytes(ctx, access.Operator(), "long.txt", text, app.IngestOptions{})
		if err != nil || got.Outcome != app.Stored || got.Err != nil {
			t.Fatalf("the long ingest: %+v %v", got, err)
		}
		if !started {
			t.Fatal("the long text was not written in pieces")
		}
		o := <-done
		// The small source's row lies between the long one's first and
		// last entries in the ledger.
		entries, err := st.Ledger(ctx, head, 10_000_000)
		if err != nil {
			t.Fatal(err)
		}
		var smallAt, longAt, last int64
		for _, e := range entries {
			switch {
			case e.Table == "sources" && e.RowID == o.small.Source.ID:
				smallAt = e.Seq
			case e.Table == "sources" && e.RowID == got.Source.ID:
				longAt = e.Seq
			}
			last = e.Seq
		}
		if !(longAt < smallAt && smallAt < last) {
			t.Errorf("the small source (entry %d) was not written between the long one's first (%d) and last (%d) entries", smallAt, longAt, last)
		}
		src, err := st.Source(ctx, access.Operator(), got.Source.ID)
		if err != nil || src.TextPending || src.Text != textOf(text) {
			t.Errorf("the long text read back: pending %v, %d bytes of %d (%v)", src.TextPending, len(src.Text), len(text), err)
		}
		res, err := a.Search(ctx, access.Operator(), app.SearchQuery{Text: "quillwort"})
		if err != nil || len(res.Sources) != 1 || res.Sources[0].ID != got.Source.ID {
			t.Errorf("the long text's last words are not searchable: %+v %v", res.Sources, err)
		}
		if rep, err := st.Verify(ctx); err != nil || !rep.OK {
			t.Errorf("verify: %+v %v", rep.Problems, err)
		}
	})
}

// An ingest stopped while a long text's pieces are written leaves a source
// whose text reads as not complete — never a part of it — and that search
// does not find by the part written; bringing the same bytes again writes
// the rest, and the source reads whole.
func TestStoppedTextIsFinishedByTheSameBytes(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		a := app.New(st, app.Config{})
		app.SetBetween(a, func(step string, n int) {
			if step == "piece" && n == 3 {
				cancel()
			}
		})
		text := quietText(store.TextPiece*4 + 1000)
		got, err := a.IngestBytes(ctx, access.Operator(), "long.txt", text, app.IngestOptions{})
		if err != nil || got.Outcome != app.Stored || !errors.Is(got.Err, app.ErrUnfinished) {
			t.Fatalf("the stopped ingest: %+v %v", got, err)
		}
		bg := context.Background()
		src, err := st.Source(bg, access.Operator(), got.Source.ID)
		if err != nil || !src.TextPending || src.Text != "" {
			t.Fatalf("a half-written text reads as: pending %v, %d bytes (%v)", src.TextPending, len(src.Text), err)
		}
		if err := reextract(bg, a, got.Source.ID); !errors.Is(err, app.ErrUnfinished) {
			t.Errorf("re-extracting a half-written text: %v", err)
		}
		if n, err := a.CatchUpSearch(bg); err != nil || n != 0 {
			t.Errorf("the search catch-up indexed %d documents of a half-written text (%v)", n, err)
		}
		if rep, err := st.Verify(bg); err != nil || !rep.OK {
			t.Errorf("verify, half written: %+v %v", rep.Problems, err)
		}
		app.SetBetween(a, nil)
		again, err := a.IngestBytes(bg, access.Operator(), "long.txt", text, app.IngestOptions{})
		if err != nil || again.Outcome != app.Exists || again.Err != nil || !again.TextFinished || again.Source.ID != got.Source.ID {
			t.Fatalf("the same bytes again: %+v %v", again, err)
		}
		src, err = st.Source(bg, access.Operator(), got.Source.ID)
		if err != nil || src.TextPending || src.Text != textOf(text) {
			t.Fatalf("the finished text reads as: pending %v, %d bytes of %d (%v)", src.TextPending, len(src.Text), len(textOf(text)), err)
		}
		if err := reextract(bg, a, got.Source.ID); err != nil {
			t.Errorf("re-extracting the finished text: %v", err)
		}
		res, err := a.Search(bg, access.Operator(), app.SearchQuery{Text: "quillwort"})
		if err != nil || len(res.Sources) != 1 {
			t.Errorf("the finished text is not searchable: %+v %v", res.Sources, err)
		}
		if rep, err := st.Verify(bg); err != nil || !rep.OK {
			t.Errorf("verify: %+v %v", rep.Problems, err)
		}
	})
}

// A long clear text raised to confidential while its search document is
// indexed a part a transaction: the raise takes the parts indexed before
// it out of the index (they held its words in the clear). The indexing
// then stops, and the catch-up indexes the document whole, sealed: the
// words of the parts taken out are found again. Before, the indexing went
// on to the first part, the document counted as indexed, and the text's
// last words were never found again (issue 18).
func TestRaiseWhileIndexingLeavesTheDocumentWhole(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a := app.New(st, app.Config{})
		raised := false
		app.SetBetween(a, func(step string, n int) {
			if step != "part" || n != 8 || raised {
				return
			}
			raised = true
			srcs, err := st.Sources(ctx, access.Operator(), store.SourceFilter{})
			if err != nil || len(srcs) != 1 {
				t.Errorf("the source: %d %v", len(srcs), err)
				return
			}
			id := srcs[0].ID
			err = st.Write(ctx, "admin", func(tx *store.Tx) error {
				ok, err := tx.RaiseSource(ctx, id, model.KindTestimony, model.Confidential)
				if err == nil && !ok {
					err = fmt.Errorf("not raised")
				}
				return err
			})
			if err != nil {
				t.Errorf("raise: %v", err)
			}
		})
		got, err := a.IngestBytes(ctx, access.Operator(), "long.txt", quietText(1<<20), app.IngestOptions{})
		if err != nil || got.Outcome != app.Stored || got.Err != nil {
			t.Fatalf("ingest: %+v %v", got, err)
		}
		if !raised {
			t.Fatal("the search document was not indexed in more than eight parts")
		}
		res, err := a.Search(ctx, access.Operator(), app.SearchQuery{Text: "quillwort"})
		if err != nil || len(res.Sources) != 1 || res.Sources[0].ID != got.Source.ID {
			t.Errorf("the raised text's last words are not found: %+v %v", res.Sources, err)
		}
		if rep, err := st.Verify(ctx); err != nil || !rep.OK {
			t.Errorf("verify: %+v %v", rep.Problems, err)
		}
	})
}
