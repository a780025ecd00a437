package names

import (
	"slices"
	"strings"
	"unicode"

	"github.com/athar-project/athar/internal/textfold"
	"golang.org/x/text/unicode/norm"
)

// Role is what a part of a name is.
type Role uint8

// Roles of name parts. Arabic names run given name, father's name,
// grandfather's name, family name or nisba; a kunya (Abu X, Umm X) and an
// epithet stand beside them.
const (
	RoleUnknown Role = iota
	RoleGiven
	RoleFather
	RoleGrandfather
	RoleFamily
	RoleKunya
	RoleEpithet
)

var roleNames = [...]string{"part", "given", "father", "grandfather", "family", "kunya", "epithet"}

func (r Role) String() string {
	if int(r) < len(roleNames) {
		return roleNames[r]
	}
	return "part"
}

// Part is one part of a person's name, with what comparison needs.
type Part struct {
	Text    string // folded, as the source spells it; compounds ("abd al-rahman") joined
	Latin   string // Latin spelling: the text itself, or the transliteration of Arabic
	Key     string // phonetic skeleton, shared by Arabic script and Latin spellings
	AltKey  string // skeleton without a joined article ("alghamdi" → ghamdi), or ""
	Role    Role
	Arabic  bool // written in Arabic script
	Article bool // carried al-, el-, ال
	Common  bool // a name so common it identifies nobody alone

	units []rune
	alt   []rune
	known []int32
	rare  float32 // rarity, kept once known
	// sonOf: the part follows bin, ibn or "son of", so it is a father's
	// (or an ancestor's) name for certain, whatever its position
	sonOf bool
	// syllabic: two syllables joined by a hyphen ("Myong-chul")
	syllabic bool
}

// Name is a person's name split into parts, with ranks and honorifics apart.
type Name struct {
	Raw     string
	Parts   []Part
	Titles  []string // ranks and honorifics, folded: "col", "العقيد", "dr"
	Rank    Rank     // the rank the name starts with, one for both scripts
	Epithet bool     // a descriptive name ("Azrael of Sednaya"): a weak alias
}

// Latin returns the name spelled in Latin script, parts only.
func (n Name) Latin() string {
	s := make([]string, 0, len(n.Parts))
	for _, p := range n.Parts {
		s = append(s, p.Latin)
	}
	return strings.Join(s, " ")
}

// titles are ranks and honorifics, folded; they are kept apart from the name.
var titles = setOf(`dr doctor prof professor mr mrs ms col colonel lt ltcol lieutenant gen general brig
brigadier maj major capt captain cpt sgt sergeant cpl corporal pvt private adm admiral cmdr commander
sheikh shaykh sheik shaikh haji hajji hajj mullah mulla mawlawi maulvi mawlavi maulana mawlana qari ustad
ustadh imam judge eng engineer minister president officer warden guard
العقيد عقيد العميد عميد اللواء لواء المقدم مقدم الرائد رائد النقيب نقيب الملازم ملازم الرقيب رقيب
المساعد الفريق فريق العماد الدكتور دكتور د الشيخ شيخ الحاج حاج حاجي السيد المهندس مهندس القاضي
السجان الحارس ملا مولوي مولانا قاري استاد الاستاذ استاذ الامام ركن الركن monsieur madame mme`)

// noise are words that lists put into name fields but that are no part of
// a name.
var noise = setOf(`born in previously listed as aka alias fnu mnu lnu formerly also known`)

var articles = setOf(`al el ul il ال`)

// sunArticles are the article spelled as it sounds before a sun letter
// ("as-Sayyid", "ad-Dari"); they count as an article only before a word that
// starts with their consonant.
var sunArticles = setOf(`as es us ash esh ad ed ud ar er ur at et ut az ez uz an en un adh ath`)

var sonOfWords = setOf(`bin ben ibn bint binti ould walad ابن بن بنت ولد`)

var abuForms = setOf(`abu abou abo ebu aboo ابو`)
var ummForms = setOf(`umm um oum ام`)

var abdBare = setOf(`abd abed abid عبد`)
var dinForms = setOf(`din deen dine ddin eddin eddine uddin دين`)
var allahForms = setOf(`allah ullah ulla alla lah llah لله له`)

func setOf(s string) map[string]bool {
	m := map[string]bool{}
	for _, f := range strings.Fields(s) {
		m[textfold.Fold(f)] = true
	}
	return m
}

// word is a token of a raw name: the letters as written and folded.
type word struct {
	raw, fold string
	arabic    bool
}

// Parse splits a person's name into parts. It never fails: a string with no
// letters gives a Name with no parts. Text in brackets and after a semicolon
// is not part of this name (see Split for lists of names).
func Parse(s string) Name {
	n := Name{Raw: s}
	s = strings.ToValidUTF8(s, " ")
	s = norm.NFKC.String(s)
	s = dropBracketed(s)
	if i := strings.IndexByte(s, ';'); i >= 0 {
		s = s[:i]
	}
	// "Family, Given" as lists write it
	if a, b, ok := strings.Cut(s, ","); ok && strings.TrimSpace(a) != "" && strings.TrimSpace(b) != "" && !strings.Contains(b, ",") {
		if len(strings.Fields(a)) <= 2 {
			s = b + " " + a
		}
	}
	s, syllabic := joinSyllables(s)
	ws := splitGlued(splitWords(s))
	if k := rankPrefix(ws); k > 0 && k < len(ws) {
		// "العقيد الركن ثائر حسين", "Staff Brig. Gen. X": the rank apart
		var raw []string
		for _, w := range ws[:k] {
			raw = append(raw, w.raw)
			n.Titles = append(n.Titles, w.fold)
		}
		if r, ok := NormalizeRank(strings.Join(raw, " ")); ok {
			n.Rank = r
		} else {
			n.Rank.Staff = true
		}
		ws = ws[k:]
	}
	ws = n.dropTitles(ws)
	ws = splitInitials(ws)
	n.Parts = buildParts(ws)
	if len(syllabic) > 0 {
		romanised(n.Parts)
		for i := range n.Parts {
			n.Parts[i].syllabic = slices.Contains(syllabic, n.Parts[i].Text)
		}
	}
	assignRoles(n.Parts)
	if n.Epithet {
		for i := range n.Parts {
			n.Parts[i].Role = RoleEpithet
		}
	}
	return n
}

// Split returns the names in a string that lists several: alternatives after
// semicolons and names given in brackets ("عبدالله السندي (Abdullah Sindhi)").
func Split(s string) []string {
	var out []string
	var inner []string
	depth := 0
	var cur, br strings.Builder
	for _, r := range s {
		switch {
		case r == '(' || r == '[':
			depth++
			if depth == 1 {
				br.Reset()
				continue
			}
		case (r == ')' || r == ']') && depth > 0:
			depth--
			if depth == 0 {
				inner = append(inner, br.String())
				continue
			}
		}
		if depth > 0 {
			br.WriteRune(r)
		} else {
			cur.WriteRune(r)
		}
	}
	if depth > 0 {
		inner = append(inner, br.String())
	}
	for _, part := range append([]string{cur.String()}, inner...) {
		for _, alt := range strings.Split(part, ";") {
			alt = strings.Trim(strings.TrimSpace(alt), ",")
			if hasLetter(alt) {
				out = append(out, strings.TrimSpace(alt))
			}
		}
	}
	return out
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func dropBracketed(s string) string {
	if !strings.ContainsAny(s, "([") {
		return s
	}
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(' || r == '[':
			depth++
			continue
		case (r == ')' || r == ']') && depth > 0:
			depth--
			b.WriteRune(' ')
			continue
		}
		if depth == 0 {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// splitWords cuts s into words: runs of letters, digits and marks. An
// apostrophe between letters stays inside the word (it writes an ayn or a
// hamza); hyphens and other punctuation separate.
func splitWords(s string) []word {
	var ws []word
	rs := []rune(s)
	var cur []rune
	flush := func() {
		if len(cur) == 0 {
			return
		}
		raw := string(cur)
		cur = cur[:0]
		f := foldHeh(textfold.Fold(raw))
		if f == "" {
			return
		}
		ws = append(ws, word{raw: raw, fold: f, arabic: isArabicWord(raw)})
	}
	for i, r := range rs {
		switch {
		case camelBreak(cur, r):
			// "RamiMakhlouf", "VladimirPutin": two words written as one
			flush()
			cur = append(cur, r)
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || r == '\u0640':
			cur = append(cur, r)
		case textfold.IsApostrophe(r) && len(cur) > 0 && i+1 < len(rs) && unicode.IsLetter(rs[i+1]):
			// inside the word: dropped
		case textfold.IsInvisible(r):
		default:
			flush()
		}
	}
	flush()
	return ws
}

// camelBreak reports whether upper-case r after the lower-case letters of
// cur starts a new word: "RamiMakhlouf" is "Rami Makhlouf". "McDonald" and
// "MacArthur" stay one word.
func camelBreak(cur []rune, r rune) bool {
	n := len(cur)
	if n < 2 || !unicode.IsUpper(r) || !unicode.IsLower(cur[n-1]) || r > unicode.MaxLatin1 && !unicode.In(r, unicode.Latin) {
		return false
	}
	switch strings.ToLower(string(cur)) {
	case "mc", "mac":
		return false
	}
	return true
}

// allahUnits are the units of "Allah" closing a name ("Sanaullah",
// "ثناء الله", "Atiqullah"), however it is spelled, so that the vowels
// around it do not count.
var allahUnits = []rune{'U', 'L', 'A'}

// allahStem returns the stem of a Latin name that ends in Allah
// ("sanaullah" → "sana"), written -ullah, -allah, -ollah or -ulla.
func allahStem(f string) (string, bool) {
	for _, t := range []string{"ullah", "allah", "ollah", "ulla", "alla"} {
		if strings.HasSuffix(f, t) && len(f) >= len(t)+3 && !strings.HasPrefix(f, "abd") {
			return strings.TrimSuffix(f, t), true
		}
	}
	return "", false
}

// foldHeh writes the Urdu and Persian forms of heh (ہ ھ ۀ) as the Arabic
// one, so that "اللہ" is "الله".
func foldHeh(s string) string {
	if !strings.ContainsAny(s, "ہھۀ") {
		return s
	}
	return strings.NewReplacer("ہ", "ه", "ھ", "ه", "ۀ", "ه").Replace(s)
}

// splitGlued separates an Arabic word written onto a following Abd
// ("محمدعبد البصير" is "محمد عبد البصير") and a kunya written as one word
// ("أبوغيث" is "أبو غيث").
func splitGlued(ws []word) []word {
	for i := 0; i < len(ws); i++ {
		w := ws[i]
		if w.arabic && strings.HasPrefix(w.fold, "ابو") && len([]rune(w.fold)) >= 6 {
			rest := strings.TrimPrefix(w.fold, "ابو")
			ws = append(ws[:i], append([]word{{raw: "ابو", fold: "ابو", arabic: true}, {raw: rest, fold: rest, arabic: true}}, ws[i+1:]...)...)
			i++
			continue
		}
		if w.arabic && i+1 < len(ws) && strings.HasSuffix(w.fold, "عبد") && len([]rune(w.fold)) > 4 && strings.HasPrefix(ws[i+1].fold, "ال") {
			rs := []rune(w.fold)
			h := string(rs[:len(rs)-3])
			head := word{raw: h, fold: h, arabic: true}
			abd := word{raw: "عبد", fold: "عبد", arabic: true}
			ws = append(ws[:i], append([]word{head, abd}, ws[i+1:]...)...)
			i++
		}
	}
	return ws
}

// dropTitles takes ranks, honorifics, noise words and epithet markers out.
func (n *Name) dropTitles(ws []word) []word {
	out := ws[:0:0]
	for i := 0; i < len(ws); i++ {
		w := ws[i]
		f := w.fold
		switch {
		case isDigits(f):
			continue
		case titles[f] && (len(ws) > 1 || w.arabic):
			n.Titles = append(n.Titles, f)
			continue
		case noise[f]:
			continue
		case (f == "son" || f == "daughter") && i+1 < len(ws) && ws[i+1].fold == "of":
			i++
			out = append(out, word{raw: "bin", fold: "bin"})
			continue
		case f == "of" || f == "the":
			n.Epithet = true
			continue
		}
		out = append(out, w)
	}
	return out
}

func isDigits(s string) bool {
	for _, r := range s {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// isArticle reports whether w is the article before next.
func isArticle(w, next word) bool {
	if articles[w.fold] {
		return true
	}
	if sunArticles[w.fold] && !w.arabic && len(next.fold) > 1 {
		c := w.fold[len(w.fold)-1:]
		if strings.HasSuffix(w.fold, "sh") || strings.HasSuffix(w.fold, "dh") || strings.HasSuffix(w.fold, "th") {
			c = w.fold[len(w.fold)-2:]
		}
		return strings.HasPrefix(next.fold, c)
	}
	return false
}

// buildParts joins particles to the words they belong to and makes parts.
func buildParts(ws []word) []Part {
	var parts []Part
	article := false
	var sonOf []int // the parts that follow bin
	for i := 0; i < len(ws); i++ {
		w := ws[i]
		var next *word
		if i+1 < len(ws) {
			next = &ws[i+1]
		}
		switch {
		case next != nil && isArticle(w, *next):
			article = true
			continue
		case sonOfWords[w.fold] && next != nil && len(parts) > 0:
			sonOf = append(sonOf, len(parts))
			continue
		case (abuForms[w.fold] || ummForms[w.fold]) && next != nil:
			j := i + 1
			if j+1 < len(ws) && isArticle(ws[j], ws[j+1]) {
				j++
			}
			p := newPart(ws[j])
			head := "abu"
			hu := []rune{'a', 'B', 'u'}
			if ummForms[w.fold] {
				head, hu = "umm", []rune{'u', 'M'}
			}
			p.Text = head + " " + p.Text
			p.Latin = capitalize(head) + " " + p.Latin
			p.units = append(hu, p.units...)
			p.alt = nil
			p.known = nil
			p.Role = RoleKunya
			p.finish()
			parts = append(parts, p)
			i = j
			article = false
			continue
		}
		if p, used, ok := abdCompound(ws, i); ok {
			p.Article = article
			parts = append(parts, p)
			i += used - 1
			article = false
			continue
		}
		p := newPart(w)
		p.Article = p.Article || article
		article = false
		// X al-Din, X Allah: one name
		j := i + 1
		if j+1 < len(ws) && isArticle(ws[j], ws[j+1]) {
			j++
		}
		if j < len(ws) && (dinForms[ws[j].fold] || allahForms[ws[j].fold] || ws[j].fold == "الله" || ws[j].fold == "الدين") {
			tail := ws[j]
			tf := strings.TrimPrefix(tail.fold, "ال")
			var tu []rune
			if tail.arabic {
				tu = arabicUnits(strings.TrimPrefix(tail.raw, "ال"))
			} else {
				tu = latinUnits(tf)
			}
			p.Text += " " + tail.fold
			if dinForms[tf] || tf == "دين" {
				p.Latin += " al-Din"
			} else {
				tu = allahUnits
				p.Latin += "ullah"
			}
			p.units = append(p.units, tu...)
			p.alt = nil
			p.known = nil
			p.finish()
			i = j
		}
		parts = append(parts, p)
	}
	for _, k := range sonOf {
		if k < len(parts) {
			parts[k].sonOf = true
		}
	}
	return parts
}

// abdCompound reads Abd al-X ("Abdul Rahman", "Abd-al-Salam", "عبد الله",
// "Abdulkarim") starting at ws[i] as one part. used is how many words it took.
func abdCompound(ws []word, i int) (p Part, used int, ok bool) {
	w := ws[i]
	f := w.fold
	var restWords []word
	switch {
	case abdBare[f]:
		j := i + 1
		if j >= len(ws) {
			return p, 0, false
		}
		if j+1 < len(ws) && isArticle(ws[j], ws[j+1]) {
			j++
		} else if !(allahForms[ws[j].fold] || strings.HasPrefix(ws[j].fold, "ال") || ws[j].fold == "الله") {
			return p, 0, false
		}
		restWords = []word{ws[j]}
		used = j - i + 1
	case w.arabic && strings.HasPrefix(f, "عبدال") && len([]rune(f)) > 6:
		r := strings.TrimPrefix(f, "عبدال")
		restWords = []word{{raw: r, fold: r, arabic: true}}
		used = 1
	case !w.arabic && strings.HasPrefix(f, "abd"):
		rest, prefixOnly, isAbd := splitAbd(f)
		if !isAbd {
			return p, 0, false
		}
		if prefixOnly {
			if i+1 >= len(ws) {
				return p, 0, false
			}
			restWords = []word{ws[i+1]}
			used = 2
		} else {
			restWords = []word{{raw: rest, fold: rest}}
			used = 1
		}
	default:
		return p, 0, false
	}
	x := restWords[0]
	xr, xf := x.raw, x.fold
	if x.arabic {
		xr = strings.TrimPrefix(strings.TrimPrefix(xr, "ال"), "أل")
		xf = strings.TrimPrefix(xf, "ال")
	}
	var u []rune
	if x.arabic {
		u = append([]rune{'B', 'D'}, arabicUnits(xr)...)
	} else {
		u = append([]rune{'a', 'B', 'D'}, latinUnits(xf)...)
	}
	p = Part{Text: "abd " + xf, Arabic: w.arabic, units: u}
	xl := xf
	if x.arabic {
		xl = translitWord(xr)
	}
	if allahForms[xf] || xf == "له" || xf == "لله" {
		p.Latin = "Abdullah"
		p.Common = true
	} else {
		p.Latin = "Abdul " + capitalize(xl)
	}
	p.finish()
	return p, used, true
}

// splitAbd reads a Latin word that starts with abd: "abdul" and the like are
// a prefix that joins the next word (prefixOnly); "abdulkarim" gives
// "karim"; "abdo" and "abdi" are names of their own (isAbd false).
func splitAbd(f string) (rest string, prefixOnly, isAbd bool) {
	r := f[3:]
	if r == "" {
		return "", false, false
	}
	if strings.HasPrefix(r, "ou") {
		r = r[2:]
	} else if strings.IndexByte("aeiou", r[0]) >= 0 {
		r = r[1:]
	}
	switch {
	case r == "":
		return "", false, false
	case r == "l" || r == "r" || r == "s" || r == "n" || r == "z" || r == "t" || r == "d" || r == "sh":
		return "", true, true
	case r[0] == 'l' && len(r) >= 3:
		return r[1:], false, true
	case len(r) >= 4 && r[0] == r[1] && strings.IndexByte("aeiouy", r[0]) < 0:
		return r[1:], false, true
	case len(r) >= 3 && f[3] != r[0]:
		// abd + vowel + X: "abdurahman" is abd al-rahman
		return r, false, true
	case len(r) >= 4 && f[3] == r[0]:
		// "abdrahman"
		return r, false, true
	}
	return "", false, false
}

func newPart(w word) Part {
	p := Part{Text: w.fold, Arabic: w.arabic}
	if w.arabic {
		raw, f := w.raw, w.fold
		if strings.HasPrefix(f, "ال") && len([]rune(f)) > 3 && f != "الله" {
			p.Article = true
			f = strings.TrimPrefix(f, "ال")
			raw = trimArabicArticle(raw)
		}
		p.Text = f
		p.units = arabicUnits(raw)
		p.Latin = translitWord(raw)
		p.known = lookupKnown(f, true)
	} else {
		f := w.fold
		leet, chat, digits := digitSpelling(f)
		if digits {
			// read as leet, or in the chat alphabet when only that reading
			// is a known name; the other reading is the alternative
			if lookupKnown(leet, false) == nil && lookupKnown(chat, false) != nil {
				leet, chat = chat, leet
			}
			f = leet
			p.Text = f
		}
		p.units = latinUnits(f)
		if stem, ok := allahStem(f); ok {
			p.units = append(latinUnits(stem), allahUnits...)
		}
		p.Latin = capitalize(w.raw)
		if digits {
			p.Latin = capitalize(f)
		}
		p.known = lookupKnown(f, false)
		if digits {
			p.alt = latinUnits(chat)
			if p.known == nil {
				p.known = lookupKnown(chat, false)
			}
		} else if a := joinedArticle(f); a != "" {
			p.alt = latinUnits(a)
			if p.known == nil {
				p.known = lookupKnown(a, false)
			}
		} else if strings.Contains(f, "rn") && p.known == nil {
			// "rn" and "m" look alike in print, and OCR and typists read
			// one for the other: "Sukarno" may be "Sukamo"
			p.alt = latinUnits(strings.ReplaceAll(f, "rn", "m"))
		}
	}
	p.finish()
	return p
}

// trimArabicArticle cuts ال (with any hamza form of the alef) off a raw word.
func trimArabicArticle(raw string) string {
	rs := []rune(raw)
	for i, r := range rs {
		if textfold.Rune(r) == 'ل' {
			return string(rs[i+1:])
		}
	}
	return raw
}

// joinedArticle returns a Latin word without an article written into it
// ("alghamdi" → "ghamdi", "essaadi" → "saadi"), or "".
func joinedArticle(f string) string {
	if (strings.HasPrefix(f, "al") || strings.HasPrefix(f, "el")) && len(f) >= 6 {
		return f[2:]
	}
	if len(f) >= 6 && strings.IndexByte("aeu", f[0]) >= 0 && f[1] == f[2] && strings.IndexByte("sdtzrn", f[1]) >= 0 {
		return f[2:]
	}
	return ""
}

// finish fills the keys and flags that follow from units and known.
func (p *Part) finish() {
	p.Key = skeleton(p.units)
	p.AltKey = ""
	if p.alt != nil {
		p.AltKey = skeleton(p.alt)
	}
	for _, id := range p.known {
		if dictEntries[id].common {
			p.Common = true
		}
	}
	if p.Arabic && len(p.known) > 0 && p.Role != RoleKunya && !strings.Contains(p.Text, " ") {
		p.Latin = dictEntries[p.known[0]].latin
	}
	p.rare = float32(p.computeRarity())
}

func assignRoles(parts []Part) {
	var idx []int
	for i, p := range parts {
		if p.Role != RoleKunya {
			idx = append(idx, i)
		}
	}
	switch len(idx) {
	case 0:
		return
	case 1:
		if parts[idx[0]].Article {
			parts[idx[0]].Role = RoleFamily
		} else {
			parts[idx[0]].Role = RoleGiven
		}
		return
	}
	for k, i := range idx {
		switch {
		case k == 0:
			parts[i].Role = RoleGiven
		case k == len(idx)-1:
			parts[i].Role = RoleFamily
		case k == 1:
			parts[i].Role = RoleFather
		default:
			parts[i].Role = RoleGrandfather
		}
	}
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	rs := []rune(strings.ToLower(s))
	rs[0] = unicode.ToUpper(rs[0])
	return string(rs)
}

// digitSpelling reads a Latin word that mixes letters and digits, as people
// write names to slip past a filter or in the Arabic chat alphabet: leet
// gives the letter a digit looks like ("Sech1n", "I9or", "Ig0r"), the chat
// alphabet the Arabic letter it stands for ("Mo7ammed", "3ali", "5aled").
// ok is false for a word without both letters and digits.
func digitSpelling(f string) (leet, chat string, ok bool) {
	letters, digits := false, false
	for _, r := range f {
		switch {
		case r >= '0' && r <= '9':
			digits = true
		case unicode.IsLetter(r):
			letters = true
		}
	}
	if !letters || !digits {
		return "", "", false
	}
	vowel := func(b byte) bool { return strings.IndexByte("aeiouy", b) >= 0 }
	var l, c strings.Builder
	for i := 0; i < len(f); i++ {
		d := f[i]
		if d < '0' || d > '9' {
			l.WriteByte(d)
			c.WriteByte(d)
			continue
		}
		lk := "oizeasgtbg"[d-'0' : d-'0'+1]
		if d == '1' && i > 0 && i+1 < len(f) && vowel(f[i-1]) && vowel(f[i+1]) {
			lk = "l" // "A1i": an l between vowels
		}
		l.WriteString(lk)
		// the chat alphabet: 2 hamza (unwritten in Latin), 3 ayn (a
		// vowel), 5 kh, 6 ṭ, 7 ḥ, 8 q, 9 ṣ
		c.WriteString([]string{"o", "i", "", "a", "a", "kh", "t", "h", "q", "s"}[d-'0'])
	}
	return l.String(), c.String(), true
}

// splitInitials reads a short word of capitals without a vowel, in a name
// that is not all capitals and before its last word, as initials written
// together: "JC Juncker" is J. C. Juncker.
func splitInitials(ws []word) []word {
	mixed := false
	for _, w := range ws {
		if !w.arabic && strings.ToUpper(w.raw) != w.raw {
			mixed = true
			break
		}
	}
	if !mixed {
		return ws
	}
	var out []word
	for i, w := range ws {
		if i == len(ws)-1 || w.arabic || len(w.raw) < 2 || len(w.raw) > 3 || !initialsOnly(w.raw) {
			if out != nil {
				out = append(out, w)
			}
			continue
		}
		if out == nil {
			out = append(make([]word, 0, len(ws)+2), ws[:i]...)
		}
		for _, r := range w.fold {
			out = append(out, word{raw: string(unicode.ToUpper(r)), fold: string(r)})
		}
	}
	if out == nil {
		return ws
	}
	return out
}

// initialsOnly reports a word of capital Latin consonants only.
func initialsOnly(raw string) bool {
	for _, r := range raw {
		if r < 'A' || r > 'Z' || strings.ContainsRune("AEIOUY", r) {
			return false
		}
	}
	return true
}

// joinSyllables writes two Latin syllables joined by a hyphen as one word
// when the second is not capitalised (or the whole name is in capitals):
// the given names of Korean and Chinese romanisations ("Myong-sik",
// "SONG-SU", "Kai-shek") are one name, however the syllables are set
// apart. A hyphen before a capital ("Jean-Marc"), before or after a
// particle ("al-Assad", "Abd-al-Salam", "Saif-al-Din", "Ben-Ali") or
// between longer words ("Marie-Therese") still separates.
func joinSyllables(s string) (joined string, words []string) {
	if !strings.Contains(s, "-") {
		return s, nil
	}
	rs := []rune(s)
	// the Latin letters (and inner apostrophes) around position i
	word := func(i, dir int) (string, int) {
		j := i
		for j >= 0 && j < len(rs) && (isLatinLetter(rs[j]) || textfold.IsApostrophe(rs[j]) && j > 0 && j+1 < len(rs) && isLatinLetter(rs[j-1]) && isLatinLetter(rs[j+1])) {
			j += dir
		}
		if dir < 0 {
			return string(rs[j+1 : i+1]), j
		}
		return string(rs[i:j]), j
	}
	var b strings.Builder
	last := 0
	for i, r := range rs {
		if r != '-' || i == 0 || i+1 >= len(rs) {
			continue
		}
		left, lj := word(i-1, -1)
		right, rj := word(i+1, 1)
		if lj >= 0 && rs[lj] == '-' || rj < len(rs) && rs[rj] == '-' {
			continue // a run of three or more: "Abd-al-Salam"
		}
		if !syllable(left) || !syllable(right) {
			continue
		}
		if up := []rune(right)[0]; unicode.IsUpper(up) && strings.ToUpper(left+right) != left+right {
			continue // "Jean-Marc": two names, each with its capital
		}
		b.WriteString(string(rs[last:i]))
		last = i + 1
		words = append(words, textfold.Fold(left+right))
	}
	if last == 0 {
		return s, nil
	}
	b.WriteString(string(rs[last:]))
	return b.String(), words
}

// romanised gives the Latin parts of a name that joined syllables (so a
// Chinese or Korean one) their spelling in the newer romanisations as
// their alternative: Wade-Giles and McCune-Reischauer write the unaspirated
// initials p, t, k, ch, ts, hs where pinyin and Revised Romanization write b,
// d, g, j, z, x, and -ung where they write -ong ("Tse-tung" is "Zedong",
// "Hsi" is "Xi", "Chong-il" is "Jong-il").
func romanised(parts []Part) {
	for i := range parts {
		p := &parts[i]
		if p.Arabic || p.alt != nil || p.Role == RoleKunya || strings.Contains(p.Text, " ") {
			continue
		}
		// each syllable: a run of consonants, then one of vowels and
		// what follows up to the next run of consonants before a vowel
		var b strings.Builder
		f := p.Text
		for start := 0; start < len(f); {
			end := start
			for end < len(f) && !isLatinVowel(f[end]) {
				end++
			}
			for end < len(f) && isLatinVowel(f[end]) {
				end++
			}
			// the coda: ng, n or one consonant before a consonant or the end
			if strings.HasPrefix(f[end:], "ng") && (end+2 == len(f) || !isLatinVowel(f[end+2])) {
				end += 2
			} else if end < len(f) && (end+1 == len(f) || !isLatinVowel(f[end+1])) {
				end++
			}
			b.WriteString(newRomanisation(f[start:end]))
			start = end
		}
		if a := b.String(); a != f {
			p.alt = latinUnits(a)
			p.finish()
		}
	}
}

func isLatinVowel(c byte) bool { return strings.IndexByte("aeiouy", c) >= 0 }

// newRomanisation spells one syllable of Wade-Giles or McCune-Reischauer
// as pinyin or Revised Romanization would (see romanised).
func newRomanisation(syl string) string {
	for _, r := range [...][2]string{{"hs", "x"}, {"ts", "z"}, {"tz", "z"}, {"ch", "j"}, {"k", "g"}, {"t", "d"}, {"p", "b"}} {
		if rest, ok := strings.CutPrefix(syl, r[0]); ok {
			syl = r[1] + rest
			break
		}
	}
	if stem, ok := strings.CutSuffix(syl, "ung"); ok {
		syl = stem + "ong"
	}
	return syl
}

func isLatinLetter(r rune) bool {
	return unicode.In(r, unicode.Latin)
}

// syllable reports a Latin word of one syllable (one run of vowels) that is
// no particle of an Arabic name.
func syllable(w string) bool {
	if strings.ContainsFunc(w, textfold.IsApostrophe) {
		// "KY'ONG", "YO'N": an apostrophe writes a diacritic or a break
		// between syllables, which cannot be told apart
		return false
	}
	f := textfold.Fold(w)
	if len(f) < 2 || len(f) > 6 || articles[f] || sunArticles[f] || sonOfWords[f] || abdBare[f] ||
		dinForms[f] || allahForms[f] || abuForms[f] || ummForms[f] || strings.HasPrefix(f, "abd") {
		return false
	}
	runs, inVowel := 0, false
	for _, r := range f {
		v := strings.ContainsRune("aeiouy", r)
		if v && !inVowel {
			runs++
		}
		inVowel = v
	}
	return runs == 1
}
