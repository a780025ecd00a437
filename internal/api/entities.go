package api

import (
	"context"
	"errors"
	"strings"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/casefile"
	"github.com/athar-project/athar/internal/model"
)

type entitiesListIn struct {
	Paging
	Type string `query:"type" enum:"person,organization,facility,place,event" doc:"Only entities of this type."`
}

type entityPageOut struct {
	Items      []EntityOut `json:"items"`
	NextCursor *string     `json:"next_cursor" doc:"Pass as cursor for the next page; null on the last page."`
}

type entitiesListOut struct{ Body entityPageOut }

// entitiesList is one page, in id order, of the entities the caller may see
// something of, each with the names the caller may see. Merged entities are
// listed under the entity they were merged into.
func (s *Server) entitiesList(ctx context.Context, in *entitiesListIn) (*entitiesListOut, error) {
	ents, more, err := s.entityPage(ctx, in.Paging, in.Type, "entities")
	if err != nil {
		return nil, err
	}
	out := &entitiesListOut{Body: entityPageOut{Items: make([]EntityOut, 0, len(ents))}}
	for _, e := range ents {
		out.Body.Items = append(out.Body.Items, toEntity(e))
	}
	if more {
		out.Body.NextCursor = nextCursor("entities", ents[len(ents)-1].ID)
	}
	return out, nil
}

// entityPage reads one page of entities of a type ("" any) for a list
// whose cursors are of the given kind.
func (s *Server) entityPage(ctx context.Context, p Paging, typ, kind string) ([]app.EntityNames, bool, error) {
	limit, err := p.Limit.value()
	if err != nil {
		return nil, false, err
	}
	var t model.EntityType
	if typ != "" {
		if t, err = model.ParseEntityType(typ); err != nil {
			return nil, false, badParam("query.type", err.Error(), typ)
		}
	}
	after := ""
	if p.Cursor != "" {
		parts, ok := decodeCursor(p.Cursor, kind, 1)
		if !ok {
			return nil, false, badCursor()
		}
		after = parts[0]
	}
	ents, err := s.store.EntitiesPage(ctx, callerOf(ctx).viewer, t, after, limit+1)
	if err != nil {
		return nil, false, s.internal(ctx, "list entities", err)
	}
	more := len(ents) > limit
	if more {
		ents = ents[:limit]
	}
	return ents, more, nil
}

type entityShowOut struct{ Body entityDetailOut }

// entityStatementsShown is how many statements one entity's answer holds
// at most; the rest are paged by GET /entities/{id}/statements.
const entityStatementsShown = maxLimit

// entityShow is one entity: its names, the statements the caller may see
// grouped by property (the first entityStatementsShown, with a cursor for
// the rest), the events it takes part in with their review state (a
// facility's, place's or organization's latest page, with a cursor for
// the earlier ones), a person's case status and fate (from the case file),
// and for an event its participants. An id merged into another answers
// with the entity it was merged into (whose id then differs from the one
// asked for). However many sources name it, it reads a bounded amount.
func (s *Server) entityShow(ctx context.Context, in *idIn) (*entityShowOut, error) {
	v := callerOf(ctx).viewer
	rd := s.app.Cases().Reader(ctx, v)
	f, err := rd.ReadID(in.ID, casefile.Options{Bounded: true})
	if errors.Is(err, casefile.ErrNotFound) {
		return nil, notFound("entity")
	}
	if err != nil {
		return nil, s.internal(ctx, "read case file", err)
	}
	ids := append([]string{f.Ref.ID}, f.Merged...)
	sts, err := s.store.StatementPageFor(ctx, v, app.StatementFilter{EntityIDs: ids, Limit: entityStatementsShown + 1})
	if err != nil {
		return nil, s.internal(ctx, "read statements", err)
	}
	doc := f.Doc()
	d := entityDetailOut{EntityOut: EntityOut{ID: f.Ref.ID, Type: string(f.Ref.Type), Names: names(sts)},
		MergedFrom: append([]string{}, f.Merged...), Statements: map[string][]statementOut{}, Events: []eventRefOut{},
		Status: doc.Status, Fate: doc.Fate}
	if len(sts) > entityStatementsShown {
		sts = sts[:entityStatementsShown]
		d.StatementsNextCursor = nextCursor("statements", sts[len(sts)-1].ID)
		// Not every statement is here: the names come from the totals
		// kept of each, as the case file reads them.
		d.Names = f.Names()
	}
	for _, st := range sts {
		d.Statements[string(st.Property)] = append(d.Statements[string(st.Property)], toStatement(st))
	}
	var parts []model.Statement
	if f.Ref.Type != model.TypeEvent {
		d.Events, parts = eventRefs(f.Events)
		if f.TimelineNext != nil {
			d.EventsNextCursor = eventsCursor(*f.TimelineNext)
		}
	}
	if f.Ref.Type == model.TypeEvent {
		ev, err := s.event(ctx, v, f.Ref.ID, sts)
		if err != nil {
			return nil, err
		}
		d.Event = &ev
	}
	if err := s.record(ctx, "api-view", nil, append(sts, parts...)); err != nil {
		return nil, err
	}
	return &entityShowOut{Body: d}, nil
}

// eventRefs are the entity's parts in evs, and the statements they rest on.
func eventRefs(evs []casefile.Event) ([]eventRefOut, []model.Statement) {
	out := []eventRefOut{}
	var parts []model.Statement
	for _, ev := range evs {
		for _, p := range ev.Part {
			out = append(out, eventRefOut{EventID: ev.ID, EventType: string(ev.Type), Date: dateString(ev.Date),
				Property: string(p.Property), Role: string(p.Role), StatementID: p.ID, Review: string(ev.Status)})
			parts = append(parts, p)
		}
	}
	return out, parts
}

// An entity's events are paged by the place in its timeline where the
// next page starts. The date is empty for an undated event, and a cursor's
// parts may not be: it travels with a prefix.
const eventsCursorKind = "entity-events"

func eventsCursor(k casefile.TimelineKey) *string {
	return nextCursor(eventsCursorKind, "d"+k.Date, k.Created, k.ID)
}

type entityEventsIn struct {
	ID string `path:"id" maxLength:"200"`
	Paging
}

type eventRefPageOut struct {
	Items      []eventRefOut `json:"items"`
	NextCursor *string       `json:"next_cursor" doc:"Pass as cursor for the next page; null on the last page."`
}

type entityEventsOut struct{ Body eventRefPageOut }

// entityEvents is one page of the events an entity takes part in (as
// participant, organizer or location) that the caller may see and that are
// not rejected, newest first: the whole timeline of a prison that
// thousands of sources name, a page at a time.
func (s *Server) entityEvents(ctx context.Context, in *entityEventsIn) (*entityEventsOut, error) {
	limit, err := in.Limit.value()
	if err != nil {
		return nil, err
	}
	o := casefile.Options{Bounded: true, PagedTimeline: true, EventsLimit: limit}
	if in.Cursor != "" {
		parts, ok := decodeCursor(in.Cursor, eventsCursorKind, 3)
		if !ok || !strings.HasPrefix(parts[0], "d") {
			return nil, badCursor()
		}
		o.EventsBefore = &casefile.TimelineKey{Date: parts[0][1:], Created: parts[1], ID: parts[2]}
	}
	f, err := s.app.Cases().Reader(ctx, callerOf(ctx).viewer).ReadID(in.ID, o)
	if errors.Is(err, casefile.ErrNotFound) {
		return nil, notFound("entity")
	}
	if err != nil {
		return nil, s.internal(ctx, "read case file", err)
	}
	out := &entityEventsOut{Body: eventRefPageOut{Items: []eventRefOut{}}}
	if f.Ref.Type == model.TypeEvent {
		return out, nil
	}
	var parts []model.Statement
	out.Body.Items, parts = eventRefs(f.Events)
	if f.TimelineNext != nil {
		out.Body.NextCursor = eventsCursor(*f.TimelineNext)
	}
	if err := s.record(ctx, "api-list", nil, parts); err != nil {
		return nil, err
	}
	return out, nil
}

type entityCaseOut struct{ Body casefile.Doc }

// entityCase is the case file of the entity that stands for id, as the
// caller may see it: the object `athar case ID --json` prints. A hub's (an
// entity in more than casefile.WholeEvents events) is read bounded: its
// latest events, with a cursor for GET /entities/{id}/events, and a
// person's case status from the events that bear on it alone.
func (s *Server) entityCase(ctx context.Context, in *idIn) (*entityCaseOut, error) {
	v := callerOf(ctx).viewer
	f, err := s.app.Cases().Read(ctx, v, in.ID, casefile.Options{BoundHubs: true})
	if errors.Is(err, casefile.ErrNotFound) {
		return nil, notFound("entity")
	}
	if err != nil {
		return nil, s.internal(ctx, "read case file", err)
	}
	if err := s.record(ctx, "api-view", f.Shown, f.Statements()); err != nil {
		return nil, err
	}
	doc := f.Doc()
	if f.TimelineNext != nil {
		doc.EventsNextCursor = eventsCursor(*f.TimelineNext)
	}
	return &entityCaseOut{Body: doc}, nil
}

func dateString(d model.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

// visibleEntity finds the entity that stands for id (following merges) and
// the ids whose statements are its own: itself and those merged into it.
func (s *Server) visibleEntity(ctx context.Context, v access.Viewer, id string) (model.Entity, []string, error) {
	canonical, err := s.store.Canonical(ctx, id)
	if err != nil {
		return model.Entity{}, nil, s.orNotFound(ctx, err, "entity")
	}
	e, err := s.store.Entity(ctx, canonical)
	if err != nil {
		return model.Entity{}, nil, s.orNotFound(ctx, err, "entity")
	}
	ids := []string{e.ID}
	for i := 0; i < len(ids) && i < 1000; i++ {
		merged, err := s.store.MergedFrom(ctx, ids[i])
		if err != nil {
			return model.Entity{}, nil, s.internal(ctx, "read merges", err)
		}
		ids = append(ids, merged...)
	}
	return e, ids, nil
}

// names are the names and aliases among statements that were not
// rejected, strongest property first, each once.
func names(sts []model.Statement) []string {
	out := []string{}
	seen := map[string]bool{}
	for _, p := range app.NameProperties {
		for _, st := range sts {
			if st.Property == p && st.Status != model.StatusRejected && st.Value != "" && !seen[st.Value] {
				seen[st.Value] = true
				out = append(out, st.Value)
			}
		}
	}
	return out
}

type entityStatementsOut = statementsListOut

// entityStatements is one page of the statements about an entity (and
// those merged into it), in the order they were made.
func (s *Server) entityStatements(ctx context.Context, in *statementsListIn) (*entityStatementsOut, error) {
	v := callerOf(ctx).viewer
	_, ids, err := s.visibleEntity(ctx, v, in.ID)
	if err != nil {
		return nil, err
	}
	// Whether the caller may see anything of it at all: if not, it is not
	// found, whatever the filters.
	some, err := s.store.StatementPageFor(ctx, v, app.StatementFilter{EntityIDs: ids, Limit: 1})
	if err != nil {
		return nil, s.internal(ctx, "read statements", err)
	}
	if len(some) == 0 {
		if refs, err := s.store.Referencing(ctx, v, ids[0]); err != nil {
			return nil, s.internal(ctx, "read references", err)
		} else if len(refs) == 0 {
			return nil, notFound("entity")
		}
	}
	return s.statementPage(ctx, in, app.StatementFilter{EntityIDs: ids})
}
