package ar

import (
	"strings"

	"github.com/athar-project/athar/internal/extract"
)

// narrators are the persons who give a testimony: named just after or
// before its word ("يروي الناجي X", "شهادة X", "X يروي"), or speaking in
// its sentence.
func (d *doc) narrators(a, b int, s sentence) []*person {
	var ps []*person
	for k := b; k < s.b && k < b+5; k++ {
		if p := d.personAt[k]; p != nil {
			return append(ps, p)
		}
		if d.toks[k].word && d.own[k] != ownRank && !postRank[d.fold(k)] && d.fold(k) != "على" {
			if _, ok := d.has(k, possessives); !ok {
				break
			}
		}
	}
	for k := a - 1; k >= s.a && k >= a-2; k-- {
		if p := d.personAt[k]; p != nil {
			return append(ps, p)
		}
	}
	return ps
}

// narratorAt reports a person mention right after a verb of telling.
func (d *doc) narratorAt(k int, s sentence) bool {
	for j := k - 1; j >= s.a && j >= k-3; j-- {
		if _, ok := d.has(j, tellVerbs); ok {
			return true
		}
		if d.own[j] != ownRank {
			return false
		}
	}
	return false
}

var tellVerbs = words("tell_verbs")

// possessives may stand between a word of testimony and its narrator:
// "أدلى بشهادته الناجي X".
var possessives = words("possessives")

// speakerAt reports a person mention at k that speaks in the sentence: a
// speech verb just before it (within the rank and title words) or just
// after it.
func (d *doc) speakerAt(k int, s sentence) bool {
	for j := k - 1; j >= s.a && j >= k-7; j-- {
		if _, ok := d.has(j, reportVerbs); ok {
			return true
		}
		if d.toks[j].word && d.own[j] != ownRank && d.own[j] != ownOrg && d.own[j] != ownPlace && d.own[j] != ownFacility && !speakerLinks[d.fold(j)] {
			break
		}
	}
	return false
}

// reportVerbs introduce what someone says for a body or about others; a
// person after one speaks rather than takes part.
var reportVerbs = words("report_verbs")

// statementAt records what a named person says: "وقال العقيد X إن …",
// "X قال", "نفى X".
func (d *doc) statementAt(v int, s sentence) {
	var p *person
	for k := v + 1; k < s.b && k <= v+8; k++ {
		if q := d.personAt[k]; q != nil {
			p = q
			break
		}
		if d.toks[k].word && d.own[k] != ownRank && d.own[k] != ownOrg && d.own[k] != ownPlace && d.own[k] != ownFacility && d.own[k] != ownDate && !postRank[d.fold(k)] && !speakerLinks[d.fold(k)] && !(k > v+1 && d.own[k-1] == ownRank && strings.HasPrefix(d.fold(k), "ال")) {
			break
		}
		if f := d.fold(k); f == ":" || f == "," && k > v+1 {
			break
		}
	}
	if p == nil && v-1 >= s.a && d.personAt[v-1] != nil {
		p = d.personAt[v-1]
	}
	if p == nil {
		return
	}
	ev := &event{typ: extract.EventStatement, sent: s, trig: v, persons: []*person{p},
		who: []extract.Participant{{Name: p.name, Role: extract.RoleSubject}}, modality: extract.Asserted}
	ev.date = d.dateFor(v, s)
	d.events = append(d.events, ev)
}

// speakerLinks may stand between a speech verb and the speaker.
var speakerLinks = words("speaker_links")
