package casefile

import (
	"cmp"
	"slices"

	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// File is an entity's case file as one viewer may see it: what its record
// means, read from its statements and those of the entities merged into it.
type File struct {
	Ref    Ref
	Merged []string // entities merged into it, whose statements it includes

	NamesLatin  []Claim
	NamesArabic []Claim
	Epithets    []Claim
	Facts       []Fact
	Rejected    int // its own rejected statements, not shown
	Proposed    int // its own statements awaiting review

	// Events are the events it takes part in, one per event entity, by
	// date (unknown last), rejected ones too. Timeline joins those that
	// stand into rows (see Event); RejectedEvents are the rest.
	Events         []Event
	Timeline       []Event
	RejectedEvents []Event
	Disagreements  []DateDisagreement // conflicts: a kind of event dated differently

	Case Case // a person's case status
	Fate Fate // a victim's fate

	Victims       []Linked
	Perpetrators  []Linked
	Linked        []Linked
	Superiors     []Claim
	Subordinates  []Linked
	Places        []Ref // facilities and places of its events
	Organizations []Ref // organizers of its events

	Event *Event // an event's own

	Sources []model.Source // sources that mention it (when bounded, the newest)
	Notes   []Note         // the footnotes its claims and events cite
	// When bounded, and more than listed: how many sources mention it and
	// how many events it takes part in; TimelineMore when more events than
	// TimelineTotal, which is not counted past.
	SourcesTotal, TimelineTotal int
	TimelineMore                bool
	// TimelineNext, when bounded and older events follow the ones listed,
	// is where the next page of the timeline starts (Options.EventsBefore).
	TimelineNext *store.EventKey
	// StatusPartial: a hub person has more than StatusEvents events that
	// bear on the case status and fate, which were read from StatusEvents
	// of them.
	StatusPartial bool

	// Shown are the sources it lists or cites: reading restricted ones is
	// recorded in the access log before the case file is handed over.
	Shown []model.Source
}

// TimelineKey is where a page of a hub's timeline starts: opaque to
// pages and the API, which carry it as its String.
type TimelineKey = store.EventKey

// ParseTimelineKey reads a TimelineKey's String.
func ParseTimelineKey(s string) (TimelineKey, error) { return store.ParseEventKey(s) }

// Linked is another entity tied to this one through events.
type Linked struct {
	Ref   Ref
	Roles []model.ParticipantRole // its roles in the shared events
}

// Options choose how much a case file reads.
type Options struct {
	// Bounded bounds what a case file lists of an entity that thousands of
	// sources name (a prison, a city): the newest sources, the latest
	// events, a few footnotes per claim, each with how many there are in
	// all. A person's events are read whole either way: the case status is
	// derived from all of them. The dossier reads unbounded.
	Bounded bool
	// EventsBefore, when bounded, lists the page of a facility's, place's
	// or organization's timeline that starts after this place (a
	// File.TimelineNext) instead of the latest events.
	EventsBefore *store.EventKey
	// EventsLimit is how many events a page of the timeline lists
	// (BoundedEvents if 0).
	EventsLimit int
	// PagedTimeline lists the timeline a page at a time whatever the
	// entity's type, a person's too (the API's listing of an entity's
	// events): the case status is then not derived from it.
	PagedTimeline bool
	// BoundHubs reads an ordinary entity whole, as the zero Options do,
	// and a hub — one in more than WholeEvents events, or with more than
	// WholeStatements statements of its own — bounded, as Bounded does
	// (the API's and `athar case`'s case file; the dossier reads whole).
	BoundHubs bool

	// hubPerson: a bounded person in more than WholeEvents events, whose
	// timeline is listed a page at a time and whose case status is read
	// from the events that bear on it alone (statusEvents).
	hubPerson bool
}

// What a bounded case file lists at most of one entity.
const (
	BoundedSources = 50   // the newest sources mentioning it
	BoundedEvents  = 50   // the latest events of a facility's, place's or organization's timeline
	EventsCounted  = 1000 // events counted at most; past that "more than"
	NotesPerClaim  = 8    // footnotes of one claim (its count of independent sources stays whole)

	// An entity in more events than WholeEvents, or with more statements
	// of its own than WholeStatements, is a hub: a person's bounded case
	// file then pages its timeline, and BoundHubs reads it bounded.
	WholeEvents     = 4 * BoundedEvents
	WholeStatements = 1000
	// StatusEvents is how many of a hub person's events that bear on the
	// case status and fate are read at most to derive them; past that the
	// case file says the status rests on StatusEvents of them
	// (File.StatusPartial).
	StatusEvents = 500
)

// The properties by which statements of other entities tie them to an
// entity's timeline (events at a place, organized by an organization, with
// a person involved), and to its chain of command.
var (
	timelineProps = []string{string(model.PropInvolved), string(model.PropLocation), string(model.PropOrganizer)}
	chainProps    = []string{propSubordinate, propSuperior}
)

// TimelineProps are the properties by which an event names the entities
// of its timeline.
func TimelineProps() []string { return slices.Clone(timelineProps) }

// The chain of command: a "superior" statement of an entity names its
// superior, a "subordinate" one its subordinate (not in FtM, nor yet in the
// vocabulary).
const (
	propSuperior    = "superior"
	propSubordinate = "subordinate"
)

// FactOrder is the order of a case file's facts after the names.
var FactOrder = []model.Property{model.PropTitle, model.PropPosition, model.PropBirthPlace, model.PropBirthDate,
	model.PropNationality, model.PropDeathDate, model.PropGazetteer}

// notFacts are shown as names (name, alias, weakAlias) or as the chain of
// command (superior, subordinate), not as facts.
var notFacts = map[model.Property]bool{model.PropName: true, model.PropAlias: true, model.PropWeakAlias: true,
	propSuperior: true, propSubordinate: true}

// Read reads entity e's case file; ok is false when the viewer may see
// nothing of it. e must be the entity that stands (not merged away).
func (rd *Reader) Read(e model.Entity, o Options) (*File, bool, error) {
	f := &File{}
	n := newNotes(rd, o.Bounded)
	var err error
	if f.Ref, err = rd.Ref(e.ID); err != nil {
		return f, false, err
	}
	if f.Merged, err = rd.st.MergedInto(rd.ctx, e.ID); err != nil {
		return f, false, err
	}
	ids := append([]string{e.ID}, f.Merged...)
	own := map[string]bool{}
	for _, id := range ids {
		own[id] = true
	}
	if o, err = rd.hubOptions(e, ids, o); err != nil {
		return f, false, err
	}
	n.bounded = o.Bounded
	srcs, sts, stated, err := f.readOwn(n, e, ids, o)
	if err != nil {
		return f, false, err
	}
	refs, eventsTotal, err := rd.referencing(e, ids, o)
	if err != nil {
		return f, false, err
	}
	var page []string
	if hubPaged(e, o) {
		if page, f.TimelineNext, err = rd.timelinePage(ids, o.EventsBefore, cmp.Or(o.EventsLimit, BoundedEvents)); err != nil {
			return f, false, err
		}
	}
	if !stated && len(refs) == 0 && len(srcs) == 0 && len(page) == 0 && eventsTotal == 0 {
		return f, false, nil
	}
	if e.Type == model.TypeEvent {
		ev, ok, err := n.event(e.ID, own)
		if err != nil {
			return f, false, err
		}
		if ok {
			f.Event, f.Events = &ev, []Event{ev}
		}
	} else {
		if err := f.names(n, sts); err != nil {
			return f, false, err
		}
		if f.Facts, err = n.facts(sts, FactOrder, notFacts); err != nil {
			return f, false, err
		}
		if err := f.timeline(n, e, own, refs, page, eventsTotal, o); err != nil {
			return f, false, err
		}
		if err := f.chain(rd, n, sts, refs); err != nil {
			return f, false, err
		}
	}
	f.Sources = srcs
	f.Notes = n.list
	f.Shown = append(append(f.Shown, srcs...), n.shown...)
	return f, true, nil
}

// hubOptions decides how a case file reads an entity that may be a hub:
// BoundHubs reads a hub bounded, and a bounded person in more than
// WholeEvents events has its timeline paged. The counts read at most
// WholeEvents+1 and WholeStatements+1 index entries.
func (rd *Reader) hubOptions(e model.Entity, ids []string, o Options) (Options, error) {
	if e.Type == model.TypeEvent || o.PagedTimeline || !o.BoundHubs && !(o.Bounded && e.Type == model.TypePerson) {
		return o, nil
	}
	n, err := rd.st.CountReferencing(rd.ctx, rd.v, ids, timelineProps, WholeEvents+1)
	if err != nil {
		return o, err
	}
	hub := n > WholeEvents
	if o.BoundHubs && !o.Bounded && !hub {
		own, err := rd.st.CountOwnStatements(rd.ctx, ids, WholeStatements+1)
		if err != nil {
			return o, err
		}
		hub = own > WholeStatements
	}
	if hub {
		o.Bounded = true
	}
	o.hubPerson = o.Bounded && e.Type == model.TypePerson && n > WholeEvents
	return o, nil
}

// readOwn reads the sources mentioning the entity and its own statements
// (when bounded, from the kept totals and a few statements per value);
// stated reports whether the viewer may see some statement of it.
func (f *File) readOwn(n *notes, e model.Entity, ids []string, o Options) (srcs []model.Source, sts []model.Statement, stated bool, err error) {
	rd := n.rd
	if o.Bounded {
		var total int
		if srcs, total, err = rd.st.RecentSourcesMentioning(rd.ctx, rd.v, ids, BoundedSources); err != nil {
			return
		}
		if total > len(srcs) {
			f.SourcesTotal = total
		}
		// The totals kept of each value, and a few statements of each
		// footnoted, however many sources name the entity.
		if sts, err = n.totalled(ids); err != nil {
			return
		}
		for _, c := range n.totals {
			f.Rejected += c.Rejected
			f.Proposed += c.Proposed
		}
		return srcs, sts, len(n.totals) > 0, nil
	}
	if srcs, err = rd.st.SourcesMentioning(rd.ctx, rd.v, e.ID); err != nil {
		return
	}
	for _, id := range ids {
		var own []model.Statement
		if own, err = rd.Statements(id); err != nil {
			return
		}
		sts = append(sts, own...)
	}
	f.Rejected = rejectedCount(sts)
	for _, st := range sts {
		if st.Status == model.StatusProposed {
			f.Proposed++
		}
	}
	return srcs, sts, len(sts) > 0, nil
}

// referencing reads the statements of other entities that link to this
// one (events naming it, the chain of command): when bounded, a facility's,
// place's or organization's latest, with how many events there are in all.
// A person's are read whole, with the rejected parts too, so that an event
// a reviewer rejected is said to be rejected rather than left out.
func (rd *Reader) referencing(e model.Entity, ids []string, o Options) ([]model.Statement, int, error) {
	if hubPaged(e, o) {
		// The timeline's events come a page at a time (timelinePage);
		// here only the chain of command.
		refs, err := rd.st.LatestReferencing(rd.ctx, rd.v, ids, slices.Clone(chainProps), 4*BoundedEvents)
		if err != nil {
			return nil, 0, err
		}
		refs = rd.keep(refs)
		total, err := rd.st.CountReferencing(rd.ctx, rd.v, ids, timelineProps, EventsCounted+1)
		return refs, total, err
	}
	refs, err := rd.st.Referencing(rd.ctx, rd.v, e.ID)
	refs = rd.keep(refs)
	if err != nil || e.Type == model.TypeEvent {
		return refs, 0, err
	}
	rejected, err := rd.st.RejectedReferencing(rd.ctx, rd.v, ids, timelineProps)
	return append(refs, rd.keep(rejected)...), 0, err
}

// hubPaged reports whether the case file lists the entity's timeline a
// page at a time: a bounded one of a facility, place or organization. A
// person's stays whole (its case status is derived from all of it); an
// event has none.
func hubPaged(e model.Entity, o Options) bool {
	return e.Type != model.TypeEvent && (o.PagedTimeline || o.Bounded && (e.Type != model.TypePerson || o.hubPerson))
}

// timelinePage reads one page of the events that name one of ids through
// the timeline's properties, newest first, starting after before (nil:
// the latest), with where the next page starts when one follows.
func (rd *Reader) timelinePage(ids []string, before *store.EventKey, limit int) ([]string, *store.EventKey, error) {
	page, more, err := rd.st.TimelinePage(rd.ctx, rd.v, ids, slices.Clone(timelineProps), before, limit)
	if err != nil {
		return nil, nil, err
	}
	out := make([]string, 0, len(page))
	for _, te := range page {
		out = append(out, te.EventID)
	}
	var next *store.EventKey
	if more {
		next = &page[len(page)-1].Key
	}
	return out, next, nil
}

// names splits name and alias claims by script, and epithets apart.
func (f *File) names(n *notes, sts []model.Statement) error {
	var nameSts, epithets []model.Statement
	for _, st := range sts {
		switch st.Property {
		case model.PropName, model.PropAlias:
			nameSts = append(nameSts, st)
		case model.PropWeakAlias:
			epithets = append(epithets, st)
		}
	}
	cs, err := n.claims(nameSts)
	if err != nil {
		return err
	}
	f.NamesLatin, f.NamesArabic = byScript(cs)
	f.Epithets, err = n.claims(epithets)
	return err
}

// timeline reads the events that name the entity: a person's (as
// participant), a facility's or place's (as location), an organization's
// (as organizer or participant); a person's case status and fate; and what
// is tied to it through them.
func (f *File) timeline(n *notes, e model.Entity, own map[string]bool, refs []model.Statement, page []string, total int, o Options) error {
	ids := eventIDs(refs)
	if hubPaged(e, o) {
		// A page of a prison's or a city's events (total counts them all,
		// up to EventsCounted); a person's timeline stays whole, since the
		// case status is derived from all of it.
		ids = page
		if total > len(ids) {
			f.TimelineTotal = total
		}
		if total > EventsCounted {
			f.TimelineTotal, f.TimelineMore = EventsCounted, true
		}
	}
	evs, err := n.events(ids, own)
	if err != nil {
		return err
	}
	f.Events = evs
	if f.Timeline, err = n.rows(evs); err != nil {
		return err
	}
	for _, ev := range evs {
		if ev.Status == model.StatusRejected {
			f.RejectedEvents = append(f.RejectedEvents, ev)
		}
	}
	if e.Type == model.TypePerson && !o.PagedTimeline {
		// A hub's dates that sources disagree on are those of the page.
		f.Disagreements = disagreements(f.Timeline)
		status := evs
		if o.hubPerson {
			if status, f.StatusPartial, err = n.statusEvents(append([]string{e.ID}, f.Merged...), own); err != nil {
				return err
			}
		}
		if f.Case, f.Fate, err = n.readStatus(status); err != nil {
			return err
		}
	}
	return f.ties(n.rd, e, f.Timeline)
}

// eventIDs are the events that refs show the entity taking part in, each
// once, in the order of refs.
func eventIDs(refs []model.Statement) []string {
	var ids []string
	seen := map[string]bool{}
	for _, st := range refs {
		if !partProps[st.Property] || seen[st.EntityID] {
			continue
		}
		seen[st.EntityID] = true
		ids = append(ids, st.EntityID)
	}
	return ids
}

// ties collects the persons, places and organizations of the events: for a
// perpetrator, the victims; for a victim, the perpetrators; the rest with
// their roles.
func (f *File) ties(rd *Reader, e model.Entity, evs []Event) error {
	victims, perps, others := map[string]*Linked{}, map[string]*Linked{}, map[string]*Linked{}
	var vOrder, pOrder, oOrder []string
	add := func(m map[string]*Linked, order *[]string, r Ref, role model.ParticipantRole) {
		l := m[r.ID]
		if l == nil {
			l = &Linked{Ref: r}
			m[r.ID] = l
			*order = append(*order, r.ID)
		}
		if role != "" && !slices.Contains(l.Roles, role) {
			l.Roles = append(l.Roles, role)
		}
	}
	seenPlace, seenOrg := map[string]bool{}, map[string]bool{}
	for _, ev := range evs {
		for _, c := range ev.Location {
			if c.Ref != nil && !seenPlace[c.Ref.ID] && c.Ref.ID != e.ID {
				seenPlace[c.Ref.ID] = true
				f.Places = append(f.Places, *c.Ref)
			}
		}
		for _, o := range ev.Organizers {
			if o.Ref != nil && !seenOrg[o.Ref.ID] && o.Ref.ID != e.ID {
				seenOrg[o.Ref.ID] = true
				f.Organizations = append(f.Organizations, *o.Ref)
			}
		}
		for _, pt := range ev.Participants {
			if pt.Ref == nil {
				continue
			}
			c, err := rd.Canonical(pt.Ref.ID)
			if err != nil {
				return err
			}
			if c == e.ID {
				continue
			}
			r := *pt.Ref
			if c != r.ID {
				if r, err = rd.Ref(c); err != nil {
					return err
				}
			}
			switch {
			case e.Type == model.TypePerson && ev.Role == model.Perpetrator && pt.Role == model.Victim,
				e.Type != model.TypePerson && pt.Role == model.Victim:
				add(victims, &vOrder, r, pt.Role)
			case e.Type == model.TypePerson && ev.Role == model.Victim && pt.Role == model.Perpetrator,
				e.Type != model.TypePerson && (pt.Role == model.Perpetrator || pt.Role == model.Agent):
				add(perps, &pOrder, r, pt.Role)
			default:
				add(others, &oOrder, r, pt.Role)
			}
		}
	}
	for _, id := range vOrder {
		f.Victims = append(f.Victims, *victims[id])
	}
	for _, id := range pOrder {
		f.Perpetrators = append(f.Perpetrators, *perps[id])
	}
	for _, id := range oOrder {
		f.Linked = append(f.Linked, *others[id])
	}
	return nil
}

// chain reads superiors and subordinates where sources name them: a
// "superior" statement of this entity names its superior; one of another
// entity naming this one makes that one a subordinate ("subordinate"
// statements the other way round).
func (f *File) chain(rd *Reader, n *notes, sts, refs []model.Statement) error {
	var sup []model.Statement
	for _, st := range sts {
		if st.Property == propSuperior {
			sup = append(sup, st)
		}
	}
	seen := map[string]bool{}
	for _, st := range refs {
		if st.Status == model.StatusRejected {
			continue
		}
		if st.Property == propSubordinate {
			// X names this entity as its subordinate: X is a superior.
			sup = append(sup, model.Statement{ID: st.ID, EntityID: st.ValueEntity, Property: propSuperior,
				ValueEntity: st.EntityID, SourceID: st.SourceID, Span: st.Span, Status: st.Status,
				Sensitivity: st.Sensitivity, Modality: st.Modality})
		}
		if st.Property == propSuperior && !seen[st.EntityID] {
			seen[st.EntityID] = true
			r, err := rd.Ref(st.EntityID)
			if err != nil {
				return err
			}
			f.Subordinates = append(f.Subordinates, Linked{Ref: r})
		}
	}
	for _, st := range sts {
		if st.Property == propSubordinate && st.ValueEntity != "" && !seen[st.ValueEntity] && st.Status != model.StatusRejected {
			seen[st.ValueEntity] = true
			r, err := rd.Ref(st.ValueEntity)
			if err != nil {
				return err
			}
			f.Subordinates = append(f.Subordinates, Linked{Ref: r})
		}
	}
	var err error
	f.Superiors, err = n.claims(sup)
	return err
}

// Names are the names and aliases the viewer may see, in every script,
// strongest first (a confirmed one before a proposed one, then the one more
// independent sources give), then the epithets.
func (f *File) Names() []string {
	cs := append(append([]Claim{}, f.NamesLatin...), f.NamesArabic...)
	slices.SortStableFunc(cs, func(a, b Claim) int { return rank(b) - rank(a) })
	out := []string{}
	for _, c := range append(cs, f.Epithets...) {
		if c.Value != "" && !slices.Contains(out, c.Value) {
			out = append(out, c.Value)
		}
	}
	return out
}

// Strongest is the name to head a record with: a confirmed one before a
// proposed one, then the one most independent sources give.
func Strongest(cs []Claim) string {
	best := -1
	for i, c := range cs {
		if best < 0 || rank(c) > rank(cs[best]) {
			best = i
		}
	}
	if best < 0 {
		return ""
	}
	return cs[best].Value
}

func rank(c Claim) int {
	r := c.Independent
	if c.Status == model.StatusConfirmed {
		r += 1000
	}
	return r
}

// Statements are the statements the case file shows (its claims' and its
// events'), for the access log: what is restricted among them is recorded
// as shown.
func (f *File) Statements() []model.Statement {
	var out []model.Statement
	claims := func(cs []Claim) {
		for _, c := range cs {
			out = append(out, c.Statements...)
		}
	}
	facts := func(fs []Fact) {
		for _, fa := range fs {
			claims(fa.Claims)
		}
	}
	claims(f.NamesLatin)
	claims(f.NamesArabic)
	claims(f.Epithets)
	claims(f.Superiors)
	facts(f.Facts)
	for _, ev := range f.Events {
		out = append(out, ev.Statements...)
		out = append(out, ev.Part...)
		claims(ev.Location)
		facts(ev.Other)
	}
	return out
}
