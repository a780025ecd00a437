package en

import (
	"strings"

	"github.com/athar-project/athar/internal/extract"
	"github.com/athar-project/athar/internal/gazetteer"
)

// claim is a token span found to name a facility, place or organization.
type claim struct {
	sp    span
	typ   uint8
	gaz   *gazetteer.Entry
	dead  bool
	alias string // the name of the entity this claim is another name of, when not in the gazetteer
	short string // the name without a "Syrian" the text put before it
}

// entity is a facility, place or organization with its mentions.
type entity struct {
	typ      uint8
	name     string
	key      string
	gaz      *gazetteer.Entry
	aliases  []string // other forms the text writes
	known    []string // the gazetteer's English names the text does not write
	ments    []span
	hasAlias map[string]bool
	// provisional is set while the name is a bare town name standing for
	// the facility
	provisional bool
}

type epithet struct {
	sp     span // the words of the nickname, inside the quotes
	cue    int  // token index of the cue ("known", "nicknamed"), or -1
	quoted bool
	person *person
	ent    *entity
}

// claims are kept in doc.claims; see addClaim.
func (d *doc) addClaim(sp span, typ uint8, g *gazetteer.Entry) *claim {
	c := &claim{sp: sp, typ: typ, gaz: g}
	d.claims = append(d.claims, c)
	for i := sp.a; i < sp.b; i++ {
		d.own[i] = typ
		d.claimOf[i] = c
	}
	return c
}

func (d *doc) killClaim(c *claim) {
	c.dead = true
	for i := c.sp.a; i < c.sp.b; i++ {
		if d.own[i] == c.typ {
			d.own[i] = ownNone
		}
		if d.claimOf[i] == c {
			d.claimOf[i] = nil
		}
	}
}

// claimAt returns the live claim covering token i, or nil.
func (d *doc) claimAt(i int) *claim {
	if i < 0 || i >= len(d.claimOf) {
		return nil
	}
	if c := d.claimOf[i]; c != nil && !c.dead {
		return c
	}
	return nil
}

func (d *doc) free(sp span) bool {
	for i := sp.a; i < sp.b; i++ {
		if d.own[i] != ownNone {
			return false
		}
	}
	return true
}

// cueWords introduce a nickname.
var epithetCues = [][]string{
	{"also", "known", "as"}, {"known", "as"}, {"nicknamed"}, {"dubbed"}, {"the", "nickname"}, {"nickname"},
	{"referred", "to", "as"}, {"called"}, {"codenamed"}, {"code", "-", "named"}, {"alias"}, {"aka"}, {"a", "k", "a"}, {"known", "by", "the", "nickname"},
	{"so", "-", "called"}, {"earned", "the", "title"},
	{"addressed", "as"}, {"went", "by"}, {"goes", "by"}, {"go", "by"}, {"under", "the", "name"}, {"nom", "de", "guerre"},
	{"whose", "nickname", "was"}, {"whose", "nickname", "is"}, {"nickname", "was"}, {"alias", "was"},
}

func isOpenQuote(s string) bool {
	switch s {
	case "“", "\"", "‘", "'", "«":
		return true
	}
	return false
}

func isCloseQuote(s string) bool {
	switch s {
	case "”", "\"", "’", "'", "»":
		return true
	}
	return false
}

// findEpithets finds nicknames: a cue followed by a quoted phrase or a
// capitalized one ("also known as the “Azrael of Sednaya”", "nicknamed
// Abu Ali").
func (d *doc) findEpithets() {
	for i := 0; i < len(d.toks); i++ {
		n := d.cueAt(i)
		if n == 0 {
			if ep, ok := d.quotedAfterName(i); ok {
				d.epithets = append(d.epithets, ep)
				i = ep.sp.b
			}
			continue
		}
		j := i + n
		if f := d.fold(j); f == "him" || f == "her" || f == "them" {
			j++ // "detainees dubbed him “the Electrician”"
		}
		if d.fold(j) == "the" {
			j++
		}
		if d.fold(j) == "nickname" || d.fold(j) == "title" {
			j++
		}
		if d.fold(j) == "of" {
			j++
		}
		if ep, ok := d.quotedAt(j); ok {
			ep.cue = i
			d.epithets = append(d.epithets, ep)
			i = ep.sp.b
			continue
		}
		// unquoted: a capitalized phrase such as "Abu Ali" or "the Butcher of Hama"
		k := j
		for k < len(d.toks) && k-j < 6 && d.toks[k].Word && (d.toks[k].Cap || (k > j && connectors[d.toks[k].Fold])) {
			k++
		}
		for k > j && !d.toks[k-1].Cap {
			k--
		}
		if k > j && d.sentOf[j] == d.sentOf[k-1] && !notNameWords[d.fold(j)] && !d.fullNameAt(j, k) {
			d.epithets = append(d.epithets, epithet{sp: span{j, k}, cue: i})
			i = k - 1
		}
	}
}

// fullNameAt reports an unquoted phrase [j, k) after a cue that is a
// person's full name, not a nickname: a given name and two more
// capitalized words, no connector ("the so called Muhammad Khalil Darwish
// known as ..."). The person's name is read as a name; the nickname, if
// any, comes after it.
func (d *doc) fullNameAt(j, k int) bool {
	if k-j == 2 && givenNames[d.fold(j)] && len(d.toks[j+1].Fold) == 1 && d.toks[j+1].Cap && d.fold(k) == "." {
		return true // "known only as Fadi K.": a name the press cuts to an initial, as German and Dutch courts give it
	}
	if k-j < 3 || !givenNames[d.fold(j)] {
		return false
	}
	for x := j; x < k; x++ {
		if !d.toks[x].Cap || connectors[d.toks[x].Fold] {
			return false
		}
	}
	return true
}

func (d *doc) cueAt(i int) int {
	// "known among detainees as", "known locally as", "known to prisoners as"
	if d.toks[i].Fold == "known" {
		for k := i + 1; k < len(d.toks) && k <= i+4; k++ {
			if d.toks[k].Fold == "as" {
				return k - i + 1
			}
			if !d.toks[k].Word || d.toks[k].Cap {
				break
			}
		}
	}
	for _, c := range epithetCues {
		if i+len(c) > len(d.toks) {
			continue
		}
		ok := true
		for k, w := range c {
			if d.toks[i+k].Fold != w {
				ok = false
				break
			}
		}
		if ok {
			return len(c)
		}
	}
	return 0
}

// quotedAfterName reads a short quoted nickname that follows a name at
// once, as reporting often gives it: "Ous Salloum, “Azrael of Sednaya,”
// was ...", "Amjad Youssef (“the Butcher of Tadamon”)". Token i is the
// opening quote; the name before it must be capitalized words, and the
// quotation at most four words that start with a capital (or "the").
func (d *doc) quotedAfterName(i int) (epithet, bool) {
	if !isOpenQuote(d.fold(i)) || i < 1 {
		return epithet{}, false
	}
	j := i - 1
	if f := d.fold(j); f == "," || f == "(" {
		j--
	}
	if j < 0 || !d.toks[j].Word || !d.toks[j].Cap || notNameWords[d.toks[j].Fold] || d.toks[j].Upper {
		return epithet{}, false
	}
	ep, ok := d.quotedAt(i)
	if !ok || ep.sp.b-ep.sp.a > 5 || ep.sp.b-ep.sp.a < 1 {
		return epithet{}, false
	}
	first := d.toks[ep.sp.a]
	if !first.Cap && first.Fold != "the" || d.toks[ep.sp.a].Newlines > 0 {
		return epithet{}, false
	}
	k := ep.sp.b
	for k < len(d.toks) && !isCloseQuote(d.toks[k].Fold) {
		k++ // "“Azrael of Sednaya,”": the comma inside the quotation
	}
	after := d.fold(k + 1)
	if after != "," && after != ")" && after != "." && !d.tok(k+1).Word {
		return epithet{}, false
	}
	ep.cue = -1
	return ep, true
}

// quotedAt reads a quoted phrase of one to eight words opening at token j.
func (d *doc) quotedAt(j int) (epithet, bool) {
	if j >= len(d.toks) || !isOpenQuote(d.toks[j].Fold) {
		return epithet{}, false
	}
	k := j + 1
	for k < len(d.toks) && k-j <= 10 && !isCloseQuote(d.toks[k].Fold) {
		if d.toks[k].Newlines > 0 {
			return epithet{}, false
		}
		k++
	}
	if k >= len(d.toks) || !isCloseQuote(d.toks[k].Fold) {
		return epithet{}, false
	}
	a, b := j+1, k
	for b > a && !d.toks[b-1].Word { // "Azrael of Sednaya,”: the comma is not the name
		b--
	}
	if b <= a {
		return epithet{}, false
	}
	return epithet{sp: span{a, b}, quoted: true}, true
}

// findGazetteer claims the gazetteer names of the text.
func (d *doc) findGazetteer() {
	for _, m := range extract.FindGazetteer(d.toks, d.gaz) {
		sp := span{m.FirstTok, m.EndTok}
		if d.insideEpithet(sp) {
			continue
		}
		var pick *gazetteer.Entry
		for _, h := range m.Hits {
			if h.Entry.Weak && !d.placeCue(sp.a) {
				continue
			}
			pick = h.Entry
			break
		}
		if pick == nil {
			continue
		}
		if !d.free(sp) {
			continue
		}
		typ := ownPlace
		switch pick.Type {
		case gazetteer.Facility:
			typ = ownFacility
		case gazetteer.Organization:
			typ = ownOrg
		}
		if typ == ownFacility && d.prisonBuilding(sp) {
			d.addClaim(sp, ownFacility, nil) // "the Red Building": a facility of its own
			continue
		}
		if typ == ownPlace && attributive(d.fold(sp.b), d.fold(sp.b+1)) {
			continue // "Assad-era abuses", "the Assad family": a name, not a place
		}
		short := ""
		if typ != ownPlace && d.fold(sp.a-1) == "syrian" && d.toks[sp.a-1].Cap && d.own[sp.a-1] == ownNone {
			sp.a-- // "the Syrian Internal Security Forces"
		}
		if typ != ownPlace && d.fold(sp.a) == "syrian" && sp.b-sp.a > 2 {
			short = d.str(span{sp.a + 1, sp.b}) // the body's name without the country
		}
		if typ == ownPlace && sp.b-sp.a > 1 && placeSuffixWord[d.fold(sp.b-1)] {
			// "Tartus province" names Tartus: the words stay the mention, and
			// the bare name is its other form
			b := sp.b - 1
			for b > sp.a && !d.toks[b-1].Word {
				b--
			}
			short = d.str(span{sp.a, b})
		} else if typ == ownPlace && placeSuffixWord[d.fold(sp.b)] && !d.toks[sp.b].Cap && d.own[sp.b] == ownNone && d.fold(sp.b) != "city" {
			short = d.str(sp)
			sp.b++ // "Latakia province", "the Damascus countryside"
		}
		if typ == ownPlace && d.fold(sp.a-1) == "rural" && d.own[sp.a-1] == ownNone {
			sp.a-- // "rural Damascus"
		}
		d.addClaim(sp, typ, pick).short = short
	}
}

// prisonBuilding reports a gazetteer facility's name that is a colour and
// a building ("Red Building", "White Building"): the gazetteer lists
// Sednaya's buildings as other names of the prison, but a text that names
// one names a part of the prison that survivors and courts tell apart, a
// facility of its own (as the Arabic extractor reads «المبنى الأحمر»).
func (d *doc) prisonBuilding(sp span) bool {
	return sp.b-sp.a == 2 && prisonColours[d.fold(sp.a)] && prisonParts[d.fold(sp.a+1)]
}

// attributive reports the words after a place name that make the name
// describe something else: "Assad-era", "Assad regime", "Assad family".
func attributive(next, next2 string) bool {
	return next == "-" && next2 == "era" || next == "regime" || next == "family" || next == "clan"
}

// findSkeletonPlaces finds places the gazetteer spells another way
// ("Mezzeh" for "Mazzeh"): a capitalized name after a place cue whose
// consonant skeleton names a place.
func (d *doc) findSkeletonPlaces() {
	words := make([]string, 0, 4)
	for i := 0; i < len(d.toks); i++ {
		t := d.toks[i]
		if !t.Word || !t.Cap || d.own[i] != ownNone || notNameWords[t.Fold] || !d.placeCue(i) {
			continue
		}
		words = words[:0]
		var idx []int
		for k := i; k < len(d.toks) && len(words) < 4; k++ {
			if d.toks[k].Word && d.own[k] == ownNone {
				words = append(words, d.toks[k].Fold)
				idx = append(idx, k)
				continue
			}
			if d.toks[k].Fold == "-" && !d.toks[k].Space {
				continue
			}
			break
		}
		start := 0
		if len(words) > 1 && (words[0] == "al" || words[0] == "el") {
			start = 1
		}
		n, hits := d.gaz.MatchSkeleton(words, start)
		if n == 0 || len(hits) == 0 || hits[0].Entry.Type != gazetteer.Place {
			continue
		}
		end := idx[start+n-1] + 1
		if !d.toks[idx[start+n-1]].Cap || attributive(d.fold(end), d.fold(end+1)) {
			continue // "from Assad-era abuses": a name used as an adjective
		}
		d.addClaim(span{i, end}, ownPlace, hits[0].Entry)
		i = end - 1
	}
}

// insideEpithet reports a span strictly inside a nickname's words.
func (d *doc) insideEpithet(sp span) bool {
	for _, e := range d.epithets {
		if e.sp.a <= sp.a && sp.b <= e.sp.b && (e.sp.a != sp.a || e.sp.b != sp.b) {
			return true
		}
	}
	return false
}

// placeCue reports whether the word before token i introduces a place.
func (d *doc) placeCue(i int) bool {
	j := i - 1
	for j >= 0 && (d.toks[j].Fold == "the" || d.toks[j].Fold == "-") {
		j--
	}
	if j < 0 {
		return false
	}
	f := d.toks[j].Fold
	if placeCues[f] && f != "of" {
		return true
	}
	return f == "of" && j > 0 && settlementNouns[d.toks[j-1].Fold]
}

// findPatternEntities claims facilities and organizations that no
// gazetteer lists, by their head words: "X Prison", "Branch 215",
// "X Ministry", "Ministry of X", "the “X” operations room".
func (d *doc) findPatternEntities() {
	for i := 0; i < len(d.toks); i++ {
		t := d.toks[i]
		if !t.Word {
			continue
		}
		switch {
		case facilityHeads[t.Fold] || (t.Fold == "compound" || t.Fold == "complex") && d.fold(i-1) == "security" || detentionHeads[t.Fold] && d.fold(i-1) == "detention":
			d.facilityPattern(i)
		case t.Cap && orgHeads[t.Fold]:
			d.orgPattern(i)
		case t.Fold == "operations" && d.fold(i+1) == "room" && i > 0 && isCloseQuote(d.fold(i-1)):
			if ep, ok := d.quotedBefore(i - 1); ok && d.free(ep) {
				d.addClaim(ep, ownOrg, nil)
			}
		}
	}
}

// quotedBefore returns the words of a quoted phrase whose closing quote is
// token k.
func (d *doc) quotedBefore(k int) (span, bool) {
	j := k - 1
	for j >= 0 && k-j <= 8 && !isOpenQuote(d.toks[j].Fold) {
		j--
	}
	if j < 0 || !isOpenQuote(d.toks[j].Fold) || k-j < 2 {
		return span{}, false
	}
	return span{j + 1, k}, true
}

// capitalRunLeft extends left from token i over capitalized words (and
// hyphens and digits), at most max words; it returns the first token.
func (d *doc) capitalRunLeft(i, max int, allowConnectors bool) int {
	a := i
	words := 0
	for j := i - 1; j >= 0 && words < max; j-- {
		t := d.toks[j]
		if t.Newlines > 0 && j < i-1 {
			break
		}
		if d.toks[j+1].Newlines > 0 {
			break
		}
		switch {
		case t.Word && (t.Cap || t.Digits || ordinal(t.Fold)) && !notNameLeft[t.Fold]:
			a = j
			words++
		case t.Word && allowConnectors && (t.Fold == "of" || t.Fold == "and" || t.Fold == "al" || t.Fold == "for") && j > 0 && d.toks[j-1].Cap:
			// keep going: "Ministry of Interior and Municipalities"
		case t.Fold == "-" && !t.Space && j > 0 && d.toks[j-1].Word:
		default:
			return a
		}
	}
	return a
}

func ordinal(s string) bool {
	return len(s) > 2 && s[0] >= '0' && s[0] <= '9' && (strings.HasSuffix(s, "th") || strings.HasSuffix(s, "st") || strings.HasSuffix(s, "nd") || strings.HasSuffix(s, "rd"))
}

func (d *doc) facilityPattern(i int) {
	if d.own[i] == ownFacility || d.own[i] == ownOrg || d.headline[i] {
		return
	}
	b := i + 1
	// Branch 215, Branch No. 215
	if d.fold(i) == "branch" {
		k := i + 1
		if d.fold(k) == "no" && d.fold(k+1) == "." {
			k += 2
		}
		if d.tok(k).Digits {
			b = k + 1
		}
	}
	a := d.capitalRunLeft(i, 4, false)
	if d.fold(i) == "hospital" && a < i {
		// "Aleppo University Hospital": the university's hospital is a facility
		if c := d.claimAt(i - 1); c != nil && c.typ == ownOrg && c.sp.b == i && c.sp.a >= a && c.gaz != nil && c.gaz.Kind == "university" {
			d.killClaim(c)
		}
	}
	if (d.fold(i) == "prison" || d.fold(i) == "jail") && a < i {
		// "a Syrian Air Force Intelligence prison": the body's prison (but
		// "an Assad regime prison" is any of them)
		if c := d.claimAt(i - 1); c != nil && c.typ == ownOrg && c.sp.b == i && c.sp.a >= a && d.fold(i-1) != "regime" {
			d.killClaim(c)
		}
	}
	if a == i && ((d.fold(i) == "compound" || d.fold(i) == "complex") && d.fold(i-1) == "security" || detentionHeads[d.fold(i)] && d.fold(i-1) == "detention") {
		a = d.capitalRunLeft(i-1, 4, false) // "the Kafr Sousa security compound", "the Mezzeh 24 detention centre"
		if a == i-1 || !d.capitalIn(a, i-1) {
			return // "more than 100 detention facilities": a count, not a name
		}
	}
	if a < i && (d.fold(a-2) == "al" || d.fold(a-2) == "el") && d.fold(a-1) == "-" && !d.tok(a-1).Space && !d.tok(a).Space && d.own[a-2] == ownNone {
		a -= 2 // "al-Mujtahid hospital"
	}
	if a == i && b == i+1 {
		return // "the prison"
	}
	if (detentionHeads[d.fold(i)] || d.fold(i) == "detachment") && (d.fold(a-1) == "a" || d.fold(a-1) == "an") {
		return // "a Damascus detention centre", "a General Security detention facility": one of a kind, not a name
	}
	if detentionHeads[d.fold(i)] && (d.fold(b) == "at" || d.fold(b) == "in") {
		if c := d.claimAt(b + 1); c != nil && c.typ == ownFacility || d.fold(b+1) == "the" && d.claimAt(b+2) != nil && d.claimAt(b+2).typ == ownFacility {
			return // "the Military Intelligence detention centre at Mezzeh airport": the airport's, named by it
		}
	}
	if a == i && !d.toks[i].Cap {
		return
	}
	sp := span{a, b}
	if d.fold(i) == "branch" && b == i+1 && a < i && d.toks[i-1].Cap && functionBranches[d.fold(i-1)] {
		for k := a; k < i; k++ {
			// "the Air Force Intelligence Investigative Branch": the service's name is part of its department's
			if c := d.claimAt(k); c != nil && c.typ == ownOrg && c.sp.a >= a && c.sp.b <= i {
				d.killClaim(c)
			}
		}
	}
	if d.fold(i) == "branch" && b == i+1 && a < i && d.toks[i-1].Cap && functionBranches[d.fold(i-1)] && d.free(sp) {
		// "the Terror branch", "the Anti-Terrorism Branch": a branch named by
		// its work is a department of the service, not a place of detention
		// (one named by a place or a number is: "Palestine Branch", "Branch 215")
		if !d.namedAsBody(a, i) {
			d.addClaim(sp, ownOrg, nil)
		}
		return
	}
	if (d.fold(i) == "branch" || d.fold(i) == "detachment" || detentionHeads[d.fold(i)]) && d.own[a] == ownOrg {
		// "the Political Security branch": a branch of a known body
		if c := d.claimAt(a); c != nil && c.sp.a >= a && c.sp.b <= i {
			d.killClaim(c)
		}
	}
	if !d.takeOver(sp, ownFacility) {
		return
	}
	c := d.addClaim(sp, ownFacility, nil)
	if (d.fold(i) == "branch" || d.fold(i) == "detachment") && b == i+1 && d.fold(b) == "in" {
		// "the State Security branch in Raqqa": every province has one, and
		// the text names this one by its seat (findLowerBodies does the same
		// for a lower-case branch)
		if pc := d.claimAt(b + 1); pc != nil && pc.typ == ownPlace && pc.sp.a == b+1 {
			c.alias = d.str(span{sp.a, pc.sp.b})
		}
	}
}

// detentionHeads name a place of detention after "detention": "the Mezzeh
// 24 detention centre", "an Air Force Intelligence detention facility".
var detentionHeads = set(`centre center centres centers facility facilities`)

// namedAsBody tells whether the text also names the words [a, i) with a
// body's head ("the Anti-Terrorism Department"): the branch is then that
// body, already claimed under its own name.
func (d *doc) namedAsBody(a, i int) bool {
	n := i - a
	for k := 0; k+n < len(d.toks); k++ {
		if k == a || !d.toks[k+n].Cap || d.fold(k+n) == "branch" || !orgHeads[d.fold(k+n)] {
			continue
		}
		same := true
		for j := 0; j < n && same; j++ {
			same = d.fold(k+j) == d.fold(a+j)
		}
		if same {
			return true
		}
	}
	return false
}

// functionBranches are the last words of a branch named by its work.
var functionBranches = lex.Set("function_branches")

// findPrisonParts claims the parts of a prison that reporting names as
// places of their own, as survivors do: Sednaya's "red building" and "white
// building", a branch's "hangars" or "wing". They come in lower case after
// "so-called" ("the so-called white building"), or as a colour and a
// building ("the red building") in a text about detention; "in what
// detainees called “the hangars”" is read with the nicknames (linkEpithets).
func (d *doc) findPrisonParts() {
	detention := false
	for _, t := range d.toks {
		if detentionWords[t.Fold] {
			detention = true
			break
		}
	}
	if !detention {
		return
	}
	for i := 1; i+1 < len(d.toks); i++ {
		a := -1
		switch {
		case d.toks[i].Fold == "called" && d.fold(i-1) == "-" && d.fold(i-2) == "so":
			a = i + 1
		case (d.toks[i].Fold == "red" || d.toks[i].Fold == "white" || d.toks[i].Fold == "black") && (d.fold(i-1) == "the" || d.fold(i-1) == "s" && isCloseQuote(d.fold(i-2))):
			a = i // "the red building", "the prison's white building"
		default:
			continue
		}
		b := a
		for b < len(d.toks) && b < a+3 && d.toks[b].Word && !d.toks[b].Cap && !prisonParts[d.toks[b].Fold] {
			b++
		}
		if b >= len(d.toks) || !prisonParts[d.toks[b].Fold] || d.toks[b].Cap || b == a && d.toks[i].Fold != "called" {
			continue
		}
		sp := span{a, b + 1}
		if d.free(sp) {
			d.addClaim(sp, ownFacility, nil)
		}
		i = b
	}
}

// prisonParts are the head nouns of a part of a prison.
var prisonParts = set(`building wing hangar hangars dormitory block`)

// takeOver frees sp for a new claim of typ when it holds only places (which
// become part of the longer name) or nothing; false when a person, epithet
// or another facility or organization holds part of it.
func (d *doc) takeOver(sp span, typ uint8) bool {
	for i := sp.a; i < sp.b; i++ {
		switch d.own[i] {
		case ownNone, ownPlace:
		default:
			return false
		}
	}
	for i := sp.a; i < sp.b; i++ {
		if d.own[i] == ownPlace {
			if c := d.claimAt(i); c != nil {
				if c.sp.a < sp.a || c.sp.b > sp.b {
					return false
				}
				d.killClaim(c)
			}
		}
	}
	return !d.insideEpithet(sp)
}

func (d *doc) orgPattern(i int) {
	if d.own[i] != ownNone && d.own[i] != ownPlace || d.headline[i] {
		return
	}
	a := d.capitalRunLeft(i, 5, true)
	if c := d.claimAt(a); c != nil && c.typ == ownPlace && c.sp.a < a && c.sp.a >= a-2 {
		a = c.sp.a // "The Hague Court of Appeal"
	}
	if a == i && d.fold(i-1) == "s" && (d.fold(i-2) == "'" || d.fold(i-2) == "’") && d.tok(i-3).Word && d.tok(i-3).Cap && d.own[i-3] == ownNone {
		a = d.capitalRunLeft(i-3, 4, true) // "the Federal Prosecutor's Office"
	}
	a, parent := d.orgRunStart(a, i)
	b := i + 1
	ofContinuation := false
	for b < len(d.toks) && d.toks[b].Cap && orgHeads[d.toks[b].Fold] && d.own[b] == ownNone {
		b++ // "Federal Criminal Police Office"
	}
	if (orgFirstHeads[d.toks[i].Fold] || orgHeads[d.toks[b-1].Fold]) && (d.fold(b) == "of" || d.fold(b) == "for") && d.tok(b+1).Cap {
		i = b - 1 // "Syrian Center for Media and Freedom of Expression"
		ofContinuation = true
		k := i + 2
		for k < len(d.toks) && d.sentOf[k] == d.sentOf[i] {
			t := d.toks[k]
			if t.Word && t.Cap && !notNameWords[t.Fold] || (t.Word && t.Cap && (orgWordOK[t.Fold] || ofContinuation && !calendarWords[t.Fold] && t.Fold != "the")) {
				k++
				b = k
				continue
			}
			if (t.Fold == "and" || t.Fold == "of" || t.Fold == "for" || t.Fold == "against") && d.tok(k+1).Cap {
				k++
				continue
			}
			break
		}
	}
	// a lone head ("Army") or a head after a sentence-initial word is no name
	if b-a < 2 {
		return
	}
	if facilityHeads[d.fold(b)] && d.tok(b).Cap && !ofContinuation {
		return // "Tishreen University Hospital": a facility, named by its body
	}
	if (d.fold(a) == "department" || d.fold(a) == "faculty") && ofContinuation && d.unitOfAcademy(b) {
		return // "the Department of English in the Faculty of Arts at Damascus University"
	}
	if a == i && b == i+1 {
		return
	}
	sp := span{a, b}
	if ofContinuation {
		d.dropFacilitiesInside(span{i + 1, b}) // "... of Sednaya Prison" is part of the body's name
	}
	if parent != nil {
		d.killClaim(parent)
	}
	if !d.takeOver(sp, ownOrg) {
		return
	}
	d.addClaim(sp, ownOrg, nil)
}

// calendarWords are capitalized words that end a name: months and days.
var calendarWords = set(`january february march april may june july august september october november december monday tuesday wednesday thursday friday saturday sunday`)

// dropFacilitiesInside drops the facility claims lying wholly inside sp.
func (d *doc) dropFacilitiesInside(sp span) {
	for k := sp.a; k < sp.b; k++ {
		if c := d.claimAt(k); c != nil && c.typ == ownFacility && c.sp.a >= sp.a && c.sp.b <= sp.b {
			d.killClaim(c)
		}
	}
}

// freeOrShorterPlace reports whether sp can be claimed as a place: it is
// free, or holds only place claims lying inside it (a gazetteer name that
// is part of a longer one: "Bustan" in "Bustan al-Basha"), which it drops.
func (d *doc) freeOrShorterPlace(sp span) bool {
	for i := sp.a; i < sp.b; i++ {
		if d.own[i] != ownNone && d.own[i] != ownPlace {
			return false
		}
		if d.own[i] == ownPlace {
			if c := d.claimAt(i); c == nil || c.sp.a < sp.a || c.sp.b > sp.b || c.sp == sp {
				return false
			}
		}
	}
	for i := sp.a; i < sp.b; i++ {
		if c := d.claimAt(i); c != nil {
			d.killClaim(c)
		}
	}
	return true
}

// findPlacePatterns claims places that no gazetteer lists but the text
// introduces as places: "the village of Al-Qabu", "the town of Kafr Batna",
// "the Mezzeh 86 neighbourhood".
func (d *doc) findPlacePatterns() {
	for i := 1; i < len(d.toks); i++ {
		if !namedSettlement[d.toks[i].Fold] || d.toks[i].Cap {
			continue
		}
		a := d.capitalRunLeft(i, 4, false)
		if a == i || !d.toks[a].Cap || notNameWords[d.toks[a].Fold] || !d.freeOrShorterPlace(span{a, i}) {
			continue
		}
		d.addClaim(span{a, i}, ownPlace, nil)
	}
	for i := 1; i+1 < len(d.toks); i++ {
		if d.toks[i].Fold != "of" || !settlementNouns[d.toks[i-1].Fold] {
			continue
		}
		a := i + 1
		b := a
		for b < len(d.toks) && b-a < 5 && d.sentOf[b] == d.sentOf[i] {
			t := d.toks[b]
			if t.Word && (t.Cap || (particles[t.Fold] && d.tok(b+1).Fold == "-")) && !notNameWords[t.Fold] {
				b++
				continue
			}
			if t.Fold == "-" && !t.Space && b > a {
				b++
				continue
			}
			break
		}
		for b > a && !d.toks[b-1].Word {
			b--
		}
		if b > a && d.freeOrShorterPlace(span{a, b}) {
			d.addClaim(span{a, b}, ownPlace, nil)
		}
	}
}

// capitalIn reports a capitalized word in tokens [a, b).
func (d *doc) capitalIn(a, b int) bool {
	for k := a; k < b; k++ {
		if d.toks[k].Cap {
			return true
		}
	}
	return false
}
