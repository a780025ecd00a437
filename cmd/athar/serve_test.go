package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// The key that signs session cookies is made once and kept, so that a
// restart does not sign everyone out; only its owner may read it.
func TestWebSecretKept(t *testing.T) {
	dir := t.TempDir()
	a, err := webSecret(dir)
	if err != nil {
		t.Fatal(err)
	}
	b, err := webSecret(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(a) < 32 || !bytes.Equal(a, b) {
		t.Fatalf("secret not kept: %x then %x", a, b)
	}
	fi, err := os.Stat(filepath.Join(dir, "keys", "web-session.key"))
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("key mode %v, want 0600", fi.Mode().Perm())
	}
}
