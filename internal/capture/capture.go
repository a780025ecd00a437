package capture

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
	"time"

	"github.com/athar-project/athar/internal/ingest"
	"github.com/athar-project/athar/internal/pdf"
)

// Options bound a capture.
type Options struct {
	// Client makes every request (nil: the guarded client, ingest.Client()).
	// Its redirects are not followed by it: the browser follows them.
	Client *http.Client
	// Chromium is the browser to run; "" finds one (pdf.Find's rules).
	Chromium string
	// Timeout bounds the whole capture, the browser's start included
	// (default DefaultTimeout).
	Timeout time.Duration
	// MaxResource is the largest response kept (default 50 MiB); a larger
	// one is refused to the browser and listed as skipped.
	MaxResource int64
	// MaxTotal bounds all responses of one capture together (default 200 MiB).
	MaxTotal int64
	// MaxMedia is the largest media file (an img, video or audio the page
	// links) kept as a file of its own (default 25 MiB).
	MaxMedia int64
	// Settle is how long the network must stay quiet after the load event
	// before the page is taken as loaded (default 500 ms, at most 5 s of
	// waiting in all).
	Settle time.Duration
}

// Defaults.
const (
	DefaultTimeout     = 90 * time.Second
	DefaultMaxResource = 50 << 20
	DefaultMaxTotal    = 200 << 20
	DefaultMaxMedia    = 25 << 20
)

func (o Options) withDefaults() Options {
	if o.Client == nil {
		o.Client = ingest.Client()
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxResource <= 0 {
		o.MaxResource = DefaultMaxResource
	}
	if o.MaxTotal <= 0 {
		o.MaxTotal = DefaultMaxTotal
	}
	if o.MaxMedia <= 0 {
		o.MaxMedia = DefaultMaxMedia
	}
	if o.Settle <= 0 {
		o.Settle = 500 * time.Millisecond
	}
	return o
}

// Hop is one step of the way to the page: a URL and what it answered.
type Hop struct {
	URL      string `json:"url"`
	Status   int    `json:"status"`
	Location string `json:"location,omitempty"`
}

// Media is a file the page links directly (img, video, audio, source).
type Media struct {
	URL       string
	MediaType string
	Data      []byte
}

// Result is a captured page.
type Result struct {
	URL      string // as asked
	FinalURL string // after redirects
	// Redirects are the hops before the page, in order (empty when the URL
	// answered itself).
	Redirects []Hop
	Status    int
	Header    http.Header // the page's response headers
	// CapturedAt is when the page's request was made.
	CapturedAt time.Time
	Title      string
	// DOM is the document as the browser rendered it (scripts run), the
	// HTML the main text is read from.
	DOM        []byte
	Screenshot []byte // PNG, the whole page
	WARCName   string
	WARC       []byte // every exchange, and the screenshot as a resource record
	WACZ       []byte // the WARC packaged with its index (ReplayWeb.page opens it)
	Media      []Media
	// Exchanges counts the HTTP exchanges recorded; Skipped says which
	// requests were refused or cut off and why.
	Exchanges int
	Skipped   []string
	// Tool is what captured ("athar <version>"); Browser the browser's
	// product and version.
	Tool, Browser string
}

// ErrNoChromium means no browser was found to capture with.
var ErrNoChromium = errors.New("no chromium to capture pages with: install Debian's chromium package, or set CHROME to the browser's path")

// findChromium is pdf.Find's browser, or ErrNoChromium saying why not.
func findChromium() (string, error) {
	bin, err := pdf.Find()
	switch {
	case errors.Is(err, pdf.ErrNoChromium):
		return "", ErrNoChromium
	case err != nil:
		return "", fmt.Errorf("%w (%v)", ErrNoChromium, err)
	}
	return bin, nil
}

// Error is a capture that failed: the page could not be had, or was not one.
type Error struct{ Msg string }

func (e *Error) Error() string { return e.Msg }

func failf(format string, args ...any) error { return &Error{Msg: fmt.Sprintf(format, args...)} }

// Tool names the program that captures, with its version from the build
// (the module version, else the commit it was built from).
func Tool() string {
	v := "dev"
	if bi, ok := debug.ReadBuildInfo(); ok {
		if bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v = bi.Main.Version
		}
		var rev, modified string
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				modified = s.Value
			}
		}
		if v == "dev" && rev != "" {
			v = rev[:min(12, len(rev))]
			if modified == "true" {
				v += "+modified"
			}
		}
	}
	return "athar " + v
}

// checkURL accepts an absolute http(s) URL.
func checkURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		if len(raw) > 200 {
			raw = raw[:200]
		}
		return nil, failf("%q is not an http(s) URL", raw)
	}
	u.Fragment = ""
	return u, nil
}

// mainChain follows the recorded answers from the URL asked through its
// redirects to the page, which must have answered 2xx with a document.
func mainChain(rec *recorder, start string) ([]Hop, *Exchange, error) {
	var hops []Hop
	cur := start
	for range 21 {
		ex := rec.find(cur)
		switch {
		case ex == nil:
			return hops, nil, failf("%s: the browser made no request for it", cur)
		case ex.Status == 0 && ex.Err != nil:
			return hops, nil, failf("%s: %v", cur, describe(ex.Err))
		case ex.Status >= 300 && ex.Status < 400 && ex.Header.Get("Location") != "":
			loc := ex.Header.Get("Location")
			next, err := url.Parse(cur)
			if err == nil {
				next, err = next.Parse(loc)
			}
			if err != nil {
				return hops, nil, failf("%s: redirects to %q, not a URL", cur, loc)
			}
			next.Fragment = ""
			hops = append(hops, Hop{URL: cur, Status: ex.Status, Location: next.String()})
			cur = next.String()
		case ex.Status < 200 || ex.Status > 299:
			return hops, nil, failf("%s: the server answered %s", cur, ex.StatusLine)
		case ex.Err != nil:
			return hops, nil, failf("%s: %v", cur, describe(ex.Err))
		default:
			return hops, ex, nil
		}
	}
	return hops, nil, failf("%s: more than 20 redirects", start)
}

// describe words a failed request without the URL (the caller names it).
func describe(err error) error {
	var uerr *url.Error
	if errors.As(err, &uerr) {
		err = uerr.Err
	}
	return err
}

// pageTypes are what a capture keeps as a page; a PDF or an image is
// ingested as a file instead.
func isPage(contentType string) bool {
	switch mediaType(contentType) {
	case "", "text/html", "application/xhtml+xml", "text/plain":
		return true
	}
	return false
}
