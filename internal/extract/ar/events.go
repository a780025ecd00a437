package ar

import (
	"strings"

	"github.com/athar-project/athar/internal/extract"
)

// event is an event being built.
type event struct {
	typ      string
	who      []extract.Participant
	persons  []*person
	where    string
	date     *dateRef
	modality string
	sent     sentence
	trig     int
	suffix   bool    // the trigger carried a pronoun
	speaker  *person // a statement's speaker, when a person
	bodyOnly bool    // a body's statement that names nobody: kept only for a report
	restated bool    // "هذا الاعتقال": told before; adds no date or place
	dropped  bool    // a word of testimony whose narrator speaks in its sentence; a step of justice about none but victims
	leadIn   bool    // persons given by a list in the next sentence
	about    bool    // a testimony about its persons by others ("تعرف عليه لاجئون"), not theirs
}

// findEvents reads each sentence for event triggers and for what persons
// say, keeping track of whom the text is talking about, then gives lists of
// names to the events they belong to and merges what several sentences
// restate.
func (d *doc) findEvents() {
	d.disc.subject = d.documentSubject()
	d.disc.dateline = d.findDateline()
	d.findScenes()
	for si, s := range d.sents {
		first := len(d.events)
		d.eventsIn(s)
		d.listAfterColon(si)
		d.speakerLine(si)
		d.followDiscourse(s, d.events[first:])
	}
	d.listLeadIns()
	d.oneOfThemNamed()
	d.leadDeadListed()
	d.identified()
	d.survivorsTestify()
	d.refugeesFled()
	d.accusedAccounts()
	d.shareVerdicts()
	d.victimsNotAccused()
	d.lendLeadPlaces()
	d.chargesOfArrest()
	d.deathsOfTheTorturer()
	d.reportsInGeneral()
	d.mergeEvents()
	d.shareCourtPlace()
	d.theCourtBefore()
}

// speakerLine records what a line that holds nothing but one person's name
// (after a rank or trade, if any) and a colon introduces: the words of that
// person, told in the sentence after it ("الإعلامية X:" at the head of a
// paragraph, then her account). It is a statement, which survivorsTestify
// turns into testimony when the person tells of their own custody. A line
// the name does not begin, or another name or word in it, is no speaker's.
func (d *doc) speakerLine(si int) {
	s := d.sents[si]
	if si+1 >= len(d.sents) || s.b-s.a < 2 || d.fold(s.b-1) != ":" || s.a > 0 && d.toks[s.a].nl == 0 {
		return
	}
	next := d.sents[si+1]
	if next.heading || d.toks[next.a].nl == 0 {
		return // the account begins on its own line
	}
	var p *person
	for k := s.a; k < s.b-1; k++ {
		q := d.personAt[k]
		switch {
		case q == nil && d.own[k] == ownRank && p == nil:
		case q != nil && (p == nil || q == p):
			p = q
		default:
			return
		}
	}
	if p == nil {
		return
	}
	for _, ev := range d.events {
		if ev.sent == next && ev.typ == extract.EventStatement {
			return
		}
	}
	ev := &event{typ: extract.EventStatement, sent: next, trig: next.a, modality: extract.Asserted, speaker: p,
		persons: []*person{p}, who: []extract.Participant{{Name: p.name, Role: extract.RoleSubject}}}
	d.events = append(d.events, ev)
}

// refugeesFled drops the escape of one who was held and fled abroad: "تمكن
// من الهروب إلى ألمانيا وكذلك الصحفية X التي كانت محتجزة". A survivor who
// leaves the country evades no custody or justice; one the text accuses
// keeps the escape.
func (d *doc) refugeesFled() {
	for _, ev := range d.events {
		if ev.typ != extract.EventEscape || len(ev.persons) == 0 || !d.abroadAfter(ev.trig, ev.sent) {
			continue
		}
		held := true
		for _, p := range ev.persons {
			if d.toldAsPerpetrator(p) || !(p.victim || p.survivor || d.heldInClause(p, ev.sent)) {
				held = false
			}
		}
		if held {
			ev.dropped = true
		}
	}
}

// abroadAfter reports a place other than the country itself after "إلى"
// right after the trigger at a: "الهروب إلى ألمانيا".
func (d *doc) abroadAfter(a int, s sentence) bool {
	k := a + 1
	if k+1 >= s.b || d.fold(k) != "الي" {
		return false
	}
	e := d.entAt[k+1]
	return e != nil && e.typ == ownPlace && !isCountry(e)
}

// heldInClause reports p held, by the sentence's words, before: "التي كانت
// محتجزة".
func (d *doc) heldInClause(p *person, s sentence) bool {
	for _, ev := range d.events {
		if ev.sent != s || ev.typ != extract.EventArrest || !strings.HasPrefix(d.fold(ev.trig), "كان") {
			continue
		}
		for _, q := range ev.persons {
			if q == p {
				return true
			}
		}
	}
	return false
}

// haltedAfter reports the object of "أوقف" (stopped) right after k, or
// after a body for its subject, as an activity or a thing: "أوقفت استلام
// الأدلة", "أوقفت المحكمة العمل بالقرار"; not "أوقف قيد التحقيق" (held
// under investigation).
func (d *doc) haltedAfter(k int, s sentence) bool {
	for k < s.b && d.own[k] == ownOrg {
		k++
	}
	if k >= s.b {
		return false
	}
	_, ok := d.has(k, haltedWords)
	return ok
}

// haltedWords are what "أوقف" stops when it arrests nobody.
var haltedWords = words("halted_words")

// reportsInGeneral drops a killing, a death or a torture that names nobody
// and that the sentence has from reports in general ("وتفيد تقارير دولية
// بأن آلاف المعتقلين قُتلوا"، "وقدّرت تلك التقارير أن النظام أعدم الآلاف"):
// the background of the story, not an event it reports. One report named
// ("تقرير الشبكة") is a source, not background.
func (d *doc) reportsInGeneral() {
	reports := foldText("تقارير")
	for _, ev := range d.events {
		if !custodyTypes[ev.typ] || len(ev.persons) > 0 || ev.dropped {
			continue
		}
		for k := ev.sent.a; k < ev.trig; k++ {
			if bare(d.fold(k)) == reports && d.reportsSay(k, ev.trig) {
				ev.dropped = true
				break
			}
		}
	}
}

// reportsSay reports the reports at k as the source of what follows: "أن"
// or "بأن" within two words after them, before the trigger at a; not
// "تقارير أمنية أدت إلى اعتقال" (informers' reports) nor "صحة التقارير
// التي تحدثت عن" (what a denial denies).
func (d *doc) reportsSay(k, a int) bool {
	for j := k + 1; j < a && j <= k+3; j++ {
		if thatWords[d.fold(j)] || d.fold(j) == foldText("بأن") {
			return true
		}
	}
	return false
}

// chargesOfArrest gives a torture or a killing that names nobody, told as
// a charge after an arrest or a trial of its sentence ("ألقت السلطات القبض
// على X في برلين بتهم تشمل القتل والتعذيب"), the persons of that arrest or
// trial as its alleged perpetrators.
func (d *doc) chargesOfArrest() {
	for _, ev := range d.events {
		if ev.typ != extract.EventTortureAllegation && ev.typ != extract.EventExecutionAllegation || len(ev.persons) > 0 || ev.dropped {
			continue
		}
		for _, o := range d.events {
			if o.sent != ev.sent || o.trig >= ev.trig || len(o.persons) == 0 || o.dropped {
				continue
			}
			if o.typ != extract.EventArrest && o.typ != extract.EventTrial && o.typ != extract.EventConviction {
				continue
			}
			if !d.accusationBetween(o.trig, ev.trig) {
				continue
			}
			for _, p := range o.persons {
				if p.victim {
					continue
				}
				ev.persons = append(ev.persons, p)
				ev.who = append(ev.who, extract.Participant{Name: p.name, Role: extract.RolePerpetrator})
			}
			if len(ev.persons) > 0 {
				ev.modality = extract.Alleged
				ev.where = ""
			}
			break
		}
	}
}

// deathsOfTheTorturer gives a death in custody that names nobody ("حيث
// قضى 40 معتقلاً تحت التعذيب", "والتسبب بموت 40 معتقلاً") the alleged
// perpetrator of a torture its sentence tells ("يواجه X تهماً بتعذيب …"):
// the deaths are laid to the one the torture is laid to. Of several, the
// one named last before the death: "X … إلى جانب Y … تهماً بتعذيب …
// والتسبب بموت …" lays them to Y.
func (d *doc) deathsOfTheTorturer() {
	for _, ev := range d.events {
		if ev.typ != extract.EventDeathInCustody || len(ev.persons) > 0 || ev.dropped {
			continue
		}
		for _, o := range d.events {
			if o.sent != ev.sent || o.typ != extract.EventTortureAllegation || o.dropped {
				continue
			}
			var best *person
			last := -1
			for i, p := range o.persons {
				if i >= len(o.who) || o.who[i].Role != extract.RolePerpetrator || p.victim {
					continue
				}
				for k := ev.trig - 1; k >= ev.sent.a && k > last; k-- {
					if d.personAt[k] == p {
						best, last = p, k
						break
					}
				}
			}
			if best != nil {
				ev.persons = append(ev.persons, best)
				ev.who = append(ev.who, extract.Participant{Name: best.name, Role: extract.RolePerpetrator})
				ev.modality = o.modality
				break
			}
		}
	}
}

// oneOfThemNamed gives a death that names nobody the person a later
// "one of them" names in its sentence: "أن اثنين من رفاقه توفيا أمامه،
// أحدهما شاب من داريا يُدعى X". X died; X is no witness of the account the
// sentence also is.
func (d *doc) oneOfThemNamed() {
	for _, ev := range d.events {
		if ev.typ != extract.EventDeathInCustody || len(ev.persons) > 0 {
			continue
		}
		var named *person
		for k := ev.trig + 1; k < ev.sent.b && k <= ev.trig+6 && named == nil; k++ {
			if !oneOfThem[d.fold(k)] || d.fold(k) == "واحد" {
				continue
			}
			for j := k + 1; j < ev.sent.b && j <= k+8; j++ {
				if p := d.personAt[j]; p != nil {
					named = p
					break
				}
				if f := d.fold(j); f == "," || f == "." {
					break
				}
			}
		}
		if named == nil {
			continue
		}
		ev.persons = append(ev.persons, named)
		ev.who = append(ev.who, extract.Participant{Name: named.name, Role: extract.RoleVictim})
		for _, t := range d.events {
			if t.sent != ev.sent || t.typ != extract.EventTestimony && t.typ != extract.EventStatement {
				continue
			}
			for i, q := range t.persons {
				if q == named && i > 0 {
					t.who[i].Role = extract.RoleVictim // the one who died, told of
				}
			}
		}
	}
}

// leadDeathWords and listedDetainees: see lexicon/lead_death_words.txt and listed_detainees.txt.
var (
	leadDeathWords  = words("lead_death_words")
	listedDetainees = words("listed_detainees")
)

// leadDeadListed gives a death in custody to the detainees an article whose
// title or lead reports deaths in custody lists by name: "تسلّمت عائلات
// بيانات وفاة لأبنائها المعتقلين" … "البيانات تخص تسعة معتقلين، هم: X، وY".
// Two names at least; a list a death of the sentence already holds adds
// nothing.
func (d *doc) leadDeadListed() {
	if !d.leadReportsDeaths() {
		return
	}
	for _, s := range d.sents {
		for k := s.a; k < s.b; k++ {
			if _, ok := d.has(k, listedDetainees); !ok {
				continue
			}
			ps := d.listedAfter(k, s)
			if len(ps) < 2 {
				continue
			}
			held := false
			for _, ev := range d.events {
				if ev.sent == s && ev.typ == extract.EventDeathInCustody && containsPerson(ev.persons, ps[0]) {
					held = true
				}
			}
			if held {
				break
			}
			ev := &event{typ: extract.EventDeathInCustody, sent: s, trig: k, modality: extract.Asserted, persons: ps}
			for _, p := range ps {
				ev.who = append(ev.who, extract.Participant{Name: p.name, Role: extract.RoleVictim})
			}
			d.events = append(d.events, ev)
			break
		}
	}
}

// leadReportsDeaths reports a title or lead (the first four sentences) with
// a word of death and a word of custody.
func (d *doc) leadReportsDeaths() bool {
	for si := 0; si < len(d.sents) && si < 4; si++ {
		s := d.sents[si]
		death, custody := false, false
		for k := s.a; k < s.b; k++ {
			_, dw := d.has(k, leadDeathWords)
			_, cw := d.has(k, custodyWords)
			death, custody = death || dw, custody || cw
		}
		if death && custody {
			return true
		}
	}
	return false
}

// listedAfter returns the names a plural noun of detainees at k is given
// right after it, across its complement ("من البلدة"), by a naming word and
// an optional colon: "تسعة معتقلين من البلدة، هم: X، وY".
func (d *doc) listedAfter(k int, s sentence) []*person {
	for j := k + 1; j < s.b && j <= k+6; j++ {
		if d.personAt[j] != nil {
			return nil
		}
		if _, ok := d.has(j, namingWords); !ok {
			continue
		}
		n := j + 1
		if d.fold(n) == ":" {
			n++
		}
		if n < s.b && d.personAt[n] != nil {
			return d.coordinated(n, s)
		}
		return nil
	}
	return nil
}

// eventsIn finds the events one sentence reports, then gives each the date
// its sentence gives it.
func (d *doc) eventsIn(s sentence) {
	if d.relatedLink(s) {
		return // "اقرأ أيضاً: …": another story's headline
	}
	first := len(d.events)
	var verbs, sayings []int // the words a date may modify: triggers and verbs of saying; verbs of saying
	for i := s.a; i < s.b; i++ {
		if !d.toks[i].word || d.own[i] == ownPerson || d.own[i] == ownEpithet {
			continue
		}
		if _, ok := d.has(i, speechVerbs); ok {
			verbs = append(verbs, i)
			sayings = append(sayings, i)
			d.statementAt(i, s)
		} else if v, ok := d.citation(i, s); ok {
			sayings = append(sayings, i)
			d.statementAt(v, s) // "بحسب وزير العدل X، فإن …"
		} else if d.participleOfSaying(i) {
			sayings = append(sayings, i)
			d.participleStatement(i, s, first)
		}
		tr, n, suffix, ok := d.triggerAt(i, s)
		if !ok {
			continue
		}
		verbs = append(verbs, i)
		if ev := d.eventAt(tr, i, i+n, s, suffix); ev != nil {
			ev.restated = d.restatement(i)
			if _, body := d.has(i, bodyWords); body && tr.typ == extract.EventDeathInCustody {
				ev.restated = true // "تسلمت عائلته جثته في 3 حزيران": the handover's date, not the death's
			}
			d.events = append(d.events, ev)
		}
		i += n - 1
	}
	d.heldDescribed(s)
	for _, ev := range d.events[first:] {
		if ev.date == nil && !ev.restated {
			ev.date = d.dateFor(ev, s, verbs, sayings)
		}
	}
	d.statementsAbout(s, d.events[first:])
	d.accountsIn(s, d.events[first:])
	d.testifiedHarm(d.events[first:])
	d.toldOnce(d.events[first:])
}

// toldOnce drops a statement said by the verb that also gives its speaker's
// testimony ("روى المعتقل السابق X أن السجانين كانوا يضربونه"): one account,
// told once, is a testimony, not a statement as well.
func (d *doc) toldOnce(evs []*event) {
	for _, ev := range evs {
		if ev.typ != extract.EventStatement || ev.speaker == nil {
			continue
		}
		for _, t := range evs {
			if t.typ == extract.EventTestimony && !t.dropped && t.trig == ev.trig && containsPerson(t.persons, ev.speaker) {
				ev.dropped = true
				break
			}
		}
	}
}

// heldDescribed records an arrest for a person the sentence describes as
// held at a place of custody it names, in a description before the name
// ("المعتقل السابق في سجن صيدنايا X") or an apposition after it ("X، أحد
// المعتقلين المفرج عنهم من سجن صيدنايا"; "X، وهو معتقل سابق في فرع
// فلسطين"): the annotations' convention, as for time spent in custody. The
// description gives no date, and a person the sentence already arrests gets
// no second arrest.
func (d *doc) heldDescribed(s sentence) {
	for k := s.a; k < s.b; k++ {
		if _, ok := d.has(k, heldNouns); !ok || d.own[k] != ownNone {
			continue
		}
		f := d.heldAt(k, s)
		if f == nil {
			continue
		}
		p := d.describedPerson(k, s)
		if p == nil {
			continue
		}
		dup := false
		for _, ev := range d.events {
			if ev.sent == s && ev.typ == extract.EventArrest && containsPerson(ev.persons, p) {
				dup = true
			}
		}
		if dup {
			continue
		}
		ev := &event{typ: extract.EventArrest, sent: s, trig: k, modality: extract.Asserted, restated: true,
			persons: []*person{p}, who: []extract.Participant{{Name: p.name, Role: roleFor(extract.EventArrest, p)}},
			where: f.name}
		d.events = append(d.events, ev)
	}
}

// heldAt returns the facility named right after the held noun at k and its
// qualifiers ("السابق", "المفرج عنهم"), after في، من or ب: at most five
// words on, in the clause.
func (d *doc) heldAt(k int, s sentence) *entity {
	for j := k + 1; j < s.b && j <= k+5; j++ {
		if !d.toks[j].word || d.personAt[j] != nil {
			return nil
		}
		if d.own[j] == ownFacility && d.entAt[j] != nil {
			switch f := d.fold(j - 1); {
			case f == "في" || f == "من":
				return d.entAt[j]
			case d.toks[j].nvars > 1 && (strings.HasPrefix(d.fold(j), "ب") || strings.HasPrefix(d.fold(j), "في")):
				return d.entAt[j]
			}
			return nil
		}
	}
	return nil
}

// describedPerson returns the person the held noun at k describes: named
// right after the description's facility ("المعتقل السابق في سجن صيدنايا
// X"), or named before "، أحد/إحدى" or "، وهو/وهي" that opens it.
func (d *doc) describedPerson(k int, s sentence) *person {
	j := k - 1
	if f := d.fold(j); f == "احد" || f == "احدى" || f == "وهو" || f == "وهي" || f == "أحد" || f == "إحدى" {
		j--
	}
	if j >= s.a && d.fold(j) == "," || j >= s.a && d.fold(j) == "،" {
		if j-1 > s.a && closingQuote(d.fold(j-1)) {
			j-- // «"محمد"، أحد المعتقلين …»
		}
		if j-1 >= s.a && d.personAt[j-1] != nil {
			return d.personAt[j-1]
		}
		return nil
	}
	if j != k-1 && j > s.a && closingQuote(d.fold(j)) && d.personAt[j-1] != nil {
		return d.personAt[j-1] // «مع "محمد" أحد المعتقلين المفرج عنهم من سجن صيدنايا»: a name in quotes, no comma
	}
	if j != k-1 {
		return nil
	}
	// before the name: the name follows the facility
	for i := k + 1; i < s.b && i <= k+10; i++ {
		if d.personAt[i] != nil {
			if d.own[i-1] == ownFacility || d.fold(i-1) == "," {
				return d.personAt[i]
			}
			return nil
		}
		if !d.toks[i].word && d.fold(i) != "," {
			return nil
		}
	}
	return nil
}

// heldNouns: see lexicon/held_nouns.txt.
var heldNouns = words("held_nouns")

// citedPerson reports a cue of citation at i (بحسب، وفق، نقلاً عن) with a
// person named right after it, ranks and titles between: "بحسب وزير العدل
// X". A body cited so makes no statement.
func (d *doc) citedPerson(i int, s sentence) bool {
	_, ok := d.citation(i, s)
	return ok
}

// citation returns, for a cue of citation at i with a person named right
// after it, the last token of the cue ("عن" of "نقلاً عن"), after which the
// speaker is read.
func (d *doc) citation(i int, s sentence) (int, bool) {
	if _, ok := d.has(i, accordingCues); !ok {
		return 0, false
	}
	v := i
	if f := d.fold(i + 1); f == "عن" || f == "ما" {
		v++ // "نقلاً عن", "وفق ما"
	}
	for k := v + 1; k < s.b && k <= i+6; k++ {
		if d.personAt[k] != nil {
			return v, true
		}
		if d.own[k] != ownRank && !d.rankAt(k) {
			return 0, false
		}
	}
	return 0, false
}

// accordingCues: see lexicon/according_cues.txt.
var accordingCues = words("according_cues")

// relatedLink reports a sentence that opens with a link to another article
// (relatedCues) at the start of its line.
func (d *doc) relatedLink(s sentence) bool {
	if s.a > 0 && d.toks[s.a].nl == 0 {
		return false
	}
	for _, ix := range relatedCues.byFirst[d.fold(s.a)] {
		ws := relatedCues.list[ix]
		if s.a+len(ws) > s.b {
			continue
		}
		match := true
		for j, w := range ws {
			if d.fold(s.a+j) != w {
				match = false
				break
			}
		}
		if match {
			return true
		}
	}
	return false
}

// relatedCues: see lexicon/related_cues.txt.
var relatedCues = phraseList("related_cues")

// restatement reports a trigger after a demonstrative: "هذا الاعتقال" speaks
// of an arrest told before, and its sentence's date and place are not the
// arrest's.
func (d *doc) restatement(i int) bool {
	_, ok := d.has(i-1, demonstratives)
	return ok
}

// spentTime reports a form of قضى at i that says time spent, not a death:
// a span of time before the preposition ("قضى محمد علي ثلاث سنوات تحت
// التعذيب"); "قضى تحت التعذيب عام 2013" is a death in 2013.
func (d *doc) spentTime(i int, s sentence) bool {
	for k := i + 1; k < s.b && k <= i+7; k++ {
		if f := d.fold(k); f == "تحت" || f == "في" || f == "داخل" || f == "،" || f == "." {
			return false
		}
		if _, ok := d.has(k, durationWords); ok {
			return true
		}
	}
	return false
}

// spentVerbs are the forms of قضى, which reports a death ("قضى تحت
// التعذيب") or time spent ("قضى سنوات في السجن").
var spentVerbs = words("spent_verbs")

// durationWords are the nouns of a span of time.
var durationWords = words("duration_words")

// demonstratives point to what the text told before.
var demonstratives = words("demonstratives")

// triggerAt reads the longest trigger at token i whose conditions the
// sentence meets: its length in tokens, and whether the word carried a
// pronoun suffix.
func (d *doc) triggerAt(i int, s sentence) (tr trigger, n int, suffix, ok bool) {
	var buf [16]variant
	forms := d.triggerForms(i, buf[:0])
	best := -1
	for vi, v := range forms {
		for _, ci := range triggerIndex[v.s] {
			if m := d.restAt(i, triggers[ci].words); m > n && d.needsMet(triggers[ci], i, m, s) {
				best, n = ci, m
				suffix = vi > 0 && v.s != d.toks[i].vars[0].s && len(v.s) < len(d.toks[i].fold)-2*v.pre
			}
		}
	}
	if best < 0 {
		return trigger{}, 0, false, false
	}
	tr = triggers[best]
	if tr.typ == extract.EventExecutionAllegation && d.underTorture(i, s) {
		tr = trigger{words: tr.words, typ: extract.EventDeathInCustody}
	}
	if d.skipTrigger(tr, i, s) {
		return trigger{}, 0, false, false
	}
	return tr, n, suffix, true
}

// identified gives the arrest of the sentence before to the person a
// sentence identifies: "وتبين أن الموقوف هو X".
func (d *doc) identified() {
	for si := 1; si < len(d.sents); si++ {
		s := d.sents[si]
		var p *person
		for k := s.a; k+1 < s.b; k++ {
			f := bare(d.toks[k].vars[d.toks[k].nvars-1].s)
			if (f == "موقوف" || f == "معتقل" || f == "مقبوض") && d.fold(k+1) == "هو" {
				for j := k + 2; j < s.b && j < k+7; j++ {
					if d.personAt[j] != nil {
						p = d.personAt[j]
						break
					}
				}
			}
		}
		if p == nil {
			continue
		}
		for _, ev := range d.events {
			if ev.sent == d.sents[si-1] && ev.typ == extract.EventArrest {
				ev.persons = []*person{p}
				ev.who = []extract.Participant{{Name: p.name, Role: extract.RoleSubject}}
			}
		}
	}
}

// listLeadIns gives the persons a sentence lists ("الموقوفون هم: X، Y
// وZ") to the events of the sentence before that named nobody.
func (d *doc) listLeadIns() {
	for si := 1; si < len(d.sents); si++ {
		s := d.sents[si]
		if !d.pointsToGroup(s) {
			continue
		}
		var ps []*person
		for k := s.a; k < s.b; k++ {
			if p := d.personAt[k]; p != nil && !p.official {
				ps = appendPerson(ps, p)
			}
		}
		if len(ps) < 2 && !(len(ps) == 1 && d.amongWord(s)) {
			continue
		}
		for _, ev := range d.events {
			if ev.sent == d.sents[si-1] && len(ev.persons) == 0 && (personTypes[ev.typ] || ev.typ == extract.EventExecutionAllegation || ev.typ == extract.EventTortureAllegation) {
				for _, p := range ps {
					ev.persons = append(ev.persons, p)
					ev.who = append(ev.who, extract.Participant{Name: p.name, Role: roleFor(ev.typ, p)})
				}
				ev.leadIn = true
			}
		}
	}
}

// maxListBack bounds how many sentences before a list's lead-in the event it
// names the persons of may stand.
const maxListBack = 3

// listAfterColon gives the names listed after the lead-in sentence si, when
// it ends with a colon ("القضاة الموقوفين من السلك العسكري:", "…، وهم:" and
// then "X – Y – Z" or a line a name), to the events about unnamed persons the
// lead-in points back to: its own, else those of the nearest sentence before
// it that has some.
func (d *doc) listAfterColon(si int) {
	s := d.sents[si]
	if si+1 >= len(d.sents) || d.fold(s.b-1) != ":" {
		return
	}
	if _, naming := d.has(s.b-2, namingWords); !naming && !d.pointsToGroup(s) {
		return // "…، وهم:", "القضاة الموقوفين من السلك العسكري:"
	}
	ps := d.namesListedFrom(si + 1)
	if len(ps) < 2 {
		return
	}
	for back := si; back >= 0 && back >= si-maxListBack; back-- {
		evs := d.unnamedEventsIn(d.sents[back])
		for _, ev := range evs {
			for _, p := range ps {
				ev.persons = append(ev.persons, p)
				ev.who = append(ev.who, extract.Participant{Name: p.name, Role: roleFor(ev.typ, p)})
			}
			ev.leadIn = true
		}
		if len(evs) > 0 {
			return
		}
	}
}

// namesListedFrom returns the persons of the lines from sentence si on that
// hold nothing but names and separators.
func (d *doc) namesListedFrom(si int) []*person {
	var ps []*person
	for ; si < len(d.sents); si++ {
		s := d.sents[si]
		names := 0
		for k := s.a; k < s.b; k++ {
			if p := d.personAt[k]; p != nil {
				if k == s.a || d.personAt[k-1] != p {
					ps = appendPerson(ps, p)
					names++
				}
				continue
			}
			if d.toks[k].word && d.fold(k) != "و" && d.own[k] != ownRank {
				return ps // "- القاضي X": a title may stand before each name
			}
		}
		if names == 0 && len(ps) > 0 {
			return ps
		}
	}
	return ps
}

// unnamedEventsIn returns the events of sentence s about someone that name
// nobody: arrests, trials and the like, and the torture or killing the
// unnamed are accused of.
func (d *doc) unnamedEventsIn(s sentence) []*event {
	var evs []*event
	for _, ev := range d.events {
		if ev.sent == s && len(ev.persons) == 0 && (personTypes[ev.typ] || ev.typ == extract.EventTortureAllegation || ev.typ == extract.EventExecutionAllegation) {
			evs = append(evs, ev)
		}
	}
	return evs
}

// underTorture reports "تحت التعذيب" just after a killing word: "قتل
// معتقلين تحت التعذيب" is a death in custody.
func (d *doc) underTorture(i int, s sentence) bool {
	for k := i + 1; k < s.b && k < i+5; k++ {
		if d.fold(k) == "تحت" && d.fold(k+1) == "التعذيب" {
			return true
		}
	}
	return false
}

// restAt matches the words after the first of a trigger; it returns the
// trigger's length in tokens, or 0.
func (d *doc) restAt(i int, ws []string) int {
	for k := 1; k < len(ws); k++ {
		if d.fold(i+k) != ws[k] {
			return 0
		}
	}
	return len(ws)
}

func (d *doc) needsMet(tr trigger, i, n int, s sentence) bool {
	if tr.needs == nil {
		return true
	}
	for k := i - tr.win; k < i+n+tr.win; k++ {
		if k < s.a || k >= s.b || k >= i && k < i+n {
			continue
		}
		for _, v := range d.variantsOf(k) {
			if tr.needs[v.s] {
				return true
			}
		}
	}
	return false
}

// placeNouns before an arrest word make it a place, not an event:
// "مراكز الاعتقال".
var notEventBefore = words("not_event_before")

// conductWords before an arrest word make the person its agent.
var conductWords = words("conduct_words")

var sentenceVerbs = words("sentence_verbs")

// lifeWord is الحياة, a death after a form of فارق (leftVerbs).
var lifeWord = foldText("الحياة")

// leftVerbs are the forms of فارق that make الحياة a death.
var leftVerbs = set("فارق وفارق فارقت وفارقت فارقوا وفارقوا فارقا")

// meetVerbs are the forms of لقي that make حتف a death.
var meetVerbs = words("meet_verbs")

func (d *doc) skipTrigger(tr trigger, i int, s sentence) bool {
	if len(tr.words) == 1 && tr.words[0] == "حتف" {
		// "لقي المعتقل X حتفه": the verb stands before its subject and the noun
		met := false
		for k := i - 1; k >= s.a && k >= i-7; k-- {
			if _, ok := d.has(k, meetVerbs); ok {
				met = true
				break
			}
		}
		if !met {
			return true // "قادهم إلى حتفهم": led them to their death
		}
	}
	if len(tr.words) == 1 && tr.words[0] == lifeWord {
		// "فارق المعتقل X الحياة": the verb stands before its subject and the noun
		left := false
		for k := i - 1; k >= s.a && k >= i-6; k-- {
			if _, ok := d.has(k, leftVerbs); ok {
				left = true
				break
			}
		}
		if !left {
			return true // "ظروف الحياة في السجن": no death
		}
	}
	if tr.typ == extract.EventArrest && spendVerbs[tr.words[0]] && !d.spanAfter(i, s) {
		return true // "أمضى حياته في خدمة المعتقلين": no time in custody
	}
	if tr.typ == extract.EventArrest && idiomVerbs[tr.words[0]] && !d.personAfterBi(i, s) {
		return true // "أطاحت قوى الأمن بخلية يقودها X": a cell was caught, not X by name
	}
	if tr.typ == extract.EventArrest && strings.HasPrefix(bare(tr.words[0]), "اوقف") && d.haltedAfter(i+len(tr.words), s) {
		return true // "أوقفت المحكمة استلام الأدلة": stopped a thing, arrested nobody
	}
	if tr.typ == extract.EventArrest {
		for k := i - 1; k >= s.a && k >= i-2; k-- {
			if f := d.fold(k); f == "حاولت" || f == "حاول" || f == "محاوله" || f == "يحاول" || f == "تحاول" {
				return true // an attempted arrest is none
			}
		}
		if _, ok := d.has(i-1, notEventBefore); ok && d.fold(i-1) != "فتره" && d.fold(i-1) != "مده" {
			return true
		}
		// "متهم بالمشاركة في اعتقال ناشطين": arrests someone made, not an arrest
		for k := i - 1; k >= s.a && k >= i-3; k-- {
			if _, ok := d.has(k, conductWords); ok {
				return true
			}
		}
	}
	if d.negatedBy(i) {
		return true // "احتجاز مئات الأشخاص دون محاكمة": no trial
	}
	if (tr.typ == extract.EventTrial || tr.typ == extract.EventConviction || tr.typ == extract.EventSentence || tr.typ == extract.EventAcquittal) && d.setForFuture(i, s) {
		return true
	}
	if d.inGroupName(i) {
		return true // "تجمّع ناجيات الاعتقال": the name of a group, no arrest
	}
	if tr.typ == extract.EventTrial && d.subjunctiveAt(i) {
		return true // "يجب أن يُحاكم"، "وأن يُحاكم الضباط الكبار": owed or wished, not held
	}
	if judicialTypes[tr.typ] && d.demanded(i, s) {
		return true // "طالبت الرابطة بمحاكمة علنية للمتهم": asked for, not held
	}
	if judicialTypes[tr.typ] || tr.typ == extract.EventArrest {
		if d.negatedVerbBefore(i, s) {
			return true // "ولم تعلن السلطات عن توقيفه": no arrest the text reports
		}
	}
	if judicialTypes[tr.typ] && d.purposeOfStep(i, s) {
		return true // "إحالته إلى القضاء لمحاكمته": the step's aim, not a step taken
	}
	if d.genericSubject(i, s) {
		return true // "جميع الموقوفين أحيلوا إلى القضاء": a claim about all, no event
	}
	if courtTypes[tr.typ] && d.pastOfMany(i, s) {
		return true // "وأدانت محاكم هولندية من قبل عدداً من السوريين": the background of the case
	}
	if tr.typ == extract.EventArrest {
		if f := d.fold(i - 1); i-1 >= s.a && (f == "قبل" || f == "وقبل") {
			// "كون المتهم وقبل اعتقاله هو من بادر": a time before it, the
			// arrest told elsewhere; not "قبل اعتقاله في حمص عام 2012", which
			// tells where and when
			if n := d.fold(i + 1); i+1 >= s.b || n == "," || n == "هو" || n == "هي" {
				return true
			}
		}
	}
	if tr.typ == extract.EventEscape && d.timeReference(i) {
		return true // "قبل فرار بشار الأسد": a time, not an escape the text reports
	}
	if _, spent := d.has(i, spentVerbs); spent && tr.typ == extract.EventDeathInCustody && d.spentTime(i, s) {
		return true
	}
	if tr.typ == extract.EventDeathInCustody {
		for k := s.a; k < s.b; k++ {
			if f := bare(d.toks[k].vars[d.toks[k].nvars-1].s); f == "افراج" || f == "افرج" || f == "اطلاق" {
				return true // "توفيت … بعد سنوات من الإفراج عنها"
			}
		}
	}
	if (tr.typ == extract.EventExecutionAllegation || tr.typ == extract.EventTortureAllegation) && d.acquittedOf(i, s) {
		return true // "برّأت المحكمة المتهم من تهمة القتل العمد": found not proven
	}
	if tr.typ == extract.EventConfession && d.confessionsOfNobody(i, s) {
		return true // "بثّ الاعترافات قبل المحاكمة يسيء إلى حق المتهم": confessions in general
	}
	if tr.typ == extract.EventTestimony && d.hardToTell(i) {
		return true // "يصعب وصفها": indescribable, no testimony
	}
	if tr.typ == extract.EventTestimony && strings.HasPrefix(d.toks[i].fold, "شهاد") {
		switch bare(d.fold(i + 1)) {
		case "وفاه", "وفاته", "ميلاد", "جامعيه", "تخرج", "حسن":
			return true // a death certificate is no testimony
		}
	}
	if d.unreal(tr, i, s) {
		return true
	}
	if tr.typ == extract.EventExecutionAllegation {
		// "حكم عليه بالإعدام" is a sentence, not an execution; so is "قضت
		// المحكمة في دمشق، يوم الأحد، بإعدام X" (a court, its place and a
		// date between)
		if strings.HasPrefix(d.toks[i].fold, "بال") || strings.HasPrefix(d.toks[i].fold, "با") {
			for k := i - 1; k >= s.a && k >= i-12; k-- {
				if _, ok := d.has(k, sentenceVerbs); ok {
					return true
				}
			}
		}
	}
	return false
}

// purposeOfStep reports a step of justice at i that is the aim of another,
// with the ل of purpose after an arrest or a referral the sentence tells
// ("أحال X إلى القضاء لمحاكمته"); not "الجلسة الأولى لمحاكمة X", a trial
// under way. ("تمهيداً لمحاكمته" is read by demandWords; a referral
// "تمهيداً لإحالته" is one the annotations count.)
func (d *doc) purposeOfStep(i int, s sentence) bool {
	f := d.fold(i)
	if !strings.HasPrefix(f, "ل") || strings.HasPrefix(f, "ال") {
		return false
	}
	for k := i - 1; k >= s.a && k >= i-15; k-- {
		if !d.toks[k].word || d.own[k] != ownNone {
			continue
		}
		if tr, _, _, ok := d.triggerAt(k, s); ok && (tr.typ == extract.EventReferral || tr.typ == extract.EventArrest) {
			return true
		}
	}
	return false
}

// unreal reports a trigger at i whose event the sentence supposes, asks for,
// promises, denies or speaks of in general rather than tells (round 8):
//   - a step of justice or an arrest in a condition ("إذا اعتُقل X فسيحاكم",
//     "في حال توقيف X سيُحال") or in the future ("سوف يُحاكم X");
//   - an arrest or a step of justice asked for or promised ("طالبت
//     المنظمات باعتقال X", "تسعى المحكمة إلى إدانة X");
//   - harm denied ("لم يتعرض X للتعذيب"; not "لم تعلم العائلة بوفاته");
//   - a penalty faced, not an execution done ("قد يواجه عقوبة الإعدام");
//   - harm or an arrest of whoever did something ("كل من تورط في التعذيب").
func (d *doc) unreal(tr trigger, i int, s sentence) bool {
	switch tr.typ {
	case extract.EventArrest, extract.EventReferral, extract.EventTrial, extract.EventConviction,
		extract.EventSentence, extract.EventAcquittal, extract.EventRelease, extract.EventEscape, extract.EventConfession:
		if d.hypothetical(i, s) || d.futureAt(i, s) {
			return true
		}
	case extract.EventTortureAllegation, extract.EventExecutionAllegation, extract.EventDeathInCustody,
		extract.EventDisappearance:
		if d.negatedHarm(i, s) || d.chargeFrame(i, s) || d.habitOfAll(i, s) {
			return true
		}
	}
	switch tr.typ {
	case extract.EventArrest, extract.EventTortureAllegation, extract.EventExecutionAllegation, extract.EventDeathInCustody:
		if d.topicOfWork(i, s) {
			return true // "فيلماً وثائقياً عن الاعتقال والتعذيب": what a film is about
		}
	}
	if tr.typ == extract.EventArrest || judicialTypes[tr.typ] {
		for k := i - 1; k >= s.a && k >= i-3; k-- {
			if _, ok := d.has(k, askWords); ok {
				return true
			}
			if !d.toks[k].word {
				break
			}
		}
	}
	if tr.typ == extract.EventExecutionAllegation {
		for k := i - 1; k >= s.a && k >= i-2; k-- {
			if _, ok := d.has(k, penaltyFrames); ok {
				return true
			}
		}
	}
	switch tr.typ {
	case extract.EventArrest, extract.EventTortureAllegation, extract.EventExecutionAllegation:
		for k := i - 2; k >= s.a && k >= i-6; k-- {
			if _, ok := d.has(k, allWords); ok && d.fold(k+1) == "من" {
				return true // "كل من تورط في التعذيب": whoever did it
			}
		}
	}
	return false
}

// chargeFrame reports a harm at i that cases or files are about ("في قضايا
// تتعلق بالاختفاء القسري والاعتقال التعسفي بحق مدنيين"): a kind of charge,
// not an event the text reports, unless a name follows it ("ملفات تتعلق
// بوفاة X" is X's death).
func (d *doc) chargeFrame(i int, s sentence) bool {
	framed := false
	for k := i - 1; k >= s.a && k >= i-4; k-- {
		if _, ok := d.has(k, chargeFrames); ok {
			framed = true
			break
		}
		if !d.toks[k].word && d.fold(k) != "ـ" {
			break
		}
	}
	if !framed {
		return false
	}
	for k := i + 1; k < s.b && k <= i+3; k++ {
		if d.personAt[k] != nil {
			return false
		}
	}
	return true
}

// topicOfWork reports a definite word for an event at i, after "عن" (and
// other such words joined by و) that a film, report or book is about, with
// no name after it: "فيلماً وثائقياً عن الاعتقال والتعذيب في سجون النظام".
func (d *doc) topicOfWork(i int, s sentence) bool {
	if !d.definite(i) || d.personAt[i+1] != nil || i+2 < s.b && d.personAt[i+2] != nil {
		return false
	}
	k := i - 1
	for k > s.a && k >= i-4 && d.fold(k) != "عن" {
		if !d.toks[k].word || !d.definite(k) {
			return false // only "الاعتقال و" between
		}
		k--
	}
	if d.fold(k) != "عن" {
		return false
	}
	for j := k - 1; j >= s.a && j >= k-3; j-- {
		if _, ok := d.has(j, topicHeads); ok {
			return true
		}
	}
	return false
}

// habitOfAll reports a harm at i said of the detained as a whole with a verb
// in the present ("ويتعرض المحتجزون لدى قوات النظام لأساليب تعذيب"), in a
// sentence that names nobody: a habit, no event.
func (d *doc) habitOfAll(i int, s sentence) bool {
	for k := s.a; k < s.b; k++ {
		if d.personAt[k] != nil {
			return false
		}
	}
	for k := i - 1; k > s.a && k >= i-8; k-- {
		if _, ok := d.has(k, detainedAll); !ok {
			continue
		}
		if _, ok := d.has(k-1, undergoVerbs); ok {
			return true
		}
	}
	return false
}

// topicHeads are works whose subject follows "عن"; detainedAll are the
// detained as a whole.
var topicHeads, detainedAll = words("topic_heads"), words("detained_all")

// chargeFrames say that the harm after them is what cases are about.
var chargeFrames = words("charge_frames")

// hypothetical reports a condition opened before token i in its sentence:
// "إذا", "لو", "في حال(ة)".
func (d *doc) hypothetical(i int, s sentence) bool {
	for k := s.a; k < i; k++ {
		if _, ok := d.has(k, conditionalWords); ok {
			return true
		}
		if f := d.fold(k); (f == "في" || f == "وفي") && (d.fold(k+1) == "حال" || d.fold(k+1) == "حاله") {
			return true
		}
	}
	return false
}

// futureAt reports a trigger at i set in the future by "سوف" up to two
// words before it ("سوف يُحاكم X"). A verb with the future prefix is no
// trigger unless the trigger list has it ("سيحال" is a referral decided).
func (d *doc) futureAt(i int, s sentence) bool {
	for k := i - 1; k >= s.a && k >= i-2; k-- {
		if f := d.fold(k); f == "سوف" || f == "وسوف" {
			return true
		}
	}
	return false
}

// negatedHarm reports harm denied by a negation: right before the harm's
// own verb ("ولم يُعذَّب"), or before a verb of undergoing up to five words
// before it in its clause ("لم يتعرض X للتعذيب"). Another negated verb
// leaves the harm told ("لم تعلم العائلة بوفاته", "لم يسلم أحد من التعذيب").
func (d *doc) negatedHarm(i int, s sentence) bool {
	for k := i - 1; k >= s.a && k >= i-5; k-- {
		if !d.toks[k].word {
			return false
		}
		switch d.fold(k) {
		case "لم", "ولم", "لن", "ولن", "فلم":
			_, undergo := d.has(k+1, undergoVerbs)
			return k+1 == i || undergo
		}
	}
	return false
}

// conditionalWords, askWords, penaltyFrames and undergoVerbs: see unreal.
var (
	conditionalWords = words("conditional_words")
	askWords         = words("ask_words")
	penaltyFrames    = words("penalty_frames")
	undergoVerbs     = words("undergo_verbs")
)

// spendVerbs are the forms of أمضى: time spent, an arrest when in custody.
var spendVerbs = map[string]bool{foldText("أمضى"): true, foldText("أمضت"): true, foldText("أمضوا"): true}

// spanAfter reports a span of time within eight words after the verb at i,
// in its clause: "أمضى 14 شهراً في سجن", "أمضى في فرع حرستا قرابة عشرة أشهر".
func (d *doc) spanAfter(i int, s sentence) bool {
	for k := i + 1; k < s.b && k <= i+8; k++ {
		if f := d.fold(k); f == "," || f == "." || f == "؛" {
			return false
		}
		if _, ok := d.has(k, durationWords); ok {
			return true
		}
	}
	return false
}

// idiomVerbs are the idioms of security news that say an arrest with the
// person after ب: "أطاحت دورية بـX", "الإيقاع بـX".
var idiomVerbs = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range []string{"أطاحت", "أطاح", "الإيقاع", "للإيقاع", "أوقعت"} {
		m[foldText(w)] = true
	}
	return m
}()

// personAfterBi reports a person named as the object of ب within eight
// words after the idiom at i: "بالرقيب X", "بـX".
func (d *doc) personAfterBi(i int, s sentence) bool {
	for k := i + 1; k < s.b && k <= i+8; k++ {
		f := d.fold(k)
		if f == "ب" || f == "بـ" {
			return k+1 < s.b && (d.personAt[k+1] != nil || d.own[k+1] == ownRank && k+2 < s.b && d.personAt[k+2] != nil)
		}
		if strings.HasPrefix(f, "ب") && d.toks[k].nvars > 1 {
			return d.personAt[k] != nil || d.own[k] == ownRank && k+1 < s.b && d.personAt[k+1] != nil
		}
	}
	return false
}

// acquittedOf reports a crime at i that a court acquits of: a word of
// acquittal up to ten words before it in its clause, with "من" between ("برّأت المحكمة
// المتهم من تهمة القتل العمد").
func (d *doc) acquittedOf(i int, s sentence) bool {
	from := false
	for k := i - 1; k >= s.a && k >= i-10; k-- {
		switch d.fold(k) {
		case "من":
			from = true
		case ",", "؛", ":":
			return false
		}
		if _, ok := d.has(k, acquitWords); ok {
			return from
		}
	}
	return false
}

// acquitWords acquit someone of a charge.
var acquitWords = words("acquit_words")

// confessionsOfNobody reports the plural "اعترافات" at i with no pronoun on
// it and no name within three words after it: confessions in general
// ("بثّ الاعترافات على الشاشات", "«اعترافات» معارضين"), not someone's
// ("اعترافات المدعو X", "اعترافاته").
func (d *doc) confessionsOfNobody(i int, s sentence) bool {
	if !strings.HasSuffix(d.toks[i].fold, "اعترافات") {
		return false
	}
	for k := i + 1; k < s.b && k <= i+3; k++ {
		if d.personAt[k] != nil {
			return false
		}
	}
	return true
}

// roleFor is the role a person of the sentence plays in an event.
func roleFor(typ string, p *person) string {
	switch typ {
	case extract.EventDeathInCustody, extract.EventDisappearance:
		return extract.RoleVictim
	case extract.EventTortureAllegation, extract.EventExecutionAllegation:
		if p.victim {
			return extract.RoleVictim
		}
		return extract.RolePerpetrator
	case extract.EventTestimony:
		return extract.RoleWitness
	case extract.EventArrest:
		if p.victim {
			return extract.RoleVictim
		}
	}
	return extract.RoleSubject
}

// backWords point back to a person named before: "أنه", "بحقه".
var backWords = words("back_words")

// killingBefore reports a word of killing just before "تحت التعذيب": the
// killer is the torturer.
func (d *doc) killingBefore(a int, s sentence) bool {
	for k := a - 2; k >= s.a && k >= a-6; k-- {
		for _, v := range d.variantsOf(k) {
			if strings.HasPrefix(v.s, "قتل") || strings.HasPrefix(v.s, "مقتل") {
				return true
			}
		}
	}
	return false
}

// nearTrigger reports a person mention just after an event word ("وفاة
// X") or just before it ("X توفي").
func (d *doc) nearTrigger(k, a, b int) bool {
	return k >= b && k <= b+3 || k < a && k >= a-3
}

// relativeOfNoun reports an event word in a relative clause whose head is
// not a named person: "وجدت اسم صديقه الذي اعتقل معه".
func (d *doc) relativeOfNoun(a int, s sentence) bool {
	k := d.relativePronounBefore(a, s)
	if k > s.a+1 && d.fold(k-1) == "," {
		switch d.fold(k) {
		case "اللذين", "اللتين", "اللذان", "اللتان":
			// "عن ابنيها خالد ومحمد، اللذين اعتقلا": two whom the text does not name as persons
			k--
			if d.own[k-1] != ownNone {
				return false
			}
		}
	}
	return k > s.a && d.personAt[k-1] == nil && d.toks[k-1].word && d.own[k-1] != ownEpithet
}

// relativePronounBefore returns the token of a relative pronoun that opens
// the clause the trigger at a stands in ("الذين قُتلوا تحت التعذيب", "الذي
// توفي"), or -1: only words, no punctuation, between them.
func (d *doc) relativePronounBefore(a int, s sentence) int {
	for k := a - 1; k >= s.a && k >= a-4; k-- {
		if !d.toks[k].word {
			return -1
		}
		if _, ok := d.has(k, relativePronouns); ok {
			return k
		}
		if d.personAt[k] != nil {
			return -1
		}
	}
	return -1
}

// relativePronouns open a relative clause.
var relativePronouns = words("relative_pronouns")

// relativeHead returns the persons a relative clause that holds the trigger
// at a is about: "مازن حمادة، الذي توفي تحت التعذيب", "الأب مازن وابنه عبد
// القادر، اللذين اعتقلهما". Nil when the clause is not about named persons.
func (d *doc) relativeHead(a int, s sentence) []*person {
	k := d.relativePronounBefore(a, s)
	if k < 0 {
		return nil
	}
	j := k - 1
	if one := d.oneOfBefore(k, s); one >= 0 {
		j = one - 1 // "X، إحدى النساء اللواتي تعرضن للتعذيب": X is one of them
	}
	if d.fold(j) == "," || d.fold(j) == ")" {
		j--
	}
	if d.fold(j) == ")" {
		for j > s.a && d.fold(j) != "(" {
			j-- // "عبد القادر (باتريك)، اللذين": a name in brackets
		}
		j--
	}
	for j > s.a && d.own[j] == ownEpithet {
		j--
	}
	if j < s.a || d.personAt[j] == nil {
		return nil
	}
	p := d.personAt[j]
	n := 1
	if d.fold(k) == "اللذين" || d.fold(k) == "اللتين" {
		n = 2
	}
	if n == 1 {
		return []*person{p}
	}
	return d.antecedentsIn(j+1, s, 2)
}

// oneOfBefore returns the "أحد"/"إحدى" of an apposition that the relative
// pronoun at k completes, straight before it or before one noun ("إحدى
// النساء اللواتي", "أحد الذين"), or -1.
func (d *doc) oneOfBefore(k int, s sentence) int {
	for j := k - 1; j >= s.a && j >= k-2; j-- {
		if f := d.fold(j); f == "احد" || f == "احدي" {
			return j
		}
		if !d.toks[j].word || d.personAt[j] != nil {
			return -1
		}
	}
	return -1
}

// genericSubject reports a trigger whose subject is everyone of a kind:
// "جميع الموقوفين أحيلوا", "كل المعتقلين عذبوا".
func (d *doc) genericSubject(i int, s sentence) bool {
	for k := i - 1; k > s.a && k >= i-3; k-- {
		if _, ok := d.has(k-1, allWords); ok && d.isHumanNoun(k) {
			return true
		}
	}
	return false
}

// pastOfMany reports a verdict or a trial the sentence tells of an
// unnamed number of people, "before" (من قبل، سابقاً): "وأدانت محاكم هولندية
// من قبل عدداً من السوريين" is what the courts have done, the background of
// the case the text reports.
func (d *doc) pastOfMany(i int, s sentence) bool {
	before, many := false, false
	for k := i + 1; k < s.b && k <= i+6; k++ {
		f := bare(d.fold(k))
		switch {
		case f == "من" && bare(d.fold(k+1)) == "قبل", f == "سابقا":
			before = true
		case f == "عدد" || f == "عددا" || f == "عديد":
			many = bare(d.fold(k+1)) == "من"
		}
		if d.personAt[k] != nil {
			return false
		}
	}
	return before && many
}

// allWords quantify over everyone of a kind.
var allWords = words("all_words")

// negatedBy reports a trigger after a word that says it did not happen:
// "دون محاكمة", "بلا محاكمة", "من دون محاكمة".
func (d *doc) negatedBy(i int) bool {
	_, ok := d.has(i-1, withoutWords)
	return ok
}

// demanded reports a trial, referral or verdict at i that the sentence asks
// for or sets in the future: a word of demand or "قبل" up to three words
// before it, a right to it ("حق المتهم في محاكمة"), or "عادلة" after it
// ("محاكمة عادلة" is a right, not an event).
func (d *doc) demanded(i int, s sentence) bool {
	for k := i - 1; k >= s.a && k >= i-3; k-- {
		if !d.toks[k].word {
			break
		}
		if _, ok := d.has(k, demandWords); ok {
			return true
		}
	}
	if d.fold(i-1) == "في" && i >= 3 && (strings.HasPrefix(d.fold(i-2), "حق") || strings.HasPrefix(d.fold(i-3), "حق")) {
		return true // "يمس بحق المتهم في محاكمة": a right
	}
	f := d.fold(i + 1)
	return f == "عادله" || f == "عادلة"
}

// inGroupName reports an event noun at i in the name of a group named for
// those who suffered it: "تجمّع ناجيات الاعتقال", "رابطة عائلات ضحايا
// الاعتقال". The noun for the sufferers stands right before it, the word
// for the group one or two words before that.
func (d *doc) inGroupName(i int) bool {
	if i < 2 {
		return false
	}
	if _, ok := d.has(i-1, sufferedHeads); !ok {
		return false
	}
	for k := i - 2; k >= 0 && k >= i-3; k-- {
		if _, ok := d.has(k, sufferedGroups); ok {
			return true
		}
	}
	return false
}

// sufferedHeads name those who suffered an event ("ناجيات", "ضحايا"),
// sufferedGroups a group of them ("تجمع", "رابطة", "عائلات").
var sufferedHeads, sufferedGroups = words("sufferer_heads"), words("sufferer_groups")

// subjunctiveAt reports a verb at i in the imperfect right after "أن"
// written with its hamza: "أن يُحاكم" is what should, may or is wished to
// happen, never a past event ("بعد أن حوكم" takes the perfect). "إن" and a
// bare "ان", which may be "إن" before a present tense ("قال إنه يحاكم"), do
// not count.
func (d *doc) subjunctiveAt(i int) bool {
	if i == 0 || !strings.HasPrefix(d.fold(i), "ي") && !strings.HasPrefix(d.fold(i), "ت") {
		return false
	}
	prev := &d.toks[i-1]
	raw := d.s[prev.start:prev.end]
	return strings.HasPrefix(raw, "أن") && prev.fold == "ان" || strings.HasPrefix(raw, "وأن") && prev.fold == "وان"
}

// demandWords ask for a step of justice or set it in the future.
var demandWords = words("demand_words")

// setForFuture reports a trial or verdict at i that the sentence sets in
// the future: "من المقرر أن تبدأ محاكمة X", "المحاكمة ستبدأ الشهر المقبل".
// A referral set for the future is the decision to refer, taken ("من
// المقرر أن يحال X إلى القضاء"), as in English.
func (d *doc) setForFuture(i int, s sentence) bool {
	for k := i - 1; k >= s.a && k >= i-3; k-- {
		if !d.toks[k].word {
			break
		}
		if _, ok := d.has(k, futureWords); ok {
			return true
		}
	}
	_, ok := d.has(i+1, futureWords)
	return ok
}

// futureWords set a step of justice in the future.
var futureWords = words("future_words")

// negatedVerbBefore reports a negated verb three to five words before the
// trigger at i, in its clause, whose object the trigger is: "لم تعلن
// السلطات عن توقيفه", "لم يصدر أي قرار بإحالته". A negation right before the
// trigger is a denial (modality).
func (d *doc) negatedVerbBefore(i int, s sentence) bool {
	for k := i - 1; k >= s.a && k >= i-5; k-- {
		if !d.toks[k].word {
			return false
		}
		if k <= i-3 {
			switch d.fold(k) {
			case "لم", "ولم", "لن", "ولن":
				return true
			}
		}
	}
	return false
}

// withoutWords say that what follows did not happen.
var withoutWords = words("without_words")

// speaksOfHimself reports a speaker's words about himself before the
// trigger at a: "إنه"/"أنه" after the verb of saying, or a pronoun on the
// trigger with no one else between.
func (d *doc) speaksOfHimself(a int, s sentence, suffix bool) bool {
	for k := a - 1; k >= s.a && k >= a-6; k-- {
		if _, ok := d.has(k, selfWords); ok {
			return true
		}
		if d.personAt[k] != nil || d.describedAt(k, s) != nil {
			return false
		}
	}
	return suffix
}

// objectAfter reports an arrest whose trigger, ending before token b, is
// followed by its object, someone the speaker tells of: "القبض على أحد
// المجرمين", "اعتقال أمجد". A pronoun ("القبض عليه"), a time or a place
// after it ("اعتقل عام 2012", "اعتقل في حمص") is no object.
func (d *doc) objectAfter(b int, s sentence) bool {
	if b+1 < s.b && d.fold(b) == foldText("على") {
		b++ // "القبض على X"
	} else if !arrestNouns[d.toks[b-1].vars[d.toks[b-1].nvars-1].s] {
		return false
	}
	if b >= s.b || !d.toks[b].word || d.own[b] == ownDate || d.own[b] == ownPlace || d.own[b] == ownFacility {
		return false
	}
	if _, ok := d.has(b, timePrepositions); ok {
		return false
	}
	return !notObjects[d.fold(b)]
}

// arrestNouns are the verbal nouns of an arrest that take their object
// after them with no preposition: "اعتقال أمجد" (lexicon/arrest_nouns.txt).
var arrestNouns = words("arrest_nouns")

// notObjects follow a trigger without being its object.
var notObjects = words("not_objects")

// selfWords begin what a speaker says of himself: "قال إنه اعتقل".
var selfWords = set(`إنه انه أنه بأنه وأنه وإنه إنني أنني`)

// descriptionBefore returns the person a definite description before the
// trigger in its sentence stands for ("إن الموقوف اعترف … وسيحال"), or nil.
func (d *doc) descriptionBefore(a int, s sentence, typ string) *person {
	for k := a - 1; k >= s.a; k-- {
		if d.personAt[k] != nil {
			return nil
		}
		if !d.definite(k) {
			continue
		}
		if desc := d.description(k); desc != "" && (k+1 >= s.b || d.personAt[k+1] == nil) {
			return d.resolve(argument{unnamed: true, desc: desc, at: k + 1}, typ)
		}
	}
	return nil
}

// hardToTell reports a word of telling that says something cannot be told:
// "يصعب وصفها", "لا يمكن وصفه".
func (d *doc) hardToTell(i int) bool {
	_, ok := d.has(i-1, beyondWords)
	return ok
}

// beyondWords say that what follows cannot be done.
var beyondWords = words("beyond_words")

// unnamedSubjectBefore reports a verb whose subject is the indefinite noun
// for people just before it, an Arabic relative clause without a pronoun:
// "ناشطين فرنسيين من أصل سوري اعتُقلا في دمشق" is about the activists.
func (d *doc) unnamedSubjectBefore(a int, s sentence) bool {
	if d.definite(a) || d.toks[a].nvars > 1 && d.toks[a].vars[1].pre > 0 {
		return false // a noun, or a verb joined by a conjunction to what came before
	}
	for k := a - 1; k >= s.a && k >= a-5; k-- {
		if !d.toks[k].word || d.personAt[k] != nil || d.own[k] == ownRank {
			return false
		}
		if _, ok := d.has(k, humanNouns); ok && !d.definite(k) && !singularHuman[d.toks[k].fold] {
			return true
		}
	}
	return false
}

// timeReference reports a trigger that dates something else: "قبل فرار
// الأسد", "بعد سقوط النظام".
func (d *doc) timeReference(i int) bool {
	_, ok := d.has(i-1, timePrepositions)
	return ok
}

// timePrepositions make what follows them a time.
var timePrepositions = words("time_prepositions")

// kinBefore reports a kinship word before the trigger: "إن ابنه اعتقل"
// speaks of the son, not the speaker.
func (d *doc) kinBefore(a int, s sentence) bool {
	from := a - 4
	if a == s.b {
		from = s.a // anywhere in the sentence
	}
	for k := a - 1; k >= s.a && k >= from; k-- {
		if kinWords[d.fold(k)] {
			return true
		}
	}
	return false
}

// amongWord reports "بين" or "منهم" in a sentence: "ومن بين المتهمين X".
func (d *doc) amongWord(s sentence) bool {
	for k := s.a; k < s.b; k++ {
		switch d.fold(k) {
		case "بين", "بينهم", "منهم", "ابرزهم":
			return true
		}
	}
	return false
}

// pointsToAccused reports a word for several accused in a sentence:
// "المتهمين", "الموقوفين", "المدانين".
func (d *doc) pointsToAccused(s sentence) bool {
	for k := s.a; k < s.b; k++ {
		if _, ok := d.has(k, accusedGroupWords); ok {
			return true
		}
	}
	return false
}

// pointsToTwoAccused reports a dual word for the accused in the sentence
// ("المتهمان", "الموقوفان"), or one that may be dual or plural ("المتهمين")
// with a dual pronoun on the trigger at a ("عليهما").
func (d *doc) pointsToTwoAccused(a int, s sentence, suffix bool) bool {
	dualPronoun := suffix && pronounNumber(d.toks[a].fold) == 2
	if !dualPronoun && a+1 < s.b && strings.HasSuffix(d.fold(a+1), "هما") {
		dualPronoun = true // "إلقاء القبض عليهما"
	}
	for k := s.a; k < s.b; k++ {
		if _, ok := d.has(k, accusedGroupWords); !ok {
			continue
		}
		if f := bare(d.fold(k)); strings.HasSuffix(f, "ان") || dualPronoun {
			return true
		}
	}
	return false
}

// lastTwoAccused returns the last two persons named before token a who are
// neither victims, survivors, officials nor people of the court, in the
// order the text names them; nil when there are not two.
func (d *doc) lastTwoAccused(a int) []*person {
	var ps []*person
	for k := a - 1; k >= 0 && len(ps) < 2; k-- {
		p := d.personAt[k]
		if p == nil || containsPerson(ps, p) {
			continue
		}
		if p.victim || p.survivor || p.official || p.court || p.advocate {
			continue
		}
		ps = append(ps, p)
	}
	if len(ps) < 2 {
		return nil
	}
	return []*person{ps[1], ps[0]}
}

// accusedGroupWords point back to several accused named before.
var accusedGroupWords = words("accused_group_words")

// groupWords point back to several persons named before: "المتهمين".
var groupWords = words("group_words")

func (d *doc) pointsToGroup(s sentence) bool {
	for k := s.a; k < s.b; k++ {
		if _, ok := d.has(k, groupWords); ok {
			return true
		}
	}
	return false
}

// eventAt builds the event a trigger at tokens a..b reports and finds whom
// it is about, in steps: the sentence's structure when it decides
// (structuralParticipants); else the persons of the sentence that can take
// part (candidates), narrowed by what the trigger says (narrow); else those
// a pronoun, a description, a group word or the discourse points to
// (implied).
func (d *doc) eventAt(tr trigger, a, b int, s sentence, suffix bool) *event {
	ev := &event{typ: tr.typ, sent: s, trig: a, suffix: suffix}
	if spendVerbs[tr.words[0]] {
		if p := d.heApposition(a, s); p != nil {
			return d.finishEvent(ev, tr, a, s, []*person{p}) // "X، وهو معتقل سابق أمضى ثلاث سنوات في السجن"
		}
	}
	if tr.typ != extract.EventTestimony {
		if ps, ok := d.structuralParticipants(tr, a, b, s, suffix); ok {
			if len(ps) == 0 && spendVerbs[tr.words[0]] {
				return nil // time someone unnamed spent: nothing to tell
			}
			if len(ps) == 0 {
				ps = d.theCase(tr, a)
			}
			return d.finishEvent(ev, tr, a, s, ps)
		}
	}
	if tr.typ == extract.EventTestimony && d.heardByCourt(a, s) && len(d.judgedSoFar()) > 0 {
		return d.accountAbout(d.finishEvent(ev, tr, a, s, d.judgedSoFar())) // "استمعت المحكمة إلى شهادات 50 شاهداً": accounts against the accused
	}
	if tr.typ == extract.EventTestimony && strings.HasPrefix(d.fold(a), "تعرف") {
		return d.accountAbout(d.finishEvent(ev, tr, a, s, d.recognised(a, s))) // "تعرف عليه لاجئون": an account of him
	}
	c := d.candidates(tr, a, b, s)
	d.narrow(&c, tr, a, s, suffix)
	if len(c.ps) == 0 {
		c.ps = d.implied(&c, tr, a, s, suffix)
	}
	if len(c.ps) == 0 && spendVerbs[tr.words[0]] {
		return nil
	}
	return d.finishEvent(ev, tr, a, s, c.ps)
}

// theCase returns, for "المحاكمة" with nobody named, the accused a court
// of the text has judged or tried: "واستمعت المحكمة خلال المحاكمة التي
// استمرت ثلاث سنوات" is their trial.
func (d *doc) theCase(tr trigger, a int) []*person {
	if tr.typ != extract.EventTrial || !d.definite(a) {
		return nil
	}
	return d.judgedSoFar()
}

// judgedSoFar returns those a court of the text has judged, tried or had
// referred to it so far: the accused together, else the one named alone.
func (d *doc) judgedSoFar() []*person {
	if d.disc.accusedByCourt && len(d.disc.accused) > 0 {
		return d.disc.accused
	}
	if d.disc.judged != nil {
		return []*person{d.disc.judged}
	}
	return nil
}

// heardByCourt reports accounts at a that a court heard: "استمعت المحكمة
// … إلى شهادات 50 شاهداً", the plural with no narrator named after it.
func (d *doc) heardByCourt(a int, s sentence) bool {
	if bare(d.fold(a)) != "شهادات" {
		return false
	}
	for k := a + 1; k < s.b && k <= a+4; k++ {
		if d.personAt[k] != nil {
			return false
		}
	}
	for k := a - 1; k >= s.a && k >= a-12; k-- {
		if f := d.fold(k); strings.HasPrefix(f, "استمع") || strings.HasPrefix(f, "واستمع") {
			for j := k + 1; j <= k+3 && j < a; j++ {
				if _, ok := d.has(j, courtWords); ok {
					return true
				}
			}
		}
	}
	return false
}

// recognised returns whom victims or witnesses recognised, by the pronoun
// after the verb at a ("تعرف عليه", "عليهما"): those named before it in the
// sentence, the two accused the text named for a dual, or the person the
// text is about when no victim.
func (d *doc) recognised(a int, s sentence) []*person {
	n := pronounNumber(d.fold(a + 1))
	if ps := d.antecedentsIn(a, s, n); len(ps) > 0 {
		return ps
	}
	if n == 2 {
		return d.lastTwoAccused(s.a)
	}
	if t := d.disc.topic; t != nil && !t.victim && n == 1 {
		return []*person{t}
	}
	return nil
}

// heApposition returns the person named just before "، وهو" or "، وهي"
// that stands before token a in its sentence: the clause is about them.
func (d *doc) heApposition(a int, s sentence) *person {
	for k := a - 1; k > s.a+1; k-- {
		if f := d.fold(k); (f == "وهو" || f == "وهي") && d.fold(k-1) == "," {
			return d.personAt[k-2]
		}
	}
	return nil
}

// saidBetween reports a colon or a verb of saying between tokens k and a.
func (d *doc) saidBetween(k, a int) bool {
	for j := k + 1; j < a; j++ {
		if d.fold(j) == ":" {
			return true
		}
		if _, ok := d.has(j, speechVerbs); ok {
			return true
		}
	}
	return false
}

// sufferedTypes are what a witness may see done to others: torture, an
// execution, a death.
var sufferedTypes = map[string]bool{extract.EventTortureAllegation: true, extract.EventExecutionAllegation: true,
	extract.EventDeathInCustody: true}

// notSpeakers returns ps without those who speak in sentence s: named
// before the trigger at a with a verb of saying or a colon between.
func (d *doc) notSpeakers(ps []*person, a int, s sentence) []*person {
	var out []*person
	for _, p := range ps {
		speaks := false
		for k := s.a; k < a; k++ {
			if d.personAt[k] == p && (d.speakerAt(k, s) || d.saidBetween(k, a)) {
				speaks = true
				break
			}
		}
		if !speaks {
			out = append(out, p)
		}
	}
	return out
}

// structuralParticipants reads whom an event is about from the sentence's
// structure, when it decides: the trigger's object ("القبض على X", "بتوقيف
// عدد من القضاة"), a relative clause's head ("X، الذي توفي تحت التعذيب"),
// one described as accused of it ("طبيب سوري متهم بتعذيب"), an indefinite
// noun for people right before a verb ("ناشطين … اعتُقلا"). ok is false when
// the structure says nothing.
func (d *doc) structuralParticipants(tr trigger, a, b int, s sentence, suffix bool) (ps []*person, ok bool) {
	if patientTypes[tr.typ] && !suffix {
		arg := d.argumentAfter(b, s)
		if len(arg.persons) == 0 && !arg.unnamed && (tr.typ == extract.EventConviction || tr.typ == extract.EventTrial) {
			arg = d.verdictArgument(b, s)
		}
		if len(arg.persons) > 0 || arg.unnamed {
			if p := d.resolve(arg, tr.typ); p != nil {
				return []*person{p}, true
			}
			return arg.persons, true
		}
	}
	if patientTypes[tr.typ] && d.kinPatientAfter(b, s) {
		return nil, true // "رغد الحموي، التي اعتقل زوجها": the husband, unnamed
	}
	if head := d.relativeHead(a, s); head != nil {
		if tr.typ == extract.EventTortureAllegation && d.fold(a-1) == "تحت" {
			for _, p := range head {
				p.victim = true // "الذي توفي تحت التعذيب": the one who died under it
			}
		}
		return head, true
	}
	if tr.typ == extract.EventTortureAllegation || tr.typ == extract.EventExecutionAllegation {
		if p := d.accusedBefore(a, s, tr.typ); p != nil {
			return []*person{p}, true
		}
	}
	if patientTypes[tr.typ] && d.unnamedSubjectBefore(a, s) {
		return nil, true
	}
	return nil, false
}

// eventCandidates are the persons of a sentence who may take part in an
// event, with what the reading points back to.
type eventCandidates struct {
	ps, speakers []*person
	topic        *person
	group        []*person
}

// candidates returns the persons of the sentence who can take part in the
// event: not the complement of another noun, not officials or speakers (kept
// apart), not a soldier or guard as one who died, not someone named far from
// a death or "تحت التعذيب" unless a victim, not a narrator of a killing; for
// a testimony, its narrators.
func (d *doc) candidates(tr trigger, a, b int, s sentence) eventCandidates {
	c := eventCandidates{topic: d.disc.topic, group: d.disc.group}
	if tr.typ == extract.EventTestimony {
		c.ps = d.narrators(a, b, s)
		return c
	}
	if tr.typ == extract.EventConfession && b < s.b {
		if q := d.describedAt(b, s); q != nil {
			c.ps = []*person{q} // "وأقرّ المتهم بأنه شارك في قتل … عمر ويوسف الشامي": the accused confessed, of them
		}
	}
	for k := s.a; k < s.b; k++ {
		p := d.personAt[k]
		if p == nil || (k > s.a && d.personAt[k-1] == p) {
			continue
		}
		if d.governed(k) && !d.bodyOf(k) {
			continue // "حكم نظام بشار الأسد", "شقيق مازن"; not "جثة مازن"
		}
		if p.official || d.speakerAt(k, s) || d.frontedSpeaker(k, a, s) {
			if !p.official && k < a {
				c.speakers = appendPerson(c.speakers, p)
			}
			continue
		}
		if p.advocate && !p.victim && abuseTypes[tr.typ] && !d.nearTrigger(k, a, b) {
			continue // "وتمثّل المحامية ياسمين شاهين … الناجي أيهم": the lawyer is in the sentence, not in the event
		}
		if p.court && !p.victim && tr.typ != extract.EventArrest && abuseTypes[tr.typ] && !d.nearTrigger(k, a, b) {
			continue // "وقالت المدعية العامة X إن المتهم … أساليب تعذيبهم": she charges the torture, she did not do it
		}
		if tr.typ == extract.EventDeathInCustody && (p.mil || p.survivor) {
			continue // a soldier, or one who lived to tell it
		}
		if (tr.typ == extract.EventDeathInCustody || tr.typ == extract.EventTortureAllegation && d.fold(a-1) == "تحت" && !d.killingBefore(a, s)) && !p.victim && !d.nearTrigger(k, a, b) && !d.heldBefore(p, a, s) {
			continue // the dead are named by the death, or introduced as victims
		}
		if (tr.typ == extract.EventTortureAllegation || tr.typ == extract.EventExecutionAllegation || tr.typ == extract.EventDeathInCustody) && !p.victim && d.narratorAt(k, s) {
			continue
		}
		c.ps = appendPerson(c.ps, p)
	}
	return c
}

// frontedSpeaker reports a person named at k before the verb of saying
// that opens what the sentence tells up to the trigger at a: "مدير أمن حمص،
// المقدم X، قال إنه تم القبض على أحد المجرمين", "X أضاف أن الموقوفين
// اعترفوا". He tells of the event, as one named after the verb does; his
// title, body or place may stand between. One who denies it ("X أنكر") is
// still who it is told of.
func (d *doc) frontedSpeaker(k, a int, s sentence) bool {
	p := d.personAt[k]
	j := k
	for j < a && d.personAt[j] == p {
		j++
	}
	for ; j < a; j++ {
		if _, ok := d.has(j, reportVerbs); ok {
			_, denies := d.has(j, denyCues)
			return !denies // "إن X أنكر أي علاقة له بتعذيب الموقوفين": what he denies is still told of him
		}
		if !d.toks[j].word {
			if f := d.fold(j); f == "," || f == "(" || f == ")" {
				continue
			}
			return false
		}
		if d.own[j] != ownRank && d.own[j] != ownOrg && d.own[j] != ownPlace && d.own[j] != ownFacility {
			return false
		}
	}
	return false
}

// heldBefore reports p arrested by an earlier verb of the sentence that the
// trigger at a is joined to by و or ثم with no subject of its own: "اعتقل X
// عام 2012 وتوفي تحت التعذيب" — X died.
func (d *doc) heldBefore(p *person, a int, s sentence) bool {
	joined := d.fold(a-1) == "ثم" || d.toks[a].nvars > 1 && strings.HasPrefix(d.toks[a].fold, "و")
	if !joined {
		return false
	}
	for _, ev := range d.events {
		if ev.sent != s || ev.trig >= a || ev.typ != extract.EventArrest {
			continue
		}
		if containsPerson(ev.persons, p) {
			for k := ev.trig + 1; k < a; k++ {
				if d.personAt[k] != nil && d.personAt[k] != p {
					return false // another person between: the subject may be theirs
				}
			}
			return true
		}
	}
	return false
}

// narrow narrows the candidates by what the trigger says: a relative clause
// about someone unnamed names nobody ("صديقه الذي اعتقل معه"); a survivor
// telling of torture is its victim; a pronoun on the trigger is the two or the
// one named last.
func (d *doc) narrow(c *eventCandidates, tr trigger, a int, s sentence, suffix bool) {
	if d.relativeOfNoun(a, s) && !(tr.typ == extract.EventTestimony && len(c.ps) > 0) {
		*c = eventCandidates{}
	}
	if tr.typ == extract.EventTortureAllegation && !d.witnessedBefore(a, s) {
		for _, p := range c.speakers {
			if p.victim {
				c.ps = appendPerson(c.ps, p) // "وحول التعذيب قال محمد، أحد المعتقلين"
			}
		}
	}
	if suffix && len(c.ps) == 1 && pronounNumber(d.toks[a].fold) == 1 && !plural(d.toks[a].fold) && d.kinAppositionIn(c.ps[0], s) {
		c.ps = nil // "ابن عمه، نزار درويش، أوقف بتهمة مساعدته خلال فراره": the escape is his, not the cousin's
	}
	if !suffix || len(c.ps) < 2 {
		return
	}
	if pronounNumber(d.toks[a].fold) == 2 {
		if two := d.antecedentsIn(a, s, 2); len(two) == 2 {
			c.ps = two // "اعتقلهما": the two named last
		}
		return
	}
	if plural(d.toks[a].fold) {
		return
	}
	for k := a - 1; k >= s.a; k-- {
		if p := d.personAt[k]; p != nil && containsPerson(c.ps, p) {
			c.ps = []*person{p} // "الذي اعتقلته دورية": the nearest before
			return
		}
	}
}

// witnessedBefore reports a verb of seeing or hearing up to ten words
// before the trigger at a, in its clause: "رأيت بعيني وفاة شابين من الرستن
// تحت التعذيب" tells of others.
func (d *doc) witnessedBefore(a int, s sentence) bool {
	for k := a - 1; k >= s.a && k >= a-10; k-- {
		if f := d.fold(k); f == "," || f == ":" {
			return false
		}
		if _, ok := d.has(k, witnessVerbs); ok {
			return true
		}
	}
	return false
}

// witnessVerbs say the speaker saw or heard what follows.
var witnessVerbs = words("witness_verbs")

// implied returns whom an event that names nobody in its place is about, the
// first of: those a pronoun on the trigger points to; a description before
// it ("إن الموقوف اعترف"); the speaker speaking of himself ("قال X إنه
// اعتقل"); those a group word points back to ("المتهمين الثلاثة"); the
// person the text is talking about, when the sentence points back.
func (d *doc) implied(c *eventCandidates, tr trigger, a int, s sentence, suffix bool) []*person {
	if suffix && tr.typ != extract.EventTestimony {
		if ps := d.antecedentsIn(a, s, pronounNumber(d.toks[a].fold)); len(ps) > 0 {
			return ps // "تجهل عائلة X مصيره منذ اعتقاله", "وفاتهما"
		}
	}
	if suspectTypes[tr.typ] {
		if p := d.descriptionBefore(a, s, tr.typ); p != nil {
			return []*person{p}
		}
	}
	if len(c.speakers) == 1 && tr.back && d.speaksOfHimself(a, s, suffix) && !d.kinBefore(a, s) {
		if d.objectAfter(a+len(tr.words), s) {
			return nil // "قال X إنه تم القبض على أحد المجرمين": he tells of another's arrest, not his own
		}
		return c.speakers
	}
	topic, group := c.topic, c.group
	if topic != nil && (topic.court || topic.advocate) && !topic.victim {
		topic = nil // "وكانت المدعية العامة X قد طالبت … إن المتهم …": she works on the case, the event is not hers
	}
	if p := d.arrestedJustBefore(tr, a, s); p != nil {
		return []*person{p}
	}
	if tr.typ == extract.EventDeathInCustody {
		group = nil // those pointed back to are the accused, not the dead
		if topic != nil && !topic.victim {
			topic = nil
		}
	}
	if ps := d.theCase(tr, a); len(ps) > 0 {
		return ps
	}
	if suspectTypes[tr.typ] && d.pointsToTwoAccused(a, s, suffix) {
		if two := d.lastTwoAccused(s.a); len(two) == 2 {
			return two // "وفر المتهمان إلى ألمانيا حيث تم إلقاء القبض عليهما": the two accused named before
		}
	}
	if d.pointsToGroup(s) {
		if accused := d.disc.accused; len(accused) > 1 && suspectTypes[tr.typ] && d.pointsToAccused(s) {
			return accused // "المتهمين الثلاثة": those tried or arrested together
		}
		if len(group) > 1 {
			return group
		}
	}
	if topic == nil {
		return nil
	}
	if tr.back && !plural(d.toks[a].fold) && d.pointsBack(a, s, suffix) {
		return []*person{topic}
	}
	if (!topic.victim || d.sufferedIn(s)) && (len(c.speakers) == 0 || d.kinBefore(s.b, s)) && (tr.typ == extract.EventTortureAllegation || tr.typ == extract.EventExecutionAllegation) && d.pointsBack(a, s, false) {
		return []*person{topic}
	}
	return nil
}

// arrestedJustBefore returns the one person the sentence before arrested
// when a death opens this sentence with no subject of its own, joined by و
// or ثم, and goes on with where, when or how: "اعتقل X عام 2012. وتوفي تحت
// التعذيب عام 2014". A noun after the verb is its subject ("وتوفي والده").
func (d *doc) arrestedJustBefore(tr trigger, a int, s sentence) *person {
	if tr.typ != extract.EventDeathInCustody || !elidedAfter[d.fold(a+1)] {
		return nil
	}
	if !(a == s.a && d.toks[a].nvars > 1 && strings.HasPrefix(d.toks[a].fold, "و") || a == s.a+1 && (d.fold(s.a) == "ثم" || d.fold(s.a) == "وثم")) {
		return nil
	}
	si := d.sentOf[s.a]
	if si == 0 {
		return nil
	}
	var held *person
	for _, ev := range d.events {
		if ev.sent != d.sents[si-1] || ev.typ != extract.EventArrest || ev.modality == extract.Denied {
			continue
		}
		if len(ev.persons) != 1 || held != nil && held != ev.persons[0] {
			return nil
		}
		held = ev.persons[0]
	}
	return held
}

// elidedAfter are the words that follow a verb whose subject is not written:
// where, when, how ("وتوفي تحت التعذيب", "وتوفي في السجن", "وتوفي عام 2014").
var elidedAfter = set("تحت في داخل بعد جراء إثر اثر نتيجة بسبب عام خلال")

// patientTypes are the events that happen to someone: the person in the
// trigger's object place is whom they are about.
var patientTypes = map[string]bool{
	extract.EventArrest: true, extract.EventReferral: true, extract.EventTrial: true, extract.EventConviction: true,
	extract.EventEscape: true, extract.EventDeathInCustody: true, extract.EventRelease: true, extract.EventWanted: true,
	extract.EventDisappearance: true,
}

// abuseAccused reports the events a person may be accused of: torture and
// executions.
func abuseAccused(typ string) bool {
	return typ == extract.EventTortureAllegation || typ == extract.EventExecutionAllegation
}

// accusedOfAt reports a word of accusation ("متورط في", "بتهمة", "المتهم
// بـ") up to three words before the trigger at a, after p's mention in the
// sentence and with no other person between: p is accused of it.
func (d *doc) accusedOfAt(p *person, a int, s sentence) bool {
	for k := a - 1; k >= s.a && k >= a-3; k-- {
		if d.personAt[k] != nil {
			return false
		}
		if _, ok := d.has(k, accusationWords); ok {
			for _, m := range p.ments {
				if m.b <= k && m.a >= s.a {
					return true
				}
			}
			return false
		}
	}
	return false
}

// passivePast reports a verb at i written as a passive past: a damma on its
// first letter after the conjunction ("عُذّب", "وأُعدم", "قُتل"). The
// present's prefix (يُ، تُ، نُ) is left out: "يُعذِّب" is active too.
// Unvocalized text says nothing.
func (d *doc) passivePast(i int) bool {
	raw := []rune(d.s[d.toks[i].start:d.toks[i].end])
	k := 0
	for k < len(raw) && (raw[k] == 'و' || raw[k] == 'ف') && k+1 < len(raw) && raw[k+1] != '\u064F' {
		k++
	}
	if k+1 >= len(raw) || raw[k+1] != '\u064F' {
		return false
	}
	switch raw[k] {
	case 'ي', 'ت', 'ن':
		return false
	}
	return true
}

// namedAfter reports a mention of p after token a in sentence s.
func (d *doc) namedAfter(p *person, a int, s sentence) bool {
	for _, m := range p.ments {
		if m.a > a && m.a < s.b {
			return true
		}
	}
	return false
}

// abuseTypes are the events of custody and abuse: an arrest, torture, an
// execution, a death or a disappearance.
var abuseTypes = map[string]bool{
	extract.EventArrest: true, extract.EventTortureAllegation: true, extract.EventExecutionAllegation: true,
	extract.EventDeathInCustody: true, extract.EventDisappearance: true,
}

// accountAbout makes a testimony an account about the persons it names —
// the accused a court heard witnesses against, the one refugees
// recognised — who are its subjects, never its witnesses (nil stays nil).
func (d *doc) accountAbout(ev *event) *event {
	if ev == nil {
		return nil
	}
	ev.about = true
	for i := range ev.who {
		ev.who[i].Role = extract.RoleSubject
	}
	return ev
}

// finishEvent gives an event its participants with their roles, its place,
// date and modality.
func (d *doc) finishEvent(ev *event, tr trigger, a int, s sentence, ps []*person) *event {
	if sufferedTypes[tr.typ] && d.witnessedBefore(a, s) {
		ps = d.notSpeakers(ps, a, s) // "قال X: رأيت بعيني وفاة شابين تحت التعذيب": X saw it
	}
	victimSide := (tr.typ == extract.EventTortureAllegation || tr.typ == extract.EventExecutionAllegation) && d.sufferedIn(s)
	toldOf := tr.typ == extract.EventTestimony && anyHeld(ps)
	for _, p := range ps {
		ev.persons = append(ev.persons, p)
		role := roleFor(tr.typ, p)
		if victimSide && !p.mil && role == extract.RolePerpetrator {
			role = extract.RoleVictim // "تعرض للتعذيب", "وعلى جسده آثار التعذيب"
		}
		if role == extract.RolePerpetrator && d.objectOfPluralVerb(p, a) {
			role = extract.RoleVictim // "إن السجانين عذبوا X": X was tortured
		}
		if role == extract.RoleVictim && abuseAccused(tr.typ) && d.accusedOfAt(p, a, s) {
			role = extract.RolePerpetrator // "إن الموقوف X متورط في تعذيب المعتقلين": held, and accused
		}
		if role == extract.RolePerpetrator && ev.suffix && d.heldBefore(p, a, s) {
			role = extract.RoleVictim // "اعتقلت الدورية X وعذبته": the pronoun is X
		}
		if role == extract.RolePerpetrator && d.passivePast(a) && (d.namedAfter(p, a, s) || d.heldBefore(p, a, s)) {
			role = extract.RoleVictim // "عُذّب X", "أُعدم X": the subject of a passive suffered it
		}
		if toldOf && !p.victim && !p.survivor && (p.mil || d.toldAsPerpetrator(p)) {
			role = extract.RoleSubject // "فيديو للمعتقل X يصف فيه ممارسات السجان Y": Y is told of, no witness
		}
		ev.who = append(ev.who, extract.Participant{Name: p.name, Role: role})
	}
	ev.where = d.whereFor(tr.typ, a, s)
	ev.modality = d.modality(tr.typ, a, s)
	return ev
}

// pluralHarmVerbs carry their subject in their plural ending: the name
// after one is its object.
var pluralHarmVerbs = words("plural_harm_verbs")

// objectOfPluralVerb reports p named right after the verb of harm at a
// whose plural ending is its subject: "عذبوا X", "أعدموا X".
func (d *doc) objectOfPluralVerb(p *person, a int) bool {
	if _, ok := d.has(a, pluralHarmVerbs); !ok {
		return false
	}
	for k := a + 1; k < len(d.toks) && k <= a+3; k++ {
		if d.personAt[k] == p {
			return true
		}
		if d.own[k] != ownRank && !victimWordSet[d.fold(k)] {
			return false
		}
	}
	return false
}

// anyHeld reports a detainee, survivor or victim among ps.
func anyHeld(ps []*person) bool {
	for _, p := range ps {
		if p.victim || p.survivor {
			return true
		}
	}
	return false
}

// toldAsPerpetrator reports p as the perpetrator of torture or an execution
// the text told before.
func (d *doc) toldAsPerpetrator(p *person) bool {
	for _, ev := range d.events {
		if ev.typ != extract.EventTortureAllegation && ev.typ != extract.EventExecutionAllegation {
			continue
		}
		for i, q := range ev.persons {
			if q == p && ev.who[i].Role == extract.RolePerpetrator {
				return true
			}
		}
	}
	return false
}

// sufferedIn reports words that put a person on the receiving side of
// torture: "تعرض للتعذيب", "آثار التعذيب", "عذبوه".
func (d *doc) sufferedIn(s sentence) bool {
	for k := s.a; k < s.b; k++ {
		if sufferedWords[bare(d.toks[k].vars[d.toks[k].nvars-1].s)] {
			return true
		}
	}
	return false
}

// sufferedWords put a person on the receiving side of torture.
var sufferedWords = words("suffered_words")

// plural reports a word that carries a plural pronoun: "اعتقالهم".
func plural(f string) bool {
	return strings.HasSuffix(f, "هم") || strings.HasSuffix(f, "وا") || strings.HasSuffix(f, "ين") && len(f) > 10
}

// pointsBack reports that a sentence without names speaks of someone named
// before: the trigger carries a pronoun, or a pronoun word stands in the
// sentence, or the sentence has no subject of its own before the trigger.
func (d *doc) pointsBack(a int, s sentence, suffix bool) bool {
	if suffix {
		return true
	}
	for k := s.a; k < s.b; k++ {
		if _, ok := d.has(k, backWords); ok {
			return true
		}
	}
	return false
}

func appendPerson(ps []*person, p *person) []*person {
	for _, x := range ps {
		if x == p {
			return ps
		}
	}
	return append(ps, p)
}
