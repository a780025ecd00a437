package ar

import (
	"unicode"
	"unicode/utf8"

	"github.com/athar-project/athar/internal/textfold"
	"golang.org/x/text/unicode/norm"
)

// token is a word or a punctuation mark of the text. Words carry their folded
// form and, per folded rune, the byte offset in the original text of the rune
// it came from, so that a match on the folded copy (after a clitic is
// stripped, say) maps back to a span of the text as written.
type token struct {
	start, end int // byte offsets into the original text, end exclusive
	fold       string
	offs       []int32 // offs[k] is the original byte offset of fold's k-th rune
	word       bool
	digits     bool // every rune an ASCII digit after folding
	arabic     bool // has Arabic letters
	space      bool // white space (or an invisible mark) before it
	nl         int  // line breaks before it
	tanween    bool // written with tanween ("عنفاً", "سوريًا"): an indefinite noun or adjective, never a name
	vars       [3]variant
	nvars      int
}

// variant is a reading of a word with its proclitics (و ف ب ل ك) stripped:
// s is the folded rest, pre how many folded runes were stripped.
type variant struct {
	s   string
	pre int
}

// tokenize splits text into tokens. A word is a run of letters, digits,
// combining marks and tatweel; an invisible formatting character (a
// right-to-left mark, a zero-width joiner) inside a word stays in it and
// folds away, between words it is space.
func tokenize(s string) []token {
	toks := make([]token, 0, len(s)/6+1)
	offBuf := make([]int32, 0, len(s)/2+1)
	space, nl := false, 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == '\n' {
			space = true
			nl++
			i += size
			continue
		}
		if isWordRune(r) {
			j := i + size
			for j < len(s) {
				r2, s2 := utf8.DecodeRuneInString(s[j:])
				if isWordRune(r2) || unicode.Is(unicode.Mn, r2) || r2 == '\u0640' {
					j += s2
					continue
				}
				if textfold.IsInvisible(r2) && j+s2 < len(s) {
					r3, _ := utf8.DecodeRuneInString(s[j+s2:])
					if isWordRune(r3) || unicode.Is(unicode.Mn, r3) {
						j += s2
						continue
					}
				}
				break
			}
			t := token{start: i, end: j, word: true, space: space, nl: nl}
			var f []byte
			f, offBuf = foldWord(s, i, j, offBuf)
			n := utf8.RuneCount(f)
			t.offs = offBuf[len(offBuf)-n : len(offBuf) : len(offBuf)]
			t.fold = string(f)
			if t.fold == "" {
				// only marks: nothing to match
				i = j
				space = true
				continue
			}
			t.digits = allDigits(t.fold)
			t.arabic = hasArabic(t.fold)
			t.tanween = hasTanween(s[i:j])
			t.variants(s)
			toks = append(toks, t)
			i = j
		} else {
			if unicode.IsSpace(r) || textfold.IsInvisible(r) || unicode.Is(unicode.Mn, r) || r == '\u0640' || r == utf8.RuneError {
				space = true
				i += size
				continue
			}
			f := string(r)
			if fr := punctFold(r); fr != 0 {
				f = string(fr)
			}
			t := token{start: i, end: i + size, fold: f, space: space, nl: nl, nvars: 1}
			t.vars[0] = variant{f, 0} // every token has one reading
			toks = append(toks, t)
			i += size
		}
		space, nl = false, 0
	}
	return toks
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// punctFold maps Arabic punctuation to one form: the Arabic comma, semicolon
// and question mark, and the quotation marks.
func punctFold(r rune) rune {
	switch r {
	case '،', '٫':
		return ','
	case '؛':
		return ';'
	case '؟':
		return '?'
	case '“', '”', '„', '"':
		return '"'
	case '«', '‹':
		return '«'
	case '»', '›':
		return '»'
	case '۔':
		return '.'
	}
	return 0
}

// foldWord folds s[a:b] rune by rune as textfold folds it, appending to offs
// the original byte offset of each folded rune.
func foldWord(s string, a, b int, offs []int32) ([]byte, []int32) {
	out := make([]byte, 0, b-a)
	for i := a; i < b; {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			i += size
			continue
		}
		if r < 0x80 || (r >= 0x0600 && r <= 0x06FF) {
			if f := foldRune(r); f >= 0 {
				out = utf8.AppendRune(out, f)
				offs = append(offs, int32(i))
			}
		} else {
			// presentation forms, ligatures, accented Latin: decompose first
			var buf [16]byte
			n := utf8.EncodeRune(buf[:], r)
			for _, d := range norm.NFKD.String(string(buf[:n])) {
				if f := textfold.Rune(d); f >= 0 {
					out = utf8.AppendRune(out, f)
					offs = append(offs, int32(i))
				}
			}
		}
		i += size
	}
	return out, offs
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func hasArabic(s string) bool {
	for _, r := range s {
		if r >= 0x0600 && r <= 0x06FF {
			return true
		}
	}
	return false
}

// variants fills the readings of a word: as written, without a conjunction
// (و ف), and without a conjunction and a preposition (ب ل ك); "لل" reads as
// ل + the article ("للمعتقلين" → "المعتقلين"). A reading whose rest could
// not begin a word as written (a hamza on its seat, ta marbuta, alif
// maqsura: "ولائهم" is not و + ل + "أيهم") is left out; s is the text.
func (t *token) variants(s string) {
	t.vars[0] = variant{t.fold, 0}
	t.nvars = 1
	if !t.arabic {
		return
	}
	rest, pre := t.fold, 0
	if r, n := utf8.DecodeRuneInString(rest); (r == 'و' || r == 'ف') && utf8.RuneCountInString(rest) >= 4 {
		rest, pre = rest[n:], 1
		if !t.canBeginWord(s, pre) {
			return
		}
		t.vars[t.nvars] = variant{rest, pre}
		t.nvars++
	}
	r, n := utf8.DecodeRuneInString(rest)
	if (r == 'ب' || r == 'ل' || r == 'ك') && utf8.RuneCountInString(rest) >= 4 && t.canBeginWord(s, pre+1) {
		if r == 'ل' && len(rest) > 2*n && rest[n:2*n] == "ل" {
			t.vars[t.nvars] = variant{"ا" + rest[n:], pre + 1}
		} else {
			t.vars[t.nvars] = variant{rest[n:], pre + 1}
		}
		t.nvars++
	}
}

// canBeginWord reports whether the word as written, from its k-th folded
// rune on, could be a word of its own: Arabic spelling begins no word with a
// hamza on a seat (ئ ؤ), a lone hamza followed by nothing, ta marbuta or
// alif maqsura, or an alif before one (the seat of a word's first hamza is
// the alif itself).
func (t *token) canBeginWord(s string, k int) bool {
	if k >= len(t.offs) {
		return false
	}
	r, n := utf8.DecodeRuneInString(s[t.offs[k]:])
	switch r {
	case 'ئ', 'ؤ', 'ة', 'ى':
		return false
	case 'ا':
		r2, _ := utf8.DecodeRuneInString(s[int(t.offs[k])+n:])
		return r2 != 'ئ' && r2 != 'ؤ'
	}
	return true
}

// hasTanween reports a tanween mark in a word as written.
func hasTanween(w string) bool {
	for _, r := range w {
		if r >= '\u064B' && r <= '\u064D' {
			return true
		}
	}
	return false
}

// bare strips the article from a folded word: "السجن" → "سجن".
func bare(s string) string {
	if len(s) > len("ال")+2 && s[:len("ال")] == "ال" {
		return s[len("ال"):]
	}
	return s
}
