package extract

import "unicode/utf8"

// Text is a source text with a map from byte offsets to code-point offsets,
// so that rules can work on bytes and report spans in code points.
type Text struct {
	S     string
	runes []int32 // runes[b] is the code-point offset of byte offset b (valid at rune starts and len(S))
}

// NewText indexes s.
func NewText(s string) *Text {
	t := &Text{S: s, runes: make([]int32, len(s)+1)}
	n := int32(0)
	for i := 0; i < len(s); {
		_, size := utf8.DecodeRuneInString(s[i:])
		for k := 0; k < size; k++ {
			t.runes[i+k] = n
		}
		i += size
		n++
	}
	t.runes[len(s)] = n
	return t
}

// CP converts a byte offset to a code-point offset. Offsets inside a rune
// map to that rune's start; offsets outside the text are clamped.
func (t *Text) CP(b int) int {
	if b < 0 {
		return 0
	}
	if b > len(t.S) {
		b = len(t.S)
	}
	return int(t.runes[b])
}

// Mention returns the mention for the byte span [start, end).
func (t *Text) Mention(start, end int) Mention {
	if start < 0 {
		start = 0
	}
	if end > len(t.S) {
		end = len(t.S)
	}
	if end < start {
		end = start
	}
	return Mention{Text: t.S[start:end], Start: t.CP(start), End: t.CP(end)}
}

// SliceCP returns the code-point slice [start, end) of s, or "" and false
// when the span lies outside s.
func SliceCP(s string, start, end int) (string, bool) {
	if start < 0 || end < start {
		return "", false
	}
	n, bs, be := 0, -1, -1
	for i := range s {
		if n == start {
			bs = i
		}
		if n == end {
			be = i
			break
		}
		n++
	}
	if bs < 0 && n == start {
		bs = len(s)
	}
	if be < 0 && n == end {
		be = len(s)
	}
	if bs < 0 || be < 0 {
		return "", false
	}
	return s[bs:be], true
}
