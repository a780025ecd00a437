package en

// Pronouns and descriptions that point to a person named elsewhere.

import (
	"strings"

	"github.com/athar-project/athar/internal/extract"
)

// kinship is a relation the text gives a person to another: Okba is
// Almashan's brother.
type kinship struct {
	noun string // "brother", "wife"
	of   *person
}

// findKinships reads the relations the text gives between persons it
// names, so that a later "her brother" or "Haidar's wife" can be told
// apart from the person it is said of: an apposition after a name (",
// Almashan’s older brother", ", the brother of X"), or a kinship noun
// before it ("his younger brother, Mohammad Ghazal", "Almashan’s brother
// Okba"), whose possessive pronoun points to the person named before.
func (d *doc) findKinships() {
	for _, p := range d.persons {
		for _, m := range p.ments {
			if d.own[m.a] == ownEpithet {
				continue
			}
			if noun, of := d.kinAfter(m.b); of != nil && of != p {
				p.addKin(noun, of)
			}
			if noun, of := d.kinBefore(m.a); of != nil && of != p {
				p.addKin(noun, of)
			}
			k := m.a - 1
			if d.fold(k) == "," {
				k--
			}
			if f := d.fold(k); k >= 0 && !d.toks[k].Cap && !p.male && !p.female {
				// "al-Labbad’s wife, Sondos Othman", "his mother Amal": her sex,
				// whether or not the text names whose relative she is
				p.female, p.male = femaleKin[f], maleKin[f]
			}
		}
	}
}

func (p *person) addKin(noun string, of *person) {
	for _, k := range p.kin {
		if k.noun == noun && k.of == of {
			return
		}
	}
	p.kin = append(p.kin, kinship{noun, of})
	if !p.male && !p.female {
		// "al-Labbad's wife, Sondos Othman": "his arrest" after her words is
		// not hers
		p.female, p.male = femaleKin[noun], maleKin[noun]
	}
}

// femaleKin and maleKin are the kinship nouns that tell a person's sex.
var (
	femaleKin = set(`wife mother sister daughter widow aunt niece grandmother`)
	maleKin   = set(`husband father brother son uncle nephew grandfather widower`)
)

// kinAfter reads ", Y’s [adjectives] KIN" or ", the KIN of Y" at token k.
func (d *doc) kinAfter(k int) (string, *person) {
	if d.fold(k) != "," {
		return "", nil
	}
	k++
	if d.fold(k) == "the" && kinNouns[d.fold(k+1)] && d.fold(k+2) == "of" {
		if q, m := d.mentionAt(k + 3); q != nil && m.a == k+3 {
			return d.fold(k + 1), q
		}
		return "", nil
	}
	q, m := d.mentionAt(k)
	if q == nil || m.a != k {
		return "", nil
	}
	if noun := d.kinNounAfterPossessive(m.b); noun >= 0 {
		return d.fold(noun), q
	}
	return "", nil
}

// kinNounAfterPossessive returns the kinship noun of "’s [one or two
// adjectives] KIN" at token k, or -1.
func (d *doc) kinNounAfterPossessive(k int) int {
	if !isCloseQuote(d.fold(k)) || d.fold(k+1) != "s" {
		return -1
	}
	return d.kinNounAt(k + 2)
}

// kinNounAt returns the kinship noun at token k, after at most two
// lower-case adjectives ("older brother", "younger brother"), or -1.
func (d *doc) kinNounAt(k int) int {
	for j := k; j < len(d.toks) && j <= k+2; j++ {
		t := d.toks[j]
		if kinNouns[t.Fold] && !t.Cap {
			return j
		}
		if !t.Word || t.Cap || roleNouns[t.Fold] {
			return -1
		}
	}
	return -1
}

// kinBefore reads "his younger brother, X", "Y’s brother X", "Y, whose
// brother X" ending at a name that starts at token a.
func (d *doc) kinBefore(a int) (string, *person) {
	k := a - 1
	if d.fold(k) == "," {
		k--
	}
	if k < 0 || !kinNouns[d.fold(k)] || d.toks[k].Cap {
		return "", nil
	}
	noun := d.fold(k)
	j := k - 1
	for j >= 0 && j >= k-2 && d.toks[j].Word && !d.toks[j].Cap && !possessivePronouns[d.fold(j)] && d.fold(j) != "whose" && d.fold(j) != "my" && !(d.fold(j) == "s" && isCloseQuote(d.fold(j-1))) {
		j-- // "younger", "older"
	}
	switch f := d.fold(j); {
	case possessivePronouns[f]:
		if q := d.resolvePossessive(j); q != nil {
			return noun, q
		}
	case f == "my":
		if q := d.quotationSpeaker(j); q != nil {
			return noun, q // "X told reporters, “This is my brother Y.”"
		}
	case f == "s" && isCloseQuote(d.fold(j-1)):
		if q, m := d.mentionAt(j - 2); q != nil && m.b == j-1 {
			return noun, q
		}
	case f == "whose" && d.fold(j-1) == ",":
		if q, m := d.mentionAt(j - 2); q != nil && m.b == j-1 {
			return noun, q // "Rana Haddad, whose brother Samer died in custody"
		}
	}
	return "", nil
}

var possessivePronouns = set(`his her their`)

// quotationSpeaker returns the person who speaks the quotation token k
// stands in: named just before a speech verb that opens it ("X told
// reporters, “...”", "X said: “...”"), or just after one that follows it
// ("“...,” X said", "“...,” said X"). Nil outside a quotation or when no
// person is named so.
func (d *doc) quotationSpeaker(k int) *person {
	open := -1
	for j := k - 1; j >= 0 && j >= k-80; j-- {
		if f := d.fold(j); f == "“" || f == "\"" && d.toks[j].Space {
			open = j
			break
		} else if f == "”" {
			return nil
		}
	}
	if open < 0 {
		return nil
	}
	for j := open - 1; j >= 0 && j >= open-6; j-- {
		if f := d.fold(j); speechVerbs[f] || f == "said" {
			if p, m := d.mentionAt(j - 1); p != nil && m.b == j {
				return p
			}
			return nil
		}
	}
	for j := k + 1; j < len(d.toks) && j <= k+120; j++ {
		f := d.fold(j)
		if f == "“" {
			return nil
		}
		if f != "”" && !(f == "\"" && !d.toks[j].Space) {
			continue
		}
		for v := j + 1; v < len(d.toks) && v <= j+4; v++ {
			if g := d.fold(v); speechVerbs[g] || g == "said" {
				if p, m := d.mentionAt(v - 1); p != nil && m.b == v {
					return p // "“...,” X said"
				}
				if p, m := d.mentionAt(v + 1); p != nil && m.a == v+1 {
					return p // "“...,” said X"
				}
				return nil
			}
		}
		return nil
	}
	return nil
}

// resolvePossessive finds whom "his" or "her" at token k stands for: the
// nearest person mentioned before it (of that gender, when the text gives
// one by name).
func (d *doc) resolvePossessive(k int) *person {
	female := d.fold(k) == "her"
	for j := k - 1; j >= 0 && j >= k-lookBack; j-- {
		if p, m := d.mentionAt(j); p != nil {
			if (!female || !p.male) && (female || !p.female) && d.own[m.a] != ownEpithet && !d.inRegimeContext(m) {
				return p
			}
			j = m.a
		}
	}
	return nil
}

// kinOf returns the person the text gives as noun of q ("Okba" for
// Almashan's brother), or nil when none or several are.
func (d *doc) kinOf(noun string, q *person) *person {
	var found *person
	for _, p := range d.persons {
		for _, k := range p.kin {
			if k.of == q && k.noun == noun {
				if found != nil && found != p {
					return nil
				}
				found = p
			}
		}
	}
	return found
}

// resolveKin finds whom a kinship noun at token k stands for: "her
// brother" (her is Almashan) is the person the text names as Almashan's
// brother.
func (d *doc) resolveKin(k int) *person {
	j := k - 1
	for j >= 0 && j >= k-2 && d.toks[j].Word && !d.toks[j].Cap && !possessivePronouns[d.fold(j)] {
		j--
	}
	var q *person
	switch f := d.fold(j); {
	case possessivePronouns[f]:
		q = d.resolvePossessive(j)
	case f == "s" && isCloseQuote(d.fold(j-1)):
		q, _ = d.mentionAt(j - 2)
	}
	if q == nil {
		return nil
	}
	return d.kinOf(d.fold(k), q)
}

// kinReference reports a kinship noun at k ("her brother") that stands
// for a person the text names elsewhere: not one named right after it ("His
// sister, Huda Zaher, said": the name is the mention), not a speaker.
func (d *doc) kinReference(k int) bool {
	j := k + 1
	if d.fold(j) == "," {
		j++
	}
	if p, m := d.mentionAt(j); p != nil && m.a == j {
		return false
	}
	if speechVerbs[d.fold(k+1)] {
		return false
	}
	return d.resolveKin(k) != nil
}

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
		if si+1 >= len(d.sents) || !d.describesSomeone(ev.sent) || d.describesOnlyHarmed(ev) {
			continue
		}
		if (ev.typ == extract.EventDeathInCustody || ev.typ == extract.EventDisappearance) && !d.describesOne(ev) {
			continue // "ex-prisoner describes the abuse and death": whose death, the text does not say
		}
		if d.describedByApposition(ev.sent) {
			continue // "X, a former detainee who was arrested at a checkpoint, said": X, not the next sentence's name
		}
		if d.namesAnother(ev) {
			continue // "pictures of victims who died under torture in the branch where X worked": the sentence's own, not the next name's
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
				if d.pluralVictimsBefore(ev.trig, ev.sent) {
					// "signed lists of prisoners who were taken to be hanged", "nine
					// men suspected of the massacre in which 167 civilians were
					// executed": the prisoners were, by the man's doing
					role = extract.RolePerpetrator
				}
			}
		}
		for _, p := range who {
			ev.who = append(ev.who, extract.Participant{Name: p.name, Role: role})
		}
	}
}

// namesAnother reports an event's sentence that names a person who is
// neither its speaker nor a relative: the event is told of near him, and
// the next sentence's name is not its lead-in's.
func (d *doc) namesAnother(ev *event) bool {
	for _, m := range d.sentencePersons(ev.sent) {
		if !d.isSpeaker(m.sp) && !d.invertedSpeaker(m.sp) && !d.possessiveKin(m.sp) && !d.kinOfBefore(m.sp.a) && !m.person.official {
			return true
		}
	}
	return false
}

// describedByApposition reports a sentence whose indefinite description
// stands after a name and a comma: "Nour Saleh, a former detainee who was
// arrested in 2012, told AFP ...". The one described is the one named.
func (d *doc) describedByApposition(s sentence) bool {
	for _, m := range d.sentencePersons(s) {
		if f := d.fold(m.sp.b + 1); d.fold(m.sp.b) == "," && (f == "a" || f == "an") {
			return true
		}
	}
	return false
}

// pluralVictimsBefore reports detainees or prisoners named in the few
// words before a passive trigger at a: they are its subject.
func (d *doc) pluralVictimsBefore(a int, s sentence) bool {
	for k := a - 1; k >= s.a && k >= a-8; k-- {
		if f := d.toks[k].Fold; victimsAfterSet[f] || victimNouns[f] && strings.HasSuffix(f, "s") {
			return true
		}
	}
	return false
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

// describesOnlyHarmed reports a sentence whose every indefinite
// description of persons is of those a harm befell ("over the deaths of
// two detainees", "for the torture of a student"), while the event is of
// another kind: a court convicts, or police arrest, someone else, and the
// next sentence's name is not theirs ("A court convicted senior officials
// over the deaths of two detainees. X's own story ...").
func (d *doc) describesOnlyHarmed(ev *event) bool {
	switch ev.typ {
	case extract.EventDeathInCustody, extract.EventDisappearance, extract.EventTortureAllegation, extract.EventExecutionAllegation, extract.EventRelease:
		return false
	}
	s := ev.sent
	found := false
	for k := s.a; k+1 < s.b; k++ {
		if f := d.toks[k].Fold; f != "a" && f != "an" && !numberWords[f] && !d.toks[k].Digits {
			continue
		}
		person := false
		for j := k + 1; j < s.b && j < k+6; j++ {
			g := d.toks[j].Fold
			if roleNouns[g] || g == "man" || g == "men" || g == "woman" || g == "suspect" || g == "suspects" || g == "lieutenant" || g == "officer" {
				person = true
				break
			}
			if !d.toks[j].Word || !(preRole[g] || roleAdjectives[g] || d.toks[j].Cap || g == "-" || d.toks[j].Digits) {
				break // the noun phrase ends: "a French court"
			}
		}
		if !person {
			continue
		}
		if d.fold(k-1) != "of" || !harmNouns[d.fold(k-2)] {
			return false
		}
		found = true
	}
	return found
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
		case (f == "he" || f == "him" || f == "his" || f == "she" || f == "her") && !quoted && k < a && d.fullStopBetween(k, a):
			// "He visited two mass graves. “We have 100,000 people who were
			// tortured to death,” he said": a sentence the quotation joined,
			// whose subject is not the quotation's
		case (f == "he" || f == "him" || f == "his" || f == "she" || f == "her") && !quoted:
			mid := d.fold(k + 1)
			ofTrigger := k == a-1 || k == a-2 && d.toks[k+1].Word && !d.toks[k+1].Cap && !kinNouns[mid] && !roleNouns[mid] // "his arrest", "her sudden release"; not "her brother died"
			if n := d.kinNounAt(k + 1); (f == "his" || f == "her") && n >= 0 && n < a && d.kinReference(n) {
				return n // "her brother, detained three years earlier": the brother the text names
			}
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

// fullStopBetween reports a full stop, question or exclamation mark
// between tokens i and j: a sentence the splitter kept with a quotation
// after it.
func (d *doc) fullStopBetween(i, j int) bool {
	for k := i + 1; k < j; k++ {
		if f := d.toks[k].Fold; f == "." || f == "?" || f == "!" {
			return true
		}
	}
	return false
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
		if descriptionNouns[f] && !(f == "accused" && d.fold(j+1) == "of") {
			// "the Air Force intelligence accused of killing": a participle
			// after a body's name, not "the accused"
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
		if p.victim != victim || !victim && d.sufferedSoFar(p) {
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

// sufferedSoFar reports a person an event found so far has as its victim
// ("X died in Sednaya prison in 2014. The suspect was arrested ...": the
// suspect is not X). The victim mark itself is set once all events are
// read, after the descriptions are resolved.
func (d *doc) sufferedSoFar(p *person) bool {
	for _, ev := range d.events {
		for _, w := range ev.who {
			if w.Role == extract.RoleVictim && w.Name == p.name {
				return true
			}
		}
	}
	return false
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
	if kinNouns[d.fold(k)] {
		return d.resolveKin(k)
	}
	female := d.fold(k) == "she" || d.fold(k) == "her"
	fits := func(p *person) bool { return p != nil && (!female || !p.male) && (female || !p.female) }
	// In quoted words the speaker is "I": "“We can tell them that he died
	// in custody,” Qudsi said" — he is someone else, never the one quoted.
	inQuote := d.quoted(k, sentence{})
	quoter := map[*person]bool{}
	si := d.sentOf[k]
	if !inQuote {
		// "a source from X's family said he was arrested": he is X, not the
		// speaker of the sentence before
		for _, m := range d.mentionsIn(d.sents[si]) {
			if m.person != nil && m.sp.b < k && d.familyOf(m.sp) && fits(m.person) {
				return m.person
			}
		}
	}
	for i := len(d.events) - 1; i >= 0; i-- {
		ev := d.events[i]
		if d.sentOf[ev.trig] < si-2 {
			break
		}
		if ev.typ != extract.EventStatement && ev.typ != extract.EventTestimony || len(ev.who) == 0 {
			continue
		}
		if !ev.about && (d.sentOf[ev.trig] != si || ev.who[0].Role != extract.RoleWitness) {
			continue // "X, 45, told the court he was beaten": a witness of this sentence who tells it is its he
		}
		if inQuote {
			if d.sentOf[ev.trig] >= si-1 && d.sentOf[ev.trig] <= si+1 {
				quoter[d.personNamed(ev.who[0].Name)] = true
			}
			continue
		}
		if ev.trig > k {
			continue
		}
		if p := d.personNamed(ev.who[0].Name); fits(p) {
			return p
		}
	}
	if inQuote {
		// the speaker of the quotation may not be read yet
		for j := k; j < len(d.toks) && j < k+lookBack && d.sentOf[j] <= si+1; j++ {
			if !d.quoted(j, sentence{}) && j > k && d.toks[j].Word && (d.toks[j].Fold == "said" || speechVerbs[d.toks[j].Fold]) {
				if p, _ := d.personMentionAfter(j+1, d.sentence(j).b); p != nil {
					quoter[p] = true
				}
				if p, _ := d.personMentionBefore(j, j-4); p != nil {
					quoter[p] = true
				}
				break
			}
		}
	}
	if p := d.previousSubject(k, fits); p != nil && !inQuote {
		return p
	}
	for j := k - 1; j >= 0 && j >= k-lookBack; j-- {
		if p, m := d.mentionAt(j); p != nil {
			if fits(p) && !quoter[p] && d.own[m.a] != ownEpithet && (!d.inRegimeContext(m) || d.familyOf(m)) {
				return p // "X's family learned that he had died": he is X
			}
			j = m.a
		}
	}
	return nil
}

// previousSubject resolves a pronoun that opens its sentence ("He told
// our correspondent ...") to the subject of the sentence before, the
// person named at its start ("The young man X, from Kafr Zita, was
// released ..., within the decree which the head of the regime Y
// issued."): English carries the subject on, and a name inside a clause
// of the earlier sentence is not what "He" continues. It returns nil when
// the sentence before opens with no person who fits.
func (d *doc) previousSubject(k int, fits func(*person) bool) *person {
	si := d.sentOf[k]
	if f := d.fold(k); si == 0 || k != d.sents[si].a || !(f == "he" || f == "she") {
		return nil
	}
	prev := d.sents[si-1]
	for j := prev.a; j < prev.b && j < prev.a+5; j++ {
		p, m := d.mentionAt(j)
		if p == nil {
			if d.toks[j].Word && (d.toks[j].Cap || d.own[j] != ownNone) && j > prev.a && d.fold(j-1) != "the" {
				return nil // another name or body opens the sentence
			}
			continue
		}
		if m.a != j || !fits(p) || d.own[m.a] == ownEpithet || p.official {
			return nil
		}
		return p
	}
	return nil
}

// familyOf reports a mention followed by "’s family": the family is not
// the "he" or "she" of what follows, the person named is ("the Assad
// family" names a regime; "Karim's family learned that he had died" a
// relative's loss).
func (d *doc) familyOf(m span) bool {
	return isCloseQuote(d.fold(m.b)) && d.fold(m.b+1) == "s" && d.fold(m.b+2) == "family"
}

// personNamed returns the person whose name is name, or nil.
func (d *doc) personNamed(name string) *person {
	for _, p := range d.persons {
		if p.name == name {
			return p
		}
	}
	return nil
}
