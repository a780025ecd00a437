package web

import (
	"net/http"
	"strings"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/search"
)

type searchData struct {
	Q, Type, Status, Near, From, To string
	Types                           []model.EntityType
	Statuses                        []model.Status
	Places                          []entityItem // facilities and places to filter by
	Searched                        bool
	Names                           []nameHit
	Sources                         []sourceRow
	Groups                          []statementGroup
}

type nameHit struct {
	app.Candidate
	Ref entityRef
}

const searchLimit = 50

// searchShow is full-text search over the sources and statements the viewer
// may see, with filters by entity type, facility or place, review state and
// date, and the name matcher's candidates when the query may be a name.
func (s *Server) searchShow(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), state(r).viewer
	q := r.URL.Query()
	data := searchData{Q: strings.TrimSpace(q.Get("q")), Types: model.EntityTypes(),
		Statuses: []model.Status{model.StatusProposed, model.StatusConfirmed, model.StatusRejected}}
	query := app.SearchQuery{Text: data.Q, Limit: searchLimit}
	if t, err := model.ParseEntityType(q.Get("type")); err == nil {
		data.Type, query.EntityType = string(t), t
	}
	for _, st := range data.Statuses {
		if q.Get("status") == string(st) {
			data.Status, query.Status = string(st), st
		}
	}
	if d, err := model.ParseDate(strings.TrimSpace(q.Get("from"))); err == nil && !d.IsZero() {
		data.From, query.From = d.String(), d
	}
	if d, err := model.ParseDate(strings.TrimSpace(q.Get("to"))); err == nil && !d.IsZero() {
		data.To, query.To = d.String(), d
	}
	rd := s.reader(ctx, v)
	for _, typ := range []model.EntityType{model.TypeFacility, model.TypePlace} {
		ents, err := cached(ctx, s, "names of "+string(typ)+" "+viewerKey(v), func() ([]app.EntityNames, error) {
			return rd.entityList(typ)
		})
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		for _, e := range ents {
			if len(e.Names) > 0 {
				data.Places = append(data.Places, entityItem{EntityNames: e, Caption: e.Names[0]})
				if e.ID == q.Get("near") {
					data.Near, query.Near = e.ID, e.ID
				}
			}
		}
	}
	if len(search.Words(data.Q)) == 0 {
		s.render(w, r, http.StatusOK, "search", "search.title", data)
		return
	}
	data.Searched = true
	res, err := s.app.Search(ctx, v, query)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, c := range res.Names {
		ref, err := rd.ref(c.EntityID)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		data.Names = append(data.Names, nameHit{Candidate: c, Ref: ref})
	}
	data.Sources = rows(res.Sources)
	srows, err := rd.statementRows(res.Statements)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	data.Groups = groupStatements(srows)
	if err := s.record(r, "search", app.Shown{Sources: res.Sources, Statements: res.Statements}); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "search", "search.title", data)
}
