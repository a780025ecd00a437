package app

import (
	"context"
	"errors"
	"image"
	"slices"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/ingest"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/pageimage"
	"github.com/athar-project/athar/internal/store"
)

// Redacting a page image. A PNG or JPEG source was read by OCR, which kept
// each word's box on the page (model.OCR). Its redacted copy is an image
// too: the original's pixels with every region asked for, and the box of
// every word taken out of the text, filled opaque (pageimage.Fill: a new
// PNG made of pixels alone, no metadata, none of the original's bytes). A
// word whose box a region touches leaves the text as well, so that text and
// page agree; the copy's OCR record is the original's less those words,
// their offsets moved to the copy's text. The ledger keeps every rectangle
// filled. PDFs and TIFFs are not redacted as images: their copy is text
// only, and a region asked of one is refused.

// wordPad is how far beyond a word's box the fill reaches, as a fraction
// of the box's height (at least minPad pixels): Tesseract's boxes hug the
// ink, and an accent, a descender or a blur of the scanner may lie just
// outside.
const (
	wordPad = 0.25
	minPad  = 3
)

// pageCopy is the image a redaction of an image source stores.
type pageCopy struct {
	data    []byte
	ocr     *model.OCR
	regions []model.Region // every rectangle filled, in pixels of page 1
}

// isPageImage reports whether a source's original is an image Redact fills
// regions of.
func isPageImage(src model.Source) bool {
	return src.ContentType == ingest.TypePNG || src.ContentType == ingest.TypeJPEG
}

// regionWords adds to spans the words of o whose box a region touches, and
// returns spans merged.
func regionWords(o *model.OCR, regions []model.Region, spans []model.Span) []model.Span {
	for _, w := range o.Words {
		box := image.Rect(w.Left, w.Top, w.Left+w.Width, w.Top+w.Height)
		for _, r := range regions {
			if r.Page == w.Page && box.Overlaps(image.Rect(r.X, r.Y, r.X+r.W, r.Y+r.H)) {
				spans = append(spans, model.Span{Start: w.Start, End: w.End})
				break
			}
		}
	}
	return mergeSpans(spans)
}

// redactPage makes the image of a redacted copy of orig: regions (checked
// against the page) and the boxes of the words that spans take out filled.
// spans are final (merged, and with the words of the regions).
func (a *App) redactPage(ctx context.Context, v access.Viewer, orig model.Source, o *model.OCR, spans []model.Span, regions []model.Region) (*pageCopy, error) {
	data, err := a.st.Blob(ctx, v, orig.ID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, notFound("source")
	}
	if err != nil {
		return nil, err
	}
	w, h, err := pageimage.Size(data)
	if err != nil {
		return nil, invalid("source %s: its original is no page image that can be redacted: %v", orig.ID, err)
	}
	page := image.Rect(0, 0, w, h)
	var filled []model.Region
	var rects []image.Rectangle
	fill := func(r image.Rectangle) {
		r = r.Intersect(page)
		if r.Empty() {
			return
		}
		reg := model.Region{Page: 1, X: r.Min.X, Y: r.Min.Y, W: r.Dx(), H: r.Dy()}
		if !slices.Contains(filled, reg) {
			filled, rects = append(filled, reg), append(rects, r)
		}
	}
	for _, r := range regions {
		rect := image.Rect(r.X, r.Y, r.X+r.W, r.Y+r.H)
		switch {
		case r.Page != 1:
			return nil, invalid("region %s: source %s is one image: its only page is 1", r, orig.ID)
		case !rect.Overlaps(page):
			return nil, invalid("region %s lies outside the page of source %s (%d×%d pixels)", r, orig.ID, w, h)
		}
		fill(rect)
	}
	kept := &model.OCR{Engine: o.Engine, Languages: o.Languages, DPI: o.DPI, Pages: o.Pages}
	var sum float64
	for _, word := range o.Words {
		if overlapsAny(word, spans) {
			pad := max(minPad, int(float64(word.Height)*wordPad))
			fill(image.Rect(word.Left-pad, word.Top-pad, word.Left+word.Width+pad, word.Top+word.Height+pad))
			continue
		}
		word.Start, word.End = shifted(word.Start, spans), shifted(word.End, spans)
		kept.Words = append(kept.Words, word)
		sum += word.Confidence
	}
	if len(kept.Words) > 0 {
		kept.MeanConfidence = sum / float64(len(kept.Words))
	}
	out, err := pageimage.Fill(data, rects)
	if err != nil {
		return nil, invalid("source %s: %v", orig.ID, err)
	}
	return &pageCopy{data: out, ocr: kept, regions: filled}, nil
}

// overlapsAny reports whether a word read by OCR overlaps one of spans.
func overlapsAny(w model.OCRWord, spans []model.Span) bool {
	for _, s := range spans {
		if w.Start < s.End && w.End > s.Start {
			return true
		}
	}
	return false
}

// shifted is where offset p of the original's text (outside every span)
// lands in the copy's, each span before it being replaced by the mark.
func shifted(p int, spans []model.Span) int {
	mark := len([]rune(model.RedactionMark))
	out := p
	for _, s := range spans {
		if s.End <= p {
			out += mark - (s.End - s.Start)
		}
	}
	return out
}
