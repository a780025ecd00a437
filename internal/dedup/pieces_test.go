package dedup

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/textfold"
)

// shingleWhole is Shingle as it was: the text's words folded whole.
func shingleWhole(text string) Shingles {
	words := textfold.Words(text)
	if len(words) == 0 {
		return Shingles{}
	}
	width := min(ShingleWidth, len(words))
	wh := make([]uint64, len(words))
	for i, w := range words {
		wh[i] = hashWord(w)
	}
	hs := make([]uint64, 0, len(words)-width+1)
	for i := 0; i+width <= len(wh); i++ {
		h := uint64(width) * 0x9E3779B97F4A7C15
		for _, w := range wh[i : i+width] {
			h = mix64(h ^ w)
		}
		hs = append(hs, h)
	}
	slices.Sort(hs)
	return Shingles{width: width, hashes: slices.Compact(hs)}
}

// A long text's shingles, its words folded a piece at a time and their
// shingles made as they come (issue 18), are those of its words folded
// whole.
func TestShingleInPiecesIsTheWhole(t *testing.T) {
	var b strings.Builder
	for i := 0; b.Len() < 3*textfold.Piece; i++ {
		fmt.Fprintf(&b, "Witness %d said that السجّان in Ma’arrat al-Nu'man beat him, line %d.\n", i%37, i)
	}
	long := b.String()
	// Past compactFrom shingles: words that do not repeat, and a
	// paragraph repeated (a decompression bomb's pages), whose shingles
	// are sorted and their repeats dropped as they come.
	var fresh strings.Builder
	for i := 0; i < 3*compactFrom; i++ {
		fmt.Fprintf(&fresh, "w%d ", i*7919%100003)
	}
	repeated := strings.Repeat("The guard took the prisoners to the red building and beat them at night. ", 4*compactFrom/13)
	texts := []string{"", "one", "one two", "one two three four", "a b c d e", "a b c d e f", "a b c d e f g h i j",
		long, strings.Repeat("word ", 2*textfold.Piece/5), fresh.String(), repeated}
	for _, text := range texts {
		got, want := Shingle(text), shingleWhole(text)
		if got.width != want.width || !slices.Equal(got.hashes, want.hashes) {
			t.Errorf("%d bytes: width %d and %d shingles, want %d and %d", len(text), got.width, len(got.hashes), want.width, len(want.hashes))
		}
	}
}
