package web

import "net/http"

// who may use a route.
type audience int

const (
	anyone    audience = iota // the stylesheet, login, a health probe
	signedIn                  // any signed-in account; anonymous visitors go to login
	reviewers                 // reviewers and admins; other accounts get 403
	admins                    // admins; other accounts get 403
)

type route struct {
	pattern string
	who     audience
	handler http.HandlerFunc
}

// routes lists every route of the UI, with who may use it.
func (s *Server) routes() []route {
	return []route{
		{"GET /static/{name}", anyone, s.staticShow},
		{"GET /healthz", anyone, s.healthShow},
		{"GET /login", anyone, s.loginShow},
		{"POST /login", anyone, s.loginSubmit},

		{"POST /logout", signedIn, s.logoutSubmit},
		{"GET /{$}", signedIn, s.dashboardShow},
		{"GET /sources", signedIn, s.sourcesList},
		{"GET /sources/{id}", signedIn, s.sourceShow},
		{"GET /sources/{id}/original", signedIn, s.sourceDownload},
		{"GET /entities", signedIn, s.entitiesList},
		{"GET /entities/{id}", signedIn, s.entityShow},
		{"GET /search", signedIn, s.searchShow},
		{"GET /map", signedIn, s.mapShow},

		{"GET /review", reviewers, s.reviewShow},
		{"POST /review/{id}", reviewers, s.reviewSubmit},
		{"GET /review/merges", reviewers, s.mergesShow},
		{"POST /review/merges/{id}", reviewers, s.mergeSubmit},

		{"GET /admin", admins, s.adminShow},
		{"POST /admin/verify", admins, s.adminVerify},
		{"GET /admin/access-log", admins, s.accessLogShow},

		// Everything else is the same not-found page, signed in or not.
		{"/", anyone, s.notFound},
	}
}

func (s *Server) mux() *http.ServeMux {
	mux := http.NewServeMux()
	for _, rt := range s.routes() {
		switch rt.who {
		case anyone:
			mux.Handle(rt.pattern, rt.handler)
		case signedIn:
			mux.Handle(rt.pattern, s.requireUser(rt.handler))
		case reviewers:
			mux.Handle(rt.pattern, s.requireReviewer(rt.handler))
		case admins:
			mux.Handle(rt.pattern, s.requireAdmin(rt.handler))
		}
	}
	return mux
}

// Handler returns every route of the UI wrapped in its middleware.
func (s *Server) Handler() http.Handler {
	// Outermost last: recovery sees every panic, the log every request;
	// cross-origin unsafe requests are refused before any handler runs, and
	// every unsafe request must also carry its form's CSRF token.
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(s.forbidden))
	var h http.Handler = s.mux()
	h = s.csrf(h)
	h = cop.Handler(h)
	h = s.language(h)
	h = s.loadSession(h)
	h = s.securityHeaders(h)
	h = s.logRequests(h)
	h = s.recoverPanics(h)
	return h
}
