package store_test

import (
	"context"
	"testing"

	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// Chains of merges that stores made before the store refused them are
// pointed at their ends on the first open after the upgrade, each move
// ledgered, so that no entity's statements are left off every page; a cycle
// is opened at its smallest id.
func TestOpenFlattensMergeChains(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		id := map[string]string{}
		err := s.Write(ctx, "tester", func(tx *store.Tx) error {
			for _, n := range []string{"a", "b", "c", "d", "e", "x", "y", "z"} {
				e, err := tx.AddEntity(ctx, model.TypePerson)
				if err != nil {
					return err
				}
				id[n] = e.ID
			}
			// d → a → b → c, e → c (already flat), x → y → z → x.
			for _, m := range [][2]string{{"a", "b"}, {"b", "c"}, {"d", "a"}, {"e", "c"}, {"x", "y"}, {"y", "z"}, {"z", "x"}} {
				if err := tx.SetMergedIntoAsBefore(ctx, id[m[0]], id[m[1]]); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		before := mustVerify(t, s)
		if err := s.FlattenMergeChainsAgain(ctx); err != nil {
			t.Fatal(err)
		}
		cycleRoot := min(id["x"], id["y"], id["z"])
		want := map[string]string{"a": id["c"], "b": id["c"], "c": "", "d": id["c"], "e": id["c"]}
		for _, n := range []string{"x", "y", "z"} {
			want[n] = cycleRoot
			if id[n] == cycleRoot {
				want[n] = ""
			}
		}
		for n, into := range want {
			e, err := s.Entity(ctx, id[n])
			if err != nil {
				t.Fatal(err)
			}
			if e.MergedInto != into {
				t.Errorf("%s is merged into %q, want %q", n, e.MergedInto, into)
			}
		}
		after := mustVerify(t, s)
		// a and d move to c; the cycle's root is unmerged, the member that
		// pointed at it stays and the third is pointed there.
		if got := after.Entries - before.Entries; got != 4 {
			t.Errorf("the repair ledgered %d entries, want 4 (each move once)", got)
		}
		// A second run finds nothing to do and ledgers nothing.
		if err := s.FlattenMergeChainsAgain(ctx); err != nil {
			t.Fatal(err)
		}
		if again := mustVerify(t, s); again.Entries != after.Entries {
			t.Errorf("a second repair ledgered %d entries", again.Entries-after.Entries)
		}
	})
}
