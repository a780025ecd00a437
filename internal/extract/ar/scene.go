package ar

import (
	"slices"
	"strings"

	"github.com/athar-project/athar/internal/extract"
)

// findScenes records the facilities the text names as where its story is
// set (extract.Setting), for the deaths, torture and executions a sentence
// tells without naming the place again: "تحول سجن المزة إلى مركز اعتقال.
// كان المعتقلون يموتون بأعداد كبيرة". Every facility mention counts except
// an origin ("نُقل من سجن عدرا") and a post a person holds ("رئيس فرع
// فلسطين"), which say where the story is not, or say who someone is.
func (d *doc) findScenes() {
	type mention struct {
		sent int
		e    *entity
		weak bool
	}
	var ms []mention
	for _, e := range d.ents {
		if e.typ != ownFacility {
			continue
		}
		for _, m := range e.ments {
			// a one-word form is a town standing for its prison, or for its
			// hospital ("مستشفيَي تشرين العسكري وحرستا"): too unsure to set a scene
			if m.b-m.a == 1 || d.fold(m.a-1) == "من" || d.sceneHeldPost(m.a) || hospital(e) || d.afterHospital(m.a) || d.deniedBefore(m.a) {
				continue
			}
			si := d.sentOf[m.a]
			// the headline's shorthand counts only when nothing else does
			weak := d.sents[si].heading
			ms = append(ms, mention{si, e, weak})
		}
	}
	// Setting takes the mentions in the order the text gives them
	slices.SortStableFunc(ms, func(x, y mention) int { return x.sent - y.sent })
	d.sceneFrom = map[string]int{}
	for _, m := range ms {
		d.scene.AddFacility(m.sent, m.e.key, m.e.name, m.weak)
		if _, ok := d.sceneFrom[m.e.name]; !ok {
			d.sceneFrom[m.e.name] = m.sent
		}
	}
}

// sceneAt returns the facility the story is set in at sentence sent: one
// the text has named by then, never one it names only later ("… قبل
// نقلهم إلى سجن صيدنايا" at the end is no scene of the verdict the lead
// tells).
func (d *doc) sceneAt(sent int) string {
	f := d.scene.FacilityAt(sent)
	if from, ok := d.sceneFrom[f]; !ok || from > sent {
		return ""
	}
	return f
}

// hospital reports a military hospital: where the dead of the prisons
// were brought and photographed, not where the story of a prison or branch
// is set.
func hospital(e *entity) bool {
	names := []string{e.name}
	if e.gaz != nil {
		names = append(names, e.gaz.NameAR)
	}
	for _, n := range names {
		head, _, _ := strings.Cut(bare(foldText(n)), " ")
		if hospitalHeads[head] {
			return true
		}
	}
	return false
}

// afterHospital reports a facility named after a hospital word of its
// own: "مستشفيَي تشرين العسكري وحرستا", the two hospitals.
func (d *doc) afterHospital(a int) bool {
	f := bare(d.fold(a - 1))
	return strings.HasPrefix(f, foldText("مستشف")) || strings.HasPrefix(f, foldText("مشف"))
}

// hospitalHeads open a hospital's name, folded.
var hospitalHeads = map[string]bool{foldText("مستشفى"): true, foldText("مشفى"): true}

// sceneHeldPost reports a facility named as a post a person holds: "مدير
// سجن صيدنايا", "النقيب السابق في فرع الأمن الجنائي", or in the apposition that says who a person is ("فلان،
// العنصر السابق في فرع الأمن السياسي", "فلان، أحد سجاني فرع المنطقة"):
// where someone served, which the text has not yet made the scene of
// anything.
func (d *doc) sceneHeldPost(a int) bool {
	if _, ok := d.has(a-1, officeHeads); ok {
		return true
	}
	if d.fold(a-1) == "في" && formerWords[d.fold(a-2)] {
		return true // "النقيب السابق في فرع الأمن الجنائي": where he served
	}
	if e := d.entAt[max(a-1, 0)]; a > 0 && e != nil && e.typ == ownFacility {
		// "الضابط السابق في فرع المخابرات الجوية بمطار المزة": the post goes on
		k := a - 1
		for k > 0 && d.entAt[k-1] == e {
			k--
		}
		return d.sceneHeldPost(k)
	}
	for k := a - 1; k >= 0 && k >= a-6; k-- {
		if d.fold(k) == "," {
			return d.personAt[k-1] != nil
		}
		if !d.toks[k].word || d.entAt[k] != nil {
			return false
		}
	}
	return false
}

// deniedBefore reports a facility named in what a denial denies, its verb
// earlier in the sentence: "نفت العائلة أن يكون ابنها قد عمل في سجن عدرا".
func (d *doc) deniedBefore(a int) bool {
	s := d.sents[d.sentOf[a]]
	for k := a - 1; k >= s.a; k-- {
		if _, ok := d.has(k, denyCues); ok {
			return true
		}
	}
	return false
}

// formerWords say that a post was held before: "الضابط السابق في".
var formerWords = map[string]bool{foldText("السابق"): true, foldText("سابق"): true, foldText("سابقة"): true, foldText("السابقة"): true, foldText("سابقاً"): true, foldText("سابقا"): true,
	foldText("السابقين"): true, foldText("السابقون"): true, foldText("سابقين"): true}

// sceneTypes take the facility where the story is set when their sentence
// names no place: deaths and torture in custody. Not executions, which
// news tells of in the field as often as in a prison.
var sceneTypes = map[string]bool{
	extract.EventTortureAllegation: true, extract.EventDeathInCustody: true,
}
