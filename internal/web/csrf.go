package web

import (
	"crypto/subtle"
	"net/http"
	"strings"
)

// CSRF protection has two layers. http.CrossOriginProtection (in routes.go)
// refuses unsafe requests a browser marks as cross-origin. And every form
// carries a token that the server checks here on every POST: a signed-in
// session's own random token, or — on the login form, before there is a
// session — a signature of a random value kept in a short-lived cookie.

const (
	csrfField   = "csrf"
	loginCookie = "athar_login"
	maxFormSize = 64 << 10
)

// csrfToken is the token forms on this request's page must carry, setting
// the pre-login cookie when the visitor has no session yet.
func (s *Server) csrfToken(w http.ResponseWriter, r *http.Request) string {
	if sess := state(r).session; sess != nil {
		return sess.CSRF
	}
	value := ""
	if c, err := r.Cookie(s.cookie(loginCookie)); err == nil && c.Value != "" {
		value = c.Value
	} else {
		value = randomToken(32)
		http.SetCookie(w, &http.Cookie{Name: s.cookie(loginCookie), Value: value, Path: "/", MaxAge: 3600,
			HttpOnly: true, Secure: s.secureRequest(r), SameSite: http.SameSiteStrictMode})
	}
	return s.sign("login", value)
}

// expectedCSRF is the token an unsafe request must carry; "" when it cannot
// carry a valid one.
func (s *Server) expectedCSRF(r *http.Request) string {
	if sess := state(r).session; sess != nil {
		return sess.CSRF
	}
	if c, err := r.Cookie(s.cookie(loginCookie)); err == nil && c.Value != "" {
		return s.sign("login", c.Value)
	}
	return ""
}

// csrf refuses any request other than GET, HEAD and OPTIONS whose form
// lacks the right token.
func (s *Server) csrf(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
			next.ServeHTTP(w, r)
			return
		}
		// The upload form alone is multipart, with a larger bound; its
		// files wait in memory or temporary files until the handler is done.
		upload := r.URL.Path == "/upload" && strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data")
		limit := int64(maxFormSize)
		if upload {
			limit = maxUploadBody
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		var err error
		if upload {
			err = r.ParseMultipartForm(uploadMemory)
			if r.MultipartForm != nil {
				defer r.MultipartForm.RemoveAll()
			}
		} else {
			err = r.ParseForm()
		}
		if err != nil {
			s.renderError(w, r, http.StatusBadRequest)
			return
		}
		want, got := s.expectedCSRF(r), r.PostForm.Get(csrfField)
		if want == "" || subtle.ConstantTimeCompare([]byte(want), []byte(got)) != 1 {
			s.forbidden(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}
