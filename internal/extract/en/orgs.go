package en

import (
	"strings"

	"github.com/athar-project/athar/internal/extract"
)

// Organizations that real reporting names in ways the head-word patterns of
// entities.go and the gazetteer miss (issue 13, round 14): a government
// named as an actor ("besieged by the Syrian government"), a court named by
// its seat before it ("the Paris criminal court"), an outlet named by the
// noun that says what it is ("told Foreign Affairs magazine", "the EU police
// agency Europol"), and a body's short form in the same text ("the Federal
// Police" after "the Federal Criminal Police").

// findGovernments claims "the Syrian government", "the Assad government",
// "the new Syrian government" and "Syria's new government" as an
// organization when the text makes it an actor: the word after "government"
// is no noun it describes ("Syrian government detention facilities",
// "Syrian government forces" are adjectives, as findRegimes reads them).
func (d *doc) findGovernments() {
	var possessive, named []*claim
	for i := 1; i < len(d.toks); i++ {
		if d.toks[i].Fold != "government" || d.own[i] != ownNone || d.headline[i] {
			continue
		}
		a, poss := i-1, false
		if governmentStages[d.fold(a)] {
			a-- // "Syria's new government", "the Syrian transitional government"
		}
		switch {
		case d.fold(a) == "syrian" || d.fold(a) == "assad":
			if d.fold(a-1) == "-" && (d.fold(a-2) == "al" || d.fold(a-2) == "el") {
				a -= 2 // "the al-Assad government"
			}
			if d.nameWord(a-1) && !d.toks[a-1].Upper || d.fold(a-1) == "-" && d.nameWord(a-2) {
				continue // "the Bashar al-Assad government" reads as a person's name first
			}
		case d.fold(a) == "s" && (d.fold(a-1) == "'" || d.fold(a-1) == "’") && d.fold(a-2) == "syria":
			a -= 2 // "Syria's new government"
			poss = true
		default:
			continue
		}
		if governmentStages[d.fold(a-1)] && !d.toks[a-1].Cap {
			a-- // "the new Syrian government"
		}
		if !actorAfter(d.tok(i + 1)) {
			continue
		}
		if !d.onlyPlaces(span{a, i + 1}) {
			continue
		}
		d.dropPlaces(span{a, i + 1})
		c := d.addClaim(span{a, i + 1}, ownOrg, nil)
		if poss {
			possessive = append(possessive, c)
		} else {
			named = append(named, c)
		}
	}
	// "Syria's new government" is the "new Syrian government" the text names
	for _, c := range possessive {
		for _, o := range named {
			if d.fold(o.sp.a) == d.fold(c.sp.b-2) {
				c.alias = d.str(o.sp)
				break
			}
		}
	}
}

// governmentStages are the words that say which government it is: "the new
// Syrian government", "Syria's transitional government".
var governmentStages = set(`new former interim transitional caretaker`)

// actorAfter reports a token that may follow a body named as an actor: a
// stop, a function word, a past or present verb; not a noun that the name
// describes ("government forces", "government detention facilities").
func actorAfter(t extract.Token) bool {
	if !t.Word {
		return t.Fold != "-" && t.Fold != "'" && t.Fold != "’"
	}
	if t.Cap {
		return false
	}
	return actorFollowers[t.Fold] || len(t.Fold) > 4 && t.Fold[len(t.Fold)-2:] == "ed"
}

// actorFollowers are the words after a body's name that make it the actor
// of a clause or the object of a preposition's phrase.
var actorFollowers = set(`in of to for from on at with by over since after before under against and or but that which who whose as
has have had is was were are will would can could did does do denies denied says said claims claimed insists insisted announced
took takes holds held launched continues continued carried still also`)

// findSeatCourts claims a court named by its seat before it, in lower case:
// "the Paris criminal court", "a Stockholm district court". The seat is part
// of the court's name there, not a place of its own.
func (d *doc) findSeatCourts() {
	for i := 1; i < len(d.toks); i++ {
		if d.toks[i].Fold != "court" || d.toks[i].Cap || d.own[i] != ownNone {
			continue
		}
		a := i
		for a > 0 && courtAdjectives[d.fold(a-1)] && !d.toks[a-1].Cap && d.own[a-1] == ownNone {
			a--
		}
		if a == i {
			continue
		}
		c := d.claimAt(a - 1)
		if c == nil || c.typ != ownPlace || c.sp.b != a || c.gaz != nil && c.gaz.Kind == "country" {
			continue
		}
		if f := d.fold(c.sp.a - 1); f == "a" || f == "an" {
			continue // "a Damascus criminal court": one of the town's courts, not named
		}
		sp := span{c.sp.a, i + 1}
		d.killClaim(c)
		d.addClaim(sp, ownOrg, nil)
	}
}

// findOutletNouns claims an outlet named beside the noun that says what it
// is: after it ("the EU police agency Europol", "the German magazine Der
// Spiegel") or before it ("told Foreign Affairs magazine", "the Al-Watan
// newspaper"). The noun is no part of the name.
func (d *doc) findOutletNouns() {
	for i := 0; i < len(d.toks); i++ {
		t := d.toks[i]
		if !t.Word || t.Cap || !outletNouns[t.Fold] || d.headline[i] {
			continue
		}
		// after the noun: a run of capitalized words that no one owns
		if b := d.outletRun(i+1, false); b > i+1 {
			d.addClaim(span{i + 1, b}, ownOrg, nil)
			i = b - 1
			continue
		}
		// before the noun
		if t.Fold == "agency" || t.Fold == "outlet" || t.Fold == "channel" {
			continue // "the Kurdish-led agency", "a Syrian outlet", "his YouTube channel": read after the noun only
		}
		a := i
		for a > 0 && i-a < 4 && d.toks[a-1].Word && d.toks[a-1].Cap && d.own[a-1] == ownNone && !d.headline[a-1] {
			a--
		}
		if a == i || nationalities[d.fold(a)] && a == i-1 || notNameWords[d.fold(a)] && a == i-1 || d.toks[a].Newlines > 0 || d.sentStart(a) {
			continue
		}
		for a < i && (nationalities[d.fold(a)] || d.fold(a) == "the") {
			a++ // "the German Der Spiegel magazine": the nationality says whose
		}
		if a < i {
			d.addClaim(span{a, i}, ownOrg, nil)
		}
	}
}

// outletRun returns the end of a name of up to four capitalized words at j
// that nobody owns (but places inside it) and that reads as no person's ("the agency Director
// ..."), or j. A single common word is a name only after a capital "The"
// (titled: "told The National").
func (d *doc) outletRun(j int, titled bool) int {
	b := j
	if j >= len(d.toks) || d.own[j] != ownNone {
		return j
	}
	for b < len(d.toks) && b < j+4 && d.toks[b].Word && d.toks[b].Cap && (d.own[b] == ownNone || d.own[b] == ownPlace) && d.toks[b].Newlines == 0 {
		if titleWord(d.toks[b].Fold) || givenNames[d.toks[b].Fold] || nationalities[d.toks[b].Fold] && b == j {
			return j
		}
		b++
	}
	if b == j || b == j+1 && notNameWords[d.fold(j)] && !titled {
		return j
	}
	if f := d.fold(b); f != "," && f != "." && f != ";" && f != ")" && !actorFollowers[f] && !speechVerbsOutlet[f] {
		return j
	}
	if !d.onlyPlaces(span{j, b}) {
		return j
	}
	d.dropPlaces(span{j, b}) // "Sawt Beirut": the town is part of the outlet's name
	return b
}

// speechVerbsOutlet are the verbs an outlet does after its name: "the
// agency Anadolu reported".
var speechVerbsOutlet = set(`reported reports said says wrote writes quoted quotes cited cites published publishes broadcast aired revealed`)

// sentStart reports token i opening a sentence.
func (d *doc) sentStart(i int) bool {
	return i == 0 || d.sentOf[i] != d.sentOf[i-1]
}

// shortFormsOfBodies makes a body's short form, written in the same text,
// a mention of the body: "the Federal Police" after "the Federal Criminal
// Police", "the Criminal Court" after "the French Criminal Court", "the
// Hague District Court" after "The Hague District Court" (shortFormOf).
func (d *doc) shortFormsOfBodies() {
	var orgs []*claim
	for _, c := range d.claims {
		if !c.dead && c.typ == ownOrg {
			orgs = append(orgs, c)
		}
	}
	for _, c := range orgs {
		if c.gaz != nil || c.alias != "" || c.sp.b-c.sp.a < 2 {
			continue
		}
		short := d.capWords(c.sp)
		if len(short) < 2 {
			continue
		}
		for _, o := range orgs {
			if o == c || o.sp.a > c.sp.a && len(d.capWords(o.sp)) == len(short) {
				continue // of two writings of one name, the first stays
			}
			long := d.capWords(o.sp)
			if !shortFormOf(short, long) {
				continue
			}
			c.gaz = o.gaz
			if o.alias != "" {
				c.alias = o.alias
			} else {
				c.alias = d.str(o.sp)
			}
			break
		}
	}
}

// shortFormOf reports a body's name short that the text may write for the
// name long: the same words ("The Hague District Court", "the Hague District
// Court"), long's first and last words with some between left out ("Federal
// Police", "Federal Criminal Police"), or long's last words from the head
// back ("Criminal Court", "French Criminal Court").
func shortFormOf(short, long []string) bool {
	if len(short) < 2 || len(long) < len(short) {
		return false
	}
	if len(long) == len(short) {
		return strings.Join(short, " ") == strings.Join(long, " ")
	}
	if short[0] == long[0] && short[len(short)-1] == long[len(long)-1] && subsequence(short, long) {
		return true
	}
	return strings.Join(short, " ") == strings.Join(long[len(long)-len(short):], " ")
}

// capWords returns the folded words of sp, without "the".
func (d *doc) capWords(sp span) []string {
	var out []string
	for k := sp.a; k < sp.b; k++ {
		if d.toks[k].Word && d.toks[k].Fold != "the" {
			out = append(out, d.toks[k].Fold)
		}
	}
	return out
}

// subsequence reports whether every word of a appears in b in order.
func subsequence(a, b []string) bool {
	k := 0
	for _, w := range b {
		if k < len(a) && a[k] == w {
			k++
		}
	}
	return k == len(a)
}

// unitOfAcademy reports a department or faculty named inside a university
// ("the Department of English in the Faculty of Arts at Damascus
// University"): the university is the body a text about people names; its
// departments are where someone studied.
func (d *doc) unitOfAcademy(b int) bool {
	for k := b; k < len(d.toks) && k < b+10 && d.sentOf[k] == d.sentOf[b-1]; k++ {
		if f := d.toks[k].Fold; (f == "university" || f == "college") && d.toks[k].Cap {
			return true
		}
		if !d.toks[k].Word || !(d.toks[k].Cap || academyLinks[d.toks[k].Fold]) {
			return false
		}
	}
	return false
}

var academyLinks = set(`in at of the`)

// orgRunStart moves the start a of a body's name, read leftwards from its
// head at i over capitalized words, past what another claim holds: "the
// House Foreign Affairs Committee and Senate Foreign Relations Committee"
// are two committees. A known body right before words that lead to the
// head is the head's parent, and the name holds it (the parent's claim is
// returned, for the caller to drop when it claims the name): "the Air Force
// Intelligence Investigation Directorate".
func (d *doc) orgRunStart(a, i int) (int, *claim) {
	for k := i - 1; k >= a; k-- {
		if d.own[k] == ownNone || d.own[k] == ownPlace {
			continue
		}
		c := d.claimAt(k)
		if c != nil && c.typ == ownOrg && c.sp.b == k+1 && c.sp.a >= a && k+1 < i && d.capitalsOnly(k+1, i) {
			return c.sp.a, c
		}
		a = k + 1
		for a < i && connectors[d.fold(a)] {
			a++
		}
		return a, nil
	}
	return a, nil
}

// capitalsOnly reports tokens [a, b) that are all capitalized words.
func (d *doc) capitalsOnly(a, b int) bool {
	for k := a; k < b; k++ {
		if !d.toks[k].Word || !d.toks[k].Cap {
			return false
		}
	}
	return true
}

// findDatelineAgencies claims the agency a dateline names in brackets
// ("BEIRUT (AP) —", "DAMASCUS, March 12 (LWS) -"): the wire that filed the
// story.
func (d *doc) findDatelineAgencies() {
	for i := 0; i+2 < len(d.toks); i++ {
		if !d.dateline[i] || d.toks[i].Fold != "(" {
			continue
		}
		b := i + 1
		for b < len(d.toks) && b < i+4 && d.toks[b].Word && d.toks[b].Cap {
			b++
		}
		if b == i+1 || d.fold(b) != ")" || !d.free(span{i + 1, b}) {
			continue
		}
		d.addClaim(span{i + 1, b}, ownOrg, nil)
		i = b
	}
}

// findBylines claims the outlet of a byline line: a place or a writer, a
// dash or a slash, and one to four capitalized words that end the line
// ("Hama - Orontes Now", "Rania Khoury / Levant Desk"). The text's first line,
// its title, is no byline.
func (d *doc) findBylines() {
	for a := 0; a < len(d.toks); {
		b := a + 1
		for b < len(d.toks) && d.toks[b].Newlines == 0 {
			b++
		}
		if a > 0 && b-a <= 9 {
			d.bylineIn(a, b)
		}
		a = b
	}
}

// bylineIn reads the line of tokens [a, b) as a byline.
func (d *doc) bylineIn(a, b int) {
	m := -1
	for k := a + 1; k < b-1; k++ {
		if f := d.toks[k].Fold; f == "-" && d.toks[k].Space || f == "—" || f == "–" || f == "/" {
			m = k
			break
		}
	}
	if m < 0 || m-a > 3 || b-m-1 > 4 {
		return
	}
	for k := a; k < m; k++ {
		if !d.toks[k].Word || !d.toks[k].Cap {
			return
		}
	}
	if !d.capitalsOnly(m+1, b) || !d.onlyPlaces(span{m + 1, b}) || b == m+2 && notNameWords[d.fold(m+1)] {
		return
	}
	d.dropPlaces(span{m + 1, b})
	d.addClaim(span{m + 1, b}, ownOrg, nil)
}

// widenApparatus makes "apparatus" after a known body part of its name, as
// reporting writes it: "the State Security apparatus".
func (d *doc) widenApparatus() {
	for _, c := range d.claims {
		if c.dead || c.typ != ownOrg || d.fold(c.sp.b) != "apparatus" || d.toks[c.sp.b].Cap || d.own[c.sp.b] != ownNone {
			continue
		}
		if c.short == "" {
			c.short = d.str(c.sp)
		}
		d.own[c.sp.b], d.claimOf[c.sp.b] = ownOrg, c
		c.sp.b++
	}
}

// widenKnownOutlet widens a known body's name at token i, where a person
// speaks to an outlet, over the capitalized words that follow it up to the
// clause's end: the outlet is another one, whose name begins with the known
// one's ("told Syria Direct Review." is not Syria Direct).
func (d *doc) widenKnownOutlet(i int) bool {
	c := d.claimAt(i)
	if c == nil || c.typ != ownOrg || c.sp.a != i {
		return false
	}
	b := c.sp.b
	for b < len(d.toks) && b < c.sp.b+3 && d.toks[b].Word && d.toks[b].Cap && d.own[b] == ownNone && !titleWord(d.toks[b].Fold) && !calendarWords[d.toks[b].Fold] {
		b++
	}
	if b == c.sp.b {
		return false
	}
	switch d.fold(b) {
	case ",", ".", ";", ":", "\"", "“", "that":
	default:
		return false
	}
	d.killClaim(c)
	d.addClaim(span{i, b}, ownOrg, nil)
	return true
}
