package web

import (
	"net/http"

	"github.com/athar-project/athar/internal/app"
)

// Take-down in the web UI takes two admins (issue 21): one asks on the
// source's page, with a reason; another approves or refuses on the admin
// page; only the approval destroys the source's data key. The command
// line's athar takedown stays the operator's path, in one step.

// takedownRequest asks that a source be taken down.
func (s *Server) takedownRequest(w http.ResponseWriter, r *http.Request) {
	v := state(r).viewer
	req, err := s.app.RequestTakeDown(r.Context(), v, r.PathValue("id"), r.PostFormValue("reason"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.log.Info("take-down requested", "user", v.Actor(), "request", req.ID)
	http.Redirect(w, r, "/admin#takedowns", http.StatusSeeOther)
}

// takedownDecide approves or refuses a pending request.
func (s *Server) takedownDecide(w http.ResponseWriter, r *http.Request) {
	var approve bool
	switch r.PostFormValue("action") {
	case "approve":
		approve = true
	case "refuse":
	default:
		s.fail(w, r, &app.Error{Kind: app.Invalid, Msg: "approve or refuse"})
		return
	}
	v := state(r).viewer
	req, err := s.app.DecideTakeDown(r.Context(), v, r.PathValue("id"), approve)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.log.Info("take-down decided", "user", v.Actor(), "request", req.ID, "status", req.Status)
	http.Redirect(w, r, "/admin#takedowns", http.StatusSeeOther)
}
