package app_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/apptest"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

func level(s model.Sensitivity) *model.Sensitivity { return &s }

// The review rule, once: reviewers and admins decide on statements they may
// see; a reviewer may raise a level up to their own clearance and no
// further, only an admin lowers one, never below the source's; a correction
// rejects the statement and confirms a manual one with the new value.
func TestReviewRule(t *testing.T) {
	apptest.Engines(t, func(t *testing.T, r *apptest.Rig) {
		ctx := context.Background()
		rania, adel := apptest.Viewer("rania"), apptest.Viewer("adel") // a reviewer at restricted, an admin
		pub, internal := r.Statements[model.Public].ID, r.Statements[model.Internal].ID
		for _, c := range []struct {
			name string
			v    access.Viewer
			id   string
			d    app.Decision
			want app.Kind // 0: allowed
		}{
			{"an analyst reviews", apptest.Viewer("anas"), pub, app.Decision{Action: app.Confirm}, app.Forbidden},
			{"a viewer reviews", apptest.Viewer("vera"), pub, app.Decision{Action: app.Reject}, app.Forbidden},
			{"above the reviewer's own clearance", rania, pub, app.Decision{Action: app.Confirm, Sensitivity: level(model.Confidential)}, app.Forbidden},
			{"a reviewer lowers", rania, internal, app.Decision{Action: app.Confirm, Sensitivity: level(model.Public)}, app.Forbidden},
			{"an admin lowers below the source", adel, internal, app.Decision{Action: app.Confirm, Sensitivity: level(model.Public)}, app.Invalid},
			{"a statement the reviewer may not see", rania, r.Statements[model.Confidential].ID, app.Decision{Action: app.Confirm}, app.NotFound},
			{"an unknown decision", rania, pub, app.Decision{Action: "approve"}, app.Invalid},
			{"an edit without a new value", rania, pub, app.Decision{Action: app.Edit, Value: " statement-public "}, app.Invalid},
			{"a reviewer raises within their clearance", rania, pub, app.Decision{Action: app.Confirm, Sensitivity: level(model.Restricted)}, 0},
			{"an admin lowers to the source's level", adel, r.Statements[model.Restricted].ID, app.Decision{Action: app.Reject, Sensitivity: level(model.Restricted)}, 0},
		} {
			_, err := r.App.Review(ctx, c.v, c.id, c.d)
			if app.KindOf(err) != c.want || (c.want == 0 && err != nil) {
				t.Errorf("%s: %v (kind %d), want kind %d", c.name, err, app.KindOf(err), c.want)
			}
		}
		got, err := r.St.Statement(ctx, access.Operator(), pub)
		if err != nil || got.Status != model.StatusConfirmed || got.Sensitivity != model.Restricted || got.Reviewer != "rania" {
			t.Errorf("after the raise: %+v %v", got, err)
		}
		done, err := r.App.Review(ctx, rania, internal, app.Decision{Action: app.Edit, Value: "Aws Salloum al-Ali", Comment: "spelling"})
		if err != nil || done.Correction == nil {
			t.Fatalf("edit: %+v %v", done, err)
		}
		c := done.Correction
		if done.Statement.Status != model.StatusRejected || c.Status != model.StatusConfirmed || c.Value != "Aws Salloum al-Ali" ||
			c.Origin != "manual" || c.SourceID != done.Statement.SourceID || c.Sensitivity != model.Internal {
			t.Errorf("edit made %+v from %+v", c, done.Statement)
		}
		if rep, err := r.St.Verify(ctx); err != nil || !rep.OK {
			t.Errorf("verify: %v %v", rep.Problems, err)
		}
	})
}

// Merges, once: only reviewers and admins judge, unmerge, re-link the store
// or list proposals; the matcher's stored reasons, which may quote any name,
// reach only who may see every name; each side must have a name the judge
// may see.
func TestMergeRule(t *testing.T) {
	apptest.Engines(t, func(t *testing.T, r *apptest.Rig) {
		ctx := context.Background()
		for _, name := range []string{"vera", "anas"} {
			v := apptest.Viewer(name)
			if _, err := r.App.ResolveAll(ctx, v); app.KindOf(err) != app.Forbidden {
				t.Errorf("%s re-linked the store: %v", name, err)
			}
			if _, err := r.App.MergeProposals(ctx, v); app.KindOf(err) != app.Forbidden {
				t.Errorf("%s listed proposals: %v", name, err)
			}
			if err := r.App.Judge(ctx, v, r.Person, r.Twin, model.Same, ""); app.KindOf(err) != app.Forbidden {
				t.Errorf("%s judged: %v", name, err)
			}
			if err := r.App.Unmerge(ctx, v, r.Twin); app.KindOf(err) != app.Forbidden {
				t.Errorf("%s unmerged: %v", name, err)
			}
		}
		full, err := r.App.MergeProposals(ctx, apptest.Viewer("adel"))
		if err != nil || len(full) != 1 || full[0].Recomputed || !strings.Contains(strings.Join(full[0].Reasons, " "), apptest.SecretAlias) {
			t.Fatalf("the admin's proposals: %+v %v", full, err)
		}
		narrow, err := r.App.MergeProposals(ctx, apptest.Viewer("rania"))
		if err != nil || len(narrow) != 1 || !narrow[0].Recomputed {
			t.Fatalf("the reviewer's proposals: %+v %v", narrow, err)
		}
		if all := strings.Join(append(append(narrow[0].Reasons, narrow[0].NamesA...), narrow[0].NamesB...), " "); strings.Contains(all, apptest.SecretAlias) {
			t.Errorf("a reviewer at restricted saw a confidential alias: %s", all)
		}
		if _, err := r.App.Match(ctx, apptest.Viewer("rania"), apptest.SecretAlias, model.TypePerson, 5); err != nil {
			t.Fatal(err)
		} else if cs, _ := r.App.Match(ctx, apptest.Viewer("rania"), apptest.SecretAlias, model.TypePerson, 5); len(cs) > 0 && cs[0].EntityID == r.Twin && cs[0].Score > 0.9 {
			t.Errorf("matching found the twin by a name the reviewer may not see: %+v", cs)
		}
		if stats, err := r.App.ResolveAll(ctx, apptest.Viewer("rania")); err != nil {
			t.Errorf("a reviewer re-linking: %+v %v", stats, err)
		}
		if err := r.App.Judge(ctx, apptest.Viewer("rania"), r.Person, r.Twin, "maybe", ""); app.KindOf(err) != app.Invalid {
			t.Errorf("verdict maybe: %v", err)
		}
		if err := r.App.Judge(ctx, apptest.Viewer("rania"), r.Person, r.Twin, model.Same, "same photo"); err != nil {
			t.Fatal(err)
		}
		if e, err := r.St.Entity(ctx, r.Twin); err != nil || e.MergedInto != r.Person {
			t.Errorf("after same: %+v %v", e, err)
		}
		if err := r.App.Unmerge(ctx, apptest.Viewer("rania"), r.Twin); err != nil {
			t.Fatal(err)
		}
	})
}

// Accounts, once: only an admin manages accounts and tokens, on every
// interface; one name rule; one default clearance; the last active admin
// cannot be disabled or demoted.
func TestAccountRule(t *testing.T) {
	apptest.Engines(t, func(t *testing.T, r *apptest.Rig) {
		ctx := context.Background()
		adel, rania := apptest.Viewer("adel"), apptest.Viewer("rania")
		if _, err := r.App.AddUser(ctx, rania, app.NewAccount{Name: "x", Role: model.RoleViewer}); app.KindOf(err) != app.Forbidden {
			t.Errorf("a reviewer added an account: %v", err)
		}
		if _, err := r.App.Users(ctx, rania); app.KindOf(err) != app.Forbidden {
			t.Errorf("a reviewer listed accounts: %v", err)
		}
		if _, _, _, err := r.App.CreateToken(ctx, rania, "vera", "t", store.ScopeAPI, testTime); app.KindOf(err) != app.Forbidden {
			t.Errorf("a reviewer made a token: %v", err)
		}
		for _, bad := range []string{"", "two words", "semi;colon", strings.Repeat("n", 65), "<script>"} {
			if _, err := r.App.AddUser(ctx, adel, app.NewAccount{Name: bad, Role: model.RoleViewer}); app.KindOf(err) != app.Invalid {
				t.Errorf("name %q: %v", bad, err)
			}
		}
		for _, c := range []struct {
			name string
			role model.Role
			want model.Sensitivity
		}{{"new.viewer", model.RoleViewer, model.Public}, {"new-analyst", model.RoleAnalyst, model.Public},
			{"new_reviewer", model.RoleReviewer, model.Public}, {"new@admin", model.RoleAdmin, model.Confidential}} {
			u, err := r.App.AddUser(ctx, adel, app.NewAccount{Name: c.name, Role: c.role})
			if err != nil || u.Clearance != c.want || u.Clearance != app.DefaultClearance(c.role) {
				t.Errorf("%s: %+v %v, want clearance %s", c.name, u, err, c.want)
			}
		}
		if _, err := r.App.AddUser(ctx, adel, app.NewAccount{Name: "vera", Role: model.RoleViewer}); app.KindOf(err) != app.Conflict {
			t.Errorf("a second vera: %v", err)
		}
		if _, err := r.App.AddUser(ctx, adel, app.NewAccount{Name: "shorty", Role: model.RoleViewer, Password: "short"}); app.KindOf(err) != app.Invalid {
			t.Errorf("a short password: %v", err)
		}
		// Disable every admin but adel, then adel: refused, nothing changed.
		if _, err := r.App.DisableUser(ctx, adel, "new@admin"); err != nil {
			t.Fatal(err)
		}
		if _, err := r.App.DisableUser(ctx, adel, "adel"); app.KindOf(err) != app.Conflict {
			t.Errorf("the last admin disabled: %v", err)
		}
		if u, err := r.St.UserByName(ctx, "adel"); err != nil || u.Disabled {
			t.Errorf("adel after the refusal: %+v %v", u, err)
		}
		viewer := model.RoleViewer
		if _, err := r.App.ChangeUser(ctx, adel, r.Users["adel"].ID, app.AccountChange{Role: &viewer}); app.KindOf(err) != app.Conflict {
			t.Errorf("the last admin demoted: %v", err)
		}
	})
}

// The audit rule, once: each restricted or confidential source and
// statement shown is recorded once, by id; public and internal are not.
func TestAuditRule(t *testing.T) {
	apptest.Engines(t, func(t *testing.T, r *apptest.Rig) {
		ctx := context.Background()
		var srcs []model.Source
		var sts []model.Statement
		for _, s := range model.Sensitivities() {
			srcs = append(srcs, r.Sources[s], r.Sources[s])
			sts = append(sts, r.Statements[s])
		}
		if err := r.App.RecordViews(ctx, apptest.Viewer("adel"), "view", "192.0.2.1", app.Shown{Sources: srcs, Statements: sts}); err != nil {
			t.Fatal(err)
		}
		got, err := r.App.AccessLog(ctx, apptest.Viewer("adel"), 100)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]bool{r.Sources[model.Restricted].ID: true, r.Sources[model.Confidential].ID: true,
			r.Statements[model.Restricted].ID: true, r.Statements[model.Confidential].ID: true}
		if len(got) != len(want) {
			t.Errorf("%d entries, want %d: %+v", len(got), len(want), got)
		}
		for _, e := range got {
			if !want[e.Subject] || e.Actor != "adel" || e.Remote != "192.0.2.1" || e.Action != "view" {
				t.Errorf("entry %+v", e)
			}
		}
		if _, err := r.App.AccessLog(ctx, apptest.Viewer("rania"), 10); app.KindOf(err) != app.Forbidden {
			t.Errorf("a reviewer read the access log: %v", err)
		}
	})
}

// Errors of the application layer are the store's not-found when they say
// so, and carry their kind through wrapping.
func TestErrorKinds(t *testing.T) {
	apptest.Engines(t, func(t *testing.T, r *apptest.Rig) {
		_, err := r.App.Review(context.Background(), apptest.Viewer("rania"), "no-such-statement", app.Decision{Action: app.Confirm})
		if !errors.Is(err, store.ErrNotFound) || app.KindOf(err) != app.NotFound || strings.Contains(err.Error(), "no-such-statement") {
			t.Errorf("a missing statement: %v", err)
		}
		if app.KindOf(errors.New("plain")) != 0 {
			t.Error("a plain error has a kind")
		}
	})
}

var testTime = time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
