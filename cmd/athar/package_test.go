package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/evidence"
	"github.com/athar-project/athar/internal/ledger"
	"github.com/athar-project/athar/internal/ledger/tsatest"
	"github.com/athar-project/athar/internal/pdf"
)

// copyDir copies the package src into a new folder.
func copyDir(t *testing.T, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "pkg")
	if out, err := exec.Command("cp", "-a", src, dst).CombinedOutput(); err != nil {
		t.Fatalf("cp: %v %s", err, out)
	}
	return dst
}

// TestCourtPackage: a package made with trusted time verifies offline (and
// by hand with sha256sum and openssl); altering a file, the manifest, a
// ledger entry, the signature or a token fails naming it; a restricted
// source is absent from a package made with internal clearance, and a
// testimony whose witness did not consent to use in court from every one.
func TestCourtPackage(t *testing.T) {
	if _, err := pdf.Find(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("chromium is required in CI: %v", err)
		}
		t.Skipf("the dossier PDF needs chromium: %v", err)
	}
	tsa := tsatest.Start(t, "Court")
	t.Setenv(ledger.TSAURLEnv, tsa.URL)
	t.Setenv(ledger.TSACAEnv, tsa.CAFile)
	dir := t.TempDir()
	data := filepath.Join(dir, "d")
	if r := athar(t, "", "--data", data, "demo"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	testimony := filepath.Join(dir, "w12.txt")
	writeFile(t, testimony, []byte("Title: Statement of detainee W-12\n---\nOus Salloum, the officer known as Azrael of Sednaya, beat detainees at Sednaya Prison in 2014, a former detainee said.\n"))
	r := athar(t, "", "--data", data, "ingest", "--kind", "testimony", "--sensitivity", "restricted", "--consent", "court", testimony)
	if r.code != 0 {
		t.Fatal(r.stderr)
	}
	restricted := strings.Fields(r.stdout)[1]
	// A second witness who consented to publication but not to use in
	// court: the package holds nothing of theirs.
	silent := filepath.Join(dir, "w13.txt")
	writeFile(t, silent, []byte("Title: Statement of detainee W-13\n---\nOus Salloum, the officer known as Azrael of Sednaya, beat detainees at Sednaya Prison in 2015, another former detainee said.\n"))
	r = athar(t, "", "--data", data, "ingest", "--kind", "testimony", "--sensitivity", "restricted", "--consent", "publication,partners:CIJA", silent)
	if r.code != 0 {
		t.Fatal(r.stderr)
	}
	noCourt := strings.Fields(r.stdout)[1]
	id := personID(t, data, "Ous Salloum")

	pkg := filepath.Join(dir, "pkg")
	if r := athar(t, "", "--data", data, "export", "package", id, "--out", pkg); r.code != 0 || !strings.Contains(r.stdout, "1 time-stamp tokens") {
		t.Fatalf("export package: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	var m evidence.Manifest
	b, err := os.ReadFile(filepath.Join(pkg, "manifest.json"))
	if err == nil {
		m, err = evidence.ParseManifest(b)
	}
	if err != nil {
		t.Fatal(err)
	}
	var original, hidden evidence.File
	for _, f := range m.Files {
		if f.Role == "original" && original.Path == "" {
			original = f
		}
		if f.SourceID == restricted {
			hidden = f
		}
		if f.Role != "dossier" && (len(f.LedgerEntries) == 0 || f.CollectedBy == "" || f.AcquisitionMethod == "" || f.AcquiredAt == "") {
			t.Errorf("file %s lacks its chain of custody: %+v", f.Path, f)
		}
	}
	if original.Path == "" || hidden.Path == "" {
		t.Fatalf("the operator's package lacks an original or the restricted testimony: %+v", m.Files)
	}
	if _, err := os.Stat(filepath.Join(pkg, "sources", noCourt)); err == nil {
		t.Errorf("the testimony %s without consent to use in court is in the package", noCourt)
	}
	if strings.Contains(string(b), noCourt) || strings.Contains(string(b), "W-13") {
		t.Errorf("the package's manifest names the testimony without consent to use in court:\n%s", b)
	}
	// The year of the withheld testimony's event, as a word of its own: the
	// PDF also prints hashes and a signature, where four digits occur by chance.
	if out, err := exec.Command("pdftotext", filepath.Join(pkg, "dossier.pdf"), "-").Output(); err != nil || strings.Contains(string(out), "W-13") || regexp.MustCompile(`(^|[^0-9A-Za-z+/=_-])2015([^0-9A-Za-z+/=_-]|$)`).MatchString(string(out)) {
		t.Errorf("the dossier PDF cites the testimony without consent to use in court: %v", err)
	}
	// The same witness consented to sharing with CIJA: an export for CIJA
	// draws on the testimony (so the package could have: it names Ous
	// Salloum), one for another partner does not.
	for _, tt := range []struct {
		partner string
		want    bool
	}{{"", true}, {"CIJA", true}, {"ICIJ", false}} {
		out := filepath.Join(dir, "csv-"+tt.partner)
		args := []string{"--data", data, "export", "csv", "--out", out}
		if tt.partner != "" {
			args = append(args, "--partner", tt.partner)
		}
		if r := athar(t, "", args...); r.code != 0 {
			t.Fatalf("export csv --partner %q: %d %s", tt.partner, r.code, r.stderr)
		}
		sb, err := os.ReadFile(filepath.Join(out, "statements.csv"))
		if err != nil {
			t.Fatal(err)
		}
		var drawn bool
		for _, line := range strings.Split(string(sb), "\n") {
			drawn = drawn || (strings.Contains(line, noCourt) && strings.Contains(line, "Salloum"))
		}
		if drawn != tt.want {
			t.Errorf("export csv --partner %q draws on the testimony shared with CIJA only: %v, want %v", tt.partner, drawn, tt.want)
		}
	}
	if r := athar(t, "", "--data", data, "export", "ftm", "--partner", "bad|name"); r.code != 2 || !strings.Contains(r.stderr, "partner") {
		t.Errorf("export ftm --partner with a bar: %d %s", r.code, r.stderr)
	}

	v := athar(t, "", "verify-package", pkg)
	if v.code != 0 || !strings.Contains(v.stdout, "Court test TSA stamped the checkpoint") || !strings.Contains(v.stdout, original.Path) {
		t.Fatalf("verify-package: exit %d\n%s%s", v.code, v.stdout, v.stderr)
	}
	if out, err := exec.Command("pdftotext", filepath.Join(pkg, "dossier.pdf"), "-").Output(); err != nil || !strings.Contains(string(out), "Court test TSA") {
		t.Errorf("the dossier PDF does not print its trusted time: %v", err)
	}
	// By hand, as docs/evidence.md tells a lawyer.
	out, err := exec.Command("sha256sum", filepath.Join(pkg, filepath.FromSlash(original.Path))).Output()
	if err != nil || !strings.HasPrefix(string(out), original.SHA256) {
		t.Errorf("sha256sum: %v %s, want %s", err, out, original.SHA256)
	}
	out, err = exec.Command("openssl", "ts", "-verify", "-data", filepath.Join(pkg, "ledger", "checkpoint.signed"),
		"-in", filepath.Join(pkg, filepath.FromSlash(m.Ledger.Timestamps[0].Path)), "-token_in",
		"-CAfile", filepath.Join(pkg, "ledger", "tsa-ca.pem")).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "Verification: OK") {
		t.Errorf("openssl ts -verify: %v\n%s", err, out)
	}

	replace := func(old, new string) func(t *testing.T, p string) {
		return func(t *testing.T, p string) {
			b, err := os.ReadFile(p)
			if err != nil || !strings.Contains(string(b), old) {
				t.Fatalf("%s holds no %q: %v", p, old, err)
			}
			writeFile(t, p, []byte(strings.Replace(string(b), old, new, 1)))
		}
	}
	var entries []string
	eb, _ := os.ReadFile(filepath.Join(pkg, "ledger", "entries.jsonl"))
	entries = strings.Split(strings.TrimSpace(string(eb)), "\n")
	var mid ledger.Entry
	json.Unmarshal([]byte(entries[len(entries)/2]), &mid)
	var cp ledger.Checkpoint
	cb, _ := os.ReadFile(filepath.Join(pkg, "ledger", "checkpoint.json"))
	json.Unmarshal(cb, &cp)
	flip := map[byte]string{'0': "1", '1': "0"}
	tests := []struct {
		name, file, where string
		alter             func(t *testing.T, p string)
	}{
		{"a file", original.Path, original.Path + ": its bytes", func(t *testing.T, p string) {
			b, _ := os.ReadFile(p)
			writeFile(t, p, append(b, '.'))
		}},
		{"the manifest", "manifest.json", "manifest.json: its signature", replace(`"made_by": "operator"`, `"made_by": "someone"`)},
		{"the manifest's hash of a file", "manifest.json", "manifest.json: its signature", replace(original.SHA256, strings.Repeat("0", 64))},
		{"a ledger entry", "ledger/entries.jsonl", "ledger/entries.jsonl entry " + jsonInt(mid.Seq) + ": its contents",
			replace(entries[len(entries)/2], strings.Replace(entries[len(entries)/2], `"actor":"`, `"actor":"x`, 1))},
		{"the signature", "ledger/checkpoint.json", "ledger/checkpoint.json: checkpoint signature does not verify",
			replace(cp.Signature, flip[cp.Signature[0]]+cp.Signature[1:])},
		{"a time-stamp token", m.Ledger.Timestamps[0].Path, m.Ledger.Timestamps[0].Path + ": the time-stamp token", func(t *testing.T, p string) {
			b, _ := os.ReadFile(p)
			b[strings.Index(string(b), "Z")-2] ^= 1
			writeFile(t, p, b)
		}},
		{"a missing file", original.Path, original.Path + ": open", func(t *testing.T, p string) { os.Remove(p) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := copyDir(t, pkg)
			tt.alter(t, filepath.Join(c, filepath.FromSlash(tt.file)))
			v := athar(t, "", "verify-package", c, "--json")
			var rep evidence.Report
			if err := json.Unmarshal([]byte(v.stdout), &rep); err != nil {
				t.Fatalf("--json: %v\n%s", err, v.stdout)
			}
			if v.code != 1 || rep.OK || !strings.Contains(v.stderr, "first failure: "+tt.where) {
				t.Errorf("after altering %s: exit %d, stderr %q; want the first failure at %q", tt.file, v.code, v.stderr, tt.where)
			}
		})
	}

	// The court's own copy of another authority's certificate: the
	// package's tokens do not chain to it.
	other := tsatest.Start(t, "Other")
	if v := athar(t, "", "verify-package", pkg, "--tsa-ca", other.CAFile); v.code != 1 || !strings.Contains(v.stderr, "does not chain") {
		t.Errorf("--tsa-ca of another authority: exit %d %s", v.code, v.stderr)
	}
	if v := athar(t, "", "verify-package", filepath.Join(dir, "nothing")); v.code != 2 {
		t.Errorf("verify-package of no folder: exit %d %s", v.code, v.stderr)
	}
	if r := athar(t, "", "--data", data, "export", "package", id, "--out", pkg); r.code != 2 || !strings.Contains(r.stderr, "not empty") {
		t.Errorf("export over a package: exit %d %s", r.code, r.stderr)
	}

	// Internal clearance: the restricted testimony is not in the package.
	internal := filepath.Join(dir, "internal")
	if r := athar(t, "", "--data", data, "--clearance", "internal", "export", "package", id, "--out", internal); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if _, err := os.Stat(filepath.Join(internal, "sources", restricted)); err == nil {
		t.Errorf("the restricted source %s is in a package made with internal clearance", restricted)
	}
	ib, _ := os.ReadFile(filepath.Join(internal, "manifest.json"))
	if strings.Contains(string(ib), restricted) || strings.Contains(string(ib), "W-12") {
		t.Errorf("the internal package's manifest names the restricted source:\n%s", ib)
	}
	if v := athar(t, "", "verify-package", internal); v.code != 0 {
		t.Errorf("the internal package: exit %d %s", v.code, v.stderr)
	}
}

func jsonInt(n int64) string { b, _ := json.Marshal(n); return string(b) }
