package ocr

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// needTesseract skips a test outside CI when tesseract or its models are
// missing; under CI=true it fails instead.
func needTesseract(t *testing.T) {
	t.Helper()
	_, err := exec.LookPath("tesseract")
	if err == nil {
		out, lerr := exec.Command("tesseract", "--list-langs").CombinedOutput()
		if lerr != nil || !strings.Contains(string(out), "\nara") || !strings.Contains(string(out), "\neng") {
			err = errors.New("tesseract lacks the ara or eng model")
		}
	}
	if err == nil {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("tesseract with ara and eng is needed under CI: %v", err)
	}
	t.Skipf("tesseract with ara and eng is not installed (%v): apt-get install tesseract-ocr tesseract-ocr-ara tesseract-ocr-eng", err)
}

// The scans in testdata are made by the project from the HTML beside them
// (TestMakeScans); their text is known, so what OCR reads is checked word
// by word.
func TestReadFile(t *testing.T) {
	needTesseract(t)
	tests := []struct {
		file  string
		words []string // words that must be read exactly
		min   int      // words at least
	}{
		{"en.png", []string{"Karim", "Haddad,", "Sami", "Nasser", "Sednaya", "checkpoint"}, 20},
		{"ar.png", []string{"سامي", "ناصر", "دمشق", "صيدنايا"}, 15},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			r, err := ReadFile(context.Background(), filepath.Join("testdata", tt.file), Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkRead(t, r, 1, tt.min, tt.words)
		})
	}
}

// checkRead checks a result read from scans: pages, words in their page,
// their offsets, the words that must be there, and a mean confidence of
// clean print.
func checkRead(t *testing.T, r Result, pages, min int, want []string) {
	t.Helper()
	checkWords(t, r)
	if len(r.Pages) != pages {
		t.Fatalf("%d pages, want %d", len(r.Pages), pages)
	}
	if len(r.Words) < min {
		t.Fatalf("%d words, want at least %d: %q", len(r.Words), min, r.Text)
	}
	sizes := map[int]Page{}
	for _, p := range r.Pages {
		sizes[p.Number] = p
	}
	for _, w := range r.Words {
		p := sizes[w.Page]
		if w.Box.Width <= 0 || w.Box.Height <= 0 || w.Box.Left+w.Box.Width > p.Width || w.Box.Top+w.Box.Height > p.Height {
			t.Errorf("word %q's box %+v is not inside its page %+v", w.Text, w.Box, p)
		}
	}
	have := map[string]bool{}
	for _, w := range r.Words {
		have[w.Text] = true
	}
	for _, w := range want {
		if !have[w] {
			t.Errorf("%q not read; the text is %q", w, r.Text)
		}
	}
	if m := r.MeanConfidence(); m < 80 || m > 100 {
		t.Errorf("mean confidence %.1f on clean print", m)
	}
}

func TestReadFileErrors(t *testing.T) {
	needTesseract(t)
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.png")
	if err := os.WriteFile(bad, []byte("\x89PNG\r\n\x1a\nnot really"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := ReadFile(context.Background(), bad, Options{})
	if !errors.Is(err, ErrFailed) {
		t.Errorf("a damaged PNG: err = %v, want ErrFailed", err)
	}
	_, err = ReadFile(context.Background(), filepath.Join("testdata", "en.png"), Options{Languages: "xyz"})
	if !errors.Is(err, ErrUnavailable) || !strings.Contains(err.Error(), "xyz") {
		t.Errorf("a missing model: err = %v, want ErrUnavailable naming it", err)
	}
	_, err = ReadFile(context.Background(), filepath.Join("testdata", "en.png"), Options{Timeout: 1})
	if !errors.Is(err, ErrFailed) || !strings.Contains(err.Error(), "longer than") {
		t.Errorf("a timeout: err = %v", err)
	}
}
