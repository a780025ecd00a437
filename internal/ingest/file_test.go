package ingest

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestReadFileRefusesFIFO is issue 18's finding: a FIFO named on the
// command line hung ingest (opened for reading, it waits for a writer) and
// SIGTERM did not stop it. ReadFile refuses it at once, unread.
func TestReadFileRefusesFIFO(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no named pipes in the file system on Windows")
	}
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.txt")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatalf("mkfifo: %v", err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := ReadFile(fifo, 0)
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, ErrNotFile) || !strings.Contains(err.Error(), "named pipe") {
			t.Errorf("FIFO: %v, want ErrNotFile naming a named pipe", err)
		}
	case <-time.After(10 * time.Second):
		// Unblock the reader so the test can end.
		if f, err := os.OpenFile(fifo, os.O_WRONLY, 0); err == nil {
			f.Close()
		}
		t.Fatal("reading a FIFO hung")
	}
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "small.txt")
	if err := os.WriteFile(small, []byte("Title: x\n---\nbody\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, err := ReadFile(small, 0); err != nil || string(b) != "Title: x\n---\nbody\n" {
		t.Errorf("a regular file: %q %v", b, err)
	}
	if _, err := ReadFile(small, 4); !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "the limit is 4 bytes") {
		t.Errorf("over the limit: %v", err)
	}
	var pe *fs.PathError
	if _, err := ReadFile(dir, 0); !errors.As(err, &pe) {
		t.Errorf("a folder: %v, want a path error", err)
	}
	if _, err := ReadFile(filepath.Join(dir, "missing"), 0); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing file: %v", err)
	}
	if runtime.GOOS != "windows" {
		if _, err := ReadFile("/dev/zero", 0); !errors.Is(err, ErrNotFile) || !strings.Contains(err.Error(), "device") {
			t.Errorf("/dev/zero: %v, want refused as a device", err)
		}
	}
}
