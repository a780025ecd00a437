package app

import (
	"context"
	"sync"
	"time"

	"github.com/athar-project/athar/internal/resolve"
	"github.com/athar-project/athar/internal/search"
)

// RefreshEvery bounds how stale the search index may grow: what was stored
// without being indexed for search (other processes — a worker, an ingest on
// the command line — write to the same store) is indexed at most this often,
// in the background once the process has indexed it once.
const RefreshEvery = time.Minute

// RebuildEvery is how often the name index is read again whole, in the
// background. It catches up from the ledger before every match and
// placement (resolve.CatchUp) and so knows every name other processes
// stored, merged, split, reviewed or removed by re-extraction; the rebuild
// is a safety net for what a ledger entry might not name, not what keeps
// the index current. A whole read costs a scan of every name statement
// (32 s at 1M statements under load), too dear to run every minute.
const RebuildEvery = time.Hour

// nameIndex is the process's one name resolver: built from the store on first
// use (it reads every name, so a server starts without it), learning every
// placement and judgement this process makes and, from the ledger, every one
// other processes make, and rebuilt in the background once it is older than
// RebuildEvery and someone asks for a fresh one.
type nameIndex struct {
	mu         sync.Mutex
	r          *resolve.Resolver
	builtAt    time.Time
	rebuilding bool
}

// resolver returns the process's resolver, building it the first time.
func (a *App) resolver(ctx context.Context) (*resolve.Resolver, error) {
	n := &a.names
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.r == nil {
		// Not cut short by the request that happens to ask first.
		r, err := resolve.New(context.WithoutCancel(ctx), a.st)
		if err != nil {
			return nil, err
		}
		n.r, n.builtAt = r, a.now()
	}
	return n.r, nil
}

// freshResolver is resolver for matching: when the index is older than
// RebuildEvery a rebuild starts in the background (the current one answers
// meanwhile, caught up from the ledger).
func (a *App) freshResolver(ctx context.Context) (*resolve.Resolver, error) {
	r, err := a.resolver(ctx)
	if err != nil {
		return nil, err
	}
	n := &a.names
	n.mu.Lock()
	defer n.mu.Unlock()
	if a.now().Sub(n.builtAt) > RebuildEvery && !n.rebuilding {
		n.rebuilding = true
		go a.rebuildResolver()
	}
	return r, nil
}

func (a *App) rebuildResolver() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	r, err := resolve.New(ctx, a.st)
	n := &a.names
	n.mu.Lock()
	defer n.mu.Unlock()
	n.rebuilding = false
	if err != nil {
		a.log.Error("rebuild the name index", "err", err)
		return
	}
	n.r, n.builtAt = r, a.now()
}

// replaceResolver makes r the process's resolver (one rebuilt by a
// re-linking of the whole store, which also knows what others placed).
func (a *App) replaceResolver(r *resolve.Resolver) {
	n := &a.names
	n.mu.Lock()
	n.r, n.builtAt = r, a.now()
	n.mu.Unlock()
}

// searchState is the process's search service and when it last indexed
// what was stored without being indexed.
type searchState struct {
	mu       sync.Mutex
	svc      *search.Service
	res      *resolve.Resolver
	caughtUp time.Time
	catching bool // a catch-up runs in the background
}

// searcher returns the search service, after FreshSearch.
func (a *App) searcher(ctx context.Context) (*search.Service, error) {
	res, err := a.freshResolver(ctx)
	if err != nil {
		return nil, err
	}
	if err := a.FreshSearch(ctx); err != nil {
		return nil, err
	}
	s := &a.search
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.svc == nil || s.res != res {
		s.svc, s.res = search.New(a.st, res), res
	}
	return s.svc, nil
}

// FreshSearch indexes — at most once per RefreshEvery, however many requests
// ask — what was stored without being indexed for search (by an older
// version, or `athar ingest --queue` before its jobs ran): what a
// long-running server does before it searches. The process's first search
// waits for it; later ones do not: it runs in the background (it reads the
// ledger after the index's mark, store.IndexPending, and on a store older
// than the mark looks through every statement once: 18 s at 1M under load,
// which no request that came due should wait for) and the search answers
// from what is indexed meanwhile.
func (a *App) FreshSearch(ctx context.Context) error {
	s := &a.search
	s.mu.Lock()
	defer s.mu.Unlock()
	now := a.now()
	switch {
	case now.Sub(s.caughtUp) <= RefreshEvery || s.catching:
	case s.caughtUp.IsZero():
		// Not cut short by the request that happens to trigger it.
		if _, err := a.catchUp(context.WithoutCancel(ctx)); err != nil {
			return err
		}
		s.caughtUp = now
	default:
		s.catching = true
		go func() {
			_, err := a.catchUp(context.Background())
			s.mu.Lock()
			defer s.mu.Unlock()
			s.catching = false
			if err != nil {
				a.log.Error("index for search what was stored unindexed", "err", err)
				return
			}
			s.caughtUp = now
		}()
	}
	return nil
}

// Queue is the background job queue (internal/jobs implements it): what
// ingest hands work to when asked to queue it rather than do it.
type Queue interface {
	// EnqueueExtract queues extraction of stored sources as actor and
	// returns how many were queued (one already pending is not queued
	// twice).
	EnqueueExtract(ctx context.Context, actor string, sourceIDs ...string) (int, error)
}

// SetQueue gives the App the process's job queue.
func (a *App) SetQueue(q Queue) {
	a.queueMu.Lock()
	a.queue = q
	a.queueMu.Unlock()
}

func (a *App) jobQueue() Queue {
	a.queueMu.Lock()
	defer a.queueMu.Unlock()
	return a.queue
}
