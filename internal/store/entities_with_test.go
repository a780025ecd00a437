package store_test

import (
	"context"
	"testing"

	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// The look-ups of EntitiesWith, made in one query, answer each what
// EntityWith answers alone: the first entity of the type to state the value
// (the one it was merged into, if it was), none for a rejected statement, a
// value nobody states or an entity of another type — and the same as the
// walk by type both used to run (EntityWith is now EntitiesWith's one
// look-up case).
func TestEntitiesWithIsEntityWithOneAtATime(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		ents := map[string]string{}
		err := st.Write(ctx, "tester", func(tx *store.Tx) error {
			src := model.Source{Kind: model.KindArticle, Text: "gazetteer ids " + st.Engine()}
			if err := tx.AddSource(ctx, &src, []byte(src.Text)); err != nil {
				return err
			}
			for _, e := range []struct {
				name string
				typ  model.EntityType
			}{{"prison", model.TypeFacility}, {"prison again", model.TypeFacility}, {"town", model.TypePlace},
				{"merged", model.TypeFacility}, {"into", model.TypeFacility}, {"rejected", model.TypeFacility}} {
				x, err := tx.AddEntity(ctx, e.typ)
				if err != nil {
					return err
				}
				ents[e.name] = x.ID
			}
			state := func(entity, gid string) *model.Statement {
				return &model.Statement{EntityID: ents[entity], Property: model.PropGazetteer, Value: gid, SourceID: src.ID, Origin: "extracted:test@1"}
			}
			// One at a time: each is made after the one before.
			rejected := state("rejected", "fac-3")
			for _, s := range []*model.Statement{state("prison", "fac-1"), state("prison again", "fac-1"), state("town", "SY10"),
				state("town", "fac-1"), state("merged", "fac-2"), rejected} {
				if err := tx.AddStatement(ctx, s); err != nil {
					return err
				}
			}
			if err := tx.Review(ctx, rejected.ID, model.StatusRejected, ""); err != nil {
				return err
			}
			return tx.SetMergedInto(ctx, ents["merged"], ents["into"])
		})
		if err != nil {
			t.Fatal(err)
		}
		keys := []store.TypedValue{
			{Type: model.TypeFacility, Value: "fac-1"}, // two entities state it: the first
			{Type: model.TypePlace, Value: "fac-1"},    // stated by a place too
			{Type: model.TypePlace, Value: "SY10"},
			{Type: model.TypeFacility, Value: "SY10"},  // no facility states it
			{Type: model.TypeFacility, Value: "fac-2"}, // merged away: the one it joined
			{Type: model.TypeFacility, Value: "fac-3"}, // rejected
			{Type: model.TypeFacility, Value: "fac-9"}, // nobody
		}
		want := map[store.TypedValue]string{keys[0]: ents["prison"], keys[1]: ents["town"], keys[2]: ents["town"],
			keys[3]: "", keys[4]: ents["into"], keys[5]: "", keys[6]: ""}
		err = st.Write(ctx, "tester", func(tx *store.Tx) error {
			got, err := tx.EntitiesWith(ctx, string(model.PropGazetteer), keys)
			if err != nil {
				return err
			}
			for _, k := range keys {
				one, err := tx.EntityWith(ctx, k.Type, string(model.PropGazetteer), k.Value)
				if err != nil {
					return err
				}
				if one != want[k] {
					t.Errorf("%s %s: EntityWith %q, want %q", k.Type, k.Value, one, want[k])
				}
				if got[k] != one {
					t.Errorf("%s %s: EntitiesWith %q, EntityWith %q", k.Type, k.Value, got[k], one)
				}
				// The walk by type, the plan both had before, gives
				// the same answer.
				walked, err := tx.EntityWithTyped(ctx, k.Type, string(model.PropGazetteer), k.Value)
				if err != nil {
					return err
				}
				if walked != one {
					t.Errorf("%s %s: walk by type %q, EntityWith %q", k.Type, k.Value, walked, one)
				}
			}
			if len(got) != len(keys) {
				t.Errorf("EntitiesWith answered %d look-ups, want %d", len(got), len(keys))
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}
