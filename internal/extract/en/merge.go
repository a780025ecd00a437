package en

// Step 6: one event per fact, and what the events say of each person.

import (
	"github.com/athar-project/athar/internal/extract"
	"sort"
	"strings"
)

// dropHeadlineEvents drops events of a headline that name nobody when the
// body reports an event of the same type: the headline only announces it.
func (d *doc) dropHeadlineEvents() {
	if len(d.sents) < 2 {
		return
	}
	if !d.titleLine(0) {
		return
	}
	body := map[string]bool{}
	for _, ev := range d.events {
		if d.sentOf[ev.trig] > 0 {
			body[normEventType(ev.typ)] = true
		}
	}
	var keep []*event
	for _, ev := range d.events {
		if d.sentOf[ev.trig] == 0 && len(ev.who) == 0 && body[normEventType(ev.typ)] {
			continue
		}
		keep = append(keep, ev)
	}
	d.events = keep
}

// titleLine reports a first sentence that is the headline: short, and
// ending without a full stop.
func (d *doc) titleLine(si int) bool {
	if si != 0 || len(d.sents) < 2 {
		return false
	}
	h := d.sents[0]
	return d.toks[h.b-1].Fold != "." && h.b-h.a <= 25
}

func normEventType(t string) string {
	switch t {
	case extract.EventDetention:
		return extract.EventArrest
	case extract.EventSentence:
		return extract.EventConviction
	}
	return t
}

// absorbLeads folds an event that names nobody into an event of the same
// type in the next sentence that names people: "A court convicted three
// former officials. The court sentenced X and Y ..." is one fact per person.
func (d *doc) absorbLeads() {
	var out []*event
	for i, ev := range d.events {
		if len(ev.who) == 0 && personTypes[ev.typ] {
			si := d.sentOf[ev.trig]
			var into *event
			for _, o := range d.events[i+1:] {
				if d.sentOf[o.trig] > si+2 {
					break
				}
				if len(o.who) > 0 && normEventType(o.typ) == normEventType(ev.typ) && d.sentOf[o.trig] > si {
					into = o
					break
				}
			}
			if into != nil {
				if into.where == "" {
					into.where = ev.where
				}
				if into.date == nil {
					into.date = ev.date
				}
				continue
			}
		}
		out = append(out, ev)
	}
	d.events = out
}

// mergeEvents keeps one event per fact: same type and same people (or,
// for events that name nobody, the same type), filling in a place and date
// the first mention lacked.
func (d *doc) mergeEvents() {
	var out []*event
	byKey := map[string]*event{}
	for _, ev := range d.events {
		key := ev.typ
		if ev.typ == extract.EventSentence {
			key = extract.EventConviction
		}
		if ev.typ == extract.EventDetention {
			key = extract.EventArrest
		}
		var names []string
		for _, w := range ev.who {
			names = append(names, w.Name+"/"+w.Role)
		}
		sort.Strings(names)
		key += "|" + strings.Join(names, "|")
		if len(ev.who) == 0 && ev.where != "" {
			// an account that names nobody: what was done at one prison is
			// not what was done at the hospital the narrator was moved to
			key += "|@" + ev.where
		}
		old := byKey[key]
		if old != nil && old.date != nil && ev.date != nil && !old.date.Date.IsZero() && !ev.date.Date.IsZero() && old.date.Date != ev.date.Date {
			// the same kind of event on another date is another event: a
			// first sentence and an appeal, two arrests years apart
			key += "|" + ev.date.Date.String()
			old = byKey[key]
		}
		if old == nil {
			byKey[key] = ev
			out = append(out, ev)
			continue
		}
		// the quote is the sentence that says most: the one that asserts, or
		// that gives the place and date the first left out
		if ev.modality == extract.Asserted && old.modality != extract.Asserted ||
			old.where == "" && old.date == nil && ev.where != "" && ev.date != nil {
			old.sent, old.trig = ev.sent, ev.trig
		}
		if old.where == "" || (ev.where != "" && d.placeSpec(ev.where) > d.placeSpec(old.where) && d.placeSpec(ev.where) < 6) {
			old.where = ev.where
		}
		if old.date == nil || (old.date.Date.IsZero() && ev.date != nil && !ev.date.Date.IsZero()) {
			if ev.date != nil {
				old.date = ev.date
			}
		}
		if old.count == 0 {
			old.count = ev.count
		}
		if ev.modality == extract.Asserted && old.modality != extract.Asserted {
			old.modality = extract.Asserted
		} else if ev.modality == extract.Denied && old.modality == extract.Alleged {
			old.modality = extract.Denied
		}
		for _, ag := range ev.agents {
			if !containsFold(old.agents, ag) {
				old.agents = append(old.agents, ag)
			}
		}
		if old.typ == extract.EventSentence && ev.typ == extract.EventConviction {
			old.typ = extract.EventConviction
		}
	}
	d.events = out
}

// setStatuses derives each person's status from the events they take part
// in. A survivor who gives an account is a witness, not only a victim (the
// annotations' convention: "people giving accounts"; the Arabic extractor's
// order): witness ranks above victim. Only the one who gives the account
// becomes a witness; the persons an account names (its victims, the guards
// it accuses) do not.
func (d *doc) setStatuses() {
	rank := map[string]int{extract.StatusConvicted: 7, extract.StatusArrested: 6, extract.StatusWanted: 5, extract.StatusDeceased: 4,
		extract.StatusWitness: 3, extract.StatusVictim: 2, extract.StatusOfficial: 1}
	byName := map[string]*person{}
	for _, p := range d.persons {
		byName[p.name] = p
		if p.official {
			p.status = extract.StatusOfficial
		}
		if p.victim && rank[p.status] < rank[extract.StatusVictim] {
			p.status = extract.StatusVictim
		}
		if d.relativeWitnesses[p.name] && rank[p.status] < rank[extract.StatusWitness] {
			p.status = extract.StatusWitness // a relative who speaks for a victim
		}
	}
	for _, ev := range d.events {
		if ev.modality == extract.Denied {
			continue
		}
		for _, w := range ev.who {
			p := byName[w.Name]
			if p == nil {
				continue
			}
			st := ""
			switch ev.typ {
			case extract.EventConviction, extract.EventSentence:
				st = extract.StatusConvicted
			case extract.EventArrest, extract.EventReferral, extract.EventCharge, extract.EventTrial, extract.EventConfession:
				if w.Role == extract.RoleSubject {
					st = extract.StatusArrested
				}
			case extract.EventWanted:
				st = extract.StatusWanted
			case extract.EventDeathInCustody:
				if w.Role != extract.RolePerpetrator {
					st = extract.StatusDeceased
				}
			case extract.EventTestimony:
				if w.Role == extract.RoleWitness {
					st = extract.StatusWitness
				}
			}
			if w.Role == extract.RoleVictim && st == "" {
				st = extract.StatusVictim
			}
			if rank[st] > rank[p.status] {
				p.status = st
			}
		}
	}
}
