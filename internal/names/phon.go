package names

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/athar-project/athar/internal/textfold"
)

// A word's sound is a sequence of units. Consonants are classes in upper case
// or digits, so that letters news outlets write for one Arabic sound share one
// class:
//
//	B b p ب پ      T t ت ط        0 th ث         D d ض د
//	9 dh ذ         Z z ز ظ ژ ځ     S s س ص        X sh ch ش چ
//	J j dj ج       K k q c g ك ق گ G gh غ        H h ح ه
//	C kh x خ       F f v ph ف ڤ   R L M N        W Y (word-initial glides)
//
// Vowels are 'a' 'e' 'i' 'u' (short, Latin only) and 'A' 'I' 'U' (long:
// Arabic alef, ya and waw; Latin doubled vowels and diphthongs such as ee,
// ou, ei, aw). Arabic writes no short vowels, so comparison treats a Latin
// short vowel against Arabic as almost free. Letters of other scripts are
// kept as themselves (Cyrillic is first spelled in Latin).

// ayn is the unit of the Arabic letter ayn. Against Latin it costs almost
// nothing, as an added letter or in place of a vowel, since Latin spellings
// write it as a vowel or not at all; against Arabic it is a consonant. It
// is no part of a skeleton.
const ayn = '\''

func isVowelUnit(r rune) bool {
	switch r {
	case 'a', 'e', 'i', 'u', 'A', 'I', 'U':
		return true
	}
	return false
}

func isLongVowel(r rune) bool { return r == 'A' || r == 'I' || r == 'U' }

// vowelClass maps a vowel unit to its quality: a, e, i or u.
func vowelClass(r rune) rune {
	switch r {
	case 'A':
		return 'a'
	case 'I':
		return 'i'
	case 'U':
		return 'u'
	}
	return r
}

// latinUnits spells a folded Latin word (lower case) as units.
func latinUnits(w string) []rune {
	b := []rune(cyrillicToLatin(w))
	var out []rune
	emit := func(c rune) {
		if n := len(out); n > 0 && out[n-1] == c {
			return // doubled consonant
		}
		out = append(out, c)
	}
	isV := func(i int) bool {
		if i < 0 || i >= len(b) {
			return false
		}
		switch b[i] {
		case 'a', 'e', 'i', 'o', 'u':
			return true
		}
		return false
	}
	isGlide := func(i int) bool { return i < len(b) && (b[i] == 'w' || b[i] == 'y') }
	for i := 0; i < len(b); {
		c := b[i]
		// A run of vowels, with w and y inside or after them, is one vowel
		// unit; a w or y that starts the word before a vowel is a consonant.
		// French "ou" before a vowel is a w ("Djouadi", "Ouadoud").
		if c == 'o' && i+2 < len(b) && b[i+1] == 'u' && strings.ContainsRune("aei", b[i+2]) && !isV(i-1) {
			emit('W')
			i += 2
			continue
		}
		// A w before a vowel is a consonant ("Marwan", "Hamawi").
		if isV(i) || (isGlide(i) && (i > 0 || !isV(i+1)) && !(b[i] == 'w' && isV(i+1))) {
			j := i + 1
			for j < len(b) && (isV(j) || (isGlide(j) && !(b[j] == 'w' && isV(j+1)))) {
				j++
			}
			out = append(out, classifyRun(string(b[i:j])))
			i = j
			continue
		}
		next := rune(0)
		if i+1 < len(b) {
			next = b[i+1]
		}
		step := 1
		switch c {
		case 'w':
			emit('W')
		case 'y':
			emit('Y')
		case 'h':
			if i == len(b)-1 && isV(i-1) {
				break // a final h after a vowel is silent ("Abdullah", "Shehadeh")
			}
			emit('H')
		case 's':
			if next == 'h' {
				emit('X')
				step = 2
			} else {
				emit('S')
			}
		case 'c':
			switch {
			case next == 'h':
				emit('X')
				step = 2
			case next == 'k':
				emit('K')
				step = 2
			case next == 'e' || next == 'i' || next == 'y':
				emit('S')
			default:
				emit('K')
			}
		case 't':
			switch {
			case next == 'h':
				emit('0')
				step = 2
			case next == 'c' && i+2 < len(b) && b[i+2] == 'h':
				emit('X')
				step = 3
			default:
				emit('T')
			}
		case 'd':
			switch next {
			case 'h':
				emit('9')
				step = 2
			case 'j':
				emit('J')
				step = 2
			default:
				emit('D')
			}
		case 'k':
			if next == 'h' {
				emit('C')
				step = 2
			} else {
				emit('K')
			}
		case 'g':
			if next == 'h' {
				emit('G')
				step = 2
			} else {
				emit('K')
			}
		case 'p':
			if next == 'h' {
				emit('F')
				step = 2
			} else {
				emit('B')
			}
		case 'z':
			// zh is one sound at the start of a word ("Zhukov"); inside
			// an Arabic name it is z and h ("Azhar", "Mazhar")
			if next == 'h' && i == 0 {
				emit('J')
				step = 2
			} else {
				emit('Z')
			}
		case 'q':
			emit('K')
		case 'x':
			emit('K')
			emit('S')
		case 'v', 'f':
			emit('F')
		case 'j':
			emit('J')
		case 'b':
			emit('B')
		case 'l', 'm', 'n', 'r':
			emit(unicode.ToUpper(c))
		default:
			if unicode.IsLetter(c) || unicode.IsDigit(c) {
				emit(c)
			}
		}
		i += step
	}
	return out
}

// classifyRun turns a run of Latin vowel letters (with medial w, y) into one
// vowel unit.
func classifyRun(run string) rune {
	long := len(run) >= 2
	switch {
	case strings.ContainsAny(run, "ouw"):
		if long {
			return 'U'
		}
		return 'u'
	case strings.ContainsAny(run, "iy"):
		if long {
			return 'I'
		}
		return 'i'
	case strings.ContainsRune(run, 'a'):
		if long {
			return 'A'
		}
		return 'a'
	}
	if long {
		return 'I' // "ee"
	}
	return 'e'
}

// arabicUnits spells an Arabic-script word as units. It reads the letters
// as written (before folding) where folding would lose a sound: ta marbuta
// and alef maqsura are final vowels, hamza seats are glottal stops.
func arabicUnits(w string) []rune {
	rs := []rune(w)
	var out []rune
	emit := func(c rune) {
		n := len(out)
		switch {
		case n > 0 && out[n-1] == c && (isVowelUnit(c) || c == 'L'):
			// A vowel written twice, or the article's lam before a lam
			// (الله, اللاذقية: "Abdullah", "Latakia"), is one. Any other
			// letter twice is two consonants with an unwritten short vowel
			// between (مملوك "Mamlouk", ممدوح "Mamdouh"), since Arabic
			// writes a doubled consonant once.
			return
		case n > 1 && isVowelUnit(c) && out[n-1] == ayn && vowelClass(out[n-2]) == vowelClass(c):
			return // a vowel on both sides of an ayn: one vowel in Latin ("Rabi'i", "Rabii")
		case n > 0 && isVowelUnit(c) && isVowelUnit(out[n-1]):
			out[n-1] = mergeVowels(out[n-1], c) // one run of vowel letters
			return
		}
		out = append(out, c)
	}
	first := true
	for i, r := range rs {
		last := i == len(rs)-1
		switch r {
		case 'ة', 'ۃ':
			emit('a')
			first = false
			continue
		case 'ى':
			// final alef maqsura is "a" in Arabic names (Mustafa) but
			// stands for a final "i" in much Egyptian and Persian typing
			// (على, حقانى): a vowel that meets both
			if last {
				emit('e')
			} else {
				emit('I')
			}
			first = false
			continue
		case 'ع':
			// ayn: Latin writes it as a vowel, an apostrophe or nothing
			// ("Sharaa", "Mu'adh", "Omar")
			first = false
			emit(ayn)
			continue
		case 'ئ', 'ؤ', 'ء':
			first = false
			continue // hamza: no Latin letter of its own
		case 'إ':
			emit('I')
			first = false
			continue
		}
		f := textfold.Rune(r)
		if f < 0 {
			continue
		}
		var u rune
		switch f {
		case 'ا':
			u = 'A'
		case 'و':
			// a consonant at the start and before a written vowel
			// ("مروان", "حموي"), else the long vowel u
			if first || (i+1 < len(rs) && isArabicVowelLetter(rs[i+1])) {
				u = 'W'
			} else {
				u = 'U'
			}
		case 'ي', 'ے':
			if first {
				u = 'Y'
			} else {
				u = 'I'
			}
		case 'ب', 'پ':
			u = 'B'
		case 'ت', 'ط', 'ٹ':
			u = 'T'
		case 'ث':
			u = '0'
		case 'ج':
			u = 'J'
		case 'ح':
			u = 'H'
		case 'خ':
			u = 'C'
		case 'د', 'ض', 'ڈ':
			u = 'D'
		case 'ذ':
			u = '9'
		case 'ر', 'ڑ':
			u = 'R'
		case 'ز', 'ژ', 'ځ', 'ظ':
			u = 'Z'
		case 'س', 'ص':
			u = 'S'
		case 'ش', 'چ', 'ښ':
			u = 'X'
		case 'غ':
			u = 'G'
		case 'ف', 'ڤ':
			u = 'F'
		case 'ق', 'ك', 'گ', 'ګ':
			u = 'K'
		case 'ل':
			u = 'L'
		case 'م':
			u = 'M'
		case 'ن', 'ں', 'ڼ':
			u = 'N'
		case 'ه', 'ہ', 'ھ', 'ۀ':
			if last && !first {
				continue // final h is silent, as in Latin
			}
			u = 'H'
		default:
			if unicode.IsLetter(f) || unicode.IsDigit(f) {
				u = f
			} else {
				continue
			}
		}
		first = false
		emit(u)
	}
	return out
}

func isArabicVowelLetter(r rune) bool {
	switch r {
	case 'ا', 'أ', 'إ', 'آ', 'ي', 'ى', 'ة':
		return true
	}
	return false
}

// mergeVowels joins two adjacent written vowels into one long vowel, u over
// i over a, as classifyRun does for Latin.
func mergeVowels(a, b rune) rune {
	ca, cb := vowelClass(a), vowelClass(b)
	switch {
	case ca == 'u' || cb == 'u':
		return 'U'
	case ca == 'i' || cb == 'i':
		return 'I'
	}
	return 'A'
}

// isArabicWord reports whether w is written in Arabic script.
func isArabicWord(w string) bool {
	for _, r := range w {
		if unicode.Is(unicode.Arabic, r) {
			return true
		}
	}
	return false
}

// coarse maps a consonant unit to the wider class used for blocking keys.
func coarse(r rune) rune {
	switch r {
	case '0':
		return 'T'
	case '9':
		return 'D'
	case 'C':
		return 'H'
	case 'G':
		return 'K'
	case 'X':
		return 'S'
	}
	return r
}

// skeleton returns the coarse consonant skeleton of units: the phonetic key
// that Arabic script and the common Latin spellings of a name share.
func skeleton(units []rune) string {
	var b strings.Builder
	var prev rune = -1
	for _, u := range units {
		if isVowelUnit(u) || u == ayn {
			continue
		}
		c := coarse(u)
		if c == prev {
			continue
		}
		prev = c
		b.WriteRune(c)
	}
	return b.String()
}

// Skeleton returns the phonetic skeleton of one word or name: the coarse
// consonant keys of its words, space separated. "Ous Salloum", "Aws Sallum"
// and "أوس سلوم" give the same skeleton.
func Skeleton(s string) string {
	n := Parse(s)
	keys := make([]string, 0, len(n.Parts))
	for _, p := range n.Parts {
		keys = append(keys, p.Key)
	}
	return strings.Join(keys, " ")
}

var cyrLatin = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "yo", 'ж': "zh", 'з': "z",
	'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r",
	'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch",
	'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu", 'я': "ya", 'і': "i", 'ї': "yi", 'є': "ye",
}

// cyrillicToLatin spells Cyrillic letters the way English-language lists do,
// so that "Кирсан" meets "Kirsan". Other text is returned unchanged.
func cyrillicToLatin(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return w
	}
	var b strings.Builder
	for _, r := range w {
		if l, ok := cyrLatin[r]; ok {
			b.WriteString(l)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}
