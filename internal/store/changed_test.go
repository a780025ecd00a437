package store_test

import (
	"context"
	"testing"

	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// EntitiesChangedSince names the entities another writer stated something
// about after a ledger position, and trusts nothing once the ledger holds a
// change it cannot trace to them (a merge); the lock it takes is counted.
func TestEntitiesChangedSince(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		var a, b model.Entity
		var src model.Source
		err := st.Write(ctx, "tester", func(tx *store.Tx) error {
			src = model.Source{Kind: model.KindArticle, Text: "changed since " + st.Engine()}
			if err := tx.AddSource(ctx, &src, []byte(src.Text)); err != nil {
				return err
			}
			var err error
			if a, err = tx.AddEntity(ctx, model.TypePerson); err != nil {
				return err
			}
			b, err = tx.AddEntity(ctx, model.TypePerson)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		changedSince := func(after int64) store.Changed {
			t.Helper()
			var ch store.Changed
			if err := st.Write(ctx, "tester", func(tx *store.Tx) error {
				var err error
				ch, err = tx.EntitiesChangedSince(ctx, after)
				return err
			}); err != nil {
				t.Fatal(err)
			}
			return ch
		}
		head := func() int64 {
			t.Helper()
			seq, _, err := st.Head(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return seq
		}
		write := func(fn func(tx *store.Tx) error) {
			t.Helper()
			if err := st.Write(ctx, "tester", fn); err != nil {
				t.Fatal(err)
			}
		}

		tests := []struct {
			name   string
			change func(tx *store.Tx) error
			all    bool
			ids    []string
		}{
			{"nothing", func(*store.Tx) error { return nil }, false, nil},
			{"a statement about a", func(tx *store.Tx) error {
				return tx.AddStatement(ctx, &model.Statement{EntityID: a.ID, Property: model.PropBirthDate, Value: "1977",
					SourceID: src.ID, Origin: "extracted:test@1"})
			}, false, []string{a.ID}},
			{"a new entity only", func(tx *store.Tx) error { _, err := tx.AddEntity(ctx, model.TypePerson); return err }, false, nil},
			{"b merged into a", func(tx *store.Tx) error { return tx.SetMergedInto(ctx, b.ID, a.ID) }, true, nil},
		}
		for _, tt := range tests {
			before := head()
			write(tt.change)
			held := st.LedgerLock()
			ch := changedSince(before)
			if ch.All != tt.all {
				t.Errorf("%s: All = %v, want %v", tt.name, ch.All, tt.all)
			}
			if !tt.all {
				if len(ch.Entities) != len(tt.ids) {
					t.Errorf("%s: changed %v, want %v", tt.name, ch.Entities, tt.ids)
				}
				for _, id := range tt.ids {
					if !ch.Entities[id] {
						t.Errorf("%s: %s not among the changed %v", tt.name, id, ch.Entities)
					}
				}
			}
			if after := st.LedgerLock(); after.Transactions != held.Transactions+1 || after.Held < held.Held {
				t.Errorf("%s: the lock's count went from %+v to %+v, want one more transaction holding it", tt.name, held, after)
			}
		}
	})
}
