package web

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/web/i18n"
)

// The enrolment page after a new admin's password offers a security key
// beside TOTP when the server has a base URL (and only then); a refused
// answer is logged and shows the page again; and the password alone never
// adds a key to an account that already has a second factor. (The whole
// ceremony, with a virtual authenticator: TestBrowserSecurityKey.)
func TestEnrolmentOffersASecurityKey(t *testing.T) {
	for _, c := range []struct {
		base  string
		offer bool
	}{{"http://localhost", true}, {"", false}} {
		r := newRig(t, c.base)
		if _, err := r.app.AddUser(context.Background(), access.Operator(), app.NewAccount{Name: "nadia", Role: model.RoleAdmin, Password: testPassword}); err != nil {
			t.Fatal(err)
		}
		cl := r.passwordOnly("nadia", "/login/enrol")
		page := cl.get("/login/enrol")
		if got := strings.Contains(page.body, `id="enrol-key-form"`); page.status != http.StatusOK || got != c.offer {
			t.Fatalf("base URL %q: enrolment page %d, offers a key: %v", c.base, page.status, got)
		}
		if !c.offer {
			continue
		}
		if !strings.Contains(html.UnescapeString(page.body), `"rp":{"name":"Athar","id":"localhost"}`) {
			t.Errorf("the key is not asked for the base URL's host:\n%s", page.body)
		}
		resp := cl.post("/login/enrol", "/login/enrol/key", url.Values{"name": {""}, "ceremony": {"x"}, "credential": {"{}"}})
		if resp.status != http.StatusBadRequest {
			t.Errorf("a key with no name: %d", resp.status)
		}
		resp = cl.post("/login/enrol", "/login/enrol/key", url.Values{"name": {"k"}, "ceremony": {"x"}, "credential": {"{}"}})
		if resp.status != http.StatusUnauthorized || !strings.Contains(resp.body, html.EscapeString(i18n.T(i18n.English, "keys.add_failed"))) ||
			!strings.Contains(resp.body, `id="enrol-key-form"`) {
			t.Errorf("a forged answer: %d\n%s", resp.status, resp.body)
		}
		if got := r.logged("nadia"); !slices.Contains(got, app.LogKeyFailed) || slices.Contains(got, app.LogSignIn) {
			t.Errorf("access log of nadia: %v", got)
		}
		// The enrolled admin's password leads to the code page; the
		// enrolment's key route sends it back there, adding nothing.
		adel := r.passwordOnly("adel", "/login/code")
		resp = adel.post("/login/code", "/login/enrol/key", url.Values{"name": {"k"}, "ceremony": {"x"}, "credential": {"{}"}})
		if resp.status != http.StatusSeeOther || resp.header.Get("Location") != "/login/code" {
			t.Errorf("an enrolled admin's password on the enrolment's key route: %d %s", resp.status, resp.header.Get("Location"))
		}
		if keys, err := r.app.SecurityKeys(context.Background(), nil, r.user("adel")); err != nil || len(keys) != 0 {
			t.Errorf("adel's keys: %+v %v", keys, err)
		}
	}
}
