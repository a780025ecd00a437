package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// goldenDoc is a Document as its golden file holds it.
type goldenDoc struct {
	Title, Publisher, URL, Published, Language, ContentType, Encoding, Text string
}

func toGolden(d Document) goldenDoc {
	return goldenDoc{d.Title, d.Publisher, d.URL, d.Published.String(), d.Language, d.ContentType, d.Encoding, d.Text}
}

// checkGolden compares got with testdata/golden/NAME.json, or writes it with
// -update.
func checkGolden(t *testing.T, name string, got Document) {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(toGolden(got)); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "golden", name+".json")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if !bytes.Equal(want, buf.Bytes()) {
		t.Errorf("%s differs from its golden file:\n got: %s\nwant: %s", name, buf.Bytes(), want)
	}
}

// fixtures that must fail, and how.
var fixtureErrors = map[string]error{
	"text/header_only.txt":     ErrEmpty,
	"text/header_bad_date.txt": ErrHeader,
	"html/empty_body.html":     ErrNoText,
}

// TestFixturesGolden parses every fixture in testdata/text and testdata/html
// and compares the result with its golden file.
func TestFixturesGolden(t *testing.T) {
	for _, dir := range []string{"text", "html"} {
		files, err := filepath.Glob(filepath.Join("testdata", dir, "*"))
		if err != nil {
			t.Fatal(err)
		}
		for _, file := range files {
			name := dir + "/" + filepath.Base(file)
			t.Run(name, func(t *testing.T) {
				data, err := os.ReadFile(file)
				if err != nil {
					t.Fatal(err)
				}
				doc, err := Parse(Input{Name: file, Data: data}, Options{})
				if want := fixtureErrors[name]; want != nil {
					if !errors.Is(err, want) {
						t.Fatalf("got %v, want %v", err, want)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				checkText(t, doc)
				checkGolden(t, strings.TrimSuffix(name, filepath.Ext(name)), doc)
			})
		}
	}
}

// checkText checks what every successful Parse promises.
func checkText(t *testing.T, doc Document) {
	t.Helper()
	if strings.TrimSpace(doc.Text) == "" {
		t.Error("empty Text")
	}
	if !utf8Valid(doc.Text) {
		t.Error("Text is not valid UTF-8")
	}
	if strings.Contains(doc.Text, "\r") {
		t.Error("Text has a carriage return")
	}
	switch doc.Language {
	case "ar", "en", "other":
	default:
		t.Errorf("Language %q", doc.Language)
	}
}
