package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
)

// ErrFeedExists means a feed with that URL is already followed.
var ErrFeedExists = errors.New("feed already followed")

// Feed is a feed Athar follows, with the state of its polling.
type Feed struct {
	ID          string
	URL         string
	Title       string
	Interval    time.Duration // between polls while the feed answers
	Kind        model.SourceKind
	Sensitivity model.Sensitivity
	// ETag and LastModified are what the server last sent, for conditional
	// requests.
	ETag, LastModified string
	NextPollAt         time.Time
	LastPolledAt       time.Time // zero until the first poll
	LastOKAt           time.Time // the last poll that succeeded, zero if none
	LastError          string    // why the last poll failed; "" after a success
	Failures           int       // polls failed in a row
	AddedBy            string
	AddedAt            time.Time

	// Counts of the feed's items, filled by ListFeeds.
	Items       int // items seen
	ItemsStored int // items that became a source
	ItemsFailed int // items that could not be stored (yet)
}

// FeedItem is one item seen in a feed.
type FeedItem struct {
	FeedID    string
	Key       string // guid, else link, else a hash of the content
	URL       string // the link fetched, "" when the item had none
	Title     string
	SourceID  string // the source the item became; "" while it has not
	FirstSeen time.Time
	Attempts  int    // times it was fetched and ingested
	LastError string // why the last attempt failed
}

// Feeds keeps the feeds Athar follows and the items seen in them:
// operational state, not evidence, so not ledgered.
type Feeds struct{ s *Store }

// Feeds returns the store's feed tables.
func (s *Store) Feeds() Feeds { return Feeds{s} }

// stamp writes a time fixed-width in UTC, so that comparing the text
// compares the times (RFC 3339 with a varying fraction would not).
func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02T15:04:05.000000000Z")
}

const feedCols = "id, url, title, interval_seconds, kind, sensitivity, etag, last_modified, next_poll_at, " +
	"last_polled_at, last_ok_at, last_error, failures, added_by, added_at"

func scanFeed(sc scanner, extra ...any) (Feed, error) {
	var f Feed
	var secs int64
	var kind, sens, next, polled, ok, added string
	dest := append([]any{&f.ID, &f.URL, &f.Title, &secs, &kind, &sens, &f.ETag, &f.LastModified, &next, &polled,
		&ok, &f.LastError, &f.Failures, &f.AddedBy, &added}, extra...)
	if err := sc.Scan(dest...); err != nil {
		return f, err
	}
	f.Interval = time.Duration(secs) * time.Second
	f.Kind = model.SourceKind(kind)
	f.NextPollAt, f.LastPolledAt, f.LastOKAt, f.AddedAt = parseTime(next), parseTime(polled), parseTime(ok), parseTime(added)
	var err error
	f.Sensitivity, err = model.ParseSensitivity(sens)
	return f, err
}

// Add stores a new feed; ErrFeedExists when its URL is followed already.
func (fs Feeds) Add(ctx context.Context, f Feed) error {
	if f.ID == "" || f.URL == "" || f.AddedBy == "" {
		return errors.New("a feed needs an id, a URL and who added it")
	}
	if f.Interval < time.Minute {
		return fmt.Errorf("feed interval %s is below one minute", f.Interval)
	}
	if _, err := model.ParseSourceKind(string(f.Kind)); err != nil {
		return err
	}
	if !f.Sensitivity.Valid() {
		return fmt.Errorf("invalid sensitivity %d", f.Sensitivity)
	}
	if _, err := fs.ByURL(ctx, f.URL); err == nil {
		return fmt.Errorf("%s: %w", f.URL, ErrFeedExists)
	}
	_, err := fs.s.execWrite(ctx, "INSERT INTO feeds (id, url, title, interval_seconds, kind, sensitivity, "+
		"next_poll_at, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
		f.ID, f.URL, f.Title, int64(f.Interval/time.Second), string(f.Kind), f.Sensitivity.String(),
		stamp(f.NextPollAt), f.AddedBy, timeText(f.AddedAt))
	if err != nil {
		// Another process may have added it between the check and here.
		if _, err2 := fs.ByURL(ctx, f.URL); err2 == nil {
			return fmt.Errorf("%s: %w", f.URL, ErrFeedExists)
		}
		return fmt.Errorf("add feed: %w", err)
	}
	return nil
}

// Get returns one feed, whatever its sensitivity: for the poller; whoever
// shows it to a person checks that they may see its sensitivity.
func (fs Feeds) Get(ctx context.Context, id string) (Feed, error) {
	f, err := scanFeed(fs.s.db.QueryRowContext(ctx, fs.s.rebind("SELECT "+feedCols+" FROM feeds WHERE id = ?"), id))
	if errors.Is(err, sql.ErrNoRows) {
		return f, fmt.Errorf("feed %s: %w", id, ErrNotFound)
	}
	return f, err
}

// ByURL returns the feed with exactly this URL, whatever its sensitivity.
func (fs Feeds) ByURL(ctx context.Context, url string) (Feed, error) {
	f, err := scanFeed(fs.s.db.QueryRowContext(ctx, fs.s.rebind("SELECT "+feedCols+" FROM feeds WHERE url = ?"), url))
	if errors.Is(err, sql.ErrNoRows) {
		return f, fmt.Errorf("feed %s: %w", url, ErrNotFound)
	}
	return f, err
}

// List returns the feeds of a sensitivity v may see, by URL, with the counts
// of their items.
func (fs Feeds) List(ctx context.Context, v access.Viewer) ([]Feed, error) {
	cond, args := visibleIn(v, "f.sensitivity")
	q := "SELECT " + prefixed("f.", feedCols) + ", " +
		"(SELECT COUNT(*) FROM feed_items i WHERE i.feed_id = f.id), " +
		"(SELECT COUNT(*) FROM feed_items i WHERE i.feed_id = f.id AND i.source_id IS NOT NULL), " +
		"(SELECT COUNT(*) FROM feed_items i WHERE i.feed_id = f.id AND i.source_id IS NULL) " +
		"FROM feeds f WHERE " + cond + " ORDER BY f.url"
	rows, err := fs.s.db.QueryContext(ctx, fs.s.rebind(q), args...)
	if err != nil {
		return nil, fmt.Errorf("list feeds: %w", err)
	}
	defer rows.Close()
	var out []Feed
	for rows.Next() {
		var f Feed
		var items, stored, failed int
		if f, err = scanFeed(rows, &items, &stored, &failed); err != nil {
			return nil, err
		}
		f.Items, f.ItemsStored, f.ItemsFailed = items, stored, failed
		out = append(out, f)
	}
	return out, rows.Err()
}

// Remove stops following a feed and forgets its items; the sources they
// became stay.
func (fs Feeds) Remove(ctx context.Context, id string) error {
	tx, err := fs.s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, fs.s.rebind("DELETE FROM feed_items WHERE feed_id = ?"), id); err != nil {
		return fmt.Errorf("remove feed %s: %w", id, err)
	}
	res, err := tx.ExecContext(ctx, fs.s.rebind("DELETE FROM feeds WHERE id = ?"), id)
	if err != nil {
		return fmt.Errorf("remove feed %s: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("feed %s: %w", id, ErrNotFound)
	}
	return tx.Commit()
}

// Due lists the feeds whose next poll is at or before now, the most overdue
// first.
func (fs Feeds) Due(ctx context.Context, now time.Time) ([]Feed, error) {
	rows, err := fs.s.db.QueryContext(ctx, fs.s.rebind("SELECT "+feedCols+" FROM feeds WHERE next_poll_at <= ? ORDER BY next_poll_at, id"), stamp(now))
	if err != nil {
		return nil, fmt.Errorf("feeds due: %w", err)
	}
	defer rows.Close()
	var out []Feed
	for rows.Next() {
		f, err := scanFeed(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// Claim moves a feed's next poll from was to until, and reports whether it
// did: false when another process changed it first. A poller claims a feed
// before polling it, so two workers never poll the same feed at once, and a
// poller that dies leaves the feed due again at until.
func (fs Feeds) Claim(ctx context.Context, id string, was, until time.Time) (bool, error) {
	res, err := fs.s.execWrite(ctx, "UPDATE feeds SET next_poll_at = ? WHERE id = ? AND next_poll_at = ?",
		stamp(until), id, stamp(was))
	if err != nil {
		return false, fmt.Errorf("claim feed %s: %w", id, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// PollOK records a poll that succeeded: the validators for the next
// conditional request, the title, and the next poll; the error is cleared.
func (fs Feeds) PollOK(ctx context.Context, id, title, etag, lastModified string, at, next time.Time) error {
	_, err := fs.s.execWrite(ctx, "UPDATE feeds SET title = ?, etag = ?, last_modified = ?, last_polled_at = ?, "+
		"last_ok_at = ?, last_error = '', failures = 0, next_poll_at = ? WHERE id = ?",
		title, etag, lastModified, timeText(at), timeText(at), stamp(next), id)
	if err != nil {
		return fmt.Errorf("record poll of feed %s: %w", id, err)
	}
	return nil
}

// PollFailed records a poll that failed: its error, one more failure in a
// row, and the next poll.
func (fs Feeds) PollFailed(ctx context.Context, id, why string, at, next time.Time) error {
	_, err := fs.s.execWrite(ctx, "UPDATE feeds SET last_polled_at = ?, last_error = ?, failures = failures + 1, "+
		"next_poll_at = ? WHERE id = ?", timeText(at), why, stamp(next), id)
	if err != nil {
		return fmt.Errorf("record failed poll of feed %s: %w", id, err)
	}
	return nil
}

// KnownItems returns which of keys the feed has seen before.
func (fs Feeds) KnownItems(ctx context.Context, feedID string, keys []string) (map[string]bool, error) {
	known := map[string]bool{}
	for start := 0; start < len(keys); start += 500 {
		part := keys[start:min(start+500, len(keys))]
		args := []any{feedID}
		for _, k := range part {
			args = append(args, k)
		}
		rows, err := fs.s.db.QueryContext(ctx, fs.s.rebind("SELECT item_key FROM feed_items WHERE feed_id = ? AND item_key IN ("+
			placeholders(len(part))+")"), args...)
		if err != nil {
			return nil, fmt.Errorf("items of feed %s: %w", feedID, err)
		}
		for rows.Next() {
			var k string
			if err := rows.Scan(&k); err != nil {
				rows.Close()
				return nil, err
			}
			known[k] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return known, nil
}

// PendingItems lists the feed's items with a link that did not become a
// source after fewer than maxAttempts attempts, oldest first.
func (fs Feeds) PendingItems(ctx context.Context, feedID string, maxAttempts int) ([]FeedItem, error) {
	return fs.items(ctx, "WHERE feed_id = ? AND source_id IS NULL AND url <> '' AND attempts < ? ORDER BY first_seen, item_key",
		feedID, maxAttempts)
}

// Items lists every item of a feed, oldest first.
func (fs Feeds) Items(ctx context.Context, feedID string) ([]FeedItem, error) {
	return fs.items(ctx, "WHERE feed_id = ? ORDER BY first_seen, item_key", feedID)
}

func (fs Feeds) items(ctx context.Context, where string, args ...any) ([]FeedItem, error) {
	rows, err := fs.s.db.QueryContext(ctx, fs.s.rebind("SELECT feed_id, item_key, url, title, COALESCE(source_id, ''), first_seen, "+
		"attempts, last_error FROM feed_items "+where), args...)
	if err != nil {
		return nil, fmt.Errorf("feed items: %w", err)
	}
	defer rows.Close()
	var out []FeedItem
	for rows.Next() {
		var it FeedItem
		var seen string
		if err := rows.Scan(&it.FeedID, &it.Key, &it.URL, &it.Title, &it.SourceID, &seen, &it.Attempts, &it.LastError); err != nil {
			return nil, err
		}
		it.FirstSeen = parseTime(seen)
		out = append(out, it)
	}
	return out, rows.Err()
}

// RecordItem records an attempt at an item: the source it became, or why
// it did not. The first attempt creates the item's row; an item that became
// a source stays linked to it.
func (fs Feeds) RecordItem(ctx context.Context, it FeedItem) error {
	_, err := fs.s.execWrite(ctx, "INSERT INTO feed_items (feed_id, item_key, url, title, source_id, first_seen, attempts, last_error) "+
		"VALUES (?, ?, ?, ?, ?, ?, 1, ?) ON CONFLICT (feed_id, item_key) DO UPDATE SET source_id = COALESCE(excluded.source_id, feed_items.source_id), "+
		"attempts = feed_items.attempts + 1, "+
		"last_error = CASE WHEN feed_items.source_id IS NOT NULL THEN feed_items.last_error ELSE excluded.last_error END",
		it.FeedID, it.Key, it.URL, it.Title, nullable(it.SourceID), timeText(it.FirstSeen), it.LastError)
	if err != nil {
		return fmt.Errorf("record item of feed %s: %w", it.FeedID, err)
	}
	return nil
}
