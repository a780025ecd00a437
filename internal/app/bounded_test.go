package app_test

import (
	"bytes"
	"context"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/dedup"
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

// wordyText is about size bytes of text whose words seldom repeat in the
// same order, as a long report's do not: every run of words is new, so
// that it has as many near-duplicate anchors as its length gives (one
// shingle in 32). Deterministic.
func wordyText(size int) []byte {
	rng := rand.New(rand.NewPCG(18, 32))
	syllables := []string{"ka", "lo", "mi", "ren", "tas", "vu", "zor", "pel", "dia", "nu", "sha", "qir", "bet", "ow"}
	var b strings.Builder
	b.WriteString("Title: A long wordy text\n---\n")
	for b.Len() < size {
		for range 1 + rng.IntN(4) {
			b.WriteString(syllables[rng.IntN(len(syllables))])
		}
		if rng.IntN(15) == 0 {
			b.WriteString(".\n\n")
		} else {
			b.WriteString(" ")
		}
	}
	return []byte(b.String())
}

// The near-duplicate anchor keys of a long text are saved a share with
// each piece of its text, not all with its row: 4 MiB of text whose words
// do not repeat has some 16,000 anchors, and the transaction that saved
// them all grew with the text (issue 18: for 32 MiB 4,334 statements, 3 MB
// and a second of CPU in one transaction). Stopped half way and finished by
// the same bytes brought again, the source holds every anchor: a passage
// of its first pieces, and one of its last, are each found to be a near
// copy of it — which only its anchors tell (a passage shares too little of
// a long text for its band keys to). Counted in bytes, not timed.
func TestALongTextsAnchorsAreSavedWithItsPieces(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		a := app.New(st, app.Config{})
		app.SetBetween(a, func(step string, n int) {
			if step == "piece" && n == 5 {
				cancel()
			}
		})
		text := wordyText(4 << 20)
		got, err := a.IngestBytes(ctx, access.Operator(), "long.txt", text, app.IngestOptions{StoreOnly: true, MaxBytes: int64(len(text))})
		if err != nil || got.Outcome != app.Stored || got.Err == nil {
			t.Fatalf("the stopped ingest: %+v %v", got, err)
		}
		app.SetBetween(a, nil)
		bg := context.Background()
		again, err := a.IngestBytes(bg, access.Operator(), "long.txt", text, app.IngestOptions{StoreOnly: true, MaxBytes: int64(len(text))})
		if err != nil || again.Outcome != app.Exists || again.Err != nil || !again.TextFinished {
			t.Fatalf("the same bytes again: %+v %v", again, err)
		}
		// A piece of the text, sealed or not, with its share of anchors.
		if n := st.LargestWriteBytes(); n >= 512<<10 {
			t.Errorf("a transaction of the ingest of %d bytes wrote %d bytes", len(text), n)
		}
		// Every key of its text is held: its band keys and its anchors.
		src, err := st.Source(bg, access.Operator(), got.Source.ID)
		if err != nil || src.TextPending {
			t.Fatalf("the finished source: pending %v (%v)", src.TextPending, err)
		}
		sh := dedup.Shingle(src.Text)
		keys := map[dedup.Key]bool{}
		for _, k := range append(sh.Sign().Bands(), sh.Anchors()...) {
			keys[k] = true
		}
		if n, err := st.CountRows(bg, "source_bands"); err != nil || n != int64(len(keys)) || n < 10_000 {
			t.Errorf("%d near-duplicate keys held, want the text's %d (%v)", n, len(keys), err)
		}
		for _, at := range []int{store.TextPiece + 10_000, len(text) - 20_000} {
			body := string(text[at : at+8_000])
			passage := "Title: A passage\n---\n" + body[strings.Index(body, " ")+1:strings.LastIndex(body, " ")]
			p, err := a.IngestBytes(bg, access.Operator(), "passage.txt", []byte(passage), app.IngestOptions{StoreOnly: true})
			if err != nil || p.Outcome != app.Stored || p.DuplicateOf != got.Source.ID {
				t.Errorf("a passage from byte %d of %d: %s, a near copy of %q, want of %s (%v %v)", at, len(text), p.Outcome, p.DuplicateOf, got.Source.ID, p.Err, err)
			}
		}
		if rep, err := st.Verify(bg); err != nil || !rep.OK {
			t.Errorf("verify: %+v %v", rep.Problems, err)
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
