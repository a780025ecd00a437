package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

func TestEntitiesPage(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		pub := addSource(t, s, "public", model.Public)
		conf := addSource(t, s, "confidential", model.Confidential)
		var persons []string
		var secret, merged, event string
		err := s.Write(ctx, "tester", func(tx *store.Tx) error {
			add := func(typ model.EntityType, prop model.Property, value, src string, status model.Status) string {
				e, err := tx.AddEntity(ctx, typ)
				if err != nil {
					t.Fatal(err)
				}
				st := model.Statement{EntityID: e.ID, Property: prop, Value: value, SourceID: src, Origin: "manual", Status: status}
				if err := tx.AddStatement(ctx, &st); err != nil {
					t.Fatal(err)
				}
				return e.ID
			}
			for i := range 7 {
				persons = append(persons, add(model.TypePerson, "name", fmt.Sprintf("Person %d", i), pub.ID, model.StatusConfirmed))
			}
			add(model.TypePerson, "name", "Rejected Name", pub.ID, model.StatusRejected)
			add(model.TypePerson, "position", "no name, only a position", pub.ID, model.StatusConfirmed)
			secret = add(model.TypePerson, "name", "Secret Name", conf.ID, model.StatusConfirmed)
			merged = add(model.TypePerson, "alias", "Merged Alias", pub.ID, model.StatusProposed)
			event = add(model.TypeEvent, "eventType", "arrest", pub.ID, model.StatusConfirmed)
			return tx.SetMergedInto(ctx, merged, persons[0])
		})
		if err != nil {
			t.Fatal(err)
		}
		all := func(v access.Viewer, typ model.EntityType, limit int) ([]store.EntityNames, int) {
			t.Helper()
			var out []store.EntityNames
			after, pages := "", 0
			for {
				page, err := s.EntitiesPage(ctx, v, typ, after, limit)
				if err != nil {
					t.Fatal(err)
				}
				out = append(out, page...)
				pages++
				if len(page) < limit {
					return out, pages
				}
				after = page[len(page)-1].ID
			}
		}
		for _, tc := range []struct {
			name  string
			v     access.Viewer
			typ   model.EntityType
			want  int
			names map[string]string // entity id → all its names joined
		}{
			{"operator, persons", access.Operator(), model.TypePerson, 8,
				map[string]string{persons[0]: "Person 0|Merged Alias", secret: "Secret Name"}},
			{"viewer, everything", access.ForUser(model.User{Name: "v", Role: model.RoleViewer, Clearance: model.Public}), "", 8,
				map[string]string{persons[0]: "Person 0|Merged Alias", event: ""}},
			{"the public: confirmed only", access.Public(), "", 8, map[string]string{persons[0]: "Person 0"}},
			{"events", access.Operator(), model.TypeEvent, 1, nil},
		} {
			got, pages := all(tc.v, tc.typ, 3)
			if len(got) != tc.want {
				t.Errorf("%s: %d entities, want %d", tc.name, len(got), tc.want)
			}
			if n, err := s.CountEntities(ctx, tc.v, tc.typ, 0); err != nil || n != tc.want {
				t.Errorf("%s: counted %d (%v), want %d", tc.name, n, err, tc.want)
			}
			if n, err := s.CountEntities(ctx, tc.v, tc.typ, 2); err != nil || n != min(2, tc.want) {
				t.Errorf("%s: counted %d (%v) up to 2", tc.name, n, err)
			}
			if pages != tc.want/3+1 {
				t.Errorf("%s: %d pages", tc.name, pages)
			}
			seen := map[string]bool{}
			for i, e := range got {
				if seen[e.ID] || e.ID == merged {
					t.Errorf("%s: %s listed twice or listed though merged", tc.name, e.ID)
				}
				seen[e.ID] = true
				if i > 0 && got[i-1].ID >= e.ID {
					t.Errorf("%s: not in id order", tc.name)
				}
				if want, ok := tc.names[e.ID]; ok {
					if g := fmt.Sprint(joinNames(e.Names)); g != want {
						t.Errorf("%s: names of %s %q, want %q", tc.name, e.ID, g, want)
					}
				}
				for _, n := range e.Names {
					if n == "Rejected Name" || (n == "Secret Name" && tc.v.Clearance < model.Confidential) {
						t.Errorf("%s: shows %q", tc.name, n)
					}
				}
			}
		}
	})
}

func joinNames(ns []string) string {
	out := ""
	for i, n := range ns {
		if i > 0 {
			out += "|"
		}
		out += n
	}
	return out
}
