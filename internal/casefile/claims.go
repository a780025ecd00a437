package casefile

import (
	"slices"
	"sort"
	"strings"

	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/names"
	"github.com/athar-project/athar/internal/store"
)

// Every line a case file holds about an entity is a claim: one value that
// one or more statements make, each footnoted to its source. A line says
// how many independent sources make it (near-copies of one original count
// once), its review state, and, for events, how the source reports it.

// Note is a footnote: a source a case file cites.
type Note struct {
	N      int
	Source model.Source
}

// notes numbers the sources a case file cites, in order of first citation.
type notes struct {
	rd      *Reader
	bounded bool
	byID    map[string]int
	list    []Note
	shown   []model.Source // for the access log
	// When bounded: the store's totals of the entity's values (by property
	// and claim key), which a claim shows instead of counting the few
	// statements the case file read of it.
	totals map[[2]string]store.ClaimTotal
	own    map[string]bool // the entity and those merged into it
}

func newNotes(rd *Reader, bounded bool) *notes {
	return &notes{rd: rd, bounded: bounded, byID: map[string]int{}}
}

// totalled reads the totals of the entities' values and, for each value a
// statement the viewer may see gives, the first statements that give it,
// in the order they were made.
func (n *notes) totalled(ids []string) ([]model.Statement, error) {
	ts, err := n.rd.st.ClaimTotals(n.rd.ctx, n.rd.v, ids)
	if err != nil {
		return nil, err
	}
	n.totals, n.own = map[[2]string]store.ClaimTotal{}, map[string]bool{}
	for _, id := range ids {
		n.own[id] = true
	}
	var sts []model.Statement
	for _, c := range ts {
		n.totals[[2]string{c.Property, c.Key}] = c
		if c.Confirmed+c.Proposed == 0 {
			continue
		}
		few, err := n.rd.st.ClaimStatements(n.rd.ctx, n.rd.v, ids, c, NotesPerClaim)
		if err != nil {
			return nil, err
		}
		sts = append(sts, n.rd.keep(few)...)
	}
	sort.SliceStable(sts, func(i, j int) bool {
		if !sts[i].CreatedAt.Equal(sts[j].CreatedAt) {
			return sts[i].CreatedAt.Before(sts[j].CreatedAt)
		}
		return sts[i].ID < sts[j].ID
	})
	return sts, nil
}

// total puts the store's totals into a claim made of the entity's own
// statements (of one property, or a name some give as a name and some as
// an alias).
func (n *notes) total(c *Claim) error {
	if n.totals == nil || len(c.Statements) == 0 {
		return nil
	}
	key := store.ClaimKey(c.Statements[0].Value, c.Statements[0].ValueEntity)
	var props []string
	for _, st := range c.Statements {
		if !n.own[st.EntityID] {
			return nil // a claim gathered from other entities' statements too
		}
		if !slices.Contains(props, string(st.Property)) {
			props = append(props, string(st.Property))
		}
	}
	var sum store.ClaimTotal
	for _, p := range props {
		t, ok := n.totals[[2]string{p, key}]
		if !ok {
			return nil
		}
		sum.Independent = t.Independent
		sum.Confirmed += t.Confirmed
		sum.Proposed += t.Proposed
		sum.Alleged, sum.Denied, sum.Manual = sum.Alleged || t.Alleged, sum.Denied || t.Denied, sum.Manual || t.Manual
		sum.Sensitivity = max(sum.Sensitivity, t.Sensitivity)
	}
	if len(props) > 1 {
		var err error
		if sum.Independent, err = n.rd.st.IndependentSources(n.rd.ctx, n.rd.v, sortedKeys(n.own), props, key); err != nil {
			return err
		}
	}
	c.Independent = sum.Independent
	switch {
	case sum.Confirmed > 0:
		c.Status = model.StatusConfirmed
	case sum.Proposed > 0:
		c.Status = model.StatusProposed
	}
	c.Alleged, c.Denied, c.Manual, c.Sensitivity = sum.Alleged, sum.Denied, sum.Manual, sum.Sensitivity
	return nil
}

func sortedKeys(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for id := range set {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// cite returns the footnote number of a source (0 when the viewer may not
// see it, or none is given).
func (n *notes) cite(sourceID string) (int, error) {
	if sourceID == "" {
		return 0, nil
	}
	if k, ok := n.byID[sourceID]; ok {
		return k, nil
	}
	src, err := n.rd.Source(sourceID)
	if err != nil || src == nil {
		n.byID[sourceID] = 0
		return 0, err
	}
	k := len(n.list) + 1
	n.byID[sourceID] = k
	n.list = append(n.list, Note{N: k, Source: *src})
	n.shown = append(n.shown, *src)
	return k, nil
}

// independent counts the distinct sources behind statements, each near-copy
// counted as the original it copies.
func (n *notes) independent(sts []model.Statement) (int, error) {
	seen := map[string]bool{}
	for _, st := range sts {
		if err := n.countSource(seen, st); err != nil {
			return 0, err
		}
	}
	return len(seen), nil
}

// countSource adds the statement's source — or the original it nearly
// copies — to the set of independent sources.
func (n *notes) countSource(seen map[string]bool, st model.Statement) error {
	if st.SourceID == "" {
		return nil
	}
	id := st.SourceID
	src, err := n.rd.Source(id)
	if err != nil {
		return err
	}
	if src != nil && src.DuplicateOf != "" {
		id = src.DuplicateOf
	}
	seen[id] = true
	return nil
}

// Claim is one value with the statements that make it.
type Claim struct {
	Value       string
	Latin       string // machine transliteration of an Arabic-only value
	Ref         *Ref   // the entity the value links to, if any
	Statements  []model.Statement
	Notes       []int
	Independent int
	Status      model.Status      // confirmed if any is, else proposed, else rejected
	Alleged     bool              // some source only alleges it
	Denied      bool              // some source reports a denial
	Sensitivity model.Sensitivity // the highest of its statements
	Manual      bool              // a statement a person typed in, with no source
	// Rank is the rank a rank's claim stands for (Value is then its English
	// name, "Colonel"); the statements keep what each source wrote.
	Rank names.Rank

	independent map[string]bool // the sources counted in Independent
}

// ValueIn is the claim's value as a page in lang ("en", "ar") shows it: a
// rank in that language ("العقيد", "Colonel"), any other value as the
// sources wrote it.
func (c Claim) ValueIn(lang string) string {
	if c.Rank.ID != "" && lang == "ar" {
		return c.Rank.ArabicTitle()
	}
	return c.Value
}

// Arabic reports whether the claim's value is written in Arabic script.
func (c Claim) Arabic() bool { return strings.TrimSpace(c.Latin) != "" || ArabicOnly(c.Value) }

// claims groups statements by value (folded, so spelling variants of case
// and diacritics meet) and footnotes each group. Rejected statements are
// left out; the caller counts them.
func (n *notes) claims(sts []model.Statement) ([]Claim, error) {
	if err := n.rd.Prefetch(sts); err != nil {
		return nil, err
	}
	var out []Claim
	index := map[string]int{}
	for _, st := range sts {
		if st.Status == model.StatusRejected {
			continue
		}
		key := store.ClaimKey(st.Value, st.ValueEntity)
		rank, isRank := names.Rank{}, false
		if st.Property == model.PropTitle && st.ValueEntity == "" {
			// العقيد, Col. and Colonel are one rank, whatever the sources
			// wrote: one claim, its sources counted together.
			if rank, isRank = names.NormalizeRank(st.Value); isRank {
				key = "rank\x00" + rank.String()
			}
		}
		i, ok := index[key]
		if !ok {
			i = len(out)
			index[key] = i
			c := Claim{Value: st.Value, Latin: LatinOf(st.Value), Status: model.StatusRejected}
			if isRank {
				c.Value, c.Latin, c.Rank = rank.String(), "", rank
			}
			if st.ValueEntity != "" {
				r, err := n.rd.Ref(st.ValueEntity)
				if err != nil {
					return nil, err
				}
				c.Ref = &r
			}
			out = append(out, c)
		}
		if err := n.add(&out[i], st); err != nil {
			return nil, err
		}
	}
	for i := range out {
		if err := n.total(&out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// add puts a statement into a claim.
func (n *notes) add(c *Claim, st model.Statement) error {
	c.Statements = append(c.Statements, st)
	k := 0
	if !n.bounded || len(c.Notes) < NotesPerClaim {
		var err error
		if k, err = n.cite(st.SourceID); err != nil {
			return err
		}
	}
	if k > 0 && !slices.Contains(c.Notes, k) {
		c.Notes = append(c.Notes, k)
		sort.Ints(c.Notes)
	}
	if st.SourceID == "" {
		c.Manual = true
	}
	switch {
	case st.Status == model.StatusConfirmed:
		c.Status = model.StatusConfirmed
	case st.Status == model.StatusProposed && c.Status != model.StatusConfirmed:
		c.Status = model.StatusProposed
	}
	switch st.Modality {
	case model.Alleged:
		c.Alleged = true
	case model.Denied:
		c.Denied = true
	}
	if st.Sensitivity > c.Sensitivity {
		c.Sensitivity = st.Sensitivity
	}
	if c.independent == nil {
		c.independent = map[string]bool{}
	}
	if err := n.countSource(c.independent, st); err != nil {
		return err
	}
	c.Independent = len(c.independent)
	return nil
}

// Fact is one property of an entity with every value sources give it.
type Fact struct {
	Property model.Property
	Claims   []Claim
	// Disagree: a property that has one true value (a birthplace, a birth
	// date) has more than one here; both are shown, none chosen.
	Disagree bool
}

// singleValued properties have one true value; two values mean sources
// disagree.
var singleValued = map[model.Property]bool{model.PropBirthPlace: true, model.PropBirthDate: true, model.PropDeathDate: true,
	model.PropGender: true, model.PropNationality: true, model.PropFatherName: true}

// facts groups an entity's statements by property, in the order given,
// then any other property in name order.
func (n *notes) facts(sts []model.Statement, order []model.Property, skip map[model.Property]bool) ([]Fact, error) {
	by := map[model.Property][]model.Statement{}
	for _, st := range sts {
		if !skip[st.Property] {
			by[st.Property] = append(by[st.Property], st)
		}
	}
	var props []model.Property
	for _, p := range order {
		if len(by[p]) > 0 {
			props = append(props, p)
		}
	}
	var rest []model.Property
	for p := range by {
		if !slices.Contains(order, p) {
			rest = append(rest, p)
		}
	}
	slices.Sort(rest)
	var out []Fact
	for _, p := range append(props, rest...) {
		cs, err := n.claims(by[p])
		if err != nil {
			return nil, err
		}
		if len(cs) == 0 {
			continue
		}
		out = append(out, Fact{Property: p, Claims: cs, Disagree: singleValued[p] && disagree(p, cs)})
	}
	return out, nil
}

// placeValued properties name a place: two spellings of one village
// ("Al-Qabu", "Al-Qabo", "القبو") are one value, not a disagreement.
var placeValued = map[model.Property]bool{model.PropBirthPlace: true}

// disagree reports whether claims of one property give more than one
// value: for a place, values linked to one entity or that the place-name
// matcher takes for one name count once.
func disagree(p model.Property, cs []Claim) bool {
	if len(cs) < 2 {
		return false
	}
	if !placeValued[p] {
		return true
	}
	for i := range cs {
		for j := i + 1; j < len(cs); j++ {
			if !samePlace(cs[i], cs[j]) {
				return true
			}
		}
	}
	return false
}

func samePlace(a, b Claim) bool {
	if a.Ref != nil && b.Ref != nil {
		return a.Ref.ID == b.Ref.ID
	}
	return names.CompareKindStrings(names.KindPlace, a.Value, b.Value).Match
}

// rejectedCount counts the rejected statements among sts.
func rejectedCount(sts []model.Statement) int {
	n := 0
	for _, st := range sts {
		if st.Status == model.StatusRejected {
			n++
		}
	}
	return n
}

// byScript splits name claims into those written in Arabic script and the
// rest.
func byScript(cs []Claim) (latin, arabic []Claim) {
	for _, c := range cs {
		if c.Arabic() {
			arabic = append(arabic, c)
		} else {
			latin = append(latin, c)
		}
	}
	return latin, arabic
}
