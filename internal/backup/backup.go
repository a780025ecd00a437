// Package backup writes and restores Athar's whole evidence base as one file:
// the database (a consistent snapshot taken while servers run: SQLite's
// VACUUM INTO, or pg_dump of the server's own version), the archive of
// originals, the ledger's signed checkpoints, and its signing key only when
// that key lives in the data directory (stores made before it moved out; a
// key kept outside, as new stores keep it, stays out of every backup). A
// backup is as sensitive as the data itself. After a restore, verify passes.
package backup

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/athar-project/athar/internal/ledger"
	"github.com/athar-project/athar/internal/store"
)

// FormatVersion is the version of the backup file's layout.
const FormatVersion = 1

// Manifest describes a backup; it is the file's first entry.
type Manifest struct {
	Format    int    `json:"format"`
	Engine    string `json:"engine"`
	CreatedAt string `json:"created_at"`
	HeadSeq   int64  `json:"head_seq"`
	HeadHash  string `json:"head_hash"`
	Blobs     int    `json:"-"` // originals written (SQLite), for the report
	// KeyIncluded: the ledger's signing key lived in the data directory
	// and is in the backup.
	KeyIncluded bool `json:"key_included,omitempty"`
}

// Names of entries in the backup file.
const (
	manifestName = "manifest.json"
	sqliteName   = "athar.db"
	pgDumpName   = "postgres.dump"
	archiveDir   = "archive/"
	checkDir     = "checkpoints/"
	keyName      = "keys/ledger.ed25519"
)

// Write writes a backup of st to w.
func Write(ctx context.Context, st *store.Store, w io.Writer) (Manifest, error) {
	tmp, err := os.MkdirTemp("", "athar-backup-")
	if err != nil {
		return Manifest{}, err
	}
	defer os.RemoveAll(tmp)
	m := Manifest{Format: FormatVersion, CreatedAt: time.Now().UTC().Format(time.RFC3339)}
	// The head first: every checkpoint up to it is inside the snapshot taken
	// next (the head only grows).
	if m.HeadSeq, m.HeadHash, err = st.Head(ctx); err != nil {
		return m, err
	}
	snap, err := st.Snapshot(ctx, tmp)
	if err != nil {
		return m, err
	}
	m.Engine = snap.Engine
	dbFile, dbName := snap.Path, sqliteName
	if snap.Engine == "postgres" {
		dbName = pgDumpName
	}
	gz, _ := gzip.NewWriterLevel(w, gzip.BestSpeed)
	tw := tar.NewWriter(gz)
	add := func(name string, data []byte, mode int64) error {
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: mode, Size: int64(len(data)), ModTime: time.Now()}); err != nil {
			return err
		}
		_, err := tw.Write(data)
		return err
	}
	addFile := func(name, path string, mode int64) error {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		fi, err := f.Stat()
		if err != nil {
			return err
		}
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: mode, Size: fi.Size(), ModTime: fi.ModTime()}); err != nil {
			return err
		}
		_, err = io.Copy(tw, f)
		return err
	}
	mb, _ := json.MarshalIndent(m, "", "  ")
	if err := add(manifestName, mb, 0o600); err != nil {
		return m, err
	}
	if err := addFile(dbName, dbFile, 0o600); err != nil {
		return m, fmt.Errorf("write database: %w", err)
	}
	if dir := st.ArchiveDir(); dir != "" {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					return nil
				}
				return err
			}
			if d.IsDir() || strings.HasPrefix(d.Name(), ".tmp-") {
				return nil
			}
			m.Blobs++
			return addFile(archiveDir+d.Name()[:2]+"/"+d.Name(), path, 0o600)
		})
		if err != nil {
			return m, fmt.Errorf("write archive: %w", err)
		}
	}
	cps, err := ledger.ReadCheckpoints(st.CheckpointDir())
	if err != nil {
		return m, err
	}
	tokens, err := ledger.Tokens(st.CheckpointDir())
	if err != nil {
		return m, err
	}
	for _, c := range cps {
		if c.Seq > m.HeadSeq {
			continue // signed after the snapshot: not in this backup's chain
		}
		b, _ := json.MarshalIndent(c, "", "  ")
		if err := add(fmt.Sprintf("%s%012d.json", checkDir, c.Seq), append(b, '\n'), 0o644); err != nil {
			return m, err
		}
		for _, t := range tokens[c.Seq] { // its trusted time, as kept
			b, err := os.ReadFile(t)
			if err != nil {
				return m, err
			}
			if err := add(checkDir+filepath.Base(t), b, 0o644); err != nil {
				return m, err
			}
		}
	}
	if path, ok := st.SigningKeyInDataDir(); ok {
		key, err := os.ReadFile(path)
		if err != nil {
			return m, err
		}
		if err := add(keyName, key, 0o600); err != nil {
			return m, err
		}
		m.KeyIncluded = true
	}
	if err := tw.Close(); err != nil {
		return m, err
	}
	return m, gz.Close()
}

// Restore reads a backup from r into an empty data directory (and, for a
// PostgreSQL backup, the empty database at dbURL).
func Restore(ctx context.Context, r io.Reader, dataDir, dbURL string) (Manifest, error) {
	var m Manifest
	if err := emptyDir(dataDir); err != nil {
		return m, err
	}
	gz, err := gzip.NewReader(r)
	if err != nil {
		return m, fmt.Errorf("not an Athar backup (not gzip): %w", err)
	}
	tr := tar.NewReader(gz)
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return m, err
	}
	first := true
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return m, fmt.Errorf("read backup: %w", err)
		}
		name := filepath.ToSlash(filepath.Clean(h.Name))
		if strings.HasPrefix(name, "../") || strings.HasPrefix(name, "/") || h.Typeflag != tar.TypeReg {
			return m, fmt.Errorf("backup entry %q is not a plain file inside the backup", h.Name)
		}
		if first {
			if name != manifestName {
				return m, errors.New("not an Athar backup (no manifest first)")
			}
			if err := json.NewDecoder(io.LimitReader(tr, 1<<20)).Decode(&m); err != nil {
				return m, fmt.Errorf("backup manifest: %w", err)
			}
			if m.Format != FormatVersion {
				return m, fmt.Errorf("backup format %d: this Athar reads format %d", m.Format, FormatVersion)
			}
			if m.Engine == "postgres" && dbURL == "" {
				return m, errors.New("a PostgreSQL backup needs --db with an empty database to restore into")
			}
			if m.Engine == "sqlite" && dbURL != "" {
				return m, errors.New("an SQLite backup restores into a data directory, not --db")
			}
			first = false
			continue
		}
		var dest string
		switch {
		case name == sqliteName:
			dest = filepath.Join(dataDir, "athar.db")
		case name == pgDumpName:
			dest = filepath.Join(dataDir, ".restore-"+pgDumpName)
		case strings.HasPrefix(name, archiveDir):
			dest = filepath.Join(dataDir, "archive", "sha256", strings.TrimPrefix(name, archiveDir))
		case strings.HasPrefix(name, checkDir):
			dest = filepath.Join(dataDir, "checkpoints", strings.TrimPrefix(name, checkDir))
		case name == keyName:
			dest = filepath.Join(dataDir, "keys", "ledger.ed25519")
		default:
			return m, fmt.Errorf("backup entry %q is not part of an Athar backup", h.Name)
		}
		if err := writeEntry(dest, tr, os.FileMode(h.Mode)&0o777); err != nil {
			return m, fmt.Errorf("restore %s: %w", name, err)
		}
	}
	if first {
		return m, errors.New("empty backup")
	}
	if m.Engine == "postgres" {
		dump := filepath.Join(dataDir, ".restore-"+pgDumpName)
		defer os.Remove(dump)
		if err := store.RestoreDump(ctx, dbURL, dump); err != nil {
			return m, err
		}
	}
	return m, nil
}

func writeEntry(dest string, r io.Reader, mode os.FileMode) error {
	if err := os.MkdirAll(filepath.Dir(dest), 0o700); err != nil {
		return err
	}
	f, err := os.OpenFile(dest, os.O_CREATE|os.O_EXCL|os.O_WRONLY, mode|0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, r); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// emptyDir checks that dir does not exist or is empty.
func emptyDir(dir string) error {
	ents, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(ents) > 0 {
		return fmt.Errorf("restore needs an empty or absent data directory: %s holds %d entries", dir, len(ents))
	}
	return nil
}
