package capture

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"sort"
	"strings"
	"sync"
	"time"
)

// Exchange is one HTTP request Athar made for the page and the response it
// got, as the server sent it: the body as transferred (no content decoding),
// the headers by name.
type Exchange struct {
	Method    string
	URL       string
	ReqHeader http.Header // what was sent, Host, cookies and all
	Started   time.Time
	// IP is the address actually connected to ("" when unknown).
	IP string
	// Resource is what the browser wanted it for (Document, Image,
	// Script...), or "Media" for a file fetched to be kept.
	Resource string

	Status     int
	StatusLine string // "200 OK"
	Proto      string // "HTTP/1.1"
	Header     http.Header
	Body       []byte
	// Err says why there was no response (nothing above it but the request
	// is then meaningful).
	Err error
}

// complete reports whether the exchange holds a whole 200 answer.
func (e *Exchange) complete() bool { return e.Err == nil && e.Status == http.StatusOK }

// recorder makes requests through the guarded client and keeps every
// exchange, within a budget of bytes.
type recorder struct {
	client   *http.Client
	maxEach  int64 // the largest body kept for one response
	maxTotal int64 // all bodies together

	mu        sync.Mutex
	exchanges []*Exchange
	total     int64
	skipped   []string // what was refused or cut off, and why
}

// newRecorder wraps client (the guarded client) so that it follows no
// redirect itself — the browser follows them, each one a request of its own
// that passes the guard again — and keeps cookies across the page's
// requests.
func newRecorder(client *http.Client, maxEach, maxTotal int64) *recorder {
	c := *client
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	c.Jar = newJar()
	return &recorder{client: &c, maxEach: maxEach, maxTotal: maxTotal}
}

// hopHeaders are request headers the browser sets that belong to its own
// connection or that the recorder sets itself.
var hopHeaders = map[string]bool{
	"Accept-Encoding": true, "Connection": true, "Keep-Alive": true, "Proxy-Connection": true,
	"Te": true, "Trailer": true, "Transfer-Encoding": true, "Upgrade": true, "Host": true,
}

// do makes one request and records it. The body returned is what the
// browser gets: decoded when the server compressed it although asked not to.
func (r *recorder) do(ctx context.Context, method, url string, header http.Header, body []byte, resource string) *Exchange {
	ex := &Exchange{Method: method, URL: url, Resource: resource, Started: time.Now().UTC()}
	defer r.keep(ex)
	var rd io.Reader
	if len(body) > 0 {
		rd = bytes.NewReader(body)
	}
	trace := &httptrace.ClientTrace{GotConn: func(ci httptrace.GotConnInfo) {
		if ci.Conn != nil {
			ex.IP = hostOf(ci.Conn.RemoteAddr().String())
		}
	}}
	req, err := http.NewRequestWithContext(httptrace.WithClientTrace(ctx, trace), method, url, rd)
	if err != nil {
		ex.Err = err
		return ex
	}
	for k, vs := range header {
		if !hopHeaders[http.CanonicalHeaderKey(k)] {
			for _, v := range vs {
				req.Header.Add(k, v)
			}
		}
	}
	// Asked for as it is, so that what is recorded is what was sent and
	// not a decompressed copy.
	req.Header.Set("Accept-Encoding", "identity")
	ex.ReqHeader = req.Header
	resp, err := r.client.Do(req)
	if err != nil {
		ex.Err = err
		return ex
	}
	defer resp.Body.Close()
	ex.Status, ex.StatusLine, ex.Proto, ex.Header = resp.StatusCode, resp.Status, resp.Proto, resp.Header
	if resp.ContentLength > r.maxEach {
		ex.Err = fmt.Errorf("announces %d bytes, more than the %d kept for one response", resp.ContentLength, r.maxEach)
		return ex
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, r.maxEach+1))
	switch {
	case err != nil:
		ex.Err = err
	case int64(len(data)) > r.maxEach:
		ex.Err = fmt.Errorf("longer than the %d bytes kept for one response", r.maxEach)
	default:
		ex.Body = data
	}
	return ex
}

// keep adds ex to the record, unless the budget is spent.
func (r *recorder) keep(ex *Exchange) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if ex.Err != nil {
		r.skipped = append(r.skipped, fmt.Sprintf("%s: %v", ex.URL, ex.Err))
		ex.Body = nil
		r.exchanges = append(r.exchanges, ex)
		return
	}
	if r.total+int64(len(ex.Body)) > r.maxTotal {
		ex.Err = fmt.Errorf("the capture's budget of %d bytes is spent", r.maxTotal)
		ex.Body = nil
		r.skipped = append(r.skipped, fmt.Sprintf("%s: %v", ex.URL, ex.Err))
		r.exchanges = append(r.exchanges, ex)
		return
	}
	r.total += int64(len(ex.Body))
	r.exchanges = append(r.exchanges, ex)
}

// all returns the exchanges in the order they started.
func (r *recorder) all() []*Exchange {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := append([]*Exchange(nil), r.exchanges...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Started.Before(out[j].Started) })
	return out
}

// find returns the last exchange for url, or nil.
func (r *recorder) find(url string) *Exchange {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i := len(r.exchanges) - 1; i >= 0; i-- {
		if r.exchanges[i].URL == url {
			return r.exchanges[i]
		}
	}
	return nil
}

// decoded is the body as the browser reads it: servers sometimes compress
// although asked not to.
func decoded(ex *Exchange) ([]byte, bool, error) {
	switch strings.ToLower(strings.TrimSpace(ex.Header.Get("Content-Encoding"))) {
	case "", "identity":
		return ex.Body, false, nil
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(bytes.NewReader(ex.Body))
		if err != nil {
			return nil, false, err
		}
		b, err := io.ReadAll(zr)
		return b, true, err
	case "deflate":
		b, err := io.ReadAll(flate.NewReader(bytes.NewReader(ex.Body)))
		return b, true, err
	}
	return nil, false, errors.New("compressed in a way Athar does not read: " + ex.Header.Get("Content-Encoding"))
}

func hostOf(addr string) string {
	if i := strings.LastIndexByte(addr, ':'); i > 0 {
		return strings.Trim(addr[:i], "[]")
	}
	return addr
}
