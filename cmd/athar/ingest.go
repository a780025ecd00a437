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
		var queue, dryRun bool
		var report string
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
one extract job per source for 'athar worker' or 'athar serve' to run.

Scanned PDFs (pages without a text layer) and images (PNG, JPEG, TIFF) are
read by OCR (Tesseract, Arabic and English), keeping each word's page, box
and confidence.

For large folders: --report FILE writes one JSON line per input as its batch
is stored (stored, near_copy, duplicate, failed, with ids and the reason of a
failure). Run the same command with the same --report again after an
interruption (even kill -9) and it continues where it stopped: inputs the
report records as stored are not read again, and nothing is stored twice.
--dry-run reads and parses everything and says what would happen, storing
nothing. A folder, --report or --dry-run ends with a summary line on stderr.`,
			Args: cobra.MinimumNArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
				defer stop()
				if dryRun && queue {
					return cannot(fmt.Errorf("--dry-run stores nothing, so it queues nothing: drop --queue"))
				}
				opt := app.IngestOptions{MaxBytes: maxBytes, Timeout: fetchTimeout, BatchSize: batch, Queue: queue, DryRun: dryRun}
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
				return g.ingest(ctx, args, opt, report)
			},
		}
		cmd.Flags().StringVar(&kind, "kind", "article", "kind of source: article, statement, testimony, document, social_post, court_record")
		cmd.Flags().StringVar(&sensitivity, "sensitivity", "", "sensitivity of the sources (default: public; confidential for testimony)")
		cmd.Flags().StringVar(&consent, "consent", "", "with --kind testimony: what the witness consented to, comma-separated: court, partners:NAME[|NAME], publication, contact, or none")
		cmd.Flags().Int64Var(&maxBytes, "max-bytes", 50<<20, "refuse inputs larger than this many bytes")
		cmd.Flags().DurationVar(&fetchTimeout, "fetch-timeout", 60*time.Second, "give up on a URL after this long")
		cmd.Flags().IntVar(&batch, "batch", app.DefaultBatch, "sources stored per transaction")
		cmd.Flags().BoolVar(&queue, "queue", false, "only store the sources; queue their extraction for the workers")
		cmd.Flags().StringVar(&report, "report", "", "write a per-input report to this file (JSON lines); run again with the same file to continue an interrupted run")
		cmd.Flags().BoolVar(&dryRun, "dry-run", false, "read every input and say what storing it would do, storing nothing")
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
	// DryRun: nothing was stored (--dry-run); DuplicateOfInput is the input
	// of the same run this one copies.
	DryRun           bool   `json:"dry_run,omitempty"`
	DuplicateOfInput string `json:"duplicate_of_input,omitempty"`
}

func (g *globals) ingest(ctx context.Context, args []string, opt app.IngestOptions, reportPath string) error {
	a, v, err := g.openApp(ctx, false)
	if err != nil {
		return err
	}
	defer a.Close()
	var rep *app.IngestReport
	if reportPath != "" {
		if rep, err = app.OpenReport(reportPath, opt.DryRun); err != nil {
			return cannot(err)
		}
	}
	sum := ingestSummary{dryRun: opt.DryRun, report: reportPath}
	var repErr error
	note := func(r app.IngestResult) {
		sum.add(r)
		g.reportIngest(r)
		if rep != nil && repErr == nil {
			repErr = rep.Write(r)
		}
	}
	all, failed := app.Expand(args)
	for _, r := range failed {
		note(r)
	}
	// Inputs an earlier run of this report stored are not read again.
	var inputs []string
	for _, in := range all {
		if rep == nil {
			inputs = append(inputs, in)
			continue
		}
		if l, ok := rep.Done(in); ok {
			sum.before++
			g.reportDone(in, l)
			continue
		}
		inputs = append(inputs, in)
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
		note(r)
		if bar != nil {
			bar.Add(1)
		}
	}
	tot, runErr := a.Ingest(ctx, v, inputs, opt, report)
	bad := sum.failed + tot.Unfinished
	if bar != nil {
		bar.Finish()
	}
	if rep != nil {
		if err := rep.Close(); err != nil && repErr == nil {
			repErr = err
		}
	}
	if !opt.DryRun {
		if err := g.done(context.WithoutCancel(ctx), a); err != nil {
			return err
		}
	}
	if reportPath != "" || opt.DryRun || hasFolder(args) {
		fmt.Fprintln(g.stderr, sum.String())
	}
	if opt.Queue {
		fmt.Fprintf(g.stderr, "athar: queued extraction of %d sources (%d already queued); 'athar worker' or 'athar serve' runs it\n",
			tot.Queued, tot.AlreadyQueued)
	}
	if repErr != nil {
		return cannot(fmt.Errorf("the report is incomplete: %w (what was stored stays stored)", repErr))
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

// hasFolder says whether an input names a folder: a bulk ingest, which ends
// with a summary line (as do runs with --report or --dry-run); a run of
// named files prints its lines only, as it always did.
func hasFolder(args []string) bool {
	for _, a := range args {
		if fi, err := os.Stat(a); err == nil && fi.IsDir() && !app.IsURL(a) {
			return true
		}
	}
	return false
}

// ingestSummary counts a run's outcomes for its summary line.
type ingestSummary struct {
	dryRun                                 bool
	report                                 string
	stored, nearCopies, duplicates, failed int
	before                                 int // done by an earlier run of the same report
}

func (s *ingestSummary) add(r app.IngestResult) {
	switch {
	case r.Outcome == app.Failed:
		s.failed++
	case r.Outcome == app.Exists:
		s.duplicates++
	default:
		s.stored++
		if r.DuplicateOf != "" || r.DuplicateOfInput != "" {
			s.nearCopies++
		}
	}
}

// String is the summary line: "athar: 1200 inputs: 1100 stored (40 of them
// near-copies), 50 duplicates, 10 failed; 40 done before (report r.jsonl)".
func (s *ingestSummary) String() string {
	n := s.stored + s.duplicates + s.failed + s.before
	stored, failed, head := "stored", "failed", "athar: "
	if s.dryRun {
		stored, failed, head = "would be stored", "would fail", "athar: dry run, nothing stored: "
	}
	line := fmt.Sprintf("%s%d inputs: %d %s (%d of them near-copies), %d duplicates, %d %s",
		head, n, s.stored, stored, s.nearCopies, s.duplicates, s.failed, failed)
	if s.before > 0 {
		line += fmt.Sprintf("; %d done by an earlier run (report %s)", s.before, ingest.DisplayName(s.report))
	}
	return line
}

// reportDone prints the line of an input an earlier run of the report
// stored: "done", its source, the input.
func (g *globals) reportDone(in string, l app.ReportLine) {
	if g.json {
		b, _ := json.Marshal(ingestLine{Input: in, Status: "done", ID: l.ID, SHA256: l.SHA256, Title: l.Title, DuplicateOf: l.NearCopyOf})
		fmt.Fprintf(g.stdout, "%s\n", b)
		return
	}
	fmt.Fprintf(g.stdout, "%-7s %s  %s  (by an earlier run)\n", "done", l.ID, ingest.DisplayName(in))
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
			Title: r.Source.Title, DuplicateOf: r.DuplicateOf, Raised: r.Raised, DryRun: r.DryRun, DuplicateOfInput: r.DuplicateOfInput})
		fmt.Fprintf(g.stdout, "%s\n", b)
		return
	}
	outcome, id := string(r.Outcome), r.Source.ID
	if r.DryRun && r.Outcome == app.Stored {
		outcome = "new"
	}
	if id == "" {
		id = "-" // a dry run's input, which has no source
	}
	line := fmt.Sprintf("%-7s %s  %s", outcome, id, ingest.DisplayName(r.Input))
	if r.Source.Title != "" {
		line += fmt.Sprintf("  %q", r.Source.Title)
	}
	if r.DuplicateOf != "" {
		line += "  (near-copy of " + r.DuplicateOf + ")"
	}
	if r.DuplicateOfInput != "" && r.Outcome == app.Exists {
		line += "  (same bytes as " + ingest.DisplayName(r.DuplicateOfInput) + ")"
	} else if r.DuplicateOfInput != "" {
		line += "  (near-copy of " + ingest.DisplayName(r.DuplicateOfInput) + ")"
	}
	if r.Raised {
		line += fmt.Sprintf("  (raised to %s %s)", r.Source.Sensitivity, r.Source.Kind)
	}
	if r.TextFinished {
		line += "  (its text, cut short before, is now whole: 'athar reextract " + id + "' extracts it)"
	}
	if r.DryRun {
		line += "  (dry run)"
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
