package ocr

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

var makeScans = flag.Bool("make-scans", false, "render testdata's scans again from their HTML with chromium")

// TestMakeScans renders the scans in testdata from the HTML beside them with
// headless chromium: screenshots (en.png, ar.png, and smudged.png, whose
// second word is blurred as by a smudge) and PDFs whose pages are
// images only (scan.pdf, and mixed.pdf, whose first page has a text layer
// and second does not). Run with -make-scans after changing the HTML; the
// fonts are Debian's fonts-noto-core.
func TestMakeScans(t *testing.T) {
	if !*makeScans {
		t.Skip("run with -make-scans to render the scans again")
	}
	dir, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) {
		args = append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"}, args...)
		if out, err := exec.Command("chromium", args...).CombinedOutput(); err != nil {
			t.Fatalf("chromium %v: %v\n%s", args, err, out)
		}
	}
	for _, name := range []string{"en", "ar", "smudged"} {
		run("--screenshot="+filepath.Join(dir, name+".png"), "--window-size=1400,260", "file://"+filepath.Join(dir, name+".html"))
	}
	for _, name := range []string{"mixed", "scan"} {
		run("--print-to-pdf="+filepath.Join(dir, name+".pdf"), "--no-pdf-header-footer", "file://"+filepath.Join(dir, name+".html"))
	}
	for _, f := range []string{"en.png", "ar.png", "smudged.png", "mixed.pdf", "scan.pdf"} {
		if fi, err := os.Stat(filepath.Join(dir, f)); err != nil || fi.Size() == 0 {
			t.Fatalf("%s not made: %v", f, err)
		}
	}
}
