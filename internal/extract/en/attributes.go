package en

import (
	"sort"
	"strings"

	"github.com/athar-project/athar/internal/gazetteer"
	"github.com/athar-project/athar/internal/textfold"
)

// lookBack bounds how far back (in tokens) a pronoun or a cue looks for
// the person it points to: a few sentences, so that work stays linear.
const lookBack = 400

// indexPersons records, per token, the person a mention there names.
func (d *doc) indexPersons() {
	d.personAt = make([]*person, len(d.toks))
	for _, p := range d.persons {
		for _, m := range p.ments {
			for k := m.a; k < m.b; k++ {
				d.personAt[k] = p
			}
		}
	}
}

// mentionAt returns the person named at token k and that mention's span.
func (d *doc) mentionAt(k int) (*person, span) {
	if k < 0 || k >= len(d.personAt) || d.personAt[k] == nil {
		return nil, span{}
	}
	p := d.personAt[k]
	j := sort.Search(len(p.ments), func(j int) bool { return p.ments[j].b > k })
	if j < len(p.ments) && p.ments[j].a <= k {
		return p, p.ments[j]
	}
	return nil, span{}
}

// personMentionBefore returns the person with a mention ending at or before
// token i and starting at or after token lo, nearest first.
func (d *doc) personMentionBefore(i, lo int) (*person, span) {
	if lo < i-lookBack {
		lo = i - lookBack
	}
	for k := i - 1; k >= lo && k >= 0; k-- {
		if p, m := d.mentionAt(k); p != nil {
			if m.b <= i && m.a >= lo {
				return p, m
			}
			k = m.a
		}
	}
	return nil, span{}
}

// personMentionAfter returns the person mentioned first at or after token
// i and before hi.
func (d *doc) personMentionAfter(i, hi int) (*person, span) {
	if hi > i+lookBack {
		hi = i + lookBack
	}
	for k := i; k < hi && k < len(d.toks); k++ {
		if p, m := d.mentionAt(k); p != nil {
			if m.a >= i && m.b <= hi {
				return p, m
			}
			k = m.b - 1
		}
	}
	return nil, span{}
}

// insertMention adds sp to p's mentions, keeping them in text order.
func (d *doc) insertMention(p *person, sp span) {
	j := sort.Search(len(p.ments), func(j int) bool { return p.ments[j].a >= sp.a })
	p.ments = append(p.ments, span{})
	copy(p.ments[j+1:], p.ments[j:])
	p.ments[j] = sp
	if d.personAt != nil {
		for k := sp.a; k < sp.b; k++ {
			d.personAt[k] = p
		}
	}
}

// linkEpithets gives each nickname to the person or facility it follows.
func (d *doc) linkEpithets() {
	for k := range d.epithets {
		e := &d.epithets[k]
		if c := d.claimAt(e.sp.a); c != nil && c.sp == e.sp {
			continue // the nickname is a known name of a facility: "Human Slaughterhouse"
		}
		if !d.free(e.sp) {
			continue
		}
		from := e.sp.a
		if e.cue >= 0 {
			from = e.cue
		}
		s := d.sentence(from)
		p, pm := d.personMentionBefore(from, s.a)
		if e.cue < 0 && (p == nil || pm.b < e.sp.a-3) {
			continue // a quoted nickname goes with the name just before it, or nobody
		}
		if e.cue >= 0 && (p == nil || pm.b <= from-2) && d.roleNounBetween(s.a, from) {
			// "Mazen Hamada ... spoke of a jailer referred to as “Azrael”":
			// the nickname is the jailer's, whom this sentence does not name;
			// "a man known only as Abu Ali", "a sergeant called Munir", "the
			// military defector known as Caesar": a kunya, or a name written
			// without quotation marks, is what the text calls that person, a
			// person of their own
			if q := d.realNameAfter(e.sp.b, s); q != nil {
				// "a major whom the guards addressed as “the engineer” and whose
				// real name he later learned was Ayham Ghanem"
				e.person = q
				d.addEpithetMention(q, e.sp)
				continue
			}
			if kunyaStarts[d.fold(e.sp.a)] && e.sp.b-e.sp.a >= 2 || !e.quoted && e.sp.b-e.sp.a <= 2 && d.toks[e.sp.a].Cap && !d.toks[e.sp.a].Upper {
				q := d.personFor(nil, d.str(e.sp))
				q.words = []string{d.foldSpan(e.sp)}
				d.insertMention(q, e.sp)
				q.first = e.sp.a
				for k := e.sp.a; k < e.sp.b; k++ {
					d.own[k] = ownPerson
				}
				sort.SliceStable(d.persons, func(i, j int) bool { return d.persons[i].first < d.persons[j].first })
			}
			continue
		}
		// "earning him the nickname": a pronoun points to the last person named
		pron := -1
		for j := from - 1; j >= s.a && j >= from-4; j-- {
			if f := d.fold(j); f == "him" || f == "her" || f == "his" || f == "he" || f == "she" {
				pron = j
			}
		}
		if f := d.fold(from + 1); e.cue >= 0 && (f == "him" || f == "her") {
			pron = from + 1 // "detainees dubbed him “the Electrician”"
		}
		var fac *claim
		for j := from - 1; j >= s.a; j-- {
			if c := d.claimAt(j); c != nil && (c.typ == ownFacility) {
				fac = c
				break
			}
		}
		switch {
		case d.epithetOwner(e.sp, k) != nil:
			// the text has given this nickname to someone already: "X, nicknamed
			// “the Azrael of Sednaya” ... He earned the nickname “Azrael of
			// Sednaya”" is X's, whoever was named last
			p = d.epithetOwner(e.sp, k)
		case pron >= 0 && (p == nil || pm.b < pron):
			p = d.pronounOwner(from)
		case fac != nil && fac.sp.b >= from-5 && (p == nil || fac.sp.a > pm.a):
			nc := d.addClaim(e.sp, ownFacility, fac.gaz)
			nc.alias = d.str(fac.sp)
			e.ent = nil
			continue
		}
		if p == nil {
			// "the so-called “Butcher of Daraya”, Kamal Ibrahim Saleh, was ...":
			// the name follows the nickname
			k := e.sp.b
			for k < len(d.toks) && k < e.sp.b+3 && (isCloseQuote(d.fold(k)) || d.fold(k) == "," || !d.toks[k].Word && d.fold(k) != ".") {
				k++
			}
			if q, qm := d.mentionAt(k); q != nil && qm.a == k {
				p = q
			}
		}
		if p == nil && d.describesSomeone(s) && d.sentOf[from]+1 < len(d.sents) {
			// "a former jailer whom detainees nicknamed “the Doctor”. The man, X, ..."
			next := d.sents[d.sentOf[from]+1]
			p, _ = d.personMentionAfter(next.a, next.b)
		}
		if p == nil {
			continue
		}
		e.person = p
		d.addEpithetMention(p, e.sp)
	}
	d.mergeNicknamePersons()
	d.mergeRealNames()
	// later uses of a person's nickname are mentions of that person
	scanned := map[string]bool{}
	for _, e := range d.epithets {
		if e.person == nil || scanned[d.foldSpan(e.sp)] || len(scanned) >= 20 {
			continue
		}
		scanned[d.foldSpan(e.sp)] = true
		n := e.sp.b - e.sp.a
		for i := 0; i+n <= len(d.toks); i++ {
			if !d.free(span{i, i + n}) {
				continue
			}
			same := true
			for k := 0; k < n; k++ {
				if d.toks[i+k].Fold != d.toks[e.sp.a+k].Fold {
					same = false
					break
				}
			}
			if same {
				d.addEpithetMention(e.person, span{i, i + n})
			}
		}
	}
}

// realNameAfter returns the person named as the "real name" after token k
// in the sentence ("... and whose real name was Ayham Ghanem"), or nil.
func (d *doc) realNameAfter(k int, s sentence) *person {
	for j := k; j+1 < s.b; j++ {
		if d.toks[j].Fold == "real" && d.toks[j+1].Fold == "name" {
			if p, _ := d.personMentionAfter(j+2, s.b); p != nil {
				return p
			}
			return nil
		}
	}
	return nil
}

// mergeNicknamePersons joins to a person a person found on its own under a
// nickname the text has given them: after "Kinan Ibrahim, known among
// prisoners as “Abu Hadi”", a later "he remembered Abu Hadi well" names
// Kinan Ibrahim.
func (d *doc) mergeNicknamePersons() {
	for _, e := range d.epithets {
		if e.person == nil {
			continue
		}
		f := d.foldSpan(e.sp)
		for _, q := range d.persons {
			if q != e.person && len(q.ments) > 0 && strings.Join(q.words, " ") == f || q != e.person && textfold.Fold(q.name) == textfold.Fold(d.str(e.sp)) {
				d.mergePerson(e.person, q)
				break
			}
		}
	}
}

// mergeRealNames joins a nickname-person to the name the text reveals:
// "Abu Hadid's real name was Mahmoud Fayez Ramadan", "The man, whose real
// name is Ali Suleiman Hamdan"; and, for a person the text has named only
// by a nickname (a kunya, or words in quotation marks), "his name" or "her
// name" followed by the name ("the prisoners knew their jailer only as
// “Abu Jabal” ... they learned his name: Adnan Kheir"): a nickname is not
// a person of its own when the text says whose it is.
func (d *doc) mergeRealNames() {
	seen := 0
	for i := 0; i+2 < len(d.toks) && seen < 20; i++ {
		real := d.toks[i].Fold == "real" && d.toks[i+1].Fold == "name"
		own := (d.toks[i].Fold == "his" || d.toks[i].Fold == "her") && d.toks[i+1].Fold == "name"
		if !real && !own {
			continue
		}
		seen++
		k := i + 2
		if f := d.fold(k); f == "is" || f == "was" || f == "being" || f == "," || f == ":" {
			k++
		} else if own {
			continue // "his name was read out", "in her name"
		}
		y, ym := d.personMentionAfter(k, k+3)
		if y == nil || ym.a > k+1 {
			continue
		}
		x, _ := d.personMentionBefore(i, 0)
		if x == nil || x == y || own && !d.nicknameOnly(x) {
			continue
		}
		d.mergePerson(y, x)
	}
}

// nicknameOnly reports a person the text names only by a kunya ("Abu
// Jabal") or by words in quotation marks.
func (d *doc) nicknameOnly(p *person) bool {
	if len(p.ments) == 0 {
		return false
	}
	for _, m := range p.ments {
		if !kunyaStarts[d.fold(m.a)] && !isOpenQuote(d.fold(m.a-1)) {
			return false
		}
	}
	return true
}

// mergePerson moves x's mentions, names and details into y.
func (d *doc) mergePerson(y, x *person) {
	if !containsFold(y.aliases, x.name) {
		y.aliases = append(y.aliases, x.name)
	}
	for _, a := range x.aliases {
		if !containsFold(y.aliases, a) {
			y.aliases = append(y.aliases, a)
		}
	}
	y.ments = append(y.ments, x.ments...)
	sort.Slice(y.ments, func(i, j int) bool { return y.ments[i].a < y.ments[j].a })
	y.first = y.ments[0].a
	for _, m := range x.ments {
		for k := m.a; k < m.b; k++ {
			d.personAt[k] = y
		}
	}
	if y.rank == "" {
		y.rank = x.rank
	}
	if y.title == "" {
		y.title = x.title
	}
	y.roles = append(y.roles, x.roles...)
	y.official = y.official || x.official
	y.victim = y.victim || x.victim
	x.ments = nil
	for i := range d.epithets {
		if d.epithets[i].person == x {
			d.epithets[i].person = y
		}
	}
	var keep []*person
	for _, p := range d.persons {
		if p != x {
			keep = append(keep, p)
		}
	}
	d.persons = keep
	sort.SliceStable(d.persons, func(i, j int) bool { return d.persons[i].first < d.persons[j].first })
}

func (d *doc) addEpithetMention(p *person, sp span) {
	alias := d.str(sp)
	if !containsFold(p.aliases, alias) {
		p.aliases = append(p.aliases, alias)
	}
	d.insertMention(p, sp)
	for k := sp.a; k < sp.b; k++ {
		d.own[k] = ownEpithet
	}
}

func containsFold(list []string, s string) bool {
	f := textfold.Fold(s)
	for _, x := range list {
		if textfold.Fold(x) == f {
			return true
		}
	}
	return false
}

// roleAt reads a role phrase starting at token k ("former guard at Sednaya
// Prison", "27-year-old engineering student from Douma"): a role noun must
// come within its first five words, after nothing but describing words.
func (d *doc) roleAt(k int) span {
	s := d.sentence(k)
	b := k
	hasRole := false
	for b < s.b && b-k < 14 {
		t := d.toks[b]
		if roleEnders[t.Fold] || (b > k && t.Newlines > 0) {
			break
		}
		if t.Fold == "and" && !roleNouns[d.fold(b+1)] && !roleAdjectives[d.fold(b+1)] {
			break
		}
		if t.Word && speechVerbs[t.Fold] {
			break
		}
		if !hasRole {
			possessive := t.Fold == "s" && b > k && isCloseQuote(d.fold(b-1)) // "Germany's special envoy"
			if b-k >= 6 || !(roleNouns[t.Fold] || preRole[t.Fold] || roleAdjectives[t.Fold] || t.Cap || t.Digits || !t.Word || possessive) {
				return span{}
			}
			if roleNouns[t.Fold] {
				hasRole = true
			}
		}
		b++
	}
	for b > k && !d.toks[b-1].Word {
		b--
	}
	if !hasRole {
		return span{}
	}
	return span{k, b}
}

// personAttributes reads roles, affiliations and birthplaces.
func (d *doc) personAttributes() {
	d.amongVictims()
	d.findKinships()
	for _, p := range d.persons {
		for _, w := range strings.Fields(strings.ToLower(p.title)) {
			if victimNouns[w] {
				p.victim = true // "Syrian survivor Nizar Hamdan"
			}
		}
		if p.title != "" && !d.isCapital(p.title) {
			p.roles = append(p.roles, p.title)
			for _, w := range strings.Fields(strings.ToLower(p.title)) {
				if victimNouns[w] {
					p.victim = true
				}
			}
			p.title = ""
		}
		for _, m := range p.ments {
			k := m.b
			if d.fold(k) == "’" || d.fold(k) == "'" {
				continue
			}
			switch {
			case d.fold(k) == "," || d.fold(k) == "(":
				k++
				if f := d.fold(k); f == "who" && (d.fold(k+1) == "is" || d.fold(k+1) == "was") {
					k += 2
				}
			case d.fold(k) == "is" || d.fold(k) == "was":
				k++
			default:
				continue
			}
			if f := d.fold(k); f == "a" || f == "an" || f == "the" {
				k++
			}
			if r := d.roleAt(k); r.b > r.a {
				d.addRole(p, r)
			}
		}
	}
	for i, t := range d.toks {
		switch {
		case t.Fold == "as" && (d.fold(i+1) == "a" || d.fold(i+1) == "an") && i > 0 && (d.fold(i-1) == "time" || d.fold(i-1) == "worked" || d.fold(i-1) == "served" || d.fold(i-1) == "career" || d.fold(i-1) == "years"):
			r := d.roleAt(i + 2)
			if r.b <= r.a {
				continue
			}
			s := d.sentence(i)
			p, _ := d.personMentionBefore(i, s.a)
			if p == nil {
				p, _ = d.personMentionBefore(i, 0)
			}
			if p != nil {
				d.addRole(p, r)
			}
		case t.Fold == "born" && d.fold(i+1) == "in":
			d.birthplace(i, i+2, d.fold(i-1) == "was" || d.fold(i-1) == "were" || d.fold(i-2) == "was")
		case (t.Fold == "hails" || t.Fold == "hail" || t.Fold == "hailed" || t.Fold == "comes" || t.Fold == "came") && d.fold(i+1) == "from":
			d.birthplace(i, i+2, true)
		case t.Fold == "native" && d.fold(i+1) == "of":
			d.birthplace(i, i+2, true)
		case t.Fold == "from" && (d.fold(i-1) == "is" || d.fold(i-1) == "was" || d.fold(i-1) == "originally") && d.fold(i+1) == "the" && settlementNouns[d.fold(i+2)] && d.fold(i+3) == "of":
			d.birthplace(i, i+1, true)
		}
	}
}

func (d *doc) isCapital(s string) bool {
	for _, r := range s {
		return r >= 'A' && r <= 'Z'
	}
	return false
}

func (d *doc) addRole(p *person, r span) {
	role := d.str(r)
	if !containsFold(p.roles, role) {
		p.roles = append(p.roles, role)
	}
	head := true // the role's own noun, before "of", "at", "in": "cousin of longtime ruler X" is no ruler
	for k := r.a; k < r.b; k++ {
		if f := d.toks[k].Fold; f == "of" || f == "at" || f == "in" || f == "for" || f == "to" {
			head = false
		}
		if victimNouns[d.toks[k].Fold] && k < r.a+6 && head {
			p.victim = true
		}
		if officialTitles[d.toks[k].Fold] && k < r.a+6 && head && !d.formerIn(r.a, k) && !d.formerBefore(r.a) {
			p.official = true
		}
		if p.affiliation == "" {
			if c := d.claimAt(k); c != nil && (c.typ == ownFacility || c.typ == ownOrg) {
				p.affiliation = d.str(c.sp)
			}
		}
	}
}

// birthplace reads the place at token k ("the village of Al-Qabu") and
// gives it to the person before the cue (subjectBefore) or after the place
// ("Born in the village of Al-Qabu, Salloum ...").
func (d *doc) birthplace(cue, k int, subjectBefore bool) {
	if d.fold(k) == "the" {
		k++
	}
	if settlementNouns[d.fold(k)] && d.fold(k+1) == "of" {
		k += 2
	}
	c := d.claimAt(k)
	if c == nil || c.typ != ownPlace {
		return
	}
	s := d.sentence(cue)
	var p *person
	if subjectBefore {
		p, _ = d.personMentionBefore(cue, s.a)
		if p == nil {
			p, _ = d.personMentionBefore(cue, 0)
		}
	} else {
		p, _ = d.personMentionAfter(c.sp.b, s.b)
	}
	if p != nil && p.birthplace == "" {
		p.birthplace = d.str(c.sp)
	}
}

// collectMentions turns the live claims into entities and orders every
// mention.
func (d *doc) collectMentions() {
	// a bare town name that begins a facility's name in the same text
	// ("Sednaya" beside "Sednaya Prison") is the facility
	facByPrefix := map[string]*claim{}
	for _, c := range d.claims {
		if c.dead || c.typ != ownFacility {
			continue
		}
		for k := c.sp.a; k < c.sp.b; k++ {
			if facilityHeads[d.toks[k].Fold] || d.toks[k].Fold == "military" || d.toks[k].Fold == "central" {
				facByPrefix[d.foldSpan(span{c.sp.a, k})] = c
				break
			}
		}
	}
	byKey := map[string]*entity{}
	for _, c := range d.claims {
		if c.dead {
			continue
		}
		typ, g := c.typ, c.gaz
		converted := false
		if typ == ownPlace && (g == nil || smallPlace(g)) && !settlementNouns[d.fold(c.sp.b)] && !(d.fold(c.sp.a-1) == "of" && settlementNouns[d.fold(c.sp.a-2)]) {
			if f := facByPrefix[d.foldSpan(c.sp)]; f != nil {
				typ, g, converted = ownFacility, f.gaz, true
				if g == nil {
					c.alias = d.str(f.sp)
				}
			} else if pr := d.gaz.PrisonOf(d.foldSpan(c.sp)); pr != nil && d.detentionContext(d.sentence(c.sp.a)) {
				typ, g, converted = ownFacility, pr, true
			}
		}
		key := ""
		if g != nil {
			key = g.ID
		} else if c.alias != "" {
			key = textfold.Fold(c.alias)
		} else {
			key = d.foldSpan(c.sp)
		}
		key = string(rune('0'+typ)) + key
		e := byKey[key]
		if e == nil {
			e = &entity{typ: typ, gaz: g, key: key, hasAlias: map[string]bool{}}
			if c.alias != "" {
				e.name = c.alias
			} else {
				e.name = d.str(c.sp)
			}
			e.hasAlias[textfold.Fold(e.name)] = true
			e.provisional = converted || d.toks[c.sp.a].Upper && len(d.toks[c.sp.a].Fold) > 3
			byKey[key] = e
			d.ents = append(d.ents, e)
		} else if e.provisional && !converted && !(d.toks[c.sp.a].Upper && len(d.toks[c.sp.a].Fold) > 3) {
			// a bare "Sednaya" came first; the facility's own name is better
			e.name, e.provisional = d.str(c.sp), false
		}
		e.ments = append(e.ments, c.sp)
		d.addAlias(e, d.str(c.sp))
		if c.short != "" {
			d.addAlias(e, c.short)
		}
	}
	for _, e := range d.ents {
		sort.Slice(e.ments, func(i, j int) bool { return e.ments[i].a < e.ments[j].a })
		if e.gaz != nil && e.gaz.NameEN != "" {
			name := e.gaz.NameEN
			if i := strings.IndexByte(name, '('); i > 0 {
				name = strings.TrimSpace(name[:i])
			}
			// the gazetteer's English names, which this source may not write
			known := map[string]bool{}
			for f := range e.hasAlias {
				known[f] = true
			}
			for _, a := range append([]string{name}, e.gaz.Aliases...) {
				if f := textfold.Fold(a); isLatinName(a) && !known[f] {
					known[f] = true
					e.known = append(e.known, a)
				}
			}
		}
	}
	sort.SliceStable(d.ents, func(i, j int) bool { return d.ents[i].ments[0].a < d.ents[j].ments[0].a })
	for _, p := range d.persons {
		for _, m := range p.ments {
			d.mentions = append(d.mentions, mention{sp: m, person: p})
		}
	}
	for _, e := range d.ents {
		for _, m := range e.ments {
			d.mentions = append(d.mentions, mention{sp: m, ent: e})
		}
	}
	sort.Slice(d.mentions, func(i, j int) bool { return d.mentions[i].sp.a < d.mentions[j].sp.a })
	d.sentMents = make([][]mention, len(d.sents))
	for _, m := range d.mentions {
		si := d.sentOf[m.sp.a]
		d.sentMents[si] = append(d.sentMents[si], m)
	}
}

// mentionsIn returns the mentions lying inside s.
func (d *doc) mentionsIn(s sentence) []mention {
	if s.a >= s.b || s.a >= len(d.sentOf) {
		return nil
	}
	var out []mention
	for si := d.sentOf[s.a]; si < len(d.sents) && d.sents[si].a < s.b; si++ {
		for _, m := range d.sentMents[si] {
			if m.sp.a >= s.a && m.sp.b <= s.b {
				out = append(out, m)
			}
		}
	}
	return out
}

func (d *doc) addAlias(e *entity, s string) {
	f := textfold.Fold(s)
	if e.hasAlias[f] {
		return
	}
	e.hasAlias[f] = true
	e.aliases = append(e.aliases, s)
}

// detentionContext reports words about prisons and prisoners in a sentence.
func (d *doc) detentionContext(s sentence) bool {
	for k := s.a; k < s.b; k++ {
		if detentionWords[d.toks[k].Fold] {
			return true
		}
	}
	return false
}

func isLatinName(s string) bool {
	for _, r := range s {
		if r >= 0x0600 && r <= 0x06FF {
			return false
		}
	}
	return s != "" && !strings.HasPrefix(s, "formerly ")
}

func smallPlace(g *gazetteer.Entry) bool {
	switch g.Kind {
	case "country", "governorate", "city", "district":
		return false
	}
	return true
}

func (d *doc) foldSpan(sp span) string {
	var b strings.Builder
	for k := sp.a; k < sp.b; k++ {
		if !d.toks[k].Word {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(d.toks[k].Fold)
	}
	return b.String()
}

// roleNounBetween reports that a nickname cue at token j describes someone
// or something the sentence (tokens from i) does not name: "a jailer
// referred to as", "an officer known as", "a major whom the guards
// addressed as", "a ritual detainees called". It is false where the cue
// follows a named person ("X, whom prisoners called") or the namers call
// someone by a pronoun ("former detainees had long called him").
//
// A plural noun just before the cue is the group that names, not the one
// named; the one named stands before it or before a relative pronoun.
func (d *doc) roleNounBetween(i, j int) bool {
	namers := -1
	for k := j - 1; k >= i && k >= j-3; k-- {
		f := d.toks[k].Fold
		switch {
		case pluralRole(f) || strings.HasSuffix(f, "s") && (victimNouns[f] || roleNouns[f]):
			namers = k
		case f == "the" || f == "had" || f == "have" || f == "long" || f == "often":
		case f == "who" || f == "whom" || f == "that":
			return d.unnamedBefore(i, k)
		case (roleNouns[f] || oneOf[f]) && !d.toks[k].Cap:
			return true
		default:
			if namers >= 0 {
				k = -1 // leave the loop: the word before the namers is checked below
			}
		}
	}
	if namers < 0 {
		return false
	}
	if f := d.fold(j + 1); f == "him" || f == "her" || f == "them" {
		return false
	}
	a := namers - 1
	for a >= i && (d.fold(a) == "the" || d.fold(a) == "who" || d.fold(a) == "whom" || d.fold(a) == "that") {
		a--
	}
	return d.unnamedBefore(i, a+1)
}

// unnamedBefore reports that what stands just before token r (a relative
// pronoun, or the namers of a nickname) is no named person: a role noun
// ("a former jailer at Adra Central Prison who"), a rank ("a major whom")
// or a thing ("a ritual detainees called").
func (d *doc) unnamedBefore(i, r int) bool {
	k := r - 1
	for k >= i && (d.fold(k) == "," || d.toks[k].Digits) {
		k-- // "Barakat, 61, who is known as"
	}
	if k < i {
		return false
	}
	if p, m := d.mentionAt(k); p != nil && m.b == k+1 {
		return false
	}
	return true
}

// pluralRole reports a plural role noun ("guards", "prisoners"): a group
// that names someone, not the one named.
func pluralRole(f string) bool {
	return strings.HasSuffix(f, "s") && roleNouns[strings.TrimSuffix(f, "s")]
}

// heldClause reports a relative clause at token k that says its person
// was held in a place of detention: ", who was held in Adra prison", ",
// who had been detained at Branch 215", ", who was tortured", ", who spent
// three years in Saydnaya".
func (d *doc) heldClause(k int) bool {
	if d.fold(k) != "," || d.fold(k+1) != "who" {
		return false
	}
	j := k + 2
	if (d.fold(j) == "said" || d.fold(j) == "says") && (d.fold(j+1) == "he" || d.fold(j+1) == "she") {
		j += 2 // "who said he was held in the branch for months"
		if d.fold(j) == "had" && d.fold(j+1) == "been" {
			j++ // read as "who had been held"
		}
	}
	switch d.fold(j) {
	case "spent", "survived":
		for i := j + 1; i < j+8 && i < len(d.toks); i++ {
			if f := d.toks[i].Fold; custodyWords[f] {
				return true
			} else if f == "," || f == "." {
				break
			}
		}
		return false
	case "was", "were":
		j++
	case "had", "has":
		if d.fold(j+1) != "been" {
			return false
		}
		j += 2
	default:
		return false
	}
	if d.fold(j) == "released" && d.fold(j+1) == "from" {
		// "who was released from Sednaya in 2017": one who was held there
		for i := j + 2; i < j+6 && i < len(d.toks); i++ {
			if d.own[i] == ownFacility || detentionPlaces[d.toks[i].Fold] || custodyWords[d.toks[i].Fold] {
				return true
			}
		}
		return false
	}
	if !heldVerbs[d.fold(j)] {
		return false
	}
	if d.fold(j+1) == "for" && (d.tok(j+2).Digits || numberWords[d.fold(j+2)]) && custodySpans[d.fold(j+3)] {
		return true // "who was detained for two years": a term in custody
	}
	if d.fold(j) == "tortured" {
		return true
	}
	// "who was detained in Germany in 2019" says an accused was arrested;
	// "who was held in Sednaya prison" says a detainee was: a facility
	// (or a word of one) must follow in the clause.
	for i := j + 1; i < j+6 && i < len(d.toks); i++ {
		f := d.toks[i].Fold
		if f == "and" && d.fold(i+1) == "spent" {
			j = i + 1 // "who was detained in 2013 and spent two years in Sednaya prison"
			continue
		}
		if f == "," || f == "." || f == "and" {
			break
		}
		if d.own[i] == ownFacility || detentionPlaces[f] {
			return true
		}
	}
	return false
}

// custodySpans are the units of a term in custody: "held for two years".
var custodySpans = set(`years months`)

// detentionPlaces are the words that name a place of detention in a
// relative clause of custody (", who was held in a regime prison").
var detentionPlaces = set(`prison prisons jail cell cells branch dungeons sednaya saydnaya checkpoint`)

// amongVictims marks as victims the persons the text counts among
// detainees or survivors: "Qasem and Adnan are among four prisoners
// recently released", "one of the inmates, 30-year-old Qasem".
func (d *doc) amongVictims() {
	for _, p := range d.persons {
		for _, m := range p.ments {
			k := m.b
			for d.fold(k) == "and" || d.fold(k) == "," {
				if q, qm := d.mentionAt(k + 1); q != nil {
					k = qm.b
					continue
				}
				break
			}
			if beVerbs[d.fold(k)] && (d.fold(k+1) == "among" || d.fold(k+1) == "one") {
				for j := k + 2; j < len(d.toks) && j < k+7; j++ {
					if victimNouns[d.toks[j].Fold] {
						p.victim = true
					}
				}
			}
			if d.heldClause(m.b) {
				p.victim = true // "Rami Aswad, who was held in the Palestine Branch, described ..."
			}
			if d.fold(m.a-1) == "," && victimNouns[d.fold(m.a-2)] && !d.toks[m.a-2].Cap && (d.fold(m.b) == "," || d.fold(m.b) == ".") {
				p.victim = true // "One detainee, Tareq Nassif, died"
			}
			for j := m.a - 1; j >= 0 && j >= m.a-7; j-- {
				if d.toks[j].Fold == "one" && d.fold(j+1) == "of" && victimNouns[d.fold(j+3)] {
					p.victim = true
				}
				if d.toks[j].Fold == "." || d.toks[j].Fold == ";" {
					break
				}
			}
		}
	}
}

// epithetOwner returns the person an earlier nickname of the same words
// was given to, or nil.
func (d *doc) epithetOwner(sp span, before int) *person {
	f := d.foldSpan(sp)
	for _, e := range d.epithets[:before] {
		if e.person != nil && d.foldSpan(e.sp) == f {
			return e.person
		}
	}
	return nil
}

// pronounOwner returns the person a pronoun before a nickname cue points
// to: the nearest person named before who is not an official or a
// government's name ("the rule of Bashar al-Assad").
func (d *doc) pronounOwner(from int) *person {
	for j := from - 1; j >= 0 && j >= from-lookBack; j-- {
		p, m := d.mentionAt(j)
		if p == nil {
			continue
		}
		j = m.a
		if !p.official && !d.inRegimeContext(m) && d.own[m.a] != ownEpithet {
			return p
		}
	}
	return nil
}
