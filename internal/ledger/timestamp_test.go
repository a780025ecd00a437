package ledger_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/ledger"
	"github.com/athar-project/athar/internal/ledger/tsatest"
)

func signed(t *testing.T) (ledger.Checkpoint, string) {
	t.Helper()
	dir := t.TempDir()
	s, err := ledger.LoadOrCreateKey(filepath.Join(dir, "key"), true)
	if err != nil {
		t.Fatal(err)
	}
	c := s.Sign(3, strings.Repeat("ab", 32), "2026-12-06T10:00:00Z")
	cps := filepath.Join(dir, "checkpoints")
	if _, err := ledger.WriteCheckpoint(cps, c); err != nil {
		t.Fatal(err)
	}
	return c, cps
}

func config(t *testing.T, a *tsatest.TSA, caFiles ...string) ledger.TimeConfig {
	t.Helper()
	t.Setenv(ledger.TSAURLEnv, a.URL)
	t.Setenv(ledger.TSACAEnv, strings.Join(caFiles, string(os.PathListSeparator)))
	tc, err := ledger.TimeConfigFromEnv()
	if err != nil {
		t.Fatal(err)
	}
	return tc
}

// TestStampWithOpenSSL: a token from OpenSSL's authority over a checkpoint
// verifies against its CA, and openssl itself agrees.
func TestStampWithOpenSSL(t *testing.T) {
	a := tsatest.Start(t, "Trusted")
	tc := config(t, a, a.CAFile)
	c, dir := signed(t)
	path, err := ledger.Stamp(context.Background(), tc, a.URL, dir, c)
	if err != nil {
		t.Fatal(err)
	}
	tokens, err := ledger.Tokens(dir)
	if err != nil || len(tokens[c.Seq]) != 1 || tokens[c.Seq][0] != path {
		t.Fatalf("tokens kept: %v, %v; want %s", tokens, err, path)
	}
	token, _ := os.ReadFile(path)
	info, err := ledger.VerifyToken(token, c.Imprint(), tc.Roots)
	if err != nil {
		t.Fatal(err)
	}
	if !info.Chained || !strings.Contains(info.Authority, "Trusted test TSA") || info.Time.IsZero() {
		t.Errorf("token info %+v", info)
	}
	// The checkpoints' folder still reads as before.
	if cps, err := ledger.ReadCheckpoints(dir); err != nil || len(cps) != 1 {
		t.Errorf("checkpoints beside tokens: %v, %v", cps, err)
	}
	// What docs/evidence.md tells a lawyer to run.
	data := filepath.Join(t.TempDir(), "checkpoint.signed")
	os.WriteFile(data, c.SignedBytes(), 0o644)
	out, err := exec.Command("openssl", "ts", "-verify", "-data", data, "-in", path, "-token_in", "-CAfile", a.CAFile).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "Verification: OK") {
		t.Errorf("openssl ts -verify: %v\n%s", err, out)
	}
	// Stamping again keeps the token there.
	if again, err := ledger.Stamp(context.Background(), tc, a.URL, dir, c); err != nil || again != path {
		t.Errorf("second stamp: %s, %v", again, err)
	}
}

// TestTokenRefused: tokens that must not verify.
func TestTokenRefused(t *testing.T) {
	trusted := tsatest.Start(t, "Trusted")
	other := tsatest.Start(t, "Untrusted")
	tc := config(t, trusted, trusted.CAFile)
	c, _ := signed(t)
	good := trusted.Token(t, c.SignedBytes())
	if _, err := ledger.VerifyToken(good, c.Imprint(), tc.Roots); err != nil {
		t.Fatalf("openssl's own token: %v", err)
	}
	tampered := append([]byte(nil), good...)
	// Flip a byte inside the signed TSTInfo (its genTime digits sit in
	// the first part of the token, after the content type).
	i := strings.Index(string(tampered), "Z") - 2
	tampered[i] ^= 0x01
	tests := []struct {
		name, want string
		token      []byte
	}{
		{"another CA", "does not chain", other.Token(t, c.SignedBytes())},
		{"another hash", "another hash", trusted.Token(t, []byte("some other checkpoint"))},
		{"tampered", "signature", tampered},
		{"not a token", "not a time-stamp token", []byte("0123456789")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ledger.VerifyToken(tt.token, c.Imprint(), tc.Roots)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("VerifyToken = %v, want an error with %q", err, tt.want)
			}
		})
	}
}

// TestStampFailingAuthority: an authority that is down gives an error and
// keeps nothing; the checkpoint stays.
func TestStampFailingAuthority(t *testing.T) {
	a := tsatest.Start(t, "Flaky")
	tc := config(t, a, a.CAFile)
	c, dir := signed(t)
	a.Down.Store(true)
	if _, err := ledger.Stamp(context.Background(), tc, a.URL, dir, c); err == nil || !strings.Contains(err.Error(), "503") {
		t.Fatalf("stamp with the authority down: %v", err)
	}
	if tokens, _ := ledger.Tokens(dir); len(tokens) != 0 {
		t.Fatalf("a token was kept: %v", tokens)
	}
	a.Down.Store(false)
	if _, err := ledger.Stamp(context.Background(), tc, a.URL, dir, c); err != nil {
		t.Fatalf("retry: %v", err)
	}
}

func TestTimeConfigErrors(t *testing.T) {
	t.Setenv(ledger.TSAURLEnv, "ftp://x")
	if _, err := ledger.TimeConfigFromEnv(); err == nil || !strings.Contains(err.Error(), ledger.TSAURLEnv) {
		t.Errorf("bad URL: %v", err)
	}
	t.Setenv(ledger.TSAURLEnv, "")
	empty := filepath.Join(t.TempDir(), "empty.pem")
	os.WriteFile(empty, []byte("no certificate"), 0o644)
	t.Setenv(ledger.TSACAEnv, empty)
	if _, err := ledger.TimeConfigFromEnv(); err == nil || !strings.Contains(err.Error(), empty) {
		t.Errorf("empty CA file: %v", err)
	}
	t.Setenv(ledger.TSACAEnv, "")
	if tc, err := ledger.TimeConfigFromEnv(); err != nil || len(tc.URLs) != 0 || tc.Roots != nil {
		t.Errorf("unset: %+v, %v", tc, err)
	}
}

// FuzzVerifyToken: outside bytes (a token file in a package) never panic.
func FuzzVerifyToken(f *testing.F) {
	f.Add([]byte{0x30, 0x03, 0x06, 0x01, 0x00})
	f.Add([]byte("not DER"))
	if _, err := exec.LookPath("openssl"); err == nil {
		// A real token, so that the fuzzer starts past the DER check.
		f.Add(tsatest.Start(f, "Fuzz").Token(f, []byte("a checkpoint")))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _ = ledger.VerifyToken(b, make([]byte, 32), nil)
	})
}
