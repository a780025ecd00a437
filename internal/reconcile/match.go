package reconcile

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/nameindex"
	"github.com/athar-project/athar/internal/names"
	"github.com/athar-project/athar/internal/resolve"
	"github.com/athar-project/athar/internal/search"
	"github.com/athar-project/athar/internal/textfold"
)

// How a candidate's score is made, on a 0–1 scale shown as 0–100: the name
// matcher's score weighs nameWeight, so that a name agreement alone gives
// at most 85 (two rare agreeing parts score about 0.88 with the matcher,
// so about 75 here; four about 82) and evidence beyond the name can still
// raise it; each agreeing
// fact adds agreeBonus (up to maxBonus); a conflicting date or single-valued
// fact subtracts conflictPenalty and rules out an automatic match, as
// resolution weighs a conflicting birth date.
const (
	nameWeight      = 0.85
	conflictPenalty = 0.3
	agreeBonus      = 0.05
	maxBonus        = 1 - nameWeight
	// propertyOnlyBase is the score of a candidate found by its properties
	// alone, before they are weighed.
	propertyOnlyBase = 0.5
)

// candidate is one entity a query may stand for.
type candidate struct {
	view     *entityView
	matched  string  // the name of the entity the query matched ("" for none)
	nameSc   float64 // the name matcher's score, 0–1
	score    float64 // after the evidence beyond the name, 0–1
	link     bool    // the name matcher would link the query to it
	conflict bool    // a constraint contradicts it
	features []feature
}

// feature is a matching feature: how one piece of evidence compared.
type feature struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Value any    `json:"value"`
}

// outcome of comparing a candidate with one condition.
type outcome int

const (
	unknown  outcome = iota // the candidate has no value to compare
	agrees                  // the condition holds
	disagree                // it does not hold: evidence against
	misses                  // it does not hold, but the property has many values: no evidence
)

// run answers one query for a viewer: candidates from the name matcher
// (over only the names the viewer may see) or, for a query without a name,
// from the full-text index over the viewer's statements; then each
// candidate is weighed by the query's conditions, and the best limit are
// returned, best first, with match set on at most one.
func (s *Service) run(ctx context.Context, rd *reader, q query) ([]*candidate, error) {
	types, ok := queryTypes(q.types)
	if !ok {
		return nil, nil // only unknown types, or events: no entity bears them
	}
	byID := map[string]*candidate{}
	var order []string
	add := func(c *candidate) {
		if old := byID[c.view.id]; old != nil {
			if c.nameSc > old.nameSc {
				old.nameSc, old.matched, old.link = c.nameSc, c.matched, c.link
			}
			return
		}
		byID[c.view.id] = c
		order = append(order, c.view.id)
	}
	if err := s.byID(ctx, rd, q, types, add); err != nil {
		return nil, err
	}
	if q.text != "" {
		if err := s.byName(ctx, rd, q, types, add); err != nil {
			return nil, err
		}
	} else if err := s.byProperties(ctx, rd, q, types, add); err != nil {
		return nil, err
	}
	var out []*candidate
	links := 0
	for _, id := range order {
		c := byID[id]
		if !weigh(c, q.conds) {
			continue
		}
		if c.link && !c.conflict {
			links++
		}
		out = append(out, c)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].score > out[j].score })
	if len(out) > q.limit {
		out = out[:q.limit]
	}
	// The matcher links one candidate or none; evidence against it, a
	// second link from another type, or a better-weighed rival undo that.
	for i, c := range out {
		c.link = c.link && !c.conflict && links == 1 && i == 0
	}
	return out, nil
}

// queryTypes maps a query's type ids to the types Athar matches by name:
// all of them when the query names none. ok is false when the query names
// types but none that can have candidates.
func queryTypes(ids []string) ([]model.EntityType, bool) {
	if len(ids) == 0 {
		return resolve.Resolvable, true
	}
	var out []model.EntityType
	for _, id := range ids {
		k, ok := kindOf(id)
		if !ok {
			continue
		}
		for _, t := range resolve.Resolvable {
			if string(t) == k.ID && !containsType(out, t) {
				out = append(out, t)
			}
		}
	}
	return out, len(out) > 0
}

func containsType(ts []model.EntityType, t model.EntityType) bool {
	for _, x := range ts {
		if x == t {
			return true
		}
	}
	return false
}

// byID adds the entities a query names by id: the query string itself when
// it is the id of an entity the viewer may see (the spec's expectation), and
// the values of an id condition.
func (s *Service) byID(ctx context.Context, rd *reader, q query, types []model.EntityType, add func(*candidate)) error {
	ids := []string{}
	if q.text != "" && looksLikeID(q.text) {
		ids = append(ids, q.text)
	}
	for _, c := range q.conds {
		if c.pid == "id" {
			for _, v := range c.values {
				ids = append(ids, v.text, v.id)
			}
		}
	}
	for _, id := range ids {
		if !looksLikeID(id) {
			continue
		}
		ev, err := rd.view(ctx, id)
		if err != nil {
			return err
		}
		if ev != nil && containsType(types, ev.typ) {
			add(&candidate{view: ev, matched: ev.caption(), nameSc: 1, link: true,
				features: []feature{{ID: "id", Name: "The query is the entity's Athar id", Value: true}}})
		}
	}
	return nil
}

// looksLikeID: Athar entity ids are UUIDs.
func looksLikeID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i, r := range s {
		switch {
		case i == 8 || i == 13 || i == 18 || i == 23:
			if r != '-' {
				return false
			}
		case !('0' <= r && r <= '9' || 'a' <= r && r <= 'f' || 'A' <= r && r <= 'F'):
			return false
		}
	}
	return true
}

// byName adds the name matcher's candidates of every type asked for. The
// matcher runs over the names the viewer may see only, so neither a
// candidate nor its score rests on a name beyond their clearance.
func (s *Service) byName(ctx context.Context, rd *reader, q query, types []model.EntityType, add func(*candidate)) error {
	// Ask for more than the limit: constraints may drop or reorder some.
	k := min(q.limit*2+5, 2*maxLimit)
	for _, t := range types {
		cands, err := s.match(ctx, rd, q.text, t, k)
		if err != nil {
			return err
		}
		for _, c := range cands {
			ev, err := rd.view(ctx, c.EntityID)
			if err != nil {
				return err
			}
			if ev == nil || ev.typ != t {
				continue // merged or changed since the index was built
			}
			add(&candidate{view: ev, matched: c.Name, nameSc: c.Score, link: c.Link,
				features: []feature{
					{ID: "name", Name: "Name similarity (Athar's name matcher, 0–100)", Value: round1(100 * c.Score)},
					{ID: "name_link", Name: "The name matcher would link the name on its own", Value: c.Link},
				}})
		}
	}
	return nil
}

// match is resolve.Match for one request. A viewer who may see everything
// searches the resolver's index of the whole store. For a narrower viewer,
// resolve.Match builds an index of only the names they may see on every
// call; here that index is built the same way once per request and type and
// used for every query of the batch (a batch of ten names otherwise reads
// every visible statement of the type ten times). TestVisibleIndexIsMatch
// holds the two to the same answers.
func (s *Service) match(ctx context.Context, rd *reader, name string, t model.EntityType, k int) ([]app.Candidate, error) {
	if rd.v.Clearance == model.Confidential && !rd.v.ConfirmedOnly() {
		return s.app.Match(ctx, rd.v, name, t, k)
	}
	x, ok := rd.index[t]
	if !ok {
		visible, err := s.st.Entities(ctx, rd.v, t)
		if err != nil {
			return nil, err
		}
		x = nameindex.NewKind(names.KindOf(string(t)))
		for _, e := range visible {
			for _, n := range e.Names {
				x.Add(e.ID, n)
			}
		}
		rd.index[t] = x
	}
	cs := x.Search(name, k)
	out := make([]app.Candidate, len(cs))
	for i, c := range cs {
		out[i] = app.Candidate{EntityID: c.EntityID, Name: c.Name, Score: c.Score, Link: c.Link, Reasons: c.Reasons}
	}
	return out, nil
}

// propertyHits bounds how many statements a query without a name reads
// from the full-text index per constraint value.
const propertyHits = 200

// byProperties adds, for a query without a name, the entities whose
// statements hold the constraints' values, found through the full-text
// index as the viewer may see it.
func (s *Service) byProperties(ctx context.Context, rd *reader, q query, types []model.EntityType, add func(*candidate)) error {
	if err := s.app.FreshSearch(ctx); err != nil {
		return err
	}
	for _, c := range q.conds {
		p, ok := propertyOf(c.pid)
		if !ok || c.quantifier == "none" {
			continue
		}
		for _, v := range c.values {
			if v.id != "" {
				if err := s.referencing(ctx, rd, p, v.id, types, add); err != nil {
					return err
				}
			}
			words := search.Words(v.text)
			if len(words) == 0 {
				continue
			}
			for _, t := range types {
				hits, err := s.st.Search(ctx, rd.v, app.StoreSearch{Words: words, EntityType: t, Limit: propertyHits})
				if err != nil {
					return err
				}
				for _, st := range hits.Statements {
					if string(st.Property) != p.ID && !(p.kind == propNames && st.Property.IsName()) {
						continue
					}
					ev, err := rd.view(ctx, st.EntityID)
					if err != nil {
						return err
					}
					if ev != nil {
						add(&candidate{view: ev, nameSc: propertyOnlyBase})
					}
				}
			}
		}
	}
	return nil
}

// referencing adds the entities whose statements of a property link to the
// entity id (an affiliation given as a reconciled value, say).
func (s *Service) referencing(ctx context.Context, rd *reader, p property, id string, types []model.EntityType, add func(*candidate)) error {
	if !looksLikeID(id) {
		return nil
	}
	sts, err := s.st.Referencing(ctx, rd.v, id)
	if err != nil {
		return err
	}
	for _, st := range sts {
		if string(st.Property) != p.ID || st.Status == model.StatusRejected {
			continue
		}
		ev, err := rd.view(ctx, st.EntityID)
		if err != nil {
			return err
		}
		if ev != nil && containsType(types, ev.typ) {
			add(&candidate{view: ev, nameSc: propertyOnlyBase})
		}
	}
	return nil
}

// weigh applies a query's conditions to a candidate and sets its score. It
// returns false when a required condition does not hold.
func weigh(c *candidate, conds []condition) bool {
	c.score = nameWeight * c.nameSc
	bonus := 0.0
	for _, cond := range conds {
		if cond.pid == "id" {
			if !anyValueIs(cond.values, c.view.id) {
				return false
			}
			continue
		}
		p, _ := propertyOf(cond.pid)
		out := holds(c.view, p, cond)
		c.features = append(c.features, feature{ID: "property:" + p.ID, Name: p.Name + ": " + outcomeName(out), Value: out == agrees})
		switch out {
		case agrees:
			bonus += agreeBonus
		case disagree:
			c.conflict = true
			c.score -= conflictPenalty
		}
		if cond.required && out != agrees {
			return false
		}
	}
	c.score = math.Max(0, math.Min(1, c.score+math.Min(bonus, maxBonus)))
	return true
}

func anyValueIs(vs []value, id string) bool {
	for _, v := range vs {
		if v.id == id || v.text == id {
			return true
		}
	}
	return false
}

func outcomeName(o outcome) string {
	switch o {
	case agrees:
		return "agrees"
	case disagree:
		return "contradicts"
	case misses:
		return "no matching value"
	}
	return "not known"
}

// holds compares a candidate's values of a property with a condition, by
// its quantifier: any value (the default), all of them, or none.
func holds(e *entityView, p property, c condition) outcome {
	var have []model.Statement
	if p.kind == propNames {
		for _, n := range e.names {
			have = append(have, model.Statement{Property: model.PropName, Value: n})
		}
	} else {
		have = e.values(p.ID)
	}
	if len(have) == 0 {
		if c.quantifier == "none" {
			return agrees
		}
		return unknown
	}
	matches := 0
	for _, v := range c.values {
		if valueMatches(p, v, have) {
			matches++
		}
	}
	ok := false
	switch c.quantifier {
	case "all":
		ok = matches == len(c.values)
	case "none":
		ok = matches == 0
	default:
		ok = matches > 0
	}
	switch {
	case ok:
		return agrees
	case c.quantifier == "none" || p.single:
		return disagree
	}
	return misses
}

// valueMatches reports whether one asked value agrees with any of the
// candidate's statements of the property.
func valueMatches(p property, v value, have []model.Statement) bool {
	for _, st := range have {
		if v.id != "" && st.ValueEntity != "" && st.ValueEntity == v.id {
			return true
		}
		if v.text == "" {
			continue
		}
		switch p.kind {
		case propDate:
			if datesAgree(v.text, st.Value, st.DateStart) {
				return true
			}
		case propNames:
			if namesAgree(v.text, st.Value) || textAgrees(v.text, st.Value) {
				return true
			}
		default:
			if textAgrees(v.text, st.Value) || (p.nameLike && placeOrBodyAgrees(v.text, st.Value)) {
				return true
			}
		}
	}
	return false
}

// namesAgree: the name matcher would link the two, or finds every part of
// one in the other nearly alike (a one-word place: "القبو" and "Al-Qabu").
func namesAgree(a, b string) bool {
	r := names.CompareStrings(a, b)
	return r.Match || (r.Covers && r.Score >= 0.9)
}

// placeOrBodyAgrees: the names of a place or a body agree, compared as
// such names are (spelling variants of a word, acronyms, generic words
// saying little).
func placeOrBodyAgrees(a, b string) bool {
	for _, k := range []names.Kind{names.KindPlace, names.KindOrganization} {
		if r := names.CompareKindStrings(k, a, b); r.Match || (r.Covers && r.Score >= 0.75) {
			return true
		}
	}
	return false
}

// textAgrees: the folded words of one contain the other's (so "guard"
// agrees with "prison guard" and "Qabu" with "Al-Qabu").
func textAgrees(a, b string) bool {
	fa, fb := " "+strings.Join(textfold.Words(a), " ")+" ", " "+strings.Join(textfold.Words(b), " ")+" "
	if strings.TrimSpace(fa) == "" || strings.TrimSpace(fb) == "" {
		return false
	}
	return strings.Contains(fa, fb) || strings.Contains(fb, fa)
}

// datesAgree compares an asked date with a stored one at the precision
// both give; text that is not a date is compared as text.
func datesAgree(asked, stored string, storedDate model.Date) bool {
	a, errA := model.ParseDate(strings.TrimSpace(asked))
	b := storedDate
	if b.IsZero() {
		var err error
		if b, err = model.ParseDate(strings.TrimSpace(stored)); err != nil {
			b = model.Date{}
		}
	}
	if errA != nil || a.IsZero() || b.IsZero() {
		return textAgrees(asked, stored)
	}
	if a.Year != b.Year {
		return false
	}
	if a.Precision == model.PrecisionYear || b.Precision == model.PrecisionYear {
		return true
	}
	if a.Month != b.Month {
		return false
	}
	if a.Precision == model.PrecisionMonth || b.Precision == model.PrecisionMonth {
		return true
	}
	return a.Day == b.Day
}

func round1(f float64) float64 { return math.Round(f*10) / 10 }

// score100 is a candidate's score on the 0–100 scale the manifest
// announces.
func (c *candidate) score100() float64 { return round1(100 * c.score) }

// description of a candidate: what the viewer may see of it, and the name
// the query matched when it is not the caption.
func (c *candidate) description() string {
	d := c.view.describe()
	if c.matched != "" && c.matched != c.view.caption() {
		d += fmt.Sprintf(" · matched %q", c.matched)
	}
	return d
}
