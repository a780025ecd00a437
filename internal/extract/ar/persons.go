package ar

import (
	"strings"
	"unicode/utf8"

	"github.com/athar-project/athar/internal/textfold"
)

// person is a person being built.
type person struct {
	name     string
	key      string   // folded name words joined by spaces
	parts    []string // folded name words
	rank     string
	title    string
	aliases  []string
	ments    []span
	official bool // speaks for a body: minister, spokesman, director
	victim   bool // introduced as a detainee, survivor, victim
	mil      bool // a military or police rank, a guard
	cued     bool // introduced by a cue word: "المدعو"
}

// epithet is a nickname the text gives: «عزرائيل صيدنايا» after "الملقب بـ".
type epithet struct {
	sp  span // the nickname's words, without the quotes
	cue int  // token of the cue word, -1 when the quotes follow a name
}

// verbWords are verbs that follow a name in a sentence and are no part of
// it; the stop list has the reporting verbs.
var verbWords = words("verb_words")

// speechVerbs introduce what someone says.
var speechVerbs = words("speech_verbs")

// findEpithets finds nicknames in quotes after a cue word, or right after
// a name, and marks their words so that nothing else claims them.
func (d *doc) findEpithets() {
	for i := 0; i < len(d.toks); i++ {
		t := d.toks[i]
		if t.fold != "«" && t.fold != "\"" {
			continue
		}
		close := "»"
		if t.fold == "\"" {
			close = "\""
		}
		j := i + 1
		for j < len(d.toks) && j < i+7 && d.toks[j].fold != close && d.toks[j].nl == 0 {
			j++
		}
		if j >= len(d.toks) || d.toks[j].fold != close || j == i+1 || j > i+6 {
			continue
		}
		cue := d.aliasCueBefore(i)
		if cue < 0 && !(d.fold(i+1) == "ابو" || d.fold(i+1) == "ام") || len(d.gaz.Lookup(d.foldsOf(i+1, j))) > 0 {
			i = j // a quote, or a place's or facility's other name («المسلخ البشري»)
			continue
		}
		for k := i + 1; k < j; k++ {
			d.own[k] = ownEpithet
		}
		d.epis = append(d.epis, epithet{sp: span{i + 1, j, 0}, cue: cue})
		i = j
	}
	// unquoted: "المكنى أبو علي", "المعروف باسم أبو حسن"
	for i := 0; i < len(d.toks); i++ {
		if _, ok := d.has(i, aliasCues); !ok {
			continue
		}
		j := i + 1
		if d.fold(j) == "ب" || d.fold(j) == "باسم" || d.fold(j) == "بلقب" {
			j++
		}
		if j < len(d.toks) && (d.fold(j) == "«" || d.fold(j) == "\"") {
			continue
		}
		// the cue word may carry the ب: "بأبو علي"
		start, pre := j, 0
		if j < len(d.toks) && d.toks[j].word && d.own[j] == ownNone {
			f := d.toks[j].fold
			if strings.HasPrefix(f, "ب") && (particles[f[len("ب"):]] || givenNames[f[len("ب"):]]) {
				pre = 1
				f = f[len("ب"):]
			}
			if f == "ابو" || f == "ام" {
				if j+1 < len(d.toks) && d.toks[j+1].word && !stopWords[d.toks[j+1].fold] {
					sp := span{start, j + 2, pre}
					for k := sp.a; k < sp.b; k++ {
						d.own[k] = ownEpithet
					}
					d.epis = append(d.epis, epithet{sp: sp, cue: i})
				}
			}
		}
	}
}

// aliasCueBefore returns the cue word before a quote at token q: "الملقب
// بـ«", "المعروف باسم «", or -1.
func (d *doc) aliasCueBefore(q int) int {
	for k := q - 1; k >= 0 && k >= q-3; k-- {
		if _, ok := d.has(k, aliasCues); ok {
			return k
		}
		f := d.fold(k)
		if f != "ب" && f != "باسم" && f != "بلقب" && f != "لقب" && f != "اسم" {
			break
		}
	}
	return -1
}

// findPersons finds the names of persons sentence by sentence.
func (d *doc) findPersons() {
	for _, s := range d.sents {
		for i := s.a; i < s.b; i++ {
			if !d.toks[i].word || d.own[i] != ownNone {
				continue
			}
			if end := d.personAt0(i, s); end > i {
				i = end - 1
			}
		}
	}
	d.linkEpithets()
	d.findShortMentions()
	d.dropUnmentioned()
}

// personAt0 tries to read a name at token i (after a rank, a cue word, or
// at a given name); it returns the token after the name, or i.
func (d *doc) personAt0(i int, s sentence) int {
	rank, rankSp := "", span{}
	start, pre := i, 0
	introduced, cued, rank2 := false, false, false
	if _, ok := d.has(i-1, placeCues); ok {
		return i // "حي صلاح الدين": a place named after a person
	}
	if rankWords[d.toks[i].fold] {
		// "الشيخ" may be a family name known before
		if q, p := d.knownPart(i); q != nil {
			end := i + 1
			if p < 0 {
				p, end = -1-p, i+2
			}
			d.mentionPerson(q, span{i, end, p})
			return end
		}
	}
	if n, p := d.phraseAt(i, ranks); n > 0 && !(n == 1 && p == 0 && givenNames[d.toks[i].fold] && !strings.HasPrefix(d.toks[i].fold, "ال") && d.startsName(i+1)) {
		rankSp = span{i, i + n, p}
		rank = d.str(rankSp)
		start = i + n
		introduced = true
		// "العقيد المنشق", "السجان السابق": an adjective may follow the rank
		for k := 0; k < 2 && postRank[d.fold(start)]; k++ {
			start++
		}
		// "مساعد أول"-style ranks chain: "الشرطي المساعد"
		if n2, _ := d.phraseAt(start, ranks); n2 > 0 {
			start += n2
		}
		// "مدير السجن العقيد X", "رئيس الهيئة محمد X": an office's
		// complement, then the rank or the name
		if officeRank(rank) {
			j := start
			for j < s.b && j < start+2 && d.toks[j].word && strings.HasPrefix(d.toks[j].fold, "ال") && d.own[j] == ownNone && !givenNames[d.toks[j].fold] {
				if n3, _ := d.phraseAt(j, ranks); n3 > 0 {
					break
				}
				j++
			}
			for j < s.b && (d.own[j] == ownOrg || d.own[j] == ownPlace || d.fold(j) == "في") {
				j++
			}
			if n3, _ := d.phraseAt(j, ranks); n3 > 0 || d.startsName(j) {
				start = j
			}
		}
		// "المتحدث باسم وزارة الداخلية نور الدين البابا": the body between
		for start < s.b && (d.own[start] == ownOrg || d.own[start] == ownPlace && start > i+n || d.fold(start) == "في" && start+1 < s.b && d.own[start+1] != ownNone && d.own[start+1] != ownPerson) {
			start++
		}
		// "مدير الأمن العام في حمص العقيد X": a rank after the body
		if start > i+n {
			if n3, _ := d.phraseAt(start, ranks); n3 > 0 {
				for k := start; k < start+n3; k++ {
					d.own[k] = ownRank
				}
				start += n3
				rank2 = true
			}
		}
	} else if _, ok := d.has(i, cueWords); ok {
		start = i + 1
		introduced = true
		cued = true
	}
	if start >= s.b || !d.toks[start].word || d.own[start] != ownNone {
		return i
	}
	// the first word of the name
	first := d.toks[start]
	if !first.arabic {
		return i
	}
	if d.prepAt(start) {
		return i
	}
	if !introduced {
		// a person named before, by the family name or the given name alone
		if q, pre := d.knownPart(start); q != nil {
			end := start + 1
			if pre < 0 {
				pre, end = -1-pre, start+2
			}
			d.mentionPerson(q, span{start, end, pre})
			return end
		}
		// "أم محمد", "أبو علي": a kunya
		if f := first.fold; (f == "ابو" || f == "ام") && start+1 < s.b && givenNames[d.fold(start+1)] && d.own[start+1] == ownNone {
			end := start + 2
			if end < s.b && d.toks[end].arabic && nameLike(d.fold(end)) && strings.HasPrefix(d.fold(end), "ال") && d.own[end] == ownNone {
				end++
			}
			sp := span{start, end, 0}
			d.addPerson(sp, d.nameWords(sp))
			return end
		}
		p, ok := d.has(start, givenNames)
		if !ok && d.startsName(start) {
			p, ok = first.vars[first.nvars-1].pre, true
		}
		if ok && ambiguousGiven[first.vars[first.nvars-1].s] && !d.startsName(start+1) && !d.isFamily(d.fold(start+1)) && !familyLike(d.fold(start+1)) {
			return i
		}
		if !ok && d.fold(start+1) == "الدين" && dinHeads[first.vars[first.nvars-1].s] {
			p, ok = first.vars[first.nvars-1].pre, true
		}
		if !ok {
			return i
		}
		pre = p
		// "أبو X" is a kunya: it needs a name after it
	} else {
		f := first.fold
		if stopWords[f] || rankWords[f] || verbWords[f] || !nameLike(f) || d.isTrigger(start) || d.suffixedNoun(start) {
			return i
		}
		if first.nvars > 1 && strings.HasPrefix(f, "و") && first.vars[1].pre == 1 && !givenNames[f] {
			return i // "اسم المعتقل واسم أبيه": و begins another phrase
		}
		// an office ("رئيس قسم التحقيق") is followed by a description
		// unless a given name follows
		if !rank2 && (rank != "" && (officeRank(rank) || descriptiveRank(rank)) || start > rankSp.b+1) {
			// after an office, a description, or a body between rank and
			// name, only a given name begins a name
			if !d.startsName(start) {
				return i
			}
			p, _ := d.has(start, givenNames)
			pre = p
		}
	}
	end := d.extendName(start, pre, s)
	if end <= start {
		return i
	}
	sp := span{start, end, pre}
	words := d.nameWords(sp)
	if len(words) == 0 {
		return i
	}
	if len(words) == 1 && !introduced && !d.speechBefore(start) && !d.pseudonymAfter(end) {
		return i // a given name alone names nobody in particular
	}
	if len(words) == 1 && particles[words[0]] {
		return i
	}
	p := d.addPerson(sp, words)
	p.cued = p.cued || cued
	if rank != "" {
		if p.rank == "" {
			p.rank = rank
		}
		rf := textfold.Fold(rank)
		rw := strings.Fields(rf)[0]
		if officialRanks[bare(rw)] || officialRanks[rw] {
			p.official = true
		}
		if victimRanks[rw] {
			p.victim = true
		} else if milRanks[rw] {
			p.mil = true
		}
		for k := rankSp.a; k < rankSp.b; k++ {
			d.own[k] = ownRank
		}
	}
	return end
}

// startsName reports a given name (or a compound with الدين) at token i.
func (d *doc) startsName(i int) bool {
	if i >= len(d.toks) || !d.toks[i].word {
		return false
	}
	if _, ok := d.has(i, givenNames); ok {
		return true
	}
	t := &d.toks[i]
	last := t.vars[t.nvars-1].s
	if (last == "عبد" || t.fold == "عبد") && i+1 < len(d.toks) && d.toks[i+1].word && nameLike(d.fold(i+1)) {
		return true // "عبد السلام", "وعبد الرزاق"
	}
	return d.fold(i+1) == "الدين" && dinHeads[last]
}

// suffixedNoun reports a word written with a possessive pronoun ("ولادته",
// "أبيه", "رفاقها"): no part of a name.
func (d *doc) suffixedNoun(i int) bool {
	t := &d.toks[i]
	if givenNames[t.fold] || strings.HasPrefix(t.fold, "ال") {
		return false
	}
	raw := []rune(d.s[t.start:t.end])
	n := len(raw)
	if n < 4 {
		return false
	}
	end := string(raw[n-2:])
	if raw[0] == 'و' && raw[n-1] == 'ه' && n >= 5 {
		return true // "ومعاونه": and his aide
	}
	return end == "ته" || end == "ها" || end == "هم"
}

// familyLike reports a word that looks like a family name rather than a
// noun: not a stop word, and not an article-and-plural ("المحكومين").
func familyLike(f string) bool {
	if !nameLike(f) {
		return false
	}
	if strings.HasPrefix(f, "ال") && utf8.RuneCountInString(f) >= 7 && (strings.HasSuffix(f, "ين") || strings.HasSuffix(f, "ات") || strings.HasSuffix(f, "ون")) {
		return false
	}
	return true
}

// honorifics may end a name as a family name: "عامر خالد السيد".
var honorifics = words("honorifics")

// ambiguousGiven are given names that are common words too ("أسماء"
// names, "أمل" hope): without a rank or cue they begin a name only before
// another name.
var ambiguousGiven = words("ambiguous_given")

// dinHeads form a given name with "الدين": "نور الدين", "صلاح الدين".
var dinHeads = words("din_heads")

// postRank are words that may stand between a rank and the name.
var postRank = words("post_rank")

// officeRank reports an office rather than a rank: a description, not a
// name, usually follows it.
func officeRank(rank string) bool {
	f := strings.Fields(textfold.Fold(rank))
	if len(f) > 1 && f[0] != "المتحدث" {
		return false // "وزير العدل": the office is whole, the name follows
	}
	return len(f) > 0 && (officialRanks[f[0]] || officialRanks[bare(f[0])] || f[0] == "الشيخ" || f[0] == "شيخ" || f[0] == "السيد" || f[0] == "الحاج")
}

// descriptiveRank reports a rank without the article that describes rather
// than titles: "سجان سابق", "ضابط متوار".
func descriptiveRank(rank string) bool {
	f := strings.Fields(textfold.Fold(rank))
	if len(f) == 0 {
		return false
	}
	switch f[len(f)-1] {
	case "ضابط", "سجان", "عنصر", "حارس", "جندي", "مجند", "محقق", "شبيح", "الفريق", "فريق", "لواء":
		return true // "الفريق" is also "the team"
	}
	return false
}

// isTrigger reports a word that reports an event: no part of a name.
func (d *doc) isTrigger(i int) bool {
	var buf [8]variant
	for _, v := range d.triggerForms(i, buf[:0]) {
		if len(triggerIndex[v.s]) > 0 || len(triggerIndex[bare(v.s)]) > 0 {
			return true
		}
	}
	return false
}

// knownPart returns the person known before whose family name (or given
// name) token i is, when no name word follows it.
func (d *doc) knownPart(i int) (*person, int) {
	if i+1 < len(d.toks) && d.toks[i+1].word && givenNames[d.toks[i+1].fold] && !d.prepAt(i+1) {
		return nil, 0
	}
	t := &d.toks[i]
	// a family name of two words: "زين الدين", "عبد الله"
	if i+1 < len(d.toks) && d.toks[i+1].word {
		for v := 0; v < t.nvars; v++ {
			for _, p := range d.persons {
				if n := len(p.parts); n >= 3 && p.parts[n-2] == t.vars[v].s && p.parts[n-1] == d.toks[i+1].fold && (particles[p.parts[n-2]] || dinHeads[p.parts[n-2]] && p.parts[n-1] == "الدين") {
					return p, -1 - t.vars[v].pre
				}
			}
		}
	}
	var found *person
	pre := 0
	for v := 0; v < t.nvars; v++ {
		for _, p := range d.persons {
			if len(p.parts) < 2 {
				continue
			}
			kunya := p.parts[0] == "ابو" || p.parts[0] == "ام"
			if p.parts[len(p.parts)-1] == t.vars[v].s && !kunya || p.parts[0] == t.vars[v].s && !particles[p.parts[0]] {
				if found != nil && found != p {
					return nil, 0 // two persons share it
				}
				found, pre = p, t.vars[v].pre
			}
		}
		if found != nil {
			return found, pre
		}
	}
	return nil, 0
}

// isFamily reports the family name of a person known before.
func (d *doc) isFamily(f string) bool {
	for _, p := range d.persons {
		if len(p.parts) > 1 && p.parts[len(p.parts)-1] == f {
			return true
		}
	}
	return false
}

func (d *doc) mentionPerson(p *person, sp span) {
	p.ments = append(p.ments, sp)
	for k := sp.a; k < sp.b; k++ {
		d.own[k] = ownPerson
		d.personAt[k] = p
	}
}

// nameLike reports a word that can be part of a name: Arabic letters only,
// not a verb by its shape.
func nameLike(f string) bool {
	if stopWords[f] || verbWords[f] || rankWords[f] || aliasCues[f] || cueWords[f] {
		return false
	}
	n := utf8.RuneCountInString(f)
	if n < 2 {
		return false
	}
	for _, r := range f {
		if r < 0x0621 || r > 0x064A {
			return false
		}
	}
	if givenNames[f] || particles[f] {
		return true
	}
	r, _ := utf8.DecodeRuneInString(f)
	// present-tense verbs: يعمل، تقول، يحتفظ، نعمل، يعملون
	if (r == 'ي' || r == 'ت') && n >= 4 {
		return false
	}
	// dual past verbs: اعترفا، اعتقلا
	if r == 'ا' && n >= 5 && strings.HasSuffix(f, "ا") && !strings.HasPrefix(f, "ال") {
		return false
	}
	// a preposition on a noun: لموقع، بمدينة، لأحد
	if (r == 'ل' || r == 'ب') && n >= 5 {
		r2, _ := utf8.DecodeRuneInString(f[len("ب"):])
		if r2 == 'م' || r2 == 'ا' || r2 == 'ت' {
			return false
		}
	}
	// a preposition or the future on a noun or verb: بشهادته، بتعذيب، سيحال
	if (r == 'ب' || r == 'ل' || r == 'س') && n >= 5 && (strings.HasSuffix(f, "ته") || strings.HasSuffix(f, "تها") || strings.HasSuffix(f, "هم") || strings.HasPrefix(f[len("ب"):], "ت")) {
		return false
	}
	if strings.HasSuffix(f, "وا") || strings.HasPrefix(f, "است") || strings.HasPrefix(f, "وال") || strings.HasPrefix(f, "بال") || strings.HasPrefix(f, "لل") {
		return false
	}
	return true
}

// extendName returns the end of a name starting at token a: up to five
// words, with particles (بن، أبو، عبد ال…، آل) joining parts.
func (d *doc) extendName(a, pre int, s sentence) int {
	j := a + 1
	words := 1
	f0 := d.toks[a].vars[0].s
	for k := 0; k < d.toks[a].nvars; k++ {
		if d.toks[a].vars[k].pre == pre {
			f0 = d.toks[a].vars[k].s
		}
	}
	needMore := particles[f0]
	for j < s.b && words < 5 && j-a < 8 {
		t := d.toks[j]
		if !t.word || d.own[j] != ownNone && !(d.own[j] == ownPlace && needMore) {
			break
		}
		f := t.fold
		if honorifics[f] && !d.startsName(j+1) {
			j++ // "عامر خالد السيد"
			break
		}
		if !t.arabic || !nameLike(f) || d.prepAt(j) || d.isTrigger(j) {
			break
		}
		if d.suffixedNoun(j) {
			break // "أبيه", "ولادته": a noun with a pronoun, not a name
		}
		stop := false
		for v := 1; v < t.nvars && !givenNames[f]; v++ {
			if r := t.vars[v].s; stopWords[r] || verbWords[r] {
				stop = true // "لأي", "وكيف"
			}
		}
		if stop {
			break
		}
		// "علي حسين ديوب ومحمد سليمان خضور": و before a name starts another
		if t.nvars > 1 && t.vars[1].pre == 1 && (f[0:len("و")] == "و" || f[0:len("ف")] == "ف") && !givenNames[f] {
			r := t.vars[1].s
			if givenNames[r] || d.isFamily(r) || particles[r] || stopWords[r] || verbWords[r] {
				break
			}
		}
		if d.own[j] == ownPlace && !needMore {
			break
		}
		needMore = particles[f]
		j++
		if !needMore {
			words++
		}
	}
	if needMore && j-a > 1 {
		j-- // a particle must be followed by a name
	}
	return j
}

// nameWords returns the folded words of a name span.
func (d *doc) nameWords(sp span) []string {
	var out []string
	for k := sp.a; k < sp.b; k++ {
		f := d.toks[k].fold
		if k == sp.a && sp.pre > 0 {
			f = runesFrom(f, sp.pre)
		}
		out = append(out, f)
	}
	return out
}

func runesFrom(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[i:]
		}
		n--
	}
	return ""
}

func (d *doc) speechBefore(i int) bool {
	_, ok := d.has(i-1, speechVerbs)
	return ok
}

// pseudonymAfter reports "(اسم مستعار)" after a name.
func (d *doc) pseudonymAfter(j int) bool {
	return d.fold(j) == "(" && d.fold(j+1) == "اسم" && strings.HasPrefix(d.fold(j+2), "مستعار")
}

// addPerson records a person's mention, merging with a person already
// known by the same name or a fuller one.
func (d *doc) addPerson(sp span, words []string) *person {
	key := strings.Join(words, " ")
	var p *person
	for _, x := range d.persons {
		if x.key == key || containsWords(x.parts, words) {
			p = x
			break
		}
	}
	if p == nil {
		for _, x := range d.persons {
			if containsWords(words, x.parts) {
				p = x
				p.name, p.key, p.parts = d.str(sp), key, words
				break
			}
		}
	}
	if p == nil {
		p = &person{name: d.str(sp), key: key, parts: words}
		d.persons = append(d.persons, p)
	}
	p.ments = append(p.ments, sp)
	for k := sp.a; k < sp.b; k++ {
		d.own[k] = ownPerson
		d.personAt[k] = p
	}
	return p
}

// containsWords reports whether short's words occur in long in order, the
// first and the last of short among them (given name and family name).
func containsWords(long, short []string) bool {
	if len(short) < 2 || len(short) > len(long) {
		return false
	}
	if short[0] != long[0] || short[len(short)-1] != long[len(long)-1] {
		return false
	}
	j := 0
	for _, w := range long {
		if j < len(short) && w == short[j] {
			j++
		}
	}
	return j == len(short)
}

// linkEpithets gives each nickname to the person it describes: the last
// person named before its cue in the sentence, or a person known only by
// it.
func (d *doc) linkEpithets() {
	for _, e := range d.epis {
		at := e.sp.a
		if e.cue >= 0 {
			at = e.cue
		}
		s := d.sents[d.sentOf[at]]
		var p *person
		for k := at - 1; k >= s.a && k >= at-4; k-- {
			if d.personAt[k] != nil {
				p = d.personAt[k]
				break
			}
			if d.fold(k) != "," && d.fold(k) != "و" && d.own[k] != ownEpithet {
				break // "المحقق الملقب بـ«أبو جعفر»": someone known only so
			}
		}
		text := d.str(e.sp)
		if e.cue < 0 {
			// a quoted kunya: «أبو علي الحمصي» is the person whose family name
			// it ends with, wherever the text names them
			p = nil
			last := d.fold(e.sp.b - 1)
			for _, x := range d.persons {
				if len(x.parts) > 1 && x.parts[len(x.parts)-1] == last {
					p = x
				}
			}
		}
		if p == nil {
			// known only by the nickname
			words := d.nameWords(e.sp)
			p = &person{name: text, key: strings.Join(words, " "), parts: words}
			d.persons = append(d.persons, p)
			p.ments = append(p.ments, e.sp)
			for k := e.sp.a; k < e.sp.b; k++ {
				d.personAt[k] = p
			}
			continue
		}
		if !containsString(p.aliases, text) {
			p.aliases = append(p.aliases, text)
		}
		p.ments = append(p.ments, e.sp)
		for k := e.sp.a; k < e.sp.b; k++ {
			d.personAt[k] = p
		}
	}
}

func containsString(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// findShortMentions finds a known person by the family name alone ("سلوم")
// or by given and family name.
func (d *doc) findShortMentions() {
	for _, p := range d.persons {
		if len(p.parts) < 2 {
			continue
		}
		last := p.parts[len(p.parts)-1]
		if particles[last] || utf8.RuneCountInString(last) < 3 || d.sharedLast(p, last) {
			continue
		}
		for i := range d.toks {
			if d.own[i] != ownNone || !d.toks[i].word {
				continue
			}
			t := &d.toks[i]
			for v := 0; v < t.nvars; v++ {
				if t.vars[v].s == last {
					sp := span{i, i + 1, t.vars[v].pre}
					p.ments = append(p.ments, sp)
					d.own[i] = ownPerson
					d.personAt[i] = p
					break
				}
			}
		}
	}
}

// sharedLast reports whether another person has the same family name: the
// family name alone then names neither.
func (d *doc) sharedLast(p *person, last string) bool {
	for _, x := range d.persons {
		if x != p && len(x.parts) > 0 && x.parts[len(x.parts)-1] == last {
			return true
		}
	}
	return false
}

func (d *doc) dropUnmentioned() {
	var keep []*person
	for _, p := range d.persons {
		if len(p.ments) > 0 {
			keep = append(keep, p)
		}
	}
	d.persons = keep
}

// prepAt reports a preposition that folds like a name: "على" (the name is
// written "علي"), "إلى"; and "علي" after a verb that governs it ("القبض علي").
func (d *doc) prepAt(i int) bool {
	t := &d.toks[i]
	raw := d.s[t.start:t.end]
	if strings.HasSuffix(raw, "ى") {
		for v := 0; v < t.nvars; v++ {
			switch t.vars[v].s {
			case "علي", "الي", "حتي", "لدي", "سوي", "متي":
				return true
			}
		}
	}
	if t.fold == "علي" {
		if _, ok := d.has(i-1, governsAla); ok {
			return true
		}
	}
	return false
}

// governsAla are words that take the preposition على.
var governsAla = words("governs_ala")
