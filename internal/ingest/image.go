package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // DecodeConfig of JPEG scans
	_ "image/png"  // and of PNG ones
	"os"
	"strings"
	"unicode/utf8"

	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/ocr"
)

// Content types of the images Parse reads by OCR.
const (
	TypePNG  = "image/png"
	TypeJPEG = "image/jpeg"
	TypeTIFF = "image/tiff"
)

// readByOCR is the record of pages read by OCR: the engine, the models,
// the pages' sizes and the words, their offsets already in the document's
// text.
func readByOCR(ctx context.Context, opt Options, dpi int, pages []ocr.Page, words []ocr.Word) *model.OCR {
	o := &model.OCR{Engine: ocr.Engine(ctx), Languages: opt.OCR.Langs(), DPI: dpi,
		MeanConfidence: ocr.Result{Words: words}.MeanConfidence()}
	for _, p := range pages {
		o.Pages = append(o.Pages, model.OCRPage{Number: p.Number, Width: p.Width, Height: p.Height})
	}
	o.Words = make([]model.OCRWord, len(words))
	for i, w := range words {
		o.Words[i] = model.OCRWord{Page: w.Page, Left: w.Box.Left, Top: w.Box.Top, Width: w.Box.Width, Height: w.Box.Height,
			Confidence: w.Confidence, Start: w.Start, End: w.End}
	}
	return o
}

// imageType is the content type of a PNG, JPEG or TIFF, "" for anything
// else.
func imageType(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return TypePNG
	case bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		return TypeJPEG
	case bytes.HasPrefix(data, []byte("II*\x00")), bytes.HasPrefix(data, []byte("MM\x00*")):
		return TypeTIFF
	}
	return ""
}

// checkImage refuses an image whose header cannot be read — before
// Tesseract is asked — and a TIFF of more pages than the cap.
func checkImage(data []byte, ct string, opt Options) error {
	if ct == TypeTIFF {
		n, err := ocr.TIFFPages(data)
		if err != nil {
			return errorf(ErrImage, "%v", err)
		}
		if n > opt.OCR.Pages() {
			return fmt.Errorf("%w: %w: the TIFF has %d pages, the limit is %d", ErrOCR, ocr.ErrTooManyPages, n, opt.OCR.Pages())
		}
		return nil
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return errorf(ErrImage, "a %s image that cannot be read (damaged or truncated?): %v", strings.ToUpper(strings.TrimPrefix(ct, "image/")), err)
	}
	if px := int64(cfg.Width) * int64(cfg.Height); px > maxPixels {
		return errorf(ErrImage, "the image is %d×%d pixels, over the %d million OCR reads (scan at 300 dpi: an A4 page is 9 million)",
			cfg.Width, cfg.Height, maxPixels/1_000_000)
	}
	return nil
}

// maxPixels bounds a PNG or JPEG sent to OCR: a few bytes of PNG can
// declare a picture of billions of pixels, which Tesseract would try to
// hold in memory. An A4 page at 600 dpi is 35 million.
const maxPixels = 60_000_000

// parseImage reads a scanned page (PNG, JPEG, or the pages of a TIFF) by
// OCR.
func parseImage(ctx context.Context, in Input, ct string, opt Options) (Document, error) {
	if err := checkImage(in.Data, ct, opt); err != nil {
		return Document{}, err
	}
	file, remove, err := tempFile(in.Data, "*."+strings.TrimPrefix(ct, "image/"))
	if err != nil {
		return Document{}, errorf(ErrOCR, "temporary file: %v", err)
	}
	defer remove()
	res, err := ocr.ReadFile(ctx, file, opt.OCR)
	if err != nil {
		return Document{}, fmt.Errorf("%w: %w", ErrOCR, err)
	}
	if strings.TrimSpace(res.Text) == "" {
		return Document{}, errorf(ErrNoText, "OCR found no text in the image")
	}
	doc := Document{Text: res.Text, ContentType: ct, URL: in.URL, OCR: readByOCR(ctx, opt, 0, res.Pages, res.Words)}
	return finish(doc, opt)
}

// tempFile writes data to a new temporary file named by pattern, and
// returns its path and what removes it.
func tempFile(data []byte, pattern string) (string, func(), error) {
	f, err := os.CreateTemp("", "athar-ingest-"+pattern)
	if err != nil {
		return "", nil, err
	}
	remove := func() { os.Remove(f.Name()) }
	_, werr := f.Write(data)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		remove()
		return "", nil, werr
	}
	return f.Name(), remove, nil
}

// pageText is one page of a PDF: its own text layer, or what OCR read of
// it (ocr set).
type pageText struct {
	number int
	text   string
	ocr    *ocr.Result
}

// joinPages joins the pages that have text by a blank line, as pdfPages
// does, and gives the words OCR read their offsets in the joined text.
func joinPages(pages []pageText) (string, []ocr.Page, []ocr.Word) {
	var b strings.Builder
	var sizes []ocr.Page
	var words []ocr.Word
	runes := 0
	for _, p := range pages {
		text := strings.TrimRight(p.text, " \t\n")
		if p.ocr != nil {
			text = p.ocr.Text
		}
		if strings.TrimSpace(text) == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
			runes += 2
		}
		if p.ocr != nil {
			for _, pg := range p.ocr.Pages {
				sizes = append(sizes, ocr.Page{Number: p.number, Width: pg.Width, Height: pg.Height})
			}
			for _, w := range p.ocr.Words {
				w.Page, w.Start, w.End = p.number, w.Start+runes, w.End+runes
				words = append(words, w)
			}
		}
		b.WriteString(text)
		runes += utf8.RuneCountInString(text)
	}
	return b.String(), sizes, words
}

// errNoOCR wraps ErrOCR for a PDF whose pages without text cannot be read
// because OCR is not available.
func errNoOCR(err error, all bool) error {
	if all && errors.Is(err, ocr.ErrUnavailable) {
		return fmt.Errorf("%w, and %w", ErrNoTextLayer, err)
	}
	return fmt.Errorf("%w: %w", ErrOCR, err)
}
