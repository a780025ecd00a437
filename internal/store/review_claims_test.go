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

// TestLargeClaimsCountedOn: a claim that has gathered more statements than
// largeClaim is counted on from its kept counts as sources add to it —
// several statements of one source, sources new to it and sources it had,
// a statement with no source, a restricted one — and agrees throughout
// with the claims built from the statements from scratch; so does it after
// a statement of it is reviewed (counted again from its members).
func TestLargeClaimsCountedOn(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		var person string
		if err := st.Write(ctx, "tester", func(tx *store.Tx) error {
			p, err := tx.AddEntity(ctx, model.TypePerson)
			person = p.ID
			return err
		}); err != nil {
			t.Fatal(err)
		}
		var srcs []model.Source
		name := func(src model.Source, n int, conf float64) string {
			var last string
			if err := st.Write(ctx, "tester", func(tx *store.Tx) error {
				for range n {
					s := model.Statement{EntityID: person, Property: model.PropName, Value: "Samir Khoury", SourceID: src.ID,
						Sensitivity: src.Sensitivity, Origin: "extracted:test", Confidence: conf}
					if err := tx.AddStatement(ctx, &s); err != nil {
						return err
					}
					last = s.ID
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			return last
		}
		drift := func(when string) {
			t.Helper()
			if d, err := st.ReviewClaimsDrift(ctx); err != nil || d != "" {
				t.Fatalf("%s: %v\n%s", when, err, d)
			}
		}
		for i := range 40 {
			srcs = append(srcs, addSource(t, st, fmt.Sprintf("Security forces arrested Samir Khoury (report %d).", i), model.Public))
			name(srcs[i], 1, 0.5+float64(i)/100)
		}
		drift("forty sources")
		name(srcs[3], 2, 0.99) // a source the claim had, twice more
		drift("a source it had")
		name(addSource(t, st, "Samir Khoury was arrested, a witness said.", model.Restricted), 2, 0.7)
		drift("a restricted source")
		name(model.Source{}, 1, 0.6) // typed in by a person, no source
		drift("no source")
		last := name(addSource(t, st, "Samir Khoury was held.", model.Public), 1, 0.4)
		drift("one more source")
		if err := st.Write(ctx, "tester", func(tx *store.Tx) error {
			return tx.Review(ctx, last, model.StatusConfirmed, "")
		}); err != nil {
			t.Fatal(err)
		}
		drift("a statement of it confirmed")
	})
}
