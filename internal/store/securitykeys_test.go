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

// Security keys on both engines: keys are listed per account and relying
// party, one credential is registered once per relying party, a use
// updates the record and a clone warning sticks, removal is per account;
// a ceremony is answered once, by its own account and purpose, and not
// after it expires.
func TestSecurityKeys(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := model.User{Name: "rania", Role: model.RoleReviewer, Clearance: model.Restricted}
		other := model.User{Name: "anas", Role: model.RoleAnalyst, Clearance: model.Internal}
		err := s.Write(ctx, "tester", func(tx *store.Tx) error {
			if err := tx.AddUser(ctx, &u); err != nil {
				return err
			}
			return tx.AddUser(ctx, &other)
		})
		if err != nil {
			t.Fatal(err)
		}
		f := s.SecurityKeys()
		for _, k := range []store.SecurityKey{
			{ID: "k1", UserID: u.ID, RPID: "athar.example.org", CredentialID: "c1", Name: "Blue", Credential: `{"id":"c1"}`},
			{ID: "k2", UserID: u.ID, RPID: "old.example.org", CredentialID: "c2", Name: "Red", Credential: `{"id":"c2"}`},
			{ID: "k3", UserID: other.ID, RPID: "athar.example.org", CredentialID: "c3", Name: "Green", Credential: `{"id":"c3"}`},
		} {
			if err := f.Add(ctx, k); err != nil {
				t.Fatal(err)
			}
		}
		if err := f.Add(ctx, store.SecurityKey{ID: "k4", UserID: other.ID, RPID: "athar.example.org", CredentialID: "c1", Name: "x", Credential: "{}"}); err == nil {
			t.Error("one credential was registered twice with one relying party")
		}
		if n, err := f.Count(ctx, u.ID); err != nil || n != 2 {
			t.Errorf("count: %d %v, want 2", n, err)
		}
		here, err := f.List(ctx, u.ID, "athar.example.org")
		if err != nil || len(here) != 1 || here[0].ID != "k1" || here[0].Name != "Blue" || here[0].CreatedAt.IsZero() || !here[0].LastUsedAt.IsZero() {
			t.Fatalf("keys of one relying party: %+v %v", here, err)
		}
		if err := f.Used(ctx, u.ID, "k1", `{"id":"c1","n":2}`, false); err != nil {
			t.Fatal(err)
		}
		if err := f.Used(ctx, other.ID, "k1", "{}", true); !errors.Is(err, store.ErrNoSecurityKey) {
			t.Errorf("another account's key used: %v", err)
		}
		if err := f.Used(ctx, u.ID, "k1", `{"id":"c1","n":1}`, true); err != nil {
			t.Fatal(err)
		}
		if err := f.Used(ctx, u.ID, "k1", `{"id":"c1","n":3}`, false); err != nil {
			t.Fatal(err)
		}
		all, err := f.List(ctx, u.ID, "")
		if err != nil || len(all) != 2 {
			t.Fatalf("all keys: %+v %v", all, err)
		}
		if k := all[0]; k.ID != "k1" || !k.CloneWarning || k.Credential != `{"id":"c1","n":3}` || k.LastUsedAt.IsZero() {
			t.Errorf("after uses: %+v (the clone warning must stick)", k)
		}
		if _, err := f.Remove(ctx, other.ID, "k1"); !errors.Is(err, store.ErrNoSecurityKey) {
			t.Errorf("another account removed a key: %v", err)
		}
		if k, err := f.Remove(ctx, u.ID, "k1"); err != nil || k.Name != "Blue" {
			t.Errorf("remove: %+v %v", k, err)
		}
		if n, err := f.RemoveAll(ctx, u.ID); err != nil || n != 1 {
			t.Errorf("remove all: %d %v, want 1", n, err)
		}
		if n, _ := f.Count(ctx, other.ID); n != 1 {
			t.Errorf("another account's keys: %d, want 1", n)
		}

		// Ceremonies.
		later := time.Now().Add(time.Hour)
		if err := f.BeginCeremony(ctx, "e1", u.ID, "sign-in", `{"challenge":"x"}`, later); err != nil {
			t.Fatal(err)
		}
		if err := f.BeginCeremony(ctx, "e2", u.ID, "sign-in", "{}", time.Now().Add(-time.Second)); err != nil {
			t.Fatal(err)
		}
		for _, tt := range []struct {
			id, user, purpose string
			want              bool
		}{
			{"e1", other.ID, "sign-in", false}, // not another account's
			{"e1", u.ID, "register", false},    // not for another purpose
			{"e1", u.ID, "sign-in", true},
			{"e1", u.ID, "sign-in", false}, // once
			{"e2", u.ID, "sign-in", false}, // expired
		} {
			data, err := f.TakeCeremony(ctx, tt.id, tt.user, tt.purpose)
			if got := err == nil; got != tt.want || (!got && !errors.Is(err, store.ErrNoCeremony)) {
				t.Errorf("take %s as %s for %s: %q %v, want ok=%v", tt.id, tt.user, tt.purpose, data, err, tt.want)
			}
			if err == nil && data != `{"challenge":"x"}` {
				t.Errorf("take %s: %q", tt.id, data)
			}
		}
	})
}
