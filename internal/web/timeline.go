package web

import "net/http"

// timelineShow is the case timeline of a person, facility, place or
// organization as a page of its own: the profile's timeline assembly
// (events by date, those of unknown date last, each with its modality,
// review state and sources), with a person's derived case status and the
// dates sources disagree on.
func (s *Server) timelineShow(w http.ResponseWriter, r *http.Request) {
	p, _, ok := s.loadView(w, r, "timeline")
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "timeline", "timeline.title", p)
}
