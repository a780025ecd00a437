package resolve

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/nameindex"
	"github.com/athar-project/athar/internal/names"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/textfold"
)

// Found is what an extractor found of one entity in one source.
type Found struct {
	Type      model.EntityType
	Name      string     // the fullest name, as the source writes it
	Aliases   []string   // other names, as written (FtM alias)
	Epithets  []string   // nicknames and epithets (FtM weakAlias): they suggest, never identify
	BirthDate model.Date // when the source gives one
	// Context names the facilities, places and organizations the source ties
	// to this entity (or mentions beside it): shared context supports a
	// proposal, never makes a link alone.
	Context []string
	// Sensitivity is the level of the source it was found in (the zero
	// value is public, the strictest). It is linked only through names
	// stated at that level or below: a public report naming someone known
	// only from a testimony gets an entity of its own — and at most a merge
	// proposal, which only those cleared for both sides see — so that
	// linking it tells nobody what the testimony says.
	Sensitivity model.Sensitivity
}

// Placement is where Place put a Found.
type Placement struct {
	EntityID string
	Created  bool    // a new entity was made for it
	Linked   bool    // it was linked to an existing entity
	Score    float64 // the best candidate's score
	Reasons  []string
	Proposed string // the entity a merge with it was proposed with, if any
}

// Batch is a run of placements inside one transaction. The index learns each
// placement at once, so that later placements in the same batch can link to
// it; Abort takes them back out if the transaction does not commit.
type Batch struct {
	r       *Resolver
	created []placed
	// caught is the transaction the indexes last caught up in.
	caught *store.Tx
	// ahead is what was read before the transaction (BeginWith), or nil.
	ahead *Ahead
	// searched counts the names the batch's placements searched the
	// indexes for (MostNamesSearched).
	searched int
}

type placed struct {
	typ model.EntityType
	id  string
}

// Begin starts a batch of placements.
func (r *Resolver) Begin() *Batch { return &Batch{r: r} }

// Abort forgets the entities the batch created: their transaction rolled back.
// Names it added to existing entities are reloaded from the store.
func (b *Batch) Abort(ctx context.Context) {
	for _, p := range b.created {
		b.r.forget(p.typ, p.id)
	}
}

// candidateLimit is how many candidates each name of a Found is compared with.
const candidateLimit = 5

// Place decides, inside tx, which entity f stands for: an existing entity
// when the name matcher is sure and nothing contradicts it (a conflicting
// birth date), otherwise a new entity — with a merge proposed for review
// when the best candidate scored ProposeAt or more. It does not store the
// Found's names: the caller writes them as statements of the entity returned.
func (b *Batch) Place(ctx context.Context, tx *store.Tx, f Found) (Placement, error) {
	x := b.r.index(f.Type)
	if x == nil {
		return Placement{}, fmt.Errorf("entities of type %s are not resolved by name", f.Type)
	}
	// Before deciding, learn what other processes stored, holding the
	// ledger's lock until tx ends: two workers that meet one new person
	// at once make one entity of it, not two.
	if b.caught != tx {
		if err := b.r.catchUpIn(ctx, tx); err != nil {
			return Placement{}, err
		}
		b.caught = tx
	}
	var vals values = storeValues{b.r.st}
	if b.ahead != nil {
		if err := b.ahead.check(ctx, tx); err != nil {
			return Placement{}, err
		}
		vals = ahead{a: b.ahead, from: vals}
	}
	best, err := b.r.best(ctx, vals, f, "")
	if err != nil {
		return Placement{}, err
	}
	b.searched += len(f.names())
	b.r.noteSearched(b.searched)
	if best.EntityID != "" && best.Link {
		best.Reasons = append(best.Reasons, "linked: the names match, nothing contradicts it and no other entity comes close")
	} else if best.EntityID != "" && best.Score >= ProposeAt {
		best.Reasons = append(best.Reasons, fmt.Sprintf("proposed for review, not linked: the names score %.2f but the reasons above leave room for doubt", best.Score))
	}
	p := Placement{Score: best.Score, Reasons: best.Reasons}
	if best.EntityID != "" && best.Link {
		p.EntityID, p.Linked = best.EntityID, true
		b.r.learn(f.Type, p.EntityID, f.names())
		return p, nil
	}
	e, err := tx.AddEntity(ctx, f.Type)
	if err != nil {
		return p, err
	}
	p.EntityID, p.Created = e.ID, true
	b.created = append(b.created, placed{f.Type, e.ID})
	if best.EntityID != "" && best.Score >= ProposeAt {
		added, err := tx.ProposeMerge(ctx, &store.MergeProposal{EntityA: best.EntityID, EntityB: e.ID, Score: best.Score,
			Reasons: best.Reasons, Proposer: Version})
		if err != nil {
			return p, err
		}
		if added {
			p.Proposed = best.EntityID
		}
	}
	b.r.learn(f.Type, e.ID, f.names())
	return p, nil
}

func (f Found) names() []string {
	out := []string{}
	if f.Name != "" {
		out = append(out, f.Name)
	}
	out = append(out, f.Aliases...)
	return append(out, f.Epithets...)
}

type scored struct {
	Candidate
	match    bool // the name matcher would link the two names on their own
	conflict bool // evidence beyond the name contradicts the candidate
	hidden   bool // no name of the candidate is stated at the source's level
	shared   int  // context the source shares with the candidate's statements
}

// Linking on evidence: a name that agrees in full but is too common to
// identify anyone alone ("Thaer Hussein") is linked when the source ties the
// person to at least contextToLink things the candidate is tied to too (the
// same facility, post, place or rank) and nothing contradicts it.
const (
	fullNameScore = 0.95
	contextToLink = 2
)

// best finds the best candidate for f over its name and aliases (epithets
// alone never link), weighing the evidence beyond the name, and decides the
// link: the top candidate's name must match, nothing may contradict it, and
// no other candidate that nothing rules out may come close. exclude is left
// out (the entity itself, when re-resolving it).
func (r *Resolver) best(ctx context.Context, vals values, f Found, exclude string) (scored, error) {
	return r.bestOf(ctx, vals, f, exclude, nil)
}

// bestOf is best with the index's answers to some of f's names already
// searched (searched, by name; nil: none).
func (r *Resolver) bestOf(ctx context.Context, vals values, f Found, exclude string, searched map[string][]nameindex.Candidate) (scored, error) {
	x := r.index(f.Type)
	byID := map[string]*scored{}
	var order []string
	query := func(name string, mayLink bool) {
		cs, ok := searched[name]
		if !ok {
			cs = x.Search(name, candidateLimit+1)
		}
		for _, c := range cs {
			if c.EntityID == exclude {
				continue
			}
			s := byID[c.EntityID]
			if s == nil {
				s = &scored{Candidate: Candidate{EntityID: c.EntityID, Name: c.Name, Score: c.Score, Reasons: c.Reasons}}
				byID[c.EntityID] = s
				order = append(order, c.EntityID)
			}
			if c.Score > s.Score {
				s.Score, s.Name, s.Reasons = c.Score, c.Name, c.Reasons
			}
			if mayLink && !s.match && names.CompareKindStrings(names.KindOf(string(f.Type)), name, c.Name).Match {
				s.match = true
			}
		}
	}
	if f.Name != "" {
		query(f.Name, true)
	}
	for _, a := range f.Aliases {
		query(a, true)
	}
	for _, e := range f.Epithets {
		query(e, false)
	}
	if len(order) == 0 {
		return scored{}, nil
	}
	for _, id := range order {
		if err := r.weigh(ctx, vals, f, byID[id]); err != nil {
			return scored{}, err
		}
	}
	// Candidates the source's level may see nothing of come last: they may
	// be proposed when nothing else is, never linked, never block a link.
	sort.SliceStable(order, func(i, j int) bool {
		a, b := byID[order[i]], byID[order[j]]
		if a.hidden != b.hidden {
			return !a.hidden
		}
		return a.Score > b.Score
	})
	top := *byID[order[0]]
	top.Link = top.match && !top.conflict && !top.hidden
	if !top.Link && !top.conflict && !top.hidden && top.Score >= fullNameScore && top.shared >= contextToLink {
		top.Link = true
		top.Reasons = append(top.Reasons, fmt.Sprintf("the name agrees in full and %d things the source ties to it match the candidate's: linked", top.shared))
	}
	for _, id := range order[1:] {
		o := byID[id]
		if top.Link && !o.conflict && !o.hidden && (o.match || !names.Leads(top.Score, o.Score)) {
			top.Link = false
			top.Reasons = append(top.Reasons, "another entity matches nearly as well: proposed, not linked")
		}
	}
	return top, nil
}

// weigh adjusts a candidate by the evidence beyond the name: a conflicting
// birth date counts strongly against and blocks a link; context the source
// shares with the candidate's statements counts a little for.
func (r *Resolver) weigh(ctx context.Context, vals values, f Found, c *scored) error {
	// The candidate's values once each (not every statement: a person that
	// thousands of sources name would cost a read of all of them on every
	// mention of a like name).
	sts, err := vals.stated(ctx, c.EntityID)
	if err != nil {
		return err
	}
	if f.Sensitivity < model.Confidential {
		if err := restrictTo(ctx, vals, f, c, sts); err != nil {
			return err
		}
	}
	var known []string
	for _, st := range sts {
		// A conflict at any level blocks a link (which leaks nothing: the
		// source gets an entity of its own).
		if st.Property == model.PropBirthDate && !f.BirthDate.IsZero() {
			if d, err := model.ParseDate(st.Value); err == nil && datesConflict(d, f.BirthDate) {
				c.conflict = true
				c.Score = max(0, c.Score-0.3)
				c.Reasons = append(c.Reasons, fmt.Sprintf("birth dates conflict: %s here, %s on the candidate", f.BirthDate, d))
			}
		}
		if st.Sensitivity > f.Sensitivity {
			continue // context the source's readers may not see cannot support a link for them
		}
		known = append(known, textfold.Fold(st.Value))
	}
	shared := 0
	for _, ctxName := range f.Context {
		k := textfold.Fold(ctxName)
		if k == "" {
			continue
		}
		for _, v := range known {
			if strings.Contains(v, k) {
				shared++
				c.Reasons = append(c.Reasons, "both tied to "+ctxName)
				break
			}
		}
	}
	c.shared = shared
	c.Score = min(1, c.Score+0.04*float64(min(shared, 2)))
	return nil
}

// datesConflict reports two dates that cannot be the same day, at the
// precision both give.
func datesConflict(a, b model.Date) bool {
	if a.Year != b.Year {
		return true
	}
	if a.Precision == model.PrecisionYear || b.Precision == model.PrecisionYear {
		return false
	}
	if a.Month != b.Month {
		return true
	}
	if a.Precision == model.PrecisionMonth || b.Precision == model.PrecisionMonth {
		return false
	}
	return a.Day != b.Day
}

// restrictTo re-scores a candidate over the names stated at the source's
// level or below, when it has others: the index matched over every name,
// and a link through a name the source's readers may not see would tell
// them what they may not know. With no such name it is hidden: it may be
// proposed, never linked.
func restrictTo(ctx context.Context, vals values, f Found, c *scored, sts []model.Statement) error {
	visible, above := namesAt(sts, f.Sensitivity)
	if !above {
		return nil // every name is one the source's readers may see: the index's score stands
	}
	// The index knows the candidate by the names of the entities merged
	// into it too.
	merged, err := vals.mergedInto(ctx, c.EntityID)
	if err != nil {
		return err
	}
	for _, id := range merged {
		more, err := vals.stated(ctx, id)
		if err != nil {
			return err
		}
		v, _ := namesAt(more, f.Sensitivity)
		visible = append(visible, v...)
	}
	if len(visible) == 0 {
		c.hidden, c.match = true, false
		c.Reasons = append(c.Reasons, "known only from sources more sensitive than this one: proposed, not linked")
		return nil
	}
	best := scored{}
	try := func(q string, mayLink bool) {
		for _, n := range visible {
			res := names.CompareStrings(q, n)
			if best.Reasons == nil || res.Score > best.Score {
				best.Score, best.Name, best.Reasons = res.Score, n, res.Reasons
			}
			if mayLink && res.Match {
				best.match = true
			}
		}
	}
	if f.Name != "" {
		try(f.Name, true)
	}
	for _, a := range f.Aliases {
		try(a, true)
	}
	for _, e := range f.Epithets {
		try(e, false)
	}
	c.Score, c.Name, c.match = best.Score, best.Name, best.match
	c.Reasons = append(best.Reasons, "weighed on the names stated at this source's level only")
	return nil
}

// namesAt lists the names among sts stated at level or below, and whether
// any is stated above it.
func namesAt(sts []model.Statement, level model.Sensitivity) (visible []string, above bool) {
	for _, st := range sts {
		if !st.Property.IsName() || st.Value == "" {
			continue
		}
		if st.Sensitivity > level {
			above = true
		} else {
			visible = append(visible, st.Value)
		}
	}
	return visible, above
}
