package feeds

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
)

// Result is what one poll of a feed did.
type Result struct {
	Feed app.Feed // the feed as it was before the poll
	// NotModified: the server answered 304, the feed has not changed.
	NotModified bool
	// Err is why the poll failed (the feed's last_error now); nil when it
	// succeeded.
	Err        error
	NextPollAt time.Time
	// Items are the new items, and earlier ones tried again, in order.
	Items []ItemResult
	// Deferred: the feed held more new items than one poll stores
	// (Poller.MaxItems); the next poll takes the rest.
	Deferred bool
}

// ItemResult is what became of one item.
type ItemResult struct {
	Key, URL, Title string
	Outcome         app.Outcome // stored, exists (the same bytes were a source already) or failed
	SourceID        string
	DuplicateOf     string // the source this one nearly copies, if any
	Err             error
}

// PollDue polls every feed due at now, the most overdue first, and stores
// their new items. A feed that fails records its error and backs off; the
// error returned is only for what stops the run (the database, or ctx).
// The job queue calls it every minute.
func (p *Poller) PollDue(ctx context.Context, now time.Time) error {
	now = now.UTC()
	due, err := p.App.Feeds().Due(ctx, now)
	if err != nil {
		return err
	}
	for _, f := range due {
		if err := ctx.Err(); err != nil {
			return err
		}
		if p.Only != nil && !p.Only(f) {
			continue
		}
		ok, err := p.App.Feeds().Claim(ctx, f.ID, f.NextPollAt, now.Add(claimLease))
		if err != nil {
			return err
		}
		if !ok {
			continue // another poller has it
		}
		res, err := p.poll(ctx, f, now)
		if err != nil {
			return fmt.Errorf("poll feed %s: %w", f.ID, err)
		}
		if p.Report != nil {
			p.Report(res)
		}
	}
	return nil
}

// PollOne polls one feed now, due or not, and stores its new items.
func (p *Poller) PollOne(ctx context.Context, feedID string) (Result, error) {
	now := p.now()
	for range 2 {
		f, err := p.App.Feeds().Get(ctx, feedID)
		if err != nil {
			return Result{}, err
		}
		ok, err := p.App.Feeds().Claim(ctx, f.ID, f.NextPollAt, now.Add(claimLease))
		if err != nil {
			return Result{}, err
		}
		if !ok {
			continue // changed under us: read it again
		}
		res, err := p.poll(ctx, f, now)
		if err != nil {
			return res, fmt.Errorf("poll feed %s: %w", f.ID, err)
		}
		if p.Report != nil {
			p.Report(res)
		}
		return res, nil
	}
	return Result{}, fmt.Errorf("feed %s is being polled by another process; try again", feedID)
}

// poll fetches a claimed feed, stores its new items and those of earlier
// polls still to be tried, and records the outcome and the next poll.
func (p *Poller) poll(ctx context.Context, f app.Feed, now time.Time) (Result, error) {
	res := Result{Feed: f}
	v, err := p.App.FeedActor(ctx, f)
	if err != nil {
		if app.KindOf(err) == app.Forbidden {
			return p.fail(ctx, res, now, err, 0)
		}
		return res, err
	}
	got, err := p.fetchFeed(ctx, f.URL, f.ETag, f.LastModified)
	if err != nil {
		if ctx.Err() != nil {
			return res, ctx.Err()
		}
		var wait time.Duration
		var se *statusError
		if errors.As(err, &se) {
			wait = se.retryAfter
		}
		return p.fail(ctx, res, now, err, wait)
	}
	// The validators for the next request: those of a full answer as sent;
	// a 304 may repeat them or not.
	title, etag, lastModified := f.Title, got.etag, got.lastModified
	var fresh []Item
	var lang string
	if got.notModified {
		res.NotModified = true
		if etag == "" {
			etag = f.ETag
		}
		if lastModified == "" {
			lastModified = f.LastModified
		}
	} else {
		parsed, err := Parse(got.data, f.URL)
		if err != nil {
			return p.fail(ctx, res, now, err, 0)
		}
		if parsed.Title != "" {
			title = parsed.Title
		}
		lang = parsed.Language
		if fresh, err = p.newItems(ctx, f.ID, parsed.Items); err != nil {
			return res, err
		}
	}
	pending, err := p.App.Feeds().PendingItems(ctx, f.ID, MaxItemAttempts)
	if err != nil {
		return res, err
	}
	// At most maxItems a poll, earlier failures first: what is left over
	// is not recorded, so the next poll finds it new again — and sends
	// the validators of the poll before, so the server answers in full,
	// not 304.
	if limit := p.maxItems(); len(pending)+len(fresh) > limit {
		pending = pending[:min(len(pending), limit)]
		fresh = fresh[:limit-len(pending)]
		etag, lastModified = f.ETag, f.LastModified
		res.Deferred = true
	}
	if res.Items, err = p.ingest(ctx, f, v, title, lang, fresh, pending, now); err != nil {
		return res, err
	}
	res.NextPollAt = now.Add(f.Interval)
	if res.Deferred {
		// The rest soon, after the other feeds due have had their turn.
		res.NextPollAt = now.Add(min(f.Interval, MinInterval))
	}
	if err := p.App.Feeds().PollOK(ctx, f.ID, title, etag, lastModified, now, res.NextPollAt); err != nil {
		return res, err
	}
	return res, nil
}

// fail records a failed poll and schedules the next one after the backoff,
// or after what the server asked for when that is longer.
func (p *Poller) fail(ctx context.Context, res Result, now time.Time, why error, wait time.Duration) (Result, error) {
	res.Err = why
	d := max(Backoff(res.Feed.Interval, res.Feed.Failures+1), min(wait, max(MaxBackoff, res.Feed.Interval)))
	res.NextPollAt = now.Add(d)
	if err := p.App.Feeds().PollFailed(ctx, res.Feed.ID, why.Error(), now, res.NextPollAt); err != nil {
		return res, err
	}
	return res, nil
}

// newItems keeps the items the feed has not seen before.
func (p *Poller) newItems(ctx context.Context, feedID string, items []Item) ([]Item, error) {
	keys := make([]string, len(items))
	for i, it := range items {
		keys[i] = it.Key
	}
	known, err := p.App.Feeds().KnownItems(ctx, feedID, keys)
	if err != nil {
		return nil, err
	}
	var fresh []Item
	for _, it := range items {
		if !known[it.Key] {
			fresh = append(fresh, it)
		}
	}
	return fresh, nil
}

// ingest stores the new items and the pending ones through app.Ingest and
// records what became of each. An item with a link is fetched from it; one
// without is stored as the page Document makes of it.
func (p *Poller) ingest(ctx context.Context, f app.Feed, v access.Viewer, feedTitle, lang string, fresh []Item,
	pending []app.FeedItem, now time.Time) ([]ItemResult, error) {
	if len(fresh) == 0 && len(pending) == 0 {
		return nil, nil
	}
	type work struct {
		item app.FeedItem
		page []byte // the page made of an item without a link
		res  ItemResult
	}
	var todo []*work
	var links []string
	var byLink []*work
	for _, it := range fresh {
		w := &work{item: app.FeedItem{FeedID: f.ID, Key: it.Key, URL: it.Link, Title: it.Title, FirstSeen: now}}
		w.res = ItemResult{Key: it.Key, URL: it.Link, Title: it.Title}
		switch {
		case it.Link != "":
			links, byLink = append(links, it.Link), append(byLink, w)
		case textOf(it.Content) == "":
			w.res.Outcome, w.res.Err = app.Failed, errors.New("the item has neither a link nor any content")
		default:
			w.page = Document(feedTitle, lang, it)
		}
		todo = append(todo, w)
	}
	for _, it := range pending {
		w := &work{item: it, res: ItemResult{Key: it.Key, URL: it.URL, Title: it.Title}}
		links, byLink = append(links, it.URL), append(byLink, w)
		todo = append(todo, w)
	}
	opt := app.IngestOptions{Kind: f.Kind, Sensitivity: &f.Sensitivity, Client: p.client(), MaxBytes: p.MaxArticleBytes}
	if len(links) > 0 {
		i := 0
		_, err := p.App.Ingest(ctx, v, links, opt, func(r app.IngestResult) {
			byLink[i].res.set(r)
			i++
		})
		if err != nil {
			return nil, err
		}
	}
	for _, w := range todo {
		if w.page == nil {
			continue
		}
		// The name becomes the source's filename.
		name := "feed-item-" + hashHex(f.ID + "\n" + w.item.Key)[:16] + ".html"
		r, err := p.App.IngestBytes(ctx, v, name, w.page, opt)
		if err != nil {
			return nil, err
		}
		w.res.set(r)
	}
	out := make([]ItemResult, len(todo))
	for k, w := range todo {
		if w.res.Outcome == app.Failed || w.res.SourceID == "" {
			w.res.Outcome = app.Failed
			if w.res.Err == nil {
				w.res.Err = errors.New("not stored")
			}
			w.item.SourceID, w.item.LastError = "", w.res.Err.Error()
		} else {
			w.item.SourceID, w.item.LastError = w.res.SourceID, ""
		}
		if err := p.App.Feeds().RecordItem(ctx, w.item); err != nil {
			return nil, err
		}
		out[k] = w.res
	}
	return out, nil
}

func (r *ItemResult) set(res app.IngestResult) {
	r.Outcome, r.Err, r.SourceID, r.DuplicateOf = res.Outcome, res.Err, res.Source.ID, res.DuplicateOf
}
