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
	Entities                        []entityHit // what the query names, with how many of the sources name it
	Sources                         []sourceHit
	Groups                          []statementGroup
}

// entityHit is an entity the query names.
type entityHit struct {
	Ref     entityRef
	Sources int
}

// sourceHit is a source found, with why when it was found through an
// entity the query names.
type sourceHit struct {
	sourceRow
	Why []whyRow
}

type whyRow struct {
	Entity  entityRef
	As      string
	Mention bool
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
				data.Places = append(data.Places, entityItem{EntityNames: e, Caption: captionIn(state(r).lang, e.Names)})
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
	// Every entity the page names, captioned in a few queries rather than
	// two for each (about forty on a name's results).
	if err := rd.cf.PrefetchRefs(searchRefs(res)); err != nil {
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
	if err := searchHits(rd, res, &data); err != nil {
		s.serverError(w, r, err)
		return
	}
	if err := s.record(r, "search", app.Shown{Sources: res.Sources, Statements: res.Statements}); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "search", "search.title", data)
}

// searchRefs lists the entities a page of results names: the name
// matcher's candidates, the entities the query names, why each source was
// found, and the statements' subjects and linked values.
func searchRefs(res app.SearchResults) []string {
	var ids []string
	for _, c := range res.Names {
		ids = append(ids, c.EntityID)
	}
	for _, e := range res.Entities {
		ids = append(ids, e.EntityID)
	}
	for _, src := range res.Sources {
		for _, why := range res.Why[src.ID] {
			ids = append(ids, why.EntityID)
		}
	}
	for _, st := range res.Statements {
		ids = append(ids, st.EntityID)
		if st.ValueEntity != "" {
			ids = append(ids, st.ValueEntity)
		}
	}
	return ids
}

// searchHits fills the page's sources, each with why it was found, the
// entities the query names, and the statements grouped by entity with each
// row once.
func searchHits(rd *reader, res app.SearchResults, data *searchData) error {
	for _, e := range res.Entities {
		ref, err := rd.ref(e.EntityID)
		if err != nil {
			return err
		}
		data.Entities = append(data.Entities, entityHit{Ref: ref, Sources: e.Sources})
	}
	for _, row := range rows(res.Sources) {
		hit := sourceHit{sourceRow: row}
		for _, why := range res.Why[row.ID] {
			ref, err := rd.ref(why.EntityID)
			if err != nil {
				return err
			}
			hit.Why = append(hit.Why, whyRow{Entity: ref, As: why.As, Mention: why.Mention})
		}
		data.Sources = append(data.Sources, hit)
	}
	srows, err := rd.statementRows(res.Statements)
	if err != nil {
		return err
	}
	data.Groups = groupStatements(srows)
	for i := range data.Groups {
		data.Groups[i].Rows = onceEach(data.Groups[i].Rows)
	}
	return nil
}

// onceEach keeps one row of each entity, property, value, review state and
// modality — the same name drawn from ten sources is one row — counting in
// Sources how many statements it stands for (the group keeps every quote).
func onceEach(rows []statementRow) []statementRow {
	type key struct {
		entity, value, target string
		prop                  model.Property
		status                model.Status
		modality              model.Modality
	}
	index := map[key]int{}
	var out []statementRow
	for _, row := range rows {
		k := key{row.EntityID, row.Value, row.ValueEntity, row.Property, row.Status, row.Modality}
		if i, ok := index[k]; ok {
			out[i].Sources++
			continue
		}
		index[k] = len(out)
		row.Sources = 1
		out = append(out, row)
	}
	return out
}
