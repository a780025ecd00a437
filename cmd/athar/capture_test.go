package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/evidence"
	"github.com/athar-project/athar/internal/ingest"
	"github.com/athar-project/athar/internal/pdf"
)

// TestCaptureJSON: one JSON line per URL, in order, as CONTRACTS.md says —
// the stored page with its hashes, the failed one with its error — exit 1,
// and sources show lists the page's files.
func TestCaptureJSON(t *testing.T) {
	if _, err := pdf.Find(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("chromium is required in CI (Debian package chromium, see .ci/apt-packages): %v", err)
		}
		t.Skipf("skipping: %v", err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/page" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<html><head><title>Former guard arrested</title></head><body><article><p>Security forces arrested Ous Salloum, a former guard at Sednaya Prison, in Homs on Sunday, the ministry said.</p></article></body></html>`)
	}))
	defer srv.Close()
	t.Setenv(ingest.FetchAllowEnv, srv.Listener.Addr().String())
	data := filepath.Join(t.TempDir(), "d")
	r := athar(t, "", "--data", data, "capture", "--json", srv.URL+"/page", srv.URL+"/gone")
	if r.code != 1 {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines:\n%s", len(lines), r.stdout)
	}
	var ok map[string]string
	if err := json.Unmarshal([]byte(lines[0]), &ok); err != nil {
		t.Fatal(err)
	}
	if ok["url"] != srv.URL+"/page" || !strings.HasPrefix(ok["id"], "src_") || len(ok["sha256"]) != 64 || len(ok["warc"]) != 64 ||
		len(ok["screenshot"]) != 64 || len(ok) != 5 {
		t.Errorf("stored line %s", lines[0])
	}
	var bad map[string]string
	if err := json.Unmarshal([]byte(lines[1]), &bad); err != nil || bad["url"] != srv.URL+"/gone" || !strings.Contains(bad["error"], "404") || len(bad) != 2 {
		t.Errorf("failed line %s (%v)", lines[1], err)
	}
	show := athar(t, "", "--data", data, "sources", "show", "--json", ok["id"])
	var src struct {
		SHA256 string
		Files  []struct{ Role, SHA256 string }
	}
	if err := json.Unmarshal([]byte(show.stdout), &src); err != nil || src.SHA256 != ok["sha256"] || len(src.Files) != 5 {
		t.Fatalf("sources show: %v\n%s", err, show.stdout)
	}
	hashes := map[string]string{}
	for _, f := range src.Files {
		hashes[f.Role] = f.SHA256
	}
	if hashes["wacz"] != ok["sha256"] || hashes["warc"] != ok["warc"] || hashes["screenshot"] != ok["screenshot"] {
		t.Errorf("files %v, capture said %v", hashes, ok)
	}
	if v := athar(t, "", "--data", data, "verify"); v.code != 0 {
		t.Errorf("verify after capture: %d\n%s%s", v.code, v.stdout, v.stderr)
	}

	// A court package of the person the page names carries the capture's
	// files, each with its chain of custody, and verifies offline.
	pkg := filepath.Join(t.TempDir(), "pkg")
	if r := athar(t, "", "--data", data, "export", "package", personID(t, data, "Ous Salloum"), "--out", pkg); r.code != 0 {
		t.Fatalf("export package: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	b, err := os.ReadFile(filepath.Join(pkg, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := evidence.ParseManifest(b)
	if err != nil {
		t.Fatal(err)
	}
	inPackage := map[string]string{}
	for _, f := range m.Files {
		if f.SourceID != ok["id"] {
			continue
		}
		inPackage[f.Role] = f.SHA256
		if len(f.LedgerEntries) == 0 || f.AcquiredAt == "" || !strings.Contains(f.AcquisitionMethod, "Chromium") {
			t.Errorf("file %s of the capture lacks its chain of custody: %+v", f.Path, f)
		}
	}
	for role, sum := range hashes {
		if inPackage[role] != sum {
			t.Errorf("the package's %s of the capture is %q, stored %q", role, inPackage[role], sum)
		}
	}
	if r := athar(t, "", "verify-package", pkg); r.code != 0 {
		t.Errorf("verify-package: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// TestCaptureWithoutABrowserCannotRun: no Chromium is exit 2, not a page's
// failure.
func TestCaptureWithoutABrowserCannotRun(t *testing.T) {
	t.Setenv("CHROME", "/nonexistent/chromium")
	r := athar(t, "", "--data", filepath.Join(t.TempDir(), "d"), "capture", "https://example.org/")
	if r.code != 2 || !strings.Contains(r.stderr, "chromium") {
		t.Errorf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}
