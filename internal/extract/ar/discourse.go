package ar

import "github.com/athar-project/athar/internal/extract"

// discourse is what the reading of the document so far lets a sentence point
// back to.
type discourse struct {
	topic   *person   // the person the last events were about
	group   []*person // the persons the last event about several named
	accused []*person // the persons the last arrest, referral, trial or verdict about several named
	// accusedByCourt is set once a trial, verdict or referral names the accused
	accusedByCourt bool
	// judged is the last person a trial, verdict or referral named alone
	judged  *person
	subject *person // the person the whole text is about, nil when none stands out
	// dateline is the place a dateline opens the body with ("اللاذقية - عنب
	// بلدي", "أربيل (كوردستان 24)-"): where the news comes from.
	dateline string
	// datelineEnd is the token after the dateline's place, 0 when none.
	datelineEnd int
}

// findDateline reads a dateline at the start of one of the first lines: a
// place, then a dash or an opening bracket.
func (d *doc) findDateline() string {
	lines := 0
	for i := 0; i < len(d.toks) && lines < 3; i++ {
		if i > 0 && d.toks[i].nl == 0 {
			continue
		}
		lines++
		e := d.entAt[i]
		if e == nil || e.typ != ownPlace || isCountry(e) {
			continue
		}
		j := i
		for j < len(d.toks) && d.entAt[j] == e {
			j++
		}
		if d.fold(j) == ":" && d.sents[d.sentOf[i]].heading {
			continue // "السويد: السجن 16 عاماً لضابط سابق": a headline's kicker, not where the news comes from
		}
		switch d.fold(j) {
		case "-", "–", "—", "(", ":":
			d.disc.datelineEnd = j
			if compiledDesk[d.fold(j+1)] {
				return "" // "إسطنبول - متابعات": the desk that compiled the news, not where it happened
			}
			return e.name
		}
	}
	return ""
}

// compiledDesk follow a dateline's dash when the news was compiled from
// other sources: "إسطنبول - متابعات", "دمشق - وكالات".
var compiledDesk = map[string]bool{foldText("متابعات"): true, foldText("وكالات"): true}

// documentSubject returns the person the text is about: the one named most
// often among those who are neither officials nor victims, with a rank or a
// cue counting for more; nil when nobody is named twice.
func (d *doc) documentSubject() *person {
	var best *person
	bestScore := 0
	for _, p := range d.persons {
		if p.official || p.victim || len(p.ments) < 2 {
			continue // named once, a person is no more what the text is about than a rank makes them
		}
		score := len(p.ments)
		if p.mil || p.rank != "" || p.cued {
			score += 2
		}
		if score > bestScore {
			best, bestScore = p, score
		}
	}
	return best
}

// followDiscourse updates what later sentences may point back to after
// sentence s: the person its events were about, the persons an event about
// several named, the persons a sentence that points to a group names, and,
// before any event has named someone, the first suspect the text introduces
// by rank or cue.
func (d *doc) followDiscourse(s sentence, evs []*event) {
	for _, ev := range evs {
		if len(ev.persons) == 1 && (courtTypes[ev.typ] || ev.typ == extract.EventReferral) && !ev.persons[0].victim {
			d.disc.judged = ev.persons[0]
		}
		if len(ev.persons) > 1 && ev.typ != extract.EventStatement {
			d.disc.group = ev.persons
			// the accused are those tried, sentenced or referred together; those
			// arrested together only until a court names some
			if courtTypes[ev.typ] || ev.typ == extract.EventReferral {
				d.disc.accused, d.disc.accusedByCourt = ev.persons, true
			} else if ev.typ == extract.EventArrest && !d.disc.accusedByCourt && !anyVictim(ev.persons) {
				d.disc.accused = ev.persons
			}
		}
		for _, p := range ev.persons {
			if !p.official && ev.typ != extract.EventStatement && ev.typ != extract.EventTestimony {
				d.disc.topic = p
			}
		}
	}
	if d.pointsToGroup(s) {
		var ps []*person
		for k := s.a; k < s.b; k++ {
			if p := d.personAt[k]; p != nil && !p.official {
				ps = appendPerson(ps, p)
			}
		}
		if len(ps) > 1 {
			d.disc.group = ps
		}
	}
	if d.disc.topic == nil {
		for k := s.a; k < s.b; k++ {
			if p := d.personAt[k]; p != nil && !p.official && (p.mil || p.rank != "" && !p.victim || p.cued) {
				d.disc.topic = p
				break
			}
		}
	}
}

// anyVictim reports a victim among persons.
func anyVictim(ps []*person) bool {
	for _, p := range ps {
		if p.victim {
			return true
		}
	}
	return false
}
