package app

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/athar-project/athar/internal/ingest"
)

// The enquiries' webhook: when the watch queues alerts, the URL
// ATHAR_ENQUIRY_WEBHOOK names is posted how many — a count and nothing
// else: never a name, a source, an enquiry or a family's contact; the
// caseworker reads the queue in Athar. It is a server-side fetch like any
// other: through ingest's guarded client, so a private or loopback address
// is refused unless ATHAR_FETCH_ALLOW names it. A failed post is tried
// again a bounded number of times, each within a bounded time, and then
// logged — the error without the URL (which may carry a token) and
// without the body.

// Webhook limits.
const (
	webhookAttempts = 3
	// webhookTimeout bounds one attempt unless Config.WebhookTimeout says
	// otherwise.
	webhookTimeout = 10 * time.Second
	// webhookPause is the pause before the second attempt, doubled before
	// each further one.
	webhookPause = 250 * time.Millisecond
)

// WebhookEvent is what the webhook is posted.
type WebhookEvent struct {
	Event string `json:"event"` // "enquiry.alerts"
	Count int    `json:"count"`
}

// notifyWatch tells the configured webhook how many alerts were queued.
func (a *App) notifyWatch(ctx context.Context, n int) {
	if a.cfg.EnquiryWebhook == "" || n <= 0 {
		return
	}
	body, err := json.Marshal(WebhookEvent{Event: "enquiry.alerts", Count: n})
	if err != nil {
		a.log.Error("enquiry webhook", "err", err)
		return
	}
	timeout := a.cfg.WebhookTimeout
	if timeout <= 0 {
		timeout = webhookTimeout
	}
	client := a.webhookClient()
	ctx = context.WithoutCancel(ctx)
	pause := webhookPause
	var last error
	for attempt := 1; attempt <= webhookAttempts; attempt++ {
		if attempt > 1 {
			time.Sleep(pause)
			pause *= 2
		}
		var retry bool
		retry, last = postWebhook(ctx, client, a.cfg.EnquiryWebhook, body, timeout)
		if last == nil {
			return
		}
		if !retry {
			break
		}
	}
	a.log.Error("enquiry webhook: not delivered", "err", last)
}

// webhookClient is the client the webhook is posted with: ingest's guarded
// one, never following a redirect (a redirect is an answer, not a place to
// post the count again).
func (a *App) webhookClient() *http.Client {
	c := ingest.NewClient()
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return c
}

// postWebhook posts body once within timeout. retry says whether another
// attempt may succeed (a refused address or a bad URL will not); the error
// never carries the URL.
func postWebhook(ctx context.Context, c *http.Client, target string, body []byte, timeout time.Duration) (retry bool, err error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return false, errors.New("ATHAR_ENQUIRY_WEBHOOK is not a URL that can be posted to")
	}
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return false, errors.New("ATHAR_ENQUIRY_WEBHOOK must be an http or https URL")
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // without the URL
		}
		if ctx.Err() != nil {
			return true, fmt.Errorf("no answer within %s", timeout)
		}
		return true, err
	}
	resp.Body.Close()
	if resp.StatusCode >= 300 {
		return resp.StatusCode >= 500 || resp.StatusCode == http.StatusTooManyRequests, fmt.Errorf("answered %s", resp.Status)
	}
	return false, nil
}
