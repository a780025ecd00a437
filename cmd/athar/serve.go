package main

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/athar-project/athar/internal/api"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/jobs"
	"github.com/athar-project/athar/internal/plumbing"
	"github.com/athar-project/athar/internal/server"
	"github.com/athar-project/athar/internal/web"
)

func init() {
	register(func(g *globals) *cobra.Command {
		var addr, baseURL, corsOrigins, trustedProxies string
		var wf workerFlags
		cmd := &cobra.Command{
			Use:   "serve",
			Short: "Serve the web UI",
			Long: `Serve the web UI (English and Arabic) until interrupted. Sign in with an account
made by 'athar user add NAME --role admin --password-stdin'. Give --base-url the
address people reach the server at; an https base URL makes cookies Secure (put
a TLS-terminating proxy in front).

The same address serves the JSON API at /api/v1 (bearer tokens from 'athar token
add'; OpenAPI document at /api/v1/openapi.json) and the reconciliation API for
OpenRefine at /reconcile. Unless --workers 0, the server also works the job
queue (extraction queued by 'ingest --queue', feeds, re-indexing) in-process,
as 'athar worker' does.`,
			Args: cobra.NoArgs,
			RunE: func(cmd *cobra.Command, _ []string) error {
				if err := web.CheckBaseURL(baseURL); err != nil {
					return cannot(err)
				}
				origins, err := api.ParseOrigins(corsOrigins)
				if err != nil {
					return cannot(fmt.Errorf("--cors-origins: %w", err))
				}
				proxies, err := plumbing.ParseTrustedProxies(trustedProxies)
				if err != nil {
					return cannot(fmt.Errorf("--trusted-proxy: %w", err))
				}
				ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
				defer stop()
				logger := slog.New(slog.NewTextHandler(g.stderr, nil))
				a, err := app.Open(ctx, app.OpenConfig{DataDir: g.data, DBURL: g.db}, app.Config{Logger: logger, EnquiryWebhook: os.Getenv("ATHAR_ENQUIRY_WEBHOOK")})
				if err != nil {
					return cannot(err)
				}
				defer a.Close()
				secret, err := webSecret(g.data)
				if err != nil {
					return cannot(err)
				}
				if wf.workers < 0 {
					return cannot(fmt.Errorf("--workers %d: want 0 (no workers in this process) or more", wf.workers))
				}
				// The queue is opened even without workers here: the
				// admin page shows and retries its jobs.
				cfg, err := wf.config(logger)
				if err != nil {
					return cannot(err)
				}
				cfg.Feeds = feedPoller(a, logger)
				q, err := jobs.Open(ctx, a, cfg)
				if err != nil {
					return cannot(err)
				}
				defer q.Close()
				h, err := server.Handler(server.Config{App: a, BaseURL: baseURL, Logger: logger, Secret: secret, Jobs: q,
					CORSOrigins: origins, TrustedProxies: proxies})
				if err != nil {
					return cannot(err)
				}
				workDone := make(chan error, 1)
				if wf.workers > 0 {
					go func() { workDone <- q.Work(ctx, wf.workers) }()
				} else {
					workDone <- nil
				}
				if ok, err := a.AnyoneCanSignIn(ctx); err == nil && !ok {
					fmt.Fprintln(g.stderr, "athar: no account can log in yet: run 'athar user add NAME --role admin --password-stdin'")
				}
				ln, err := net.Listen("tcp", addr)
				if err != nil {
					return cannot(fmt.Errorf("--addr %s: %w", addr, err))
				}
				fmt.Fprintf(g.stderr, "athar: serving http://%s (%s, %d job workers); Ctrl-C stops\n", ln.Addr(), a.Engine(), wf.workers)
				serveErr := server.Serve(ctx, ln, h, logger)
				if ctx.Err() != nil {
					fmt.Fprintln(g.stderr, "athar: shutting down")
				}
				// The workers saw ctx end too: they finish or hand back
				// their jobs.
				stop()
				if err := <-workDone; err != nil && serveErr == nil {
					serveErr = fmt.Errorf("workers: %w", err)
				}
				if serveErr != nil {
					return cannot(serveErr)
				}
				return nil
			},
		}
		cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "HOST:PORT to listen on")
		cmd.Flags().StringVar(&baseURL, "base-url", os.Getenv("ATHAR_BASE_URL"),
			"the address people reach the server at, e.g. https://athar.example.org (env ATHAR_BASE_URL)")
		cmd.Flags().StringVar(&corsOrigins, "cors-origins", os.Getenv("ATHAR_CORS_ORIGINS"),
			"comma-separated origins whose web pages may read the API and its OpenAPI document from a browser (GET only; default none; env ATHAR_CORS_ORIGINS)")
		cmd.Flags().StringVar(&trustedProxies, "trusted-proxy", os.Getenv("ATHAR_TRUSTED_PROXIES"),
			"reverse proxies (IPs, CIDR ranges, comma-separated) whose X-Forwarded-For gives the client's address; default $ATHAR_TRUSTED_PROXIES")
		wf.add(cmd)
		return cmd
	})
}

// webSecret reads the key that signs session cookies and login forms from
// DIR/keys/web-session.key, making it on first use, so that a restart does
// not sign everyone out. Servers sharing one PostgreSQL database must be
// given the same file.
func webSecret(dataDir string) ([]byte, error) {
	path := filepath.Join(dataDir, "keys", "web-session.key")
	b, err := os.ReadFile(path)
	if err == nil && len(b) >= 32 {
		return b, nil
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("read the web session key: %w", err)
	}
	b = make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("make the keys directory: %w", err)
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		return nil, fmt.Errorf("write the web session key: %w", err)
	}
	return b, nil
}
