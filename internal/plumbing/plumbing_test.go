package plumbing_test

import (
	"bytes"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
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
