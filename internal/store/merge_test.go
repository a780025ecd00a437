package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// The store, not only the resolver, refuses merges it cannot hold: whoever
// asks (an import, a reviewer, a script), a person never becomes a place,
// and no chain of merges forms that reads (which follow one link) would
// not see through. A refused merge changes nothing and ledgers nothing.
func TestStoreRefusesMergesItCannotHold(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		ids := map[string]string{}
		err := s.Write(ctx, "tester", func(tx *store.Tx) error {
			for name, typ := range map[string]model.EntityType{
				"person": model.TypePerson, "person2": model.TypePerson, "person3": model.TypePerson, "place": model.TypePlace,
			} {
				e, err := tx.AddEntity(ctx, typ)
				if err != nil {
					return err
				}
				ids[name] = e.ID
			}
			// person3 is merged into person2 before the cases below.
			return tx.SetMergedInto(ctx, ids["person3"], ids["person2"])
		})
		if err != nil {
			t.Fatal(err)
		}
		refused := []struct {
			name, id, into string
		}{
			{"a person into a place", ids["person"], ids["place"]},
			{"a place into a person", ids["place"], ids["person"]},
			{"into itself", ids["person"], ids["person"]},
			{"into an entity merged away", ids["person"], ids["person3"]},
		}
		for _, c := range refused {
			t.Run(c.name, func(t *testing.T) {
				before := mustVerify(t, s)
				err := s.Write(ctx, "tester", func(tx *store.Tx) error { return tx.SetMergedInto(ctx, c.id, c.into) })
				if !errors.Is(err, store.ErrMergeRefused) {
					t.Fatalf("merge %s: got %v, want a refusal", c.name, err)
				}
				if e, err := s.Entity(ctx, c.id); err != nil || e.MergedInto != "" {
					t.Errorf("after the refusal %s is merged into %q (%v)", c.id, e.MergedInto, err)
				}
				if after := mustVerify(t, s); after.Entries != before.Entries {
					t.Errorf("a refused merge ledgered %d entries", after.Entries-before.Entries)
				}
			})
		}
		if err := s.Write(ctx, "tester", func(tx *store.Tx) error { return tx.SetMergedInto(ctx, ids["person"], "no-such-entity") }); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("merge into a missing entity: got %v, want not found", err)
		}

		// Merging person2 (which person3 was merged into) into person moves
		// person3 along: every name stays one link from what readers show.
		if err := s.Write(ctx, "tester", func(tx *store.Tx) error { return tx.SetMergedInto(ctx, ids["person2"], ids["person"]) }); err != nil {
			t.Fatal(err)
		}
		for _, id := range []string{ids["person2"], ids["person3"]} {
			if e, err := s.Entity(ctx, id); err != nil || e.MergedInto != ids["person"] {
				t.Errorf("%s merged into %q (%v), want %s", id, e.MergedInto, err, ids["person"])
			}
		}
		got, err := s.MergedFrom(ctx, ids["person"])
		if err != nil || len(got) != 2 {
			t.Errorf("merged into the person: %v %v, want two entities", got, err)
		}
		// Undoing one merge leaves the other.
		if err := s.Write(ctx, "tester", func(tx *store.Tx) error { return tx.SetMergedInto(ctx, ids["person3"], "") }); err != nil {
			t.Fatal(err)
		}
		if got, err := s.MergedFrom(ctx, ids["person"]); err != nil || len(got) != 1 || got[0] != ids["person2"] {
			t.Errorf("after the split: %v %v, want only %s", got, err, ids["person2"])
		}
		mustVerify(t, s)
	})
}
