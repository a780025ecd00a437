// Package jobs owns Athar's background work: a queue in River (riverqueue)
// on the store's own database — its SQLite driver on the embedded default,
// its PostgreSQL driver for teams — and the workers that ingest, extract,
// resolve and re-index from it. Any number of processes may enqueue and work
// the same queue; a job runs with retries and backoff, and one that keeps
// failing is parked (River's "discarded") with its errors, to be listed and
// retried by a person.
//
// Every job is idempotent: the store's transactions keep a killed worker from
// leaving anything half-written, and a job that runs again (after a crash, a
// retry or a second enqueue) finds its work done and changes nothing.
package jobs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/riverqueue/river/rivertype"

	"github.com/athar-project/athar/internal/app"
)

// Defaults for Config's zero values.
const (
	DefaultMaxAttempts = 8
	DefaultJobTimeout  = 10 * time.Minute
	DefaultStopTimeout = 30 * time.Second
	// DefaultCheckpointEvery is how often a worker process signs the ledger's
	// head while it writes.
	DefaultCheckpointEvery = time.Minute
)

// Config tunes a queue. The zero value is what `athar serve` and `athar
// worker` use.
type Config struct {
	// Logger receives the queue's notes and River's warnings (nil: none).
	// Nothing restricted is logged: a failure of work on a source above
	// public is logged without its details.
	Logger *slog.Logger
	// MaxAttempts is how many times a job runs before it is parked
	// (0: DefaultMaxAttempts).
	MaxAttempts int
	// JobTimeout bounds one attempt (0: DefaultJobTimeout).
	JobTimeout time.Duration
	// RescueAfter is how long a job may stay running before it is taken to
	// belong to a dead worker and made available again (0: JobTimeout plus
	// one minute). It must exceed JobTimeout, whose expiry stops a live
	// worker's attempt first, so that no job is ever worked twice at once.
	// River's leader looks for such jobs every 30 seconds.
	RescueAfter time.Duration
	// Backoff is the wait before retry n (1 after the first failure); nil
	// uses River's (n⁴ seconds, with jitter).
	Backoff func(attempt int) time.Duration
	// StopTimeout is how long a graceful stop lets running jobs finish before
	// cancelling them; a cancelled job is put back for another worker
	// (0: DefaultStopTimeout).
	StopTimeout time.Duration
	// PollInterval is how often idle workers look for new jobs when no
	// notification wakes them (0: River's, one second).
	PollInterval time.Duration
	// CheckpointEvery is how often Work signs the ledger's head while jobs
	// write (0: DefaultCheckpointEvery); it also signs when it stops.
	CheckpointEvery time.Duration
	// Periodic tasks run on a schedule, once per period across every
	// process working the queue.
	Periodic []PeriodicTask
	// Feeds, when set, is polled every minute (the periodic task "feeds").
	Feeds FeedPoller
}

// FeedPoller fetches what is due of the feeds it follows.
type FeedPoller interface {
	PollDue(ctx context.Context, now time.Time) error
}

// PeriodicTask is work run every so often by whichever worker takes it.
type PeriodicTask struct {
	// Name identifies the task in job listings; every process working the
	// queue must know the same names.
	Name  string
	Every time.Duration
	Run   func(ctx context.Context, now time.Time) error
}

// client is what the queue uses of River's client, the same for both
// drivers' transaction types.
type client interface {
	Insert(ctx context.Context, args river.JobArgs, opts *river.InsertOpts) (*rivertype.JobInsertResult, error)
	InsertMany(ctx context.Context, params []river.InsertManyParams) ([]*rivertype.JobInsertResult, error)
	JobList(ctx context.Context, params *river.JobListParams) (*river.JobListResult, error)
	JobGet(ctx context.Context, id int64) (*rivertype.JobRow, error)
	JobRetry(ctx context.Context, id int64) (*rivertype.JobRow, error)
	JobCancel(ctx context.Context, id int64) (*rivertype.JobRow, error)
	Start(ctx context.Context) error
	Stop(ctx context.Context) error
	StopAndCancel(ctx context.Context) error
}

// Queue is the job queue of one store. It implements app.Queue.
type Queue struct {
	app    *app.App
	cfg    Config
	logger *slog.Logger
	// client inserts, lists, retries and cancels; it works no jobs.
	client client
	// newClient makes a River client on this queue's driver.
	newClient func(*river.Config) (client, error)
	// db is River's connection to the store's database.
	db *app.JobsDB

	tasks map[string]PeriodicTask
	wrote atomic.Bool // a job wrote since the last checkpoint
}

// Open opens the queue in the database of a's store, applying River's
// migrations first (one process migrates while the others wait).
func Open(ctx context.Context, a *app.App, cfg Config) (*Queue, error) {
	q := &Queue{app: a, cfg: cfg, logger: cfg.Logger}
	if q.logger == nil {
		q.logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if q.cfg.MaxAttempts <= 0 {
		q.cfg.MaxAttempts = DefaultMaxAttempts
	}
	if q.cfg.JobTimeout <= 0 {
		q.cfg.JobTimeout = DefaultJobTimeout
	}
	if q.cfg.RescueAfter <= 0 {
		q.cfg.RescueAfter = q.cfg.JobTimeout + time.Minute
	}
	if q.cfg.RescueAfter <= q.cfg.JobTimeout {
		return nil, fmt.Errorf("jobs: rescue after (%s) must be longer than the job timeout (%s)", q.cfg.RescueAfter, q.cfg.JobTimeout)
	}
	if q.cfg.StopTimeout <= 0 {
		q.cfg.StopTimeout = DefaultStopTimeout
	}
	if q.cfg.CheckpointEvery <= 0 {
		q.cfg.CheckpointEvery = DefaultCheckpointEvery
	}
	if err := q.indexTasks(); err != nil {
		return nil, err
	}
	db, err := a.OpenJobsDB(ctx)
	if err != nil {
		return nil, err
	}
	q.db = db
	if err := q.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if q.client, err = q.newClient(q.riverConfig()); err != nil {
		q.Close()
		return nil, fmt.Errorf("jobs: %w", err)
	}
	// The process's ingests queue their work here when asked to.
	a.SetQueue(q)
	return q, nil
}

// Close releases the queue's connections. Stop Work first.
func (q *Queue) Close() error {
	if q.db != nil {
		q.db.Close()
		q.db = nil
	}
	return nil
}

// riverLogger passes River's warnings and errors on, not its notes: those
// carry job errors, which the queue logs itself without restricted details.
func (q *Queue) riverLogger() *slog.Logger {
	return slog.New(levelFilter{q.logger.Handler(), slog.LevelWarn})
}

type levelFilter struct {
	slog.Handler
	min slog.Level
}

func (f levelFilter) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= f.min && f.Handler.Enabled(ctx, l)
}

func (f levelFilter) WithAttrs(as []slog.Attr) slog.Handler {
	return levelFilter{f.Handler.WithAttrs(as), f.min}
}

func (f levelFilter) WithGroup(name string) slog.Handler {
	return levelFilter{f.Handler.WithGroup(name), f.min}
}

// riverConfig is the client configuration shared by the inserting client
// and working clients.
func (q *Queue) riverConfig() *river.Config {
	c := &river.Config{
		Logger:               q.riverLogger(),
		MaxAttempts:          q.cfg.MaxAttempts,
		JobTimeout:           q.cfg.JobTimeout,
		RescueStuckJobsAfter: q.cfg.RescueAfter,
		SoftStopTimeout:      q.cfg.StopTimeout,
		FetchPollInterval:    q.cfg.PollInterval,
		// Parked jobs wait a season for a person to look at them.
		DiscardedJobRetentionPeriod: 90 * 24 * time.Hour,
	}
	if q.cfg.Backoff != nil {
		c.RetryPolicy = backoffPolicy(q.cfg.Backoff)
	}
	return c
}

type backoffPolicy func(attempt int) time.Duration

func (b backoffPolicy) NextRetry(job *rivertype.JobRow) time.Time {
	return time.Now().UTC().Add(b(max(job.Attempt, 1)))
}

// migrate applies River's migrations with the driver of the store's engine,
// one process at a time.
func (q *Queue) migrate(ctx context.Context) error {
	var migrate func() error
	if q.db.SQLite != nil {
		driver := riversqlite.New(q.db.SQLite)
		q.newClient = func(c *river.Config) (client, error) { return river.NewClient(driver, c) }
		migrate = func() error { return runMigrations(ctx, q, driver) }
	} else {
		driver := riverpgxv5.New(q.db.Postgres)
		q.newClient = func(c *river.Config) (client, error) { return river.NewClient(driver, c) }
		migrate = func() error { return runMigrations(ctx, q, driver) }
	}
	return q.db.Exclusive(ctx, migrate)
}

func runMigrations[TTx any](ctx context.Context, q *Queue, driver riverdriver.Driver[TTx]) error {
	m, err := rivermigrate.New(driver, &rivermigrate.Config{Logger: q.riverLogger()})
	if err != nil {
		return fmt.Errorf("jobs: migrations: %w", err)
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("jobs: migrate River's tables: %w", err)
	}
	return nil
}

// ErrNotFound means no job has the id given.
var ErrNotFound = errors.New("no such job")
