package web

import "net/http"

type dashboardData struct {
	Counts counts
	Recent []sourceRow
}

const recentOnDashboard = 5

// dashboardShow is the home page: what the viewer may see, in numbers, and
// the newest sources.
func (s *Server) dashboardShow(w http.ResponseWriter, r *http.Request) {
	all, err := s.visibleSources(r.Context(), state(r).viewer)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	recent := all[:min(recentOnDashboard, len(all))]
	if err := s.recordSources(r, "list", recent...); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "dashboard", "dashboard.title", dashboardData{Counts: countSources(all), Recent: rows(recent)})
}
