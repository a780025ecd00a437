package web

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/plumbing"
)

// Session is one signed-in browser (the store's type: the token that
// identifies it lives only in the visitor's cookie; the server keeps its
// SHA-256).
type Session = model.Session

// ErrNoSession means no live session has that id.
var ErrNoSession = app.ErrNoSession

// SessionStore keeps sessions on the server. The store's Sessions (a
// database table, shared by every server and kept across restarts) is the
// default.
type SessionStore interface {
	Create(ctx context.Context, s Session) error
	Get(ctx context.Context, id string) (Session, error)
	Touch(ctx context.Context, id string, at time.Time) error
	Delete(ctx context.Context, id string) error
	// DeleteUser ends every session of an account (disabled, password
	// changed).
	DeleteUser(ctx context.Context, userID string) error
	// Sweep drops sessions that expired before now.
	Sweep(ctx context.Context, now time.Time) error
}

const sessionCookie = "athar_session"

// cookie is the name a cookie goes by: with the __Host- prefix when the
// server is reached over https, so that the browser accepts it only Secure,
// for this host alone and for every path.
func (s *Server) cookie(name string) string {
	if s.secure {
		return "__Host-" + name
	}
	return name
}

// randomToken returns n random bytes, base64url-encoded.
func randomToken(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported systems
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// sign returns an HMAC-SHA256 of msg under the server's secret, for a purpose.
func (s *Server) sign(purpose, msg string) string {
	mac := hmac.New(sha256.New, s.secret)
	mac.Write([]byte(purpose + "\x00" + msg))
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

func sessionID(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// cookieToken checks a session cookie's signature and returns its token.
func (s *Server) cookieToken(value string) (string, bool) {
	token, sig, ok := strings.Cut(value, ".")
	if !ok || token == "" || !hmac.Equal([]byte(sig), []byte(s.sign("session", token))) {
		return "", false
	}
	return token, true
}

// startSession creates a session for a user, recording the second factor
// its sign-in gave (app.Factor*), and sets its cookie. A fresh token every
// login: a token planted before login is never promoted.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, userID, userName, factor string) error {
	token := randomToken(32)
	now := s.now().UTC()
	sess := Session{ID: sessionID(token), UserID: userID, UserName: userName, CSRF: randomToken(32),
		CreatedAt: now, LastSeen: now, ExpiresAt: now.Add(s.ttl), SecondFactor: factor}
	_ = s.sessions.Sweep(r.Context(), now)
	if err := s.sessions.Create(r.Context(), sess); err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: s.cookie(sessionCookie), Value: token + "." + s.sign("session", token), Path: "/",
		MaxAge: int(s.ttl.Seconds()), HttpOnly: true, Secure: s.secureRequest(r), SameSite: http.SameSiteStrictMode})
	return nil
}

func (s *Server) clearCookie(w http.ResponseWriter, r *http.Request, name string) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		Secure: s.secureRequest(r), SameSite: http.SameSiteStrictMode})
}

// loadSession finds the request's session, checks it is live, and reads its
// account afresh from the store, so that a disabled account or a changed
// role or clearance takes effect on the next request — and a session that
// lacks the second factor its account's role requires is ended.
func (s *Server) loadSession(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := r.Cookie(s.cookie(sessionCookie))
		if err != nil {
			next.ServeHTTP(w, r)
			return
		}
		token, ok := s.cookieToken(c.Value)
		if !ok {
			s.clearCookie(w, r, s.cookie(sessionCookie))
			next.ServeHTTP(w, r)
			return
		}
		ctx := r.Context()
		id := sessionID(token)
		sess, err := s.sessions.Get(ctx, id)
		now := s.now().UTC()
		if err != nil || !now.Before(sess.ExpiresAt) || now.Sub(sess.LastSeen) > s.idle {
			if err == nil {
				_ = s.sessions.Delete(ctx, id)
			} else if !errors.Is(err, ErrNoSession) {
				s.serverError(w, r, err)
				return
			}
			s.clearCookie(w, r, s.cookie(sessionCookie))
			next.ServeHTTP(w, r)
			return
		}
		u, err := s.store.UserByName(ctx, sess.UserName)
		if err != nil && !errors.Is(err, app.ErrNotFound) {
			s.serverError(w, r, err)
			return
		}
		allowed := false
		if err == nil && !u.Disabled && u.ID == sess.UserID {
			// A session without the second factor its account now needs
			// (a role raised, a factor enrolled elsewhere) ends here.
			if allowed, err = s.app.SessionAllowed(ctx, u, sess.SecondFactor); err != nil {
				s.serverError(w, r, err)
				return
			}
		}
		if !allowed {
			_ = s.sessions.DeleteUser(ctx, sess.UserID)
			s.clearCookie(w, r, s.cookie(sessionCookie))
			next.ServeHTTP(w, r)
			return
		}
		if now.Sub(sess.LastSeen) > time.Minute {
			_ = s.sessions.Touch(ctx, id, now)
		}
		st := state(r)
		st.session, st.user, st.viewer = &sess, &u, access.ForUser(u)
		plumbing.SetUser(ctx, st.viewer.Actor())
		next.ServeHTTP(w, r)
	})
}
