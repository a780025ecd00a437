package ingest

import (
	"errors"
	"fmt"
)

// Kinds of error Parse and Fetch return. Every error they return wraps exactly
// one of these, so callers and tests can tell kinds apart with errors.Is; the
// message adds the details (a size, a status, a tool's complaint).
var (
	// ErrEmpty: the input has no bytes, or nothing but white space and header
	// lines.
	ErrEmpty = errors.New("empty document")
	// ErrBinary: the bytes are an image, an archive, an executable or some
	// other binary format, not a document.
	ErrBinary = errors.New("binary file, not a document")
	// ErrUnsupported: a document format Athar does not read (XML other than
	// XHTML, for example).
	ErrUnsupported = errors.New("unsupported document format")
	// ErrNotFile: a path names a named pipe, a device or a socket, not a
	// regular file (ReadFile).
	ErrNotFile = errors.New("not a regular file")
	// ErrTooLarge: the input is over Options.MaxBytes.
	ErrTooLarge = errors.New("over the size limit")
	// ErrUndecodable: text in no encoding Athar can read (invalid UTF-8 that
	// is neither Windows-1256 nor ISO-8859-6 Arabic).
	ErrUndecodable = errors.New("undecodable text")
	// ErrHeader: a text file's header block has a value Athar cannot read.
	ErrHeader = errors.New("bad header")
	// ErrNoText: the document parsed but has no text to keep (an HTML page
	// with no readable main text).
	ErrNoText = errors.New("no text found")
	// ErrNoTextLayer: a PDF whose pages have no text layer (a scan), and
	// OCR is not installed to read them.
	ErrNoTextLayer = errors.New("PDF has no text layer")
	// ErrImage: a PNG, JPEG or TIFF whose header cannot be read.
	ErrImage = errors.New("cannot read image")
	// ErrOCR: OCR of an image or a PDF page failed, took too long, or the
	// document has more pages than the cap (errors.Is also tells the
	// internal/ocr kinds).
	ErrOCR = errors.New("OCR failed")
	// ErrPDF: pdftotext could not read the PDF (damaged, encrypted) or is not
	// installed.
	ErrPDF = errors.New("cannot read PDF")
	// ErrURL: Fetch was given something other than an http(s) URL.
	ErrURL = errors.New("not an http(s) URL")
	// ErrHTTPStatus: the server answered with a status other than 2xx.
	ErrHTTPStatus = errors.New("HTTP error")
	// ErrContentType: the server sent something that is not a document
	// (an image, a video, a download of unknown bytes).
	ErrContentType = errors.New("not a document")
	// ErrTimeout: fetching took longer than allowed.
	ErrTimeout = errors.New("timed out")
	// ErrFetch: the request failed for another reason (DNS, refused
	// connection, TLS, too many redirects).
	ErrFetch = errors.New("fetch failed")
)

// errorf wraps kind with a detail: "kind: detail".
func errorf(kind error, format string, args ...any) error {
	return fmt.Errorf("%w: %s", kind, fmt.Sprintf(format, args...))
}

// byteSize writes n bytes the way a person reads a limit: "50 MiB", "512 KiB",
// "300 bytes".
func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
