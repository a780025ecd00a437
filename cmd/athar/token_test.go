package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/athar-project/athar/internal/api"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/store"
)

func TestTokenCommands(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	if r := athar(t, "", "--data", data, "user", "add", "nour", "--role", "analyst"); r.code != 0 {
		t.Fatalf("user add: %d %s", r.code, r.stderr)
	}

	add := athar(t, "", "--data", data, "token", "add", "nour", "--name", "nightly export")
	secret := strings.TrimSpace(add.stdout)
	if add.code != 0 || !regexp.MustCompile(`^athar_[a-z2-7]{52}$`).MatchString(secret) {
		t.Fatalf("token add: exit %d, stdout %q\n%s", add.code, add.stdout, add.stderr)
	}
	if !strings.Contains(add.stderr, "only time it is shown") || strings.Contains(add.stderr, secret) {
		t.Errorf("stderr: %q", add.stderr)
	}

	js := athar(t, "", "--data", data, "--json", "token", "add", "nour", "--name", "laptop", "--expires", "2099-01-01")
	var made map[string]any
	if err := json.Unmarshal([]byte(js.stdout), &made); err != nil || js.code != 0 {
		t.Fatalf("token add --json: %d %v\n%s", js.code, err, js.stdout)
	}
	if tok, _ := made["token"].(string); !strings.HasPrefix(tok, "athar_") || made["user"] != "nour" || made["expires_at"] != "2099-01-01T00:00:00Z" {
		t.Errorf("token add --json: %v", made)
	}

	list := athar(t, "", "--data", data, "--json", "token", "list")
	var toks []map[string]any
	if err := json.Unmarshal([]byte(list.stdout), &toks); err != nil || list.code != 0 || len(toks) != 2 {
		t.Fatalf("token list --json: %d %v\n%s", list.code, err, list.stdout)
	}
	if strings.Contains(list.stdout, secret) || strings.Contains(list.stdout, `"token"`) {
		t.Errorf("token list shows a token:\n%s", list.stdout)
	}
	for _, key := range []string{"id", "user", "name", "created_at", "last_used_at", "expires_at", "revoked_at"} {
		if _, ok := toks[0][key]; !ok {
			t.Errorf("token list --json lacks %q", key)
		}
	}
	id := toks[0]["id"].(string)
	if text := athar(t, "", "--data", data, "token", "list"); text.code != 0 || !strings.Contains(text.stdout, "nightly export") || !strings.Contains(text.stdout, "expires 2099-01-01") {
		t.Errorf("token list:\n%s", text.stdout)
	}

	// The token works against the API, until it is revoked.
	ctx := context.Background()
	st, err := store.Open(ctx, store.Config{DataDir: data})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	srv, err := api.New(api.Config{App: app.New(st, app.Config{})})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	me := func() int {
		req, _ := http.NewRequest("GET", ts.URL+"/api/v1/me", nil)
		req.Header.Set("Authorization", "Bearer "+secret)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := me(); got != 200 {
		t.Fatalf("the new token: %d", got)
	}
	if r := athar(t, "", "--data", data, "token", "revoke", id); r.code != 0 || !strings.Contains(r.stdout, "revoked "+id) {
		t.Fatalf("token revoke: %d %s%s", r.code, r.stdout, r.stderr)
	}
	if got := me(); got != 401 {
		t.Errorf("a revoked token: %d, want 401", got)
	}
	if after := athar(t, "", "--data", data, "--json", "token", "list", "--user", "nour"); !strings.Contains(after.stdout, `"revoked_at": "20`) {
		t.Errorf("revocation not listed:\n%s", after.stdout)
	}

	// A reconciliation key: its URL, a path without ATHAR_BASE_URL and
	// absolute under it; listed with its scope; refused by the API.
	rk := athar(t, "", "--data", data, "--json", "token", "add", "nour", "--name", "openrefine", "--scope", "reconcile")
	var key map[string]any
	if err := json.Unmarshal([]byte(rk.stdout), &key); err != nil || rk.code != 0 {
		t.Fatalf("token add --scope reconcile: %d %v\n%s%s", rk.code, err, rk.stdout, rk.stderr)
	}
	keySecret, _ := key["token"].(string)
	if key["scope"] != "reconcile" || key["reconcile_url"] != "/reconcile/key/"+keySecret || !strings.HasPrefix(keySecret, "athar_") {
		t.Errorf("token add --scope reconcile: %v", key)
	}
	for _, k := range []string{"id", "user", "name", "scope", "token", "reconcile_url"} {
		if _, ok := key[k]; !ok {
			t.Errorf("token add --scope reconcile --json lacks %q", k)
		}
	}
	if made["scope"] != "api" || made["reconcile_url"] != nil {
		t.Errorf("an API token: scope %v, reconcile_url %v", made["scope"], made["reconcile_url"])
	}
	t.Setenv("ATHAR_BASE_URL", "https://athar.example.org/")
	abs := athar(t, "", "--data", data, "token", "add", "nour", "--name", "openrefine 2", "--scope", "reconcile")
	if abs.code != 0 || !regexp.MustCompile(`^https://athar\.example\.org/reconcile/key/athar_[a-z2-7]{52}\n$`).MatchString(abs.stdout) ||
		!strings.Contains(abs.stderr, "OpenRefine") {
		t.Errorf("token add --scope reconcile under ATHAR_BASE_URL: %d %q %s", abs.code, abs.stdout, abs.stderr)
	}
	t.Setenv("ATHAR_BASE_URL", "athar.example.org")
	if r := athar(t, "", "--data", data, "token", "add", "nour", "--name", "x", "--scope", "reconcile"); r.code != 2 || !strings.Contains(r.stderr, "ATHAR_BASE_URL") {
		t.Errorf("a relative ATHAR_BASE_URL: %d %s", r.code, r.stderr)
	}
	t.Setenv("ATHAR_BASE_URL", "")
	if text := athar(t, "", "--data", data, "token", "list", "--user", "nour"); !strings.Contains(text.stdout, "SCOPE") || !strings.Contains(text.stdout, "reconcile") {
		t.Errorf("token list does not show scopes:\n%s", text.stdout)
	}
	apiReq, _ := http.NewRequest("GET", ts.URL+"/api/v1/me", nil)
	apiReq.Header.Set("Authorization", "Bearer "+keySecret)
	resp, err := http.DefaultClient.Do(apiReq)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 401 {
		t.Errorf("the API with a reconciliation key: %d, want 401", resp.StatusCode)
	}

	for _, c := range []struct {
		args []string
		says string
	}{
		{[]string{"token", "add", "nour", "--name", "x", "--scope", "admin"}, "--scope"},
		{[]string{"token", "add", "nobody", "--name", "x"}, "no user"},
		{[]string{"token", "add", "nour"}, "name"},
		{[]string{"token", "add", "nour", "--name", "x", "--expires", "soon"}, "YYYY-MM-DD"},
		{[]string{"token", "add", "nour", "--name", "x", "--expires", "2001-01-01"}, "future"},
		{[]string{"token", "revoke", "no-such-id"}, "no token"},
		{[]string{"--as", "nour", "token", "list"}, "only an admin"},
	} {
		r := athar(t, "", append([]string{"--data", data}, c.args...)...)
		if r.code != 2 || !strings.Contains(r.stderr, c.says) {
			t.Errorf("%v: exit %d, want 2 saying %q\n%s", c.args, r.code, c.says, r.stderr)
		}
	}
	if r := athar(t, "", "--data", filepath.Join(t.TempDir(), "none"), "token", "list"); r.code != 2 {
		t.Errorf("token list without data: exit %d", r.code)
	}
}

// Tokens of admins and reviewers act without a second factor, so they
// expire: in 30 days when no --expires is given, and never later than 90
// days; an analyst's may live until revoked.
func TestPrivilegedTokensExpire(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	if r := athar(t, "", "--data", data, "user", "add", "rima", "--role", "reviewer"); r.code != 0 {
		t.Fatalf("user add: %d %s", r.code, r.stderr)
	}
	var made struct {
		ExpiresAt *string `json:"expires_at"`
	}
	r := athar(t, "", "--data", data, "--json", "token", "add", "rima", "--name", "nightly review")
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &made) != nil || made.ExpiresAt == nil {
		t.Fatalf("token add for a reviewer: %d %s %s", r.code, r.stdout, r.stderr)
	}
	exp, err := time.Parse(time.RFC3339, *made.ExpiresAt)
	if err != nil || exp.Before(time.Now().Add(app.DefaultPrivilegedTokenLife-time.Hour)) || exp.After(time.Now().Add(app.DefaultPrivilegedTokenLife+time.Hour)) {
		t.Errorf("a reviewer's token made with no --expires expires %v (%v); want in 30 days", *made.ExpiresAt, err)
	}
	if r := athar(t, "", "--data", data, "token", "add", "rima", "--name", "x"); r.code != 0 || !strings.Contains(r.stderr, "expires "+exp.Format("2006-01-02")) {
		t.Errorf("token add says nothing of the expiry: %d %s", r.code, r.stderr)
	}
	late := time.Now().AddDate(0, 0, 120).Format("2006-01-02")
	if r := athar(t, "", "--data", data, "token", "add", "rima", "--name", "x", "--expires", late); r.code != 2 ||
		!strings.Contains(r.stderr, "within 90 days") || !strings.Contains(r.stderr, time.Now().Add(store.MaxPrivilegedTokenLife).UTC().Format("2006-01-02")) {
		t.Errorf("token add --expires %s for a reviewer: %d %s", late, r.code, r.stderr)
	}
	if r := athar(t, "", "--data", data, "user", "add", "nour", "--role", "analyst"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if r := athar(t, "", "--data", data, "--json", "token", "add", "nour", "--name", "y"); r.code != 0 || !strings.Contains(r.stdout, `"expires_at": null`) && !strings.Contains(r.stdout, `"expires_at":null`) {
		t.Errorf("an analyst's token: %d %s %s", r.code, r.stdout, r.stderr)
	}
}
