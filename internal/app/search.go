package app

import (
	"context"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/search"
)

// SearchQuery is what a person asks of the search.
type SearchQuery = search.Query

// SearchResults are what a search found, as the viewer may see it.
type SearchResults = search.Results

// Search runs a query for v over sources and statements — the read policy
// applied in SQL — with the name matcher's candidates when the query looks
// like a name. What was stored without being indexed is indexed first (at
// most once per RefreshEvery).
func (a *App) Search(ctx context.Context, v access.Viewer, q SearchQuery) (SearchResults, error) {
	svc, err := a.searcher(ctx)
	if err != nil {
		return SearchResults{}, err
	}
	return svc.Search(ctx, v, q)
}

// CatchUpSearch indexes for search everything stored without being indexed
// and returns how many sources and statements it indexed.
func (a *App) CatchUpSearch(ctx context.Context) (int, error) {
	n, err := search.CatchUp(ctx, a.st)
	if err == nil {
		a.search.mu.Lock()
		a.search.caughtUp = a.now()
		a.search.mu.Unlock()
	}
	return n, err
}
