package en

import "github.com/athar-project/athar/internal/gazetteer"

// Organizations and places that real articles write in ways the gazetteer
// and the head-word patterns of entities.go miss: lower-case names ("the
// interior ministry", "Dutch police", "a regional court in Berlin"), "the
// Assad regime" as a named actor, a border, a refugee camp, a town named
// only after "in". Headlines in title case are left to the gazetteer.

// findHeadlines marks the tokens of lines written in title case ("Berlin
// Court Convicts Former Pro-Government Syrian Militia ..."), where every
// word is capitalized and head-word patterns would read names everywhere.
func (d *doc) findHeadlines() {
	d.headline = make([]bool, len(d.toks))
	for a := 0; a < len(d.toks); {
		b := a + 1
		for b < len(d.toks) && d.toks[b].Newlines == 0 {
			b++
		}
		words, caps := 0, 0
		for k := a; k < b; k++ {
			t := d.toks[k]
			if !t.Word || t.Digits || smallWords[t.Fold] {
				continue
			}
			words++
			if t.Cap {
				caps++
			}
		}
		// a line that ends as a sentence ends, with lower-case words in it, is
		// a sentence full of names ("... sponsored by the United States
		// Holocaust Memorial Museum in cooperation with the House Foreign
		// Affairs Committee and Senate Foreign Relations Committee."), not a
		// title
		sentence := d.toks[b-1].Fold == "." && words-caps >= 2
		if words >= 4 && caps*10 >= words*8 && !sentence {
			for k := a; k < b; k++ {
				d.headline[k] = true
			}
		}
		a = b
	}
}

// smallWords stay lower case in a title-case headline.
var smallWords = set(`a an the of in on at to for and or but by with from as is are was were vs via over after`)

// findRegimes claims "the Assad regime", "the Syrian regime" (and "Assad
// Regime") as an organization: reporting names the former government as an
// actor. A full name before "regime" stays a person's.
func (d *doc) findRegimes() {
	for i := 1; i < len(d.toks); i++ {
		if d.toks[i].Fold != "regime" {
			continue
		}
		a := i - 1
		f := d.toks[a].Fold
		if f != "assad" && f != "syrian" && f != "baath" && f != "baathist" {
			continue
		}
		if d.fold(a-1) == "-" && (d.fold(a-2) == "al" || d.fold(a-2) == "el") {
			a -= 2 // "al-Assad regime"
		}
		if d.nameWord(a-1) && !d.toks[a-1].Upper || d.fold(a-1) == "-" && d.nameWord(a-2) || !d.free(span{a, i + 1}) && !d.onlyPlaces(span{a, i + 1}) {
			continue // "Bashar al-Assad regime": a person's name
		}
		if roleNouns[d.fold(i+1)] || d.fold(i+1) == "forces" {
			continue // "Syrian regime officials": an adjective
		}
		d.dropPlaces(span{a, i + 1})
		d.addClaim(span{a, i + 1}, ownOrg, nil)
	}
}

// onlyPlaces reports a span whose owned tokens are all places.
func (d *doc) onlyPlaces(sp span) bool {
	for k := sp.a; k < sp.b; k++ {
		if d.own[k] != ownNone && d.own[k] != ownPlace {
			return false
		}
	}
	return true
}

// dropPlaces drops the place claims that overlap sp.
func (d *doc) dropPlaces(sp span) {
	for k := sp.a; k < sp.b; k++ {
		if c := d.claimAt(k); c != nil && c.typ == ownPlace {
			d.killClaim(c)
		}
	}
}

// findLowerBodies claims organizations written in lower case: gazetteer
// names of two words or more ("air force intelligence", "the interior
// ministry"), a nationality with a police or prosecution word ("Dutch
// police", "German prosecutors"), a lower-case unit of a known kind ("the
// counterterrorism branch" of a province), and a court named by its seat
// ("a regional court in Berlin").
func (d *doc) findLowerBodies() {
	words := make([]string, 0, 6)
	for i := 0; i < len(d.toks); i++ {
		t := d.toks[i]
		if !t.Word || d.own[i] != ownNone || d.headline[i] {
			continue
		}
		if !t.Cap {
			words = words[:0]
			for k := i; k < len(d.toks) && k < i+6 && d.toks[k].Word && !d.toks[k].Cap && d.own[k] == ownNone; k++ {
				words = append(words, d.toks[k].Fold)
			}
			if n, hits := d.gaz.Match(words, 0); n >= 2 && len(hits) > 0 && hits[0].Entry.Type == gazetteer.Organization && !hits[0].Acronym {
				if f := d.fold(i + n); (f == "branch" || f == "prison") && d.own[i+n] == ownNone {
					// "the air force intelligence branch in Mezzeh": the body's branch, a
					// place of detention, named with its seat when the text gives one
					c := d.addClaim(span{i, i + n + 1}, ownFacility, nil)
					if d.fold(i+n+1) == "in" {
						if pc := d.claimAt(i + n + 2); pc != nil && pc.typ == ownPlace && pc.sp.a == i+n+2 {
							c.alias = d.str(span{i, pc.sp.b})
						}
					}
					i += n
					continue
				}
				a := i
				if d.fold(i-1) == "syrian" && d.toks[i-1].Cap && d.own[i-1] == ownNone {
					a = i - 1 // "the Syrian military police"
				}
				c := d.addClaim(span{a, i + n}, ownOrg, hits[0].Entry)
				if a < i {
					c.short = d.str(span{i, i + n})
				}
				if judicialBodies[hits[0].Entry.ID] && d.fold(i+n) == "in" {
					// "the public prosecution in Damascus": named by its seat, as a court is
					if pc := d.claimAt(i + n + 1); pc != nil && pc.typ == ownPlace && pc.sp.a == i+n+1 {
						c.alias = d.str(span{a, pc.sp.b})
					}
				}
				i += n - 1
				continue
			}
		}
		if nationalities[t.Fold] && t.Cap {
			b := i + 1
			for b < len(d.toks) && b < i+4 && bodyWords[d.fold(b)] && !d.toks[b].Cap {
				b++
			}
			if b > i+1 && policeHeads[d.fold(b-1)] && d.free(span{i, b}) {
				d.addClaim(span{i, b}, ownOrg, nil)
				i = b - 1
				continue
			}
			if d.fold(i+1) == "intelligence" && !d.tok(i+1).Cap {
				// "a guest of Syrian intelligence", "reported me to Syrian
				// intelligence as ...", "the Syrian intelligence services": the
				// services as a body; "a Syrian intelligence officer" is an officer
				b = i + 2
				if f := d.fold(b); (f == "service" || f == "services") && !d.tok(b).Cap {
					b++
				}
				if (!d.tok(b).Word || bodyEnds[d.fold(b)] && !d.tok(b).Cap) && d.free(span{i, b}) {
					d.addClaim(span{i, b}, ownOrg, nil)
					i = b - 1
					continue
				}
			}
		}
		if c := d.claimAt(i); c != nil && c.typ == ownPlace && c.sp.a == i && d.fold(c.sp.b) == "security" && securityUnits[d.fold(c.sp.b+1)] &&
			!d.tok(c.sp.b).Cap && d.free(span{c.sp.b, c.sp.b + 2}) {
			// "the Homs security directorate": a province's unit, named by it
			d.killClaim(c)
			d.addClaim(span{i, c.sp.b + 2}, ownOrg, nil)
			i = c.sp.b + 1
			continue
		}
		if lowerUnits[t.Fold] && !t.Cap && d.fold(i+1) == "branch" && d.own[i+1] == ownNone {
			d.addClaim(span{i, i + 2}, ownOrg, nil)
			i++
			continue
		}
		if t.Fold == "court" && !t.Cap {
			a := i
			for a > 0 && courtAdjectives[d.fold(a-1)] && !d.toks[a-1].Cap {
				a--
			}
			if a < i && d.fold(i+1) == "in" {
				// the court is named with its seat; the seat stays a place
				if c := d.claimAt(i + 2); c != nil && c.typ == ownPlace && c.sp.a == i+2 {
					d.addClaim(span{a, i + 1}, ownOrg, nil).alias = d.str(span{a, c.sp.b})
					i = c.sp.b - 1
				}
			}
		}
	}
}

// toponymHeads are the first words of Syrian place names ("Kafr", "Tal",
// "Deir", "Ain", "Beit", "Khan", "Jisr", "Ras", "Bab"): one alone before a
// capitalized word is the start of a longer name.
var toponymHeads = lex.Set("toponym_heads")

// judicialBodies are the gazetteer's bodies a text names by their seat.
var judicialBodies = set(`org:public_prosecution`)

var (
	unitHeads       = lex.Set("unit_heads")
	nationalities   = lex.Set("nationalities")
	bodyWords       = lex.Set("body_words")
	policeHeads     = lex.Set("police_heads")
	lowerUnits      = lex.Set("lower_units")
	courtAdjectives = lex.Set("court_adjectives")
	securityUnits   = set(`directorate branch command committee`)
	bodyEnds        = lex.Set("body_ends")
)

// findBorders claims a border as a place: "the Syria-Lebanon border", "the
// Jordanian-Syrian border" (the countries in it are not places of their
// own there).
func (d *doc) findBorders() {
	for i := 2; i < len(d.toks); i++ {
		if d.toks[i].Fold != "border" || d.toks[i].Cap {
			continue
		}
		a := i - 1
		if !d.toks[a].Cap || !d.toks[a].Word {
			continue
		}
		if d.fold(a-1) == "-" && !d.tok(a-1).Space && d.tok(a-2).Cap {
			a -= 2
		} else {
			continue // "the Lebanese border" names no place, "the Masnaa border crossing" names Masnaa; "the Syria-Lebanon border" is one
		}
		if !d.onlyPlaces(span{a, i + 1}) {
			continue
		}
		d.dropPlaces(span{a, i + 1})
		d.addClaim(span{a, i + 1}, ownPlace, nil)
	}
}

// widenCamps makes "al-Nayrab camp" and "Yarmouk refugee camp" one place:
// a camp is named with its head word, and a lower-case article joined to
// the name by a hyphen belongs to it.
func (d *doc) widenCamps() {
	for _, c := range d.claims {
		if c.dead || c.typ != ownPlace {
			continue
		}
		if c.sp.b == c.sp.a+1 && toponymHeads[d.fold(c.sp.a)] && d.tok(c.sp.b).Cap && d.tok(c.sp.b).Word && d.own[c.sp.b] == ownNone && !d.tok(c.sp.b).Digits {
			// "Kafr Nabudah", "Tal Hamis": a village's name the gazetteer knows
			// only by its first word (a place called "Kafr"); the name is both
			d.killClaim(c)
			d.addClaim(span{c.sp.a, c.sp.b + 1}, ownPlace, nil)
			continue
		}
		b := c.sp.b
		if d.fold(b) == "refugee" && d.fold(b+1) == "camp" {
			b += 2
		} else if d.fold(b) == "camp" && !d.tok(b).Cap {
			b++
		}
		a := c.sp.a
		if (d.fold(a-2) == "al" || d.fold(a-2) == "el") && d.fold(a-1) == "-" && !d.tok(a-1).Space && !d.tok(a).Space && d.own[a-2] == ownNone {
			a -= 2
		}
		if a == c.sp.a && b == c.sp.b || !d.free(span{a, c.sp.a}) || !d.free(span{c.sp.b, b}) {
			continue
		}
		g := c.gaz
		d.killClaim(c)
		d.addClaim(span{a, b}, ownPlace, g)
	}
}

// findTownsAfterIn claims a capitalized name that no list knows as a place
// when the text puts it where a place goes: after "in" or "near", ending
// the phrase ("arrested Mustafa A. in Kerkrade on 24 May", "in Pirmasens
// following a warrant").
func (d *doc) findTownsAfterIn() {
	for i := 1; i+1 < len(d.toks); i++ {
		if a, b := d.articleTownAt(i); b > a {
			d.addClaim(span{a, b}, ownPlace, nil)
			i = b
			continue
		}
		if f := d.toks[i-1].Fold; f != "in" && f != "near" || d.toks[i-1].Cap {
			continue
		}
		t := d.toks[i]
		if !t.Word || !t.Cap || t.Upper || d.own[i] != ownNone || d.headline[i] || notNameWords[t.Fold] || givenNames[t.Fold] ||
			notTowns[t.Fold] || nationalities[t.Fold] || orgHeads[t.Fold] || facilityHeads[t.Fold] {
			continue
		}
		b := i + 1
		if d.tok(b).Word && d.tok(b).Cap && d.own[b] == ownNone && !notNameWords[d.fold(b)] {
			b++
		}
		if n := d.tok(b); n.Word && n.Cap || !townEnds[n.Fold] && b < len(d.toks) || d.fold(b) == "-" {
			continue
		}
		d.addClaim(span{i, b}, ownPlace, nil)
		i = b
	}
}

// articleTownAt reads a town no list knows that the text writes with a
// lower-case article, after "in", "near" or "at" and ending the phrase:
// "a field court in al-Qaboun that ...", "a checkpoint at al-Wafideen in
// November". A person's family name is written so too, but never after a
// bare preposition; a facility's name goes on with its head word
// ("at al-Mezzeh airport") and is left to the facilities.
func (d *doc) articleTownAt(i int) (a, b int) {
	if f := d.toks[i-1].Fold; f != "in" && f != "near" && f != "at" || d.toks[i-1].Cap {
		return i, i
	}
	t := d.toks[i]
	if t.Fold != "al" && t.Fold != "el" || t.Cap || d.fold(i+1) != "-" || d.tok(i+1).Space || d.tok(i+2).Space {
		return i, i
	}
	n := d.tok(i + 2)
	if !n.Word || !n.Cap || n.Upper || d.own[i] != ownNone || d.own[i+2] != ownNone || notNameWords[n.Fold] || orgHeads[n.Fold] || facilityHeads[n.Fold] {
		return i, i
	}
	e := d.tok(i + 3)
	if e.Word && e.Cap || i+3 < len(d.toks) && !townEnds[e.Fold] && e.Fold != "that" && e.Fold != "which" || e.Fold == "-" {
		return i, i
	}
	return i, i + 3
}

var (
	townEnds = lex.Set("town_ends")
	notTowns = lex.Set("not_towns")
)

// findDateline finds the dateline that opens a story ("ERBIL, Kurdistan
// Region - ...", "BEIRUT (AP) — ...", "Stockholm, Sweden – ...") in the
// first lines of the text: a place in capitals, or a capitalized place and
// a comma, then words up to a dash. Its place is the story's setting: where
// it was filed, which is where a court sits when the story is about a
// trial, and never where an event of another sentence happened.
func (d *doc) findDateline() {
	d.dateline = make([]bool, len(d.toks))
	lines := 0
	for a := d.bodyStart; a < len(d.toks) && lines < 5; {
		b := a + 1
		for b < len(d.toks) && d.toks[b].Newlines == 0 {
			b++
		}
		lines++
		t := d.toks[a]
		c := d.claimAt(a)
		if c == nil && t.Word && t.Upper && len(t.Fold) > 2 {
			c = d.datelinePlace(a, b)
		}
		if t.Word && (t.Upper && len(t.Fold) > 2 || t.Cap && c != nil && c.typ == ownPlace && d.fold(c.sp.b) == ",") {
			for k := a + 1; k < b && k < a+12; k++ {
				f := d.toks[k].Fold
				if (f == "-" || f == "—" || f == "–") && d.toks[k].Space {
					for j := a; j <= k; j++ {
						d.dateline[j] = true
					}
					d.datelineAgency(a, k)
					if c != nil && c.typ == ownPlace {
						d.scene.Dateline = d.str(c.sp)
						if c.gaz != nil && c.gaz.NameEN != "" && t.Upper {
							d.scene.Dateline = c.gaz.NameEN
						}
					}
					return
				}
				if d.toks[k].Word && !d.toks[k].Cap && !d.toks[k].Digits {
					break
				}
			}
		}
		a = b
	}
}

// datelinePlace claims as a place the words in capitals that open a
// dateline the gazetteer does not know ("UTRECHT — ...", "STUTTGART,
// Germany (EJM) – ..."): up to three words in capitals, then a dash, an
// agency in brackets, or a comma and a known place (the country); nil
// when the line does not read so.
func (d *doc) datelinePlace(a, b int) *claim {
	e := a
	for e < b && e < a+3 && d.toks[e].Word && d.toks[e].Upper && d.own[e] == ownNone && !notTowns[d.toks[e].Fold] {
		e++
	}
	if e == a || e >= b {
		return nil
	}
	switch f := d.fold(e); {
	case (f == "—" || f == "–" || f == "-") && d.toks[e].Space:
	case f == "(":
	case f == ",":
		if c := d.claimAt(e + 1); c == nil || c.typ != ownPlace {
			return nil
		}
	default:
		return nil
	}
	return d.addClaim(span{a, e}, ownPlace, nil)
}

// findUnits claims a body's unit named in lower case as one organization
// with the body it belongs to, as English writes such units: after the
// body's possessive ("the Dutch police’s international crimes unit"),
// before "of" and the body ("the war crimes unit of the Swedish Police
// Authority"), or as the body's name with a unit noun ("civil registry
// offices", "the military police command"); and a prosecutor's office
// named by its city ("the Paris prosecutor’s office").
func (d *doc) findUnits() {
	for i := 0; i < len(d.toks); i++ {
		t := d.toks[i]
		if !t.Word || !unitHeads[t.Fold] || t.Cap || d.own[i] != ownNone || d.headline[i] {
			continue
		}
		// "the Paris prosecutor’s office"
		if (d.fold(i-3) == "prosecutor" || d.fold(i-3) == "prosecutors") && d.fold(i-1) == "s" && isCloseQuote(d.fold(i-2)) {
			if pc := d.claimAt(i - 4); pc != nil && (pc.typ == ownPlace || pc.typ == ownOrg) && pc.sp.b == i-3 && d.free(span{i - 3, i + 1}) {
				d.killClaim(pc) // the city names the office
				d.addClaim(span{pc.sp.a, i + 1}, ownOrg, nil)
				continue
			}
		}
		// the words of the unit before its head: lower case, at most four
		a := i
		for a > 0 && i-a < 4 && d.toks[a-1].Word && !d.toks[a-1].Cap && d.own[a-1] == ownNone && !unitStops[d.fold(a-1)] &&
			!(d.fold(a-1) == "s" && isCloseQuote(d.fold(a-2))) {
			a--
		}
		// "civil registry offices", "the military police command": the body right before
		if c := d.claimAt(i - 1); c != nil && c.typ == ownOrg && c.sp.b == i && !d.toks[i-1].Cap {
			// an office of a body is the body ("civil registry offices"); its
			// command or unit is a body of its own
			d.extendClaim(c, span{c.sp.a, i + 1}, t.Fold == "office" || t.Fold == "offices")
			continue
		}
		// "the Dutch police’s international crimes unit"
		if a < i && d.fold(a-1) == "s" && isCloseQuote(d.fold(a-2)) {
			if c := d.claimAt(a - 3); c != nil && c.typ == ownOrg && c.sp.b == a-2 {
				d.extendClaim(c, span{c.sp.a, i + 1}, false)
				continue
			}
		}
		// "the war crimes unit of the Swedish Police Authority": a police
		// force's war crimes unit is named so (a "militia unit of the
		// National Defence Forces" is a description of the militia)
		if a < i && d.fold(i+1) == "of" && (t.Fold == "unit" || t.Fold == "units") && crimeWords(d, a, i) {
			k := i + 2
			if d.fold(k) == "the" {
				k++
			}
			if c := d.claimAt(k); c != nil && c.typ == ownOrg && c.sp.a == k {
				sp := span{a, c.sp.b}
				d.killClaim(c)
				d.addClaim(sp, ownOrg, nil)
				i = sp.b - 1
			}
		}
	}
}

// unitStops end the words of a unit's name on the left.
var unitStops = set(`the a an of in at on for to by and or with from its their his her this that which who`)

// extendClaim widens claim c to sp, which must hold c and otherwise free
// tokens; keepGaz keeps its gazetteer entry (the same body), else the
// wider name is an entity of its own (a unit is not its body).
func (d *doc) extendClaim(c *claim, sp span, keepGaz bool) {
	for k := sp.a; k < sp.b; k++ {
		if d.own[k] != ownNone && d.claimAt(k) != c {
			return
		}
	}
	typ, g := c.typ, c.gaz
	d.killClaim(c)
	if !keepGaz {
		g = nil
	}
	d.addClaim(sp, typ, g)
}

// findOutlets claims a news outlet the text names only as the one a person
// spoke to or that carried a story: "told Damascus Dispatch that", "in a
// segment broadcast by Al-Ikhbariya". In English reporting the object of
// "told" that is no person, and the agent of "broadcast by" or "reported
// by", is a medium. Runs after persons, so that "told Samer Haddad" stays a
// person's.
func (d *doc) findOutlets() {
	for i := 1; i < len(d.toks); i++ {
		f := d.toks[i-1].Fold
		cue := f == "told" && !d.toks[i-1].Cap ||
			f == "by" && (d.fold(i-2) == "broadcast" || d.fold(i-2) == "reported" || d.fold(i-2) == "published" || d.fold(i-2) == "aired" || d.fold(i-2) == "quoted")
		media := outletNouns[f] && !d.toks[i-1].Cap
		t := d.toks[i]
		if media && t.Word && t.Upper && len(t.Fold) >= 2 && d.own[i] == ownNone && !d.tok(i+1).Cap {
			d.addClaim(span{i, i + 1}, ownOrg, nil) // "the Dutch newspaper NRC"
			continue
		}
		cue = cue || media
		if cue && d.widenKnownOutlet(i) {
			continue // "told Syria Direct Review": the list knows a shorter name
		}
		if cue && t.Fold == "the" && t.Cap && !d.headline[i] {
			// "told The National": a capital "The" inside a sentence opens a title
			if b := d.outletRun(i+1, true); b > i+1 {
				d.addClaim(span{i, b}, ownOrg, nil)
				i = b
			}
			continue
		}
		if !cue || !t.Word || !t.Cap || t.Upper || d.headline[i] || notNameWords[t.Fold] && d.own[i] != ownPlace || givenNames[t.Fold] || nationalities[t.Fold] {
			continue
		}
		b := i
		for b < len(d.toks) && b < i+4 && d.toks[b].Word && d.toks[b].Cap && (d.own[b] == ownNone || d.own[b] == ownPlace) && !titleWord(d.toks[b].Fold) {
			b++
			if d.fold(b) == "-" && !d.tok(b).Space && d.tok(b+1).Word {
				b += 2 // "Zaman al-Wasl"
			}
		}
		if b-i < 2 && !(b == i+1 && d.own[i] == ownNone) {
			continue
		}
		if b == i+1 && d.own[i] == ownPlace {
			continue // "told Damascus": no outlet
		}
		switch f := d.fold(b); {
		case f == "that", f == ",", f == ".", f == "on", f == "in", f == "", f == ";", f == "about", f == "it", f == "he", f == "she", f == "they":
		case isOpenQuote(f) || f == "\"" || f == ":":
			// "told Orontes Now “I want ...”": the words told follow
		default:
			continue
		}
		if !d.onlyPlaces(span{i, b}) {
			continue
		}
		d.dropPlaces(span{i, b})
		d.addClaim(span{i, b}, ownOrg, nil)
		i = b
	}
}

// datelineAgency claims the wire service a dateline credits in
// parentheses, in capitals, before its dash: "DAMASCUS, March 12 (LWS) -",
// "BEIRUT (AP) —". A name a list knows is already claimed.
func (d *doc) datelineAgency(a, dash int) {
	for j := a + 1; j+2 < dash; j++ {
		t := d.toks[j+1]
		if d.fold(j) == "(" && d.fold(j+2) == ")" && t.Word && t.Upper && len(t.Fold) >= 2 && d.own[j+1] == ownNone {
			d.addClaim(span{j + 1, j + 2}, ownOrg, nil)
			return
		}
	}
}

// outletNouns name an outlet before its name: "the Dutch newspaper NRC",
// "the pro-government daily Al Watan".
var outletNouns = lex.Set("outlet_nouns")

// titleWord reports a word that starts a rank or title, or a role noun:
// "told Colonel X", "told Judge X" name a person.
func titleWord(f string) bool { return titleStarts[f] || roleNouns[f] }

// titleStarts are the first words of the ranks and titles.
var titleStarts = func() map[string]bool {
	m := map[string]bool{}
	for _, ws := range append(append([][]string{}, rankPhrases.words...), titlePhrases.words...) {
		m[ws[0]] = true
	}
	return m
}()

// crimeWords reports "crime" or "crimes" among tokens [a, b): "war crimes
// unit", "international crimes unit".
func crimeWords(d *doc, a, b int) bool {
	for k := a; k < b; k++ {
		if f := d.toks[k].Fold; f == "crime" || f == "crimes" {
			return true
		}
	}
	return false
}
