package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// SecurityKeys keeps accounts' WebAuthn security keys and the ceremonies
// under way: operational account state like sessions (not ledgered; the
// access log records every key added, removed, used or refused).
type SecurityKeys struct{ s *Store }

// SecurityKeys returns the store's security-key tables.
func (s *Store) SecurityKeys() SecurityKeys { return SecurityKeys{s} }

// SecurityKey is one registered key of an account.
type SecurityKey struct {
	ID           string
	UserID       string
	RPID         string // the relying party it was registered with
	CredentialID string // base64url
	Name         string
	Credential   string // the WebAuthn library's credential record, JSON
	CloneWarning bool
	CreatedAt    time.Time
	LastUsedAt   time.Time // zero: never used to sign in
}

// ErrNoSecurityKey means the account has no such key.
var ErrNoSecurityKey = errors.New("no such security key")

// ErrNoCeremony means no ceremony of that id, account and purpose is under
// way (never begun, expired, or already answered).
var ErrNoCeremony = errors.New("no such key ceremony under way")

const keyColumns = "id, user_id, rp_id, credential_id, name, credential, clone_warning, created_at, last_used_at"

func scanKey(sc interface{ Scan(...any) error }) (SecurityKey, error) {
	var k SecurityKey
	var clone int
	var created, used string
	if err := sc.Scan(&k.ID, &k.UserID, &k.RPID, &k.CredentialID, &k.Name, &k.Credential, &clone, &created, &used); err != nil {
		return k, err
	}
	k.CloneWarning, k.CreatedAt = clone != 0, parseTime(created)
	if used != "" {
		k.LastUsedAt = parseTime(used)
	}
	return k, nil
}

// Add stores a newly registered key (its ID set by the caller).
func (f SecurityKeys) Add(ctx context.Context, k SecurityKey) error {
	_, err := f.s.execWrite(ctx, "INSERT INTO security_keys (id, user_id, rp_id, credential_id, name, credential, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
		k.ID, k.UserID, k.RPID, k.CredentialID, k.Name, k.Credential, timeText(f.s.now()))
	if err != nil {
		return fmt.Errorf("store security key: %w", err)
	}
	return nil
}

// List returns an account's keys, oldest first: all of them when rpID is
// "", else those registered with that relying party.
func (f SecurityKeys) List(ctx context.Context, userID, rpID string) ([]SecurityKey, error) {
	q, args := "SELECT "+keyColumns+" FROM security_keys WHERE user_id = ?", []any{userID}
	if rpID != "" {
		q, args = q+" AND rp_id = ?", append(args, rpID)
	}
	rows, err := f.s.db.QueryContext(ctx, f.s.rebind(q+" ORDER BY created_at, id"), args...)
	if err != nil {
		return nil, fmt.Errorf("list security keys: %w", err)
	}
	defer rows.Close()
	var out []SecurityKey
	for rows.Next() {
		k, err := scanKey(rows)
		if err != nil {
			return nil, fmt.Errorf("list security keys: %w", err)
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// Count is how many keys an account has, for any relying party.
func (f SecurityKeys) Count(ctx context.Context, userID string) (int, error) {
	var n int
	err := f.s.db.QueryRowContext(ctx, f.s.rebind("SELECT count(*) FROM security_keys WHERE user_id = ?"), userID).Scan(&n)
	return n, err
}

// Used records a sign-in with an account's key: its credential record as
// the library updated it (counter, flags), and a clone warning once seen
// (never cleared: the key must be removed and registered anew).
func (f SecurityKeys) Used(ctx context.Context, userID, id, credential string, cloneWarning bool) error {
	clone := 0
	if cloneWarning {
		clone = 1
	}
	res, err := f.s.execWrite(ctx, "UPDATE security_keys SET credential = ?, clone_warning = CASE WHEN ? = 1 THEN 1 ELSE clone_warning END, last_used_at = ? "+
		"WHERE user_id = ? AND id = ?", credential, clone, timeText(f.s.now()), userID, id)
	if err != nil {
		return fmt.Errorf("record security key use: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return ErrNoSecurityKey
	}
	return nil
}

// Remove deletes one of an account's keys; ErrNoSecurityKey when it has no
// key of that id.
func (f SecurityKeys) Remove(ctx context.Context, userID, id string) (SecurityKey, error) {
	tx, err := f.s.beginWrite(ctx)
	if err != nil {
		return SecurityKey{}, err
	}
	defer tx.Rollback()
	k, err := scanKey(tx.QueryRowContext(ctx, f.s.rebind("SELECT "+keyColumns+" FROM security_keys WHERE user_id = ? AND id = ?"), userID, id))
	if errors.Is(err, sql.ErrNoRows) {
		return k, ErrNoSecurityKey
	}
	if err != nil {
		return k, fmt.Errorf("read security key: %w", err)
	}
	if _, err := tx.ExecContext(ctx, f.s.rebind("DELETE FROM security_keys WHERE user_id = ? AND id = ?"), userID, id); err != nil {
		return k, fmt.Errorf("remove security key: %w", err)
	}
	return k, tx.Commit()
}

// RemoveAll deletes every key of an account (an admin's reset for someone
// who lost theirs) and reports how many there were.
func (f SecurityKeys) RemoveAll(ctx context.Context, userID string) (int, error) {
	res, err := f.s.execWrite(ctx, "DELETE FROM security_keys WHERE user_id = ?", userID)
	if err != nil {
		return 0, fmt.Errorf("remove security keys: %w", err)
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// BeginCeremony keeps a ceremony's data until expires, under id, and drops
// the ceremonies that have expired.
func (f SecurityKeys) BeginCeremony(ctx context.Context, id, userID, purpose, data string, expires time.Time) error {
	tx, err := f.s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, f.s.rebind("DELETE FROM webauthn_ceremonies WHERE expires_at < ?"), timeText(f.s.now())); err != nil {
		return fmt.Errorf("drop expired key ceremonies: %w", err)
	}
	if _, err := tx.ExecContext(ctx, f.s.rebind("INSERT INTO webauthn_ceremonies (id, user_id, purpose, data, expires_at) VALUES (?, ?, ?, ?, ?)"),
		id, userID, purpose, data, timeText(expires)); err != nil {
		return fmt.Errorf("store key ceremony: %w", err)
	}
	return tx.Commit()
}

// TakeCeremony returns the data of the ceremony id of an account for
// purpose and deletes it, so that it is answered once; ErrNoCeremony when
// there is none, or it has expired.
func (f SecurityKeys) TakeCeremony(ctx context.Context, id, userID, purpose string) (string, error) {
	tx, err := f.s.beginWrite(ctx)
	if err != nil {
		return "", err
	}
	defer tx.Rollback()
	var data, expires string
	err = tx.QueryRowContext(ctx, f.s.rebind("SELECT data, expires_at FROM webauthn_ceremonies WHERE id = ? AND user_id = ? AND purpose = ?"),
		id, userID, purpose).Scan(&data, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return "", ErrNoCeremony
	}
	if err != nil {
		return "", fmt.Errorf("read key ceremony: %w", err)
	}
	if _, err := tx.ExecContext(ctx, f.s.rebind("DELETE FROM webauthn_ceremonies WHERE id = ?"), id); err != nil {
		return "", fmt.Errorf("take key ceremony: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return "", err
	}
	if !f.s.now().Before(parseTime(expires)) {
		return "", ErrNoCeremony
	}
	return data, nil
}
