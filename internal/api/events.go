package api

import (
	"context"
	"sort"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/casefile"
	"github.com/athar-project/athar/internal/model"
)

type eventsListIn struct {
	Paging
}

type eventPageOut struct {
	Items      []eventOut `json:"items"`
	NextCursor *string    `json:"next_cursor" doc:"Pass as cursor for the next page; null on the last page."`
}

type eventsListOut struct{ Body eventPageOut }

// eventsList is one page, in id order, of the events the caller may see
// something of, each with its participants and their roles.
func (s *Server) eventsList(ctx context.Context, in *eventsListIn) (*eventsListOut, error) {
	v := callerOf(ctx).viewer
	ents, more, err := s.entityPage(ctx, in.Paging, string(model.TypeEvent), "events")
	if err != nil {
		return nil, err
	}
	out := &eventsListOut{Body: eventPageOut{Items: make([]eventOut, 0, len(ents))}}
	var shown []model.Statement
	for _, e := range ents {
		sts, err := s.store.Statements(ctx, v, e.ID)
		if err != nil {
			return nil, s.internal(ctx, "read event", err)
		}
		ev, err := s.event(ctx, v, e.ID, sts)
		if err != nil {
			return nil, err
		}
		out.Body.Items = append(out.Body.Items, ev)
		shown = append(shown, sts...)
	}
	if more {
		out.Body.NextCursor = nextCursor("events", ents[len(ents)-1].ID)
	}
	if err := s.record(ctx, "api-list", nil, shown); err != nil {
		return nil, err
	}
	return out, nil
}

type eventShowOut struct{ Body eventOut }

// eventShow is one event with its participants and their roles.
func (s *Server) eventShow(ctx context.Context, in *idIn) (*eventShowOut, error) {
	v := callerOf(ctx).viewer
	e, ids, err := s.visibleEntity(ctx, v, in.ID)
	if err != nil {
		return nil, err
	}
	if e.Type != model.TypeEvent {
		return nil, notFound("event")
	}
	var sts []model.Statement
	for _, id := range ids {
		own, err := s.store.Statements(ctx, v, id)
		if err != nil {
			return nil, s.internal(ctx, "read event", err)
		}
		sts = append(sts, own...)
	}
	if len(sts) == 0 {
		return nil, notFound("event")
	}
	ev, err := s.event(ctx, v, e.ID, sts)
	if err != nil {
		return nil, err
	}
	if err := s.record(ctx, "api-view", nil, sts); err != nil {
		return nil, err
	}
	return &eventShowOut{Body: ev}, nil
}

// summarize reads an event's type, date, status and modalities from the
// statements the caller may see of it. Its type, date and review state are
// the case file's (casefile.Summarize): a rejected event says so, with the
// type that was rejected; its modalities and sources are those of the
// statements that stand.
func summarize(id string, sts []model.Statement) eventOut {
	sum := casefile.Summarize(sts, nil)
	ev := eventOut{ID: id, EventType: string(sum.Type), Status: string(sum.Status), Modalities: []string{}, Locations: []participantOut{},
		Participants: []participantOut{}, Organizers: []participantOut{}, Sources: []string{}, Statements: []statementOut{}}
	if !sum.Date.IsZero() {
		ev.Date = sum.Date.String()
	}
	modal := map[string]bool{}
	srcs := map[string]bool{}
	for _, st := range sts {
		if st.Status == model.StatusRejected {
			continue
		}
		if st.Modality != "" && !modal[string(st.Modality)] {
			modal[string(st.Modality)] = true
			ev.Modalities = append(ev.Modalities, string(st.Modality))
		}
		if st.SourceID != "" && !srcs[st.SourceID] {
			srcs[st.SourceID] = true
			ev.Sources = append(ev.Sources, st.SourceID)
		}
	}
	sort.Strings(ev.Modalities)
	return ev
}

// event is an event as the caller may see it: what, when, where, who in
// which role, and its statements (rejected ones included, with their status).
func (s *Server) event(ctx context.Context, v access.Viewer, id string, sts []model.Statement) (eventOut, error) {
	ev := summarize(id, sts)
	ev.Statements = toStatements(sts)
	for _, st := range sts {
		if st.Status == model.StatusRejected {
			continue
		}
		var list *[]participantOut
		switch st.Property {
		case model.PropInvolved:
			list = &ev.Participants
		case model.PropOrganizer:
			list = &ev.Organizers
		case model.PropLocation:
			list = &ev.Locations
		default:
			continue
		}
		p := participantOut{Name: st.Value, Role: string(st.Role), Status: string(st.Status), StatementID: st.ID}
		if st.ValueEntity != "" {
			c, err := s.store.Canonical(ctx, st.ValueEntity)
			if err != nil {
				return ev, s.internal(ctx, "read participant", err)
			}
			p.EntityID = c
			if p.Name == "" {
				// The statement links without quoting a name: the
				// entity's own, as far as the caller may see it.
				named, err := s.store.Statements(ctx, v, c)
				if err != nil {
					return ev, s.internal(ctx, "read participant", err)
				}
				if ns := names(named); len(ns) > 0 {
					p.Name = ns[0]
				}
			}
		}
		*list = append(*list, p)
	}
	return ev, nil
}
