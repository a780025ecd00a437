package web

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/go-webauthn/webauthn/webauthn"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/web/i18n"
)

// storeKey registers a key for name with the rig's relying party straight
// in the store (the browser test registers one through a real ceremony),
// and returns its id.
func (r *rig) storeKey(name, rpID string) string {
	r.t.Helper()
	rec, err := json.Marshal(webauthn.Credential{ID: []byte("credential of " + name), PublicKey: []byte{1, 2, 3}})
	if err != nil {
		r.t.Fatal(err)
	}
	id := store.NewID()
	if err := r.st.SecurityKeys().Add(context.Background(), store.SecurityKey{ID: id, UserID: r.user(name).ID, RPID: rpID,
		CredentialID: base64.RawURLEncoding.EncodeToString([]byte("credential of " + name)), Name: "key of " + name, Credential: string(rec)}); err != nil {
		r.t.Fatal(err)
	}
	return id
}

// Adding a key asks again for the password and, for an account that has a
// second factor, a code of it; only then does the page ask the browser for
// a key of this server's relying party. Without a base URL there are no
// keys.
func TestAddingAKeyAsksAgain(t *testing.T) {
	r := newRig(t, "http://localhost")
	adel := r.login("adel")
	askedForKey := func(body string) bool { return strings.Contains(body, `data-webauthn="create"`) }
	for _, tt := range []struct {
		name, password, code string
		want                 int
	}{
		{"k", "wrong password", r.codes.Code(t, "adel"), http.StatusUnauthorized},
		{"k", testPassword, "", http.StatusUnauthorized},
		{"", testPassword, r.codes.Code(t, "adel"), http.StatusBadRequest},
		{strings.Repeat("k", 65), testPassword, r.codes.Code(t, "adel"), http.StatusBadRequest},
	} {
		resp := adel.post("/account", "/account/keys", url.Values{"name": {tt.name}, "password": {tt.password}, "code": {tt.code}})
		if resp.status != tt.want || askedForKey(resp.body) {
			t.Errorf("name %q password %q code %q: %d, want %d and no key asked for", tt.name, tt.password, tt.code, resp.status, tt.want)
		}
	}
	if got := r.logged("adel"); !slices.Contains(got, app.LogSignInFailed) || !slices.Contains(got, app.LogCodeFailed) {
		t.Errorf("the access log of adel: %v, want the wrong password and code", got)
	}
	resp := adel.post("/account", "/account/keys", url.Values{"name": {"Blue key"}, "password": {testPassword}, "code": {r.codes.Code(t, "adel")}})
	if resp.status != http.StatusOK || !askedForKey(resp.body) || !strings.Contains(resp.body, "&#34;id&#34;:&#34;localhost&#34;") {
		t.Fatalf("with the password and code: %d, want the key asked for with relying party localhost:\n%s", resp.status, resp.body)
	}
	// An account without a second factor gives its password alone.
	anas := r.login("anas")
	if page := anas.get("/account"); strings.Contains(page.body, `id="key-code"`) {
		t.Error("the analyst without a second factor is asked for a code")
	}
	if resp := anas.post("/account", "/account/keys", url.Values{"name": {"k"}, "password": {testPassword}}); resp.status != http.StatusOK || !askedForKey(resp.body) {
		t.Errorf("the analyst's password: %d", resp.status)
	}
	// A stale or forged answer stores nothing.
	if resp := anas.post("/account", "/account/keys/finish", url.Values{"name": {"k"}, "ceremony": {"nonexistent"}, "credential": {"{}"}}); resp.status != http.StatusUnauthorized {
		t.Errorf("a forged answer: %d", resp.status)
	}
	if keys, _ := r.app.SecurityKeys(context.Background(), nil, r.user("anas")); len(keys) != 0 {
		t.Errorf("keys after a forged answer: %+v", keys)
	}

	off := newRig(t, "")
	vera := off.login("vera")
	if page := vera.get("/account"); !strings.Contains(page.body, `id="keys-off"`) || strings.Contains(page.body, `id="key-new"`) {
		t.Error("without a base URL the account page offers keys")
	}
	if resp := vera.post("/account", "/account/keys", url.Values{"name": {"k"}, "password": {testPassword}}); resp.status != http.StatusNotFound {
		t.Errorf("adding a key without a base URL: %d", resp.status)
	}
}

// A reviewer with a security key and no TOTP secret satisfies the second
// factor their role needs: the password leads to the code page (which
// asks for the key), not to enrolment, and only a session that gave the
// key acts. Removing the key ends every other session of the account.
func TestKeyIsASecondFactor(t *testing.T) {
	r := newRig(t, "http://localhost")
	ctx := context.Background()
	rania := r.user("rania")
	if err := r.st.SecondFactors().Remove(ctx, rania.ID); err != nil {
		t.Fatal(err)
	}
	r.passwordOnly("rania", "/login/enrol")
	r.storeKey("rania", "localhost")
	c := r.passwordOnly("rania", "/login/code")
	page := c.get("/login/code")
	if page.status != http.StatusOK || !strings.Contains(page.body, `data-webauthn="get"`) || !strings.Contains(page.body, i18n.T(i18n.English, "keys.code_intro")) {
		t.Fatalf("the code page of a key-only reviewer: %d", page.status)
	}
	for factor, want := range map[string]bool{app.FactorKey: true, app.FactorNone: false} {
		if ok, err := r.app.SessionAllowed(ctx, rania, factor); err != nil || ok != want {
			t.Errorf("a session of the key-only reviewer with factor %q: %v %v, want %v", factor, ok, err, want)
		}
	}
	// The admin page's "Remove second factor" removes keys too.
	if resp := r.login("adel").post("/admin/users", "/admin/users/"+rania.ID, url.Values{"action": {"reset-2fa"}}); resp.status != http.StatusSeeOther {
		t.Fatalf("reset-2fa: %d", resp.status)
	}
	r.passwordOnly("rania", "/login/enrol")

	// A key of another relying party (the base URL changed) is listed as
	// such and not asked for.
	other := newRig(t, "http://athar.example")
	other.storeKey("vera", "localhost")
	vera := other.passwordOnly("vera", "/login/code")
	if page := vera.get("/login/code"); strings.Contains(page.body, `data-webauthn="get"`) {
		t.Error("a key of another relying party was asked for")
	}

	// adel, signed in twice, removes a key from one session: the other ends.
	id := r.storeKey("adel", "localhost")
	one, two := r.login("adel"), r.login("adel")
	if page := one.get("/account"); !strings.Contains(page.body, "key of adel") {
		t.Fatal("the account page does not list the key")
	}
	if resp := one.post("/account", "/account/keys/"+id+"/remove", nil); resp.status != http.StatusSeeOther {
		t.Fatalf("remove: %d", resp.status)
	}
	if page := one.get("/account"); page.status != http.StatusOK || strings.Contains(page.body, "key of adel") {
		t.Errorf("the removing session after removal: %d", page.status)
	}
	if resp := two.get("/account"); resp.status != http.StatusSeeOther {
		t.Errorf("another session after removal: %d, want ended", resp.status)
	}
	if resp := one.post("/account", "/account/keys/"+id+"/remove", nil); resp.status != http.StatusNotFound {
		t.Errorf("removing it again: %d", resp.status)
	}
	if got := r.logged("adel"); !slices.Contains(got, app.LogKeyRemoved) {
		t.Errorf("the access log of adel: %v", got)
	}
}
