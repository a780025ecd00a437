// Package server is Athar's HTTP server: the web UI at /, the JSON API at
// /api/v1 and the reconciliation service at /reconcile on one listener, and
// the lifecycle that serves them until told to stop. The APIs sit beside the
// UI, outside its cookie sessions, CSRF checks and frame policy: their
// callers carry bearer tokens, and reconciliation previews open in
// OpenRefine's frames.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"time"

	"github.com/athar-project/athar/internal/api"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/plumbing"
	"github.com/athar-project/athar/internal/reconcile"
	"github.com/athar-project/athar/internal/web"
)

// Config sets up the server.
type Config struct {
	// App is the application layer every surface calls.
	App *app.App
	// BaseURL is the address people reach the server at.
	BaseURL string
	// Logger receives the request logs.
	Logger *slog.Logger
	// Secret signs session cookies and login forms.
	Secret []byte
	// Jobs is the job queue the admin page shows; nil: none.
	Jobs web.JobQueue
	// CORSOrigins may read the JSON API from a browser (api.Config).
	CORSOrigins []string
	// TrustedProxies are the reverse proxies whose X-Forwarded-For gives
	// the client's address (plumbing.TrustProxies); none: the peer's.
	TrustedProxies []netip.Prefix
}

// Handler mounts the web UI, the API and reconciliation on one mux.
func Handler(cfg Config) (http.Handler, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	srv, err := web.New(web.Config{App: cfg.App, BaseURL: cfg.BaseURL, Logger: cfg.Logger, Secret: cfg.Secret,
		Jobs: cfg.Jobs})
	if err != nil {
		return nil, err
	}
	apiSrv, err := api.New(api.Config{App: cfg.App, BaseURL: cfg.BaseURL, Logger: cfg.Logger,
		CORSOrigins: cfg.CORSOrigins})
	if err != nil {
		return nil, err
	}
	// Reconciliation authenticates by API token or reconciliation key, in
	// the Authorization header or (a key) in its service URL.
	rec, err := reconcile.New(reconcile.Config{App: cfg.App, BaseURL: cfg.BaseURL, Logger: cfg.Logger})
	if err != nil {
		return nil, err
	}
	top := http.NewServeMux()
	top.Handle(api.Prefix+"/", apiSrv.Handler())
	top.Handle(reconcile.Root, rec.Handler())
	top.Handle(reconcile.Root+"/", rec.Handler())
	top.Handle("/", srv.Handler())
	return plumbing.TrustProxies(cfg.TrustedProxies)(top), nil
}

// Grace is how long requests under way at shutdown may go on before their
// contexts are cancelled (an ingest of a large upload stops then), and
// Drain how long the server then waits for them to return.
const (
	Grace = 2 * time.Second
	Drain = 15 * time.Second
)

// Serve answers requests on ln with h until ctx ends, then shuts down:
// no new connection is taken, requests under way get Grace to finish, then
// their contexts are cancelled so that long work (an ingest, a verify)
// stops, and Serve returns once they have, or after Drain.
func Serve(ctx context.Context, ln net.Listener, h http.Handler, logger *slog.Logger) error {
	base, cancel := context.WithCancel(context.Background())
	defer cancel()
	hs := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      5 * time.Minute, // verify and large originals take a while
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return base },
	}
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err := <-done:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	shutdown, stop := context.WithTimeout(context.Background(), Grace+Drain)
	defer stop()
	grace := time.AfterFunc(Grace, cancel)
	defer grace.Stop()
	err := hs.Shutdown(shutdown)
	if serveErr := <-done; serveErr != nil && !errors.Is(serveErr, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", serveErr)
	}
	if err != nil {
		return fmt.Errorf("shut down: %w", err)
	}
	return nil
}
