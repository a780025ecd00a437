// Package reconcile serves Athar's entities to the tools investigators
// already use for matching their own tables — OpenRefine and the other
// clients of the W3C Entity Reconciliation Community Group's Reconciliation
// Service API — under /reconcile. It speaks version 0.2 of the protocol
// (what OpenRefine speaks) at /reconcile and the 1.0 draft at
// /reconcile/1.0-draft: the service manifest, reconciliation queries with
// type and property constraints, entity previews, suggest services for
// entities, types and properties, and (in 0.2) data extension.
//
// Candidates come from Athar's name matcher (resolve.Match) run over only
// the names the requesting viewer may see, so that neither a candidate nor
// its score rests on a name beyond their clearance; match is true only where
// the matcher would link the name on its own and nothing in the query
// contradicts it. Every answer with data needs an authenticated viewer; the
// manifest at /reconcile, which holds none, is open to all, as the protocol
// requires.
//
// A viewer is authenticated in one of two ways. A client that can send a
// header sends an API token or a reconciliation key in Authorization.
// OpenRefine cannot (it sends no header, and loads suggestions and previews
// in the user's browser), so a reconciliation key (a token of scope
// reconcile, made by `athar token add USER --scope reconcile`) also works as
// a service URL of its own, /reconcile/key/KEY, under which the whole
// service answers — manifest, queries, suggest and preview — as the key's
// account, and nothing else of Athar does. The key never reaches a log.
package reconcile

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/plumbing"
)

// Config configures the service.
type Config struct {
	// App is the application layer: it owns the process's name resolver and
	// the freshness of the search index.
	App *app.App
	// BaseURL is the address people reach the server at (athar serve
	// --base-url); the manifest's URLs start with it. Empty: taken from
	// each request's Host.
	BaseURL string
	// Viewer authenticates a request by its Authorization header: ok is
	// false for an anonymous one, err for a failure to find out. nil: an
	// API token or a reconciliation key, as the header's whole value or
	// after "Bearer " (HeaderViewer). Reconciliation keys in the service
	// URL are checked by the application layer whatever Viewer is.
	Viewer func(*http.Request) (v access.Viewer, ok bool, err error)
	Logger *slog.Logger
}

// Service answers reconciliation requests for one store.
type Service struct {
	st     app.Reader
	base   string
	viewer func(*http.Request) (access.Viewer, bool, error)
	log    *slog.Logger

	app *app.App
}

// New checks the configuration and returns the service.
func New(cfg Config) (*Service, error) {
	if cfg.App == nil {
		return nil, errors.New("reconcile: no application layer")
	}
	base := strings.TrimRight(cfg.BaseURL, "/")
	if base != "" {
		u, err := url.Parse(base)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("reconcile: base URL %q is not an absolute http(s) URL", cfg.BaseURL)
		}
	}
	s := &Service{st: cfg.App.Reader(), app: cfg.App, base: base, viewer: cfg.Viewer, log: cfg.Logger}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.viewer == nil {
		s.viewer = HeaderViewer(cfg.App)
	}
	return s, nil
}

// Root is where the service answers; draft is the 1.0-draft endpoint
// (relative to Root, or to a key's root).
const (
	Root  = "/reconcile"
	draft = "/1.0-draft"
)

// Handler answers every path under /reconcile: the service at Root, for
// requests that authenticate by header, and the same service at each
// reconciliation key's own URL (KeyURL).
func (s *Service) Handler() http.Handler {
	mux := http.NewServeMux()
	s.routes(mux, Root, func(h http.HandlerFunc) http.HandlerFunc { return h })
	s.routes(mux, keyRoot, s.withKey)
	mux.HandleFunc("OPTIONS "+Root, preflight)
	mux.HandleFunc("OPTIONS "+Root+"/{rest...}", preflight)
	// A wildcard, so that the request log prints no path here: a mistyped
	// key URL is still a key.
	mux.HandleFunc(Root+"/{rest...}", func(w http.ResponseWriter, r *http.Request) {
		problem(w, http.StatusNotFound, "no such reconciliation route; the manifest is at GET "+Root+" (or at your reconciliation URL)")
	})
	return plumbing.Chain(mux, plumbing.Recover(s.log, panicked), plumbing.LogRequests(s.log, "reconcile request"), headers, jsonp)
}

// routes mounts the service under root, each handler wrapped in wrap.
func (s *Service) routes(mux *http.ServeMux, root string, wrap func(http.HandlerFunc) http.HandlerFunc) {
	for _, p := range []string{root, root + "/{$}"} {
		mux.HandleFunc("GET "+p, wrap(s.endpoint02))
		mux.HandleFunc("POST "+p, wrap(s.endpoint02))
	}
	mux.HandleFunc("GET "+root+"/suggest/{kind}", wrap(s.authed(s.suggest)))
	mux.HandleFunc("GET "+root+"/preview", wrap(s.authed(s.preview)))
	mux.HandleFunc("GET "+root+"/propose_properties", wrap(s.authed(s.proposeProperties)))
	for _, p := range []string{root + draft, root + draft + "/{$}"} {
		mux.HandleFunc("GET "+p, wrap(s.manifestDraft))
	}
	mux.HandleFunc("POST "+root+draft+"/reconcile", wrap(s.authed(s.queryDraft)))
	mux.HandleFunc("GET "+root+draft+"/suggest/{kind}", wrap(s.authed(s.suggest)))
	mux.HandleFunc("GET "+root+draft+"/preview", wrap(s.authed(s.preview)))
}

// viewerFunc is a handler for an authenticated viewer.
type viewerFunc func(http.ResponseWriter, *http.Request, access.Viewer)

// authed answers 401 (never data) unless the request authenticates: by its
// key's URL (withKey has checked it) or by its Authorization header.
func (s *Service) authed(h viewerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if v, ok := keyViewer(r); ok {
			h(w, r, v)
			return
		}
		v, ok, err := s.viewer(r)
		var expired *app.ExpiredTokenError
		if errors.As(err, &expired) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="athar", error="invalid_token", error_description="the token expired"`)
			problem(w, http.StatusUnauthorized, expired.Error())
			return
		}
		if err != nil {
			s.serverError(w, r, fmt.Errorf("authenticate: %w", err))
			return
		}
		if !ok || v.Anonymous {
			challenge := `Bearer realm="athar"`
			if r.Header.Get("Authorization") != "" {
				challenge += `, error="invalid_token"`
			}
			w.Header().Set("WWW-Authenticate", challenge)
			problem(w, http.StatusUnauthorized, "sign in: send an Athar API token or reconciliation key in the Authorization header (the key alone, or 'Bearer KEY'), "+
				"or use the reconciliation URL that 'athar token add USER --scope reconcile' prints")
			return
		}
		plumbing.SetUser(r.Context(), v.Actor())
		h(w, r, v)
	}
}

// endpoint02 is the 0.2 endpoint: the manifest for a GET without
// parameters, otherwise a query batch in the queries parameter (GET query
// string or POST form).
func (s *Service) endpoint02(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	if err := r.ParseForm(); err != nil {
		problem(w, http.StatusBadRequest, "could not read the form: "+err.Error())
		return
	}
	if r.Method == http.MethodGet && onlyJSONP(r.Form) {
		s.manifest02(w, r)
		return
	}
	if _, ok := r.Form["extend"]; ok {
		s.authed(func(w http.ResponseWriter, r *http.Request, v access.Viewer) {
			s.extend(w, r, v, r.Form.Get("extend"))
		})(w, r)
		return
	}
	if _, ok := r.Form["queries"]; !ok {
		problem(w, http.StatusBadRequest, "missing the queries parameter: send a JSON query batch as queries=… (GET /reconcile alone returns the manifest)")
		return
	}
	s.authed(func(w http.ResponseWriter, r *http.Request, v access.Viewer) {
		qs, err := parseBatch02(r.Form.Get("queries"))
		if err != nil {
			badQuery(w, err)
			return
		}
		answers, err := s.answer(r, v, qs)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		out := make(map[string]result02, len(qs))
		for i, q := range qs {
			out[q.key] = result02{Result: answers[i]}
		}
		writeJSON(w, http.StatusOK, out)
	})(w, r)
}

// queryDraft answers a 1.0-draft batch: a JSON body {"queries": [...]}.
func (s *Service) queryDraft(w http.ResponseWriter, r *http.Request, v access.Viewer) {
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/json") {
		problem(w, http.StatusUnsupportedMediaType, "send the query batch as application/json")
		return
	}
	body, err := readBody(w, r)
	if err != nil {
		problem(w, http.StatusRequestEntityTooLarge, err.Error())
		return
	}
	qs, err := parseBatchDraft(body)
	if err != nil {
		badQuery(w, err)
		return
	}
	answers, err := s.answer(r, v, qs)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	out := resultsDraft{Results: make([]resultDraft, len(qs))}
	for i := range qs {
		out.Results[i] = resultDraft{Candidates: answers[i]}
	}
	writeJSON(w, http.StatusOK, out)
}

func readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return nil, fmt.Errorf("request body over %d bytes: send smaller batches", maxBody)
	}
	return b, err
}

// Result shapes.

type candidateJSON struct {
	ID          string    `json:"id"`
	Name        string    `json:"name"`
	Description string    `json:"description,omitempty"`
	Score       float64   `json:"score"`
	Match       bool      `json:"match"`
	Type        []kind    `json:"type"`
	Features    []feature `json:"features,omitempty"`
}

type result02 struct {
	Result []candidateJSON `json:"result"`
}

type resultDraft struct {
	Candidates []candidateJSON `json:"candidates"`
}

type resultsDraft struct {
	Results []resultDraft `json:"results"`
}

// answer runs every query of a batch for the viewer, each on its own, and
// records the restricted material it is about to show.
func (s *Service) answer(r *http.Request, v access.Viewer, qs []query) ([][]candidateJSON, error) {
	ctx := r.Context()
	rd := newReader(s.st, v)
	out := make([][]candidateJSON, len(qs))
	var shown []*entityView
	for i, q := range qs {
		cands, err := s.run(ctx, rd, q)
		if err != nil {
			return nil, err
		}
		out[i] = []candidateJSON{}
		for _, c := range cands {
			out[i] = append(out[i], candidateJSON{ID: c.view.id, Name: c.view.caption(), Description: c.description(),
				Score: c.score100(), Match: c.link, Type: []kind{typeRef(c.view.typ)}, Features: c.features})
			shown = append(shown, c.view)
		}
	}
	return out, s.record(r, v, "reconcile", shown...)
}

// shownProperties are the properties answers show: names in candidates and
// suggestions, and the facts of descriptions and previews.
var shownProperties = map[model.Property]bool{model.PropName: true, model.PropAlias: true, model.PropWeakAlias: true,
	model.PropTitle: true, model.PropPosition: true, model.PropAffiliation: true, model.PropBirthDate: true,
	model.PropBirthPlace: true, model.PropDeathDate: true, model.PropNationality: true, model.PropGender: true}

// record writes to the access log, by the audit rule (app.RecordViews),
// the restricted and confidential statements an answer shows (those of the
// shown properties) before it is sent. An answer whose showing cannot be
// recorded is not sent.
func (s *Service) record(r *http.Request, v access.Viewer, action string, views ...*entityView) error {
	var shown []model.Statement
	for _, ev := range views {
		for _, st := range ev.stmts {
			if shownProperties[st.Property] {
				shown = append(shown, st)
			}
		}
	}
	return s.app.RecordViews(r.Context(), v, action, plumbing.ClientAddr(r), app.Shown{Statements: shown})
}

// baseURL is the configured base URL, or the request's own origin.
func (s *Service) baseURL(r *http.Request) string {
	if s.base != "" {
		return s.base
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// Responses.

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		problem(w, http.StatusInternalServerError, "could not write the answer")
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Vary", "Authorization")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}

// problem writes an RFC 9457 problem: a status and a message safe to show.
func problem(w http.ResponseWriter, status int, detail string) {
	b, _ := json.Marshal(map[string]any{"type": "about:blank", "title": http.StatusText(status), "status": status, "detail": detail})
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}

func badQuery(w http.ResponseWriter, err error) {
	var big *tooLarge
	if errors.As(err, &big) {
		problem(w, http.StatusRequestEntityTooLarge, err.Error())
		return
	}
	problem(w, http.StatusBadRequest, err.Error())
}

// serverError logs the error (the route, never the query) and answers 500
// without detail.
func (s *Service) serverError(w http.ResponseWriter, r *http.Request, err error) {
	s.log.Error("reconcile", "route", r.Pattern, "err", err)
	problem(w, http.StatusInternalServerError, "the server failed to answer; try again, and tell the operator if it persists")
}

// panicked answers a request whose handler panicked.
func panicked(w http.ResponseWriter, _ *http.Request) {
	problem(w, http.StatusInternalServerError, "the server failed to answer")
}

// headers sets what every answer carries. CORS lets web-based clients
// (OpenRefine's pages in the user's browser) call the service from other
// origins, as the protocol requires: credentials are a header or a key in
// the URL, never a cookie, so no origin gains anything a script there does
// not already hold. No referrer: a page opened from a preview must not learn
// the key in its URL.
func headers(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Access-Control-Allow-Origin", "*")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Content-Type-Options", "nosniff")
		next.ServeHTTP(w, r)
	})
}

func preflight(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
	w.Header().Set("Access-Control-Allow-Headers", "Authorization, Content-Type")
	w.Header().Set("Access-Control-Max-Age", "600")
	w.WriteHeader(http.StatusNoContent)
}
