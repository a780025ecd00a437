package en

// Pronouns and descriptions that point to a person named elsewhere.

import (
	"github.com/athar-project/athar/internal/extract"
)

// leadIns gives a person to an event whose sentence describes someone
// without naming them ("arrested a former officer ...") when the next
// sentence names them: "identified the man as X", "The two were named as X
// and Y", or a sentence that opens with a name.
func (d *doc) leadIns() {
	for _, ev := range d.events {
		if len(ev.who) > 0 || !personTypes[ev.typ] {
			continue
		}
		si := d.sentOf[ev.trig]
		if si+1 >= len(d.sents) || !d.describesSomeone(ev.sent) {
			continue
		}
		next := d.sents[si+1]
		var who []*person
		for k := next.a; k+1 < next.b; k++ {
			if (d.toks[k].Fold == "identified" || d.toks[k].Fold == "named") && k+1 < next.b {
				for j := k + 1; j < next.b && j < k+5; j++ {
					if d.toks[j].Fold == "as" {
						for _, m := range d.sentencePersons(sentence{j + 1, next.b}) {
							// "named as X and Y": the names follow "as" at once
							if m.sp.a <= j+3 || len(who) > 0 && d.coordinated(d.lastEnd(who, next), m.sp.a) {
								who = appendPerson(who, m.person)
							}
						}
						break
					}
				}
			}
		}
		if len(who) == 0 {
			first := -1
			for _, m := range d.sentencePersons(next) {
				if m.person.official || d.isSpeaker(m.sp) || m.person.victim && ev.typ != extract.EventDeathInCustody {
					continue
				}
				if first >= 0 && d.clauseBreak(first, m.sp.a) {
					break
				}
				if first < 0 {
					first = m.sp.b
				}
				who = appendPerson(who, m.person)
			}
		}
		role := extract.RoleSubject
		switch ev.typ {
		case extract.EventDeathInCustody, extract.EventDisappearance, extract.EventRelease:
			role = extract.RoleVictim
			if d.allegationIn(ev.sent) {
				role = extract.RolePerpetrator // "a man rights groups have linked to the deaths of inmates"
			}
		case extract.EventTortureAllegation, extract.EventExecutionAllegation:
			role = extract.RolePerpetrator
		}
		for _, p := range who {
			ev.who = append(ev.who, extract.Participant{Name: p.name, Role: role})
		}
	}
}

// lastEnd returns where the last of these persons' mentions in s ends.
func (d *doc) lastEnd(ps []*person, s sentence) int {
	end := s.a
	for _, p := range ps {
		for _, m := range p.ments {
			if m.a >= s.a && m.b <= s.b && m.b > end {
				end = m.b
			}
		}
	}
	return end
}

// describesSomeone reports an indefinite description of a person in the
// sentence: "a former officer", "a Syrian man", "two men".
func (d *doc) describesSomeone(s sentence) bool {
	for k := s.a; k+1 < s.b; k++ {
		f := d.toks[k].Fold
		if f != "a" && f != "an" && !numberWords[f] && !d.toks[k].Digits {
			continue
		}
		for j := k + 1; j < s.b && j < k+11; j++ {
			g := d.toks[j].Fold
			if roleNouns[g] || g == "man" || g == "men" || g == "woman" || g == "suspect" || g == "suspects" || g == "lieutenant" || g == "officer" {
				return true
			}
		}
	}
	return false
}

// pronounAt returns the token of a personal pronoun in the sentence before
// or just after the trigger, or -1.
func (d *doc) pronounAt(a int, s sentence) int {
	quoted := false
	for k := s.a; k < s.b && k < a+4; k++ {
		switch f := d.toks[k].Fold; {
		case f == "“" || f == "\"" && !quoted:
			quoted = true
		case f == "”" || f == "\"" && quoted:
			quoted = false
		case (f == "he" || f == "him" || f == "his" || f == "she" || f == "her") && !quoted:
			return k // a pronoun inside a quotation points to someone the speaker knows, not the speaker
		}
	}
	return -1
}

// resolvePronoun finds whom the pronoun at token k stands for: the person
// who last spoke, if one did in this or the two sentences before, else the
// nearest person mentioned before it; "she" and "he" keep to persons the
// text gives that gender by name.
func (d *doc) resolvePronoun(k int) *person {
	female := d.fold(k) == "she" || d.fold(k) == "her"
	fits := func(p *person) bool { return p != nil && (!female || !p.male) && (female || !p.female) }
	si := d.sentOf[k]
	for i := len(d.events) - 1; i >= 0; i-- {
		ev := d.events[i]
		if d.sentOf[ev.trig] < si-2 {
			break
		}
		if ev.typ != extract.EventStatement || ev.trig > k {
			continue
		}
		for _, p := range d.persons {
			if p.name == ev.who[0].Name && fits(p) {
				return p
			}
		}
	}
	for j := k - 1; j >= 0 && j >= k-lookBack; j-- {
		if p, m := d.mentionAt(j); p != nil {
			if fits(p) && d.own[m.a] != ownEpithet {
				return p
			}
			j = m.a
		}
	}
	return nil
}
