package ar

import (
	"strings"

	"github.com/athar-project/athar/internal/extract"
	"github.com/athar-project/athar/internal/textfold"
)

// whereFor picks the place of an event in its sentence: a facility for what
// happens in custody, a place for an arrest, the nearest after the trigger
// first.
func (d *doc) whereFor(typ string, a int, s sentence) string {
	switch typ {
	case extract.EventStatement, extract.EventTestimony, extract.EventWanted, extract.EventConfession:
		return ""
	}
	custody := typ == extract.EventTortureAllegation || typ == extract.EventExecutionAllegation || typ == extract.EventDeathInCustody
	var best *entity
	bestScore := -1 << 30
	for k := s.a; k < s.b; k++ {
		e := d.entAt[k]
		judicial := typ == extract.EventReferral || typ == extract.EventTrial || typ == extract.EventConviction
		if e != nil && e.typ == ownOrg && judicial && e.seat != "" && (k == s.a || d.entAt[k-1] != e) {
			if sc := 30 - min(abs(k-a), 10); sc > bestScore {
				best, bestScore = &entity{name: e.seat}, sc // "محكمة لاهاي المحلية": the court's city
			}
			continue
		}
		if e == nil || (k > s.a && d.entAt[k-1] == e) || e.typ == ownOrg {
			continue
		}
		seat := d.seatOfBody(k)
		if seat && !judicial && typ != extract.EventArrest {
			continue // "الأمن العام في حمص": the body's seat, not where it happened
		}
		if d.originBefore(k, s) {
			continue
		}
		if judicial && (e.typ == ownFacility || k < a && !seat) {
			continue
		}
		if custody && typ != extract.EventExecutionAllegation && e.typ == ownPlace && k < a {
			continue
		}
		score := -min(abs(k-a), 10)
		if k > a {
			score += 6
		}
		if _, ok := d.has(k-1, quarterCues); ok {
			score += 3 // "قرية عين الكروم": the most specific place
		}
		if custody && e.typ == ownFacility || !custody && e.typ == ownPlace {
			score += 20
		}
		if seat && judicial {
			score += 25
		}
		if typ == extract.EventArrest && seat {
			score -= 3
		}
		if typ == extract.EventArrest && k < a && !seat {
			score -= 10
		}
		if typ == extract.EventArrest && k > a && d.accusationBetween(a, k) {
			continue // "المتهم بالمشاركة في مجزرة قرية البيضا": where the crime was
		}
		if typ == extract.EventArrest && e.typ == ownFacility && (k < a || k > a+8) {
			continue
		}
		if k > a && k <= a+3 && e.typ == ownPlace {
			score += 25 // "مجزرة حي الحاضر"
		}
		if score > bestScore {
			best, bestScore = e, score
		}
	}
	if best == nil && custody {
		// "في السجن", "داخل الفرع": the prison or branch the text names
		for k := s.a; k < s.b; k++ {
			f := d.toks[k].fold
			head := ""
			switch {
			case k == a:
			case strings.HasSuffix(f, "السجن"):
				head = "سجن"
			case strings.HasSuffix(f, "الفرع"):
				head = "فرع"
			}
			if head == "" || d.own[k] != ownNone {
				continue
			}
			var only *entity
			n := 0
			for _, e := range d.ents {
				if e.typ == ownFacility && (strings.HasPrefix(bare(textfold.Fold(e.name)), head) || e.gaz != nil && strings.HasPrefix(textfold.Fold(e.gaz.NameAR), head)) {
					only = e
					n++
				}
			}
			if n == 1 {
				return only.name
			}
		}
	}
	if best == nil {
		return ""
	}
	return best.name
}

// seatOfBody reports a place that follows a body's name: "محكمة الجنايات في
// دمشق", "قيادة الأمن الداخلي في محافظة درعا".
func (d *doc) seatOfBody(k int) bool {
	for j := k - 1; j >= 0 && j >= k-3; j-- {
		if d.own[j] == ownOrg {
			e := d.entAt[j]
			for _, m := range e.ments {
				if m.a <= j && j < m.b {
					// "تابع للأمن العام في شهبا": the body something belongs to
					f := d.fold(m.a - 1)
					return m.pre == 0 && !strings.HasPrefix(d.toks[m.a].fold, "ل") && f != "تابع" && f != "التابع" && f != "تابعه" && f != "التابعه"
				}
			}
			return true
		}
		if _, ok := d.has(j, placeHeads); ok || d.fold(j) == "في" {
			continue
		}
		return false
	}
	return false
}

// accusationBetween reports an accusation word between an arrest word and
// a place.
func (d *doc) accusationBetween(a, k int) bool {
	for j := a + 1; j < k; j++ {
		switch bare(d.toks[j].vars[d.toks[j].nvars-1].s) {
		case "متهم", "تهمه", "مشاركه", "مشارکه", "تورط", "متورط":
			return true
		}
	}
	return false
}

// originWords say where someone comes from, not where something happened.
var originWords = words("origin_words")

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// originBefore reports that the place at k says where someone comes from:
// "ينحدر من قرية القبو في ريف حمص".
func (d *doc) originBefore(k int, s sentence) bool {
	for j := k - 1; j >= s.a && j >= k-6; j-- {
		if d.fold(j) == "," {
			return false
		}
		if _, ok := d.has(j, originWords); ok {
			return true
		}
	}
	return false
}
