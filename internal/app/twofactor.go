package app

import (
	"context"
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// Two-factor sign-in: one rule for the web UI's sign-in and enrolment pages
// and the command line's `athar user totp`. Admins and reviewers must give a
// second factor (access.RequiresSecondFactor); others may enrol and, once
// enrolled, must give it too. Every sign-in, failure, enrolment, reset and
// recovery-code use goes to the access log — never a code.

// Factors a sign-in may prove beyond the password, as sessions record them
// (and FactorKey, securitykeys.go).
const (
	FactorNone     = ""
	FactorTOTP     = "totp"
	FactorRecovery = "recovery"
)

// Access-log actions of accounts. The subject is the account's name.
const (
	LogSignIn         = "sign-in"
	LogSignInFailed   = "sign-in-failed"
	LogCodeFailed     = "code-failed"
	LogRecoveryUsed   = "recovery-code-used"
	LogTOTPEnrolled   = "totp-enrolled"
	LogTOTPReset      = "totp-reset"
	LogRecoveryRenew  = "recovery-codes-renewed"
	maxLoggedNameRune = 64
)

// ErrBadCode means a second-factor code was wrong, already used or too old:
// one answer for each.
var ErrBadCode = errors.New("the code is wrong or was already used")

// SecondFactorStatus is what an account's second factor stands at.
type SecondFactorStatus struct {
	Required      bool // its role must give one
	Enrolled      bool // a confirmed TOTP secret is in force
	Pending       bool // a secret awaits its first code
	RecoveryCodes int  // unused recovery codes
	Keys          int  // security keys registered (securitykeys.go)
}

// HasFactor reports whether the account has a second factor in force: a
// confirmed TOTP secret or a security key.
func (st SecondFactorStatus) HasFactor() bool { return st.Enrolled || st.Keys > 0 }

// SecondFactor reports where u's second factor stands.
func (a *App) SecondFactor(ctx context.Context, u model.User) (SecondFactorStatus, error) {
	st := SecondFactorStatus{Required: access.RequiresSecondFactor(u.Role)}
	var err error
	if st.Keys, err = a.st.SecurityKeys().Count(ctx, u.ID); err != nil {
		return st, err
	}
	t, err := a.st.SecondFactors().TOTP(ctx, u.ID)
	if err != nil && !errors.Is(err, store.ErrNoTOTP) {
		return st, err
	}
	if err == nil {
		st.Enrolled, st.Pending = t.Confirmed, !t.Confirmed
	}
	if !st.HasFactor() {
		return st, nil
	}
	st.RecoveryCodes, err = a.st.SecondFactors().RecoveryCodesLeft(ctx, u.ID)
	return st, err
}

// SessionAllowed reports whether a session whose sign-in proved factor may
// act as u now: not when u's role requires a second factor (or u enrolled
// one) and the sign-in did not give it. A role raised, or a factor enrolled
// elsewhere, after the sign-in thus ends the session at its next request.
func (a *App) SessionAllowed(ctx context.Context, u model.User, factor string) (bool, error) {
	if factor != FactorNone {
		return true, nil
	}
	if access.RequiresSecondFactor(u.Role) {
		return false, nil
	}
	st, err := a.SecondFactor(ctx, u)
	return !st.HasFactor(), err
}

// TOTPEnrolment is a secret to load into an authenticator app.
type TOTPEnrolment struct {
	Account string
	Secret  string // base32, to type
	URL     string // otpauth://, for a QR code
}

// StartTOTP gives u a new pending TOTP secret (or shows again the one
// pending): u confirms it with a code (ConfirmTOTP). An account whose secret
// is in force cannot enrol another until an admin resets it.
func (a *App) StartTOTP(ctx context.Context, u model.User) (TOTPEnrolment, error) {
	f := a.st.SecondFactors()
	t, err := f.TOTP(ctx, u.ID)
	switch {
	case err == nil && t.Confirmed:
		return TOTPEnrolment{}, refuse(Conflict, "%s already has a second factor: an admin resets it (athar user totp %s --reset)", u.Name, u.Name)
	case err == nil:
		k, err := access.TOTPKey(u.Name, t.Secret)
		if err != nil {
			return TOTPEnrolment{}, err
		}
		return TOTPEnrolment{Account: u.Name, Secret: k.Secret(), URL: k.URL()}, nil
	case !errors.Is(err, store.ErrNoTOTP):
		return TOTPEnrolment{}, err
	}
	k, err := access.NewTOTPKey(u.Name)
	if err != nil {
		return TOTPEnrolment{}, err
	}
	if err := f.StartTOTP(ctx, u.ID, k.Secret()); err != nil {
		if errors.Is(err, store.ErrTOTPConfirmed) {
			return TOTPEnrolment{}, refuse(Conflict, "%s already has a second factor", u.Name)
		}
		return TOTPEnrolment{}, err
	}
	return TOTPEnrolment{Account: u.Name, Secret: k.Secret(), URL: k.URL()}, nil
}

// ConfirmTOTP puts u's pending secret in force with a code from it, and
// returns u's new recovery codes (shown once; the store keeps their hashes).
func (a *App) ConfirmTOTP(ctx context.Context, u model.User, code, remote string) ([]string, error) {
	f := a.st.SecondFactors()
	t, err := f.TOTP(ctx, u.ID)
	if errors.Is(err, store.ErrNoTOTP) || (err == nil && t.Confirmed) {
		return nil, refuse(Conflict, "%s has no second factor awaiting confirmation", u.Name)
	}
	if err != nil {
		return nil, err
	}
	step, ok := access.CheckTOTP(t.Secret, code, a.codeNow(), t.LastStep)
	if !ok {
		return nil, a.codeFailed(ctx, u.Name, remote)
	}
	codes, hashes, err := access.NewRecoveryCodes()
	if err != nil {
		return nil, err
	}
	if ok, err := f.UseTOTPStep(ctx, u.ID, t.Secret, step, hashes); err != nil {
		return nil, err
	} else if !ok {
		return nil, a.codeFailed(ctx, u.Name, remote)
	}
	return codes, a.logAccount(ctx, u.Name, LogTOTPEnrolled, remote)
}

// CheckSecondFactor checks what u typed at the code prompt: a six-digit code
// of u's secret in force, or one of u's unused recovery codes (then used up).
// It returns the factor proved, or ErrBadCode; the access log records the
// use or the failure.
func (a *App) CheckSecondFactor(ctx context.Context, u model.User, code, remote string) (string, error) {
	f := a.st.SecondFactors()
	if access.LooksLikeRecoveryCode(code) {
		ok, err := f.UseRecoveryCode(ctx, u.ID, access.HashRecoveryCode(code))
		if err != nil {
			return FactorNone, err
		}
		if !ok {
			return FactorNone, a.codeFailed(ctx, u.Name, remote)
		}
		return FactorRecovery, a.logAccount(ctx, u.Name, LogRecoveryUsed, remote)
	}
	t, err := f.TOTP(ctx, u.ID)
	if errors.Is(err, store.ErrNoTOTP) || (err == nil && !t.Confirmed) {
		return FactorNone, a.codeFailed(ctx, u.Name, remote)
	}
	if err != nil {
		return FactorNone, err
	}
	step, ok := access.CheckTOTP(t.Secret, code, a.codeNow(), t.LastStep)
	if ok {
		if ok, err = f.UseTOTPStep(ctx, u.ID, t.Secret, step, nil); err != nil {
			return FactorNone, err
		}
	}
	if !ok {
		return FactorNone, a.codeFailed(ctx, u.Name, remote)
	}
	return FactorTOTP, nil
}

// RenewRecoveryCodes gives u a fresh set of recovery codes (the old ones stop
// working), for u signed in with a second factor.
func (a *App) RenewRecoveryCodes(ctx context.Context, u model.User, remote string) ([]string, error) {
	st, err := a.SecondFactor(ctx, u)
	if err != nil {
		return nil, err
	}
	if !st.HasFactor() {
		return nil, refuse(Conflict, "%s has no second factor: enrol first", u.Name)
	}
	codes, hashes, err := access.NewRecoveryCodes()
	if err != nil {
		return nil, err
	}
	if err := a.st.SecondFactors().ReplaceRecoveryCodes(ctx, u.ID, hashes); err != nil {
		return nil, err
	}
	return codes, a.logAccount(ctx, u.Name, LogRecoveryRenew, remote)
}

// OperatorTOTP is what `athar user totp` prints: a secret in force at once
// (the operator hands it to its owner in person) and its recovery codes.
type OperatorTOTP struct {
	TOTPEnrolment
	RecoveryCodes []string
	KeysRemoved   int // security keys a reset removed
}

// EnrolTOTP gives the account named a TOTP secret in force at once and
// fresh recovery codes, as v, an admin at the command line: the way to
// enrol an admin or reviewer before their first sign-in, so that a stolen
// password never meets an account still waiting to enrol. reset replaces
// the second factors already in force — the TOTP secret, the recovery codes
// and every security key, as the admin page's "Remove second factor" does:
// a reset is for a factor lost or stolen, and a key left registered would
// still sign in whoever holds it. Without reset an account that has any
// second factor is refused. The account's sessions end.
func (a *App) EnrolTOTP(ctx context.Context, v access.Viewer, name string, reset bool) (OperatorTOTP, error) {
	if err := mayManageAccounts(v, "enrol second factors"); err != nil {
		return OperatorTOTP{}, err
	}
	u, err := a.st.UserByName(ctx, name)
	if errors.Is(err, store.ErrNotFound) {
		return OperatorTOTP{}, notFound("user " + name)
	}
	if err != nil {
		return OperatorTOTP{}, err
	}
	f := a.st.SecondFactors()
	st, err := a.SecondFactor(ctx, u)
	if err != nil {
		return OperatorTOTP{}, err
	}
	if st.HasFactor() && !reset {
		if st.Keys > 0 && !st.Enrolled {
			return OperatorTOTP{}, refuse(Conflict, "%s already has a second factor (%d security keys): --reset replaces it, removing the keys", name, st.Keys)
		}
		return OperatorTOTP{}, refuse(Conflict, "%s already has a second factor: --reset replaces it", name)
	}
	if err := f.Remove(ctx, u.ID); err != nil {
		return OperatorTOTP{}, err
	}
	keys := 0
	if reset {
		if keys, err = a.st.SecurityKeys().RemoveAll(ctx, u.ID); err != nil {
			return OperatorTOTP{}, fmt.Errorf("remove %s's security keys: %w", name, err)
		}
	}
	k, err := access.NewTOTPKey(u.Name)
	if err != nil {
		return OperatorTOTP{}, err
	}
	if err := f.StartTOTP(ctx, u.ID, k.Secret()); err != nil {
		return OperatorTOTP{}, err
	}
	codes, hashes, err := access.NewRecoveryCodes()
	if err != nil {
		return OperatorTOTP{}, err
	}
	if err := f.ConfirmTOTP(ctx, u.ID, k.Secret(), hashes); err != nil {
		return OperatorTOTP{}, fmt.Errorf("put %s's second factor in force: %w", name, err)
	}
	if err := a.st.Sessions().DeleteUser(ctx, u.ID); err != nil {
		return OperatorTOTP{}, fmt.Errorf("end %s's sessions: %w", name, err)
	}
	action := LogTOTPEnrolled
	if reset {
		action = LogTOTPReset
	}
	if keys > 0 {
		if err := a.logAccountBy(ctx, v.Actor(), u.Name, LogKeyRemoved, ""); err != nil {
			return OperatorTOTP{}, err
		}
	}
	if err := a.logAccountBy(ctx, v.Actor(), u.Name, action, ""); err != nil {
		return OperatorTOTP{}, err
	}
	return OperatorTOTP{TOTPEnrolment: TOTPEnrolment{Account: u.Name, Secret: k.Secret(), URL: k.URL()}, RecoveryCodes: codes, KeysRemoved: keys}, nil
}

// RemoveTOTP removes the second factors of the account named, as v, an
// admin — its TOTP secret, recovery codes and security keys: for someone
// who lost both phone and recovery codes (or their keys). An admin or
// reviewer must then enrol again at their next sign-in. Their sessions end.
func (a *App) RemoveTOTP(ctx context.Context, v access.Viewer, id string) (model.User, error) {
	u, err := a.UserByID(ctx, v, id)
	if err != nil {
		return u, err
	}
	if err := a.st.SecondFactors().Remove(ctx, u.ID); err != nil {
		return u, err
	}
	if _, err := a.st.SecurityKeys().RemoveAll(ctx, u.ID); err != nil {
		return u, err
	}
	if err := a.st.Sessions().DeleteUser(ctx, u.ID); err != nil {
		return u, fmt.Errorf("end %s's sessions: %w", u.Name, err)
	}
	return u, a.logAccountBy(ctx, v.Actor(), u.Name, LogTOTPReset, "")
}

// LogSignIn records a sign-in (factor proved) or a failed password in the
// access log, under the name typed (cut to 64 characters: a name that is no
// account is still worth seeing, but not at any length).
func (a *App) LogSignIn(ctx context.Context, name, remote string, ok bool) error {
	action := LogSignInFailed
	if ok {
		action = LogSignIn
	}
	return a.logAccount(ctx, name, action, remote)
}

func (a *App) codeFailed(ctx context.Context, name, remote string) error {
	if err := a.logAccount(ctx, name, LogCodeFailed, remote); err != nil {
		return err
	}
	return ErrBadCode
}

func (a *App) logAccount(ctx context.Context, name, action, remote string) error {
	return a.logAccountBy(ctx, name, name, action, remote)
}

func (a *App) logAccountBy(ctx context.Context, actor, name, action, remote string) error {
	cut := func(s string) string {
		if utf8.RuneCountInString(s) <= maxLoggedNameRune {
			return s
		}
		return string([]rune(s)[:maxLoggedNameRune])
	}
	return a.st.AccessLog().Record(ctx, model.AccessEntry{At: a.now().UTC(), Actor: cut(actor), Action: action,
		Subject: "user:" + cut(name), Sensitivity: model.Public, Remote: remote})
}
