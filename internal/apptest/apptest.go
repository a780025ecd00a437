// Package apptest is the one test rig of the surfaces — the web UI, the
// API, reconciliation, the command line — and of the application layer: a
// store seeded with an account of every role (and a disabled one), a source
// and a proposed statement at every level, two persons the matcher proposes
// to merge, and the application layer over it. Each surface's tests add what
// only they need on top.
package apptest

import (
	"context"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/access/accesstest"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// The seeded accounts (internal/access/accesstest): one of every role,
// each with a different clearance, and a disabled admin.
const (
	Password = accesstest.Password
	Disabled = accesstest.Disabled
)

// Accounts are the seeded accounts that can sign in.
var Accounts = accesstest.Accounts

// PasswordHash is Password hashed once for the whole test binary.
func PasswordHash(t testing.TB) string { return accesstest.PasswordHash(t) }

// Viewer is the access.Viewer of a seeded account.
func Viewer(name string) access.Viewer { return accesstest.Viewer(name) }

// AddAccounts stores the seeded accounts (accesstest.Users), enrols the
// admins and reviewers among them in TOTP with their secrets
// (accesstest.Secret), and returns them by name.
func AddAccounts(t testing.TB, st *store.Store) map[string]model.User {
	t.Helper()
	users := accesstest.Users(t)
	out := map[string]model.User{}
	err := st.Write(context.Background(), "tester", func(tx *store.Tx) error {
		for _, u := range users {
			if err := tx.AddUser(context.Background(), &u); err != nil {
				return err
			}
			out[u.Name] = u
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, u := range out {
		if !accesstest.Enrolled(name) {
			continue
		}
		f := st.SecondFactors()
		if err := f.StartTOTP(context.Background(), u.ID, accesstest.Secret(name)); err != nil {
			t.Fatal(err)
		}
		if err := f.ConfirmTOTP(context.Background(), u.ID, accesstest.Secret(name), nil); err != nil {
			t.Fatalf("enrol %s: %v", name, err)
		}
	}
	return out
}

// Rig is a seeded store and the application layer over it.
type Rig struct {
	St  *store.Store
	App *app.App
	// Codes gives the enrolled accounts' second-factor codes, on the clock
	// App checks them against.
	Codes *accesstest.Codes
	Users map[string]model.User
	// Sources holds a source at every level; Statements a proposed name
	// statement of Person drawn from each.
	Sources    map[model.Sensitivity]model.Source
	Statements map[model.Sensitivity]model.Statement
	// Person and Twin are two persons the matcher proposed to merge
	// (Proposal): Person is known by its public name Aws Salloum, Twin by
	// Ous Salloum, and by a confidential alias (SecretAlias).
	Person, Twin, Proposal string
}

// SecretAlias is Twin's alias, drawn from the confidential source.
const SecretAlias = "Abu Haidar Sednawi"

// New seeds st, an empty store, and returns the rig over it.
func New(t testing.TB, st *store.Store) *Rig {
	t.Helper()
	ctx := context.Background()
	r := &Rig{St: st, Sources: map[model.Sensitivity]model.Source{}, Statements: map[model.Sensitivity]model.Statement{}}
	err := st.Write(ctx, "tester", func(tx *store.Tx) error {
		for _, sens := range model.Sensitivities() {
			src := model.Source{Kind: model.KindArticle, Title: "Source " + sens.String(), Language: "en",
				Text: "The " + sens.String() + " source names Aws Salloum, a guard at Sednaya.", Sensitivity: sens}
			if err := tx.AddSource(ctx, &src, []byte("bytes of the "+sens.String()+" source")); err != nil {
				return err
			}
			r.Sources[sens] = src
		}
		person, err := tx.AddEntity(ctx, model.TypePerson)
		if err != nil {
			return err
		}
		twin, err := tx.AddEntity(ctx, model.TypePerson)
		if err != nil {
			return err
		}
		r.Person, r.Twin = person.ID, twin.ID
		add := func(st model.Statement) (model.Statement, error) {
			if st.Origin == "" {
				st.Origin = "manual"
			}
			return st, tx.AddStatement(ctx, &st)
		}
		for _, sens := range model.Sensitivities() {
			st, err := add(model.Statement{EntityID: person.ID, Property: model.PropAlias, Value: "statement-" + sens.String(),
				SourceID: r.Sources[sens].ID, Sensitivity: sens})
			if err != nil {
				return err
			}
			r.Statements[sens] = st
		}
		for _, st := range []model.Statement{
			{EntityID: person.ID, Property: model.PropName, Value: "Aws Salloum", SourceID: r.Sources[model.Public].ID},
			{EntityID: twin.ID, Property: model.PropName, Value: "Ous Salloum", SourceID: r.Sources[model.Public].ID},
			{EntityID: twin.ID, Property: model.PropAlias, Value: SecretAlias, SourceID: r.Sources[model.Confidential].ID},
		} {
			st, err := add(st)
			if err != nil {
				return err
			}
			if err := tx.Review(ctx, st.ID, model.StatusConfirmed, ""); err != nil {
				return err
			}
		}
		p := store.MergeProposal{EntityA: person.ID, EntityB: twin.ID, Score: 0.81,
			Reasons: []string{"stored reason naming " + SecretAlias}, Proposer: "resolve@1"}
		if _, err := tx.ProposeMerge(ctx, &p); err != nil {
			return err
		}
		r.Proposal = p.ID
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	r.Users = AddAccounts(t, st)
	r.Codes = accesstest.NewCodes()
	r.App = app.New(st, app.Config{CodeNow: r.Codes.Now})
	return r
}

// Engines runs test on a seeded rig on SQLite and on PostgreSQL. Call
// pgtest.Stop from the package's TestMain.
func Engines(t *testing.T, test func(t *testing.T, r *Rig)) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) { test(t, New(t, st)) })
}
