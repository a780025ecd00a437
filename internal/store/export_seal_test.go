package store

import (
	"context"
	"fmt"
	"io/fs"
	"strconv"
	"strings"

	"github.com/athar-project/athar/internal/model"
)

// UnsealFields writes a sealed source's title, publisher, file name and
// mention texts back in the clear (ledgered updates), as stores sealed
// before those were hold them: for the test of their sealing on open.
func (t *Tx) UnsealFields(ctx context.Context, id string) error {
	k, err := t.txDataKey(ctx, id)
	if err != nil {
		return err
	}
	var title, publisher, url, filename string
	if err := t.queryRow(ctx, "SELECT title, publisher, url, filename FROM sources WHERE id = ?", id).Scan(&title, &publisher, &url, &filename); err != nil {
		return err
	}
	src := model.Source{ID: id, Title: title, Publisher: publisher, URL: url, Filename: filename}
	if err := openSourceCols(k.key, &src); err != nil {
		return err
	}
	if err := t.update(ctx, "sources", id, map[string]any{"title": src.Title, "publisher": src.Publisher, "url": src.URL, "filename": src.Filename}); err != nil {
		return err
	}
	frows, err := t.query(ctx, "SELECT id, name, url FROM source_files WHERE source_id = ?", id)
	if err != nil {
		return err
	}
	files := map[string][2]string{}
	for frows.Next() {
		var fid, name, url string
		if err := frows.Scan(&fid, &name, &url); err != nil {
			frows.Close()
			return err
		}
		files[fid] = [2]string{name, url}
	}
	frows.Close()
	for fid, f := range files {
		name, err := openText(k.key, fileAD(fid+" name"), f[0])
		if err != nil {
			return err
		}
		url, err := openText(k.key, fileAD(fid+" url"), f[1])
		if err != nil {
			return err
		}
		if err := t.update(ctx, "source_files", fid, map[string]any{"name": name, "url": url}); err != nil {
			return err
		}
	}
	rows, err := t.query(ctx, "SELECT id, text FROM mentions WHERE source_id = ?", id)
	if err != nil {
		return err
	}
	texts := map[string]string{}
	for rows.Next() {
		var mid, text string
		if err := rows.Scan(&mid, &text); err != nil {
			rows.Close()
			return err
		}
		texts[mid] = text
	}
	rows.Close()
	for mid, text := range texts {
		clear, err := openText(k.key, mentionAD(mid), text)
		if err != nil {
			return err
		}
		if err := t.update(ctx, "mentions", mid, map[string]any{"text": clear}); err != nil {
			return err
		}
	}
	return nil
}

// UnsealValues writes the values of a sealed source's statements back in
// the clear without their hashes (ledgered updates, totals moved with
// them), as stores made before values were sealed hold them.
func (t *Tx) UnsealValues(ctx context.Context, sourceID string) error {
	k, err := t.txDataKey(ctx, sourceID)
	if err != nil {
		return err
	}
	ids, err := t.ids(ctx, "SELECT id FROM statements WHERE source_id = ?", sourceID)
	if err != nil {
		return err
	}
	for _, id := range ids {
		var v string
		if err := t.queryRow(ctx, "SELECT value FROM statements WHERE id = ?", id).Scan(&v); err != nil {
			return err
		}
		clear, err := openText(k.key, valueAD(id), v)
		if err != nil {
			return err
		}
		err = t.recountStatement(ctx, id, func() error {
			return t.update(ctx, "statements", id, map[string]any{"value": clear, "value_hash": ""})
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// UnsealTOTP writes an account's TOTP secret back in the clear, as stores
// made before it was sealed hold it.
func (s *Store) UnsealTOTP(ctx context.Context, userID string) error {
	x, err := s.SecondFactors().TOTP(ctx, userID)
	if err != nil {
		return err
	}
	_, err = s.execWrite(ctx, "UPDATE totp_secrets SET secret = ? WHERE user_id = ?", x.Secret, userID)
	return err
}

// MigrationNamed is the version of the migration whose file is named
// NNNNN_name.sql, so that a test names a migration by what it does and
// keeps working when it is renumbered.
func (s *Store) MigrationNamed(name string) (int64, error) {
	fsys, err := s.migrations()
	if err != nil {
		return 0, err
	}
	files, err := fs.Glob(fsys, "*_"+name+".sql")
	if err != nil || len(files) != 1 {
		return 0, fmt.Errorf("migration %s: %d files, %v", name, len(files), err)
	}
	return strconv.ParseInt(strings.SplitN(files[0], "_", 2)[0], 10, 64)
}
