package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/pgtest"
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

// A process reads the ledger entries its own write transactions committed
// from memory, and what other processes wrote from the ledger: the entries
// are the same either way — those of a store that never wrote, which reads
// every one from the ledger — and memory alone answers only a range that
// holds nothing but its own.
func TestLedgerSinceReadsOthersFromTheLedger(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			cfg := store.Config{DataDir: t.TempDir()}
			if engine == "postgres" {
				cfg.DBURL = pgtest.URL(t)
			}
			// one after another: opening runs the migrations
			st, other, reader := storetest.Open(t, cfg), storetest.Open(t, cfg), storetest.Open(t, cfg)
			var src model.Source
			var a, b model.Entity
			heads := []int64{0}
			write := func(by *store.Store, fn func(tx *store.Tx) error) {
				t.Helper()
				if err := by.Write(ctx, "tester", fn); err != nil {
					t.Fatal(err)
				}
				seq, _, err := by.Head(ctx)
				if err != nil {
					t.Fatal(err)
				}
				heads = append(heads, seq)
			}
			state := func(by *store.Store, id string, prop model.Property, v string) {
				write(by, func(tx *store.Tx) error {
					return tx.AddStatement(ctx, &model.Statement{EntityID: id, Property: prop, Value: v, SourceID: src.ID, Origin: "extracted:test@1"})
				})
			}
			write(st, func(tx *store.Tx) error { // 1: st
				src = model.Source{Kind: model.KindArticle, Text: "ledger since " + engine}
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
			state(other, a.ID, model.PropBirthDate, "1977") // 2: other
			write(st, func(tx *store.Tx) error {            // 3: st, several entries
				if _, err := tx.AddEntity(ctx, model.TypePerson); err != nil {
					return err
				}
				return tx.AddStatements(ctx, []*model.Statement{
					{EntityID: b.ID, Property: model.PropName, Value: "Rami Haddad", SourceID: src.ID, Origin: "extracted:test@1"},
					{EntityID: b.ID, Property: model.PropAlias, Value: "Abu Rami", SourceID: src.ID, Origin: "extracted:test@1"},
				})
			})
			state(st, a.ID, model.PropName, "Samer Haddad")                                     // 4: st
			write(other, func(tx *store.Tx) error { return tx.SetMergedInto(ctx, b.ID, a.ID) }) // 5: other
			state(st, a.ID, model.PropAlias, "Abu Samer")                                       // 6: st

			tests := []struct {
				name        string
				after, upto int64
				fromMemory  bool
			}{
				{"its first transaction", heads[0], heads[1], true},
				{"another's", heads[1], heads[2], false},
				{"two of its own in a row", heads[2], heads[4], true},
				{"its own, then another's, then its own", heads[0], heads[3], false},
				{"another's merge between its own", heads[3], heads[6], false},
				{"its last", heads[5], heads[6], true},
				{"part of its own transaction", heads[2], heads[3] - 1, false},
				{"everything", 0, heads[6], false},
			}
			for _, tt := range tests {
				want, _, err := reader.LedgerSince(ctx, tt.after, tt.upto)
				if err != nil {
					t.Fatal(err)
				}
				if len(want) == 0 {
					t.Fatalf("%s: the ledger holds nothing from %d to %d", tt.name, tt.after, tt.upto)
				}
				_, before, _ := st.LedgerSince(ctx, 0, 0)
				got, hits, err := st.LedgerSince(ctx, tt.after, tt.upto)
				if err != nil {
					t.Fatal(err)
				}
				if strings.Join(got, "\n") != strings.Join(want, "\n") {
					t.Errorf("%s: read\n%s\nthe ledger holds\n%s", tt.name, strings.Join(got, "\n"), strings.Join(want, "\n"))
				}
				if fromMemory := hits > before; fromMemory != tt.fromMemory {
					t.Errorf("%s: answered from memory alone = %v, want %v", tt.name, fromMemory, tt.fromMemory)
				}
			}
		})
	}
}
