package web

import (
	"context"
	"fmt"
	"sync"

	"github.com/athar-project/athar/internal/access"
)

// headCache keeps the results of aggregate reads — counts, the list of
// places a search can be narrowed to — for as long as the ledger's head
// stays where it was when they were read. Every change to evidence, review
// or accounts moves the head, so a cached result is never stale; on a store
// nobody is writing to, a busy page costs one small query instead of a scan.
type headCache struct {
	mu      sync.Mutex
	head    int64
	entries map[string]any
}

// headCacheLimit bounds the entries kept for one head (keys carry the
// viewer's clearance, a user's id or a filter).
const headCacheLimit = 1024

// viewerKey is what decides, for the read policy, what a viewer sees.
func viewerKey(v access.Viewer) string { return fmt.Sprint(v.Visible(), v.ConfirmedOnly()) }

// cached returns the value read by fn for key at the ledger's current
// head, reading it once per head.
func cached[T any](ctx context.Context, s *Server, key string, fn func() (T, error)) (T, error) {
	var zero T
	head, _, err := s.store.Head(ctx)
	if err != nil {
		return zero, err
	}
	c := &s.aggregates
	c.mu.Lock()
	if c.head == head {
		if v, ok := c.entries[key]; ok {
			c.mu.Unlock()
			return v.(T), nil
		}
	}
	c.mu.Unlock()
	v, err := fn()
	if err != nil {
		return zero, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.head != head || c.entries == nil || len(c.entries) >= headCacheLimit {
		// A head read before a newer one must not replace its entries.
		if head < c.head {
			return v, nil
		}
		c.head, c.entries = head, map[string]any{}
	}
	c.entries[key] = v
	return v, nil
}
