package feeds

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/athar-project/athar/internal/ingest"
)

// fetched is a feed's answer to a (conditional) request.
type fetched struct {
	notModified        bool // 304: nothing changed since the validators sent
	data               []byte
	etag, lastModified string
}

// statusError is an HTTP status other than 2xx and 304.
type statusError struct {
	status     string
	retryAfter time.Duration // what Retry-After asked for, 0 when nothing
}

func (e *statusError) Error() string { return "the server answered " + e.status }

// fetchFeed gets a feed, sending etag and lastModified (when not "") as
// If-None-Match and If-Modified-Since, within the poller's timeout and size
// limit.
func (p *Poller) fetchFeed(ctx context.Context, rawURL, etag, lastModified string) (fetched, error) {
	ctx, cancel := context.WithTimeout(ctx, p.timeout())
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return fetched{}, fmt.Errorf("bad feed URL: %v", err)
	}
	req.Header.Set("User-Agent", ingest.UserAgent)
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, "+
		"text/xml;q=0.9, application/json;q=0.8, */*;q=0.1")
	if etag != "" {
		req.Header.Set("If-None-Match", etag)
	}
	if lastModified != "" {
		req.Header.Set("If-Modified-Since", lastModified)
	}
	resp, err := p.client().Do(req)
	if err != nil {
		return fetched{}, requestError(ctx, p.timeout(), err)
	}
	defer resp.Body.Close()
	got := fetched{etag: resp.Header.Get("ETag"), lastModified: resp.Header.Get("Last-Modified")}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		got.notModified = true
		return got, nil
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return fetched{}, &statusError{status: statusText(resp), retryAfter: retryAfter(resp.Header.Get("Retry-After"), time.Now())}
	}
	limit := p.maxFeedBytes()
	if resp.ContentLength > limit {
		return fetched{}, fmt.Errorf("the feed announces %d bytes, the limit is %d", resp.ContentLength, limit)
	}
	got.data, err = io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return fetched{}, requestError(ctx, p.timeout(), err)
	}
	if int64(len(got.data)) > limit {
		return fetched{}, fmt.Errorf("the feed is longer than the limit of %d bytes", limit)
	}
	return got, nil
}

// requestError words a failed request: a timeout, or its cause without the
// URL (which the feed's row already names).
func requestError(ctx context.Context, timeout time.Duration, err error) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("no complete answer within %s", timeout)
	}
	var uerr *url.Error
	if errors.As(err, &uerr) {
		err = uerr.Err
	}
	return fmt.Errorf("request failed: %v", err)
}

func statusText(resp *http.Response) string {
	if t := http.StatusText(resp.StatusCode); t != "" {
		return fmt.Sprintf("%d %s", resp.StatusCode, t)
	}
	return strconv.Itoa(resp.StatusCode)
}

// retryAfter reads a Retry-After header: seconds, or an HTTP date.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if secs, err := strconv.Atoi(v); err == nil && secs > 0 {
		return time.Duration(min(secs, 7*24*3600)) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}
