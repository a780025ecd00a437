package web

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
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
	Current   *store.Assignment
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
	users, err := s.store.Users(ctx)
	if err != nil {
		return nil, err
	}
	for _, u := range users {
		v := access.ForUser(u)
		if !u.Disabled && v.CanReview() && v.CanSee(src.Sensitivity) {
			out.Reviewers = append(out.Reviewers, u)
		}
	}
	return out, nil
}

// assignSubmit assigns a source to a reviewer (form field reviewer, a user
// id) or, with an empty reviewer, takes the assignment away — as the
// signed-in reviewer or admin, recorded with them as the actor.
func (s *Server) assignSubmit(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), state(r).viewer
	src, err := s.store.Source(ctx, v, r.PathValue("id"))
	if errors.Is(err, store.ErrNotFound) {
		s.notFound(w, r)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	reviewer := r.PostForm.Get("reviewer")
	err = s.store.Write(ctx, v.Actor(), func(tx *store.Tx) error {
		if reviewer == "" {
			return tx.Unassign(ctx, src.ID)
		}
		return tx.Assign(ctx, src.ID, reviewer)
	})
	if errors.Is(err, store.ErrNotReviewer) || errors.Is(err, store.ErrNotFound) {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.log.Info("source assigned", "user", v.Actor(), "assigned", reviewer != "")
	http.Redirect(w, r, "/sources/"+src.ID+"#assignment", http.StatusSeeOther)
}
