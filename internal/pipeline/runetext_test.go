package pipeline

import (
	"strings"
	"testing"
)

// runeText must read a text exactly as []rune does — the code-point offsets
// extraction gives — whatever the text: ASCII, Arabic, four-byte code points,
// invalid bytes, and offsets on either side of its marks.
func FuzzRuneText(f *testing.F) {
	for _, s := range []string{
		"", "abc", "أوس سلوم في صيدنايا", "a\xffb\xfe", "𝄞x€y", "\xe2\x82",
		strings.Repeat("سجن صيدنايا ", 30), strings.Repeat("ab€", 70) + "\xff" + strings.Repeat("z", 70),
	} {
		f.Add(s, 3, 9, "صيد")
	}
	f.Fuzz(func(t *testing.T, s string, start, length int, value string) {
		if len(s) > 1<<12 {
			return
		}
		rs := []rune(s)
		tx := newRuneText(s)
		if tx.n != len(rs) {
			t.Fatalf("%q: %d code points, []rune has %d", s, tx.n, len(rs))
		}
		for i := 0; i <= len(rs); i += max(1, len(rs)/97) {
			if got, want := tx.slice(i, len(rs)), string(rs[i:]); got != want {
				t.Fatalf("%q: slice(%d, end) = %q, want %q", s, i, got, want)
			}
		}
		if len(rs) == 0 {
			return
		}
		start = abs(start) % (len(rs) + 1)
		end := min(len(rs), start+abs(length)%(2*runeMark+2))
		if got, want := tx.slice(start, end), string(rs[start:end]); got != want {
			t.Fatalf("%q: slice(%d, %d) = %q, want %q", s, start, end, got, want)
		}
		r := &recorder{text: tx}
		for _, v := range []string{value, string(rs[start:end])} {
			for _, to := range []int{end, len(rs)} {
				gi, gok := r.find(v, start, to)
				wi, wok := findRunes(rs, v, start, to)
				if gi != wi || gok != wok {
					t.Fatalf("%q: find(%q, %d, %d) = %d %v, want %d %v", s, v, start, to, gi, gok, wi, wok)
				}
			}
		}
	})
}

// findRunes is find as it was, over the text as code points.
func findRunes(text []rune, value string, from, to int) (int, bool) {
	v := []rune(value)
	if len(v) == 0 {
		return 0, false
	}
	for i := max(from, 0); i < to && i+len(v) <= len(text); i++ {
		if text[i] == v[0] && string(text[i:i+len(v)]) == value {
			return i, true
		}
	}
	return 0, false
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
