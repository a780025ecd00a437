package en

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/athar-project/athar/internal/textfold"
)

// This file scores extraction output against gold annotations the way
// /work/shared/tools/score-extraction does (same folding, same greedy
// matching, same event facts), so that a Go test can hold a floor.

var scoreTitles = set(`col colonel lt lieutenant gen general maj major brig brigadier capt captain sgt sergeant dr doctor
sheikh shaykh mr mrs ms judge minister president former warrant officer first staff corporal cpl`)

func scoreFold(s string) string {
	if s == "" {
		return ""
	}
	f := textfold.Fold(s)
	f = strings.Map(func(r rune) rune {
		switch r {
		case '‘', '’', '“', '”', '\'', '"', '`', '´', '.', ',', '(', ')', '[', ']':
			return -1
		case '-', '_', '/':
			return ' '
		}
		return r
	}, f)
	words := strings.Fields(f)
	for len(words) > 0 && scoreTitles[words[0]] {
		words = words[1:]
	}
	if len(words) > 0 && words[0] == "the" {
		words = words[1:]
	}
	return strings.Join(words, " ")
}

// goldItem is an entity or event in either gold or predicted output.
type goldItem struct {
	Name       string            `json:"name"`
	Aliases    []string          `json:"aliases"`
	Mentions   []json.RawMessage `json:"mentions"`
	Birthplace string            `json:"birthplace"`
	Type       string            `json:"type"`
	Who        []json.RawMessage `json:"who"`
	Where      *string           `json:"where"`
	Date       *string           `json:"date"`
}

type goldDoc struct {
	Persons       []goldItem `json:"persons"`
	Facilities    []goldItem `json:"facilities"`
	Places        []goldItem `json:"places"`
	Organizations []goldItem `json:"organizations"`
	Events        []goldItem `json:"events"`
}

func (g goldDoc) category(c string) []goldItem {
	switch c {
	case "persons":
		return g.Persons
	case "facilities":
		return g.Facilities
	case "places":
		return g.Places
	case "organizations":
		return g.Organizations
	}
	return nil
}

func itemKeys(it goldItem) map[string]bool {
	out := map[string]bool{}
	add := func(s string) {
		if k := scoreFold(s); k != "" {
			out[k] = true
		}
	}
	add(it.Name)
	for _, a := range it.Aliases {
		add(a)
	}
	for _, m := range it.Mentions {
		var s string
		if json.Unmarshal(m, &s) == nil {
			add(s)
			continue
		}
		var o struct{ Text string }
		if json.Unmarshal(m, &o) == nil {
			add(o.Text)
		}
	}
	return out
}

func overlaps(a, b map[string]bool) bool {
	for k := range a {
		if b[k] {
			return true
		}
	}
	return false
}

// matchEntities pairs predicted with gold entities greedily, one to one.
func matchEntities(gold, pred []goldItem) [][2]int {
	gk := make([]map[string]bool, len(gold))
	for i, g := range gold {
		gk[i] = itemKeys(g)
	}
	used := map[int]bool{}
	var pairs [][2]int
	for pi, p := range pred {
		pk := itemKeys(p)
		best, bestExact := -1, false
		for gi := range gold {
			if used[gi] || !overlaps(pk, gk[gi]) {
				continue
			}
			exact := pk[scoreFold(gold[gi].Name)]
			if best < 0 || (exact && !bestExact) {
				best, bestExact = gi, exact
			}
		}
		if best >= 0 {
			used[best] = true
			pairs = append(pairs, [2]int{best, pi})
		}
	}
	return pairs
}

func eventPeople(e goldItem, alias map[string]string) map[string]bool {
	out := map[string]bool{}
	for _, w := range e.Who {
		var s string
		if json.Unmarshal(w, &s) != nil {
			var o struct{ Name string }
			_ = json.Unmarshal(w, &o)
			s = o.Name
		}
		if k := scoreFold(s); k != "" {
			if c, ok := alias[k]; ok {
				k = c
			}
			out[k] = true
		}
	}
	return out
}

var scoredTypes = set(`arrest confession referral_to_judiciary trial conviction death_in_custody testimony torture_allegation execution_allegation escape statement`)

func normType(t string) string {
	t = strings.ToLower(strings.TrimSpace(t))
	switch t {
	case "detention":
		return "arrest"
	case "sentence":
		return "conviction"
	}
	return t
}

func strp(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func matchEvents(gold, pred []goldItem, alias map[string]string) int {
	used := map[int]bool{}
	n := 0
	for _, p := range pred {
		pp := eventPeople(p, alias)
		pw := scoreFold(strp(p.Where))
		for gi, g := range gold {
			if used[gi] || g.Type != p.Type {
				continue
			}
			gp := eventPeople(g, alias)
			if len(gp) > 0 && !overlaps(gp, pp) {
				continue
			}
			gw := scoreFold(strp(g.Where))
			if gw != "" && pw != "" && gw != pw && !strings.Contains(pw, gw) && !strings.Contains(gw, pw) {
				continue
			}
			if gw != "" && pw == "" {
				continue
			}
			used[gi] = true
			n++
			break
		}
	}
	return n
}

type fact struct{ typ, kind, val string }

func eventFacts(evs []goldItem, alias map[string]string) map[fact]bool {
	out := map[fact]bool{}
	for _, e := range evs {
		people := eventPeople(e, alias)
		for n := range people {
			out[fact{e.Type, "person", n}] = true
		}
		if w := scoreFold(strp(e.Where)); w != "" {
			out[fact{e.Type, "place", w}] = true
		}
		if len(people) == 0 {
			out[fact{e.Type, "", ""}] = true
		}
	}
	return out
}

func matchFacts(gold, pred map[fact]bool) (tp, fp, fn int) {
	used := map[fact]bool{}
	for f := range pred {
		for g := range gold {
			if used[g] || g.typ != f.typ || g.kind != f.kind {
				continue
			}
			if g == f || (f.kind == "place" && (strings.Contains(f.val, g.val) || strings.Contains(g.val, f.val))) {
				used[g] = true
				tp++
				break
			}
		}
	}
	return tp, len(pred) - tp, len(gold) - tp
}

// counts are true positives, false positives and false negatives.
type counts struct{ tp, fp, fn int }

func (c *counts) add(tp, fp, fn int) { c.tp += tp; c.fp += fp; c.fn += fn }

func (c counts) prf() (p, r, f float64) {
	switch {
	case c.tp+c.fp > 0:
		p = float64(c.tp) / float64(c.tp+c.fp)
	case c.fn == 0:
		p = 1
	}
	r = 1
	if c.tp+c.fn > 0 {
		r = float64(c.tp) / float64(c.tp+c.fn)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

func (c counts) String() string {
	p, r, f := c.prf()
	return fmt.Sprintf("P %.3f  R %.3f  F1 %.3f  (tp %d, fp %d, fn %d)", p, r, f, c.tp, c.fp, c.fn)
}

var categories = []string{"persons", "facilities", "places", "organizations"}

// scoreDoc adds one document's figures to totals; verbose lines go to log.
func scoreDoc(id string, gold, pred goldDoc, totals map[string]*counts, log func(string)) {
	alias := map[string]string{}
	for _, c := range categories {
		g, p := gold.category(c), pred.category(c)
		pairs := matchEntities(g, p)
		totals[c].add(len(pairs), len(p)-len(pairs), len(g)-len(pairs))
		hitG, hitP := map[int]bool{}, map[int]bool{}
		for _, pr := range pairs {
			hitG[pr[0]], hitP[pr[1]] = true, true
		}
		for gi, it := range g {
			if !hitG[gi] {
				log(fmt.Sprintf("%s %s missed: %s", id, c, it.Name))
			}
		}
		for pi, it := range p {
			if !hitP[pi] {
				log(fmt.Sprintf("%s %s spurious: %s", id, c, it.Name))
			}
		}
		if c == "persons" {
			for _, pr := range pairs {
				canon := scoreFold(g[pr[0]].Name)
				for k := range itemKeys(g[pr[0]]) {
					if _, ok := alias[k]; !ok {
						alias[k] = canon
					}
				}
				for k := range itemKeys(p[pr[1]]) {
					if _, ok := alias[k]; !ok {
						alias[k] = canon
					}
				}
			}
			for _, it := range g {
				for k := range itemKeys(it) {
					if _, ok := alias[k]; !ok {
						alias[k] = scoreFold(it.Name)
					}
				}
			}
		}
	}
	var pe []goldItem
	for _, e := range pred.Events {
		e.Type = normType(e.Type)
		if scoredTypes[e.Type] {
			pe = append(pe, e)
		}
	}
	n := matchEvents(gold.Events, pe, alias)
	totals["events"].add(n, len(pe)-n, len(gold.Events)-n)
	gf, pf := eventFacts(gold.Events, alias), eventFacts(pe, alias)
	tp, fp, fn := matchFacts(gf, pf)
	totals["event facts"].add(tp, fp, fn)
	for f := range pf {
		if !gf[f] {
			log(fmt.Sprintf("%s fact spurious: %s %s %s", id, f.typ, f.kind, f.val))
		}
	}
	for f := range gf {
		if !pf[f] {
			log(fmt.Sprintf("%s fact missed: %s %s %s", id, f.typ, f.kind, f.val))
		}
	}
}
