package web

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/webauthn"
	"github.com/chromedp/chromedp"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/web/i18n"
)

// TestBrowserSecurityKey registers a security key in headless chromium —
// DevTools' virtual authenticator answering the page's
// navigator.credentials as a USB key would — signs out, signs in with the
// key in place of a code, and then, with the key removed from the account
// while the sign-in page waits, fails with it. First, a new admin never
// enrolled registers a key as their first second factor on the enrolment
// page that follows their password, in place of TOTP.
func TestBrowserSecurityKey(t *testing.T) {
	bin := chromium(t)
	// The relying party is the base URL's host, and a WebAuthn relying party
	// must be a domain: the server is reached as localhost (a secure context
	// over plain http), on a port known before the server is built.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://localhost:" + strings.TrimPrefix(ln.Addr().String(), "127.0.0.1:")
	r := newRigWith(t, base, func(r *rig, ctx context.Context) { r.addUsers(ctx) })
	ts := httptest.NewUnstartedServer(r.srv.Handler())
	ts.Listener.Close()
	ts.Listener = ln
	ts.Start()
	t.Cleanup(ts.Close)

	ctx := browser(t, bin, 90*time.Second)
	do := func(step string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	css := func(sel string) chromedp.CSS { return chromedp.CSS(sel) }
	do("open the login page", chromedp.Navigate(base+"/login"), chromedp.WaitVisible(css("#login-submit")))
	if _, err := chromedp.Call(ctx, webauthn.Enable, webauthn.EnableParams{}); err != nil {
		t.Fatalf("WebAuthn.enable: %v", err)
	}
	if _, err := chromedp.Call(ctx, webauthn.AddVirtualAuthenticator, webauthn.AddVirtualAuthenticatorParams{
		Options: &webauthn.VirtualAuthenticatorOptions{Protocol: webauthn.AuthenticatorProtocolCtap2, Transport: webauthn.AuthenticatorTransportUsb,
			AutomaticPresenceSimulation: true},
	}); err != nil {
		t.Fatalf("WebAuthn.addVirtualAuthenticator: %v", err)
	}
	passwordOf := func(name, next string) chromedp.Action[chromedp.Void] {
		return chromedp.Steps(
			chromedp.Navigate(base+"/login"),
			chromedp.WaitVisible(css("#login-submit")),
			chromedp.SendKeys(css("#name"), name),
			chromedp.SendKeys(css("#password"), testPassword),
			chromedp.Click(css("#login-submit")),
			chromedp.WaitVisible(css(next)))
	}
	password := func() chromedp.Action[chromedp.Void] { return passwordOf("adel", "#code-submit") }

	// A new admin's first sign-in: the enrolment page offers a security key
	// beside the authenticator app; the key registered, the session starts
	// with it and the recovery codes are shown once.
	if _, err := r.app.AddUser(context.Background(), access.Operator(), app.NewAccount{Name: "nadia", Role: model.RoleAdmin, Password: testPassword}); err != nil {
		t.Fatal(err)
	}
	do("enrol with a key", passwordOf("nadia", "#enrol-submit"),
		chromedp.WaitEnabled(css("#enrol-key-submit")),
		chromedp.SendKeys(css("#enrol-key-name"), "Green key"),
		chromedp.Click(css("#enrol-key-submit")),
		chromedp.WaitVisible(css("#recovery-codes")))
	codes, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#recovery-codes li").length`))
	if err != nil || codes != access.RecoveryCodeCount {
		t.Errorf("recovery codes shown after enrolling a key: %d %v", codes, err)
	}
	do("on as nadia", chromedp.Click(css("#recovery-continue")), chromedp.WaitVisible(css("#source-count")))
	nadia, err := r.st.UserByName(context.Background(), "nadia")
	if err != nil {
		t.Fatal(err)
	}
	if keys, err := r.app.SecurityKeys(context.Background(), nil, nadia); err != nil || len(keys) != 1 || keys[0].Name != "Green key" {
		t.Fatalf("nadia's keys after enrolment: %+v %v", keys, err)
	}
	if !strings.Contains(r.logs.String(), "msg=\"second factor enrolled\" user=nadia factor="+app.FactorKey) {
		t.Errorf("no enrolment with a key in the log:\n%s", r.logs.String())
	}
	if got := strings.Join(r.logged("nadia"), " "); got != app.LogKeyAdded+" "+app.LogSignIn {
		t.Errorf("access log of nadia: %s", got)
	}
	do("nadia signs out",
		chromedp.Click(css(`form[action="/logout"] button`)),
		chromedp.WaitVisible(css("#login-submit")))

	// The admin, signed in with the TOTP code, adds a key: the password
	// and a fresh code again, then a touch.
	do("sign in with a code", password(),
		chromedp.SendKeys(css("#code"), r.codes.Code(t, "adel")),
		chromedp.Click(css("#code-submit")),
		chromedp.WaitVisible(css("#source-count")))
	do("add a key",
		chromedp.Navigate(base+"/account"),
		chromedp.WaitVisible(css("#key-new-submit")),
		chromedp.SendKeys(css("#key-name"), "Blue key"),
		chromedp.SendKeys(css("#key-password"), testPassword),
		chromedp.SendKeys(css("#key-code"), r.codes.Code(t, "adel")),
		chromedp.Click(css("#key-new-submit")),
		chromedp.WaitEnabled(css("#key-add-touch")),
		chromedp.Click(css("#key-add-touch")),
		chromedp.WaitVisible(css("#key-list")))
	adel, err := r.st.UserByName(context.Background(), "adel")
	if err != nil {
		t.Fatal(err)
	}
	keys, err := r.app.SecurityKeys(context.Background(), nil, adel)
	if err != nil || len(keys) != 1 || keys[0].Name != "Blue key" {
		t.Fatalf("after adding: keys %+v, %v; want one named Blue key", keys, err)
	}

	// Signed out, the password leads to the code page, where the key signs
	// in: a session that proved the key.
	do("sign out",
		chromedp.Click(css(`form[action="/logout"] button`)),
		chromedp.WaitVisible(css("#login-submit")))
	do("sign in with the key", password(),
		chromedp.WaitEnabled(css("#key-submit")),
		chromedp.Click(css("#key-submit")),
		chromedp.WaitVisible(css("#source-count")))
	if !strings.Contains(r.logs.String(), "msg=login user=adel factor="+app.FactorKey) {
		t.Fatalf("no sign-in with the key in the log:\n%s", r.logs.String())
	}
	if !signedInWith(t, r, "adel", app.LogSignIn) {
		t.Error("the access log has no sign-in of adel")
	}

	// The key is removed from the account (on another computer) while
	// this browser's sign-in page waits for it: its signature no longer
	// counts.
	do("sign out again",
		chromedp.Click(css(`form[action="/logout"] button`)),
		chromedp.WaitVisible(css("#login-submit")))
	do("the password again", password(), chromedp.WaitEnabled(css("#key-submit")))
	c := r.login("adel")
	if resp := c.post("/account", "/account/keys/"+keys[0].ID+"/remove", nil); resp.status != http.StatusSeeOther {
		t.Fatalf("removing the key: %d", resp.status)
	}
	// The page before the answer has #code-submit too: wait for the
	// refusal's own message, which only the answer's page shows.
	do("sign in with the removed key",
		chromedp.Click(css("#key-submit")),
		chromedp.WaitVisible(css("p.alert:not(.key-failed)")))
	alert, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector("p.alert:not(.key-failed)") || {}).textContent || ""`))
	if err != nil {
		t.Fatal(err)
	}
	if want := i18n.T(i18n.English, "keys.failed"); strings.TrimSpace(alert) != want {
		t.Errorf("after the removed key: alert %q, want %q", alert, want)
	}
	if loc, _ := chromedp.Run(ctx, chromedp.Location()); !strings.HasSuffix(loc, "/login/key") {
		t.Errorf("after the removed key the browser is at %s", loc)
	}
	if !signedInWith(t, r, "adel", app.LogKeyFailed) {
		t.Error("the access log has no refused key of adel")
	}
}

// signedInWith reports whether the access log holds action for account.
func signedInWith(t *testing.T, r *rig, account, action string) bool {
	t.Helper()
	entries, err := r.st.AccessLog().Recent(context.Background(), 200)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Action == action && e.Subject == "user:"+account {
			return true
		}
	}
	return false
}
