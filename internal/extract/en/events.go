package en

import (
	"strings"

	"github.com/athar-project/athar/internal/extract"
)

// event is an event being built.
type event struct {
	typ      string
	who      []extract.Participant
	agents   []string
	where    string
	date     *extract.DateRef
	modality string
	count    int
	sent     sentence
	trig     int
	about    bool // a statement or account, which fillStatements gives the persons it is about
	// bodyNamed is set on a statement a named organization makes ("The
	// Syrian Network for Human Rights said ..."): kept though it names nobody
	bodyNamed bool
	// sceneWhere is set when the place is not named in the event's sentence
	// but is where the story is set (extract.Setting)
	sceneWhere bool
	// kinAccount is set on a victim's relative's account (relativeAccount):
	// the relative was not held, so it takes no place from the story's scene
	kinAccount bool
	// forBody is set on a statement whose speaker the sentence describes by
	// a post in an organization: the body's word, not a survivor's account
	forBody bool
}

// findEvents reads the events of the text, in steps:
//
//  1. readSentences: each trigger word (lexicon/events.txt) that reports an
//     event (skipTrigger, triggers.go) becomes an event with its
//     participants (participants.go), place (where.go), date (when.go) and
//     modality (modality.go); each speech verb with a speaker becomes a
//     statement (statements.go);
//  2. leadIns: an event whose sentence describes someone unnamed takes the
//     person the next sentence names (coref.go);
//     fillArrestedGroup: events about "those arrested" take the group a
//     later sentence names (groups.go);
//  3. fillFromDefendant: an event about "the suspect" or a trial that names
//     nobody takes the person the article is about;
//  4. fillStatements: a statement takes the persons its sentence's other
//     events concern (statements.go); describedGroups: one that names
//     nobody takes the group it points back to ("both suspects"), an
//     account noun the persons its content clause names; absorbLeads: an event that names
//     nobody lends its place and date to the same kind of event with names
//     in the next sentences (merge.go);
//  5. dropUnnamed: an event that still names nobody is dropped (a fact about
//     nobody in particular: background, generalities);
//     dropToldTwice: a person's words read as testimony are not also a
//     statement;
//  6. dropHeadlineEvents, mergeEvents: one event per fact
//     (merge.go); arrestPlacesNearby: an arrest with no place takes the
//     place a sentence close by gives "the arrest" or "the operation"
//     (where.go).
func (d *doc) findEvents() {
	d.readSentences()
	d.leadIns()
	d.fillArrestedGroup()
	d.nicknameParticipants()
	d.fillFromDefendant()
	d.defendantsWords()
	d.fillStatements()
	d.describedGroups()
	d.pastCustodyOfSpeakers()
	d.fillContent()
	d.placeTestimonies()
	d.absorbLeads()
	d.dropCredited()
	d.dropUnnamed()
	d.dropToldTwice()
	d.untiedScenes()
	d.dropHeadlineEvents()
	d.mergeEvents()
	d.arrestPlacesNearby()
	d.courtSeats()
	d.unifyPlaces()
}

// readSentences reads each sentence for triggers and speech verbs.
func (d *doc) readSentences() {
	for si := range d.sents {
		s := d.sents[si]
		for i := s.a; i < s.b; i++ {
			t := d.toks[i]
			if !t.Word {
				continue
			}
			if t.Fold == "said" || speechVerbs[t.Fold] {
				d.statementAt(i, s)
			} else if d.decreeAt(i) {
				n := len(d.events)
				d.statementAt(i, s)
				if len(d.events) > n {
					d.events[n].about = false // a decree for all, not about the persons its sentence names
				}
			}
			if t.Fold == "according" && d.fold(i+1) == "to" {
				d.accountAccordingTo(i, s)
			}
			cands := triggers.At(d.toks, i)
			if len(cands) == 0 {
				continue
			}
			n := len(cands[0].Words)
			for _, tr := range cands {
				if m := len(tr.Words); !d.skipTrigger(tr, i, i+m, s) {
					d.eventAt(tr, i, i+m, s)
					n = m
					break
				}
			}
			i += n - 1
		}
	}
}

// decreeAt reports a verb of issuing a decree at token i: "President X
// issued a decree granting amnesty", "the minister signed decrees". A
// decree is an official statement of the one who issues it.
func (d *doc) decreeAt(i int) bool {
	switch d.toks[i].Fold {
	case "issued", "signed", "issues", "signs", "issuing", "signing":
	default:
		return false
	}
	k := i + 1
	if f := d.fold(k); f == "a" || f == "the" || f == "two" || f == "new" {
		k++
	}
	if f := d.fold(k); f == "legislative" || f == "presidential" || f == "new" {
		k++
	}
	return d.fold(k) == "decree" || d.fold(k) == "decrees"
}

// placeTestimonies gives an account told with a speech verb ("he says",
// "al-Hourani said") the facility its sentence names, or the one where the
// story is set: a witness's account is of the place where they were held.
func (d *doc) placeTestimonies() {
	for _, ev := range d.events {
		if ev.typ == extract.EventTestimony && ev.about && ev.where == "" {
			ev.where, ev.sceneWhere = d.whereFor(ev.typ, ev.trig, ev.sent, false)
			if ev.kinAccount && ev.sceneWhere {
				ev.where, ev.sceneWhere = "", false // a mother who tells of her son's arrest was not in the prison
			}
		}
	}
}

// nicknameParticipants gives an event that names nobody the person whose
// nickname its sentence gives: "announced the capture of the “Azrael of
// Sednaya,” accused of torturing prisoners", where a later sentence says
// whose nickname it is ("He earned the nickname “Azrael of Sednaya”"). The
// text names him by the nickname before it names him.
func (d *doc) nicknameParticipants() {
	owner := map[string]*person{}
	for _, e := range d.epithets {
		if e.person != nil {
			owner[d.foldSpan(e.sp)] = e.person
		}
	}
	if len(owner) == 0 {
		return
	}
	for _, ev := range d.events {
		if len(ev.who) > 0 || !personTypes[ev.typ] || ev.typ == extract.EventDeathInCustody || ev.typ == extract.EventDisappearance || ev.typ == extract.EventRelease || ev.about {
			continue
		}
		var p *person
		words := " " + d.foldSpan(span{ev.sent.a, ev.sent.b}) + " "
		for f, q := range owner {
			if strings.Count(f, " ") >= 1 && strings.Contains(words, " "+f+" ") && !q.official && !d.namedIn(q, ev.sent) {
				if p != nil && p != q {
					p = nil // two nicknames of two persons: whose event, the sentence does not say
					break
				}
				p = q
			}
		}
		if p == nil {
			continue
		}
		role := extract.RoleSubject
		if ev.typ == extract.EventTortureAllegation || ev.typ == extract.EventExecutionAllegation {
			if beVerbs[d.fold(ev.trig-1)] {
				continue // "the “X” was tortured": he suffered, or was named as one who did; the text does not say
			}
			role = extract.RolePerpetrator
		}
		ev.who = append(ev.who, extract.Participant{Name: p.name, Role: role})
	}
}

// namedIn reports a mention of p by name in sentence s.
func (d *doc) namedIn(p *person, s sentence) bool {
	for _, m := range p.ments {
		if m.a >= s.a && m.b <= s.b && d.own[m.a] == ownPerson {
			return true
		}
	}
	return false
}

// fillFromDefendant gives an event that names nobody the person the
// article is about (defendant) when its sentence points to them by a
// description ("The suspect also harassed prisoners", "the former officer
// had been arrested") or is about a trial or conviction.
func (d *doc) fillFromDefendant() {
	d.mainDone = false // the events are all read now
	p := d.defendant()
	if p == nil {
		return
	}
	for _, ev := range d.events {
		if len(ev.who) > 0 || !personTypes[ev.typ] || ev.typ == extract.EventDeathInCustody || ev.typ == extract.EventDisappearance {
			continue
		}
		lead := d.sentOf[ev.trig] <= 3 && d.describesOne(ev)         // "announced the arrest of a former officer" in the lead
		lead = lead || courtEvents[ev.typ] && d.sentOf[ev.trig] <= 2 // "A landmark trial has begun in Stockholm"
		if !d.describedIn(ev.sent) && !lead {
			continue
		}
		if courtEvents[ev.typ] && !d.accusedSomewhere(p) {
			continue // the person the article is about was arrested as a detainee, not tried
		}
		if d.relativeIn(ev.sent) {
			continue // "a relative of X ... was arrested": not X
		}
		if !lead && d.newPersonIn(ev.sent) {
			continue // "the trial ... ended with a life sentence for a former colonel": someone else
		}
		role := extract.RoleSubject
		if ev.typ == extract.EventTortureAllegation || ev.typ == extract.EventExecutionAllegation {
			role = extract.RolePerpetrator
		}
		ev.who = append(ev.who, extract.Participant{Name: p.name, Role: role})
	}
}

// defendantsWords makes an account the accused gives ("Rafiq S. had told
// the court he was a radio operator", "he denied ever hitting a prisoner
// and told the court ...") a statement: testimony is what survivors and
// witnesses tell, and the accused's words are his statement (or, when he
// admits, a confession, which the triggers read apart).
func (d *doc) defendantsWords() {
	for _, ev := range d.events {
		if ev.typ != extract.EventTestimony {
			continue
		}
		var ps []*person
		for _, w := range ev.who {
			if w.Role == extract.RoleWitness {
				ps = append(ps, d.personNamed(w.Name))
			}
		}
		if f := d.toks[ev.trig].Fold; len(ev.who) == 0 && f != "testimony" && f != "testimonies" {
			for k := ev.trig - 1; k >= ev.sent.a; k-- {
				if f := d.toks[k].Fold; f == "he" || f == "she" {
					if p := d.resolvePronoun(k); p != nil {
						ps = append(ps, p)
					}
					break
				}
			}
		}
		if len(ps) == 0 {
			continue
		}
		accused := true
		for _, p := range ps {
			if p == nil || p.victim || !d.accusedSomewhere(p) {
				accused = false
			}
		}
		if !accused {
			continue
		}
		ev.typ = extract.EventStatement
		ev.where, ev.sceneWhere = "", false
		ev.who = ev.who[:0]
		for _, p := range ps {
			ev.who = append(ev.who, extract.Participant{Name: p.name, Role: extract.RoleSubject})
		}
	}
}

// accusedSomewhere reports a person the text accuses ("X, accused of
// ...") or makes the subject of a charge, trial, sentence or referral.
func (d *doc) accusedSomewhere(p *person) bool {
	for _, m := range p.ments {
		if d.accused(m) {
			return true
		}
	}
	for _, ev := range d.events {
		if ev.typ != extract.EventCharge && ev.typ != extract.EventReferral && !courtEvents[ev.typ] {
			continue
		}
		for _, w := range ev.who {
			if w.Name == p.name && w.Role == extract.RoleSubject {
				return true
			}
		}
	}
	return false
}

// newPersonIn reports an indefinite description of one person in the
// sentence, not in apposition to a name ("a life sentence for a former
// colonel"): an indefinite noun phrase brings in someone new, whom an
// event of that sentence concerns rather than the person already known.
func (d *doc) newPersonIn(s sentence) bool {
	for k := s.a; k+1 < s.b; k++ {
		if f := d.toks[k].Fold; f != "a" && f != "an" || d.fold(k-1) == "," {
			continue
		}
		for j := k + 1; j < s.b && j < k+6; j++ {
			g := d.toks[j].Fold
			if oneOf[g] || roleNouns[g] && !strings.HasSuffix(g, "s") && !victimNouns[g] {
				return true
			}
			if !d.toks[j].Word || !(preRole[g] || roleAdjectives[g] || g == "-" || d.toks[j].Digits) {
				break
			}
		}
	}
	return false
}

// relativeIn reports an indefinite description of someone by their tie
// to another ("a relative of Saqr", "a cousin of the suspect").
func (d *doc) relativeIn(s sentence) bool {
	for k := s.a; k+2 < s.b; k++ {
		if f := d.toks[k].Fold; f != "a" && f != "an" {
			continue
		}
		j := k + 1
		for j < s.b && roleAdjectives[d.toks[j].Fold] {
			j++
		}
		if g := d.fold(j); (kinNouns[g] || g == "relative") && d.fold(j+1) == "of" {
			return true
		}
	}
	return false
}

// describedIn reports a definite description of a person ("the suspect",
// "the former officer") in the sentence.
func (d *doc) describedIn(s sentence) bool {
	for k := s.a; k < s.b; k++ {
		if f := d.toks[k].Fold; (f == "the" || f == "this") && d.descriptionAfter(k) > 0 {
			return true
		}
	}
	return false
}

// dropCredited takes out of every event the persons the text names only
// in a byline or credit line ("By X", "Reporting by X"): the writer of
// the article took part in nothing it tells, however a description ("the
// man") or a pronoun was resolved.
func (d *doc) dropCredited() {
	credited := map[string]bool{}
	for _, p := range d.persons {
		only := len(p.ments) > 0
		for _, m := range p.ments {
			if !d.byline(m.a) {
				only = false
			}
		}
		if only {
			credited[p.name] = true
		}
	}
	if len(credited) == 0 {
		return
	}
	for _, ev := range d.events {
		keep := ev.who[:0]
		for _, w := range ev.who {
			if !credited[w.Name] {
				keep = append(keep, w)
			}
		}
		ev.who = keep
	}
}

// dropUnnamed drops the events that name nobody, unless their sentence
// describes one person it does not name ("arrested a former officer").
// Real articles are full of background ("rights groups documented torture
// in the prisons"), and an event of nobody in particular is not a fact a
// case can hold.
func (d *doc) dropUnnamed() {
	keep := d.events[:0]
	for _, ev := range d.events {
		if len(ev.who) > 0 || ev.bodyNamed || d.describesOne(ev) || ev.where != "" && !ev.sceneWhere && d.specificPlace(ev) || d.firstHand(ev) || d.kinSubject(ev) {
			keep = append(keep, ev)
		}
	}
	d.events = keep
}

// pastCustodyOfSpeakers drops the custody a speaker's relative clause
// tells of: "X, who said he was held in the branch for months, said
// he knew Y", "X, who was detained in Sednaya, told
// reporters ...". The clause says who the speaker is, a survivor whose
// account follows; it reports no arrest of its own. An arrest it places in
// a town or at a checkpoint, not a facility, is told as an event and stays.
func (d *doc) pastCustodyOfSpeakers() {
	for _, st := range d.events {
		if !st.about || st.typ != extract.EventStatement && st.typ != extract.EventTestimony || len(st.who) == 0 {
			continue
		}
		speaker := st.who[0].Name
		for _, m := range d.sentencePersons(st.sent) {
			if m.person.name != speaker || m.sp.b >= st.trig || d.fold(m.sp.b) != "," || d.fold(m.sp.b+1) != "who" {
				continue
			}
			for _, ev := range d.events {
				if ev.sent != st.sent || ev.trig <= m.sp.b || ev.trig >= st.trig || ev.typ != extract.EventArrest && ev.typ != extract.EventDetention {
					continue
				}
				if len(ev.who) == 1 && ev.who[0].Name == speaker && (ev.where == "" || d.facilityNamed(ev.where)) {
					ev.who = nil // no named arrest: dropUnnamed takes it out
					ev.where = ""
				}
			}
		}
	}
}

// facilityNamed reports a facility the text names so.
func (d *doc) facilityNamed(name string) bool {
	for _, e := range d.ents {
		if e.typ == ownFacility && e.name == name {
			return true
		}
	}
	return false
}

// kinSubject reports an event whose subject is someone's relative the
// text does not name ("her brother died in the branch in 2013", "his son
// was detained"): one particular person, so a fact of the account.
func (d *doc) kinSubject(ev *event) bool {
	for k := ev.trig - 1; k >= ev.sent.a && k >= ev.trig-4; k-- {
		if kinNouns[d.toks[k].Fold] && !d.toks[k].Cap {
			j := k - 1
			for j > ev.sent.a && d.toks[j].Word && !d.toks[j].Cap && !possessivePronouns[d.fold(j)] && j >= k-2 {
				j--
			}
			return possessivePronouns[d.fold(j)]
		}
		if f := d.toks[k].Fold; f == "," || f == "that" || clauseBreakers[f] {
			return false
		}
	}
	return false
}

// firstHand reports an event of an account told in the first person ("He
// beat the men in our cell", "I was held in Sednaya"): the narrator was
// there, so it is a specific fact of their account even though the text
// does not name them. Only the kinds of event a witness recounts qualify.
func (d *doc) firstHand(ev *event) bool {
	switch ev.typ {
	case extract.EventTortureAllegation, extract.EventExecutionAllegation, extract.EventDeathInCustody, extract.EventTestimony:
	default:
		return false
	}
	for _, st := range d.events {
		if st.sent == ev.sent && st.typ == extract.EventStatement && len(st.who) > 0 {
			// "“We have more than 100,000 people who were tortured to
			// death,” he said": the speaker is no survivor (else the words
			// were testimony), his "we" is his office's
			return false
		}
	}
	for k := ev.sent.a; k < ev.sent.b; k++ {
		switch d.toks[k].Fold {
		case "we":
			if officeWeVerbs[d.fold(k+1)] {
				return false // "We note that the regime did not hand over his body": an organization's voice
			}
			return true
		case "i", "me", "us", "my", "our":
			return true
		}
	}
	return false
}

// specificPlace reports an event that names nobody but happened at a
// named facility or town ("Survivors described torture at Branch 215"): a
// fact about that place the text states, not background.
func (d *doc) specificPlace(ev *event) bool {
	switch ev.typ {
	case extract.EventTortureAllegation, extract.EventExecutionAllegation, extract.EventDeathInCustody, extract.EventTestimony:
		return d.placeSpec(ev.where) >= 5 // a facility or a place smaller than a city
	}
	return false
}

// describesOne reports an indefinite description of one person as the
// event's subject or object: "arrested a former officer", "a Syrian man
// was detained" (not "two men", not "detainees", not someone else in the
// sentence: "An informant reported them, and they were arrested").
func (d *doc) describesOne(ev *event) bool {
	s := ev.sent
	for k := s.a; k+1 < s.b; k++ {
		if f := d.toks[k].Fold; f != "a" && f != "an" {
			continue
		}
		if k > ev.trig+4+d.placesBetween(ev.trig+1, k) || k < ev.trig && !d.onlyAux(k, ev.trig) {
			continue
		}
		for j := k + 1; j < s.b && j < k+6; j++ {
			g := d.toks[j].Fold
			if oneOf[g] || roleNouns[g] && !strings.HasSuffix(g, "s") {
				return true
			}
			if !d.toks[j].Word || !(preRole[g] || roleAdjectives[g] || d.toks[j].Cap || g == "-" || d.toks[j].Digits) {
				break
			}
		}
	}
	return false
}

// placesBetween counts the tokens of places and facilities in [i, j) with
// the preposition before each: "arrested in al-Ghab plain a former member"
// puts the place between the verb and its object.
func (d *doc) placesBetween(i, j int) int {
	n := 0
	for k := i; k < j; k++ {
		if c := d.claimAt(k); c != nil && !c.dead && (c.typ == ownPlace || c.typ == ownFacility) && c.sp.a == k {
			n += c.sp.b - c.sp.a
			if f := d.fold(k - 1); f == "in" || f == "at" || f == "near" {
				n++
			}
			k = c.sp.b - 1
		}
	}
	return n
}

// onlyAux reports a description at k that is the subject of the verb at
// t: a few words of description, then only forms of "be" and "have".
func (d *doc) onlyAux(k, t int) bool {
	if t-k > 9 && !(k == d.sentence(k).a && t-k <= 20) { // a sentence that opens "A man detained on suspicion of ... died"
		return false
	}
	for j := k + 1; j < t; j++ {
		if f := d.toks[j].Fold; f == "," || f == "who" || f == "which" || d.toks[j].Word && speechVerbs[f] {
			return false
		}
	}
	return true
}

var oneOf = set(`man woman suspect person individual`)

// dropToldTwice drops a statement whose speaker is the witness of a
// testimony of the same sentence: "A survivor who gave his name only as
// Hassan told Levant Wire that guards ...": one account, read once by the
// speech verb and once by the account verb.
func (d *doc) dropToldTwice() {
	keep := d.events[:0]
	for _, st := range d.events {
		if st.typ == extract.EventStatement && len(st.who) > 0 && d.witnessIn(st.sent, st.who[0].Name) {
			continue
		}
		if st.typ == extract.EventTestimony && len(st.who) == 1 && d.confessed(st.who[0].Name) {
			continue // a suspect's words of what he did are his confession, not a witness's account
		}
		keep = append(keep, st)
	}
	d.events = keep
}

// witnessIn reports a testimony in sentence s with name as its witness.
func (d *doc) witnessIn(s sentence, name string) bool {
	for _, ev := range d.events {
		if ev.typ != extract.EventTestimony || ev.sent != s {
			continue
		}
		for _, w := range ev.who {
			if w.Name == name && w.Role == extract.RoleWitness {
				return true
			}
		}
	}
	return false
}

// confessed reports a confession with name as its subject.
func (d *doc) confessed(name string) bool {
	for _, ev := range d.events {
		if ev.typ == extract.EventConfession && len(ev.who) > 0 && ev.who[0].Name == name {
			return true
		}
	}
	return false
}
