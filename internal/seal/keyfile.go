package seal

import (
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// KeyFileEnv names the file of the master key (CONTRACTS.md, "Keys").
const KeyFileEnv = "ATHAR_KEY_FILE"

// keyFileHead begins every master key file, so that a file of something
// else named by mistake is refused rather than taken for a key.
const keyFileHead = "athar-master-key-v1 "

// LoadOrCreate reads the master key at path; when the file does not exist
// and create is true it makes a new key there (its folder 0700, the file
// 0600, written whole or not at all). A key file that others than its owner
// may read is refused: whoever reads it reads every sealed value.
func LoadOrCreate(path string, create bool) (*Key, error) {
	if path == "" {
		return nil, errors.New("no master key file given")
	}
	k, err := load(path)
	if !errors.Is(err, fs.ErrNotExist) || !create {
		return k, err
	}
	k, err = Generate()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("master key folder: %w", err)
	}
	switch err := createOnce(path, []byte(keyFileHead+hex.EncodeToString(k.raw[:])+"\n")); {
	case errors.Is(err, fs.ErrExist):
		// Another process made it first: theirs is the key.
		return load(path)
	case err != nil:
		return nil, fmt.Errorf("write master key %s: %w", path, err)
	}
	return k, nil
}

func load(path string) (*Key, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("master key %s: %w", path, fs.ErrNotExist)
		}
		return nil, fmt.Errorf("master key: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("master key: %w", err)
	}
	if fi.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("master key %s may be read by others (mode %v): run chmod 600 on it", path, fi.Mode().Perm())
	}
	b := make([]byte, 256)
	n, _ := f.Read(b)
	return ParseKeyFile(b[:n], path)
}

// ParseKeyFile reads the contents of a master key file; where names it in
// errors.
func ParseKeyFile(b []byte, where string) (*Key, error) {
	s := strings.TrimSpace(string(b))
	rest, ok := strings.CutPrefix(s, keyFileHead)
	if !ok {
		return nil, fmt.Errorf("master key %s: not an Athar master key file (it should begin %q)", where, strings.TrimSpace(keyFileHead))
	}
	raw, err := hex.DecodeString(rest)
	if err != nil || len(raw) != KeySize {
		return nil, fmt.Errorf("master key %s: want %d hex digits after %q", where, 2*KeySize, strings.TrimSpace(keyFileHead))
	}
	return NewKey(raw)
}

// createOnce writes a new file whole, or not at all, never over one that
// exists (fs.ErrExist): written beside it, synced, then hard-linked into
// place.
func createOnce(path string, data []byte) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, ".tmp-key-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp)
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Link(tmp, path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fs.ErrExist
		}
		return err
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// WriteKeyFile writes k to path as a new file (rotation writes the new
// master key beside the old before it re-wraps anything).
func WriteKeyFile(path string, k *Key) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	return createOnce(path, []byte(keyFileHead+hex.EncodeToString(k.raw[:])+"\n"))
}
