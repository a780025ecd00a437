package web

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
)

// Merge and split from an entity's own page (issue 15): a reviewer who
// knows two entities are one person merges them there, and one who finds
// a wrong merge splits it off, each with the reason, by the rules and ledger
// of the merge queue (app.Judge: a "same" verdict merges, a "different" one
// undoes the merge and keeps the machine from making it again). A merge is
// undone by splitting, a split by merging again: every step is a judgement
// in the ledger.

// mergeErrors are the refusals the entity page explains (?merge_error=).
var mergeErrors = []string{"reason", "not_found", "type", "same", "not_part"}

// mergePart is an entity merged into the one shown, as far as the viewer
// may see it.
type mergePart = entityRef

// parts lists the entities merged into one that the viewer may see a name
// of: each can be split off.
func (rd *reader) parts(ids []string) ([]mergePart, error) {
	var out []mergePart
	for _, id := range ids {
		r, err := rd.ref(id)
		if err != nil {
			return nil, err
		}
		if r.Caption != "" {
			out = append(out, r)
		}
	}
	return out, nil
}

// MergeError is the refusal the page was sent back with, "" for none; only
// the keys of mergeErrors are ever shown.
func (v *view) MergeError() string {
	e := v.query.Get("merge_error")
	if containsString(mergeErrors, e) {
		return "merge.error." + e
	}
	return ""
}

// otherEntity reads the entity a reviewer named: its id, or the address of
// its page.
func otherEntity(s string) string {
	s = strings.TrimSpace(s)
	if u, err := url.Parse(s); err == nil && strings.Contains(u.Path, "/entities/") {
		s = u.Path[strings.LastIndex(u.Path, "/entities/")+len("/entities/"):]
	}
	return strings.Trim(s, "/ ")
}

// mergeBack sends the reviewer back to the entity's merge section with a
// refusal (one of mergeErrors) or, after a split, the entity split off.
func mergeBack(w http.ResponseWriter, r *http.Request, id string, q url.Values) {
	http.Redirect(w, r, withQuery("/entities/"+url.PathEscape(id), q)+"#merge-split", http.StatusSeeOther)
}

// entityMergeSubmit merges the entity the reviewer names into this one.
func (s *Server) entityMergeSubmit(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), state(r).viewer
	id := r.PathValue("id")
	e, ok := s.canonicalEntity(w, r, id)
	if !ok {
		return
	}
	reason := strings.TrimSpace(r.PostForm.Get("reason"))
	other := otherEntity(r.PostForm.Get("other"))
	refuse := func(key string) { mergeBack(w, r, e.ID, url.Values{"merge_error": {key}}) }
	if reason == "" {
		refuse("reason")
		return
	}
	// Nothing is said of an entity the reviewer may not see a name of, not
	// even its type.
	names, err := s.app.VisibleNames(ctx, v, other)
	if err != nil && !errors.Is(err, app.ErrNotFound) {
		s.serverError(w, r, err)
		return
	}
	if other == "" || len(names) == 0 {
		refuse("not_found")
		return
	}
	oe, err := s.store.Entity(ctx, other)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if oe.Type != e.Type {
		refuse("type")
		return
	}
	if c, err := s.store.Canonical(ctx, other); err != nil {
		s.serverError(w, r, err)
		return
	} else if c == e.ID {
		refuse("same")
		return
	}
	if err := s.app.Judge(ctx, v, e.ID, other, model.Same, reason); err != nil {
		s.fail(w, r, err)
		return
	}
	s.log.Info("entities merged from a page", "user", v.Actor())
	mergeBack(w, r, e.ID, nil)
}

// entitySplitSubmit splits an entity merged into this one off again.
func (s *Server) entitySplitSubmit(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), state(r).viewer
	e, ok := s.canonicalEntity(w, r, r.PathValue("id"))
	if !ok {
		return
	}
	reason := strings.TrimSpace(r.PostForm.Get("reason"))
	part := strings.TrimSpace(r.PostForm.Get("part"))
	if reason == "" {
		mergeBack(w, r, e.ID, url.Values{"merge_error": {"reason"}})
		return
	}
	// A part the reviewer may see no name of is no part to them: whether a
	// hidden entity is merged into this one is not told.
	names, err := s.app.VisibleNames(ctx, v, part)
	if err != nil && !errors.Is(err, app.ErrNotFound) {
		s.serverError(w, r, err)
		return
	}
	var pe model.Entity
	if part != "" && len(names) > 0 {
		if pe, err = s.store.Entity(ctx, part); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	if pe.MergedInto == "" || pe.MergedInto != e.ID {
		mergeBack(w, r, e.ID, url.Values{"merge_error": {"not_part"}})
		return
	}
	if err := s.app.Judge(ctx, v, e.ID, part, model.Different, reason); err != nil {
		s.fail(w, r, err)
		return
	}
	s.log.Info("entity split off from a page", "user", v.Actor())
	mergeBack(w, r, e.ID, url.Values{"split": {part}})
}

// canonicalEntity reads the entity a merge or split is made on: one that
// is not merged away (its page redirects to the one it is in), not an
// event, and of which the reviewer may see a name.
func (s *Server) canonicalEntity(w http.ResponseWriter, r *http.Request, id string) (model.Entity, bool) {
	e, err := s.store.Entity(r.Context(), id)
	if err == nil && (e.MergedInto != "" || e.Type == model.TypeEvent) {
		err = app.ErrNotFound
	}
	if errors.Is(err, app.ErrNotFound) {
		s.notFound(w, r)
		return e, false
	}
	if err != nil {
		s.serverError(w, r, err)
		return e, false
	}
	// One the reviewer may see nothing of is not found, as its page is.
	ref, err := s.reader(r.Context(), state(r).viewer).ref(e.ID)
	if err != nil {
		s.serverError(w, r, err)
		return e, false
	}
	if ref.Caption == "" {
		s.notFound(w, r)
		return e, false
	}
	return e, true
}

// mergeSection fills what the page's merge and split section shows a
// reviewer: the entities merged into this one, and the one just split off
// (?split=) when the viewer may see a name of it.
func (rd *reader) mergeSection(p *entityPage, split string) error {
	var err error
	if p.Parts, err = rd.parts(p.Merged); err != nil {
		return err
	}
	if split == "" {
		return nil
	}
	e, err := rd.st.Entity(rd.ctx, split)
	if errors.Is(err, app.ErrNotFound) || (err == nil && e.MergedInto != "") {
		return nil
	}
	if err != nil {
		return err
	}
	r, err := rd.ref(split)
	if err == nil && r.Caption != "" {
		p.SplitOff = &r
	}
	return err
}
