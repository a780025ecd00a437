package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"os"
	"path/filepath"

	"github.com/google/uuid"

	"github.com/athar-project/athar/internal/ledger"
	"github.com/athar-project/athar/internal/model"
)

// An original too large to hold in memory (an imported file of a million
// lines) is archived as it is read: BlobWriter hashes the bytes written to
// it and stages them — the file archive in a temporary file renamed to its
// hash when done, the database archive in pieces of blobPiece bytes under a
// temporary name that takes the hash when done — so that the process holds
// one piece at most. AddStagedSource then stores the source whose original
// it is, without its bytes passing through memory again. Sealed sources
// (restricted, confidential) are sealed whole, and cannot be stored so.

// StagedBlob is an original a BlobWriter archived, ready for the source
// whose original it is (AddStagedSource).
type StagedBlob struct {
	SHA256 string
	Size   int64
}

// BlobWriter archives an original as it is written (Store.NewBlobWriter).
// Close ends it and gives the staged blob; Abort drops what was written.
type BlobWriter struct {
	s    *Store
	ctx  context.Context
	h    hash.Hash
	size int64
	// the file archive
	f *os.File
	// the database archive
	tmp string
	buf []byte
	n   int
}

// NewBlobWriter starts archiving an original as it is written.
func (s *Store) NewBlobWriter(ctx context.Context) (*BlobWriter, error) {
	w := &BlobWriter{s: s, ctx: ctx, h: sha256.New()}
	switch a := s.archive.(type) {
	case *fileArchive:
		if err := a.mkdir(a.dir); err != nil {
			return nil, fmt.Errorf("archive: %w", err)
		}
		f, err := os.CreateTemp(a.dir, ".tmp-stream-*")
		if err != nil {
			return nil, fmt.Errorf("archive: %w", err)
		}
		w.f = f
	case dbArchive:
		// Not a SHA-256 (64 hex digits): no blob can be read by it.
		w.tmp = "staging-" + uuid.NewString()
		w.buf = make([]byte, 0, blobPiece)
	default:
		return nil, fmt.Errorf("archive: %T cannot archive as it reads", a)
	}
	return w, nil
}

// Write archives p.
func (w *BlobWriter) Write(p []byte) (int, error) {
	w.h.Write(p)
	w.size += int64(len(p))
	if w.f != nil {
		if _, err := w.f.Write(p); err != nil {
			return 0, fmt.Errorf("archive: %w", err)
		}
		return len(p), nil
	}
	for rest := p; len(rest) > 0; {
		k := min(len(rest), blobPiece-len(w.buf))
		w.buf = append(w.buf, rest[:k]...)
		rest = rest[k:]
		if len(w.buf) == blobPiece {
			if err := w.flush(); err != nil {
				return 0, err
			}
		}
	}
	return len(p), nil
}

// flush writes the piece held, a statement of its own outside any
// transaction of Write (as dbArchive.stage does).
func (w *BlobWriter) flush() error {
	if len(w.buf) == 0 {
		return nil
	}
	_, err := w.s.db.ExecContext(w.ctx, "INSERT INTO blob_pieces (sha256, n, data) VALUES ($1, $2, $3)", w.tmp, w.n, w.buf)
	if err != nil {
		return fmt.Errorf("archive, piece %d: %w", w.n, err)
	}
	w.n++
	w.buf = w.buf[:0]
	return nil
}

// Sum is the SHA-256 of what was written, in hex.
func (w *BlobWriter) Sum() string { return hex.EncodeToString(w.h.Sum(nil)) }

// Close ends the original and puts it in place under its hash, for
// AddStagedSource. When the archive holds the same bytes already, what
// was written is dropped and the blob there stands.
func (w *BlobWriter) Close() (StagedBlob, error) {
	b := StagedBlob{SHA256: hex.EncodeToString(w.h.Sum(nil)), Size: w.size}
	if w.f != nil {
		return b, w.closeFile(b)
	}
	if err := w.flush(); err != nil {
		w.Abort()
		return b, err
	}
	if err := w.rename(b); err != nil {
		w.Abort()
		return b, err
	}
	return b, nil
}

func (w *BlobWriter) closeFile(b StagedBlob) error {
	a := w.s.archive.(*fileArchive)
	tmp := w.f.Name()
	fail := func(err error) error {
		w.f.Close()
		os.Remove(tmp)
		w.f = nil
		return fmt.Errorf("archive %s: %w", b.SHA256, err)
	}
	durableNow := batchSync && b.Size >= durableStage
	if durableNow || !batchSync {
		if err := w.f.Sync(); err != nil {
			return fail(err)
		}
	}
	if err := w.f.Close(); err != nil {
		return fail(err)
	}
	w.f = nil
	dir := filepath.Join(a.dir, b.SHA256[:2])
	if err := a.mkdir(dir); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("archive: %w", err)
	}
	if err := os.Rename(tmp, a.path(b.SHA256)); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("archive %s: %w", b.SHA256, err)
	}
	if durableNow {
		if err := ledger.SyncDir(dir); err != nil {
			return fmt.Errorf("archive %s: %w", b.SHA256, err)
		}
		a.staged.Store(b.SHA256, durable)
		return nil
	}
	a.staged.Store(b.SHA256, true)
	return nil
}

// rename gives the pieces written their hash, unless the archive has all
// the pieces of these bytes already (a blob stored, or staged before).
func (w *BlobWriter) rename(b StagedBlob) error {
	ctx := w.ctx
	var pieces int
	var total int64
	err := w.s.db.QueryRowContext(ctx, "SELECT count(*), COALESCE(sum(length(data)), 0) FROM blob_pieces WHERE sha256 = $1", b.SHA256).Scan(&pieces, &total)
	if err != nil {
		return fmt.Errorf("archive %s: %w", b.SHA256, err)
	}
	var inline int
	if err := w.s.db.QueryRowContext(ctx, "SELECT count(*) FROM blobs WHERE sha256 = $1 AND length(data) > 0", b.SHA256).Scan(&inline); err != nil {
		return fmt.Errorf("archive %s: %w", b.SHA256, err)
	}
	if inline > 0 || (pieces == w.n && total == b.Size && b.Size > 0) {
		return w.drop()
	}
	tx, err := w.s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("archive %s: %w", b.SHA256, err)
	}
	defer tx.Rollback()
	// Pieces of a stage that stopped half way are replaced.
	if _, err := tx.ExecContext(ctx, "DELETE FROM blob_pieces WHERE sha256 = $1", b.SHA256); err != nil {
		return fmt.Errorf("archive %s: %w", b.SHA256, err)
	}
	if _, err := tx.ExecContext(ctx, "UPDATE blob_pieces SET sha256 = $1 WHERE sha256 = $2", b.SHA256, w.tmp); err != nil {
		return fmt.Errorf("archive %s: %w", b.SHA256, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("archive %s: %w", b.SHA256, err)
	}
	return nil
}

func (w *BlobWriter) drop() error {
	if _, err := w.s.db.ExecContext(context.WithoutCancel(w.ctx), "DELETE FROM blob_pieces WHERE sha256 = $1", w.tmp); err != nil {
		return fmt.Errorf("archive: drop staged pieces: %w", err)
	}
	return nil
}

// Abort drops what was written.
func (w *BlobWriter) Abort() {
	if w.f != nil {
		name := w.f.Name()
		w.f.Close()
		os.Remove(name)
		w.f = nil
		return
	}
	if w.tmp != "" {
		_ = w.drop()
	}
}

// AddStagedSource is AddSourceInPieces for a source whose original a
// BlobWriter archived: first is the first piece of its text (at most
// TextPiece bytes), pieces how many pieces its text has; when there are
// more than one, the source is marked as not yet complete, and the rest
// are written by AddTextPiece, a transaction each (numbered from 1).
// src.Text is set to first.
func (t *Tx) AddStagedSource(ctx context.Context, src *model.Source, b StagedBlob, first string, pieces int) error {
	if Sealed(src.Sensitivity) {
		return errors.New("a sealed source's original is sealed whole: store it with AddSource")
	}
	if pieces < 1 || len(first) > TextPiece {
		return fmt.Errorf("source text in %d pieces, the first of %d bytes", pieces, len(first))
	}
	src.SHA256, src.Size, src.Text = b.SHA256, b.Size, first
	if src.ID == "" {
		src.ID = NewSourceID()
	}
	if err := validateSource(src); err != nil {
		return err
	}
	if src.IngestedAt.IsZero() {
		src.IngestedAt = t.s.now()
	}
	if src.AddedBy == "" {
		src.AddedBy = t.actor
	}
	if err := t.s.archive.putStaged(ctx, t, b); err != nil {
		return err
	}
	if err := t.insert(ctx, "sources", sourceRow(src)); err != nil {
		return err
	}
	if pieces > 1 {
		if _, err := t.exec(ctx, "INSERT INTO source_text_pending (source_id, pieces) VALUES (?, ?)", src.ID, pieces); err != nil {
			return fmt.Errorf("source %s: mark its text as not complete: %w", src.ID, err)
		}
	}
	return nil
}

// putStaged is put for a blob a BlobWriter staged: its bytes are in place.
func (a *fileArchive) putStaged(_ context.Context, t *Tx, b StagedBlob) error {
	v, ok := a.staged.LoadAndDelete(b.SHA256)
	if ok && v == durable {
		return nil
	}
	if !ok {
		if _, err := os.Stat(a.path(b.SHA256)); err != nil {
			return fmt.Errorf("archive %s: not staged: %w", b.SHA256, err)
		}
	}
	if batchSync {
		t.syncDirs = append(t.syncDirs, a.dir)
		return nil
	}
	return ledger.SyncDir(filepath.Join(a.dir, b.SHA256[:2]))
}

func (dbArchive) putStaged(ctx context.Context, t *Tx, b StagedBlob) error {
	var n int
	if err := t.queryRow(ctx, "SELECT count(*) FROM blobs WHERE sha256 = ?", b.SHA256).Scan(&n); err != nil {
		return fmt.Errorf("archive: %w", err)
	}
	if n > 0 {
		return nil
	}
	var pieces int
	var total int64
	err := t.queryRow(ctx, "SELECT count(*), COALESCE(sum(length(data)), 0) FROM blob_pieces WHERE sha256 = ?", b.SHA256).Scan(&pieces, &total)
	if err != nil {
		return fmt.Errorf("archive: %w", err)
	}
	if total != b.Size || pieces == 0 {
		return fmt.Errorf("archive %s: not staged whole (%d of %d bytes)", b.SHA256, total, b.Size)
	}
	return t.insert(ctx, "blobs", map[string]any{"sha256": b.SHA256, "size": b.Size, "data": []byte{}})
}
