package app_test

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/apptest"
	"github.com/athar-project/athar/internal/model"
)

// TestKeptClaimsFollowEveryWrite: the queue's claims are kept as
// statements are written (store.ReviewClaimStatements). After every kind of
// write that adds, removes or changes statements — an ingest, decisions on
// one and on many, an undo, a merge, a split, a re-extraction, a source
// raised and sealed, a take-down, a gazetteer entry rejected — the kept
// claims are those a build from scratch makes, and for a reviewer of each
// clearance the queue read from them is the queue grouped from the
// statements (the same claims, each with the same statements), the first
// claims in the same order.
func TestKeptClaimsFollowEveryWrite(t *testing.T) {
	apptest.Engines(t, func(t *testing.T, r *apptest.Rig) {
		ctx := context.Background()
		c := apptest.SeedCase(t, r.St)
		admin := access.Operator()
		rania := apptest.Viewer("rania")
		check := func(after string) {
			t.Helper()
			drift, err := r.St.ReviewClaimsDrift(ctx)
			if err != nil {
				t.Fatalf("after %s: %v", after, err)
			}
			if drift != "" {
				t.Errorf("after %s, the kept claims differ from a rebuild:\n%s", after, drift)
			}
			for _, level := range model.Sensitivities() {
				v := access.ForUser(model.User{Name: "rania", Role: model.RoleReviewer, Clearance: level})
				for _, f := range []app.ClaimFilter{{}, {Type: string(model.EventArrest)}, {Type: string(model.PropName)},
					{Modality: model.Alleged}, {MinConfidence: 0.7}} {
					f.Window = 100000
					kept, err := r.App.ReviewClaimPage(ctx, v, f)
					if err != nil {
						t.Fatalf("after %s: %v", after, err)
					}
					grouped, err := r.App.ReviewClaims(ctx, v, app.Regrouped(f))
					if err != nil {
						t.Fatalf("after %s: %v", after, err)
					}
					if got, want := claimsOf(kept.Items), claimsOf(grouped); got != want {
						t.Errorf("after %s, %s reviewer, filter %+v: kept\n%s\ngrouped\n%s", after, level, f, got, want)
					}
					if kept.Total != len(grouped) {
						t.Errorf("after %s, %s reviewer, filter %+v: %d claims counted, %d grouped", after, level, f, kept.Total, len(grouped))
					}
					// a page's first claims are the queue's first, in order
					f.Quoted = 3
					page, err := r.App.ReviewClaims(ctx, v, f)
					if err != nil {
						t.Fatalf("after %s: %v", after, err)
					}
					first := grouped[:min(3, len(grouped))]
					if got, want := claimsOf(page), claimsOf(first); got != want {
						t.Errorf("after %s, %s reviewer, filter %+v: the page's first claims\n%s\nwant\n%s", after, level, f, got, want)
					}
				}
			}
		}
		check("the seeding")

		if _, err := r.App.IngestBytes(ctx, admin, "report.txt", []byte("Title: Guards arrested\n---\n"+
			"Security forces arrested Samir Khoury on 14 March 2019 in Damascus. Aws Salloum, a guard at Sednaya, was arrested in Homs on 2 May 2020."),
			app.IngestOptions{}); err != nil {
			t.Fatal(err)
		}
		check("an ingest")

		items, err := r.App.ReviewClaims(ctx, rania, app.ClaimFilter{Entity: c.Person})
		if err != nil || len(items) == 0 {
			t.Fatalf("claims: %d %v", len(items), err)
		}
		var ts []app.Target
		for _, s := range items[0].Statements {
			ts = append(ts, app.Target{ID: s.ID, From: s.Status})
		}
		done, err := r.App.ReviewMany(ctx, rania, ts, app.Decision{Action: app.Confirm})
		if err != nil {
			t.Fatal(err)
		}
		check("a decision on many")
		var undo []app.Target
		for _, ch := range done {
			undo = append(undo, app.Target{ID: ch.Statement.ID, From: ch.Statement.Status})
		}
		if _, err := r.App.ReviewMany(ctx, rania, undo, app.Decision{Action: app.Reopen}); err != nil {
			t.Fatal(err)
		}
		check("an undo")
		if _, err := r.App.Review(ctx, rania, c.WrongAlias, app.Decision{Action: app.Reject, From: model.StatusProposed}); err != nil {
			t.Fatal(err)
		}
		check("a decision on one")

		// a date of one arrest rejected: that reading no longer meets the others
		byEvent, err := r.St.StatementsByEntity(ctx, admin, c.Arrests[:1])
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range byEvent[c.Arrests[0]] {
			if s.Property == model.PropDate {
				if _, err := r.App.Review(ctx, rania, s.ID, app.Decision{Action: app.Reject, From: s.Status}); err != nil {
					t.Fatal(err)
				}
			}
		}
		check("an event's date rejected")

		if err := r.App.Judge(ctx, rania, r.Person, r.Twin, model.Same, "the same guard"); err != nil {
			t.Fatal(err)
		}
		check("a merge")

		if _, err := r.App.SplitStatements(ctx, rania, c.Person, c.Names[4:5], "another Samir Khoury", false); err != nil {
			t.Fatal(err)
		}
		check("a split")

		var rerr error
		if err := r.App.Reextract(ctx, admin, []string{c.Sources[2], c.Sources[3]}, func(_ app.Extracted, err error) { rerr = cmp.Or(rerr, err) }); err != nil || rerr != nil {
			t.Fatal(err, rerr)
		}
		check("a re-extraction")

		// the same bytes brought again as a confidential testimony: the
		// source is raised and its values sealed
		conf := model.Confidential
		raised, err := r.App.IngestBytes(ctx, admin, "report.txt", []byte("Title: Guards arrested\n---\n"+
			"Security forces arrested Samir Khoury on 14 March 2019 in Damascus. Aws Salloum, a guard at Sednaya, was arrested in Homs on 2 May 2020."),
			app.IngestOptions{Kind: model.KindTestimony, Sensitivity: &conf})
		if err != nil || !raised.Raised {
			t.Fatalf("raise: %+v %v", raised, err)
		}
		check("a source raised and sealed")

		if err := r.App.TakeDown(ctx, admin, raised.Source.ID, "the witness asked"); err != nil {
			t.Fatal(err)
		}
		check("a take-down")

		// the gazetteer entries rejected: the place's name is news again
		gaz, err := r.St.Statements(ctx, rania, c.Place)
		if err != nil {
			t.Fatal(err)
		}
		rejected := 0
		for _, s := range gaz {
			if s.Property == model.PropGazetteer && s.Status == model.StatusProposed {
				rejected++
				if _, err := r.App.Review(ctx, rania, s.ID, app.Decision{Action: app.Reject, From: s.Status}); err != nil {
					t.Fatal(err)
				}
			}
		}
		if rejected == 0 {
			t.Fatal("no gazetteer entry to reject")
		}
		check("the gazetteer entries rejected")
	})
}

// claimsOf describes claims by their keys and statements, in order.
func claimsOf(items []app.ClaimItem) string {
	var b strings.Builder
	for _, it := range items {
		var ids []string
		for _, s := range it.Statements {
			ids = append(ids, s.ID)
		}
		sort.Strings(ids)
		ids = slices.Compact(ids)
		fmt.Fprintf(&b, "%s p%d %d sources: %s\n", it.Key, it.Priority, len(it.Sources), strings.Join(ids, " "))
	}
	return b.String()
}
