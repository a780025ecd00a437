package pipeline

import "unicode/utf8"

// runeText is a source's text addressed by code point, as extraction counts
// offsets, without holding it as code points (four bytes each: a recording
// of 8 MiB of text held 32 MiB for it): the byte offset of every
// runeMark-th code point is kept, and the rest is walked from the nearest.
type runeText struct {
	s     string
	n     int   // code points
	marks []int // marks[k]: the byte offset of code point k*runeMark
	ascii bool  // one byte per code point: offsets are byte offsets
}

// runeMark is how many code points apart runeText keeps byte offsets.
const runeMark = 64

func newRuneText(s string) runeText {
	if !utf8.ValidString(s) {
		// As []rune(s) reads it: each invalid byte one U+FFFD.
		s = string([]rune(s))
	}
	t := runeText{s: s}
	for b := range s {
		if t.n%runeMark == 0 {
			t.marks = append(t.marks, b)
		}
		t.n++
	}
	if t.ascii = t.n == len(s); t.ascii {
		t.marks = nil
	}
	return t
}

// byteAt is the byte offset of code point i, 0 ≤ i ≤ t.n.
func (t runeText) byteAt(i int) int {
	switch {
	case i >= t.n:
		return len(t.s)
	case t.ascii:
		return i
	}
	b := t.marks[i/runeMark]
	for k := i % runeMark; k > 0; k-- {
		_, size := utf8.DecodeRuneInString(t.s[b:])
		b += size
	}
	return b
}

// slice is the text of code points [start, end), 0 ≤ start ≤ end ≤ t.n.
func (t runeText) slice(start, end int) string {
	b := t.byteAt(start)
	if end-start <= runeMark {
		e := b
		for k := end - start; k > 0; k-- {
			_, size := utf8.DecodeRuneInString(t.s[e:])
			e += size
		}
		return t.s[b:e]
	}
	return t.s[b:t.byteAt(end)]
}
