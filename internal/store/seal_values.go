package store

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/athar-project/athar/internal/seal"
	"github.com/athar-project/athar/internal/textfold"
)

// Statement values. The value of a statement drawn from a sealed source —
// a name, a place, a date as extraction found it, a witness's name among
// them — is sealed under the source's data key, bound to its statement
// (valueAD). What groups, matches or totals values in SQL reads instead
// statements.value_hash: HMAC-SHA256 of the folded value under the value
// key (hashValue), so that spellings that fold alike meet, as they do in
// the clear. The page totals key such a value "h:" and its hash (ClaimKey
// keys a value in the clear "v:" and its folded value), and keep as the
// value's spelling a reference to the statement that spelled it
// (sealedRef), opened by the readers with that statement's source's key.
// Readers that the read policy lets see the statement open it (openQuotes
// for statements, valueOpener elsewhere); a take-down makes it read
// Withdrawn and forgets its hash (forgetValueHashes).
//
// The value key is random, made with the first sealed value, and kept
// wrapped by the master key (value_keys): a leaked dump without the key
// file cannot test a guessed name against the hashes. Key rotation wraps
// it again under the new master key; it does not change (see
// docs/security.md: the data keys do not change either).

// valueAD binds a sealed statement value to its statement.
func valueAD(statementID string) []byte { return []byte("athar value:" + statementID) }

// valueKeyAD binds the wrapped value key to its purpose.
var valueKeyAD = []byte("athar value key")

// valueKeyLabel makes the value key's bytes from a random key.
const valueKeyLabel = "athar value v1"

// sealedRefPrefix begins a page total's spelling of a sealed value: the
// source and the statement whose sealed value it is, then that value.
const sealedRefPrefix = "athar:sealed-value:"

// hashFolded is the keyed hash of an already folded value.
func hashFolded(key []byte, folded string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("v\x00"))
	m.Write([]byte(folded))
	return hex.EncodeToString(m.Sum(nil)[:16])
}

// hashValue is the keyed hash of a value, folded as ClaimKey folds it.
func hashValue(key []byte, value string) string { return hashFolded(key, textfold.Fold(value)) }

// sealedRef is the spelling a page total keeps of a sealed value: where
// to open it.
func sealedRef(sourceID, statementID, sealed string) string {
	return sealedRefPrefix + sourceID + " " + statementID + " " + strings.TrimPrefix(sealed, sealedPrefix)
}

// parseSealedRef splits a sealedRef.
func parseSealedRef(ref string) (sourceID, statementID, sealed string, ok bool) {
	rest, ok := strings.CutPrefix(ref, sealedRefPrefix)
	if !ok {
		return "", "", "", false
	}
	parts := strings.SplitN(rest, " ", 3)
	if len(parts) != 3 {
		return "", "", "", false
	}
	return parts[0], parts[1], sealedPrefix + parts[2], true
}

func (s *Store) cachedValueKey() []byte {
	s.keyMu.Lock()
	defer s.keyMu.Unlock()
	return s.valueRaw
}

func (s *Store) cacheValueKey(k []byte) {
	s.keyMu.Lock()
	s.valueRaw = k
	s.keyMu.Unlock()
}

// openValueKey unwraps the value key.
func openValueKey(master *seal.Key, wrapped string) ([]byte, error) {
	env, err := base64.StdEncoding.DecodeString(wrapped)
	if err != nil {
		return nil, fmt.Errorf("value key: %w", seal.ErrDamaged)
	}
	raw, err := master.Open(env, valueKeyAD)
	if err != nil {
		return nil, fmt.Errorf("value key: %w", err)
	}
	return raw, nil
}

// txValueKey is the value key inside a write transaction, made (and
// wrapped under the master key the store names) when the store has none.
// Several writers making it at once keep the first.
func (t *Tx) txValueKey(ctx context.Context) ([]byte, error) {
	return t.readValueKey(ctx, true)
}

// readValueKey is the value key inside a transaction; create makes it when
// the store has none, else nil comes back.
func (t *Tx) readValueKey(ctx context.Context, create bool) ([]byte, error) {
	if t.valueKey != nil {
		return t.valueKey, nil
	}
	if k := t.s.cachedValueKey(); k != nil {
		return k, nil
	}
	var wrapped string
	err := t.queryRow(ctx, "SELECT wrapped FROM value_keys WHERE id = 1").Scan(&wrapped)
	if errors.Is(err, sql.ErrNoRows) && !create {
		return nil, nil
	}
	master, merr := t.txMaster(ctx, false)
	if merr != nil {
		return nil, fmt.Errorf("value key: %w", merr)
	}
	made := false
	if errors.Is(err, sql.ErrNoRows) {
		made = true
		k, gerr := seal.Generate()
		if gerr != nil {
			return nil, gerr
		}
		if _, err := t.exec(ctx, "INSERT INTO value_keys (id, wrapped) VALUES (1, ?) ON CONFLICT (id) DO NOTHING",
			base64.StdEncoding.EncodeToString(master.Seal(k.Derive(valueKeyLabel), valueKeyAD))); err != nil {
			return nil, fmt.Errorf("value key: %w", err)
		}
		err = t.queryRow(ctx, "SELECT wrapped FROM value_keys WHERE id = 1").Scan(&wrapped)
	}
	if err != nil {
		return nil, fmt.Errorf("value key: %w", err)
	}
	raw, err := openValueKey(master, wrapped)
	if err != nil {
		return nil, err
	}
	t.valueKey = raw
	if made {
		// the review queue's claims key values by their hash from now on
		t.reviewRebuild = true
		t.afterCommit = append(t.afterCommit, func() error { t.s.cacheValueKey(raw); return nil })
	} else {
		t.s.cacheValueKey(raw)
	}
	return raw, nil
}

// openHashedValues opens sealed values by the statement that holds each:
// each gives a hash (for the error), the statement's id, and where to put
// the value in the clear (Withdrawn for a source taken down).
func (s *Store) openHashedValues(ctx context.Context, each func(yield func(hash, statementID string, value *string))) error {
	want := map[string][]*string{}
	var ids []string
	each(func(_, id string, v *string) {
		if want[id] == nil {
			ids = append(ids, id)
		}
		want[id] = append(want[id], v)
	})
	open := s.valueOpener()
	for start := 0; start < len(ids); start += sourceChunk {
		chunk := ids[start:min(start+sourceChunk, len(ids))]
		rows, err := s.db.QueryContext(ctx, s.rebind("SELECT id, value, COALESCE(source_id, '') FROM statements WHERE id IN ("+placeholders(len(chunk))+")"), idArgs(chunk)...)
		if err != nil {
			return err
		}
		type st struct{ id, value, source string }
		sts, err := collect(rows, func(r rowScanner) (x st, err error) { err = r.Scan(&x.id, &x.value, &x.source); return })
		if err != nil {
			return err
		}
		for _, x := range sts {
			v, err := open.open(ctx, x.id, x.source, x.value)
			if err != nil {
				return err
			}
			for _, p := range want[x.id] {
				*p = v
			}
		}
	}
	return nil
}

// valueKey is the value key outside a transaction; nil when the store has
// none (no value was ever sealed).
func (s *Store) valueKey(ctx context.Context) ([]byte, error) {
	if k := s.cachedValueKey(); k != nil {
		return k, nil
	}
	var wrapped string
	err := s.db.QueryRowContext(ctx, "SELECT wrapped FROM value_keys WHERE id = 1").Scan(&wrapped)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("value key: %w", err)
	}
	master, err := s.masterKey(ctx, false)
	if err != nil {
		return nil, fmt.Errorf("value key: %w", err)
	}
	raw, err := openValueKey(master, wrapped)
	if errors.Is(err, seal.ErrWrongKey) {
		// Another process may have rotated the master key.
		s.setMaster(nil)
		if master, err = s.masterKey(ctx, false); err != nil {
			return nil, fmt.Errorf("value key: %w", err)
		}
		raw, err = openValueKey(master, wrapped)
	}
	if err != nil {
		return nil, err
	}
	s.cacheValueKey(raw)
	return raw, nil
}

// sealedKeyOf is the key the page totals give the sealed spellings of the
// value a claim key in the clear ("v:" and the folded value) stands for,
// or "" when there is none (no value key: nothing sealed; or another key).
func (s *Store) sealedKeyOf(ctx context.Context, key string) string {
	folded, ok := strings.CutPrefix(key, "v:")
	if !ok {
		return ""
	}
	vk, err := s.valueKey(ctx)
	if err != nil || vk == nil {
		return ""
	}
	return "h:" + hashFolded(vk, folded)
}

// sealValue is what to store of a new statement's value, and its hash:
// sealed under its source's data key when the source is sealed, else the
// value itself and no hash.
func (t *Tx) sealValue(ctx context.Context, statementID, sourceID, value string) (stored, hash string, err error) {
	if sourceID == "" || value == "" || strings.HasPrefix(value, sealedPrefix) {
		return value, "", nil
	}
	k, err := t.txDataKey(ctx, sourceID)
	if err != nil || k == nil {
		return value, "", err
	}
	vk, err := t.txValueKey(ctx)
	if err != nil {
		return "", "", fmt.Errorf("statement %s: %w", statementID, err)
	}
	return sealText(k.key, valueAD(statementID), value), hashValue(vk, value), nil
}

// clearValue opens a statement's value inside a transaction (Withdrawn for
// a source taken down).
func (t *Tx) clearValue(ctx context.Context, statementID, sourceID, value string) (string, error) {
	if !strings.HasPrefix(value, sealedPrefix) || sourceID == "" {
		return value, nil
	}
	k, err := t.txDataKey(ctx, sourceID)
	if errors.Is(err, ErrWithdrawn) {
		return Withdrawn, nil
	}
	if err != nil || k == nil {
		return value, err
	}
	v, err := openText(k.key, valueAD(statementID), value)
	if err != nil {
		return "", fmt.Errorf("value of statement %s: %w", statementID, err)
	}
	return v, nil
}

// sealValues seals the values of a sealed source's statements still in
// the clear, each with its part in the page totals moved from the clear
// key to the hashed one.
func (t *Tx) sealValues(ctx context.Context, sourceID string) error {
	rows, err := t.query(ctx, "SELECT id, value FROM statements WHERE source_id = ? AND value <> '' ORDER BY id", sourceID)
	if err != nil {
		return fmt.Errorf("statements of %s: %w", sourceID, err)
	}
	type st struct{ id, value string }
	all, err := collect(rows, func(r rowScanner) (x st, err error) { err = r.Scan(&x.id, &x.value); return })
	if err != nil {
		return err
	}
	var shred *seal.Key // for a source taken down before values were sealed
	if _, err := t.txDataKey(ctx, sourceID); errors.Is(err, ErrWithdrawn) {
		if shred, err = seal.Generate(); err != nil {
			return err
		}
	}
	for _, x := range all {
		if strings.HasPrefix(x.value, sealedPrefix) {
			continue
		}
		var sealed, hash string
		if shred != nil {
			// Its key is gone: the value is sealed under a key thrown
			// away at once, and reads as withdrawn like the rest.
			sealed = sealText(shred, valueAD(x.id), x.value)
		} else if sealed, hash, err = t.sealValue(ctx, x.id, sourceID, x.value); err != nil {
			return err
		}
		if sealed == x.value {
			continue // not a sealed source
		}
		if err := t.secureDelete(ctx); err != nil {
			return err
		}
		t.queueScrub(ctx)
		err = t.recountStatement(ctx, x.id, func() error {
			return t.update(ctx, "statements", x.id, map[string]any{"value": sealed, "value_hash": hash})
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// forgetValueHashes clears the hashes of a source's sealed values when it
// is taken down: their values can no longer be read, and the hashes would
// still let whoever holds the master key test a guessed name against them.
// Each such statement then counts in the page totals on its own ("x:" and
// its id), its spelling withdrawn.
func (t *Tx) forgetValueHashes(ctx context.Context, sourceID string) error {
	ids, err := t.ids(ctx, "SELECT id FROM statements WHERE source_id = ? AND value_hash <> '' ORDER BY id", sourceID)
	if err != nil {
		return fmt.Errorf("statements of %s: %w", sourceID, err)
	}
	if len(ids) == 0 {
		return nil
	}
	if err := t.secureDelete(ctx); err != nil {
		return err
	}
	t.queueScrub(ctx)
	for _, id := range ids {
		err := t.recountStatement(ctx, id, func() error {
			_, err := t.exec(ctx, "UPDATE statements SET value_hash = '' WHERE id = ?", id)
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// valueOpener opens sealed values outside a transaction, one data key per
// source.
type valueOpener struct{ m *mentionOpener }

func (s *Store) valueOpener() valueOpener { return valueOpener{s.mentionOpener()} }

// open returns a statement's value in the clear (Withdrawn for a source
// taken down).
func (o valueOpener) open(ctx context.Context, statementID, sourceID, value string) (string, error) {
	if !strings.HasPrefix(value, sealedPrefix) || sourceID == "" {
		return value, nil
	}
	return o.m.openAD(ctx, valueAD(statementID), sourceID, value, "value of statement "+statementID)
}

// ref opens a page total's spelling (sealedRef), or returns it as it is.
func (o valueOpener) ref(ctx context.Context, value string) (string, error) {
	source, id, sealed, ok := parseSealedRef(value)
	if !ok {
		return value, nil
	}
	return o.open(ctx, id, source, sealed)
}

// sealValuesOnce seals, the first time a store is opened after the upgrade
// that sealed them, the statement values and watch alerts of the sources
// sealed before —
// taken-down ones too: their values were left in the clear when they were
// taken down.
func (s *Store) sealValuesOnce(ctx context.Context) error {
	return s.sealOnceOver(ctx, "sealed_values",
		"SELECT source_id FROM source_keys WHERE source_id > ? ORDER BY source_id LIMIT 100",
		func(t *Tx, id string) error {
			if err := t.sealValues(ctx, id); err != nil {
				return err
			}
			return t.sealDerived(ctx, id)
		}, nil)
}
