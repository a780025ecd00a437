package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/textfold"
)

// Review by claim. A machine reading is many statements: an event is its
// type, date, place and participants, one statement each, and the same
// name or the same arrest read from six sources is six statements. A
// reviewer vouches for claims, not rows: a claim is an event — its type,
// participants with their roles, date, place and modality — or one value of
// an entity's name, rank, post or other property, with every source making
// it. One decision on a claim decides each of its statements (each one
// still gets its own decision in the ledger, made on the state the reviewer
// saw: ReviewMany).

// Claim kinds.
const (
	ClaimEvent = "event"
	ClaimValue = "value"
)

// ClaimFilter narrows the claims to review. The zero value is every
// proposed statement the viewer may see (within the window).
type ClaimFilter struct {
	// Entity: the claims about one entity (and those merged into it) —
	// its own values and the events it takes part in.
	Entity string
	// Source: the claims one source makes (each still shown with every
	// other source making it).
	Source string
	// AssignedTo: only statements of sources assigned to this reviewer
	// (a user id).
	AssignedTo string
	// Type: a property ("name", "title") or an event type ("arrest").
	Type string
	// Language of the source ("ar", "en").
	Language string
	// Modality: asserted, alleged, denied.
	Modality model.Modality
	// MinConfidence: the extractor's confidence, at least.
	MinConfidence float64
	// Window bounds the proposed statements read (default 1000): the
	// queue is worked from its oldest end. Without an entity or a source,
	// the window is of the assignment's and the type's statements (the
	// oldest 1,000 of that type, not those of the oldest 1,000 that are of
	// it); the other filters narrow the claims of the window.
	Window int
	// Quoted is how many of the first claims get their sources' sentences
	// (0: all): a page quotes what it shows, not the whole window. Of the
	// queue's kept claims, only these are read.
	Quoted int
	// regroup makes the queue group a window of statements, as every
	// filter did before the claims were kept: for tests comparing the two.
	regroup bool
}

// Participant is one of an event claim's participants.
type ClaimParticipant struct {
	EntityID string // "" when the name is not linked
	Name     string
	Role     model.ParticipantRole
}

// ClaimQuote is where one source makes a claim: the sentence around the
// statement's span, cut into the text before the span, the span, and after.
type ClaimQuote struct {
	StatementID         string
	SourceID            string
	Before, Mark, After string
	Title, Language     string
}

// ClaimItem is one claim to review.
type ClaimItem struct {
	Key  string // stable across requests while the claim stands
	Kind string // ClaimEvent or ClaimValue
	// Entity is what the claim is about: the entity whose value it is, or
	// for an event its first participant (the event itself when it names
	// none the viewer may see).
	Entity      string
	EntityType  model.EntityType
	Property    model.Property // a value's property; eventType for an event
	Value       string         // a value's value; the event type for an event
	ValueEntity string
	// An event's date, places (their values) and participants.
	Date         model.Date
	Places       []string
	Participants []ClaimParticipant
	Modality     model.Modality
	Confidence   float64 // the highest of its statements
	// Priority orders the queue: 0 events about persons (allegations
	// first), 1 a person's names and posts, 2 other values, 3 what a
	// gazetteer already fixes (a listed place's own name).
	Priority int
	// Statements are every statement a decision on the claim decides
	// (proposed ones, for a queue of proposed claims), across sources. Read
	// for review, not in full: their ids, what they say, span and quote,
	// status and level, not their provenance (store.ReviewWindow).
	Statements []model.Statement
	// Events are an event claim's event entities, one per source reading.
	Events  []string
	Sources []string // distinct, oldest statement first
	Quotes  []ClaimQuote
}

// ReviewClaims lists the claims awaiting review that v may see, most
// important first, grouped across sources.
func (a *App) ReviewClaims(ctx context.Context, v access.Viewer, f ClaimFilter) ([]ClaimItem, error) {
	p, err := a.ReviewClaimPage(ctx, v, f)
	return p.Items, err
}

// ClaimPage is the first claims of the queue and how many there are.
type ClaimPage struct {
	Items []ClaimItem
	// Total is how many claims the filter keeps: of the queue's kept
	// claims, counted up to the window (f.Window); of an entity's, a
	// source's or a window's, all of them.
	Total int
}

// ReviewClaimPage is ReviewClaims with how many claims the filter keeps.
// Without an entity, a source, an assignment or a language, the claims
// are the queue's kept ones (store.ReviewClaimStatements): the first
// f.Quoted (else f.Window) claims and their statements are read, not a
// window regrouped. The others group a window of statements on every
// request, as before.
func (a *App) ReviewClaimPage(ctx context.Context, v access.Viewer, f ClaimFilter) (ClaimPage, error) {
	if !v.CanReview() {
		return ClaimPage{}, forbidden("%s may not review statements (role %s): reviewers and admins do", v.Actor(), v.Role)
	}
	if f.Window <= 0 {
		f.Window = 1000
	}
	g := &grouper{ctx: ctx, a: a, v: v, f: f, events: map[string][]model.Statement{}, types: map[string]model.EntityType{},
		sources: map[string]*model.Source{}, infos: map[string]*model.Source{}}
	if f.Entity == "" && f.Source == "" && f.AssignedTo == "" && f.Language == "" && !f.regroup {
		limit := f.Window
		if f.Quoted > 0 {
			limit = min(f.Quoted, f.Window)
		}
		sts, total, err := a.st.ReviewClaimStatements(ctx, v, store.ReviewClaimsFilter{Type: f.Type, Modality: f.Modality,
			MinConfidence: f.MinConfidence, Limit: limit}, f.Window)
		if err != nil {
			return ClaimPage{}, err
		}
		g.window = sts
		items, err := g.group(sts)
		return ClaimPage{Items: items, Total: max(total, len(items))}, err
	}
	sts, err := g.base()
	if err != nil {
		return ClaimPage{}, err
	}
	g.window = sts
	items, err := g.group(sts)
	return ClaimPage{Items: items, Total: len(items)}, err
}

type grouper struct {
	ctx     context.Context
	a       *App
	v       access.Viewer
	f       ClaimFilter
	events  map[string][]model.Statement // every statement v may see of each event entity read
	types   map[string]model.EntityType
	gazette map[string]bool          // entities with a gazetteer entry
	window  []model.Statement        // the statements the claims are made of
	sources map[string]*model.Source // with their texts
	infos   map[string]*model.Source // without
}

// base is the proposed statements the filter starts from.
func (g *grouper) base() ([]model.Statement, error) {
	st, v := g.a.st, g.v
	var sts []model.Statement
	switch {
	case g.f.Entity != "":
		id, err := st.Canonical(g.ctx, g.f.Entity)
		if err != nil {
			return nil, notFound("entity")
		}
		merged, err := st.MergedInto(g.ctx, id)
		if err != nil {
			return nil, err
		}
		seen := 0
		for _, eid := range append([]string{id}, merged...) {
			own, err := st.Statements(g.ctx, v, eid)
			if err != nil {
				return nil, err
			}
			refs, err := st.Referencing(g.ctx, v, eid)
			if err != nil {
				return nil, err
			}
			seen += len(own) + len(refs)
			sts = append(sts, own...)
			sts = append(sts, refs...)
		}
		if seen == 0 {
			return nil, notFound("entity")
		}
	case g.f.Source != "":
		if _, err := st.SourceInfo(g.ctx, v, g.f.Source); err != nil {
			return nil, notFound("source")
		}
		var err error
		if sts, err = st.StatementsFrom(g.ctx, v, g.f.Source); err != nil {
			return nil, err
		}
	default:
		// the oldest proposed statements (of the reviewer's sources; of
		// the type asked for, an event type by its events' eventType
		// statements), with only the columns review reads
		w := store.Window{ReviewerID: g.f.AssignedTo}
		if g.f.Type != "" {
			w.Property = model.Property(g.f.Type)
			if _, err := model.ParseEventType(g.f.Type); err == nil {
				w.Property, w.Value = model.PropEventType, g.f.Type
			}
		}
		var err error
		if sts, err = st.ReviewWindow(g.ctx, v, w, g.f.Window); err != nil {
			return nil, err
		}
	}
	out := sts[:0:0]
	for _, s := range sts {
		if s.Status == model.StatusProposed {
			out = append(out, s)
		}
	}
	if len(out) > g.f.Window {
		out = out[:g.f.Window]
	}
	return out, nil
}

// group turns statements into claims: a statement of an event entity
// stands for the whole event, read with all its statements; events that
// read alike (type, date, participants and roles) from several sources are
// one claim, as are the same value of the same property of one entity.
func (g *grouper) group(sts []model.Statement) ([]ClaimItem, error) {
	ids := map[string]bool{}
	for _, s := range sts {
		ids[s.EntityID] = true
	}
	if err := g.loadTypes(setKeys(ids)); err != nil {
		return nil, err
	}
	var eventIDs []string
	for id := range ids {
		if g.types[id] == model.TypeEvent {
			eventIDs = append(eventIDs, id)
		}
	}
	sort.Strings(eventIDs)
	if len(eventIDs) > 0 {
		byEvent, err := g.a.st.ReviewReadings(g.ctx, g.v, eventIDs)
		if err != nil {
			return nil, err
		}
		g.events = byEvent
		part := map[string]bool{}
		for _, evs := range byEvent {
			for _, s := range evs {
				if s.ValueEntity != "" {
					part[s.ValueEntity] = true
				}
			}
		}
		if err := g.loadTypes(setKeys(part)); err != nil {
			return nil, err
		}
	}
	items := map[string]*ClaimItem{}
	var order []string
	add := func(it ClaimItem, sts []model.Statement, event string) {
		cur, ok := items[it.Key]
		if !ok {
			cur = &it
			items[it.Key] = cur
			order = append(order, it.Key)
		}
		for _, s := range sts {
			if s.Status != model.StatusProposed || slices.ContainsFunc(cur.Statements, func(x model.Statement) bool { return x.ID == s.ID }) {
				continue
			}
			cur.Statements = append(cur.Statements, s)
			cur.Confidence = max(cur.Confidence, s.Confidence)
		}
		if event != "" && !slices.Contains(cur.Events, event) {
			cur.Events = append(cur.Events, event)
		}
	}
	doneEvent := map[string]bool{}
	for _, s := range sts {
		if g.types[s.EntityID] == model.TypeEvent {
			if doneEvent[s.EntityID] {
				continue
			}
			doneEvent[s.EntityID] = true
			it, evSts := g.eventItem(s.EntityID)
			add(it, evSts, s.EntityID)
			continue
		}
		if s.Property == model.PropInvolved || s.Property == model.PropLocation || s.Property == model.PropOrganizer {
			continue // an event's statement seen from the entity it names: read with its event
		}
		add(g.valueItem(s), []model.Statement{s}, "")
	}
	// Statements about the entity that name an event (Referencing) come
	// in as the event's own: read those events too.
	for _, s := range sts {
		if (s.Property == model.PropInvolved || s.Property == model.PropLocation || s.Property == model.PropOrganizer) && !doneEvent[s.EntityID] {
			if g.types[s.EntityID] == "" {
				if err := g.loadTypes([]string{s.EntityID}); err != nil {
					return nil, err
				}
			}
			if g.types[s.EntityID] != model.TypeEvent {
				add(g.valueItem(s), []model.Statement{s}, "")
				continue
			}
			if _, ok := g.events[s.EntityID]; !ok {
				byEvent, err := g.a.st.ReviewReadings(g.ctx, g.v, []string{s.EntityID})
				if err != nil {
					return nil, err
				}
				g.events[s.EntityID] = byEvent[s.EntityID]
			}
			doneEvent[s.EntityID] = true
			it, evSts := g.eventItem(s.EntityID)
			add(it, evSts, s.EntityID)
		}
	}
	var out []ClaimItem
	for _, k := range order {
		it := items[k]
		if len(it.Statements) == 0 {
			continue
		}
		ok, err := g.keep(it)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		for _, s := range it.Statements {
			if s.SourceID != "" && !slices.Contains(it.Sources, s.SourceID) {
				it.Sources = append(it.Sources, s.SourceID)
			}
		}
		out = append(out, *it)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Priority != out[j].Priority {
			return out[i].Priority < out[j].Priority
		}
		// within a rank, the claims more sources make first, then by
		// property (names before aliases) and key, for a stable order
		if len(out[i].Sources) != len(out[j].Sources) {
			return len(out[i].Sources) > len(out[j].Sources)
		}
		if pi, pj := propRank(out[i].Property), propRank(out[j].Property); pi != pj {
			return pi < pj
		}
		// then by their first statement's id, as the kept claims are
		// (store.ReviewClaimStatements), and key
		if fi, fj := firstID(out[i].Statements), firstID(out[j].Statements); fi != fj {
			return fi < fj
		}
		return out[i].Key < out[j].Key
	})
	quoted := out
	if g.f.Quoted > 0 && len(quoted) > g.f.Quoted {
		quoted = quoted[:g.f.Quoted]
	}
	if err := g.readSources(quoted); err != nil {
		return nil, err
	}
	for i := range quoted {
		if err := g.quote(&out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func setKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func (g *grouper) loadTypes(ids []string) error {
	var need []string
	for _, id := range ids {
		if _, ok := g.types[id]; !ok {
			need = append(need, id)
		}
	}
	if len(need) == 0 {
		return nil
	}
	es, err := g.a.st.EntitiesByID(g.ctx, need)
	if err != nil {
		return err
	}
	for _, id := range need {
		g.types[id] = es[id].Type
	}
	return nil
}

// eventItem is the claim one event entity makes, with the statements a
// decision on it decides.
func (g *grouper) eventItem(id string) (ClaimItem, []model.Statement) {
	sts := g.events[id]
	it := ClaimItem{Kind: ClaimEvent, Entity: id, EntityType: model.TypeEvent, Property: model.PropEventType, Modality: model.Asserted}
	var parts []string
	for _, s := range sts {
		if s.Status == model.StatusRejected {
			continue
		}
		switch s.Property {
		case model.PropEventType:
			if it.Value == "" {
				it.Value = s.Value
			}
			if s.Modality != "" && s.Modality != model.Asserted {
				it.Modality = s.Modality
			}
		case model.PropDate:
			if it.Date.IsZero() {
				it.Date = s.DateStart
				if it.Date.IsZero() {
					it.Date, _ = model.ParseDate(s.Value)
				}
			}
		case model.PropLocation:
			if !slices.Contains(it.Places, s.Value) {
				it.Places = append(it.Places, s.Value)
			}
		case model.PropInvolved, model.PropOrganizer:
			p := ClaimParticipant{EntityID: s.ValueEntity, Name: s.Value, Role: model.ParticipantRole(s.Role)}
			it.Participants = append(it.Participants, p)
			who := s.ValueEntity
			if who == "" {
				who = "v:" + textfold.Fold(s.Value)
			}
			parts = append(parts, who+"/"+string(s.Role))
		}
	}
	sort.Strings(parts)
	parts = slices.Compact(parts)
	for _, p := range it.Participants {
		if p.EntityID != "" {
			it.Entity, it.EntityType = p.EntityID, g.types[p.EntityID]
			break
		}
	}
	if it.Value == "" || it.Date.IsZero() && len(parts) == 0 {
		it.Key = "e:" + id // too little to say two readings are one claim
	} else {
		it.Key = "e:" + it.Value + "|" + it.Date.String() + "|" + string(it.Modality) + "|" + strings.Join(parts, ",")
	}
	it.Priority = 2
	for _, p := range it.Participants {
		if g.types[p.EntityID] == model.TypePerson {
			it.Priority = 0
		}
	}
	return it, sts
}

// valueItem is the claim one value of an entity's property makes.
func (g *grouper) valueItem(s model.Statement) ClaimItem {
	it := ClaimItem{Kind: ClaimValue, Entity: s.EntityID, EntityType: g.types[s.EntityID], Property: s.Property,
		Value: s.Value, ValueEntity: s.ValueEntity, Modality: s.Modality}
	if it.Modality == "" {
		it.Modality = model.Asserted
	}
	it.Key = "v:" + s.EntityID + "|" + string(s.Property) + "|" + ClaimKey(s.Value, s.ValueEntity) + "|" + string(it.Modality)
	switch {
	case s.Property == model.PropGazetteer || g.hasGazetteer(s.EntityID):
		it.Priority = 3
	case it.EntityType == model.TypePerson && (s.Property.IsName() || s.Property == model.PropTitle || s.Property == model.PropPosition):
		it.Priority = 1
	default:
		it.Priority = 2
	}
	return it
}

// hasGazetteer reports whether a gazetteer entry fixes the entity (a
// listed place, facility or body): its names are no news to review.
func (g *grouper) hasGazetteer(id string) bool {
	if g.types[id] == model.TypePerson || g.types[id] == model.TypeEvent {
		return false
	}
	if g.gazette == nil {
		// a gazetteer entry read in the window answers without a query
		g.gazette = map[string]bool{}
		for _, s := range g.window {
			if s.Property == model.PropGazetteer && s.Status != model.StatusRejected {
				g.gazette[s.EntityID] = true
			}
		}
	}
	if v, ok := g.gazette[id]; ok {
		return v
	}
	if v, ok := g.a.gazetteer.get(id); ok {
		g.gazette[id] = v
		return v
	}
	// from the claim totals: a city thousands of sources name costs a few
	// rows, not its statements
	totals, err := g.a.st.ClaimTotals(g.ctx, access.Operator(), []string{id})
	found := false
	if err == nil {
		for _, t := range totals {
			if t.Property == string(model.PropGazetteer) && t.Confirmed+t.Proposed > 0 {
				found = true
				break
			}
		}
	}
	g.gazette[id] = found
	if err == nil {
		g.a.gazetteer.put(id, found)
	}
	return found
}

// gazetteerCache remembers, across requests, whether a gazetteer entry
// fixes an entity: entries come with an entity's first reading and rarely
// change, and a stale answer only moves a claim in the queue's order. It
// is emptied when full.
type gazetteerCache struct {
	mu sync.Mutex
	m  map[string]bool
}

const gazetteerCacheSize = 200_000

func (c *gazetteerCache) get(id string) (bool, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[id]
	return v, ok
}

func (c *gazetteerCache) put(id string, v bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= gazetteerCacheSize {
		c.m = map[string]bool{}
	}
	c.m[id] = v
}

// sourceInfo is a source without its text, nil when v may not see it.
func (g *grouper) sourceInfo(id string) (*model.Source, error) {
	if src, ok := g.sources[id]; ok {
		return src, nil
	}
	if src, ok := g.infos[id]; ok {
		return src, nil
	}
	src, err := g.a.st.SourceInfo(g.ctx, g.v, id)
	if errors.Is(err, store.ErrNotFound) {
		g.infos[id] = nil
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	g.infos[id] = &src
	return &src, nil
}

// readSources reads the sources the claims are quoted from, with their
// texts, in one query rather than one each.
func (g *grouper) readSources(items []ClaimItem) error {
	var ids []string
	seen := map[string]bool{}
	for _, it := range items {
		for _, id := range it.Sources {
			if _, ok := g.sources[id]; !ok && !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	if len(ids) == 0 {
		return nil
	}
	got, err := g.a.st.SourceTexts(g.ctx, g.v, ids)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if src, ok := got[id]; ok {
			g.sources[id] = &src
		} else {
			g.sources[id] = nil // not visible
		}
	}
	return nil
}

func (g *grouper) source(id string) (*model.Source, error) {
	if src, ok := g.sources[id]; ok {
		return src, nil
	}
	src, err := g.a.st.Source(g.ctx, g.v, id)
	if errors.Is(err, store.ErrNotFound) {
		g.sources[id] = nil
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	g.sources[id] = &src
	return &src, nil
}

// keep applies the filter's narrowing to a claim.
func (g *grouper) keep(it *ClaimItem) (bool, error) {
	f := g.f
	if f.Type != "" && string(it.Property) != f.Type && !(it.Kind == ClaimEvent && it.Value == f.Type) {
		return false, nil
	}
	if f.Modality != "" && it.Modality != f.Modality {
		return false, nil
	}
	if f.MinConfidence > 0 && it.Confidence < f.MinConfidence {
		return false, nil
	}
	if f.Language != "" {
		match := false
		for _, s := range it.Statements {
			if s.SourceID == "" {
				continue
			}
			src, err := g.sourceInfo(s.SourceID)
			if err != nil {
				return false, err
			}
			if src != nil && src.Language == f.Language {
				match = true
				break
			}
		}
		if !match {
			return false, nil
		}
	}
	return true, nil
}

// quote finds each source's sentence for a claim.
func (g *grouper) quote(it *ClaimItem) error {
	for _, id := range it.Sources {
		src, err := g.source(id)
		if err != nil {
			return err
		}
		if src == nil {
			continue
		}
		s := it.Statements[slices.IndexFunc(it.Statements, func(x model.Statement) bool { return x.SourceID == id })]
		// the statement of this source with a span: for an event its type's
		// trigger when there is one
		best := s
		for _, o := range it.Statements {
			if o.SourceID == s.SourceID && o.Span.End > o.Span.Start && (best.Span.End <= best.Span.Start || o.Property == model.PropEventType) {
				best = o
			}
		}
		q := ClaimQuote{StatementID: best.ID, SourceID: src.ID, Title: src.DisplayTitle(), Language: src.Language}
		q.Before, q.Mark, q.After = Sentence(src.Text, best.Span)
		it.Quotes = append(it.Quotes, q)
	}
	return nil
}

// Sentence cuts the sentence around span out of text (offsets in code
// points): the text before the span, the span, and the text after, each
// within the sentence (at most 240 code points either side). With no span,
// or one outside the text, it is the quote alone.
func Sentence(text string, span model.Span) (before, mark, after string) {
	runes := []rune(text)
	if span.End <= span.Start || span.End > len(runes) {
		return "", span.Quote, ""
	}
	const most = 240
	start := span.Start
	for start > 0 && span.Start-start < most && !sentenceEnd(runes, start-1) {
		start--
	}
	end := span.End
	for end < len(runes) && end-span.End < most && !(end > span.End && sentenceEnd(runes, end-1)) {
		end++
	}
	return strings.TrimLeft(string(runes[start:span.Start]), " \t"), string(runes[span.Start:span.End]),
		strings.TrimRight(string(runes[span.End:end]), " \t\n")
}

// sentenceEnd reports whether runes[i] ends a sentence: a line break, or
// . ! ? ؟ ۔ followed by a space or the end.
func sentenceEnd(runes []rune, i int) bool {
	switch runes[i] {
	case '\n':
		return true
	case '.', '!', '?', '؟', '۔':
		return i+1 >= len(runes) || runes[i+1] == ' ' || runes[i+1] == '\n'
	}
	return false
}

// Target is one statement of a many-statement decision, with the state the
// reviewer saw it in.
type Target struct {
	ID   string
	From model.Status
}

// MaxTargets bounds one decision on many statements.
const MaxTargets = 1000

// Change is what a decision on many statements does, or would do, to one.
type Change struct {
	Statement model.Statement // as it stands (before, in a preview)
	To        model.Status
}

// PreviewMany says what ReviewMany would change, refusing as it would: a
// statement v may not see, or no longer in the state it was seen in.
func (a *App) PreviewMany(ctx context.Context, v access.Viewer, targets []Target, d Decision) ([]Change, error) {
	sts, err := a.manyTargets(ctx, v, targets, d)
	if err != nil {
		return nil, err
	}
	out := make([]Change, len(sts))
	for i, st := range sts {
		if st.Status != targets[i].From {
			return nil, staleConflict(st.Status, targets[i].From)
		}
		out[i] = Change{Statement: st, To: decisionTo(d.Action)}
	}
	return out, nil
}

// ReviewMany applies one decision to many statements — a claim made in
// several sources, an event's statements, a reviewer's bulk decision — each
// made on the state the reviewer saw it in and ledgered on its own, all in
// one transaction: when one of them is no longer in that state nothing
// changes (Conflict, with its current state: CurrentState). An edit is not
// a decision on many.
func (a *App) ReviewMany(ctx context.Context, v access.Viewer, targets []Target, d Decision) ([]Change, error) {
	sts, err := a.manyTargets(ctx, v, targets, d)
	if err != nil {
		return nil, err
	}
	levels := make([]model.Sensitivity, len(sts))
	for i, st := range sts {
		if levels[i], err = a.reviewLevel(ctx, v, st, d.Sensitivity); err != nil {
			return nil, err
		}
	}
	comment := strings.TrimSpace(d.Comment)
	to := decisionTo(d.Action)
	err = a.st.Write(ctx, v.Actor(), func(tx *store.Tx) error {
		for i, st := range sts {
			var err error
			if d.Action == Reopen {
				err = reopen(ctx, tx, st.ID, targets[i].From, comment)
			} else {
				err = tx.ReviewFrom(ctx, st.ID, targets[i].From, to, comment)
			}
			if err != nil {
				return err
			}
			if levels[i] != st.Sensitivity {
				if err := tx.SetStatementSensitivity(ctx, st.ID, levels[i]); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if errors.Is(err, store.ErrBelowSource) {
		return nil, invalid("a statement cannot be less sensitive than its source")
	}
	var stale *store.StaleError
	if errors.As(err, &stale) {
		return nil, staleConflict(stale.Current, stale.From)
	}
	if err != nil {
		return nil, err
	}
	if err := a.settleFates(context.WithoutCancel(ctx), nil); err != nil {
		a.log.Error("settle the fates of matched enquiries", "err", err)
	}
	out := make([]Change, len(sts))
	for i, st := range sts {
		now, err := a.st.Statement(ctx, v, st.ID)
		if err != nil {
			return nil, err
		}
		out[i] = Change{Statement: now, To: to}
	}
	return out, nil
}

func decisionTo(action string) model.Status {
	switch action {
	case Confirm:
		return model.StatusConfirmed
	case Reject:
		return model.StatusRejected
	}
	return model.StatusProposed
}

func staleConflict(current, from model.Status) error {
	return &Error{Kind: Conflict, Err: &staleState{current},
		Msg: fmt.Sprintf("the statement is now %s, not %s: someone decided it meanwhile (or the form was sent twice); nothing was changed — look at it again and decide", current, from)}
}

// manyTargets checks a decision on many statements and reads them, in the
// targets' order.
func (a *App) manyTargets(ctx context.Context, v access.Viewer, targets []Target, d Decision) ([]model.Statement, error) {
	if !v.CanReview() {
		return nil, forbidden("%s may not review statements (role %s): reviewers and admins do", v.Actor(), v.Role)
	}
	switch d.Action {
	case Confirm, Reject, Reopen:
	case Edit:
		return nil, invalid("an edit corrects one statement: decide many with confirm, reject or reopen")
	default:
		return nil, invalid("decision %q: want confirm, reject or reopen", d.Action)
	}
	if len(targets) == 0 {
		return nil, invalid("no statements to decide")
	}
	if len(targets) > MaxTargets {
		return nil, invalid("%d statements in one decision: at most %d", len(targets), MaxTargets)
	}
	seen := map[string]bool{}
	out := make([]model.Statement, 0, len(targets))
	for i, t := range targets {
		if seen[t.ID] {
			return nil, invalid("statement %s twice in one decision", t.ID)
		}
		seen[t.ID] = true
		switch t.From {
		case "":
			targets[i].From = model.StatusProposed
		case model.StatusProposed, model.StatusConfirmed, model.StatusRejected:
		default:
			return nil, invalid("from %q: want proposed, confirmed or rejected", t.From)
		}
		if d.Action == Reopen && targets[i].From == model.StatusProposed {
			return nil, invalid("reopen returns a decided statement to proposed: give the state it was decided to (from confirmed or rejected)")
		}
		st, err := a.st.Statement(ctx, v, t.ID)
		if errors.Is(err, store.ErrNotFound) {
			return nil, notFound("statement")
		}
		if err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, nil
}

// firstID is the least of the statements' ids.
func firstID(sts []model.Statement) string {
	first := ""
	for _, s := range sts {
		if first == "" || s.ID < first {
			first = s.ID
		}
	}
	return first
}

// propRank is a property's place in the vocabulary's order.
func propRank(p model.Property) int {
	if i := slices.Index(model.Properties(), p); i >= 0 {
		return i
	}
	return len(model.Properties())
}
