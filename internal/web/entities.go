package web

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/web/i18n"
)

type entitiesData struct {
	Type     string
	Types    []model.EntityType
	Items    []entityItem
	Total    int // entities of the type the viewer may see, across all pages, up to Cap
	Cap      int
	NextURL  string // the following page, "" on the last
	FirstURL string // set on pages after the first
}

type entityItem struct {
	app.EntityNames
	Caption string
	Latin   string // machine transliteration of an Arabic-only caption
	Others  []string
	Event   string // for events: the type and date instead of a name
	Date    model.Date
}

const entitiesPerPage = 50

// entityCountCap bounds the list's count: beyond it the page says "more
// than" instead of checking what the viewer may see of every entity.
const entityCountCap = 1000

// entitiesList lists the entities the viewer may see a name of (for
// events, the type), with every name they may see, filtered by type, a page
// at a time in id order (which says nothing of when they were created):
// ?after= is the last id of the page before.
func (s *Server) entitiesList(w http.ResponseWriter, r *http.Request) {
	data := entitiesData{Types: model.EntityTypes(), Cap: entityCountCap}
	var typ model.EntityType
	if t, err := model.ParseEntityType(r.URL.Query().Get("type")); err == nil {
		typ, data.Type = t, string(t)
	}
	ctx, v := r.Context(), state(r).viewer
	after := r.URL.Query().Get("after")
	ents, err := s.store.EntitiesPage(ctx, v, typ, after, entitiesPerPage+1)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if data.Total, err = cached(ctx, s, "entities "+string(typ)+" "+viewerKey(v), func() (int, error) {
		return s.store.CountEntities(ctx, v, typ, entityCountCap)
	}); err != nil {
		s.serverError(w, r, err)
		return
	}
	filters := url.Values{}
	if data.Type != "" {
		filters.Set("type", data.Type)
	}
	if len(ents) > entitiesPerPage {
		ents = ents[:entitiesPerPage]
		next := url.Values{"after": {ents[len(ents)-1].ID}}
		for k, vs := range filters {
			next[k] = vs
		}
		data.NextURL = withQuery("/entities", next)
	}
	if after != "" {
		data.FirstURL = withQuery("/entities", filters)
	}
	rd := s.reader(ctx, v)
	for _, e := range ents {
		it := entityItem{EntityNames: e}
		if len(e.Names) > 0 {
			it.Caption = captionIn(state(r).lang, e.Names)
			for _, n := range e.Names {
				if n != it.Caption {
					it.Others = append(it.Others, n)
				}
			}
			if captionIn(i18n.English, e.Names) == it.Caption {
				it.Latin = latinOf(it.Caption) // no name in Latin script: a machine one
			}
		} else {
			ref, err := rd.ref(e.ID)
			if err != nil {
				s.serverError(w, r, err)
				return
			}
			it.Event, it.Date = ref.Event, ref.Date
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
	if errors.Is(err, app.ErrNotFound) {
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
	rd.brief = true
	p, ok, err := rd.loadEntity(e)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if !ok {
		s.notFound(w, r)
		return
	}
	if p.StNotes, err = s.app.StatementNotesAbout(ctx, v, e.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	if v.CanReview() && e.Type != model.TypeEvent {
		if err := rd.mergeSection(&p, r.URL.Query().Get("split")); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	if err := s.recordSources(r, "view", p.Shown...); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "entity", "entity.title."+string(e.Type), p)
}
