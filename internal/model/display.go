package model

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The lengths DisplayTitle works with, in code points.
const (
	headlineMax = 100 // a first line this short reads as a headline
	cutAt       = 80  // a longer first line is cut at a word boundary before this
	// LeadLength is how much of a source's text a list loads (as Lead) so
	// that DisplayTitle can find a headline without the whole text.
	LeadLength = 400
)

// DisplayTitle is what a page shows as a source's title: its stored title;
// else the first line of its text, whole when short enough to read as a
// headline, else cut at a word boundary; else its publisher and date; else
// its file name or id. It is display only:
// the stored Title stays as it is. It reads Text when loaded, else Lead.
func (s Source) DisplayTitle() string {
	if t := oneLine(s.Title); t != "" {
		return t
	}
	text := s.Text
	if text == "" {
		text = s.Lead
	}
	if line := firstLine(text); line != "" {
		if utf8.RuneCountInString(line) <= headlineMax {
			return line
		}
		return cutWords(line, cutAt)
	}
	var parts []string
	if p := oneLine(s.Publisher); p != "" {
		parts = append(parts, p)
	}
	if d := s.Published.String(); d != "" {
		parts = append(parts, d)
	}
	if len(parts) > 0 {
		return strings.Join(parts, " · ")
	}
	if s.Filename != "" {
		return s.Filename
	}
	return s.ID
}

// oneLine folds runs of white space, newlines included, into single spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// firstLine is the first line of text with words in it, after any header of
// "Key: value" lines closed by "---" (the text file header of CONTRACTS.md),
// with its white space folded; "" when there is none.
func firstLine(text string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if t == "---" {
			lines = lines[i+1:]
			break
		}
		if !isHeaderLine(t) {
			break
		}
	}
	for _, l := range lines {
		if t := oneLine(l); t != "" && strings.ContainsFunc(t, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
			return t
		}
	}
	return ""
}

// isHeaderLine reports whether l looks like "Key: value" with a key of
// Latin letters and hyphens, as a text file header has.
func isHeaderLine(l string) bool {
	key, _, ok := strings.Cut(l, ":")
	if !ok || key == "" {
		return false
	}
	for _, r := range key {
		if !(r == '-' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}

// cutWords cuts s to at most max code points at the last word boundary
// before the limit (mid-word only when the first word is longer), trims
// trailing punctuation and marks the cut with an ellipsis.
func cutWords(s string, max int) string {
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	end := max
	for i := max; i > 0; i-- {
		if unicode.IsSpace(r[i]) {
			end = i
			break
		}
	}
	out := strings.TrimRightFunc(string(r[:end]), func(c rune) bool {
		return unicode.IsSpace(c) || unicode.IsPunct(c) && c != ')' && c != '”' && c != '»'
	})
	return out + "…"
}
