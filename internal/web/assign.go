package web

import (
	"net/http"
	"net/url"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
)

// Work assigned to reviewers: an admin or a reviewer assigns a source (every
// proposed statement drawn from it) to a reviewer on the source's page; the
// review queue shows each statement's assignee and, by default for a
// reviewer with assigned work, only that work; the dashboard counts it.

// queue reads one page of the review queue: the signed-in reviewer's
// assigned work (?mine=1, the default when they have any) or everything
// (?mine=0).
func (s *Server) queue(r *http.Request, data *reviewData) ([]model.Statement, error) {
	ctx, st := r.Context(), state(r)
	q := r.URL.Query()
	var err error
	if data.Assigned, err = s.store.CountAssigned(ctx, st.viewer, st.user.ID); err != nil {
		return nil, err
	}
	switch q.Get("mine") {
	case "1":
		data.Mine = true
	case "0":
	default:
		data.Mine = data.Assigned > 0
	}
	var sts []model.Statement
	mine := "0"
	if data.Mine {
		mine = "1"
		sts, err = s.store.AssignedQueue(ctx, st.viewer, st.user.ID, reviewPerPage, q.Get("after"))
		data.MineURL = "/review?mine=0"
	} else {
		sts, err = s.store.ReviewQueue(ctx, st.viewer, reviewPerPage, q.Get("after"))
		data.MineURL = "/review?mine=1"
	}
	if err == nil && len(sts) == reviewPerPage {
		data.NextURL = withQuery("/review", url.Values{"after": {sts[len(sts)-1].ID}, "mine": {mine}})
	}
	return sts, err
}

// assignees names the reviewer each listed statement's source is assigned
// to, by source id.
func (s *Server) assignees(r *http.Request, rows []statementRow) (map[string]string, error) {
	var ids []string
	seen := map[string]bool{}
	for _, row := range rows {
		if row.SourceID != "" && !seen[row.SourceID] {
			seen[row.SourceID] = true
			ids = append(ids, row.SourceID)
		}
	}
	as, err := s.store.Assignments(r.Context(), ids)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for id, a := range as {
		out[id] = a.ReviewerName
	}
	return out, nil
}

// sourceAssignment is a source page's assignment section, for reviewers:
// who the source is assigned to and who it may be assigned to (enabled
// reviewers and admins cleared for it).
type sourceAssignment struct {
	Current   *app.Assignment
	Reviewers []model.User
}

func (s *Server) sourceAssignment(r *http.Request, src model.Source) (*sourceAssignment, error) {
	if !state(r).viewer.CanReview() {
		return nil, nil
	}
	ctx := r.Context()
	as, err := s.store.Assignments(ctx, []string{src.ID})
	if err != nil {
		return nil, err
	}
	out := &sourceAssignment{}
	if a, ok := as[src.ID]; ok {
		out.Current = &a
	}
	if out.Reviewers, err = s.app.Reviewers(ctx, state(r).viewer, src); err != nil {
		return nil, err
	}
	return out, nil
}

// assignSubmit assigns a source to a reviewer (form field reviewer, a user
// id) or, with an empty reviewer, takes the assignment away — as the
// signed-in reviewer or admin, recorded with them as the actor.
func (s *Server) assignSubmit(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), state(r).viewer
	id, reviewer := r.PathValue("id"), r.PostForm.Get("reviewer")
	if err := s.app.Assign(ctx, v, id, reviewer); err != nil {
		s.fail(w, r, err)
		return
	}
	s.log.Info("source assigned", "user", v.Actor(), "assigned", reviewer != "")
	http.Redirect(w, r, "/sources/"+id+"#assignment", http.StatusSeeOther)
}
