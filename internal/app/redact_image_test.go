package app_test

import (
	"bytes"
	"context"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/ocr"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// A scan (internal/ocr's testdata en.png, rendered from text the project
// wrote) redacted by a phrase and a region: the copy is a new PNG whose
// pixels under the region and the phrase's words are black — OCR of the copy
// no longer reads them, while it still reads the rest — with no metadata and
// none of the original's bytes; its text and its OCR word boxes lack those
// words, the boxes of the rest pointing at the same words of the copy's
// text; the original is untouched; the ledger verifies and keeps every
// rectangle filled. Regions are refused where they cannot apply.
func TestRedactPageImage(t *testing.T) {
	needOCR(t)
	scan, err := os.ReadFile(filepath.Join("..", "ocr", "testdata", "en.png"))
	if err != nil {
		t.Fatal(err)
	}
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a := app.New(st, app.Config{})
		op := access.Operator()
		analyst := access.Viewer{Name: "ana", Role: model.RoleAnalyst, Clearance: model.Confidential}
		in, err := a.IngestBytes(ctx, op, "scan.png", scan, app.IngestOptions{Kind: model.KindDocument})
		if err != nil || in.Outcome != app.Stored {
			t.Fatalf("ingest: %+v %v", in, err)
		}
		id := in.Source.ID
		orig, err := st.Source(ctx, op, id)
		if err != nil {
			t.Fatal(err)
		}
		o, err := st.SourceOCR(ctx, op, id)
		if err != nil || o == nil {
			t.Fatalf("no OCR record: %v", err)
		}
		for _, w := range []string{"Sami", "Nasser", "Damascus", "Sednaya", "Karim"} {
			if !strings.Contains(orig.Text, w) {
				t.Fatalf("OCR of the original did not read %q (%q): the test proves nothing", w, orig.Text)
			}
		}
		// The region: the box of the word "Damascus," as OCR read it.
		text := []rune(orig.Text)
		var region model.Region
		for _, w := range o.Words {
			if strings.HasPrefix(string(text[w.Start:w.End]), "Damascus") {
				region = model.Region{Page: 1, X: w.Left, Y: w.Top, W: w.Width, H: w.Height}
			}
		}
		if region.W == 0 {
			t.Fatalf("no word Damascus among the boxes")
		}

		res, err := a.Redact(ctx, analyst, id, app.RedactOptions{Phrases: []string{"Sami Nasser"}, Regions: []model.Region{region},
			Reason: "protect the detainee"})
		if err != nil {
			t.Fatalf("redact: %v", err)
		}
		cp, err := st.Source(ctx, op, res.Source.ID)
		if err != nil {
			t.Fatal(err)
		}
		data, err := st.Blob(ctx, op, cp.ID)
		if err != nil {
			t.Fatal(err)
		}
		if cp.ContentType != "image/png" || !bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")) {
			t.Fatalf("the copy is %s, %q", cp.ContentType, data[:min(8, len(data))])
		}
		for _, marker := range []string{"tEXt", "iTXt", "zTXt", "eXIf", "Exif", "tIME", "pHYs"} {
			if bytes.Contains(data, []byte(marker)) {
				t.Errorf("the copy holds a %s chunk", marker)
			}
		}
		if bytes.Contains(data, scan[len(scan)/2:len(scan)/2+64]) {
			t.Errorf("the copy holds bytes of the original")
		}
		// Every pixel of the region, and of the phrase's words' boxes, is
		// opaque black.
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		black := func(x0, y0, w, h int) {
			t.Helper()
			for y := y0; y < y0+h; y++ {
				for x := x0; x < x0+w; x++ {
					if c := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA); c != (color.RGBA{A: 0xff}) {
						t.Fatalf("pixel %d,%d of a filled box is %v", x, y, c)
					}
				}
			}
		}
		black(region.X, region.Y, region.W, region.H)
		var phraseBoxes int
		for _, w := range o.Words {
			if word := string(text[w.Start:w.End]); strings.HasPrefix(word, "Sami") || strings.HasPrefix(word, "Nasser") {
				black(w.Left, w.Top, w.Width, w.Height)
				phraseBoxes++
			}
		}
		if phraseBoxes != 2 {
			t.Fatalf("%d boxes of the phrase's words", phraseBoxes)
		}
		// Text and boxes of the copy.
		for _, gone := range []string{"Sami", "Nasser", "Damascus"} {
			if strings.Contains(cp.Text, gone) || strings.Contains(cp.Title, gone) {
				t.Errorf("the copy's text still reads %q: %q", gone, cp.Text)
			}
		}
		if !strings.Contains(cp.Text, "Sednaya") || !strings.Contains(cp.Text, model.RedactionMark) {
			t.Errorf("the copy's text: %q", cp.Text)
		}
		co, err := st.SourceOCR(ctx, op, cp.ID)
		if err != nil || co == nil {
			t.Fatalf("the copy has no OCR record: %v", err)
		}
		if len(co.Words) != len(o.Words)-3 {
			t.Errorf("the copy keeps %d of %d words read, want all but 3", len(co.Words), len(o.Words))
		}
		ctext := []rune(cp.Text)
		origWords := map[[4]int]string{}
		for _, w := range o.Words {
			origWords[[4]int{w.Left, w.Top, w.Width, w.Height}] = string(text[w.Start:w.End])
		}
		for _, w := range co.Words {
			if got, want := string(ctext[w.Start:w.End]), origWords[[4]int{w.Left, w.Top, w.Width, w.Height}]; got != want {
				t.Errorf("the copy's box %+v reads %q in its text, the original's %q", w, got, want)
			}
		}
		// What OCR reads of the copy's page.
		dir := t.TempDir()
		file := filepath.Join(dir, "copy.png")
		if err := os.WriteFile(file, data, 0o600); err != nil {
			t.Fatal(err)
		}
		read, err := ocr.ReadFile(ctx, file, ocr.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, gone := range []string{"Sami", "Nasser", "Damascus"} {
			if strings.Contains(read.Text, gone) {
				t.Errorf("OCR of the copy reads %q: %q", gone, read.Text)
			}
		}
		for _, kept := range []string{"Sednaya", "Karim", "checkpoint"} {
			if !strings.Contains(read.Text, kept) {
				t.Errorf("OCR of the copy no longer reads %q: %q", kept, read.Text)
			}
		}
		// The original is untouched; the redaction is ledgered with every
		// rectangle filled.
		if again, err := st.Blob(ctx, op, id); err != nil || !bytes.Equal(again, scan) {
			t.Errorf("the original's bytes changed: %v", err)
		}
		rec, err := a.SourceRedaction(ctx, analyst, cp.ID)
		if err != nil {
			t.Fatal(err)
		}
		// The region asked for, then the boxes (a little wider) of the
		// three words taken out: Damascus, under the region, and the
		// phrase's two.
		if rec.RedactedFrom != id || len(rec.Regions) != 4 || rec.Regions[0] != region || len(rec.Spans) != 2 {
			t.Errorf("the redaction record: %+v (the region %v)", rec, region)
		}
		if len(res.Regions) != 4 {
			t.Errorf("regions filled: %v", res.Regions)
		}
		if rep, err := st.Verify(ctx); err != nil || !rep.OK {
			t.Fatalf("verify: %+v %v", rep.Problems, err)
		}

		// Regions refused, nothing stored.
		text1, err := a.IngestBytes(ctx, op, "t.txt", []byte("Title: A text\n---\nA text the project wrote about a checkpoint."), app.IngestOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for _, tt := range []struct {
			name, source string
			region       model.Region
			want         string
		}{
			{"a second page of an image", id, model.Region{Page: 2, X: 1, Y: 1, W: 5, H: 5}, "its only page is 1"},
			{"off the page", id, model.Region{Page: 1, X: 90000, Y: 1, W: 5, H: 5}, "lies outside the page"},
			{"a text source", text1.Source.ID, model.Region{Page: 1, X: 1, Y: 1, W: 5, H: 5}, "PNG and JPEG images only"},
		} {
			before, _, _ := st.Head(ctx)
			_, err := a.Redact(ctx, analyst, tt.source, app.RedactOptions{Regions: []model.Region{tt.region}, Reason: "r"})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
			}
			if after, _, _ := st.Head(ctx); after != before {
				t.Errorf("%s: the refused redaction wrote to the ledger", tt.name)
			}
		}
	})
}
