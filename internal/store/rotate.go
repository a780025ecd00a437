package store

import (
	"context"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/athar-project/athar/internal/seal"
)

// Key rotation (athar keys rotate). A new master key is made and written
// beside the key file (nextKeyFile); every data key, and the key of the
// sealed search index, is re-wrapped under it in one transaction that also
// records the new key's id (store_identity.master_id); then the new file
// replaces the old by a rename. The data keys themselves stay: no content
// is sealed again.
//
// A crash at any point leaves a store that opens with one of the two files:
// before the commit, the database is still wrapped under the old key, which
// is still in the key file (a stray next file is removed by the next
// rotation); after it, master_id names the new key, and masterKey, finding
// the key file holds another, takes the next file; the next rotation
// finishes the rename first. (Other processes never rename: the rotating
// one is about to.)
// A rename that fails with an error (not a crash) is undone: the keys are
// wrapped again under the old key, which the key file still holds.
//
// The search key rotates too: a new random one, wrapped under the new
// master key, and the sealed documents are removed from the index in the
// same transaction, to be indexed again under it by the index's catch-up
// (search.CatchUp, which app.RotateKeys runs at once). Re-wrapping the old
// one would have spared the rebuild, but until the first rotation the
// search key is derived from the master key: whoever stole that key could
// derive it and test guessed words against the index of every copy made
// later. The data keys do not rotate (content is not sealed again): a
// master key stolen before a rotation opens the wrapped keys of backups
// made before it, and those keys go on opening what was sealed under them;
// the same stolen key opens nothing of a copy made after the rotation
// alone.

// nextKeyFile is where rotation writes the new master key until it
// replaces the old.
func nextKeyFile(path string) string { return path + ".next" }

// replaceKeyFile moves the new key file over the old; a test makes it fail.
var replaceKeyFile = os.Rename

// searchKeyAD binds the wrapped search key to its purpose.
var searchKeyAD = []byte("athar search key")

// Rotation is what a key rotation did.
type Rotation struct {
	File  string `json:"key_file"`
	OldID string `json:"old_key_id"`
	NewID string `json:"new_key_id"`
	// Keys is how many data keys were re-wrapped (taken-down sources have
	// none).
	Keys int `json:"data_keys"`
	// Kept is where the old key file was kept (--keep-old), else empty.
	Kept string `json:"kept_old,omitempty"`
}

// loadMaster reads the master key the database is wrapped under: the key
// file, unless the database names another key (master_id) and the next
// file of an unfinished rotation holds it, in which case the rotation is
// finished (the next file renamed over the key file).
func (s *Store) loadMaster(ctx context.Context, path string, create bool) (*seal.Key, error) {
	var want string
	if err := s.db.QueryRowContext(ctx, "SELECT master_id FROM store_identity").Scan(&want); err != nil {
		return nil, fmt.Errorf("read the store's id: %w", err)
	}
	if create {
		// A new key only for a store that has sealed nothing: one whose
		// key file went missing must not seal new sources under another
		// key than the old ones.
		var n int
		if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM source_keys WHERE wrapped <> ''").Scan(&n); err != nil {
			return nil, fmt.Errorf("read the data keys: %w", err)
		}
		var m int
		if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM totp_secrets WHERE secret LIKE '"+sealedPrefix+"%'").Scan(&m); err != nil {
			return nil, fmt.Errorf("read the second factors: %w", err)
		}
		create = n == 0 && m == 0 && want == ""
	}
	k, err := seal.LoadOrCreate(path, create)
	if err != nil {
		return nil, err
	}
	if want == "" || want == k.ID() {
		return k, nil
	}
	next, err := seal.LoadOrCreate(nextKeyFile(path), false)
	if err != nil || next.ID() != want {
		// Not an unfinished rotation: the key file is another store's,
		// or the wrong one; opening says "sealed by another key".
		return k, nil
	}
	return next, nil
}

// txMaster is the master key to wrap with inside a transaction: the one
// the database names (store_identity.master_id, read once per transaction
// and, on PostgreSQL, share-locked so that a rotation cannot commit in
// between), reloaded when this process holds another — another process
// rotated it. create makes the key of a store that has none.
func (t *Tx) txMaster(ctx context.Context, create bool) (*seal.Key, error) {
	if t.master != nil {
		return t.master, nil
	}
	k, err := t.s.masterIn(ctx, t.tx, create)
	if err != nil {
		return nil, err
	}
	t.master = k
	return k, nil
}

// masterIn is the master key to seal under inside transaction q: the one
// the store's master_id names (share-locked on PostgreSQL, so that a
// rotation waits for q), read again from the key file when another
// process rotated it.
func (s *Store) masterIn(ctx context.Context, q querier, create bool) (*seal.Key, error) {
	query := "SELECT master_id FROM store_identity"
	if s.dialect.name() == "postgres" {
		query += " FOR SHARE"
	}
	var want string
	if err := q.QueryRowContext(ctx, query).Scan(&want); err != nil {
		return nil, fmt.Errorf("read the store's id: %w", err)
	}
	k, err := s.masterKey(ctx, create)
	if err != nil {
		return nil, err
	}
	if want != "" && k.ID() != want {
		s.setMaster(nil)
		if k, err = s.masterKey(ctx, false); err != nil {
			return nil, err
		}
		if k.ID() != want {
			return nil, fmt.Errorf("the master key at hand is %s, the store's is %s: %w", k.ID(), want, seal.ErrWrongKey)
		}
	}
	return k, nil
}

// syncDir flushes a folder's entries (a rename) to disk, as far as it can.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// searchKeyRaw is the key of the sealed search index under master: the
// one stored wrapped since the first rotation, else derived from master.
func (s *Store) searchKeyRaw(ctx context.Context, master *seal.Key) ([]byte, error) {
	var wrapped string
	if err := s.db.QueryRowContext(ctx, "SELECT search_key FROM store_identity").Scan(&wrapped); err != nil {
		return nil, fmt.Errorf("read the search key: %w", err)
	}
	if wrapped == "" {
		return master.Derive(searchKeyLabel), nil
	}
	env, err := base64.StdEncoding.DecodeString(wrapped)
	if err != nil {
		return nil, fmt.Errorf("search key: %w", seal.ErrDamaged)
	}
	raw, err := master.Open(env, searchKeyAD)
	if err != nil {
		return nil, fmt.Errorf("search key: %w", err)
	}
	return raw, nil
}

// RotateMasterKey makes a new master key and re-wraps every data key and
// the search key under it, then replaces the key file; keepOld keeps the
// old file as <file>.old-<date and time> (by default it is removed: a
// stolen copy of it must open nothing the store holds from now on). Whether
// the actor may is the caller's rule.
func (s *Store) RotateMasterKey(ctx context.Context, actor string, keepOld bool) (Rotation, error) {
	path, err := s.MasterKeyFile(ctx)
	if err != nil {
		return Rotation{}, err
	}
	s.keyMu.Lock()
	s.master = nil // read the file again: another process may have rotated
	s.keyMu.Unlock()
	old, err := s.masterKey(ctx, false)
	if errors.Is(err, fs.ErrNotExist) {
		return Rotation{}, fmt.Errorf("no master key to rotate at %s (nothing is sealed yet): %w", path, err)
	}
	if err != nil {
		return Rotation{}, err
	}
	if cur, err := seal.LoadOrCreate(path, false); err != nil || cur.ID() != old.ID() {
		// An interrupted rotation: the store's key is in the next file.
		if next, err := seal.LoadOrCreate(nextKeyFile(path), false); err != nil || next.ID() != old.ID() {
			return Rotation{}, fmt.Errorf("the key file %s does not hold the store's master key %s", path, old.ID())
		}
		if err := replaceKeyFile(nextKeyFile(path), path); err != nil {
			return Rotation{}, fmt.Errorf("finish the interrupted rotation: %w", err)
		}
		syncDir(filepath.Dir(path))
	}
	// A next file left by a rotation that never committed holds a key
	// nothing is wrapped under.
	if err := os.Remove(nextKeyFile(path)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return Rotation{}, fmt.Errorf("remove the key of an unfinished rotation: %w", err)
	}
	next, err := seal.Generate()
	if err != nil {
		return Rotation{}, err
	}
	if err := seal.WriteKeyFile(nextKeyFile(path), next); err != nil {
		return Rotation{}, fmt.Errorf("write the new master key: %w", err)
	}
	r := Rotation{File: path, OldID: old.ID(), NewID: next.ID()}
	if r.Keys, err = s.rewrap(ctx, actor, old, next, true); err != nil {
		// A commit that reported an error may still have happened: the
		// next file goes only if the database is not wrapped under it.
		var id string
		if e := s.db.QueryRowContext(context.WithoutCancel(ctx), "SELECT master_id FROM store_identity").Scan(&id); e == nil && id != next.ID() {
			os.Remove(nextKeyFile(path))
		}
		return Rotation{}, fmt.Errorf("re-wrap the data keys: %w", err)
	}
	s.setMaster(next)
	undo := func(cause error) (Rotation, error) {
		if _, err := s.rewrap(ctx, actor, next, old, false); err != nil {
			// The next file is kept: loadMaster finds the key there.
			return Rotation{}, fmt.Errorf("%w; and undoing it failed (%v): the master key is now in %s", cause, err, nextKeyFile(path))
		}
		s.setMaster(old)
		os.Remove(nextKeyFile(path))
		return Rotation{}, fmt.Errorf("%w (undone: the old key file still opens the store)", cause)
	}
	if keepOld {
		r.Kept = path + ".old-" + s.now().Format("2006-01-02T150405Z")
		if err := os.Link(path, r.Kept); err != nil {
			return undo(fmt.Errorf("keep the old key file: %w", err))
		}
	}
	if err := replaceKeyFile(nextKeyFile(path), path); err != nil {
		if r.Kept != "" {
			os.Remove(r.Kept)
		}
		return undo(fmt.Errorf("replace the key file %s: %w", path, err))
	}
	syncDir(filepath.Dir(path))
	if err := s.forgetOldWraps(context.WithoutCancel(ctx)); err != nil {
		return r, fmt.Errorf("the key is rotated, but the old wrapped keys may linger in the database's files: %w", err)
	}
	return r, nil
}

func (s *Store) setMaster(k *seal.Key) {
	s.keyMu.Lock()
	s.master = k
	s.searchRaw = nil
	s.keyMu.Unlock()
}

// unindexSealed removes from the search index every document hashed under
// the search key: sealed sources' and restricted or confidential
// statements'.
func (t *Tx) unindexSealed(ctx context.Context) error {
	docs := "SELECT id FROM search_docs WHERE (kind = 'source' AND ref_id IN (SELECT source_id FROM source_keys)) OR " +
		"(kind = 'statement' AND ref_id IN (SELECT id FROM statements WHERE sensitivity IN ('restricted', 'confidential')))"
	if t.s.dialect.name() == "sqlite" {
		if _, err := t.exec(ctx, "DELETE FROM search_fts WHERE rowid IN ("+docs+")"); err != nil {
			return fmt.Errorf("unindex sealed documents: %w", err)
		}
	}
	if _, err := t.exec(ctx, "DELETE FROM search_docs WHERE id IN ("+docs+")"); err != nil {
		return fmt.Errorf("unindex sealed documents: %w", err)
	}
	// indexed again under the new search key by the catch-up: sealed
	// sources with their statements, and restricted or confidential
	// statements of other sources
	if err := t.queueReindex(ctx, "source", "SELECT source_id AS id FROM source_keys"); err != nil {
		return err
	}
	return t.queueReindex(ctx, "statement", "SELECT id FROM statements WHERE sensitivity IN ('restricted', 'confidential') "+
		"AND (source_id IS NULL OR source_id NOT IN (SELECT source_id FROM source_keys))")
}

// rewrap wraps every data key, and the search key, again under next, in
// one transaction, and records next as the store's master key. The old
// wrapped values are zeroed (SQLite's secure_delete, then a WAL
// checkpoint) or vacuumed (PostgreSQL): a stolen old key must not find
// them in the files.
func (s *Store) rewrap(ctx context.Context, actor string, old, next *seal.Key, freshSearch bool) (int, error) {
	n := 0
	err := s.Write(ctx, actor, func(t *Tx) error {
		n = 0
		if s.dialect.name() == "postgres" {
			// Writers that wrap a new key share-lock this row (txMaster):
			// none commits one under the old key after this.
			if _, err := t.exec(ctx, "SELECT master_id FROM store_identity FOR UPDATE"); err != nil {
				return err
			}
		}
		if err := t.secureDelete(ctx); err != nil {
			return err
		}
		rows, err := t.query(ctx, "SELECT source_id, wrapped FROM source_keys WHERE wrapped <> '' ORDER BY source_id")
		if err != nil {
			return err
		}
		type wk struct{ id, wrapped string }
		all, err := collect(rows, func(r rowScanner) (x wk, err error) { err = r.Scan(&x.id, &x.wrapped); return })
		if err != nil {
			return err
		}
		for _, x := range all {
			env, err := base64.StdEncoding.DecodeString(x.wrapped)
			if err != nil {
				return fmt.Errorf("data key of %s: %w", x.id, seal.ErrDamaged)
			}
			dk, err := old.Unwrap(env, x.id)
			if err != nil {
				return err
			}
			if _, err := t.exec(ctx, "UPDATE source_keys SET wrapped = ? WHERE source_id = ?",
				base64.StdEncoding.EncodeToString(next.Wrap(dk, x.id)), x.id); err != nil {
				return fmt.Errorf("data key of %s: %w", x.id, err)
			}
			n++
		}
		if err := resealSecrets(ctx, t, old, next); err != nil {
			return err
		}
		if err := rewrapValueKey(ctx, t, old, next); err != nil {
			return err
		}
		var wrapped string
		if err := t.queryRow(ctx, "SELECT search_key FROM store_identity").Scan(&wrapped); err != nil {
			return fmt.Errorf("read the search key: %w", err)
		}
		raw := old.Derive(searchKeyLabel)
		if wrapped != "" {
			env, err := base64.StdEncoding.DecodeString(wrapped)
			if err != nil {
				return fmt.Errorf("search key: %w", seal.ErrDamaged)
			}
			if raw, err = old.Open(env, searchKeyAD); err != nil {
				return fmt.Errorf("search key: %w", err)
			}
		}
		if freshSearch {
			k, err := seal.Generate()
			if err != nil {
				return err
			}
			raw = k.Derive(searchKeyLabel)
			if err := t.unindexSealed(ctx); err != nil {
				return err
			}
		}
		if _, err := t.exec(ctx, "UPDATE store_identity SET search_key = ?, master_id = ?",
			base64.StdEncoding.EncodeToString(next.Seal(raw, searchKeyAD)), next.ID()); err != nil {
			return fmt.Errorf("record the new master key: %w", err)
		}
		return nil
	})
	return n, err
}

// rewrapValueKey wraps the value key again under next. The key itself
// stays (the hashes of sealed values are not computed again), as the data
// keys do.
func rewrapValueKey(ctx context.Context, t *Tx, old, next *seal.Key) error {
	var wrapped string
	err := t.queryRow(ctx, "SELECT wrapped FROM value_keys WHERE id = 1").Scan(&wrapped)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read the value key: %w", err)
	}
	raw, err := openValueKey(old, wrapped)
	if err != nil {
		return err
	}
	if _, err := t.exec(ctx, "UPDATE value_keys SET wrapped = ? WHERE id = 1",
		base64.StdEncoding.EncodeToString(next.Seal(raw, valueKeyAD))); err != nil {
		return fmt.Errorf("value key: %w", err)
	}
	return nil
}

// forgetOldWraps makes the rows rotation rewrote unrecoverable from the
// database's files, as scrub does for a take-down (no search index to
// merge here).
func (s *Store) forgetOldWraps(ctx context.Context) error {
	if s.dialect.name() == "sqlite" {
		if _, err := s.db.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
			return fmt.Errorf("after the rotation, checkpoint the WAL: %w", err)
		}
		return nil
	}
	for _, tb := range []string{"source_keys", "store_identity", "value_keys"} {
		if _, err := s.db.ExecContext(ctx, "VACUUM "+tb); err != nil {
			return fmt.Errorf("after the rotation, vacuum %s: %w", tb, err)
		}
	}
	return nil
}
