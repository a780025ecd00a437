package capture

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"strings"
	"sync/atomic"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// browsing bounds concurrent browsers: each takes a few hundred MB.
var browsing = make(chan struct{}, 2)

// Browser captures pages one after the other in one headless Chromium,
// started at the first page and kept until Close: starting Chromium costs
// more than loading a page (2.5 to 4.4 s against about 1 s on the 2-core
// machine of docs/benchmarks.md). Each page gets a browser context of its own
// — no cookie, cache or storage of one page reaches the next. A Browser is
// not for concurrent use.
type Browser struct {
	opt     Options
	ctx     context.Context // the browser's, once started
	cancel  func()
	version string
	agent   string // the User-Agent its pages send
}

// NewBrowser returns a Browser that starts Chromium when it first needs it.
func NewBrowser(opt Options) *Browser { return &Browser{opt: opt.withDefaults()} }

// Close stops the browser, if it started.
func (b *Browser) Close() {
	if b.cancel != nil {
		b.cancel()
		b.cancel, b.ctx = nil, nil
	}
}

// start runs Chromium, within the capture's timeout.
func (b *Browser) start(ctx context.Context) error {
	if b.ctx != nil {
		return nil
	}
	bin := b.opt.Chromium
	if bin == "" {
		var err error
		if bin, err = findChromium(); err != nil {
			return err
		}
	}
	select {
	case browsing <- struct{}{}:
	case <-ctx.Done():
		return fmt.Errorf("capture: waiting for a free browser: %w", ctx.Err())
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.WithoutCancel(ctx), allocatorOptions(bin)...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	cancel := func() { cancelBrowser(); cancelAlloc(); <-browsing }
	// The browser lives as long as the context of its first call: a
	// timeout on that context would end it, so the start is bounded apart.
	timer := time.AfterFunc(b.opt.Timeout, cancelBrowser)
	stop := context.AfterFunc(ctx, cancelBrowser)
	v, err := chromedp.CallBrowser(bctx, browser.GetVersion, cdp.Empty{})
	timer.Stop()
	stop()
	if err != nil {
		cancel()
		if ctx.Err() != nil {
			return fmt.Errorf("capture: start %s: %w", bin, ctx.Err())
		}
		return fmt.Errorf("capture: start %s: %w", bin, err)
	}
	b.ctx, b.cancel, b.version, b.agent = bctx, cancel, v.Product, userAgent(v.UserAgent)
	return nil
}

// Page captures the page at rawURL in a browser of its own, started and
// stopped for it: NewBrowser and Browser.Page for several pages.
func Page(ctx context.Context, rawURL string, opt Options) (*Result, error) {
	b := NewBrowser(opt)
	defer b.Close()
	return b.Page(ctx, rawURL)
}

// Page captures the page at rawURL. Every request the browser makes is
// paused (the DevTools Fetch domain) and answered by Athar with what the
// guarded client got, which is recorded; the browser itself resolves no host
// and reaches no proxy, so nothing it loads escapes the record or the guard.
// A page that cannot be had — refused by the guard, an error status, not a
// document — fails with an *Error naming why, and nothing of it is returned.
func (b *Browser) Page(ctx context.Context, rawURL string) (*Result, error) {
	u, err := checkURL(rawURL)
	if err != nil {
		return nil, err
	}
	if err := b.start(ctx); err != nil {
		return nil, err
	}
	// A tab in a browser context of its own, closed (and the context with
	// it) when the page is done, times out or ctx ends.
	tctx, cancelTab := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
	defer cancelTab()
	pctx, cancel := context.WithTimeout(ctx, b.opt.Timeout)
	defer cancel()
	defer context.AfterFunc(pctx, cancelTab)()
	res, err := b.page(tctx, u.String())
	if err != nil && pctx.Err() != nil {
		return nil, failf("%s: no complete capture within %s: %v", u, b.opt.Timeout, err)
	}
	return res, err
}

func (b *Browser) page(tctx context.Context, pageURL string) (*Result, error) {
	s := &session{rec: newRecorder(b.opt.Client, b.opt.MaxResource, b.opt.MaxTotal), ctx: tctx, agent: b.agent}
	if err := chromedp.Listen(tctx, s.listen); err != nil {
		return nil, fmt.Errorf("capture: open a tab: %w", err)
	}
	if _, err := chromedp.Call(tctx, fetch.Enable, fetch.EnableParams{
		Patterns: []*fetch.RequestPattern{{URLPattern: "*", RequestStage: fetch.RequestStageRequest}},
	}); err != nil {
		return nil, fmt.Errorf("capture: intercept the browser's requests: %w", err)
	}
	if _, err := chromedp.Call(tctx, emulation.SetUserAgentOverride, emulation.SetUserAgentOverrideParams{UserAgent: b.agent}); err != nil {
		return nil, fmt.Errorf("capture: set the User-Agent: %w", err)
	}
	res := &Result{URL: pageURL, Tool: Tool(), Browser: b.version}
	navErr := chromedp.Do(tctx, chromedp.Navigate(res.URL))
	// The recorded answers say why a page failed better than the browser's
	// net::ERR_ code does.
	hops, page, chainErr := mainChain(s.rec, res.URL)
	if chainErr != nil {
		return nil, chainErr
	}
	if navErr != nil {
		return nil, failf("%s: the browser could not load the page: %v", res.URL, navErr)
	}
	if !isPage(page.Header.Get("Content-Type")) {
		return nil, failf("%s: the server sent %s, not a web page (ingest a file as a file)", page.URL, mediaType(page.Header.Get("Content-Type")))
	}
	s.settle(tctx, b.opt.Settle)
	res.Redirects, res.FinalURL, res.Status, res.Header = hops, page.URL, page.Status, page.Header
	// The capture's time is when the page itself was asked for.
	res.CapturedAt = page.Started
	if err := s.render(tctx, res); err != nil {
		return nil, failf("%s: %v", res.URL, err)
	}
	media, err := s.media(tctx, b.opt.MaxMedia)
	if err != nil {
		return nil, failf("%s: list the page's media: %v", res.URL, err)
	}
	res.Media = media
	if err := s.pack(res); err != nil {
		return nil, fmt.Errorf("capture %s: %w", res.URL, err)
	}
	return res, nil
}

// allocatorOptions start Chromium headless with no way to the network of its
// own: every host name fails to resolve and every connection would go to a
// proxy that does not exist; the requests it makes are answered through the
// DevTools protocol instead. The sandbox is turned off only for root, where
// Chromium refuses to start with it.
func allocatorOptions(bin string) []chromedp.ExecAllocatorOption {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-features", "HttpsUpgrades,HttpsFirstBalancedModeAutoEnable,MediaRouter"),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND"),
		chromedp.Flag("proxy-server", "http://127.0.0.1:9"),
		chromedp.Flag("proxy-bypass-list", "<-loopback>"),
		// WebRTC's UDP goes around a proxy: none but through it, which
		// does not exist.
		chromedp.Flag("force-webrtc-ip-handling-policy", "disable_non_proxied_udp"),
		chromedp.Flag("lang", "en-US"),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("mute-audio", true),
		chromedp.WindowSize(1280, 1024),
	)
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox)
	}
	return opts
}

// agentSuffix is added to the browser's own User-Agent, so that a site can
// tell an archiver from a person.
const agentSuffix = " Athar/1 (evidence archiving; +https://github.com/athar-project/athar)"

// userAgent is what a browser of this version sends as itself, headless or
// not (some sites refuse "HeadlessChrome"), with Athar named.
func userAgent(browserAgent string) string {
	return strings.Replace(browserAgent, "HeadlessChrome/", "Chrome/", 1) + agentSuffix
}

// session is one capture's browser and record.
type session struct {
	rec      *recorder
	ctx      context.Context
	agent    string
	inflight atomic.Int64
	last     atomic.Int64 // unix nanoseconds of the last answer
}

// listen runs on the browser's reading goroutine: it must return at once.
func (s *session) listen(ev any) {
	if ev, ok := ev.(*fetch.EventRequestPaused); ok {
		s.inflight.Add(1)
		go s.answer(ev)
	}
}

// answer makes the browser's request through the recorder and hands the
// browser what came back, or fails the request.
func (s *session) answer(ev *fetch.EventRequestPaused) {
	defer func() {
		s.last.Store(time.Now().UnixNano())
		s.inflight.Add(-1)
	}()
	req := ev.Request
	if !strings.HasPrefix(req.URL, "http://") && !strings.HasPrefix(req.URL, "https://") {
		s.fail(ev.RequestID)
		return
	}
	header := http.Header{}
	for k, v := range req.Headers {
		header.Set(k, fmt.Sprint(v))
	}
	var body bytes.Buffer
	for _, e := range req.PostDataEntries {
		body.Write(e.Bytes)
	}
	ex := s.rec.do(s.ctx, req.Method, req.URL, header, body.Bytes(), string(ev.ResourceType))
	if ex.Err != nil || ex.Status == 0 {
		s.fail(ev.RequestID)
		return
	}
	data, wasDecoded, err := decoded(ex)
	if err != nil {
		s.fail(ev.RequestID)
		return
	}
	var hs []*fetch.HeaderEntry
	for k, vs := range ex.Header {
		switch k {
		case "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive":
			continue
		case "Content-Encoding":
			if wasDecoded {
				continue
			}
		}
		for _, v := range vs {
			hs = append(hs, &fetch.HeaderEntry{Name: k, Value: v})
		}
	}
	phrase := strings.TrimSpace(strings.TrimPrefix(ex.StatusLine, fmt.Sprint(ex.Status)))
	_, _ = chromedp.Call(s.ctx, fetch.FulfillRequest, fetch.FulfillRequestParams{
		RequestID: ev.RequestID, ResponseCode: int64(ex.Status), ResponseHeaders: hs, Body: data,
		ResponsePhrase: phrase,
	})
}

func (s *session) fail(id fetch.RequestID) {
	_, _ = chromedp.Call(s.ctx, fetch.FailRequest, fetch.FailRequestParams{RequestID: id, ErrorReason: network.ErrorReasonAccessDenied})
}

// settle waits until no request has been open for quiet, or 5 s.
func (s *session) settle(ctx context.Context, quiet time.Duration) {
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) && ctx.Err() == nil {
		if s.inflight.Load() == 0 && time.Since(time.Unix(0, s.last.Load())) >= quiet {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// render reads the rendered document, its title and a full-page screenshot.
func (s *session) render(ctx context.Context, res *Result) error {
	dom, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement ? document.documentElement.outerHTML : ""`))
	if err != nil {
		return fmt.Errorf("read the rendered document: %w", err)
	}
	res.DOM = []byte("<!DOCTYPE html>\n" + dom)
	if res.Title, err = chromedp.Run(ctx, chromedp.Title()); err != nil {
		return fmt.Errorf("read the title: %w", err)
	}
	if res.Screenshot, err = chromedp.Run(ctx, chromedp.FullScreenshot(100)); err != nil {
		return fmt.Errorf("take the screenshot: %w", err)
	}
	return nil
}
