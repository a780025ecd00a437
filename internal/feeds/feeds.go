// Package feeds follows RSS, Atom and JSON feeds: it keeps the list of feeds
// (in the store's operational feed tables), polls each one when it is due
// with a conditional request, and brings every new item into the archive
// through the application layer's one ingest chain (internal/app) —
// fetched, stored, extracted and resolved like any other source — without
// anyone asking. A feed that fails keeps its error
// and is polled less and less often until it answers again.
package feeds

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/ingest"
	"github.com/athar-project/athar/internal/model"
)

// Polling intervals and limits.
const (
	DefaultInterval = 30 * time.Minute
	MinInterval     = time.Minute
	MaxInterval     = 7 * 24 * time.Hour
	// MaxBackoff is the longest wait after failures, unless the feed's own
	// interval is longer.
	MaxBackoff = 24 * time.Hour
	// DefaultTimeout bounds one request for a feed.
	DefaultTimeout = 30 * time.Second
	// DefaultMaxFeedBytes is the largest feed document accepted.
	DefaultMaxFeedBytes = 10 << 20
	// DefaultMaxItems is the most items one poll stores: a feed of 10,000
	// new items is taken a hundred at a time, one poll after another, not
	// in one sitting that keeps every other feed waiting.
	DefaultMaxItems = 100
	// MaxItemAttempts is how many polls try an item whose link failed
	// before it is given up.
	MaxItemAttempts = 3
	// claimLease is how long a poller holds a feed it claimed; should it die
	// mid-poll, the feed is due again after this.
	claimLease = 30 * time.Minute
)

// Poller adds feeds and polls them. The zero value of each field but Store
// is a usable default.
type Poller struct {
	App *app.App
	// Client makes every request, for feeds and their articles (nil:
	// ingest.Client, which refuses loopback and private addresses unless
	// ATHAR_FETCH_ALLOW names them — a feed is outside input, and its
	// links and redirects point wherever its author likes).
	Client *http.Client
	// MaxItems is the most items one poll stores (0: DefaultMaxItems);
	// the rest wait for the next poll.
	MaxItems int
	// Timeout bounds one request for a feed (0: DefaultTimeout); articles
	// use ingest's default.
	Timeout time.Duration
	// MaxFeedBytes is the largest feed accepted (0: DefaultMaxFeedBytes).
	MaxFeedBytes int64
	// MaxArticleBytes is the largest article accepted (0: ingest's default).
	MaxArticleBytes int64
	// Report, when set, is called with the result of each poll.
	Report func(Result)
	// Only, when set, limits PollDue to the feeds it accepts (the CLI polls
	// only the feeds its user may see).
	Only func(app.Feed) bool
	// Now is the clock for PollOne and Add (nil: time.Now).
	Now func() time.Time
}

// NewPoller returns a poller over a's store with the defaults.
func NewPoller(a *app.App) *Poller { return &Poller{App: a} }

func (p *Poller) client() *http.Client {
	if p.Client != nil {
		return p.Client
	}
	return ingest.Client()
}

func (p *Poller) maxItems() int {
	if p.MaxItems > 0 {
		return p.MaxItems
	}
	return DefaultMaxItems
}

func (p *Poller) timeout() time.Duration {
	if p.Timeout > 0 {
		return p.Timeout
	}
	return DefaultTimeout
}

func (p *Poller) maxFeedBytes() int64 {
	if p.MaxFeedBytes > 0 {
		return p.MaxFeedBytes
	}
	return DefaultMaxFeedBytes
}

func (p *Poller) now() time.Time {
	if p.Now != nil {
		return p.Now().UTC()
	}
	return time.Now().UTC()
}

// AddOptions describe a feed to follow.
type AddOptions struct {
	URL      string
	Interval time.Duration    // 0: DefaultInterval
	Kind     model.SourceKind // of the sources its items become; "": article
	// Sensitivity of those sources; nil: the kind's default.
	Sensitivity *model.Sensitivity
}

// CheckError means the URL could not be fetched or is not a feed: nothing
// was added.
type CheckError struct {
	URL string
	Err error
}

func (e *CheckError) Error() string { return e.URL + ": " + e.Err.Error() }
func (e *CheckError) Unwrap() error { return e.Err }

// ErrExists is returned with the feed already followed at that URL.
var ErrExists = app.ErrFeedExists

// ID is the id of the feed at a URL: the same on every engine and after a
// backup and restore.
func ID(feedURL string) string {
	sum := sha256.Sum256([]byte(feedURL))
	return "feed_" + hex.EncodeToString(sum[:6])
}

// CheckURL returns a feed URL in its normal form, or says what is wrong
// with it.
func CheckURL(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || !isHTTP(u) {
		return "", fmt.Errorf("%q is not an http(s) URL", raw)
	}
	if u.User != nil {
		return "", fmt.Errorf("%q holds a user name or password; Athar does not keep credentials in feed URLs", u.Redacted())
	}
	u.Fragment = ""
	return u.String(), nil
}

// Add follows a new feed as v: it checks the options, fetches the URL once
// to make sure it is a feed and to learn its title, and stores it, due to be
// polled at once. A URL that cannot be fetched or is not a feed gives a
// *CheckError; a feed already followed gives that feed and ErrExists.
func (p *Poller) Add(ctx context.Context, v access.Viewer, opt AddOptions) (app.Feed, error) {
	feedURL, err := CheckURL(opt.URL)
	if err != nil {
		return app.Feed{}, err
	}
	f := app.Feed{ID: ID(feedURL), URL: feedURL, Interval: opt.Interval, Kind: opt.Kind, AddedBy: v.Actor()}
	if f.Interval == 0 {
		f.Interval = DefaultInterval
	}
	if f.Interval < MinInterval || f.Interval > MaxInterval {
		return app.Feed{}, fmt.Errorf("interval %s: want between %s and %s", f.Interval, MinInterval, MaxInterval)
	}
	if f.Kind == "" {
		f.Kind = model.KindArticle
	}
	if _, err := model.ParseSourceKind(string(f.Kind)); err != nil {
		return app.Feed{}, err
	}
	f.Sensitivity = f.Kind.DefaultSensitivity()
	if opt.Sensitivity != nil {
		if *opt.Sensitivity < f.Sensitivity && !v.CanLower() {
			return app.Feed{}, fmt.Errorf("only an admin may follow a feed of %s below its default sensitivity (%s)", f.Kind, f.Sensitivity)
		}
		f.Sensitivity = *opt.Sensitivity
	}
	if !v.CanWrite() {
		return app.Feed{}, fmt.Errorf("%s may not follow feeds (role %s)", v.Actor(), v.Role)
	}
	if old, err := p.App.Feeds().ByURL(ctx, feedURL); err == nil && v.CanSee(old.Sensitivity) {
		return old, fmt.Errorf("%s is followed already as %s: %w", feedURL, old.ID, ErrExists)
	}
	got, err := p.fetchFeed(ctx, feedURL, "", "")
	if err != nil {
		return app.Feed{}, &CheckError{URL: feedURL, Err: err}
	}
	parsed, err := Parse(got.data, feedURL)
	if err != nil {
		return app.Feed{}, &CheckError{URL: feedURL, Err: err}
	}
	f.Title = parsed.Title
	f.AddedAt = p.now()
	f.NextPollAt = f.AddedAt
	if err := p.App.Feeds().Add(ctx, f); err != nil {
		if errors.Is(err, app.ErrFeedExists) {
			return app.Feed{}, fmt.Errorf("%s is followed already: %w", feedURL, ErrExists)
		}
		return app.Feed{}, err
	}
	return f, nil
}

// Find returns the feed with this id or URL, if v may see it.
func Find(ctx context.Context, a *app.App, v access.Viewer, idOrURL string) (app.Feed, error) {
	f, err := a.Feeds().Get(ctx, idOrURL)
	if app.KindOf(err) == app.NotFound {
		if u, uerr := CheckURL(idOrURL); uerr == nil {
			f, err = a.Feeds().ByURL(ctx, u)
		}
	}
	if err != nil {
		return app.Feed{}, err
	}
	if !v.CanSee(f.Sensitivity) {
		return app.Feed{}, &app.Error{Kind: app.NotFound, Msg: "no such feed " + idOrURL + ", or none you may see"}
	}
	return f, nil
}

// Remove stops following a feed, named by id or URL, as v: an admin, or
// whoever added it. The sources its items became stay.
func Remove(ctx context.Context, a *app.App, v access.Viewer, idOrURL string) (app.Feed, error) {
	f, err := Find(ctx, a, v, idOrURL)
	if err != nil {
		return f, err
	}
	if v.Role != model.RoleAdmin && (v.Anonymous || v.Actor() != f.AddedBy) {
		return app.Feed{}, fmt.Errorf("only an admin or %s, who added it, may remove feed %s", f.AddedBy, f.ID)
	}
	return f, a.Feeds().Remove(ctx, f.ID)
}

// List returns the feeds v may see, by URL, with their polling state and the
// counts of their items: what the CLI and the admin page show.
func List(ctx context.Context, a *app.App, v access.Viewer) ([]app.Feed, error) {
	return a.Feeds().List(ctx, v)
}

// Backoff is how long to wait before polling a feed again after failures
// polls failed in a row: interval × 2^failures, at most MaxBackoff (or the
// interval, when that is longer).
func Backoff(interval time.Duration, failures int) time.Duration {
	limit := max(MaxBackoff, interval)
	d := interval
	for i := 0; i < failures && d < limit; i++ {
		d *= 2
	}
	return min(d, limit)
}
