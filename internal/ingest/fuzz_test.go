package ingest

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// The fuzz targets start from small seeds written for them, one or two per
// branch of the parsers, and return at once on inputs over maxFuzzInput.
// Go's fuzzer minimizes every input that finds new coverage before it goes
// on (up to -fuzzminimizetime, 60 s by default), and reports no executions
// meanwhile: with whole fixtures of 1-3 KB as seeds, inputs the mutator may
// grow to 100 MB and a millisecond an execution, minimizing one input took
// most of a minute, and a 60-second run showed 10 to 31 executions. Size
// limits and linear cost are tested on their own (TestFetchErrors,
// TestReadFile, the benchmarks).
const maxFuzzInput = 4 << 10

// fuzzSeeds are the seeds: each a few hundred bytes at most.
var fuzzSeeds = []string{
	"Title: Guard arrested\nPublisher: Test Wire\nPublished: 2025-01-03\nLanguage: en\n---\nA former guard of Sednaya was arrested in Homs.",
	"Title: (none)\nTitle-note: x\nPublished: unknown\n---\nDAMASCUS, Jan 3 (Reuters) - Security forces arrested a guard.",
	"Title: سجان\n---\nدمشق، 3 كانون الثاني 2025 (سانا) - ألقت قوى الأمن القبض على سجان سابق في سجن صيدنايا.",
	" date 2025-01-03 Shafaq News/ The court sentenced two officers.",
	"\xef\xbb\xbfTitle: BOM\n---\nbody",
	"\xff\xfeT\x00i\x00t\x00l\x00e\x00:\x00 \x00x\x00\n\x00-\x00-\x00-\x00\n\x00b\x00",
	"\xfe\xff\x00T\x00\n",
	// Arabic in Windows-1256, undeclared (long enough to be recognized)
	"\xc3\xdd\xc7\xcf \xd4\xe5\xe6\xcf \xc8\xc3\xe4 \xc7\xe1\xe3\xda\xca\xde\xe1\xed\xe4 \xdd\xed \xd3\xcc\xe4 \xd5\xed\xcf\xe4\xc7\xed\xc7 \xe4\xde\xe1\xe6\xc7 \xe1\xed\xe1\xc7.",
	"caf\xe9 cr\xe8me",
	"\x93quoted\x94 \x96 dash",
	`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Guard arrested</title>` +
		`<meta property="og:site_name" content="Wire"><link rel="canonical" href="/a"></head><body><nav>Home</nav>` +
		`<article><h1>Guard arrested</h1><time datetime="2025-01-02">x</time><p>The interior ministry said the former guard was arrested.</p>` +
		`<p>Former detainees said they had been tortured.</p></article></body></html>`,
	`<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256"><title>t</title></head><body><p>\xe4\xd5</p></body></html>`,
	`<html><head><script type="application/ld+json">{"@graph":[{"datePublished":"2025-01-01","publisher":["x"]}]}</script></head><body><article><p>text</p></article></body></html>`,
	`<?xml version="1.0"?><rss><channel><title>x</title></channel></rss>`,
	"\x89PNG\r\n\x1a\n\x00\x00",
	"PK\x03\x04\x14\x00word/document.xml",
	"%PDF-1.4\n%\xe2\xe3\n",
	"\x00\x01\x02binary\x00",
}

func addSeeds(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
}

var kinds = []error{ErrEmpty, ErrBinary, ErrUnsupported, ErrTooLarge, ErrUndecodable, ErrHeader, ErrNoText,
	ErrNoTextLayer, ErrPDF, ErrImage, ErrOCR}

func FuzzParse(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxFuzzInput {
			return
		}
		if isPDF(data) {
			t.Skip("PDFs go to pdftotext, tested on their own")
		}
		if ct := imageType(data); ct != "" && checkImage(data, ct, Options{}) == nil {
			t.Skip("images that can be read go to tesseract, tested on their own")
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
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxFuzzInput {
			return
		}
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
	addSeeds(f)
	f.Add([]byte("Title: T\nPublished: 2025-01-03\nLanguage: ar\n---\nBody"))
	f.Add([]byte("Key:\n---\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxFuzzInput {
			return
		}
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
		if len(s) > maxFuzzInput {
			return
		}
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
	addSeeds(f)
	f.Add([]byte("\xff\xfe\x00\xd8")) // a lone surrogate
	f.Add([]byte("\xe1\xe3\xc7"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxFuzzInput {
			return
		}
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
