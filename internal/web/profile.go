package web

import (
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// entityPage is everything an entity's page shows, read as the viewer.
type entityPage struct {
	Ref           entityRef
	Merged        []string // entities merged into this one whose statements the page includes
	NamesLatin    []claim
	NamesArabic   []claim
	Epithets      []claim
	Facts         []fact
	Rejected      int // rejected statements, not shown
	Timeline      []eventView
	Disagreements []dateDisagreement
	Case          caseStatus
	Fate          victimFate
	Victims       []linked
	Perpetrators  []linked
	Linked        []linked
	Superiors     []claim
	Subordinates  []linked
	Places        []entityRef // facilities and places of its events
	Organizations []entityRef // organizers of its events
	Candidates    []candidate
	Event         *eventView // on an event's own page
	Sources       []sourceRow
	Notes         []note
	Proposed      int // statements of it awaiting review
	// On a brief page: how many sources mention it and how many events
	// its timeline has in all, when more than the page lists.
	SourcesTotal, TimelineTotal int
	TimelineMore                bool // more events than TimelineTotal, which a page does not count past
	shown                       []model.Source
}

// What a brief page lists at most of one entity.
const (
	briefSources       = 50   // the newest sources mentioning it
	briefEvents        = 50   // the latest events of its timeline (the timeline view has them all)
	briefEventsCounted = 1000 // events counted at most; past that a page says "more than"
	briefNotesPerClaim = 8    // footnotes of one claim (its count of independent sources stays whole)
)

// linked is another entity tied to this one through events.
type linked struct {
	Ref   entityRef
	Roles []string // its roles in the shared events
}

// candidate is an open merge proposal naming this entity.
type candidate struct {
	Proposal string
	Other    entityRef
	Score    float64
}

// The properties by which statements of other entities tie them to an
// entity's timeline (events at a place, organized by an organization, with
// a person involved), and to its chain of command.
var (
	timelineProps = []string{"involved", "location", "organizer"}
	chainProps    = []string{"subordinate", "superior"}
)

// factOrder is the order of a profile's lines after the names.
var factOrder = []string{"title", "position", "birthPlace", "birthDate", "nationality", "deathDate", "gazetteer"}

// nameProps are shown as names, not facts; superior and subordinate as the
// chain of command; event properties on events.
var notFacts = map[string]bool{"name": true, "alias": true, "weakAlias": true, "superior": true, "subordinate": true}

// loadEntity reads an entity's page. ok is false when the viewer may see
// nothing of it.
func (rd *reader) loadEntity(e model.Entity) (entityPage, bool, error) {
	p := entityPage{}
	n := newNotes(rd)
	var err error
	if p.Ref, err = rd.ref(e.ID); err != nil {
		return p, false, err
	}
	if p.Merged, err = rd.st.MergedInto(rd.ctx, e.ID); err != nil {
		return p, false, err
	}
	ids := append([]string{e.ID}, p.Merged...)
	var srcs []model.Source
	if rd.brief {
		var total int
		if srcs, total, err = rd.st.RecentSourcesMentioning(rd.ctx, rd.v, ids, briefSources); err != nil {
			return p, false, err
		}
		if total > len(srcs) {
			p.SourcesTotal = total
		}
	} else if srcs, err = rd.st.SourcesMentioning(rd.ctx, rd.v, e.ID); err != nil {
		return p, false, err
	}
	var sts []model.Statement
	stated := false // the viewer may see some statement of it, rejected or not
	if rd.brief {
		// A page reads the totals kept of each value and footnotes a few
		// statements of each, however many sources name the entity.
		if sts, err = n.totalled(ids); err != nil {
			return p, false, err
		}
		for _, c := range n.totals {
			p.Rejected += c.Rejected
			p.Proposed += c.Proposed
		}
		stated = len(n.totals) > 0
	} else {
		for _, id := range ids {
			own, err := rd.statements(id)
			if err != nil {
				return p, false, err
			}
			sts = append(sts, own...)
		}
		p.Rejected = rejectedCount(sts)
		for _, st := range sts {
			if st.Status == model.StatusProposed {
				p.Proposed++
			}
		}
		stated = len(sts) > 0
	}
	var refs []model.Statement
	eventsTotal := 0
	if rd.brief && e.Type != model.TypePerson && e.Type != model.TypeEvent {
		// A prison's or a city's latest events and its chain of command,
		// with how many events there are in all.
		if refs, err = rd.st.LatestReferencing(rd.ctx, rd.v, ids, append(timelineProps, chainProps...), 4*briefEvents); err != nil {
			return p, false, err
		}
		if eventsTotal, err = rd.st.CountReferencing(rd.ctx, rd.v, ids, timelineProps, briefEventsCounted+1); err != nil {
			return p, false, err
		}
		if eventsTotal > briefEventsCounted {
			eventsTotal, p.TimelineMore = briefEventsCounted, true
		}
	} else if refs, err = rd.st.Referencing(rd.ctx, rd.v, e.ID); err != nil {
		return p, false, err
	}
	if !stated && len(refs) == 0 && len(srcs) == 0 {
		return p, false, nil
	}
	if e.Type == model.TypeEvent {
		ev, ok, err := n.event(e.ID)
		if err != nil {
			return p, false, err
		}
		if ok {
			p.Event = &ev
		}
	} else {
		if err := p.names(n, sts); err != nil {
			return p, false, err
		}
		if p.Facts, err = n.facts(sts, factOrder, notFacts); err != nil {
			return p, false, err
		}
		if err := p.timeline(rd, n, e, refs, eventsTotal); err != nil {
			return p, false, err
		}
		if err := p.chain(rd, n, sts, refs); err != nil {
			return p, false, err
		}
		if p.Candidates, err = rd.candidates(append([]string{e.ID}, p.Merged...)); err != nil {
			return p, false, err
		}
	}
	p.Sources = rows(srcs)
	p.Notes = n.List
	p.shown = append(append(p.shown, srcs...), n.shown...)
	return p, true, nil
}

// names splits name and alias claims by script, and epithets apart.
func (p *entityPage) names(n *notes, sts []model.Statement) error {
	var nameSts, epithets []model.Statement
	for _, st := range sts {
		switch st.Property {
		case "name", "alias":
			nameSts = append(nameSts, st)
		case "weakAlias":
			epithets = append(epithets, st)
		}
	}
	cs, err := n.claims(nameSts)
	if err != nil {
		return err
	}
	p.NamesLatin, p.NamesArabic = byScript(cs)
	p.Epithets, err = n.claims(epithets)
	return err
}

// timeline reads the events that reference the entity: a person's (as
// participant), a facility's or place's (as location), an organization's
// (as organizer or participant), and what is tied to it through them.
func (p *entityPage) timeline(rd *reader, n *notes, e model.Entity, refs []model.Statement, total int) error {
	roles := map[string]string{}
	var ids []string
	for _, st := range refs {
		switch st.Property {
		case "involved", "location", "organizer":
		default:
			continue
		}
		if _, dup := roles[st.EntityID]; dup {
			continue
		}
		roles[st.EntityID] = string(st.Role)
		if st.Property != "involved" {
			roles[st.EntityID] = ""
		}
		ids = append(ids, st.EntityID)
	}
	if rd.brief && e.Type != model.TypePerson {
		// A prison's or a city's latest events (total counts them all,
		// when refs are only the latest); a person's timeline stays whole,
		// since the case status is derived from all of it.
		total = max(total, len(ids))
		if len(ids) > briefEvents {
			ids = ids[len(ids)-briefEvents:]
		}
		if total > len(ids) {
			p.TimelineTotal = total
		}
	}
	evs, err := n.events(ids, roles)
	if err != nil {
		return err
	}
	p.Timeline = evs
	if e.Type == model.TypePerson {
		p.Disagreements = disagreements(evs)
		p.Case = deriveCase(evs)
		p.Fate = deriveFate(evs)
	}
	return p.ties(rd, e, evs)
}

// ties collects the persons, places and organizations of the events: for a
// perpetrator, the victims; for a victim, the perpetrators; the rest with
// their roles.
func (p *entityPage) ties(rd *reader, e model.Entity, evs []eventView) error {
	victims, perps, others := map[string]*linked{}, map[string]*linked{}, map[string]*linked{}
	var vOrder, pOrder, oOrder []string
	add := func(m map[string]*linked, order *[]string, r entityRef, role string) {
		l := m[r.ID]
		if l == nil {
			l = &linked{Ref: r}
			m[r.ID] = l
			*order = append(*order, r.ID)
		}
		if role != "" && !containsString(l.Roles, role) {
			l.Roles = append(l.Roles, role)
		}
	}
	seenPlace, seenOrg := map[string]bool{}, map[string]bool{}
	for _, ev := range evs {
		for _, c := range ev.Location {
			if c.Ref != nil && !seenPlace[c.Ref.ID] && c.Ref.ID != e.ID {
				seenPlace[c.Ref.ID] = true
				p.Places = append(p.Places, *c.Ref)
			}
		}
		for _, o := range ev.Organizers {
			if o.Ref != nil && !seenOrg[o.Ref.ID] && o.Ref.ID != e.ID {
				seenOrg[o.Ref.ID] = true
				p.Organizations = append(p.Organizations, *o.Ref)
			}
		}
		for _, pt := range ev.Participants {
			if pt.Ref == nil {
				continue
			}
			c, err := rd.canonical(pt.Ref.ID)
			if err != nil {
				return err
			}
			if c == e.ID {
				continue
			}
			r := *pt.Ref
			if c != r.ID {
				if r, err = rd.ref(c); err != nil {
					return err
				}
			}
			switch {
			case e.Type == model.TypePerson && ev.Role == "perpetrator" && pt.Role == "victim",
				e.Type != model.TypePerson && pt.Role == "victim":
				add(victims, &vOrder, r, pt.Role)
			case e.Type == model.TypePerson && ev.Role == "victim" && pt.Role == "perpetrator",
				e.Type != model.TypePerson && (pt.Role == "perpetrator" || pt.Role == "agent"):
				add(perps, &pOrder, r, pt.Role)
			default:
				add(others, &oOrder, r, pt.Role)
			}
		}
	}
	for _, id := range vOrder {
		p.Victims = append(p.Victims, *victims[id])
	}
	for _, id := range pOrder {
		p.Perpetrators = append(p.Perpetrators, *perps[id])
	}
	for _, id := range oOrder {
		p.Linked = append(p.Linked, *others[id])
	}
	return nil
}

// chain reads superiors and subordinates where sources name them: a
// "superior" statement of this entity names its superior; one of another
// entity naming this one makes that one a subordinate ("subordinate"
// statements the other way round).
func (p *entityPage) chain(rd *reader, n *notes, sts, refs []model.Statement) error {
	var sup []model.Statement
	for _, st := range sts {
		if st.Property == "superior" {
			sup = append(sup, st)
		}
	}
	seen := map[string]bool{}
	for _, st := range refs {
		if st.Property == "subordinate" {
			// X names this entity as its subordinate: X is a superior.
			sup = append(sup, model.Statement{ID: st.ID, EntityID: st.ValueEntity, Property: "superior",
				ValueEntity: st.EntityID, SourceID: st.SourceID, Span: st.Span, Status: st.Status,
				Sensitivity: st.Sensitivity, Modality: st.Modality})
		}
		if st.Property == "superior" && !seen[st.EntityID] {
			seen[st.EntityID] = true
			r, err := rd.ref(st.EntityID)
			if err != nil {
				return err
			}
			p.Subordinates = append(p.Subordinates, linked{Ref: r})
		}
	}
	for _, st := range sts {
		if st.Property == "subordinate" && st.ValueEntity != "" && !seen[st.ValueEntity] {
			seen[st.ValueEntity] = true
			r, err := rd.ref(st.ValueEntity)
			if err != nil {
				return err
			}
			p.Subordinates = append(p.Subordinates, linked{Ref: r})
		}
	}
	var err error
	p.Superiors, err = n.claims(sup)
	return err
}

// candidates lists the open merge proposals naming one of ids, with the
// other entity as far as the viewer may see it (a proposal whose other side
// the viewer may see nothing of is left out).
func (rd *reader) candidates(ids []string) ([]candidate, error) {
	props, err := rd.st.MergeProposalsOf(rd.ctx, "open", ids)
	if err != nil {
		return nil, err
	}
	var out []candidate
	for _, pr := range props {
		other := ""
		switch {
		case containsString(ids, pr.EntityA):
			other = pr.EntityB
		case containsString(ids, pr.EntityB):
			other = pr.EntityA
		default:
			continue
		}
		r, err := rd.ref(other)
		if err != nil {
			return nil, err
		}
		if r.Caption == "" {
			continue
		}
		score := pr.Score
		if !rd.fullView() {
			// the stored score may rest on names the viewer may not see
			mine, err := rd.namesOf(ids)
			if err != nil {
				return nil, err
			}
			theirs, err := rd.visibleNames(other)
			if err != nil {
				return nil, err
			}
			score, _ = compareOver(mine, theirs)
		}
		out = append(out, candidate{Proposal: pr.ID, Other: r, Score: score})
	}
	return out, nil
}

// namesOf lists the visible names of several entities.
func (rd *reader) namesOf(ids []string) ([]string, error) {
	var out []string
	for _, id := range ids {
		ns, err := rd.visibleNames(id)
		if err != nil {
			return nil, err
		}
		out = append(out, ns...)
	}
	return out, nil
}

// entityList is the entities of a type the viewer may see something of.
func (rd *reader) entityList(typ model.EntityType) ([]store.EntityNames, error) {
	return rd.st.Entities(rd.ctx, rd.v, typ)
}
