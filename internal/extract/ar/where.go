package ar

import (
	"strings"
	"unicode/utf8"

	"github.com/athar-project/athar/internal/extract"
)

// whereFor picks the place of an event in its sentence: a facility for what
// happens in custody, a place for an
// arrest, a court's city for a trial, the nearest after the trigger first;
// never the country itself, and never a place that says where a crime the
// person is accused of happened, where they come from, or where a body that
// acts has its seat.
func (d *doc) whereFor(typ string, a int, s sentence) string {
	if typ == extract.EventWanted || noPlace[typ] {
		return ""
	}
	var best string
	bestScore := -1 << 30
	for k := s.a; k < s.b; k++ {
		e := d.entAt[k]
		if e == nil || k > s.a && d.entAt[k-1] == e {
			continue
		}
		name, score, ok := d.placeScore(typ, a, k, s)
		if ok && score > bestScore {
			best, bestScore = name, score
		}
	}
	if best == "" && (custodyTypes[typ] || accountTypes[typ] || typ == extract.EventArrest && d.periodOfCustody(a)) {
		if f := d.facilityByHead(a, s); f != "" || !sceneTypes[typ] {
			return f
		}
		if d.relativeBefore(a) {
			return "" // "الراحل فلان، الذي توفي تحت التعذيب": said of someone in passing, not where the story is
		}
		// "كان المعتقلون يموتون بأعداد كبيرة": in the facility the story is set in
		return d.sceneAt(d.sentOf[a])
	}
	if w := d.placeBeforeWhere(a, s); w != "" && (best == "" || typ == extract.EventArrest) {
		return w // "عاد إلى الزنزانة في «فرع فلسطين» …؛ حيث أوقف": the place حيث points to
	}
	if best == "" && (typ == extract.EventArrest || courtTypes[typ]) {
		return d.disc.dateline // "اللاذقية - عنب بلدي": the arrest or the trial the news reports is there
	}
	return best
}

// relativeBefore reports a trigger at a in a relative clause that opened
// just before it: "الذي توفي", "الذي قضى تحت التعذيب".
func (d *doc) relativeBefore(a int) bool {
	for k := a - 1; k >= 0 && k >= a-3; k-- {
		if _, ok := d.has(k, relativePronouns); ok {
			return true
		}
		if !d.toks[k].word {
			return false
		}
	}
	return false
}

// placeBeforeWhere returns the place the relative "حيث" just before the
// trigger at a points back to: the facility (else the place) named last
// before it in the sentence.
func (d *doc) placeBeforeWhere(a int, s sentence) string {
	h := -1
	for k := a - 1; k >= s.a && k >= a-4; k-- {
		if f := d.fold(k); f == "حيث" || f == "وحيث" {
			h = k
			break
		}
	}
	if h < 0 {
		return ""
	}
	var place string
	for k := h - 1; k >= s.a && k >= h-15; k-- {
		e := d.entAt[k]
		if e == nil || isCountry(e) {
			continue
		}
		first := k
		for first > s.a && d.entAt[first-1] == e {
			first--
		}
		if d.postFacility(first) || d.originBefore(first, s) || d.fromAfterName(first) {
			k = first // "نائب رئيس فرع المعلومات، X من بلدة موحسن، حيث تم اعتقالهما": a post and an origin
			continue
		}
		if e.typ == ownFacility {
			return e.name
		}
		if e.typ == ownPlace && place == "" {
			place = e.name
		}
	}
	return place
}

// courtCityInName returns the city a court's mention at token k ends with
// after "في" ("المحكمة الإقليمية العليا في فرانكفورت", "… في مدينة
// فرانكفورت"), as written; "" when the mention is no court's or names no
// city so.
func (d *doc) courtCityInName(k int) string {
	e := d.entAt[k]
	a, b := k, k
	for a > 0 && d.entAt[a-1] == e {
		a--
	}
	for b < len(d.toks) && d.entAt[b] == e {
		b++
	}
	if f := bare(d.fold(a)); f != "محكمه" && f != "المحكمه" {
		return ""
	}
	for j := a + 1; j+1 < b; j++ {
		if d.fold(j) != "في" {
			continue
		}
		c := j + 1
		if bare(d.fold(c)) == "مدينه" {
			c++
		}
		if c == b-1 && d.toks[c].word {
			return d.str(span{c, c + 1, 0})
		}
		return ""
	}
	return ""
}

// periodOfCustody reports an arrest word at a that names a time spent in
// custody ("خلال فترة الاعتقال داخل الفرع"): its place is the facility.
func (d *doc) periodOfCustody(a int) bool {
	f := d.fold(a - 1)
	return f == "فتره" || f == "مده"
}

// governmentOf reports a place at k that names a government: "حكومة دمشق".
func (d *doc) governmentOf(k int) bool {
	if k == 0 || !d.toks[k-1].word {
		return false
	}
	t := &d.toks[k-1]
	return bare(t.vars[t.nvars-1].s) == "حكومه"
}

// seatOfCourt reports a place at k that is the seat of a court or a
// prosecutor ("محكمة الجنايات في دمشق"), not of another body.
func (d *doc) seatOfCourt(k int) bool {
	for j := k - 1; j >= 0 && j >= k-4; j-- {
		if _, ok := d.has(j, courtWords); ok {
			return true
		}
		if e := d.entAt[j]; e != nil && e.typ == ownOrg {
			for _, w := range strings.Fields(foldText(e.name)) {
				if courtWords[w] || courtWords[bare(w)] || bare(w) == "نيابه" {
					return true
				}
			}
			return false
		}
	}
	return false
}

// fromAfterName reports a place at k given as where a just named person
// comes from: "X من بلدة موحسن".
func (d *doc) fromAfterName(k int) bool {
	j := k - 1
	if _, ok := d.has(j, placeCues); ok {
		j--
	}
	return j > 0 && d.fold(j) == "من" && d.personAt[j-1] != nil
}

// postDescriptionBetween reports, between the trigger at a and a place at
// k, an apposition that gives someone's post ("، وهو عميد سابق في",
// "وهو ضابط في"): the place after it is the post's.
func (d *doc) postDescriptionBetween(a, k int) bool {
	for j := a + 1; j < k; j++ {
		if f := d.fold(j); f != "وهو" && f != "وهي" {
			continue
		}
		if _, ok := d.has(j+1, officeHeads); ok || d.rankAt(j+1) || formerWords[d.fold(j+2)] {
			return true
		}
	}
	return false
}

// clauseBreakBetween reports a relative pronoun or a subordinating word
// between the trigger at a and token k: what follows it describes someone or
// something else ("…، والذي شغل منصب رئيس مفرزة الأمن بحسياء", "…، بعد أن
// تعرف عليه لاجئون في دمشق").
func (d *doc) clauseBreakBetween(a, k int) bool {
	for j := a + 1; j < k; j++ {
		if f := d.fold(j); f == ":" || f == ";" {
			return true
		}
		if _, ok := d.has(j, relativePronouns); ok && j > a+1 {
			return true // not "المحاكمة التي استمرت أربعة أيام في باريس": that clause is the trial's
		}
		if d.fold(j) == "," {
			if _, ok := d.has(j+1, clauseOpeners); ok || d.verbAfterAnd(j+1) {
				return true // "…، ويواجه تهماً بقتل معتقلين"
			}
		}
	}
	return false
}

// otherEventBetween reports a word for an event that does not happen in
// custody (a trial, a verdict, an arrest) between a custody event's trigger
// at a and a place at k: the place is that event's.
func (d *doc) otherEventBetween(a, k int, s sentence) bool {
	for j := a + 1; j < k; j++ {
		if !d.toks[j].word {
			continue
		}
		if tr, _, _, ok := d.triggerAt(j, s); ok && !custodyTypes[tr.typ] {
			return true
		}
	}
	return false
}

// verbAfterAnd reports a verb joined by و at token k that opens a clause:
// a present-tense verb ("ويواجه") or a past verb of the list ("وعاد").
func (d *doc) verbAfterAnd(k int) bool {
	if k >= len(d.toks) || !d.toks[k].word {
		return false
	}
	rest, ok := strings.CutPrefix(d.toks[k].fold, "و")
	if !ok || utf8.RuneCountInString(rest) < 3 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(rest)
	return r == 'ي' && utf8.RuneCountInString(rest) >= 4 || pastVerbs[rest]
}

// clauseOpeners open a clause of their own after a comma.
var clauseOpeners = words("clause_openers")

// noPlace are the events whose place is left out, for precision: a
// statement's place (the speaker's city, a court's) is rarely named so that
// it can be told from the places the statement speaks of.
var noPlace = map[string]bool{extract.EventStatement: true}

// accountTypes are what someone tells or admits: their place is the facility
// the sentence names, or none.
var accountTypes = map[string]bool{extract.EventTestimony: true, extract.EventConfession: true}

// custodyTypes are the events that happen in custody: their place is a
// facility first.
var custodyTypes = map[string]bool{
	extract.EventTortureAllegation: true, extract.EventExecutionAllegation: true, extract.EventDeathInCustody: true,
}

// placeScore scores the entity mentioned at token k as the place of an event
// of type typ whose trigger is at a; ok is false when it cannot be.
func (d *doc) placeScore(typ string, a, k int, s sentence) (name string, score int, ok bool) {
	e := d.entAt[k]
	judicial := typ == extract.EventReferral || typ == extract.EventTrial || typ == extract.EventConviction
	if e.typ == ownOrg {
		if judicial && e.seat != "" {
			return e.seat, 30 - min(abs(k-a), 10), true // "محكمة لاهاي المحلية": the court's city
		}
		if seat := d.courtCityInName(k); judicial && seat != "" {
			return seat, 30 - min(abs(k-a), 10), true // "المحكمة الإقليمية العليا في فرانكفورت": the city its name holds
		}
		return "", 0, false
	}
	if isCountry(e) || d.originBefore(k, s) || d.fromAfterName(k) {
		return "", 0, false
	}
	if accountTypes[typ] && e.typ != ownFacility {
		return "", 0, false
	}
	seat := d.seatOfBody(k)
	held := typ == extract.EventArrest && d.periodOfCustody(a)
	custody := custodyTypes[typ] || accountTypes[typ] || held
	switch {
	case d.governmentOf(k):
		return "", 0, false // "المعتقلات التابعة لحكومة دمشق": a government, not a place
	case judicial && seat && k < a && !d.seatOfCourt(k):
		return "", 0, false // "أعلن مدير الأمن العام في محافظة اللاذقية عن إحالة X": the speaker's seat, no court's
	case seat && !judicial && typ != extract.EventArrest:
		return "", 0, false // "الأمن العام في حمص": the body's seat, not where it happened
	case judicial && (e.typ == ownFacility || k < a && !seat):
		return "", 0, false
	case custody && typ != extract.EventExecutionAllegation && e.typ == ownPlace && k < a:
		return "", 0, false
	case !custody && k > a && d.accusationBetween(a, k):
		return "", 0, false // "المتهم بالمشاركة في مجزرة قرية البيضا": where the crime was
	case k > a && d.clauseBreakBetween(a, k) && (!custody || e.typ == ownPlace):
		return "", 0, false // a facility after the clause may still be where it happened
	case custody && k < a && e.typ == ownPlace && d.clauseBreakBetween(k, a):
		return "", 0, false // "اعتقل في مدينة جبلة، ويواجه تهماً بقتل معتقلين": the arrest's city
	case custody && k > a && e.typ == ownPlace && d.otherEventBetween(a, k, s):
		return "", 0, false // "متهم بتعذيب معتقلين، وذلك بعد محاكمة في مدينة فرانكفورت": the trial's
	case typ == extract.EventArrest && !held && e.typ == ownFacility && (k < a || k > a+8):
		return "", 0, false
	case typ == extract.EventEscape && k < a:
		return "", 0, false // "بالتنسيق مع وحدات الأمن في ريف حمص، مشيرة إلى أن الموقوفين كانوا يحاولون الفرار": the units' area; a flight's place follows it ("فر إلى ألمانيا")
	case typ != extract.EventEscape && d.fledTo(k, s):
		return "", 0, false // "تمكن من الهروب إلى ألمانيا وكذلك X التي كانت محتجزة": where X fled, not where she was held
	case typ == extract.EventArrest && e.typ == ownFacility && d.postFacility(k):
		return "", 0, false // "القبض على أحد معاوني مدير سجن صيدنايا": his post, not where he was caught
	case k > a && !custody && d.postDescriptionBetween(a, k):
		return "", 0, false // "القبض على X، وهو عميد سابق في كلية … بمحافظة حمص": his post, not where he was caught
	}
	score = -min(abs(k-a), 10)
	if k > a {
		score += 6
	}
	if _, ok := d.has(k-1, quarterCues); ok {
		score += 3 // "قرية عين الكروم": the most specific place
	}
	if custody && e.typ == ownFacility || !custody && e.typ == ownPlace {
		score += 20
	}
	if seat && judicial {
		score += 25
	}
	if typ == extract.EventArrest && seat {
		score -= 3
	}
	if typ == extract.EventArrest && k < a && !seat {
		score -= 10
	}
	if k > a && k <= a+3 && e.typ == ownPlace && (!custody || typ == extract.EventExecutionAllegation) {
		score += 25 // "مجزرة حي الحاضر"; not "مركز تعذيب بالعاصمة دمشق", where the facility is
	}
	return e.name, score, true
}

// fledTo reports a place at k that a flight goes to: "الهروب إلى ألمانيا".
func (d *doc) fledTo(k int, s sentence) bool {
	if k-2 < s.a || d.fold(k-1) != "الي" {
		return false
	}
	tr, _, _, ok := d.triggerAt(k-2, s)
	return ok && tr.typ == extract.EventEscape
}

// postFacility reports a facility named as the post someone holds or held,
// by the noun of the office before it or "السابق في": "مدير سجن صيدنايا",
// "الضابط السابق في فرع فلسطين".
func (d *doc) postFacility(a int) bool {
	if _, ok := d.has(a-1, officeHeads); ok {
		return true
	}
	return d.fold(a-1) == "في" && formerWords[d.fold(a-2)]
}

// isCountry reports the country itself, which the annotations never give as
// an event's place: it says nothing.
func isCountry(e *entity) bool {
	if e.gaz != nil && e.gaz.Kind == "country" && e.gaz.NameEN == "Syria" {
		return true
	}
	switch foldText(e.name) {
	case "سوريا", "سوريه", "الجمهوريه العربيه السوريه":
		return true
	}
	return false
}

// facilityByHead finds the facility a sentence means by "في السجن", "داخل
// الفرع": the one prison or branch the text names.
func (d *doc) facilityByHead(a int, s sentence) string {
	for k := s.a; k < s.b; k++ {
		f := d.toks[k].fold
		head := ""
		switch {
		case k == a:
		case f == "بالسجن" || f == "وبالسجن":
			// "حكماً بالسجن ستة عشر عاماً": the penalty, not a place
		case strings.HasSuffix(f, "السجن"):
			head = "سجن"
		case strings.HasSuffix(f, "الفرع"):
			head = "فرع"
		case strings.HasSuffix(f, "المطار"):
			head = "مطار" // "الذي اعتُقل في المطار": the airport prison the text names
		}
		if head == "" || d.own[k] != ownNone && d.own[k] != ownRank {
			continue
		}
		var only *entity
		n := 0
		for _, e := range d.ents {
			if e.typ == ownFacility && (strings.HasPrefix(bare(foldText(e.name)), head) || e.gaz != nil && strings.HasPrefix(foldText(e.gaz.NameAR), head)) {
				only = e
				n++
			}
		}
		if n == 1 {
			return only.name
		}
	}
	return ""
}

// seatOfBody reports a place that follows a body's name: "محكمة الجنايات في
// دمشق", "قيادة الأمن الداخلي في محافظة درعا".
func (d *doc) seatOfBody(k int) bool {
	for j := k - 1; j >= 0 && j >= k-3; j-- {
		if d.own[j] == ownOrg {
			e := d.entAt[j]
			for _, m := range e.ments {
				if m.a <= j && j < m.b {
					// "تابع للأمن العام في شهبا": the body something belongs to
					f := d.fold(m.a - 1)
					return m.pre == 0 && !strings.HasPrefix(d.toks[m.a].fold, "ل") && f != "تابع" && f != "التابع" && f != "تابعه" && f != "التابعه"
				}
			}
			return true
		}
		if _, ok := d.has(j, placeHeads); ok || d.fold(j) == "في" {
			continue
		}
		if _, ok := d.has(j, courtWords); ok && d.own[j] == ownNone {
			return true // "محكمة في برلين": a court no list names, and its city
		}
		return false
	}
	return false
}

// courtWords name a court no list knows: "محكمة في برلين".
var courtWords = words("court_words")

// accusationBetween reports an accusation word between an arrest word and
// a place.
func (d *doc) accusationBetween(a, k int) bool {
	for j := a + 1; j < k; j++ {
		if _, ok := d.has(j, accusationWords); ok {
			return true
		}
	}
	return false
}

// accusationWords say that what follows is what someone is accused of.
var accusationWords = words("accusation_words")

// originWords say where someone comes from, not where something happened.
var originWords = words("origin_words")

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// originBefore reports that the place at k says where someone comes from:
// "ينحدر من قرية القبو في ريف حمص".
func (d *doc) originBefore(k int, s sentence) bool {
	// "ثلاثة شبان من قرية بيت الشيخ يونس": people from a place
	j := k - 1
	if _, ok := d.has(j, placeCues); ok {
		j--
	}
	if d.fold(j) == "من" {
		h := j - 1
		if _, ok := d.has(h, numberWords); ok {
			h-- // "معتقلَين اثنين من داريا"
		}
		if _, ok := d.has(h, humanNouns); ok {
			return true
		}
		if _, ok := d.has(h, detaineeDuals); ok {
			return true
		}
	}
	for j := k - 1; j >= s.a && j >= k-6; j-- {
		if d.fold(j) == "," {
			return false
		}
		if _, ok := d.has(j, originWords); ok {
			return true
		}
	}
	return false
}
