// Package seal owns Athar's encryption at rest: the master key kept outside
// the data directory, the per-source data keys it wraps, and the one
// envelope format every sealed value uses.
//
// An envelope is
//
//	version (1 byte, 1) | key id (8 bytes) | nonce (12 bytes) | AES-256-GCM ciphertext and tag
//
// The key id is the first 8 bytes of HMAC-SHA256(key, "athar key id"): it
// names the key that sealed the envelope without revealing it, so that
// opening with the wrong key (another data directory's master key, a
// destroyed data key) says so instead of failing as "message authentication
// failed". Every envelope is bound to what it is (associated data: the
// source and the purpose), so that a sealed value copied into another row
// does not open there.
package seal

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
)

// Version is the envelope format's version byte.
const Version = 1

const (
	// KeySize is the size of every key: AES-256.
	KeySize  = 32
	idSize   = 8
	nonceLen = 12
	header   = 1 + idSize + nonceLen
)

// ErrWrongKey means an envelope was sealed by another key than the one
// given.
var ErrWrongKey = errors.New("sealed by another key")

// ErrDamaged means an envelope is not one, or its ciphertext was altered.
var ErrDamaged = errors.New("sealed value damaged or altered")

// Key is one AES-256-GCM key: the master key or a source's data key.
type Key struct {
	raw  [KeySize]byte
	id   [idSize]byte
	aead cipher.AEAD
}

// NewKey makes a Key of raw, which must be KeySize bytes.
func NewKey(raw []byte) (*Key, error) {
	if len(raw) != KeySize {
		return nil, fmt.Errorf("a key is %d bytes, not %d", KeySize, len(raw))
	}
	k := &Key{}
	copy(k.raw[:], raw)
	block, err := aes.NewCipher(k.raw[:])
	if err != nil {
		return nil, err
	}
	if k.aead, err = cipher.NewGCM(block); err != nil {
		return nil, err
	}
	copy(k.id[:], k.derive("athar key id"))
	return k, nil
}

// Generate makes a new random key.
func Generate() (*Key, error) {
	raw := make([]byte, KeySize)
	if _, err := rand.Read(raw); err != nil {
		return nil, err
	}
	return NewKey(raw)
}

// ID is the key's id in hex: it names the key and reveals nothing of it.
func (k *Key) ID() string { return hex.EncodeToString(k.id[:]) }

func (k *Key) derive(label string) []byte {
	m := hmac.New(sha256.New, k.raw[:])
	m.Write([]byte(label))
	return m.Sum(nil)
}

// Derive is a key of its own for one purpose (label), derived from k:
// HMAC-SHA256(k, label). The search key is the master key's
// Derive("athar search v1").
func (k *Key) Derive(label string) []byte { return k.derive("athar derive:" + label) }

// Seal encrypts plain into an envelope bound to ad.
func (k *Key) Seal(plain, ad []byte) []byte {
	out := make([]byte, header, header+len(plain)+k.aead.Overhead())
	out[0] = Version
	copy(out[1:], k.id[:])
	if _, err := rand.Read(out[1+idSize : header]); err != nil {
		panic(err) // crypto/rand does not fail on the systems Athar runs on
	}
	return k.aead.Seal(out, out[1+idSize:header], plain, ad)
}

// Open decrypts an envelope that k sealed with ad.
func (k *Key) Open(env, ad []byte) ([]byte, error) {
	id, err := KeyID(env)
	if err != nil {
		return nil, err
	}
	if id != k.ID() {
		return nil, fmt.Errorf("%w: key %s, not %s", ErrWrongKey, id, k.ID())
	}
	plain, err := k.aead.Open(nil, env[1+idSize:header], env[header:], ad)
	if err != nil {
		return nil, ErrDamaged
	}
	return plain, nil
}

// KeyID reads the id of the key that sealed env.
func KeyID(env []byte) (string, error) {
	if len(env) < header+16 {
		return "", fmt.Errorf("%w: %d bytes is too short for an envelope", ErrDamaged, len(env))
	}
	if env[0] != Version {
		return "", fmt.Errorf("%w: envelope version %d, want %d", ErrDamaged, env[0], Version)
	}
	return hex.EncodeToString(env[1 : 1+idSize]), nil
}

// Wrap seals a data key under k (the master key) for one source.
func (k *Key) Wrap(data *Key, sourceID string) []byte {
	return k.Seal(data.raw[:], []byte("athar data key:"+sourceID))
}

// Unwrap opens a data key that k wrapped for sourceID.
func (k *Key) Unwrap(wrapped []byte, sourceID string) (*Key, error) {
	raw, err := k.Open(wrapped, []byte("athar data key:"+sourceID))
	if err != nil {
		return nil, fmt.Errorf("data key of %s: %w", sourceID, err)
	}
	return NewKey(raw)
}
