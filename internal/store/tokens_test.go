package store_test

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

func addTokenUser(t *testing.T, st *store.Store, name string) model.User {
	t.Helper()
	u := model.User{Name: name, Role: model.RoleAnalyst, Clearance: model.Internal}
	if err := st.Write(context.Background(), "tester", func(tx *store.Tx) error { return tx.AddUser(context.Background(), &u) }); err != nil {
		t.Fatal(err)
	}
	return u
}

func TestTokens(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		nour := addTokenUser(t, st, "nour")
		tk := st.Tokens()

		made, secret, err := tk.Create(ctx, nour.ID, "  nightly export ", time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		if !regexp.MustCompile(`^athar_[a-z2-7]{52}$`).MatchString(secret) {
			t.Errorf("token %q is not athar_ and 52 base32 characters", secret)
		}
		if made.Name != "nightly export" || made.UserName != "nour" {
			t.Errorf("made %+v", made)
		}
		// Only the hash is stored: the token appears in no column.
		var n int
		if err := st.DB().QueryRowContext(ctx, st.Rebind("SELECT count(*) FROM api_tokens WHERE hash = ? AND id = ?"), store.HashToken(secret), made.ID).Scan(&n); err != nil || n != 1 {
			t.Fatalf("hash row: %d, %v", n, err)
		}
		rows, err := st.DB().QueryContext(ctx, "SELECT id, hash, user_id, name, created_at, last_used_at, expires_at, revoked_at FROM api_tokens")
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			cols := make([]string, 8)
			ptrs := make([]any, 8)
			for i := range cols {
				ptrs[i] = &cols[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for _, c := range cols {
				if strings.Contains(c, secret[len(store.TokenPrefix):]) {
					t.Errorf("the token itself is stored: %q", c)
				}
			}
		}
		rows.Close()

		got, u, err := tk.Authenticate(ctx, secret)
		if err != nil || got.ID != made.ID || u.ID != nour.ID || u.Role != model.RoleAnalyst {
			t.Fatalf("authenticate: %+v %+v %v", got, u, err)
		}
		for _, bad := range []string{"", secret + "a", secret[:len(secret)-1], "Bearer " + secret, strings.ToUpper(secret),
			store.TokenPrefix + strings.Repeat("a", 52), strings.Replace(secret, "athar_", "atharx", 1)} {
			if _, _, err := tk.Authenticate(ctx, bad); !errors.Is(err, store.ErrNoToken) {
				t.Errorf("authenticate(%q) = %v, want ErrNoToken", bad, err)
			}
		}

		at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
		if err := tk.Touch(ctx, made.ID, at); err != nil {
			t.Fatal(err)
		}
		if g, _ := tk.Get(ctx, made.ID); !g.LastUsedAt.Equal(at) {
			t.Errorf("last used %v, want %v", g.LastUsedAt, at)
		}

		// A second token, another user's, an expiring one: listing by user and all.
		_, second, err := tk.Create(ctx, nour.ID, "laptop", time.Now().Add(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		sami := addTokenUser(t, st, "sami")
		if _, _, err := tk.Create(ctx, sami.ID, "script", time.Time{}); err != nil {
			t.Fatal(err)
		}
		mine, err := tk.List(ctx, nour.ID)
		if err != nil || len(mine) != 2 || mine[0].ID != made.ID {
			t.Fatalf("nour's tokens: %+v %v", mine, err)
		}
		if all, err := tk.List(ctx, ""); err != nil || len(all) != 3 {
			t.Fatalf("all tokens: %d %v", len(all), err)
		}

		// Revoked: refused at once; revoking again keeps the first time.
		rev, err := tk.Revoke(ctx, made.ID)
		if err != nil || !rev.Revoked() {
			t.Fatalf("revoke: %+v %v", rev, err)
		}
		if _, _, err := tk.Authenticate(ctx, secret); !errors.Is(err, store.ErrNoToken) {
			t.Errorf("revoked token authenticates: %v", err)
		}
		again, err := tk.Revoke(ctx, made.ID)
		if err != nil || !again.RevokedAt.Equal(rev.RevokedAt) {
			t.Errorf("second revoke moved the time: %v → %v (%v)", rev.RevokedAt, again.RevokedAt, err)
		}
		if _, err := tk.Revoke(ctx, "no-such-token"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("revoke unknown: %v", err)
		}

		// A disabled account's tokens stop working, and it gets no new ones.
		if _, _, err := tk.Authenticate(ctx, second); err != nil {
			t.Fatal(err)
		}
		if err := st.Write(ctx, "tester", func(tx *store.Tx) error { return tx.SetUserDisabled(ctx, nour.ID, true) }); err != nil {
			t.Fatal(err)
		}
		if _, _, err := tk.Authenticate(ctx, second); !errors.Is(err, store.ErrNoToken) {
			t.Errorf("a disabled account's token authenticates: %v", err)
		}
		if _, _, err := tk.Create(ctx, nour.ID, "more", time.Time{}); err == nil {
			t.Error("a disabled account got a token")
		}
	})
}

func TestTokenCreateRefusesBadInput(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		u := addTokenUser(t, st, "lina")
		for _, c := range []struct {
			name, user string
			expires    time.Time
			want       string
		}{
			{"", u.ID, time.Time{}, "needs a name"},
			{strings.Repeat("x", 101), u.ID, time.Time{}, "at most 100"},
			{"ok", "no-such-user", time.Time{}, "not found"},
			{"ok", u.ID, time.Now().Add(-time.Minute), "in the future"},
		} {
			if _, _, err := st.Tokens().Create(ctx, c.user, c.name, c.expires); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("create(%q, %q, %v) = %v, want %q", c.name, c.user, c.expires, err, c.want)
			}
		}
		if ts, _ := st.Tokens().List(ctx, ""); len(ts) != 0 {
			t.Errorf("a refused token was stored: %+v", ts)
		}
	})
}

func TestExpiredTokenRefused(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		u := addTokenUser(t, st, "hadi")
		made, secret, err := st.Tokens().Create(ctx, u.ID, "short", time.Now().Add(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		// Move its expiry into the past, as time passing would.
		past := time.Now().Add(-time.Second).UTC().Format(time.RFC3339Nano)
		if _, err := st.DB().ExecContext(ctx, st.Rebind("UPDATE api_tokens SET expires_at = ? WHERE id = ?"), past, made.ID); err != nil {
			t.Fatal(err)
		}
		got, _, err := st.Tokens().Authenticate(ctx, secret)
		if !errors.Is(err, store.ErrTokenExpired) || got.ID != made.ID || got.ExpiresAt.IsZero() {
			t.Errorf("expired token: %+v %v; want ErrTokenExpired with the token", got, err)
		}
		// Revoked, it is no token at all (nothing tells it expired).
		if _, err := st.Tokens().Revoke(ctx, made.ID); err != nil {
			t.Fatal(err)
		}
		if _, _, err := st.Tokens().Authenticate(ctx, secret); !errors.Is(err, store.ErrNoToken) {
			t.Errorf("expired and revoked token: %v", err)
		}
	})
}

// Tokens of admins and reviewers act without a second factor, so they
// must expire: within store.MaxPrivilegedTokenLife, which a token asked
// for with no expiry gets; a later expiry is refused. Other accounts'
// tokens may live for ever. A token of an admin found without an expiry
// (written in the database by hand) is expired.
func TestPrivilegedTokensExpire(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		tk := st.Tokens()
		users := map[model.Role]model.User{}
		for _, role := range []model.Role{model.RoleAdmin, model.RoleReviewer, model.RoleAnalyst, model.RoleCaseworker, model.RoleViewer} {
			u := model.User{Name: "u-" + string(role), Role: role, Clearance: model.Internal}
			if err := st.Write(ctx, "tester", func(tx *store.Tx) error { return tx.AddUser(ctx, &u) }); err != nil {
				t.Fatal(err)
			}
			users[role] = u
		}
		now := time.Now()
		for role, u := range users {
			must := role == model.RoleAdmin || role == model.RoleReviewer
			if store.MustExpire(role) != must {
				t.Errorf("MustExpire(%s) = %v", role, !must)
			}
			forever, _, err := tk.Create(ctx, u.ID, "no expiry asked", time.Time{})
			if err != nil {
				t.Fatalf("%s, no expiry: %v", role, err)
			}
			if must {
				if forever.ExpiresAt.IsZero() || forever.ExpiresAt.After(now.Add(store.MaxPrivilegedTokenLife+time.Minute)) || forever.ExpiresAt.Before(now.Add(store.MaxPrivilegedTokenLife-time.Minute)) {
					t.Errorf("%s's token asked with no expiry expires %v; want %v after now", role, forever.ExpiresAt, store.MaxPrivilegedTokenLife)
				}
			} else if !forever.ExpiresAt.IsZero() {
				t.Errorf("%s's token asked with no expiry expires %v", role, forever.ExpiresAt)
			}
			_, _, err = tk.Create(ctx, u.ID, "a year", now.Add(365*24*time.Hour))
			if must != errors.Is(err, store.ErrTokenLifetime) {
				t.Errorf("%s's token for a year: %v", role, err)
			}
			if _, _, err := tk.Create(ctx, u.ID, "89 days", now.Add(89*24*time.Hour)); err != nil {
				t.Errorf("%s's token for 89 days: %v", role, err)
			}
		}
		admin, secret, err := tk.Create(ctx, users[model.RoleAdmin].ID, "by hand", time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.DB().ExecContext(ctx, st.Rebind("UPDATE api_tokens SET expires_at = '' WHERE id = ?"), admin.ID); err != nil {
			t.Fatal(err)
		}
		if _, _, err := tk.Authenticate(ctx, secret); !errors.Is(err, store.ErrTokenExpired) {
			t.Errorf("an admin's token without an expiry: %v", err)
		}
	})
}

// TestTokenScopes: a token authenticates for its own scope only — a
// reconciliation key is no API token, an API token no reconciliation key —
// and both are kept as hashes, listed with their scope and revocable.
func TestTokenScopes(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		u := addTokenUser(t, st, "rima")
		tk := st.Tokens()
		api, apiSecret, err := tk.Create(ctx, u.ID, "script", time.Time{})
		if err != nil || api.Scope != store.ScopeAPI {
			t.Fatalf("create: %+v %v", api, err)
		}
		key, keySecret, err := tk.CreateScoped(ctx, u.ID, "openrefine", store.ScopeReconcile, time.Time{})
		if err != nil || key.Scope != store.ScopeReconcile {
			t.Fatalf("create scoped: %+v %v", key, err)
		}
		for _, c := range []struct {
			secret string
			scopes []store.TokenScope
			want   string // id, or "" for ErrNoToken
		}{
			{apiSecret, []store.TokenScope{store.ScopeAPI}, api.ID},
			{apiSecret, []store.TokenScope{store.ScopeReconcile}, ""},
			{apiSecret, []store.TokenScope{store.ScopeAPI, store.ScopeReconcile}, api.ID},
			{keySecret, []store.TokenScope{store.ScopeReconcile}, key.ID},
			{keySecret, []store.TokenScope{store.ScopeAPI}, ""},
			{keySecret, nil, ""},
		} {
			got, _, err := tk.AuthenticateScoped(ctx, c.secret, c.scopes...)
			switch {
			case c.want == "" && !errors.Is(err, store.ErrNoToken):
				t.Errorf("%s as %v: %+v %v, want ErrNoToken", got.Name, c.scopes, got, err)
			case c.want != "" && (err != nil || got.ID != c.want || got.Scope == ""):
				t.Errorf("as %v: %+v %v, want %s", c.scopes, got, err, c.want)
			}
		}
		// Authenticate, what the JSON API calls, takes API tokens only.
		if _, _, err := tk.Authenticate(ctx, keySecret); !errors.Is(err, store.ErrNoToken) {
			t.Errorf("a reconciliation key authenticates as an API token: %v", err)
		}
		var n int
		if err := st.DB().QueryRowContext(ctx, st.Rebind("SELECT count(*) FROM api_tokens WHERE hash = ? AND scope = 'reconcile'"), store.HashToken(keySecret)).Scan(&n); err != nil || n != 1 {
			t.Errorf("the key's hash row: %d %v", n, err)
		}
		if ls, _ := tk.List(ctx, u.ID); len(ls) != 2 || ls[0].Scope != store.ScopeAPI || ls[1].Scope != store.ScopeReconcile {
			t.Errorf("list: %+v", ls)
		}
		if _, err := tk.Revoke(ctx, key.ID); err != nil {
			t.Fatal(err)
		}
		if _, _, err := tk.AuthenticateScoped(ctx, keySecret, store.ScopeReconcile); !errors.Is(err, store.ErrNoToken) {
			t.Errorf("a revoked key authenticates: %v", err)
		}
		if _, _, err := tk.CreateScoped(ctx, u.ID, "x", "admin", time.Time{}); err == nil || !strings.Contains(err.Error(), `scope "admin"`) {
			t.Errorf("an unknown scope: %v", err)
		}
	})
}

// Tokens of admins and reviewers made before their lifetime was capped —
// without an expiry, or with one past the cap — expire
// store.MaxPrivilegedTokenLife after the upgrade; other tokens keep theirs.
func TestPrivilegedTokenLifetimeMigration(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		admin := model.User{Name: "adel", Role: model.RoleAdmin, Clearance: model.Confidential}
		if err := st.Write(ctx, "tester", func(tx *store.Tx) error { return tx.AddUser(ctx, &admin) }); err != nil {
			t.Fatal(err)
		}
		analyst := addTokenUser(t, st, "anas")
		soon := time.Now().Add(24 * time.Hour).UTC().Truncate(time.Second)
		ids := map[string]string{} // name: id, each with an expiry written as an old store holds it
		for _, c := range []struct{ name, user, expires string }{
			{"admin forever", admin.ID, ""},
			{"admin 2099", admin.ID, "2099-01-01T00:00:00Z"},
			{"admin soon", admin.ID, soon.Format(time.RFC3339Nano)},
			{"analyst forever", analyst.ID, ""},
		} {
			tok, _, err := st.Tokens().Create(ctx, c.user, c.name, time.Time{})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := st.DB().ExecContext(ctx, st.Rebind("UPDATE api_tokens SET expires_at = ? WHERE id = ?"), c.expires, tok.ID); err != nil {
				t.Fatal(err)
			}
			ids[c.name] = tok.ID
		}
		v, err := st.MigrationNamed("sealed_notes_token_lifetime")
		if err != nil {
			t.Fatal(err)
		}
		before := time.Now()
		if err := st.RedoMigrationsFrom(ctx, v); err != nil {
			t.Fatal(err)
		}
		after := time.Now()
		for name, id := range ids {
			got, err := st.Tokens().Get(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			switch name {
			case "admin forever", "admin 2099":
				lo, hi := before.Add(store.MaxPrivilegedTokenLife-time.Second), after.Add(store.MaxPrivilegedTokenLife+time.Second)
				if got.ExpiresAt.Before(lo) || got.ExpiresAt.After(hi) {
					t.Errorf("%s expires %v after the upgrade; want %v after it", name, got.ExpiresAt, store.MaxPrivilegedTokenLife)
				}
			case "admin soon":
				if !got.ExpiresAt.Equal(soon) {
					t.Errorf("%s expires %v after the upgrade; want %v, as before", name, got.ExpiresAt, soon)
				}
			case "analyst forever":
				if !got.ExpiresAt.IsZero() {
					t.Errorf("%s expires %v after the upgrade", name, got.ExpiresAt)
				}
			}
		}
	})
}
