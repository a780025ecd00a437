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
		if words >= 4 && caps*10 >= words*8 {
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
				d.addClaim(span{i, i + n}, ownOrg, hits[0].Entry)
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

var (
	nationalities   = lex.Set("nationalities")
	bodyWords       = lex.Set("body_words")
	policeHeads     = lex.Set("police_heads")
	lowerUnits      = lex.Set("lower_units")
	courtAdjectives = lex.Set("court_adjectives")
	securityUnits   = set(`directorate branch command committee`)
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
		if t.Word && (t.Upper && len(t.Fold) > 2 || t.Cap && c != nil && c.typ == ownPlace && d.fold(c.sp.b) == ",") {
			for k := a + 1; k < b && k < a+12; k++ {
				f := d.toks[k].Fold
				if (f == "-" || f == "—" || f == "–") && d.toks[k].Space {
					for j := a; j <= k; j++ {
						d.dateline[j] = true
					}
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
