package main

import (
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"runtime"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/feeds"
	"github.com/athar-project/athar/internal/jobs"
)

// workerFlags tune the workers of `athar worker` (and of `athar serve`).
type workerFlags struct {
	workers     int
	jobTimeout  time.Duration
	rescueAfter time.Duration
}

func (f *workerFlags) add(cmd *cobra.Command) {
	cmd.Flags().IntVar(&f.workers, "workers", runtime.GOMAXPROCS(0), "jobs run at once")
	cmd.Flags().DurationVar(&f.jobTimeout, "job-timeout", jobs.DefaultJobTimeout, "stop a job's attempt after this long")
	cmd.Flags().DurationVar(&f.rescueAfter, "rescue-after", 0,
		"put a job back when it has been running this long (its worker died); must exceed --job-timeout (default: job timeout + 1m)")
}

// config is the queue's configuration for these flags, logging to logger
// (the number of workers is the caller's: Work takes it).
func (f *workerFlags) config(logger *slog.Logger) (jobs.Config, error) {
	if f.rescueAfter != 0 && f.rescueAfter <= f.jobTimeout {
		return jobs.Config{}, fmt.Errorf("--rescue-after %s must be longer than --job-timeout %s", f.rescueAfter, f.jobTimeout)
	}
	return jobs.Config{Logger: logger, JobTimeout: f.jobTimeout, RescueAfter: f.rescueAfter}, nil
}

// feedPoller polls followed feeds from the job queue's periodic task, as
// every process working the queue must (the task's name is shared).
func feedPoller(a *app.App, logger *slog.Logger) *feeds.Poller {
	return &feeds.Poller{App: a, Report: func(r feeds.Result) {
		// The feed's id and counts only: a feed's URL and items may be
		// above what the log's readers may see.
		if r.Err != nil {
			logger.Warn("feed poll failed", "feed", r.Feed.ID, "failures", r.Feed.Failures+1, "next", r.NextPollAt)
			return
		}
		logger.Info("feed polled", "feed", r.Feed.ID, "not_modified", r.NotModified, "items", len(r.Items))
	}}
}

func init() {
	register(func(g *globals) *cobra.Command {
		var f workerFlags
		cmd := &cobra.Command{
			Use:   "worker",
			Short: "Run background jobs (ingest, extract, resolve, re-index) until interrupted",
			Long: `Run background jobs from the queue in the database until SIGINT or SIGTERM:
extraction queued by 'athar ingest --queue', ingestion of fetched items,
re-linking and search indexing. Any number of workers may share a queue (on
PostgreSQL, from any number of machines). On a signal the worker takes no new
job, lets running ones finish for 30 seconds, then puts what is left back for
another worker. A job that fails is retried with a growing wait; one that
fails every attempt is parked: 'athar jobs --state parked' lists it and 'athar
jobs retry ID' runs it again.`,
			Args: cobra.NoArgs,
			RunE: func(cmd *cobra.Command, _ []string) error {
				ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
				defer stop()
				if f.workers < 1 {
					return cannot(fmt.Errorf("--workers %d: want 1 or more", f.workers))
				}
				logger := slog.New(slog.NewTextHandler(g.stderr, nil))
				cfg, err := f.config(logger)
				if err != nil {
					return cannot(err)
				}
				a, v, err := g.openApp(ctx, false)
				if err != nil {
					return err
				}
				defer a.Close()
				cfg.Feeds = feedPoller(a, logger)
				if !v.CanWrite() {
					return cannot(fmt.Errorf("%s may not change what is stored (role %s)", v.Actor(), v.Role))
				}
				q, err := jobs.Open(ctx, a, cfg)
				if err != nil {
					return cannot(err)
				}
				defer q.Close()
				fmt.Fprintf(g.stderr, "athar: working the job queue (%s, %d at a time); Ctrl-C stops\n", a.Engine(), f.workers)
				if err := q.Work(ctx, f.workers); err != nil {
					return cannot(err)
				}
				fmt.Fprintln(g.stderr, "athar: workers stopped")
				return nil
			},
		}
		f.add(cmd)
		return cmd
	})
}
