package ar

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// This file scores extraction output against gold annotations as
// /work/shared/tools/score-extraction does: the same folding of names, the
// same greedy one-to-one matching of entities and events, the same event
// facts. It lets a Go test hold quality floors.

var scorerTitles = set(`col colonel lt lieutenant gen general maj major brig brigadier capt captain sgt sergeant dr doctor
sheikh shaykh mr mrs ms judge minister president former warrant officer first staff corporal cpl
العقيد عقيد اللواء لواء العميد عميد المقدم مقدم الرائد رائد النقيب نقيب الملازم ملازم المساعد
مساعد الرقيب رقيب الدكتور د الشيخ السيد الوزير وزير الرئيس المدعو السجان`)

// scorerFold folds a name as the scorer does: NFKD without combining marks,
// alef, ya, ta marbuta and hamza carriers unified, tatweel dropped, lower
// case, quotes and brackets dropped, hyphens and slashes as spaces, leading
// titles and "the" dropped. Digits are not folded: the scorer keeps them.
func scorerFold(s string) string {
	if s == "" {
		return ""
	}
	var b strings.Builder
	for _, r := range norm.NFKD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		switch r {
		case 'أ', 'إ', 'آ', 'ٱ':
			r = 'ا'
		case 'ى', 'ئ':
			r = 'ي'
		case 'ة':
			r = 'ه'
		case 'ؤ':
			r = 'و'
		case 'ـ':
			continue
		case '‘', '’', '“', '”', '\'', '"', '`', '´', '.', ',', '(', ')', '[', ']':
			continue
		case '-', '_', '/':
			r = ' '
		}
		b.WriteRune(unicode.ToLower(r))
	}
	words := strings.Fields(b.String())
	for len(words) > 0 && scorerTitles[words[0]] {
		words = words[1:]
	}
	if len(words) > 0 && words[0] == "the" {
		words = words[1:]
	}
	return strings.Join(words, " ")
}

// item is an entity or an event of gold or predicted output.
type item struct {
	Name     string            `json:"name"`
	Aliases  []string          `json:"aliases"`
	Mentions []json.RawMessage `json:"mentions"`
	Type     string            `json:"type"`
	Who      []json.RawMessage `json:"who"`
	Where    *string           `json:"where"`
	Date     *string           `json:"date"`
}

type annotated struct {
	Persons       []item `json:"persons"`
	Facilities    []item `json:"facilities"`
	Places        []item `json:"places"`
	Organizations []item `json:"organizations"`
	Events        []item `json:"events"`
}

func (a annotated) of(c string) []item {
	switch c {
	case "persons":
		return a.Persons
	case "facilities":
		return a.Facilities
	case "places":
		return a.Places
	}
	return a.Organizations
}

func keysOf(it item) map[string]bool {
	out := map[string]bool{}
	add := func(s string) {
		if k := scorerFold(s); k != "" {
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

func intersects(a, b map[string]bool) bool {
	for k := range a {
		if b[k] {
			return true
		}
	}
	return false
}

func pairEntities(gold, pred []item) [][2]int {
	gk := make([]map[string]bool, len(gold))
	for i := range gold {
		gk[i] = keysOf(gold[i])
	}
	used := map[int]bool{}
	var out [][2]int
	for pi := range pred {
		pk := keysOf(pred[pi])
		best, exact := -1, false
		for gi := range gold {
			if used[gi] || !intersects(pk, gk[gi]) {
				continue
			}
			ex := pk[scorerFold(gold[gi].Name)]
			if best < 0 || ex && !exact {
				best, exact = gi, ex
			}
		}
		if best >= 0 {
			used[best] = true
			out = append(out, [2]int{best, pi})
		}
	}
	return out
}

func people(e item, alias map[string]string) map[string]bool {
	out := map[string]bool{}
	for _, w := range e.Who {
		var s string
		if json.Unmarshal(w, &s) != nil {
			var o struct{ Name string }
			_ = json.Unmarshal(w, &o)
			s = o.Name
		}
		if k := scorerFold(s); k != "" {
			if c, ok := alias[k]; ok {
				k = c
			}
			out[k] = true
		}
	}
	return out
}

var scored = map[string]bool{"arrest": true, "confession": true, "referral_to_judiciary": true, "trial": true,
	"conviction": true, "death_in_custody": true, "testimony": true, "torture_allegation": true,
	"execution_allegation": true, "escape": true, "statement": true}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func pairEvents(gold, pred []item, alias map[string]string) int {
	used := map[int]bool{}
	n := 0
	for _, p := range pred {
		pp, pw := people(p, alias), scorerFold(deref(p.Where))
		for gi, g := range gold {
			if used[gi] || g.Type != p.Type {
				continue
			}
			if gp := people(g, alias); len(gp) > 0 && !intersects(gp, pp) {
				continue
			}
			gw := scorerFold(deref(g.Where))
			if gw != "" && (pw == "" || gw != pw && !strings.Contains(pw, gw) && !strings.Contains(gw, pw)) {
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

func factsOf(evs []item, alias map[string]string) map[fact]bool {
	out := map[fact]bool{}
	for _, e := range evs {
		ps := people(e, alias)
		for n := range ps {
			out[fact{e.Type, "person", n}] = true
		}
		if w := scorerFold(deref(e.Where)); w != "" {
			out[fact{e.Type, "place", w}] = true
		}
		if len(ps) == 0 {
			out[fact{e.Type, "", ""}] = true
		}
	}
	return out
}

func pairFacts(gold, pred map[fact]bool) (tp, fp, fn int) {
	used := map[fact]bool{}
	for f := range pred {
		for g := range gold {
			if used[g] || g.typ != f.typ || g.kind != f.kind {
				continue
			}
			if g == f || f.kind == "place" && (strings.Contains(f.val, g.val) || strings.Contains(g.val, f.val)) {
				used[g] = true
				tp++
				break
			}
		}
	}
	return tp, len(pred) - tp, len(gold) - tp
}

type counts struct{ tp, fp, fn int }

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

var entityCategories = []string{"persons", "facilities", "places", "organizations"}

// score adds one document's figures to totals, telling log what it missed
// and what it made up.
func score(id string, gold, pred annotated, totals map[string]*counts, log func(string)) {
	alias := map[string]string{}
	for _, c := range entityCategories {
		g, p := gold.of(c), pred.of(c)
		pairs := pairEntities(g, p)
		t := totals[c]
		t.tp += len(pairs)
		t.fp += len(p) - len(pairs)
		t.fn += len(g) - len(pairs)
		hitG, hitP := map[int]bool{}, map[int]bool{}
		for _, pr := range pairs {
			hitG[pr[0]], hitP[pr[1]] = true, true
		}
		for i, it := range g {
			if !hitG[i] {
				log(fmt.Sprintf("%s %s missed: %s", id, c, it.Name))
			}
		}
		for i, it := range p {
			if !hitP[i] {
				log(fmt.Sprintf("%s %s spurious: %s", id, c, it.Name))
			}
		}
		if c != "persons" {
			continue
		}
		for _, pr := range pairs {
			canon := scorerFold(g[pr[0]].Name)
			for k := range keysOf(g[pr[0]]) {
				if _, ok := alias[k]; !ok {
					alias[k] = canon
				}
			}
			for k := range keysOf(p[pr[1]]) {
				if _, ok := alias[k]; !ok {
					alias[k] = canon
				}
			}
		}
		for _, it := range g {
			for k := range keysOf(it) {
				if _, ok := alias[k]; !ok {
					alias[k] = scorerFold(it.Name)
				}
			}
		}
	}
	var pe []item
	for _, e := range pred.Events {
		e.Type = strings.ToLower(strings.TrimSpace(e.Type))
		switch e.Type {
		case "detention":
			e.Type = "arrest"
		case "sentence":
			e.Type = "conviction"
		}
		if scored[e.Type] {
			pe = append(pe, e)
		}
	}
	n := pairEvents(gold.Events, pe, alias)
	totals["events"].tp += n
	totals["events"].fp += len(pe) - n
	totals["events"].fn += len(gold.Events) - n
	gf, pf := factsOf(gold.Events, alias), factsOf(pe, alias)
	tp, fp, fn := pairFacts(gf, pf)
	t := totals["event facts"]
	t.tp, t.fp, t.fn = t.tp+tp, t.fp+fp, t.fn+fn
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
