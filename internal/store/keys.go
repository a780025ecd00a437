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
	"strings"

	"github.com/athar-project/athar/internal/ledger"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/seal"
)

// Encryption at rest (issue 21): the text and original of every restricted
// or confidential source are sealed under a data key of its own, which the
// master key wraps (internal/seal). The master key lives outside the data
// directory: the file Config.MasterKeyFile or ATHAR_KEY_FILE names, else
// master-<store id>.key in the per-user key folder (ledger.ConfigDir), the
// store id being a random id the database holds (store_identity) — so a
// data directory moved or restored on the same account finds its key again,
// and a backup, which carries the database and never the key folder, needs
// the key file beside it to be read.

// sealedPrefix begins a sealed text in a text column: the seal envelope
// follows in base64. What is sealed is decided by source_keys; the prefix
// lets a listing tell which rows to open without a query per row.
const sealedPrefix = "athar:sealed:v1:"

// Sealed reports whether sources of this level are sealed at rest.
func Sealed(level model.Sensitivity) bool { return level >= model.Restricted }

// MasterKeyFile is where the store's master key is, or will be made.
func (s *Store) MasterKeyFile(ctx context.Context) (string, error) {
	if s.masterFile != "" {
		return s.masterFile, nil
	}
	if env := os.Getenv(seal.KeyFileEnv); env != "" {
		return env, nil
	}
	var id string
	if err := s.db.QueryRowContext(ctx, "SELECT id FROM store_identity").Scan(&id); err != nil {
		return "", fmt.Errorf("read the store's id: %w", err)
	}
	dir, err := ledger.ConfigDir()
	if err != nil {
		return "", fmt.Errorf("master key folder (set %s): %w", seal.KeyFileEnv, err)
	}
	return filepath.Join(dir, "master-"+id+".key"), nil
}

// masterKey loads the master key once; create makes it when missing (a
// first sealed write), else a missing key is an error.
func (s *Store) masterKey(ctx context.Context, create bool) (*seal.Key, error) {
	s.keyMu.Lock()
	defer s.keyMu.Unlock()
	if s.master != nil {
		return s.master, nil
	}
	path, err := s.MasterKeyFile(ctx)
	if err != nil {
		return nil, err
	}
	k, err := s.loadMaster(ctx, path, create)
	if err != nil {
		return nil, err
	}
	s.master = k
	return k, nil
}

// blobAD and textAD bind a sealed original and a sealed text to their
// source.
func blobAD(id string) []byte { return []byte("athar blob:" + id) }
func textAD(id string) []byte { return []byte("athar text:" + id) }

func sealText(k *seal.Key, ad []byte, text string) string {
	return sealedPrefix + base64.StdEncoding.EncodeToString(k.Seal([]byte(text), ad))
}

func openText(k *seal.Key, ad []byte, sealed string) (string, error) {
	b64, ok := strings.CutPrefix(sealed, sealedPrefix)
	if !ok {
		return "", errors.New("not a sealed text")
	}
	env, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		return "", fmt.Errorf("%w: %v", seal.ErrDamaged, err)
	}
	b, err := k.Open(env, ad)
	return string(b), err
}

// sourceKey is a sealed source's data key, unwrapped, and the hash of its
// sealed original.
type sourceKey struct {
	key     *seal.Key
	blobSum string
}

// errNoKey means a source has no data key: it is not sealed.
var errNoKey = errors.New("no data key")

// dataKey unwraps the data key of a source (errNoKey when it has none).
func (s *Store) dataKey(ctx context.Context, q querier, id string) (sourceKey, error) {
	var wrapped, blob string
	err := q.QueryRowContext(ctx, s.rebind("SELECT wrapped, blob_sha256 FROM source_keys WHERE source_id = ?"), id).Scan(&wrapped, &blob)
	if errors.Is(err, sql.ErrNoRows) {
		return sourceKey{}, errNoKey
	}
	if err != nil {
		return sourceKey{}, fmt.Errorf("data key of %s: %w", id, err)
	}
	if wrapped == "" {
		return sourceKey{blobSum: blob}, fmt.Errorf("source %s: %w", id, ErrWithdrawn)
	}
	master, err := s.masterKey(ctx, false)
	if err != nil {
		return sourceKey{}, fmt.Errorf("source %s is sealed and the master key is not at hand: %w", id, err)
	}
	env, err := base64.StdEncoding.DecodeString(wrapped)
	if err != nil {
		return sourceKey{}, fmt.Errorf("data key of %s: %w", id, seal.ErrDamaged)
	}
	k, err := master.Unwrap(env, id)
	if errors.Is(err, seal.ErrWrongKey) {
		// Another process may have rotated the master key since this
		// one read it: read the file again, once.
		s.setMaster(nil)
		if master, err = s.masterKey(ctx, false); err != nil {
			return sourceKey{}, fmt.Errorf("source %s is sealed and the master key is not at hand: %w", id, err)
		}
		k, err = master.Unwrap(env, id)
	}
	if err != nil {
		return sourceKey{}, err
	}
	return sourceKey{key: k, blobSum: blob}, nil
}

// sealNew makes a new data key for source id, wraps it, seals the
// original into the archive and returns the sealed text to store in its
// row. The source_keys row is written by addSourceKey once the source row
// exists.
func (t *Tx) sealNew(ctx context.Context, id, text string, data []byte) (sealedText string, k sourceKey, wrapped string, err error) {
	master, err := t.txMaster(ctx, true)
	if err != nil {
		return "", k, "", err
	}
	var dk *seal.Key
	var blob []byte
	if v, ok := t.s.sealedStaged.Load(id); ok && v.(stagedSeal).sum == Hash(data) {
		// Sealed and staged ahead of the transaction (StageSealed); kept
		// until ForgetSealed, should this transaction be tried again.
		dk, blob = v.(stagedSeal).key, v.(stagedSeal).blob
	} else {
		if dk, err = seal.Generate(); err != nil {
			return "", k, "", err
		}
		blob = dk.Seal(data, blobAD(id))
	}
	k = sourceKey{key: dk, blobSum: Hash(blob)}
	if err := t.s.archive.put(ctx, t, k.blobSum, blob); err != nil {
		return "", k, "", err
	}
	return sealText(dk, textAD(id), text), k, base64.StdEncoding.EncodeToString(master.Wrap(dk, id)), nil
}

// stagedSeal is an original sealed, under a data key made for its source,
// and staged ahead of the transaction that stores the source.
type stagedSeal struct {
	key  *seal.Key
	sum  string // of the original in the clear
	blob []byte // sealed
}

// StageSealed seals the original of a restricted or confidential source
// that is yet to be stored, under a new data key of its own, and writes it
// sealed to the archive ahead of the transaction that stores the source
// (Tx.AddSource with src.ID id, which then takes this key and finds the
// sealed original there): sealing and writing a large original are not done
// while that transaction holds the write lock (issue 18). Only the sealed
// bytes are written: never the original in the clear. Should the source not
// be stored, ForgetSealed drops what was kept for it; the sealed bytes left
// in the archive are harmless, their key never stored.
func (s *Store) StageSealed(ctx context.Context, id string, data []byte) error {
	dk, err := seal.Generate()
	if err != nil {
		return err
	}
	blob := dk.Seal(data, blobAD(id))
	if err := s.archive.stage(ctx, s.db, Hash(blob), blob); err != nil {
		return err
	}
	s.sealedStaged.Store(id, stagedSeal{key: dk, sum: Hash(data), blob: blob})
	return nil
}

// ForgetSealed drops what StageSealed kept for a source that was not
// stored with it.
func (s *Store) ForgetSealed(id string) { s.sealedStaged.Delete(id) }

func (t *Tx) addSourceKey(ctx context.Context, id string, k sourceKey, wrapped string) error {
	_, err := t.exec(ctx, "INSERT INTO source_keys (source_id, wrapped, blob_sha256, created_at) VALUES (?, ?, ?, ?)",
		id, wrapped, k.blobSum, t.at)
	if err != nil {
		return fmt.Errorf("data key of %s: %w", id, err)
	}
	return nil
}

// sealExisting seals a source stored in the clear: its text in its row
// (an update, ledgered like any other) and its original in the archive;
// the clear original is removed when no record in the clear shares it.
// A source already sealed is left as it is.
func (t *Tx) sealExisting(ctx context.Context, id string) error {
	var n int
	if err := t.queryRow(ctx, "SELECT count(*) FROM source_keys WHERE source_id = ?", id).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		// Sealed already, or taken down; sealed perhaps before its title
		// and mentions were.
		k, err := t.txDataKey(ctx, id)
		if errors.Is(err, ErrWithdrawn) {
			return nil
		}
		if err != nil || k == nil {
			return err
		}
		if err := t.sealValues(ctx, id); err != nil {
			return err
		}
		if err := t.sealDerived(ctx, id); err != nil {
			return err
		}
		return t.sealFields(ctx, id, k.key)
	}
	if err := t.secureDelete(ctx); err != nil {
		return err
	}
	var text, sum string
	if err := t.queryRow(ctx, "SELECT text, sha256 FROM sources WHERE id = ?", id).Scan(&text, &sum); err != nil {
		return fmt.Errorf("seal source %s: %w", id, err)
	}
	data, err := t.s.archive.get(ctx, t.tx, t.s.dialect, sum)
	if err != nil {
		return fmt.Errorf("seal source %s: %w", id, err)
	}
	sealed, k, wrapped, err := t.sealNew(ctx, id, text, data)
	if err != nil {
		return err
	}
	if err := t.update(ctx, "sources", id, map[string]any{"text": sealed}); err != nil {
		return err
	}
	if err := t.addSourceKey(ctx, id, k, wrapped); err != nil {
		return err
	}
	delete(t.keys, id)
	if err := t.sealPieces(ctx, id, &k); err != nil {
		return err
	}
	if err := t.sealQuotes(ctx, id); err != nil {
		return err
	}
	if err := t.sealValues(ctx, id); err != nil {
		return err
	}
	if err := t.sealDerived(ctx, id); err != nil {
		return err
	}
	if err := t.sealFields(ctx, id, k.key); err != nil {
		return err
	}
	// Its files (a captured page's WACZ, WARC, screenshot, media) too.
	fileSums, err := t.sealFiles(ctx, id, k.key)
	if err != nil {
		return err
	}
	// Its search documents held its words in the clear: removed, to be
	// indexed again as keyed hashes by the index's catch-up
	// (IndexPending).
	if err := t.unindexSource(ctx, id); err != nil {
		return err
	}
	dropped := map[string]bool{}
	for _, b := range append([]string{sum}, fileSums...) {
		if dropped[b] {
			continue // a capture's WACZ is its original too
		}
		dropped[b] = true
		if err := t.dropClearBlob(ctx, b); err != nil {
			return err
		}
	}
	return nil
}

// dropClearBlob removes bytes kept in the clear once no record in the
// clear holds them: no source in the clear, no file kept in the clear
// (with a source in the clear: a sealed source's files are sealed).
func (t *Tx) dropClearBlob(ctx context.Context, sum string) error {
	var n int
	if err := t.queryRow(ctx, "SELECT count(*) FROM sources WHERE sha256 = ? AND id NOT IN (SELECT source_id FROM source_keys)", sum).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	if err := t.queryRow(ctx, "SELECT count(*) FROM source_files WHERE sha256 = ? AND blob_sha256 = ''", sum).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	return t.s.archive.remove(ctx, t, sum)
}

// SealExisting seals every restricted and confidential source still stored
// in the clear (stores made before encryption at rest, sources raised to
// such a level by hand): run by Open, in batches.
func (s *Store) SealExisting(ctx context.Context) (int, error) {
	levels := []any{model.Restricted.String(), model.Confidential.String()}
	total := 0
	for {
		rows, err := s.db.QueryContext(ctx, s.rebind("SELECT id FROM sources WHERE sensitivity IN (?, ?) AND id NOT IN (SELECT source_id FROM source_keys) ORDER BY id LIMIT 100"), levels...)
		if err != nil {
			return total, fmt.Errorf("sources to seal: %w", err)
		}
		var ids []string
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return total, err
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return total, err
		}
		if len(ids) == 0 {
			return total, nil
		}
		err = s.Write(ctx, "system:seal", func(t *Tx) error {
			for _, id := range ids {
				if err := t.sealExisting(ctx, id); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return total, err
		}
		total += len(ids)
	}
}

// sealOnce runs SealExisting the first time a store is opened after the
// upgrade that brought encryption at rest, and notes that it did.
func (s *Store) sealOnce(ctx context.Context) error {
	var done int
	if err := s.db.QueryRowContext(ctx, "SELECT sealed FROM store_identity").Scan(&done); err != nil {
		return fmt.Errorf("read the store's id: %w", err)
	}
	if done != 1 {
		if _, err := s.SealExisting(ctx); err != nil {
			return err
		}
		if _, err := s.execWrite(ctx, "UPDATE store_identity SET sealed = 1"); err != nil {
			return err
		}
	}
	if err := s.sealFieldsOnce(ctx); err != nil {
		return err
	}
	if err := s.sealNotesOnce(ctx); err != nil {
		return err
	}
	return s.sealValuesOnce(ctx)
}

// sealOnceOver runs, the first time a store is opened after the upgrade
// that added the store_identity column flag, sealSource on every source
// query lists (the source ids after ?, in order, at most 100 at a time: a
// transaction each), then finish (if not nil), then sets the flag. Without
// the master key at hand (a command run without the key file, verify say)
// it leaves everything for the next open that has it: what such a command
// reads needs no key.
func (s *Store) sealOnceOver(ctx context.Context, flag, query string, sealSource func(*Tx, string) error, finish func() error) error {
	err := s.sealOnceOverFirst(ctx, flag, query, sealSource, finish)
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, seal.ErrWrongKey) {
		return nil
	}
	return err
}

func (s *Store) sealOnceOverFirst(ctx context.Context, flag, query string, sealSource func(*Tx, string) error, finish func() error) error {
	var done int
	if err := s.db.QueryRowContext(ctx, "SELECT "+flag+" FROM store_identity").Scan(&done); err != nil {
		return fmt.Errorf("read the store's id: %w", err)
	}
	if done == 1 {
		return nil
	}
	for after := ""; ; {
		rows, err := s.db.QueryContext(ctx, s.rebind(query), after)
		if err != nil {
			return fmt.Errorf("sealed sources: %w", err)
		}
		ids, err := collect(rows, scanOne[string])
		if err != nil {
			return err
		}
		if len(ids) == 0 {
			break
		}
		after = ids[len(ids)-1]
		err = s.Write(ctx, "system:seal", func(t *Tx) error {
			for _, id := range ids {
				if err := sealSource(t, id); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	if finish != nil {
		if err := finish(); err != nil {
			return err
		}
	}
	_, err := s.execWrite(ctx, "UPDATE store_identity SET "+flag+" = 1")
	return err
}

// openSealed replaces the sealed text (and lead) of each sealed source
// among srcs with its clear text. The caller has already kept to the
// sources the viewer may see; text says whether the whole text was read.
func (s *Store) openSealed(ctx context.Context, srcs []model.Source, text bool) error {
	for i := range srcs {
		src := &srcs[i]
		if !strings.HasPrefix(src.Lead, sealedPrefix) {
			continue
		}
		k, err := s.dataKey(ctx, s.db, src.ID)
		if errors.Is(err, errNoKey) {
			continue // a text in the clear that happens to begin so
		}
		if errors.Is(err, ErrWithdrawn) {
			src.Lead = Withdrawn
			if text {
				src.Text = Withdrawn
			}
			if err := openSourceCols(nil, src); err != nil {
				return err
			}
			continue
		}
		if err != nil {
			return err
		}
		if err := openSourceCols(k.key, src); err != nil {
			return err
		}
		sealed := src.Text
		if !text {
			if err := s.db.QueryRowContext(ctx, s.rebind("SELECT text FROM sources WHERE id = ?"), src.ID).Scan(&sealed); err != nil {
				return fmt.Errorf("source %s: %w", src.ID, err)
			}
		}
		clear, err := openText(k.key, textAD(src.ID), sealed)
		if err != nil {
			return fmt.Errorf("source %s: %w", src.ID, err)
		}
		src.Lead = lead(clear)
		if text {
			src.Text = clear
		}
	}
	return nil
}

// lead is the first model.LeadLength code points of text, as leadCol.
func lead(text string) string {
	n := 0
	for i := range text {
		if n == model.LeadLength {
			return text[:i]
		}
		n++
	}
	return text
}

// clearText reads a source's text inside a transaction, opened when it is
// sealed.
func (t *Tx) clearText(ctx context.Context, id, text string) (string, error) {
	if !strings.HasPrefix(text, sealedPrefix) {
		return text, nil
	}
	k, err := t.s.dataKey(ctx, t.tx, id)
	if errors.Is(err, errNoKey) {
		return text, nil
	}
	if errors.Is(err, ErrWithdrawn) {
		return Withdrawn, nil
	}
	if err != nil {
		return "", err
	}
	return openText(k.key, textAD(id), text)
}

// quoteAD binds a sealed quote to its statement.
func quoteAD(statementID string) []byte { return []byte("athar quote:" + statementID) }

// txDataKey is the data key of a source inside the transaction, nil when
// the source is not sealed; cached for the transaction.
func (t *Tx) txDataKey(ctx context.Context, sourceID string) (*sourceKey, error) {
	if k, ok := t.keys[sourceID]; ok {
		return k, nil
	}
	k, err := t.s.dataKey(ctx, t.tx, sourceID)
	if errors.Is(err, errNoKey) {
		if t.keys == nil {
			t.keys = map[string]*sourceKey{}
		}
		t.keys[sourceID] = nil
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if t.keys == nil {
		t.keys = map[string]*sourceKey{}
	}
	t.keys[sourceID] = &k
	return &k, nil
}

// SourceSealed reports whether a source is sealed under a data key of its
// own (a source taken down counts as sealed: its key was thrown away), as
// the transaction sees it.
func (t *Tx) SourceSealed(ctx context.Context, sourceID string) (bool, error) {
	k, err := t.txDataKey(ctx, sourceID)
	if errors.Is(err, ErrWithdrawn) {
		return true, nil
	}
	return k != nil, err
}

// sealQuote seals the quote of a statement drawn from a sealed source.
func (t *Tx) sealQuote(ctx context.Context, statementID, sourceID, quote string) (string, error) {
	if sourceID == "" || quote == "" {
		return quote, nil
	}
	k, err := t.txDataKey(ctx, sourceID)
	if err != nil || k == nil {
		return quote, err
	}
	return sealText(k.key, quoteAD(statementID), quote), nil
}

// clearQuote opens a statement's quote inside a transaction.
func (t *Tx) clearQuote(ctx context.Context, statementID, sourceID, quote string) (string, error) {
	if !strings.HasPrefix(quote, sealedPrefix) || sourceID == "" {
		return quote, nil
	}
	k, err := t.txDataKey(ctx, sourceID)
	if errors.Is(err, ErrWithdrawn) {
		return Withdrawn, nil
	}
	if err != nil || k == nil {
		return quote, err
	}
	return openText(k.key, quoteAD(statementID), quote)
}

// sealQuotes seals the quotes of the statements drawn from a source just
// sealed (sealExisting).
func (t *Tx) sealQuotes(ctx context.Context, sourceID string) error {
	rows, err := t.query(ctx, "SELECT id, quote FROM statements WHERE source_id = ? AND quote <> ''", sourceID)
	if err != nil {
		return err
	}
	type q struct{ id, quote string }
	var qs []q
	for rows.Next() {
		var x q
		if err := rows.Scan(&x.id, &x.quote); err != nil {
			rows.Close()
			return err
		}
		if !strings.HasPrefix(x.quote, sealedPrefix) {
			qs = append(qs, x)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, x := range qs {
		sealed, err := t.sealQuote(ctx, x.id, sourceID, x.quote)
		if err != nil {
			return err
		}
		if err := t.update(ctx, "statements", x.id, map[string]any{"quote": sealed}); err != nil {
			return err
		}
	}
	return nil
}

// openQuotes replaces each sealed quote and value among sts with its clear
// text (Withdrawn for a source taken down): the caller has kept to the
// statements the viewer may see.
func (s *Store) openQuotes(ctx context.Context, sts []model.Statement) error {
	keys := map[string]*seal.Key{}
	for i := range sts {
		st := &sts[i]
		quote, value := strings.HasPrefix(st.Span.Quote, sealedPrefix), strings.HasPrefix(st.Value, sealedPrefix)
		if (!quote && !value) || st.SourceID == "" {
			continue
		}
		k, ok := keys[st.SourceID]
		if !ok {
			sk, err := s.dataKey(ctx, s.db, st.SourceID)
			if errors.Is(err, errNoKey) {
				keys[st.SourceID] = nil
				continue
			}
			if errors.Is(err, ErrWithdrawn) {
				if quote {
					st.Span.Quote = Withdrawn
				}
				if value {
					st.Value = Withdrawn
				}
				continue
			}
			if err != nil {
				return err
			}
			k = sk.key
			keys[st.SourceID] = k
		}
		if k == nil {
			continue
		}
		if quote {
			clear, err := openText(k, quoteAD(st.ID), st.Span.Quote)
			if err != nil {
				return fmt.Errorf("quote of statement %s: %w", st.ID, err)
			}
			st.Span.Quote = clear
		}
		if value {
			clear, err := openText(k, valueAD(st.ID), st.Value)
			if err != nil {
				return fmt.Errorf("value of statement %s: %w", st.ID, err)
			}
			st.Value = clear
		}
	}
	return nil
}
