package app_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// No transaction of a long text's ingest writes more than a bounded number
// of bytes, whatever the text's size: its original — in the clear or sealed
// — is written ahead of the transaction that stores its source (to the file
// archive, or to PostgreSQL's in pieces), its text a piece a transaction,
// its search document a part a transaction (issue 18, finding 1: on
// PostgreSQL, and for a sealed original on either engine, the whole original
// was written in that transaction, holding the lock every writer waits for).
// Counted in bytes, not timed.
func TestNoTransactionOfALongIngestGrowsWithIt(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		confidential := model.Confidential
		for _, c := range []struct {
			name string
			opt  app.IngestOptions
		}{
			// Stored only: what is extracted and indexed is written in
			// transactions of its own after these (staged_test.go).
			{"public article", app.IngestOptions{StoreOnly: true}},
			{"confidential testimony", app.IngestOptions{StoreOnly: true, Kind: model.KindTestimony, Sensitivity: &confidential}},
		} {
			t.Run(c.name, func(t *testing.T) {
				st := storetest.Another(t, st)
				a := app.New(st, app.Config{})
				text := quietText(store.TextPiece*3 + 5000) // 773 KiB
				got, err := a.IngestBytes(ctx, access.Operator(), "long.txt", text, c.opt)
				if err != nil || got.Outcome != app.Stored || got.Err != nil {
					t.Fatalf("ingest: %+v %v", got, err)
				}
				// The largest a transaction writes: a piece of the text,
				// sealed (in base64) or not, with its row's columns.
				if n := st.LargestWriteBytes(); n >= 512<<10 {
					t.Errorf("a transaction of the ingest of %d bytes wrote %d bytes", len(text), n)
				}
				blob, err := st.Blob(ctx, access.Operator(), got.Source.ID)
				if err != nil || !bytes.Equal(blob, text) {
					t.Errorf("the original reads back as %d bytes of %d (%v)", len(blob), len(text), err)
				}
				src, err := st.Source(ctx, access.Operator(), got.Source.ID)
				if err != nil || src.TextPending || src.Text != textOf(text) || src.Sensitivity != got.Source.Sensitivity {
					t.Errorf("the source reads as: pending %v, %d bytes of %d, %s (%v)", src.TextPending, len(src.Text), len(textOf(text)), src.Sensitivity, err)
				}
				if rep, err := st.Verify(ctx); err != nil || !rep.OK {
					t.Errorf("verify: %+v %v", rep.Problems, err)
				}
			})
		}
	})
}

// A long source whose search document must be indexed again — after a
// raise of its level sealed it, which removes its words in the clear — is
// indexed by the catch-up a part a transaction, as ingest indexes it, not
// whole in one (issue 18: that transaction grew with the text, and a sealed
// document's hashed words are some eighteen times its bytes). Another
// process (a fresh store on the same database) runs the catch-up, so that
// what it counts is the catch-up's alone.
func TestLongSourceIsIndexedAgainInParts(t *testing.T) {
	twoStores(t, func(t *testing.T, st, other *store.Store) {
		ctx := context.Background()
		a := app.New(st, app.Config{})
		text := quietText(store.TextPiece + 5000)
		got, err := a.IngestBytes(ctx, access.Operator(), "long.txt", text, app.IngestOptions{StoreOnly: true})
		if err != nil || got.Outcome != app.Stored || got.Err != nil {
			t.Fatalf("ingest: %+v %v", got, err)
		}
		confidential := model.Confidential
		raised, err := a.IngestBytes(ctx, access.Operator(), "long.txt", text, app.IngestOptions{StoreOnly: true, Kind: model.KindTestimony, Sensitivity: &confidential})
		if err != nil || raised.Outcome != app.Exists || !raised.Raised {
			t.Fatalf("raise: %+v %v", raised, err)
		}
		b := app.New(other, app.Config{})
		n, err := b.CatchUpSearch(ctx)
		if err != nil || n == 0 {
			t.Fatalf("the catch-up indexed %d (%v)", n, err)
		}
		if w := other.LargestWriteBytes(); w >= 512<<10 {
			t.Errorf("a transaction of the catch-up wrote %d bytes for a text of %d", w, len(text))
		}
		res, err := b.Search(ctx, access.Operator(), app.SearchQuery{Text: "quillwort"})
		if err != nil || len(res.Sources) != 1 || res.Sources[0].ID != got.Source.ID {
			t.Errorf("the raised source is not found by its last word: %+v %v", res.Sources, err)
		}
		if again, err := b.CatchUpSearch(ctx); err != nil || again != 0 {
			t.Errorf("a second catch-up indexed %d (%v)", again, err)
		}
	})
}
