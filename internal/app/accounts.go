package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// Accounts: only an admin adds, lists, changes and disables accounts, on
// the command line and on the admin page alike; a name is checked by one
// rule, a new account gets one default clearance, and no change may leave
// the installation without an active admin.

// ValidUserName accepts 1–64 letters, digits and . _ - @ with no spaces: a
// name is typed at the login form and on the command line, and shown in the
// ledger.
func ValidUserName(n string) bool {
	if n == "" || utf8.RuneCountInString(n) > 64 {
		return false
	}
	for _, c := range n {
		if !unicode.IsLetter(c) && !unicode.IsDigit(c) && !strings.ContainsRune("._-@", c) {
			return false
		}
	}
	return true
}

// DefaultClearance is the clearance a new account gets when nobody says:
// public — an admin grants more on purpose — except for an admin, whose work
// (lowering a level, reading the access log, verifying) needs every level.
func DefaultClearance(r model.Role) model.Sensitivity {
	if r == model.RoleAdmin {
		return model.Confidential
	}
	return model.Public
}

// Roles lists the roles an account may have, least first.
func Roles() []model.Role {
	return []model.Role{model.RoleViewer, model.RoleCaseworker, model.RoleAnalyst, model.RoleReviewer, model.RoleAdmin}
}

func mayManageAccounts(v access.Viewer, what string) error {
	if v.Anonymous || v.Role != model.RoleAdmin {
		return forbidden("only an admin may %s (%s is %s)", what, v.Actor(), v.Role)
	}
	return nil
}

// NewAccount is an account to add.
type NewAccount struct {
	Name string
	Role model.Role
	// Clearance, nil for DefaultClearance(Role).
	Clearance *model.Sensitivity
	// Password for signing in to the web UI; "" for none (the account then
	// only acts through API tokens and --as).
	Password string
}

// AddUser adds an account as v, an admin.
func (a *App) AddUser(ctx context.Context, v access.Viewer, n NewAccount) (model.User, error) {
	if err := mayManageAccounts(v, "add users"); err != nil {
		return model.User{}, err
	}
	if !ValidUserName(n.Name) {
		return model.User{}, invalid("user name %q: use 1 to 64 letters, digits and . _ - @, with no spaces", n.Name)
	}
	if _, err := model.ParseRole(string(n.Role)); err != nil {
		return model.User{}, invalid("%v", err)
	}
	u := model.User{Name: n.Name, Role: n.Role, Clearance: DefaultClearance(n.Role)}
	if n.Clearance != nil {
		if !n.Clearance.Valid() {
			return model.User{}, invalid("clearance %d is not a level", *n.Clearance)
		}
		u.Clearance = *n.Clearance
	}
	if _, err := a.st.UserByName(ctx, u.Name); err == nil {
		return model.User{}, refuse(Conflict, "user %q already exists", u.Name)
	} else if !errors.Is(err, store.ErrNotFound) {
		return model.User{}, err
	}
	if n.Password != "" {
		hash, err := a.hashPassword(ctx, n.Password)
		if err != nil {
			return model.User{}, err
		}
		u.PasswordHash = hash
	}
	if err := a.st.Write(ctx, v.Actor(), func(tx *store.Tx) error { return tx.AddUser(ctx, &u) }); err != nil {
		return model.User{}, err
	}
	return u, nil
}

// Users lists every account, for v, an admin.
func (a *App) Users(ctx context.Context, v access.Viewer) ([]model.User, error) {
	if err := mayManageAccounts(v, "list users"); err != nil {
		return nil, err
	}
	return a.st.Users(ctx)
}

// UserByID is one account, for v, an admin.
func (a *App) UserByID(ctx context.Context, v access.Viewer, id string) (model.User, error) {
	if err := mayManageAccounts(v, "read accounts"); err != nil {
		return model.User{}, err
	}
	u, err := a.st.UserByID(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return u, notFound("user")
	}
	return u, err
}

// AccountChange is one change to an account: its role and clearance, or
// whether it is disabled, or a new password — whichever is set.
type AccountChange struct {
	Role      *model.Role
	Clearance *model.Sensitivity
	Disabled  *bool
	Password  *string
}

// ChangeUser changes an account as v, an admin. Disabling an account or
// setting its password ends its sessions (its API tokens are refused while
// it is disabled). A change that would leave no active admin is refused and
// changes nothing.
func (a *App) ChangeUser(ctx context.Context, v access.Viewer, id string, c AccountChange) (model.User, error) {
	u, err := a.UserByID(ctx, v, id)
	if err != nil {
		return u, err
	}
	up := store.UserUpdate{Role: u.Role, Clearance: u.Clearance, Disabled: u.Disabled}
	if c.Role != nil {
		if _, err := model.ParseRole(string(*c.Role)); err != nil {
			return u, invalid("%v", err)
		}
		up.Role = *c.Role
	}
	if c.Clearance != nil {
		if !c.Clearance.Valid() {
			return u, invalid("clearance %d is not a level", *c.Clearance)
		}
		up.Clearance = *c.Clearance
	}
	if c.Disabled != nil {
		up.Disabled = *c.Disabled
	}
	hash := ""
	if c.Password != nil {
		if hash, err = a.hashPassword(ctx, *c.Password); err != nil {
			return u, err
		}
	}
	err = a.st.Write(ctx, v.Actor(), func(tx *store.Tx) error {
		if hash != "" {
			if err := tx.SetUserPassword(ctx, u.ID, hash); err != nil {
				return err
			}
		}
		if c.Role == nil && c.Clearance == nil && c.Disabled == nil {
			return nil
		}
		return tx.UpdateUser(ctx, u.ID, up)
	})
	if errors.Is(err, store.ErrLastAdmin) {
		return u, refuse(Conflict, "%s is the last active admin: make another admin first", u.Name)
	}
	if err != nil {
		return u, err
	}
	if up.Disabled || hash != "" {
		// Signed-in browsers of the account are signed out now.
		if err := a.st.Sessions().DeleteUser(ctx, u.ID); err != nil {
			return u, fmt.Errorf("end %s's sessions: %w", u.Name, err)
		}
	}
	u.Role, u.Clearance, u.Disabled = up.Role, up.Clearance, up.Disabled
	if hash != "" {
		u.PasswordHash = hash
	}
	return u, nil
}

// DisableUser disables the account of that name, as ChangeUser does.
func (a *App) DisableUser(ctx context.Context, v access.Viewer, name string) (model.User, error) {
	if err := mayManageAccounts(v, "disable users"); err != nil {
		return model.User{}, err
	}
	u, err := a.st.UserByName(ctx, name)
	if errors.Is(err, store.ErrNotFound) {
		return u, notFound("user " + name)
	}
	if err != nil {
		return u, err
	}
	yes := true
	return a.ChangeUser(ctx, v, u.ID, AccountChange{Disabled: &yes})
}

// hashPassword hashes a new password with argon2id, at most two at a time
// (each takes 64 MiB); a password shorter than access.MinPasswordLength is
// refused.
func (a *App) hashPassword(ctx context.Context, password string) (string, error) {
	if utf8.RuneCountInString(password) < access.MinPasswordLength {
		return "", invalid("the password is too short: at least %d characters", access.MinPasswordLength)
	}
	select {
	case a.hashing <- struct{}{}:
	case <-ctx.Done():
		return "", ctx.Err()
	}
	defer func() { <-a.hashing }()
	return access.HashPassword(password)
}

// ActAs is who the command line acts as: the operator of the installation
// (an admin with full clearance), or the account name names — refused when
// it does not exist or is disabled. A clearance flag may then narrow what it
// sees (access.Viewer.Narrow), never widen it.
func (a *App) ActAs(ctx context.Context, name string) (access.Viewer, error) {
	if name == "" {
		return access.Operator(), nil
	}
	u, err := a.st.UserByName(ctx, name)
	if errors.Is(err, store.ErrNotFound) {
		return access.Viewer{}, invalid("%s: no such user", name)
	}
	if err != nil {
		return access.Viewer{}, err
	}
	if u.Disabled {
		return access.Viewer{}, forbidden("%s: the account is disabled", name)
	}
	return access.ForUser(u), nil
}
