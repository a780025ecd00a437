package ingest

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path"
	"strings"
	"sync/atomic"
	"time"
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
	text := pdfPages(normalizeNewlines(strings.ToValidUTF8(string(out), "\ufffd")))
	if strings.TrimSpace(text) == "" {
		return Document{}, ErrNoTextLayer
	}
	doc := Document{Text: text, ContentType: TypePDF, URL: in.URL, Title: pdfTitle(ctx, opt.timeout(), f.Name())}
	return finish(doc, opt)
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
