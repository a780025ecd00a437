package app_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

func needOCR(t *testing.T) {
	t.Helper()
	out, err := exec.Command("tesseract", "--list-langs").CombinedOutput()
	if _, perr := exec.LookPath("pdftoppm"); err == nil && perr == nil && strings.Contains(string(out), "\nara") && strings.Contains(string(out), "\neng") {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("tesseract with ara and eng, and poppler-utils, are needed under CI: %v %s", err, out)
	}
	t.Skip("tesseract with ara and eng, or poppler-utils, is not installed")
}

// A scan (internal/ocr's testdata, rendered from known text) is stored with
// what OCR read: the text extraction reads, where each word is on its page
// and how sure OCR was — in a ledgered row that verify checks.
func TestIngestScans(t *testing.T) {
	needOCR(t)
	scans, err := filepath.Abs(filepath.Join("..", "ocr", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a := app.New(st, app.Config{})
		var results []app.IngestResult
		_, err := a.Ingest(ctx, access.Operator(), []string{filepath.Join(scans, "en.png"), filepath.Join(scans, "scan.pdf")},
			app.IngestOptions{}, func(r app.IngestResult) { results = append(results, r) })
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range results {
			if r.Outcome != app.Stored || r.Err != nil {
				t.Fatalf("%s: %s %v", r.Input, r.Outcome, r.Err)
			}
		}
		for i, want := range []struct {
			name, ct string
			pages    int
		}{{"Sami Nasser", "image/png", 1}, {"سامي ناصر", "application/pdf", 1}} {
			id := results[i].Source.ID
			src, err := st.Source(ctx, access.Operator(), id)
			if err != nil {
				t.Fatal(err)
			}
			o, err := st.SourceOCR(ctx, access.Operator(), id)
			if err != nil || o == nil {
				t.Fatalf("%s: no OCR record: %v", id, err)
			}
			if src.ContentType != want.ct || len(o.Pages) != want.pages || o.MeanConfidence < 80 || !strings.HasPrefix(o.Engine, "tesseract") {
				t.Errorf("%s: %s, OCR %s %s, %d pages, mean confidence %.1f", id, src.ContentType, o.Engine, o.Languages, len(o.Pages), o.MeanConfidence)
			}
			// The person named in the scan is found, and the words of the
			// mention are boxes on the page.
			ms, err := st.Mentions(ctx, access.Operator(), id)
			if err != nil {
				t.Fatal(err)
			}
			var found *model.Mention
			for i, m := range ms {
				if m.Type == model.TypePerson && strings.Contains(m.Span.Quote, want.name) {
					found = &ms[i]
				}
			}
			if found == nil {
				t.Fatalf("%s: no person %q among the mentions %+v in %q", id, want.name, ms, src.Text)
			}
			words := o.Within(found.Span.Start, found.Span.End)
			if len(words) < 2 {
				t.Errorf("%s: the mention %q covers %d words read by OCR", id, found.Span.Quote, len(words))
			}
			for _, w := range words {
				if w.Page != 1 || w.Width <= 0 || w.Left+w.Width > o.Pages[0].Width {
					t.Errorf("%s: word box %+v not on the page %+v", id, w, o.Pages[0])
				}
			}
		}
		rep, err := st.Verify(ctx)
		if err != nil || !rep.OK {
			t.Fatalf("verify: %+v %v", rep.Problems, err)
		}
		// Nobody without the right learns how a source they may not see was read.
		if o, err := st.SourceOCR(ctx, access.Viewer{Role: model.RoleViewer, Clearance: model.Public}, "src_nosuch"); o != nil || err != nil {
			t.Errorf("OCR of a source that does not exist: %v %v", o, err)
		}
	})
}
