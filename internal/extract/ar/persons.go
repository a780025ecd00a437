package ar

import (
	"strings"
	"unicode/utf8"
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
	survivor bool // introduced as one who was held: what they say is testimony
	mil      bool // a military or police rank, a guard
	cued     bool // introduced by a cue word: "المدعو"
	advocate bool // a lawyer, researcher or rights worker: works on the case
	court    bool // a judge or a prosecutor: hears and judges the case
}

// epithet is a nickname the text gives: «عزرائيل صيدنايا» after "الملقب بـ".
type epithet struct {
	sp  span // the nickname's words, without the quotes
	cue int  // token of the cue word, -1 when the quotes follow a name
}

// placeNameAt reports quoted words a to b that name a place of detention,
// not a person: they begin with a facility's head word ("الفرع", "سجن") or
// hold a number ("المعروف بـ«الفرع 261»").
func (d *doc) placeNameAt(a, b int) bool {
	if branchHeads[d.fold(a)] || prisonHeads[d.fold(a)] {
		return true
	}
	for k := a; k < b; k++ {
		if f := d.fold(k); f != "" && f[0] >= '0' && f[0] <= '9' {
			return true
		}
	}
	return false
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
		if cue < 0 && !(d.fold(i+1) == "ابو" || d.fold(i+1) == "ام") || len(d.gaz.Lookup(d.foldsOf(i+1, j))) > 0 || d.placeNameAt(i+1, j) {
			i = j // a quote, or a place's or facility's other name («المسلخ البشري», «الفرع 261»)
			continue
		}
		for k := i + 1; k < j; k++ {
			d.own[k] = ownEpithet
		}
		d.epis = append(d.epis, epithet{sp: span{i + 1, j, 0}, cue: cue})
		i = j
	}
	d.repeatedEpithets()
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

// repeatedEpithets finds a nickname that a cue introduced written again
// elsewhere (a headline, another sentence) without the cue: it is the same
// nickname, and its words name no place.
func (d *doc) repeatedEpithets() {
	var keys [][]string
	for _, e := range d.epis {
		if e.cue >= 0 && e.sp.b-e.sp.a >= 2 {
			keys = append(keys, d.foldsOf(e.sp.a, e.sp.b))
		}
	}
	if len(keys) == 0 {
		return
	}
	for i := 0; i < len(d.toks); i++ {
		if d.own[i] != ownNone || !d.toks[i].word {
			continue
		}
		for _, k := range keys {
			n := len(k)
			if i+n > len(d.toks) || !d.foldsAre(i, k) {
				continue
			}
			for m := i; m < i+n; m++ {
				d.own[m] = ownEpithet
			}
			d.epis = append(d.epis, epithet{sp: span{i, i + n, 0}, cue: -1})
			i += n - 1
			break
		}
	}
}

// foldsAre reports the tokens from i on folding to ws, none of them owned.
func (d *doc) foldsAre(i int, ws []string) bool {
	for k, w := range ws {
		if d.fold(i+k) != w || d.own[i+k] != ownNone {
			return false
		}
	}
	return true
}

// aliasCueBefore returns the cue word before a quote at token q: "الملقب
// بـ«", "المعروف باسم «", or -1.
func (d *doc) aliasCueBefore(q int) int {
	for k := q - 1; k >= 0 && k >= q-3; k-- {
		if _, ok := d.has(k, aliasCues); ok {
			return k
		}
		f := d.fold(k)
		if f == "بلقب" || f == "لقب" {
			// "المعروف بين المعتقلين بلقب «…»": the cue a few words before,
			// else the word for a nickname itself
			for j := k - 1; j >= 0 && j >= k-4 && d.toks[j].word; j-- {
				if _, ok := d.has(j, aliasCues); ok {
					return j
				}
			}
			return k
		}
		if f != "ب" && f != "باسم" && f != "اسم" {
			break
		}
	}
	return -1
}

// findPersons finds the names of persons sentence by sentence.
func (d *doc) findPersons() {
	d.bylines()
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
	d.linkInitials()
	d.mergeGivenNames()
	d.linkKunyas()
	d.linkKnownAs()
	d.linkRealNames()
	d.dropUnmentioned()
	d.survivorAppositions()
}

// maxBylineLine bounds the lines from the text's start where a byline may
// stand.
const maxBylineLine = 6

// bylines reads the reporter's name on a line of its own near the text's
// start, before a dash or a slash and the city or the agency: "ناريمان
// عثمان-عمان", "ليث الجنيدي/ الأناضول". The name is two or three words no
// list claims, the first without the article; what follows the separator is
// a place, a body, or one word with the article, and ends the line.
func (d *doc) bylines() {
	lines := 0
	for i := 0; i < len(d.toks) && lines < maxBylineLine; i++ {
		if i > 0 && d.toks[i].nl == 0 {
			continue
		}
		lines++
		j := i
		for j < len(d.toks) && j < i+3 && d.toks[j].word && d.toks[j].arabic && !d.toks[j].tanween && d.own[j] == ownNone && (j > i || !d.definite(j)) && (j == i || d.toks[j].nl == 0) && d.nameWordAt(j) {
			j++
		}
		if j-i < 2 || j >= len(d.toks) || d.toks[j].nl > 0 {
			continue
		}
		switch d.fold(j) {
		case "-", "–", "—", "/":
		default:
			continue
		}
		k := j + 1
		if k >= len(d.toks) || d.toks[k].nl > 0 {
			continue
		}
		if e := d.entAt[k]; e != nil && (e.typ == ownPlace || e.typ == ownOrg) {
			for k < len(d.toks) && d.entAt[k] == e {
				k++
			}
		} else if d.toks[k].word && d.definite(k) {
			k++
		} else {
			continue
		}
		if k < len(d.toks) && d.toks[k].nl == 0 {
			continue // the line goes on: no byline
		}
		sp := span{i, j, 0}
		d.recordPerson(sp, d.nameWords(sp), intro{start: i})
	}
}

// survivorAppositions marks the persons an apposition says were held:
// "محمد، أحد المعتقلين المفرج عنهم", "نورس سالم، أحد الناجين".
func (d *doc) survivorAppositions() {
	for k := 1; k+2 < len(d.toks); k++ {
		p := d.personAt[k-1]
		if p == nil || d.personAt[k] == p {
			continue
		}
		j := k
		if d.fold(j) == "\"" || d.fold(j) == "»" {
			j++
		}
		if d.fold(j) == "," {
			j++
		}
		if d.heldAfter(j) {
			p.victim, p.survivor = true, true
			continue
		}
		if f := d.fold(j); f != "احد" && f != "احدي" {
			continue
		}
		if _, ok := d.has(j+1, survivorWords); ok || d.survivorClause(j+1) {
			p.victim, p.survivor = true, true
		}
	}
	// "قتل معتقلَين اثنين من داريا، هما الشقيقان عمر ويوسف الشامي": the
	// detainees the pronoun names
	for _, p := range d.persons {
		for _, m := range p.ments {
			if d.detaineesNamed(m.a) {
				p.victim = true
			}
		}
	}
	// "معتقلاً سابقاً يُدعى X": the word before the cue
	for _, p := range d.persons {
		for _, m := range p.ments {
			k := m.a - 1
			if f := d.fold(k); f != "يدعي" && f != "تدعي" {
				continue
			}
			for j := k - 1; j >= 0 && j >= k-2; j-- {
				if _, ok := d.has(j, heldWords); ok {
					p.victim, p.survivor = true, true
				}
			}
		}
	}
}

// survivorClauseVerbs, in a relative clause after "أحد", say the person
// was among the held or the harmed.
var survivorClauseVerbs = words("survivor_clause_verbs")

// survivorClause reports, from token k after "أحد"/"إحدى", a relative clause
// (after at most one noun) that says its people were held or harmed: "إحدى
// النساء اللواتي تعرضن للتعذيب", "أحد الذين اعتقلوا في فرع فلسطين".
func (d *doc) survivorClause(k int) bool {
	for r := k; r <= k+1 && r < len(d.toks); r++ {
		if d.personAt[r] != nil || !d.toks[r].word {
			return false
		}
		if _, ok := d.has(r, relativePronouns); !ok {
			continue
		}
		if _, ok := d.has(r+1, survivorClauseVerbs); !ok {
			return false
		}
		if strings.HasPrefix(d.fold(r+1), "تعرض") {
			_, ok := d.has(r+2, custodyWords)
			return ok
		}
		return true
	}
	return false
}

// detaineesNamed reports a name at token a that "هما" or "هم" (and a word
// of kinship such as "الشقيقان") gives to detainees just named: "معتقلَين
// اثنين من داريا، هما الشقيقان عمر ويوسف الشامي".
func (d *doc) detaineesNamed(a int) bool {
	for n := 0; n < 4 && a > 0 && strings.HasPrefix(d.toks[a].fold, "و") && d.personAt[a-1] != nil; n++ {
		q := d.personAt[a-1] // "عمر ويوسف الشامي": back to the first of the names joined
		a--
		for a > 0 && d.personAt[a-1] == q {
			a--
		}
	}
	k := a - 1
	if _, ok := d.has(k, pairWords); ok {
		k--
	}
	switch d.fold(k) {
	case "هما", "هم", "وهما", "وهم":
	default:
		return false
	}
	for j := k - 1; j >= 0 && j >= k-5; j-- {
		if d.fold(j) == "." {
			return false
		}
		if _, ok := d.has(j, victimWordSet); ok {
			return true
		}
		if _, ok := d.has(j, detaineeDuals); ok {
			return true
		}
	}
	return false
}

// heldAfter reports an apposition at token j that says someone was held:
// "وهو معتقل سابق", "وهي ناجية", "الذي اعتُقل", "التي أمضت", "المعتقلة السابقة".
func (d *doc) heldAfter(j int) bool {
	switch d.fold(j) {
	case "وهو", "وهي":
		_, ok := d.has(j+1, heldWords)
		return ok
	case "الذي", "التي":
		if _, ok := d.has(j+1, heldVerbs); !ok {
			return false
		}
		if _, ok := d.has(j+2, kinWords); ok {
			return false // "التي اعتقل زوجها": her husband was held
		}
		switch d.fold(j + 1) {
		case "امضي", "امضت", "قضي", "قضت":
			// "أمضى أربع سنوات في البناء الأحمر": the time spent is custody
			for k := j + 2; k < len(d.toks) && k < j+10; k++ {
				if d.own[k] == ownFacility {
					return true
				}
				if _, ok := d.has(k, custodyWords); ok {
					return true
				}
			}
			return false
		}
		return true
	}
	if survivorRanks[d.fold(j)] {
		switch d.fold(j + 1) {
		case "السابق", "السابقه", "من":
			return true // "لينا صالح، المعتقلة السابقة في فرع الخطيب"، "X، الناجي من سجن صيدنايا"
		}
	}
	return false
}

// pairWords name persons of one family together: "الشقيقان", "الأخوان".
var pairWords = words("pair_words")

// detaineeDuals are dual nouns of detainees: "معتقلَين".
var detaineeDuals = words("detainee_duals")

// heldWords and heldVerbs say that someone was held.
var heldWords, heldVerbs = words("held_words"), words("held_verbs")

// custodyWords name custody: prison, branch, cell, detention, torture.
var custodyWords = words("custody_words")

// survivorWords say, after "أحد", that someone was held.
var survivorWords = words("survivor_words")

// personAt0 tries to read a name at token i (after a rank, a cue word, or
// at a given name); it returns the token after the name, or i. The steps:
// what introduces the name (a rank or office, a cue word, or nothing), where
// its first word is, how far it runs, and the person it names.
func (d *doc) personAt0(i int, s sentence) int {
	if _, ok := d.has(i-1, placeCues); ok {
		return i // "حي صلاح الدين": a place named after a person
	}
	if pre, ok := d.has(i-1, namedAfterHeads); ok && d.own[i-1] != ownRank && (!d.rankAt(i) || honorifics[d.fold(i)]) && !(pre > 0 && strings.HasSuffix(d.fold(i-1), "سجن")) {
		// "جامع خالد بن الوليد", "سجن الشيخ حسن": a place named after a person;
		// not "بسجن الملازم أول X" (a sentence to prison)
		return d.skipNamedAfter(i)
	}
	if _, ok := d.has(i-1, spokesWords); ok && d.fold(i) == "باسم" {
		return i // "الناطق باسم الهيئة": on behalf of, not Basem
	}
	if d.fold(i) == "باسم" && d.knownByBefore(i) {
		return i // "كان معروفاً بين المعتقلين باسم أبو جعفر": by the name
	}
	if d.fold(i) == "باسم" && givenNames[d.fold(i+1)] && d.initialAfter(i+2) > 0 {
		return i // "أشار إليه المدعون باسم أحمد أ.": by the name a court gives, a given name and an initial
	}
	if end, ok := d.familyAsRankWord(i); ok {
		return end
	}
	in, ok := d.readIntro(i, s)
	if !ok {
		return i
	}
	start := in.start
	if !d.canStartName(start, s) {
		return i
	}
	var pre int
	if in.introduced {
		if pre, ok = d.introducedStart(start, in); !ok {
			return i
		}
	} else {
		var end int
		if pre, end, ok = d.bareStart(start, s); !ok || end > 0 {
			if ok {
				return end // a person known before, or a kunya
			}
			return i
		}
	}
	end := d.extendName(start, pre, s)
	if end <= start {
		return i
	}
	sp := span{start, end, pre}
	words := d.nameWords(sp)
	if len(words) == 1 && in.introduced {
		q, p := d.knownPart(start)
		if q == nil && in.rank != "" {
			q, p = d.familyByRank(start, in.rank)
		}
		if q != nil && p >= 0 {
			// "العميد حمدان": the family name of a person named before
			d.mentionPerson(q, span{start, start + 1, p})
			if q.rank == "" {
				q.rank = in.rank
			}
			for k := in.rankSp.a; k < in.rankSp.b; k++ {
				d.own[k] = ownRank
			}
			return start + 1
		}
	}
	if !d.enoughName(words, in, start, end) {
		return i
	}
	d.recordPerson(sp, words, in)
	return end
}

// intro is what stands before a name: a rank or an office, a cue word, or
// nothing.
type intro struct {
	rank       string // the rank or office as written
	rankSp     span
	start      int  // the token where the name may begin
	introduced bool // a rank, office or cue word stands before it
	cued       bool // "المدعو"
	rank2      bool // a second rank after a body: "مدير الأمن العام في حمص العقيد X"
}

// familyAsRankWord reads a rank word that is the family name of a person
// known before ("الشيخ"): it returns the token after the mention.
func (d *doc) familyAsRankWord(i int) (int, bool) {
	if !rankWords[d.toks[i].fold] {
		return 0, false
	}
	q, p := d.knownPart(i)
	if q == nil {
		return 0, false
	}
	end := i + 1
	if p < 0 {
		p, end = -1-p, i+2
	}
	d.mentionPerson(q, span{i, end, p})
	return end, true
}

// readIntro reads what introduces a name at token i: a rank or office with
// what may follow it, or a cue word; with neither, the name would start at
// i itself. It is false when the intro claims tokens owned by something else.
func (d *doc) readIntro(i int, s sentence) (intro, bool) {
	in := intro{start: i}
	if n, p := d.phraseAt(i, ranks); n > 0 && !d.givenNameNotRank(i, n, p) {
		n += d.rankModifiersAt(i+n, 4-n) // "العقيد الركن", "عميد ركن", "الناشطة الحقوقية"
		in.rankSp = span{i, i + n, p}
		in.rank = d.str(in.rankSp)
		in.start = i + n
		in.introduced = true
		d.afterRank(&in, i+n, s)
		if _, ok := d.has(i-1, kinHeads); ok && victimRanks[d.rankWord(in.rankSp)] {
			in.rank, in.rankSp = "", span{} // "شقيق الضحية محمد": the brother as likely as the victim
		}
		return in, true
	}
	if _, ok := d.has(i, cueWords); ok {
		in.start, in.introduced, in.cued = i+1, true, true
	}
	return in, true
}

// rankModifiersAt counts the words, at most limit, from token k that complete
// the rank or profession before them and are free: "الركن" after "العقيد",
// "الحقوقية" after "الناشطة".
func (d *doc) rankModifiersAt(k, limit int) int {
	n := 0
	for n < limit && (rankModifiers[d.fold(k+n)] || professionModifiers[d.fold(k+n)]) && d.own[k+n] == ownNone {
		n++
	}
	return n
}

// givenNameNotRank reports a one-word rank that is a given name here: "رائد"
// before another name is Raed, not a major; "عماد الدين" and "عماد حداد"
// are names, for a rank before a name takes the article ("العماد"). After
// "رتبة" the word is the rank.
func (d *doc) givenNameNotRank(i, n, pre int) bool {
	f := d.toks[i].fold
	if pre == 1 && strings.HasPrefix(f, "و") {
		f = runesFrom(f, 1) // "سومر X وعماد X": "and" joins a second name, never a rank without its article
	} else if pre != 0 {
		return false
	}
	if n != 1 || !givenNames[f] || strings.HasPrefix(f, "ال") {
		return false
	}
	if d.startsName(i+1) || d.fold(i+1) == "الدين" {
		return true
	}
	if _, ok := d.has(i-1, rankFrames); ok || i+1 >= len(d.toks) {
		return false
	}
	return d.toks[i+1].word && d.own[i+1] == ownNone && !d.definite(i+1) && d.nameWordAt(i+1)
}

// rankFrames name a rank that follows them: "برتبة رائد".
var rankFrames = words("rank_frames")

// afterRank moves the start of the name past what may stand between a rank
// and the name: an adjective ("العقيد المنشق"), a second rank, an office's
// complement ("مدير السجن العقيد X"), a body ("المتحدث باسم وزارة الداخلية X"),
// and a rank after the body.
func (d *doc) afterRank(in *intro, from int, s sentence) {
	start := from
	for k := 0; k < 2 && (postRank[d.fold(start)] || nationalities[d.fold(start)] && d.fold(start) != "العسكري" || d.nisbaAt(start) && d.startsName(start+1)); k++ {
		start++ // "العقيد المنشق", "المدعي العام الدنماركي يسبر هانسن", "الناشط الحقوقي أنس الحمود"
	}
	if d.fold(start) == "," && d.startsName(start+1) {
		start++ // "المساعد أول، فريد المذهان"
	}
	if n2, p2 := d.phraseAt(start, ranks); n2 > 0 && !d.givenNameNotRank(start, n2, p2) {
		start += n2                          // "الشرطي المساعد", not "القاضي عماد نزار السيد"
		start += d.rankModifiersAt(start, 2) // "المحامي والناشط الحقوقي"
	}
	if officeRank(in.rank) {
		if j := d.officeComplement(start, s); j > start {
			for k := start; k < j; k++ {
				if d.own[k] == ownNone {
					d.own[k] = ownRank // "مدير السجن": part of the title
				}
			}
			start = j
		}
	}
	for start < s.b && d.bodyBeforeName(start, from) {
		start++
	}
	if start > from {
		if n3, _ := d.phraseAt(start, ranks); n3 > 0 {
			for k := start; k < start+n3; k++ {
				d.own[k] = ownRank
			}
			start += n3
			in.rank2 = true
		}
	}
	in.start = start
}

// officeComplement steps over an office's complement ("رئيس الهيئة", "مدير
// السجن في حمص") when a rank or a given name follows it.
func (d *doc) officeComplement(start int, s sentence) int {
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
		return j
	}
	return start
}

// bodyBeforeName reports token k as part of a body or place that stands
// between an office and the name ("المتحدث باسم وزارة الداخلية نور الدين
// البابا"); from is the token after the rank.
func (d *doc) bodyBeforeName(k, from int) bool {
	if d.own[k] == ownOrg || d.own[k] == ownPlace && k > from {
		return true
	}
	return d.fold(k) == "في" && k+1 < len(d.toks) && d.own[k+1] != ownNone && d.own[k+1] != ownPerson
}

// canStartName reports a token where a name may begin: an Arabic word that
// nothing owns and that is not a preposition written like a name.
func (d *doc) canStartName(start int, s sentence) bool {
	if start >= s.b || !d.toks[start].word || d.own[start] != ownNone {
		return false
	}
	return d.toks[start].arabic && !d.prepAt(start)
}

// bareStart reads a name that nothing introduces. It records a person known
// before (by family or given name alone) or a kunya at once and returns the
// token after it as end; else it reports whether a given name begins here,
// with the length of its clitic.
func (d *doc) bareStart(start int, s sentence) (pre, end int, ok bool) {
	first := d.toks[start]
	if q, p := d.knownPart(start); q != nil {
		end := start + 1
		if p < 0 {
			p, end = -1-p, start+2
		} else if e := d.initialAfter(start + 1); e > 0 && q.parts[len(q.parts)-1] == d.fold(e-1) || e > 0 && q.parts[len(q.parts)-1] == d.fold(e-2) {
			end = e // "رياض ن." again: the whole name
		}
		d.mentionPerson(q, span{start, end, p})
		return 0, end, true
	}
	if end := d.kunyaAt(start, s); end > 0 {
		return 0, end, true
	}
	if d.adjectiveOfNoun(start) {
		return 0, 0, false // "كان رجلاً حسن المظهر": an adjective of the noun before
	}
	last := first.vars[first.nvars-1]
	p, ok := d.givenNameAt(start)
	if !ok && (d.appositionNamed(start, s) || d.kinNamed(start) || d.relativeNamed(start, s)) {
		return 0, 0, true
	}
	if !ok && d.startsName(start) {
		p, ok = last.pre, true
	}
	if ok && ambiguousGiven[last.s] && !d.startsName(start+1) && !d.isFamily(d.fold(start+1)) && !d.familyAfterWord(start+1, pluralGiven[last.s]) && !d.namedWithApposition(start+1, s) && d.initialAfter(start+1) == 0 && !d.quotedInitial(start) && !d.bracketedName(start) {
		return 0, 0, false // "أسماء الجرحى": names, not Asma; "أنور ر." and "(أنور رسلان)" are names
	}
	if !ok && d.fold(start+1) == "الدين" && dinHeads[last.s] {
		p, ok = last.pre, true
	}
	return p, 0, ok
}

// bracketedName reports a name written alone between brackets, from token
// start: "المتهم الثاني (أنور رسلان)", two or three words that can be a name.
func (d *doc) bracketedName(start int) bool {
	if start == 0 || d.fold(start-1) != "(" {
		return false
	}
	for k := start + 1; k < len(d.toks) && k <= start+3; k++ {
		if d.fold(k) == ")" {
			return k >= start+2
		}
		if !d.toks[k].word || d.toks[k].tanween || !d.nameWordAt(k) {
			return false
		}
	}
	return false
}

// adjectiveOfNoun reports a word right after an indefinite noun of a
// person in the accusative ("رجلاً", "شاباً"): "كان شاباً جميل الطباع" says
// what he was like; a name after such a noun has a cue ("شاباً يدعى").
func (d *doc) adjectiveOfNoun(start int) bool {
	k := start - 1
	if k < 0 || !d.toks[k].word || d.own[k] != ownNone || !d.toks[k].tanween && !d.accusativeEnding(k) {
		return false
	}
	_, ok := d.has(k, humanNouns)
	return ok
}

// namedWithApposition reports a family name no list knows at k that an
// apposition follows: "نبيل غزال، وهو مدني" names نبيل though نبيل is an
// adjective too.
func (d *doc) namedWithApposition(k int, s sentence) bool {
	if k+2 >= s.b || d.definite(k) || d.own[k] != ownNone || d.toks[k].tanween || !d.nameWordAt(k) || d.fold(k+1) != "," {
		return false
	}
	_, ok := d.has(k+2, appositionOpeners)
	return ok
}

// givenNameAt reports a given name at token i, read with or without its
// clitics, with the clitic's length; "ك" (like) is not read off a name:
// "كامل" keeps its ك.
func (d *doc) givenNameAt(i int) (int, bool) {
	t := &d.toks[i]
	for k := 0; k < t.nvars; k++ {
		v := t.vars[k]
		if v.pre > 0 && strings.HasPrefix(runesFrom(t.fold, v.pre-1), "ك") {
			continue
		}
		if givenNames[v.s] {
			return v.pre, true
		}
	}
	return 0, false
}

// appositionNamed reports a name that no list knows, read from its frame: a
// verb of saying or telling before two name-like words, and a comma and an
// apposition after them ("يروي نورس سالم، أحد الناجين").
func (d *doc) appositionNamed(start int, s sentence) bool {
	if _, ok := d.has(start-1, speechVerbs); !ok {
		if _, ok := d.has(start-1, tellVerbs); !ok {
			return false
		}
	}
	if start+3 >= s.b || d.fold(start+2) != "," {
		return false
	}
	for k := start; k < start+2; k++ {
		t := &d.toks[k]
		if !t.word || !t.arabic || t.tanween || d.own[k] != ownNone || !nameLike(t.fold) || d.isTrigger(k) || d.suffixedNoun(k) {
			return false
		}
	}
	_, ok := d.has(start+3, appositionOpeners)
	return ok
}

// kunyaAt records a kunya ("أبو علي", "أم محمد") at start and returns the
// token after it, or 0.
func (d *doc) kunyaAt(start int, s sentence) int {
	f := d.toks[start].fold
	if (f != "ابو" && f != "ام") || start+1 >= s.b || !givenNames[d.fold(start+1)] || d.own[start+1] != ownNone {
		return 0
	}
	end := start + 2
	if end < s.b && d.toks[end].arabic && nameLike(d.fold(end)) && strings.HasPrefix(d.fold(end), "ال") && d.own[end] == ownNone {
		end++
	}
	sp := span{start, end, 0}
	d.addPerson(sp, d.nameWords(sp))
	return end
}

// introducedStart checks the first word after a rank, office or cue word;
// it returns the clitic length of the name's first word.
func (d *doc) introducedStart(start int, in intro) (int, bool) {
	first := d.toks[start]
	f := first.fold
	rankAsName := rankWords[f] && givenNames[f] && d.startsName(start+1) // "القاضي عماد نزار السيد"
	if !rankAsName && (stopWords[f] || rankWords[f] || verbWords[f] || !nameLike(f)) || d.isTrigger(start) || d.suffixedNoun(start) || first.tanween {
		return 0, false
	}
	if first.nvars > 1 && strings.HasPrefix(f, "و") && first.vars[1].pre == 1 && !givenNames[f] {
		return 0, false // "اسم المعتقل واسم أبيه": و begins another phrase
	}
	// after an office, a description, or a body between rank and name, only
	// a given name begins a name ("رئيس قسم التحقيق" is followed by a
	// description)
	if !in.rank2 && in.rank != "" && (officeRank(in.rank) || descriptiveRank(in.rank) || start > in.rankSp.b+1) {
		if !d.startsName(start) {
			return 0, false
		}
		p, _ := d.has(start, givenNames)
		return p, true
	}
	if rankAsName || d.startsName(start) || particles[f] || d.nisbaAt(start) {
		return 0, true
	}
	// a name no list knows after a rank or a cue ("القاضي كريستوف كولر"): it
	// must be a name word and have a second one; "المحقق بأن", "العنصر
	// المنحدر من" name nobody
	if in.cued && d.definite(start) {
		return 0, false // "بناء يدعى البناء الأحمر": a building's name
	}
	if !d.nameWordAt(start) || start+1 >= len(d.toks) || !d.toks[start+1].word || d.own[start+1] != ownNone || !d.nameWordAt(start+1) {
		return 0, false
	}
	return 0, true
}

// enoughName reports whether the words read make a name: a given name alone
// names nobody in particular unless a rank, a cue, a speech verb or
// "(اسم مستعار)" says it is someone.
func (d *doc) enoughName(words []string, in intro, start, end int) bool {
	if len(words) == 0 {
		return false
	}
	if len(words) == 1 && !in.introduced && !d.speechBefore(start) && !d.pseudonymAfter(end) && !d.kinBeforeName(start) && !d.kinNamed(start) && !d.appositionAfter(end) && !d.sharedFamilyAfter(start, end) {
		return false
	}
	if len(words) == 1 && in.rank != "" && !givenNames[words[0]] && pluralShape(words[0]) {
		return false // "يطلب السجان شخصين": a noun after the rank, not a name
	}
	if len(words) == 1 && in.rank != "" && !milRank(in.rank) && nisba(words[0]) {
		return false // "المدعي العام الاتحادي": the office's adjective
	}
	return !(len(words) == 1 && particles[words[0]])
}

// rankWord returns the first word of a rank as it folds, read without its
// clitic: "للمعتقل" is "المعتقل".
func (d *doc) rankWord(sp span) string {
	t := &d.toks[sp.a]
	for k := 0; k < t.nvars; k++ {
		if t.vars[k].pre == sp.pre {
			return t.vars[k].s
		}
	}
	return t.fold
}

// milRank reports a military or police rank (its first word).
func milRank(rank string) bool {
	f := strings.Fields(foldText(rank))
	return len(f) > 0 && milRanks[f[0]]
}

// nisba reports a definite adjective of relation: "الاتحادي", "العسكري".
func nisba(f string) bool {
	return strings.HasPrefix(f, "ال") && strings.HasSuffix(f, "ي") && utf8.RuneCountInString(f) >= 5
}

// kinNamed reports a name that no list knows right after a word of kinship
// joined by و to someone named before: "مازن دباغ وابنه باتريك". A word with the article ("ابنه الأكبر"), a conjunction
// ("ابنه وزوجته") or a pronoun is no name.
func (d *doc) kinNamed(start int) bool {
	if pre, ok := d.has(start-1, kinWords); !ok || pre == 0 {
		return false // only a relative joined to someone named: "X وابنه باتريك", not "زوجها بريء"
	}
	if _, ok := d.has(start, kinWords); ok {
		return false // a kinship of two words: "وابن عمه وسيم الأسد" names Wassim
	}
	t := &d.toks[start]
	f := t.fold
	if stopWords[f] || verbWords[f] || rankWords[f] || utf8.RuneCountInString(f) < 3 {
		return false
	}
	return t.arabic && !t.tanween && !strings.HasPrefix(f, "و") && !strings.HasPrefix(f, "ال") && !d.isTrigger(start) && !d.suffixedNoun(start) && !pluralShape(f)
}

// relativeNamed reports a name that no list knows right after a word of
// kinship with its pronoun, or after it and a comma: "وقالت والدته، سهير
// البيطار، إن …", "وقال محاميه إريك ساندستروم إن …". It takes two name
// words, the first without the article, and what follows them must end the
// name: punctuation or a word of the stop list.
func (d *doc) relativeNamed(start int, s sentence) bool {
	k := start - 1
	if d.fold(k) == "," {
		k--
	}
	if k < s.a {
		return false
	}
	if _, ok := d.has(k, kinWords); !ok {
		return false
	}
	if start+2 > s.b || d.definite(start) {
		return false
	}
	for j := start; j < start+2; j++ {
		t := &d.toks[j]
		if !t.word || !t.arabic || t.tanween || d.own[j] != ownNone || !d.nameWordAt(j) {
			return false
		}
	}
	if start+2 == s.b {
		return true
	}
	next := &d.toks[start+2]
	return !next.word || stopWords[next.fold] || d.toks[start+2].nvars > 1 && stopWords[next.vars[1].s]
}

// sharedFamilyAfter reports a given name joined by "و" to a full name that
// follows it, the two sharing its family name: "الشقيقين علي ومحمود حسن
// الأسعد" names علي too.
func (d *doc) sharedFamilyAfter(start, end int) bool {
	if _, ok := d.givenNameAt(start); !ok || end+1 >= len(d.toks) {
		return false
	}
	t := &d.toks[end]
	if !t.word || t.nvars < 2 || t.vars[1].pre != 1 || !strings.HasPrefix(t.fold, "و") || !givenNames[t.vars[1].s] {
		return false
	}
	next := &d.toks[end+1]
	return next.word && next.arabic && d.own[end+1] == ownNone && (nameLike(next.fold) || honorifics[next.fold]) && !d.isTrigger(end+1)
}

// appositionAfter reports an apposition that says who the one-word name
// ending at end is: "مع \"محمد\" أحد المعتقلين المفرج عنهم".
func (d *doc) appositionAfter(end int) bool {
	j := end
	if f := d.fold(j); f == "\"" || f == "»" {
		j++
	}
	if d.fold(j) == "," {
		j++
	}
	f := d.fold(j)
	return (f == "احد" || f == "احدي") && d.toks[j].word
}

// familyAfterWord reports a family name after a given name that is a word
// too: a nisba ("الحموي"), or, unless the given name is a plural noun
// ("أسماء"), a word with the article that is no plural ("صالح الضحيك").
func (d *doc) familyAfterWord(k int, strict bool) bool {
	if d.nisbaAt(k) {
		return true
	}
	if strict || k >= len(d.toks) || !d.definite(k) {
		return false
	}
	f := d.toks[k].fold
	return familyLike(f) && !stopWords[f] && !strings.HasSuffix(d.s[d.toks[k].start:d.toks[k].end], "ى")
}

// pluralGiven are given names that are plural nouns too.
var pluralGiven = words("plural_given")

// nisbaAt reports a definite adjective of relation at token k as written:
// "الحموي" ends in ي, "الجرحى" in alif maqsura and is a plural.
func (d *doc) nisbaAt(k int) bool {
	if k >= len(d.toks) || !d.definite(k) {
		return false
	}
	t := &d.toks[k]
	return nisba(t.fold) && strings.HasSuffix(d.s[t.start:t.end], "ي")
}

// kinBeforeName reports a word of kinship just before a given name:
// "وشقيقه نمير" names the brother.
func (d *doc) kinBeforeName(start int) bool {
	_, ok := d.has(start-1, kinWords)
	return ok && d.startsName(start)
}

// pluralShape reports an indefinite word with the ending of a dual or a
// sound plural: "شخصين", "معتقلون", "سجينات".
func pluralShape(f string) bool {
	if strings.HasPrefix(f, "ال") || utf8.RuneCountInString(f) < 4 {
		return false
	}
	for _, suf := range []string{"ين", "ون", "ان", "ات"} {
		if strings.HasSuffix(f, suf) {
			return true
		}
	}
	return false
}

// recordPerson adds the person a name span names, with what its intro says
// of them: rank, an official, a victim, a soldier or guard.
func (d *doc) recordPerson(sp span, words []string, in intro) *person {
	p := d.addPerson(sp, words)
	p.cued = p.cued || in.cued
	if in.rank == "" {
		return p
	}
	if p.rank == "" {
		p.rank = in.rank
	}
	rw := d.rankWord(in.rankSp)
	if officialRanks[bare(rw)] || officialRanks[rw] {
		p.official = true
	}
	if advocateRanks[rw] || advocateRanks[bare(rw)] {
		p.advocate = true
	}
	if courtRanks[rw] || courtRanks[bare(rw)] {
		p.court = true
	}
	if victimRanks[rw] {
		p.victim = true
		p.survivor = p.survivor || survivorRanks[rw]
	} else if milRanks[rw] {
		p.mil = true
	}
	for k := in.rankSp.a; k < in.rankSp.b; k++ {
		d.own[k] = ownRank
	}
	return p
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
	if raw[n-1] == 'ه' && !strings.HasSuffix(t.fold, "الله") {
		return true // "ومعاونه", "نهاره", "حديثه": a noun with his pronoun
	}
	return end == "ها" || end == "هم" || end == "كم" || end == "هن"
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

// knownByBefore reports a word of being known or called up to four words
// before token i, in its clause: "معروفاً بين المعتقلين باسم".
func (d *doc) knownByBefore(i int) bool { return d.knownByAt(i) >= 0 }

// knownByAt returns the token of the word of being known before "باسم" at
// i, or -1.
func (d *doc) knownByAt(i int) int {
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		if !d.toks[k].word {
			return -1
		}
		for _, v := range d.variantsOf(k) {
			for w := range knownBy {
				if strings.HasPrefix(v.s, w) {
					return k
				}
			}
		}
	}
	return -1
}

// knownBy begin the words of being known or called: معروف، يعرف، ينادى.
var knownBy = words("known_by")

// thatWords open a clause of what is said: "إن", "أنه".
var thatWords = words("that_words")

// linkKnownAs makes the name given after "معروفاً … باسم" another name of
// the person named before it in its sentence: "إن الأحمد كان معروفاً بين
// المعتقلين باسم أبو جعفر" is al-Ahmad's alias, not another person.
func (d *doc) linkKnownAs() {
	for _, k := range d.persons {
		if len(k.ments) != 1 {
			continue
		}
		m := k.ments[0]
		kb := d.knownByAt(m.a - 1)
		if d.fold(m.a-1) != "باسم" || kb < 0 {
			continue
		}
		s := d.sents[d.sentOf[m.a]]
		var named *person
		for j := kb - 1; j >= s.a; j-- {
			if q := d.personAt[j]; q != nil && q != k {
				named = q
				break
			}
			if _, ok := d.has(j, thatWords); ok {
				break // "وقال X إن السجان كان معروفاً باسم …": not X
			}
			if _, ok := d.has(j, humanNouns); ok {
				break
			}
			if _, ok := d.has(j, inmateWords); ok {
				break
			}
		}
		if named == nil {
			for j := m.a; j < m.b; j++ { // the name of someone the text does not name otherwise
				d.personAt[j], d.own[j] = nil, ownNone
			}
			k.ments = nil
			continue
		}
		named.aliases = append(named.aliases, k.name)
		named.ments = append(named.ments, m)
		for j := m.a; j < m.b; j++ {
			d.personAt[j] = named
		}
		k.ments = nil
	}
}

// advocateRanks introduce a lawyer, a researcher or a rights worker.
var advocateRanks = words("advocate_ranks")

// courtRanks introduce a judge or a prosecutor.
var courtRanks = words("court_ranks")

// kinHeads are words of kinship in construct before a noun of a victim:
// the name after the noun may be the relative's.
var kinHeads = words("kin_heads")

// namedAfterHeads are nouns of places and institutions often named after a
// person.
var namedAfterHeads = words("named_after_heads")

// skipNamedAfter returns the token after the person's name that names a
// place at i ("خالد بن الوليد", "الشيخ حسن"), so that no part of it is read
// as a person; i itself when no name begins there.
func (d *doc) skipNamedAfter(i int) int {
	s := d.sents[d.sentOf[i]]
	start := i
	if honorifics[d.fold(i)] {
		start++ // "سجن الشيخ حسن"
	}
	if start >= s.b || !d.startsName(start) {
		return i
	}
	end := d.extendName(start, 0, s)
	if end <= start {
		return i
	}
	return end
}

// familyTitles begin a family name when written without the article after a
// given name: "مهند شيخ موسى".
var familyTitles = words("family_titles")

// spokesWords speak on behalf of a body named after "باسم".
var spokesWords = words("spokes_words")

// dinHeads form a given name with "الدين": "نور الدين", "صلاح الدين".
var dinHeads = words("din_heads")

// postRank are words that may stand between a rank and the name.
var postRank = words("post_rank")

// officeRank reports an office rather than a rank: a description, not a
// name, usually follows it.
func officeRank(rank string) bool {
	f := strings.Fields(foldText(rank))
	if len(f) > 1 && f[0] != "المتحدث" {
		return false // "وزير العدل": the office is whole, the name follows
	}
	return len(f) > 0 && (officeRanks[f[0]] || officeRanks[bare(f[0])] || f[0] == "الشيخ" || f[0] == "شيخ" || f[0] == "السيد" || f[0] == "الحاج")
}

// descriptiveRank reports a rank without the article that describes rather
// than titles: "سجان سابق", "ضابط متوار".
func descriptiveRank(rank string) bool {
	f := strings.Fields(foldText(rank))
	if len(f) == 0 {
		return false
	}
	switch f[len(f)-1] {
	case "ضابط", "سجان", "عنصر", "حارس", "جندي", "مجند", "محقق", "شبيح", "الفريق", "فريق", "لواء", "المعارض":
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
	if utf8.RuneCountInString(t.fold) < 2 {
		return nil, 0 // an initial names nobody alone
	}
	for v := 0; v < t.nvars; v++ {
		for _, p := range d.persons {
			if len(p.parts) < 2 {
				continue
			}
			kunya := p.parts[0] == "ابو" || p.parts[0] == "ام"
			if p.parts[len(p.parts)-1] == t.vars[v].s && !kunya || p.parts[0] == t.vars[v].s && !particles[p.parts[0]] && !d.otherFamilyAfter(p, i) {
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

// familyByRank returns, of the persons known before whose family name token
// i is, the one with the rank before it: "العقيد يونس" is the colonel of two
// brothers named يونس.
func (d *doc) familyByRank(i int, rank string) (*person, int) {
	r := strings.Fields(foldText(rank))
	if len(r) == 0 {
		return nil, 0
	}
	t := &d.toks[i]
	var found *person
	pre := 0
	for v := 0; v < t.nvars; v++ {
		for _, p := range d.persons {
			if len(p.parts) < 2 || p.parts[len(p.parts)-1] != t.vars[v].s {
				continue
			}
			if pr := strings.Fields(foldText(p.rank)); len(pr) == 0 || pr[0] != r[0] {
				continue
			}
			if found != nil && found != p {
				return nil, 0
			}
			found, pre = p, t.vars[v].pre
		}
	}
	return found, pre
}

// otherFamilyAfter reports that the given name at token i is followed by a
// family name other than p's: "حسان الجاس" is not "حسان التربة". A person
// known by a given name and an initial ("فهد.أ") keeps every mention of the
// given name.
func (d *doc) otherFamilyAfter(p *person, i int) bool {
	if utf8.RuneCountInString(p.parts[len(p.parts)-1]) == 1 {
		return false
	}
	j := i + 1
	if j >= len(d.toks) || !d.toks[j].word || !d.toks[j].arabic || d.own[j] != ownNone || d.toks[j].tanween {
		return false
	}
	f := d.toks[j].fold
	if strings.HasPrefix(f, "ال") && d.feminineEnding(j) {
		return false // "لجثة مازن المنشورة": an adjective of the noun before
	}
	return f != p.parts[1] && familyLike(f) && !d.isTrigger(j) && !d.prepAt(j)
}

// feminineEnding reports a word written with a final ta marbuta.
func (d *doc) feminineEnding(i int) bool {
	t := &d.toks[i]
	return strings.HasSuffix(d.s[t.start:t.end], "ة")
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
	if waVerb(f) || strings.HasPrefix(f, "است") || strings.HasPrefix(f, "وال") || strings.HasPrefix(f, "بال") || strings.HasPrefix(f, "لل") {
		return false
	}
	return true
}

// waVerb reports a word with the ending of a plural past verb ("كانوا",
// "اعتقلوا", "فاعتقلوا"); a long word that ends so but begins as no verb
// does is a foreign name: "فرانسوا", "دولاكروا".
func waVerb(f string) bool {
	if !strings.HasSuffix(f, "وا") {
		return false
	}
	if utf8.RuneCountInString(f) <= 6 {
		return true
	}
	for _, p := range []string{"ا", "ت", "ي", "ن", "فا", "وا", "فت", "وت", "في", "وي"} {
		if strings.HasPrefix(f, p) {
			return true
		}
	}
	return false
}

// extendName returns the end of a name starting at token a. A name is what
// an Arabic name can be: given names (a nasab chain: "نائف صالح درغام"),
// particles with the name they join ("عبد السلام", "أبو عاصي", "بن"), a
// compound with الدين, and one family name that ends it — a word with the
// article ("الخطيب", "الحموي") or, without, one that no list knows
// ("درغام", "سلوم"). It never runs over a verb, a noun with a pronoun or
// tanween, a common noun of the lists, or a participle that takes a
// preposition ("المنحدر من"): "محمود الخطيب غادر" ends at الخطيب, "أنس خطاب
// كلمة" at خطاب.
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
	if end := d.initialAfter(j); end > 0 && givenNames[f0] {
		if e2 := d.initialAfter(end); e2 > 0 {
			return e2 // "خضر ا. ك.": the initials of a father's and a family name
		}
		return end // "مصطفى أ.", "فهد.أ": a given name and the family name's initial
	}
	if givenNames[f0] && d.quotedInitial(a) {
		return j + 1 // "«إياد أ»": in quotation marks, the initial needs no full stop
	}
	for j < s.b && words < 5 && j-a < 8 {
		t := d.toks[j]
		if !t.word || t.tanween || d.own[j] != ownNone && !(d.own[j] == ownPlace && needMore) {
			break // "فهد مارس عنفاً": no name is written with tanween
		}
		f := t.fold
		if honorifics[f] && !d.startsName(j+1) {
			j++ // "عامر خالد السيد"
			break
		}
		if honorifics[f] && !needMore && j+1 < s.b && d.own[j+1] == ownNone && !d.toks[j+1].tanween && d.fold(j+1) == d.toks[j+1].vars[0].s && d.nameWordAt(j+1) {
			j += 2 // "سوسن الحاج علي", "عبدالله الشيخ يوسف": a family name that begins with a title
			break
		}
		if familyTitles[f] && !needMore && j+1 < s.b && d.toks[j+1].word && d.own[j+1] == ownNone && (d.startsName(j+1) || d.nameWordAt(j+1)) && d.fold(j+1) == d.toks[j+1].vars[0].s {
			j += 2 // "مهند شيخ موسى": a family name that begins with a title without the article
			break
		}
		if words == 1 && !needMore && rankWords[f] && d.definite(j) && givenNames[f0] && !d.startsName(j+1) && d.own[j] == ownNone && !t.tanween {
			j++ // "رهام الجندي": a rank word right after a given name is the family name
			break
		}
		if !d.nameWordAt(j) || d.own[j] == ownPlace && !needMore {
			break
		}
		afterParticle := needMore
		needMore = particles[f]
		j++
		if needMore {
			continue
		}
		words++
		if afterParticle || givenNames[f] || f == "الدين" || d.fold(j) == "الدين" || d.fold(j) == "الله" {
			continue // "عبد السلام", a father's name, "زين الدين", "العبد الله"
		}
		if !d.definite(j-1) && j < s.b && givenNames[d.fold(j)] && d.nameWordAt(j) {
			continue // "محمد كنجو حسن": a father's name no list knows, then the family's
		}
		if !d.definite(j-1) && j < s.b && d.own[j] == ownNone && !d.toks[j].tanween && definiteGiven(d.fold(j)) && d.fold(j+1) != "العام" && d.nameWordAt(j) {
			j++ // "محمود بديوي الحسين": a father's name no list knows, then a family name that is a given name with ال
			break
		}
		if !d.definite(j-1) && j < s.b && d.own[j] == ownNone && !d.toks[j].tanween && strings.HasPrefix(d.fold(j), "العبد") && utf8.RuneCountInString(d.fold(j)) > 5 && d.nameWordAt(j) {
			j++ // "أكرم سلوم العبدالله": a father's name, then a family name in العبد
			break
		}
		if !d.definite(j-1) && j+1 < s.b && d.own[j] == ownNone && d.own[j+1] == ownNone && d.fold(j) == "العبد" && d.fold(j+1) == "الله" {
			j += 2 // "أكرم سلوم العبد الله": the same family name written in two words
			break
		}
		break // a family name ends the name
	}
	if needMore && j-a > 1 {
		j-- // a particle must be followed by a name
	}
	if !needMore && words >= 2 && j < s.b && d.toks[j].word && d.own[j] == ownNone && familySuffixes[d.toks[j].fold] {
		j++ // "نزيه حسن خير بك": the family name's last word
	}
	return j
}

// familySuffixes end a family name as its last word: "خير بك".
var familySuffixes = words("family_suffixes")

// nameWordAt reports whether token j can continue a name: a word of Arabic
// letters that no list says is something else, without a pronoun, not a verb
// or a preposition on a noun, not a participle that takes a preposition, and
// not "و" before a new name.
func (d *doc) nameWordAt(j int) bool {
	t := &d.toks[j]
	f := t.fold
	if !t.arabic || !nameLike(f) || d.prepAt(j) || d.isTrigger(j) || d.suffixedNoun(j) || pastVerbs[f] || d.accusativeEnding(j) {
		return false
	}
	if !givenNames[f] {
		if !d.definite(j) && brokenPlural(f) {
			return false // "العماد علي أيوب أوامر": orders, not a family name
		}
		for v := 1; v < t.nvars; v++ {
			if r := t.vars[v].s; stopWords[r] || verbWords[r] || pastVerbs[r] {
				return false // "لأي", "وكيف"
			}
		}
		if r, ok := strings.CutPrefix(f, "و"); ok && (stopWords[r] || len(r) <= 4) {
			return false // "وعن", "ولم": a conjunction on a short word
		}
	}
	// "علي حسين ديوب ومحمد سليمان خضور": و before a name starts another
	if t.nvars > 1 && t.vars[1].pre == 1 && (strings.HasPrefix(f, "و") || strings.HasPrefix(f, "ف")) && !givenNames[f] {
		r := t.vars[1].s
		if givenNames[r] || d.isFamily(r) || particles[r] || stopWords[r] || verbWords[r] {
			return false
		}
	}
	if d.definite(j) && strings.HasPrefix(f, "الم") && !nisba(f) && !definiteGiven(f) && d.prepositionAfter(j) {
		return false // "المنحدر من", "المقيم في": a participle, not a family name
	}
	return true
}

// definiteGiven reports a given name with the article, as family names are
// written: "المحمد", "الحسين", "العلي".
func definiteGiven(f string) bool {
	r, ok := strings.CutPrefix(f, "ال")
	return ok && utf8.RuneCountInString(r) >= 3 && givenNames[r]
}

// brokenPlural reports a word of five letters in a shape of the broken
// plural that family names do not take: فواعل ("أوامر", "حواجز", "قواعد")
// and أفعال ("أعمال", "أحكام", "أطفال").
func brokenPlural(f string) bool {
	if utf8.RuneCountInString(f) != 5 {
		return false
	}
	var r [5]rune
	i := 0
	for _, c := range f {
		r[i] = c
		i++
	}
	return r[1] == 'و' && r[2] == 'ا' || r[0] == 'ا' && r[3] == 'ا'
}

// prepositionAfter reports a preposition right after token j.
func (d *doc) prepositionAfter(j int) bool {
	switch d.fold(j + 1) {
	case "من", "في", "الي", "علي", "عن":
		return true
	}
	k := j + 1
	return k < len(d.toks) && d.toks[k].word && (strings.HasPrefix(d.toks[k].fold, "ب") || strings.HasPrefix(d.toks[k].fold, "ل")) && d.definite(k)
}

// accusativeEnding reports an indefinite word written with the alif of
// tanween but without its mark: "طبيبا", "مبتسما". Given names ending in
// alif ("رضا") are in the list.
func (d *doc) accusativeEnding(j int) bool {
	t := &d.toks[j]
	if givenNames[t.fold] || d.definite(j) {
		return false
	}
	raw := d.s[t.start:t.end]
	if strings.HasSuffix(t.fold, "وا") && !waVerb(t.fold) {
		return false // "فرانسوا": a foreign name
	}
	return utf8.RuneCountInString(raw) >= 5 && strings.HasSuffix(raw, "ا")
}

// pastVerbs are verbs in the past tense that stand after a subject in news
// narrative ("غادر", "عاد", "أمضى"): no name runs over them.
var pastVerbs = func() map[string]bool {
	m := words("past_verbs")
	for w := range m {
		if givenNames[w] {
			delete(m, w) // "صالح", "نبيل"… are read as names
		}
	}
	return m
}()

// initialAfter reads the initial of a family name after a given name that
// ends at token j: "فهد.أ" (a full stop, then the letter, written
// together) or "مصطفى أ." (the letter, then a full stop). It returns the token
// after the initial, or 0.
func (d *doc) initialAfter(j int) int {
	if j+1 >= len(d.toks) {
		return 0
	}
	if d.fold(j) == "." && !d.toks[j].space && d.singleLetter(j+1) && !d.toks[j+1].space {
		return j + 2
	}
	if d.singleLetter(j) && d.fold(j+1) == "." && !d.toks[j+1].space {
		return j + 2
	}
	return 0
}

// quotedInitial reports a word at a and an initial after it, alone between
// quotation marks: "«أنور ر»", as the press names the accused of a trial.
func (d *doc) quotedInitial(a int) bool {
	return a > 0 && quoteMark(d.fold(a-1)) && d.singleLetter(a+1) && quoteMark(d.fold(a+2))
}

// quoteMark reports a quotation mark.
func quoteMark(f string) bool {
	switch f {
	case "\"", "«", "»", "“", "”":
		return true
	}
	return false
}

// singleLetter reports a word of one Arabic letter: an initial.
func (d *doc) singleLetter(i int) bool {
	if i < 0 || i >= len(d.toks) {
		return false
	}
	t := &d.toks[i]
	return t.word && t.arabic && utf8.RuneCountInString(t.fold) == 1
}

// nameWords returns the folded words of a name span.
func (d *doc) nameWords(sp span) []string {
	var out []string
	for k := sp.a; k < sp.b; k++ {
		if !d.toks[k].word {
			continue // the full stop of an initial
		}
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
	loose := looseWords(words)
	var p *person
	for _, x := range d.persons {
		if x.key == key || containsWords(looseWords(x.parts), loose) {
			p = x
			break
		}
	}
	if p == nil {
		for _, x := range d.persons {
			if containsWords(loose, looseWords(x.parts)) {
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

// looseWords returns name words as they compare across spellings of one
// name: a family name with or without the article ("وليد النجار", "وليد
// نجار") and a compound with عبد written as one word or two ("عبد الرحمن",
// "عبدالرحمن", "العبد الله") are the same name.
func looseWords(words []string) []string {
	out := make([]string, 0, len(words))
	for i := 0; i < len(words); i++ {
		w := words[i]
		if (w == "عبد" || w == "العبد") && i+1 < len(words) {
			w += words[i+1]
			i++
		}
		if r, ok := strings.CutPrefix(w, "ال"); ok && utf8.RuneCountInString(r) >= 3 {
			w = r
		}
		out = append(out, w)
	}
	return out
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
	// the nicknames a cue gives first: they say whose they are
	for _, e := range d.epis {
		if e.cue >= 0 {
			d.linkEpithet(e)
		}
	}
	for _, e := range d.epis {
		if e.cue < 0 {
			d.linkEpithet(e)
		}
	}
}

// linkEpithet gives one nickname to its person, or makes the person known
// only by it.
func (d *doc) linkEpithet(e epithet) {
	text := d.str(e.sp)
	var p *person
	if e.cue >= 0 {
		p = d.personBeforeCue(e.cue)
	} else if p = d.personWithAlias(d.nameWords(e.sp)); p == nil {
		// a quoted kunya: «أبو علي الحمصي» is the person whose family name
		// it ends with, wherever the text names them
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
		if len(words) == 1 && strings.HasPrefix(words[0], "ال") {
			return // "ذلك الشخص الذي يلقب بـ«الشاويش»": a title for someone unnamed, no name
		}
		p = &person{name: text, key: strings.Join(words, " "), parts: words}
		d.persons = append(d.persons, p)
	} else if !containsString(p.aliases, text) {
		p.aliases = append(p.aliases, text)
	}
	p.ments = append(p.ments, e.sp)
	for k := e.sp.a; k < e.sp.b; k++ {
		d.personAt[k] = p
	}
}

// personBeforeCue returns the person named just before a nickname's cue
// word ("أوس سلوم، المعروف بلقب"), or nil: "المحقق الملقب بـ«أبو جعفر»" is
// someone known only so.
func (d *doc) personBeforeCue(at int) *person {
	s := d.sents[d.sentOf[at]]
	for k := at - 1; k >= s.a && k >= at-4; k-- {
		if d.personAt[k] != nil {
			return d.personAt[k]
		}
		if d.fold(k) != "," && d.fold(k) != "و" && d.own[k] != ownEpithet {
			break
		}
	}
	return nil
}

// personWithAlias returns the person who has a nickname of these folded
// words, or nil.
func (d *doc) personWithAlias(words []string) *person {
	key := strings.Join(words, " ")
	for _, p := range d.persons {
		for _, a := range p.aliases {
			if strings.Join(strings.Fields(foldText(a)), " ") == key {
				return p
			}
		}
	}
	return nil
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
		if particles[last] || utf8.RuneCountInString(last) < 3 || d.sharedLast(p, last) && !d.mainOfFamily(p, last) {
			continue
		}
		if len(p.parts) == 2 && (p.parts[0] == "ابو" || p.parts[0] == "ام") {
			continue // "أم محمد … ابنيها خالد ومحمد": محمد alone is the son
		}
		key := familyKey(last)
		first := p.ments[0].a
		for _, m := range p.ments {
			first = min(first, m.a)
		}
		for i := range d.toks {
			if d.own[i] != ownNone || !d.toks[i].word || d.prepAt(i) {
				continue // "على" is no علي
			}
			if i < first && !d.inHeading(i) {
				continue // "وكان النجار قد اعتُقل" before "ابنته لينا النجار" is named is not hers
			}
			t := &d.toks[i]
			for v := 0; v < t.nvars; v++ {
				if familyKey(t.vars[v].s) == key {
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

// linkInitials makes a person the text names by given name and initial
// ("رياض ع.", as courts abroad name the accused) the one person it names
// in full with that given name and a later name that begins with the
// initial ("رياض عدنان العلي"); the short form becomes an alias.
func (d *doc) linkInitials() {
	for _, p := range d.persons {
		if len(p.parts) != 2 || utf8.RuneCountInString(p.parts[1]) != 1 || len(p.ments) == 0 {
			continue
		}
		var full *person
		for _, q := range d.persons {
			if q == p || len(q.parts) < 2 || q.parts[0] != p.parts[0] || !initialOf(q.parts[1:], p.parts[1]) {
				continue
			}
			if full != nil {
				full = nil
				break // two of them: the initial says neither
			}
			full = q
		}
		if full == nil {
			continue
		}
		d.handOver(p, full, true)
		if full.rank == "" {
			full.rank = p.rank
		}
		full.victim = full.victim || p.victim
		full.survivor = full.survivor || p.survivor
		full.mil = full.mil || p.mil
	}
}

// initialOf reports a name among words that begins with the letter
// initial, with or without the article ("ع" for "عدنان" or "العلي").
func initialOf(words []string, initial string) bool {
	for _, w := range words {
		if len(w) > 1 && (strings.HasPrefix(w, initial) || strings.HasPrefix(bare(w), initial)) {
			return true
		}
	}
	return false
}

// mergeGivenNames makes a person the text names by the given name alone
// ("قال أحمد إنه خرج") the one person it names in full with that given name
// ("أحمد يوسف العمر"), wherever the full name stands.
func (d *doc) mergeGivenNames() {
	for _, p := range d.persons {
		given := looseWords(p.parts)
		if len(given) != 1 || len(p.aliases) > 0 || len(p.ments) == 0 {
			continue // "عبد الله" is one given name
		}
		var full *person
		for _, q := range d.persons {
			if q != p && len(q.ments) > 0 && len(q.parts) > 1 && looseWords(q.parts)[0] == given[0] && len(looseWords(q.parts)) > 1 {
				if full != nil {
					full = nil
					break // two of them: the given name alone says neither
				}
				full = q
			}
		}
		if full == nil {
			continue
		}
		d.handOver(p, full, false)
		if full.rank == "" {
			full.rank = p.rank
		}
		full.victim = full.victim || p.victim
		full.survivor = full.survivor || p.survivor
	}
}

// linkKunyas makes a kunya the parent it names when the text names that
// parent: "أبو وائل" is the one other person who shares the family name of
// the وائل the text names in full ("محمود الرفاعي … ابنه وائل … وائل
// الرفاعي").
func (d *doc) linkKunyas() {
	for _, k := range d.persons {
		if len(k.parts) != 2 || k.parts[0] != "ابو" && k.parts[0] != "ام" || len(k.ments) == 0 {
			continue
		}
		var child *person
		for _, c := range d.persons {
			if c != k && len(c.parts) > 1 && c.parts[0] == k.parts[1] {
				if child != nil {
					child = nil
					break
				}
				child = c
			}
		}
		if child == nil {
			continue
		}
		family := child.parts[len(child.parts)-1]
		var parent *person
		for _, q := range d.persons {
			if q == k || q == child || len(q.parts) < 2 || q.parts[len(q.parts)-1] != family || q.parts[0] == "ابو" || q.parts[0] == "ام" {
				continue
			}
			if parent != nil {
				parent = nil
				break
			}
			parent = q
		}
		if parent == nil {
			continue
		}
		parent.aliases = append(parent.aliases, k.name)
		for _, m := range k.ments {
			parent.ments = append(parent.ments, m)
			for j := m.a; j < m.b; j++ {
				d.personAt[j] = parent
			}
		}
		k.ments = nil
	}
}

// linkRealNames gives a person known so far only by a nickname to the name
// the text then reveals as theirs: «الخال» ... "عرف لاحقاً أن اسمه الحقيقي
// هو يونس بركات". A nickname is not a person of its own when the text says
// whose it is. The nickname must have been given in that sentence or the
// one before.
func (d *doc) linkRealNames() {
	for i := range d.toks {
		if f := d.fold(i); f != "اسمه" && f != "اسمها" {
			continue
		}
		j := i + 1
		if f := d.fold(j); f == "الحقيقي" || f == "الحقيقيه" || f == "الحقيقية" {
			j++
		}
		if f := d.fold(j); f == "هو" || f == "هي" || f == ":" {
			j++
		}
		if j >= len(d.toks) || d.personAt[j] == nil {
			continue
		}
		y := d.personAt[j]
		from := d.sents[max(0, d.sentOf[i]-1)].a
		var x *person
		for k := i - 1; k >= from; k-- {
			if q := d.personAt[k]; q != nil && q != y && d.nicknameOnly(q) {
				x = q
				break
			}
		}
		if x == nil {
			continue
		}
		d.handOver(x, y, true)
	}
}

// handOver makes every mention of from one of to, and leaves from with
// none; alias keeps from's name as one of to's aliases (a short form or a
// nickname the text gave first).
func (d *doc) handOver(from, to *person, alias bool) {
	if alias && !containsString(to.aliases, from.name) {
		to.aliases = append(to.aliases, from.name)
	}
	for _, m := range from.ments {
		to.ments = append(to.ments, m)
		for k := m.a; k < m.b; k++ {
			d.personAt[k] = to
		}
	}
	from.ments = nil
}

// nicknameOnly reports a person every mention of whom is a nickname the
// text gives (a quoted epithet), with no name of their own.
func (d *doc) nicknameOnly(p *person) bool {
	if len(p.ments) == 0 || len(p.aliases) > 0 {
		return false
	}
	for _, m := range p.ments {
		if d.own[m.a] != ownEpithet {
			return false
		}
	}
	return true
}

// mainOfFamily reports the person the family name alone stands for when
// several share it: the one the text names again and again, each other one
// named once ("أيمن نزيه درويش" and his cousin "نزار درويش": "درويش" is
// أيمن).
func (d *doc) mainOfFamily(p *person, last string) bool {
	if len(p.ments) < 2 {
		return false
	}
	key := familyKey(last)
	for _, x := range d.persons {
		if x != p && len(x.parts) > 0 && familyKey(x.parts[len(x.parts)-1]) == key && len(x.ments) > 1 {
			return false
		}
	}
	return true
}

// inHeading reports a token of a heading: a headline may name by the family
// name alone someone the body names in full later.
func (d *doc) inHeading(i int) bool {
	return i < len(d.sentOf) && d.sents[d.sentOf[i]].heading
}

// familyKey is a family name without its article: "وليد نجار" and "لينا
// النجار" share a family name, and "النجار" alone may be either.
func familyKey(f string) string {
	if r, ok := strings.CutPrefix(f, "ال"); ok && utf8.RuneCountInString(r) >= 3 {
		return r
	}
	return f
}

// sharedLast reports whether another person has the same family name: the
// family name alone then names neither.
func (d *doc) sharedLast(p *person, last string) bool {
	key := familyKey(last)
	for _, x := range d.persons {
		if x != p && len(x.parts) > 0 && familyKey(x.parts[len(x.parts)-1]) == key {
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
