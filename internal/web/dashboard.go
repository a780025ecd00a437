package web

import (
	"net/http"

	"github.com/athar-project/athar/internal/app"
)

type dashboardData struct {
	Counts   counts
	Recent   []sourceRow
	Assigned int // proposed statements assigned to the signed-in reviewer
}

const recentOnDashboard = 5

// dashboardShow is the home page: what the viewer may see, in numbers, the
// review queue's length, and the newest sources.
func (s *Server) dashboardShow(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), state(r).viewer
	c, err := s.countAll(ctx, v)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	recent, err := s.store.Sources(ctx, v, app.SourceFilter{Newest: true, Limit: recentOnDashboard})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if err := s.recordSources(r, "list", recent...); err != nil {
		s.serverError(w, r, err)
		return
	}
	d := dashboardData{Counts: c, Recent: rows(recent)}
	if u := state(r).user; u != nil && v.CanReview() {
		if d.Assigned, err = s.store.CountAssigned(ctx, v, u.ID); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "dashboard", "dashboard.title", d)
}
