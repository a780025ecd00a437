package web

import (
	"net/http"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
)

type adminData struct {
	Users     []model.User
	HeadSeq   int64
	Head      string
	Report    *app.VerifyReport // after a verify run
	Busy      bool              // a verify was already running
	Public    app.Setting       // whether the public view is published, and by whom
	Published bool
	// TakeDowns are the take-down requests waiting for a second admin.
	TakeDowns []app.TakeDownRequest
}

func (s *Server) adminData(r *http.Request) (adminData, error) {
	var d adminData
	var err error
	if d.Users, err = s.app.Users(r.Context(), state(r).viewer); err != nil {
		return d, err
	}
	if d.TakeDowns, err = s.app.PendingTakeDowns(r.Context(), state(r).viewer); err != nil {
		return d, err
	}
	if d.HeadSeq, d.Head, err = s.store.Head(r.Context()); err != nil {
		return d, err
	}
	d.Public, _, err = s.store.Setting(r.Context(), app.SettingPublicView)
	d.Published = d.Public.Value == "true"
	return d, err
}

// adminShow lists the accounts and the ledger's head.
func (s *Server) adminShow(w http.ResponseWriter, r *http.Request) {
	d, err := s.adminData(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "admin", "admin.title", d)
}

// adminVerify re-walks the ledger, re-hashes rows and originals, and shows
// the report. One run at a time: it reads every original.
func (s *Server) adminVerify(w http.ResponseWriter, r *http.Request) {
	d, err := s.adminData(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if !s.verifying.TryLock() {
		d.Busy = true
		s.render(w, r, http.StatusConflict, "admin", "admin.title", d)
		return
	}
	rep, err := s.app.Verify(r.Context(), state(r).viewer)
	s.verifying.Unlock()
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.log.Info("ledger verified", "user", state(r).viewer.Actor(), "ok", rep.OK, "problems", len(rep.Problems))
	d.Report = &rep
	s.render(w, r, http.StatusOK, "admin", "admin.title", d)
}

const accessLogShown = 500

// accessLogShow lists the newest views of restricted material.
func (s *Server) accessLogShow(w http.ResponseWriter, r *http.Request) {
	entries, err := s.app.AccessLog(r.Context(), state(r).viewer, accessLogShown)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "accesslog", "accesslog.title", entries)
}
