package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
)

// AddSourceFile keeps a file with a stored source: its bytes in the archive
// under their SHA-256 (once, however many rows name them), its row in the
// ledger. f's SHA256, Size, ID and CreatedAt are set here.
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
	if err := t.s.archive.put(ctx, t, f.SHA256, data); err != nil {
		return fmt.Errorf("source %s: keep its %s file: %w", f.SourceID, f.Role, err)
	}
	return t.insert(ctx, "source_files", map[string]any{
		"id": f.ID, "source_id": f.SourceID, "role": string(f.Role), "sha256": f.SHA256, "media_type": f.MediaType,
		"size": f.Size, "name": f.Name, "url": f.URL, "created_at": timeText(f.CreatedAt),
	})
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
	return out, rows.Err()
}

// SourceFileBytes returns the bytes of one file kept with a source, named by
// its SHA-256, if the viewer may see the source.
func (s *Store) SourceFileBytes(ctx context.Context, v access.Viewer, sourceID, sum string) (model.SourceFile, []byte, error) {
	files, err := s.SourceFiles(ctx, v, sourceID)
	if err != nil {
		return model.SourceFile{}, nil, err
	}
	for _, f := range files {
		if f.SHA256 == sum {
			b, err := s.archive.get(ctx, s.db, s.dialect, sum)
			return f, b, err
		}
	}
	return model.SourceFile{}, nil, ErrNotFound
}
