package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/athar-project/athar/internal/model"
)

// AddUser creates an account. PasswordHash is stored as given (the caller
// hashes with argon2id).
func (t *Tx) AddUser(ctx context.Context, u *model.User) error {
	if u.Name == "" {
		return errors.New("a user needs a name")
	}
	if _, err := model.ParseRole(string(u.Role)); err != nil {
		return err
	}
	if !u.Clearance.Valid() {
		return fmt.Errorf("invalid clearance %d", u.Clearance)
	}
	u.ID, u.CreatedAt = NewID(), t.s.now()
	return t.insert(ctx, "users", map[string]any{
		"id": u.ID, "name": u.Name, "role": string(u.Role), "clearance": u.Clearance.String(),
		"password_hash": u.PasswordHash, "disabled": u.Disabled, "created_at": timeText(u.CreatedAt),
	})
}

// SetUserDisabled disables or re-enables an account.
func (t *Tx) SetUserDisabled(ctx context.Context, id string, disabled bool) error {
	return t.update(ctx, "users", id, map[string]any{"disabled": disabled})
}

const userCols = "id, name, role, clearance, password_hash, disabled, created_at"

func scanUser(sc scanner) (model.User, error) {
	var u model.User
	var role, clearance, created string
	var disabled int64
	if err := sc.Scan(&u.ID, &u.Name, &role, &clearance, &u.PasswordHash, &disabled, &created); err != nil {
		return u, err
	}
	u.Role, u.Disabled, u.CreatedAt = model.Role(role), disabled != 0, parseTime(created)
	var err error
	u.Clearance, err = model.ParseSensitivity(clearance)
	return u, err
}

// UserByName returns an account by its name.
func (s *Store) UserByName(ctx context.Context, name string) (model.User, error) {
	u, err := scanUser(s.db.QueryRowContext(ctx, s.rebind("SELECT "+userCols+" FROM users WHERE name = ?"), name))
	if errors.Is(err, sql.ErrNoRows) {
		return u, fmt.Errorf("user %q: %w", name, ErrNotFound)
	}
	return u, err
}

// Users lists every account, by name.
func (s *Store) Users(ctx context.Context) ([]model.User, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT "+userCols+" FROM users ORDER BY name")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}
