package ar

import (
	"strings"

	"github.com/athar-project/athar/internal/extract"
)

// narrators are the persons of a testimony: who gives it, named just after
// or before its word ("يروي الناجي X", "شهادة X", "X يروي", "X، الذي …،
// يصف"), and whom it is about: the others its sentence names, and the person
// a pronoun after it points to ("شهادات ضده").
func (d *doc) narrators(a, b int, s sentence) []*person {
	var ps []*person
	if p := d.narratorAfter(b, s); p != nil {
		ps = append(ps, p)
	} else if p := d.subjectBefore(a, s); p != nil {
		ps = append(ps, p)
	}
	if len(ps) == 0 {
		if p := d.testimonyAgainst(b, s); p != nil {
			return []*person{p} // "إضافة إلى شهادات ضده"
		}
		return nil
	}
	for k := s.a; k < s.b; k++ {
		p := d.personAt[k]
		if p == nil || k > s.a && d.personAt[k-1] == p || p.official || p.court || d.governed(k) || containsPerson(ps, p) {
			continue // "واستمعت المحكمة برئاسة القاضي X إلى شهادة …": the judge hears it
		}
		ps = append(ps, p)
	}
	return ps
}

// testimonyAgainst returns whom a testimony with no narrator is about: the
// person after "ضد" or "بحق", or the one a pronoun on it points to in the
// sentence ("شهادات ضده").
func (d *doc) testimonyAgainst(b int, s sentence) *person {
	if b >= s.b {
		return nil
	}
	f := d.fold(b)
	switch f {
	case "ضد", "بحق":
		if b+1 < s.b && d.personAt[b+1] != nil {
			return d.personAt[b+1]
		}
	case "ضده", "بحقه", "عنه":
		if ps := d.antecedentsIn(b, s, 1); len(ps) == 1 {
			return ps[0]
		}
	}
	return nil
}

// narratorAfter returns the person named just after a word of testimony,
// past ranks and words such as "بشهادته", "الناجي".
func (d *doc) narratorAfter(b int, s sentence) *person {
	for k := b; k < s.b && k < b+8; k++ {
		if p := d.personAt[k]; p != nil {
			return p
		}
		if !d.toks[k].word || d.own[k] == ownRank || postRank[d.fold(k)] || d.fold(k) == "على" {
			continue
		}
		if _, ok := d.has(k, possessives); ok {
			continue
		}
		if _, ok := d.has(k, cueWords); ok {
			continue // "وروى أحد الناجين، ويدعى منير الحلبي"
		}
		if f := d.fold(k); f == "احد" || f == "احدي" {
			continue
		}
		if f := d.fold(k - 1); f == "احد" || f == "احدي" {
			_, human := d.has(k, humanNouns)
			_, survivor := d.has(k, survivorWords)
			if human || survivor {
				continue // "أحد الناجين"
			}
		}
		return nil
	}
	return nil
}

// subjectBefore returns the person named as the subject before the verb at
// a: right before it, or before a relative clause set off by commas ("X،
// الذي توفي تحت التعذيب، يصف").
func (d *doc) subjectBefore(a int, s sentence) *person {
	k := a - 1
	for k >= s.a && !d.toks[k].word {
		k--
	}
	if k >= s.a && d.personAt[k] != nil && !d.governed(k) {
		j := k
		for j > s.a && d.personAt[j-1] == d.personAt[k] {
			j--
		}
		if d.speakerAt(j, s) {
			return nil // "وثّق الباحث X شهادات معتقلين": X gathers them, the detainees give them
		}
		return d.personAt[k]
	}
	// a relative clause between commas
	if d.fold(a-1) == "," || d.fold(a-2) == "," {
		for j := a - 2; j > s.a && j > a-15; j-- {
			if d.fold(j) != "," {
				continue
			}
			if rel := d.fold(j + 1); rel == "الذي" || rel == "التي" {
				if p := d.personAt[j-1]; p != nil && !d.governed(j-1) {
					return p
				}
			}
			break
		}
	}
	return nil
}

// accountsIn makes testimony of what a person (no official, no lawyer or
// judge) says in sentence s when the sentence says it is testimony ("وقال X،
// الذي أدلى بشهادته …": the word of testimony names nobody else) or when it
// recounts what was done in custody to someone it names ("وتقول سلمى عيسى إن
// زوجها حسام ديوب اعتُقل … حيث توفي"). The testimony's place is the facility
// the sentence names.
func (d *doc) accountsIn(s sentence, evs []*event) {
	for _, ev := range evs {
		p := ev.speaker
		if ev.typ != extract.EventStatement || p == nil || !d.privatePerson(p) {
			continue
		}
		var words []*event // words of testimony the speaker is not named by
		for _, t := range evs {
			if t.typ == extract.EventTestimony && !t.dropped && !containsPerson(t.persons, p) {
				words = append(words, t)
			}
		}
		if len(words) == 0 && !d.toldOfCustody(p, evs) {
			continue
		}
		ev.typ = extract.EventTestimony
		for _, t := range words {
			t.dropped = true // "وقال X، الذي أدلى بشهادته ضد صالح": X's testimony
			for _, q := range t.persons {
				if !containsPerson(ev.persons, q) {
					ev.persons = append(ev.persons, q)
					ev.who = append(ev.who, extract.Participant{Name: q.name, Role: extract.RoleSubject})
				}
			}
		}
		for i, q := range ev.persons {
			if q == p {
				ev.who[i].Role = extract.RoleWitness
			}
		}
		ev.where = d.whereFor(extract.EventTestimony, ev.trig, s)
	}
}

// privatePerson reports a person who speaks for nobody: no official, no
// lawyer, judge or researcher; a survivor or a relative.
func (d *doc) privatePerson(p *person) bool {
	if p.official || p.rank != "" && !p.survivor {
		return false
	}
	for _, m := range p.ments {
		if d.fold(m.b) == "من" && m.b+1 < len(d.toks) && d.own[m.b+1] == ownOrg {
			return false // "معاذ مصطفى من قوة الطوارئ السورية" speaks for it
		}
		if d.fold(m.b) == "," && m.b+1 < len(d.toks) && d.rankAt(m.b+1) {
			return false // "ديالا العمري، الباحثة في المركز"
		}
	}
	return true
}

// toldOfCustody reports an event of custody (an arrest, a death, an
// execution, a disappearance) among evs that happened to someone other than
// speaker: the speaker recounts it.
func (d *doc) toldOfCustody(speaker *person, evs []*event) bool {
	for _, ev := range evs {
		if !custodyTold[ev.typ] {
			continue
		}
		for _, q := range ev.persons {
			if q != speaker {
				return true
			}
		}
	}
	return false
}

// custodyTold are the events a witness or a relative recounts: an arrest, a
// death, an execution, a disappearance. Torture alone is not enough: a
// relative who describes the marks on a body makes a statement.
var custodyTold = map[string]bool{
	extract.EventArrest: true, extract.EventDeathInCustody: true,
	extract.EventExecutionAllegation: true, extract.EventDisappearance: true,
}

// survivorsTestify turns what a survivor says of custody into testimony: a
// statement whose speaker the text introduces as one who was held ("محمد، أحد
// المعتقلين المفرج عنهم") or who gives testimony elsewhere in the text, in a
// sentence that speaks of custody; a survivor who welcomes a verdict makes a
// statement.
func (d *doc) survivorsTestify() {
	narrators := map[*person]bool{}
	for _, ev := range d.events {
		if ev.typ == extract.EventTestimony && len(ev.persons) > 0 && !ev.about {
			narrators[ev.persons[0]] = true
		}
		if ev.typ == extract.EventArrest {
			for _, p := range ev.persons {
				if p.victim {
					narrators[p] = true // "تستعيد الممرضة رشا تجربة اعتقالها": one who was held
				}
			}
		}
	}
	for _, ev := range d.events {
		if ev.typ != extract.EventStatement {
			continue
		}
		p := ev.speaker
		if p == nil {
			continue
		}
		// a survivor's remark on the verdict stays a statement
		testifies := (p.survivor || narrators[p]) && !d.remarkOnVerdict(ev) || d.victimsKin(ev, p) || d.tellsOfKin(ev, p)
		if testifies && d.speaksOfCustody(ev.sent) || d.saysSuffered(ev) || d.saysHeld(ev) {
			if d.saysSuffered(ev) {
				d.speakerSuffered(ev, p)
			}
			ev.typ = extract.EventTestimony
			narrators[p] = true // what they say of custody further on is testimony too
			ev.where = d.whereFor(extract.EventTestimony, ev.trig, ev.sent)
			for i, q := range ev.persons {
				ev.who[i].Role = extract.RoleWitness
				if q != p && d.toldAsPerpetrator(q) {
					ev.who[i].Role = extract.RoleSubject // "إن السجان X «ضربني»": X is told of
				} else if q != p && (q.victim || d.sufferedEvent(q)) {
					ev.who[i].Role = extract.RoleVictim // "وقالت والدته X": the son she tells of
				}
			}
		}
	}
}

// remarkOnVerdict reports a statement whose words, after "إن"/"أن" or a
// colon, speak of a court's work and of nothing done in custody: "وقال X،
// الناجي من فرع فلسطين، إن الحكم خطوة أولى نحو العدالة" is a survivor's
// public remark, not an account.
func (d *doc) remarkOnVerdict(ev *event) bool {
	s := ev.sent
	from := -1
	for k := ev.trig + 1; k < s.b; k++ {
		if f := d.fold(k); thatWords[f] || f == ":" {
			from = k + 1
			break
		}
	}
	if from < 0 {
		return false
	}
	proceeding := false
	for k := from; k < s.b; k++ {
		if d.own[k] == ownFacility {
			return false
		}
		if _, ok := d.has(k, custodyWords); ok {
			return false
		}
		if _, ok := d.has(k, proceedingWords); ok {
			proceeding = true
		}
	}
	if !proceeding {
		return false
	}
	for _, o := range d.events {
		if o.sent == s && o.trig >= from && custodyTold[o.typ] || o.sent == s && o.trig >= from && o.typ == extract.EventTortureAllegation {
			return false
		}
	}
	return true
}

// victimsKin reports a speaker the sentence introduces by kinship with a
// victim ("وقالت والدته X إن ابنها اعتُقل عام 2013"), who speaks as one of
// the family, not of a court's work: a relative who welcomes a verdict
// ("لقد جاء الحكم الذي كنت أنتظره") makes a statement. A lawyer introduced
// as "محاميه" is no relative.
func (d *doc) victimsKin(ev *event, p *person) bool {
	if !d.privatePerson(p) || p.advocate || p.court {
		return false
	}
	q := d.kinOfSpeaker(ev.trig, p, ev.sent)
	if q == nil || !q.victim && !d.sufferedEvent(q) {
		return false
	}
	for k := ev.trig + 1; k < ev.sent.b && k <= ev.trig+4; k++ {
		if _, ok := d.has(k, counselKin); ok {
			return false
		}
	}
	for k := ev.sent.a; k < ev.sent.b; k++ {
		if _, ok := d.has(k, proceedingWords); ok {
			return false
		}
	}
	return true
}

// sufferedEvent reports a person some event of custody has as its victim:
// "اعتقلت قوات الأمن الشاب X".
func (d *doc) sufferedEvent(q *person) bool {
	for _, ev := range d.events {
		if !custodyTold[ev.typ] {
			continue
		}
		for i, w := range ev.who {
			if i < len(ev.persons) && ev.persons[i] == q && w.Role == extract.RoleVictim {
				return true
			}
		}
	}
	return false
}

// tellsOfKin reports a private person whose words, after "إن"/"أن" or a
// quotation mark, open on a relative of theirs: "ويقول X، والد محمد وخالد،
// إن ابنيه اعتُقلا من بيتهما"، "وقال أخوه X: «أخي اعتقلوه عند
// الجسر»". With a sentence that speaks of custody (the caller's check) it
// is a relative's account of the victim: testimony. Words on the verdict
// stay a statement.
func (d *doc) tellsOfKin(ev *event, p *person) bool {
	if !d.privatePerson(p) || p.advocate || p.court || d.remarkOnVerdict(ev) {
		return false
	}
	s := ev.sent
	for k := ev.trig + 1; k+1 < s.b && k <= ev.trig+12; k++ {
		f := d.fold(k)
		if !thatWords[f] && f != "\"" && f != "«" && f != "“" && f != ":" {
			continue
		}
		j := k + 1
		if d.fold(j) == "\"" || d.fold(j) == "«" || d.fold(j) == "“" {
			j++
		}
		if _, ok := d.has(j, counselKin); ok {
			return false
		}
		_, kin := d.has(j, kinWords)
		_, kin2 := d.has(j, kinDuals)
		return kin || kin2
	}
	return false
}

// kinDuals are words of kinship in the dual with a pronoun: "ابنيه".
var kinDuals = map[string]bool{"ابنيه": true, "ابنيها": true, "ابناه": true, "ابناها": true, "شقيقيه": true, "شقيقيها": true, "شقيقاه": true, "شقيقاها": true}

// proceedingWords name a court's work (lexicon/proceeding_words.txt).
var proceedingWords = words("proceeding_words")

// counselKin are the words of kin_words that introduce a lawyer or a
// client, not a relative.
var counselKin = map[string]bool{"محاميه": true, "محاميها": true, "محاميهم": true, "موكله": true, "موكلته": true}

// accusedAccounts makes the account of one who confessed a confession: "وروى
// X تفاصيل وفاة Y في الفرع", told by the accused the text says confessed, is
// an admission, not a survivor's testimony. Its persons keep their order:
// the accused, its subject, then whom it tells of (a victim when the text
// makes them one).
func (d *doc) accusedAccounts() {
	confessed, victims := map[*person]bool{}, map[*person]bool{}
	for _, ev := range d.events {
		for i, p := range ev.persons {
			if ev.typ == extract.EventConfession && ev.modality != extract.Denied {
				confessed[p] = true
			}
			if ev.who[i].Role == extract.RoleVictim {
				victims[p] = true
			}
		}
	}
	for _, ev := range d.events {
		if ev.typ != extract.EventTestimony || len(ev.persons) == 0 {
			continue
		}
		if p := ev.persons[0]; !confessed[p] || p.victim || p.survivor {
			continue
		}
		ev.typ = extract.EventConfession
		for i, p := range ev.persons {
			ev.who[i].Role = extract.RoleSubject
			if i > 0 && victims[p] {
				ev.who[i].Role = extract.RoleVictim // whom it tells of: no suspect
			}
		}
	}
}

// saysSuffered reports a statement whose speaker says it was done to
// themselves: "وقال X إنه تعرض للتعذيب في فرع فلسطين", "وقالت إنها تعرضت
// للضرب". What a person tells of their own suffering is testimony; the
// suffering event of the sentence then has the speaker for its victim
// (sufferedSpeakers). "قال إنهم تعرضوا" (others) is not read here.
func (d *doc) saysSuffered(ev *event) bool {
	if ev.speaker != nil && !ev.speaker.advocate && !ev.speaker.court && d.firstPersonHarmAfter(ev.trig, ev.sent) >= 0 {
		return true // "وقال X إن السجان «ضربني بالكبل»"
	}
	for k := ev.trig + 1; k+1 < ev.sent.b && k <= ev.trig+8; k++ {
		if _, ok := d.has(k, selfThat); ok {
			_, suffered := d.has(k+1, selfSuffered)
			return suffered
		}
		if _, ok := d.has(k, thatWords); ok && d.fold(k) != "انهم" && (ev.speaker == nil || !ev.speaker.advocate) {
			// "قال X إن السجانين عذبوه": the object pronoun of the verb of harm is the
			// speaker (a lawyer's "him" is his client)
			for j := k + 1; j < ev.sent.b && j <= k+3; j++ {
				if _, harmed := d.has(j, selfObjectVerbs); harmed {
					return true
				}
				if d.personAt[j] != nil {
					break // "إن السجانين عذبوا X": someone else
				}
			}
		}
		if d.fold(k) == "عن" {
			// "كشف X عن تعرضه للتعذيب": the verbal noun with his own pronoun
			_, suffered := d.has(k+1, selfSufferedNouns)
			return suffered
		}
		if f := d.fold(k); f == "." || f == "،" || f == ":" {
			return false
		}
	}
	return false
}

// speakerSuffered makes the speaker of ev, who says it was done to them,
// the victim of the torture its sentence tells of after the verb of saying
// when that names nobody: "وقال X إنه تعرض للتعذيب"; and of a torture told
// in the first person ("«ضربني»") beside whom it names, who did it.
func (d *doc) speakerSuffered(ev *event, p *person) {
	for _, o := range d.events {
		if o.sent != ev.sent || o.typ != extract.EventTortureAllegation || o.trig <= ev.trig {
			continue
		}
		if len(o.persons) == 0 {
			o.persons = []*person{p}
			o.who = []extract.Participant{{Name: p.name, Role: extract.RoleVictim}}
			continue
		}
		if _, first := d.has(o.trig, firstPersonHarm); first {
			d.makeVictim(o, p)
		}
	}
}

// makeVictim makes p the victim of ev, added if not among its persons.
func (d *doc) makeVictim(ev *event, p *person) {
	for i, q := range ev.persons {
		if q == p {
			ev.who[i].Role = extract.RoleVictim
			return
		}
	}
	ev.persons = append(ev.persons, p)
	ev.who = append(ev.who, extract.Participant{Name: p.name, Role: extract.RoleVictim})
}

// firstPersonHarm are verbs of harm and their nouns with the pronoun of
// the first person for their object: "ضربني", "بضربي".
var firstPersonHarm = words("first_person_harm")

// firstPersonHarmAfter returns the first verb of harm in the first person
// after token v in sentence s, -1 when none.
// saysHeld reports a person's statement that tells, in the first person,
// of the speaker's own custody: "يقول X: «اقتادوني إلى فرع فلسطين
// ليلاً»". A lawyer or a judge tells of others.
func (d *doc) saysHeld(ev *event) bool {
	if ev.speaker == nil || ev.speaker.advocate || ev.speaker.court || ev.speaker.official {
		return false
	}
	for k := ev.trig + 1; k < ev.sent.b; k++ {
		if _, ok := d.has(k, firstPersonCustody); ok {
			return true
		}
	}
	return d.saysStayed(ev)
}

// saysStayed reports a statement in which the speaker says of themselves
// that they stayed somewhere in custody: "وذكر X أنه بقي سبعة أشهر داخل
// الزنزانة".
func (d *doc) saysStayed(ev *event) bool {
	s := ev.sent
	for k := ev.trig + 1; k < s.b && k <= ev.trig+12; k++ {
		if _, ok := d.has(k, selfThat); !ok {
			continue
		}
		if _, ok := d.has(k+1, stayVerbs); !ok {
			return false
		}
		for j := k + 2; j < s.b && j <= k+16; j++ {
			if _, ok := d.has(j, custodyWords); ok || d.own[j] == ownFacility {
				return true
			}
		}
		return false
	}
	return false
}

// stayVerbs are verbs of staying (lexicon/suffered_words.txt).
var stayVerbs = words("stay_verbs")

// firstPersonCustody are verbs of custody with a first-person object
// (lexicon/suffered_words.txt).
var firstPersonCustody = words("first_person_custody")

func (d *doc) firstPersonHarmAfter(v int, s sentence) int {
	for k := v + 1; k < s.b; k++ {
		if _, ok := d.has(k, firstPersonHarm); ok {
			return k
		}
	}
	return -1
}

// testifiedHarm makes the narrator of a testimony the victim of a torture
// its sentence tells in the first person: "شهادة المعتقلة السابقة X، التي
// روت أن زريق «أمر السجان بضربي»".
func (d *doc) testifiedHarm(evs []*event) {
	for _, t := range evs {
		if t.typ != extract.EventTestimony || t.dropped || len(t.persons) == 0 {
			continue
		}
		p := t.persons[0]
		if p.court || p.advocate || p.official {
			continue
		}
		for _, o := range evs {
			if o.typ != extract.EventTortureAllegation {
				continue
			}
			if _, first := d.has(o.trig, firstPersonHarm); first && o.trig > t.trig {
				d.makeVictim(o, p)
			}
		}
		for i, q := range t.persons {
			if i > 0 && d.toldAsPerpetrator(q) {
				t.who[i].Role = extract.RoleSubject // the accused the narrator tells of
			}
		}
	}
}

// selfThat open what a speaker says of themselves: "إنه", "أنها";
// selfSuffered say it was done to them: "تعرض".
var selfThat, selfSuffered = words("self_that"), words("self_suffered")

// selfObjectVerbs are verbs of harm whose object pronoun, after "إن", is the
// speaker: "عذبوه".
var selfObjectVerbs = words("self_object_verbs")

// selfSufferedNouns say, after عن, that it was done to the speaker: "تعرضه".
var selfSufferedNouns = words("self_suffered_nouns")

// narratorAt reports a person mention right after a verb of telling.
func (d *doc) narratorAt(k int, s sentence) bool {
	for j := k - 1; j >= s.a && j >= k-3; j-- {
		if _, ok := d.has(j, tellVerbs); ok {
			return true
		}
		if d.own[j] != ownRank {
			return false
		}
	}
	return false
}

var tellVerbs = words("tell_verbs")

// possessives may stand between a word of testimony and its narrator:
// "أدلى بشهادته الناجي X".
var possessives = words("possessives")

// speakerAt reports a person mention at k that speaks in the sentence: a
// speech verb just before it (within the rank and title words) or just
// after it.
func (d *doc) speakerAt(k int, s sentence) bool {
	for j := k - 1; j >= s.a && j >= k-14; j-- {
		if _, ok := d.has(j, reportVerbs); ok {
			return true // "وقال مدير الأمن العام في ريف دمشق، المقدم X"
		}
		if d.citedPerson(j, s) {
			return true // "بحسب فادي، فإن المعتقلين كانوا يُضربون": cited, not beaten
		}
		if d.toks[j].word && d.own[j] != ownRank && d.own[j] != ownOrg && d.own[j] != ownPlace && d.own[j] != ownFacility && !speakerLinks[d.fold(j)] {
			break
		}
	}
	return false
}

// reportVerbs introduce what someone says for a body or about others; a
// person after one speaks rather than takes part.
var reportVerbs = words("report_verbs")

// statementAt records what a person or a body says at the verb of saying at
// token v: "وقال العقيد X إن …", "X قال", "نفى X", "وأفادت وزارة الداخلية في
// بيان …". Its participants are the speaker, when a person, and the persons
// the statement is about. A body announcing an event ("أعلنت الوزارة القبض
// على X") makes a statement about the persons of that event, as the
// annotations count an official announcement; one about nobody named is
// dropped (bodyOnly).
func (d *doc) statementAt(v int, s sentence) {
	p := d.speakerAfter(v, s)
	if p == nil && v-1 >= s.a && d.personAt[v-1] != nil {
		p = d.personAt[v-1]
	}
	if p == nil {
		p = d.fronted(v, s)
	}
	if p == nil && v+1 < s.b {
		p = d.describedAt(v+1, s) // "وأنكر المتهم جميع التهم": the accused the text has named
	}
	if p == nil {
		if _, personal := d.has(v, personSpeechVerbs); personal {
			return // "تحدث التقرير عن ...": a report speaks of it, nobody says it
		}
		if !d.bodySpeaks(v, s) {
			return
		}
	}
	reported := p != nil || d.inReport(s)
	ev := &event{typ: extract.EventStatement, sent: s, trig: v, modality: extract.Asserted, speaker: p}
	var ps []*person
	if p != nil {
		ps = append(ps, p)
		if q := d.kinOfSpeaker(v, p, s); q != nil {
			ps = append(ps, q) // "وقالت ابنته لينا": the statement is about her father too
		}
	}
	for _, q := range ps {
		ev.persons = append(ev.persons, q)
		ev.who = append(ev.who, extract.Participant{Name: q.name, Role: extract.RoleSubject})
	}
	ev.where = d.whereFor(extract.EventStatement, v, s)
	ev.bodyOnly = !reported // kept only if it turns out to be about someone
	d.events = append(d.events, ev)
}

// fronted returns the person a sentence opens with when the verb of saying
// at v follows their apposition after a comma: "X، ابن دوما الذي اعتُقل عام
// 2012، يؤكد أنه …". Nil when the sentence opens otherwise or a verb of
// saying stands between.
func (d *doc) fronted(v int, s sentence) *person {
	a := s.a
	if a < s.b && d.fold(a) == "و" {
		a++
	}
	p := d.personAt[a]
	if p == nil {
		return d.coordinatedSpeaker(v, s)
	}
	if v-1 <= a || d.fold(v-1) != "," || p.official {
		return nil
	}
	end := a
	for end < v && d.personAt[end] == p {
		end++
	}
	if d.fold(end) != "," || v-1-end < 3 {
		return nil // "X، قال": no apposition between
	}
	for k := a + 1; k < v; k++ {
		if _, ok := d.has(k, speechVerbs); ok {
			return nil
		}
		if d.fold(k) == "." || d.fold(k) == ":" {
			return nil
		}
	}
	return p
}

// coordinatedSpeaker returns the subject of a sentence's first verb when
// the verb of saying at v is joined to it after a comma: "ومثل X أمام
// المحكمة، ونفى جميع التهم", "وكانت المدعية العامة X قد طالبت …، وقالت …".
// The subject stands right after the verb, past a rank, and nobody else is
// named before the verb of saying.
func (d *doc) coordinatedSpeaker(v int, s sentence) *person {
	if v-1 <= s.a || d.fold(v-1) != "," || !strings.HasPrefix(d.toks[v].fold, "و") {
		return nil
	}
	var p *person
	for k := s.a; k < v; k++ {
		q := d.personAt[k]
		if q == nil {
			if p == nil && k > s.a && d.own[k] != ownRank {
				return nil // "واعتقلت الشرطة X …، وقالت": X is the object
			}
			if d.fold(k) == "." || d.fold(k) == ":" {
				return nil
			}
			continue
		}
		if p != nil && q != p {
			return nil
		}
		p = q
	}
	if p == nil || p.official {
		return nil
	}
	return p
}

// personSpeechVerbs are verbs of speaking that only a person speaks with.
var personSpeechVerbs = words("person_speech_verbs")

// inReport reports a sentence that gives a body's report: "في تقرير".
func (d *doc) inReport(s sentence) bool {
	for k := s.a; k < s.b; k++ {
		if _, ok := d.has(k, reportWords); ok {
			return true
		}
	}
	return false
}

// reportWords name a report a body publishes.
var reportWords = words("report_words")

// speakerAfter returns the person named as the subject after a verb of
// saying: past ranks, titles, a body's name and words that link a speaker
// ("باسم", "محامي").
func (d *doc) speakerAfter(v int, s sentence) *person {
	office := false // "قال مدير الشؤون المدنية في حماة، المهندس X": the post's words run to the comma
	for k := v + 1; k < s.b && k <= v+14; k++ {
		if _, ok := d.has(k, officeHeads); ok && d.personAt[k] == nil && k <= v+2 {
			office = true
			continue
		}
		if office && d.toks[k].word && d.personAt[k] == nil {
			continue
		}
		if office && d.fold(k) == "," {
			office = false
			if d.definite(k+1) && !d.rankAt(k+1) && d.personAt[k+1] == nil && d.personAt[k+2] != nil {
				k++ // "، الحقوقي X": the title the name follows
				continue
			}
			if d.rankAt(k+1) || d.personAt[k+1] != nil {
				continue // "، المهندس X"
			}
			return nil
		}
		if f := d.fold(k); (f == "ذو" || f == "ذات") && d.fold(k+1) == "الاسم" {
			k++ // "وذكر ذو الاسم المستعار «أبو تميم»": the one of the pseudonym
			if d.fold(k+1) == "المستعار" {
				k++
			}
			continue
		}
		if k == v+1 && d.personAt[k] == nil && d.definite(k) && d.personAt[k+1] != nil && d.own[k] == ownNone {
			continue // "وقال الحقوقي X", "وقالت الناشطة X": a title right before the name
		}
		if q := d.personAt[k]; q != nil {
			if d.governed(k) {
				// "نفى محامي العميد حمدان، المحامي زياد الموصلي": the client is
				// named first, the speaker in the apposition
				for k < s.b && d.personAt[k] == q {
					k++
				}
				if d.fold(k) == "," {
					continue
				}
				return nil
			}
			return q
		}
		if d.toks[k].word && d.own[k] != ownRank && d.own[k] != ownOrg && d.own[k] != ownPlace && d.own[k] != ownFacility && d.own[k] != ownDate && !postRank[d.fold(k)] && !speakerLinks[d.fold(k)] && !(k > v+1 && d.own[k-1] == ownRank && strings.HasPrefix(d.fold(k), "ال")) && !d.kinLink(k) {
			return nil
		}
		if f := d.fold(k); f == ":" || f == "," && k > v+1 && !d.rankAt(k+1) && !oneOfThem[d.fold(k-1)] {
			return nil // but "، المقدم X": the speaker in an apposition; "قال أحدهم، X"
		}
	}
	return nil
}

// oneOfThem are the words for one of a group named before, that a name in
// apposition follows: "وقال أحدهم، X، إن …".
var oneOfThem = map[string]bool{"احدهم": true, "احداهن": true, "احدهما": true, "احداهما": true, "واحد": true}

// rankAt reports a rank or title at token k.
func (d *doc) rankAt(k int) bool {
	if k >= len(d.toks) {
		return false
	}
	if d.own[k] == ownRank {
		return true
	}
	n, _ := d.phraseAt(k, ranks)
	return n > 0
}

// bodySpeaks reports a body as the subject of the verb of saying at v:
// "وأفادت وزارة الداخلية", "قالت الوزارة".
func (d *doc) bodySpeaks(v int, s sentence) bool {
	for k := v + 1; k < s.b && k <= v+3; k++ {
		if d.own[k] == ownOrg {
			return true
		}
		if f := d.fold(k); f != "," && !speakerLinks[f] {
			_, ok := d.has(k, speakingBodies)
			return ok
		}
	}
	return false
}

// speakingBodies are nouns that stand for a body named before: "قالت
// الوزارة", "وذكر البيان".
var speakingBodies = words("speaking_bodies")

// statementsAbout adds to the statements of sentence s the persons they are
// about: those the sentence's other events are about, those named as a dead
// body ("لجثة مازن"), and those a description stands for ("إن الطبيب …",
// "زوجة المتهم"); not the speaker, officials, relatives named by their kin
// ("شقيق مازن"), or, in a body's statement about someone accused, the
// victims of those events.
func (d *doc) statementsAbout(s sentence, evs []*event) {
	var about, victims []*person
	for _, ev := range evs {
		if ev.typ != extract.EventStatement {
			for i, p := range ev.persons {
				about = appendPerson(about, p)
				if ev.who[i].Role == extract.RoleVictim {
					victims = appendPerson(victims, p)
				}
			}
		}
	}
	for k := s.a; k < s.b; k++ {
		if p := d.personAt[k]; p != nil && (d.bodyOf(k) || d.againstAt(k)) {
			about = appendPerson(about, p)
		} else if q := d.describedAt(k, s); q != nil {
			about = appendPerson(about, q)
		}
	}
	for _, ev := range evs {
		if ev.typ != extract.EventStatement {
			continue
		}
		for _, p := range about {
			if ev.speaker == nil && containsPerson(victims, p) && len(victims) < len(about) {
				continue // "وقالت المحكمة إن X عذب معتقلين، بينهم Y الذي توفي": the court's word is about X
			}
			if !containsPerson(ev.persons, p) && !p.official {
				ev.persons = append(ev.persons, p)
				ev.who = append(ev.who, extract.Participant{Name: p.name, Role: extract.RoleSubject})
			}
		}
	}
}

// againstAt reports a person at k named as the one a case is brought
// against: "الدعوى المنظورة ضد المتهم X". What a prosecutor or a court says
// of the case is about them.
func (d *doc) againstAt(k int) bool {
	if k > 0 && d.personAt[k-1] == d.personAt[k] {
		return false // not the name's first word
	}
	j := k - 1
	for j >= 0 && d.own[j] == ownRank {
		j--
	}
	return j >= 0 && d.fold(j) == "ضد"
}

// bodyOf reports a person at k named as the complement of a word for a dead
// body ("لجثة مازن"): the statement is about them.
func (d *doc) bodyOf(k int) bool {
	_, ok := d.has(k-1, bodyWords)
	return ok
}

// bodyWords are words for a dead body.
var bodyWords = words("body_words")

// describedAt returns the person a definite description at token k stands
// for ("الطبيب", "المتهم"), when no name follows it; nil otherwise.
func (d *doc) describedAt(k int, s sentence) *person {
	t := &d.toks[k]
	if !t.word || d.own[k] != ownNone {
		return nil
	}
	var desc string
	for _, v := range d.variantsOf(k) {
		if r, ok := descriptionNouns[v.s]; ok && strings.HasPrefix(v.s, "ال") {
			desc = r
		}
	}
	if desc == "" || k+1 < s.b && d.personAt[k+1] != nil {
		return nil
	}
	return d.resolve(argument{unnamed: true, desc: desc, at: k + 1}, extract.EventStatement)
}

// officeHeads are nouns of a post that a speaker's title opens with after
// the verb ("قال مدير الشؤون المدنية في حماة، المهندس X"، "وقال مديره
// التنفيذي، الحقوقي X"): the post's words run to the comma, the name after.
var officeHeads = words("office_heads")

// speakerLinks may stand between a speech verb and the speaker.
var speakerLinks = words("speaker_links")

// speaksOfCustody reports a sentence that names a facility or a word of
// custody ("الزنزانة", "التعذيب", "المعتقل") or reports a custody event.
func (d *doc) speaksOfCustody(s sentence) bool {
	for k := s.a; k < s.b; k++ {
		if d.own[k] == ownFacility {
			return true
		}
		if _, ok := d.has(k, custodyWords); ok && d.own[k] == ownNone {
			return true
		}
	}
	for _, ev := range d.events {
		if ev.sent == s && custodyTold[ev.typ] {
			return true
		}
	}
	return false
}

// kinLink reports a word of kinship with a pronoun at k before a name:
// "وقالت ابنته لينا النجار".
func (d *doc) kinLink(k int) bool {
	if k+1 >= len(d.toks) || d.personAt[k+1] == nil && d.fold(k+1) != "," {
		return false
	}
	_, ok := d.has(k, kinWords)
	return ok
}

// kinOfSpeaker returns the person a speaker introduced by kinship is kin of:
// "وقال شقيقه نادر" speaks of the one "ه" points to, named before in the
// sentence or the person the text is talking about.
func (d *doc) kinOfSpeaker(v int, p *person, s sentence) *person {
	for k := v + 1; k < s.b && k <= v+4 && d.personAt[k] != p; k++ {
		if !d.kinLink(k) {
			continue
		}
		if ps := d.antecedentsIn(v, s, 1); len(ps) == 1 && ps[0] != p {
			return ps[0]
		}
		if t := d.disc.topic; t != nil && t != p && !t.official {
			return t
		}
		return nil
	}
	return nil
}

// speechParticiples say, after a clause, that its subject speaks.
var speechParticiples = words("speech_participles")

// participleOfSaying reports a participle of saying at i that closes a
// clause after a comma ("، مشيراً إلى أن") or opens a quotation ("قائلاً:"),
// not one that describes a noun ("معلومات مؤكدة").
func (d *doc) participleOfSaying(i int) bool {
	if _, ok := d.has(i, speechParticiples); !ok {
		return false
	}
	return d.fold(i-1) == "," || d.fold(i+1) == ":"
}

// participleStatement records what the subject of a clause says with a
// participle of saying after it: "عاد X إلى زنزانته في الفرع، متحدثاً عن
// اليأس", "وروى X تجربته قائلاً: …". The speaker is the one person the
// sentence names before the participle, and not as the object of a
// preposition or the complement of a noun; with none or several, or a body
// named before that may be the subject ("أعلنت الغرفة القبض على X، مشيرة
// إلى …"), nobody is sure to speak. A sentence whose verb of saying has
// already given a statement (events from first on) needs no other.
func (d *doc) participleStatement(v int, s sentence, first int) {
	for _, ev := range d.events[first:] {
		if ev.typ == extract.EventStatement {
			return
		}
	}
	var p *person
	for k := s.a; k < v; k++ {
		if d.own[k] == ownOrg && !d.prepositionAt(k) {
			return
		}
		q := d.personAt[k]
		if q == nil || k > s.a && d.personAt[k-1] == q {
			continue
		}
		if d.governed(k) || d.prepositionAt(k) {
			continue // "بعد سقوط X", "القبض على X": not the subject
		}
		if p != nil && q != p {
			return
		}
		p = q
	}
	if p == nil {
		return
	}
	ev := &event{typ: extract.EventStatement, sent: s, trig: v, modality: extract.Asserted, speaker: p,
		persons: []*person{p}, who: []extract.Participant{{Name: p.name, Role: extract.RoleSubject}}}
	d.events = append(d.events, ev)
}

// prepositionAt reports a name at k that a preposition governs: on its
// first word ("لسامر"، "بالوزارة") or just before it, past a rank.
func (d *doc) prepositionAt(k int) bool {
	if k > 0 && (d.personAt[k-1] != nil && d.personAt[k-1] == d.personAt[k] || d.entAt[k-1] != nil && d.entAt[k-1] == d.entAt[k]) {
		return d.prepositionAt(k - 1) // inside the name: as its first word
	}
	var ments []span
	if p := d.personAt[k]; p != nil {
		ments = p.ments
	} else if e := d.entAt[k]; e != nil {
		ments = e.ments
	}
	for _, m := range ments {
		if m.a == k && m.pre > 0 && (strings.HasPrefix(d.toks[k].fold, "ل") || strings.HasPrefix(d.toks[k].fold, "ب")) {
			return true
		}
	}
	j := k - 1
	for j >= 0 && d.own[j] == ownRank {
		j--
	}
	return prepositionWords[d.fold(j)]
}

// prepositionWords govern the name after them.
var prepositionWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range []string{"من", "على", "عن", "إلى", "الى", "مع", "ضد", "بحق", "يد", "لدى", "عند", "في"} {
		m[foldText(w)] = true
	}
	return m
}()
