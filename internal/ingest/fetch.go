package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// UserAgent is what Fetch sends as User-Agent.
const UserAgent = "Athar/1 (evidence archiving; +https://github.com/athar-project/athar)"

// Fetch gets the document at rawURL (http or https only) with client (nil:
// the guarded client of NewClient, which refuses private addresses unless
// ATHAR_FETCH_ALLOW names them), within opt.Timeout and opt.MaxBytes. It rejects
// statuses other than 2xx, naming the status, and content types that are
// not documents: images, audio, video, fonts, archives and
// application/octet-stream (unless the bytes are a PDF, as servers often
// send PDFs that way). The Input it returns carries the URL after
// redirects and the Content-Type the server sent, ready for Parse.
func Fetch(ctx context.Context, client *http.Client, rawURL string, opt Options) (Input, error) {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return Input{}, errorf(ErrURL, "%q", clip(rawURL, maxEcho))
	}
	if client == nil {
		client = sharedClient
	}
	ctx, cancel := context.WithTimeout(ctx, opt.timeout())
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return Input{}, errorf(ErrURL, "%q", clip(rawURL, maxEcho))
	}
	req.Header.Set("User-Agent", UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,text/plain;q=0.9,application/pdf;q=0.9,*/*;q=0.1")
	resp, err := client.Do(req)
	if err != nil {
		return Input{}, fetchError(ctx, opt, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return Input{}, errorf(ErrHTTPStatus, "the server answered %s", statusText(resp))
	}
	max := opt.maxBytes()
	if resp.ContentLength > max {
		return Input{}, errorf(ErrTooLarge, "the server announces %s, the limit is %s", byteSize(resp.ContentLength), byteSize(max))
	}
	ct := resp.Header.Get("Content-Type")
	data, err := io.ReadAll(io.LimitReader(resp.Body, max+1))
	if err != nil {
		return Input{}, fetchError(ctx, opt, err)
	}
	if int64(len(data)) > max {
		return Input{}, errorf(ErrTooLarge, "the body is longer than the limit of %s", byteSize(max))
	}
	if why := notDocument(ct, data); why != "" {
		return Input{}, errorf(ErrContentType, "%s", why)
	}
	final := u.String()
	if resp.Request != nil && resp.Request.URL != nil {
		final = resp.Request.URL.String()
	}
	return Input{Name: rawURL, Data: data, ContentType: ct, URL: final}, nil
}

// notDocument says why a Content-Type is not a document, or "".
func notDocument(contentType string, data []byte) string {
	mt := mediaType(contentType)
	switch {
	case mt == "":
		return ""
	case mt == "application/octet-stream", mt == "binary/octet-stream", mt == "application/x-download",
		mt == "application/force-download":
		if isPDF(data) {
			return ""
		}
		return fmt.Sprintf("the server sent %s (unknown binary data)", mt)
	case strings.HasPrefix(mt, "image/"), strings.HasPrefix(mt, "audio/"), strings.HasPrefix(mt, "video/"),
		strings.HasPrefix(mt, "font/"), strings.HasPrefix(mt, "model/"):
		return fmt.Sprintf("the server sent %s", mt)
	case strings.HasPrefix(mt, "text/"), mt == "application/xhtml+xml", mt == "application/pdf",
		mt == "application/x-pdf", mt == "application/xml", strings.HasSuffix(mt, "+xml"):
		return ""
	}
	return fmt.Sprintf("the server sent %s", mt)
}

// fetchError words a failed request: a timeout, a cancel, or the cause.
func fetchError(ctx context.Context, opt Options, err error) error {
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded), errors.Is(err, context.DeadlineExceeded):
		return errorf(ErrTimeout, "no complete answer within %s", opt.timeout())
	case errors.Is(err, context.Canceled):
		return errorf(ErrFetch, "canceled")
	}
	var dns *net.DNSError
	if errors.As(err, &dns) {
		// Its message names the resolver's address: not the asker's business.
		return errorf(ErrFetch, "cannot resolve the host name %s", clip(dns.Name, 100))
	}
	var uerr *url.Error
	if errors.As(err, &uerr) {
		err = uerr.Err // without the URL, which the caller names
	}
	return errorf(ErrFetch, "%s", clip(err.Error(), 300))
}

// sharedClient is the guarded client fetches use when given none.
var sharedClient = NewClient()

// Client returns the one guarded client (NewClient) that fetches share.
func Client() *http.Client { return sharedClient }

// maxEcho is how much of a bad input an error message repeats.
const maxEcho = 200

func statusText(resp *http.Response) string {
	if t := http.StatusText(resp.StatusCode); t != "" {
		return fmt.Sprintf("%d %s", resp.StatusCode, t)
	}
	return fmt.Sprint(resp.StatusCode)
}
