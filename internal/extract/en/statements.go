package en

// Statements: a person, or a body, says something.

import (
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
	if d.testimonyIn(s) {
		return // what a witness says in court is testimony
	}
	speaker := d.speakerOf(v, s)
	ev := &event{typ: extract.EventStatement, modality: extract.Asserted, sent: s, trig: v, date: d.dateOf(extract.EventStatement, v, s), about: true}
	switch {
	case speaker != nil && speaker.victim:
		ev.typ = extract.EventTestimony
		ev.who = []extract.Participant{{Name: speaker.name, Role: extract.RoleWitness}}
	case speaker != nil:
		ev.who = []extract.Participant{{Name: speaker.name, Role: extract.RoleSubject}}
		for _, p := range d.coSpeakers(speaker, s) {
			ev.who = append(ev.who, extract.Participant{Name: p.name, Role: extract.RoleSubject})
		}
	case d.bodySpeaks(v, s):
	default:
		return
	}
	d.events = append(d.events, ev)
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
		before := m.sp.b <= v && (d.onlyCommas(m.sp.b, v) || d.apposition(m.sp.b, v))
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

// apposition reports tokens [i, j) that set off a description between a
// name and its verb with commas: ", Mazen's brother and Patrick's uncle,".
func (d *doc) apposition(i, j int) bool {
	if j-i < 3 || j-i > 14 || d.fold(i) != "," || d.fold(j-1) != "," {
		return false
	}
	for k := i + 1; k < j-1; k++ {
		f := d.toks[k].Fold
		relative := (f == "who" || f == "which") && k == i+1 // ", who travelled from Beirut for the hearing,"
		if speechVerbs[f] || f == "“" || f == "”" || f == "\"" || (f == "who" || f == "which") && !relative || f == ";" {
			return false
		}
	}
	return true
}

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
		if st.typ == extract.EventStatement && len(st.who) == 1 && sufferers[st.who[0].Name] {
			// what a person the text has detained, tortured or bereaved says
			// of it is testimony
			st.typ, st.who[0].Role = extract.EventTestimony, extract.RoleWitness
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
				!accused[w.Name] && !d.isDefendantOfCourt(w.Name)
			if w.Role == extract.RoleVictim || arrested {
				out[w.Name] = true // a detainee's account: "Mazen al-Hamada said in a video interview"
			}
		}
	}
	return out
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
		break
	}
	return out
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
