package ar

import (
	"strings"
	"unicode/utf8"

	"github.com/athar-project/athar/internal/gazetteer"
)

var branchHeads = words("branch_heads")
var orgExtendHeads = words("org_extend_heads")
var extendHeads = words("extend_heads")

// branchNames name a security branch by its work: "فرع التحقيق".
var branchNames = words("branch_names")

var prisonHeads = words("prison_heads")
var prisonQualifiers = words("prison_qualifiers")

// orgHeads begin the name of a body: "وزارة العدل", "مديرية الأمن الداخلي".
var orgHeads = words("org_heads")

// courtGrades follow a court's city: "محكمة ستوكهولم الابتدائية".
var courtGrades = words("court_grades")

// orgBridges may stand inside a body's name before a place: "قيادة شرطة حمص".
var orgBridges = words("org_bridges")

// findPatternEntities finds facilities and organizations that no gazetteer
// lists, by the patterns in entityPatterns, tried in order at each token that
// nothing owns yet.
func (d *doc) findPatternEntities() {
	d.nationalityAfterBodies()
	for i := 0; i < len(d.toks); i++ {
		if !d.toks[i].word || d.own[i] != ownNone {
			continue
		}
		for _, pattern := range entityPatterns {
			if end := pattern(d, i); end > i {
				i = end - 1
				break
			}
		}
	}
	d.dropEmpty()
	d.facilityPlaces()
}

// facilityPlaces gives a facility or a body the name it has with the place
// written after it: "فرع الأمن العسكري بحلب", "المستشفى الوطني في حماة",
// "فرع المخابرات الجوية بالمدينة", "محكمة الجنايات في باريس", "قيادة الأمن
// الداخلي في محافظة حماة". The place stays a place of its own.
func (d *doc) facilityPlaces() {
	for _, e := range d.ents {
		if e.typ == ownFacility && e.gaz == nil && civilAirport(foldText(e.name)) {
			e.typ = ownPlace // "مطار دمشق الدولي" is a place, not a place of detention
			for _, m := range e.ments {
				for k := m.a; k < m.b; k++ {
					d.own[k] = ownPlace
				}
			}
		}
		if e.typ != ownFacility && e.typ != ownOrg {
			continue
		}
		for _, m := range e.ments {
			end := d.placeAfter(m.b)
			if end > m.b {
				if a := d.str(span{m.a, end, m.pre}); !containsString(e.aliases, a) {
					e.aliases = append(e.aliases, a)
				}
			}
			if o := d.knownAsAfter(end); o != nil && o != e && o.typ == ownFacility {
				d.mergeEntity(e, o) // "فرع الأمن العسكري بحلب، المعروف بالفرع 290"
			}
		}
	}
	d.dropEmpty()
	d.prisonsOfOnePlace()
}

// civilAirport reports the folded name of an international airport.
func civilAirport(name string) bool {
	return strings.HasPrefix(name, "مطار ") && strings.HasSuffix(name, " الدولي")
}

// knownAsAfter returns the entity named after ", المعروف بـ" at token j.
func (d *doc) knownAsAfter(j int) *entity {
	if d.fold(j) == "," {
		j++
	}
	if j+1 >= len(d.toks) {
		return nil
	}
	if f := d.fold(j); f != "المعروف" && f != "المعروفه" {
		return nil
	}
	j++
	if d.fold(j) == "ب" || d.fold(j) == "باسم" {
		j++
	}
	if j < len(d.toks) && d.entAt[j] != nil && (j > 0 && d.entAt[j-1] != d.entAt[j]) {
		return d.entAt[j]
	}
	return nil
}

// mergeEntity makes o's mentions and names e's; o is left without mentions.
func (d *doc) mergeEntity(e, o *entity) {
	for _, m := range o.ments {
		e.ments = append(e.ments, m)
		for k := m.a; k < m.b; k++ {
			d.entAt[k] = e
		}
	}
	for _, a := range append([]string{o.name}, o.aliases...) {
		if !containsString(e.aliases, a) {
			e.aliases = append(e.aliases, a)
		}
	}
	if e.gaz == nil && o.gaz != nil {
		e.gaz = o.gaz
	}
	o.ments = nil
}

// placeAfter returns the end of a place written right after a facility at
// token j ("في حماة", "بحلب", "بمحافظة درعا", "بالمدينة"), or j.
func (d *doc) placeAfter(j int) int {
	if j >= len(d.toks) || !d.toks[j].word {
		return j
	}
	k := j
	if d.fold(k) == "في" {
		k++
	}
	if k >= len(d.toks) || !d.toks[k].word {
		return j
	}
	t := &d.toks[k]
	if k == j && (t.nvars < 2 || !strings.HasPrefix(t.fold, "ب")) {
		return j // without في, the place carries ب
	}
	if d.own[k] == ownPlace {
		return d.entEnd(k)
	}
	for v := 0; v < t.nvars; v++ {
		if !placeHeads[t.vars[v].s] || k == j && t.vars[v].pre != 1 {
			continue
		}
		if k+1 < len(d.toks) && d.own[k+1] == ownPlace {
			return d.entEnd(k + 1) // "بمحافظة درعا"
		}
		if strings.HasPrefix(t.vars[v].s, "ال") {
			return k + 1 // "بالمدينة": the city the text is about
		}
	}
	return j
}

// entityPatterns read a facility or an organization starting at token i and
// return the token after it, or i.
var entityPatterns = []func(*doc, int) int{
	(*doc).numberedUnit,   // "فرع 215", "الفرع 227", "سرية 215"
	(*doc).namedBranch,    // "فرع التحقيق"
	(*doc).branchOfBody,   // "فرع الأمن العسكري", "فرع مكافحة الإرهاب"
	(*doc).headOfKnown,    // "إدارة الأمن العام", "سجن مطار المزة العسكري"
	(*doc).dualFacilities, // "مستشفيَي تشرين العسكري وحرستا"
	(*doc).prisonOfPlace,  // "سجن تدمر", "سجن حماة المركزي", "معتقل المزة"
	(*doc).prisonOfBody,   // "سجن الشرطة العسكرية", "سجن المخابرات الجوية"
	(*doc).namedSite,      // "مطار المزة", "مشفى تشرين العسكري", "المستشفى العسكري", "سجن المحكمة"
	(*doc).detachment,     // "مفرزة حسياء", "مفرزة الأمن في حسياء"
	(*doc).courtOfCity,    // "محكمة ستوكهولم الابتدائية", "المحكمة العليا"
	(*doc).bodyOfNation,   // "السلطات الألمانية", "القضاء الفرنسي", "الأمن السوري"
	(*doc).armedUnit,      // "كتيبة الجبل"
	(*doc).militia,        // "ميليشيا الدفاع الوطني"
	(*doc).namedBody,      // "اللجنة الوطنية للمفقودين"
	(*doc).mediaOutlet,    // "قناة «الجزيرة»", "صحيفة \"واشنطن بوست\"", "بلدي نيوز"
	(*doc).spokenTo,       // "قال X لـ\"حماة اليوم\"", "يروي لـ«صوت المعتقل»"
	(*doc).bodyByHead,     // "وزارة العدل", "قيادة شرطة حمص", "مكتب المدعي العام الاتحادي"
}

// entEnd returns the token after the mention of the entity at token j.
func (d *doc) entEnd(j int) int {
	e := d.entAt[j]
	k := j
	for k < len(d.toks) && d.entAt[k] == e && e != nil {
		k++
	}
	return k
}

// definite reports a word written with the article: "ال" as written, not
// the alif with hamza of "ألمانية" or "إلى" that folds like it; read
// with or without a clitic ("بالسجن").
func (d *doc) definite(k int) bool {
	if k < 0 || k >= len(d.toks) || !d.toks[k].word {
		return false
	}
	t := &d.toks[k]
	for _, v := range t.vars[:t.nvars] {
		if strings.HasPrefix(v.s, "ال") && v.pre < len(t.offs) && strings.HasPrefix(d.s[t.offs[v.pre]:t.end], "ال") {
			return true // "بالسجن" too
		}
	}
	return false
}

// numberedUnit reads a branch or a company by its number: "فرع 215".
func (d *doc) numberedUnit(i int) int {
	pre, ok := d.has(i, numberedHeads)
	j := i + 1
	if !ok || j >= len(d.toks) || !d.toks[j].digits || len(d.toks[j].fold) > 3 || d.own[j] != ownNone {
		return i
	}
	d.addEntity(ownFacility, span{i, j + 1, pre}, nil)
	return j + 1
}

// namedBranch reads a branch named by what it does: "فرع التحقيق".
func (d *doc) namedBranch(i int) int {
	pre, ok := d.has(i, branchHeads)
	j := i + 1
	if !ok || j >= len(d.toks) || d.own[j] != ownNone || !d.definite(j) || !branchNames[d.toks[j].fold] {
		return i
	}
	d.addEntity(ownFacility, span{i, j + 1, pre}, nil)
	return j + 1
}

// branchOfBody reads a branch of a known body: "فرع الأمن العسكري" is a
// facility (a detention branch), "فرع الأمن العام" and "فرع مكافحة
// الإرهاب" are bodies that act.
func (d *doc) branchOfBody(i int) int {
	pre, ok := d.has(i, branchHeads)
	j := i + 1
	if !ok || j >= len(d.toks) {
		return i
	}
	if n, _ := d.phraseAt(j, branchBodies); n > 0 && d.own[j] != ownPerson {
		k := j + n
		if d.own[j] == ownOrg {
			k = max(k, d.entEnd(j))
			d.dropMention(d.entAt[j], j)
		}
		d.addEntity(ownOrg, span{i, k, pre}, nil)
		return k
	}
	if d.own[j] != ownOrg {
		return i
	}
	k := d.entEnd(j)
	d.dropMention(d.entAt[j], j)
	d.addEntity(ownFacility, span{i, k, pre}, nil)
	return k
}

// headOfKnown joins a head word to the known body or facility after it:
// "إدارة الأمن العام", "سجن مطار المزة العسكري".
func (d *doc) headOfKnown(i int) int {
	pre, ok := d.has(i, extendHeads)
	j := i + 1
	if !ok || j >= len(d.toks) {
		return i
	}
	e := d.entAt[j]
	head := d.toks[i].vars[d.toks[i].nvars-1].s
	if e == nil || !(e.typ == ownOrg && orgExtendHeads[head] || e.typ == ownFacility && prisonHeads[head]) {
		return i
	}
	k := d.entEnd(j)
	if e.typ == ownFacility && k < len(d.toks) && prisonQualifiers[d.toks[k].fold] && d.own[k] == ownNone {
		k++
	}
	d.dropMention(e, j)
	sp := span{i, k, pre}
	e.ments = append(e.ments, sp)
	surface := d.str(sp)
	e.aliases = append(e.aliases, surface)
	if len([]rune(surface)) > len([]rune(e.name)) {
		e.name = surface
	}
	for m := i; m < k; m++ {
		d.own[m], d.entAt[m] = e.typ, e
	}
	return k
}

// dualFacilities reads two facilities under one dual head: "مستشفيَي تشرين
// العسكري وحرستا" names the Tishreen military hospital and Harasta's.
func (d *doc) dualFacilities(i int) int {
	if _, ok := d.has(i, dualHeads); !ok {
		return i
	}
	j := i + 1
	if j >= len(d.toks) || !d.toks[j].word || !d.toks[j].arabic || d.own[j] != ownNone && d.own[j] != ownPlace {
		return i
	}
	end := d.siteNameEnd(j)
	k := end
	if k >= len(d.toks) || !strings.HasPrefix(d.toks[k].fold, "و") || !d.toks[k].word {
		return i
	}
	second := d.siteNameEnd(k)
	if second <= k {
		return i
	}
	for _, sp := range []span{{j, end, 0}, {k, second, 1}} {
		d.dropMention(d.entAt[sp.a], sp.a)
		d.addEntity(ownFacility, sp, nil)
	}
	return second
}

// siteNameEnd returns the end of a site's name at j: a place or a name-like
// word, and a qualifier ("تشرين العسكري").
func (d *doc) siteNameEnd(j int) int {
	k := j + 1
	if d.own[j] == ownPlace {
		k = d.entEnd(j)
	} else if f := d.toks[j].vars[d.toks[j].nvars-1].s; stopWords[f] || !placeWord(f) {
		return j // "تشرين" in "مستشفيَي تشرين العسكري" is a name, though shaped like a verb
	}
	if k < len(d.toks) && prisonQualifiers[d.toks[k].fold] {
		k++
	}
	return k
}

// prisonOfPlace reads a prison or a detention centre named by its town:
// "سجن تدمر", "سجن حماة المركزي", "معتقل المزة". A detention centre named so
// in a text that names a facility at that place ("سجن مطار المزة العسكري") is
// that facility.
func (d *doc) prisonOfPlace(i int) int {
	pre, ok := d.has(i, prisonHeads)
	if !ok {
		return i
	}
	j := i + 1
	if j < len(d.toks) && d.own[j] == ownNone && d.toks[j].arabic {
		// "سجن الباب المركزي", "سجن تدمر": a town whose name is a word too
		if hits := d.gaz.Lookup([]string{d.toks[j].fold}); len(hits) > 0 && hits[0].Entry.Type == gazetteer.Place {
			d.addEntity(ownPlace, span{j, j + 1, 0}, hits[0].Entry)
		}
	}
	if j >= len(d.toks) || d.own[j] != ownPlace {
		return i
	}
	place := d.entAt[j]
	k := d.entEnd(j)
	if k < len(d.toks) && prisonQualifiers[d.toks[k].fold] {
		k++
	}
	d.dropMention(place, j)
	sp := span{i, k, pre}
	if f := d.facilityAt(place); f != nil && detentionHeads[d.toks[i].vars[d.toks[i].nvars-1].s] {
		f.ments = append(f.ments, sp)
		f.aliases = append(f.aliases, d.str(sp))
		for m := i; m < k; m++ {
			d.own[m], d.entAt[m] = ownFacility, f
		}
		return k
	}
	d.addEntity(ownFacility, sp, nil)
	return k
}

// prisonOfBody reads a prison named by the body that runs it: "سجن الشرطة
// العسكرية في القابون", "سجن المخابرات الجوية". The body's words are the
// prison's name here; the place after it is read by facilityPlaces.
func (d *doc) prisonOfBody(i int) int {
	pre, ok := d.has(i, prisonHeads)
	if !ok || d.definite(i) || bare(d.toks[i].vars[d.toks[i].nvars-1].s) != "سجن" {
		return i
	}
	j := i + 1
	if j >= len(d.toks) || d.own[j] != ownOrg || j > 0 && d.entAt[j-1] == d.entAt[j] {
		return i
	}
	body := d.entAt[j]
	if body == nil || body.regime {
		return i
	}
	k := d.entEnd(j)
	if k < len(d.toks) && prisonQualifiers[d.toks[k].fold] {
		k++
	}
	d.dropMention(body, j)
	d.addEntity(ownFacility, span{i, k, pre}, nil)
	return k
}

// prisonsOfOnePlace merges a prison named by its town ("سجن القابون") into
// the prison the text names by its body at that town ("سجن الشرطة العسكرية في
// القابون"): the same prison.
func (d *doc) prisonsOfOnePlace() {
	for _, e := range d.ents {
		if e.typ != ownFacility || e.gaz != nil || len(e.ments) == 0 {
			continue
		}
		ws := strings.Fields(foldText(e.name))
		if len(ws) != 2 || bare(ws[0]) != "سجن" {
			continue
		}
		for _, o := range d.ents {
			if o == e || o.typ != ownFacility || len(o.ments) == 0 || !strings.HasPrefix(bare(foldText(o.name)), "سجن ") {
				continue
			}
			if d.namedAtTown(o, ws[1]) {
				d.mergeEntity(o, e)
				e.ments = nil
				break
			}
		}
	}
	d.dropEmpty()
}

// namedAtTown reports a mention of facility o followed by the folded town
// name town, after في or carrying ب: "سجن الشرطة العسكرية في القابون",
// "… بالقابون". The town need not be in the gazetteer.
func (d *doc) namedAtTown(o *entity, town string) bool {
	for _, m := range o.ments {
		if m.b >= len(d.toks) {
			continue
		}
		if d.fold(m.b) == "في" && m.b+1 < len(d.toks) && d.fold(m.b+1) == town {
			return true
		}
		t := &d.toks[m.b]
		for v := 1; v < t.nvars; v++ {
			if t.vars[v].s == town && strings.HasPrefix(t.fold, "ب") {
				return true
			}
		}
	}
	return false
}

// facilityAt returns the one facility of the text whose name holds a place's
// name, or nil.
func (d *doc) facilityAt(place *entity) *entity {
	key := foldText(place.name)
	var found *entity
	for _, e := range d.ents {
		if e.typ == ownFacility && strings.Contains(" "+foldText(e.name)+" ", " "+key+" ") {
			if found != nil && found != e {
				return nil
			}
			found = e
		}
	}
	return found
}

// namedSite reads an airport, a base or a hospital by its name ("مطار
// المزة", "مشفى تشرين العسكري"), a military hospital named so ("المستشفى
// العسكري"), and a prison named by what it belongs to ("سجن المحكمة").
func (d *doc) namedSite(i int) int {
	pre, ok := d.has(i, prisonHeads)
	if !ok {
		return i
	}
	j := i + 1
	if j >= len(d.toks) || d.own[j] != ownNone || !d.toks[j].arabic {
		return i
	}
	hd := bare(d.toks[i].vars[d.toks[i].nvars-1].s)
	site := hd == "قاعده" || hd == "مطار" || hd == "مشفي" || hd == "مستشفي"
	end := 0
	switch {
	case site && prisonQualifiers[d.toks[j].fold]:
		end = j + 1 // "المستشفى العسكري"
	case site && !d.definite(i) && nameLike(d.toks[j].fold):
		end = j + 1
		if end < len(d.toks) && prisonQualifiers[d.toks[end].fold] {
			end++
		}
	case hd == "سجن" && !d.definite(i) && d.definite(j) && (prisonOwners[d.toks[j].fold] || !stopWords[d.toks[j].fold] && !d.isHumanNoun(j) && !prisonQualifiers[d.toks[j].fold] && placeWord(d.toks[j].fold)):
		end = j + 1 // "سجن المحكمة", "سجن النساء"; not "بسجن المتهم"
	}
	if end == 0 {
		return i
	}
	d.addEntity(ownFacility, span{i, end, pre}, nil)
	return end
}

// detachment reads a security detachment by its place: "مفرزة حسياء",
// "مفرزة الأمن في حسياء".
func (d *doc) detachment(i int) int {
	pre, ok := d.has(i, detachmentHeads)
	if !ok {
		return i
	}
	j := i + 1
	if j < len(d.toks) && d.own[j] == ownOrg {
		return d.detachmentOfBody(i, j, pre)
	}
	if j+2 < len(d.toks) && orgBridges[d.fold(j)] && d.fold(j+1) == "في" {
		j += 2
	}
	if j >= len(d.toks) || d.own[j] != ownPlace {
		return i
	}
	place := d.entAt[j]
	k := d.entEnd(j)
	d.dropMention(place, j)
	sp := span{i, k, pre}
	for _, e := range d.ents {
		if e.typ == ownFacility && e.gaz == nil && sameHead(e.name, d.str(sp)) && strings.HasSuffix(foldText(e.name), foldText(place.name)) {
			e.ments = append(e.ments, sp) // "مفرزة حسياء" and "مفرزة الأمن في حسياء" are one
			e.aliases = append(e.aliases, d.str(sp))
			for m := sp.a; m < sp.b; m++ {
				d.own[m], d.entAt[m] = ownFacility, e
			}
			return k
		}
	}
	d.addEntity(ownFacility, sp, nil)
	return k
}

// detachmentOfBody reads a detachment of a known body at i, the body's
// name at j, and the place it is in when one follows after "في": "مفرزة
// الأمن العسكري في حسياء", "مفرزة أمن الدولة". A detachment holds
// detainees: a facility, as "فرع الأمن العسكري" is.
func (d *doc) detachmentOfBody(i, j, pre int) int {
	body := d.entAt[j]
	k := d.entEnd(j)
	d.dropMention(body, j)
	if k+1 < len(d.toks) && d.fold(k) == "في" && d.own[k+1] == ownPlace {
		place := d.entAt[k+1]
		end := d.entEnd(k + 1)
		d.dropMention(place, k+1)
		k = end
	}
	d.addEntity(ownFacility, span{i, k, pre}, nil)
	return k
}

// courtOfCity reads a court named by its city, or by its grade: "محكمة
// ستوكهولم الابتدائية", "محكمة لاهاي", "جامعة أمستردام", "المحكمة العليا".
func (d *doc) courtOfCity(i int) int {
	pre, ok := d.has(i, orgHeads)
	k := i + 1
	if k >= len(d.toks) || !d.toks[k].word || !d.toks[k].arabic {
		return i
	}
	if !ok {
		if d.fold(i) == "المحكمه" && courtGrades[d.fold(k)] {
			for k < len(d.toks) && courtGrades[d.fold(k)] && d.own[k] == ownNone {
				k++ // "المحكمة الإقليمية العليا"
			}
			d.addEntity(ownOrg, span{i, k, 0}, nil)
			return k
		}
		return i
	}
	if d.fold(i) == "محكمه" && placeHeads[d.fold(k)] && d.own[k] == ownNone && k+1 < len(d.toks) && d.own[k+1] == ownPlace {
		k++ // "محكمة مقاطعة ستوكهولم"
	}
	if d.own[k] != ownPlace && (d.own[k] != ownNone || !nameLike(d.toks[k].fold) || d.definite(k) || strings.HasPrefix(d.toks[k].fold, "ال")) {
		return i
	}
	if d.own[k] == ownPlace && isCountry(d.entAt[k]) && !courtGrades[d.fold(k+1)] {
		return i // "أمام أي محكمة سورية أو دولية": a Syrian court, any one, not a court of that name
	}
	g := d.fold(k + 1)
	if !courtGrades[g] && d.fold(i) != "جامعه" && !(d.own[k] == ownPlace && d.fold(i) == "محكمه") {
		return i
	}
	end := k + 1
	if courtGrades[g] {
		end++
	}
	seat := ""
	if d.own[k] == ownPlace {
		seat = d.entAt[k].name
	}
	for m := i; m < end; m++ {
		d.own[m] = ownNone
	}
	d.addEntity(ownOrg, span{i, end, pre}, nil).seat = seat
	return end
}

// bodyOfNation reads a country's bodies named by a nationality: "السلطات
// الألمانية", "القضاء الفرنسي", "الأمن السوري", "الأجهزة الأمنية السورية".
func (d *doc) bodyOfNation(i int) int {
	n, pre := d.phraseAt(i, nationBodies)
	if n == 0 {
		return i
	}
	k := i + n
	if prosecutionBodies[d.fold(i)] && d.fold(k) == "في" && k+1 < len(d.toks) && d.own[k+1] == ownPlace {
		// "الادعاء العام في هولندا": a country's prosecution named by its seat,
		// which stays a place (where what it announces happened)
		e := d.addEntity(ownOrg, span{i, k, pre}, nil)
		full := d.str(span{i, d.entEnd(k + 1), pre})
		e.name = full
		if !containsString(e.aliases, full) {
			e.aliases = append(e.aliases, full)
		}
		return k
	}
	if k >= len(d.toks) || d.own[k] != ownNone || !nationalities[d.toks[k].fold] || d.fold(k) == "العسكري" || d.fold(k) == "العسكريه" {
		return i
	}
	a := i
	if pre == 0 && i > 0 && d.own[i-1] == ownNone {
		if fpre, ok := d.has(i-1, forcesHeads); ok {
			a, pre = i-1, fpre // "قوات الأمن السوري": the body's forces are the body
		}
	}
	d.addEntity(ownOrg, span{a, k + 1, pre}, nil)
	return k + 1
}

// prosecutionBodies are the nation bodies a text names by their seat after
// في: "الادعاء العام في هولندا".
var prosecutionBodies = map[string]bool{"الادعاء": true, "النيابه": true}

// forcesHeads stand before a nation's security body as part of its name:
// "قوات الأمن السوري".
var forcesHeads = map[string]bool{"قوات": true}

// armedUnit reads a battalion by its name: "كتيبة الجبل", "ما يُعرف
// بـ\"كتيبة الجبل\"".
func (d *doc) armedUnit(i int) int {
	pre, ok := d.has(i, unitHeads)
	j := i + 1
	if !ok || j >= len(d.toks) || d.own[j] != ownNone && d.own[j] != ownPlace || !d.definite(j) || stopWords[d.toks[j].fold] {
		return i
	}
	k := j + 1
	if d.own[j] == ownPlace {
		k = d.entEnd(j)
		d.dropMention(d.entAt[j], j)
	}
	d.addEntity(ownOrg, span{i, k, pre}, nil)
	return k
}

// mediaOutlet reads a news outlet: a name in quotes after a word for an
// outlet ("قناة «الجزيرة»", "صحيفة \"واشنطن بوست\""), or a name ending in
// "نيوز" ("بلدي نيوز").
func (d *doc) mediaOutlet(i int) int {
	if f := d.fold(i + 1); (f == "نيوز" || f == "نيوز24") && d.toks[i].arabic && d.own[i+1] == ownNone {
		d.addEntity(ownOrg, span{i, i + 2, d.cliticOfName(i)}, nil)
		return i + 2
	}
	if _, ok := d.has(i, newsCues); !ok {
		return i
	}
	if end := d.quotedOutlet(i); end > i {
		return end
	}
	if end := d.plainOutlet(i); end > i {
		return end
	}
	q := i + 1
	if f := d.fold(q); f != "«" && f != "\"" {
		return i
	}
	end := q + 1
	for end < len(d.toks) && end < q+5 && d.toks[end].word {
		end++
	}
	if end == q+1 || end >= len(d.toks) || (d.fold(end) != "»" && d.fold(end) != "\"") {
		return i
	}
	for k := q + 1; k < end; k++ {
		if d.own[k] != ownNone && d.own[k] != ownPlace && d.own[k] != ownOrg {
			return i
		}
		if d.own[k] != ownNone {
			d.dropMention(d.entAt[k], k)
		}
	}
	e := d.addEntity(ownOrg, span{q + 1, end, 0}, nil)
	e.aliases = append(e.aliases, d.str(span{i, end + 1, 0}))
	return end + 1
}

// plainOutlet reads an outlet named without quotes after its kind
// (outletHeads) when it is cited as a source: a verb of saying or reporting
// or a source cue (بحسب، وفق، نقلاً عن) up to two words before the head, or
// the head with ل ("لصحيفة الوطن": told to it). The name is the one to three
// definite words after the head: one word is the name, the head with it an
// alias ("الوطن", "صحيفة الوطن"); several are written with the head ("وكالة
// الأنباء الألمانية").
func (d *doc) plainOutlet(i int) int {
	pre, ok := d.has(i, outletHeads)
	if !ok {
		return i
	}
	cited := pre > 0 && strings.HasPrefix(d.fold(i), "ل")
	for k := i - 1; k >= 0 && k >= i-2 && !cited; k-- {
		if !d.toks[k].word {
			break
		}
		_, say := d.has(k, speechVerbs)
		_, report := d.has(k, reportVerbs)
		_, src := d.has(k, sourceCues)
		_, cite := d.has(k, citeVerbs)
		cited = say || report || src || cite
	}
	if !cited {
		return i
	}
	end := i + 1
	for end < len(d.toks) && end < i+4 && d.toks[end].word && d.toks[end].arabic && d.own[end] == ownNone &&
		strings.HasPrefix(d.fold(end), "ال") && d.fold(end) != "الذي" && d.fold(end) != "التي" {
		end++
	}
	if end == i+1 {
		return i
	}
	if end > i+2 {
		// "وكالة الأنباء الألمانية": a name of several words is written with its head
		d.addEntity(ownOrg, span{i, end, pre}, nil)
		return end
	}
	e := d.addEntity(ownOrg, span{i + 1, end, 0}, nil)
	if a := d.str(span{i, end, pre}); !containsString(e.aliases, a) {
		e.aliases = append(e.aliases, a) // "الوطن", written "صحيفة الوطن" too
	}
	return end
}

// outletHeads, sourceCues and citeVerbs: see plainOutlet.
var (
	outletHeads = words("outlet_heads")
	sourceCues  = words("source_cues")
	citeVerbs   = words("cite_verbs")
)

// spokenTo reads the outlet a speaker spoke to, its whole name in quotes
// after "لـ" and a verb of saying or telling before it in the sentence:
// "وقال X لـ\"حماة اليوم\" إن …", "ناجٍ يروي لـ«صوت المعتقل» تفاصيل …". A
// kunya in quotes is a person ("قال لـ«أبو خالد»"). It returns the token
// after the closing quote, or i.
func (d *doc) spokenTo(i int) int {
	if utf8.RuneCountInString(strings.Trim(d.fold(i), "ـ")) != 1 || !strings.HasPrefix(d.fold(i), "ل") {
		return i
	}
	if f := d.fold(i + 1); f != "«" && f != "\"" {
		return i
	}
	q := i + 2 // the name's first word
	if f := d.fold(q); f == "ابو" || f == "ام" {
		return i
	}
	end := q
	for end < len(d.toks) && end < q+4 && d.toks[end].word && (d.own[end] == ownNone || d.own[end] == ownPlace) {
		end++
	}
	if end == q || end >= len(d.toks) || d.fold(end) != "»" && d.fold(end) != "\"" {
		return i
	}
	s := d.sents[d.sentOf[i]]
	said := false
	for k := i - 1; k >= s.a && k >= i-14; k-- {
		if complementizers[d.fold(k)] {
			break // "وقال إنه تعرض لـ\"التعذيب\"": the لـ belongs to what was said
		}
		if _, ok := d.has(k, speechVerbs); ok {
			said = true
		} else if _, ok := d.has(k, tellVerbs); ok {
			said = true
		}
	}
	if !said {
		return i
	}
	for k := q; k < end; k++ {
		if d.own[k] != ownNone {
			d.dropMention(d.entAt[k], k) // "حماة اليوم": the outlet's name, not the city
		}
	}
	d.addEntity(ownOrg, span{q, end, 0}, nil)
	return end + 1
}

// quotedOutlet reads an outlet whose whole name stands in quotes, its word
// for an outlet first: «لـ"شبكة شاهد"», «مع "مرصد دمشق"». It returns the
// token after the name, or i.
func (d *doc) quotedOutlet(i int) int {
	if f := d.fold(i - 1); f != "«" && f != "\"" {
		return i
	}
	if pre, _ := d.has(i, newsCues); pre > 0 {
		return i
	}
	end := i + 1
	for end < len(d.toks) && end < i+4 && d.toks[end].word && (d.own[end] == ownNone || d.own[end] == ownPlace) {
		end++
	}
	if end == i+1 || end >= len(d.toks) || (d.fold(end) != "»" && d.fold(end) != "\"") {
		return i
	}
	for k := i + 1; k < end; k++ {
		if d.own[k] != ownNone {
			d.dropMention(d.entAt[k], k) // "مرصد دمشق": the outlet's name, not the city
		}
	}
	d.addEntity(ownOrg, span{i, end, 0}, nil)
	return end
}

// cliticOfName returns the length of the clitic on the first word of a name
// at token i: the one whose reading the text also writes on its own
// ("لبلدي نيوز" where "بلدي نيوز" stands elsewhere), else none.
func (d *doc) cliticOfName(i int) int {
	t := &d.toks[i]
	if d.folds == nil {
		d.folds = map[string]int{}
		for k := range d.toks {
			d.folds[d.toks[k].fold]++
		}
	}
	for v := t.nvars - 1; v > 0; v-- {
		if d.folds[t.vars[v].s] > 0 {
			return t.vars[v].pre
		}
	}
	return 0
}

// bodyByHead reads a body by its head word and what follows: "وزارة العدل",
// "قيادة شرطة حمص", "مكتب المدعي العام الاتحادي".
func (d *doc) bodyByHead(i int) int {
	pre, ok := d.has(i, orgHeads)
	if !ok {
		return i
	}
	if d.toks[i].vars[d.toks[i].nvars-1].s == "جهاز" && !orgWords[d.fold(i+1)] {
		return i // "جهاز الحاسوب" is a device; "جهاز الأمن العام", "جهاز المخابرات" are bodies
	}
	k := i + 1
	for k < len(d.toks) && k < i+4 && d.toks[k].word && d.own[k] == ownNone && d.toks[k].arabic {
		f := d.toks[k].fold
		if orgBridges[f] || (len(f) > 6 && d.definite(k) && !stopWords[f] || orgWords[f]) || k == i+1 && orgConstruct[f] ||
			k == i+2 && orgConstruct[d.toks[i+1].fold] && d.definite(k) {
			k++
			continue
		}
		break
	}
	// "رابطة معتقلي صيدنايا": a place or a facility after a group in construct is the name's
	if k == i+2 && orgConstruct[d.toks[i+1].fold] { // "جمعية ضحايا التعذيب" took its word above
		if k < len(d.toks) && (d.own[k] == ownPlace || d.own[k] == ownFacility) && d.entAt[k] != nil {
			m := d.entEnd(k)
			d.dropMention(d.entAt[k], k)
			k = m
		} else if k >= len(d.toks) || !d.toks[k].word || d.own[k] != ownNone {
			return i // "رابطة معتقلي" alone names no body
		}
	}
	// "قيادة شرطة حمص": a place closes the name
	if k > i+1 && orgBridges[d.toks[k-1].fold] {
		if k < len(d.toks) && d.own[k] == ownPlace {
			m := d.entEnd(k)
			d.dropMention(d.entAt[k], k)
			k = m
		} else {
			k--
		}
	}
	if k <= i+1 {
		return i
	}
	d.addEntity(ownOrg, span{i, k, pre}, nil)
	return k
}

var (
	prisonOwners    = words("prison_owners")
	numberedHeads   = words("numbered_heads")
	dualHeads       = words("dual_heads")
	detachmentHeads = words("detachment_heads")
	detentionHeads  = words("detention_heads")
	unitHeads       = words("unit_heads")
	nationBodies    = phraseList("nation_bodies")
	branchBodies    = phraseList("branch_bodies")
)

// nationalities follow a body's name: "الأمن العام اللبناني".
var nationalities = words("nationalities")

// orgConstruct: see lexicon/org_construct.txt.
var orgConstruct = words("org_construct")

// orgWords may continue a body's name although the stop list holds them.
var orgWords = words("org_words")

// nationalityAfterBodies joins a nationality to the body before it: "الأمن
// العام اللبناني" is Lebanon's, not Syria's, General Security.
func (d *doc) nationalityAfterBodies() {
	for i := 1; i < len(d.toks); i++ {
		e := d.entAt[i-1]
		if e == nil || e.typ != ownOrg || d.own[i] != ownNone || !nationalities[d.toks[i].fold] || d.entAt[i] != nil {
			continue
		}
		a := i - 1
		for a > 0 && d.entAt[a-1] == e {
			a--
		}
		pre := 0
		for _, m := range e.ments {
			if m.a == a {
				pre = m.pre
			}
		}
		d.dropMention(e, a)
		sp := span{a, i + 1, pre}
		e.ments = append(e.ments, sp)
		if surface := d.str(sp); !containsString(e.aliases, surface) {
			e.aliases = append(e.aliases, surface)
		}
		d.own[i], d.entAt[i] = ownOrg, e
	}
	d.dropEmpty()
}

// dropMention removes e's mention that starts at token a.
func (d *doc) dropMention(e *entity, a int) {
	if e == nil {
		return
	}
	var keep []span
	for _, m := range e.ments {
		if m.a != a {
			keep = append(keep, m)
		}
	}
	e.ments = keep
}
