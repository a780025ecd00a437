package web

import (
	"errors"
	"net/http"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
)

// Security keys (WebAuthn) on the account page and at sign-in. The pages
// carry the browser's options in a data attribute of their form; the small
// script static/webauthn.js asks the browser for the key and posts its
// answer in the form. The rules (which answers count, who may add or
// remove a key, the access log) are the application's (app/securitykeys.go).

type keyData struct {
	Name     string // the account's
	KeyName  string // what the owner calls the key being added
	Ceremony app.KeyCeremony
	Error    string // a catalogue key
	Wait     int
}

// keyAddSubmit checks the password and, for an account that has one, the
// current second factor, then shows the page that asks the browser for a
// new key.
func (s *Server) keyAddSubmit(w http.ResponseWriter, r *http.Request) {
	u := *state(r).user
	if s.rp == nil {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	keyName, err := app.CheckKeyName(r.PostForm.Get("name"))
	if err != nil {
		s.showAccount(w, r, http.StatusBadRequest, "keys.bad_name", 0)
		return
	}
	addr := clientIP(r)
	if wait, limited := s.codeLimited(w, r, u.Name); limited {
		s.showAccount(w, r, http.StatusTooManyRequests, "login.too_many", wait)
		return
	}
	if ok, err := s.reauthenticate(r, u); err != nil {
		s.serverError(w, r, err)
		return
	} else if !ok {
		s.limiter.codeFailed(addr, u.Name)
		s.showAccount(w, r, http.StatusUnauthorized, "keys.reauth_failed", 0)
		return
	}
	s.limiter.codeSucceeded(addr, u.Name)
	c, err := s.app.BeginKeyRegistration(r.Context(), s.rp, u)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "keyadd", "keys.add_title", keyData{Name: u.Name, KeyName: keyName, Ceremony: c})
}

// reauthenticate checks the password the account page's form carries and,
// when the account has a second factor (every admin's and reviewer's
// has), a code of it or a recovery code: a session left open on a shared
// computer does not let a passer-by add their own key.
func (s *Server) reauthenticate(r *http.Request, u model.User) (bool, error) {
	ok, err := s.checkPassword(r, u.PasswordHash, r.PostForm.Get("password"))
	if err != nil || !ok {
		if err == nil {
			err = s.app.LogSignIn(r.Context(), u.Name, clientIP(r), false)
		}
		return false, err
	}
	st, err := s.app.SecondFactor(r.Context(), u)
	if err != nil {
		return false, err
	}
	if !st.HasFactor() && !st.Required {
		return true, nil
	}
	_, err = s.app.CheckSecondFactor(r.Context(), u, r.PostForm.Get("code"), clientIP(r))
	if errors.Is(err, app.ErrBadCode) {
		return false, nil
	}
	return err == nil, err
}

// keyFinishSubmit stores the key the browser answered with (and shows the
// recovery codes of an account whose first second factor it is).
func (s *Server) keyFinishSubmit(w http.ResponseWriter, r *http.Request) {
	u := *state(r).user
	if s.rp == nil {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	codes, err := s.app.FinishKeyRegistration(r.Context(), s.rp, u, r.PostForm.Get("ceremony"), r.PostForm.Get("name"),
		[]byte(r.PostForm.Get("credential")), clientIP(r))
	if errors.Is(err, app.ErrBadCode) {
		s.showAccount(w, r, http.StatusUnauthorized, "keys.add_failed", 0)
		return
	}
	if app.KindOf(err) == app.Invalid {
		s.showAccount(w, r, http.StatusBadRequest, "keys.bad_name", 0)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.log.Info("security key added", "user", u.Name)
	if codes != nil {
		s.render(w, r, http.StatusOK, "recovery", "recovery.title", enrolData{Name: u.Name, Codes: codes, Next: "/account"})
		return
	}
	http.Redirect(w, r, "/account", http.StatusSeeOther)
}

// keyRemoveSubmit removes one of the signed-in account's keys: only from a
// session that gave a second factor. Every session of the account ends —
// one signed in with a lost key too — and this browser's starts afresh.
func (s *Server) keyRemoveSubmit(w http.ResponseWriter, r *http.Request) {
	st := state(r)
	if st.session.SecondFactor == app.FactorNone {
		s.forbidden(w, r)
		return
	}
	err := s.app.RemoveSecurityKey(r.Context(), *st.user, r.PathValue("id"), clientIP(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.startSession(w, r, st.user.ID, st.user.Name, st.session.SecondFactor); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.log.Info("security key removed", "user", st.user.Name)
	http.Redirect(w, r, "/account", http.StatusSeeOther)
}

// enrolKeySubmit registers, at first sign-in, the security key the
// enrolment page asked the browser for (showEnrolment), as the account's
// first second factor in place of TOTP: then the session starts, with the
// key as its factor, and the recovery codes are shown once. Only for an
// account that must give a second factor and has none — the password
// alone never adds a key to an account that has one.
func (s *Server) enrolKeySubmit(w http.ResponseWriter, r *http.Request) {
	u, next, ok := s.pending(w, r)
	if !ok {
		return
	}
	if s.rp == nil {
		http.Redirect(w, r, "/login/enrol", http.StatusSeeOther)
		return
	}
	st, err := s.app.SecondFactor(r.Context(), u)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if st.HasFactor() || !st.Required {
		// Enrolled meanwhile (or never asked to): the code page.
		http.Redirect(w, r, "/login/code", http.StatusSeeOther)
		return
	}
	addr := clientIP(r)
	if wait, limited := s.codeLimited(w, r, u.Name); limited {
		s.showEnrolment(w, r, u, "/login/enrol", "/login/enrol/qr.png", http.StatusTooManyRequests, enrolData{Error: "login.too_many", Wait: wait})
		return
	}
	codes, err := s.app.FinishKeyRegistration(r.Context(), s.rp, u, r.PostForm.Get("ceremony"), r.PostForm.Get("name"),
		[]byte(r.PostForm.Get("credential")), addr)
	switch {
	case errors.Is(err, app.ErrBadCode):
		s.limiter.codeFailed(addr, u.Name)
		s.showEnrolment(w, r, u, "/login/enrol", "/login/enrol/qr.png", http.StatusUnauthorized, enrolData{Error: "keys.add_failed"})
		return
	case app.KindOf(err) == app.Invalid:
		s.showEnrolment(w, r, u, "/login/enrol", "/login/enrol/qr.png", http.StatusBadRequest, enrolData{Error: "keys.bad_name"})
		return
	case err != nil:
		s.serverError(w, r, err)
		return
	}
	s.limiter.codeSucceeded(addr, u.Name)
	if err := s.beginSession(w, r, u, app.FactorKey); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.log.Info("second factor enrolled", "user", u.Name, "factor", app.FactorKey)
	s.render(w, r, http.StatusOK, "recovery", "recovery.title", enrolData{Name: u.Name, Codes: codes, Next: next})
}

// keySignInSubmit checks the key the browser answered with at sign-in and
// starts the session.
func (s *Server) keySignInSubmit(w http.ResponseWriter, r *http.Request) {
	u, next, ok := s.pending(w, r)
	if !ok {
		return
	}
	if s.rp == nil {
		http.Redirect(w, r, "/login/code", http.StatusSeeOther)
		return
	}
	addr := clientIP(r)
	if wait, limited := s.codeLimited(w, r, u.Name); limited {
		s.showCode(w, r, u, http.StatusTooManyRequests, codeData{Error: "login.too_many", Wait: wait})
		return
	}
	factor, err := s.app.CheckSecurityKey(r.Context(), s.rp, u, r.PostForm.Get("ceremony"), []byte(r.PostForm.Get("credential")), addr)
	if errors.Is(err, app.ErrBadCode) {
		s.limiter.codeFailed(addr, u.Name)
		s.showCode(w, r, u, http.StatusUnauthorized, codeData{Error: "keys.failed"})
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.limiter.codeSucceeded(addr, u.Name)
	s.signIn(w, r, u, factor, next)
}

// showCode renders the code page for u, with a fresh request for one of
// u's keys when u has any here.
func (s *Server) showCode(w http.ResponseWriter, r *http.Request, u model.User, status int, data codeData) {
	data.Name = u.Name
	if s.rp != nil {
		c, ok, err := s.app.BeginKeySignIn(r.Context(), s.rp, u)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		if ok {
			data.Key = &c
		}
	}
	st, err := s.app.SecondFactor(r.Context(), u)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	data.TOTP = st.Enrolled
	s.render(w, r, status, "code", "code.title", data)
}

type accountData struct {
	Name    string
	Factors app.SecondFactorStatus
	Keys    []app.SecurityKeyInfo
	KeysOn  bool   // the server has a base URL to bind keys to
	Error   string // a catalogue key
	Wait    int
}

// showAccount renders the signed-in account's page: its second factors.
func (s *Server) showAccount(w http.ResponseWriter, r *http.Request, status int, errKey string, wait int) {
	u := *state(r).user
	st, err := s.app.SecondFactor(r.Context(), u)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	keys, err := s.app.SecurityKeys(r.Context(), s.rp, u)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, status, "account", "account.title", accountData{Name: u.Name, Factors: st, Keys: keys, KeysOn: s.rp != nil,
		Error: errKey, Wait: wait})
}
