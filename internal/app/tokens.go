package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// APIToken is an API token as it is listed: never the token itself, which
// is shown once, when it is made.
type APIToken = store.APIToken

// CreateToken makes an API token for the account named user, as v, an
// admin: a client sending it acts with that account's role and clearance.
// The token is returned this once; only its SHA-256 is kept.
func (a *App) CreateToken(ctx context.Context, v access.Viewer, user, name string, expires time.Time) (APIToken, string, model.User, error) {
	if err := mayManageAccounts(v, "manage API tokens"); err != nil {
		return APIToken{}, "", model.User{}, err
	}
	u, err := a.st.UserByName(ctx, user)
	if errors.Is(err, store.ErrNotFound) {
		return APIToken{}, "", u, &Error{Kind: NotFound, Msg: fmt.Sprintf("no user %q (athar user add makes one)", user), Err: err}
	}
	if err != nil {
		return APIToken{}, "", u, err
	}
	t, secret, err := a.st.Tokens().Create(ctx, u.ID, name, expires)
	if err != nil {
		return APIToken{}, "", u, fmt.Errorf("token for %s: %w", u.Name, err)
	}
	return t, secret, u, nil
}

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
