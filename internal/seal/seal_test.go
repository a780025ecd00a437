package seal

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func mustKey(t testing.TB) *Key {
	t.Helper()
	k, err := Generate()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestSealOpen(t *testing.T) {
	k, other := mustKey(t), mustKey(t)
	plain := []byte("شهادة: a phrase only this witness spoke")
	env := k.Seal(plain, []byte("src_1 text"))
	if bytes.Contains(env, plain[:10]) {
		t.Fatal("the envelope holds the clear text")
	}
	if env[0] != Version {
		t.Fatalf("version byte %d", env[0])
	}
	if id, err := KeyID(env); err != nil || id != k.ID() {
		t.Fatalf("KeyID = %q, %v; want %s", id, err, k.ID())
	}
	tampered := append([]byte(nil), env...)
	tampered[len(tampered)-1] ^= 1
	tests := []struct {
		name string
		key  *Key
		env  []byte
		ad   string
		want error
	}{
		{"right key and binding", k, env, "src_1 text", nil},
		{"another key", other, env, "src_1 text", ErrWrongKey},
		{"moved to another row", k, env, "src_2 text", ErrDamaged},
		{"altered ciphertext", k, tampered, "src_1 text", ErrDamaged},
		{"truncated", k, env[:20], "src_1 text", ErrDamaged},
		{"unknown version", k, append([]byte{9}, env[1:]...), "src_1 text", ErrDamaged},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.key.Open(tc.env, []byte(tc.ad))
			if !errors.Is(err, tc.want) {
				t.Fatalf("Open: %v, want %v", err, tc.want)
			}
			if tc.want == nil && !bytes.Equal(got, plain) {
				t.Fatalf("Open = %q", got)
			}
		})
	}
	if bytes.Equal(k.Seal(plain, nil), k.Seal(plain, nil)) {
		t.Fatal("two seals of one value are equal: the nonce is not fresh")
	}
}

func TestWrap(t *testing.T) {
	master, data := mustKey(t), mustKey(t)
	w := master.Wrap(data, "src_a")
	got, err := master.Unwrap(w, "src_a")
	if err != nil || got.ID() != data.ID() {
		t.Fatalf("Unwrap = %v, %v", got, err)
	}
	if _, err := master.Unwrap(w, "src_b"); !errors.Is(err, ErrDamaged) {
		t.Fatalf("a data key unwrapped for another source: %v", err)
	}
	if _, err := mustKey(t).Unwrap(w, "src_a"); !errors.Is(err, ErrWrongKey) {
		t.Fatalf("another master key unwrapped it: %v", err)
	}
	if bytes.Equal(master.Derive("athar search v1"), master.Derive("other")) || len(master.Derive("x")) != 32 {
		t.Fatal("derived keys do not depend on their label")
	}
}

func TestKeyFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "master.key")
	if _, err := LoadOrCreate(path, false); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("missing file without create: %v", err)
	}
	k, err := LoadOrCreate(path, true)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file mode %v, %v", fi.Mode().Perm(), err)
	}
	if di, _ := os.Stat(filepath.Dir(path)); di.Mode().Perm() != 0o700 {
		t.Fatalf("key folder mode %v", di.Mode().Perm())
	}
	again, err := LoadOrCreate(path, true)
	if err != nil || again.ID() != k.ID() {
		t.Fatalf("second load gave another key: %v", err)
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadOrCreate(path, true); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Fatalf("a world-readable key was accepted: %v", err)
	}
	if err := WriteKeyFile(path, mustKey(t)); !errors.Is(err, fs.ErrExist) {
		t.Fatalf("WriteKeyFile over an existing key: %v", err)
	}
}

func TestParseKeyFile(t *testing.T) {
	good := keyFileHead + strings.Repeat("ab", KeySize)
	tests := []struct {
		in, err string
	}{
		{good + "\n", ""},
		{"  " + good + "  \n", ""},
		{strings.Repeat("ab", KeySize), "not an Athar master key file"},
		{keyFileHead + "zz", "hex digits"},
		{keyFileHead + strings.Repeat("ab", KeySize-1), "hex digits"},
		{"", "not an Athar master key file"},
	}
	for _, tc := range tests {
		_, err := ParseKeyFile([]byte(tc.in), "test.key")
		if (err == nil) != (tc.err == "") || (err != nil && !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("ParseKeyFile(%q) = %v, want %q", tc.in, err, tc.err)
		}
	}
}

// FuzzOpen feeds envelopes from outside (a database or backup anyone may
// have altered) to Open: it must refuse, never panic.
func FuzzOpen(f *testing.F) {
	k, err := NewKey(bytes.Repeat([]byte{7}, KeySize))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(k.Seal([]byte("hello"), []byte("ad")))
	f.Add([]byte{Version})
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, env []byte) {
		if plain, err := k.Open(env, []byte("ad")); err == nil && string(plain) != "hello" && len(env) > 0 {
			// Only an envelope k sealed opens; anything else that opened
			// would be a forgery.
			if _, err2 := KeyID(env); err2 != nil {
				t.Fatalf("opened something with no valid header")
			}
		}
	})
}

func FuzzParseKeyFile(f *testing.F) {
	f.Add([]byte(keyFileHead + strings.Repeat("00", KeySize)))
	f.Add([]byte("garbage"))
	f.Fuzz(func(t *testing.T, b []byte) {
		k, err := ParseKeyFile(b, "fuzz")
		if err == nil && k == nil {
			t.Fatal("no key and no error")
		}
	})
}
