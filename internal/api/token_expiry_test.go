package api

import (
	"context"
	"database/sql"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// An expired token is refused with an answer that says it expired and
// when (so that its script's owner asks for a new one, as GitLab says
// "Token is expired"), and the refusal is in the access log under its
// account — once, however often the script retries within the hour. An
// unknown token is told nothing of the kind.
func TestExpiredTokenIsToldAndLogged(t *testing.T) {
	dir := t.TempDir()
	st := storetest.Open(t, store.Config{DataDir: dir})
	r := newRig(t, st, nil)
	ctx := context.Background()
	// Its expiry moved into the past, as time passing would: by a second
	// connection to the database (the store has no way to).
	db, err := sql.Open("sqlite", filepath.Join(dir, "athar.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	expired := time.Now().Add(-time.Hour).UTC().Truncate(time.Second)
	if _, err := db.ExecContext(ctx, "UPDATE api_tokens SET expires_at = ? WHERE hash = ?",
		expired.Format(time.RFC3339Nano), store.HashToken(r.tokens["anas"])); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		got := r.get("/api/v1/sources", "anas")
		detail, _ := got.json(t)["detail"].(string)
		if got.status != http.StatusUnauthorized || !strings.Contains(detail, "expired on "+expired.Format("2006-01-02 15:04")) {
			t.Fatalf("an expired token: %d %q", got.status, detail)
		}
		if h := got.header.Get("WWW-Authenticate"); !strings.Contains(h, `error="invalid_token"`) || !strings.Contains(h, "expired") {
			t.Errorf("an expired token's challenge: %q", h)
		}
	}
	// A path no route matches says the same to the token's holder.
	if got := r.get("/api/v1/no-such-route", "anas"); got.status != http.StatusUnauthorized || !strings.Contains(string(got.body), "expired on") {
		t.Errorf("an expired token on no route: %d %s", got.status, got.body)
	}
	r.tokens["nobody"] = store.TokenPrefix + strings.Repeat("a", 52)
	if got := r.get("/api/v1/sources", "nobody"); got.status != http.StatusUnauthorized || strings.Contains(string(got.body), "expired") {
		t.Errorf("an unknown token: %d %s", got.status, got.body)
	}
	entries, err := st.AccessLog().Recent(ctx, 50)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if e.Action == app.LogTokenExpired {
			n++
			if e.Subject != "user:anas" || e.Actor != "anas" || e.Remote == "" {
				t.Errorf("the access log's entry: %+v", e)
			}
		}
	}
	if n != 1 {
		t.Errorf("%d entries %s in the access log for three tries within the hour; want 1", n, app.LogTokenExpired)
	}
}
