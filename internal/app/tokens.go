package app

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// APIToken is an API token as it is listed: never the token itself, which
// is shown once, when it is made.
type APIToken = store.APIToken

// TokenScope is what a token may be used for: ScopeAPI, the whole JSON
// API, or ScopeReconcile, the reconciliation service only.
type TokenScope = store.TokenScope

// The scopes of a token.
const (
	ScopeAPI       = store.ScopeAPI
	ScopeReconcile = store.ScopeReconcile
)

// ParseTokenScope reads a scope's name: api or reconcile.
func ParseTokenScope(s string) (TokenScope, error) { return store.ParseTokenScope(s) }

// CreateToken makes a token of the scope for the account named user, as v,
// an admin: a client sending it acts with that account's role and
// clearance, where the scope lets it. The token is returned this once; only
// its SHA-256 is kept.
func (a *App) CreateToken(ctx context.Context, v access.Viewer, user, name string, scope TokenScope, expires time.Time) (APIToken, string, model.User, error) {
	if err := mayManageAccounts(v, "manage API tokens"); err != nil {
		return APIToken{}, "", model.User{}, err
	}
	if _, err := store.ParseTokenScope(string(scope)); err != nil {
		return APIToken{}, "", model.User{}, invalid("%v", err)
	}
	u, err := a.st.UserByName(ctx, user)
	if errors.Is(err, store.ErrNotFound) {
		return APIToken{}, "", u, &Error{Kind: NotFound, Msg: fmt.Sprintf("no user %q (athar user add makes one)", user), Err: err}
	}
	if err != nil {
		return APIToken{}, "", u, err
	}
	if store.MustExpire(u.Role) {
		latest := a.now().Add(store.MaxPrivilegedTokenLife)
		switch {
		case expires.IsZero():
			expires = a.now().Add(DefaultPrivilegedTokenLife).UTC()
		case expires.After(latest):
			return APIToken{}, "", u, invalid("%s is %s, whose tokens act without a second factor and must expire within %d days: %s at the latest, not %s",
				u.Name, u.Role, int(store.MaxPrivilegedTokenLife.Hours()/24), latest.UTC().Format("2006-01-02"), expires.UTC().Format("2006-01-02"))
		}
	}
	t, secret, err := a.st.Tokens().CreateScoped(ctx, u.ID, name, scope, expires)
	if err != nil {
		return APIToken{}, "", u, fmt.Errorf("token for %s: %w", u.Name, err)
	}
	return t, secret, u, nil
}

// DefaultPrivilegedTokenLife is how long a token of an admin or reviewer
// lasts when no expiry is asked for (GitHub's and GitLab's default for a
// new token); store.MaxPrivilegedTokenLife is the most it may.
const DefaultPrivilegedTokenLife = 30 * 24 * time.Hour

// Tokens lists the API tokens (of the account named user, or of everyone
// when user is ""), for v, an admin.
func (a *App) Tokens(ctx context.Context, v access.Viewer, user string) ([]APIToken, error) {
	if err := mayManageAccounts(v, "manage API tokens"); err != nil {
		return nil, err
	}
	id := ""
	if user != "" {
		u, err := a.st.UserByName(ctx, user)
		if errors.Is(err, store.ErrNotFound) {
			return nil, &Error{Kind: NotFound, Msg: fmt.Sprintf("no user %q", user), Err: err}
		}
		if err != nil {
			return nil, err
		}
		id = u.ID
	}
	return a.st.Tokens().List(ctx, id)
}

// RevokeToken revokes an API token for good, as v, an admin.
func (a *App) RevokeToken(ctx context.Context, v access.Viewer, id string) (APIToken, error) {
	if err := mayManageAccounts(v, "manage API tokens"); err != nil {
		return APIToken{}, err
	}
	t, err := a.st.Tokens().Revoke(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return t, &Error{Kind: NotFound, Msg: fmt.Sprintf("no token %s (athar token list shows them)", id), Err: err}
	}
	return t, err
}

// tokenTouchEvery bounds how often a token's last use is written: at most
// once a minute, so that reading does not turn every request into a write.
const tokenTouchEvery = time.Minute

// ExpiredTokenError is the error of a token that would act but has
// expired: the client is told when, to ask for a new one. It is logged
// (LogTokenExpired) under the token's account.
type ExpiredTokenError struct {
	ID        string
	ExpiresAt time.Time
}

func (e *ExpiredTokenError) Error() string {
	return "this token expired on " + e.ExpiresAt.UTC().Format("2006-01-02 15:04 MST") + ": ask an admin for a new one (athar token add)"
}

// LogTokenExpired is the access-log action of an expired token presented
// by a client (at most once an hour per token and process).
const LogTokenExpired = "token-expired"

// expiredLogEvery bounds how often one expired token is logged: a script
// retrying with it must not fill the access log.
const expiredLogEvery = time.Hour

// AuthenticateToken returns the viewer a token presented by a client from
// the address remote acts as — its account's role and clearance — when it
// is a live token of one of the scopes, and records its use. ok is false
// for a token that is malformed, unknown, revoked, of another scope, or
// whose account is disabled; a live token that has expired is an
// *ExpiredTokenError (ok false), recorded in the access log; any other err
// is for a store that failed.
func (a *App) AuthenticateToken(ctx context.Context, secret, remote string, scopes ...TokenScope) (v access.Viewer, t APIToken, ok bool, err error) {
	t, u, err := a.st.Tokens().AuthenticateScoped(ctx, secret, scopes...)
	if errors.Is(err, store.ErrNoToken) {
		return access.Public(), APIToken{}, false, nil
	}
	if errors.Is(err, store.ErrTokenExpired) {
		if a.expiredLogs.due(t.ID, a.now()) {
			if err := a.logAccountBy(ctx, t.UserName, t.UserName, LogTokenExpired, remote); err != nil {
				return access.Public(), APIToken{}, false, err
			}
			a.log.Warn("expired API token refused", "token", t.ID, "user", t.UserName, "expired", t.ExpiresAt.UTC().Format(time.RFC3339))
		}
		return access.Public(), APIToken{}, false, &ExpiredTokenError{ID: t.ID, ExpiresAt: t.ExpiresAt}
	}
	if err != nil {
		return access.Public(), APIToken{}, false, err
	}
	if now := a.now(); now.Sub(t.LastUsedAt) >= tokenTouchEvery {
		if err := a.st.Tokens().Touch(ctx, t.ID, now); err != nil {
			a.log.Warn("record token use", "token", t.ID, "err", err)
		}
	}
	return access.ForUser(u), t, true, nil
}

// throttle remembers when each key was last let through.
type throttle struct {
	mu   sync.Mutex
	last map[string]time.Time
}

// due reports whether key was not let through in the last
// expiredLogEvery, and lets it through.
func (th *throttle) due(key string, now time.Time) bool {
	th.mu.Lock()
	defer th.mu.Unlock()
	if last, ok := th.last[key]; ok && now.Sub(last) < expiredLogEvery {
		return false
	}
	if th.last == nil {
		th.last = map[string]time.Time{}
	}
	for k, at := range th.last {
		if now.Sub(at) >= expiredLogEvery {
			delete(th.last, k)
		}
	}
	th.last[key] = now
	return true
}
