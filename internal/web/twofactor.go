package web

import (
	"encoding/base64"
	"errors"
	"fmt"
	"image/png"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
)

// Sign-in in two steps. A right password for an account that has a second
// factor (or whose role requires one) starts no session: it sets a
// short-lived signed cookie naming the account, and the code page (or, for
// an admin or reviewer not yet enrolled, the enrolment page) asks for a code.
// Only a right code starts the session, which records the factor given; a
// session without one can never act as admin or reviewer
// (app.SessionAllowed, checked on every request in loadSession).

const pendingCookie = "athar_pending"

// pendingTTL is how long a right password waits for its code.
const pendingTTL = 5 * time.Minute

// setPending remembers, for pendingTTL, that u gave the right password.
func (s *Server) setPending(w http.ResponseWriter, r *http.Request, u model.User, next string) {
	exp := s.now().Add(pendingTTL).Unix()
	payload := base64.RawURLEncoding.EncodeToString([]byte(u.ID + "\x00" + u.Name + "\x00" + strconv.FormatInt(exp, 10) + "\x00" + next))
	http.SetCookie(w, &http.Cookie{Name: s.cookie(pendingCookie), Value: payload + "." + s.sign("pending", payload), Path: "/",
		MaxAge: int(pendingTTL.Seconds()), HttpOnly: true, Secure: s.secureRequest(r), SameSite: http.SameSiteStrictMode})
}

// pendingUser is the account whose password this browser gave in the last
// pendingTTL, and where it was going; ok false when none (or the account
// has since been disabled or replaced).
func (s *Server) pendingUser(r *http.Request) (u model.User, next string, ok bool, err error) {
	c, cerr := r.Cookie(s.cookie(pendingCookie))
	if cerr != nil {
		return u, "", false, nil
	}
	payload, sig, found := strings.Cut(c.Value, ".")
	if !found || sig != s.sign("pending", payload) {
		return u, "", false, nil
	}
	raw, derr := base64.RawURLEncoding.DecodeString(payload)
	parts := strings.Split(string(raw), "\x00")
	if derr != nil || len(parts) != 4 {
		return u, "", false, nil
	}
	exp, perr := strconv.ParseInt(parts[2], 10, 64)
	if perr != nil || !s.now().Before(time.Unix(exp, 0)) {
		return u, "", false, nil
	}
	u, err = s.store.UserByName(r.Context(), parts[1])
	if errors.Is(err, app.ErrNotFound) {
		return u, "", false, nil
	}
	if err != nil {
		return u, "", false, err
	}
	if u.ID != parts[0] || u.Disabled {
		return u, "", false, nil
	}
	return u, localPath(parts[3]), true, nil
}

// pending is the account whose password this browser just gave, and where
// it was going; ok false when there is none, the answer (back to the login
// page, or a server error) written.
func (s *Server) pending(w http.ResponseWriter, r *http.Request) (u model.User, next string, ok bool) {
	u, next, ok, err := s.pendingUser(r)
	if err != nil {
		s.serverError(w, r, err)
		return u, "", false
	}
	if !ok {
		http.Redirect(w, r, "/login", http.StatusSeeOther)
	}
	return u, next, ok
}

// codeLimited reports whether name has given too many wrong codes from
// this address of late, setting Retry-After and returning the wait in
// minutes for the message when so.
func (s *Server) codeLimited(w http.ResponseWriter, r *http.Request, name string) (wait int, limited bool) {
	ok, d := s.limiter.allowCode(clientIP(r), name)
	if ok {
		return 0, false
	}
	w.Header().Set("Retry-After", fmt.Sprint(int(d.Seconds())+1))
	return max(1, int(math.Ceil(d.Minutes()))), true
}

// afterPassword goes on from a right password: straight into a session for
// an account with no second factor to give, else to the code or enrolment
// page.
func (s *Server) afterPassword(w http.ResponseWriter, r *http.Request, u model.User, next string) {
	st, err := s.app.SecondFactor(r.Context(), u)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	switch {
	case st.HasFactor():
		s.setPending(w, r, u, next)
		http.Redirect(w, r, "/login/code", http.StatusSeeOther)
	case st.Required:
		s.setPending(w, r, u, next)
		http.Redirect(w, r, "/login/enrol", http.StatusSeeOther)
	default:
		s.signIn(w, r, u, app.FactorNone, next)
	}
}

// signIn starts u's session, having proved factor, logs it, and goes on to
// next.
func (s *Server) signIn(w http.ResponseWriter, r *http.Request, u model.User, factor, next string) {
	if err := s.beginSession(w, r, u, factor); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.log.Info("login", "user", u.Name, "factor", factor)
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// beginSession starts u's session, having proved factor, logs the sign-in
// and drops the login and pending cookies.
func (s *Server) beginSession(w http.ResponseWriter, r *http.Request, u model.User, factor string) error {
	if err := s.startSession(w, r, u.ID, u.Name, factor); err != nil {
		return err
	}
	if err := s.app.LogSignIn(r.Context(), u.Name, clientIP(r), true); err != nil {
		return err
	}
	s.clearCookie(w, r, s.cookie(loginCookie))
	s.clearCookie(w, r, s.cookie(pendingCookie))
	return nil
}

type codeData struct {
	Name  string
	Error string // a catalogue key
	Wait  int    // minutes, for the rate-limit message
	TOTP  bool   // the account has a TOTP secret in force
	// Key asks the browser for one of the account's security keys; nil
	// when it has none here (securitykeys.go).
	Key *app.KeyCeremony
}

// codeShow asks for the code (or a security key) after a right password.
func (s *Server) codeShow(w http.ResponseWriter, r *http.Request) {
	u, _, ok := s.pending(w, r)
	if !ok {
		return
	}
	s.showCode(w, r, u, http.StatusOK, codeData{})
}

// codeSubmit checks the code (or a recovery code) and starts the session.
func (s *Server) codeSubmit(w http.ResponseWriter, r *http.Request) {
	u, next, ok := s.pending(w, r)
	if !ok {
		return
	}
	addr := clientIP(r)
	if wait, limited := s.codeLimited(w, r, u.Name); limited {
		s.showCode(w, r, u, http.StatusTooManyRequests, codeData{Error: "login.too_many", Wait: wait})
		return
	}
	factor, err := s.app.CheckSecondFactor(r.Context(), u, r.PostForm.Get("code"), addr)
	if errors.Is(err, app.ErrBadCode) {
		s.limiter.codeFailed(addr, u.Name)
		s.showCode(w, r, u, http.StatusUnauthorized, codeData{Error: "code.failed"})
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.limiter.codeSucceeded(addr, u.Name)
	s.signIn(w, r, u, factor, next)
}

type enrolData struct {
	Name   string
	Secret string
	URL    string
	Action string // where the form goes
	QR     string // the QR code image's path
	Error  string
	Wait   int
	Codes  []string // recovery codes, once confirmed
	Next   string   // where to go on from the recovery codes
	// Key asks the browser for a new security key in place of TOTP, at
	// first enrolment when the server has a base URL to bind keys to
	// (securitykeys.go); nil otherwise.
	Key *app.KeyCeremony
}

// enrolShow shows an admin or reviewer not yet enrolled a secret to load,
// after their password.
func (s *Server) enrolShow(w http.ResponseWriter, r *http.Request) {
	u, _, ok := s.pending(w, r)
	if !ok {
		return
	}
	s.showEnrolment(w, r, u, "/login/enrol", "/login/enrol/qr.png", http.StatusOK, enrolData{})
}

func (s *Server) showEnrolment(w http.ResponseWriter, r *http.Request, u model.User, action, qr string, status int, data enrolData) {
	e, err := s.app.StartTOTP(r.Context(), u)
	if app.KindOf(err) == app.Conflict {
		// Enrolled meanwhile (on the command line): the code page.
		http.Redirect(w, r, "/login/code", http.StatusSeeOther)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	data.Name, data.Secret, data.URL, data.Action, data.QR = u.Name, e.Secret, e.URL, action, qr
	if action == "/login/enrol" && s.rp != nil {
		// A security key may be the first factor instead (enrolKeySubmit).
		c, err := s.app.BeginKeyRegistration(r.Context(), s.rp, u)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		data.Key = &c
	}
	s.render(w, r, status, "enrol", "enrol.title", data)
}

// enrolQR is the QR code of the pending secret, for authenticator apps.
func (s *Server) enrolQR(w http.ResponseWriter, r *http.Request) {
	u, _, ok, err := s.pendingUser(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if !ok {
		s.notFound(w, r)
		return
	}
	s.writeQR(w, r, u)
}

func (s *Server) writeQR(w http.ResponseWriter, r *http.Request, u model.User) {
	e, err := s.app.StartTOTP(r.Context(), u)
	if app.KindOf(err) == app.Conflict {
		s.notFound(w, r)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	k, err := access.TOTPKey(u.Name, e.Secret)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	img, err := k.Image(240, 240)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "image/png")
	_ = png.Encode(w, img)
}

// enrolSubmit confirms the pending secret with a code, starts the session
// and shows the recovery codes once.
func (s *Server) enrolSubmit(w http.ResponseWriter, r *http.Request) {
	u, next, ok := s.pending(w, r)
	if !ok {
		return
	}
	s.confirmEnrolment(w, r, u, "/login/enrol", "/login/enrol/qr.png", next)
}

func (s *Server) confirmEnrolment(w http.ResponseWriter, r *http.Request, u model.User, action, qr, next string) {
	addr := clientIP(r)
	data := enrolData{}
	if wait, limited := s.codeLimited(w, r, u.Name); limited {
		data.Error, data.Wait = "login.too_many", wait
		s.showEnrolment(w, r, u, action, qr, http.StatusTooManyRequests, data)
		return
	}
	codes, err := s.app.ConfirmTOTP(r.Context(), u, r.PostForm.Get("code"), addr)
	if errors.Is(err, app.ErrBadCode) {
		s.limiter.codeFailed(addr, u.Name)
		data.Error = "code.failed"
		s.showEnrolment(w, r, u, action, qr, http.StatusUnauthorized, data)
		return
	}
	if app.KindOf(err) == app.Conflict {
		http.Redirect(w, r, "/login/code", http.StatusSeeOther)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.limiter.codeSucceeded(addr, u.Name)
	// A new session, with the factor just proved; the old one (if any, on
	// the account page) ends.
	if sess := state(r).session; sess != nil {
		_ = s.sessions.Delete(r.Context(), sess.ID)
	}
	if err := s.beginSession(w, r, u, app.FactorTOTP); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.log.Info("second factor enrolled", "user", u.Name)
	s.render(w, r, http.StatusOK, "recovery", "recovery.title", enrolData{Name: u.Name, Codes: codes, Next: next})
}

// accountShow is the signed-in account's own page: its second factors
// (securitykeys.go renders it).
func (s *Server) accountShow(w http.ResponseWriter, r *http.Request) {
	s.showAccount(w, r, http.StatusOK, "", 0)
}

// accountEnrolShow shows a signed-in account that has no second factor a
// secret to load.
func (s *Server) accountEnrolShow(w http.ResponseWriter, r *http.Request) {
	u := *state(r).user
	if st, err := s.app.SecondFactor(r.Context(), u); err != nil {
		s.serverError(w, r, err)
		return
	} else if st.Enrolled {
		http.Redirect(w, r, "/account", http.StatusSeeOther)
		return
	}
	s.showEnrolment(w, r, u, "/account/totp", "/account/totp/qr.png", http.StatusOK, enrolData{})
}

// accountQR is the QR code of the signed-in account's pending secret.
func (s *Server) accountQR(w http.ResponseWriter, r *http.Request) { s.writeQR(w, r, *state(r).user) }

// accountEnrolSubmit confirms the signed-in account's pending secret.
func (s *Server) accountEnrolSubmit(w http.ResponseWriter, r *http.Request) {
	s.confirmEnrolment(w, r, *state(r).user, "/account/totp", "/account/totp/qr.png", "/account")
}

// recoverySubmit gives the signed-in account fresh recovery codes: only to
// a session that gave a second factor.
func (s *Server) recoverySubmit(w http.ResponseWriter, r *http.Request) {
	st := state(r)
	if st.session.SecondFactor == app.FactorNone {
		s.forbidden(w, r)
		return
	}
	codes, err := s.app.RenewRecoveryCodes(r.Context(), *st.user, clientIP(r))
	if app.KindOf(err) == app.Conflict {
		s.renderError(w, r, http.StatusConflict)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "recovery", "recovery.title", enrolData{Name: st.user.Name, Codes: codes, Next: "/account"})
}
