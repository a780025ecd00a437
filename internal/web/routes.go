package web

import (
	"net/http"

	"github.com/athar-project/athar/internal/plumbing"
)

// who may use a route.
type audience int

const (
	anyone      audience = iota // the stylesheet, login, a health probe
	signedIn                    // any signed-in account; anonymous visitors go to login
	published                   // signed-in accounts, and anonymous visitors once the admin publishes the public view
	reviewers                   // reviewers and admins; other accounts get 403
	caseworkers                 // caseworkers and admins (families' enquiries); other accounts get 403
	watchers                    // analysts, reviewers and admins (watch lists); other accounts get 403
	admins                      // admins; other accounts get 403
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
		// The second step of sign-in: only a browser that gave the right
		// password in the last minutes gets further than a redirect.
		{"GET /login/code", anyone, s.codeShow},
		{"POST /login/code", anyone, s.codeSubmit},
		{"GET /login/enrol", anyone, s.enrolShow},
		{"POST /login/enrol", anyone, s.enrolSubmit},
		{"GET /login/enrol/qr.png", anyone, s.enrolQR},
		{"POST /login/enrol/key", anyone, s.enrolKeySubmit},
		{"POST /login/key", anyone, s.keySignInSubmit},

		{"POST /logout", signedIn, s.logoutSubmit},
		{"GET /account", signedIn, s.accountShow},
		{"GET /account/totp", signedIn, s.accountEnrolShow},
		{"POST /account/totp", signedIn, s.accountEnrolSubmit},
		{"GET /account/totp/qr.png", signedIn, s.accountQR},
		{"POST /account/recovery", signedIn, s.recoverySubmit},
		// Security keys (securitykeys.go): adding one asks again for the
		// password and current second factor, then for the key.
		{"POST /account/keys", signedIn, s.keyAddSubmit},
		{"POST /account/keys/finish", signedIn, s.keyFinishSubmit},
		{"POST /account/keys/{id}/remove", signedIn, s.keyRemoveSubmit},
		{"GET /{$}", published, s.dashboardShow},
		{"GET /sources", published, s.sourcesList},
		{"GET /sources/{id}", published, s.sourceShow},
		{"GET /sources/{id}/original", signedIn, s.sourceDownload},
		{"GET /sources/{id}/files/{sha256}", signedIn, s.sourceFileDownload},
		{"GET /entities", published, s.entitiesList},
		{"GET /entities/{id}", published, s.entityShow},
		{"GET /entities/{id}/graph", published, s.graphShow},
		{"GET /entities/{id}/timeline", published, s.timelineShow},
		{"GET /entities/{id}/dossier", signedIn, s.dossierShow},
		{"GET /entities/{id}/dossier.pdf", signedIn, s.dossierPDF},
		{"GET /upload", signedIn, s.uploadShow},
		{"POST /upload", signedIn, s.uploadSubmit},
		{"GET /capture", signedIn, s.captureShow},
		{"POST /capture", signedIn, s.captureSubmit},
		{"POST /sources/{id}/redact", signedIn, s.redactSubmit},
		{"GET /export", signedIn, s.exportShow},
		{"GET /export/{kind}", signedIn, s.exportDownload},
		{"GET /search", published, s.searchShow},
		{"GET /map", published, s.mapShow},

		{"GET /review", reviewers, s.reviewShow},
		{"GET /review/claims", reviewers, s.claimsShow},
		{"POST /entities/{id}/facts", reviewers, s.factSubmit},
		{"POST /entities/{id}/merge", reviewers, s.entityMergeSubmit},
		{"POST /entities/{id}/split", reviewers, s.entitySplitSubmit},
		{"GET /entities/{id}/split", reviewers, s.entitySplitShow},
		{"POST /entities/{id}/split-statements", reviewers, s.entitySplitStatements},
		{"POST /review/claims", reviewers, s.claimsSubmit},
		{"POST /review/{id}", reviewers, s.reviewSubmit},
		{"GET /review/merges", reviewers, s.mergesShow},
		{"POST /review/merges/{id}", reviewers, s.mergeSubmit},
		{"POST /sources/{id}/assign", reviewers, s.assignSubmit},
		{"POST /sources/{id}/notes", reviewers, s.sourceNoteSubmit},
		{"POST /statements/{id}/notes", reviewers, s.statementNoteSubmit},
		{"POST /statements/notes", reviewers, s.statementNoteSubmit},

		{"GET /enquiries", caseworkers, s.enquiriesShow},
		{"POST /enquiries", caseworkers, s.enquiryCreate},
		{"GET /enquiries/{id}", caseworkers, s.enquiryShow},
		{"POST /enquiries/{id}/judge", caseworkers, s.enquiryJudge},
		{"POST /enquiries/alerts/{id}/seen", caseworkers, s.enquiryAlertSeen},

		{"GET /watch", watchers, s.watchShow},
		{"POST /watch", watchers, s.watchCreate},
		{"POST /watch/{id}/remove", watchers, s.watchRemove},

		{"GET /admin", admins, s.adminShow},
		{"POST /admin/verify", admins, s.adminVerify},
		{"GET /admin/access-log", admins, s.accessLogShow},
		{"GET /admin/jobs", admins, s.jobsShow},
		{"POST /admin/jobs/{id}/retry", admins, s.jobRetry},
		{"POST /admin/publish", admins, s.publishSubmit},
		{"GET /admin/users", admins, s.usersShow},
		{"POST /admin/users", admins, s.userCreate},
		{"POST /admin/users/{id}", admins, s.userUpdate},
		{"POST /sources/{id}/consent", admins, s.consentSubmit},
		// Take-down: one admin asks, another approves (takedown.go).
		{"POST /sources/{id}/takedown", admins, s.takedownRequest},
		{"POST /admin/takedowns/{id}", admins, s.takedownDecide},

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
		case published:
			mux.Handle(rt.pattern, s.requirePublished(rt.handler))
		case reviewers:
			mux.Handle(rt.pattern, s.requireReviewer(rt.handler))
		case caseworkers:
			mux.Handle(rt.pattern, s.requireCaseworker(rt.handler))
		case watchers:
			mux.Handle(rt.pattern, s.requireWatcher(rt.handler))
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
	// The request log comes last before the routes that derive no new
	// request: the mux names the route on the request it is given.
	return plumbing.Chain(h, plumbing.Recover(s.log, s.panicked), withState, plumbing.LogRequests(s.log, "request"))
}
