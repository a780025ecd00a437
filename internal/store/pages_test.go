package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

type entityFilter struct {
	Type  model.EntityType
	After string
	Limit int
}

func TestEntityAndStatementPages(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		pub := addSource(t, st, "public text", model.Public)
		conf := addSource(t, st, "confidential text", model.Confidential)
		var person, alias, hidden, place string
		var stmts []string
		err := st.Write(ctx, "tester", func(tx *store.Tx) error {
			mk := func(typ model.EntityType) string {
				e, err := tx.AddEntity(ctx, typ)
				if err != nil {
					t.Fatal(err)
				}
				return e.ID
			}
			person, alias, hidden, place = mk(model.TypePerson), mk(model.TypePerson), mk(model.TypePerson), mk(model.TypePlace)
			for _, s := range []model.Statement{
				{EntityID: person, Property: "name", Value: "Ous Salloum", SourceID: pub.ID, Status: model.StatusConfirmed},
				{EntityID: person, Property: "title", Value: "Col.", SourceID: pub.ID},
				{EntityID: alias, Property: "alias", Value: "Aws Saloum", SourceID: pub.ID, Status: model.StatusConfirmed},
				{EntityID: person, Property: "alias", Value: "Rejected Name", SourceID: pub.ID, Status: model.StatusRejected},
				{EntityID: hidden, Property: "name", Value: "Hidden Witness", SourceID: conf.ID, Status: model.StatusConfirmed},
				{EntityID: place, Property: "name", Value: "Homs", SourceID: pub.ID},
			} {
				s.Origin = "manual"
				if err := tx.AddStatement(ctx, &s); err != nil {
					return err
				}
				stmts = append(stmts, s.ID)
			}
			return tx.SetMergedInto(ctx, alias, person)
		})
		if err != nil {
			t.Fatal(err)
		}
		viewer := access.Viewer{Name: "v", Role: model.RoleViewer, Clearance: model.Public}
		page := func(v access.Viewer, f entityFilter) map[string][]string {
			ents, err := st.EntitiesPage(ctx, v, f.Type, f.After, f.Limit)
			if err != nil {
				t.Fatal(err)
			}
			out := map[string][]string{}
			for _, e := range ents {
				out[e.ID] = e.Names
			}
			return out
		}
		got := page(viewer, entityFilter{Limit: 10})
		if len(got) != 2 || !slices.Equal(got[person], []string{"Ous Salloum", "Aws Saloum"}) || got[place] == nil {
			t.Errorf("viewer's page: %v", got)
		}
		if got := page(access.Operator(), entityFilter{Limit: 10}); len(got) != 3 || got[hidden] == nil {
			t.Errorf("operator's page: %v", got)
		}
		// The public sees confirmed statements only: the place's name is proposed.
		if got := page(access.Public(), entityFilter{Limit: 10}); len(got) != 1 || got[person] == nil {
			t.Errorf("public page: %v", got)
		}
		if got := page(viewer, entityFilter{Type: model.TypePlace, Limit: 10}); len(got) != 1 || got[place] == nil {
			t.Errorf("places: %v", got)
		}
		// Keyset: one a page, in id order, each once.
		var walked []string
		after := ""
		for {
			ents, err := st.EntitiesPage(ctx, access.Operator(), "", after, 1)
			if err != nil {
				t.Fatal(err)
			}
			if len(ents) == 0 {
				break
			}
			walked = append(walked, ents[0].ID)
			after = ents[0].ID
		}
		want := []string{person, hidden, place}
		slices.Sort(want)
		if !slices.Equal(walked, want) {
			t.Errorf("walked %v, want %v", walked, want)
		}

		sts, err := st.StatementPageFor(ctx, viewer, store.StatementFilter{EntityIDs: []string{person, alias}, Limit: 10})
		if err != nil || len(sts) != 4 {
			t.Fatalf("statements of the person: %d %v", len(sts), err)
		}
		if sts, _ := st.StatementPageFor(ctx, viewer, store.StatementFilter{SourceID: conf.ID, Limit: 10}); len(sts) != 0 {
			t.Errorf("a viewer got confidential statements: %v", sts)
		}
		if sts, _ := st.StatementPageFor(ctx, viewer, store.StatementFilter{EntityIDs: []string{person}, Status: model.StatusRejected, Limit: 10}); len(sts) != 1 {
			t.Errorf("rejected filter: %v", sts)
		}
		if sts, _ := st.StatementPageFor(ctx, viewer, store.StatementFilter{EntityIDs: []string{person}, Property: "title", Limit: 10}); len(sts) != 1 || sts[0].Value != "Col." {
			t.Errorf("property filter: %v", sts)
		}
		first, _ := st.StatementPageFor(ctx, viewer, store.StatementFilter{EntityIDs: []string{person, alias}, Limit: 2})
		rest, _ := st.StatementPageFor(ctx, viewer, store.StatementFilter{EntityIDs: []string{person, alias}, After: first[1].ID, Limit: 10})
		if len(first) != 2 || len(rest) != 2 || rest[0].ID <= first[1].ID {
			t.Errorf("statement pages: %d then %d", len(first), len(rest))
		}
		if _, err := st.StatementPageFor(ctx, viewer, store.StatementFilter{Limit: 10}); err == nil {
			t.Error("a page of every statement in the store was allowed")
		}
	})
}
