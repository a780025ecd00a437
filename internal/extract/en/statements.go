package en

// Statements: a person, or a body, says something.

import (
	"slices"
	"strings"

	"github.com/athar-project/athar/internal/extract"
)

func afterSpeakerEnd(f string) bool { return f == "," || f == "." || f == "" || f == ";" }

// statementAt records what is said at the speech verb v. A person who
// speaks makes a statement, or testimony when the text has them suffer
// (a survivor recalling, a former detainee explaining). A body that speaks
// ("the interior ministry said", "Syrian authorities have announced the
// arrest of ...", "according to a statement") makes a statement about the
// persons its sentence's other events concern; fillStatements adds them,
// and a body's statement about nobody is dropped with the unnamed events.
func (d *doc) statementAt(v int, s sentence) {
	if beVerbs[d.fold(v-1)] {
		return // "is described as": passive, nobody speaks
	}
	if f := d.fold(v); f == "denied" || f == "denies" {
		return // a denial is how the text reports the allegation (modality), not a statement of its own
	}
	speaker := d.speakerOf(v, s)
	if d.testimonyIn(s) && !(speaker != nil && d.speaksForOffice(speaker)) {
		return // what a witness says in court is testimony; a prosecutor's or a lawyer's words are not
	}
	if speaker == nil && d.courtSpeaks(v, s) {
		return // "The court said X was a leading member": the court's findings belong to its verdict, no statement
	}
	ev := &event{typ: extract.EventStatement, modality: extract.Asserted, sent: s, trig: v, date: d.dateOf(extract.EventStatement, v, s), about: true}
	ev.forBody = speaker != nil && d.speakerForBody(speaker, v, s)
	switch {
	case speaker != nil && speaker.victim && !ev.forBody:
		ev.typ = extract.EventTestimony
		ev.who = []extract.Participant{{Name: speaker.name, Role: extract.RoleWitness}}
	case speaker != nil:
		ev.who = []extract.Participant{{Name: speaker.name, Role: extract.RoleSubject}}
		for _, p := range d.coSpeakers(speaker, s) {
			ev.who = append(ev.who, extract.Participant{Name: p.name, Role: extract.RoleSubject})
		}
	case d.namedBodySpeaks(v, s):
		ev.bodyNamed = true
	case d.bodySpeaks(v, s):
	default:
		return
	}
	d.events = append(d.events, ev)
}

// accountAccordingTo records the words of a person named right after
// "according to" at token k. A person the text has held gives an account
// ("According to Walid Karam, who was held in Adra prison, prisoners were
// ..."); anyone else makes a statement, as with "said" ("According to
// Rami Nasser, a lawyer for the families, the ruling ..."). A speaker
// cited within a witness's account passes it on: that is left to the
// testimony.
func (d *doc) accountAccordingTo(k int, s sentence) {
	p, m := d.mentionAt(k + 2)
	if p == nil || m.a != k+2 || d.own[m.a] == ownEpithet {
		return
	}
	ev := &event{typ: extract.EventTestimony, modality: extract.Asserted, sent: s, trig: k, date: d.dateOf(extract.EventTestimony, k, s), about: true}
	ev.who = []extract.Participant{{Name: p.name, Role: extract.RoleWitness}}
	if !p.victim {
		if d.testimonyIn(s) && !d.speaksForOffice(p) {
			return
		}
		ev.typ = extract.EventStatement
		ev.date = d.dateOf(extract.EventStatement, k, s)
		ev.who[0].Role = extract.RoleSubject
	}
	d.events = append(d.events, ev)
}

// namedBodySpeaks reports a named organization as the subject of the
// speech verb v: "The Syrian Network for Human Rights said", "The
// Association of ..., a group set up by former inmates, said". Its
// statement is a fact of the text though it names no person; a generic
// speaker ("rights groups say", "authorities said") is not.
func (d *doc) namedBodySpeaks(v int, s sentence) bool {
	for _, m := range d.mentionsIn(s) {
		if m.ent == nil || m.ent.typ != ownOrg || m.sp.b > v || m.sp.b-m.sp.a < 2 {
			continue
		}
		if d.fold(m.sp.b) == ")" { // "the Syrian Network for Human Rights (SNHR) said"
			m.sp.b += 2
			if d.fold(m.sp.b-1) != ")" {
				m.sp.b--
			}
		}
		if m.sp.b == v || d.apposition(m.sp.b, v) || d.fold(m.sp.b) == "," && d.fold(m.sp.b+1) == "which" && d.apposition(m.sp.b, v) {
			return true
		}
	}
	return false
}

// speakerOf finds the person who speaks at verb v: named before it ("X
// said", "X, Mazen's brother, said"), after it ("said X", "recalls one of
// the inmates, Qasem ..."), after "according to", or by a pronoun.
func (d *doc) speakerOf(v int, s sentence) *person {
	var speaker *person
	for _, m := range d.sentencePersons(s) {
		if d.own[m.sp.a] == ownEpithet {
			continue
		}
		w := v
		if f := d.fold(v - 1); (f == "has" || f == "had" || f == "have") && m.sp.b < v {
			w = v - 1 // "X has said", "X had told reporters"
		}
		before := m.sp.b <= w && (d.onlyCommas(m.sp.b, w) || d.apposition(m.sp.b, w) || d.skipOriginAside(m.sp.b) == w && w > m.sp.b) && !d.headOfBefore(m.sp.a)
		after := m.sp.a > v && m.sp.a-v <= 4 && speechBefore[d.fold(v)] && d.isSpeaker(m.sp) && afterSpeakerEnd(d.fold(m.sp.b))
		if !after && m.sp.a > v && m.sp.a-v <= 12 && isCloseQuote(d.fold(v-1)) && !d.clauseBreak(v+1, m.sp.a) {
			after = !d.quoteBetween(v, m.sp.a) // "…,” recalls one of the inmates, 30-year-old Qasem"
		}
		if before {
			speaker = m.person
		}
		if after && speaker == nil {
			speaker = m.person
		}
	}
	if speaker == nil && !d.quoted(v, s) { // "“He told me ...”": someone the speaker knows
		if p := d.fold(v - 1); p == "he" || p == "she" {
			speaker = d.resolvePronoun(v - 1)
		}
	}
	return speaker
}

// headOfBefore reports a name after "of" and a lower-case noun: "The
// family of X said", "One of the lawyers of X said": the noun's people
// speak, X is whom they speak for.
func (d *doc) headOfBefore(a int) bool {
	g := d.tok(a - 2)
	return d.fold(a-1) == "of" && g.Word && (!g.Cap || a-2 == d.sentence(a).a) && !g.Digits || d.kinOfBefore(a)
}

// kinOfBefore reports a name given as whose relative the subject is: "the
// mother of X", "the mother of the detainee X", "the family of the late
// X". The relative speaks for him; he does not speak.
func (d *doc) kinOfBefore(a int) bool {
	k := a - 1
	for k > 0 && k >= a-4 && d.toks[k].Word && !d.toks[k].Cap {
		f := d.toks[k].Fold
		if f != "the" && f != "late" && !roleNouns[f] && !victimNouns[f] && !roleAdjectives[f] && !preRole[f] {
			break
		}
		k--
	}
	h := d.fold(k - 1)
	return k < a-1 && d.fold(k) == "of" && (kinNouns[h] || h == "family" || h == "relatives" || h == "relative" || h == "parents")
}

// apposition reports tokens [i, j) that set off a description between a
// name and its verb with commas: ", Mazen's brother and Patrick's uncle,".
func (d *doc) apposition(i, j int) bool {
	whoClause := d.fold(i+1) == "who"
	described := d.fold(i+1) == "a" || d.fold(i+1) == "an" || d.fold(i+1) == "the"
	if j-i < 3 || j-i > 14 && !((whoClause || described && d.bodyIn(i, j)) && j-i <= 20) || d.fold(i) != "," || d.fold(j-1) != "," {
		return false // (a body's long name may fill a description: ", a member of the Association of Detainees and Missing Persons of Sednaya Prison,")
	}
	for k := i + 1; k < j-1; k++ {
		f := d.toks[k].Fold
		relative := (f == "who" || f == "which") && (k == i+1 || described && k <= i+5 && d.fold(k-1) != ",") // ", who travelled from Beirut for the hearing,", ", a former detainee who now runs a clinic,"
		if speechVerbs[f] && !(whoClause && k == i+2) || f == "“" || f == "”" || f == "\"" || (f == "who" || f == "which") && !relative || f == ";" {
			return false // but ", who said he was held in the branch in 2013," describes the speaker
		}
	}
	return true
}

// speakerForBody reports a speaker at verb v whose description gives a
// post in an organization (speaksForBodyIn).
func (d *doc) speakerForBody(p *person, v int, s sentence) bool {
	for _, m := range d.sentencePersons(s) {
		if m.person != p {
			continue
		}
		if m.sp.b <= v && d.speaksForBodyIn(m.sp.b, v) || m.sp.a > v && d.speaksForBodyIn(m.sp.b, s.b) {
			return true
		}
	}
	return false
}

// bodyIn reports an organization named within tokens (i, j).
func (d *doc) bodyIn(i, j int) bool {
	for k := i + 1; k < j; k++ {
		if c := d.claimAt(k); c != nil && c.typ == ownOrg {
			return true
		}
	}
	return false
}

// speaksForBody reports a speaker whose description, between the name
// ending at end and the verb v (or after the verb, to the sentence's end),
// gives a post in an organization: "X, a member of the Association of
// Detainees ..., said", "said X, who ... now heads a survivors'
// league", "X, the executive director of Syrians for Truth and Justice,
// said". What they say, survivors or not, is the body's public word: a
// statement.
func (d *doc) speaksForBodyIn(from, to int) bool {
	post := false
	for k := from; k < to; k++ {
		if bodyPosts[d.toks[k].Fold] {
			post = true
		}
		if c := d.claimAt(k); c != nil && c.typ == ownOrg && post {
			return true
		}
	}
	return false
}

// bodyPosts are the words of a post in an organization.
var bodyPosts = lex.Set("body_posts")

// quoteBetween reports a quotation mark in tokens (i, j).
func (d *doc) quoteBetween(i, j int) bool {
	for k := i + 1; k < j; k++ {
		if f := d.toks[k].Fold; f == "“" || f == "”" || f == "\"" {
			return true
		}
	}
	return false
}

// bodySpeaks reports a body as the speaker at verb v: an organization
// named just before it, or a word for one ("authorities", "the ministry",
// "the statement"), or "according to" a statement or a body.
func (d *doc) bodySpeaks(v int, s sentence) bool {
	for k := v - 1; k >= s.a && k >= v-6; k-- {
		if c := d.claimAt(k); c != nil && c.typ == ownOrg {
			return true
		}
		f := d.toks[k].Fold
		if speakingBodies[f] {
			return true
		}
		if f == "," || f == "that" || d.toks[k].Word && (speechVerbs[f] || d.own[k] == ownPerson) {
			break
		}
	}
	if d.fold(s.a) == "according" && d.fold(s.a+1) == "to" {
		for k := s.a + 2; k < s.b && k < s.a+8; k++ {
			if c := d.claimAt(k); c != nil && c.typ == ownOrg || speakingBodies[d.toks[k].Fold] {
				return true
			}
		}
	}
	return false
}

// speakingBodies are words for a body that speaks: "the ministry said".
var speakingBodies = lex.Set("speaking_bodies")

// fillStatements adds to each statement the persons it is about: those
// whom another event of its sentence concerns as subject or perpetrator
// ("the interior ministry said Saturday it arrested X": a statement about
// X).
func (d *doc) fillStatements() {
	sufferers := d.sufferers()
	for _, st := range d.events {
		if !st.about {
			continue
		}
		if st.typ == extract.EventStatement && len(st.who) >= 1 && d.relativeTellsOfCustody(st, sufferers) {
			// the relative who speaks for a victim is a witness (the
			// annotations' status); the words stay a statement, as the
			// annotations most often type them
			if d.relativeWitnesses == nil {
				d.relativeWitnesses = map[string]bool{}
			}
			d.relativeWitnesses[st.who[0].Name] = true
		}
		if st.typ == extract.EventStatement && len(st.who) >= 1 && !st.forBody && d.relativeAccount(st, sufferers) {
			// "The photo brought some relief, X said" of her detained
			// brother: a relative who speaks of the victim gives an account
			// (the annotations' testimony); one who answers a verdict ("It
			// was a verdict I was waiting for") remarks on the court's work
			st.typ, st.who[0].Role, st.kinAccount = extract.EventTestimony, extract.RoleWitness, true
			if kin := d.sufferingKin(d.personNamed(st.who[0].Name), sufferers); len(kin) == 1 && !hasParticipant(st.who, kin[0].name) {
				// her account is of her brother: he is in it, though named
				// in another sentence ("The photo of X, Y's older brother,
				// ..." then "The photo brought some relief, Y said")
				st.who = append(st.who, extract.Participant{Name: kin[0].name, Role: extract.RoleVictim})
			}
		}
		if st.typ == extract.EventStatement && len(st.who) == 1 && d.quotesOwnHarm(st) {
			// "“I was tortured every day,” X said": the speaker's own account
			st.typ, st.who[0].Role = extract.EventTestimony, extract.RoleWitness
			for _, ev := range d.events {
				if ev.sent == st.sent && ev.typ == extract.EventTortureAllegation && len(ev.who) == 0 {
					ev.who = []extract.Participant{{Name: st.who[0].Name, Role: extract.RoleVictim}}
				}
			}
		}
		if st.typ == extract.EventStatement && len(st.who) == 1 && (sufferers[st.who[0].Name] && !st.forBody || d.eyewitness(st) || d.tellsOwnCustody(st)) {
			// what a person the text has detained, tortured or bereaved says
			// of it is testimony; so is what a speaker says he saw done
			st.typ, st.who[0].Role = extract.EventTestimony, extract.RoleWitness
			if d.tellsOwnCustody(st) {
				d.speakerTortured(st)
			}
		}
		if (st.typ == extract.EventStatement || st.typ == extract.EventTestimony) && len(st.who) == 1 && d.quotesOwnDeeds(st) {
			// "“We used to bring detainees here and execute them,” X told the
			// AP" of a man under arrest: he admits what was done, a confession
			st.typ, st.who[0].Role = extract.EventConfession, extract.RoleSubject
		}
		if st.typ == extract.EventTestimony && len(st.who) >= 1 && d.remarkOnProceedings(st) {
			// "X, who spent three years in Saydnaya, said he welcomed the
			// ruling": a survivor's public remark on the case, not an account
			st.typ, st.who[0].Role, st.where, st.sceneWhere = extract.EventStatement, extract.RoleSubject, "", false
		}
		if st.typ == extract.EventStatement && len(st.who) == 0 {
			// "The Interior Ministry announced the arrest on Wednesday": the
			// arrest the text told before, so its persons
			if ev := d.announcedArrest(st); ev != nil {
				for _, w := range ev.who {
					if w.Role == extract.RoleSubject {
						st.who = append(st.who, extract.Participant{Name: w.Name, Role: extract.RoleSubject})
					}
				}
			}
		}
		for _, ev := range d.events {
			if ev.about || ev.sent != st.sent {
				continue
			}
			for _, w := range ev.who {
				if w.Role != extract.RoleSubject && w.Role != extract.RolePerpetrator || hasParticipant(st.who, w.Name) {
					continue
				}
				st.who = append(st.who, extract.Participant{Name: w.Name, Role: extract.RoleSubject})
			}
		}
	}
}

// tellsOwnCustody reports a person's statement that tells what was done
// to the speaker in custody: "X recalls being hung from the ceiling", "X
// described being beaten with cables", "X said he was held for two years
// at Branch 215", "she said she had been detained at a checkpoint". A
// speaker for an office (a prosecutor, a lawyer) tells of others.
func (d *doc) tellsOwnCustody(st *event) bool {
	if p := d.personNamed(st.who[0].Name); p == nil || d.speaksForOffice(p) || d.accusedSomewhere(p) {
		return false // a suspect who says he was held tells of his arrest, not a detainee's account
	}
	if ing := d.fold(st.sent.a); rememberingOpeners[ing] && st.trig > st.sent.a && d.ownOrdeal(st.sent.a+1, st.sent) {
		return true // "Recalling his months in Branch 227, X said ...": the clause before tells his own custody
	}
	k := st.trig + 1
	if d.fold(st.trig) == "told" {
		// "told Reuters he was held", "told the court she had been detained": past the one told
		for j := k; j < st.sent.b && j < k+4 && d.toks[j].Word; j++ {
			if f := d.fold(j); f == "he" || f == "she" || f == "that" {
				k = j
				break
			}
		}
	}
	if d.fold(k) == "that" {
		k++
	}
	switch f := d.fold(k); {
	case (f == "his" || f == "her") && rememberVerbs[d.fold(st.trig)]:
		return d.ownOrdeal(k, st.sent) // "X recounted his two years in Sednaya prison"
	case f == "being":
		return sufferedVerbs[d.fold(k+1)]
	case f == "he" || f == "she":
		k++
		switch d.fold(k) {
		case "was":
			k++
		case "had", "has":
			if d.fold(k+1) != "been" {
				return false
			}
			k += 2
		default:
			return false
		}
		return sufferedVerbs[d.fold(k)] && d.fold(k+1) != "responsible" && d.fold(k+1) != "liable"
	}
	return false
}

// quotesOwnHarm reports a statement whose sentence quotes the speaker in
// the first person on what was done to him in custody: "“I was tortured
// every day,” X said", "“They beat us with cables,” said X". A speaker for
// an office, or one the text accuses, tells of others.
func (d *doc) quotesOwnHarm(st *event) bool {
	if p := d.personNamed(st.who[0].Name); p == nil || d.speaksForOffice(p) || p.official || d.accusedSomewhere(p) {
		return false
	}
	quoted := false
	for k := st.sent.a; k < st.sent.b; k++ {
		f := d.toks[k].Fold
		if isOpenQuote(f) || isCloseQuote(f) {
			quoted = true
		}
	}
	if !quoted {
		return false
	}
	for k := st.sent.a; k < st.sent.b; k++ {
		f := d.toks[k].Fold
		if f == "i" || f == "we" {
			j := k + 1
			switch d.fold(j) {
			case "was", "were", "got":
				j++
			case "had", "have":
				if d.fold(j+1) != "been" {
					continue
				}
				j += 2
			default:
				continue
			}
			if sufferedVerbs[d.fold(j)] {
				return true
			}
		}
		if (f == "me" || f == "us") && k > st.sent.a && harmVerbs[d.fold(k-1)] {
			return true
		}
	}
	return false
}

// harmVerbs are the verbs of what guards did to a detainee: "they beat us".
var harmVerbs = set(`beat beaten tortured hung hanged whipped flogged electrocuted starved kicked`)

// rememberingOpeners open a sentence with a clause of remembering whose
// doer is the speaker the sentence names after it.
var rememberingOpeners = set(`recalling remembering recounting describing`)

// ownOrdeal reports a possessive at token k ("his", "her") whose noun
// phrase, within a few words, names custody: "his two years in Sednaya
// prison", "her detention", "his time in Branch 227".
func (d *doc) ownOrdeal(k int, s sentence) bool {
	f := d.fold(k)
	if f != "his" && f != "her" || workNouns[d.fold(k+1)] {
		return false // "his work at the branch": a post held there, not an ordeal
	}
	for j := k + 1; j < s.b && j < k+7; j++ {
		f := d.toks[j].Fold
		if custodyWords[f] || d.own[j] == ownFacility || ordealNouns[f] {
			return true
		}
		if !d.toks[j].Word {
			return false
		}
	}
	return false
}

// ordealNouns name a person's own custody: "his detention", "her ordeal".
var ordealNouns = set(`detention imprisonment arrest ordeal captivity abduction`)

// relativeTellsOfCustody reports a statement by a relative of a person the
// text has detained, tortured or killed, in a sentence that speaks of
// custody or of what was done to them: "His mother, Amal Saleh, recounted
// how guards beat her son" (the annotations' convention: a relative who
// speaks for a victim is a witness). A relative of a suspect ("Ali's
// family said he was innocent") is not.
func (d *doc) relativeTellsOfCustody(st *event, sufferers map[string]bool) bool {
	p := d.personNamed(st.who[0].Name)
	if p == nil || d.speaksForOffice(p) {
		return false
	}
	kinOfSufferer := false
	for _, k := range p.kin {
		if k.of != nil && sufferers[k.of.name] && !d.accusedSomewhere(k.of) {
			kinOfSufferer = true
		}
	}
	if !kinOfSufferer {
		return false
	}
	for k := st.sent.a; k < st.sent.b; k++ {
		if custodyWords[d.toks[k].Fold] {
			return true
		}
	}
	for _, ev := range d.events {
		if ev.sent == st.sent && !ev.about && (ev.typ == extract.EventTortureAllegation || ev.typ == extract.EventExecutionAllegation ||
			ev.typ == extract.EventDeathInCustody || ev.typ == extract.EventArrest || ev.typ == extract.EventDetention || ev.typ == extract.EventDisappearance) {
			return true
		}
	}
	return false
}

// relativeAccount reports a statement whose speaker is kin of a person the
// text has detained, disappeared or killed (either way round: "X, Okba's
// sister, said", "Okba, X's brother, ... X said"), who speaks as one of
// the victim's family, not about a court's work: neither the sentence nor
// the quotation it opens names a verdict, a trial or a court. A relative
// of a suspect, or one who speaks for an office, is not meant.
func (d *doc) relativeAccount(st *event, sufferers map[string]bool) bool {
	p := d.personNamed(st.who[0].Name)
	if p == nil || d.speaksForOffice(p) || p.official || d.accusedSomewhere(p) || !d.isSpeakerName(st) {
		return false
	}
	kin := false
	for _, k := range p.kin {
		if k.of != nil && sufferers[k.of.name] && !d.accusedSomewhere(k.of) {
			kin = true
		}
	}
	for _, q := range d.persons {
		if q == p || !sufferers[q.name] || d.accusedSomewhere(q) {
			continue
		}
		for _, k := range q.kin {
			if k.of == p {
				kin = true
			}
		}
	}
	return kin && !d.aboutProceedings(st.sent)
}

// aboutProceedings reports a sentence, with the rest of a quotation it
// opens (at most three sentences more), that names a court's work: "It
// was a verdict that I was waiting for", "the ruling brings justice".
func (d *doc) aboutProceedings(s sentence) bool {
	end := s.b
	if si := d.sentOf[s.a]; s.b > s.a && d.quoted(s.b, s) {
		for j := si + 1; j < len(d.sents) && j <= si+3; j++ {
			end = d.sents[j].b
			if !d.quoted(d.sents[j].b, d.sents[j]) {
				break
			}
		}
	}
	for k := s.a; k < end; k++ {
		if proceedingWords[d.toks[k].Fold] {
			return true
		}
	}
	return false
}

// remarkOnProceedings reports an account whose words, outside the
// speaker's own description, speak of a court's work and of nothing done
// in custody: "X, a survivor of Sednaya, said he welcomed the ruling",
// "“Justice has begun,” said X, who spent two years in Branch 215". Words
// that tell of custody ("said the court heard how guards beat him") keep it
// an account.
func (d *doc) remarkOnProceedings(st *event) bool {
	s := st.sent
	if d.testimonyIn(s) {
		return false // "told the court": what a witness tells a court is testimony
	}
	end := s.b
	if si := d.sentOf[s.a]; s.b > s.a && d.quoted(s.b, s) {
		for j := si + 1; j < len(d.sents) && j <= si+3; j++ {
			end = d.sents[j].b
			if !d.quoted(d.sents[j].b, d.sents[j]) {
				break
			}
		}
	}
	// the speaker's description: from the speaker's name to the verb, or
	// after the verb to the end of the sentence ("said X, a survivor of ...")
	descFrom, descTo := st.trig, st.trig
	for _, m := range d.sentencePersons(s) {
		if m.person.name != st.who[0].Name {
			continue
		}
		if m.sp.b <= st.trig {
			descFrom, descTo = m.sp.a, st.trig
		} else if m.sp.a > st.trig {
			descFrom, descTo = m.sp.a, s.b
		}
		break
	}
	proceeding := false
	for k := s.a; k < end; k++ {
		if k >= descFrom && k < descTo {
			continue
		}
		f := d.toks[k].Fold
		if custodyWords[f] || d.own[k] == ownFacility || harmVerbs[f] || sufferedVerbs[f] {
			return false
		}
		if proceedingWords[f] {
			proceeding = true
		}
	}
	if !proceeding {
		return false
	}
	for _, ev := range d.events {
		if ev.sent == s && !ev.about && (ev.trig < descFrom || ev.trig >= descTo) && (ev.typ == extract.EventTortureAllegation || ev.typ == extract.EventExecutionAllegation || ev.typ == extract.EventDeathInCustody || ev.typ == extract.EventArrest || ev.typ == extract.EventDetention) {
			return false
		}
	}
	return true
}

// proceedingWords name a court's work; a relative who speaks of it remarks
// on the case rather than telling what was done to the victim.
var proceedingWords = lex.Set("proceeding_words")

// speakerTortured makes the speaker of st, who tells what was done to him,
// the victim of the torture his sentence tells of after the verb of saying
// when that names nobody: "X described being beaten with cables".
func (d *doc) speakerTortured(st *event) {
	for _, ev := range d.events {
		if ev.sent == st.sent && ev.typ == extract.EventTortureAllegation && ev.trig > st.trig && len(ev.who) == 0 {
			ev.who = []extract.Participant{{Name: st.who[0].Name, Role: extract.RoleVictim}}
		}
	}
}

// perpetratorSomewhere reports a person some event of the text has as its
// perpetrator: "The two seized food and beat the elderly" after an account
// that names them.
func (d *doc) perpetratorSomewhere(name string) bool {
	for _, ev := range d.events {
		for _, w := range ev.who {
			if w.Name == name && w.Role == extract.RolePerpetrator {
				return true
			}
		}
	}
	return false
}

// eyewitness reports a person's statement that tells what the speaker saw
// or heard done in custody: "X said he saw guards beat prisoners to death",
// "she told reporters she had witnessed executions". The speech verb is
// followed, within a few words, by "he" or "she" and a verb of perception
// (not "heard that": hearsay), and the sentence
// reports torture, an execution or a death after it. A speaker for an
// office (a prosecutor, a lawyer) tells what others saw.
func (d *doc) eyewitness(st *event) bool {
	if p := d.personNamed(st.who[0].Name); p == nil || d.speaksForOffice(p) {
		return false
	}
	k := -1
	for j := st.trig + 1; j < st.sent.b && j <= st.trig+4; j++ {
		f := d.fold(j)
		if f == "he" || f == "she" {
			k = j + 1
			break
		}
		if !d.toks[j].Word {
			return false // "said, citing ...": the clause after the verb is not what was said
		}
	}
	if k < 0 {
		return false
	}
	if f := d.fold(k); f == "had" || f == "has" {
		k++
	}
	if !perceptionVerbs[d.fold(k)] || d.fold(k+1) == "that" {
		return false // "he heard that guards ...": hearsay, not what he saw
	}
	for _, ev := range d.events {
		if ev.sent == st.sent && ev.trig > k && (ev.typ == extract.EventTortureAllegation || ev.typ == extract.EventExecutionAllegation || ev.typ == extract.EventDeathInCustody) {
			return true
		}
	}
	return false
}

// fillContent adds to each statement and account the persons what is said
// is about. A report of speech names or points to the people it concerns
// ("Senior prosecutor X told the court that Jaber had been part of a group
// of guards", "the statement noted that the arrested individual is
// strongly suspected", "“He never carried a weapon,” Khaled said"): they
// are the statement's subjects, as the speaker is. Not the speaker, not a
// name used for a government ("the rule of Bashar al-Assad"), not an
// official the sentence only mentions, not a person named only inside
// another's description ("a cousin of X").
func (d *doc) fillContent() {
	for _, st := range d.events {
		if !st.about || st.typ != extract.EventStatement && st.typ != extract.EventTestimony {
			continue
		}
		speaker := ""
		if len(st.who) > 0 && (st.typ == extract.EventTestimony || d.isSpeakerName(st)) {
			speaker = st.who[0].Name
		}
		role := extract.RoleSubject
		if st.typ == extract.EventTestimony {
			role = extract.RoleVictim // the persons a witness tells of
		}
		add := func(p *person) {
			if p == nil || p.name == speaker || hasParticipant(st.who, p.name) || p.official {
				return
			}
			r := role
			if r == extract.RoleVictim && !p.victim && d.perpetratorSomewhere(p.name) {
				r = extract.RoleSubject // the guards an account names are told of, not its victims
			}
			st.who = append(st.who, extract.Participant{Name: p.name, Role: r})
		}
		s := st.sent
		for _, m := range d.sentencePersons(s) {
			if m.person.name == speaker || d.isSpeaker(m.sp) || d.ofRelation(m.sp) || d.hearerAt(m.sp.a) {
				continue
			}
			if d.kinNounAfterPossessive(m.sp.b) >= 0 {
				continue // "X, Mazen’s brother, said", "a source said Ismail's brother fled": Mazen and Ismail only say who is meant
			}
			add(m.person)
		}
		refs := 0
		for k := s.a; k < s.b && refs < 3; k++ {
			f := d.toks[k].Fold
			switch {
			case f == "he" || f == "she":
				// the subject of reported speech: "adding that he was not
				// guilty", "said he had seen"; not "he said" (the speaker),
				// not a pronoun inside a quotation (whom the speaker means
				// there, the text does not say)
				if speechVerbs[d.fold(k+1)] || d.quoted(k, s) || !(d.fold(k-1) == "that" || speechVerbs[d.fold(k-1)]) {
					continue
				}
				if d.speakerItself(speaker, f) {
					continue // "He told reporters that he was taken first to ...": the speaker's own account
				}
				refs++
				add(d.contentPronoun(k, speaker))
			case (f == "the" || f == "this") && d.descriptionAfter(k) > 0:
				n := d.descriptionAfter(k)
				refs++
				if p := d.resolveDescription(n); p != nil && !speechVerbs[d.fold(n+1)] {
					add(p)
				}
			}
		}
	}
}

// hearerAt reports a name at token a that is the one told, not the one
// told of: "He told Nisreen that ...", "told to Nisreen that".
func (d *doc) hearerAt(a int) bool {
	f := d.fold(a - 1)
	if f == "to" {
		f = d.fold(a - 2)
	}
	return f == "told" || f == "tells" || f == "tell" || f == "telling"
}

// speakerItself reports that the pronoun he or she (f) in what a named
// speaker says is the speaker: English reports one's own account so ("He
// told our correspondent that he was taken to Hama", "Salma said she was
// held for a year"). A speaker the text gives as someone's relative speaks
// of that relative instead ("his brother, X, said he was tortured"), one
// who speaks for an office of a client or a suspect, and a pronoun of the
// other gender is someone else.
func (d *doc) speakerItself(speaker, f string) bool {
	if speaker == "" {
		return false
	}
	p := d.personNamed(speaker)
	if p == nil || len(p.kin) > 0 || d.speaksForOffice(p) {
		return false // "His lawyer, X, told reporters that he was not guilty": his client
	}
	if f == "she" {
		return p.female
	}
	return !p.female
}

// isSpeakerName reports a statement whose first participant is its
// speaker (a person who speaks), not a person a body's statement is about.
func (d *doc) isSpeakerName(st *event) bool {
	for _, m := range d.sentencePersons(st.sent) {
		if m.person.name == st.who[0].Name && (d.isSpeaker(m.sp) || m.sp.b <= st.trig && (d.onlyCommas(m.sp.b, st.trig) || d.apposition(m.sp.b, st.trig))) {
			return true
		}
	}
	// "he said": a pronoun just before the verb
	f := d.fold(st.trig - 1)
	return f == "he" || f == "she"
}

// ofRelation reports a person named only inside another's description:
// "a cousin of longtime ruler X", "the brother of X".
func (d *doc) ofRelation(m span) bool {
	for k := m.a - 1; k >= 0 && k >= m.a-5; k-- {
		f := d.toks[k].Fold
		if f == "of" {
			g := d.fold(k - 1)
			return kinNouns[g] || roleNouns[g] && !victimNouns[g]
		}
		if !d.toks[k].Word || d.own[k] == ownPerson {
			return false
		}
	}
	return false
}

// contentPronoun finds whom a pronoun in what is said stands for: the
// nearest person named before it who is not the speaker and fits its
// gender.
func (d *doc) contentPronoun(k int, speaker string) *person {
	female := d.fold(k) == "she" || d.fold(k) == "her"
	for j := k - 1; j >= 0 && j >= k-lookBack; j-- {
		p, m := d.mentionAt(j)
		if p == nil {
			continue
		}
		j = m.a
		if p.name == speaker || female && p.male || !female && p.female || d.own[m.a] == ownEpithet || d.inRegimeContext(m) || p.official {
			continue
		}
		return p
	}
	return nil
}

func hasParticipant(ps []extract.Participant, name string) bool {
	for _, p := range ps {
		if p.Name == name {
			return true
		}
	}
	return false
}

// onlyCommas reports whether tokens [i, j) are nothing but commas, closing
// quotes or a nickname ("Khattab wrote", "Ismail, 41, said" is not).
func (d *doc) onlyCommas(i, j int) bool {
	for k := i; k < j; k++ {
		f := d.toks[k].Fold
		if f != "," && f != ")" && !isCloseQuote(f) && !isOpenQuote(f) && d.own[k] != ownEpithet {
			return false
		}
	}
	return true
}

// testimonyIn reports a testimony verb in the sentence.
func (d *doc) testimonyIn(s sentence) bool {
	for k := s.a; k < s.b; k++ {
		switch d.toks[k].Fold {
		case "testified", "testify", "testifying":
			return true
		case "told":
			if d.hearerAfter(k + 1) {
				return true
			}
		}
	}
	return false
}

// sufferers are the persons some event of the text has as its victim.
func (d *doc) sufferers() map[string]bool {
	out := map[string]bool{}
	for _, p := range d.persons {
		if p.victim {
			out[p.name] = true
		}
	}
	accused := map[string]bool{} // persons the text accuses of something: their arrest is no suffering
	for _, p := range d.persons {
		for _, m := range p.ments {
			if d.accused(m) {
				accused[p.name] = true
			}
		}
	}
	for _, ev := range d.events {
		if ev.typ != extract.EventArrest && ev.typ != extract.EventDetention {
			continue
		}
		for _, w := range ev.who {
			if w.Role == extract.RoleSubject && ev.modality != extract.Asserted {
				accused[w.Name] = true
			}
		}
	}
	for _, ev := range d.events {
		for _, w := range ev.who {
			arrested := (ev.typ == extract.EventArrest || ev.typ == extract.EventDetention) && w.Role == extract.RoleSubject &&
				!accused[w.Name] && !d.isDefendantOfCourt(w.Name) && !d.officerNamed(w.Name)
			if w.Role == extract.RoleVictim || arrested {
				out[w.Name] = true // a detainee's account: "Mazen al-Hamada said in a video interview"
			}
		}
	}
	return out
}

// speaksForOffice reports a person who speaks in court for an office or a
// party, not as a witness: an official (a prosecutor, a judge) or a
// lawyer ("His lawyer, Erik Sandström, told the court").
func (d *doc) speaksForOffice(p *person) bool {
	if p.official {
		return true
	}
	for _, r := range append([]string{p.title}, p.roles...) {
		for _, w := range strings.Fields(strings.ToLower(r)) {
			if counselWords[w] {
				return true
			}
		}
	}
	for _, m := range p.ments {
		for k := m.a - 1; k >= 0 && k >= m.a-3; k-- {
			if counselWords[d.toks[k].Fold] {
				return true
			}
			if f := d.toks[k].Fold; f != "," && f != "his" && f != "her" && f != "their" && f != "the" && f != "defence" && f != "defense" {
				break
			}
		}
	}
	return false
}

// counselWords name those who speak in court for a party.
var counselWords = set(`lawyer lawyers attorney attorneys counsel prosecutor prosecutors advocate`)

// officerNamed reports a person the text gives a military or police rank
// ("Brigadier General X", "Warrant Officer Y") and no role of a victim: the
// arrest of an officer is no suffering his words would testify to.
func (d *doc) officerNamed(name string) bool {
	for _, p := range d.persons {
		if p.name == name {
			return p.rank != "" && !p.victim
		}
	}
	return false
}

// coSpeakers are the persons named with the speaker as one subject: "his
// lawyers, Romain Ruiz and Raphaël Kempf, welcomed ...".
func (d *doc) coSpeakers(speaker *person, s sentence) []*person {
	var out []*person
	ms := d.sentencePersons(s)
	for i, m := range ms {
		if m.person != speaker {
			continue
		}
		for j := i - 1; j >= 0; j-- {
			if ms[j].person == speaker || !d.coordinated(ms[j].sp.b, ms[j+1].sp.a) {
				break
			}
			out = append(out, ms[j].person)
		}
		if len(out) > 0 && !d.andBetweenMentions(ms, i) {
			return nil // "under its ruler, Bashar al-Assad, Stephen Rapp, a former ambassador, told Reuters": an apposition, not a list
		}
		break
	}
	return out
}

// andBetweenMentions reports "and" between the speaker's mention ms[i]
// and the mentions coordinated before it: "X, Y and Z said".
func (d *doc) andBetweenMentions(ms []mention, i int) bool {
	for j := i - 1; j >= 0; j-- {
		if !d.coordinated(ms[j].sp.b, ms[j+1].sp.a) {
			return false
		}
		if d.wordBetween("and", ms[j].sp.b, ms[j+1].sp.a) {
			return true
		}
	}
	return false
}

// isDefendantOfCourt reports a person the text has charged, tried or
// convicted: their arrest is no suffering to testify of.
func (d *doc) isDefendantOfCourt(name string) bool {
	for _, ev := range d.events {
		switch ev.typ {
		case extract.EventReferral, extract.EventCharge, extract.EventTrial, extract.EventConviction, extract.EventSentence, extract.EventWanted, extract.EventConfession:
			for _, w := range ev.who {
				if w.Name == name && w.Role == extract.RoleSubject {
					return true
				}
			}
		}
	}
	return false
}

// quotesOwnDeeds reports a statement whose speaker the text arrests or
// accuses and whose quotation has "I" or "we" do harm: "“We used to put
// them under the buildings and execute them,” X said".
func (d *doc) quotesOwnDeeds(st *event) bool {
	p := d.personNamed(st.who[0].Name)
	if p == nil || d.speaksForOffice(p) || p.official || !(d.accusedSomewhere(p) || d.arrestedSuspect(p)) {
		return false
	}
	for k := st.sent.a; k < st.sent.b; k++ {
		if f := d.toks[k].Fold; (f != "i" && f != "we") || !d.quoted(k, st.sent) {
			continue
		}
		for j := k + 1; j < st.sent.b && j < k+25; j++ {
			g := d.toks[j].Fold
			if g == "." || g == ";" || isCloseQuote(g) && g != "’" || g == "he" || g == "she" || g == "they" || negations[g] || roleNouns[g] && subjectVerbAfter(d.fold(j+1)) {
				break // another subject: "we knew ... and the guards would beat us"
			}
			if ownDeeds[g] {
				return d.fold(j+1) != "us" && d.fold(j+1) != "me" // "beat us": done to the speaker
			}
		}
	}
	return false
}

// ownDeeds are the active verbs of harm a speaker can admit to: "we
// executed them", "I beat detainees".
var ownDeeds = set(`execute executed kill killed beat torture tortured hang hanged shoot shot electrocute electrocuted whip whipped`)

// arrestedSuspect reports a person an arrest of the text holds as a
// suspect (not a detainee, whose arrest is a detention).
func (d *doc) arrestedSuspect(p *person) bool {
	for _, ev := range d.events {
		if ev.typ != extract.EventArrest {
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

// subjectVerbAfter reports an auxiliary that makes the noun before it a
// clause's subject: "the guards would beat us".
func subjectVerbAfter(f string) bool {
	return beVerbs[f] || modals[f] || f == "would" || f == "had" || f == "have" || f == "used"
}

// announcedArrest returns the arrest told before that a statement
// announces as "the arrest" with nobody named ("The ministry announced the
// arrest on Wednesday"): the last arrest before it with a suspect named.
func (d *doc) announcedArrest(st *event) *event {
	told := false
	for k := st.trig + 1; k < st.sent.b && k <= st.trig+2; k++ {
		if d.fold(k) == "the" && (d.fold(k+1) == "arrest" || d.fold(k+1) == "detention" || d.fold(k+1) == "capture") {
			f := d.fold(k + 2)
			told = f != "of" && f != "in" && f != "at"
		}
	}
	if !told {
		return nil
	}
	var last *event
	for _, ev := range d.events {
		if ev.typ != extract.EventArrest || ev.trig >= st.sent.a || len(ev.who) == 0 {
			continue
		}
		if last == nil || ev.trig > last.trig {
			last = ev
		}
	}
	return last
}

// courtSpeaks reports a court or its judges as the subject of the speech
// verb at v: "the court said", "the court also confirmed", "judges said".
func (d *doc) courtSpeaks(v int, s sentence) bool {
	for k := v - 1; k >= s.a && k >= v-3; k-- {
		switch f := d.toks[k].Fold; {
		case f == "court" || f == "judges" || f == "tribunal" || f == "chamber":
			return true
		case f == "also" || strings.HasSuffix(f, "ly") || f == "has" || f == "had":
		default:
			return false
		}
	}
	return false
}

// sufferingKin returns the relatives of p the text has detained, tortured
// or killed (sufferers), none of them accused.
func (d *doc) sufferingKin(p *person, sufferers map[string]bool) []*person {
	if p == nil {
		return nil
	}
	var out []*person
	add := func(q *person) {
		if q != nil && q != p && sufferers[q.name] && !d.accusedSomewhere(q) && !slices.Contains(out, q) {
			out = append(out, q)
		}
	}
	for _, k := range p.kin {
		add(k.of)
	}
	for _, q := range d.persons {
		for _, k := range q.kin {
			if k.of == p {
				add(q)
			}
		}
	}
	return out
}

// describedGroups gives a statement that names nobody the persons its
// sentence points back to as a group named just before ("A spokeswoman for
// the prosecutor's office said both suspects were part of the branch",
// after "The two suspects, X and Y, were arrested": X and Y). A group the
// sentence brings in ("said it had detained two guards whose names it did
// not release") is no one named.
func (d *doc) describedGroups() {
	for _, st := range d.events {
		if st.typ == extract.EventTestimony && len(st.who) == 0 && d.accountContent(st.trig) {
			d.contentPersons(st)
			continue
		}
		if st.typ != extract.EventStatement || !st.about || len(st.who) > 0 || !d.groupPointedBack(st.sent) {
			continue
		}
		for _, m := range d.namedJustBefore(st.sent) {
			if !hasParticipant(st.who, m.person.name) {
				st.who = append(st.who, extract.Participant{Name: m.person.name, Role: extract.RoleSubject})
			}
		}
	}
}

// accountContent reports an account noun at t that states what it holds
// in a clause of its own: "Witness testimony confirms that ...",
// "testimonies show that ...".
func (d *doc) accountContent(t int) bool {
	if f := d.toks[t].Fold; f != "testimony" && f != "testimonies" {
		return false
	}
	return contentVerbs[d.fold(t+1)] && d.fold(t+2) == "that"
}

// contentPersons gives the account st the persons its content clause
// names ("... confirms that X and Y were taken to Branch 215"): those it
// is about. Officials are left out: they speak or rule, no account is of
// them.
func (d *doc) contentPersons(st *event) {
	for _, m := range d.sentencePersons(st.sent) {
		if m.sp.a > st.trig+2 && !m.person.official && !hasParticipant(st.who, m.person.name) {
			st.who = append(st.who, extract.Participant{Name: m.person.name, Role: extract.RoleVictim})
		}
	}
}

// groupPointedBack reports persons described in sentence s as a group
// known already, not as victims: "both suspects", "the two former
// officers", "the two were".
func (d *doc) groupPointedBack(s sentence) bool {
	for k := s.a; k < s.b; k++ {
		j := k + 1
		switch f := d.toks[k].Fold; {
		case f == "both":
		case f == "the" && groupCounts[d.fold(k+1)]:
			j = k + 2
			if beVerbs[d.fold(j)] {
				return true // "the two were arrested"
			}
		default:
			continue
		}
		for ; j < s.b && j < k+7; j++ {
			g := d.toks[j].Fold
			if g == "men" || strings.HasSuffix(g, "s") && descriptionNouns[strings.TrimSuffix(g, "s")] && !victimNouns[g] {
				return true
			}
			if !(preRole[g] || roleAdjectives[g] || d.toks[j].Cap || g == "-") {
				break
			}
		}
	}
	return false
}

// groupCounts are the numbers a group of persons is counted by.
var groupCounts = set(`two three four five`)

// namedJustBefore returns the persons the last of the three sentences
// before s that names two or more (none an official, none a speaker)
// names: whom "both suspects" or "the two" points back to.
func (d *doc) namedJustBefore(s sentence) []mention {
	for si := d.sentOf[s.a] - 1; si >= 0 && si >= d.sentOf[s.a]-3; si-- {
		var named []mention
		seen := map[*person]bool{}
		for _, m := range d.sentencePersons(d.sents[si]) {
			if !m.person.official && !d.isSpeaker(m.sp) && !seen[m.person] {
				seen[m.person] = true
				named = append(named, m)
			}
		}
		if len(named) >= 2 {
			return named
		}
	}
	return nil
}
