package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Settings are the installation's choices an admin makes in the web UI. The
// settings table is ledgered: who changed a setting, and when, is in the
// hash-chained ledger, and verify catches a setting edited by hand — the
// public view's publication decides what the whole world may read.

// SettingPublicView is "true" when the admin has published the public view:
// anonymous visitors may then read what the read policy gives the anonymous
// viewer (public, confirmed statements only).
const SettingPublicView = "public_view"

// Setting is one setting with who last changed it.
type Setting struct {
	Name, Value string
	UpdatedBy   string
	UpdatedAt   time.Time
}

// SetSetting sets a setting's value as the transaction's actor.
func (t *Tx) SetSetting(ctx context.Context, name, value string) error {
	if name == "" {
		return errors.New("a setting needs a name")
	}
	var n int
	if err := t.queryRow(ctx, "SELECT count(*) FROM settings WHERE name = ?", name).Scan(&n); err != nil {
		return fmt.Errorf("read setting %s: %w", name, err)
	}
	at := timeText(t.s.now())
	if n == 0 {
		return t.insert(ctx, "settings", map[string]any{"name": name, "value": value, "updated_by": t.actor, "updated_at": at})
	}
	return t.update(ctx, "settings", name, map[string]any{"value": value, "updated_by": t.actor, "updated_at": at})
}

// Setting reads a setting; ok is false when it was never set.
func (s *Store) Setting(ctx context.Context, name string) (Setting, bool, error) {
	x := Setting{Name: name}
	var at string
	err := s.db.QueryRowContext(ctx, s.rebind("SELECT value, updated_by, updated_at FROM settings WHERE name = ?"), name).
		Scan(&x.Value, &x.UpdatedBy, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return x, false, nil
	}
	if err != nil {
		return x, false, fmt.Errorf("read setting %s: %w", name, err)
	}
	x.UpdatedAt = parseTime(at)
	return x, true, nil
}

// SetPublicView publishes or withdraws the public view.
func (t *Tx) SetPublicView(ctx context.Context, published bool) error {
	v := "false"
	if published {
		v = "true"
	}
	return t.SetSetting(ctx, SettingPublicView, v)
}

// PublicView reports whether the public view is published (never set: not
// published).
func (s *Store) PublicView(ctx context.Context) (bool, error) {
	x, ok, err := s.Setting(ctx, SettingPublicView)
	return ok && x.Value == "true", err
}
