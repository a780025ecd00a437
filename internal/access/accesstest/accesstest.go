// Package accesstest holds the accounts every test rig seeds — the
// application layer's (internal/apptest), the web UI's, the API's,
// reconciliation's and the case file's: one account of every role, each
// cleared for another level, and a disabled admin, all with one password.
// Tests name them ("vera", "adel") the same way everywhere.
package accesstest

import (
	"crypto/sha256"
	"encoding/base32"
	"sync"
	"testing"
	"time"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
)

// Password is every seeded account's password.
const Password = "correct horse battery staple"

// Account is a seeded account.
type Account struct {
	Name      string
	Role      model.Role
	Clearance model.Sensitivity
}

// Accounts are the seeded accounts that can sign in: one of every role,
// each with a different clearance.
var Accounts = []Account{
	{"vera", model.RoleViewer, model.Public},
	{"anas", model.RoleAnalyst, model.Internal},
	{"rania", model.RoleReviewer, model.Restricted},
	{"adel", model.RoleAdmin, model.Confidential},
	{"karim", model.RoleCaseworker, model.Internal},
}

// Disabled is the seeded account that is disabled: an admin cleared for
// everything, who may do nothing.
const Disabled = "gone"

// Viewer is the access.Viewer of a seeded account.
func Viewer(name string) access.Viewer {
	for _, a := range Accounts {
		if a.Name == name {
			return access.ForUser(model.User{Name: a.Name, Role: a.Role, Clearance: a.Clearance})
		}
	}
	panic("accesstest: no account " + name)
}

// Users are the accounts to store — Accounts and the disabled admin — each
// with Password hashed.
func Users(t testing.TB) []model.User {
	t.Helper()
	hash := PasswordHash(t)
	var out []model.User
	for _, a := range Accounts {
		out = append(out, model.User{Name: a.Name, Role: a.Role, Clearance: a.Clearance, PasswordHash: hash})
	}
	return append(out, model.User{Name: Disabled, Role: model.RoleAdmin, Clearance: model.Confidential,
		PasswordHash: hash, Disabled: true})
}

var (
	hashOnce sync.Once
	hashed   string
	hashErr  error
)

// PasswordHash is Password hashed once for the whole test binary (argon2id
// takes 64 MiB and a noticeable fraction of a second).
func PasswordHash(t testing.TB) string {
	t.Helper()
	hashOnce.Do(func() { hashed, hashErr = access.HashPassword(Password) })
	if hashErr != nil {
		t.Fatal(hashErr)
	}
	return hashed
}

// Second factors: the seeded admin and reviewer (access.RequiresSecondFactor)
// are enrolled in TOTP with a secret of their own, fixed for every test, so
// that rigs sign them in with real codes computed from it — the sign-in
// path is the one production runs.

// Secret is the TOTP secret (base32) of a seeded account.
func Secret(name string) string {
	sum := sha256.Sum256([]byte("athar test TOTP secret of " + name))
	return base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(sum[:20])
}

// Enrolled reports whether a seeded account is enrolled in TOTP.
func Enrolled(name string) bool {
	for _, a := range Accounts {
		if a.Name == name {
			return access.RequiresSecondFactor(a.Role)
		}
	}
	return name == Disabled
}

// Codes is the authenticator app of one rig: it gives codes of the seeded
// secrets, never one step twice for an account (the server accepts each
// step once), and its Now is the clock the rig's application checks codes
// against (app.Config.CodeNow): the real time, moved on whenever an account
// signs in more often than codes change. A rig whose server checks codes on
// the real clock may sign an account in twice in 30 seconds (the steps at
// and after now; the one before could fall out of the window as the clock
// turns).
type Codes struct {
	mu     sync.Mutex
	offset int64 // steps ahead of the real time
	last   map[string]int64
}

// NewCodes returns an authenticator for a fresh store.
func NewCodes() *Codes { return &Codes{last: map[string]int64{}} }

// Now is the time the rig's codes are for.
func (c *Codes) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.nowLocked()
}

func (c *Codes) nowLocked() time.Time {
	return time.Now().Add(time.Duration(c.offset) * 30 * time.Second)
}

// Code returns a code for name the server has not seen: of the current
// step, or of the one after the last one given.
func (c *Codes) Code(t testing.TB, name string) string {
	t.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	now := access.TOTPStep(c.nowLocked())
	step := max(now, c.last[name]+1)
	if step > now+1 {
		c.offset += step - now
	}
	c.last[name] = step
	code, err := access.TOTPCode(Secret(name), time.Unix(step*30, 0))
	if err != nil {
		t.Fatal(err)
	}
	return code
}
