package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/model"
)

// TestAuthorizationMatrix requests every route as every role and as the
// anonymous visitor, checks the status, and searches every body for the
// values of sources and statements the requester is not cleared for.
func TestAuthorizationMatrix(t *testing.T) {
	r := newRig(t, "")
	type who struct {
		name      string // "" for the anonymous visitor
		clearance model.Sensitivity
		admin     bool
	}
	whos := []who{{name: ""}}
	for _, u := range roles {
		whos = append(whos, who{u.name, u.clearance, u.role == model.RoleAdmin})
	}

	src := func(s model.Sensitivity) string { return "/sources/" + r.sources[s].src.ID }
	// seeAt: 200 when cleared for level, else the not-found page.
	seeAt := func(level model.Sensitivity) func(who) int {
		return func(w who) int {
			if w.name == "" {
				return http.StatusSeeOther
			}
			if w.clearance >= level {
				return http.StatusOK
			}
			return http.StatusNotFound
		}
	}
	user := func(w who) int {
		if w.name == "" {
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
	adminPost := func(w who) int {
		switch {
		case w.name == "":
			return http.StatusSeeOther // a valid login-form token, but no session
		case w.admin:
			return http.StatusOK
		}
		return http.StatusForbidden
	}
	always := func(code int) func(who) int { return func(who) int { return code } }
	loginPage := func(w who) int {
		if w.name == "" {
			return http.StatusOK
		}
		return http.StatusSeeOther
	}

	routes := []struct {
		method, path string
		csrf         bool // send the page's CSRF token
		want         func(who) int
	}{
		{"GET", "/login", false, loginPage},
		{"POST", "/login", true, func(w who) int { // no name or password
			if w.name == "" {
				return http.StatusUnauthorized
			}
			return http.StatusSeeOther
		}},
		{"POST", "/login", false, always(http.StatusForbidden)},
		{"GET", "/", false, user},
		{"GET", "/sources", false, user},
		{"GET", "/sources?kind=testimony", false, user},
		{"GET", "/sources?language=ar", false, user},
		{"GET", "/sources?kind=bogus&language=xx&after=garbage", false, user},
		{"GET", src(model.Public), false, seeAt(model.Public)},
		{"GET", src(model.Internal), false, seeAt(model.Internal)},
		{"GET", src(model.Restricted), false, seeAt(model.Restricted)},
		{"GET", src(model.Confidential), false, seeAt(model.Confidential)},
		{"GET", "/sources/" + r.dupSource.src.ID, false, seeAt(model.Public)},
		{"GET", src(model.Public) + "/original", false, seeAt(model.Public)},
		{"GET", src(model.Internal) + "/original", false, seeAt(model.Internal)},
		{"GET", src(model.Restricted) + "/original", false, seeAt(model.Restricted)},
		{"GET", src(model.Confidential) + "/original", false, seeAt(model.Confidential)},
		{"GET", "/sources/src_0000000000000000", false, seeAt(model.Sensitivity(99))},
		{"GET", "/sources/src_0000000000000000/original", false, seeAt(model.Sensitivity(99))},
		{"GET", "/admin", false, admin},
		{"GET", "/admin/access-log", false, admin},
		{"POST", "/admin/verify", true, adminPost},
		{"POST", "/admin/verify", false, always(http.StatusForbidden)},
		{"POST", "/logout", false, always(http.StatusForbidden)},
		{"POST", "/sources", true, always(http.StatusNotFound)},
		{"GET", r.srv.css.url, false, always(http.StatusOK)},
		{"GET", "/static/other.css", false, always(http.StatusNotFound)},
		{"GET", "/healthz", false, always(http.StatusOK)},
		{"GET", "/no/such/page", false, always(http.StatusNotFound)},
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
		t.Run(label, func(t *testing.T) {
			c := r.client()
			if w.name != "" {
				c = r.login(w.name)
			}
			for _, rt := range routes {
				var form url.Values
				if rt.method == "POST" {
					form = url.Values{}
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
				for _, leak := range r.secretsAbove(w.name == "", w.clearance) {
					// An id the requester put in the URL may come back
					// (a redirect's link); nothing else may.
					if strings.Contains(resp.body, leak) && !strings.Contains(rt.path, leak) {
						t.Errorf("%s %s: body holds %q, above %s's clearance", rt.method, rt.path, leak, label)
					}
				}
				if strings.Contains(resp.body, "[[") {
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
