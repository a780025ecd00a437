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
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/riverqueue/river/rivertype"

	"github.com/athar-project/athar/internal/resolve"
	"github.com/athar-project/athar/internal/store"
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

// Queue is the job queue of one store.
type Queue struct {
	st     *store.Store
	cfg    Config
	logger *slog.Logger
	// client inserts, lists, retries and cancels; it works no jobs.
	client client
	// newClient makes a River client on this queue's driver.
	newClient func(*river.Config) (client, error)
	// db runs the few queries River's client has no call for (counts); on
	// SQLite it is River's own single connection.
	db      *sql.DB
	closeFn func()

	mu       sync.Mutex
	resolver *resolve.Resolver // built on the first extract job
	tasks    map[string]PeriodicTask
	wrote    atomic.Bool // a job wrote since the last checkpoint
}

// Open opens the queue in st's database, applying River's migrations first
// (one process migrates while the others wait).
func Open(ctx context.Context, st *store.Store, cfg Config) (*Queue, error) {
	q := &Queue{st: st, cfg: cfg, logger: cfg.Logger}
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
	var err error
	switch st.Engine() {
	case "sqlite":
		err = q.openSQLite(ctx)
	case "postgres":
		err = q.openPostgres(ctx)
	default:
		err = fmt.Errorf("jobs: no River driver for engine %s", st.Engine())
	}
	if err != nil {
		return nil, err
	}
	if q.client, err = q.newClient(q.riverConfig()); err != nil {
		q.Close()
		return nil, fmt.Errorf("jobs: %w", err)
	}
	return q, nil
}

// Close releases the queue's connections. Stop Work first.
func (q *Queue) Close() error {
	if q.closeFn != nil {
		q.closeFn()
		q.closeFn = nil
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

// openSQLite opens River's own connection to the store's database file:
// one connection, as River's SQLite driver asks, with the store's settings
// (WAL, full sync, immediate transactions, a long busy timeout) so that its
// writes queue behind the store's rather than failing.
func (q *Queue) openSQLite(ctx context.Context) error {
	path := filepath.Join(q.st.DataDir(), "athar.db")
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)" +
		"&_pragma=synchronous(FULL)&_pragma=busy_timeout(30000)&_txlock=immediate"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return fmt.Errorf("jobs: open %s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return fmt.Errorf("jobs: open %s: %w", path, err)
	}
	driver := riversqlite.New(db)
	if err := q.migrateSQLite(ctx, driver); err != nil {
		db.Close()
		return err
	}
	q.db, q.closeFn = db, func() { db.Close() }
	q.newClient = func(c *river.Config) (client, error) { return river.NewClient(driver, c) }
	return nil
}

func (q *Queue) migrateSQLite(ctx context.Context, driver *riversqlite.Driver) error {
	unlock, err := lockFile(filepath.Join(q.st.DataDir(), ".jobs-migrate.lock"))
	if err != nil {
		return fmt.Errorf("jobs: lock migrations: %w", err)
	}
	defer unlock()
	m, err := rivermigrate.New(driver, &rivermigrate.Config{Logger: q.riverLogger()})
	if err != nil {
		return fmt.Errorf("jobs: migrations: %w", err)
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("jobs: migrate River's tables: %w", err)
	}
	return nil
}

// migrateLockKey is the advisory lock that lets one process at a time apply
// River's migrations on PostgreSQL.
const migrateLockKey = 0x72697672 // "rivr"

func (q *Queue) openPostgres(ctx context.Context) error {
	pcfg, err := pgxpool.ParseConfig(q.st.DBURL())
	if err != nil {
		return fmt.Errorf("jobs: database URL: %w", err)
	}
	// River holds one connection to listen for notifications and uses a few
	// more for fetching, completing and its leader's upkeep; the jobs
	// themselves write through the store's own pool.
	pcfg.MaxConns = max(pcfg.MaxConns, 10)
	pool, err := pgxpool.NewWithConfig(ctx, pcfg)
	if err != nil {
		return fmt.Errorf("jobs: connect: %w", err)
	}
	driver := riverpgxv5.New(pool)
	if err := q.migratePostgres(ctx, pool, driver); err != nil {
		pool.Close()
		return err
	}
	q.db, q.closeFn = q.st.DB(), pool.Close
	q.newClient = func(c *river.Config) (client, error) { return river.NewClient(driver, c) }
	return nil
}

func (q *Queue) migratePostgres(ctx context.Context, pool *pgxpool.Pool, driver *riverpgxv5.Driver) error {
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("jobs: connect: %w", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", migrateLockKey); err != nil {
		return fmt.Errorf("jobs: lock migrations: %w", err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", migrateLockKey)
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

// resolverFor returns the queue's resolver, building it from the store on
// first use; every extract job of this process shares it, so a name placed by
// one is found by the next.
func (q *Queue) resolverFor(ctx context.Context) (*resolve.Resolver, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.resolver != nil {
		return q.resolver, nil
	}
	r, err := resolve.New(ctx, q.st)
	if err != nil {
		return nil, err
	}
	q.resolver = r
	return r, nil
}

// setResolver replaces the shared resolver (after a resolve job rebuilt one
// from the store, which also brings in what other processes placed).
func (q *Queue) setResolver(r *resolve.Resolver) {
	q.mu.Lock()
	q.resolver = r
	q.mu.Unlock()
}
