package en

import (
	"strconv"

	"github.com/athar-project/athar/internal/extract"
)

// group is a set of persons a report names together after telling what
// was done to them without names: "The four arrested in Germany are known
// only as A, B, C and D", "The three accused, who were tried in absentia,
// are X, Y and Z".
type group struct {
	sent    sentence
	persons []*person
	arrest  bool // named as the arrested (the lead's arrest is theirs)
}

// namedGroup finds a sentence that opens with "the" or "those", perhaps a
// number, and a word for the accused or the arrested, and names two
// persons or more after "are" or "were": the group it names, or nil.
func (d *doc) namedGroup() *group {
	for _, s := range d.sents {
		f := d.fold(s.a)
		if f != "the" && f != "those" {
			continue
		}
		k := s.a + 1
		if numberWords[d.fold(k)] || d.toks[k].Digits {
			k++
		}
		if !groupWords[d.fold(k)] {
			continue
		}
		copula := -1
		for j := k + 1; j < s.b; j++ {
			if g := d.fold(j); (g == "are" || g == "were") && d.depthAt(k+1, j) == 0 {
				copula = j
				break
			}
		}
		if copula < 0 {
			continue
		}
		var ps []*person
		for _, m := range d.sentencePersons(s) {
			if m.sp.a > copula && !containsPerson(ps, m.person) {
				ps = append(ps, m.person)
			}
		}
		if len(ps) >= 2 {
			return &group{sent: s, persons: ps, arrest: d.fold(k) == "arrested" || d.fold(k) == "detained"}
		}
	}
	return nil
}

// depthAt tells whether tokens i..j-1 leave a clause set off by commas
// open: "The three accused, who were tried in absentia, are X": the
// "were" inside the commas is the relative clause's, not the copula.
func (d *doc) depthAt(i, j int) int {
	depth := 0
	for k := i; k < j; k++ {
		if d.fold(k) == "," {
			depth = 1 - depth
		}
	}
	return depth
}

func containsPerson(ps []*person, p *person) bool {
	for _, q := range ps {
		if q == p {
			return true
		}
	}
	return false
}

// groupWords name a group by what was done to it: "the four arrested",
// "those detained", "the three accused".
var groupWords = set(`arrested detained accused defendants suspects`)

// fillArrestedGroup gives the group a report names (namedGroup) to the
// events that speak of it without names: the events of the naming
// sentence itself ("who were tried in absentia"); the lead's event told of
// as many people or more ("Three officers have been sentenced", "at least
// seven people have been arrested"), of the group's kind, in the same
// place for an arrest; and what "those arrested", "the suspects" or "the
// accused" are said to have done. An arrest elsewhere ("Sweden did not
// identify the three it arrested") is another group's.
func (d *doc) fillArrestedGroup() {
	g := d.namedGroup()
	if g == nil {
		return
	}
	var where string
	for _, ev := range d.events {
		if ev.sent == g.sent && ev.typ == extract.EventArrest {
			where = ev.where
		}
	}
	for _, ev := range d.events {
		if len(ev.who) > 0 {
			continue
		}
		switch {
		case ev.sent == g.sent:
		case ev.typ == extract.EventArrest:
			if !g.arrest || ev.where != where || !d.speaksOfGroup(ev.sent) && !(ev.sent.a < g.sent.a && d.peopleCount(ev.sent) >= len(g.persons)) {
				continue
			}
		case ev.typ == extract.EventSentence || ev.typ == extract.EventConviction || ev.typ == extract.EventTrial:
			if g.arrest || !(ev.sent.a < g.sent.a && d.peopleCount(ev.sent) >= len(g.persons)) {
				continue
			}
		case ev.typ == extract.EventTortureAllegation || ev.typ == extract.EventExecutionAllegation || ev.typ == extract.EventCharge || ev.typ == extract.EventReferral:
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
		for _, p := range g.persons {
			ev.who = append(ev.who, extract.Participant{Name: p.name, Role: role})
		}
	}
}

// speaksOfGroup reports a sentence that refers to a group by what was
// done to it: "those arrested", "the arrested", "the suspects", "the
// accused".
func (d *doc) speaksOfGroup(s sentence) bool {
	for k := s.a; k+1 < s.b; k++ {
		f, g := d.fold(k), d.fold(k+1)
		if (f == "those" || f == "the") && groupWords[g] {
			return true
		}
	}
	return false
}

// peopleCount returns the number of people a sentence tells of, or 0:
// "at least seven people have been arrested", "Three high-ranking Syrian
// intelligence officers have been sentenced".
func (d *doc) peopleCount(s sentence) int {
	for k := s.a; k < s.b; k++ {
		n := 0
		if v, ok := numberValue[d.fold(k)]; ok {
			n = v
		} else if d.toks[k].Digits {
			n, _ = strconv.Atoi(d.toks[k].Fold)
		}
		if n == 0 {
			continue
		}
		for j := k + 1; j < s.b && j <= k+7; j++ {
			if peopleNouns[d.fold(j)] {
				return n
			}
			if !d.toks[j].Word && d.toks[j].Fold != "-" || d.toks[j].Fold == "of" {
				break
			}
		}
	}
	return 0
}

// numberValue are the number words a lead counts people with.
var numberValue = map[string]int{"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
	"eleven": 11, "twelve": 12, "dozen": 12, "dozens": 24}

// peopleNouns are plural nouns for persons after a number.
var peopleNouns = set(`people persons men suspects individuals officers officials members defendants`)

// courtSeats gives a court event that names no place (a headline's "Life
// imprisonment for X", "X's trial continues") the city where the text
// puts another court event of the same person: one case is heard in one
// court. A country is too loose a seat to lend, and a person whose court
// events the text places in two cities lends none.
func (d *doc) courtSeats() {
	seat := map[string]string{}
	for _, ev := range d.events {
		if !courtEvents[ev.typ] || ev.where == "" || d.placeSpec(ev.where) < 3 || d.placeSpec(ev.where) > 5 {
			continue
		}
		for _, w := range ev.who {
			if old, ok := seat[w.Name]; ok && old != ev.where {
				seat[w.Name] = "-"
			} else if !ok {
				seat[w.Name] = ev.where
			}
		}
	}
	for _, ev := range d.events {
		if !courtEvents[ev.typ] || ev.where != "" || len(ev.who) != 1 || d.namesPlaceOrCourt(ev.sent) {
			continue // "the Higher Regional Court in Koblenz sentenced ...": its own court, though unread
		}
		if s := seat[ev.who[0].Name]; s != "" && s != "-" {
			ev.where = s
		}
	}
}

// namesPlaceOrCourt reports a sentence that names a place, a facility or
// an organization: its event's seat is its own business.
func (d *doc) namesPlaceOrCourt(s sentence) bool {
	for _, m := range d.mentionsIn(s) {
		if m.ent != nil {
			return true
		}
	}
	return false
}
