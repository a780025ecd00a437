package ar

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/ingest"
	"github.com/athar-project/athar/internal/model"
)

// source is a test file as ingest reads it.
type source struct {
	name      string
	text      string
	published model.Date
}

// readSource reads a test file with internal/ingest, as ingest and
// athar extract do (header block, title, datelines), so the tests score the
// text the product extracts from.
func readSource(t testing.TB, path string) source {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := ingest.Parse(ingest.Input{Name: path, Data: b}, ingest.Options{})
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return source{name: strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)), text: doc.Text, published: doc.Published}
}

// TestPrint prints one file's extraction: EXTRACT_FILE=path go test -run TestPrint -v.
