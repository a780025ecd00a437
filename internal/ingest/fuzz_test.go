package ingest

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// addFixtures seeds a fuzz target with every fixture in testdata.
func addFixtures(f *testing.F) {
	files, _ := filepath.Glob("testdata/*/*")
	for _, file := range files {
		if strings.HasPrefix(file, filepath.Join("testdata", "golden")) {
			continue
		}
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data)
		}
	}
}

var kinds = []error{ErrEmpty, ErrBinary, ErrUnsupported, ErrTooLarge, ErrUndecodable, ErrHeader, ErrNoText,
	ErrNoTextLayer, ErrPDF}

func FuzzParse(f *testing.F) {
	addFixtures(f)
	f.Add([]byte("Title: T\n---\nBody"))
	f.Add([]byte("\xff\xfeT\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if isPDF(data) {
			t.Skip("PDFs go to pdftotext, tested on their own")
		}
		doc, err := Parse(Input{Name: "fuzz", Data: data}, Options{})
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("message on more than one line: %q", err)
			}
			for _, k := range kinds {
				if errors.Is(err, k) {
					return
				}
			}
			t.Errorf("error of no known kind: %v", err)
			return
		}
		checkDoc(t, doc)
	})
}

func checkDoc(t *testing.T, doc Document) {
	t.Helper()
	if strings.TrimSpace(doc.Text) == "" {
		t.Error("empty text on success")
	}
	for _, s := range []string{doc.Text, doc.Title, doc.Publisher, doc.URL} {
		if !utf8.ValidString(s) {
			t.Errorf("invalid UTF-8: %q", s)
		}
	}
	if strings.Contains(doc.Text, "\r") {
		t.Error("carriage return in text")
	}
	if l := doc.Language; l != "ar" && l != "en" && l != "other" {
		t.Errorf("language %q", l)
	}
}

func FuzzHTML(f *testing.F) {
	addFixtures(f)
	f.Add([]byte(`<html><head><script type="application/ld+json">{"@graph":[{"datePublished":"2025-01-01","publisher":["x"]}]}</script></head><body><article><time datetime="2025-01-02">x</time><p>text</p></article></body></html>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		text := strings.ToValidUTF8(string(data), "\ufffd")
		root, err := html.Parse(strings.NewReader(text))
		if err != nil {
			return
		}
		m := readMeta(root)
		d := m.published()
		if !d.IsZero() && (d.Year < 1900 || d.Month < 0 || d.Month > 12 || d.Day < 0 || d.Day > 31) {
			t.Errorf("impossible date %+v", d)
		}
		_ = m.canonicalURL("https://base.test/a")
		doc, err := parseHTML(text, "https://base.test/a")
		if err == nil {
			doc.Language = "en"
			checkDoc(t, doc)
		} else if !errors.Is(err, ErrNoText) && !errors.Is(err, ErrUnsupported) {
			t.Errorf("error of no known kind: %v", err)
		}
	})
}

func FuzzTextHeader(f *testing.F) {
	addFixtures(f)
	f.Add([]byte("Title: T\nPublished: 2025-01-03\nLanguage: ar\n---\nBody"))
	f.Add([]byte("Key:\n---\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		text := strings.ToValidUTF8(string(data), "\ufffd")
		h, body, ok := splitHeader(text)
		if !strings.HasSuffix(text, body) {
			t.Fatalf("body %q is not the end of the text", body)
		}
		if !ok && body != text {
			t.Fatal("no header, yet the body is not the whole text")
		}
		if ok && len(h.keys) == 0 {
			t.Fatal("a header with no keys")
		}
		doc, err := parseText(text)
		if err != nil {
			if !errors.Is(err, ErrHeader) && !errors.Is(err, ErrEmpty) {
				t.Errorf("error of no known kind: %v", err)
			}
			return
		}
		if !strings.HasSuffix(doc.Text, body) {
			t.Errorf("text %q does not end with the body %q", doc.Text, body)
		}
		if !utf8.ValidString(doc.Text) || !utf8.ValidString(doc.Title) {
			t.Error("invalid UTF-8")
		}
	})
}

func FuzzDateline(f *testing.F) {
	for _, s := range []string{" date 2025-01-03 Shafaq News/ The", "DAMASCUS, Jan 3 (Reuters) - x",
		"BEIRUT, Lebanon, January 3, 2025 (AP) — x", "دمشق، 3 كانون الثاني 2025 (سانا) - x", "دمشق، ٣ يناير (رويترز) - x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		dl, ok := parseDateline(s)
		if !ok {
			return
		}
		if dl.Month < 0 || dl.Month > 12 || dl.Day < 0 || dl.Day > 31 {
			t.Errorf("impossible date %+v", dl)
		}
		if !dl.Date.IsZero() && dl.Date.String() == "" {
			t.Errorf("date %+v does not print", dl.Date)
		}
		if utf8.ValidString(s) && (!utf8.ValidString(dl.Publisher) || !utf8.ValidString(dl.Place)) {
			t.Error("invalid UTF-8")
		}
	})
}

func FuzzDecode(f *testing.F) {
	addFixtures(f)
	f.Add([]byte("\xff\xfe\x00\xd8")) // a lone surrogate
	f.Add([]byte("\xe1\xe3\xc7"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, html := range []bool{false, true} {
			text, name, err := decode(data, "", html)
			if err != nil {
				if !errors.Is(err, ErrUndecodable) {
					t.Errorf("error of no known kind: %v", err)
				}
				continue
			}
			if !utf8.ValidString(text) {
				t.Errorf("%s gave invalid UTF-8", name)
			}
			if name == "" {
				t.Error("no encoding named")
			}
		}
	})
}
