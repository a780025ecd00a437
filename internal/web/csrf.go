package web

import (
	"crypto/subtle"
	"io"
	"net/http"
	"net/url"
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
		// The upload form alone is multipart, with a larger bound. It is
		// read as a stream: nobody without a session that may write gets a
		// byte of it read, and its first part must be the token, checked
		// before any file is read into memory or a temporary file.
		if r.URL.Path == "/upload" && strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
			if v := state(r).viewer; state(r).session == nil || !v.CanWrite() {
				s.forbidden(w, r)
				return
			}
			r.Body = http.MaxBytesReader(w, r.Body, maxUploadBody)
			ok, err := s.readUpload(r)
			if r.MultipartForm != nil {
				defer r.MultipartForm.RemoveAll()
			}
			switch {
			case err != nil:
				s.renderError(w, r, http.StatusBadRequest)
				return
			case !ok:
				s.forbidden(w, r)
				return
			}
			next.ServeHTTP(w, r)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, maxFormSize)
		if err := r.ParseForm(); err != nil {
			s.renderError(w, r, http.StatusBadRequest)
			return
		}
		if !s.tokenMatches(r, r.PostForm.Get(csrfField)) {
			s.forbidden(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// tokenMatches says whether got is the token r's form must carry.
func (s *Server) tokenMatches(r *http.Request, got string) bool {
	want := s.expectedCSRF(r)
	return want != "" && subtle.ConstantTimeCompare([]byte(want), []byte(got)) == 1
}

// readUpload reads a multipart upload whose first part must be the form's
// token: false, with nothing more read, when it is not. Otherwise the rest
// is read into r.MultipartForm (files beyond uploadMemory wait in temporary
// files) and its fields into r.PostForm, as ParseMultipartForm would.
func (s *Server) readUpload(r *http.Request) (bool, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return false, err
	}
	first, err := mr.NextPart()
	if err != nil {
		return false, err
	}
	if first.FormName() != csrfField || first.FileName() != "" {
		return false, nil
	}
	token, err := io.ReadAll(io.LimitReader(first, 1<<10))
	if err != nil {
		return false, err
	}
	if !s.tokenMatches(r, string(token)) {
		return false, nil
	}
	form, err := mr.ReadForm(uploadMemory)
	if err != nil {
		return false, err
	}
	r.MultipartForm = form
	r.PostForm = url.Values{csrfField: {string(token)}}
	for k, vs := range form.Value {
		r.PostForm[k] = append(r.PostForm[k], vs...)
	}
	r.Form = url.Values{}
	for k, vs := range r.URL.Query() {
		r.Form[k] = vs
	}
	for k, vs := range r.PostForm {
		r.Form[k] = append(vs, r.Form[k]...)
	}
	return true, nil
}
