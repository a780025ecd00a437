package main

import (
	"archive/tar"
	"compress/gzip"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestIngestRefusesAFIFO: a named pipe named on the command line is refused
// at once, the other inputs stored (it used to hang ingest for good).
func TestIngestRefusesAFIFO(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no named pipes in the file system on Windows")
	}
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.txt")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(dir, "good.txt")
	writeFile(t, good, []byte(article))
	done := make(chan result, 1)
	go func() { done <- athar(t, "", "--data", filepath.Join(dir, "d"), "ingest", fifo, good) }()
	select {
	case r := <-done:
		if r.code != 1 || !strings.Contains(r.stderr, "pipe.txt: not a regular file: a named pipe (FIFO)") || !strings.Contains(r.stdout, "stored") {
			t.Errorf("exit %d\nstdout %s\nstderr %s", r.code, r.stdout, r.stderr)
		}
	case <-time.After(60 * time.Second):
		if f, err := os.OpenFile(fifo, os.O_WRONLY, 0); err == nil {
			f.Close()
		}
		t.Fatal("ingest of a FIFO hung")
	}
}

// TestIngestOutputCannotBeForgedByAFileName: a newline in a file name used
// to print a line of its own, which a script reading the output took for
// another stored source.
func TestIngestOutputCannotBeForgedByAFileName(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no newlines in Windows file names")
	}
	dir := t.TempDir()
	name := filepath.Join(dir, "a.txt\nstored  src_0000000000000000  forged.txt")
	writeFile(t, name, []byte(article))
	bad := filepath.Join(dir, "b.txt\nstored  src_1111111111111111  also-forged.txt")
	writeFile(t, bad, nil)
	r := athar(t, "", "--data", filepath.Join(dir, "d"), "ingest", name, bad)
	if got := strings.Count(r.stdout, "\n"); got != 1 || strings.Contains(r.stdout, "\nstored") {
		t.Errorf("%d lines on stdout for one stored input:\n%s", got, r.stdout)
	}
	if got := strings.Count(r.stderr, "\n"); got != 1 {
		t.Errorf("%d lines on stderr for one failed input:\n%s", got, r.stderr)
	}
	if !strings.Contains(r.stdout, `a.txt\nstored  src_0000000000000000  forged.txt"`) {
		t.Errorf("the name is not quoted: %s", r.stdout)
	}
}

// TestVerifySaysWhatItCannotCheckAndAnchorsFail: with no anchor, verify
// exits 0 and says what it could not check; the backup of a new store holds
// no signing key (it lives outside the data directory); with the
// checkpoints published outside, deleting them from the data directory
// makes verify exit 1.
func TestVerifySaysWhatItCannotCheckAndAnchorsFail(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "d")
	good := filepath.Join(dir, "good.txt")
	writeFile(t, good, []byte(article))
	if r := athar(t, "", "--data", data, "ingest", good); r.code != 0 {
		t.Fatalf("ingest: %s", r.stderr)
	}
	if _, err := os.Stat(filepath.Join(data, "keys", "ledger.ed25519")); err == nil {
		t.Error("a new store keeps its signing key in the data directory")
	}
	r := athar(t, "", "--data", data, "verify")
	if r.code != 0 || !strings.Contains(r.stdout, "not checked: entries added to the end of the chain") ||
		!strings.Contains(r.stdout, "ok: nothing that could be checked was altered") {
		t.Fatalf("verify without anchors: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	j := athar(t, "", "--data", data, "verify", "--json")
	if j.code != 0 || !strings.Contains(j.stdout, `"unchecked": [`) {
		t.Errorf("verify --json: %s", j.stdout)
	}

	file := filepath.Join(dir, "b.backup")
	if b := athar(t, "", "--data", data, "backup", "--out", file); b.code != 0 {
		t.Fatalf("backup: %s", b.stderr)
	}
	if names := backupNames(t, file); strings.Contains(names, "keys/") {
		t.Errorf("the backup carries a key kept outside the data directory: %s", names)
	}

	published := filepath.Join(dir, "published")
	if err := os.CopyFS(published, os.DirFS(filepath.Join(data, "checkpoints"))); err != nil {
		t.Fatal(err)
	}
	// Anchored, all the ledger's history is checked; trusted time (no
	// time-stamping authority here) is the one thing left unchecked.
	if r := athar(t, "", "--data", data, "verify", "--anchors", published); r.code != 0 ||
		strings.Count(r.stdout, "not checked") != 1 || !strings.Contains(r.stdout, "not checked: when anything was recorded, by a clock outside Athar") {
		t.Fatalf("verify with its checkpoints published: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if err := os.RemoveAll(filepath.Join(data, "checkpoints")); err != nil {
		t.Fatal(err)
	}
	t.Setenv("ATHAR_LEDGER_ANCHORS", published)
	if r := athar(t, "", "--data", data, "verify"); r.code != 1 || !strings.Contains(r.stderr, "checkpoints were deleted") {
		t.Errorf("verify with the data directory's checkpoints deleted: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// backupNames lists the entries of a backup file.
func backupNames(t *testing.T, file string) string {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	var names []string
	for {
		h, err := tr.Next()
		if err != nil {
			break
		}
		names = append(names, h.Name)
	}
	return strings.Join(names, " ")
}
