// Package web is Athar's web UI: server-rendered HTML from embedded
// templates, one embedded stylesheet and one small script (the review
// queue's keyboard shortcuts; every page works without it), in English and
// Arabic. It owns the HTTP side only — routes, middleware (recovery,
// logging, security headers, sessions, CSRF, authentication), login rate
// limiting, recording views of restricted material in the store's access
// log, and one handler per page: the dashboard, sources (the text with every
// mention marked and linked), entities (a person's profile with footnoted
// claims, disagreements side by side, the timeline and the derived case
// status and fate; facilities, places, organizations and events; a graph
// drawn as server-side SVG and a timeline page of each), search, the review
// queue (with work assigned to reviewers) and merge proposals, and for
// admins the ledger, the access log, accounts and publishing the public
// view — which lets anonymous visitors read, as access.Public(), what the
// read policy gives the public. Every read of evidence goes through
// the store with the signed-in user's access.Viewer, so the one read policy
// decides what a page can show; templates never filter. Every change goes
// through the store (and so the ledger) as the signed-in user.
package web

import (
	"crypto/rand"
	"errors"
	"html/template"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/go-webauthn/webauthn/webauthn"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/casefile"
)

// Config sets up a Server.
type Config struct {
	// BaseURL is the server's public address ("https://athar.example.org").
	// An https base URL makes cookies Secure and turns on HSTS. Its host is
	// the relying party security keys are registered with; without a base
	// URL there are no security keys.
	BaseURL string
	// Logger receives the request log; nil: slog.Default().
	Logger *slog.Logger
	// Sessions keeps signed-in sessions; nil: the store's table.
	Sessions SessionStore
	// AccessLog records views of restricted material; nil: the store's.
	AccessLog AccessLog
	// SessionTTL bounds a session's life (default 12h); SessionIdle ends a
	// session unused for that long (default 2h).
	SessionTTL, SessionIdle time.Duration
	// Secret signs session cookies and login-form tokens; nil: random at
	// start, which signs everyone out on restart (athar serve keeps one in
	// the data directory).
	Secret []byte
	// Now is the clock; nil: time.Now.
	Now func() time.Time
	// Jobs is the background job queue the admin page shows and retries;
	// nil: the page says there is none.
	Jobs JobQueue
	// App is the application layer every change and every search goes
	// through; it owns the process's name resolver and search index.
	App *app.App
	// Cases reads case files (entity pages, timelines, graphs, dossiers);
	// nil: the App's.
	Cases *casefile.Service
}

// Server is the web UI.
type Server struct {
	store     app.Reader // what pages read; every change is a use case of app
	log       *slog.Logger
	sessions  SessionStore
	accessLog AccessLog
	limiter   *loginLimiter
	pages     map[string]*template.Template
	css       asset
	js        asset // the review queue's keyboard shortcuts
	keyJS     asset // asks the browser for a security key (webauthn.js)
	// rp is the WebAuthn relying party of the base URL; nil without one
	// (no security keys then).
	rp        *webauthn.WebAuthn
	secret    []byte
	secure    bool
	ttl, idle time.Duration
	now       func() time.Time
	passwords chan struct{} // bounds concurrent argon2id checks (64 MiB each)
	verifying sync.Mutex    // one ledger verify at a time

	app *app.App

	cases *casefile.Service // what a record means: entity pages and dossiers

	maps       mapCache  // the map page's data, valid while the ledger head stays
	aggregates headCache // counts and lists, valid while the ledger head stays

	jobs JobQueue // nil without a queue
}

// New checks the configuration, parses the templates and returns a Server.
func New(cfg Config) (*Server, error) {
	if cfg.App == nil {
		return nil, errors.New("web: no application layer")
	}
	s := &Server{
		store: cfg.App.Reader(), log: cfg.Logger, sessions: cfg.Sessions, accessLog: cfg.AccessLog,
		secret: cfg.Secret, ttl: cfg.SessionTTL, idle: cfg.SessionIdle, now: cfg.Now,
		passwords: make(chan struct{}, 2), jobs: cfg.Jobs, app: cfg.App, cases: cfg.Cases,
	}
	if s.cases == nil {
		s.cases = cfg.App.Cases()
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.sessions == nil {
		s.sessions = cfg.App.Sessions()
	}
	if s.accessLog == nil {
		s.accessLog = cfg.App.AccessLogStore()
	}
	if s.ttl <= 0 {
		s.ttl = 12 * time.Hour
	}
	if s.idle <= 0 {
		s.idle = 2 * time.Hour
	}
	if len(s.secret) == 0 {
		s.secret = make([]byte, 32)
		if _, err := rand.Read(s.secret); err != nil {
			return nil, err
		}
	}
	if err := CheckBaseURL(cfg.BaseURL); err != nil {
		return nil, err
	}
	s.secure = strings.HasPrefix(strings.ToLower(cfg.BaseURL), "https://")
	s.limiter = newLoginLimiter(s.now)
	var err error
	if s.css, err = loadAsset("static/style.css", "text/css; charset=utf-8"); err != nil {
		return nil, err
	}
	if s.js, err = loadAsset("static/review.js", "text/javascript; charset=utf-8"); err != nil {
		return nil, err
	}
	if s.keyJS, err = loadAsset("static/webauthn.js", "text/javascript; charset=utf-8"); err != nil {
		return nil, err
	}
	switch s.rp, err = access.NewRelyingParty(cfg.BaseURL); {
	case errors.Is(err, access.ErrNoRelyingParty):
		if cfg.BaseURL != "" {
			s.log.Warn("no security keys", "why", err)
		}
	case err != nil:
		return nil, err
	}
	if s.pages, err = parseTemplates(); err != nil {
		return nil, err
	}
	return s, nil
}

// CheckBaseURL accepts "" or an absolute http(s) URL.
func CheckBaseURL(base string) error {
	if base == "" {
		return nil
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return errors.New("--base-url must be an absolute http(s) URL, e.g. https://athar.example.org")
	}
	return nil
}

// secureRequest reports whether cookies for r must be Secure: when served
// over TLS or when the base URL is https (TLS ends at a proxy).
func (s *Server) secureRequest(r *http.Request) bool { return s.secure || r.TLS != nil }
