package en

import (
	"os"
	"path/filepath"
	"regexp"
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

var dateline = regexp.MustCompile(`^\s*date (\d{4}-\d{2}-\d{2}) `)

// readSource reads a corpus file: optional "Key: value" header lines ended
// by "---"; the text is the Title (unless "(none"), a newline, and the body.
// A body opening with a "date YYYY-MM-DD Publisher/" dateline gives the
// published date when the header does not. (A test stand-in for
// internal/ingest, which owns this for the product.)
func readSource(t testing.TB, path string) source {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	src := source{name: strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))}
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
	if src.published.IsZero() {
		if m := dateline.FindStringSubmatch(body); m != nil {
			src.published, _ = model.ParseDate(m[1])
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

func DayDateForTest() model.Date { return model.DayDate(2025, 6, 1) }
