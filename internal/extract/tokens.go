package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/athar-project/athar/internal/textfold"
)

// Token is a word or a punctuation mark of a text, with its byte span.
type Token struct {
	Start, End int    // byte offsets into the text, End exclusive
	Fold       string // folded as textfold folds it, apostrophes dropped; the mark itself for punctuation
	Word       bool   // letters or digits
	Digits     bool   // only ASCII digits
	Cap        bool   // starts with an upper-case letter
	Upper      bool   // every letter upper case (and at least two letters)
	Space      bool   // white space between the previous token and this one
	Newlines   int    // line breaks between the previous token and this one
}

// Tokenize splits s into tokens: runs of letters and digits (an apostrophe
// between two letters stays inside the word, as in "Sa'sa"; a possessive
// "'s" is a token of its own), and every other visible rune as one token.
func Tokenize(s string) []Token {
	toks := make([]Token, 0, len(s)/5)
	space, newlines := false, 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\n':
			space = true
			newlines++
			i += size
			continue
		case unicode.IsSpace(r) || textfold.IsInvisible(r):
			space = true
			i += size
			continue
		}
		start := i
		if isWordRune(r) {
			j := i + size
			for j < len(s) {
				r2, s2 := utf8.DecodeRuneInString(s[j:])
				if isWordRune(r2) || unicode.Is(unicode.Mn, r2) || r2 == '\u0640' {
					j += s2
					continue
				}
				if isApostrophe(r2) && j+s2 < len(s) {
					r3, _ := utf8.DecodeRuneInString(s[j+s2:])
					if unicode.IsLetter(r3) && !isPossessive(s[j+s2:]) {
						j += s2
						continue
					}
				}
				break
			}
			toks = append(toks, wordToken(s, start, j, space, newlines))
			i = j
		} else {
			i += size
			toks = append(toks, Token{Start: start, End: i, Fold: s[start:i], Space: space, Newlines: newlines})
		}
		space, newlines = false, 0
	}
	return toks
}

// isPossessive reports whether rest (the text after an apostrophe) is an
// English possessive "s" ending the word.
func isPossessive(rest string) bool {
	if len(rest) == 0 || (rest[0] != 's' && rest[0] != 'S') {
		return false
	}
	if len(rest) == 1 {
		return true
	}
	r, _ := utf8.DecodeRuneInString(rest[1:])
	return !isWordRune(r)
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func isApostrophe(r rune) bool {
	switch r {
	case '\'', '\u2018', '\u2019', '\u02BC', '\u02BB', '\u02BF', '\u02BE', '`':
		return true
	}
	return false
}

func wordToken(s string, start, end int, space bool, newlines int) Token {
	w := s[start:end]
	t := Token{Start: start, End: end, Word: true, Space: space, Newlines: newlines}
	ascii, digits, letters, upper := true, true, 0, 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			ascii = false
		}
		if c < '0' || c > '9' {
			digits = false
		}
	}
	for _, r := range w {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	first, _ := utf8.DecodeRuneInString(w)
	t.Cap = unicode.IsUpper(first)
	t.Upper = letters >= 2 && upper == letters
	t.Digits = digits
	if ascii {
		b := make([]byte, 0, len(w))
		for i := 0; i < len(w); i++ {
			c := w[i]
			switch {
			case 'A' <= c && c <= 'Z':
				b = append(b, c+'a'-'A')
			case c == '\'' || c == '`':
			default:
				b = append(b, c)
			}
		}
		t.Fold = string(b)
		return t
	}
	f := textfold.Fold(w)
	if strings.ContainsFunc(f, isApostrophe) {
		f = strings.Map(func(r rune) rune {
			if isApostrophe(r) {
				return -1
			}
			return r
		}, f)
	}
	t.Fold = f
	return t
}
