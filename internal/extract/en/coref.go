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
		if (ev.typ == extract.EventDeathInCustody || ev.typ == extract.EventDisappearance) && !d.describesOne(ev) {
			continue // "ex-prisoner describes the abuse and death": whose death, the text does not say
		}
		next := d.sents[si+1]
		var who []*person
		for k := next.a; k+1 < next.b; k++ {
			if (d.toks[k].Fold == "identified" || d.toks[k].Fold == "named") && k+1 < next.b {
				for j := k + 1; j < next.b && j < k+5; j++ {
					if d.toks[j].Fold == "as" {
						for _, m := range d.sentencePersons(sentence{j + 1, next.b}) {
							// "named as X and Y", "as X, a former warden, and Y": the
							// names follow "as" at once, or "and" after an apposition
							if m.sp.a <= j+3 || len(who) > 0 && (d.coordinated(d.lastEnd(who, next), m.sp.a) || d.fold(m.sp.a-1) == "and") {
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
				if !m.person.victim && (ev.typ == extract.EventDeathInCustody || ev.typ == extract.EventDisappearance) {
					continue // "over the deaths of two citizens. The court sentenced X": X did not die
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
			if beVerbs[d.fold(ev.trig-1)] {
				role = extract.RoleVictim // "a man held in Jableh had been tortured"
			}
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
	quoted, whose := false, false
	for k := s.a; k < s.b && k < a+4; k++ {
		switch f := d.toks[k].Fold; {
		case f == "whose":
			whose = true // "X, whose father disappeared after his arrest": his is the father's
		case f == "," && k < a:
			whose = false
		case whose && (f == "he" || f == "him" || f == "his" || f == "she" || f == "her"):
			continue
		case f == "“" || f == "\"" && !quoted:
			quoted = true
		case f == "”" || f == "\"" && quoted:
			quoted = false
		case (f == "he" || f == "him" || f == "his" || f == "she" || f == "her") && !quoted:
			mid := d.fold(k + 1)
			ofTrigger := k == a-1 || k == a-2 && d.toks[k+1].Word && !d.toks[k+1].Cap && !kinNouns[mid] && !roleNouns[mid] // "his arrest", "her sudden release"; not "her brother died"
			if (f == "his" || f == "her" && d.possessive(k)) && !ofTrigger || speechVerbs[d.fold(k+1)] {
				continue // "her brother, detained ...": the brother; "he said": the speaker
			}
			return k // a pronoun inside a quotation points to someone the speaker knows, not the speaker
		case (f == "the" || f == "this") && !quoted:
			if n := d.descriptionAfter(k); n > 0 && n < a+4 {
				return n
			}
		}
	}
	return -1
}

// possessive reports "her" used as a possessive: followed by a noun
// rather than a preposition or the end of a clause.
func (d *doc) possessive(k int) bool {
	n := d.tok(k + 1)
	return n.Word && !notAfterObject[n.Fold]
}

var notAfterObject = set(`in at on to by for from with and or after before during as of into since until while when`)

// descriptionAfter reads a definite description of a person that starts
// at token k ("the suspect", "the former officer", "the 55-year-old
// defendant") and returns the token of its noun, or -1.
func (d *doc) descriptionAfter(k int) int {
	for j := k + 1; j < len(d.toks) && j <= k+4; j++ {
		f := d.toks[j].Fold
		if descriptionNouns[f] {
			if d.personAt != nil && d.personAt[j] != nil {
				return -1
			}
			return j
		}
		if !roleAdjectives[f] && !preRole[f] && f != "-" && !d.toks[j].Digits {
			return -1
		}
	}
	return -1
}

// descriptionNouns head a definite description of a person named before.
var descriptionNouns = lex.Set("description_nouns")

// resolveDescription finds whom a description at token k ("the suspect")
// stands for: the nearest person mentioned before it who is not an
// official, and who suffered when the noun says so ("the detainee") or did
// not when it does not.
func (d *doc) resolveDescription(k int) *person {
	victim := victimNouns[d.fold(k)]
	for j := k - 1; j >= 0 && j >= k-lookBack; j-- {
		p, m := d.mentionAt(j)
		if p == nil {
			continue
		}
		j = m.a
		if p.official || d.inRegimeContext(m) || d.isSpeaker(m) || d.own[m.a] == ownEpithet {
			continue
		}
		if p.victim != victim {
			if victim && d.sentOf[m.a] >= d.sentOf[k]-1 && !p.victim && d.firstPersonOf(d.sentOf[m.a]) == p {
				p.victim = true // "X, a resident of Daraa, escaped ... The former detainee told ...": X
				return p
			}
			continue
		}
		return p
	}
	// "The individual is strongly suspected ...", before the text names him:
	// the person the article is about
	if p := d.defendant(); p != nil && !victim {
		return p
	}
	return nil
}

// firstPersonOf returns the first person a sentence names.
func (d *doc) firstPersonOf(si int) *person {
	for _, m := range d.sentMents[si] {
		if m.person != nil {
			return m.person
		}
	}
	return nil
}

// defendant is the person the article is about when it is about someone
// arrested, tried or accused: the one the text says is accused or
// suspected, or is the subject of an arrest, a charge, a trial or a
// conviction, most often; nil when nobody is, or two tie. It is read once,
// from the mentions (accused) and the events found so far.
func (d *doc) defendant() *person {
	if d.mainDone {
		return d.main
	}
	d.mainDone = true
	count := map[*person]int{}
	for _, p := range d.persons {
		if p.official || p.victim {
			continue
		}
		for _, m := range p.ments {
			if d.own[m.a] != ownEpithet && !d.inRegimeContext(m) && d.accused(m) {
				count[p]++
			}
		}
	}
	for _, ev := range d.events {
		if !defendantEvents[ev.typ] {
			continue
		}
		for _, w := range ev.who {
			if w.Role == extract.RoleSubject {
				for _, p := range d.persons {
					if p.name == w.Name && !p.official && !p.victim {
						count[p]++
					}
				}
			}
		}
	}
	best, bestN, tie := (*person)(nil), 0, false
	for _, p := range d.persons {
		switch n := count[p]; {
		case n > bestN:
			best, bestN, tie = p, n, false
		case n == bestN && n > 0:
			tie = true
		}
	}
	if tie {
		return nil
	}
	d.main = best
	return best
}

// defendantEvents are the events whose subject is the person accused.
var defendantEvents = set(`arrest charge trial conviction sentence referral_to_judiciary wanted`)

// resolvePronoun finds whom the pronoun at token k stands for: the person
// who last spoke, if one did in this or the two sentences before, else the
// nearest person mentioned before it; "she" and "he" keep to persons the
// text gives that gender by name.
func (d *doc) resolvePronoun(k int) *person {
	if descriptionNouns[d.fold(k)] {
		return d.resolveDescription(k)
	}
	female := d.fold(k) == "she" || d.fold(k) == "her"
	fits := func(p *person) bool { return p != nil && (!female || !p.male) && (female || !p.female) }
	si := d.sentOf[k]
	for i := len(d.events) - 1; i >= 0; i-- {
		ev := d.events[i]
		if d.sentOf[ev.trig] < si-2 {
			break
		}
		if ev.typ != extract.EventStatement && ev.typ != extract.EventTestimony || !ev.about || ev.trig > k || len(ev.who) == 0 {
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
			if fits(p) && d.own[m.a] != ownEpithet && !d.inRegimeContext(m) {
				return p
			}
			j = m.a
		}
	}
	return nil
}
