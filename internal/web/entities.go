package web

import (
	"errors"
	"net/http"

	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

type entitiesData struct {
	Type  string
	Types []model.EntityType
	Items []entityItem
}

type entityItem struct {
	store.EntityNames
	Caption string
	Latin   string // machine transliteration of an Arabic-only caption
	Others  []string
	Event   string // for events: the type and date instead of a name
	Date    model.Date
}

// entitiesList lists the entities the viewer may see something of, with
// every name they may see, filtered by type.
func (s *Server) entitiesList(w http.ResponseWriter, r *http.Request) {
	data := entitiesData{Types: model.EntityTypes()}
	var typ model.EntityType
	if t, err := model.ParseEntityType(r.URL.Query().Get("type")); err == nil {
		typ, data.Type = t, string(t)
	}
	rd := s.reader(r.Context(), state(r).viewer)
	ents, err := rd.entityList(typ)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, e := range ents {
		it := entityItem{EntityNames: e}
		if len(e.Names) > 0 {
			it.Caption, it.Others = e.Names[0], e.Names[1:]
			it.Latin = latinOf(it.Caption)
		} else if e.Type == model.TypeEvent {
			ref, err := rd.ref(e.ID)
			if err != nil {
				s.serverError(w, r, err)
				return
			}
			if ref.Event == "" {
				continue // nothing of it the viewer may see names it
			}
			it.Event, it.Date = ref.Event, ref.Date
		} else {
			continue
		}
		data.Items = append(data.Items, it)
	}
	s.render(w, r, http.StatusOK, "entities", "entities.title", data)
}

// entityShow is one entity's page: a profile for persons, with facilities,
// places and organizations showing their events and the people tied to them,
// and an event's page its participants and source. A merged entity's id
// goes to the entity it was merged into.
func (s *Server) entityShow(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), state(r).viewer
	id := r.PathValue("id")
	e, err := s.store.Entity(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		s.notFound(w, r)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if e.MergedInto != "" {
		c, err := s.store.Canonical(ctx, id)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		http.Redirect(w, r, "/entities/"+c, http.StatusFound)
		return
	}
	rd := s.reader(ctx, v)
	p, ok, err := rd.loadEntity(e)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if !ok {
		s.notFound(w, r)
		return
	}
	if err := s.recordSources(r, "view", p.shown...); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "entity", "entity.title."+string(e.Type), p)
}
