package reconcile

import (
	"context"
	"database/sql"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// An expired reconciliation key is refused, in its URL or in the header,
// with an answer that says it expired and when — and no data.
func TestExpiredKeyIsToldSo(t *testing.T) {
	dir := t.TempDir()
	r := newRig(t, storetest.Open(t, store.Config{DataDir: dir}))
	// Its expiry moved into the past, as time passing would: by a second
	// connection to the database (the store has no way to).
	db, err := sql.Open("sqlite", filepath.Join(dir, "athar.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	expired := time.Now().Add(-time.Hour).UTC().Truncate(time.Second)
	if _, err := db.ExecContext(context.Background(), "UPDATE api_tokens SET expires_at = ? WHERE hash = ?",
		expired.Format(time.RFC3339Nano), store.HashToken(r.keys["anas"])); err != nil {
		t.Fatal(err)
	}
	for _, how := range []string{"key:anas", "raw:anas"} {
		resp := r.do("GET", Root+"/suggest/entity?prefix=Ous", how, "", "")
		if resp.status != http.StatusUnauthorized || !strings.Contains(resp.body, "expired on "+expired.Format("2006-01-02 15:04")) ||
			strings.Contains(resp.body, "Salloum") {
			t.Errorf("an expired key (%s): %d %s", how, resp.status, resp.body)
		}
	}
}
