package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/capture"
	"github.com/athar-project/athar/internal/model"
)

func init() {
	register(func(g *globals) *cobra.Command {
		var kind, sensitivity string
		var timeout time.Duration
		var maxMedia int64
		cmd := &cobra.Command{
			Use:   "capture URL...",
			Short: "Keep web pages as evidence: WARC/WACZ, screenshot, main text, one source each",
			Long: `Load each page in headless Chromium and keep it as one source: the HTTP
exchanges as served (WARC, packaged as a WACZ that ReplayWeb.page opens), a
full-page screenshot, the rendered document, the media the page links, and an
acquisition record (final URL, redirects, response headers, time, tool, who).
Every file is hashed into the archive and the ledger. The source's text is the
page's main text; extraction, resolution and search indexing run on it before
the command returns, as for ingest. Every request goes through the guarded
client (ATHAR_FETCH_ALLOW opens private addresses). Prints one line per URL;
exits 1 if any failed, with the good ones stored.`,
			Args: cobra.MinimumNArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
				defer stop()
				opt := app.CaptureOptions{Capture: capture.Options{Timeout: timeout, MaxMedia: maxMedia}}
				k, err := model.ParseSourceKind(kind)
				if err != nil {
					return cannot(fmt.Errorf("--kind: %w", err))
				}
				opt.Kind = k
				if sensitivity != "" {
					s, err := model.ParseSensitivity(sensitivity)
					if err != nil {
						return cannot(fmt.Errorf("--sensitivity: %w", err))
					}
					opt.Sensitivity = &s
				}
				return g.capture(ctx, args, opt)
			},
		}
		cmd.Flags().StringVar(&kind, "kind", "article", "kind of source: article, statement, testimony, document, social_post, court_record")
		cmd.Flags().StringVar(&sensitivity, "sensitivity", "", "sensitivity of the sources (default: public; confidential for testimony)")
		cmd.Flags().DurationVar(&timeout, "timeout", capture.DefaultTimeout, "give up on a page after this long, the browser's start included")
		cmd.Flags().Int64Var(&maxMedia, "max-media-bytes", capture.DefaultMaxMedia, "keep a linked image, video or audio file only up to this many bytes")
		return cmd
	})
}

// captureLine is one line of `athar capture --json` (CONTRACTS.md, "Evidence").
type captureLine struct {
	URL        string `json:"url"`
	ID         string `json:"id,omitempty"`
	SHA256     string `json:"sha256,omitempty"`
	WARC       string `json:"warc,omitempty"`
	Screenshot string `json:"screenshot,omitempty"`
	Error      string `json:"error,omitempty"`
}

func (g *globals) capture(ctx context.Context, urls []string, opt app.CaptureOptions) error {
	a, v, err := g.openApp(ctx, false)
	if err != nil {
		return err
	}
	defer a.Close()
	bad := 0
	runErr := a.Capture(ctx, v, urls, opt, func(r app.CaptureResult) {
		if r.Outcome != app.Stored {
			bad++
		} else if r.Err != nil {
			bad++ // stored, with what was found in it not all recorded
			fmt.Fprintf(g.stderr, "athar: %s: %v\n", r.URL, r.Err)
		}
		g.reportCapture(r)
	})
	if err := g.done(context.WithoutCancel(ctx), a); err != nil {
		return err
	}
	if app.KindOf(runErr) != 0 {
		return refused(runErr)
	}
	if runErr != nil {
		return cannot(fmt.Errorf("capture stopped: %w (what was stored before stays stored)", runErr))
	}
	if bad > 0 {
		return problem()
	}
	return nil
}

func (g *globals) reportCapture(r app.CaptureResult) {
	if r.Outcome != app.Stored {
		fmt.Fprintf(g.stderr, "athar: %v\n", r.Err) // a capture's error names the URL
		if g.json {
			b, _ := json.Marshal(captureLine{URL: r.URL, Error: r.Err.Error()})
			fmt.Fprintf(g.stdout, "%s\n", b)
		}
		return
	}
	if g.json {
		b, _ := json.Marshal(captureLine{URL: r.URL, ID: r.Source.ID, SHA256: r.Source.SHA256, WARC: r.WARC, Screenshot: r.Screenshot})
		fmt.Fprintf(g.stdout, "%s\n", b)
		return
	}
	line := fmt.Sprintf("stored  %s  %s", r.Source.ID, r.URL)
	if r.Source.Title != "" {
		line += fmt.Sprintf("  %q", r.Source.Title)
	}
	fmt.Fprintf(g.stdout, "%s\n        %d files, WACZ sha256 %s\n", line, len(r.Files), r.Source.SHA256)
}
