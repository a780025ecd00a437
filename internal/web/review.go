package web

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
)

const reviewPerPage = 25

type reviewData struct {
	Items    []reviewItem
	Total    int        // proposed statements the viewer may see
	Entity   *entityRef // when the queue is one entity's
	NextURL  string
	Return   string // where each form comes back to
	Levels   []model.Sensitivity
	CanLower bool
	Mine     bool   // only statements of sources assigned to the signed-in reviewer
	Assigned int    // proposed statements assigned to the signed-in reviewer
	MineURL  string // the queue filtered the other way
}

type reviewItem struct {
	statementRow
	Source   *sourceRow
	Assignee string // the reviewer the statement's source is assigned to
	// Quote is the quote cut at words OCR read with low confidence; nil
	// when it holds none.
	Quote []segment
	// Notes are the notes on the statement the viewer may see.
	Notes []app.StatementNote
}

// reviewShow is the queue of proposed statements, oldest first, one form
// per statement: confirm, reject, or edit (the statement is rejected and a
// corrected one added in its place), each with a comment. With ?entity= it
// is one entity's proposed statements.
func (s *Server) reviewShow(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), state(r).viewer
	rd := s.reader(ctx, v)
	data := reviewData{Return: r.URL.RequestURI(), Levels: model.Sensitivities(), CanLower: v.CanLower()}
	var sts []model.Statement
	var err error
	if id := r.URL.Query().Get("entity"); id != "" {
		sts, data.Entity, err = s.entityQueue(rd, id)
	} else {
		sts, err = s.queue(r, &data)
	}
	if errors.Is(err, app.ErrNotFound) {
		s.notFound(w, r)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if data.Entity != nil || data.Mine {
		if data.Entity != nil {
			data.Total = len(sts)
		} else {
			data.Total = data.Assigned
		}
	} else if data.Total, err = s.countProposed(ctx, v); err != nil {
		s.serverError(w, r, err)
		return
	}
	srows, err := rd.statementRows(sts)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	assignees, err := s.assignees(r, srows)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	ocrs, err := s.store.SourcesOCR(ctx, v, sourceIDs(srows))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	notes, err := s.app.StatementNotes(ctx, v, statementIDs(sts))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	var shown []model.Source
	for _, row := range srows {
		it := reviewItem{statementRow: row, Assignee: assignees[row.SourceID], Quote: quoteSegments(row.Span, ocrs[row.SourceID]),
			Notes: notes[row.ID]}
		if row.SourceID != "" {
			src, err := rd.source(row.SourceID)
			if err != nil {
				s.serverError(w, r, err)
				return
			}
			if src != nil {
				it.Source = &sourceRow{*src, displayTitle(*src)}
				shown = append(shown, *src)
			}
		}
		data.Items = append(data.Items, it)
	}
	if err := s.record(r, "review", app.Shown{Sources: shown, Statements: sts}); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "review", "review.title", data)
}

// entityQueue is the proposed statements of one entity and of those merged
// into it.
func (s *Server) entityQueue(rd *reader, id string) ([]model.Statement, *entityRef, error) {
	e, err := rd.entity(id)
	if err != nil {
		return nil, nil, err
	}
	merged, err := rd.st.MergedInto(rd.ctx, e.ID)
	if err != nil {
		return nil, nil, err
	}
	var out []model.Statement
	seen := 0
	for _, eid := range append([]string{e.ID}, merged...) {
		sts, err := rd.statements(eid)
		if err != nil {
			return nil, nil, err
		}
		seen += len(sts)
		for _, st := range sts {
			if st.Status == model.StatusProposed {
				out = append(out, st)
			}
		}
	}
	if seen == 0 {
		// nothing of it the viewer may see: the same answer as no such entity
		return nil, nil, fmt.Errorf("entity %s: %w", id, app.ErrNotFound)
	}
	ref, err := rd.ref(e.ID)
	return out, &ref, err
}

// reviewSubmit applies one decision on one statement as the signed-in
// reviewer (app.Review: the same rules as the API and athar review).
func (s *Server) reviewSubmit(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), state(r).viewer
	f := r.PostForm
	d := app.Decision{Action: f.Get("action"), From: model.Status(f.Get("from")), Comment: f.Get("comment"), Value: f.Get("value")}
	if l := f.Get("sensitivity"); l != "" {
		level, err := model.ParseSensitivity(l)
		if err != nil {
			s.renderError(w, r, http.StatusBadRequest)
			return
		}
		d.Sensitivity = &level
	}
	back := reviewReturn(f.Get("return"))
	_, err := s.app.Review(ctx, v, r.PathValue("id"), d)
	if cur, ok := app.CurrentState(err); ok {
		s.render(w, r, http.StatusConflict, "conflict", "review.conflict.heading", conflictData{Current: cur, Back: back})
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.log.Info("statement reviewed", "user", v.Actor(), "action", d.Action)
	http.Redirect(w, r, back, http.StatusSeeOther)
}

// conflictData is the page for a decision refused because the statement
// was no longer in the state it was made on.
type conflictData struct {
	Current model.Status
	Back    string
}

// reviewReturn is where a review form comes back to: a local page of the
// review queue, an entity or a source, else the queue.
func reviewReturn(r string) string {
	back := localPath(r)
	for _, p := range []string{"/review", "/entities/", "/sources/"} {
		if strings.HasPrefix(back, p) {
			return back
		}
	}
	return "/review"
}

// sourceIDs lists the sources of rows, each once.
func sourceIDs(rows []statementRow) []string {
	var ids []string
	seen := map[string]bool{}
	for _, r := range rows {
		if r.SourceID != "" && !seen[r.SourceID] {
			seen[r.SourceID] = true
			ids = append(ids, r.SourceID)
		}
	}
	return ids
}

// statementIDs lists the ids of sts.
func statementIDs(sts []model.Statement) []string {
	out := make([]string, len(sts))
	for i, st := range sts {
		out[i] = st.ID
	}
	return out
}
