package store_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// The values of several entities read in one query are those read one
// entity at a time, in the same order, for every viewer: the levels, the
// review states and a rejected value filtered the same way.
func TestStatedValuesOfIsStatedValuesOneAtATime(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		var ids []string
		err := st.Write(ctx, "tester", func(tx *store.Tx) error {
			pub := model.Source{Kind: model.KindArticle, Text: "stated values, public " + st.Engine()}
			internal := model.Source{Kind: model.KindArticle, Text: "stated values, internal " + st.Engine(), Sensitivity: model.Internal}
			for _, src := range []*model.Source{&pub, &internal} {
				if err := tx.AddSource(ctx, src, []byte(src.Text)); err != nil {
					return err
				}
			}
			for i := 0; i < 4; i++ {
				e, err := tx.AddEntity(ctx, model.TypePerson)
				if err != nil {
					return err
				}
				ids = append(ids, e.ID)
			}
			// ids[3] states nothing.
			var sts []*model.Statement
			add := func(id string, src model.Source, prop model.Property, v string) *model.Statement {
				s := &model.Statement{EntityID: id, Property: prop, Value: v, SourceID: src.ID, Origin: "extracted:test@1"}
				sts = append(sts, s)
				return s
			}
			add(ids[0], pub, model.PropName, "Rami Haddad")
			add(ids[0], pub, model.PropName, "Rami Haddad") // the same value again
			add(ids[0], internal, model.PropAlias, "Abu Rami")
			add(ids[0], pub, model.PropBirthDate, "1977")
			confirmed := add(ids[0], pub, model.PropPosition, "colonel")
			rejected := add(ids[1], pub, model.PropBirthPlace, "Homs")
			add(ids[1], internal, model.PropName, "Samer Khalil")
			add(ids[2], pub, model.PropName, "Nour Saleh")
			if err := tx.AddStatements(ctx, sts); err != nil {
				return err
			}
			if err := tx.Review(ctx, confirmed.ID, model.StatusConfirmed, ""); err != nil {
				return err
			}
			return tx.Review(ctx, rejected.ID, model.StatusRejected, "")
		})
		if err != nil {
			t.Fatal(err)
		}
		viewers := []struct {
			name string
			v    access.Viewer
			// values is how many values one at a time reads in all: the
			// filters must leave some and take some away.
			values int
		}{
			{"operator", access.Operator(), 6},
			{"public clearance", access.Viewer{Name: "analyst", Role: model.RoleAnalyst, Clearance: model.Public}, 4},
			{"anonymous public", access.Public(), 1},
		}
		for _, vt := range viewers {
			t.Run(vt.name, func(t *testing.T) {
				want := map[string][]model.Statement{}
				n := 0
				for _, id := range ids {
					sts, err := st.StatedValues(ctx, vt.v, id)
					if err != nil {
						t.Fatal(err)
					}
					if len(sts) > 0 {
						want[id] = sts
					}
					n += len(sts)
				}
				if n != vt.values {
					t.Fatalf("one at a time read %d values, want %d: %+v", n, vt.values, want)
				}
				got, err := st.StatedValuesOf(ctx, vt.v, ids)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("in one query:\n%s\none at a time:\n%s", show(got, ids), show(want, ids))
				}
			})
		}
	})
}

func show(m map[string][]model.Statement, ids []string) string {
	out := ""
	for i, id := range ids {
		for _, st := range m[id] {
			out += fmt.Sprintf("  entity %d: %s=%q (%s)\n", i, st.Property, st.Value, st.Sensitivity)
		}
	}
	return out
}
