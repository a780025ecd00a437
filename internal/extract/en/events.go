package en

import (
	"sort"
	"strconv"
	"strings"

	"github.com/athar-project/athar/internal/extract"
)

// event is an event being built.
type event struct {
	typ      string
	who      []extract.Participant
	agents   []string
	where    string
	date     *extract.DateRef
	modality string
	count    int
	sent     sentence
	trig     int
}

// hearerAfter reports a court, investigators or a panel within the few
// words after token k: "told the ministry's investigators".
func (d *doc) hearerAfter(k int) bool {
	for j := k; j < len(d.toks) && j < k+5; j++ {
		if hearers[d.toks[j].Fold] {
			return true
		}
		if f := d.toks[j].Fold; f == "that" || f == "," || f == "." {
			return false
		}
	}
	return false
}

// placeSpec is the specificity of the entity named name.
func (d *doc) placeSpec(name string) int {
	for _, e := range d.ents {
		if e.name == name {
			return specificity(e)
		}
	}
	return 0
}

// findEvents reads each sentence for event triggers.
func (d *doc) findEvents() {
	for si := range d.sents {
		s := d.sents[si]
		for i := s.a; i < s.b; i++ {
			t := d.toks[i]
			if !t.Word {
				continue
			}
			if t.Fold == "said" || speechVerbs[t.Fold] {
				d.statementAt(i, s)
			}
			tr, bestLen := triggers.At(d.toks, i)
			if bestLen == 0 {
				continue
			}
			if d.skipTrigger(tr, i, i+bestLen, s) {
				i += bestLen - 1
				continue
			}
			d.eventAt(tr, i, i+bestLen, s)
			i += bestLen - 1
		}
	}
	d.leadIns()
	var keep []*event
	for _, ev := range d.events {
		if len(ev.who) == 0 && (ev.typ == extract.EventEscape || ev.typ == extract.EventRelease) {
			continue // an escape or a release of nobody named is not a fact we can hold
		}
		keep = append(keep, ev)
	}
	d.events = keep
	d.dropHeadlineEvents()
	d.absorbLeads()
	d.mergeEvents()
}

// personTypes are events that are about someone.
var personTypes = set(`arrest detention escape death_in_custody trial conviction sentence referral_to_judiciary confession torture_allegation execution_allegation charge wanted acquittal release disappearance`)

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

// allegationIn reports words that accuse someone in the sentence.
func (d *doc) allegationIn(s sentence) bool {
	for k := s.a; k < s.b; k++ {
		switch d.toks[k].Fold {
		case "accused", "linked", "blamed", "blame", "responsible", "suspected", "suspicion":
			return true
		}
	}
	return false
}

func appendPerson(ps []*person, p *person) []*person {
	for _, x := range ps {
		if x == p {
			return ps
		}
	}
	return append(ps, p)
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

// dropHeadlineEvents drops events of a headline that name nobody when the
// body reports an event of the same type: the headline only announces it.
func (d *doc) dropHeadlineEvents() {
	if len(d.sents) < 2 {
		return
	}
	h := d.sents[0]
	last := d.toks[h.b-1].Fold
	if last == "." || h.b-h.a > 25 {
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

func normEventType(t string) string {
	switch t {
	case extract.EventDetention:
		return extract.EventArrest
	case extract.EventSentence:
		return extract.EventConviction
	}
	return t
}

// skipTrigger rejects triggers that do not report an event: a verb after
// "to" or a modal, a negation, a required word missing, a noun used in
// another sense.
func (d *doc) skipTrigger(tr extract.Trigger, a, b int, s sentence) bool {
	if d.own[a] == ownEpithet || d.own[a] == ownPerson {
		return true
	}
	prev, prev2 := d.fold(a-1), d.fold(a-2)
	allegation := tr.Type == extract.EventTortureAllegation || tr.Type == extract.EventExecutionAllegation
	if tr.Verb && !allegation && (modals[prev] || (prev == "be" && modals[prev2])) {
		return true
	}
	if prev == "to" && (tr.Type == extract.EventArrest || tr.Type == extract.EventEscape) {
		return true
	}
	for k := a - 1; k >= s.a && k >= a-3; k-- {
		if negations[d.toks[k].Fold] {
			return true
		}
	}
	next := d.fold(b)
	switch tr.Type {
	case extract.EventTrial:
		if next == "to" && (d.toks[a].Fold == "tried" || d.toks[a].Fold == "trying") || next == "and" && d.fold(b+1) == "error" || prev == "pending" || prev == "awaiting" || prev == "without" {
			return true
		}
		if (prev == "face" || prev == "stand") && (modals[prev2] || prev2 == "to") {
			return true // "will face trial": not yet
		}
		for k := b; k < s.b && k < b+8; k++ {
			if f := d.toks[k].Fold; f == "expected" || f == "scheduled" || f == "due" || f == "will" {
				return true
			}
		}
	case extract.EventArrest:
		if (d.toks[a].Fold == "detained" || d.toks[a].Fold == "arrested") && (roleNouns[next] || adjectivalNext[next]) {
			return true // "detained officers", "arrested men": an adjective
		}
		if prev == "respiratory" || prev == "cardiac" || prev == "heart" || prev == "house" {
			return true
		}
	case extract.EventWanted:
		if d.toks[a].Fold == "wanted" && next == "to" {
			return true
		}
	case extract.EventRelease:
		if next == "the" || next == "a" || next == "footage" || next == "video" || next == "report" || next == "statement" || mediaNouns[prev] {
			return true // "released the footage", "a video released by"
		}
	case extract.EventTestimony:
		if d.toks[a].Fold == "told" && b == a+1 {
			// "told investigators", "told the ministry's investigators"; or a survivor who told anyone
			if !d.hearerAfter(b) && !d.victimWordBefore(a, s) {
				return true
			}
		}
		if (d.toks[a].Fold == "described" || d.toks[a].Fold == "recounted" || d.toks[a].Fold == "spoke" || d.toks[a].Fold == "interviewed") && !d.victimWordBefore(a, s) {
			return true
		}
	case extract.EventReferral:
		if next == "to" && d.fold(b+1) == "as" {
			return true // "referred to as"
		}
	}
	facility := func(k int) bool { return d.own[k] == ownFacility && tr.Type == extract.EventDeathInCustody }
	return !tr.NeedsMet(d.toks, b, s.b, facility)
}

// victimWordBefore reports a survivor, witness or former detainee named
// before token a in the sentence: "Survivors described torture".
func (d *doc) victimWordBefore(a int, s sentence) bool {
	for k := s.a; k < a; k++ {
		f := d.toks[k].Fold
		if testimonyNouns[f] {
			return true
		}
		if p, _ := d.mentionAt(k); p != nil && p.victim {
			return true
		}
	}
	return false
}

// inRegimeContext reports a person mention used to name a government, an
// era or forces ("al-Assad's prisons", "the Assad regime", "under the rule
// of Bashar al-Assad"): not a participant.
func (d *doc) inRegimeContext(m span) bool {
	k := m.b
	if d.fold(k) == "’" || d.fold(k) == "'" {
		k += 2
	}
	if d.fold(k) == "-" {
		k++
	}
	switch d.fold(k) {
	case "regime", "rule", "government", "forces", "era", "prisons", "army", "loyalists", "family", "years", "reign", "administration", "troops", "militias", "dictatorship":
		return true
	}
	p := d.fold(m.a - 1)
	if p == "of" && (d.fold(m.a-2) == "rule" || d.fold(m.a-2) == "regime" || d.fold(m.a-2) == "era" || d.fold(m.a-2) == "fall") {
		return true
	}
	return p == "under" || p == "ousted" || p == "toppled"
}

// sentencePersons returns the person mentions in a sentence that can take
// part in an event.
func (d *doc) sentencePersons(s sentence) []mention {
	var out []mention
	for _, m := range d.mentionsIn(s) {
		if m.person == nil {
			continue
		}
		if d.inRegimeContext(m.sp) {
			continue
		}
		out = append(out, m)
	}
	return out
}

// isSpeaker reports a person mention that speaks in the sentence.
func (d *doc) isSpeaker(m span) bool {
	k := m.b
	for k < len(d.toks) && (d.toks[k].Fold == "," || d.own[k] == ownEpithet || d.toks[k].Digits) && k < m.b+4 {
		k++ // "Khattab wrote", "Nouri, 38, told"
	}
	if speechVerbs[d.fold(k)] && d.fold(k) != "confirmed" && d.fold(k) != "denied" {
		return true
	}
	if d.fold(k) == "who" && speechVerbs[d.fold(k+1)] {
		return true // "X, who said he saw guards beat ..."
	}
	p := d.fold(m.a - 1)
	if m.a > 0 && (d.own[m.a-1] == ownTitle || d.toks[m.a-1].Fold == ".") {
		j := m.a - 1
		for j >= 0 && (d.own[j] == ownTitle || d.toks[j].Fold == ".") {
			j--
		}
		p = d.fold(j)
	}
	if speechBefore[p] && afterSpeakerEnd(d.fold(m.b)) {
		return true
	}
	return p == "to" && d.fold(m.a-2) == "according"
}

func (d *doc) handsOf(m span) bool {
	return d.fold(m.a-1) == "of" && d.fold(m.a-2) == "hands"
}

// passiveVictim reports "X was tortured", "X was executed", "X died" for a
// subject ending at token k.
func (d *doc) passiveVictim(k int) bool {
	if d.fold(k) == "," {
		return false
	}
	if d.fold(k) == "was" || d.fold(k) == "were" || d.fold(k) == "had" {
		k++
		if d.fold(k) == "been" {
			k++
		}
		switch d.fold(k) {
		case "tortured", "executed", "beaten", "killed", "hanged", "detained", "disappeared", "abducted", "raped", "arrested", "held":
			return true
		}
	}
	return d.fold(k) == "died"
}

// accused reports a person the sentence accuses: "X is accused of", "X,
// who is suspected of".
func (d *doc) accused(m span) bool {
	for k := m.b; k < len(d.toks) && k < m.b+8; k++ {
		switch d.toks[k].Fold {
		case "accused", "suspected", "blamed", "responsible", "alleged":
			return true
		case ".", ";":
			return false
		}
	}
	return false
}

// witnessed reports a person who saw or heard the act rather than did it:
// "X witnessed the executions", "X saw guards beat ...".
func (d *doc) witnessed(m span, a int) bool {
	for k := m.b; k < a && k < m.b+8; k++ {
		switch d.toks[k].Fold {
		case "witnessed", "saw", "watched", "heard", "seen":
			return true
		}
	}
	return false
}

// genericVictimBetween reports a word such as "detainees" between the
// person's mention and the trigger: "falsifying the certificates of
// detainees who died" is about the detainees, not the person.
func (d *doc) genericVictimBetween(persons []mention, p *person, a int) bool {
	for _, m := range persons {
		if m.person != p {
			continue
		}
		lo, hi := m.sp.b, a
		if hi < lo {
			lo, hi = a, m.sp.a
		}
		for k := lo; k < hi; k++ {
			if victimsAfterSet[d.toks[k].Fold] {
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

// withAnaphora adds, for a sentence that opens "The two ...", "The three
// ...", "Both ...", the people the previous sentence named.
func (d *doc) withAnaphora(persons []mention, s sentence) []mention {
	f, g := d.fold(s.a), d.fold(s.a+1)
	plural := f == "both" || (f == "the" && numberWords[g]) || (f == "all" && numberWords[g])
	if !plural || d.sentOf[s.a] == 0 {
		return persons
	}
	prev := d.sents[d.sentOf[s.a]-1]
	out := append([]mention{}, persons...)
	for _, m := range d.sentencePersons(prev) {
		if !m.person.official && !d.isSpeaker(m.sp) {
			out = append(out, m)
		}
	}
	return out
}

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

// eventAt builds an event of tr's type from the sentence around the trigger.
func (d *doc) eventAt(tr extract.Trigger, a, b int, s sentence) {
	ev := &event{typ: tr.Type, sent: s, trig: a}
	persons := d.sentencePersons(s)
	seen := map[*person]bool{}
	add := func(p *person, role string) {
		if p == nil || seen[p] {
			return
		}
		seen[p] = true
		ev.who = append(ev.who, extract.Participant{Name: p.name, Role: role})
	}
	switch tr.Type {
	case extract.EventTortureAllegation, extract.EventExecutionAllegation:
		// "died under torture": the sentence names who suffered, not who did it
		underOnly := d.fold(a-1) == "under"
		for _, m := range d.withAnaphora(persons, s) {
			p := m.person
			switch {
			case d.handsOf(m.sp):
				add(p, extract.RolePerpetrator)
			case p.victim || d.passiveVictim(m.sp.b):
				add(p, extract.RoleVictim)
			case p.official || d.isSpeaker(m.sp) || underOnly || d.witnessed(m.sp, a):
			default:
				add(p, extract.RolePerpetrator)
			}
		}
		if len(ev.who) == 0 {
			if k := d.pronounAt(a, s); k >= 0 {
				if p := d.resolvePronoun(k); p != nil && !p.official {
					role := extract.RolePerpetrator
					if p.victim || d.passiveVictim(k+1) || k == a+1 && (d.fold(k) == "him" || d.fold(k) == "her") {
						role = extract.RoleVictim
					}
					if role == extract.RoleVictim || !underOnly {
						add(p, role)
					}
				}
			}
		}
	case extract.EventDeathInCustody, extract.EventDisappearance, extract.EventRelease:
		var any []*person
		for _, m := range d.withAnaphora(persons, s) {
			if d.accused(m.sp) || d.handsOf(m.sp) {
				add(m.person, extract.RolePerpetrator)
				continue
			}
			if m.person.official || d.isSpeaker(m.sp) {
				continue
			}
			if m.person.victim || d.passiveVictim(m.sp.b) {
				add(m.person, extract.RoleVictim)
			}
			any = append(any, m.person)
		}
		if len(ev.who) == 0 && len(any) == 1 && !d.genericVictimBetween(persons, any[0], a) {
			add(any[0], extract.RoleVictim)
		}
		if len(ev.who) == 0 && len(persons) == 0 {
			if k := d.pronounAt(a, s); k >= 0 {
				if p := d.resolvePronoun(k); p != nil && !p.official {
					add(p, extract.RoleVictim)
				}
			}
		}

	case extract.EventTestimony:
		for _, m := range persons {
			if m.person.official && !m.person.victim || d.handsOf(m.sp) {
				continue
			}
			pre := d.fold(m.sp.a - 1)
			if m.person.victim || d.isSpeaker(m.sp) || m.sp.b <= a && a-m.sp.b <= 4 || pre == "including" || pre == "them" {
				add(m.person, extract.RoleWitness)
			}
		}
		if len(ev.who) == 0 {
			if k := d.pronounAt(a, s); k >= 0 && k < a {
				if p := d.resolvePronoun(k); p != nil && !p.official {
					add(p, extract.RoleWitness)
				}
			}
		}
	default:
		for _, m := range d.subjects(d.withAnaphora(persons, s), a, b, tr.Type) {
			role := extract.RoleSubject
			if m.person.victim && (tr.Type == extract.EventArrest || tr.Type == extract.EventEscape) {
				role = extract.RoleVictim
			}
			add(m.person, role)
		}
		if len(ev.who) == 0 {
			if k := d.pronounAt(a, s); k >= 0 {
				if p := d.resolvePronoun(k); p != nil && !p.official {
					add(p, extract.RoleSubject)
				}
			}
		}

		if tr.Type == extract.EventArrest && len(ev.who) > 0 && allVictims(ev.who) {
			ev.typ = extract.EventDetention
		}
	}
	ev.where = d.whereFor(tr.Type, a, s, !tr.Verb)
	ev.date = d.dateNear(a, s)
	ev.modality = d.modalityFor(tr.Type, s, a)
	ev.count = d.countIn(s)
	for _, m := range d.mentionsIn(s) {
		if m.ent != nil && m.ent.typ == ownOrg && !containsFold(ev.agents, m.ent.name) {
			switch tr.Type {
			case extract.EventArrest, extract.EventReferral, extract.EventWanted, extract.EventCharge, extract.EventConfession:
				ev.agents = append(ev.agents, m.ent.name)
			}
		}
	}
	d.events = append(d.events, ev)
}

func allVictims(ps []extract.Participant) bool {
	for _, p := range ps {
		if p.Role != extract.RoleVictim {
			return false
		}
	}
	return true
}

// subjects picks the people an arrest-like event is about: the eligible
// mention nearest the trigger (not an official, a speaker, or someone "at
// whose hands"; a victim only when nobody else is there) and those
// coordinated with it ("X and Y were arrested").
func (d *doc) subjects(persons []mention, a, b int, typ string) []mention {
	var elig []mention
	for _, m := range persons {
		if m.person.official || d.isSpeaker(m.sp) || d.handsOf(m.sp) {
			continue
		}
		if m.person.victim && typ != extract.EventArrest && typ != extract.EventEscape && typ != extract.EventRelease {
			continue // a victim is not the one tried, charged or convicted
		}
		elig = append(elig, m)
	}
	var nonVictim []mention
	for _, m := range elig {
		if !m.person.victim {
			nonVictim = append(nonVictim, m)
		}
	}
	if len(nonVictim) > 0 {
		elig = nonVictim
	}
	if len(elig) == 0 {
		return nil
	}
	best, bestDist := -1, 1<<30
	for i, m := range elig {
		dist := a - m.sp.b
		if m.sp.a >= b {
			dist = m.sp.a - b + 1
		}
		if dist < 0 {
			dist = -dist
		}
		if dist < bestDist {
			best, bestDist = i, dist
		}
	}
	out := []mention{elig[best]}
	// others in the same clause: "X and Y were arrested", "sentenced X, a
	// former head of ..., and Y to life"
	for i, m := range elig {
		if i == best || m.person == elig[best].person {
			continue
		}
		l, r := elig[best].sp.b, m.sp.a
		if m.sp.a < elig[best].sp.a {
			l, r = m.sp.b, elig[best].sp.a
		}
		if !d.clauseBreak(l, r) {
			out = append(out, m)
		}
	}
	return out
}

// clauseBreak reports a word between tokens i and j that starts another
// clause, so that people on either side are not in one event.
func (d *doc) clauseBreak(i, j int) bool {
	for k := i; k < j; k++ {
		if clauseBreakers[d.toks[k].Fold] {
			return true
		}
	}
	return false
}

// coordinated reports whether tokens [i, j) only join two names: "and",
// commas, or an apposition in commas is too long to count.
func (d *doc) coordinated(i, j int) bool {
	if j-i > 3 || j <= i {
		return false
	}
	for k := i; k < j; k++ {
		switch d.toks[k].Fold {
		case "and", ",", "as", "well", "&":
		default:
			return false
		}
	}
	return true
}

// whereFor picks the place of an event among the facilities and places of
// its sentence: allegations and deaths prefer a facility, arrests and
// trials a place; then a place after "in", "at", "near"; then the most
// specific (a village before its governorate); then the nearest. Places
// that describe a person ("a former guard at Sednaya Prison"), an origin
// ("from Douma") or the allegation behind an arrest ("accused of killings
// in Tadamon") are not where the event happened.
func (d *doc) whereFor(typ string, a int, s sentence, nounTrig bool) string {
	wantFacility, allowFacility := false, false
	switch typ {
	case extract.EventTortureAllegation, extract.EventExecutionAllegation, extract.EventDeathInCustody,
		extract.EventDisappearance:
		wantFacility, allowFacility = true, true
	case extract.EventEscape, extract.EventRelease:
		allowFacility = true // "escaped from Sednaya prison", "escaped a raid on his house in Tartus"
	case extract.EventStatement, extract.EventConfession, extract.EventWanted, extract.EventCharge:
		return ""
	}
	allegationFrom, allegationTo := -1, -1
	if !wantFacility {
		for k := s.a; k < s.b; k++ {
			if allegationWords[d.toks[k].Fold] && k > a {
				allegationFrom, allegationTo = k, s.b
				for j := k + 1; j < s.b; j++ {
					if f := d.toks[j].Fold; f == "during" || f == "when" || f == "after" || f == "while" || f == "," {
						allegationTo = j
						break
					}
				}
				break
			}
		}
	}
	type cand struct {
		name               string
		fac, loc, adj, rol bool
		spec, dist         int
	}
	var best *cand
	better := func(c, b *cand) bool {
		if b == nil {
			return true
		}
		if c.rol != b.rol {
			return !c.rol // where a person worked is a last resort
		}
		if c.adj != b.adj {
			return c.adj // "the Tadamon massacre": the place names the event
		}
		if wantFacility && c.fac != b.fac {
			return c.fac
		}
		if c.loc != b.loc {
			return c.loc
		}
		if c.spec != b.spec {
			return c.spec > b.spec
		}
		return c.dist < b.dist
	}
	for _, m := range d.mentionsIn(s) {
		if m.ent == nil {
			continue
		}
		e := m.ent
		if e.typ != ownPlace && e.typ != ownFacility {
			continue
		}
		if e.typ == ownFacility && !allowFacility {
			continue
		}
		rol := d.inRole(m.sp)
		if !wantFacility && rol || d.toks[m.sp.a].Upper && d.toks[m.sp.a].Newlines+boolInt(m.sp.a == 0) > 0 {
			continue // a person's description; a dateline ("DAMASCUS, March 4")
		}
		prev := d.fold(m.sp.a - 1)
		if prev == "the" {
			prev = d.fold(m.sp.a - 2)
		}
		if prev == "from" && typ != extract.EventEscape || d.fold(m.sp.a-2) == "born" {
			continue
		}
		if allegationFrom >= 0 && m.sp.a > allegationFrom && m.sp.a < allegationTo {
			continue
		}
		if e.gaz != nil && e.gaz.Kind == "country" && typ != extract.EventTrial && typ != extract.EventConviction && typ != extract.EventSentence && typ != extract.EventArrest {
			continue
		}
		dist := m.sp.a - a
		if dist < 0 {
			dist = -dist + 3 // after the trigger reads more naturally ("arrested in Homs")
		}
		court := d.fold(m.sp.b) == "court" || d.fold(m.sp.b) == "tribunal" || d.fold(m.sp.b+1) == "court"
		if court && !judicial[typ] {
			continue // "a Vienna court": where the court sits, not where the act happened
		}
		c := &cand{name: d.whereName(m.sp, e), fac: e.typ == ownFacility, spec: specificity(e), dist: dist, rol: rol,
			adj: court || nounTrig && (m.sp.b == a || m.sp.b == a-1 && d.toks[a-1].Digits),
			loc: locatives[prev] || prev == "from" || (prev == "of" && settlementNouns[d.fold(m.sp.a-2)])}
		if better(c, best) {
			best = c
		}
	}
	if wantFacility && (best == nil || !best.fac) {
		// "in the branch", "at the prison": the facility last named
		for k := s.a; k+1 < s.b; k++ {
			if d.toks[k].Fold == "the" && facilityHeads[d.toks[k+1].Fold] && d.own[k+1] == ownNone {
				if f := d.facilityBefore(k); f != "" {
					return f
				}
			}
		}
	}
	if best == nil {
		return ""
	}
	return best.name
}

// whereName is how an event's place is written: as the sentence writes it,
// unless that is a bare town standing for a facility or a dateline in capitals.
func (d *doc) whereName(sp span, e *entity) string {
	if t := d.toks[sp.a]; t.Upper && len(t.Fold) > 3 || e.typ == ownFacility && sp.b-sp.a == 1 {
		return e.name
	}
	return d.str(sp)
}

// facilityBefore names the facility mentioned last before token k.
func (d *doc) facilityBefore(k int) string {
	for si := d.sentOf[k]; si >= 0 && si > d.sentOf[k]-20; si-- {
		ms := d.sentMents[si]
		for j := len(ms) - 1; j >= 0; j-- {
			if ms[j].sp.a < k && ms[j].ent != nil && ms[j].ent.typ == ownFacility {
				return ms[j].ent.name
			}
		}
	}
	return ""
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// judicial are the events a court's place is the place of.
var judicial = set(`trial conviction sentence acquittal charge referral_to_judiciary testimony`)

// specificity ranks how small a place is: a village over a district over a
// governorate over a country.
func specificity(e *entity) int {
	if e.typ == ownFacility {
		return 6
	}
	if e.gaz == nil {
		return 5
	}
	switch e.gaz.Kind {
	case "country":
		return 0
	case "governorate":
		return 1
	case "district", "region":
		return 2
	case "city", "subdistrict":
		return 3
	}
	return 5
}

// inRole reports whether a span lies in a person's apposition (", a former
// guard at Sednaya Prison", "a former Sednaya prison guard").
func (d *doc) inRole(sp span) bool {
	for k := sp.b; k < len(d.toks) && k < sp.b+2; k++ {
		if f := d.toks[k].Fold; roleNouns[f] && !victimNouns[f] {
			return true // "Sednaya prison guard"
		}
		if facilityHeads[d.toks[k].Fold] && k == sp.b {
			continue
		}
		break
	}
	for k := sp.a - 1; k >= 0 && k >= sp.a-6; k-- {
		f := d.toks[k].Fold
		if settlementNouns[f] || f == "home" || f == "house" || isCloseQuote(f) {
			return false // "a relative's home in X" is no apposition
		}
		if roleNouns[f] && !victimNouns[f] {
			return true
		}
		if f == "," || f == "." || d.toks[k].Word && speechVerbs[f] {
			return false
		}
	}
	return false
}

// dateNear returns the date expression in the sentence nearest the trigger.
func (d *doc) dateNear(a int, s sentence) *extract.DateRef {
	var best *extract.DateRef
	bestDist := 1 << 30
	for k := range d.dates {
		r := &d.dates[k]
		if r.FirstTok < s.a || r.EndTok > s.b {
			continue
		}
		dist := r.FirstTok - a
		if dist < 0 {
			dist = -dist
		}
		if dist < bestDist {
			best, bestDist = r, dist
		}
	}
	return best
}

// modalityFor reads how the sentence reports an event of typ: cues in the
// clause around the trigger (a sentence that opens "According to" is
// reported speech throughout).
func (d *doc) modalityFor(typ string, s sentence, a int) string {
	from, to := a-15, a+10
	if from < s.a {
		from = s.a
	}
	if to > s.b {
		to = s.b
	}
	if cues.HasDenied(d.toks, from, a) {
		return extract.Denied
	}
	if d.fold(s.a) == "according" && d.fold(s.a+1) == "to" {
		return extract.Alleged
	}
	switch typ {
	case extract.EventTortureAllegation, extract.EventExecutionAllegation, extract.EventDeathInCustody, extract.EventDisappearance:
		if cues.HasAlleged(d.toks, from, to) {
			return extract.Alleged
		}
		return extract.Asserted
	}
	if strongAlleged.HasAlleged(d.toks, from, to) {
		return extract.Alleged
	}
	return extract.Asserted
}

// countIn reads a number of victims in the sentence: "more than 500
// detainees", "1,200 prisoners".
func (d *doc) countIn(s sentence) int {
	for k := s.a; k < s.b; k++ {
		if !d.toks[k].Digits {
			continue
		}
		n, _ := strconv.Atoi(d.toks[k].Fold)
		j := k + 1
		for j+1 < s.b && d.toks[j].Fold == "," && !d.toks[j].Space && d.toks[j+1].Digits && len(d.toks[j+1].Fold) == 3 {
			m, _ := strconv.Atoi(d.toks[j+1].Fold)
			n = n*1000 + m
			j += 2
		}
		if j < s.b && victimsAfterSet[d.toks[j].Fold] {
			return n
		}
	}
	return 0
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
				if d.sentOf[o.trig] > si+1 {
					break
				}
				if len(o.who) > 0 && normEventType(o.typ) == normEventType(ev.typ) && d.sentOf[o.trig] == si+1 {
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
			names = append(names, w.Name)
		}
		sort.Strings(names)
		key += "|" + strings.Join(names, "|")
		old := byKey[key]
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

// setStatuses derives each person's status from the events they take part in.
func (d *doc) setStatuses() {
	rank := map[string]int{extract.StatusConvicted: 7, extract.StatusArrested: 6, extract.StatusWanted: 5, extract.StatusDeceased: 4,
		extract.StatusVictim: 3, extract.StatusWitness: 2, extract.StatusOfficial: 1}
	byName := map[string]*person{}
	for _, p := range d.persons {
		byName[p.name] = p
		if p.official {
			p.status = extract.StatusOfficial
		}
		if p.victim && rank[p.status] < rank[extract.StatusVictim] {
			p.status = extract.StatusVictim
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
				st = extract.StatusDeceased
			case extract.EventTestimony:
				st = extract.StatusWitness
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
