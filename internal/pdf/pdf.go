// Package pdf prints an HTML document to PDF with headless Chromium (Debian's
// chromium package), through the DevTools protocol. Go's own PDF libraries do
// not shape Arabic (letters stay unjoined and right-to-left runs come out
// reversed); a browser's text engine does. The document is loaded from a
// temporary file with the network shut off, printed on A4 with a running
// header (title and sensitivity marking) and a footer with page numbers.
package pdf

import (
	"context"
	"errors"
	"fmt"
	"html"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
)

// ErrNoChromium means no Chromium was found to print with.
var ErrNoChromium = errors.New("no chromium to print PDF with: install Debian's chromium package, or set CHROME to the browser's path")

// Find returns the Chromium binary: $CHROME when set, else chromium or
// chromium-browser on the PATH.
func Find() (string, error) {
	if c := os.Getenv("CHROME"); c != "" {
		path, err := exec.LookPath(c)
		if err != nil {
			return "", fmt.Errorf("CHROME=%s: %w", c, err)
		}
		return path, nil
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if path, err := exec.LookPath(name); err == nil {
			return path, nil
		}
	}
	return "", ErrNoChromium
}

// Options shape the printed pages.
type Options struct {
	// Title is printed at the top of every page.
	Title string
	// Marking is a sensitivity marking printed at the top and bottom of
	// every page ("CONFIDENTIAL — …"); "" for none.
	Marking string
	// Footer is printed at the bottom of every page; "{page}" and "{pages}"
	// become the page number and the number of pages. "" gives "{page} / {pages}".
	Footer string
	// RTL lays the header and footer out right to left.
	RTL bool
	// Chromium is the browser to run; "" finds one (Find).
	Chromium string
	// Timeout bounds the whole print, the browser's start included
	// (default one minute).
	Timeout time.Duration
}

// A4 with margins that leave room for the header and footer, in inches;
// the document's own @page rule should use the same margins.
const (
	paperWidth, paperHeight = 8.27, 11.69
	marginTopBottom         = 0.8
	marginSides             = 0.7
)

// printing bounds concurrent browsers: each takes a few hundred MB.
var printing = make(chan struct{}, 2)

// Print renders doc, a complete HTML document that needs nothing from the
// network, and returns the PDF's bytes.
func Print(ctx context.Context, doc []byte, opt Options) ([]byte, error) {
	bin := opt.Chromium
	if bin == "" {
		var err error
		if bin, err = Find(); err != nil {
			return nil, err
		}
	}
	timeout := opt.Timeout
	if timeout <= 0 {
		timeout = time.Minute
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	select {
	case printing <- struct{}{}:
		defer func() { <-printing }()
	case <-ctx.Done():
		return nil, fmt.Errorf("print PDF: waiting for a free browser: %w", ctx.Err())
	}

	dir, err := os.MkdirTemp("", "athar-pdf-")
	if err != nil {
		return nil, fmt.Errorf("print PDF: %w", err)
	}
	defer os.RemoveAll(dir)
	file := filepath.Join(dir, "document.html")
	if err := os.WriteFile(file, doc, 0o600); err != nil {
		return nil, fmt.Errorf("print PDF: %w", err)
	}

	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, allocatorOptions(bin)...)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx)
	defer cancelBrowser()
	if err := chromedp.Do(bctx, chromedp.Navigate((&url.URL{Scheme: "file", Path: file}).String())); err != nil {
		return nil, fmt.Errorf("print PDF: load the document in %s: %w", bin, err)
	}
	// Web fonts are not used, but wait for the system's to be laid out.
	if _, err := chromedp.Run(bctx, chromedp.Evaluate[bool](`document.fonts.ready.then(() => true)`, chromedp.EvalAwaitPromise)); err != nil {
		return nil, fmt.Errorf("print PDF: wait for fonts: %w", err)
	}
	out, err := chromedp.Run(bctx, chromedp.PrintToPDF(
		chromedp.PDFPaper(chromedp.PaperSize{Width: paperWidth, Height: paperHeight}),
		chromedp.PDFMargins(marginTopBottom, marginSides, marginTopBottom, marginSides),
		chromedp.PDFPrintBackground(),
		chromedp.PDFPreferCSSPageSize(),
		chromedp.PDFOutlineAndTagged(),
		chromedp.PDFHeaderTemplate(header(opt)),
		chromedp.PDFFooterTemplate(footer(opt)),
	))
	if err != nil {
		return nil, fmt.Errorf("print PDF with %s: %w", bin, err)
	}
	if !strings.HasPrefix(string(out), "%PDF-") {
		return nil, errors.New("print PDF: the browser returned something that is not a PDF")
	}
	return out, nil
}

// allocatorOptions start Chromium headless and off the network: the
// document is a local file that needs nothing else, and no host name
// resolves. The sandbox is turned off only for root, where Chromium refuses
// to start with it.
func allocatorOptions(bin string) []chromedp.ExecAllocatorOption {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND"),
		chromedp.Flag("lang", "en-US"),
	)
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox)
	}
	return opts
}

// The header and footer are drawn by Chromium outside the document, with a
// font size of 0 unless set, and no access to the document's stylesheet.
const band = `<div dir="%s" style="width:100%%;margin:0 %.2fin;font-family:'Noto Sans','Noto Sans Arabic','DejaVu Sans',sans-serif;font-size:7.5pt;color:#555;display:flex;justify-content:space-between;gap:12pt;-webkit-print-color-adjust:exact">%s</div>`

func dir(rtl bool) string {
	if rtl {
		return "rtl"
	}
	return "ltr"
}

func marking(m string) string {
	if m == "" {
		return "<span></span>"
	}
	return `<span style="color:#a8071a;font-weight:bold;letter-spacing:.02em">` + html.EscapeString(m) + `</span>`
}

func header(opt Options) string {
	title := `<span style="overflow:hidden;white-space:nowrap;text-overflow:ellipsis">` + html.EscapeString(opt.Title) + `</span>`
	return fmt.Sprintf(band, dir(opt.RTL), marginSides, title+marking(opt.Marking))
}

func footer(opt Options) string {
	f := opt.Footer
	if f == "" {
		f = "{page} / {pages}"
	}
	f = html.EscapeString(f)
	f = strings.ReplaceAll(f, "{page}", `<span class="pageNumber"></span>`)
	f = strings.ReplaceAll(f, "{pages}", `<span class="totalPages"></span>`)
	return fmt.Sprintf(band, dir(opt.RTL), marginSides, marking(opt.Marking)+`<span>`+f+`</span>`)
}
