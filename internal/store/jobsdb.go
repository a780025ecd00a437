package store

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"path/filepath"

	"github.com/jackc/pgx/v5/pgxpool"
)

// JobsDB is how the background job queue (internal/jobs, on River) reaches
// the store's database: the engine-specific connections River's drivers
// take, the lock under which one process at a time applies River's
// migrations, and the one query River's client has no call for. River's
// tables live in the store's own database; nothing else in Athar reads them.
type JobsDB struct {
	// SQLite is River's own connection to the store's database file (River's
	// SQLite driver asks for one), with the store's settings — WAL, full
	// sync, immediate transactions, a long busy timeout — so that its writes
	// queue behind the store's rather than fail. Nil on PostgreSQL.
	SQLite *sql.DB
	// Postgres is River's pool on PostgreSQL (it holds one connection to
	// listen for notifications and a few more to fetch and complete jobs;
	// the jobs themselves write through the store's own pool). Nil on
	// SQLite.
	Postgres *pgxpool.Pool

	dataDir string
	count   *sql.DB
	close   func()
}

// OpenJobsDB opens the connections River needs; Close releases them.
func (s *Store) OpenJobsDB(ctx context.Context) (*JobsDB, error) {
	j := &JobsDB{dataDir: s.dataDir}
	switch s.dialect.name() {
	case "sqlite":
		path := filepath.Join(s.dataDir, "athar.db")
		dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)" +
			"&_pragma=synchronous(FULL)&_pragma=busy_timeout(30000)&_txlock=immediate"
		db, err := sql.Open("sqlite", dsn)
		if err != nil {
			return nil, fmt.Errorf("jobs: open %s: %w", path, err)
		}
		db.SetMaxOpenConns(1)
		if err := db.PingContext(ctx); err != nil {
			db.Close()
			return nil, fmt.Errorf("jobs: open %s: %w", path, err)
		}
		j.SQLite, j.count, j.close = db, db, func() { db.Close() }
	case "postgres":
		pcfg, err := pgxpool.ParseConfig(s.dbURL)
		if err != nil {
			return nil, fmt.Errorf("jobs: database URL: %w", err)
		}
		pcfg.MaxConns = max(pcfg.MaxConns, 10)
		pool, err := pgxpool.NewWithConfig(ctx, pcfg)
		if err != nil {
			return nil, fmt.Errorf("jobs: connect: %w", err)
		}
		j.Postgres, j.count, j.close = pool, s.db, pool.Close
	default:
		return nil, fmt.Errorf("jobs: no job queue on engine %s", s.dialect.name())
	}
	return j, nil
}

// Close releases River's connections.
func (j *JobsDB) Close() {
	if j.close != nil {
		j.close()
		j.close = nil
	}
}

// migrateLockKey is the advisory lock that lets one process at a time apply
// River's migrations on PostgreSQL.
const migrateLockKey = 0x72697672 // "rivr"

// Exclusive runs fn while no other process runs its own: a file lock beside
// the SQLite database, a session advisory lock on PostgreSQL. River's
// migrations run under it, so that many processes may start at once.
func (j *JobsDB) Exclusive(ctx context.Context, fn func() error) error {
	if j.SQLite != nil {
		unlock, err := lockFile(filepath.Join(j.dataDir, ".jobs-migrate.lock"))
		if err != nil {
			return fmt.Errorf("jobs: lock migrations: %w", err)
		}
		defer unlock()
		return fn()
	}
	conn, err := j.Postgres.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("jobs: connect: %w", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", migrateLockKey); err != nil {
		return fmt.Errorf("jobs: lock migrations: %w", err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", migrateLockKey)
	return fn()
}

// JobCount is how many of River's jobs of a kind are in a state.
type JobCount struct {
	Kind, State string
	N           int
}

// CountJobs counts River's jobs by kind and state.
func (j *JobsDB) CountJobs(ctx context.Context) ([]JobCount, error) {
	rows, err := j.count.QueryContext(ctx, "SELECT kind, state, count(*) FROM river_job GROUP BY kind, state")
	if err != nil {
		return nil, fmt.Errorf("count jobs: %w", err)
	}
	defer rows.Close()
	var out []JobCount
	for rows.Next() {
		var c JobCount
		if err := rows.Scan(&c.Kind, &c.State, &c.N); err != nil {
			return nil, fmt.Errorf("count jobs: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
