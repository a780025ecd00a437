// Package textfold owns character-level folding of text for matching and
// search: the one place that decides which spellings of a letter count as the
// same. Names, near-duplicate detection, extraction and search all build on it,
// so that "أوس" and "اوس", "Salloûm" and "salloum" meet everywhere alike.
//
// Folding is for comparison only, never for display: what a source says is
// always kept as written.
package textfold

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Rune folds one rune to the rune it compares as, or returns -1 when the rune
// is dropped (Arabic diacritics, tatweel, invisible formatting marks, Latin
// combining accents). It does no case folding of its own beyond
// unicode.ToLower, and expects NFKC-normalized input for full effect; Fold
// does that.
func Rune(r rune) rune {
	switch {
	case r < 0x80:
		if 'A' <= r && r <= 'Z' {
			return r + ('a' - 'A')
		}
		return r
	case isArabicMark(r), isInvisible(r), unicode.Is(unicode.Mn, r):
		return -1
	}
	switch r {
	case 'أ', 'إ', 'آ', 'ٱ', 'ٲ', 'ٳ':
		return 'ا'
	case 'ى', 'ی', 'ې', 'ئ':
		return 'ي'
	case 'ة':
		return 'ه'
	case 'ؤ':
		return 'و'
	case 'ک':
		return 'ك'
	case '\u0640': // tatweel
		return -1
	}
	if '٠' <= r && r <= '٩' {
		return '0' + (r - '٠')
	}
	if '۰' <= r && r <= '۹' {
		return '0' + (r - '۰')
	}
	return unicode.ToLower(r)
}

// isArabicMark reports the Arabic harakat, tanwin, shadda, sukun, dagger alef
// and Quranic annotation marks.
func isArabicMark(r rune) bool {
	return (r >= 0x064B && r <= 0x065F) || r == 0x0670 || (r >= 0x06D6 && r <= 0x06ED) ||
		(r >= 0x0610 && r <= 0x061A) || (r >= 0x08D3 && r <= 0x08FF)
}

// IsInvisible reports formatting characters that change nothing a reader
// sees: bidirectional marks and embeddings, zero-width joiners and spaces,
// the soft hyphen, the byte-order mark.
func IsInvisible(r rune) bool { return isInvisible(r) }

func isInvisible(r rune) bool {
	switch {
	case r == 0x00AD, r == 0x061C, r == 0xFEFF, r == 0x180E:
		return true
	case r >= 0x200B && r <= 0x200F:
		return true
	case r >= 0x202A && r <= 0x202E:
		return true
	case r >= 0x2060 && r <= 0x2069:
		return true
	}
	return false
}

// Fold returns s as it compares: NFKC-normalized, Latin accents removed,
// lower case, Arabic diacritics, tatweel and invisible marks dropped, alef,
// ya, ta marbuta and hamza-carrier variants unified, Arabic-Indic digits as
// ASCII digits. Punctuation and spacing are kept; see Words for tokens.
func Fold(s string) string {
	if isFoldedASCII(s) {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	// NFKD first so that Latin accents become combining marks that Rune drops;
	// then NFKC-compatibility folding of presentation forms and ligatures.
	s = norm.NFKD.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if f := Rune(r); f >= 0 {
			b.WriteRune(f)
		}
	}
	return norm.NFC.String(b.String())
}

func isFoldedASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}

// Words folds s and splits it into words: runs of letters and digits. An
// apostrophe or hyphen inside a word is dropped when it joins letters that
// belong together ("al-Assad" gives "al" and "assad"; "Sa'id" gives "said").
func Words(s string) []string {
	f := Fold(s)
	var words []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			words = append(words, cur.String())
			cur.Reset()
		}
	}
	rs := []rune(f)
	for i, r := range rs {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			cur.WriteRune(r)
		case IsApostrophe(r) && cur.Len() > 0 && i+1 < len(rs) && unicode.IsLetter(rs[i+1]):
			// a glottal stop or ayn written as an apostrophe: part of the word
		default:
			flush()
		}
	}
	flush()
	return words
}

// IsApostrophe reports the characters written for a glottal stop or an ayn
// inside a transliterated word ("Sa'id", "Ma’arrat"): straight and curly
// apostrophes, modifier letters, backtick and acute accent.
func IsApostrophe(r rune) bool {
	switch r {
	case '\'', '\u2018', '\u2019', '\u02BC', '\u02BB', '\u02BF', '\u02BE', '`', '\u00B4':
		return true
	}
	return false
}

// Piece is how much text EachWord folds at a time.
const Piece = 64 << 10

// PieceEnd is where a piece of text of about n bytes ends: after the last
// ASCII white space before n bytes, or after the first past it (all of
// text if it has none). Words and what joins their runes never span such
// a space, and folding never carries across it (NFKD reorders marks only
// between two starters): text folded a piece at a time gives the words of
// text folded whole.
func PieceEnd(text string, n int) int {
	if len(text) <= n {
		return len(text)
	}
	if i := strings.LastIndexAny(text[:n], " \n\t\r"); i > 0 {
		return i + 1
	}
	if i := strings.IndexAny(text[n:], " \n\t\r"); i >= 0 {
		return n + i + 1
	}
	return len(text)
}

// EachWord calls f with each word of s, the words Words gives, folding s a
// piece at a time: Words of a long text held it as code points, as folded
// text and as a slice of words at once, some ten times its size (issue 18).
func EachWord(s string, f func(w string)) {
	for len(s) > 0 {
		cut := PieceEnd(s, Piece)
		for _, w := range Words(s[:cut]) {
			f(w)
		}
		s = s[cut:]
	}
}
