package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/ledger"
	"github.com/athar-project/athar/internal/ledger/tsatest"
)

// TestTrustedTime: with OpenSSL's authority configured, writing commands
// get a token over their checkpoint, verify checks it, and a token from an
// untrusted CA, over another hash or tampered with fails naming the
// checkpoint. An authority that is down loses nothing: `athar timestamp`
// asks again.
func TestTrustedTime(t *testing.T) {
	trusted := tsatest.Start(t, "Trusted")
	untrusted := tsatest.Start(t, "Untrusted")
	data := filepath.Join(t.TempDir(), "d")

	// Without an authority: as before, and verify says so.
	t.Setenv(ledger.TSAURLEnv, "")
	t.Setenv(ledger.TSACAEnv, "")
	if r := athar(t, "", "--data", data, "demo"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if v := athar(t, "", "--data", data, "verify"); v.code != 0 || !strings.Contains(v.stdout, "no trusted time was obtained") {
		t.Fatalf("verify without an authority: exit %d\n%s%s", v.code, v.stdout, v.stderr)
	}
	ous := personID(t, data, "Ous Salloum")
	html := filepath.Join(t.TempDir(), "ous.html")
	if r := athar(t, "", "--data", data, "export", "dossier", ous, "--out", html); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if b, _ := os.ReadFile(html); !strings.Contains(string(b), "no trusted time was obtained") {
		t.Error("the dossier made without an authority does not say that no trusted time was obtained")
	}

	// The authority is down: the write succeeds, its checkpoint is kept.
	t.Setenv(ledger.TSAURLEnv, trusted.URL)
	t.Setenv(ledger.TSACAEnv, trusted.CAFile)
	trusted.Down.Store(true)
	if r := athar(t, "", "--data", data, "user", "add", "vera", "--role", "viewer"); r.code != 0 {
		t.Fatalf("a write with the authority down: exit %d %s", r.code, r.stderr)
	}
	if r := athar(t, "", "--data", data, "timestamp"); r.code != 1 || !strings.Contains(r.stderr, "503") {
		t.Fatalf("timestamp with the authority down: exit %d %s", r.code, r.stderr)
	}
	if v := athar(t, "", "--data", data, "verify"); v.code != 0 || !strings.Contains(v.stdout, "no trusted time was obtained yet") {
		t.Fatalf("verify before any token: exit %d\n%s%s", v.code, v.stdout, v.stderr)
	}
	trusted.Down.Store(false)
	r := athar(t, "", "--data", data, "--json", "timestamp")
	var res struct {
		Checkpoint ledger.Checkpoint `json:"checkpoint"`
		Tokens     []string          `json:"tokens"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &res); r.code != 0 || err != nil || len(res.Tokens) != 1 {
		t.Fatalf("timestamp: exit %d %v\n%s%s", r.code, err, r.stdout, r.stderr)
	}
	v := athar(t, "", "--data", data, "verify")
	if v.code != 0 || !strings.Contains(v.stdout, "timestamps: 1 checked") || strings.Contains(v.stdout, "trusted time") {
		t.Fatalf("verify with a token: exit %d\n%s%s", v.code, v.stdout, v.stderr)
	}
	// A dossier made now prints its trusted time.
	os.Remove(html)
	if r := athar(t, "", "--data", data, "export", "dossier", ous, "--out", html); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if b, _ := os.ReadFile(html); !strings.Contains(string(b), "time-stamped by <bdi>CN=Trusted test TSA</bdi>") {
		t.Error("the dossier does not print its trusted time")
	}
	// Another write: its checkpoint is stamped as it is made.
	if r := athar(t, "", "--data", data, "user", "add", "walid", "--role", "viewer"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if v := athar(t, "", "--data", data, "verify"); v.code != 0 || !strings.Contains(v.stdout, "timestamps: 2 checked") {
		t.Fatalf("verify after a stamped write: exit %d\n%s%s", v.code, v.stdout, v.stderr)
	}

	// A backup carries the tokens; the restored store's verify checks them.
	backup := filepath.Join(t.TempDir(), "athar.backup")
	if r := athar(t, "", "--data", data, "backup", "--out", backup); r.code != 0 {
		t.Fatal(r.stderr)
	}
	restored := filepath.Join(t.TempDir(), "restored")
	if r := athar(t, "", "--data", restored, "restore", "--from", backup); r.code != 0 {
		t.Fatalf("restore: %s%s", r.stdout, r.stderr)
	}
	if v := athar(t, "", "--data", restored, "verify"); v.code != 0 || !strings.Contains(v.stdout, "timestamps: 2 checked") {
		t.Errorf("verify after a restore: exit %d\n%s%s", v.code, v.stdout, v.stderr)
	}

	token := res.Tokens[0]
	good, err := os.ReadFile(token)
	if err != nil {
		t.Fatal(err)
	}
	tampered := append([]byte(nil), good...)
	tampered[strings.Index(string(tampered), "Z")-2] ^= 1
	name := filepath.Base(res.Checkpoint.File())
	for _, tt := range []struct {
		name  string
		token []byte
		want  string
	}{
		{"untrusted CA", untrusted.Token(t, res.Checkpoint.SignedBytes()), "does not chain"},
		{"another hash", trusted.Token(t, []byte("another checkpoint")), "another hash"},
		{"tampered", tampered, "signature"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			writeFile(t, token, tt.token)
			defer writeFile(t, token, good)
			v := athar(t, "", "--data", data, "verify")
			if v.code != 1 || !strings.Contains(v.stderr, "checkpoint "+name) || !strings.Contains(v.stderr, tt.want) {
				t.Errorf("verify: exit %d, stderr %q; want checkpoint %s and %q", v.code, v.stderr, name, tt.want)
			}
		})
	}
}
