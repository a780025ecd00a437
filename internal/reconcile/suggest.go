package reconcile

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/search"
	"github.com/athar-project/athar/internal/textfold"
)

// Suggest pages.
const (
	suggestPage = 10
	suggestMax  = 50
	// suggestHits bounds the name statements an entity suggestion reads
	// from the full-text index.
	suggestHits = 300
)

type suggestion struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	Notable     []kind `json:"notable,omitempty"`
}

// suggest answers /suggest/entity, /suggest/type and /suggest/property:
// prefix search, the cursor skipping suggestions already shown.
func (s *Service) suggest(w http.ResponseWriter, r *http.Request, v access.Viewer) {
	q := r.URL.Query()
	prefix := strings.TrimSpace(q.Get("prefix"))
	if utf8.RuneCountInString(prefix) > maxText {
		problem(w, http.StatusBadRequest, "prefix: longer than 500 characters")
		return
	}
	cursor, err := intParam(q.Get("cursor"), 0, 0, 1<<20)
	if err != nil {
		problem(w, http.StatusBadRequest, "cursor: "+err.Error())
		return
	}
	limit, err := intParam(q.Get("limit"), suggestPage, 1, suggestMax)
	if err != nil {
		problem(w, http.StatusBadRequest, "limit: "+err.Error())
		return
	}
	var all []suggestion
	switch r.PathValue("kind") {
	case "type":
		for _, k := range kinds {
			if hasPrefix(prefix, k.ID, k.Name) {
				all = append(all, suggestion{ID: k.ID, Name: k.Name, Description: k.Description})
			}
		}
	case "property":
		for _, p := range properties {
			if hasPrefix(prefix, p.ID, p.Name) {
				all = append(all, suggestion{ID: p.ID, Name: p.Name, Description: p.Description})
			}
		}
	case "entity":
		var typ model.EntityType
		if t := q.Get("type"); t != "" {
			k, ok := kindOf(t)
			if !ok {
				writeJSON(w, http.StatusOK, map[string]any{"result": []suggestion{}})
				return
			}
			typ = model.EntityType(k.ID)
		}
		rd := newReader(s.st, v)
		views, err := s.suggestEntities(r.Context(), rd, prefix, typ, cursor+limit)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		if cursor < len(views) {
			views = views[cursor:]
		} else {
			views = nil
		}
		for _, ev := range views {
			all = append(all, suggestion{ID: ev.id, Name: nameWithPrefix(ev, prefix), Description: ev.describe(),
				Notable: []kind{typeRef(ev.typ)}})
		}
		if err := s.record(r, v, "suggest", views...); err != nil {
			s.serverError(w, r, err)
			return
		}
		cursor = 0 // applied above
	default:
		problem(w, http.StatusNotFound, "suggest services: /suggest/entity, /suggest/type and /suggest/property")
		return
	}
	if cursor < len(all) {
		all = all[cursor:]
	} else {
		all = nil
	}
	if len(all) > limit {
		all = all[:limit]
	}
	if all == nil {
		all = []suggestion{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"result": all})
}

// suggestEntities finds up to n entities the viewer may see with a name
// whose words start with the prefix's words (or whose id is the prefix),
// those whose strongest name starts with the prefix first.
func (s *Service) suggestEntities(ctx context.Context, rd *reader, prefix string, typ model.EntityType, n int) ([]*entityView, error) {
	words := search.Words(prefix)
	if len(words) == 0 {
		return nil, nil
	}
	var first, rest []*entityView
	seen := map[string]bool{}
	keep := func(ev *entityView) {
		if ev == nil || seen[ev.id] || (typ != "" && ev.typ != typ) {
			return
		}
		seen[ev.id] = true
		if hasPrefix(prefix, ev.caption()) {
			first = append(first, ev)
		} else {
			rest = append(rest, ev)
		}
	}
	if looksLikeID(prefix) {
		ev, err := rd.view(ctx, prefix)
		if err != nil {
			return nil, err
		}
		keep(ev)
	}
	if err := s.app.FreshSearch(ctx); err != nil {
		return nil, err
	}
	hits, err := s.st.Search(ctx, rd.v, app.StoreSearch{Words: words, EntityType: typ, Limit: suggestHits})
	if err != nil {
		return nil, err
	}
	for _, st := range hits.Statements {
		if !st.Property.IsName() {
			continue
		}
		ev, err := rd.view(ctx, st.EntityID)
		if err != nil {
			return nil, err
		}
		if ev != nil && ev.typ != model.TypeEvent && nameWithPrefix(ev, prefix) != "" {
			keep(ev)
		}
		if len(first)+len(rest) >= n && len(first) >= n {
			break
		}
	}
	out := append(first, rest...)
	if len(out) > n {
		out = out[:n]
	}
	return out, nil
}

// nameWithPrefix is the entity's first visible name whose words start with
// the prefix's; "" when none does (the hit was on a name the viewer may not
// see, or the id).
func nameWithPrefix(ev *entityView, prefix string) string {
	for _, n := range ev.names {
		if hasPrefix(prefix, n) {
			return n
		}
	}
	if looksLikeID(prefix) && prefix == ev.id {
		return ev.caption()
	}
	return ""
}

// hasPrefix reports whether any of the texts starts with the prefix, or has
// a run of words that do, compared folded (case, accents, Arabic letter
// variants): "sall" finds "Ous Salloum", "ous sal" finds it too.
func hasPrefix(prefix string, texts ...string) bool {
	// Both foldings: textfold's words as written, and search's, which drop
	// the Arabic article (so "سلوم" finds "السلوم").
	pws := [][]string{textfold.Words(prefix), search.Words(prefix)}
	if len(pws[0]) == 0 {
		return true
	}
	for _, t := range texts {
		for i, tw := range [][]string{textfold.Words(t), search.Words(t)} {
			for j := range tw {
				if wordsStart(tw[j:], pws[i]) {
					return true
				}
			}
		}
	}
	return false
}

// wordsStart: each prefix word is a prefix of the word at its place, the
// last one as a prefix, the others whole.
func wordsStart(words, prefix []string) bool {
	if len(prefix) == 0 || len(words) < len(prefix) {
		return false
	}
	for i, p := range prefix {
		if i == len(prefix)-1 {
			return strings.HasPrefix(words[i], p)
		}
		if words[i] != p {
			return false
		}
	}
	return true
}

func intParam(s string, def, lo, hi int) (int, error) {
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, &queryError{"want a whole number from " + strconv.Itoa(lo) + " to " + strconv.Itoa(hi)}
	}
	return n, nil
}
