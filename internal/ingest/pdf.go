package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/ocr"
)

// parsePDF reads the text layer of a PDF with poppler's pdftotext (UTF-8
// output, reading order) and its title with pdfinfo, each bounded by
// opt.Timeout. Pages are separated by a blank line. The PDF's creation date is
// not taken as the published date: it is often the date someone printed it.
func parsePDF(ctx context.Context, in Input, opt Options) (Document, error) {
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		return Document{}, errorf(ErrPDF, "pdftotext is not installed (Debian package poppler-utils)")
	}
	f, err := os.CreateTemp("", "athar-ingest-*.pdf")
	if err != nil {
		return Document{}, errorf(ErrPDF, "temporary file: %v", err)
	}
	defer os.Remove(f.Name())
	_, werr := f.Write(in.Data)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		return Document{}, errorf(ErrPDF, "temporary file: %v", werr)
	}
	out, err := runTool(ctx, opt.timeout(), opt.maxText(), tool, "-q", "-enc", "UTF-8", f.Name(), "-")
	if errors.Is(err, errOutputTooLarge) {
		// A decompression bomb, or simply too much: pdftotext is stopped
		// as soon as its output passes the limit.
		return Document{}, textTooLarge(0, opt)
	}
	if err != nil {
		return Document{}, err
	}
	// One copy of the output as text, pdftotext's bytes not used after
	// it: a text near the cap was held four and five times over here
	// (issue 18).
	text := normalizeNewlines(strings.ToValidUTF8(string(out), "\ufffd"))
	doc := Document{ContentType: TypePDF, URL: in.URL}
	if blank := blankPages(text); len(blank) == 0 {
		doc.Text = pdfPages(text)
	} else if doc.Text, doc.OCR, err = ocrPDF(ctx, f.Name(), text, blank, opt); err != nil {
		return Document{}, err
	}
	if strings.TrimSpace(doc.Text) == "" {
		return Document{}, errorf(ErrNoTextLayer, "and OCR found no text on its pages")
	}
	doc.Title = pdfTitle(ctx, opt.timeout(), f.Name())
	return finish(doc, opt)
}

// blankPages lists the pages (from 1) of pdftotext's output that have no
// text: a scan, or a scanned page in a document that has text elsewhere.
// pdftotext ends every page with a form feed.
func blankPages(out string) []int {
	pages := strings.Split(out, "\f")
	var blank []int
	for i, p := range pages[:len(pages)-1] {
		if strings.TrimSpace(p) == "" {
			blank = append(blank, i+1)
		}
	}
	return blank
}

// ocrDPI is the resolution PDF pages are rendered at for OCR: Tesseract
// reads best at about 300 dpi.
const ocrDPI = 300

// ocrPDF reads the PDF's pages without a text layer (blank) by OCR — each
// rendered to an image by poppler's pdftoppm — and joins them, in order,
// with the pages that have one.
func ocrPDF(ctx context.Context, file, out string, blank []int, opt Options) (string, *model.OCR, error) {
	texts := strings.Split(out, "\f")
	texts = texts[:len(texts)-1]
	all := len(blank) == len(texts)
	if len(blank) > opt.OCR.Pages() {
		return "", nil, fmt.Errorf("%w: %w: %d pages have no text layer, the limit is %d", ErrOCR, ocr.ErrTooManyPages, len(blank), opt.OCR.Pages())
	}
	tool, err := exec.LookPath("pdftoppm")
	if err != nil {
		return "", nil, errorf(ErrPDF, "pdftoppm is not installed (Debian package poppler-utils)")
	}
	if _, err := exec.LookPath("tesseract"); err != nil {
		return "", nil, errNoOCR(fmt.Errorf("%w: tesseract is not installed (Debian packages tesseract-ocr, tesseract-ocr-ara, tesseract-ocr-eng)", ocr.ErrUnavailable), all)
	}
	dir, err := os.MkdirTemp("", "athar-ocr-")
	if err != nil {
		return "", nil, errorf(ErrOCR, "temporary folder: %v", err)
	}
	defer os.RemoveAll(dir)
	pages := make([]pageText, len(texts))
	for i, t := range texts {
		pages[i] = pageText{number: i + 1, text: t}
	}
	for _, n := range blank {
		prefix := filepath.Join(dir, fmt.Sprintf("p%d", n))
		_, err := runTool(ctx, opt.timeout(), 1<<10, tool, "-q", "-r", strconv.Itoa(ocrDPI), "-gray", "-png",
			"-f", strconv.Itoa(n), "-l", strconv.Itoa(n), "-singlefile", file, prefix)
		if err != nil {
			return "", nil, fmt.Errorf("page %d: %w", n, err)
		}
		res, err := ocr.ReadFile(ctx, prefix+".png", opt.OCR)
		os.Remove(prefix + ".png")
		if err != nil {
			return "", nil, fmt.Errorf("page %d: %w", n, errNoOCR(err, all))
		}
		pages[n-1].ocr = &res
	}
	text, sizes, words := joinPages(pages)
	return text, readByOCR(ctx, opt, ocrDPI, sizes, words), nil
}

// pdfPages joins the pages pdftotext separates with form feeds, each
// without trailing blank lines, by one blank line; empty pages are left out.
func pdfPages(out string) string {
	var pages []string
	for _, p := range strings.Split(out, "\f") {
		if p = strings.TrimRight(p, " \t\n"); strings.TrimSpace(p) != "" {
			pages = append(pages, p)
		}
	}
	return strings.Join(pages, "\n\n")
}

// errOutputTooLarge: a tool wrote more than runTool's limit.
var errOutputTooLarge = errors.New("output over the limit")

// limitedBuffer keeps at most max bytes and calls over, once, when more
// come.
type limitedBuffer struct {
	buf  bytes.Buffer // not embedded: io.Copy would call its ReadFrom and bypass the limit
	max  int64
	over func()
	full atomic.Bool
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if b.full.Load() {
		return 0, errOutputTooLarge
	}
	if int64(b.buf.Len()+len(p)) > b.max {
		b.full.Store(true)
		b.over()
		return 0, errOutputTooLarge
	}
	return b.buf.Write(p)
}

// runTool runs a poppler tool quietly and returns its standard output, or an
// ErrPDF saying what its exit code means. A tool that writes more than max
// bytes is stopped at once: errOutputTooLarge, with what it wrote so far.
func runTool(ctx context.Context, timeout time.Duration, max int64, tool string, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, tool, args...)
	cmd.WaitDelay = time.Second
	stop, stopped := context.WithCancel(ctx)
	defer stopped()
	stdout := &limitedBuffer{max: max, over: stopped}
	cmd.Stdout = stdout
	if err := cmd.Start(); err != nil {
		return nil, errorf(ErrPDF, "%s failed: %v", path.Base(tool), err)
	}
	go func() {
		<-stop.Done()
		if stdout.full.Load() {
			cmd.Process.Kill()
		}
	}()
	err := cmd.Wait()
	if stdout.full.Load() {
		return nil, errOutputTooLarge
	}
	name := path.Base(tool)
	switch {
	case ctx.Err() == context.DeadlineExceeded:
		return nil, errorf(ErrPDF, "%s took longer than %s", name, timeout)
	case ctx.Err() != nil:
		return nil, errorf(ErrPDF, "%s: %v", name, ctx.Err())
	case err != nil:
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			switch exit.ExitCode() {
			case 1:
				return nil, errorf(ErrPDF, "the file is damaged or not a PDF (%s cannot open it)", name)
			case 3:
				return nil, errorf(ErrPDF, "the PDF is encrypted or forbids copying text")
			}
		}
		return nil, errorf(ErrPDF, "%s failed: %v", name, err)
	}
	return stdout.buf.Bytes(), nil
}

// pdfTitle is the Title pdfinfo reports, unless it is empty or only names
// the file the PDF was made from; "" when pdfinfo is missing or fails.
func pdfTitle(ctx context.Context, timeout time.Duration, file string) string {
	tool, err := exec.LookPath("pdfinfo")
	if err != nil {
		return ""
	}
	out, err := runTool(ctx, timeout, 1<<20, tool, "-enc", "UTF-8", file)
	if err != nil {
		return ""
	}
	for _, line := range strings.Split(strings.ToValidUTF8(string(out), "\ufffd"), "\n") {
		v, ok := strings.CutPrefix(line, "Title:")
		if !ok {
			continue
		}
		v = strings.TrimSpace(v)
		lower := strings.ToLower(v)
		if strings.HasPrefix(lower, "microsoft word - ") || strings.HasSuffix(lower, ".doc") ||
			strings.HasSuffix(lower, ".docx") || strings.HasSuffix(lower, ".pdf") || strings.HasPrefix(lower, "untitled") {
			return ""
		}
		return v
	}
	return ""
}
