package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

func TestUpdateUserKeepsAnAdmin(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a := addUser(t, s, "adel", model.RoleAdmin, model.Confidential)
		b := addUser(t, s, "basma", model.RoleAdmin, model.Confidential)
		v := addUser(t, s, "vera", model.RoleViewer, model.Public)
		update := func(u model.User, up store.UserUpdate) error {
			return s.Write(ctx, "adel", func(tx *store.Tx) error { return tx.UpdateUser(ctx, u.ID, up) })
		}
		steps := []struct {
			name string
			user model.User
			up   store.UserUpdate
			want error
		}{
			{"promote a viewer", v, store.UserUpdate{Role: model.RoleReviewer, Clearance: model.Restricted}, nil},
			{"demote one of two admins", b, store.UserUpdate{Role: model.RoleAnalyst, Clearance: model.Internal}, nil},
			{"demote the last admin", a, store.UserUpdate{Role: model.RoleViewer, Clearance: model.Confidential}, store.ErrLastAdmin},
			{"disable the last admin", a, store.UserUpdate{Role: model.RoleAdmin, Clearance: model.Confidential, Disabled: true}, store.ErrLastAdmin},
			{"lower the last admin's clearance", a, store.UserUpdate{Role: model.RoleAdmin, Clearance: model.Restricted}, nil},
			{"a bad role", v, store.UserUpdate{Role: "boss", Clearance: model.Public}, nil},
			{"no such user", model.User{ID: "nobody"}, store.UserUpdate{Role: model.RoleViewer, Clearance: model.Public}, store.ErrNotFound},
			{"re-promote and disable the other", b, store.UserUpdate{Role: model.RoleAdmin, Clearance: model.Confidential}, nil},
			{"now the first may be disabled", a, store.UserUpdate{Role: model.RoleAdmin, Clearance: model.Confidential, Disabled: true}, nil},
		}
		for _, st := range steps {
			err := update(st.user, st.up)
			switch {
			case st.name == "a bad role":
				if err == nil {
					t.Errorf("%s: accepted", st.name)
				}
			case st.want == nil && err != nil, st.want != nil && !errors.Is(err, st.want):
				t.Errorf("%s: %v, want %v", st.name, err, st.want)
			}
		}
		users, err := s.Users(ctx)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]model.User{}
		for _, u := range users {
			got[u.Name] = u
		}
		if u := got["adel"]; u.Role != model.RoleAdmin || !u.Disabled || u.Clearance != model.Confidential {
			t.Errorf("adel: %+v", u)
		}
		if u := got["basma"]; u.Role != model.RoleAdmin || u.Disabled {
			t.Errorf("basma: %+v", u)
		}
		if u := got["vera"]; u.Role != model.RoleReviewer || u.Clearance != model.Restricted {
			t.Errorf("vera: %+v", u)
		}
		if err := s.Write(ctx, "basma", func(tx *store.Tx) error { return tx.SetUserPassword(ctx, v.ID, "new-hash") }); err != nil {
			t.Fatal(err)
		}
		if u, _ := s.UserByID(ctx, v.ID); u.PasswordHash != "new-hash" {
			t.Errorf("password hash %q", u.PasswordHash)
		}
		mustVerify(t, s)
	})
}
