package app

import (
	"context"
	"errors"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/store"
)

// Feed is a feed Athar follows, and FeedItem one of its items.
type (
	Feed     = store.Feed
	FeedItem = store.FeedItem
	// FeedStore keeps the feeds followed, their items and their polling
	// state (operational records, not evidence: not in the ledger).
	FeedStore = store.Feeds
)

// ErrFeedExists means the feed is followed already.
var ErrFeedExists = store.ErrFeedExists

// Feeds is the store of followed feeds (internal/feeds polls them and
// ingests their items through Ingest).
func (a *App) Feeds() FeedStore { return a.st.Feeds() }

// FeedActor is who a feed's items are stored as: the account that added the
// feed, with its role and clearance checked anew at each poll, acting under
// the feed's id (which the ledger and the sources' added_by then name). The
// operator, who is no account, keeps full rights. A feed whose adder is
// gone, disabled or may no longer add sources is refused.
func (a *App) FeedActor(ctx context.Context, f Feed) (access.Viewer, error) {
	var base access.Viewer
	u, err := a.st.UserByName(ctx, f.AddedBy)
	switch {
	case err == nil && u.Disabled:
		return base, forbidden("the account %s, who added this feed, is disabled; add the feed again as someone else", f.AddedBy)
	case err == nil:
		base = access.ForUser(u)
	case errors.Is(err, store.ErrNotFound) && f.AddedBy == access.Operator().Actor():
		base = access.Operator()
	case errors.Is(err, store.ErrNotFound):
		return base, forbidden("the account %s, who added this feed, no longer exists; add the feed again as someone else", f.AddedBy)
	default:
		return base, err
	}
	if !base.CanWrite() {
		return base, forbidden("%s, who added this feed, may no longer add sources (role %s)", f.AddedBy, base.Role)
	}
	return access.Viewer{Name: f.ID, Role: base.Role, Clearance: base.Clearance}, nil
}
