package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/athar-project/athar/internal/ledger"
)

// archive keeps the original bytes of every source, addressed by SHA-256.
type archive interface {
	// put stores data under its hash. The file archive writes outside the
	// transaction (before it commits: an orphan blob is harmless, a source
	// without its blob is not); the database archive writes inside it.
	put(ctx context.Context, t *Tx, sum string, data []byte) error
	// stage writes data ahead of the transaction that will reference it,
	// where the archive can (the file archive; the database archive a large
	// original in pieces, each in a statement of its own); put then finds
	// it there.
	stage(ctx context.Context, db *sql.DB, sum string, data []byte) error
	// putStaged is put for an original a BlobWriter archived as it was
	// read (archive_stream.go).
	putStaged(ctx context.Context, t *Tx, b StagedBlob) error
	get(ctx context.Context, q querier, d dialect, sum string) ([]byte, error)
	// remove deletes a blob no record references any longer: the file
	// archive once the transaction has committed, the database archive in
	// it.
	remove(ctx context.Context, t *Tx, sum string) error
	// walk calls fn for every stored blob with its name and a reader.
	walk(ctx context.Context, q querier, fn func(sum string, r io.Reader) error) error
}

// Hash returns the hex SHA-256 of data.
func Hash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// fileArchive is the embedded default: DIR/archive/sha256/ab/<sha256>,
// unchanged and uncompressed, so an investigator can find an original by its
// hash with nothing but a shell.
type fileArchive struct {
	dir    string
	made   sync.Map // fan-out folders known to exist
	staged sync.Map // sums written ahead of their transaction, not yet synced
}

func (a *fileArchive) path(sum string) string { return filepath.Join(a.dir, sum[:2], sum) }

// durableStage is the size from which a staged blob is made durable as it
// is staged, outside the transaction, rather than by the transaction's one
// syncfs before it commits: a large original's sync — and syncfs, which
// flushes whatever else the disk is writing — would hold the write lock for
// as long as it takes (seconds for 8 MiB on a disk other work shares).
const durableStage = 1 << 20

func (a *fileArchive) stage(_ context.Context, _ *sql.DB, sum string, data []byte) error {
	if batchSync && len(data) >= durableStage {
		if err := a.writeSynced(sum, data); err != nil {
			return err
		}
		a.staged.Store(sum, durable)
		return nil
	}
	if err := a.write(sum, data); err != nil {
		return err
	}
	a.staged.Store(sum, true)
	return nil
}

// durable marks a staged blob already synced, with its folder.
const durable = "durable"

// writeSynced writes a blob and syncs it and its folder.
func (a *fileArchive) writeSynced(sum string, data []byte) error {
	if err := a.write(sum, data); err != nil {
		return err
	}
	f, err := os.Open(a.path(sum))
	if err != nil {
		return fmt.Errorf("archive %s: %w", sum, err)
	}
	err = f.Sync()
	f.Close()
	if err != nil {
		return fmt.Errorf("archive %s: %w", sum, err)
	}
	return ledger.SyncDir(filepath.Join(a.dir, sum[:2]))
}

func (a *fileArchive) put(_ context.Context, t *Tx, sum string, data []byte) error {
	v, ok := a.staged.LoadAndDelete(sum)
	if ok && v == durable {
		return nil // made durable as it was staged
	}
	if !ok {
		// Unstaged: a record of bytes already kept (their file is there),
		// or a stage that failed.
		if _, err := os.Stat(a.path(sum)); err != nil {
			if err := a.write(sum, data); err != nil {
				return err
			}
			t.wrote += int64(len(data))
		}
	}
	if batchSync {
		// One syncfs for the whole transaction, before it commits (see
		// Store.Write): the blob is durable before its row is.
		t.syncDirs = append(t.syncDirs, a.dir)
		return nil
	}
	return ledger.SyncDir(filepath.Join(a.dir, sum[:2]))
}

// write puts data in place under its hash: a temporary file renamed.
func (a *fileArchive) write(sum string, data []byte) error {
	// Every system call counts here (on a virtualized disk each costs tens
	// to hundreds of microseconds), so: no existence check (the caller stores
	// only bytes it has not stored; rewriting the same content is harmless),
	// folders made once, and a rename that needs no clean-up when it works.
	dir := filepath.Join(a.dir, sum[:2])
	if err := a.mkdir(dir); err != nil {
		return fmt.Errorf("archive: %w", err)
	}
	f, err := os.CreateTemp(dir, ".tmp-"+sum[:8]+"-*")
	if err != nil {
		return fmt.Errorf("archive: %w", err)
	}
	tmp := f.Name()
	fail := func(err error) error {
		f.Close()
		os.Remove(tmp)
		return fmt.Errorf("archive %s: %w", sum, err)
	}
	if _, err := f.Write(data); err != nil {
		return fail(err)
	}
	if !batchSync {
		if err := f.Sync(); err != nil {
			return fail(err)
		}
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("archive %s: %w", sum, err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, sum)); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("archive %s: %w", sum, err)
	}
	return nil
}

// mkdir makes a fan-out folder once per process.
func (a *fileArchive) mkdir(dir string) error {
	if _, ok := a.made.Load(dir); ok {
		return nil
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	a.made.Store(dir, true)
	return nil
}

func (a *fileArchive) remove(_ context.Context, t *Tx, sum string) error {
	if !validSum(sum) {
		return fmt.Errorf("not a sha256: %q", sum)
	}
	a.staged.Delete(sum)
	t.afterCommit = append(t.afterCommit, func() error {
		if err := os.Remove(a.path(sum)); errors.Is(err, fs.ErrNotExist) {
			return nil
		} else if err != nil {
			return fmt.Errorf("archive: remove %s: %w", sum, err)
		}
		return ledger.SyncDir(filepath.Join(a.dir, sum[:2]))
	})
	return nil
}

func (a *fileArchive) get(_ context.Context, _ querier, _ dialect, sum string) ([]byte, error) {
	if !validSum(sum) {
		return nil, fmt.Errorf("not a sha256: %q", sum)
	}
	b, err := os.ReadFile(a.path(sum))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("blob %s: %w", sum, ErrNotFound)
	}
	return b, err
}

func (a *fileArchive) walk(_ context.Context, _ querier, fn func(string, io.Reader) error) error {
	err := filepath.WalkDir(a.dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || strings.HasPrefix(d.Name(), ".tmp-") {
			return nil
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		return fn(d.Name(), f)
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// dbArchive keeps blobs in the database (PostgreSQL), so servers and workers
// share them and stay stateless: a small original in the transaction that
// stores its source, a large one (over blobPiece bytes) in pieces written
// ahead of it (stage), each in a statement of its own, which that
// transaction's blobs row then stands for. Either way the original and its
// source's row commit together or not at all: pieces no row stands for
// (an ingest stopped before its transaction) are harmless, and written
// again, or found there, by the next ingest of the same bytes.
type dbArchive struct{}

// blobPiece is the most bytes of an original one statement of the database
// archive writes, and what a transaction that stores a source holds of it
// at most (issue 18: an 8 MiB original written in that transaction held
// the ledger's lock, which every writer takes, while it was written): the
// size of a piece of text (TextPiece).
const blobPiece = TextPiece

// stage writes a large original's pieces, numbered from 0, a statement
// each, outside any transaction of Write: they take no lock another writer
// waits for. A piece already there is left as it is (a resumed ingest).
func (dbArchive) stage(ctx context.Context, db *sql.DB, sum string, data []byte) error {
	if len(data) <= blobPiece {
		return nil // written by the transaction, as a row like any other
	}
	for n, off := 0, 0; off < len(data); n, off = n+1, off+blobPiece {
		_, err := db.ExecContext(ctx, "INSERT INTO blob_pieces (sha256, n, data) VALUES ($1, $2, $3) ON CONFLICT (sha256, n) DO NOTHING",
			sum, n, data[off:min(off+blobPiece, len(data))])
		if err != nil {
			return fmt.Errorf("archive %s, piece %d: %w", sum, n, err)
		}
	}
	return nil
}

// piecesOf is how many pieces stage cuts size bytes into.
func piecesOf(size int) int { return (size + blobPiece - 1) / blobPiece }

func (dbArchive) put(ctx context.Context, t *Tx, sum string, data []byte) error {
	var n int
	if err := t.queryRow(ctx, "SELECT count(*) FROM blobs WHERE sha256 = ?", sum).Scan(&n); err != nil {
		return fmt.Errorf("archive: %w", err)
	}
	if n > 0 {
		return nil
	}
	row := map[string]any{"sha256": sum, "size": int64(len(data)), "data": data}
	if len(data) > blobPiece {
		// Staged in pieces, all of them (a stage that failed half way
		// leaves the transaction to write the bytes itself).
		var pieces int
		var total int64
		err := t.queryRow(ctx, "SELECT count(*), COALESCE(sum(length(data)), 0) FROM blob_pieces WHERE sha256 = ?", sum).Scan(&pieces, &total)
		if err != nil {
			return fmt.Errorf("archive: %w", err)
		}
		if pieces == piecesOf(len(data)) && total == int64(len(data)) {
			row["data"] = []byte{}
		}
	}
	return t.insert(ctx, "blobs", row)
}

func (dbArchive) remove(ctx context.Context, t *Tx, sum string) error {
	var n int
	if err := t.queryRow(ctx, "SELECT count(*) FROM blobs WHERE sha256 = ?", sum).Scan(&n); err != nil {
		return fmt.Errorf("archive: %w", err)
	}
	if n == 0 {
		return nil
	}
	if _, err := t.exec(ctx, "DELETE FROM blob_pieces WHERE sha256 = ?", sum); err != nil {
		return fmt.Errorf("archive: %w", err)
	}
	return t.remove(ctx, "blobs", sum)
}

func (dbArchive) get(ctx context.Context, q querier, d dialect, sum string) ([]byte, error) {
	var b []byte
	var size int64
	err := q.QueryRowContext(ctx, d.rebind("SELECT data, size FROM blobs WHERE sha256 = ?"), sum).Scan(&b, &size)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("blob %s: %w", sum, ErrNotFound)
	}
	if err != nil || len(b) > 0 || size == 0 {
		return b, err
	}
	// Written in pieces (stage): the row holds no bytes.
	rows, err := q.QueryContext(ctx, d.rebind("SELECT data FROM blob_pieces WHERE sha256 = ? ORDER BY n"), sum)
	if err != nil {
		return nil, fmt.Errorf("blob %s: %w", sum, err)
	}
	defer rows.Close()
	out := make([]byte, 0, size)
	for rows.Next() {
		var piece []byte
		if err := rows.Scan(&piece); err != nil {
			return nil, fmt.Errorf("blob %s: %w", sum, err)
		}
		out = append(out, piece...)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("blob %s: %w", sum, err)
	}
	// What is stored, as for a blob in one row: verify tells an altered or
	// incomplete original by its hash.
	return out, nil
}

func (dbArchive) walk(ctx context.Context, q querier, fn func(string, io.Reader) error) error {
	rows, err := q.QueryContext(ctx, "SELECT sha256 FROM blobs ORDER BY sha256")
	if err != nil {
		return err
	}
	var sums []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return err
		}
		sums = append(sums, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	// One blob in memory at a time.
	for _, s := range sums {
		b, err := dbArchive{}.get(ctx, q, postgresDialect{}, s)
		if err != nil {
			return err
		}
		if err := fn(s, bytes.NewReader(b)); err != nil {
			return err
		}
	}
	return nil
}

func validSum(s string) bool {
	if len(s) != 64 {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil
}
