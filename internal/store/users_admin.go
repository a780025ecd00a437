package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/athar-project/athar/internal/model"
)

// ErrLastAdmin means a change would leave no active admin: nobody could
// then manage accounts or publish anything from the web UI.
var ErrLastAdmin = errors.New("this would leave no active admin")

// UserUpdate is what an admin may change about an account.
type UserUpdate struct {
	Role      model.Role
	Clearance model.Sensitivity
	Disabled  bool
}

// UpdateUser changes an account's role, clearance and whether it is
// disabled, in one ledger entry. A change that takes the last active admin
// away (demoted or disabled) fails with ErrLastAdmin and changes nothing:
// the count is taken after the ledger is locked, so two admins demoting each
// other at once cannot both succeed.
func (t *Tx) UpdateUser(ctx context.Context, id string, u UserUpdate) error {
	if _, err := model.ParseRole(string(u.Role)); err != nil {
		return err
	}
	if !u.Clearance.Valid() {
		return fmt.Errorf("invalid clearance %d", u.Clearance)
	}
	var role string
	var disabled int64
	err := t.queryRow(ctx, "SELECT role, disabled FROM users WHERE id = ?", id).Scan(&role, &disabled)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("user %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("read user %s: %w", id, err)
	}
	if err := t.update(ctx, "users", id, map[string]any{
		"role": string(u.Role), "clearance": u.Clearance.String(), "disabled": u.Disabled,
	}); err != nil {
		return err
	}
	wasAdmin := model.Role(role) == model.RoleAdmin && disabled == 0
	if wasAdmin && (u.Role != model.RoleAdmin || u.Disabled) {
		n, err := t.activeAdmins(ctx)
		if err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("user %s: %w", id, ErrLastAdmin)
		}
	}
	return nil
}

// SetUserPassword replaces an account's password hash (argon2id, hashed by
// the caller).
func (t *Tx) SetUserPassword(ctx context.Context, id, hash string) error {
	if hash == "" {
		return errors.New("no password hash given")
	}
	return t.update(ctx, "users", id, map[string]any{"password_hash": hash})
}

// activeAdmins counts the admins that are not disabled, as this
// transaction sees them.
func (t *Tx) activeAdmins(ctx context.Context) (int, error) {
	var n int
	if err := t.queryRow(ctx, "SELECT count(*) FROM users WHERE role = 'admin' AND disabled = 0").Scan(&n); err != nil {
		return 0, fmt.Errorf("count admins: %w", err)
	}
	return n, nil
}
