package search

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/benchgen"
	"github.com/athar-project/athar/internal/store"
)

// longMixedText is about n bytes of generated reporting, with Arabic,
// accented Latin, combining marks after spaces, apostrophes inside words,
// long runs without a space and runs of white space: what folding a piece
// at a time could get wrong at a piece's edge.
func longMixedText(n int) string {
	var b strings.Builder
	odd := []string{
		"شهد السجان الشاهد في صيدنايا ", "Ma’arrat al-Nu'man, Sa'id ", " \u0301e\u0301 café ",
		"\n\n\t  ", strings.Repeat("x", 70_000) + " ", "ﻻ ﷺ ", "٣٤٥ ١٢ ",
	}
	for i := 0; b.Len() < n; i++ {
		a := benchgen.Article(i)
		b.WriteString(a)
		b.WriteString(odd[i%len(odd)])
	}
	return b.String()
}

// A long text's search document, folded a piece at a time and cut as it
// grows (so that it is never held folded whole, issue 18), has the parts of
// the whole text folded at once and cut.
func TestSourceDocumentInPiecesIsTheWhole(t *testing.T) {
	text := longMixedText(1 << 20)
	for _, tc := range []struct {
		name   string
		text   string
		sealed bool
	}{
		{"short", text[:1000], false},
		{"one piece", text[:foldPiece], false},
		{"a little over a piece", text[:foldPiece+3000], false},
		{"a megabyte", text, false},
		{"a megabyte sealed", text, true},
		{"no space at all", strings.Repeat("y", 3*foldPiece), false},
		{"blank", strings.Repeat(" \n", foldPiece), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			size := store.DocPart
			if tc.sealed {
				size = store.SealedDocPart
			}
			want := store.DocPartsOf(Fold("A title\nA publisher\n"+tc.text), size)
			got := SourceDocument("A title", "A publisher", tc.text, tc.sealed)
			if !slices.Equal(got, want) {
				t.Fatalf("%d parts, want %d; first difference: %s", len(got), len(want), firstDifference(got, want))
			}
		})
	}
}

func firstDifference(got, want []string) string {
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			g, w := got[i], want[i]
			j := 0
			for j < min(len(g), len(w)) && g[j] == w[j] {
				j++
			}
			return fmt.Sprintf("part %d at byte %d: %q, want %q", i, j, g[j:min(len(g), j+60)], w[j:min(len(w), j+60)])
		}
	}
	return "one is longer"
}

// go test ./internal/search -run XXX -bench SourceDocument -benchmem: the
// bytes allocated to fold a long text whole and cut it, and a piece at a
// time.
func BenchmarkSourceDocument(b *testing.B) {
	text := longMixedText(8 << 20)
	b.Run("whole", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			store.DocPartsOf(Fold("t\np\n"+text), store.DocPart)
		}
	})
	b.Run("pieces", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			SourceDocument("t", "p", text, false)
		}
	})
}
