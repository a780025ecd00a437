package store

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
)

// The search index of sealed documents: each folded word of a restricted or
// confidential source or statement is indexed as a keyed hash of it,
// "k" and 16 hex digits of HMAC-SHA256(search key, word), the search key
// being derived from the master key (seal.Key.Derive), and so is each of its
// first maxPrefix prefixes (tagged apart from whole words), since a hash has
// no prefixes of its own. The index then holds no such word in the clear; a
// viewer cleared for restricted content has each query word matched also by
// its hash, whole or as a prefix as the search asks. What the hashes still
// tell whoever reads the index: how often a word or a beginning recurs, and
// which sealed documents share them.

// searchKeyLabel derives the search key from the master key.
const searchKeyLabel = "athar search v1"

// searchKey is the key of the sealed index; create makes the master key
// when missing. Read once, and again after a rotation.
func (s *Store) searchKey(ctx context.Context, create bool) ([]byte, error) {
	// The master key's id in the database: another process may have
	// rotated the keys (and the search key with them) since this one
	// read them.
	var want string
	if err := s.db.QueryRowContext(ctx, "SELECT master_id FROM store_identity").Scan(&want); err != nil {
		return nil, fmt.Errorf("read the store's id: %w", err)
	}
	s.keyMu.Lock()
	k := s.searchRaw
	stale := s.master != nil && want != "" && s.master.ID() != want
	s.keyMu.Unlock()
	if stale {
		s.setMaster(nil)
	} else if k != nil {
		return k, nil
	}
	m, err := s.masterKey(ctx, create)
	if err != nil {
		return nil, err
	}
	if k, err = s.searchKeyRaw(ctx, m); err != nil {
		return nil, err
	}
	s.keyMu.Lock()
	s.searchRaw = k
	s.keyMu.Unlock()
	return k, nil
}

// maxPrefix is the longest prefix, in code points, indexed for a sealed
// word; a longer query word, searched as a prefix, matches sealed words
// that begin with its first maxPrefix code points.
const maxPrefix = 12

// hashWord is the keyed hash of a whole word (prefix false) or of a
// beginning of words.
func hashWord(key []byte, w string, prefix bool) string {
	m := hmac.New(sha256.New, key)
	if prefix {
		m.Write([]byte("p\x00"))
	} else {
		m.Write([]byte("w\x00"))
	}
	m.Write([]byte(w))
	return "k" + hex.EncodeToString(m.Sum(nil)[:8])
}

// hashedBody replaces each word of a folded body by the keyed hashes of it
// and of its prefixes.
func hashedBody(key []byte, body string) string {
	var b strings.Builder
	for _, w := range strings.Fields(body) {
		b.WriteString(hashWord(key, w, false))
		n := 0
		for i := range w {
			if n > 0 {
				b.WriteString(" " + hashWord(key, w[:i], true))
			}
			if n++; n > maxPrefix {
				break
			}
		}
		if n <= maxPrefix {
			b.WriteString(" " + hashWord(key, w, true))
		}
		b.WriteByte(' ')
	}
	return strings.TrimSpace(b.String())
}

// truncPrefix cuts a query word to maxPrefix code points.
func truncPrefix(w string) string {
	n := 0
	for i := range w {
		if n == maxPrefix {
			return w[:i]
		}
		n++
	}
	return w
}

// hashedWords are the keyed hashes of a query's words for a viewer cleared
// for sealed content, else nil (and nil when the store has no master key
// yet: nothing is sealed).
func (s *Store) hashedWords(ctx context.Context, v access.Viewer, words []string, mode wordMatch) []string {
	if !v.CanSee(model.Restricted) {
		return nil
	}
	key, err := s.searchKey(ctx, false)
	if err != nil {
		return nil
	}
	out := make([]string, len(words))
	for i, w := range words {
		p := mode.prefix(words, i)
		if p {
			w = truncPrefix(w)
		}
		out[i] = hashWord(key, w, p)
	}
	return out
}

// sealedLevel reports whether a statement of this level is sealed.
func sealedLevel(sens string) bool {
	l, err := model.ParseSensitivity(sens)
	return err == nil && Sealed(l)
}
