package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// SecondFactors keeps accounts' TOTP secrets and recovery codes:
// operational account state like sessions (not ledgered; the access log
// records every enrolment and use).
type SecondFactors struct{ s *Store }

// SecondFactors returns the store's second-factor tables.
func (s *Store) SecondFactors() SecondFactors { return SecondFactors{s} }

// TOTP is an account's stored TOTP secret.
type TOTP struct {
	UserID    string
	Secret    string
	CreatedAt time.Time
	Confirmed bool   // a code from it has been given once: it is in force
	LastStep  int64  // the last time step accepted
	stored    string // the secret as the row holds it (sealed)
}

// ErrNoTOTP means the account has no TOTP secret.
var ErrNoTOTP = errors.New("no TOTP secret")

// TOTP returns an account's secret, confirmed or pending.
func (f SecondFactors) TOTP(ctx context.Context, userID string) (TOTP, error) {
	x := TOTP{UserID: userID}
	var created, confirmed string
	err := f.s.db.QueryRowContext(ctx, f.s.rebind("SELECT secret, created_at, confirmed_at, last_step FROM totp_secrets WHERE user_id = ?"), userID).
		Scan(&x.Secret, &created, &confirmed, &x.LastStep)
	if errors.Is(err, sql.ErrNoRows) {
		return x, ErrNoTOTP
	}
	if err != nil {
		return x, fmt.Errorf("read TOTP secret: %w", err)
	}
	x.CreatedAt, x.Confirmed = parseTime(created), confirmed != ""
	if x.Secret, err = f.openSecret(ctx, userID, x.Secret); err != nil {
		return x, err
	}
	return x, nil
}

// ErrTOTPConfirmed means the account already has a TOTP secret in force:
// it must be removed (Remove, an admin's reset) before another is enrolled.
var ErrTOTPConfirmed = errors.New("the account already has a second factor")

// StartTOTP stores a new pending secret for an account, replacing any
// pending one. It fails with ErrTOTPConfirmed when the account's secret is
// already in force.
func (f SecondFactors) StartTOTP(ctx context.Context, userID, secret string) error {
	tx, err := f.s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	old, err := f.totpIn(ctx, tx, userID)
	if err != nil && !errors.Is(err, ErrNoTOTP) {
		return err
	}
	if err == nil && old.Confirmed {
		return ErrTOTPConfirmed
	}
	if _, err := tx.ExecContext(ctx, f.s.rebind("DELETE FROM totp_secrets WHERE user_id = ?"), userID); err != nil {
		return fmt.Errorf("replace TOTP secret: %w", err)
	}
	sealed, err := f.sealSecret(ctx, tx, userID, secret)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, f.s.rebind("INSERT INTO totp_secrets (user_id, secret, created_at) VALUES (?, ?, ?)"),
		userID, sealed, timeText(f.s.now())); err != nil {
		return fmt.Errorf("store TOTP secret: %w", err)
	}
	return tx.Commit()
}

func (f SecondFactors) totpIn(ctx context.Context, tx *writeTx, userID string) (TOTP, error) {
	x := TOTP{UserID: userID}
	var created, confirmed string
	err := tx.QueryRowContext(ctx, f.s.rebind("SELECT secret, created_at, confirmed_at, last_step FROM totp_secrets WHERE user_id = ?"), userID).
		Scan(&x.Secret, &created, &confirmed, &x.LastStep)
	if errors.Is(err, sql.ErrNoRows) {
		return x, ErrNoTOTP
	}
	if err != nil {
		return x, fmt.Errorf("read TOTP secret: %w", err)
	}
	x.CreatedAt, x.Confirmed = parseTime(created), confirmed != ""
	x.stored = x.Secret
	if x.Secret, err = f.openSecret(ctx, userID, x.Secret); err != nil {
		return x, err
	}
	return x, nil
}

// UseTOTPStep records that a code of step was accepted for an account — only
// if no code of that step or a later one was accepted before (two servers
// racing on one code: one wins). It confirms a pending secret, and then
// replaces the account's recovery codes with hashes (all in one
// transaction). It reports whether the step was recorded.
func (f SecondFactors) UseTOTPStep(ctx context.Context, userID, secret string, step int64, recoveryHashes []string) (bool, error) {
	tx, err := f.s.beginWrite(ctx)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	now := timeText(f.s.now())
	stored, err := f.storedAs(ctx, tx, userID, secret)
	if err != nil || stored == "" {
		return false, err
	}
	res, err := tx.ExecContext(ctx, f.s.rebind("UPDATE totp_secrets SET last_step = ?, "+
		"confirmed_at = CASE WHEN confirmed_at = '' THEN ? ELSE confirmed_at END "+
		"WHERE user_id = ? AND secret = ? AND last_step < ?"), step, now, userID, stored, step)
	if err != nil {
		return false, fmt.Errorf("record TOTP use: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return false, nil
	}
	if recoveryHashes != nil {
		if err := replaceRecovery(ctx, f.s, tx, userID, recoveryHashes); err != nil {
			return false, err
		}
	}
	return true, tx.Commit()
}

// ConfirmTOTP puts an account's pending secret in force without a code (an
// operator's enrolment at the command line) and replaces its recovery codes
// with hashes.
func (f SecondFactors) ConfirmTOTP(ctx context.Context, userID, secret string, recoveryHashes []string) error {
	tx, err := f.s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	stored, err := f.storedAs(ctx, tx, userID, secret)
	if err != nil {
		return err
	}
	if stored == "" {
		return ErrNoTOTP
	}
	res, err := tx.ExecContext(ctx, f.s.rebind("UPDATE totp_secrets SET confirmed_at = ? WHERE user_id = ? AND secret = ?"),
		timeText(f.s.now()), userID, stored)
	if err != nil {
		return fmt.Errorf("confirm TOTP secret: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return ErrNoTOTP
	}
	if err := replaceRecovery(ctx, f.s, tx, userID, recoveryHashes); err != nil {
		return err
	}
	return tx.Commit()
}

func replaceRecovery(ctx context.Context, s *Store, tx *writeTx, userID string, hashes []string) error {
	if _, err := tx.ExecContext(ctx, s.rebind("DELETE FROM recovery_codes WHERE user_id = ?"), userID); err != nil {
		return fmt.Errorf("replace recovery codes: %w", err)
	}
	for _, h := range hashes {
		if _, err := tx.ExecContext(ctx, s.rebind("INSERT INTO recovery_codes (user_id, hash) VALUES (?, ?)"), userID, h); err != nil {
			return fmt.Errorf("store recovery code: %w", err)
		}
	}
	return nil
}

// ReplaceRecoveryCodes replaces an account's recovery codes with new ones
// (as hashes); the old ones stop working.
func (f SecondFactors) ReplaceRecoveryCodes(ctx context.Context, userID string, hashes []string) error {
	tx, err := f.s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := replaceRecovery(ctx, f.s, tx, userID, hashes); err != nil {
		return err
	}
	return tx.Commit()
}

// UseRecoveryCode marks an unused recovery code of an account as used and
// reports whether there was one: each code works once.
func (f SecondFactors) UseRecoveryCode(ctx context.Context, userID, hash string) (bool, error) {
	res, err := f.s.execWrite(ctx, "UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND hash = ? AND used_at = ''",
		timeText(f.s.now()), userID, hash)
	if err != nil {
		return false, fmt.Errorf("use recovery code: %w", err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// RecoveryCodesLeft counts an account's unused recovery codes.
func (f SecondFactors) RecoveryCodesLeft(ctx context.Context, userID string) (int, error) {
	var n int
	err := f.s.db.QueryRowContext(ctx, f.s.rebind("SELECT count(*) FROM recovery_codes WHERE user_id = ? AND used_at = ''"), userID).Scan(&n)
	return n, err
}

// Remove deletes an account's TOTP secret and recovery codes (an admin's
// reset for someone who lost both).
func (f SecondFactors) Remove(ctx context.Context, userID string) error {
	tx, err := f.s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, q := range []string{"DELETE FROM totp_secrets WHERE user_id = ?", "DELETE FROM recovery_codes WHERE user_id = ?"} {
		if _, err := tx.ExecContext(ctx, f.s.rebind(q), userID); err != nil {
			return fmt.Errorf("remove second factor: %w", err)
		}
	}
	return tx.Commit()
}
