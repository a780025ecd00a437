package ingest

import (
	"bytes"
	"context"
	"mime"
	"path"
	"strings"
	"time"

	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/ocr"
)

// DefaultMaxBytes is the size limit when Options.MaxBytes is 0.
const DefaultMaxBytes = 50 << 20

// DefaultMaxText bounds the text one source may hold when Options.MaxText is
// 0: a document may expand far beyond its bytes (a compressed PDF of 2 MB
// gave 137 MB of text), and everything Athar does with a source — extract,
// record, index, show — grows with its text.
const DefaultMaxText = 64 << 20

// DefaultTimeout bounds a fetch, and a run of pdftotext, when
// Options.Timeout is 0.
const DefaultTimeout = 60 * time.Second

// Input is a document's bytes as they came from outside.
type Input struct {
	Name        string // path or URL, for messages
	Data        []byte
	ContentType string // from HTTP, "" for files
	URL         string // where the bytes were fetched from, after redirects; "" for files
}

// Document is what Parse read from an Input.
type Document struct {
	Title     string
	Publisher string
	URL       string
	Published model.Date // zero when unknown; never guessed
	Language  string     // "ar", "en" or "other"
	// Text is the plain text that every span points into.
	Text string
	// ContentType is what the bytes were found to be: text/plain,
	// text/html, application/pdf, or image/png, image/jpeg or image/tiff (a
	// scan read by OCR).
	ContentType string
	// Encoding is what the bytes were in: utf-8, utf-16le, utf-16be,
	// windows-1256, iso-8859-6 (or another charset an HTML page declared);
	// "" for PDF.
	Encoding string
	// OCR says how the text was read by OCR, and where each word read is on
	// its page; nil when no page was.
	OCR *model.OCR
}

// Options tune Parse and Fetch. The zero value is ready to use.
type Options struct {
	// MaxBytes is the largest input accepted; 0 means DefaultMaxBytes.
	MaxBytes int64
	// Timeout bounds a fetch and a run of pdftotext; 0 means DefaultTimeout.
	Timeout time.Duration
	// MaxText is the most text, in bytes, a document may expand to; 0
	// means DefaultMaxText.
	MaxText int64
	// OCR tunes the reading of images and of PDF pages without a text
	// layer: languages, a timeout per run of tesseract, a page cap.
	OCR ocr.Options
}

func (o Options) maxText() int64 {
	if o.MaxText <= 0 {
		return DefaultMaxText
	}
	return o.MaxText
}

func (o Options) maxBytes() int64 {
	if o.MaxBytes <= 0 {
		return DefaultMaxBytes
	}
	return o.MaxBytes
}

func (o Options) timeout() time.Duration {
	if o.Timeout <= 0 {
		return DefaultTimeout
	}
	return o.Timeout
}

// Content types Parse finds.
const (
	TypeText = "text/plain"
	TypeHTML = "text/html"
	TypePDF  = "application/pdf"
)

// Parse reads a document from in: PDF (by OCR for pages without a text
// layer), a scanned image (PNG, JPEG, TIFF; by OCR), HTML or plain text, told apart by
// their bytes first and by in.ContentType and the name's extension second.
// It never panics; its errors wrap one of the Err* kinds and do not name the
// input.
func Parse(in Input, opt Options) (Document, error) {
	return ParseContext(context.Background(), in, opt)
}

// ParseContext is Parse with a context that can cancel the run of pdftotext.
func ParseContext(ctx context.Context, in Input, opt Options) (Document, error) {
	if n := int64(len(in.Data)); n > opt.maxBytes() {
		return Document{}, errorf(ErrTooLarge, "%s, the limit is %s", byteSize(n), byteSize(opt.maxBytes()))
	}
	if len(bytes.TrimSpace(in.Data)) == 0 {
		return Document{}, ErrEmpty
	}
	if isPDF(in.Data) {
		return parsePDF(ctx, in, opt)
	}
	if ct := imageType(in.Data); ct != "" {
		return parseImage(ctx, in, ct, opt)
	}
	if kind := binaryKind(in.Data); kind != "" {
		if what, ok := strings.CutPrefix(kind, "unsupported:"); ok {
			return Document{}, errorf(ErrUnsupported, "%s", what)
		}
		return Document{}, errorf(ErrBinary, "%s", kind)
	}
	text, enc, err := decode(in.Data, in.ContentType, looksHTML(in))
	if err != nil {
		return Document{}, err
	}
	if kind := controlKind(text); kind != "" {
		return Document{}, errorf(ErrBinary, "%s", kind)
	}
	text = normalizeNewlines(text)
	var doc Document
	switch {
	case isHTMLText(in, text):
		doc, err = parseHTML(text, in.URL)
		doc.ContentType = TypeHTML
	case isXMLText(text):
		return Document{}, errorf(ErrUnsupported, "XML that is not XHTML (a feed?)")
	default:
		doc, err = parseText(text)
		doc.ContentType = TypeText
		if doc.URL == "" {
			doc.URL = in.URL
		}
	}
	if err != nil {
		return Document{}, err
	}
	doc.Encoding = enc
	return finish(doc, opt)
}

// finish checks what every parser must give and fills the language.
func finish(doc Document, opt Options) (Document, error) {
	if strings.TrimSpace(doc.Text) == "" {
		return Document{}, ErrEmpty
	}
	if n := int64(len(doc.Text)); n > opt.maxText() {
		return Document{}, textTooLarge(n, opt)
	}
	if doc.Language == "" {
		doc.Language = DetectLanguage(doc.Text)
	}
	return doc, nil
}

// mediaType is the lower-case type of a Content-Type value without its
// parameters, "" when there is none.
func mediaType(contentType string) string {
	if contentType == "" {
		return ""
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		mt, _, _ = strings.Cut(contentType, ";")
	}
	return strings.ToLower(strings.TrimSpace(mt))
}

// looksHTML says whether the Content-Type or the name's extension says HTML,
// before the bytes are decoded.
func looksHTML(in Input) bool {
	switch mediaType(in.ContentType) {
	case "text/html", "application/xhtml+xml":
		return true
	case "":
	default:
		return false
	}
	switch strings.ToLower(path.Ext(in.Name)) {
	case ".html", ".htm", ".xhtml":
		return true
	}
	return bytes.Contains(bytes.ToLower(head(in.Data, 1024)), []byte("<html"))
}

// isHTMLText decides HTML on the decoded text: what the Content-Type or
// extension says, or markup at the start.
func isHTMLText(in Input, text string) bool {
	switch mediaType(in.ContentType) {
	case "text/html", "application/xhtml+xml":
		return true
	case "text/plain":
		return false
	}
	switch strings.ToLower(path.Ext(in.Name)) {
	case ".html", ".htm", ".xhtml":
		return true
	case ".txt":
		return false
	}
	start := strings.ToLower(strings.TrimLeft(headString(text, 1024), " \t\n\r\f\ufeff"))
	for _, p := range []string{"<!doctype html", "<html", "<head", "<body", "<meta", "<title", "<article", "<!--"} {
		if strings.HasPrefix(start, p) {
			return p != "<!--" || strings.Contains(start, "<html")
		}
	}
	return strings.HasPrefix(start, "<?xml") && strings.Contains(start, "<html")
}

// isXMLText says whether the text is an XML document (a feed, for example).
func isXMLText(text string) bool {
	return strings.HasPrefix(strings.TrimLeft(headString(text, 64), " \t\n\ufeff"), "<?xml")
}

func head(b []byte, n int) []byte {
	if len(b) > n {
		return b[:n]
	}
	return b
}

func headString(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// textTooLarge says that a document expands to more text than one source
// may hold (n bytes of it; 0 when it was stopped before the end), and what
// to do.
func textTooLarge(n int64, opt Options) error {
	size := "more than " + byteSize(opt.maxText())
	if n > 0 {
		size = byteSize(n)
	}
	return errorf(ErrTooLarge, "the document expands to %s of text, over the %s one source may hold (split it into parts)",
		size, byteSize(opt.maxText()))
}
