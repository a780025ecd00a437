package store_test

import (
	"context"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// TestReviewClaimsMigration: migration 00039 on a store with proposed
// statements leaves its kept claims to be built, and the store builds them
// (as Open does) the same as they were kept; the claim of a confidential
// statement is kept for confidential reviewers only.
func TestReviewClaimsMigration(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		pub := addSource(t, st, "Security forces arrested Samir Khoury in Damascus.", model.Public)
		conf := addSource(t, st, "A witness said Samir Khoury was arrested.", model.Confidential)
		err := st.Write(ctx, "tester", func(tx *store.Tx) error {
			person, err := tx.AddEntity(ctx, model.TypePerson)
			if err != nil {
				return err
			}
			for _, src := range []model.Source{pub, conf} {
				ev, err := tx.AddEntity(ctx, model.TypeEvent)
				if err != nil {
					return err
				}
				for _, s := range []model.Statement{
					{EntityID: person.ID, Property: model.PropName, Value: "Samir Khoury"},
					{EntityID: ev.ID, Property: model.PropEventType, Value: string(model.EventArrest)},
					{EntityID: ev.ID, Property: model.PropInvolved, Value: "Samir Khoury", ValueEntity: person.ID, Role: model.Subject},
				} {
					s.SourceID, s.Sensitivity, s.Origin, s.Confidence = src.ID, src.Sensitivity, "extracted:test", 0.8
					if err := tx.AddStatement(ctx, &s); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		claims := func(level model.Sensitivity) (int, int) {
			v := access.ForUser(model.User{Name: "r", Role: model.RoleReviewer, Clearance: level})
			sts, total, err := st.ReviewClaimStatements(ctx, v, store.ReviewClaimsFilter{Limit: 25}, 1000)
			if err != nil {
				t.Fatal(err)
			}
			return len(sts), total
		}
		if n, total := claims(model.Public); n != 3 || total != 2 {
			t.Errorf("a public reviewer: %d statements in %d claims, want 3 in 2 (the name, the arrest)", n, total)
		}
		if n, total := claims(model.Confidential); n != 6 || total != 2 {
			t.Errorf("a confidential reviewer: %d statements in %d claims, want 6 in 2", n, total)
		}
		if err := st.RedoMigrationsFrom(ctx, 39); err != nil {
			t.Fatal(err)
		}
		var built, n int
		if err := st.DB().QueryRowContext(ctx, "SELECT built, (SELECT count(*) FROM review_claims) FROM review_claims_mark").Scan(&built, &n); err != nil {
			t.Fatal(err)
		}
		if built != 0 || n != 0 {
			t.Fatalf("after the migration: built %d, %d claims", built, n)
		}
		if err := st.EnsureReviewClaims(ctx); err != nil {
			t.Fatal(err)
		}
		if drift, err := st.ReviewClaimsDrift(ctx); err != nil || drift != "" {
			t.Errorf("built: %v\n%s", err, drift)
		}
		if n, total := claims(model.Public); n != 3 || total != 2 {
			t.Errorf("built, a public reviewer: %d statements in %d claims, want 3 in 2", n, total)
		}
	})
}
