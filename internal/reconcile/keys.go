package reconcile

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/plumbing"
)

// keyRoot is where a reconciliation key's service answers: the whole
// service, as at Root, under the key's own URL.
const keyRoot = Root + "/key/{key}"

// KeyURL is the reconciliation service URL of a reconciliation key: base
// (the server's base URL, "" for a path beginning with /) followed by
// /reconcile/key/KEY. OpenRefine is given it as it is; everything it asks
// there — manifest, queries, suggestions, previews — acts as the key's
// account.
func KeyURL(base, key string) string {
	return strings.TrimRight(base, "/") + Root + "/key/" + url.PathEscape(key)
}

// HeaderViewer authenticates a request by its Authorization header: an
// API token or a reconciliation key, given as the header's whole value or
// after "Bearer " (the scheme in any case), acts as its account. The
// manifest at Root advertises the header this way.
func HeaderViewer(a *app.App) func(*http.Request) (access.Viewer, bool, error) {
	return func(r *http.Request) (access.Viewer, bool, error) {
		secret, ok := authorization(r.Header.Get("Authorization"))
		if !ok {
			return access.Public(), false, nil
		}
		v, _, ok, err := a.AuthenticateToken(r.Context(), secret, plumbing.ClientAddr(r), app.ScopeAPI, app.ScopeReconcile)
		return v, ok, err
	}
}

// authorization reads the token of an Authorization header: "Bearer TOKEN"
// or the token alone, one token and nothing after it.
func authorization(h string) (string, bool) {
	h = strings.TrimSpace(h)
	if h == "" {
		return "", false
	}
	scheme, tok, spaced := strings.Cut(h, " ")
	if !spaced {
		return h, true
	}
	if !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	tok = strings.TrimSpace(tok)
	if tok == "" || strings.ContainsAny(tok, " \t") {
		return "", false
	}
	return tok, true
}

type keyViewerKey struct{}

// keyViewer is the viewer withKey authenticated, if the route has a key.
func keyViewer(r *http.Request) (access.Viewer, bool) {
	v, ok := r.Context().Value(keyViewerKey{}).(access.Viewer)
	return v, ok
}

// withKey authenticates the key of a route under keyRoot before anything
// else: a key that is not a live reconciliation key of an active account
// gets 401 on every route, the manifest included (an API token in its place
// too: it belongs in a header, never in a URL). The key is never echoed,
// logged or put in an error.
func (s *Service) withKey(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v, _, ok, err := s.app.AuthenticateToken(r.Context(), r.PathValue("key"), plumbing.ClientAddr(r), app.ScopeReconcile)
		var expired *app.ExpiredTokenError
		if errors.As(err, &expired) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="athar", error="invalid_token", error_description="the key expired"`)
			problem(w, http.StatusUnauthorized, "this reconciliation URL's key expired on "+expired.ExpiresAt.UTC().Format("2006-01-02 15:04 MST")+
				"; ask an Athar admin for a new one ('athar token add USER --scope reconcile')")
			return
		}
		if err != nil {
			s.serverError(w, r, fmt.Errorf("authenticate a reconciliation key: %w", err))
			return
		}
		if !ok {
			w.Header().Set("WWW-Authenticate", `Bearer realm="athar", error="invalid_token"`)
			problem(w, http.StatusUnauthorized, "this reconciliation URL's key is not valid: it is unknown or revoked, or its account is disabled or no longer has the role it was made for; "+
				"ask an Athar admin for a new one ('athar token add USER --scope reconcile')")
			return
		}
		plumbing.SetUser(r.Context(), v.Actor())
		h(w, r.WithContext(context.WithValue(r.Context(), keyViewerKey{}, v)))
	}
}

// serviceRoot is the absolute URL the service answers this request at:
// Root, or the key's URL.
func (s *Service) serviceRoot(r *http.Request) string {
	if key := r.PathValue("key"); key != "" {
		return KeyURL(s.baseURL(r), key)
	}
	return s.baseURL(r) + Root
}

// JSONP, for clients that load answers as scripts (OpenRefine falls back to
// it when a service's CORS fails): a GET with ?callback=NAME gets its JSON
// answer as NAME(...); errors stay problem documents, which a browser will
// not run as a script.

// maxCallback bounds a callback's name.
const maxCallback = 128

// validCallback reports whether name is a JavaScript identifier path
// (a.b.c: ASCII letters, digits, _ and $, no digit first), all a JSONP
// callback needs and nothing a script could be smuggled in.
func validCallback(name string) bool {
	if name == "" || len(name) > maxCallback {
		return false
	}
	for _, part := range strings.Split(name, ".") {
		if part == "" {
			return false
		}
		for i, c := range part {
			switch {
			case c == '_' || c == '$' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
			case '0' <= c && c <= '9' && i > 0:
			default:
				return false
			}
		}
	}
	return true
}

// onlyJSONP reports whether a request's parameters are at most JSONP's:
// the callback and jQuery's cache-buster "_".
func onlyJSONP(form url.Values) bool {
	for k := range form {
		if k != "callback" && k != "_" {
			return false
		}
	}
	return true
}

// jsonp wraps a GET's JSON answer in its callback.
func jsonp(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cbs, asked := r.URL.Query()["callback"]
		if r.Method != http.MethodGet || !asked {
			next.ServeHTTP(w, r)
			return
		}
		if len(cbs) != 1 || !validCallback(cbs[0]) {
			problem(w, http.StatusBadRequest, fmt.Sprintf("callback: give one JavaScript name (letters, digits, _ and $, parts joined by dots, at most %d characters)", maxCallback))
			return
		}
		c := &captured{h: w.Header()}
		next.ServeHTTP(c, r)
		if c.status == 0 {
			c.status = http.StatusOK
		}
		if c.status != http.StatusOK || !strings.HasPrefix(c.h.Get("Content-Type"), "application/json") {
			w.WriteHeader(c.status)
			w.Write(c.body.Bytes())
			return
		}
		body := bytes.TrimRight(c.body.Bytes(), "\n")
		c.h.Set("Content-Type", "text/javascript; charset=utf-8")
		c.h.Del("Content-Length")
		w.WriteHeader(http.StatusOK)
		// The leading comment keeps the answer from starting with bytes a
		// caller chose (the old Flash "Rosetta" attack).
		fmt.Fprintf(w, "/**/%s(%s);\n", cbs[0], body)
	})
}

// captured holds an answer until jsonp has decided how to send it. Its
// header is the real writer's.
type captured struct {
	h      http.Header
	status int
	body   bytes.Buffer
}

func (c *captured) Header() http.Header { return c.h }

func (c *captured) WriteHeader(status int) {
	if c.status == 0 {
		c.status = status
	}
}

func (c *captured) Write(b []byte) (int, error) {
	if c.status == 0 {
		c.status = http.StatusOK
	}
	return c.body.Write(b)
}
