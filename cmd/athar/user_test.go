package main

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// Disabling an account from the command line signs its browsers out at
// once, as the admin page does.
func TestUserDisableEndsSessions(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	if r := athar(t, "a long enough password\n", "--data", data, "user", "add", "samir", "--role", "reviewer", "--password-stdin"); r.code != 0 {
		t.Fatalf("user add: %d %s", r.code, r.stderr)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, store.Config{DataDir: data})
	if err != nil {
		t.Fatal(err)
	}
	u, err := st.UserByName(ctx, "samir")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	sess := model.Session{ID: "0f" + store.Hash([]byte("token"))[2:], UserID: u.ID, UserName: u.Name, CSRF: "c",
		CreatedAt: now, LastSeen: now, ExpiresAt: now.Add(time.Hour)}
	if err := st.Sessions().Create(ctx, sess); err != nil {
		t.Fatal(err)
	}
	st.Close()

	if r := athar(t, "", "--data", data, "user", "disable", "samir"); r.code != 0 {
		t.Fatalf("user disable: %d %s", r.code, r.stderr)
	}
	st, err = store.Open(ctx, store.Config{DataDir: data})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if got, err := st.Sessions().Get(ctx, sess.ID); err == nil {
		t.Errorf("the disabled account's session is still there: %+v", got)
	}
}
