package main

import (
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
