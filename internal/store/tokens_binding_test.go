package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// A token is bound to the role and clearance its account had when it was
// made: promoted, the account's token stops working (whoever made it
// decided for the old role); cleared higher, the token still reads no
// higher than it was made to; cleared lower, it reads lower at once.
func TestTokenBoundToItsRoleAndClearance(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		admin := model.User{Name: "boss", Role: model.RoleAdmin, Clearance: model.Confidential}
		u := model.User{Name: "omar", Role: model.RoleAnalyst, Clearance: model.Restricted}
		err := s.Write(ctx, "tester", func(tx *store.Tx) error {
			if err := tx.AddUser(ctx, &admin); err != nil {
				return err
			}
			return tx.AddUser(ctx, &u)
		})
		if err != nil {
			t.Fatal(err)
		}
		tok, secret, err := s.Tokens().Create(ctx, u.ID, "scripts", time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		if tok.Role != model.RoleAnalyst || tok.Clearance != model.Restricted {
			t.Fatalf("token made for %s/%s", tok.Role, tok.Clearance)
		}
		set := func(role model.Role, c model.Sensitivity) {
			t.Helper()
			if err := s.Write(ctx, "boss", func(tx *store.Tx) error {
				return tx.UpdateUser(ctx, u.ID, store.UserUpdate{Role: role, Clearance: c})
			}); err != nil {
				t.Fatal(err)
			}
		}
		for _, tt := range []struct {
			role      model.Role
			clearance model.Sensitivity
			ok        bool
			reads     model.Sensitivity
		}{
			{model.RoleAnalyst, model.Restricted, true, model.Restricted},
			{model.RoleAnalyst, model.Confidential, true, model.Restricted},
			{model.RoleAnalyst, model.Internal, true, model.Internal},
			{model.RoleAdmin, model.Confidential, false, 0},
			{model.RoleViewer, model.Restricted, false, 0},
			{model.RoleAnalyst, model.Restricted, true, model.Restricted},
		} {
			set(tt.role, tt.clearance)
			got, acct, err := s.Tokens().Authenticate(ctx, secret)
			if !tt.ok {
				if !errors.Is(err, store.ErrNoToken) {
					t.Errorf("account now %s/%s: token still works (%v)", tt.role, tt.clearance, err)
				}
				continue
			}
			if err != nil || got.ID != tok.ID || acct.Role != tt.role || acct.Clearance != tt.reads {
				t.Errorf("account now %s/%s: token acts as %s/%s (%v), want %s/%s", tt.role, tt.clearance, acct.Role, acct.Clearance, err, tt.role, tt.reads)
			}
		}
		list, err := s.Tokens().List(ctx, u.ID)
		if err != nil || len(list) != 1 || list[0].Role != model.RoleAnalyst || list[0].Clearance != model.Restricted {
			t.Fatalf("listed: %+v %v", list, err)
		}
	})
}

// Tokens made before the binding are bound, by the migration, to what
// their account holds at the upgrade.
func TestTokenBindingMigration(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := model.User{Name: "omar", Role: model.RoleReviewer, Clearance: model.Internal}
		if err := s.Write(ctx, "tester", func(tx *store.Tx) error { return tx.AddUser(ctx, &u) }); err != nil {
			t.Fatal(err)
		}
		_, secret, err := s.Tokens().Create(ctx, u.ID, "scripts", time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		v, err := s.MigrationNamed("seal_fields_token_binding")
		if err != nil {
			t.Fatal(err)
		}
		if err := s.RedoMigrationsFrom(ctx, v); err != nil {
			t.Fatal(err)
		}
		got, acct, err := s.Tokens().Authenticate(ctx, secret)
		if err != nil || got.Role != model.RoleReviewer || got.Clearance != model.Internal || acct.Clearance != model.Internal {
			t.Fatalf("after the migration: %+v %+v %v", got, acct, err)
		}
	})
}
