package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/ingest"
	"github.com/athar-project/athar/internal/jobs"
	"github.com/athar-project/athar/internal/model"
)

func init() {
	register(func(g *globals) *cobra.Command {
		var kind, sensitivity, consent string
		var maxBytes int64
		var fetchTimeout time.Duration
		var batch int
		var queue bool
		cmd := &cobra.Command{
			Use:   "ingest PATH|URL...",
			Short: "Store files, folders (recursively) and http(s) URLs as sources",
			Long: `Store files, folders (recursively) and http(s) URLs as sources: plain text (with
an optional header block), HTML and PDF, in UTF-8, UTF-16, Windows-1256 or
ISO-8859-6. The original bytes go into the archive unchanged, addressed by
their SHA-256; the same bytes are stored once, and near-copies of a stored
article are linked to it. Prints one line per input; exits 1 if any input
failed, with the good ones stored.

By default extraction, resolution and search indexing run before the command
returns. With --queue the sources are only stored, and that work is queued as
one extract job per source for 'athar worker' or 'athar serve' to run.`,
			Args: cobra.MinimumNArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
				defer stop()
				opt := app.IngestOptions{MaxBytes: maxBytes, Timeout: fetchTimeout, BatchSize: batch, Queue: queue}
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
				if cmd.Flags().Changed("consent") {
					c, err := model.ParseConsent(consent)
					if err != nil {
						return cannot(fmt.Errorf("--consent: %w", err))
					}
					opt.Consent = &c
				}
				return g.ingest(ctx, args, opt)
			},
		}
		cmd.Flags().StringVar(&kind, "kind", "article", "kind of source: article, statement, testimony, document, social_post, court_record")
		cmd.Flags().StringVar(&sensitivity, "sensitivity", "", "sensitivity of the sources (default: public; confidential for testimony)")
		cmd.Flags().StringVar(&consent, "consent", "", "with --kind testimony: what the witness consented to, comma-separated: court, partners:NAME[|NAME], publication, contact, or none")
		cmd.Flags().Int64Var(&maxBytes, "max-bytes", 50<<20, "refuse inputs larger than this many bytes")
		cmd.Flags().DurationVar(&fetchTimeout, "fetch-timeout", 60*time.Second, "give up on a URL after this long")
		cmd.Flags().IntVar(&batch, "batch", app.DefaultBatch, "sources stored per transaction")
		cmd.Flags().BoolVar(&queue, "queue", false, "only store the sources; queue their extraction for the workers")
		return cmd
	})
}

// ingestLine is one line of `athar ingest --json`.
type ingestLine struct {
	Input       string `json:"input"`
	Status      string `json:"status"`
	ID          string `json:"id,omitempty"`
	SHA256      string `json:"sha256,omitempty"`
	Title       string `json:"title,omitempty"`
	DuplicateOf string `json:"duplicate_of,omitempty"`
	// Raised: the same bytes were a source at a weaker level, now raised to
	// the kind and sensitivity asked for.
	Raised bool   `json:"raised,omitempty"`
	Error  string `json:"error,omitempty"`
}

func (g *globals) ingest(ctx context.Context, args []string, opt app.IngestOptions) error {
	a, v, err := g.openApp(ctx, false)
	if err != nil {
		return err
	}
	defer a.Close()
	inputs, failed := app.Expand(args)
	bad := len(failed)
	for _, r := range failed {
		g.reportIngest(r)
	}
	if opt.Queue {
		q, err := jobs.Open(ctx, a, jobs.Config{})
		if err != nil {
			return cannot(err)
		}
		defer q.Close()
	}
	bar := g.progress(len(inputs), "ingesting")
	report := func(r app.IngestResult) {
		if bar != nil {
			bar.Clear()
		}
		g.reportIngest(r)
		if bar != nil {
			bar.Add(1)
		}
	}
	tot, runErr := a.Ingest(ctx, v, inputs, opt, report)
	bad += tot.Failed + tot.Unfinished
	if bar != nil {
		bar.Finish()
	}
	if err := g.done(context.WithoutCancel(ctx), a); err != nil {
		return err
	}
	if opt.Queue {
		fmt.Fprintf(g.stderr, "athar: queued extraction of %d sources (%d already queued); 'athar worker' or 'athar serve' runs it\n",
			tot.Queued, tot.AlreadyQueued)
	}
	if app.KindOf(runErr) != 0 {
		return refused(runErr)
	}
	if runErr != nil {
		return cannot(fmt.Errorf("ingest stopped: %w (what was stored before stays stored)", runErr))
	}
	if bad > 0 {
		return problem()
	}
	return nil
}

func (g *globals) reportIngest(r app.IngestResult) {
	if r.Outcome == app.Failed {
		fmt.Fprintf(g.stderr, "athar: %s: %v\n", ingest.DisplayName(r.Input), r.Err)
		return
	}
	if r.Err != nil { // stored, with what was found in it not all recorded
		fmt.Fprintf(g.stderr, "athar: %s: %v\n", r.Input, r.Err)
	}
	if g.json {
		b, _ := json.Marshal(ingestLine{Input: r.Input, Status: string(r.Outcome), ID: r.Source.ID, SHA256: r.Source.SHA256,
			Title: r.Source.Title, DuplicateOf: r.DuplicateOf, Raised: r.Raised})
		fmt.Fprintf(g.stdout, "%s\n", b)
		return
	}
	line := fmt.Sprintf("%-7s %s  %s", r.Outcome, r.Source.ID, ingest.DisplayName(r.Input))
	if r.Source.Title != "" {
		line += fmt.Sprintf("  %q", r.Source.Title)
	}
	if r.DuplicateOf != "" {
		line += "  (near-copy of " + r.DuplicateOf + ")"
	}
	if r.Raised {
		line += fmt.Sprintf("  (raised to %s %s)", r.Source.Sensitivity, r.Source.Kind)
	}
	fmt.Fprintln(g.stdout, line)
}

// progress returns a progress bar on stderr for batches of more than a few
// items, only when stderr is a terminal; nil otherwise.
func (g *globals) progress(n int, what string) *progressbar.ProgressBar {
	f, ok := g.stderr.(*os.File)
	if n <= 3 || !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return progressbar.NewOptions(n, progressbar.OptionSetWriter(f), progressbar.OptionSetDescription(what),
		progressbar.OptionShowCount(), progressbar.OptionClearOnFinish())
}
