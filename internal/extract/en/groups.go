package en

import "github.com/athar-project/athar/internal/extract"

// arrestedGroup finds the persons a wire report names as a group after it
// has told of their arrest without names: "The four arrested in Germany
// are known only as A, B, C and D", "The two detained are X and Y". The
// sentence opens with "the" or "those", perhaps a number, and a word of
// arrest, and its arrest names two persons or more. It returns that
// arrest, or nil.
func (d *doc) arrestedGroup() *event {
	for _, ev := range d.events {
		if ev.typ != extract.EventArrest || len(ev.who) < 2 {
			continue
		}
		s := ev.sent
		f := d.fold(s.a)
		if f != "the" && f != "those" {
			continue
		}
		k := s.a + 1
		if numberWords[d.fold(k)] || d.toks[k].Digits {
			k++
		}
		if ev.trig == k && groupWords[d.fold(k)] {
			return ev
		}
	}
	return nil
}

// groupWords name a group by what was done to it: "the four arrested",
// "those detained".
var groupWords = set(`arrested detained`)

// fillArrestedGroup gives the group a report names (arrestedGroup) to the
// events that speak of it without names: the lead's arrest of "at least
// seven people" in the same place, and what "those arrested", "some of
// those arrested" or "the suspects" are said to have done. An arrest
// elsewhere ("Sweden did not identify the three it arrested") is another
// group's.
func (d *doc) fillArrestedGroup() {
	g := d.arrestedGroup()
	if g == nil {
		return
	}
	for _, ev := range d.events {
		if ev == g || len(ev.who) > 0 {
			continue
		}
		switch ev.typ {
		case extract.EventArrest:
			if ev.where != g.where || !d.speaksOfGroup(ev.sent) && !(ev.sent.a < g.sent.a && d.pluralPeopleIn(ev.sent)) {
				continue
			}
		case extract.EventTortureAllegation, extract.EventExecutionAllegation, extract.EventCharge, extract.EventReferral:
			if !d.speaksOfGroup(ev.sent) {
				continue
			}
		default:
			continue
		}
		role := extract.RoleSubject
		if ev.typ == extract.EventTortureAllegation || ev.typ == extract.EventExecutionAllegation {
			role = extract.RolePerpetrator
		}
		for _, w := range g.who {
			ev.who = append(ev.who, extract.Participant{Name: w.Name, Role: role})
		}
	}
}

// speaksOfGroup reports a sentence that refers to a group by what was
// done to it: "those arrested", "the arrested", "the suspects", "the
// detained men".
func (d *doc) speaksOfGroup(s sentence) bool {
	for k := s.a; k+1 < s.b; k++ {
		f, g := d.fold(k), d.fold(k+1)
		if (f == "those" || f == "the") && groupWords[g] || f == "the" && g == "suspects" {
			return true
		}
	}
	return false
}

// pluralPeopleIn reports a number of people in a sentence: "at least
// seven people have been arrested", "12 men were detained".
func (d *doc) pluralPeopleIn(s sentence) bool {
	for k := s.a; k+1 < s.b; k++ {
		if (numberWords[d.fold(k)] || d.toks[k].Digits) && peopleNouns[d.fold(k+1)] {
			return true
		}
	}
	return false
}

// peopleNouns are plural nouns for persons after a number.
var peopleNouns = set(`people persons men suspects individuals officers members`)
