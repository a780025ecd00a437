package web

import (
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"testing"
	"time"

	"github.com/athar-project/athar/internal/plumbing"
)

// loginFrom posts a login form as if from addr, through a trusted proxy
// (the test's own loopback address).
func (c *client) loginFrom(addr, name, password string) response {
	c.r.t.Helper()
	form := url.Values{"name": {name}, "password": {password}, "csrf": {c.csrf("/login")}}
	return c.do("POST", "/login", form, map[string]string{"X-Forwarded-For": addr})
}

// TestLoginCannotBeLockedByOthers is issue 18's lockout: five wrong
// passwords for an account from one address made the right password from
// any other address answer 429 for 15 minutes, renewable at will. Now the
// guesser's own address slows down, more with every failure, while the
// account's owner elsewhere signs in at once; and a successful login counts
// against nobody.
func TestLoginCannotBeLockedByOthers(t *testing.T) {
	r := newRig(t, "")
	// Behind a trusted proxy (the test's own loopback), as serve wires it.
	r.ts.Close()
	r.ts = httptest.NewServer(plumbing.TrustProxies([]netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")})(r.srv.Handler()))
	t.Cleanup(r.ts.Close)
	const attacker, owner = "203.0.113.66", "198.51.100.7"
	guesser := r.client()
	for i := range 12 {
		resp := guesser.loginFrom(attacker, "adel", "wrong password!")
		if resp.status != http.StatusUnauthorized && resp.status != http.StatusTooManyRequests {
			t.Fatalf("guess %d: status %d", i, resp.status)
		}
		if resp.status == http.StatusTooManyRequests && resp.header.Get("Retry-After") == "" {
			t.Fatalf("guess %d: 429 without Retry-After", i)
		}
		r.clock.Add(time.Second)
	}
	// The guesser is slowed: even the right password waits, from there.
	if resp := guesser.loginFrom(attacker, "adel", testPassword); resp.status != http.StatusTooManyRequests {
		t.Errorf("the guesser's address after 12 guesses: status %d, want 429", resp.status)
	}
	// The owner, from elsewhere, is not.
	if resp := r.client().loginFrom(owner, "adel", testPassword); resp.status != http.StatusSeeOther {
		t.Fatalf("the owner from another address: status %d, want 303", resp.status)
	}
	// Successful logins are not counted: an office signing in all morning
	// from one address is never slowed.
	for i := range 24 {
		if resp := r.client().loginFrom(owner, []string{"vera", "anas", "rania"}[i%3], testPassword); resp.status != http.StatusSeeOther {
			t.Fatalf("sign-in %d from one address: status %d", i, resp.status)
		}
	}
	// A delay, not a lock: it ends, and grows with each failure only.
	r.clock.Add(maxDelay)
	if resp := guesser.loginFrom(attacker, "adel", testPassword); resp.status != http.StatusSeeOther {
		t.Errorf("the guesser's address after the longest delay: status %d", resp.status)
	}
}

func TestLimiterDelays(t *testing.T) {
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	l := newLoginLimiter(func() time.Time { return now })
	for i := range pairFree {
		if ok, _ := l.allow("a", "Adel"); !ok {
			t.Fatalf("free failure %d refused", i)
		}
		l.failed("a", "adel")
	}
	ok, wait := l.allow("a", "ADEL")
	if ok || wait != firstDelay {
		t.Fatalf("after %d failures: ok %v wait %s, want %s", pairFree, ok, wait, firstDelay)
	}
	if ok, _ := l.allow("b", "adel"); !ok {
		t.Error("another address is held up by a's failures")
	}
	if ok, _ := l.allow("a", "vera"); !ok {
		t.Error("another account from a is held up by a few failures on adel")
	}
	now = now.Add(firstDelay)
	l.failed("a", "adel")
	if _, wait := l.allow("a", "adel"); wait != 2*firstDelay {
		t.Errorf("next wait %s, want %s", wait, 2*firstDelay)
	}
	for range 30 {
		l.failed("a", "adel")
	}
	if _, wait := l.allow("a", "adel"); wait != maxDelay {
		t.Errorf("wait after many failures %s, want the cap %s", wait, maxDelay)
	}
	// Spraying many accounts from one address slows the address.
	for i := range addrFree {
		l.failed("c", "user"+string(rune('a'+i)))
	}
	if ok, _ := l.allow("c", "someone-new"); ok {
		t.Error("an address that failed on many accounts is not slowed")
	}
	l.succeeded("c", "usera")
	if ok, _ := l.allow("c", "someone-new"); ok {
		t.Error("signing in to one account cleared the address's failures")
	}
	// Counts are forgotten an hour after the last failure.
	now = now.Add(forgetAfter)
	if ok, _ := l.allow("a", "adel"); !ok {
		t.Error("failures an hour old still count")
	}
}

// TestLocalPath: the login page's next parameter leads only to this site.
func TestLocalPath(t *testing.T) {
	for in, want := range map[string]string{
		"/sources?q=x":                "/sources?q=x",
		"/entities/abc#events":        "/entities/abc#events",
		"/بحث":                        "/بحث",
		"":                            "/",
		"sources":                     "/",
		"//evil.example/":             "/",
		"/\\evil.example/":            "/",
		"/\t/evil.example/":           "/",
		"/\n/evil.example/":           "/",
		"/\r/evil.example":            "/",
		"/ /evil.example":             "/",
		"/\u00a0/evil.example":        "/",
		"/\u200b/evil.example":        "/",
		"/x\\y":                       "/",
		"https://evil.example/":       "/",
		"/%09/evil.example/":          "/%09/evil.example/", // stays a path: the browser does not decode it
		"/\x00/evil.example":          "/",
		"/\x7f/evil.example":          "/",
		"/sources\x1b[31m":            "/",
		"/\xff/x":                     "/",
		"/javascript:alert(1)":        "/javascript:alert(1)",
		"/..//evil.example":           "/..//evil.example",
		"/?next=//evil.example":       "/?next=//evil.example",
		"/@evil.example":              "/@evil.example",
		"/\u2028/evil.example":        "/",
		"/\ufeff/evil.example":        "/",
		"/\u0085/evil.example":        "/",
		"/\u3000/evil.example":        "/",
		"/sources/\u0627\u0644\u0639": "/sources/\u0627\u0644\u0639",
	} {
		if got := localPath(in); got != want {
			t.Errorf("localPath(%q) = %q, want %q", in, got, want)
		}
	}
}
