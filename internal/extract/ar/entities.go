package ar

import (
	"strings"
	"unicode/utf8"

	"github.com/athar-project/athar/internal/gazetteer"
)

// entity is a facility, place or organization being built.
type entity struct {
	typ     uint8 // ownFacility, ownPlace, ownOrg
	key     string
	name    string
	aliases []string
	ments   []span
	gaz     *gazetteer.Entry
	seat    string // the city a court's name holds: "محكمة لاهاي المحلية"
	regime  bool   // the regime as an actor, however the text names it
}

// placeCues are nouns that introduce a place: a weak gazetteer entry (a
// village whose name is also a word) counts only after one.
var placeCues = words("place_cues")

// notPlaces are gazetteer names that running Arabic text mostly uses as
// common words or as something else's name.
var notPlaces = words("not_places")

// newsOnly are organizations (news outlets) whose Arabic name is also a
// common word: they count only after a cue ("قناة الجزيرة", "وكالة الأناضول").
var newsOnly = words("news_only")
var newsCues = words("news_cues")

// findGazetteer finds the longest gazetteer phrases, reading the first word
// of each with and without its clitics.
func (d *doc) findGazetteer() {
	words := make([]string, 0, 8)
	for i := 0; i < len(d.toks); i++ {
		t := &d.toks[i]
		if !t.word || d.own[i] != ownNone || t.digits {
			continue
		}
		bestN, bestPre := 0, 0
		var bestHits []gazetteer.Hit
		nv := t.nvars
		if givenNames[t.fold] {
			nv = 1 // "وفيق" is a name, not و + فيق
		}
		for v := 0; v < nv; v++ {
			words = append(words[:0], t.vars[v].s)
			for j := i + 1; j < len(d.toks) && j < i+8 && d.toks[j].word && d.own[j] == ownNone; j++ {
				words = append(words, d.toks[j].fold)
			}
			n, hits := d.gaz.Match(words, 0)
			for n > 0 && !d.acceptHits(i, n, t.vars[v].s, hits) {
				n--
				hits = nil
				for ; n > 0; n-- {
					if hits = d.gaz.Lookup(words[:n]); len(hits) > 0 {
						break
					}
				}
			}
			if n > bestN {
				bestN, bestPre, bestHits = n, t.vars[v].pre, hits
			}
		}
		if bestN == 0 {
			continue
		}
		sp := span{i, i + bestN, bestPre}
		h := bestHits[0].Entry
		// "حي التضامن": a facility list may name a place by its quarter
		if hv := bare(t.vars[t.nvars-1].s); bestN > 1 && h.Type == gazetteer.Facility && (hv == "حي" || hv == "مجزره") {
			d.addEntity(ownPlace, span{i + 1, i + bestN, 0}, nil)
			i += bestN - 1
			continue
		}
		// "مدينة حمص", "محافظة حماة": the place noun is no part of the name
		if bestN > 1 && h.Type == gazetteer.Place && placeHeads[t.vars[0].s] || bestN > 1 && bestPre > 0 && placeHeads[bare(t.vars[len(t.vars[:t.nvars])-1].s)] {
			if rest := d.gaz.Lookup(d.foldsOf(i+1, i+bestN)); len(rest) > 0 && rest[0].Entry.Type == gazetteer.Place {
				sp = span{i + 1, i + bestN, 0}
				bestHits = rest
				h = rest[0].Entry
			}
		}
		if h.Type == gazetteer.Place {
			for _, x := range bestHits {
				if x.Entry.Type == gazetteer.Place && !x.Entry.Weak {
					h = x.Entry
					break
				}
			}
		}
		if h.Type == gazetteer.Facility && sp.b < len(d.toks) && prisonQualifiers[d.toks[sp.b].fold] {
			sp.b++ // "سجن مطار المزة العسكري": the list may lack the adjective
			bestN++
		}
		if h.Type == gazetteer.Facility && buildingWord(d.toks[i].vars[0].s) {
			// "المبنى الأحمر": a building of a prison is a facility of its own
			d.addEntity(ownFacility, sp, nil)
			i += bestN - 1
			continue
		}
		e := d.addEntity(typeOf(h.Type), sp, h)
		if _, ok := d.has(i-1, newsCues); ok && h.Type == gazetteer.Organization {
			e.aliases = append(e.aliases, d.str(span{i - 1, sp.b, 0})) // "وكالة الأناضول"
		}
		i += bestN - 1
	}
	d.prisonTowns()
	d.cuedPlaces()
	d.facilitiesInside()
}

// knownAsFacility makes a facility's other name in quotes after an alias cue
// ("فرع الأمن العسكري بحمص المعروف بـ«الفرع 261»") a name of that facility,
// not a facility of its own.
func (d *doc) knownAsFacility() {
	out := d.ents[:0]
	for _, e := range d.ents {
		if into := d.namedBefore(e); into != nil {
			for _, m := range e.ments {
				into.ments = append(into.ments, m)
				for k := m.a; k < m.b; k++ {
					d.entAt[k] = into
				}
			}
			if !containsString(into.aliases, e.name) {
				into.aliases = append(into.aliases, e.name)
			}
			continue
		}
		out = append(out, e)
	}
	d.ents = out
}

// namedBefore returns the facility that facility e, named in quotes after
// an alias cue, is another name of: the one that ends right before the cue.
func (d *doc) namedBefore(e *entity) *entity {
	if e.typ != ownFacility || e.gaz != nil {
		return nil
	}
	for _, m := range e.ments {
		q := m.a - 1
		if q < 1 || d.fold(q) != "«" && d.fold(q) != "\"" {
			continue
		}
		if cue := d.aliasCueBefore(q); cue >= 1 {
			if x := d.entAt[cue-1]; x != nil && x != e && x.typ == ownFacility {
				return x
			}
		}
	}
	return nil
}

// facilitiesInside finds a facility named inside a body's name: "رابطة
// معتقلي ومفقودي سجن صيدنايا" names the prison too.
func (d *doc) facilitiesInside() {
	for _, e := range d.ents {
		if e.typ != ownOrg {
			continue
		}
		for _, m := range e.ments {
			for k := m.a + 1; k < m.b; k++ {
				n, hits := d.gaz.Match(d.foldsOf(k, m.b), 0)
				if n == 0 || hits[0].Entry.Type != gazetteer.Facility {
					continue
				}
				f := d.entityFor(ownFacility, hits[0].Entry, d.str(span{k, k + n, 0}))
				f.ments = append(f.ments, span{k, k + n, 0})
				break
			}
		}
	}
}

// entityFor returns the entity of a gazetteer entry, made if new, without
// claiming tokens.
func (d *doc) entityFor(typ uint8, g *gazetteer.Entry, surface string) *entity {
	for _, x := range d.ents {
		if x.key == g.ID {
			return x
		}
	}
	e := &entity{typ: typ, key: g.ID, name: surface, gaz: g, aliases: []string{g.NameAR, g.NameEN, surface}}
	d.ents = append(d.ents, e)
	return e
}

// quarterCues introduce a place that no gazetteer may list: "حي الرميلة",
// "قرية بيت ياشوط".
var quarterCues = words("quarter_cues")

// placeAdjectives describe a place after the word for its kind: "قرية
// نائية" names no place.
var placeAdjectives = words("place_adjectives")

// cityCues introduce a city that no gazetteer may list, by a name without
// the article: "مدينة كاسل الألمانية".
var cityCues = words("city_cues")

// cuedPlaces reads the name after a place noun as a place: one word, or
// two when the second carries the article.
func (d *doc) cuedPlaces() {
	for i := 0; i+1 < len(d.toks); i++ {
		if pre, ok := d.has(i, landmarkHeads); ok && d.own[i] == ownNone {
			j := i + 1
			if t := d.toks[j]; t.word && t.arabic && d.own[j] == ownNone && d.definite(j) && !stopWords[t.fold] && placeWord(t.fold) {
				d.addEntity(ownPlace, span{i, j + 1, pre}, nil) // "المسجد العمري", "جامع الرفاعي"
				i = j
				continue
			}
		}
		_, quarter := d.has(i, quarterCues)
		_, city := d.has(i, cityCues)
		if !quarter && !city || d.own[i] != ownNone {
			continue
		}
		j := i + 1
		t := d.toks[j]
		if !t.word || !t.arabic || d.own[j] != ownNone || stopWords[t.fold] || !placeWord(t.fold) || city && (d.definite(j) || t.tanween) {
			continue // "مدينة كاسل الألمانية", not "مدينة الملاهي"
		}
		if placeAdjectives[t.fold] {
			continue // "قرية نائية": a remote village, none named
		}
		if _, ok := d.has(j, placeCues); ok {
			continue // "بلدة بريف حماة": the next word for a kind of place, none named
		}
		end := j + 1
		if end < len(d.toks) && d.toks[end].word && d.own[end] == ownNone && d.definite(end) && !stopWords[d.toks[end].fold] && !nationalities[d.toks[end].fold] && placeWord(d.toks[end].fold) {
			end++
		}
		d.addEntity(ownPlace, span{j, end, 0}, nil)
		i = end - 1
	}
}

// placeWithHead returns the name a place has with the word for its kind
// written before it ("حي الميدان", "ساحة المرجة", "مدينة النبك", "ريف
// حماة") and, after the countryside, the direction ("ريف حماة
// الشمالي الغربي"); or "".
func (d *doc) placeWithHead(sp span) string {
	i := sp.a
	if i < 1 || !d.toks[i-1].word {
		return ""
	}
	t := &d.toks[i-1]
	for v := 0; v < t.nvars; v++ {
		h := t.vars[v].s
		if !nameHeads[h] {
			continue
		}
		end := sp.b
		for h == "ريف" && end < len(d.toks) && end < sp.b+2 && directions[d.fold(end)] && d.own[end] == ownNone {
			end++
		}
		return runesFrom(d.s[t.start:t.end], t.vars[v].pre) + " " + d.str(span{sp.a, end, 0})
	}
	return ""
}

// nameHeads are the nouns for a kind of place that name a place with it:
// "حي الميدان", "مدينة النبك", "ريف حماة".
var nameHeads = words("name_heads")

// directions follow the countryside of a city: "ريف حماة الشمالي الغربي".
var directions = map[string]bool{"الشمالي": true, "الجنوبي": true, "الشرقي": true, "الغربي": true}

// named returns the words of span sp as a name: "للأمم المتحدة" read after
// its ل is "الأمم المتحدة", the article's alif that the ل dropped written
// back.
func (d *doc) named(sp span) string {
	text := d.str(sp)
	if sp.pre == 0 || sp.a >= len(d.toks) {
		return text
	}
	t := &d.toks[sp.a]
	for v := 0; v < t.nvars; v++ {
		if t.vars[v].pre == sp.pre && strings.HasPrefix(t.vars[v].s, "ال") && strings.HasPrefix(text, "ل") && !strings.HasPrefix(text, "ال") {
			return "ا" + text
		}
	}
	return text
}

// buildingWord reports the word for a building that begins the name of a
// part of a prison ("المبنى الأحمر", "البناء الأبيض"): the gazetteer lists
// such names under the prison, the text names the building.
func buildingWord(f string) bool {
	switch f {
	case "المبني", "البناء", "مبني", "بناء":
		return true
	}
	return false
}

// landmarkHeads begin the name of a landmark that is a place: a mosque.
var landmarkHeads = words("landmark_heads")

// placeWord reports a word that can be part of a place's name.
func placeWord(f string) bool {
	if verbWords[f] || rankWords[f] || len(triggerIndex[f]) > 0 || len(triggerIndex[bare(f)]) > 0 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(f)
	return r >= 0x0621 && r <= 0x064A && utf8.RuneCountInString(f) >= 3
}

func typeOf(t gazetteer.Type) uint8 {
	switch t {
	case gazetteer.Facility:
		return ownFacility
	case gazetteer.Organization:
		return ownOrg
	}
	return ownPlace
}

// acceptHits decides whether a gazetteer phrase of n words at token i counts
// in running text.
func (d *doc) acceptHits(i, n int, first string, hits []gazetteer.Hit) bool {
	if len(hits) == 0 {
		return false
	}
	// A Latin acronym must be written in capitals; other Latin words are for
	// the English extractor.
	if !d.toks[i].arabic {
		return false
	}
	h := hits[0].Entry
	if newsOnly[first] {
		_, cued := d.has(i-1, newsCues)
		return cued || d.quoted(i, i+n) || d.bylineAt(i, i+n) // "قناة الجزيرة", “الجزيرة”, "سامر الخطيب/ الأناضول"
	}
	if h.Type == gazetteer.Place && n == 1 && (d.adjectiveOf(i) || d.toks[i].tanween) {
		return false // "الجدران السوداء": an adjective of the noun before
	}
	if h.Type == gazetteer.Place && n == 1 && placeAdjectives[first] && d.placeCueBefore(i) && !d.definite(i-1) {
		return false // "قرية صغيرة": a small village, though a village has that name
	}
	if h.Type == gazetteer.Place {
		if n == 1 && notPlaces[first] && !d.placeCueBefore(i) {
			return false
		}
		if n == 1 && isNameWord(first) && !d.placeCueBefore(i) {
			return false // "حسين", "سلوم": a village and a name; a name unless a cue says place
		}
		weak := true
		for _, x := range hits {
			if x.Entry.Type == gazetteer.Place && !x.Entry.Weak {
				weak = false
			}
		}
		if weak && !d.placeCueBefore(i) && !(n > 1 && d.strongPlace(first)) {
			return false // "درعا البلد": a city and what qualifies it
		}
	}
	return true
}

// quoted reports tokens a..b (end exclusive) standing alone between quotes.
func (d *doc) quoted(a, b int) bool {
	open, close := d.fold(a-1), d.fold(b)
	return (open == "\"" || open == "«") && (close == "\"" || close == "»")
}

// adjectiveOf reports a definite word right after a definite noun that is no
// place cue: "الجدران السوداء" agrees with its noun, it names no place.
func (d *doc) adjectiveOf(i int) bool {
	if !d.definite(i) || !d.definite(i-1) || d.own[i-1] != ownNone {
		return false
	}
	if _, ok := d.has(i-1, placeCues); ok {
		return false
	}
	_, prison := d.has(i-1, prisonHeads)
	return !prison
}

// strongPlace reports a word that names a city or a larger place alone.
func (d *doc) strongPlace(f string) bool {
	for _, h := range d.gaz.Lookup([]string{f}) {
		if h.Entry.Type == gazetteer.Place && !h.Entry.Weak {
			return true
		}
	}
	return false
}

// isNameWord reports a given name or a word that opens a name.
func isNameWord(f string) bool { return givenNames[f] || givenNames[bare(f)] }

func (d *doc) placeCueBefore(i int) bool {
	_, ok := d.has(i-1, placeCues)
	return ok
}

// prisonTowns reads a town that stands for its prison after words for its
// inmates: "معتقلي صيدنايا", "ناجون من صيدنايا".
func (d *doc) prisonTowns() {
	for _, e := range d.ents {
		if e.typ != ownPlace || e.gaz == nil {
			continue
		}
		// the prison named "سجن <town>" in the gazetteer
		var prison *gazetteer.Entry
		for _, h := range d.gaz.Lookup([]string{"سجن", foldText(e.gaz.NameAR)}) {
			if h.Entry.Type == gazetteer.Facility {
				prison = h.Entry
				break
			}
		}
		if prison == nil {
			continue
		}
		prisonNamed := d.facilityNamed(prison)
		var keep []span
		for _, m := range e.ments {
			if d.inmateBefore(m.a) || prisonNamed && !d.placeCueBefore(m.a) {
				d.addEntity(ownFacility, m, prison)
				continue
			}
			keep = append(keep, m)
		}
		e.ments = keep
	}
	d.dropEmpty()
}

// facilityNamed reports a gazetteer facility the text names: then its town
// alone ("كنا في صيدنايا") means it, unless a place cue says the town.
func (d *doc) facilityNamed(g *gazetteer.Entry) bool {
	for _, e := range d.ents {
		if e.typ == ownFacility && e.gaz == g {
			return true
		}
	}
	return false
}

var inmateWords = words("inmate_words")

func (d *doc) inmateBefore(i int) bool {
	if _, ok := d.has(i-1, inmateWords); ok {
		return true
	}
	// "أعدموا في صيدنايا", "عذب في تدمر"
	if d.fold(i-1) == "في" && i >= 2 {
		var buf [8]variant
		for _, v := range d.triggerForms(i-2, buf[:0]) {
			for _, ti := range triggerIndex[v.s] {
				switch triggers[ti].typ {
				case "execution_allegation", "torture_allegation", "death_in_custody":
					return true
				}
			}
		}
	}
	if d.fold(i-1) == "من" || d.fold(i-1) == "في" {
		_, ok := d.has(i-2, inmateWords)
		return ok
	}
	if d.fold(i-1) == "الي" {
		_, ok := d.has(i-2, transferVerbs) // "نُقل إلى عدرا"
		return ok
	}
	return false
}

// transferVerbs move a detainee to a place of detention.
var transferVerbs = words("transfer_verbs")

func (d *doc) dropEmpty() {
	var keep []*entity
	for _, e := range d.ents {
		if len(e.ments) > 0 {
			keep = append(keep, e)
		}
	}
	d.ents = keep
}

// addEntity records a mention of an entity, found in the gazetteer (g) or
// by a pattern (g nil).
func (d *doc) addEntity(typ uint8, sp span, g *gazetteer.Entry) *entity {
	surface := d.named(sp)
	key := ""
	if g != nil && typ != ownPlace {
		key = g.ID
	} else {
		key = string(rune('0'+typ)) + ":" + foldText(surface)
	}
	var e *entity
	for _, x := range d.ents {
		if x.key == key {
			e = x
			break
		}
	}
	if e == nil && g == nil {
		// "محكمة الجنايات" and "محكمة الجنايات الثانية" in one text
		for _, x := range d.ents {
			if x.gaz == nil && x.typ == typ && (strings.HasPrefix(x.key+" ", key+" ") || strings.HasPrefix(key+" ", x.key+" ")) {
				e = x
				break
			}
		}
	}
	if e == nil {
		e = &entity{typ: typ, key: key, name: surface, gaz: g}
		if g != nil {
			e.aliases = append(e.aliases, g.NameAR)
			for _, a := range g.Aliases {
				if hasArabic(a) {
					e.aliases = append(e.aliases, a)
				}
			}
			e.aliases = append(e.aliases, g.NameEN)
		}
		d.ents = append(d.ents, e)
	}
	e.ments = append(e.ments, sp)
	if !containsString(e.aliases, surface) {
		e.aliases = append(e.aliases, surface)
	}
	if typ == ownPlace {
		if a := d.placeWithHead(sp); a != "" && !containsString(e.aliases, a) {
			e.aliases = append(e.aliases, a) // "حي الميدان", "ريف حماة الشمالي الغربي" name it too
		}
	}
	switch {
	case typ == ownPlace && g != nil && g.Kind == "country":
		e.name = g.NameAR // "سورية" is سوريا
	case typ == ownPlace:
	case g != nil && sameHead(surface, g.NameAR) && !sameHead(e.name, g.NameAR):
		e.name = surface // the form that names it as the list does: "سجن صيدنايا", not «المسلخ البشري»
	case len([]rune(surface)) > len([]rune(e.name)) && sameHead(surface, e.name):
		e.name = surface // the fullest form the text writes
	}
	if typ == ownFacility && sp.b-sp.a > 2 {
		// "فرع الأمن العسكري بحمص": the branch is also named without its city
		last := &d.toks[sp.b-1]
		if last.nvars > 1 && last.vars[last.nvars-1].pre == 1 && strings.HasPrefix(last.fold, "ب") && len(d.gaz.Lookup([]string{last.vars[last.nvars-1].s})) > 0 {
			e.aliases = append(e.aliases, d.str(span{sp.a, sp.b - 1, sp.pre}))
		}
	}
	for k := sp.a; k < sp.b; k++ {
		d.own[k] = typ
		d.entAt[k] = e
	}
	return e
}

// sameHead reports two names that begin with the same word: "سجن صيدنايا"
// and "سجن صيدنايا العسكري", not "المبنى الأبيض".
func sameHead(a, b string) bool {
	fa, fb := strings.Fields(foldText(a)), strings.Fields(foldText(b))
	return len(fa) > 0 && len(fb) > 0 && bare(fa[0]) == bare(fb[0])
}

// placeHeads are nouns that stand before a place's name without being part
// of it.
var placeHeads = words("place_heads")

func (d *doc) foldsOf(a, b int) []string {
	out := make([]string, 0, b-a)
	for k := a; k < b; k++ {
		out = append(out, d.toks[k].fold)
	}
	return out
}
