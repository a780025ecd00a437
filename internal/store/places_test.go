package store_test

import (
	"context"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// The map's data: facilities and places with their gazetteer ids and the
// number of events located there, counted only from what the viewer may see.
func TestPlacedEntitiesCountsOnlyVisibleEvents(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		public := addSource(t, s, "Sednaya prison: two arrests.", model.Public)
		secret := addSource(t, s, "A testimony about a third arrest at Sednaya.", model.Confidential)
		var prison model.Entity
		err := s.Write(ctx, "tester", func(tx *store.Tx) error {
			var err error
			if prison, err = tx.AddEntity(ctx, model.TypeFacility); err != nil {
				return err
			}
			gz := model.Statement{EntityID: prison.ID, Property: "gazetteer", Value: "facility:sednaya", SourceID: public.ID, Origin: "manual"}
			if err := tx.AddStatement(ctx, &gz); err != nil {
				return err
			}
			if err := tx.Review(ctx, gz.ID, model.StatusConfirmed, ""); err != nil {
				return err
			}
			for i, src := range []model.Source{public, public, secret} {
				ev, err := tx.AddEntity(ctx, model.TypeEvent)
				if err != nil {
					return err
				}
				loc := model.Statement{EntityID: ev.ID, Property: "location", Value: "Sednaya", ValueEntity: prison.ID, SourceID: src.ID, Origin: "manual"}
				if err := tx.AddStatement(ctx, &loc); err != nil {
					return err
				}
				if i == 0 { // one public event confirmed, one only proposed
					if err := tx.Review(ctx, loc.ID, model.StatusConfirmed, ""); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		internal, err := access.Operator().Narrow(model.Internal)
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			name   string
			v      access.Viewer
			events int
		}{
			{"operator", access.Operator(), 3},
			{"internal clearance", internal, 2},
			{"anonymous public: confirmed only", access.Public(), 1},
		} {
			t.Run(tc.name, func(t *testing.T) {
				got, err := s.PlacedEntities(ctx, tc.v)
				if err != nil {
					t.Fatal(err)
				}
				if len(got) != 1 || got[0].ID != prison.ID || got[0].EventCount != tc.events ||
					len(got[0].Gazetteer) != 1 || got[0].Gazetteer[0] != "facility:sednaya" {
					t.Errorf("got %+v; want the prison with %d events", got, tc.events)
				}
			})
		}
	})
}
