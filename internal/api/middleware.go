package api

import (
	"context"
	"errors"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/plumbing"
)

// headers sets what every answer carries — evidence is kept out of caches
// and never sniffed — and keeps the client's address for the access log.
func headers(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Cache-Control", "no-store")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		st := &reqState{remote: plumbing.ClientAddr(r)}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), stateKey{}, st)))
	})
}

// panicked answers a request whose handler panicked.
func panicked(w http.ResponseWriter, _ *http.Request) {
	writeProblem(w, http.StatusInternalServerError, "the server failed; the error is logged")
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

// fail answers a use case's error: a refusal with its status and its
// message (safe to show the caller), anything else as internal does.
func (s *Server) fail(ctx context.Context, what string, err error) error {
	status, msg, ok := plumbing.Problem(err)
	if !ok {
		return s.internal(ctx, what, err)
	}
	return huma.NewError(status, msg)
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
	if errors.Is(err, app.ErrNotFound) {
		return notFound(what)
	}
	return s.internal(ctx, "read "+what, err)
}
