package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

func TestSplitText(t *testing.T) {
	for _, tc := range []struct {
		name, text   string
		size, pieces int
	}{
		{"short", "a short text", 100, 1},
		{"empty", "", 10, 1},
		{"exact", strings.Repeat("a", 20), 10, 2},
		{"latin", strings.Repeat("the river ran low. ", 50), 64, 15},
		{"arabic, cut inside no letter", strings.Repeat("سجن صيدنايا العسكري ", 40), 33, 0},
		{"four-byte runes", strings.Repeat("𝔸𝔹", 30), 7, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := store.SplitText(tc.text, tc.size)
			if strings.Join(got, "") != tc.text {
				t.Fatal("the pieces joined are not the text")
			}
			if tc.pieces > 0 && len(got) != tc.pieces {
				t.Errorf("%d pieces, want %d", len(got), tc.pieces)
			}
			for i, p := range got {
				if len(p) > tc.size || !utf8.ValidString(p) || (p == "" && tc.text != "") {
					t.Errorf("piece %d: %d bytes (at most %d), valid UTF-8 %v", i, len(p), tc.size, utf8.ValidString(p))
				}
			}
		})
	}
}

// words is a folded body of n distinct words.
func words(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("w%dx", i)
	}
	return out
}

// A long document is indexed in parts of about store.DocPart bytes, each
// repeating the first store.DocOverlap words of the next: every run of up
// to DocOverlap+1 words — a phrase, a name with its title — lies whole in
// one part, wherever the parts were cut; every word is in some part.
func TestDocParts(t *testing.T) {
	if got := store.DocParts("a short document"); len(got) != 1 || got[0] != "a short document" {
		t.Errorf("a short document: %q", got)
	}
	ws := words(3 * store.DocPart / 6) // about three parts
	body := strings.Join(ws, " ")
	parts := store.DocParts(body)
	if len(parts) < 3 {
		t.Fatalf("%d parts of %d bytes", len(parts), len(body))
	}
	// Each part is a run of the words, the next part beginning at least
	// DocOverlap words before this one ends: then every run of
	// DocOverlap+1 words lies whole in one part.
	next := 0 // the first word the parts so far do not hold
	for i, p := range parts {
		if len(p) > store.DocPart+store.DocPart/8+1 {
			t.Errorf("part %d: %d bytes", i, len(p))
		}
		got := strings.Fields(p)
		var start int
		if _, err := fmt.Sscanf(got[0], "w%dx", &start); err != nil {
			t.Fatal(err)
		}
		if strings.Join(got, " ") != strings.Join(ws[start:start+len(got)], " ") {
			t.Fatalf("part %d is not a run of the words", i)
		}
		if i > 0 && start > next-store.DocOverlap {
			t.Errorf("part %d begins at word %d, the one before ends at %d: overlap %d", i, start, next, next-start)
		}
		if start > next {
			t.Fatalf("words %d to %d are in no part", next, start-1)
		}
		next = start + len(got)
	}
	if next != len(ws) {
		t.Errorf("the parts end at word %d of %d", next, len(ws))
	}
	// An overlong "word" is cut, not lost.
	long := strings.Repeat("ب", store.DocPart)
	if got := strings.Join(store.DocParts(long), ""); got != long {
		t.Errorf("a document of one overlong word: %d bytes back of %d", len(got), len(long))
	}
}

// A long source's text is stored in pieces, a transaction each: until the
// last commits, a reader gets no text and the mark that says it is being
// written, search does not index it, and verify passes; then it reads
// whole, search finds it once by a word of its last piece and by words
// across a part's edge, and a sealed source's pieces are sealed — from
// the start, or when the source is raised.
func TestTextInPieces(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		var b strings.Builder
		b.WriteString("the river ran low")
		for i := 0; b.Len() < store.TextPiece*5/2; i++ {
			fmt.Fprintf(&b, " w%dx", i)
		}
		b.WriteString(" and the last word is quillwort")
		text := b.String()
		for _, level := range []model.Sensitivity{model.Public, model.Confidential} {
			t.Run(level.String(), func(t *testing.T) {
				src := model.Source{Kind: model.KindArticle, Title: "Long", Language: "en", Sensitivity: level, Text: text}
				var rest []string
				err := st.Write(ctx, "tester", func(tx *store.Tx) error {
					var err error
					rest, err = tx.AddSourceInPieces(ctx, &src, []byte(text+level.String()))
					return err
				})
				if err != nil {
					t.Fatal(err)
				}
				if len(rest) != 2 || src.Text != text {
					t.Fatalf("%d pieces left; the source's text kept whole: %v", len(rest), src.Text == text)
				}
				read := func() model.Source {
					t.Helper()
					got, err := st.Source(ctx, access.Operator(), src.ID)
					if err != nil {
						t.Fatal(err)
					}
					return got
				}
				docs := func() int {
					t.Helper()
					var n int
					if err := st.DB().QueryRowContext(ctx, st.Rebind("SELECT count(*) FROM search_docs WHERE kind = 'source' AND ref_id = ?"), src.ID).Scan(&n); err != nil {
						t.Fatal(err)
					}
					return n
				}
				for i, piece := range rest {
					if got := read(); !got.TextPending || got.Text != "" {
						t.Fatalf("before piece %d: pending %v, %d bytes of text", i+1, got.TextPending, len(got.Text))
					}
					if i == 1 {
						if _, err := st.IndexPending(ctx, strings.ToLower, 500); err != nil {
							t.Fatal(err)
						}
						if n := docs(); n != 0 {
							t.Errorf("before piece %d, %d parts of its document indexed", i+1, n)
						}
						if rep, err := st.Verify(ctx); err != nil || !rep.OK {
							t.Errorf("verify before piece %d: %+v %v", i+1, rep.Problems, err)
						}
					}
					if err := st.Write(ctx, "tester", func(tx *store.Tx) error { return tx.AddTextPiece(ctx, src.ID, i+1, piece) }); err != nil {
						t.Fatal(err)
					}
				}
				if got := read(); got.TextPending || got.Text != text {
					t.Fatalf("written: pending %v, %d bytes of %d", got.TextPending, len(got.Text), len(text))
				}
				// The claims page quotes from sources read many at once.
				if many, err := st.SourceTexts(ctx, access.Operator(), []string{src.ID}); err != nil || many[src.ID].Text != text {
					t.Fatalf("SourceTexts: %d bytes of %d (%v)", len(many[src.ID].Text), len(text), err)
				}
				err = st.Write(ctx, "tester", func(tx *store.Tx) error {
					if err := tx.AddTextPiece(ctx, src.ID, 1, "more"); err == nil {
						return fmt.Errorf("a piece added to a finished text")
					}
					got, err := tx.SourceText(ctx, src.ID)
					if err == nil && got != text {
						err = fmt.Errorf("SourceText: %d bytes of %d", len(got), len(text))
					}
					return err
				})
				if err != nil {
					t.Error(err)
				}
				clearPieces := func() int {
					t.Helper()
					var n int
					if err := st.DB().QueryRowContext(ctx, st.Rebind("SELECT count(*) FROM source_texts WHERE source_id = ? AND text LIKE '% w%'"), src.ID).Scan(&n); err != nil {
						t.Fatal(err)
					}
					return n
				}
				if n := clearPieces(); (n == 0) != store.Sealed(level) {
					t.Errorf("%d pieces in the clear of a %s source", n, level)
				}
				if !store.Sealed(level) {
					// Raised: its pieces are sealed with its row.
					err := st.Write(ctx, "reviewer", func(tx *store.Tx) error {
						_, err := tx.RaiseSource(ctx, src.ID, model.KindTestimony, model.Confidential)
						return err
					})
					if err != nil {
						t.Fatal(err)
					}
					if n := clearPieces(); n != 0 {
						t.Errorf("raised to confidential, %d pieces still in the clear", n)
					}
					if got := read(); got.Text != text {
						t.Errorf("raised: %d bytes of %d", len(got.Text), len(text))
					}
				}
				// The catch-up leaves a long source's own document to be
				// indexed a part a transaction (as the app does), never
				// whole in one.
				if _, err := st.IndexPending(ctx, strings.ToLower, 500); err != nil {
					t.Fatal(err)
				}
				if parts := docs(); parts != 0 {
					t.Errorf("the catch-up indexed %d parts of a long source in one transaction", parts)
				}
				for i, part := range store.DocParts(strings.ToLower("Long\n\n" + text)) {
					if err := st.Write(ctx, "tester", func(tx *store.Tx) error { return tx.IndexSourcePart(ctx, src.ID, i, part) }); err != nil {
						t.Fatal(err)
					}
				}
				if parts := docs(); parts < 2 {
					t.Errorf("indexed as %d parts", parts)
				}
				// Words that straddle the cut between the first two parts.
				first := store.DocParts(strings.ToLower("Long\n\n" + text))[0]
				cut := strings.Fields(first)
				straddle := cut[len(cut)-store.DocOverlap-2 : len(cut)-store.DocOverlap+1]
				for _, q := range [][]string{{"quillwort"}, {"river"}, straddle, {"w1x"}} {
					hits, err := st.Search(ctx, access.Operator(), store.SearchQuery{Words: q, SourcesOnly: true})
					if err != nil || len(hits.Sources) != 1 || hits.Sources[0].ID != src.ID {
						t.Errorf("search %q: %d sources %v", q, len(hits.Sources), err)
					}
				}
				// The choice made: words a long text holds only parts
				// apart (its first and its last) are not found together.
				hits, err := st.Search(ctx, access.Operator(), store.SearchQuery{Words: []string{"river", "quillwort"}, SourcesOnly: true})
				if err != nil || len(hits.Sources) != 0 {
					t.Errorf("words parts apart found together: %d sources %v", len(hits.Sources), err)
				}
				if rep, err := st.Verify(ctx); err != nil || !rep.OK {
					t.Errorf("verify: %+v %v", rep.Problems, err)
				}
				// The next subtest's source is found alone: this one goes.
				if err := st.Write(ctx, "admin", func(tx *store.Tx) error { return tx.TakeDown(ctx, src.ID, "test") }); err != nil {
					t.Fatal(err)
				}
			})
		}
	})
}

// A long text's anchor keys are saved a share with its row and a share with
// each piece of its text (issue 18: all with its row, the transaction grew
// with the text). Each key is held once and counted once: a piece written
// again (a resumed write) saves nothing more, and a key the source holds
// already — saved with its row by an older binary, or twice in the list —
// is not counted again.
func TestAnchorsSavedWithPieces(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		text := strings.Repeat("word ", store.TextPiece*5/2/5)
		src := model.Source{Kind: model.KindArticle, Title: "Long", Language: "en", Text: text}
		var rest []string
		err := st.Write(ctx, "tester", func(tx *store.Tx) error {
			var err error
			if rest, err = tx.AddSourceInPieces(ctx, &src, []byte(text)); err != nil {
				return err
			}
			return tx.SaveSignatures(ctx, []store.SignatureRow{{SourceID: src.ID, Signature: []byte("sig"), Bands: []int64{1, 2}, Anchors: []int64{10, 11}}})
		})
		if err != nil || len(rest) != 2 {
			t.Fatalf("%d pieces left (%v)", len(rest), err)
		}
		for _, w := range []struct {
			n       int
			anchors []int64
		}{
			{1, []int64{12, 13, 10, 12}}, // 10 held already, 12 twice
			{1, []int64{15}},             // piece 1 again: written, nothing saved
			{2, []int64{14}},
		} {
			if err := st.Write(ctx, "tester", func(tx *store.Tx) error {
				return tx.AddTextPieceWithAnchors(ctx, src.ID, w.n, rest[w.n-1], w.anchors)
			}); err != nil {
				t.Fatalf("piece %d: %v", w.n, err)
			}
		}
		rows, err := st.DB().QueryContext(ctx, st.Rebind("SELECT b.band_key, b.anchor, c.n FROM source_bands b JOIN source_key_counts c ON c.band_key = b.band_key WHERE b.source_id = ? ORDER BY b.band_key"), src.ID)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var got []string
		for rows.Next() {
			var k, anchor, n int64
			if err := rows.Scan(&k, &anchor, &n); err != nil {
				t.Fatal(err)
			}
			got = append(got, fmt.Sprintf("%d:%d:%d", k, anchor, n))
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		// key:anchor:sources holding it.
		want := "1:0:1 2:0:1 10:1:1 11:1:1 12:1:1 13:1:1 14:1:1"
		if s := strings.Join(got, " "); s != want {
			t.Errorf("keys held: %s, want %s", s, want)
		}
		if got, err := st.Source(ctx, access.Operator(), src.ID); err != nil || got.TextPending || got.Text != text {
			t.Errorf("the text reads as: pending %v, %d bytes of %d (%v)", got.TextPending, len(got.Text), len(text), err)
		}
	})
}
