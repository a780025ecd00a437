package api

import (
	"context"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
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
func (s *Server) entityPage(ctx context.Context, p Paging, typ, kind string) ([]store.EntityNames, bool, error) {
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

// entityShow is one entity: its names, every statement the caller may see
// grouped by property, the events it takes part in, and for an event its
// participants. An id merged into another answers with the entity it was
// merged into (whose id then differs from the one asked for).
func (s *Server) entityShow(ctx context.Context, in *idIn) (*entityShowOut, error) {
	v := callerOf(ctx).viewer
	e, ids, err := s.visibleEntity(ctx, v, in.ID)
	if err != nil {
		return nil, err
	}
	var sts []model.Statement
	for _, id := range ids {
		own, err := s.store.Statements(ctx, v, id)
		if err != nil {
			return nil, s.internal(ctx, "read statements", err)
		}
		sts = append(sts, own...)
	}
	refs, err := s.store.Referencing(ctx, v, e.ID)
	if err != nil {
		return nil, s.internal(ctx, "read references", err)
	}
	if len(sts) == 0 && len(refs) == 0 {
		return nil, notFound("entity")
	}
	d := entityDetailOut{EntityOut: EntityOut{ID: e.ID, Type: string(e.Type), Names: names(sts)},
		MergedFrom: ids[1:], Statements: map[string][]statementOut{}, Events: []eventRefOut{}}
	for _, st := range sts {
		d.Statements[string(st.Property)] = append(d.Statements[string(st.Property)], toStatement(st))
	}
	if d.Events, err = s.eventRefs(ctx, v, refs); err != nil {
		return nil, err
	}
	if e.Type == model.TypeEvent {
		ev, err := s.event(ctx, v, e.ID, sts)
		if err != nil {
			return nil, err
		}
		d.Event = &ev
	}
	if err := s.record(ctx, "api-view", nil, append(sts, refs...)); err != nil {
		return nil, err
	}
	return &entityShowOut{Body: d}, nil
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
	for _, p := range store.NameProperties {
		for _, st := range sts {
			if st.Property == p && st.Status != model.StatusRejected && st.Value != "" && !seen[st.Value] {
				seen[st.Value] = true
				out = append(out, st.Value)
			}
		}
	}
	return out
}

// eventRefs turns the statements that link to an entity into its part in
// each event, with the event's type and date as the caller may see them.
func (s *Server) eventRefs(ctx context.Context, v access.Viewer, refs []model.Statement) ([]eventRefOut, error) {
	out := []eventRefOut{}
	summaries := map[string]eventOut{}
	for _, r := range refs {
		switch r.Property {
		case "involved", "organizer", "location":
		default:
			continue
		}
		e, err := s.store.Entity(ctx, r.EntityID)
		if err != nil {
			return nil, s.internal(ctx, "read event", err)
		}
		if e.Type != model.TypeEvent {
			continue
		}
		sum, ok := summaries[e.ID]
		if !ok {
			sts, err := s.store.Statements(ctx, v, e.ID)
			if err != nil {
				return nil, s.internal(ctx, "read event", err)
			}
			sum = summarize(e.ID, sts)
			summaries[e.ID] = sum
		}
		out = append(out, eventRefOut{EventID: e.ID, EventType: sum.EventType, Date: sum.Date, Property: string(r.Property),
			Role: string(r.Role), StatementID: r.ID})
	}
	return out, nil
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
	some, err := s.store.StatementPageFor(ctx, v, store.StatementFilter{EntityIDs: ids, Limit: 1})
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
	return s.statementPage(ctx, in, store.StatementFilter{EntityIDs: ids})
}
