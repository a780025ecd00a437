package app

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/go-webauthn/webauthn/protocol"
	"github.com/go-webauthn/webauthn/webauthn"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// Security keys (WebAuthn): one rule for the account page that registers
// and removes them, the sign-in page that asks for one in place of a TOTP
// code, and the command line's `athar user keys`. A key is a second factor
// like TOTP: an admin or reviewer with a key and no TOTP secret satisfies
// the requirement, and a session signed in with one records FactorKey.
// Every key added, removed, used to sign in or refused goes to the access
// log — never a credential.

// FactorKey is what a session records when its sign-in gave a security key.
const FactorKey = "security-key"

// Access-log actions of security keys. The subject is the account's name.
const (
	LogKeyAdded   = "security-key-added"
	LogKeyRemoved = "security-key-removed"
	LogKeyFailed  = "security-key-failed"
	// LogKeyCloned: a key's signature counter went backwards — two copies of
	// its private key may exist. The sign-in is refused and the key stays
	// refused until its owner removes it.
	LogKeyCloned = "security-key-clone-warning"
)

// Ceremony purposes, as the store keeps them.
const (
	ceremonyRegister = "register"
	ceremonySignIn   = "sign-in"
)

// maxKeyName bounds what an owner calls a key, in characters.
const maxKeyName = 64

// SecurityKeyInfo is one of an account's keys as its owner sees it.
type SecurityKeyInfo struct {
	ID           string
	Name         string
	CreatedAt    time.Time
	LastUsedAt   time.Time // zero: never used to sign in
	CloneWarning bool      // refused since its counter went backwards
	// Elsewhere: registered with another relying party (the server's base
	// URL changed since), so it cannot sign in here.
	Elsewhere bool
}

// KeyCeremony is a request for a key, for the page that asks for it: its
// id (the form sends it back) and the options for the browser's
// navigator.credentials, as JSON.
type KeyCeremony struct {
	ID      string
	Options string
}

// SecurityKeys lists u's keys, marking those of another relying party than
// rp (nil: none is marked).
func (a *App) SecurityKeys(ctx context.Context, rp *webauthn.WebAuthn, u model.User) ([]SecurityKeyInfo, error) {
	keys, err := a.st.SecurityKeys().List(ctx, u.ID, "")
	if err != nil {
		return nil, err
	}
	out := make([]SecurityKeyInfo, 0, len(keys))
	for _, k := range keys {
		out = append(out, SecurityKeyInfo{ID: k.ID, Name: k.Name, CreatedAt: k.CreatedAt, LastUsedAt: k.LastUsedAt,
			CloneWarning: k.CloneWarning, Elsewhere: rp != nil && k.RPID != rp.Config.RPID})
	}
	return out, nil
}

// holder is u as the library sees it, with u's keys of rp's relying party
// (and the stored rows, in the same order).
func (a *App) holder(ctx context.Context, rp *webauthn.WebAuthn, u model.User) (access.KeyHolder, []store.SecurityKey, error) {
	h := access.KeyHolder{ID: u.ID, Name: u.Name}
	keys, err := a.st.SecurityKeys().List(ctx, u.ID, rp.Config.RPID)
	if err != nil {
		return h, nil, err
	}
	for _, k := range keys {
		var c webauthn.Credential
		if err := json.Unmarshal([]byte(k.Credential), &c); err != nil {
			return h, nil, fmt.Errorf("read security key %s of %s: %w", k.ID, u.Name, err)
		}
		h.Credentials = append(h.Credentials, c)
	}
	return h, keys, nil
}

func (a *App) beginCeremony(ctx context.Context, u model.User, purpose string, options any, sess *webauthn.SessionData) (KeyCeremony, error) {
	opts, err := json.Marshal(options)
	if err != nil {
		return KeyCeremony{}, err
	}
	data, err := json.Marshal(sess)
	if err != nil {
		return KeyCeremony{}, err
	}
	expires := sess.Expires
	if expires.IsZero() {
		expires = a.now().Add(access.KeyCeremonyTTL)
	}
	id := store.NewID()
	if err := a.st.SecurityKeys().BeginCeremony(ctx, id, u.ID, purpose, string(data), expires); err != nil {
		return KeyCeremony{}, err
	}
	return KeyCeremony{ID: id, Options: string(opts)}, nil
}

// takeCeremony is the session data of u's ceremony id for purpose, used up.
func (a *App) takeCeremony(ctx context.Context, u model.User, id, purpose string) (webauthn.SessionData, error) {
	var sess webauthn.SessionData
	data, err := a.st.SecurityKeys().TakeCeremony(ctx, id, u.ID, purpose)
	if err != nil {
		return sess, err
	}
	return sess, json.Unmarshal([]byte(data), &sess)
}

// BeginKeyRegistration asks the browser of u — who has just given their
// password and, if they have one, their current second factor (the caller
// checks both) — for a new key. Keys u already has are excluded, so one key
// is not registered twice.
func (a *App) BeginKeyRegistration(ctx context.Context, rp *webauthn.WebAuthn, u model.User) (KeyCeremony, error) {
	h, _, err := a.holder(ctx, rp, u)
	if err != nil {
		return KeyCeremony{}, err
	}
	creation, sess, err := rp.BeginRegistration(h, webauthn.WithExclusions(webauthn.Credentials(h.Credentials).CredentialDescriptors()))
	if err != nil {
		return KeyCeremony{}, fmt.Errorf("begin key registration for %s: %w", u.Name, err)
	}
	return a.beginCeremony(ctx, u, ceremonyRegister, creation, sess)
}

// CheckKeyName checks what an owner calls a key.
func CheckKeyName(name string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" || utf8.RuneCountInString(name) > maxKeyName {
		return "", refuse(Invalid, "name the key (at most %d characters)", maxKeyName)
	}
	return name, nil
}

// FinishKeyRegistration checks the browser's answer to ceremony id and
// stores the key as name. The first second factor of an account also
// gives it recovery codes, returned to be shown once (nil otherwise).
// A wrong or stale answer is ErrBadCode, logged.
func (a *App) FinishKeyRegistration(ctx context.Context, rp *webauthn.WebAuthn, u model.User, id, name string, response []byte, remote string) ([]string, error) {
	name, err := CheckKeyName(name)
	if err != nil {
		return nil, err
	}
	sess, err := a.takeCeremony(ctx, u, id, ceremonyRegister)
	if errors.Is(err, store.ErrNoCeremony) {
		return nil, a.keyFailed(ctx, u.Name, remote, "registration expired or answered")
	}
	if err != nil {
		return nil, err
	}
	h, _, err := a.holder(ctx, rp, u)
	if err != nil {
		return nil, err
	}
	parsed, err := protocol.ParseCredentialCreationResponseBytes(response)
	if err != nil {
		return nil, a.keyFailed(ctx, u.Name, remote, "unreadable answer: "+protocolDetail(err))
	}
	cred, err := rp.CreateCredential(h, sess, parsed)
	if err != nil {
		return nil, a.keyFailed(ctx, u.Name, remote, protocolDetail(err))
	}
	before, err := a.SecondFactor(ctx, u)
	if err != nil {
		return nil, err
	}
	record, err := json.Marshal(cred)
	if err != nil {
		return nil, err
	}
	k := store.SecurityKey{ID: store.NewID(), UserID: u.ID, RPID: rp.Config.RPID,
		CredentialID: base64.RawURLEncoding.EncodeToString(cred.ID), Name: name, Credential: string(record)}
	if err := a.st.SecurityKeys().Add(ctx, k); err != nil {
		return nil, err
	}
	var codes []string
	if !before.HasFactor() {
		var hashes []string
		if codes, hashes, err = access.NewRecoveryCodes(); err != nil {
			return nil, err
		}
		if err := a.st.SecondFactors().ReplaceRecoveryCodes(ctx, u.ID, hashes); err != nil {
			return nil, err
		}
	}
	return codes, a.logAccount(ctx, u.Name, LogKeyAdded, remote)
}

// BeginKeySignIn asks the browser of u, who gave the right password, for
// one of u's keys of rp's relying party; ok false when u has none.
func (a *App) BeginKeySignIn(ctx context.Context, rp *webauthn.WebAuthn, u model.User) (c KeyCeremony, ok bool, err error) {
	h, _, err := a.holder(ctx, rp, u)
	if err != nil || len(h.Credentials) == 0 {
		return KeyCeremony{}, false, err
	}
	assertion, sess, err := rp.BeginLogin(h)
	if err != nil {
		return KeyCeremony{}, false, fmt.Errorf("begin key sign-in for %s: %w", u.Name, err)
	}
	c, err = a.beginCeremony(ctx, u, ceremonySignIn, assertion, sess)
	return c, err == nil, err
}

// CheckSecurityKey checks the browser's answer to ceremony id: a signature
// of the challenge by one of u's keys. It returns FactorKey, or ErrBadCode
// (logged) for an answer that is stale, wrong, from a key u does not have
// (any more), or from a key whose signature counter went backwards — the
// library's clone warning, which refuses the sign-in and marks the key.
func (a *App) CheckSecurityKey(ctx context.Context, rp *webauthn.WebAuthn, u model.User, id string, response []byte, remote string) (string, error) {
	sess, err := a.takeCeremony(ctx, u, id, ceremonySignIn)
	if errors.Is(err, store.ErrNoCeremony) {
		return FactorNone, a.keyFailed(ctx, u.Name, remote, "sign-in expired or answered")
	}
	if err != nil {
		return FactorNone, err
	}
	parsed, err := protocol.ParseCredentialRequestResponseBytes(response)
	if err != nil {
		return FactorNone, a.keyFailed(ctx, u.Name, remote, "unreadable answer: "+protocolDetail(err))
	}
	h, keys, err := a.holder(ctx, rp, u)
	if err != nil {
		return FactorNone, err
	}
	cred, err := rp.ValidateLogin(h, sess, parsed)
	if err != nil {
		return FactorNone, a.keyFailed(ctx, u.Name, remote, protocolDetail(err))
	}
	var key store.SecurityKey
	for i, c := range h.Credentials {
		if string(c.ID) == string(cred.ID) {
			key = keys[i]
		}
	}
	if key.ID == "" {
		return FactorNone, a.keyFailed(ctx, u.Name, remote, "unknown key")
	}
	if key.CloneWarning {
		return FactorNone, a.keyFailed(ctx, u.Name, remote, "key "+key.ID+" is refused since a clone warning")
	}
	record, err := json.Marshal(cred)
	if err != nil {
		return FactorNone, err
	}
	if err := a.st.SecurityKeys().Used(ctx, u.ID, key.ID, string(record), cred.Authenticator.CloneWarning); err != nil {
		return FactorNone, err
	}
	if cred.Authenticator.CloneWarning {
		if err := a.logAccount(ctx, u.Name, LogKeyCloned, remote); err != nil {
			return FactorNone, err
		}
		a.log.Warn("security key clone warning: sign-in refused", "user", u.Name, "key", key.ID)
		return FactorNone, ErrBadCode
	}
	return FactorKey, nil
}

// RemoveSecurityKey removes u's key id, as u (signed in with a second
// factor: the caller checks). Every session of u ends — one signed in
// with a lost key too; the caller starts u's own afresh.
func (a *App) RemoveSecurityKey(ctx context.Context, u model.User, id, remote string) error {
	if _, err := a.st.SecurityKeys().Remove(ctx, u.ID, id); errors.Is(err, store.ErrNoSecurityKey) {
		return notFound("security key")
	} else if err != nil {
		return err
	}
	if err := a.st.Sessions().DeleteUser(ctx, u.ID); err != nil {
		return fmt.Errorf("end %s's sessions: %w", u.Name, err)
	}
	return a.logAccount(ctx, u.Name, LogKeyRemoved, remote)
}

// RemoveSecurityKeys removes every key of the account named, as v, an
// admin: for someone who lost their keys. Their sessions end; an admin or
// reviewer without TOTP then enrols again at their next sign-in. It
// returns how many keys there were.
func (a *App) RemoveSecurityKeys(ctx context.Context, v access.Viewer, name string) (int, error) {
	if err := mayManageAccounts(v, "remove security keys"); err != nil {
		return 0, err
	}
	u, err := a.st.UserByName(ctx, name)
	if errors.Is(err, store.ErrNotFound) {
		return 0, notFound("user " + name)
	}
	if err != nil {
		return 0, err
	}
	n, err := a.st.SecurityKeys().RemoveAll(ctx, u.ID)
	if err != nil {
		return 0, err
	}
	if err := a.st.Sessions().DeleteUser(ctx, u.ID); err != nil {
		return n, fmt.Errorf("end %s's sessions: %w", u.Name, err)
	}
	return n, a.logAccountBy(ctx, v.Actor(), u.Name, LogKeyRemoved, "")
}

// ListSecurityKeys lists the keys of the account named, as v, an admin.
func (a *App) ListSecurityKeys(ctx context.Context, v access.Viewer, name string) ([]SecurityKeyInfo, error) {
	if err := mayManageAccounts(v, "list security keys"); err != nil {
		return nil, err
	}
	u, err := a.st.UserByName(ctx, name)
	if errors.Is(err, store.ErrNotFound) {
		return nil, notFound("user " + name)
	}
	if err != nil {
		return nil, err
	}
	return a.SecurityKeys(ctx, nil, u)
}

// keyFailed logs a refused key (why, for the server's log only: the access
// log and the person get one answer) and returns ErrBadCode.
func (a *App) keyFailed(ctx context.Context, name, remote, why string) error {
	a.log.Info("security key refused", "user", name, "why", why)
	if err := a.logAccount(ctx, name, LogKeyFailed, remote); err != nil {
		return err
	}
	return ErrBadCode
}

// protocolDetail is what the library says went wrong, for the server's log.
func protocolDetail(err error) string {
	var pe *protocol.Error
	if errors.As(err, &pe) && pe.Details != "" {
		return pe.Details
	}
	return err.Error()
}
