package web

import (
	"context"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
)

func TestMarkDoubtful(t *testing.T) {
	text := "Sami Nasser was held\nin Sednaya"
	mentions := []model.Mention{{Span: model.Span{Start: 0, End: 11}, Type: model.TypePerson, EntityID: "e1"}}
	low := []model.OCRWord{{Start: 5, End: 11, Confidence: 40}, {Start: 16, End: 20, Confidence: 55.5}, {Start: 24, End: 31, Confidence: 12}}
	lines := markDoubtful(highlight(text, mentions), low)
	var got []string
	for _, l := range lines {
		var b strings.Builder
		for _, s := range l.Segments {
			switch {
			case s.Doubtful && s.Mention:
				b.WriteString("[?" + s.Text + "]")
			case s.Mention:
				b.WriteString("[" + s.Text + "]")
			case s.Doubtful:
				b.WriteString("?" + s.Text + "?")
			default:
				b.WriteString(s.Text)
			}
		}
		got = append(got, b.String())
	}
	want := []string{"[Sami ][?Nasser] was ?held?", "in ?Sednaya?"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}

	o := &model.OCR{Words: low}
	for _, tt := range []struct {
		span model.Span
		want string
	}{
		{model.Span{Start: 5, End: 20, Quote: "Nasser was held"}, "?Nasser? was ?held?"},
		{model.Span{Start: 0, End: 4, Quote: "Sami"}, ""},        // no doubtful word in it
		{model.Span{Start: 5, End: 20, Quote: "Nasser was"}, ""}, // the quote is not the span: mark nothing
		{model.Span{Start: 10, End: 13, Quote: "r w"}, "?r? w"},  // a word cut by the span
		{model.Span{Start: 5, End: 11, Quote: "Nasser"}, "?Nasser?"},
	} {
		var b strings.Builder
		for _, s := range quoteSegments(tt.span, o) {
			if s.Doubtful {
				b.WriteString("?" + s.Text + "?")
			} else {
				b.WriteString(s.Text)
			}
		}
		if b.String() != tt.want {
			t.Errorf("quote %+v: %q, want %q", tt.span, b.String(), tt.want)
		}
	}
	if quoteSegments(model.Span{Start: 5, End: 11, Quote: "Nasser"}, nil) != nil {
		t.Error("a source not read by OCR has doubtful words")
	}
}

// A scan (internal/ocr's testdata, made from known Arabic text) with a word
// blurred as by a smudge, which Tesseract misreads with low confidence, in
// a sentence that reports an arrest: the source page and the review queue
// show it as doubtful, with its confidence, in English and in Arabic, and
// say the source was read by OCR.
func TestOCRPages(t *testing.T) {
	out, err := exec.Command("tesseract", "--list-langs").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "\nara") {
		if os.Getenv("CI") == "true" {
			t.Fatalf("tesseract with ara is needed under CI: %v", err)
		}
		t.Skip("tesseract with ara is not installed")
	}
	var id string
	r := newRigWith(t, "", func(r *rig, ctx context.Context) {
		r.addUsers(ctx)
		scan, err := filepath.Abs(filepath.Join("..", "ocr", "testdata", "smudged.png"))
		if err != nil {
			t.Fatal(err)
		}
		_, err = r.app.Ingest(ctx, access.Operator(), []string{scan}, app.IngestOptions{}, func(x app.IngestResult) {
			if x.Outcome != app.Stored {
				t.Fatalf("%s: %s %v", x.Input, x.Outcome, x.Err)
			}
			id = x.Source.ID
		})
		if err != nil {
			t.Fatal(err)
		}
	})
	o, err := r.st.SourceOCR(context.Background(), access.Operator(), id)
	if err != nil || len(o.Low()) == 0 {
		t.Fatalf("the scan has no word read with low confidence (%v): the test needs one", err)
	}
	rania := r.login("rania")
	for _, lang := range []struct{ q, read, low string }{
		{"", "mean confidence", "Read by OCR with low confidence ("},
		{"?lang=ar", "متوسط الثقة", "قرأها التعرّف الضوئي بثقة منخفضة ("},
	} {
		if lang.q != "" {
			rania.get("/" + lang.q) // sets the language
		}
		page := html.UnescapeString(rania.get("/sources/" + id).body)
		if !strings.Contains(page, `id="ocr"`) || !strings.Contains(page, lang.read) {
			t.Errorf("source page%s does not say it was read by OCR", lang.q)
		}
		if !strings.Contains(page, `class="ocr-low" title="`+lang.low) {
			t.Errorf("source page%s marks no doubtful word", lang.q)
		}
		queue := html.UnescapeString(rania.get("/review").body)
		if !strings.Contains(queue, `<blockquote dir="auto" class="ocr-quote">`) || !strings.Contains(queue, lang.low) {
			t.Errorf("review queue%s marks no doubtful word in a quote:\n%s", lang.q, queue)
		}
	}
}
