package web

import (
	"errors"
	"fmt"
	"math"
	"net/http"
	"strings"
	"sync"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
)

type loginData struct {
	Name  string
	Next  string
	Error string // a catalogue key, "" when none
	Wait  int    // minutes, for the rate-limit message
}

// loginShow is the login form.
func (s *Server) loginShow(w http.ResponseWriter, r *http.Request) {
	if state(r).user != nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	s.render(w, r, http.StatusOK, "login", "login.title", loginData{Next: localPath(r.URL.Query().Get("next"))})
}

// loginSubmit checks a name and password (the CSRF middleware has checked
// the form's token) and starts a session, or, for an account with a second
// factor to give, sends the browser on to the code (twofactor.go). Every
// failure goes to the access log under the name typed.
func (s *Server) loginSubmit(w http.ResponseWriter, r *http.Request) {
	if state(r).user != nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	name := strings.TrimSpace(r.PostForm.Get("name"))
	password := r.PostForm.Get("password")
	data := loginData{Name: name, Next: localPath(r.PostForm.Get("next"))}
	addr := clientIP(r)
	if ok, wait := s.limiter.allow(addr, name); !ok {
		data.Error, data.Wait = "login.too_many", max(1, int(math.Ceil(wait.Minutes())))
		w.Header().Set("Retry-After", fmt.Sprint(int(wait.Seconds())+1))
		s.render(w, r, http.StatusTooManyRequests, "login", "login.title", data)
		return
	}
	u, err := s.store.UserByName(r.Context(), name)
	if err != nil && !errors.Is(err, app.ErrNotFound) {
		s.serverError(w, r, err)
		return
	}
	hash := u.PasswordHash
	usable := err == nil && !u.Disabled && hash != ""
	if !usable {
		hash = dummyHash() // same work whether or not the account exists
	}
	match, err := s.checkPassword(r, hash, password)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if !usable || !match {
		s.limiter.failed(addr, name)
		if err := s.app.LogSignIn(r.Context(), name, addr, false); err != nil {
			s.serverError(w, r, err)
			return
		}
		data.Error = "login.failed"
		s.render(w, r, http.StatusUnauthorized, "login", "login.title", data)
		return
	}
	s.limiter.succeeded(addr, name)
	s.afterPassword(w, r, u, data.Next)
}

// checkPassword runs argon2id with at most cap(s.passwords) at once: each
// check takes 64 MiB, and a burst of logins must not exhaust memory.
func (s *Server) checkPassword(r *http.Request, hash, password string) (bool, error) {
	select {
	case s.passwords <- struct{}{}:
	case <-r.Context().Done():
		return false, r.Context().Err()
	}
	defer func() { <-s.passwords }()
	ok, err := access.CheckPassword(hash, password)
	if err != nil {
		// A malformed stored hash is an account that cannot log in, not
		// a server failure.
		return false, nil
	}
	return ok, nil
}

var (
	dummyOnce sync.Once
	dummy     string
)

func dummyHash() string {
	dummyOnce.Do(func() {
		dummy, _ = access.HashPassword(randomToken(24))
	})
	return dummy
}

// logoutSubmit ends the session.
func (s *Server) logoutSubmit(w http.ResponseWriter, r *http.Request) {
	if sess := state(r).session; sess != nil {
		if err := s.sessions.Delete(r.Context(), sess.ID); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	s.clearCookie(w, r, s.cookie(sessionCookie))
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}
