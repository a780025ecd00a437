package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	_ "modernc.org/sqlite" // the "sqlite" database/sql driver (pure Go)
)

//go:embed migrations
var migrationFiles embed.FS

// dialect holds what differs between the engines.
type dialect interface {
	name() string
	rebind(q string) string
	gooseDialect() goose.Dialect
	// lockLedger serializes ledger appends across concurrent transactions.
	lockLedger(ctx context.Context, tx *sql.Tx) error
}

type sqliteDialect struct{}

func (sqliteDialect) name() string                { return "sqlite" }
func (sqliteDialect) rebind(q string) string      { return q }
func (sqliteDialect) gooseDialect() goose.Dialect { return goose.DialectSQLite3 }

// SQLite transactions here begin IMMEDIATE (see sqliteDSN): the writer already
// holds the database's write lock.
func (sqliteDialect) lockLedger(context.Context, *sql.Tx) error { return nil }

func sqliteDSN(path string) string {
	// WAL for concurrent readers; synchronous=FULL because durability of
	// evidence is not optional; IMMEDIATE transactions so two writers never
	// deadlock upgrading a read lock.
	// The path is escaped: a '#' or '?' in it would otherwise end the
	// path and open another file.
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)" +
		"&_pragma=busy_timeout(30000)&_pragma=cache_size(-65536)&_txlock=immediate"
}

type postgresDialect struct{}

func (postgresDialect) name() string                { return "postgres" }
func (postgresDialect) gooseDialect() goose.Dialect { return goose.DialectPostgres }

// ledgerLockKey is the advisory lock that orders ledger appends on PostgreSQL.
const ledgerLockKey = 0x61746861 // "atha"

func (postgresDialect) lockLedger(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock($1)", ledgerLockKey)
	return err
}

// rebind turns ? placeholders into $1, $2, ... Queries never hold a literal
// question mark.
func (postgresDialect) rebind(q string) string {
	if !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 8)
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}

func (s *Store) migrate(ctx context.Context) error {
	fsys, err := s.migrations()
	if err != nil {
		return err
	}
	// On SQLite, Open holds the data directory's lock around this (see
	// openSQLite): one process migrates, the others wait.
	var opts []goose.ProviderOption
	if s.dialect.name() == "postgres" {
		// Many servers and workers may start at once: one migrates, the
		// others wait on the lock.
		locker, err := lock.NewPostgresSessionLocker()
		if err != nil {
			return err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	p, err := goose.NewProvider(s.dialect.gooseDialect(), s.db, fsys, opts...)
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrate %s: %w", s.dialect.name(), err)
	}
	if err := s.ensureTotals(ctx); err != nil {
		return err
	}
	return s.ensureReviewClaims(ctx)
}

// MigrationStatus lists each migration and whether it is applied.
func (s *Store) MigrationStatus(ctx context.Context) ([]string, error) {
	fsys, err := s.migrations()
	if err != nil {
		return nil, err
	}
	p, err := goose.NewProvider(s.dialect.gooseDialect(), s.db, fsys)
	if err != nil {
		return nil, err
	}
	st, err := p.Status(ctx)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, m := range st {
		out = append(out, fmt.Sprintf("%05d %s %s", m.Source.Version, m.State, m.Source.Path))
	}
	return out, nil
}
