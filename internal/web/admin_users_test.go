package web

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
)

// lastLedger is the newest ledger entry's actor and table.
func lastLedger(t *testing.T, r *rig) (actor, table string) {
	t.Helper()
	seq, _, err := r.st.Head(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	last, err := r.st.Ledger(context.Background(), seq-1, 1)
	if err != nil || len(last) != 1 {
		t.Fatalf("the last ledger entry: %v %v", last, err)
	}
	return last[0].Actor, last[0].Table
}

func TestAdminUsers(t *testing.T) {
	r := newRig(t, "")
	ctx := context.Background()
	adel := r.login("adel")
	user := func(name string) model.User {
		t.Helper()
		u, err := r.st.UserByName(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	contains(t, "the accounts page", adel.get("/admin/users").body, `id="users"`, `id="user-vera"`, `id="new-user"`, ">reviewer<")
	contains(t, "the admin page", adel.get("/admin").body, `href="/admin/users"`)
	// The new-account form starts from the one default clearance of a new
	// account (app.DefaultClearance), the same as athar user add.
	contains(t, "the new-account form", adel.get("/admin/users").body,
		`<option value="`+app.DefaultClearance(model.RoleViewer).String()+`" selected>`, `<option value="viewer" selected>`)

	// Create an account; its password works at once.
	post := func(path string, form url.Values) response { return adel.post("/admin/users", path, form) }
	newUser := url.Values{"name": {"nadia"}, "role": {"reviewer"}, "clearance": {"restricted"}, "password": {testPassword}}
	if resp := post("/admin/users", newUser); resp.status != http.StatusSeeOther {
		t.Fatalf("create: %d", resp.status)
	}
	if u := user("nadia"); u.Role != model.RoleReviewer || u.Clearance != model.Restricted || u.PasswordHash == testPassword {
		t.Errorf("created: %+v", u)
	}
	if a, tb := lastLedger(t, r); a != "adel" || tb != "users" {
		t.Errorf("the ledger's last entry is %s on %s", a, tb)
	}
	// A reviewer must enrol a second factor at first sign-in.
	r.passwordOnly("nadia", "/login/enrol")
	for _, tc := range []struct {
		name    string
		form    url.Values
		status  int
		problem string
	}{
		{"the same name again", newUser, http.StatusConflict, "already exists"},
		{"a short password", url.Values{"name": {"omar"}, "role": {"viewer"}, "clearance": {"public"}, "password": {"short"}}, http.StatusBadRequest, "too short"},
		{"a name with a space", url.Values{"name": {"omar x"}, "role": {"viewer"}, "clearance": {"public"}, "password": {testPassword}}, http.StatusBadRequest, "without spaces"},
		{"no such role", url.Values{"name": {"omar"}, "role": {"boss"}, "clearance": {"public"}, "password": {testPassword}}, http.StatusBadRequest, "Choose a role"},
	} {
		resp := post("/admin/users", tc.form)
		if resp.status != tc.status {
			t.Errorf("%s: %d, want %d", tc.name, resp.status, tc.status)
		}
		contains(t, tc.name, resp.body, `id="users-problem"`, tc.problem)
	}
	if _, err := r.st.UserByName(ctx, "omar"); err == nil {
		t.Error("a refused account was created")
	}

	// Change role and clearance: the next request of the account's session
	// reads as the new role. (A promotion to reviewer or admin ends a
	// session that gave no second factor: twofactor_test.go.)
	vera := r.login("vera")
	internal := "/sources/" + r.sources[model.Internal].src.ID
	if resp := vera.get(internal); resp.status != http.StatusNotFound {
		t.Fatalf("vera reads an internal source before promotion: %d", resp.status)
	}
	v := user("vera")
	if resp := post("/admin/users/"+v.ID, url.Values{"action": {"access"}, "role": {"analyst"}, "clearance": {"internal"}}); resp.status != http.StatusSeeOther {
		t.Fatalf("promote: %d", resp.status)
	}
	if u := user("vera"); u.Role != model.RoleAnalyst || u.Clearance != model.Internal {
		t.Errorf("promoted: %+v", u)
	}
	if resp := vera.get(internal); resp.status != http.StatusOK {
		t.Errorf("vera after promotion: %d", resp.status)
	}
	// Disable: her session ends at once; enable: she may log in again.
	if resp := post("/admin/users/"+v.ID, url.Values{"action": {"disable"}}); resp.status != http.StatusSeeOther {
		t.Fatalf("disable: %d", resp.status)
	}
	if resp := vera.get("/"); resp.status != http.StatusSeeOther {
		t.Errorf("a disabled account's session still works: %d", resp.status)
	}
	if resp := post("/admin/users/"+v.ID, url.Values{"action": {"enable"}}); resp.status != http.StatusSeeOther {
		t.Fatalf("enable: %d", resp.status)
	}
	r.login("vera")
	// A new password ends the sessions and replaces the old one.
	anas := r.login("anas")
	const fresh = "a completely new passphrase"
	if resp := post("/admin/users/"+user("anas").ID, url.Values{"action": {"password"}, "password": {fresh}}); resp.status != http.StatusSeeOther {
		t.Fatalf("set password: %d", resp.status)
	}
	if resp := anas.get("/"); resp.status != http.StatusSeeOther {
		t.Errorf("a session survived a new password: %d", resp.status)
	}
	c := r.client()
	if resp := c.post("/login", "/login", url.Values{"name": {"anas"}, "password": {fresh}}); resp.status != http.StatusSeeOther {
		t.Errorf("login with the new password: %d", resp.status)
	}

	// The last active admin can neither be demoted nor disabled ("gone" is
	// a disabled admin); with a second admin, they can.
	self := user("adel")
	for _, form := range []url.Values{
		{"action": {"access"}, "role": {"analyst"}, "clearance": {"confidential"}},
		{"action": {"disable"}},
	} {
		resp := post("/admin/users/"+self.ID, form)
		if resp.status != http.StatusConflict {
			t.Errorf("%v on the last admin: %d", form, resp.status)
		}
		contains(t, "the refusal", resp.body, "no active admin")
	}
	if u := user("adel"); u.Role != model.RoleAdmin || u.Disabled {
		t.Fatalf("the last admin was changed: %+v", u)
	}
	if resp := post("/admin/users/"+user("nadia").ID, url.Values{"action": {"access"}, "role": {"admin"}, "clearance": {"confidential"}}); resp.status != http.StatusSeeOther {
		t.Fatal(resp.status)
	}
	if resp := post("/admin/users/"+self.ID, url.Values{"action": {"access"}, "role": {"analyst"}, "clearance": {"confidential"}}); resp.status != http.StatusSeeOther {
		t.Errorf("demoting oneself with another admin left: %d", resp.status)
	}
	if resp := adel.get("/admin/users"); resp.status != http.StatusForbidden {
		t.Errorf("a demoted admin still manages accounts: %d", resp.status)
	}
	rep, err := r.st.Verify(ctx)
	if err != nil || !rep.OK {
		t.Errorf("verify after account changes: %+v %v", rep.Problems, err)
	}
}

func TestPublicView(t *testing.T) {
	r := newRig(t, "")
	fx := r.fx
	anon := r.client()
	closed := func(what string) {
		t.Helper()
		for _, p := range []string{"/", "/sources", "/entities/" + fx.person, "/entities/" + fx.person + "/graph", "/search?q=Salloum", "/map"} {
			if resp := anon.get(p); resp.status != http.StatusSeeOther {
				t.Errorf("%s: anonymous %s: %d", what, p, resp.status)
			}
		}
	}
	closed("before publishing")
	adel := r.login("adel")
	contains(t, "the admin page", adel.get("/admin").body, `id="publish-on"`, "Not published")
	if resp := adel.post("/admin", "/admin/publish", url.Values{"publish": {"on"}}); resp.status != http.StatusSeeOther {
		t.Fatalf("publish: %d", resp.status)
	}
	contains(t, "the admin page", adel.get("/admin").body, `id="publish-off"`, "Published", "last changed by")
	if a, tb := lastLedger(t, r); a != "adel" || tb != "settings" {
		t.Errorf("the ledger's last entry is %s on %s", a, tb)
	}
	home := anon.get("/")
	if home.status != http.StatusOK {
		t.Fatalf("anonymous dashboard when published: %d", home.status)
	}
	contains(t, "the public dashboard", home.body, `id="public-view"`, `id="login-link"`, `href="/entities"`)
	lacks(t, "the public dashboard", home.body, `href="/review"`, `href="/admin"`, `action="/logout"`)
	pb := anon.get("/entities/" + fx.person).body
	contains(t, "the public profile", pb, publicPerson, "Arrest")
	// confirmed public statements only: not the proposed Arabic alias, the
	// internal birthplace or the alleged torture
	lacks(t, "the public profile", pb, publicPersonAr, internalBirth, "Torture (allegation)", victimName)
	contains(t, "the public graph", anon.get("/entities/"+fx.person+"/graph").body, `class="node n-event"`)
	contains(t, "the public source", anon.get("/sources/"+fx.wire.ID).body, "Arrest in Homs")
	lacks(t, "the public source", anon.get("/sources/"+fx.wire.ID).body, `id="download"`, `id="assignment"`)
	for p, want := range map[string]int{
		"/entities/" + fx.twin:                         http.StatusNotFound, // named only by a proposed statement
		"/sources/" + r.sources[model.Internal].src.ID: http.StatusNotFound,
		"/sources/" + fx.wire.ID + "/original":         http.StatusSeeOther,
		"/review":                                      http.StatusSeeOther,
		"/admin":                                       http.StatusSeeOther,
		"/admin/users":                                 http.StatusSeeOther,
		"/entities/" + fx.person + "/dossier":          http.StatusSeeOther,
	} {
		if resp := anon.get(p); resp.status != want {
			t.Errorf("published, anonymous %s: %d, want %d", p, resp.status, want)
		}
	}
	if resp := adel.post("/admin", "/admin/publish", url.Values{"publish": {"off"}}); resp.status != http.StatusSeeOther {
		t.Fatalf("withdraw: %d", resp.status)
	}
	closed("after withdrawing")
	if on, err := r.st.PublicView(context.Background()); err != nil || on {
		t.Errorf("still published: %v %v", on, err)
	}
}
