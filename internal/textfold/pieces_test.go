package textfold

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// mixedText is about n bytes of words of every kind Words treats apart:
// Arabic with diacritics and the article, accented Latin, apostrophes and
// hyphens inside words, a combining mark after a space, presentation forms,
// Arabic-Indic digits, runs of white space and a word longer than a piece.
func mixedText(n int) string {
	bits := []string{
		"شَهِدَ السجّان الشاهد في صيدنايا", "Ma’arrat al-Nu'man", "Sa'id", "\u0301e\u0301", "café",
		"\n\n\t ", "ﻻ ﷺ", "٣٤٥", "O'Brien's", "x-ray", "\u200cword\u200d", "Ḥasan", "ÉTÉ",
	}
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		if i%997 == 0 {
			b.WriteString(strings.Repeat("long", Piece/3))
		}
		fmt.Fprintf(&b, "%s %d ", bits[i%len(bits)], i)
		if i%7 == 0 {
			b.WriteString("\n")
		}
	}
	return b.String()
}

// Folded a piece at a time, a long text gives the words it gives folded
// whole (issue 18: folding it whole held ten times its size).
func TestEachWordIsWords(t *testing.T) {
	text := mixedText(3 * Piece)
	for _, tc := range []struct {
		name, text string
	}{
		{"empty", ""},
		{"short", text[:200]},
		{"long", text},
		{"no space", strings.Repeat("ab'c", Piece)},
		{"ends in space", text[:Piece] + " "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			EachWord(tc.text, func(w string) { got = append(got, w) })
			want := Words(tc.text)
			if !slices.Equal(got, want) {
				t.Errorf("%d words, want %d", len(got), len(want))
			}
		})
	}
}

func TestPieceEnd(t *testing.T) {
	for _, tc := range []struct {
		text string
		n    int
		want int
	}{
		{"abc def", 10, 7},
		{"abc def ghi", 9, 8},
		{"abcdefgh ij", 4, 9},
		{"abcdefgh", 4, 8},
		{"ab\ncd", 4, 3},
	} {
		if got := PieceEnd(tc.text, tc.n); got != tc.want {
			t.Errorf("PieceEnd(%q, %d) = %d, want %d", tc.text, tc.n, got, tc.want)
		}
	}
}
