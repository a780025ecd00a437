package extracttest

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// titles are the leading ranks and honorifics the scorer drops from a name,
// word for word as score-extraction lists them.
var titles = wordSet(`col colonel lt lieutenant gen general maj major brig brigadier capt captain sgt sergeant dr doctor
sheikh shaykh mr mrs ms judge minister president former warrant officer first staff corporal cpl
العقيد عقيد اللواء لواء العميد عميد المقدم مقدم الرائد رائد النقيب نقيب الملازم ملازم المساعد
مساعد الرقيب رقيب الدكتور د الشيخ السيد الوزير وزير الرئيس المدعو السجان`)

func wordSet(words string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.Fields(words) {
		out[w] = true
	}
	return out
}

// Fold folds a name to the key score-extraction compares, step for step as
// its fold does:
//  1. NFKD, then every character with a non-zero canonical combining class
//     dropped (Latin accents, Arabic diacritics, and the hamza and madda that
//     NFKD splits off أ إ آ ؤ ئ);
//  2. ٱ to ا, ى to ي, ة to ه (and the precomposed hamza forms, which step 1
//     has already split), tatweel dropped;
//  3. lower case as Python's str.lower, final sigma included;
//  4. the quotes ‘ ’ “ ” ' " ` ´, full stops, commas and brackets ( ) [ ]
//     dropped; - _ / read as spaces;
//  5. split at white space as Python's str.split (which also splits at the
//     separators U+001C..U+001F), leading titles dropped, then one leading
//     "the", and the words joined with single spaces.
//
// The result can still start with a title ("the col. X" folds to "col x"):
// Fold is not idempotent, and neither is the reference.
func Fold(s string) string {
	if s == "" {
		return ""
	}
	s = norm.NFKD.String(s)
	rs := make([]rune, 0, len(s))
	for i := 0; i < len(s); {
		p := norm.NFKD.PropertiesString(s[i:])
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if p.CCC() != 0 {
			continue
		}
		switch r {
		case 'أ', 'إ', 'آ', 'ٱ':
			r = 'ا'
		case 'ى', 'ئ':
			r = 'ي'
		case 'ة':
			r = 'ه'
		case 'ؤ':
			r = 'و'
		case 'ـ':
			continue
		}
		rs = append(rs, r)
	}
	rs = pyLower(rs)
	var b strings.Builder
	for _, r := range rs {
		switch r {
		case '‘', '’', '“', '”', '\'', '"', '`', '´', '.', ',', '(', ')', '[', ']':
			continue
		case '-', '_', '/':
			r = ' '
		}
		b.WriteRune(r)
	}
	words := strings.FieldsFunc(b.String(), pySpace)
	for len(words) > 0 && titles[words[0]] {
		words = words[1:]
	}
	if len(words) > 0 && words[0] == "the" {
		words = words[1:]
	}
	return strings.Join(words, " ")
}

// pySpace reports whether Python's str.isspace holds for r: Go's white space
// and the four information separators U+001C..U+001F.
func pySpace(r rune) bool {
	return unicode.IsSpace(r) || 0x1c <= r && r <= 0x1f
}

// pyStrip trims white space from both ends as Python's str.strip does.
func pyStrip(s string) string { return strings.TrimFunc(s, pySpace) }

// normType is a type as the scorer reads it: stripped and lower-cased.
func normType(t string) string { return string(pyLower([]rune(pyStrip(t)))) }

// pyLower lower-cases rs in place as Python's str.lower does. Past the
// simple mappings Go's unicode.ToLower shares, Python applies one full
// mapping, İ to "i̇" (Fold never meets it: NFKD has split it), and the
// final-sigma rule: Σ becomes ς when a cased letter precedes it and none
// follows it, case-ignorable characters skipped on both sides.
func pyLower(rs []rune) []rune {
	out := make([]rune, 0, len(rs))
	for i, r := range rs {
		switch {
		case r == 'Σ':
			if finalSigma(rs, i) {
				out = append(out, 'ς')
			} else {
				out = append(out, 'σ')
			}
		case r == 'İ':
			out = append(out, 'i', '\u0307')
		default:
			out = append(out, unicode.ToLower(r))
		}
	}
	return out
}

// finalSigma reports whether rs[i] stands in Unicode's Final_Sigma context,
// tested as CPython tests it.
func finalSigma(rs []rune, i int) bool {
	j := i - 1
	for j >= 0 && caseIgnorable(rs[j]) {
		j--
	}
	if j < 0 || !cased(rs[j]) {
		return false
	}
	j = i + 1
	for j < len(rs) && caseIgnorable(rs[j]) {
		j++
	}
	return j == len(rs) || !cased(rs[j])
}

// cased is Unicode's Cased property.
func cased(r rune) bool {
	return unicode.IsUpper(r) || unicode.IsLower(r) || unicode.IsTitle(r) ||
		unicode.Is(unicode.Other_Lowercase, r) || unicode.Is(unicode.Other_Uppercase, r)
}

// caseIgnorable is Unicode's Case_Ignorable property: marks, format
// characters, modifier letters and symbols, and the Word_Break classes
// MidLetter, MidNumLet and Single_Quote.
func caseIgnorable(r rune) bool {
	switch r {
	case ':', '\u00b7', '\u0387', '\u055f', '\u05f4', '\u2027', '\ufe13', '\ufe55', '\uff1a', // MidLetter
		'.', '\u2018', '\u2019', '\u2024', '\ufe52', '\uff07', '\uff0e', // MidNumLet
		'\'': // Single_Quote
		return true
	}
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf, unicode.Lm, unicode.Sk)
}
