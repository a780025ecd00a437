package app

import (
	"context"
	"fmt"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/search"
	"github.com/athar-project/athar/internal/store"
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

// catchUp indexes for search what was stored unindexed: long sources' own
// documents a part a transaction (indexLongSources), then the rest
// (search.CatchUp, which leaves those to it).
func (a *App) catchUp(ctx context.Context) (int, error) {
	long, err := a.indexLongSources(ctx)
	if err != nil {
		return long, err
	}
	n, err := search.CatchUp(ctx, a.st)
	return long + n, err
}

// indexLongSources indexes the long sources (their text in pieces) whose
// search document is not indexed, each a part a transaction, its text read
// and folded before them, as ingest indexes it: after a raise of its level
// or a key rotation a source's whole document is indexed again, which in
// one transaction held the write lock for seconds (issue 18).
func (a *App) indexLongSources(ctx context.Context) (int, error) {
	n := 0
	for {
		ids, err := a.st.LongSourcesUnindexed(ctx, 20)
		if err != nil || len(ids) == 0 {
			return n, err
		}
		for _, id := range ids {
			src, err := a.st.Source(ctx, access.Operator(), id)
			if err != nil {
				return n, fmt.Errorf("index source %s: %w", id, err)
			}
			if src.TextPending {
				continue // its text is being written again meanwhile
			}
			parts := search.SourceDocument(src.Title, src.Publisher, src.Text, store.Sealed(src.Sensitivity))
			if err := a.indexParts(ctx, "search-index", id, parts); err != nil {
				return n, fmt.Errorf("index source %s: %w", id, err)
			}
			n++
		}
	}
}

// CatchUpSearch indexes for search everything stored without being indexed
// and returns how many sources and statements it indexed: long sources a
// part a transaction (indexLongSources), the rest a batch a transaction.
func (a *App) CatchUpSearch(ctx context.Context) (int, error) {
	n, err := a.catchUp(ctx)
	if err == nil {
		a.search.mu.Lock()
		a.search.caughtUp = a.now()
		a.search.mu.Unlock()
	}
	return n, err
}
