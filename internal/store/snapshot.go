package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Snapshot is a consistent copy of the database, taken while writers go on.
type Snapshot struct {
	Engine string // "sqlite" or "postgres"
	Path   string // the file: SQLite's database, or pg_dump's custom format
}

// Snapshot writes a consistent copy of the database into dir: SQLite's
// VACUUM INTO, or pg_dump of the server's own major version (pg_dump refuses
// a newer server, an older one would lose features). On SQLite the
// originals are files beside it (ArchiveDir); on PostgreSQL they are in it.
func (s *Store) Snapshot(ctx context.Context, dir string) (Snapshot, error) {
	switch s.dialect.name() {
	case "sqlite":
		out := Snapshot{Engine: "sqlite", Path: filepath.Join(dir, "athar.db")}
		if _, err := s.db.ExecContext(ctx, "VACUUM INTO ?", out.Path); err != nil {
			return out, fmt.Errorf("snapshot the database: %w", err)
		}
		return out, nil
	case "postgres":
		out := Snapshot{Engine: "postgres", Path: filepath.Join(dir, "postgres.dump")}
		tool, err := pgTool(ctx, s.db, "pg_dump")
		if err != nil {
			return out, err
		}
		cmd := exec.CommandContext(ctx, tool, "--format=custom", "--no-owner", "--no-privileges", "--file", out.Path, "--dbname", s.dbURL)
		if b, err := cmd.CombinedOutput(); err != nil {
			return out, fmt.Errorf("pg_dump: %w: %s", err, strings.TrimSpace(string(b)))
		}
		return out, nil
	}
	return Snapshot{}, fmt.Errorf("no snapshot for engine %s", s.dialect.name())
}

// ArchiveDir is the folder that holds the originals as files (the embedded
// SQLite store), "" when they are rows of the database (PostgreSQL).
func (s *Store) ArchiveDir() string {
	if a, ok := s.archive.(*fileArchive); ok {
		return a.dir
	}
	return ""
}

// RestoreDump restores a PostgreSQL snapshot into the database at dbURL,
// which must be empty.
func RestoreDump(ctx context.Context, dbURL, dump string) error {
	db, err := sql.Open("pgx", dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	var tables int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'").Scan(&tables); err != nil {
		return fmt.Errorf("database %s unreachable: %w", redactURL(dbURL), err)
	}
	if tables > 0 {
		return fmt.Errorf("restore needs an empty database: it holds %d tables", tables)
	}
	tool, err := pgTool(ctx, db, "pg_restore")
	if err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, tool, "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", "--dbname", dbURL, dump)
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("pg_restore: %w: %s", err, strings.TrimSpace(string(b)))
	}
	return nil
}

// pgTool finds a PostgreSQL client tool of the server's major version.
func pgTool(ctx context.Context, db *sql.DB, tool string) (string, error) {
	var v int
	if err := db.QueryRowContext(ctx, "SELECT current_setting('server_version_num')::int").Scan(&v); err != nil {
		return "", err
	}
	path := fmt.Sprintf("/usr/lib/postgresql/%d/bin/%s", v/10000, tool)
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	if p, err := exec.LookPath(tool); err == nil {
		return p, nil
	}
	return "", fmt.Errorf("%s for PostgreSQL %d is not installed (Debian's postgresql-client-%d)", tool, v/10000, v/10000)
}
