package names

import (
	"strings"

	"github.com/athar-project/athar/internal/textfold"
)

// Transliterate spells Arabic-script text in Latin letters the way English-
// language news outlets write names: known names in their usual spelling
// ("محمد" → "Mohammed", "حسين" → "Hussein", "أوس" → "Aws"), the article as
// "al-", Abd al-X as "Abdul X", other words letter by letter with the vowels
// Arabic leaves unwritten guessed. Words in other scripts are kept as they
// are. The result is for reading and matching, never a replacement for the
// name as written.
func Transliterate(s string) string {
	if !isArabicWord(s) {
		return s
	}
	n := Parse(s)
	out := make([]string, 0, len(n.Parts))
	for _, p := range n.Parts {
		l := p.Latin
		if p.Article && p.Arabic {
			l = "al-" + l
		}
		out = append(out, l)
	}
	return strings.Join(out, " ")
}

var arabicLetters = map[rune]string{
	'ب': "b", 'پ': "p", 'ت': "t", 'ث': "th", 'ج': "j", 'چ': "ch", 'ح': "h", 'خ': "kh", 'د': "d",
	'ذ': "dh", 'ر': "r", 'ز': "z", 'ژ': "zh", 'س': "s", 'ش': "sh", 'ص': "s", 'ض': "d", 'ط': "t",
	'ظ': "z", 'غ': "gh", 'ف': "f", 'ڤ': "v", 'ق': "q", 'ك': "k", 'گ': "g", 'ل': "l", 'م': "m",
	'ن': "n", 'ه': "h", 'ٹ': "t", 'ڈ': "d", 'ڑ': "r", 'ځ': "dz", 'ښ': "sh", 'ګ': "g", 'ڼ': "n",
	'ں': "n", 'ہ': "h", 'ھ': "h",
}

// translitWord spells one Arabic word (without the article) in Latin.
func translitWord(raw string) string {
	f := textfold.Fold(raw)
	if id, ok := dictArabic[arabicDictKey(f)]; ok {
		return dictEntries[id].latin
	}
	rs := []rune(raw)
	var b strings.Builder
	vowelBefore := false // the output ends in a vowel
	consonants := 0
	for i, r := range rs {
		last := i == len(rs)-1
		nextCons := i+1 < len(rs) && isArabicConsonant(rs[i+1])
		switch r {
		case 'ة', 'ۃ':
			b.WriteString("a")
			vowelBefore = true
			continue
		case 'ى':
			if last && len(rs) >= 5 {
				b.WriteString("i") // a nisba typed with alef maqsura: حقانى
			} else {
				b.WriteString("a")
			}
			vowelBefore = true
			continue
		case 'ء', 'ؤ':
			continue
		case 'ئ':
			if vowelBefore {
				b.WriteString("e")
				vowelBefore = true
			}
			continue
		case 'ع':
			if i == 0 {
				b.WriteString("a")
				vowelBefore = true
			}
			continue
		case 'إ':
			b.WriteString("i")
			vowelBefore = true
			continue
		}
		fr := textfold.Rune(r)
		switch fr {
		case -1:
			continue
		case 'ا':
			b.WriteString("a")
			vowelBefore = true
			continue
		case 'و':
			switch {
			case i == 0:
				b.WriteString("w")
				vowelBefore = false
			case vowelBefore:
				b.WriteString("w")
				vowelBefore = false
			default:
				b.WriteString("ou")
				vowelBefore = true
			}
			continue
		case 'ي', 'ے':
			switch {
			case i == 0 || (vowelBefore && !last):
				b.WriteString("y")
				vowelBefore = false
			default:
				b.WriteString("i")
				vowelBefore = true
			}
			continue
		}
		l, ok := arabicLetters[fr]
		if !ok {
			b.WriteRune(fr)
			continue
		}
		if fr == 'ه' && last && i > 0 {
			continue
		}
		afterConsonant := !vowelBefore && consonants > 0
		b.WriteString(l)
		consonants++
		vowelBefore = false
		// Arabic leaves short vowels unwritten: supply an "a" after the
		// first consonant before another consonant, and inside a run of
		// three consonants.
		if nextCons && !last && (consonants == 1 || afterConsonant) {
			b.WriteString("a")
			vowelBefore = true
		}
	}
	return capitalize(b.String())
}

func isArabicConsonant(r rune) bool {
	f := textfold.Rune(r)
	switch f {
	case 'ا', 'و', 'ي', -1:
		return false
	}
	switch r {
	case 'ة', 'ى', 'ء', 'ئ', 'ؤ', 'إ':
		return false
	}
	_, ok := arabicLetters[f]
	return ok || r == 'ع'
}
