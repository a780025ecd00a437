package web

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/plumbing"
	"github.com/athar-project/athar/internal/store"
)

func TestLogin(t *testing.T) {
	r := newRig(t, "")
	tests := []struct {
		name, user, password, next string
		want                       int
		location                   string
	}{
		{"right password", "vera", testPassword, "", http.StatusSeeOther, "/"},
		{"goes on to next", "vera", testPassword, "/sources?kind=article", http.StatusSeeOther, "/sources?kind=article"},
		{"never off-site", "vera", testPassword, "//evil.example/x", http.StatusSeeOther, "/"},
		{"never off-site, scheme", "vera", testPassword, "https://evil.example/", http.StatusSeeOther, "/"},
		{"wrong password", "anas", "not the password", "", http.StatusUnauthorized, ""},
		{"unknown user", "nobody", testPassword, "", http.StatusUnauthorized, ""},
		{"disabled user", "gone", testPassword, "", http.StatusUnauthorized, ""},
		{"empty", "", "", "", http.StatusUnauthorized, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := r.client()
			resp := c.post("/login", "/login", url.Values{"name": {tt.user}, "password": {tt.password}, "next": {tt.next}})
			if resp.status != tt.want || resp.header.Get("Location") != tt.location {
				t.Fatalf("status %d location %q, want %d %q", resp.status, resp.header.Get("Location"), tt.want, tt.location)
			}
			if tt.want == http.StatusUnauthorized && !strings.Contains(resp.body, `role="alert"`) {
				t.Errorf("no error message on a failed login")
			}
		})
	}
}

func TestSessionCookie(t *testing.T) {
	// Subtest names stay plain: a data directory whose path holds '#'
	// breaks the store's SQLite DSN (reported to the store's owner).
	for _, tt := range []struct {
		name, baseURL string
		secure        bool
	}{{"none", "", false}, {"http", "http://127.0.0.1:8080", false}, {"https", "https://athar.example.org", true}} {
		t.Run(tt.name, func(t *testing.T) {
			r := newRig(t, tt.baseURL)
			c := r.client()
			resp := c.post("/login", "/login", url.Values{"name": {"vera"}, "password": {testPassword}})
			var cookie *http.Cookie
			for _, ck := range (&http.Response{Header: resp.header}).Cookies() {
				if ck.Name == r.srv.cookie(sessionCookie) {
					cookie = ck
				}
			}
			if cookie == nil {
				t.Fatal("no session cookie")
			}
			if strings.HasPrefix(cookie.Name, "__Host-") != tt.secure || cookie.Path != "/" || cookie.Domain != "" {
				t.Errorf("cookie %s (path %q, domain %q): want the __Host- prefix exactly when secure", cookie.Name, cookie.Path, cookie.Domain)
			}
			if !cookie.HttpOnly || cookie.SameSite != http.SameSiteStrictMode || cookie.Secure != tt.secure {
				t.Errorf("cookie HttpOnly=%v SameSite=%v Secure=%v, want true, Strict, %v", cookie.HttpOnly, cookie.SameSite, cookie.Secure, tt.secure)
			}
			if hsts := resp.header.Get("Strict-Transport-Security"); (hsts != "") != tt.secure {
				t.Errorf("HSTS %q with secure=%v", hsts, tt.secure)
			}
		})
	}
}

func TestCSRF(t *testing.T) {
	r := newRig(t, "")
	other := r.client()
	otherToken := other.csrf("/login")
	tests := []struct {
		name   string
		token  func(c *client) string
		header map[string]string
		want   int
	}{
		{"no token", func(*client) string { return "" }, nil, http.StatusForbidden},
		{"forged token", func(*client) string { return "AAAA" }, nil, http.StatusForbidden},
		{"another visitor's token", func(*client) string { return otherToken }, nil, http.StatusForbidden},
		{"cross-site browser request", func(c *client) string { return c.csrf("/login") }, map[string]string{"Sec-Fetch-Site": "cross-site"}, http.StatusForbidden},
		{"own token", func(c *client) string { return c.csrf("/login") }, nil, http.StatusSeeOther},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := r.client()
			c.get("/login") // the pre-login cookie
			form := url.Values{"name": {"vera"}, "password": {testPassword}, "csrf": {tt.token(c)}}
			if resp := c.do("POST", "/login", form, tt.header); resp.status != tt.want {
				t.Errorf("status %d, want %d", resp.status, tt.want)
			}
		})
	}
	t.Run("signed-in form needs the session's token", func(t *testing.T) {
		c := r.login("adel")
		if resp := c.do("POST", "/admin/verify", url.Values{"csrf": {otherToken}}, nil); resp.status != http.StatusForbidden {
			t.Errorf("status %d, want 403", resp.status)
		}
	})
}

func TestLogoutAndExpiry(t *testing.T) {
	r := newRig(t, "")
	t.Run("logout ends the session", func(t *testing.T) {
		c := r.login("vera")
		if resp := c.post("/", "/logout", nil); resp.status != http.StatusSeeOther || resp.header.Get("Location") != "/login" {
			t.Fatalf("logout: %d %s", resp.status, resp.header.Get("Location"))
		}
		if resp := c.get("/sources"); resp.status != http.StatusSeeOther {
			t.Fatalf("after logout: %d", resp.status)
		}
	})
	t.Run("a stolen cookie dies with logout", func(t *testing.T) {
		c := r.login("vera")
		u, _ := url.Parse(r.ts.URL)
		thief := r.client()
		thief.http.Jar.SetCookies(u, c.http.Jar.Cookies(u))
		if resp := thief.get("/"); resp.status != http.StatusOK {
			t.Fatalf("copied cookie before logout: %d", resp.status)
		}
		c.post("/", "/logout", nil)
		if resp := thief.get("/"); resp.status != http.StatusSeeOther {
			t.Fatalf("copied cookie after logout: %d", resp.status)
		}
	})
	t.Run("idle sessions expire", func(t *testing.T) {
		c := r.login("vera")
		r.clock.Add(r.srv.idle + time.Minute)
		if resp := c.get("/"); resp.status != http.StatusSeeOther {
			t.Fatalf("after idling: %d", resp.status)
		}
	})
	t.Run("a disabled account is signed out", func(t *testing.T) {
		c := r.login("anas")
		ctx := context.Background()
		u, err := r.st.UserByName(ctx, "anas")
		if err != nil {
			t.Fatal(err)
		}
		if err := r.st.Write(ctx, "tester", func(tx *store.Tx) error { return tx.SetUserDisabled(ctx, u.ID, true) }); err != nil {
			t.Fatal(err)
		}
		if resp := c.get("/"); resp.status != http.StatusSeeOther {
			t.Fatalf("disabled: %d", resp.status)
		}
	})
	t.Run("a forged cookie is ignored", func(t *testing.T) {
		c := r.client()
		resp := c.do("GET", "/", nil, map[string]string{"Cookie": sessionCookie + "=abc.def"})
		if resp.status != http.StatusSeeOther {
			t.Fatalf("forged cookie: %d", resp.status)
		}
	})
}

func TestLanguage(t *testing.T) {
	r := newRig(t, "")
	c := r.login("adel")
	tests := []struct {
		name    string
		header  map[string]string
		wantDir string
	}{
		{"default", nil, `dir="ltr"`},
		{"Accept-Language Arabic", map[string]string{"Accept-Language": "ar-SY,ar;q=0.9,en;q=0.5"}, `<html lang="ar" dir="rtl">`},
		{"Accept-Language English first", map[string]string{"Accept-Language": "en-GB,ar;q=0.8"}, `<html lang="en" dir="ltr">`},
		{"cookie beats Accept-Language", map[string]string{"Accept-Language": "ar", "Cookie": langCookie + "=en"}, `dir="ltr"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if resp := c.do("GET", "/sources", nil, tt.header); !strings.Contains(resp.body, tt.wantDir) {
				t.Errorf("no %s", tt.wantDir)
			}
		})
	}
	t.Run("?lang= switches and sticks", func(t *testing.T) {
		resp := c.get("/sources?kind=article&lang=ar")
		if resp.status != http.StatusSeeOther || resp.header.Get("Location") != "/sources?kind=article" {
			t.Fatalf("switch: %d %q", resp.status, resp.header.Get("Location"))
		}
		for _, p := range []string{"/", "/sources", "/sources/" + r.sources[model.Confidential].src.ID, "/admin", "/admin/access-log", "/nowhere"} {
			body := c.get(p).body
			if !strings.Contains(body, `<html lang="ar" dir="rtl">`) {
				t.Errorf("%s is not in Arabic", p)
			}
			if strings.Contains(body, "[[") {
				t.Errorf("%s: a message is missing from the Arabic catalogue", p)
			}
		}
		c.get("/?lang=en")
		if body := c.get("/").body; !strings.Contains(body, `dir="ltr"`) {
			t.Error("did not switch back to English")
		}
	})
}

func TestNotFoundLooksLikeNotAllowed(t *testing.T) {
	r := newRig(t, "")
	c := r.login("vera")
	for _, suffix := range []string{"", "/original"} {
		id := r.sources[model.Confidential].src.ID
		hidden := c.get("/sources/" + id + suffix)
		missing := c.get("/sources/src_ffffffffffffffff" + suffix)
		// The only difference allowed: the language switch links back to
		// the address asked for.
		same := strings.ReplaceAll(hidden.body, id, "src_ffffffffffffffff") == missing.body
		if hidden.status != http.StatusNotFound || !same {
			t.Errorf("%s: a hidden source (%d) is told apart from a missing one (%d)", suffix, hidden.status, missing.status)
		}
	}
}

func TestSourcePages(t *testing.T) {
	r := newRig(t, "")
	conf := r.sources[model.Confidential].src
	c := r.login("adel")
	t.Run("source page", func(t *testing.T) {
		body := c.get("/sources/" + conf.ID).body
		for _, want := range []string{conf.SHA256, "منظمة التوثيق زيتا", "https://confidential.example/omega",
			`<p dir="auto">قال الشاهد سليم المخفي إنه احتُجز في صيدنايا.</p>`, `lang="ar"`, "/sources/" + conf.ID + "/original"} {
			if !strings.Contains(body, want) {
				t.Errorf("source page lacks %q", want)
			}
		}
		// The window title (kept in browser history) never names the source.
		if strings.Contains(body, "<title>"+conf.Title) {
			t.Error("the page title holds the source's title")
		}
	})
	t.Run("near-copy links to its original for those cleared", func(t *testing.T) {
		body := c.get("/sources/" + r.dupSource.src.ID).body
		if !strings.Contains(body, `id="original-link"`) || !strings.Contains(body, conf.ID) {
			t.Error("no link to the original")
		}
	})
	t.Run("download", func(t *testing.T) {
		resp := c.get("/sources/" + conf.ID + "/original")
		if resp.body != "original bytes of "+conf.Title {
			t.Errorf("download body %q", resp.body)
		}
		if ct := resp.header.Get("Content-Type"); ct != "application/octet-stream" {
			t.Errorf("Content-Type %q", ct)
		}
		if cd := resp.header.Get("Content-Disposition"); cd != `attachment; filename=doc-confidential.txt` {
			t.Errorf("Content-Disposition %q", cd)
		}
	})
	t.Run("the text is escaped", func(t *testing.T) {
		ctx := context.Background()
		src := model.Source{Kind: model.KindArticle, Title: `<script>alert(1)</script>`, Language: "en",
			Text: `<img src=x onerror=alert(1)>`, URL: "javascript:alert(1)", Sensitivity: model.Public}
		if err := r.st.Write(ctx, "tester", func(tx *store.Tx) error { err := tx.AddSource(ctx, &src, []byte("xss")); return err }); err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{"/sources/" + src.ID, "/sources", "/"} {
			body := c.get(p).body
			if strings.Contains(body, "<script>") || strings.Contains(body, "<img") || strings.Contains(body, `href="javascript:`) {
				t.Errorf("%s renders markup from a source", p)
			}
		}
	})
}

func TestSourcesFiltersAndPages(t *testing.T) {
	r := newRig(t, "")
	ctx := context.Background()
	v := r.viewerFor(t, "adel")
	all, err := r.srv.visibleSources(ctx, v)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		query sourceQuery
		want  int
	}{
		{"all", sourceQuery{}, len(all)},
		{"arabic", sourceQuery{Language: "ar"}, 1},
		{"articles", sourceQuery{Kind: model.KindArticle}, 4},
		{"english statements", sourceQuery{Language: "en", Kind: model.KindStatement}, 1},
		{"none", sourceQuery{Language: "other"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, limit := range []int{1, 2, 100} {
				q := tt.query
				q.Limit = limit
				seen := map[string]bool{}
				var order []model.Source
				for pages := 0; ; pages++ {
					if pages > 20 {
						t.Fatal("pages never end")
					}
					page, err := r.srv.listSources(ctx, v, q)
					if err != nil {
						t.Fatal(err)
					}
					if len(page.Items) > limit {
						t.Fatalf("%d items on a page of %d", len(page.Items), limit)
					}
					for _, s := range page.Items {
						if seen[s.ID] {
							t.Fatalf("%s twice", s.ID)
						}
						seen[s.ID] = true
						order = append(order, s)
					}
					if page.Next == "" {
						break
					}
					q.Cursor = page.Next
				}
				if len(seen) != tt.want {
					t.Errorf("limit %d: %d sources, want %d", limit, len(seen), tt.want)
				}
				for i := 1; i < len(order); i++ {
					if !newer(order[i-1], order[i]) {
						t.Errorf("not newest first at %d", i)
					}
				}
			}
		})
	}
	t.Run("next-page link", func(t *testing.T) {
		c := r.login("adel")
		for i := 0; i < sourcesPerPage; i++ {
			src := model.Source{Kind: model.KindArticle, Title: "filler", Language: "en", Text: "filler " + string(rune('a'+i%26)) + strings.Repeat("x", i), Sensitivity: model.Public}
			if err := r.st.Write(ctx, "tester", func(tx *store.Tx) error { err := tx.AddSource(ctx, &src, []byte(src.Text)); return err }); err != nil {
				t.Fatal(err)
			}
		}
		body := c.get("/sources?kind=article").body
		if !strings.Contains(body, `id="next-page"`) || !strings.Contains(body, "kind=article") {
			t.Fatal("no next-page link keeping the filter")
		}
	})
}

func (r *rig) viewerFor(t *testing.T, name string) accessViewer {
	t.Helper()
	u, err := r.st.UserByName(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	return accessForUser(u)
}

func TestAccessLog(t *testing.T) {
	r := newRig(t, "")
	rania := r.login("rania")
	vera := r.login("vera")
	restricted := r.sources[model.Restricted].src
	vera.get("/sources/" + r.sources[model.Public].src.ID)
	rania.get("/sources/" + restricted.ID)
	rania.get("/sources/" + restricted.ID + "/original")
	entries, err := r.srv.accessLog.Recent(context.Background(), 100)
	if err != nil {
		t.Fatal(err)
	}
	// The source page shows the source and the restricted statements drawn
	// from it: each is recorded (the same audit rule as the API's).
	shown := map[string]bool{restricted.ID: true}
	sts, err := r.st.StatementsFrom(context.Background(), access.Operator(), restricted.ID)
	if err != nil || len(sts) == 0 {
		t.Fatalf("statements of the restricted source: %v %v", sts, err)
	}
	for _, st := range sts {
		shown[st.ID] = st.Sensitivity >= model.Restricted
	}
	var actions []string
	recorded := map[string]bool{}
	for _, e := range entries {
		if strings.HasPrefix(e.Subject, "user:") && e.Action == app.LogSignIn && e.Subject == "user:"+e.Actor {
			continue // the sign-ins (twofactor_test.go tests them)
		}
		if e.Actor != "rania" || !shown[e.Subject] || e.Sensitivity != model.Restricted {
			t.Errorf("unexpected entry %+v", e)
		}
		if e.Subject == restricted.ID {
			actions = append(actions, e.Action)
		}
		recorded[e.Subject] = true
	}
	if strings.Join(actions, ",") != "download,view" {
		t.Errorf("actions on the source %v, want download then view (newest first)", actions)
	}
	for id, logged := range shown {
		if logged && !recorded[id] {
			t.Errorf("the view of restricted statement %s was not recorded", id)
		}
	}
	rania.get("/sources")
	body := r.login("adel").get("/admin/access-log").body
	if !strings.Contains(body, "rania") || !strings.Contains(body, restricted.ID) {
		t.Error("the admin's access log page does not show rania's views")
	}
	if strings.Contains(body, restricted.Title) {
		t.Error("the access log shows a title; it must name material by id only")
	}
}

func TestAdminVerify(t *testing.T) {
	r := newRig(t, "")
	c := r.login("adel")
	body := c.get("/admin").body
	for _, want := range []string{"vera", "rania", `id="head-seq"`} {
		if !strings.Contains(body, want) {
			t.Errorf("admin page lacks %q", want)
		}
	}
	resp := c.post("/admin", "/admin/verify", nil)
	if resp.status != http.StatusOK || !strings.Contains(resp.body, `id="verify-report"`) || !strings.Contains(resp.body, `class="report ok"`) {
		t.Fatalf("verify: %d, report ok missing", resp.status)
	}
}

func TestStaticAndHealth(t *testing.T) {
	r := newRig(t, "")
	resp := r.client().get(r.srv.css.url)
	if resp.status != http.StatusOK || !strings.Contains(resp.header.Get("Cache-Control"), "immutable") ||
		!strings.HasPrefix(resp.header.Get("Content-Type"), "text/css") {
		t.Errorf("stylesheet: %d %q %q", resp.status, resp.header.Get("Cache-Control"), resp.header.Get("Content-Type"))
	}
	if page := r.client().get("/login"); page.header.Get("Cache-Control") != "no-store" || !strings.Contains(page.body, r.srv.css.url) {
		t.Error("pages must not be cached and must link the hashed stylesheet")
	}
}

func TestRecoverPanics(t *testing.T) {
	r := newRig(t, "")
	h := plumbing.Chain(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		panic(errors.New("secret-panic-value"))
	}), plumbing.Recover(r.srv.log, r.srv.panicked), plumbing.LogRequests(r.srv.log, "request"))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	if rec.Code != http.StatusInternalServerError || strings.Contains(rec.Body.String(), "secret-panic-value") {
		t.Errorf("status %d, body shows the panic: %v", rec.Code, strings.Contains(rec.Body.String(), "secret-panic-value"))
	}
	if strings.Contains(r.logs.String(), "secret-panic-value") {
		t.Error("the log holds the panic's value")
	}
	if !strings.Contains(r.logs.String(), "panic serving request") {
		t.Error("the panic was not logged")
	}
}

func TestNewRejectsBadBaseURL(t *testing.T) {
	r := newRig(t, "")
	for _, u := range []string{"athar.example.org", "ftp://x", "https://"} {
		if _, err := New(Config{App: r.app, BaseURL: u, Logger: slog.Default()}); err == nil {
			t.Errorf("base URL %q accepted", u)
		}
	}
}
