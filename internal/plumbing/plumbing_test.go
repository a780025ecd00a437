package plumbing_test

import (
	"bytes"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/plumbing"
)

func TestRecoverLogsWhereNeverWhat(t *testing.T) {
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	fallback := func(w http.ResponseWriter, _ *http.Request) { http.Error(w, "failed", http.StatusInternalServerError) }
	for _, tc := range []struct {
		name    string
		handler http.HandlerFunc
		status  int
	}{
		{"panic before writing", func(http.ResponseWriter, *http.Request) { panic(errors.New("secret-panic-value")) }, 500},
		{"panic after writing", func(w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(http.StatusAccepted)
			panic("secret-panic-value")
		}, http.StatusAccepted},
	} {
		logs.Reset()
		h := plumbing.Chain(tc.handler, plumbing.Recover(log, fallback), plumbing.LogRequests(log, "request"))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/x", nil))
		if rec.Code != tc.status {
			t.Errorf("%s: status %d, want %d", tc.name, rec.Code, tc.status)
		}
		if strings.Contains(rec.Body.String()+logs.String(), "secret-panic-value") {
			t.Errorf("%s: the panic's value was shown or logged", tc.name)
		}
		if !strings.Contains(logs.String(), "panic serving request") {
			t.Errorf("%s: the panic was not logged", tc.name)
		}
	}
}

func TestRecoverPassesAbort(t *testing.T) {
	h := plumbing.Recover(slog.New(slog.DiscardHandler), func(http.ResponseWriter, *http.Request) {})(
		http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic(http.ErrAbortHandler) }))
	defer func() {
		if recover() != http.ErrAbortHandler {
			t.Error("ErrAbortHandler was swallowed")
		}
	}()
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
}

// The request log names the route, the status and the account, and the path
// only of routes without wildcards; never the query.
func TestLogRequests(t *testing.T) {
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	mux := http.NewServeMux()
	mux.HandleFunc("GET /sources/{id}", func(w http.ResponseWriter, r *http.Request) {
		plumbing.SetUser(r.Context(), "rania")
		w.WriteHeader(http.StatusNotFound)
	})
	mux.HandleFunc("GET /search", func(w http.ResponseWriter, r *http.Request) {})
	mux.HandleFunc("GET /boom", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusBadGateway) })
	h := plumbing.LogRequests(log, "request")(mux)
	for _, tc := range []struct {
		target string
		want   []string
		never  []string
	}{
		{"/sources/src_secret?q=witness", []string{"route=\"GET /sources/{id}\"", "status=404", "user=rania", "level=INFO"},
			[]string{"src_secret", "witness", "path="}},
		{"/search?q=witness-name", []string{"path=/search", "status=200", "user=anonymous"}, []string{"witness-name"}},
		{"/boom", []string{"status=502", "level=ERROR"}, nil},
	} {
		logs.Reset()
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", tc.target, nil))
		for _, w := range tc.want {
			if !strings.Contains(logs.String(), w) {
				t.Errorf("%s: log %q lacks %q", tc.target, logs.String(), w)
			}
		}
		for _, n := range tc.never {
			if strings.Contains(logs.String(), n) {
				t.Errorf("%s: log %q holds %q", tc.target, logs.String(), n)
			}
		}
	}
}

func TestClientAddr(t *testing.T) {
	for _, tc := range []struct{ remote, want string }{
		{"192.0.2.7:51234", "192.0.2.7"},
		{"[2001:db8::1]:443", "2001:db8::1"},
		{"not-an-address", "not-an-address"},
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = tc.remote
		if got := plumbing.ClientAddr(r); got != tc.want {
			t.Errorf("ClientAddr(%q) = %q, want %q", tc.remote, got, tc.want)
		}
	}
}

// TestTrustProxies: X-Forwarded-For is believed only through trusted
// proxies, read from the right; whatever the client wrote itself is never
// the answer (issue 18: behind a proxy every visitor shared the login
// limiter's budget, and trusting the header blindly would let anyone pick
// an address).
func TestTrustProxies(t *testing.T) {
	trusted, err := plumbing.ParseTrustedProxies("10.0.0.0/8, 192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := plumbing.ParseTrustedProxies("10.0.0.0/8,proxy.example"); err == nil || !strings.Contains(err.Error(), "proxy.example") {
		t.Errorf("a bad entry: %v", err)
	}
	for _, tt := range []struct {
		remote string
		xff    []string
		trust  []netip.Prefix
		want   string
	}{
		{"203.0.113.5:4000", []string{"1.2.3.4"}, nil, "203.0.113.5"},                            // no proxy configured: headers ignored
		{"203.0.113.5:4000", []string{"1.2.3.4"}, trusted, "203.0.113.5"},                        // the peer is no trusted proxy
		{"10.1.1.1:4000", []string{"198.51.100.9"}, trusted, "198.51.100.9"},                     // one proxy
		{"10.1.1.1:4000", []string{"6.6.6.6, 198.51.100.9"}, trusted, "198.51.100.9"},            // the client's own forgery is to the left
		{"10.1.1.1:4000", []string{"6.6.6.6, 198.51.100.9, 192.0.2.1"}, trusted, "198.51.100.9"}, // two proxies
		{"10.1.1.1:4000", []string{"198.51.100.9", "192.0.2.1"}, trusted, "198.51.100.9"},        // two headers
		{"10.1.1.1:4000", []string{"not-an-ip, 10.2.2.2"}, trusted, "10.2.2.2"},                  // garbage stops the walk
		{"10.1.1.1:4000", nil, trusted, "10.1.1.1"},
		{"[::ffff:10.1.1.1]:4000", []string{"[2001:db8::1]:555"}, trusted, "2001:db8::1"},
	} {
		var got string
		h := plumbing.TrustProxies(tt.trust)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { got = plumbing.ClientAddr(r) }))
		req := httptest.NewRequest("GET", "/", nil)
		req.RemoteAddr = tt.remote
		for _, v := range tt.xff {
			req.Header.Add("X-Forwarded-For", v)
		}
		h.ServeHTTP(httptest.NewRecorder(), req)
		if got != tt.want {
			t.Errorf("%s %v: %s, want %s", tt.remote, tt.xff, got, tt.want)
		}
	}
}
