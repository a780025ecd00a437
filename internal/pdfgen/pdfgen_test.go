package pdfgen

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestWriteIsReadByPoppler checks the layout against the reader the
// project uses: pdfinfo finds the pages and the title, which it can only
// reach through the trailer and the cross-reference offsets.
func TestWriteIsReadByPoppler(t *testing.T) {
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdfinfo is required in CI (Debian package poppler-utils)")
		}
		t.Skip("pdfinfo not installed (Debian package poppler-utils)")
	}
	for _, tt := range []struct {
		name  string
		extra string
		title string
	}{
		{"with info", "/Info 4 0 R", "A test"},
		{"without", "", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			objs := []string{
				"<< /Type /Catalog /Pages 2 0 R >>",
				"<< /Type /Pages /Kids [5 0 R 6 0 R] /Count 2 >>",
				"<< /Length 0 >>\nstream\n\nendstream",
				"<< /Title (A test) >>",
				"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R >>",
				"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R >>",
			}
			path := filepath.Join(t.TempDir(), "t.pdf")
			if err := os.WriteFile(path, Write(objs, tt.extra), 0o600); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command("pdfinfo", path).CombinedOutput()
			if err != nil {
				t.Fatalf("pdfinfo: %v\n%s", err, out)
			}
			info := map[string]string{}
			for _, line := range strings.Split(string(out), "\n") {
				if k, v, ok := strings.Cut(line, ":"); ok {
					info[k] = strings.TrimSpace(v)
				}
			}
			if info["Pages"] != "2" || info["Title"] != tt.title || strings.Contains(string(out), "Syntax Error") {
				t.Errorf("pages %q, title %q (want 2, %q):\n%s", info["Pages"], info["Title"], tt.title, out)
			}
		})
	}
}
