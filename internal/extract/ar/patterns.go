package ar

import (
	"strings"

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
// lists: "فرع ٢١٥", "الفرع 227", "سجن حماة المركزي", "فرع الأمن العسكري",
// "محكمة الجنايات".
func (d *doc) findPatternEntities() {
	d.nationalityAfterBodies()
	for i := 0; i < len(d.toks); i++ {
		if !d.toks[i].word {
			continue
		}
		if d.own[i] != ownNone && d.own[i] != ownPlace {
			continue
		}
		if pre, ok := d.has(i, branchHeads); ok && d.own[i] == ownNone {
			// فرع 215, الفرع 227
			if j := i + 1; j < len(d.toks) && d.toks[j].digits && len(d.toks[j].fold) <= 3 && d.own[j] == ownNone {
				d.addEntity(ownFacility, span{i, j + 1, pre}, nil)
				i = j
				continue
			}
			// "فرع التحقيق": a branch named by what it does
			if j := i + 1; j < len(d.toks) && d.own[j] == ownNone && d.toks[j].word && strings.HasPrefix(d.toks[j].fold, "ال") && branchNames[d.toks[j].fold] {
				d.addEntity(ownFacility, span{i, j + 1, pre}, nil)
				i = j
				continue
			}
			// فرع الأمن العسكري: a branch of a known agency
			if j := i + 1; j < len(d.toks) && d.own[j] == ownOrg {
				e := d.entAt[j]
				k := j
				for k < len(d.toks) && d.entAt[k] == e {
					k++
				}
				d.dropMention(e, j)
				d.addEntity(ownFacility, span{i, k, pre}, nil)
				i = k - 1
				continue
			}
		}
		// "إدارة الأمن العام", "سجن مطار المزة العسكري": a head word before a
		// known body or facility is part of its name
		if pre, ok := d.has(i, extendHeads); ok && d.own[i] == ownNone && i+1 < len(d.toks) {
			j := i + 1
			if e := d.entAt[j]; e != nil && (e.typ == ownOrg && orgExtendHeads[d.toks[i].vars[d.toks[i].nvars-1].s] || e.typ == ownFacility && prisonHeads[d.toks[i].vars[d.toks[i].nvars-1].s]) {
				k := j
				for k < len(d.toks) && d.entAt[k] == e {
					k++
				}
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
				i = k - 1
				continue
			}
		}
		if pre, ok := d.has(i, prisonHeads); ok && d.own[i] == ownNone {
			j := i + 1
			if j < len(d.toks) && d.own[j] == ownNone && d.toks[j].arabic {
				// "سجن الباب المركزي", "سجن تدمر": a town whose name is a word too
				if hits := d.gaz.Lookup([]string{d.toks[j].fold}); len(hits) > 0 && hits[0].Entry.Type == gazetteer.Place {
					d.addEntity(ownPlace, span{j, j + 1, 0}, hits[0].Entry)
				}
			}
			if j < len(d.toks) && d.own[j] == ownPlace {
				e := d.entAt[j]
				k := j
				for k < len(d.toks) && d.entAt[k] == e {
					k++
				}
				if k < len(d.toks) && prisonQualifiers[d.toks[k].fold] {
					k++
				}
				d.dropMention(e, j)
				d.addEntity(ownFacility, span{i, k, pre}, nil)
				i = k - 1
				continue
			}
			if hd := bare(d.toks[i].vars[d.toks[i].nvars-1].s); (hd == "قاعده" || hd == "مطار" || hd == "مشفي" || hd == "مستشفي") && j < len(d.toks) && d.own[j] == ownNone && d.toks[j].arabic && nameLike(d.toks[j].fold) {
				k := j + 1
				if k < len(d.toks) && prisonQualifiers[d.toks[k].fold] {
					k++
				}
				d.addEntity(ownFacility, span{i, k, pre}, nil)
				i = k - 1
				continue
			}
		}
		if pre, ok := d.has(i, orgHeads); ok && d.own[i] == ownNone {
			k := i + 1
			// "محكمة ستوكهولم الابتدائية", "جامعة أمستردام": a city, or an
			// unlisted name, then a grade
			if k+1 <= len(d.toks) && k < len(d.toks) && d.toks[k].word && d.toks[k].arabic && (d.own[k] == ownPlace || d.own[k] == ownNone && nameLike(d.toks[k].fold) && !strings.HasPrefix(d.toks[k].fold, "ال")) {
				g := d.fold(k + 1)
				if courtGrades[g] || d.fold(i) == "جامعه" || d.own[k] == ownPlace && d.fold(i) == "محكمه" {
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
					i = end - 1
					continue
				}
			}
			for k < len(d.toks) && k < i+4 && d.toks[k].word && d.own[k] == ownNone && d.toks[k].arabic {
				f := d.toks[k].fold
				if orgBridges[f] || (len(f) > 6 && f[:4] == "ال" && !stopWords[f] || orgWords[f]) {
					k++
					continue
				}
				break
			}
			// "قيادة شرطة حمص": a place closes the name
			if k > i+1 && orgBridges[d.toks[k-1].fold] {
				if k < len(d.toks) && d.own[k] == ownPlace {
					e := d.entAt[k]
					m := k
					for m < len(d.toks) && d.entAt[m] == e {
						m++
					}
					d.dropMention(e, k)
					k = m
				} else {
					k--
				}
			}
			if k > i+1 {
				d.addEntity(ownOrg, span{i, k, pre}, nil)
				i = k - 1
			}
		}
	}
	d.dropEmpty()
}

// nationalities follow a body's name: "الأمن العام اللبناني".
var nationalities = words("nationalities")

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
