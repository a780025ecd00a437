package ar

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/model"
)

// source is a test file read in the header format of CONTRACTS.md.
type source struct {
	name      string
	text      string
	published model.Date
}

// readSource reads a corpus file: optional "Key: value" header lines ended
// by "---"; the text is the Title (unless "(none"), a newline, and the body.
// (A test stand-in for internal/ingest, which owns this for the product.)
func readSource(t testing.TB, path string) source {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return parseSource(strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)), string(b))
}

func parseSource(name, s string) source {
	src := source{name: name}
	body := s
	if i := strings.Index(s, "\n---\n"); i >= 0 && isHeader(s[:i]) {
		header := map[string]string{}
		for _, line := range strings.Split(s[:i], "\n") {
			if k, v, ok := strings.Cut(line, ": "); ok {
				header[k] = strings.TrimSpace(v)
			}
		}
		body = s[i+5:]
		if p := header["Published"]; p != "" && p != "unknown" {
			src.published, _ = model.ParseDate(p)
		}
		if title := header["Title"]; title != "" && !strings.HasPrefix(title, "(none") {
			body = title + "\n" + body
		}
	}
	src.text = body
	return src
}

func isHeader(h string) bool {
	for _, line := range strings.Split(h, "\n") {
		if !strings.Contains(line, ": ") {
			return false
		}
	}
	return true
}

// TestPrint prints one file's extraction: EXTRACT_FILE=path go test -run TestPrint -v.
