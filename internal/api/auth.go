package api

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/plumbing"
)

// audience is who may use a route.
type audience int

const (
	readers     audience = iota // any token
	writers                     // analysts, reviewers and admins: may add sources
	reviewers                   // reviewers and admins: may confirm and reject
	caseworkers                 // caseworkers and admins: families' enquiries
	watchers                    // analysts, reviewers and admins: watch lists
)

func (a audience) allows(v access.Viewer) bool {
	switch a {
	case writers, watchers:
		return v.CanWrite()
	case reviewers:
		return v.CanReview()
	case caseworkers:
		return v.CanEnquire()
	}
	return !v.Anonymous
}

func (a audience) refusal() string {
	switch a {
	case writers:
		return "adding sources needs an analyst, reviewer or admin account"
	case reviewers:
		return "reviewing needs a reviewer or admin account"
	case caseworkers:
		return "enquiries need a caseworker or admin account"
	case watchers:
		return "watch lists need an analyst, reviewer or admin account"
	}
	return "this needs an account"
}

// ViewerFor authenticates a request by its bearer token: the viewer the
// token's owner reads as, the owner, and true; or false when the request
// carries no token, or one that is malformed, unknown, revoked, expired or
// whose account is disabled. The error is for a store that failed.
func (s *Server) ViewerFor(r *http.Request) (access.Viewer, model.User, bool, error) {
	secret, ok := bearer(r.Header.Get("Authorization"))
	if !ok {
		return access.Public(), model.User{}, false, nil
	}
	v, tok, ok, err := s.app.AuthenticateToken(r.Context(), secret, plumbing.ClientAddr(r), app.ScopeAPI)
	if err != nil || !ok {
		return access.Public(), model.User{}, false, err
	}
	return v, model.User{ID: tok.UserID, Name: tok.UserName, Role: v.Role, Clearance: v.Clearance}, true, nil
}

// bearer reads the token of an Authorization header: "Bearer TOKEN", the
// scheme in any case (RFC 9110), one token, nothing after it.
func bearer(h string) (string, bool) {
	scheme, tok, ok := strings.Cut(strings.TrimSpace(h), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	tok = strings.TrimSpace(tok)
	if tok == "" || strings.ContainsAny(tok, " \t") {
		return "", false
	}
	return tok, true
}

// authenticate is the middleware of a route: 401 without a valid token, 403
// when the account's role may not use the route, else the handler with the
// caller in its context.
func (s *Server) authenticate(who audience) func(huma.Context, func(huma.Context)) {
	return func(ctx huma.Context, next func(huma.Context)) {
		r, _ := humago.Unwrap(ctx)
		v, u, ok, err := s.ViewerFor(r)
		var expired *app.ExpiredTokenError
		if errors.As(err, &expired) {
			ctx.SetHeader("WWW-Authenticate", `Bearer realm="athar", error="invalid_token", error_description="the token expired"`)
			huma.WriteErr(s.api, ctx, http.StatusUnauthorized, expired.Error())
			return
		}
		if err != nil {
			s.log.Error("authenticate", "err", err)
			huma.WriteErr(s.api, ctx, http.StatusInternalServerError, "the server could not check the token; the error is logged")
			return
		}
		if !ok {
			challenge := `Bearer realm="athar"`
			detail := "this needs an API token: send Authorization: Bearer <token> (athar token add makes one)"
			if r.Header.Get("Authorization") != "" {
				challenge += `, error="invalid_token"`
				detail = "the API token is not valid: unknown or revoked, or its account is disabled or no longer has the role it was made for"
			}
			ctx.SetHeader("WWW-Authenticate", challenge)
			huma.WriteErr(s.api, ctx, http.StatusUnauthorized, detail)
			return
		}
		plumbing.SetUser(r.Context(), v.Actor())
		if !who.allows(v) {
			huma.WriteErr(s.api, ctx, http.StatusForbidden, who.refusal()+"; "+v.Actor()+" is "+string(v.Role))
			return
		}
		next(huma.WithValue(ctx, callerKey{}, caller{viewer: v, user: u}))
	}
}

// noRoute answers what no route matches: 405 naming the allowed methods when
// the path is a route's, else 404. Both as problem details, both only to a
// caller with a valid token (an anonymous caller learns nothing, not even
// which paths exist: 401).
func (s *Server) noRoute(w http.ResponseWriter, r *http.Request) {
	if _, _, ok, err := s.ViewerFor(r); err != nil || !ok {
		status, detail := http.StatusUnauthorized, "this needs an API token: send Authorization: Bearer <token>"
		var expired *app.ExpiredTokenError
		switch {
		case errors.As(err, &expired):
			detail = expired.Error()
			w.Header().Set("WWW-Authenticate", `Bearer realm="athar", error="invalid_token", error_description="the token expired"`)
		case err != nil:
			s.log.Error("authenticate", "err", err)
			status, detail = http.StatusInternalServerError, "the server could not check the token; the error is logged"
		default:
			w.Header().Set("WWW-Authenticate", `Bearer realm="athar"`)
		}
		writeProblem(w, status, detail)
		return
	}
	if _, pattern := s.paths.Handler(r); pattern != "" {
		w.Header().Set("Allow", strings.Join(s.methods[pattern], ", "))
		writeProblem(w, http.StatusMethodNotAllowed, r.Method+" is not allowed here; allowed: "+strings.Join(s.methods[pattern], ", "))
		return
	}
	writeProblem(w, http.StatusNotFound, "no such API route; the routes are listed in "+Prefix+"/openapi.json")
}

// writeProblem writes a problem outside huma (no route matched).
func writeProblem(w http.ResponseWriter, status int, detail string) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(status)
	_ = huma.DefaultJSONFormat.Marshal(w, huma.NewError(status, detail))
}

// reqState is what a request carries down to its handler.
type reqState struct {
	remote string // the client's address, for the access log
}

type stateKey struct{}

func stateOf(ctx context.Context) *reqState {
	st, _ := ctx.Value(stateKey{}).(*reqState)
	return st
}
