package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
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

// The operator enrols an account in TOTP: a secret in force at once, with
// recovery codes; a second enrolment needs --reset.
func TestUserTOTP(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	if r := athar(t, "a long enough password\n", "--data", data, "user", "add", "samir", "--role", "reviewer", "--password-stdin"); r.code != 0 {
		t.Fatalf("user add: %d %s", r.code, r.stderr)
	}
	r := athar(t, "", "--data", data, "--json", "user", "totp", "samir")
	var out struct {
		User          string   `json:"user"`
		Secret        string   `json:"secret"`
		URL           string   `json:"url"`
		RecoveryCodes []string `json:"recovery_codes"`
	}
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &out) != nil {
		t.Fatalf("user totp: %d %s %s", r.code, r.stdout, r.stderr)
	}
	if out.User != "samir" || len(out.Secret) != 32 || !strings.Contains(out.URL, "secret="+out.Secret) || len(out.RecoveryCodes) != 10 {
		t.Errorf("user totp printed %+v", out)
	}
	if r := athar(t, "", "--data", data, "user", "totp", "samir"); r.code != 2 || !strings.Contains(r.stderr, "--reset") {
		t.Errorf("a second enrolment: %d %s", r.code, r.stderr)
	}
	r = athar(t, "", "--data", data, "user", "totp", "samir", "--reset")
	if r.code != 0 || strings.Contains(r.stdout, out.Secret) || !strings.Contains(r.stdout, "secret:") {
		t.Errorf("--reset: %d %s", r.code, r.stderr)
	}
	if r := athar(t, "", "--data", data, "user", "totp", "nobody"); r.code != 2 {
		t.Errorf("an unknown account: %d", r.code)
	}
}
