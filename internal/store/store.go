// Package store owns Athar's persistence: one Store over database/sql for
// both engines (the embedded SQLite default and PostgreSQL), the embedded
// migrations, the archive of original bytes, and the hash-chained ledger that
// every write appends to in the same transaction. Queries are written once
// with ? placeholders; the few dialect differences live in dialect.go.
//
// Every read takes an access.Viewer and filters by it in SQL: the store is
// where the read policy is applied, so no caller can forget it.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/athar-project/athar/internal/ledger"
	"github.com/athar-project/athar/internal/seal"
)

// Config says where the data lives.
type Config struct {
	// DataDir holds the SQLite database, the archive of original files and
	// the ledger's checkpoints (and the signing key of stores made before
	// it moved out: SigningKeyFile).
	DataDir string
	// DBURL, when it starts with postgres:// or postgresql://, puts the
	// database and the archive's blobs in PostgreSQL instead.
	DBURL string
	// ReadOnly opens an existing store without creating anything: a missing
	// data directory or database is an error.
	ReadOnly bool
	// SigningKeyFile is the file of the ledger's signing key; "": the file
	// ATHAR_SIGNING_KEY_FILE names, else the old DIR/keys/ledger.ed25519
	// when there is one, else the per-user default (ledger.DefaultKeyFile),
	// outside the data directory.
	SigningKeyFile string
	// MasterKeyFile is the file of the master key that wraps the data keys
	// of sealed sources (see keys.go); "": the file ATHAR_KEY_FILE names,
	// else master-<store id>.key in the per-user key folder.
	MasterKeyFile string
}

// ErrNoData means a read-only open found no data directory or database.
var ErrNoData = errors.New("no Athar data here")

// Store is Athar's storage on one engine.
type Store struct {
	// writeMu lets one writer of this process at a time into SQLite (see
	// gate).
	writeMu sync.Mutex
	// longestWrite is the longest transaction of Write, in nanoseconds.
	longestWrite atomic.Int64
	longestWhat  atomic.Value // LongestWriteOf
	// ledgerHeld, ledgerWaited and ledgerTxs add up, over the transactions
	// of Write that took the ledger's lock, how long they held it (from
	// taking it to their end), how long they waited for it, and how many
	// they were (LedgerLock).
	ledgerHeld, ledgerWaited, ledgerTxs atomic.Int64
	// largestWrite is the most bytes one transaction of Write wrote.
	largestWrite atomic.Int64
	// statementsRead counts the statements reads of whole statements
	// scanned (StatementsRead).
	statementsRead atomic.Int64
	// sealedStaged holds, by source id, originals sealed and staged ahead
	// of the transaction that stores their source (StageSealed).
	sealedStaged sync.Map
	db           *sql.DB
	dialect      dialect
	archive      archive
	dataDir      string
	dbURL        string
	keyFile      string // Config.SigningKeyFile
	masterFile   string // Config.MasterKeyFile
	keyMu        sync.Mutex
	master       *seal.Key // loaded once, by masterKey
	searchRaw    []byte    // the search key, read once by searchKey
	valueRaw     []byte    // the value key, read once by valueKey (it never changes)
	now          func() time.Time
	// plainSQL runs every statement as it was before statements were kept
	// prepared (prepared.go): unprepared, multi-row inserts and IN lists
	// in one statement each, a batch's originals looked up one by one. For
	// the tests that compare what both ways store; never set otherwise.
	plainSQL bool
	// statements counts the statements write transactions ran, for the
	// tests that hold a write's cost in statements.
	statements atomic.Int64
	// own remembers the ledger entries this process's last write
	// transactions committed (ownLedger).
	own ownLedger
}

// Open opens (and, unless read-only, creates) the store and applies any
// migrations not yet applied.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	if cfg.DataDir == "" {
		return nil, errors.New("no data directory given")
	}
	s := &Store{dataDir: cfg.DataDir, keyFile: cfg.SigningKeyFile, masterFile: cfg.MasterKeyFile, now: func() time.Time { return time.Now().UTC() }}
	var err error
	switch {
	case cfg.DBURL == "":
		var unlock func()
		if unlock, err = s.openSQLite(ctx, cfg); err == nil {
			// Held until the store is migrated and sealed (see openSQLite).
			defer unlock()
		}
	case strings.HasPrefix(cfg.DBURL, "postgres://"), strings.HasPrefix(cfg.DBURL, "postgresql://"):
		err = s.openPostgres(ctx, cfg)
	default:
		err = fmt.Errorf("--db %q: want a postgres:// URL, or nothing for the embedded SQLite database", redactURL(cfg.DBURL))
	}
	if err != nil {
		return nil, err
	}
	if err := s.migrate(ctx); err != nil {
		s.db.Close()
		return nil, err
	}
	// Restricted and confidential sources of stores made before encryption
	// at rest are sealed on the first open after the upgrade, whatever the
	// command.
	if err := s.sealOnce(ctx); err != nil {
		s.db.Close()
		return nil, fmt.Errorf("seal restricted and confidential sources: %w", err)
	}
	if err := s.flattenMergeChains(ctx); err != nil {
		s.db.Close()
		return nil, err
	}
	return s, nil
}

// openSQLite opens the embedded database. It holds the data directory's
// open lock from before the first connection until Open
// returns (the caller releases it): the first connection switches a new
// database to WAL, which needs the file to itself and fails at once, whatever
// the busy timeout, while another process is doing the same; and two
// processes opening a new directory would both apply the first migration.
func (s *Store) openSQLite(ctx context.Context, cfg Config) (unlock func(), err error) {
	path := filepath.Join(cfg.DataDir, "athar.db")
	if cfg.ReadOnly {
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("%w: %s has no database (run 'athar ingest' or 'athar demo' to create one, or give --data)", ErrNoData, cfg.DataDir)
		}
	} else if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
		return nil, fmt.Errorf("create data directory: %w", err)
	}
	if unlock, err = lockFile(filepath.Join(cfg.DataDir, ".migrate.lock")); err != nil {
		return nil, fmt.Errorf("lock data directory %s: %w", cfg.DataDir, err)
	}
	fail := func(err error) (func(), error) {
		unlock()
		return nil, err
	}
	db, err := sql.Open("sqlite", sqliteDSN(path))
	if err != nil {
		return fail(err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return fail(fmt.Errorf("open %s: %w", path, err))
	}
	s.db = db
	s.dialect = sqliteDialect{}
	s.archive = &fileArchive{dir: filepath.Join(cfg.DataDir, "archive", "sha256")}
	return unlock, nil
}

func (s *Store) openPostgres(ctx context.Context, cfg Config) error {
	if cfg.ReadOnly {
		if _, err := os.Stat(cfg.DataDir); err != nil {
			return fmt.Errorf("%w: no data directory %s (it holds the ledger's key and checkpoints even with --db)", ErrNoData, cfg.DataDir)
		}
	} else if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
		return fmt.Errorf("create data directory: %w", err)
	}
	cc, err := pgx.ParseConfig(cfg.DBURL)
	if err != nil {
		return fmt.Errorf("database %s: %w", redactURL(cfg.DBURL), err)
	}
	withoutJIT(cc)
	db := stdlib.OpenDB(*cc)
	pingCtx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	if err := db.PingContext(pingCtx); err != nil {
		db.Close()
		return fmt.Errorf("database %s unreachable: %w", redactURL(cfg.DBURL), err)
	}
	s.db = db
	s.dbURL = cfg.DBURL
	s.dialect = postgresDialect{}
	s.archive = dbArchive{}
	return nil
}

// withoutJIT turns PostgreSQL's just-in-time compilation off for the
// store's connections, unless the database URL sets it ("?jit=on", or
// "options=-c jit=on"). The page queries are short index walks that stop at
// a page, but their subplans (the entities merged into another, the read
// policy) make the planner's cost of the whole scan high enough to compile
// every query: an entity list that runs in 0.5-15 ms spent about a second
// compiling on each request at a million statements (docs/scaling.md).
func withoutJIT(cc *pgx.ConnConfig) {
	if _, set := cc.RuntimeParams["jit"]; set || strings.Contains(cc.RuntimeParams["options"], "jit") {
		return
	}
	cc.RuntimeParams["jit"] = "off"
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// DataDir is the data directory.
func (s *Store) DataDir() string { return s.dataDir }

// Engine names the engine: "sqlite" or "postgres".
func (s *Store) Engine() string { return s.dialect.name() }

// rebind rewrites a query written with ? placeholders for this engine.
// Nothing outside the store writes SQL: it has no DB() and no Rebind(),
// and callers reach it through its methods (the store's own tests tamper
// through export_test.go).
func (s *Store) rebind(q string) string { return s.dialect.rebind(q) }

// redactURL drops the password from a database URL for messages.
func redactURL(u string) string {
	at := strings.LastIndex(u, "@")
	scheme := strings.Index(u, "://")
	if at < 0 || scheme < 0 {
		return u
	}
	userinfo := u[scheme+3 : at]
	if i := strings.Index(userinfo, ":"); i >= 0 {
		return u[:scheme+3] + userinfo[:i] + ":***" + u[at:]
	}
	return u
}

// Write runs fn in one transaction as actor; every row fn writes leaves a
// ledger entry in that same transaction. On SQLite the transaction takes the
// write lock at its start, so ledger sequence numbers never race.
func (s *Store) Write(ctx context.Context, actor string, fn func(*Tx) error) error {
	if actor == "" {
		return errors.New("a write needs an actor")
	}
	defer s.gate()()
	start := time.Now()
	t := &Tx{s: s, actor: actor, at: s.now().Format(time.RFC3339Nano)}
	defer func() { s.timeWrite(start, t.first) }()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	t.tx = tx
	defer t.countLock()
	if err := fn(t); err != nil {
		if t.secure {
			tx.ExecContext(ctx, "PRAGMA secure_delete = OFF")
		}
		tx.Rollback()
		return err
	}
	if err := t.flushReview(ctx); err != nil {
		if t.secure {
			tx.ExecContext(ctx, "PRAGMA secure_delete = OFF")
		}
		tx.Rollback()
		return err
	}
	if t.secure {
		if _, err := tx.ExecContext(ctx, "PRAGMA secure_delete = OFF"); err != nil {
			tx.Rollback()
			return fmt.Errorf("secure_delete: %w", err)
		}
	}
	if len(t.syncDirs) > 0 {
		if err := syncFS(t.syncDirs[0]); err != nil {
			tx.Rollback()
			return fmt.Errorf("flush archive to disk: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	s.noteOwn(t)
	s.noteBytes(t.wrote)
	for _, f := range t.afterCommit {
		if err := f(); err != nil {
			return err
		}
	}
	return nil
}

// gate lets one writer of this process at a time into the database, in
// the order they came (sync.Mutex hands over to a writer that waited more
// than a millisecond), and returns the release. On SQLite, whose lock goes to
// whichever writer asks first after it is free, a writer that asks again at
// once — an ingest's next transaction — would otherwise win it again and again
// over one that backs off between tries — a login — and keep that one
// waiting for as long as the ingest runs. PostgreSQL queues its own waiters:
// there the gate lets everyone through.
func (s *Store) gate() func() {
	if s.dialect.name() != "sqlite" {
		return func() {}
	}
	s.writeMu.Lock()
	return s.writeMu.Unlock
}

// timeWrite notes how long a write transaction that began at start held
// the database, and the first table it ledgered a row of (LongestWrite).
func (s *Store) timeWrite(start time.Time, first string) {
	d := int64(time.Since(start))
	for {
		old := s.longestWrite.Load()
		if d <= old {
			return
		}
		if s.longestWrite.CompareAndSwap(old, d) {
			s.longestWhat.Store(first)
			return
		}
	}
}

// countLock adds the time the transaction held the ledger's lock, if it
// took it, to the store's totals (its end is now: committed or rolled back).
func (t *Tx) countLock() {
	if !t.locked {
		return
	}
	t.s.ledgerHeld.Add(int64(time.Since(t.lockedAt)))
	t.s.ledgerWaited.Add(int64(t.lockWait))
	t.s.ledgerTxs.Add(1)
}

// LedgerLockStats says how the transactions of Write used the ledger's
// lock since the store was opened: how many took it, how long in all they
// held it — from taking it to commit or rollback, the part of writing that
// no other writer of any process can overlap (on SQLite the write lock is
// held from the transaction's start, a little longer) — and how long they
// waited for it.
type LedgerLockStats struct {
	Transactions int64
	Held, Waited time.Duration
}

// LedgerLock is the store's LedgerLockStats so far.
func (s *Store) LedgerLock() LedgerLockStats {
	return LedgerLockStats{Transactions: s.ledgerTxs.Load(), Held: time.Duration(s.ledgerHeld.Load()),
		Waited: time.Duration(s.ledgerWaited.Load())}
}

// LongestWriteOf is the first table whose row the longest transaction of
// Write ledgered ("" when it ledgered none: a search index's part, a mark),
// to tell which transaction it was.
func (s *Store) LongestWriteOf() string {
	w, _ := s.longestWhat.Load().(string)
	return w
}

// noteBytes keeps the most bytes one transaction wrote (LargestWriteBytes).
func (s *Store) noteBytes(n int64) {
	for {
		old := s.largestWrite.Load()
		if n <= old || s.largestWrite.CompareAndSwap(old, n) {
			return
		}
	}
}

// LargestWriteBytes is the most bytes any committed transaction of Write has
// written since the store was opened: the text and binary values its
// statements carried and the files it wrote to the archive. Work in a
// transaction grows with what it writes; this says whether one grew with a
// source's size (issue 18), as a count, not a time.
func (s *Store) LargestWriteBytes() int64 { return s.largestWrite.Load() }

// LongestWrite is the longest any transaction of Write has taken since the
// store was opened: how long it held SQLite's write lock, or PostgreSQL's
// ledger lock, at most (what a login or a review may have waited).
func (s *Store) LongestWrite() time.Duration { return time.Duration(s.longestWrite.Load()) }

// yieldFor is how long Yield pauses on SQLite.
const yieldFor = 25 * time.Millisecond

// Yield lets writers of other processes in between two transactions of a
// long run of them (an ingest of a large source). SQLite gives its lock to
// whoever asks first once it is free; a writer of another process asks again
// only after a pause (its busy handler sleeps up to 100 ms between tries),
// and would miss the moment between two of the run's transactions again and
// again. A short pause gives it its turn within a few transactions, for a few
// percent of the run's time. PostgreSQL queues its own waiters: there it does
// nothing.
func (s *Store) Yield(ctx context.Context) {
	if s.dialect.name() != "sqlite" {
		return
	}
	select {
	case <-time.After(yieldFor):
	case <-ctx.Done():
	}
}

// execWrite runs one statement that writes, outside a transaction, through
// the gate.
func (s *Store) execWrite(ctx context.Context, q string, args ...any) (sql.Result, error) {
	defer s.gate()()
	return s.db.ExecContext(ctx, s.rebind(q), args...)
}

// writeTx is a transaction begun through the gate: Commit and Rollback
// release it.
type writeTx struct {
	*sql.Tx
	release func()
}

func (t *writeTx) Commit() error {
	defer t.release()
	return t.Tx.Commit()
}

func (t *writeTx) Rollback() error {
	defer t.release()
	return t.Tx.Rollback()
}

// beginWrite begins a transaction that writes outside Write (operational
// tables: the access log, feeds), through the gate.
func (s *Store) beginWrite(ctx context.Context) (*writeTx, error) {
	release := s.gate()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		release()
		return nil, err
	}
	var once sync.Once
	return &writeTx{Tx: tx, release: func() { once.Do(release) }}, nil
}

// migrationsFS holds the numbered, append-only migrations of both engines.
func (s *Store) migrations() (fs.FS, error) {
	return fs.Sub(migrationFiles, "migrations/"+s.dialect.name())
}

// Head returns the ledger's last sequence number and hash (0 and
// ledger.Genesis when empty).
func (s *Store) Head(ctx context.Context) (int64, string, error) {
	return head(ctx, s.db, s.dialect)
}

type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

func head(ctx context.Context, q querier, d dialect) (int64, string, error) {
	var seq int64
	var hash string
	err := q.QueryRowContext(ctx, "SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1").Scan(&seq, &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ledger.Genesis, nil
	}
	if err != nil {
		return 0, "", fmt.Errorf("read ledger head: %w", err)
	}
	return seq, hash, nil
}

// SizeOnDisk is how many bytes the store takes: the data directory on
// SQLite (database, WAL, archive), or the database plus the data directory's
// keys and checkpoints on PostgreSQL.
func (s *Store) SizeOnDisk(ctx context.Context) (int64, error) {
	local, err := dirSize(s.dataDir)
	if err != nil || s.dialect.name() != "postgres" {
		return local, err
	}
	var db int64
	if err := s.db.QueryRowContext(ctx, "SELECT pg_database_size(current_database())").Scan(&db); err != nil {
		return 0, err
	}
	return local + db, nil
}

func dirSize(dir string) (int64, error) {
	var total int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			fi, err := d.Info()
			if err != nil {
				return err
			}
			total += fi.Size()
		}
		return nil
	})
	return total, err
}
