package store

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"strings"

	"github.com/athar-project/athar/internal/seal"
)

// TOTP secrets are sealed under the master key (not a data key: they are
// no source's), each bound to its account, so that whoever reads the
// database or a backup without the key file cannot compute an account's
// codes. Rotation seals them again under the new key (resealSecrets).

// totpAD binds a sealed TOTP secret to its account.
func totpAD(userID string) []byte { return []byte("athar totp:" + userID) }

// sealSecret seals a TOTP secret for an account inside transaction q,
// under the master key the store names (made when the store has none).
func (f SecondFactors) sealSecret(ctx context.Context, q querier, userID, secret string) (string, error) {
	k, err := f.s.masterIn(ctx, q, true)
	if err != nil {
		return "", fmt.Errorf("seal the TOTP secret: %w", err)
	}
	return sealText(k, totpAD(userID), secret), nil
}

// openSecret opens a stored TOTP secret (one kept in the clear by a store
// not yet upgraded is returned as it is).
func (f SecondFactors) openSecret(ctx context.Context, userID, stored string) (string, error) {
	if !strings.HasPrefix(stored, sealedPrefix) {
		return stored, nil
	}
	k, err := f.s.masterKey(ctx, false)
	if err != nil {
		return "", fmt.Errorf("the TOTP secret is sealed and the master key is not at hand: %w", err)
	}
	clear, err := openText(k, totpAD(userID), stored)
	if errors.Is(err, seal.ErrWrongKey) {
		// Rotated by another process since this one read the key.
		f.s.setMaster(nil)
		if k, err = f.s.masterKey(ctx, false); err != nil {
			return "", fmt.Errorf("the TOTP secret is sealed and the master key is not at hand: %w", err)
		}
		clear, err = openText(k, totpAD(userID), stored)
	}
	if err != nil {
		return "", fmt.Errorf("TOTP secret: %w", err)
	}
	return clear, nil
}

// storedAs is the row's secret of an account, as stored, when it opens to
// secret; "" when the account has none or another.
func (f SecondFactors) storedAs(ctx context.Context, tx *writeTx, userID, secret string) (string, error) {
	x, err := f.totpIn(ctx, tx, userID)
	if errors.Is(err, ErrNoTOTP) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	if subtle.ConstantTimeCompare([]byte(x.Secret), []byte(secret)) != 1 {
		return "", nil
	}
	return x.stored, nil
}

// sealSecrets seals the TOTP secrets a store made before kept in the
// clear (run once, by sealFieldsOnce), zeroing the clear ones in SQLite's
// pages.
func (f SecondFactors) sealSecrets(ctx context.Context) error {
	tx, err := f.s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, "SELECT user_id, secret FROM totp_secrets WHERE secret NOT LIKE '"+sealedPrefix+"%' ORDER BY user_id")
	if err != nil {
		return fmt.Errorf("TOTP secrets: %w", err)
	}
	type clear struct{ user, secret string }
	all, err := collect(rows, func(r rowScanner) (c clear, err error) { err = r.Scan(&c.user, &c.secret); return })
	if err != nil {
		return err
	}
	if len(all) == 0 {
		return nil
	}
	if f.s.dialect.name() == "sqlite" {
		if _, err := tx.ExecContext(ctx, "PRAGMA secure_delete = ON"); err != nil {
			return fmt.Errorf("secure_delete: %w", err)
		}
		defer f.s.db.ExecContext(context.WithoutCancel(ctx), "PRAGMA wal_checkpoint(TRUNCATE)")
	}
	for _, c := range all {
		sealed, err := f.sealSecret(ctx, tx, c.user, c.secret)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, f.s.rebind("UPDATE totp_secrets SET secret = ? WHERE user_id = ? AND secret = ?"), sealed, c.user, c.secret); err != nil {
			return fmt.Errorf("seal the TOTP secret: %w", err)
		}
	}
	if f.s.dialect.name() == "sqlite" {
		if _, err := tx.ExecContext(ctx, "PRAGMA secure_delete = OFF"); err != nil {
			return fmt.Errorf("secure_delete: %w", err)
		}
	}
	return tx.Commit()
}

// resealSecrets seals every TOTP secret again under next (key rotation,
// in its transaction).
func resealSecrets(ctx context.Context, t *Tx, old, next *seal.Key) error {
	rows, err := t.query(ctx, "SELECT user_id, secret FROM totp_secrets WHERE secret LIKE '"+sealedPrefix+"%' ORDER BY user_id")
	if err != nil {
		return fmt.Errorf("TOTP secrets: %w", err)
	}
	type sealed struct{ user, secret string }
	all, err := collect(rows, func(r rowScanner) (x sealed, err error) { err = r.Scan(&x.user, &x.secret); return })
	if err != nil {
		return err
	}
	for _, x := range all {
		clear, err := openText(old, totpAD(x.user), x.secret)
		if err != nil {
			return fmt.Errorf("TOTP secret of %s: %w", x.user, err)
		}
		if _, err := t.exec(ctx, "UPDATE totp_secrets SET secret = ? WHERE user_id = ?", sealText(next, totpAD(x.user), clear), x.user); err != nil {
			return fmt.Errorf("TOTP secret of %s: %w", x.user, err)
		}
	}
	return nil
}
