package api

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/athar-project/athar/internal/store"
)

// statusWriter remembers the status a handler wrote.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection (huma sets body
// read deadlines through it).
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// recoverPanics logs a panic's stack (never its value, which may hold
// evidence) and answers 500.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			rec := recover()
			if rec == nil {
				return
			}
			if rec == http.ErrAbortHandler {
				panic(rec)
			}
			s.log.Error("panic serving API request", "method", r.Method, "route", r.Pattern, "stack", string(debug.Stack()))
			if sw.status == 0 {
				writeProblem(sw, http.StatusInternalServerError, "the server failed; the error is logged")
			}
		}()
		next.ServeHTTP(sw, r)
	})
}

// logRequests writes one line per request: method, route pattern, status,
// duration and the account. Never the path of a route with an id in it (an
// id of a source derives from its original's hash), never the query (a
// search may name a witness), never a body, never anything read from the
// store. It also sets the headers every answer carries: evidence is kept out
// of caches and never sniffed.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		st := &reqState{user: "anonymous", remote: clientIP(r)}
		r = r.WithContext(context.WithValue(r.Context(), stateKey{}, st))
		h := w.Header()
		h.Set("Cache-Control", "no-store")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		if sw.status == 0 {
			sw.status = http.StatusOK
		}
		level := slog.LevelInfo
		if sw.status >= 500 {
			level = slog.LevelError
		}
		s.log.LogAttrs(r.Context(), level, "api request", slog.String("method", r.Method), slog.String("route", r.Pattern),
			slog.Int("status", sw.status), slog.Duration("took", time.Since(start)), slog.String("user", st.user))
	})
}

func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// internal logs an error once, here at the edge, and answers 500 without
// its text: an error from the store may quote what it read.
func (s *Server) internal(ctx context.Context, what string, err error) error {
	if errors.Is(err, context.Canceled) {
		return huma.NewError(499, "the request was cancelled")
	}
	s.log.ErrorContext(ctx, what, "err", err)
	return huma.Error500InternalServerError("the server failed; the error is logged")
}

// notFound is the one answer for what does not exist and what the caller may
// not see.
// It does not repeat the id asked for.
func notFound(what string) error {
	return huma.Error404NotFound("no such " + what + ", or none this token may see")
}

// orNotFound turns the store's not-found into 404 and any other error into
// 500.
func (s *Server) orNotFound(ctx context.Context, err error, what string) error {
	if errors.Is(err, store.ErrNotFound) {
		return notFound(what)
	}
	return s.internal(ctx, "read "+what, err)
}
