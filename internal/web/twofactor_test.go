package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
)

// passwordOnly posts the right password for name and returns the client,
// which now holds only the pending cookie.
func (r *rig) passwordOnly(name, wantLocation string) *client {
	r.t.Helper()
	c := r.client()
	resp := c.post("/login", "/login", url.Values{"name": {name}, "password": {testPassword}})
	if resp.status != http.StatusSeeOther || resp.header.Get("Location") != wantLocation {
		r.t.Fatalf("password of %s: %d %q, want 303 to %s", name, resp.status, resp.header.Get("Location"), wantLocation)
	}
	return c
}

// logged lists the access log's account entries (subject user:NAME).
func (r *rig) logged(name string) []string {
	r.t.Helper()
	entries, err := r.st.AccessLog().Recent(context.Background(), 1000)
	if err != nil {
		r.t.Fatal(err)
	}
	var out []string
	for i := len(entries) - 1; i >= 0; i-- {
		if e := entries[i]; e.Subject == "user:"+name {
			out = append(out, e.Action)
		}
	}
	return out
}

// An admin's password alone opens nothing: no session until a right code;
// a wrong code and a replayed one fail, and the access log records the
// failures, the sign-in — and no code.
func TestSecondFactorRequiredForAdmin(t *testing.T) {
	r := newRig(t, "")
	c := r.passwordOnly("adel", "/login/code")
	for _, path := range []string{"/admin", "/review", "/"} {
		if resp := c.get(path); resp.status != http.StatusSeeOther || !strings.HasPrefix(resp.header.Get("Location"), "/login") {
			t.Errorf("%s after the password alone: %d %q, want the login page", path, resp.status, resp.header.Get("Location"))
		}
	}
	if page := c.get("/login/code"); page.status != http.StatusOK || !strings.Contains(page.body, `name="code"`) {
		t.Fatalf("code page: %d", page.status)
	}
	wrong := "000000"
	if right := r.codes.Code(t, "adel"); right == wrong {
		wrong = "999999"
	}
	if resp := c.post("/login/code", "/login/code", url.Values{"code": {wrong}}); resp.status != http.StatusUnauthorized || !strings.Contains(resp.body, `role="alert"`) {
		t.Fatalf("wrong code: %d", resp.status)
	}
	code := r.codes.Code(t, "adel")
	resp := c.post("/login/code", "/login/code", url.Values{"code": {code}})
	if resp.status != http.StatusSeeOther || resp.header.Get("Location") != "/" {
		t.Fatalf("right code: %d %q", resp.status, resp.header.Get("Location"))
	}
	if page := c.get("/admin"); page.status != http.StatusOK {
		t.Errorf("/admin after the code: %d", page.status)
	}
	// The same code again, from another browser that has the password: refused.
	other := r.passwordOnly("adel", "/login/code")
	if resp := other.post("/login/code", "/login/code", url.Values{"code": {code}}); resp.status != http.StatusUnauthorized {
		t.Errorf("replayed code: %d, want 401", resp.status)
	}
	want := []string{app.LogCodeFailed, app.LogSignIn, app.LogCodeFailed}
	if got := r.logged("adel"); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("access log of adel: %v, want %v", got, want)
	}
	entries, _ := r.st.AccessLog().Recent(context.Background(), 1000)
	for _, e := range entries {
		if strings.Contains(e.Actor+e.Action+e.Subject+e.Remote, code) || strings.Contains(e.Actor+e.Subject, wrong) {
			t.Errorf("the access log holds a code: %+v", e)
		}
	}
	if strings.Contains(r.logs.String(), code) {
		t.Error("the request log holds a code")
	}
	// The session records the factor.
	var found bool
	for _, ck := range c.http.Jar.Cookies(mustURL(t, r.ts.URL)) {
		if ck.Name == r.srv.cookie(sessionCookie) {
			tok, _ := r.srv.cookieToken(ck.Value)
			sess, err := r.st.Sessions().Get(context.Background(), sessionID(tok))
			if err != nil || sess.SecondFactor != app.FactorTOTP {
				t.Errorf("session: %+v, %v; want factor totp", sess, err)
			}
			found = true
		}
	}
	if !found {
		t.Error("no session cookie after the code")
	}
}

func mustURL(t *testing.T, s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// Each recovery code signs in once; its use is logged.
func TestRecoveryCodesWorkOnce(t *testing.T) {
	r := newRig(t, "")
	e, err := r.app.EnrolTOTP(context.Background(), access.Operator(), "rania", true)
	if err != nil {
		t.Fatal(err)
	}
	if len(e.RecoveryCodes) != access.RecoveryCodeCount {
		t.Fatalf("%d recovery codes", len(e.RecoveryCodes))
	}
	for i, tt := range []struct {
		code string
		want int
	}{
		{e.RecoveryCodes[0], http.StatusSeeOther},
		{e.RecoveryCodes[0], http.StatusUnauthorized},
		{strings.ToUpper(e.RecoveryCodes[1]), http.StatusSeeOther},
		{e.RecoveryCodes[1], http.StatusUnauthorized},
		{"aaaa-bbbb-cccc-dddd", http.StatusUnauthorized},
	} {
		c := r.passwordOnly("rania", "/login/code")
		if resp := c.post("/login/code", "/login/code", url.Values{"code": {tt.code}}); resp.status != tt.want {
			t.Errorf("try %d (%s): %d, want %d", i, tt.code, resp.status, tt.want)
		} else if tt.want == http.StatusSeeOther {
			if page := c.get("/review"); page.status != http.StatusOK {
				t.Errorf("try %d: /review after a recovery code: %d", i, page.status)
			}
		}
	}
	got := strings.Join(r.logged("rania"), " ")
	want := strings.Join([]string{app.LogTOTPReset, app.LogRecoveryUsed, app.LogSignIn, app.LogCodeFailed,
		app.LogRecoveryUsed, app.LogSignIn, app.LogCodeFailed, app.LogCodeFailed}, " ")
	if got != want {
		t.Errorf("access log of rania:\n%s\nwant\n%s", got, want)
	}
	st, err := r.app.SecondFactor(context.Background(), r.user("rania"))
	if err != nil || st.RecoveryCodes != access.RecoveryCodeCount-2 {
		t.Errorf("recovery codes left: %+v, %v", st, err)
	}
}

func (r *rig) user(name string) model.User {
	r.t.Helper()
	u, err := r.st.UserByName(context.Background(), name)
	if err != nil {
		r.t.Fatal(err)
	}
	return u
}

var secretRe = regexp.MustCompile(`id="totp-secret" dir="ltr">([A-Z2-7]+)<`)

// A new admin enrols at first sign-in: the secret (as text and QR code),
// a code from it, the recovery codes once; then the account acts as admin.
func TestAdminEnrolsAtFirstSignIn(t *testing.T) {
	r := newRig(t, "")
	ctx := context.Background()
	if _, err := r.app.AddUser(ctx, access.Operator(), app.NewAccount{Name: "nadia", Role: model.RoleAdmin, Password: testPassword}); err != nil {
		t.Fatal(err)
	}
	c := r.passwordOnly("nadia", "/login/enrol")
	page := c.get("/login/enrol")
	m := secretRe.FindStringSubmatch(page.body)
	if page.status != http.StatusOK || m == nil {
		t.Fatalf("enrolment page: %d, secret shown: %v", page.status, m != nil)
	}
	if qr := c.get("/login/enrol/qr.png"); qr.status != http.StatusOK || qr.header.Get("Content-Type") != "image/png" || !strings.HasPrefix(qr.body, "\x89PNG") {
		t.Errorf("QR code: %d %s", qr.status, qr.header.Get("Content-Type"))
	}
	if again := secretRe.FindStringSubmatch(c.get("/login/enrol").body); again == nil || again[1] != m[1] {
		t.Error("the pending secret changed between two views")
	}
	if resp := c.get("/admin"); resp.status != http.StatusSeeOther {
		t.Errorf("/admin before enrolment: %d", resp.status)
	}
	code, _ := access.TOTPCode(m[1], r.codes.Now())
	resp := c.post("/login/enrol", "/login/enrol", url.Values{"code": {code}})
	if resp.status != http.StatusOK || strings.Count(resp.body, "<li><code>") != access.RecoveryCodeCount {
		t.Fatalf("confirming: %d, %d codes shown", resp.status, strings.Count(resp.body, "<li><code>"))
	}
	if page := c.get("/admin"); page.status != http.StatusOK {
		t.Errorf("/admin after enrolment: %d", page.status)
	}
	// From now on the code page, not enrolment.
	r.passwordOnly("nadia", "/login/code")
	if got := strings.Join(r.logged("nadia"), " "); got != app.LogTOTPEnrolled+" "+app.LogSignIn {
		t.Errorf("access log of nadia: %s", got)
	}
}

// A session without a second factor never acts as reviewer: promoting a
// signed-in analyst ends their session; an analyst who enrols on their
// account page must then give codes.
func TestSessionBoundToSecondFactor(t *testing.T) {
	r := newRig(t, "")
	ctx := context.Background()
	anas := r.login("anas")
	if page := anas.get("/upload"); page.status != http.StatusOK {
		t.Fatalf("analyst's upload page: %d", page.status)
	}
	role := model.RoleReviewer
	if _, err := r.app.ChangeUser(ctx, access.Operator(), r.user("anas").ID, app.AccountChange{Role: &role}); err != nil {
		t.Fatal(err)
	}
	if resp := anas.get("/review"); resp.status != http.StatusSeeOther || !strings.HasPrefix(resp.header.Get("Location"), "/login") {
		t.Errorf("promoted without a second factor: /review %d %q, want the login page", resp.status, resp.header.Get("Location"))
	}
	r.passwordOnly("anas", "/login/enrol")

	// vera (a viewer) enrols of her own accord.
	vera := r.login("vera")
	page := vera.get("/account/totp")
	m := secretRe.FindStringSubmatch(page.body)
	if m == nil {
		t.Fatalf("account enrolment page: %d", page.status)
	}
	if resp := vera.post("/account", "/account/recovery", nil); resp.status != http.StatusForbidden {
		t.Errorf("recovery codes for a session without a factor: %d", resp.status)
	}
	code, _ := access.TOTPCode(m[1], r.codes.Now())
	if resp := vera.post("/account/totp", "/account/totp", url.Values{"code": {code}}); resp.status != http.StatusOK {
		t.Fatalf("confirming on the account page: %d", resp.status)
	}
	if page := vera.get("/account"); page.status != http.StatusOK || !strings.Contains(page.body, "renew-recovery") {
		t.Errorf("account page after enrolment: %d", page.status)
	}
	if resp := vera.post("/account", "/account/recovery", nil); resp.status != http.StatusOK || strings.Count(resp.body, "<li><code>") != access.RecoveryCodeCount {
		t.Errorf("new recovery codes: %d", resp.status)
	}
	r.passwordOnly("vera", "/login/code")
}

// Wrong codes slow the guesser like wrong passwords, per address and per
// account, and are each logged.
func TestCodeAttemptsAreLimited(t *testing.T) {
	r := newRig(t, "")
	c := r.passwordOnly("adel", "/login/code")
	right := r.codes.Code(t, "adel")
	wrong := "000000"
	if right == wrong {
		wrong = "111111"
	}
	var limited bool
	for i := range pairFree + 1 {
		resp := c.post("/login/code", "/login/code", url.Values{"code": {wrong}})
		if resp.status == http.StatusTooManyRequests {
			limited = true
			if resp.header.Get("Retry-After") == "" {
				t.Error("429 without Retry-After")
			}
			break
		}
		if resp.status != http.StatusUnauthorized {
			t.Fatalf("wrong code %d: %d", i, resp.status)
		}
	}
	if !limited {
		t.Fatalf("%d wrong codes and no delay", pairFree+1)
	}
	// Even the right code waits now; after the delay it goes through.
	if resp := c.post("/login/code", "/login/code", url.Values{"code": {right}}); resp.status != http.StatusTooManyRequests {
		t.Errorf("right code while slowed: %d", resp.status)
	}
	r.clock.Add(time.Minute)
	c = r.passwordOnly("adel", "/login/code") // the pending cookie outlives no delay
	if resp := c.post("/login/code", "/login/code", url.Values{"code": {r.codes.Code(t, "adel")}}); resp.status != http.StatusSeeOther {
		t.Errorf("right code after the delay: %d", resp.status)
	}
	if n := strings.Count(strings.Join(r.logged("adel"), " "), app.LogCodeFailed); n != pairFree {
		t.Errorf("%d wrong codes logged, want %d", n, pairFree)
	}
}
