package pdf

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// need finds a program the test needs. Outside CI a machine without it
// skips with a message; in CI (CI=true) it fails.
func need(t *testing.T, name, pkg string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is required in CI (Debian package %s, see .ci/apt-packages)", name, pkg)
	}
	t.Skipf("skipping: no %s (apt-get install %s to run it)", name, pkg)
	return ""
}

// chromium is the browser the tests print with (Find's answer).
func chromium(t *testing.T) string {
	t.Helper()
	bin, err := Find()
	if err == nil {
		return bin
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("chromium is required in CI (Debian package chromium, see .ci/apt-packages): %v", err)
	}
	t.Skipf("skipping: %v", err)
	return ""
}

// pdfText runs pdftotext over a PDF.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	bin := need(t, "pdftotext", "poppler-utils")
	dir := t.TempDir()
	in := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", in, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

const doc = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>
<style>@page{size:A4;margin:0.8in 0.7in}body{font-family:'Noto Serif','Noto Naskh Arabic',serif}</style></head>
<body><h1>Evidence dossier</h1><p>Prepared for the tribunal.</p>
<p dir="rtl" lang="ar">القبض على أوس سلوم في حمص</p>
<p style="break-before:page">Second page</p></body></html>`

func TestPrintEnglishAndArabic(t *testing.T) {
	bin := chromium(t)
	out, err := Print(context.Background(), []byte(doc), Options{
		Title: "Dossier of Ous Salloum", Marking: "CONFIDENTIAL", Footer: "Page {page} of {pages}",
		Chromium: bin, Timeout: 90 * time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(out, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %q", out[:min(len(out), 20)])
	}
	text := pdfText(t, out)
	for _, want := range []string{
		"Evidence dossier", "Prepared for the tribunal.", "Second page",
		"سلوم", "حمص", // Arabic comes out as letters, in reading order
		"Dossier of Ous Salloum", "CONFIDENTIAL", "Page 1 of 2", "Page 2 of 2", // header and footer
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF's text lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "Page 3") {
		t.Errorf("two pages printed as more:\n%s", text)
	}
}

func TestPrintRightToLeftHeader(t *testing.T) {
	bin := chromium(t)
	ar := `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"></head><body><p>ملف القضية</p></body></html>`
	out, err := Print(context.Background(), []byte(ar), Options{
		Title: "ملف أوس سلوم", Footer: "صفحة {page} من {pages}", RTL: true, Chromium: bin, Timeout: 90 * time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, out)
	for _, want := range []string{"القضية", "سلوم"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF's text lacks %q:\n%s", want, text)
		}
	}
}

func TestPrintNoChromium(t *testing.T) {
	t.Setenv("CHROME", "")
	t.Setenv("PATH", t.TempDir())
	_, err := Print(context.Background(), []byte(doc), Options{})
	if !errors.Is(err, ErrNoChromium) {
		t.Fatalf("without chromium: %v, want ErrNoChromium", err)
	}
	if !strings.Contains(err.Error(), "install Debian's chromium") {
		t.Errorf("the error does not say what to do: %v", err)
	}
}

func TestFindHonoursCHROME(t *testing.T) {
	t.Setenv("CHROME", filepath.Join(t.TempDir(), "no-such-browser"))
	if _, err := Find(); err == nil || !strings.Contains(err.Error(), "CHROME=") {
		t.Fatalf("a CHROME that does not exist: %v", err)
	}
}

func TestPrintTimeout(t *testing.T) {
	bin := chromium(t)
	_, err := Print(context.Background(), []byte(doc), Options{Chromium: bin, Timeout: time.Millisecond})
	if err == nil {
		t.Fatal("a print that cannot finish in a millisecond succeeded")
	}
}

func TestBands(t *testing.T) {
	h := header(Options{Title: `<b>"x"</b>`, Marking: "SECRET & more"})
	if strings.Contains(h, "<b>") || !strings.Contains(h, "&lt;b&gt;") || !strings.Contains(h, "SECRET &amp; more") {
		t.Errorf("header does not escape its text: %s", h)
	}
	f := footer(Options{Footer: "p. {page}/{pages}", RTL: true})
	for _, want := range []string{`class="pageNumber"`, `class="totalPages"`, `dir="rtl"`} {
		if !strings.Contains(f, want) {
			t.Errorf("footer lacks %s: %s", want, f)
		}
	}
	if d := footer(Options{}); !strings.Contains(d, `class="pageNumber"`) {
		t.Errorf("default footer has no page number: %s", d)
	}
}
