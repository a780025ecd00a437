package reconcile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/plumbing"
)

// Data extension (version 0.2 of the protocol): OpenRefine's "Add columns
// from reconciled values" asks for the values of properties of entities it
// has matched, as the key's account may see them. Every id asked for gets a
// row, empty for one the account may not see exactly as for one that does
// not exist.

// maxExtendIDs bounds the ids of one extension request.
const maxExtendIDs = maxBatch

// extendQuery is a data extension request: {"ids": [...], "properties":
// [{"id": ..., "settings": {...}}]}. Settings are accepted and ignored
// (Athar offers none).
type extendQuery struct {
	ids   []string
	props []property
}

// parseExtend reads a data extension request.
func parseExtend(b []byte) (extendQuery, error) {
	var raw struct {
		IDs        []json.RawMessage `json:"ids"`
		Properties []struct {
			ID       json.RawMessage `json:"id"`
			Settings json.RawMessage `json:"settings"`
		} `json:"properties"`
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	if err := d.Decode(&raw); err != nil {
		return extendQuery{}, fmt.Errorf("extend: not a data extension request ({\"ids\": [...], \"properties\": [{\"id\": ...}]}): %v", err)
	}
	if d.More() {
		return extendQuery{}, errors.New("extend: more after the request's JSON object")
	}
	var q extendQuery
	switch {
	case len(raw.IDs) == 0:
		return q, errors.New(`extend: "ids" must list at least one entity id`)
	case len(raw.IDs) > maxExtendIDs:
		return q, &tooManyIDs{len(raw.IDs)}
	case len(raw.Properties) == 0:
		return q, errors.New(`extend: "properties" must list at least one property`)
	case len(raw.Properties) > len(properties):
		return q, fmt.Errorf("extend: %d properties; Athar has %d", len(raw.Properties), len(properties))
	}
	seen := map[string]bool{}
	for i, r := range raw.IDs {
		var id string
		if err := json.Unmarshal(r, &id); err != nil || strings.TrimSpace(id) == "" || utf8.RuneCountInString(id) > maxText {
			return q, fmt.Errorf("extend: ids[%d] must be an entity id (a non-empty string)", i)
		}
		if !seen[id] {
			seen[id] = true
			q.ids = append(q.ids, id)
		}
	}
	got := map[string]bool{}
	for i, r := range raw.Properties {
		var id string
		if err := json.Unmarshal(r.ID, &id); err != nil {
			return q, fmt.Errorf("extend: properties[%d].id must be a property id: one of %s", i, propertyIDs())
		}
		p, ok := propertyOf(id)
		if !ok {
			return q, fmt.Errorf("extend: properties[%d]: Athar has no property %q; it has %s", i, truncate(id, 60), propertyIDs())
		}
		var settings map[string]any
		if len(r.Settings) > 0 && json.Unmarshal(r.Settings, &settings) != nil {
			return q, fmt.Errorf("extend: properties[%d].settings must be an object", i)
		}
		if !got[p.ID] {
			got[p.ID] = true
			q.props = append(q.props, p)
		}
	}
	return q, nil
}

// tooManyIDs is an extension request over maxExtendIDs ids (HTTP 413).
type tooManyIDs struct{ n int }

func (e *tooManyIDs) Error() string {
	return fmt.Sprintf("extend: %d ids in one request; send at most %d", e.n, maxExtendIDs)
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// extendValue is one value in an extension row: a reference to an entity
// the account may see, or text.
type extendValue struct {
	ID   string `json:"id,omitempty"`
	Name string `json:"name,omitempty"`
	Str  string `json:"str,omitempty"`
}

// extend answers a data extension request.
func (s *Service) extend(w http.ResponseWriter, r *http.Request, v access.Viewer, raw string) {
	q, err := parseExtend([]byte(raw))
	var many *tooManyIDs
	if errors.As(err, &many) {
		problem(w, http.StatusRequestEntityTooLarge, err.Error())
		return
	}
	if err != nil {
		problem(w, http.StatusBadRequest, err.Error())
		return
	}
	ctx := r.Context()
	rd := newReader(s.st, v)
	type meta struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	}
	out := struct {
		Meta []meta                              `json:"meta"`
		Rows map[string]map[string][]extendValue `json:"rows"`
	}{Rows: map[string]map[string][]extendValue{}}
	for _, p := range q.props {
		out.Meta = append(out.Meta, meta{p.ID, p.Name})
	}
	var shown []model.Statement
	for _, id := range q.ids {
		row := map[string][]extendValue{}
		for _, p := range q.props {
			row[p.ID] = []extendValue{}
		}
		out.Rows[id] = row
		ev, err := rd.view(ctx, id)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		if ev == nil {
			continue
		}
		for _, p := range q.props {
			if p.kind == propNames {
				for _, st := range ev.stmts {
					if st.Property.IsName() && st.Value != "" {
						shown = append(shown, st)
					}
				}
				for _, n := range ev.names {
					row[p.ID] = append(row[p.ID], extendValue{Str: n})
				}
				continue
			}
			for _, st := range ev.values(p.ID) {
				val := extendValue{Str: st.Value}
				if st.ValueEntity != "" {
					to, err := rd.view(ctx, st.ValueEntity)
					if err != nil {
						s.serverError(w, r, err)
						return
					}
					if to != nil {
						val = extendValue{ID: to.id, Name: to.caption()}
					}
				}
				if val.ID == "" && val.Str == "" {
					continue
				}
				shown = append(shown, st)
				row[p.ID] = append(row[p.ID], val)
			}
		}
	}
	if err := s.app.RecordViews(ctx, v, "extend", plumbing.ClientAddr(r), app.Shown{Statements: shown}); err != nil {
		s.serverError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// proposeProperties answers /propose_properties?type=…[&limit=N]: the
// properties a client may ask values of for entities of the type.
func (s *Service) proposeProperties(w http.ResponseWriter, r *http.Request, _ access.Viewer) {
	q := r.URL.Query()
	typ := strings.TrimSpace(q.Get("type"))
	limit, err := intParam(q.Get("limit"), len(properties), 1, len(properties))
	if err != nil {
		problem(w, http.StatusBadRequest, "limit: "+err.Error())
		return
	}
	type prop struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	}
	out := struct {
		Type       string `json:"type,omitempty"`
		Properties []prop `json:"properties"`
		Limit      int    `json:"limit"`
	}{Type: typ, Properties: []prop{}, Limit: limit}
	k, known := kindOf(typ)
	for _, p := range properties {
		// Persons carry every property; other entities their names.
		if typ != "" && (!known || k.ID != string(model.TypePerson) && p.kind != propNames) {
			continue
		}
		if len(out.Properties) < limit {
			out.Properties = append(out.Properties, prop{p.ID, p.Name})
		}
	}
	writeJSON(w, http.StatusOK, out)
}
