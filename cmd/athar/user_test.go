package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"slices"
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

// A reset of the second factor removes the account's security keys too, as
// the admin page's "Remove second factor" does, and says so in the access
// log; an account whose only factor is a key is not enrolled over it
// without --reset.
func TestUserTOTPResetRemovesKeys(t *testing.T) {
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
	for _, id := range []string{"key-1", "key-2"} {
		if err := st.SecurityKeys().Add(ctx, store.SecurityKey{ID: id, UserID: u.ID, RPID: "athar.example.org", CredentialID: "Y3JlZA" + id,
			Name: id, Credential: `{"id":"Y3JlZA"}`}); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()

	if r := athar(t, "", "--data", data, "user", "totp", "samir"); r.code != 2 || !strings.Contains(r.stderr, "--reset") || !strings.Contains(r.stderr, "2 security keys") {
		t.Fatalf("enrolling over a key: %d %s", r.code, r.stderr)
	}
	r := athar(t, "", "--data", data, "--json", "user", "totp", "samir", "--reset")
	var out struct {
		Secret      string `json:"secret"`
		KeysRemoved int    `json:"security_keys_removed"`
	}
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &out) != nil || out.Secret == "" || out.KeysRemoved != 2 {
		t.Fatalf("--reset: %d %s %s", r.code, r.stdout, r.stderr)
	}
	if r := athar(t, "", "--data", data, "--json", "user", "keys", "samir"); r.code != 0 || strings.TrimSpace(r.stdout) != "[]" {
		t.Errorf("the keys after --reset: %d %s", r.code, r.stdout)
	}
	st, err = store.Open(ctx, store.Config{DataDir: data})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	entries, err := st.AccessLog().Recent(ctx, 20)
	if err != nil {
		t.Fatal(err)
	}
	var logged []string
	for _, e := range entries {
		if e.Subject == "user:samir" {
			logged = append(logged, e.Action)
		}
	}
	if !slices.Contains(logged, "security-key-removed") || !slices.Contains(logged, "totp-reset") {
		t.Errorf("the access log of samir: %v", logged)
	}
}

// The operator lists an account's security keys and removes them all for
// someone who lost theirs: the account's sessions end, and a second removal
// finds none.
func TestUserKeys(t *testing.T) {
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
	// A key as the account page registers it (the web's browser test goes
	// through a real ceremony), and a session.
	if err := st.SecurityKeys().Add(ctx, store.SecurityKey{ID: "key-1", UserID: u.ID, RPID: "athar.example.org", CredentialID: "Y3JlZA",
		Name: "Blue key", Credential: `{"id":"Y3JlZA"}`}); err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	if err := st.Sessions().Create(ctx, model.Session{ID: "s1", UserID: u.ID, UserName: u.Name, CSRF: "c", CreatedAt: now, LastSeen: now,
		ExpiresAt: now.Add(time.Hour), SecondFactor: "security-key"}); err != nil {
		t.Fatal(err)
	}
	st.Close()

	r := athar(t, "", "--data", data, "--json", "user", "keys", "samir")
	var keys []struct {
		ID, Name string
	}
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &keys) != nil || len(keys) != 1 || keys[0].ID != "key-1" || keys[0].Name != "Blue key" {
		t.Fatalf("user keys: %d %s %s", r.code, r.stdout, r.stderr)
	}
	if r := athar(t, "", "--data", data, "user", "keys", "samir", "--remove-all"); r.code != 0 || !strings.Contains(r.stdout, "removed 1 security keys of samir") {
		t.Fatalf("--remove-all: %d %s %s", r.code, r.stdout, r.stderr)
	}
	if r := athar(t, "", "--data", data, "--json", "user", "keys", "samir"); r.code != 0 || strings.TrimSpace(r.stdout) != "[]" {
		t.Errorf("after removal: %d %s", r.code, r.stdout)
	}
	if r := athar(t, "", "--data", data, "user", "keys", "nobody"); r.code != 2 {
		t.Errorf("an unknown account: %d", r.code)
	}
	st, err = store.Open(ctx, store.Config{DataDir: data})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Sessions().Get(ctx, "s1"); err == nil {
		t.Error("the account's session outlived the removal of its keys")
	}
}
