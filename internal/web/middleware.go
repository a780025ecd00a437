package web

import (
	"context"
	"errors"
	"net/http"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/web/i18n"
)

// reqState is what middleware learns about a request, shared down the chain
// through the context (one pointer, filled in as the request goes).
type reqState struct {
	session *Session
	user    *model.User
	viewer  access.Viewer
	lang    i18n.Lang
	public  bool // an anonymous visitor reading the published public view
}

type ctxKey struct{}

func state(r *http.Request) *reqState {
	if st, ok := r.Context().Value(ctxKey{}).(*reqState); ok {
		return st
	}
	return &reqState{viewer: access.Public(), lang: i18n.Default}
}

// withState gives the request the state the middleware below fills in.
func withState(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		st := &reqState{viewer: access.Public(), lang: i18n.Default}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, st)))
	})
}

// panicked answers a request whose handler panicked with the plain 500 page.
func (s *Server) panicked(w http.ResponseWriter, r *http.Request) {
	s.serverError(w, r, errors.New("panic"))
}

// contentSecurityPolicy allows the embedded stylesheet and script and
// nothing else: no inline scripts or styles, no framing, forms only back to
// this server.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; " +
	"frame-ancestors 'none'; base-uri 'none'"

func (s *Server) securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		// Pages show evidence: keep them out of every cache. The stylesheet
		// handler overrides this for its content-hashed URL.
		h.Set("Cache-Control", "no-store")
		if s.secureRequest(r) {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		next.ServeHTTP(w, r)
	})
}

// language picks the UI language: ?lang= (which also sets the cookie and
// redirects to the same page without it), else the cookie, else the
// browser's Accept-Language.
func (s *Server) language(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		st := state(r)
		if q := r.URL.Query().Get("lang"); q != "" && r.Method == http.MethodGet {
			l, _ := i18n.Parse(q)
			http.SetCookie(w, &http.Cookie{Name: langCookie, Value: string(l), Path: "/", MaxAge: 365 * 24 * 3600,
				HttpOnly: true, Secure: s.secureRequest(r), SameSite: http.SameSiteLaxMode})
			u := *r.URL
			query := u.Query()
			query.Del("lang")
			u.RawQuery = query.Encode()
			u.Scheme, u.Host = "", ""
			http.Redirect(w, r, u.RequestURI(), http.StatusSeeOther)
			return
		}
		if c, err := r.Cookie(langCookie); err == nil {
			if l, ok := i18n.Parse(c.Value); ok {
				st.lang = l
				next.ServeHTTP(w, r)
				return
			}
		}
		st.lang = i18n.FromAcceptLanguage(r.Header.Get("Accept-Language"))
		next.ServeHTTP(w, r)
	})
}

const langCookie = "athar_lang"

// requireUser sends anonymous visitors to the login page.
func (s *Server) requireUser(h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if state(r).user == nil {
			s.toLogin(w, r)
			return
		}
		h(w, r)
	})
}

// requirePublished lets signed-in accounts through, and anonymous visitors
// too once the admin has published the public view: they read as
// access.Public(), which the store's read policy limits to public material
// that a person confirmed. Otherwise anonymous visitors go to login.
func (s *Server) requirePublished(h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		st := state(r)
		if st.user != nil {
			h(w, r)
			return
		}
		on, err := s.store.PublicView(r.Context())
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		if !on {
			s.toLogin(w, r)
			return
		}
		st.viewer, st.public = access.Public(), true
		h(w, r)
	})
}

// requireAdmin is requireUser for admins only; others get 403.
func (s *Server) requireAdmin(h http.HandlerFunc) http.Handler {
	return s.requireUser(func(w http.ResponseWriter, r *http.Request) {
		if state(r).user.Role != model.RoleAdmin {
			s.forbidden(w, r)
			return
		}
		h(w, r)
	})
}

// requireReviewer is requireUser for reviewers and admins: they confirm,
// reject and edit statements and judge merges. Analysts and viewers get 403.
func (s *Server) requireReviewer(h http.HandlerFunc) http.Handler {
	return s.requireUser(func(w http.ResponseWriter, r *http.Request) {
		if !state(r).viewer.CanReview() {
			s.forbidden(w, r)
			return
		}
		h(w, r)
	})
}

// requireCaseworker lets caseworkers and admins through; other accounts
// get 403 before any enquiry is read.
func (s *Server) requireCaseworker(h http.HandlerFunc) http.Handler {
	return s.requireUser(func(w http.ResponseWriter, r *http.Request) {
		if !state(r).viewer.CanEnquire() {
			s.forbidden(w, r)
			return
		}
		h(w, r)
	})
}

// requireWatcher lets analysts, reviewers and admins through; other
// accounts get 403 before any watch list is read.
func (s *Server) requireWatcher(h http.HandlerFunc) http.Handler {
	return s.requireUser(func(w http.ResponseWriter, r *http.Request) {
		if !state(r).viewer.CanWrite() {
			s.forbidden(w, r)
			return
		}
		h(w, r)
	})
}

// toLogin redirects to the login page, remembering where the visitor was
// going when it was a page (GET) of this site.
func (s *Server) toLogin(w http.ResponseWriter, r *http.Request) {
	target := "/login"
	if r.Method == http.MethodGet && r.URL.Path != "/" {
		target += "?next=" + urlQueryEscape(r.URL.RequestURI())
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}
