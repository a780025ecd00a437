package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/athar-project/athar/internal/benchgen"
	"github.com/athar-project/athar/internal/pdfgen"
)

// makePDF writes a minimal valid PDF, one page per content stream, with
// Helvetica as font F1 and title as its Info Title ("" for none).
func makePDF(title string, pages ...string) []byte {
	var objs []string
	// 1: catalog, 2: pages, 3: font, 4: info, then page and content pairs.
	kids := make([]string, len(pages))
	for i := range pages {
		kids[i] = fmt.Sprintf("%d 0 R", 5+2*i)
	}
	objs = append(objs,
		"<< /Type /Catalog /Pages 2 0 R >>",
		fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(pages)),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
		fmt.Sprintf("<< /Title (%s) >>", title),
	)
	for i, content := range pages {
		objs = append(objs,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>", 6+2*i),
			fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
		)
	}
	return pdfgen.Write(objs, "/Info 4 0 R")
}

// textOp is a content stream that shows lines of text.
func textOp(lines ...string) string {
	var b strings.Builder
	b.WriteString("BT /F1 12 Tf 72 720 Td 14 TL\n")
	for _, l := range lines {
		fmt.Fprintf(&b, "(%s) Tj T*\n", l)
	}
	b.WriteString("ET")
	return b.String()
}

func needPoppler(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftotext is required in CI (Debian package poppler-utils; .ci/run installs it)")
		}
		t.Skip("pdftotext not installed (Debian package poppler-utils): skipping the PDF tests")
	}
}

func TestParsePDF(t *testing.T) {
	needPoppler(t)
	data := makePDF("Report on Sednaya",
		textOp("The former guard was arrested in Homs.", "He was referred to the judiciary."),
		textOp("Second page of the report."))
	doc, err := Parse(Input{Name: "r.pdf", Data: data, URL: "https://x.test/r.pdf"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := "The former guard was arrested in Homs.\nHe was referred to the judiciary.\n\nSecond page of the report."
	if doc.Text != want {
		t.Errorf("text %q, want %q", doc.Text, want)
	}
	if doc.Title != "Report on Sednaya" || doc.ContentType != TypePDF || doc.Language != "en" ||
		doc.URL != "https://x.test/r.pdf" || doc.Encoding != "" || !doc.Published.IsZero() {
		t.Errorf("got %+v", doc)
	}
}

func TestParsePDFErrors(t *testing.T) {
	needPoppler(t)
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"no text layer", makePDF("", "0 0 m 100 100 l S"), ErrNoTextLayer},
		{"empty page", makePDF("", ""), ErrNoTextLayer},
		{"damaged", []byte("%PDF-1.4\nthis is not a pdf at all\n"), ErrPDF},
		{"truncated", makePDF("", textOp("Hello"))[:60], ErrPDF},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(Input{Data: tt.data}, Options{})
			if !errors.Is(err, tt.want) {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("message %q has more than one line", err)
			}
		})
	}
}

func TestPDFMissingTool(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := Parse(Input{Data: makePDF("", textOp("Hello"))}, Options{})
	if !errors.Is(err, ErrPDF) || !strings.Contains(err.Error(), "poppler-utils") {
		t.Fatalf("got %v", err)
	}
}

// A pdftotext that hangs is stopped at the timeout.
func TestPDFTimeout(t *testing.T) {
	dir := t.TempDir()
	script := "#!/bin/sh\nexec sleep 10\n"
	if err := os.WriteFile(filepath.Join(dir, "pdftotext"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
	// The error proves the timeout fired: the fake pdftotext sleeps 10 s.
	_, err := Parse(Input{Data: makePDF("", textOp("Hello"))}, Options{Timeout: 200 * time.Millisecond})
	if !errors.Is(err, ErrPDF) || !strings.Contains(err.Error(), "took longer than 200ms") {
		t.Fatalf("got %v", err)
	}
}

// A PDF that expands to more text than a source may hold is refused, with a
// clear error, as soon as pdftotext's output passes the limit (issue 18,
// finding 1: a 2.4 MB PDF gave 137 MB of text).
// A PDF's text is made once from pdftotext's output, not copied again for
// each reading of it: reading a bomb's 3.9 MB of text allocated 6.9 bytes
// a byte of text when each reading made its own copy, 4.3 since (issue 18;
// near the cap of 64 MiB that was some 180 MB more at the ingest's peak).
// Counted in bytes allocated, not timed.
func TestPDFTextIsNotCopiedForEachReading(t *testing.T) {
	needPoppler(t)
	data := benchgen.BombPDF(1300)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	doc, err := Parse(Input{Name: "bomb.pdf", Data: data}, Options{})
	runtime.ReadMemStats(&after)
	if err != nil || len(doc.Text) < 3<<20 {
		t.Fatalf("%d bytes of text, %v", len(doc.Text), err)
	}
	limit := 5.5 // 6.9 before, 4.3 since
	if raceEnabled {
		limit = 7.6 // 8.6 before, 6.6 since
	}
	if per := float64(after.TotalAlloc-before.TotalAlloc) / float64(len(doc.Text)); per > limit {
		t.Errorf("reading %d bytes of a PDF's text allocated %.1f bytes a byte of it", len(doc.Text), per)
	}
}

func TestPDFExpandingPastTheLimit(t *testing.T) {
	needPoppler(t)
	data := benchgen.BombPDF(400) // about 1.2 MB of text from about 60 KB
	doc, err := Parse(Input{Name: "bomb.pdf", Data: data}, Options{})
	if err != nil || len(doc.Text) < 1<<20 {
		t.Fatalf("under the default limit: %d bytes of text, %v", len(doc.Text), err)
	}
	start := time.Now()
	_, err = Parse(Input{Name: "bomb.pdf", Data: data}, Options{MaxText: 256 << 10})
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "more than 256 KiB of text") || !strings.Contains(err.Error(), "split it") {
		t.Errorf("over the limit: %v", err)
	}
	t.Logf("%d bytes of PDF, %d of text; refused after %s", len(data), len(doc.Text), time.Since(start))
	// Text that is not a PDF is held to the same limit.
	if _, err := Parse(Input{Name: "big.txt", Data: bytes.Repeat([]byte("word "), 100<<10)}, Options{MaxText: 256 << 10}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("a text over the limit: %v", err)
	}
}
