package app

import (
	"context"
	"sync"
	"time"

	"github.com/athar-project/athar/internal/resolve"
	"github.com/athar-project/athar/internal/search"
)

// RefreshEvery bounds how stale the long-lived state may grow: the name
// index is rebuilt in the background, and what was stored without being
// indexed for search is indexed, at most this often (other processes — a
// worker, an ingest on the command line — write to the same store).
const RefreshEvery = time.Minute

// nameIndex is the process's one name resolver: built from the store on first
// use (it reads every name, so a server starts without it), learning every
// placement and judgement this process makes, and rebuilt in the background
// once it is older than RefreshEvery and someone asks for a fresh one.
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
// RefreshEvery a rebuild starts in the background (the current one answers
// meanwhile), so that entities other processes stored are found.
func (a *App) freshResolver(ctx context.Context) (*resolve.Resolver, error) {
	r, err := a.resolver(ctx)
	if err != nil {
		return nil, err
	}
	n := &a.names
	n.mu.Lock()
	defer n.mu.Unlock()
	if a.now().Sub(n.builtAt) > RefreshEvery && !n.rebuilding {
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
// long-running server does before it searches.
func (a *App) FreshSearch(ctx context.Context) error {
	s := &a.search
	s.mu.Lock()
	defer s.mu.Unlock()
	if now := a.now(); now.Sub(s.caughtUp) > RefreshEvery {
		// Not cut short by the request that happens to trigger it.
		if _, err := search.CatchUp(context.WithoutCancel(ctx), a.st); err != nil {
			return err
		}
		s.caughtUp = now
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
