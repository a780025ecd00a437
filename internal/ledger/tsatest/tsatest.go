// Package tsatest runs OpenSSL's own time-stamping authority for tests: a
// throwaway CA and a TSA certificate made with the openssl command, and a
// loopback HTTP server that hands each request to `openssl ts -reply` and
// passes its answer back byte for byte. Nothing here makes or alters a
// reply itself.
package tsatest

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
)

// TSA is a running authority.
type TSA struct {
	URL    string // where to POST requests
	CAFile string // PEM of the CA that issued the TSA's certificate
	Dir    string // its files
	// Down, set, makes the server answer 503 without asking openssl: an
	// authority that is unreachable for a while.
	Down atomic.Bool

	mu  sync.Mutex
	cfg string
}

// Need skips the test without the openssl command, or fails it under CI.
func Need(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("openssl"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("openssl is needed for the time-stamping tests: %v", err)
		}
		t.Skipf("no openssl command (install Debian's openssl): %v", err)
	}
}

// Start makes a CA named name, a TSA certificate it issues (with the
// critical extended key usage timeStamping), and serves the authority on
// loopback until the test ends.
func Start(t testing.TB, name string) *TSA {
	t.Helper()
	Need(t)
	dir := t.TempDir()
	run := func(args ...string) {
		t.Helper()
		cmd := exec.Command("openssl", args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("openssl %v: %v\n%s", args, err, out)
		}
	}
	write := func(file, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, file), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	ec := []string{"-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"}
	run(append(append([]string{"req", "-x509"}, ec...), "-keyout", "ca.key", "-out", "ca.crt", "-days", "3650",
		"-subj", "/CN="+name+" test CA", "-addext", "basicConstraints=critical,CA:true",
		"-addext", "keyUsage=critical,keyCertSign,cRLSign")...)
	run(append(append([]string{"req"}, ec...), "-keyout", "tsa.key", "-out", "tsa.csr", "-subj", "/CN="+name+" test TSA")...)
	write("ext.cnf", "[v3]\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=critical,timeStamping\n")
	run("x509", "-req", "-in", "tsa.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out", "tsa.crt",
		"-days", "3650", "-extfile", "ext.cnf", "-extensions", "v3")
	write("serial", "01\n")
	write("tsa.cnf", fmt.Sprintf(`[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
dir = %s
serial = $dir/serial
crypto_device = builtin
signer_cert = $dir/tsa.crt
certs = $dir/ca.crt
signer_key = $dir/tsa.key
signer_digest = sha256
default_policy = 1.3.6.1.4.1.4146.2.3
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
`, dir))
	a := &TSA{CAFile: filepath.Join(dir, "ca.crt"), Dir: dir, cfg: filepath.Join(dir, "tsa.cnf")}
	srv := httptest.NewServer(http.HandlerFunc(a.serve))
	t.Cleanup(srv.Close)
	a.URL = srv.URL + "/tsa"
	return a
}

func (a *TSA) serve(w http.ResponseWriter, r *http.Request) {
	if a.Down.Load() {
		http.Error(w, "down for the test", http.StatusServiceUnavailable)
		return
	}
	if r.Method != http.MethodPost {
		http.Error(w, "POST a time-stamp query", http.StatusMethodNotAllowed)
		return
	}
	q, err := io.ReadAll(io.LimitReader(r.Body, 1<<16))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	reply, err := a.Reply(q)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/timestamp-reply")
	w.Write(reply)
}

// Reply is openssl's answer to the DER time-stamp query q.
func (a *TSA) Reply(q []byte) ([]byte, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	qf, rf := filepath.Join(a.Dir, "query.tsq"), filepath.Join(a.Dir, "reply.tsr")
	if err := os.WriteFile(qf, q, 0o600); err != nil {
		return nil, err
	}
	cmd := exec.Command("openssl", "ts", "-reply", "-config", a.cfg, "-queryfile", qf, "-out", rf)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("openssl ts -reply: %v: %s", err, stderr.String())
	}
	return os.ReadFile(rf)
}

// Token is a token of this authority over data (hashed with SHA-256), made
// by `openssl ts -query` and `openssl ts -reply -token_out`.
func (a *TSA) Token(t testing.TB, data []byte) []byte {
	t.Helper()
	a.mu.Lock()
	defer a.mu.Unlock()
	df, qf, tf := filepath.Join(a.Dir, "data"), filepath.Join(a.Dir, "q.tsq"), filepath.Join(a.Dir, "token.tst")
	if err := os.WriteFile(df, data, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"ts", "-query", "-data", df, "-sha256", "-cert", "-out", qf},
		{"ts", "-reply", "-config", a.cfg, "-queryfile", qf, "-token_out", "-out", tf},
	} {
		if out, err := exec.Command("openssl", args...).CombinedOutput(); err != nil {
			t.Fatalf("openssl %v: %v\n%s", args, err, out)
		}
	}
	b, err := os.ReadFile(tf)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
