package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access/accesstest"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// TestAuthorizationMatrix requests every route as every role and as the
// anonymous visitor, with the public view unpublished and then published,
// checks the status, and searches every body for the values of sources and
// statements the requester is not cleared for.
func TestAuthorizationMatrix(t *testing.T) {
	// A base URL, so that the security-key routes have a relying party.
	r := newRig(t, "http://localhost")
	type who struct {
		name      string // "" for the anonymous visitor
		clearance model.Sensitivity
		admin     bool
		published bool // the admin has published the public view
	}
	var whos []who
	for _, published := range []bool{false, true} {
		whos = append(whos, who{name: "", published: published})
		for _, u := range roles {
			whos = append(whos, who{u.Name, u.Clearance, u.Role == model.RoleAdmin, published})
		}
	}
	// public: the anonymous visitor reads the published public view.
	public := func(w who) bool { return w.name == "" && w.published }

	src := func(s model.Sensitivity) string { return "/sources/" + r.sources[s].src.ID }
	// seeAt: on a route of the public view, 200 when cleared for level,
	// else the not-found page; the anonymous visitor of the published view
	// is cleared for public material only.
	seeAt := func(level model.Sensitivity) func(who) int {
		return func(w who) int {
			switch {
			case public(w) && level == model.Public:
				return http.StatusOK
			case public(w):
				return http.StatusNotFound
			case w.name == "":
				return http.StatusSeeOther
			case w.clearance >= level:
				return http.StatusOK
			}
			return http.StatusNotFound
		}
	}
	// seeConfirmedAt is seeAt for an entity the public view shows only if
	// confirmed says a person confirmed a public statement of it.
	seeConfirmedAt := func(level model.Sensitivity, confirmed bool) func(who) int {
		return func(w who) int {
			if public(w) && !confirmed {
				return http.StatusNotFound
			}
			return seeAt(level)(w)
		}
	}
	// signedAt: seeAt on a route for signed-in accounts only.
	signedAt := func(level model.Sensitivity) func(who) int {
		return func(w who) int {
			if w.name == "" {
				return http.StatusSeeOther
			}
			return seeAt(level)(w)
		}
	}
	// signedAnswer: ok for any signed-in account.
	signedAnswer := func(ok int) func(who) int {
		return func(w who) int {
			if w.name == "" {
				return http.StatusSeeOther
			}
			return ok
		}
	}
	// page: a page of the public view that every account may open.
	page := func(w who) int {
		if w.name == "" && !w.published {
			return http.StatusSeeOther
		}
		return http.StatusOK
	}
	admin := func(w who) int {
		switch {
		case w.name == "":
			return http.StatusSeeOther
		case w.admin:
			return http.StatusOK
		}
		return http.StatusForbidden
	}
	// adminAnswer: an admin's answer ok, others refused.
	adminAnswer := func(ok int) func(who) int {
		return func(w who) int {
			if code := admin(w); code != http.StatusOK {
				return code
			}
			return ok
		}
	}
	adminPost := adminAnswer(http.StatusOK)
	always := func(code int) func(who) int { return func(who) int { return code } }
	loginPage := func(w who) int {
		if w.name == "" {
			return http.StatusOK
		}
		return http.StatusSeeOther
	}

	// caseworker: the caseworker's and the admin's answer; other accounts
	// are refused before any enquiry is read.
	caseworker := func(ok int) func(who) int {
		return func(w who) int {
			switch {
			case w.name == "":
				return http.StatusSeeOther
			case w.name == "karim" || w.name == "adel":
				return ok
			}
			return http.StatusForbidden
		}
	}
	// watcher: the analysts', reviewers' and admins' answer; viewers and
	// caseworkers are refused before any watch list is read.
	watcher := func(ok int) func(who) int {
		return func(w who) int {
			switch {
			case w.name == "":
				return http.StatusSeeOther
			case w.name == "vera" || w.name == "karim":
				return http.StatusForbidden
			}
			return ok
		}
	}
	reviewer := func(w who) int {
		switch {
		case w.name == "":
			return http.StatusSeeOther
		case w.name == "rania" || w.name == "adel":
			return http.StatusOK
		}
		return http.StatusForbidden
	}
	// reviewerAt: the reviewer's answer, or not-found when the thing acted
	// on is above their clearance.
	reviewerAt := func(level model.Sensitivity, ok int) func(who) int {
		return func(w who) int {
			code := reviewer(w)
			switch {
			case code != http.StatusOK:
				return code
			case w.clearance < level:
				return http.StatusNotFound
			}
			return ok
		}
	}
	// enrolled: one answer for the seeded accounts enrolled in a second
	// factor, another for the others signed in; anonymous visitors go to
	// login.
	enrolled := func(yes, no int) func(who) int {
		return func(w who) int {
			switch {
			case w.name == "":
				return http.StatusSeeOther
			case accesstest.Enrolled(w.name):
				return yes
			}
			return no
		}
	}
	ent := func(id string) string { return "/entities/" + id }
	vera, err := r.st.UserByName(context.Background(), "vera")
	if err != nil {
		t.Fatal(err)
	}
	fx := r.fx
	// A take-down of the confidential source, asked for by the one admin
	// who signs in: it is pending throughout (adel may not approve it), and
	// its reason is for admins only.
	const takedownReason = "takedown reason marker 7q"
	var pendingTakeDown store.TakeDownRequest
	err = r.st.Write(context.Background(), "adel", func(tx *store.Tx) (err error) {
		pendingTakeDown, err = tx.RequestTakeDown(context.Background(), r.sources[model.Confidential].src.ID, takedownReason)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	routes := []struct {
		method, path string
		csrf         bool // send the page's CSRF token
		want         func(who) int
		form         url.Values
	}{
		{"GET", "/login", false, loginPage, nil},
		{"POST", "/login", true, func(w who) int { // no name or password
			if w.name == "" {
				return http.StatusUnauthorized
			}
			return http.StatusSeeOther
		}, nil},
		{"POST", "/login", false, always(http.StatusForbidden), nil},
		// The second step of sign-in needs a right password first: without
		// one, back to the login page (the QR code: not found).
		{"GET", "/login/code", false, always(http.StatusSeeOther), nil},
		{"POST", "/login/code", true, always(http.StatusSeeOther), url.Values{"code": {"123456"}}},
		{"POST", "/login/code", false, always(http.StatusForbidden), url.Values{"code": {"123456"}}},
		{"GET", "/login/enrol", false, always(http.StatusSeeOther), nil},
		{"POST", "/login/enrol", true, always(http.StatusSeeOther), url.Values{"code": {"123456"}}},
		{"POST", "/login/enrol", false, always(http.StatusForbidden), url.Values{"code": {"123456"}}},
		{"GET", "/login/enrol/qr.png", false, always(http.StatusNotFound), nil},
		{"POST", "/login/enrol/key", true, always(http.StatusSeeOther), url.Values{"name": {"k"}, "ceremony": {"x"}, "credential": {"{}"}}},
		{"POST", "/login/enrol/key", false, always(http.StatusForbidden), url.Values{"name": {"k"}, "ceremony": {"x"}, "credential": {"{}"}}},
		// One's own account: enrolment for those without a second factor
		// (the enrolled admin and reviewer are sent back to the account
		// page); new recovery codes only for a session that gave one.
		{"GET", "/account", false, signedAnswer(http.StatusOK), nil},
		{"GET", "/account/totp", false, enrolled(http.StatusSeeOther, http.StatusOK), nil},
		{"GET", "/account/totp/qr.png", false, enrolled(http.StatusNotFound, http.StatusOK), nil},
		{"POST", "/account/totp", true, enrolled(http.StatusSeeOther, http.StatusUnauthorized), url.Values{"code": {"not a code"}}},
		{"POST", "/account/totp", false, always(http.StatusForbidden), url.Values{"code": {"123456"}}},
		{"POST", "/account/recovery", true, enrolled(http.StatusOK, http.StatusForbidden), nil},
		{"POST", "/account/recovery", false, always(http.StatusForbidden), nil},
		// Security keys: signing in with one needs a right password first;
		// adding one needs a name, the password again and the current code
		// (a wrong one: TestAddingAKeyAsksAgain, since failures here would
		// slow the matrix's own sign-ins); removing one, a session that
		// gave a second factor.
		{"POST", "/login/key", true, always(http.StatusSeeOther), url.Values{"ceremony": {"x"}, "credential": {"{}"}}},
		{"POST", "/login/key", false, always(http.StatusForbidden), url.Values{"ceremony": {"x"}, "credential": {"{}"}}},
		{"POST", "/account/keys", true, signedAnswer(http.StatusBadRequest), url.Values{"name": {""}, "password": {testPassword}}},
		{"POST", "/account/keys", false, always(http.StatusForbidden), url.Values{"name": {"k"}, "password": {testPassword}}},
		{"POST", "/account/keys/finish", true, signedAnswer(http.StatusUnauthorized), url.Values{"name": {"k"}, "ceremony": {"x"}, "credential": {"{}"}}},
		{"POST", "/account/keys/finish", false, always(http.StatusForbidden), url.Values{"name": {"k"}, "ceremony": {"x"}}},
		{"POST", "/account/keys/nonexistent/remove", true, enrolled(http.StatusNotFound, http.StatusForbidden), nil},
		{"POST", "/account/keys/nonexistent/remove", false, always(http.StatusForbidden), nil},
		{"GET", r.srv.keyJS.url, false, always(http.StatusOK), nil},
		{"POST", "/admin/users/" + vera.ID, true, adminAnswer(http.StatusSeeOther), url.Values{"action": {"reset-2fa"}}},
		{"GET", "/", false, page, nil},
		{"GET", "/sources", false, page, nil},
		{"GET", "/sources?kind=testimony", false, page, nil},
		{"GET", "/sources?language=ar", false, page, nil},
		{"GET", "/sources?kind=bogus&language=xx&after=garbage", false, page, nil},
		{"GET", src(model.Public), false, seeAt(model.Public), nil},
		{"GET", src(model.Internal), false, seeAt(model.Internal), nil},
		{"GET", src(model.Restricted), false, seeAt(model.Restricted), nil},
		{"GET", src(model.Confidential), false, seeAt(model.Confidential), nil},
		{"GET", "/sources/" + r.dupSource.src.ID, false, seeAt(model.Public), nil},
		{"GET", src(model.Public) + "/original", false, signedAt(model.Public), nil},
		{"GET", src(model.Internal) + "/original", false, signedAt(model.Internal), nil},
		{"GET", src(model.Restricted) + "/original", false, signedAt(model.Restricted), nil},
		{"GET", src(model.Confidential) + "/original", false, signedAt(model.Confidential), nil},
		{"GET", src(model.Public) + "/files/" + r.sources[model.Public].file, false, signedAt(model.Public), nil},
		{"GET", src(model.Internal) + "/files/" + r.sources[model.Internal].file, false, signedAt(model.Internal), nil},
		{"GET", src(model.Restricted) + "/files/" + r.sources[model.Restricted].file, false, signedAt(model.Restricted), nil},
		{"GET", src(model.Confidential) + "/files/" + r.sources[model.Confidential].file, false, signedAt(model.Confidential), nil},
		{"GET", src(model.Public) + "/files/" + r.sources[model.Confidential].file, false, signedAt(model.Sensitivity(99)), nil},
		{"GET", "/sources/src_0000000000000000", false, seeAt(model.Sensitivity(99)), nil},
		{"GET", "/sources/src_0000000000000000/original", false, signedAt(model.Sensitivity(99)), nil},
		{"GET", "/admin", false, admin, nil},
		{"GET", "/admin/access-log", false, admin, nil},
		{"GET", "/admin/jobs", false, admin, nil},
		{"POST", "/admin/jobs/999999/retry", true, adminAnswer(http.StatusNotFound), nil},
		{"POST", "/admin/jobs/999999/retry", false, always(http.StatusForbidden), nil},
		{"POST", "/admin/verify", true, adminPost, nil},
		{"POST", "/admin/verify", false, always(http.StatusForbidden), nil},
		{"GET", "/admin/users", false, admin, nil},
		{"POST", "/admin/users", true, adminAnswer(http.StatusBadRequest), nil},
		{"POST", "/admin/users", true, adminAnswer(http.StatusBadRequest), url.Values{"name": {"x y"}, "role": {"viewer"}, "clearance": {"public"}, "password": {testPassword}}},
		{"POST", "/admin/users", false, always(http.StatusForbidden), url.Values{"name": {"eve"}, "role": {"admin"}, "clearance": {"confidential"}, "password": {testPassword}}},
		{"POST", "/admin/users/" + vera.ID, true, adminAnswer(http.StatusBadRequest), url.Values{"action": {"promote"}}},
		{"POST", "/admin/users/" + vera.ID, false, always(http.StatusForbidden), url.Values{"action": {"disable"}}},
		{"POST", "/admin/users/nonexistent", true, adminAnswer(http.StatusNotFound), url.Values{"action": {"disable"}}},
		{"POST", "/admin/publish", true, adminAnswer(http.StatusBadRequest), url.Values{"publish": {"maybe"}}},
		{"POST", "/admin/publish", false, always(http.StatusForbidden), url.Values{"publish": {"on"}}},
		// Take-down: admins only; no reason is a bad request, a source
		// with a request waiting a conflict, and the admin who asked may
		// not approve (403).
		{"POST", src(model.Public) + "/takedown", true, adminAnswer(http.StatusBadRequest), nil},
		{"POST", "/sources/src_0000000000000000/takedown", true, adminAnswer(http.StatusNotFound), url.Values{"reason": {"x"}}},
		{"POST", src(model.Confidential) + "/takedown", true, adminAnswer(http.StatusConflict), url.Values{"reason": {"again"}}},
		{"POST", src(model.Confidential) + "/takedown", false, always(http.StatusForbidden), url.Values{"reason": {"x"}}},
		{"POST", "/admin/takedowns/" + pendingTakeDown.ID, true, adminAnswer(http.StatusForbidden), url.Values{"action": {"approve"}}},
		{"POST", "/admin/takedowns/" + pendingTakeDown.ID, true, adminAnswer(http.StatusBadRequest), url.Values{"action": {"maybe"}}},
		{"POST", "/admin/takedowns/nonexistent", true, adminAnswer(http.StatusNotFound), url.Values{"action": {"refuse"}}},
		{"POST", "/admin/takedowns/" + pendingTakeDown.ID, false, always(http.StatusForbidden), url.Values{"action": {"approve"}}},
		{"POST", "/logout", false, always(http.StatusForbidden), nil},
		{"GET", "/upload", false, signedAt(model.Public), nil},
		{"GET", "/export", false, signedAt(model.Public), nil},
		{"GET", "/export/ftm", false, signedAt(model.Public), nil},
		{"GET", "/export/nonexistent", false, signedAt(model.Sensitivity(99)), nil},
		// An upload with nothing in it is a bad request for everyone signed
		// in; anonymous visitors go to login.
		{"POST", "/upload", true, signedAnswer(http.StatusBadRequest), nil},
		{"POST", "/upload", false, always(http.StatusForbidden), url.Values{"urls": {"https://example.org/"}}},
		{"POST", "/sources", true, always(http.StatusNotFound), nil},
		{"GET", "/capture", false, signedAt(model.Public), nil},
		// A capture form with nothing in it is a bad request for everyone
		// signed in; one with a URL is the analysts' and up (the page
		// reports that ftp: is no web page, before any browser starts).
		{"POST", "/capture", true, signedAnswer(http.StatusBadRequest), nil},
		{"POST", "/capture", true, func(w who) int {
			switch w.name {
			case "":
				return http.StatusSeeOther
			case "vera", "karim":
				return http.StatusForbidden
			}
			return http.StatusOK
		}, url.Values{"urls": {"ftp://example.org/page"}}},
		{"POST", "/capture", false, always(http.StatusForbidden), url.Values{"urls": {"https://example.org/"}}},
		// Redacting: the analysts' and up; an empty form is a bad request,
		// spans out of range too, and a source above the clearance is not
		// found (nothing is stored by any of these).
		{"POST", src(model.Public) + "/redact", true, func(w who) int {
			switch w.name {
			case "":
				return http.StatusSeeOther
			case "vera", "karim":
				return http.StatusForbidden
			}
			return http.StatusBadRequest
		}, nil},
		{"POST", src(model.Confidential) + "/redact", true, func(w who) int {
			switch {
			case w.name == "":
				return http.StatusSeeOther
			case w.name == "vera" || w.name == "karim":
				return http.StatusForbidden
			case w.clearance < model.Confidential:
				return http.StatusNotFound
			}
			return http.StatusBadRequest
		}, url.Values{"spans": {"0:99999999"}, "reason": {"a test"}}},
		{"POST", src(model.Public) + "/redact", false, always(http.StatusForbidden), url.Values{"spans": {"0:1"}, "reason": {"x"}}},
		{"GET", "/entities", false, page, nil},
		{"GET", "/entities?type=person", false, page, nil},
		{"GET", "/entities?type=event", false, page, nil},
		{"GET", "/entities?type=bogus", false, page, nil},
		{"GET", "/entities?type=person&after=garbage", false, page, nil},
		{"GET", ent(fx.person), false, seeAt(model.Public), nil},
		{"GET", ent(fx.facility), false, seeAt(model.Public), nil},
		{"GET", ent(fx.arrest), false, seeAt(model.Public), nil},
		{"GET", ent(fx.twin), false, seeConfirmedAt(model.Public, false), nil},
		{"GET", ent(fx.person) + "/graph", false, seeAt(model.Public), nil},
		{"GET", ent(fx.person) + "/timeline", false, seeAt(model.Public), nil},
		{"GET", ent(fx.facility) + "/graph", false, seeAt(model.Public), nil},
		{"GET", ent(fx.facility) + "/timeline", false, seeAt(model.Public), nil},
		{"GET", ent(fx.twin) + "/graph", false, seeConfirmedAt(model.Public, false), nil},
		{"GET", ent(fx.victim) + "/graph", false, seeAt(model.Confidential), nil},
		{"GET", ent(fx.victim) + "/timeline", false, seeAt(model.Confidential), nil},
		{"GET", ent(fx.witness) + "/graph", false, seeAt(model.Confidential), nil},
		{"GET", ent(fx.arrest) + "/graph", false, seeAt(model.Sensitivity(99)), nil},
		{"GET", ent(fx.arrest) + "/timeline", false, seeAt(model.Sensitivity(99)), nil},
		{"GET", ent("00000000-0000-0000-0000-000000000000") + "/graph", false, seeAt(model.Sensitivity(99)), nil},
		{"GET", ent(fx.merged) + "/timeline", false, func(w who) int {
			if w.name == "" && !w.published {
				return http.StatusSeeOther
			}
			return http.StatusFound
		}, nil},
		{"GET", ent(fx.person) + "/dossier", false, signedAt(model.Public), nil},
		{"GET", ent("00000000-0000-0000-0000-000000000000") + "/dossier.pdf", false, signedAt(model.Sensitivity(99)), nil},
		{"GET", ent(fx.torture), false, seeAt(model.Confidential), nil},
		{"GET", ent(fx.witness), false, seeAt(model.Confidential), nil},
		{"GET", ent(fx.victim), false, seeAt(model.Confidential), nil},
		{"GET", ent(fx.hidden), false, seeAt(model.Confidential), nil},
		{"GET", ent(fx.merged), false, func(w who) int {
			if w.name == "" && !w.published {
				return http.StatusSeeOther
			}
			return http.StatusFound // to the entity it was merged into
		}, nil},
		{"GET", ent("00000000-0000-0000-0000-000000000000"), false, seeAt(model.Sensitivity(99)), nil},
		{"GET", "/search", false, page, nil},
		{"GET", "/map", false, page, nil},
		{"GET", "/search?q=Omicron", false, page, nil},
		{"GET", "/search?q=Upsilon&type=person&status=proposed", false, page, nil},
		{"GET", "/search?q=marker", false, page, nil},
		{"GET", "/search?q=rho&near=" + fx.facility + "&from=2020&to=2030-12", false, page, nil},
		{"GET", "/search?q=Salloum", false, page, nil},
		{"GET", "/search?q=" + url.QueryEscape("سليم صيدنايا"), false, page, nil},
		{"GET", "/search?q=Aws+Saloum", false, page, nil},
		{"GET", "/search?q=" + url.QueryEscape(publicPersonAr), false, page, nil},
		{"GET", "/search?q=%22%29%28*&from=bogus&type=x&status=y&near=z", false, page, nil},
		{"GET", "/review", false, reviewer, nil},
		{"GET", "/review?mine=1", false, reviewer, nil},
		{"GET", "/review?mine=0&after=garbage", false, reviewer, nil},
		{"GET", "/review?after=garbage", false, reviewer, nil},
		{"GET", "/review?entity=" + fx.person, false, reviewer, nil},
		{"GET", "/review?entity=" + fx.victim, false, reviewerAt(model.Confidential, http.StatusOK), nil},
		{"GET", "/review?entity=nonexistent", false, reviewerAt(model.Sensitivity(99), http.StatusOK), nil},
		{"GET", "/review/merges", false, reviewer, nil},
		{"GET", "/review/claims", false, reviewer, nil},
		{"GET", "/review/claims?type=arrest&lang_src=en&modality=alleged&min_conf=0.5&mine=1", false, reviewer, nil},
		{"GET", "/review/claims?entity=" + fx.person, false, reviewer, nil},
		{"GET", "/review/claims?entity=" + fx.victim, false, reviewerAt(model.Confidential, http.StatusOK), nil},
		{"GET", "/review/claims?entity=nonexistent", false, reviewerAt(model.Sensitivity(99), http.StatusOK), nil},
		{"GET", "/review/claims?source=" + r.sources[model.Confidential].src.ID, false, reviewerAt(model.Confidential, http.StatusOK), nil},
		{"GET", "/review/claims?done=" + fx.confidentialStmt + "&did=confirm", false, reviewer, nil},
		// A decision on many: none is a bad request; a statement above the
		// reviewer's clearance is not found; one decided meanwhile a conflict.
		{"POST", "/review/claims", true, reviewerAt(model.Public, http.StatusBadRequest), url.Values{"action": {"confirm"}}},
		{"POST", "/review/claims", true, reviewerAt(model.Confidential, http.StatusConflict), url.Values{"action": {"reject"}, "st": {fx.confidentialStmt + ":rejected"}}},
		{"POST", "/review/claims", true, reviewerAt(model.Confidential, http.StatusConflict), url.Values{"action": {"reject"}, "st": {fx.confidentialStmt + ":rejected"}, "preview": {"1"}}},
		{"POST", "/review/claims", false, always(http.StatusForbidden), url.Values{"action": {"confirm"}, "st": {fx.proposed + ":proposed"}}},
		// A fact by hand: none is a bad request; an entity above the
		// reviewer's clearance is not found.
		{"POST", "/entities/" + fx.person + "/facts", true, reviewerAt(model.Public, http.StatusBadRequest), url.Values{"property": {"notes"}}},
		{"POST", "/entities/" + fx.victim + "/facts", true, reviewerAt(model.Confidential, http.StatusBadRequest), url.Values{"property": {"notes"}}},
		{"POST", "/entities/nonexistent/facts", true, reviewerAt(model.Sensitivity(99), http.StatusOK), url.Values{"property": {"notes"}, "value": {"x"}}},
		{"POST", "/entities/" + fx.person + "/facts", false, always(http.StatusForbidden), url.Values{"property": {"notes"}, "value": {"x"}}},
		{"POST", "/entities/" + fx.person + "/merge", true, reviewerAt(model.Public, http.StatusSeeOther), url.Values{"other": {fx.victim}}},
		{"POST", "/entities/" + fx.victim + "/merge", true, reviewerAt(model.Confidential, http.StatusSeeOther), url.Values{"other": {fx.person}}},
		{"POST", "/entities/nonexistent/merge", true, reviewerAt(model.Sensitivity(99), http.StatusOK), url.Values{"other": {fx.person}, "reason": {"x"}}},
		{"POST", "/entities/" + fx.person + "/merge", false, always(http.StatusForbidden), url.Values{"other": {fx.victim}, "reason": {"x"}}},
		{"POST", "/entities/" + fx.person + "/split", true, reviewerAt(model.Public, http.StatusSeeOther), url.Values{"part": {fx.victim}}},
		{"POST", "/entities/" + fx.victim + "/split", true, reviewerAt(model.Confidential, http.StatusSeeOther), url.Values{"part": {fx.person}}},
		{"POST", "/entities/" + fx.person + "/split", false, always(http.StatusForbidden), url.Values{"part": {fx.victim}, "reason": {"x"}}},
		// A note on a statement: reviewers; no text is a bad request, a
		// statement above the reviewer's clearance not found.
		{"POST", "/statements/" + fx.proposed + "/notes", true, reviewerAt(model.Public, http.StatusBadRequest), nil},
		{"POST", "/statements/" + fx.confidentialStmt + "/notes", true, reviewerAt(model.Confidential, http.StatusSeeOther), url.Values{"text": {"a note"}}},
		{"POST", "/statements/" + fx.proposed + "/notes", false, always(http.StatusForbidden), url.Values{"text": {"a note"}}},
		// The same from beside a fact on an entity's page, the statement
		// named by the form: one the reviewer may not see is not found.
		{"POST", "/statements/notes", true, reviewerAt(model.Public, http.StatusBadRequest), url.Values{"st": {fx.proposed}}},
		{"POST", "/statements/notes", true, reviewerAt(model.Confidential, http.StatusSeeOther), url.Values{"st": {fx.confidentialStmt}, "text": {"a note"}}},
		{"POST", "/statements/notes", false, always(http.StatusForbidden), url.Values{"st": {fx.proposed}, "text": {"a note"}}},
		// A split by statements: the page and its preview are the
		// reviewers'; a statement not found is not found; a confirmation
		// without statements a bad request.
		{"GET", "/entities/" + fx.person + "/split", false, reviewer, nil},
		{"GET", "/entities/" + fx.victim + "/split", false, reviewerAt(model.Confidential, http.StatusOK), nil},
		{"GET", "/entities/" + fx.person + "/split?preview=1&st=nonexistent", false, reviewerAt(model.Sensitivity(99), http.StatusOK), nil},
		{"POST", "/entities/" + fx.person + "/split-statements", true, reviewerAt(model.Public, http.StatusBadRequest), url.Values{"reason": {"x"}}},
		{"POST", "/entities/" + fx.person + "/split-statements", false, always(http.StatusForbidden), url.Values{"st": {fx.proposed}, "reason": {"x"}}},
		{"POST", src(model.Public) + "/notes", true, reviewerAt(model.Public, http.StatusBadRequest), url.Values{"text": {" "}}},
		{"POST", src(model.Confidential) + "/notes", true, reviewerAt(model.Confidential, http.StatusBadRequest), url.Values{"text": {""}}},
		{"POST", "/sources/nonexistent/notes", true, reviewerAt(model.Sensitivity(99), http.StatusOK), url.Values{"text": {"x"}}},
		{"POST", src(model.Public) + "/notes", false, always(http.StatusForbidden), url.Values{"text": {"x"}}},
		// Decisions: no action is a bad request once allowed; a statement
		// above the reviewer's clearance is not found.
		{"POST", "/review/" + fx.proposed, true, reviewerAt(model.Public, http.StatusBadRequest), nil},
		{"POST", "/review/" + fx.restrictedStmt, true, reviewerAt(model.Restricted, http.StatusBadRequest), url.Values{"action": {"sideways"}}},
		{"POST", "/review/" + fx.confidentialStmt, true, reviewerAt(model.Confidential, http.StatusBadRequest), nil},
		{"POST", "/review/" + fx.confidentialStmt, true, reviewerAt(model.Confidential, http.StatusBadRequest), url.Values{"action": {"edit"}, "value": {""}}},
		{"POST", "/review/" + fx.proposed, false, always(http.StatusForbidden), url.Values{"action": {"confirm"}}},
		{"POST", "/review/merges/" + fx.openProposal, true, reviewerAt(model.Public, http.StatusBadRequest), url.Values{"verdict": {"maybe"}}},
		{"POST", "/review/merges/" + fx.hiddenProposal, true, reviewerAt(model.Confidential, http.StatusBadRequest), nil},
		{"POST", "/review/merges/nonexistent", true, reviewerAt(model.Sensitivity(99), http.StatusOK), url.Values{"verdict": {"same"}}},
		{"POST", "/review/merges/" + fx.openProposal, false, always(http.StatusForbidden), url.Values{"verdict": {"same"}}},
		// Assigning: to no such reviewer is a bad request; a source above
		// the reviewer's clearance is not found.
		{"POST", src(model.Public) + "/assign", true, reviewerAt(model.Public, http.StatusBadRequest), url.Values{"reviewer": {"nonexistent"}}},
		{"POST", src(model.Public) + "/assign", true, reviewerAt(model.Public, http.StatusBadRequest), url.Values{"reviewer": {vera.ID}}},
		{"POST", src(model.Confidential) + "/assign", true, reviewerAt(model.Confidential, http.StatusSeeOther), url.Values{"reviewer": {""}}},
		{"POST", src(model.Public) + "/assign", false, always(http.StatusForbidden), url.Values{"reviewer": {""}}},
		// A witness's consent: admins only; the seeded testimony keeps its
		// consent to use in court. Consent is for testimony only, and a
		// partner's name holds no control character.
		{"POST", src(model.Confidential) + "/consent", true, adminAnswer(http.StatusSeeOther), url.Values{"consent_court": {"1"}}},
		{"POST", src(model.Confidential) + "/consent", true, adminAnswer(http.StatusBadRequest), url.Values{"consent_partners": {"bad\x01name"}}},
		{"POST", src(model.Public) + "/consent", true, adminAnswer(http.StatusBadRequest), url.Values{"consent_court": {"1"}}},
		{"POST", "/sources/nonexistent/consent", true, adminAnswer(http.StatusNotFound), url.Values{"consent_court": {"1"}}},
		{"POST", src(model.Confidential) + "/consent", false, always(http.StatusForbidden), url.Values{"consent_court": {"1"}}},
		{"GET", "/enquiries", false, caseworker(http.StatusOK), nil},
		{"GET", "/enquiries/" + r.enquiry, false, caseworker(http.StatusOK), nil},
		{"GET", "/enquiries/nonexistent", false, caseworker(http.StatusNotFound), nil},
		{"POST", "/enquiries", true, caseworker(http.StatusBadRequest), url.Values{"name": {""}}},
		{"POST", "/enquiries", true, caseworker(http.StatusBadRequest), url.Values{"name": {"x"}, "born": {"1988-13"}}},
		{"POST", "/enquiries", false, always(http.StatusForbidden), url.Values{"name": {"Aws Salloum"}}},
		{"POST", "/enquiries/" + r.enquiry + "/judge", true, caseworker(http.StatusBadRequest), url.Values{"entity": {fx.person}, "verdict": {"maybe"}}},
		{"POST", "/enquiries/" + r.enquiry + "/judge", true, caseworker(http.StatusNotFound), url.Values{"entity": {"nonexistent"}, "verdict": {"confirm"}}},
		{"POST", "/enquiries/" + r.enquiry + "/judge", false, always(http.StatusForbidden), url.Values{"entity": {fx.person}, "verdict": {"confirm"}}},
		{"POST", "/enquiries/alerts/nonexistent/seen", true, caseworker(http.StatusNotFound), nil},
		{"GET", "/watch", false, watcher(http.StatusOK), nil},
		{"POST", "/watch", true, watcher(http.StatusBadRequest), url.Values{"name": {""}}},
		{"POST", "/watch", true, watcher(http.StatusBadRequest), url.Values{"name": {"Wael Shaheen"}, "born": {"70"}}},
		{"POST", "/watch", false, always(http.StatusForbidden), url.Values{"name": {"Wael Shaheen"}}},
		{"POST", "/watch/nonexistent/remove", true, watcher(http.StatusNotFound), nil},
		{"POST", "/watch/nonexistent/remove", false, always(http.StatusForbidden), nil},
		{"GET", r.srv.js.url, false, always(http.StatusOK), nil},
		{"GET", r.srv.css.url, false, always(http.StatusOK), nil},
		{"GET", "/static/other.css", false, always(http.StatusNotFound), nil},
		{"GET", "/healthz", false, always(http.StatusOK), nil},
		{"GET", "/no/such/page", false, always(http.StatusNotFound), nil},
	}

	// Every route is in the matrix.
	mux, covered := r.srv.mux(), map[string]bool{}
	for _, rt := range routes {
		req, err := http.NewRequest(rt.method, r.ts.URL+rt.path, nil)
		if err != nil {
			t.Fatal(err)
		}
		_, pattern := mux.Handler(req)
		covered[pattern] = true
	}
	for _, rt := range r.srv.routes() {
		if !covered[rt.pattern] {
			t.Errorf("route %q is not in the authorization matrix", rt.pattern)
		}
	}

	for _, w := range whos {
		label := w.name
		if label == "" {
			label = "anonymous"
		}
		if w.published {
			label += " (published)"
			if on, err := r.st.PublicView(context.Background()); err != nil || !on {
				err := r.st.Write(context.Background(), "adel", func(tx *store.Tx) error { return tx.SetPublicView(context.Background(), true) })
				if err != nil {
					t.Fatal(err)
				}
			}
		}
		t.Run(label, func(t *testing.T) {
			c := r.client()
			if w.name != "" {
				c = r.login(w.name)
			}
			for _, rt := range routes {
				var form url.Values
				if rt.method == "POST" {
					form = url.Values{}
					for k, v := range rt.form {
						form[k] = v
					}
					if rt.csrf {
						page := "/"
						if w.name == "" {
							page = "/login"
						}
						form.Set("csrf", c.csrf(page))
					}
				}
				resp := c.do(rt.method, rt.path, form, nil)
				if want := rt.want(w); resp.status != want {
					t.Errorf("%s %s: status %d, want %d", rt.method, rt.path, resp.status, want)
				}
				checkHeaders(t, rt.method+" "+rt.path, resp)
				leaks := r.secretsAbove(w.name == "", w.clearance)
				if public(w) {
					leaks = r.unconfirmedOrAbovePublic()
				}
				if w.name != "karim" && w.name != "adel" {
					leaks = append(leaks, r.enquirySecrets...)
				}
				if w.name != "adel" {
					leaks = append(leaks, takedownReason)
				}
				asked, _ := url.QueryUnescape(rt.path)
				for _, leak := range leaks {
					// An id or words the requester put in the URL may come
					// back (a redirect's link, the search box); nothing
					// else may.
					if strings.Contains(resp.body, leak) && !strings.Contains(rt.path, leak) && !strings.Contains(asked, leak) {
						t.Errorf("%s %s: body holds %q, above %s's clearance", rt.method, rt.path, leak, label)
					}
				}
				// Pages only: an image's bytes (the second factor's QR code)
				// may hold "[[" by chance.
				if strings.HasPrefix(resp.header.Get("Content-Type"), "text/html") && strings.Contains(resp.body, "[[") {
					t.Errorf("%s %s: a message key is missing from the catalogue", rt.method, rt.path)
				}
			}
		})
	}
	// The log is read by operators who may hold no clearance at all.
	for _, leak := range r.secretsAbove(true, model.Public) {
		if strings.Contains(r.logs.String(), leak) {
			t.Errorf("the request log holds %q", leak)
		}
	}
}

// unconfirmedOrAbovePublic lists what the anonymous visitor of the
// published public view must never see: everything above public, and the
// public statements no person confirmed.
func (r *rig) unconfirmedOrAbovePublic() []string {
	return append(r.secretsAbove(false, model.Public), r.statements[model.Public], publicPersonAr, publicTwin, internalBirth)
}

// secretsAbove lists the values a requester must never be shown: for the
// anonymous visitor, every source's; otherwise those above clearance. The
// statement values are never shown by any page yet, so all above the
// clearance are checked.
func (r *rig) secretsAbove(anonymous bool, clearance model.Sensitivity) []string {
	var out []string
	for sens, sd := range r.sources {
		if anonymous || sens > clearance {
			out = append(out, sd.secrets...)
		}
	}
	if anonymous {
		out = append(out, r.dupSource.secrets...)
	}
	for sens, v := range r.statements {
		if anonymous || sens > clearance {
			out = append(out, v)
		}
	}
	for sens, vs := range r.extra {
		if anonymous || sens > clearance {
			out = append(out, vs...)
		}
	}
	return out
}

func checkHeaders(t *testing.T, what string, resp response) {
	t.Helper()
	want := map[string]string{
		"X-Content-Type-Options": "nosniff",
		"Referrer-Policy":        "no-referrer",
		"X-Frame-Options":        "DENY",
	}
	for k, v := range want {
		if got := resp.header.Get(k); got != v {
			t.Errorf("%s: %s = %q, want %q", what, k, got, v)
		}
	}
	csp := resp.header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "frame-ancestors 'none'") && !strings.Contains(csp, "sandbox") {
		t.Errorf("%s: CSP %q", what, csp)
	}
	if strings.Contains(csp, "unsafe-inline") {
		t.Errorf("%s: CSP allows inline code: %q", what, csp)
	}
}
