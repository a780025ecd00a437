package store

import (
	"context"
	"fmt"
	"slices"
	"sort"
)

// flattenMergeChains points, once, every entity merged into an entity that
// is itself merged away at the end of its chain. Stores made before
// SetMergedInto refused such merges may hold chains, and reads follow one
// link: the statements of A, merged into B merged into C, were on no page.
// Each move is ledgered as "system:merge-chains". A cycle, which leaves every
// entity in it merged away and so on no page at all, is opened at its
// smallest id, which becomes the one the others point at.
func (s *Store) flattenMergeChains(ctx context.Context) error {
	var done int
	if err := s.db.QueryRowContext(ctx, "SELECT merge_chains_flat FROM store_identity").Scan(&done); err != nil {
		return fmt.Errorf("read the store's id: %w", err)
	}
	if done == 1 {
		return nil
	}
	for {
		// Read outside a write: a store with no chain (every new one)
		// writes nothing but the flag.
		rows, err := s.db.QueryContext(ctx, "SELECT a.id FROM entities a JOIN entities b ON b.id = a.merged_into "+
			"WHERE b.merged_into IS NOT NULL ORDER BY a.id LIMIT 500")
		if err != nil {
			return fmt.Errorf("find merge chains: %w", err)
		}
		ids, err := collect(rows, scanOne[string])
		if err != nil {
			return fmt.Errorf("find merge chains: %w", err)
		}
		if len(ids) == 0 {
			break
		}
		err = s.Write(ctx, "system:merge-chains", func(t *Tx) error {
			for _, id := range ids {
				if err := t.flattenChain(ctx, id); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("flatten merge chains: %w", err)
		}
	}
	_, err := s.execWrite(ctx, "UPDATE store_identity SET merge_chains_flat = 1")
	return err
}

// flattenChain follows id's merge links to the end and points id there,
// opening a cycle at its smallest id.
func (t *Tx) flattenChain(ctx context.Context, id string) error {
	seen := map[string]bool{id: true}
	path := []string{id}
	cur := id
	for {
		var next string
		if err := t.queryRow(ctx, "SELECT COALESCE(merged_into, '') FROM entities WHERE id = ?", cur).Scan(&next); err != nil {
			return fmt.Errorf("entity %s: %w", cur, notFoundIf(err))
		}
		if next == "" {
			break // cur is the end of the chain
		}
		if seen[next] {
			// A cycle: open it at its smallest member.
			cycle := append([]string(nil), path[slices.Index(path, next):]...)
			sort.Strings(cycle)
			root := cycle[0]
			if err := t.update(ctx, "entities", root, map[string]any{"merged_into": nil}); err != nil || id == root {
				return err
			}
			return t.update(ctx, "entities", id, map[string]any{"merged_into": root})
		}
		seen[next] = true
		path = append(path, next)
		cur = next
	}
	if len(path) <= 2 {
		return nil // id already points at the end
	}
	return t.update(ctx, "entities", id, map[string]any{"merged_into": cur})
}
