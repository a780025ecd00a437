package api

import (
	"context"
	"errors"

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

// entityShow is one entity: its names, every statement the caller may see
// grouped by property, the events it takes part in with their review state,
// a person's case status and fate (from the case file), and for an event
// its participants. An id merged into another answers with the entity it
// was merged into (whose id then differs from the one asked for).
func (s *Server) entityShow(ctx context.Context, in *idIn) (*entityShowOut, error) {
	v := callerOf(ctx).viewer
	rd := s.app.Cases().Reader(ctx, v)
	f, err := rd.ReadID(in.ID, casefile.Options{})
	if errors.Is(err, casefile.ErrNotFound) {
		return nil, notFound("entity")
	}
	if err != nil {
		return nil, s.internal(ctx, "read case file", err)
	}
	var sts []model.Statement
	for _, id := range append([]string{f.Ref.ID}, f.Merged...) {
		own, err := rd.Statements(id)
		if err != nil {
			return nil, s.internal(ctx, "read statements", err)
		}
		sts = append(sts, own...)
	}
	doc := f.Doc()
	d := entityDetailOut{EntityOut: EntityOut{ID: f.Ref.ID, Type: string(f.Ref.Type), Names: names(sts)},
		MergedFrom: append([]string{}, f.Merged...), Statements: map[string][]statementOut{}, Events: []eventRefOut{},
		Status: doc.Status, Fate: doc.Fate}
	for _, st := range sts {
		d.Statements[string(st.Property)] = append(d.Statements[string(st.Property)], toStatement(st))
	}
	var parts []model.Statement
	if f.Ref.Type != model.TypeEvent {
		for _, ev := range f.Events {
			for _, p := range ev.Part {
				d.Events = append(d.Events, eventRefOut{EventID: ev.ID, EventType: string(ev.Type), Date: dateString(ev.Date),
					Property: string(p.Property), Role: string(p.Role), StatementID: p.ID, Review: string(ev.Status)})
				parts = append(parts, p)
			}
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

type entityCaseOut struct{ Body casefile.Doc }

// entityCase is the case file of the entity that stands for id, as the
// caller may see it: the object `athar case ID --json` prints.
func (s *Server) entityCase(ctx context.Context, in *idIn) (*entityCaseOut, error) {
	v := callerOf(ctx).viewer
	f, err := s.app.Cases().Read(ctx, v, in.ID, casefile.Options{})
	if errors.Is(err, casefile.ErrNotFound) {
		return nil, notFound("entity")
	}
	if err != nil {
		return nil, s.internal(ctx, "read case file", err)
	}
	if err := s.record(ctx, "api-view", f.Shown, f.Statements()); err != nil {
		return nil, err
	}
	return &entityCaseOut{Body: f.Doc()}, nil
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
