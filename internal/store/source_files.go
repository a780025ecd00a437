package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/seal"
)

// AddSourceFile keeps a file with a stored source: its bytes in the archive
// under their SHA-256 (once, however many rows name them), its row in the
// ledger. A file of a sealed source (restricted or confidential, see
// keys.go) is sealed under the source's data key and kept under the hash of
// the sealed bytes (its row's blob_sha256): never in the clear. f's SHA256,
// Size, ID and CreatedAt are set here; SHA256 and Size are those of data
// either way.
func (t *Tx) AddSourceFile(ctx context.Context, f *model.SourceFile, data []byte) error {
	if _, err := model.ParseFileRole(string(f.Role)); err != nil {
		return err
	}
	if f.SourceID == "" {
		return errors.New("source file: no source")
	}
	f.SHA256, f.Size = Hash(data), int64(len(data))
	if f.ID == "" {
		b := make([]byte, 8)
		if _, err := rand.Read(b); err != nil {
			panic(err) // crypto/rand does not fail on the systems Athar runs on
		}
		f.ID = "sf_" + hex.EncodeToString(b)
	}
	if f.CreatedAt.IsZero() {
		f.CreatedAt = t.s.now()
	}
	k, err := t.txDataKey(ctx, f.SourceID)
	if err != nil {
		return fmt.Errorf("source %s: keep its %s file: %w", f.SourceID, f.Role, err)
	}
	sum, stored := f.SHA256, data
	if k != nil {
		stored = k.key.Seal(data, fileAD(f.ID))
		sum = Hash(stored)
	}
	if err := t.s.archive.put(ctx, t, sum, stored); err != nil {
		return fmt.Errorf("source %s: keep its %s file: %w", f.SourceID, f.Role, err)
	}
	blob, name, url := "", f.Name, f.URL
	if k != nil {
		blob = sum
		name, url = sealFileCol(k.key, f.ID, "name", name), sealFileCol(k.key, f.ID, "url", url)
	}
	return t.insert(ctx, "source_files", map[string]any{
		"id": f.ID, "source_id": f.SourceID, "role": string(f.Role), "sha256": f.SHA256, "media_type": f.MediaType,
		"size": f.Size, "name": name, "url": url, "created_at": timeText(f.CreatedAt), "blob_sha256": blob,
	})
}

// fileAD binds a sealed file to its row.
func fileAD(id string) []byte { return []byte("athar file:" + id) }

// sealFiles seals the files of a source being sealed (sealExisting) under
// its data key k, and returns the hashes of their clear bytes, for the
// caller to drop once nothing in the clear holds them.
func (t *Tx) sealFiles(ctx context.Context, sourceID string, k *seal.Key) ([]string, error) {
	rows, err := t.query(ctx, "SELECT id, sha256 FROM source_files WHERE source_id = ? AND blob_sha256 = '' ORDER BY id", sourceID)
	if err != nil {
		return nil, fmt.Errorf("files of source %s: %w", sourceID, err)
	}
	type file struct{ id, sum string }
	var files []file
	for rows.Next() {
		var f file
		if err := rows.Scan(&f.id, &f.sum); err != nil {
			rows.Close()
			return nil, err
		}
		files = append(files, f)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var clearSums []string
	for _, f := range files {
		data, err := t.s.archive.get(ctx, t.tx, t.s.dialect, f.sum)
		if err != nil {
			return nil, fmt.Errorf("seal file %s of source %s: %w", f.id, sourceID, err)
		}
		sealed := k.Seal(data, fileAD(f.id))
		sum := Hash(sealed)
		if err := t.s.archive.put(ctx, t, sum, sealed); err != nil {
			return nil, fmt.Errorf("seal file %s of source %s: %w", f.id, sourceID, err)
		}
		if err := t.update(ctx, "source_files", f.id, map[string]any{"blob_sha256": sum}); err != nil {
			return nil, err
		}
		clearSums = append(clearSums, f.sum)
	}
	return clearSums, nil
}

// SourceFiles lists the files kept with a source, if the viewer may see it
// (ErrNotFound otherwise), in the order of model.FileRoles, then by name.
func (s *Store) SourceFiles(ctx context.Context, v access.Viewer, sourceID string) ([]model.SourceFile, error) {
	if _, err := s.Source(ctx, v, sourceID); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, s.rebind(
		"SELECT id, source_id, role, sha256, media_type, size, name, url, created_at FROM source_files "+
			"WHERE source_id = ? ORDER BY CASE role WHEN 'wacz' THEN 0 WHEN 'warc' THEN 1 WHEN 'screenshot' THEN 2 "+
			"WHEN 'dom' THEN 3 WHEN 'record' THEN 4 ELSE 5 END, name, id"), sourceID)
	if err != nil {
		return nil, fmt.Errorf("files of source %s: %w", sourceID, err)
	}
	defer rows.Close()
	var out []model.SourceFile
	for rows.Next() {
		var f model.SourceFile
		var role, created string
		if err := rows.Scan(&f.ID, &f.SourceID, &role, &f.SHA256, &f.MediaType, &f.Size, &f.Name, &f.URL, &created); err != nil {
			return nil, err
		}
		f.Role, f.CreatedAt = model.FileRole(role), parseTime(created)
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	if err := s.openFileCols(ctx, sourceID, out); err != nil {
		return nil, err
	}
	return out, nil
}

// SourceFileBytes returns the bytes of one file kept with a source, named by
// its SHA-256, if the viewer may see the source: opened when it is sealed,
// an error wrapping ErrWithdrawn when the source was taken down.
func (s *Store) SourceFileBytes(ctx context.Context, v access.Viewer, sourceID, sum string) (model.SourceFile, []byte, error) {
	files, err := s.SourceFiles(ctx, v, sourceID)
	if err != nil {
		return model.SourceFile{}, nil, err
	}
	for _, f := range files {
		if f.SHA256 != sum {
			continue
		}
		var blob string
		if err := s.db.QueryRowContext(ctx, s.rebind("SELECT blob_sha256 FROM source_files WHERE id = ?"), f.ID).Scan(&blob); err != nil {
			return f, nil, fmt.Errorf("file %s of source %s: %w", f.ID, sourceID, err)
		}
		if blob == "" {
			b, err := s.archive.get(ctx, s.db, s.dialect, sum)
			return f, b, err
		}
		k, err := s.dataKey(ctx, s.db, sourceID)
		if errors.Is(err, errNoKey) {
			return f, nil, fmt.Errorf("file %s of source %s is sealed but the source has no data key", f.ID, sourceID)
		}
		if err != nil {
			return f, nil, err
		}
		sealed, err := s.archive.get(ctx, s.db, s.dialect, blob)
		if err != nil {
			return f, nil, err
		}
		b, err := k.key.Open(sealed, fileAD(f.ID))
		if err != nil {
			return f, nil, fmt.Errorf("file %s of source %s: %w", f.ID, sourceID, err)
		}
		return f, b, nil
	}
	return model.SourceFile{}, nil, ErrNotFound
}
