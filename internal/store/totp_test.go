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

// Second factors on both engines: a time step is accepted once and never an
// older one, a pending secret is confirmed by its first code, a confirmed
// one cannot be replaced without removing it, and each recovery code is
// used once.
func TestSecondFactors(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := model.User{Name: "rania", Role: model.RoleReviewer, Clearance: model.Restricted}
		if err := s.Write(ctx, "tester", func(tx *store.Tx) error { return tx.AddUser(ctx, &u) }); err != nil {
			t.Fatal(err)
		}
		f := s.SecondFactors()
		if _, err := f.TOTP(ctx, u.ID); !errors.Is(err, store.ErrNoTOTP) {
			t.Fatalf("no secret yet: %v", err)
		}
		if err := f.StartTOTP(ctx, u.ID, "SECRETA"); err != nil {
			t.Fatal(err)
		}
		if err := f.StartTOTP(ctx, u.ID, "SECRETB"); err != nil { // a pending one is replaced
			t.Fatal(err)
		}
		if x, err := f.TOTP(ctx, u.ID); err != nil || x.Secret != "SECRETB" || x.Confirmed {
			t.Fatalf("pending: %+v %v", x, err)
		}
		if ok, err := f.UseTOTPStep(ctx, u.ID, "SECRETA", 10, nil); err != nil || ok {
			t.Errorf("a step of the replaced secret: %v %v", ok, err)
		}
		for _, tt := range []struct {
			step int64
			want bool
		}{{10, true}, {10, false}, {9, false}, {11, true}} {
			if ok, err := f.UseTOTPStep(ctx, u.ID, "SECRETB", tt.step, []string{"h1", "h2"}); err != nil || ok != tt.want {
				t.Errorf("step %d: %v %v, want %v", tt.step, ok, err, tt.want)
			}
		}
		if x, _ := f.TOTP(ctx, u.ID); !x.Confirmed || x.LastStep != 11 {
			t.Errorf("after the first code: %+v", x)
		}
		if err := f.StartTOTP(ctx, u.ID, "SECRETC"); !errors.Is(err, store.ErrTOTPConfirmed) {
			t.Errorf("replacing a confirmed secret: %v", err)
		}
		for _, tt := range []struct {
			hash string
			want bool
		}{{"h1", true}, {"h1", false}, {"h3", false}, {"h2", true}} {
			if ok, err := f.UseRecoveryCode(ctx, u.ID, tt.hash); err != nil || ok != tt.want {
				t.Errorf("recovery %s: %v %v, want %v", tt.hash, ok, err, tt.want)
			}
		}
		if n, err := f.RecoveryCodesLeft(ctx, u.ID); err != nil || n != 0 {
			t.Errorf("codes left: %d %v", n, err)
		}
		if err := f.ReplaceRecoveryCodes(ctx, u.ID, []string{"h4"}); err != nil {
			t.Fatal(err)
		}
		if n, _ := f.RecoveryCodesLeft(ctx, u.ID); n != 1 {
			t.Errorf("codes left after renewal: %d", n)
		}
		if err := f.Remove(ctx, u.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := f.TOTP(ctx, u.ID); !errors.Is(err, store.ErrNoTOTP) {
			t.Errorf("after removal: %v", err)
		}
		if ok, _ := f.UseRecoveryCode(ctx, u.ID, "h4"); ok {
			t.Error("a recovery code outlived the removal")
		}
		// Sessions record the factor.
		now := time.Now().UTC()
		sess := model.Session{ID: "ab", UserID: u.ID, UserName: u.Name, CSRF: "c", SecondFactor: "totp",
			CreatedAt: now, LastSeen: now, ExpiresAt: now.Add(time.Hour)}
		if err := s.Sessions().Create(ctx, sess); err != nil {
			t.Fatal(err)
		}
		if got, err := s.Sessions().Get(ctx, "ab"); err != nil || got.SecondFactor != "totp" {
			t.Errorf("session: %+v %v", got, err)
		}
	})
}
