package ledger

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Checkpoint is a signed statement of the chain's head at one moment. Kept
// outside the database (and handed to partners or printed in a dossier), it
// lets verify tell a chain cut short from a whole one.
type Checkpoint struct {
	Seq       int64  `json:"seq"`
	Hash      string `json:"hash"`
	At        string `json:"at"`
	PublicKey string `json:"public_key"` // hex ed25519 public key
	Signature string `json:"signature"`  // hex ed25519 signature of SignedBytes
}

// SignedBytes are the bytes a checkpoint's signature covers.
func (c Checkpoint) SignedBytes() []byte {
	return Canonical(map[string]any{"seq": c.Seq, "hash": c.Hash, "at": c.At, "public_key": c.PublicKey})
}

// Verify checks the checkpoint's signature against its own public key and,
// when trusted is not nil, that the key is the trusted one.
func (c Checkpoint) Verify(trusted ed25519.PublicKey) error {
	pub, err := hex.DecodeString(c.PublicKey)
	if err != nil || len(pub) != ed25519.PublicKeySize {
		return errors.New("checkpoint has no valid public key")
	}
	if trusted != nil && !ed25519.PublicKey(pub).Equal(trusted) {
		return errors.New("checkpoint was signed by another key than this data directory's")
	}
	sig, err := hex.DecodeString(c.Signature)
	if err != nil || !ed25519.Verify(pub, c.SignedBytes(), sig) {
		return errors.New("checkpoint signature does not verify")
	}
	return nil
}

// Signer holds the ed25519 key that signs checkpoints.
type Signer struct{ key ed25519.PrivateKey }

// LoadOrCreateKey reads the signing key at path, creating it (mode 0600) if
// create is set and there is none.
func LoadOrCreateKey(path string, create bool) (*Signer, error) {
	b, err := os.ReadFile(path)
	if err == nil {
		seed, derr := hex.DecodeString(strings.TrimSpace(string(b)))
		if derr != nil || len(seed) != ed25519.SeedSize {
			return nil, fmt.Errorf("signing key %s is not a hex ed25519 seed", path)
		}
		return &Signer{key: ed25519.NewKeyFromSeed(seed)}, nil
	}
	if !errors.Is(err, fs.ErrNotExist) || !create {
		return nil, fmt.Errorf("read signing key: %w", err)
	}
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	switch err := createFileAtomic(path, []byte(hex.EncodeToString(priv.Seed())+"\n"), 0o600); {
	case errors.Is(err, fs.ErrExist):
		// Another process (a worker starting beside this one) made it
		// first: theirs is the key.
		return LoadOrCreateKey(path, false)
	case err != nil:
		return nil, fmt.Errorf("write signing key: %w", err)
	}
	return &Signer{key: priv}, nil
}

// createFileAtomic writes a new file at path whole, or not at all, and
// never over one that exists (fs.ErrExist): written beside it, synced, then
// hard-linked into place, which fails when the name is taken.
func createFileAtomic(path string, data []byte, perm os.FileMode) error {
	dir := filepath.Dir(path)
	tmp, err := writeTemp(dir, data, perm)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	if err := os.Link(tmp, path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fs.ErrExist
		}
		return err
	}
	return SyncDir(dir)
}

// Public returns the public half of the key.
func (s *Signer) Public() ed25519.PublicKey { return s.key.Public().(ed25519.PublicKey) }

// SignBytes signs data with the key (ed25519): what a court package's
// manifest is signed with, the same key as the checkpoints.
func (s *Signer) SignBytes(data []byte) []byte { return ed25519.Sign(s.key, data) }

// Sign makes a checkpoint of the head (seq, hash) at time at.
func (s *Signer) Sign(seq int64, hash, at string) Checkpoint {
	c := Checkpoint{Seq: seq, Hash: hash, At: at, PublicKey: hex.EncodeToString(s.Public())}
	c.Signature = hex.EncodeToString(ed25519.Sign(s.key, c.SignedBytes()))
	return c
}

// File is the name of c's file in the checkpoints' folder.
func (c Checkpoint) File() string { return fmt.Sprintf("%012d.json", c.Seq) }

// WriteCheckpoint stores c in dir as <seq>.json, atomically.
func WriteCheckpoint(dir string, c Checkpoint) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, c.File())
	return path, writeFileAtomic(path, append(b, '\n'), 0o644)
}

// ReadCheckpoints reads every checkpoint in dir, lowest sequence first. A
// missing dir holds none.
func ReadCheckpoints(dir string) ([]Checkpoint, error) {
	ents, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []Checkpoint
	for _, e := range ents {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".json") {
			continue
		}
		path := filepath.Join(dir, e.Name())
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		var c Checkpoint
		if err := json.Unmarshal(b, &c); err != nil {
			return nil, fmt.Errorf("checkpoint %s: %w", path, err)
		}
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Seq < out[j].Seq })
	return out, nil
}

// writeFileAtomic writes a temporary file beside path, syncs it and renames
// it into place, so a crash leaves either the old file or the new one.
func writeFileAtomic(path string, data []byte, perm os.FileMode) error {
	dir := filepath.Dir(path)
	tmp, err := writeTemp(dir, data, perm)
	if err != nil {
		return err
	}
	defer os.Remove(tmp) // no-op after a successful rename
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	return SyncDir(dir)
}

// writeTemp writes data to a new temporary file in dir with perm, synced
// and closed, and returns its name; the caller moves it into place (or
// removes it).
func writeTemp(dir string, data []byte, perm os.FileMode) (string, error) {
	f, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return "", err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(perm)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return "", err
	}
	return tmp, nil
}

// SyncDir fsyncs a directory so that a rename in it survives a crash.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
