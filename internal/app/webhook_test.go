package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/access/accesstest"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/ingest"
)

// lockedBuffer is a log sink safe for the app's goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestEnquiryWebhook posts the watch's count to a real local HTTP server:
// the count and nothing else, tried again a bounded number of times on a
// server error or no answer, not on a refusal; a failure is logged without
// the URL's secret, a name or the body; and the post, a server-side fetch,
// reaches a loopback address only when ATHAR_FETCH_ALLOW names it.
func TestEnquiryWebhook(t *testing.T) {
	_, st, _ := enquiryStore(t)
	ctx := context.Background()
	karim := accesstest.Viewer("karim")
	// The later source, stored before any enquiry seeks whom it names.
	var later string
	if _, err := app.New(st, app.Config{}).Ingest(ctx, access.Operator(), []string{filepath.Join("testdata", "enquiries", "later-ar.txt")}, app.IngestOptions{},
		func(r app.IngestResult) { later = r.Source.ID }); err != nil || later == "" {
		t.Fatalf("ingest: %q %v", later, err)
	}
	const contact = "+963 11 555 0199"
	for _, tc := range []struct {
		name     string
		allow    bool
		answer   func(attempt int32, w http.ResponseWriter, r *http.Request)
		attempts int32
		logged   string // "" when nothing may be logged
	}{
		{"delivered", true, func(int32, http.ResponseWriter, *http.Request) {}, 1, ""},
		{"a server error, then delivered", true, func(n int32, w http.ResponseWriter, _ *http.Request) {
			if n < 3 {
				w.WriteHeader(http.StatusServiceUnavailable)
			}
		}, 3, ""},
		{"server errors until it gives up", true, func(_ int32, w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(http.StatusInternalServerError)
		}, 3, "500 Internal Server Error"},
		{"a refusal is not tried again", true, func(_ int32, w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(http.StatusForbidden)
		}, 1, "403 Forbidden"},
		{"no answer in time", true, func(_ int32, _ http.ResponseWriter, r *http.Request) {
			<-r.Context().Done()
		}, 3, "no answer within"},
		{"a loopback address ATHAR_FETCH_ALLOW does not name", false, func(int32, http.ResponseWriter, *http.Request) {}, 0, ingest.FetchAllowEnv},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var attempts atomic.Int32
			var bodies sync.Map
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				n := attempts.Add(1)
				b, _ := io.ReadAll(r.Body)
				bodies.Store(n, string(b))
				tc.answer(n, w, r)
			}))
			t.Cleanup(srv.Close)
			u, _ := url.Parse(srv.URL)
			if tc.allow {
				t.Setenv(ingest.FetchAllowEnv, u.Host)
			} else {
				t.Setenv(ingest.FetchAllowEnv, "")
			}
			var log lockedBuffer
			a := app.New(st, app.Config{EnquiryWebhook: srv.URL + "/hook/secret-path-token?key=secret-query-token",
				WebhookTimeout: 200 * time.Millisecond, Logger: slog.New(slog.NewTextHandler(&log, nil))})
			e, err := a.AddEnquiry(ctx, karim, app.Enquiry{Name: "نزيه حداد", Contact: contact})
			if err != nil {
				t.Fatal(err)
			}
			n, err := a.WatchSources(ctx, []string{later})
			if err != nil || n != 1 {
				t.Fatalf("watch queued %d alerts, %v; want 1", n, err)
			}
			if got := attempts.Load(); got != tc.attempts {
				t.Errorf("%d attempts, want %d", got, tc.attempts)
			}
			bodies.Range(func(k, v any) bool {
				var got map[string]any
				if err := json.Unmarshal([]byte(v.(string)), &got); err != nil {
					t.Errorf("attempt %v: body %q: %v", k, v, err)
					return true
				}
				if len(got) != 2 || got["event"] != "enquiry.alerts" || got["count"] != float64(1) {
					t.Errorf("attempt %v: body %q, want the event and the count only", k, v)
				}
				return true
			})
			logs := log.String()
			if tc.logged == "" && strings.Contains(logs, "webhook") {
				t.Errorf("logged: %s", logs)
			}
			if tc.logged != "" && (!strings.Contains(logs, tc.logged) || strings.Count(logs, "webhook") != 1) {
				t.Errorf("log %q, want one line with %q", logs, tc.logged)
			}
			for _, secret := range []string{"secret-path-token", "secret-query-token", "نزيه", "حداد", contact, e.ID, later} {
				if strings.Contains(logs, secret) {
					t.Errorf("the log tells %q: %s", secret, logs)
				}
			}
		})
	}
}
