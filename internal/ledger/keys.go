package ledger

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"
)

// Where the signing key and the anchors are found (CONTRACTS.md, "Keys").
const (
	// KeyFileEnv names the file that holds the ledger's signing key,
	// created there if missing. Unset, the key is the per-user default
	// (DefaultKeyFile), or, for a store made before keys moved out, the old
	// file in the data directory.
	KeyFileEnv = "ATHAR_SIGNING_KEY_FILE"
	// AnchorsEnv names a folder or file of checkpoints published outside
	// the data directory (ReadAnchors): verify fails when one of them is
	// missing from the data directory or contradicted by the chain.
	AnchorsEnv = "ATHAR_LEDGER_ANCHORS"
	// LegacyKeyFile is where stores made before keys moved out keep the
	// key, under the data directory.
	LegacyKeyFile = "keys/ledger.ed25519"
)

// ConfigDir is the per-user folder of Athar's keys: $XDG_CONFIG_HOME/athar,
// or ~/.config/athar. Under go test it is a temporary folder of the test
// run, shared with the processes the tests start, so that no test writes
// keys into the home folder of whoever runs it.
func ConfigDir() (string, error) {
	if testing.Testing() {
		if err := isolateTests(); err != nil {
			return "", err
		}
	}
	if x := os.Getenv("XDG_CONFIG_HOME"); x != "" && filepath.IsAbs(x) {
		return filepath.Join(x, "athar"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("no home folder for the per-user key folder (set %s): %w", KeyFileEnv, err)
	}
	return filepath.Join(home, ".config", "athar"), nil
}

// DefaultKeyFile is the per-user file of the signing key of the ledger
// whose first entry hashes to genesis: one key per ledger, found again
// wherever its data directory moves or is restored on this account.
func DefaultKeyFile(genesis string) (string, error) {
	dir, err := ConfigDir()
	if err != nil {
		return "", err
	}
	if len(genesis) < 16 {
		return "", errors.New("the ledger has no first entry yet")
	}
	return filepath.Join(dir, "ledger-"+genesis[:16]+".ed25519"), nil
}

// LoadKey reads the signing key at path; a missing file is fs.ErrNotExist.
func LoadKey(path string) (*Signer, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, err
	}
	return LoadOrCreateKey(path, false)
}

// ReadAnchors reads checkpoints published outside the data directory: every
// *.json file of a folder, or one file holding a checkpoint, a JSON array of
// them, or one per line. They are returned lowest sequence first.
func ReadAnchors(path string) ([]Checkpoint, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("anchors: %w", err)
	}
	if fi.IsDir() {
		cps, err := ReadCheckpoints(path)
		if err != nil {
			return nil, fmt.Errorf("anchors: %w", err)
		}
		return cps, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("anchors: %w", err)
	}
	var out []Checkpoint
	if t := bytes.TrimSpace(b); len(t) > 0 && t[0] == '[' {
		if err := json.Unmarshal(t, &out); err != nil {
			return nil, fmt.Errorf("anchors %s: %w", path, err)
		}
	} else {
		dec := json.NewDecoder(bytes.NewReader(b))
		for {
			var c Checkpoint
			if err := dec.Decode(&c); err != nil {
				if errors.Is(err, io.EOF) {
					break
				}
				return nil, fmt.Errorf("anchors %s: checkpoint %d: %w", path, len(out)+1, err)
			}
			out = append(out, c)
		}
	}
	for i, c := range out {
		if c.Seq <= 0 || len(c.Hash) != 64 {
			return nil, fmt.Errorf("anchors %s: checkpoint %d has no sequence number or hash", path, i+1)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Seq < out[j].Seq })
	return out, nil
}

// testKeysEnv carries a test run's key folder to the processes it starts.
const testKeysEnv = "ATHAR_TEST_KEYS"

var isolate struct {
	once sync.Once
	err  error
}

// isolateTests points XDG_CONFIG_HOME at the test run's own folder: the one
// a parent test process made (testKeysEnv), else a new temporary one.
func isolateTests() error {
	isolate.once.Do(func() {
		dir := os.Getenv(testKeysEnv)
		if dir == "" {
			if dir, isolate.err = os.MkdirTemp("", "athar-test-config-"); isolate.err != nil {
				return
			}
			os.Setenv(testKeysEnv, dir)
		}
		os.Setenv("XDG_CONFIG_HOME", dir)
	})
	return isolate.err
}
