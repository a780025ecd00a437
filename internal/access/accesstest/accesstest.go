// Package accesstest holds the accounts every test rig seeds — the
// application layer's (internal/apptest), the web UI's, the API's,
// reconciliation's and the case file's: one account of every role, each
// cleared for another level, and a disabled admin, all with one password.
// Tests name them ("vera", "adel") the same way everywhere.
package accesstest

import (
	"sync"
	"testing"

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
