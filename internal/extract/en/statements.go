package en

// Statements: a person, or a body, says something.

import (
	"github.com/athar-project/athar/internal/extract"
)

func afterSpeakerEnd(f string) bool { return f == "," || f == "." || f == "" || f == ";" }

// statementAt records a statement by the person who speaks at verb v.
func (d *doc) statementAt(v int, s sentence) {
	if d.fold(v-1) == "is" || d.fold(v-1) == "was" || d.fold(v-1) == "are" || d.fold(v-1) == "were" || d.fold(v-1) == "been" {
		return // "is described as": passive, nobody speaks
	}
	if d.testimonyIn(s) {
		return // what a witness says in court is testimony
	}
	var speaker *person
	for _, m := range d.sentencePersons(s) {
		if d.own[m.sp.a] == ownEpithet {
			continue
		}
		before := m.sp.b <= v && d.onlyCommas(m.sp.b, v)
		after := m.sp.a > v && m.sp.a-v <= 4 && speechBefore[d.fold(v)] && d.isSpeaker(m.sp) && afterSpeakerEnd(d.fold(m.sp.b))
		if before || after {
			speaker = m.person
		}
	}
	if speaker == nil {
		if p := d.fold(v - 1); p == "he" || p == "she" {
			speaker = d.resolvePronoun(v - 1)
		}
	}
	if speaker == nil {
		return
	}
	d.events = append(d.events, &event{typ: extract.EventStatement, who: []extract.Participant{{Name: speaker.name, Role: extract.RoleSubject}},
		modality: extract.Asserted, sent: s, trig: v, date: d.dateNear(v, s)})
}

// onlyCommas reports whether tokens [i, j) are nothing but commas, closing
// quotes or a nickname ("Khattab wrote", "Ismail, 41, said" is not).
func (d *doc) onlyCommas(i, j int) bool {
	for k := i; k < j; k++ {
		f := d.toks[k].Fold
		if f != "," && f != ")" && !isCloseQuote(f) && d.own[k] != ownEpithet {
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
