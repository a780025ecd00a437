package app_test

import (
	"context"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/apptest"
	"github.com/athar-project/athar/internal/casefile"
	"github.com/athar-project/athar/internal/model"
)

// Review by claim: a person named in six sources is a handful of claims —
// the arrest all six report, the torture two allege, the name, the alias
// one gives — most important first, each with every source's sentence; one
// decision confirms a claim in every source, each statement ledgered; a
// decision on a state left behind changes nothing; a reopen undoes it.
func TestReviewByClaim(t *testing.T) {
	apptest.Engines(t, func(t *testing.T, r *apptest.Rig) {
		ctx := context.Background()
		c := apptest.SeedCase(t, r.St)
		rania := apptest.Viewer("rania")
		if _, err := r.App.ReviewClaims(ctx, apptest.Viewer("anas"), app.ClaimFilter{Entity: c.Person}); app.KindOf(err) != app.Forbidden {
			t.Errorf("an analyst's claims: %v", err)
		}
		items, err := r.App.ReviewClaims(ctx, rania, app.ClaimFilter{Entity: c.Person})
		if err != nil {
			t.Fatal(err)
		}
		type want struct {
			kind, value string
			sources     int
			modality    model.Modality
		}
		wants := []want{
			{app.ClaimEvent, string(model.EventArrest), 6, model.Asserted},
			{app.ClaimEvent, string(model.EventTortureAllegation), 2, model.Alleged},
			{app.ClaimValue, "Samir Khoury", 5, model.Asserted},
			{app.ClaimValue, "سمير خوري", 1, model.Asserted},
			{app.ClaimValue, "Abu Fadi", 1, model.Asserted},
		}
		if len(items) != len(wants) {
			for _, it := range items {
				t.Logf("%s %s %d sources %s", it.Kind, it.Value, len(it.Sources), it.Key)
			}
			t.Fatalf("%d claims, want %d", len(items), len(wants))
		}
		for i, w := range wants {
			it := items[i]
			if it.Kind != w.kind || it.Value != w.value || len(it.Sources) != w.sources || it.Modality != w.modality || len(it.Quotes) != w.sources {
				t.Errorf("claim %d: %s %q %d sources %s, want %+v", i, it.Kind, it.Value, len(it.Sources), it.Modality, w)
			}
		}
		arrest := items[0]
		if len(arrest.Statements) != 18 || len(arrest.Events) != 6 || arrest.Entity != c.Person || arrest.Date != model.DayDate(2019, 3, 14) {
			t.Errorf("the arrest: %d statements, %d events, about %s on %s", len(arrest.Statements), len(arrest.Events), arrest.Entity, arrest.Date)
		}
		if q := arrest.Quotes[0]; q.Mark != "arrested" || q.Before != "Security forces " || q.After != " Samir Khoury on 14 March 2019 in Damascus." {
			t.Errorf("the arrest's first sentence: %q [%q] %q", q.Before, q.Mark, q.After)
		}
		// The whole queue puts the gazetteer place's name last.
		all, err := r.App.ReviewClaims(ctx, rania, app.ClaimFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if last := all[len(all)-1]; last.Entity != c.Place || last.Priority != 3 {
			t.Errorf("the queue ends with %s %q (priority %d), want the gazetteer place", last.Entity, last.Value, last.Priority)
		}
		if all[0].Kind != app.ClaimEvent || all[0].Value != string(model.EventArrest) {
			t.Errorf("the queue starts with %s %q", all[0].Kind, all[0].Value)
		}
		// Filters.
		for _, f := range []struct {
			name string
			f    app.ClaimFilter
			n    int
		}{
			{"alleged", app.ClaimFilter{Entity: c.Person, Modality: model.Alleged}, 1},
			{"Arabic sources", app.ClaimFilter{Entity: c.Person, Language: "ar"}, 2},
			{"one source", app.ClaimFilter{Source: c.Sources[3]}, 5}, // arrest, name, alias, Damascus, its gazetteer entry
			{"a type", app.ClaimFilter{Type: string(model.EventTortureAllegation)}, 1},
			// the window is of the type's statements: a type the oldest
			// statements do not hold is still found
			{"a type, in a window of one", app.ClaimFilter{Type: string(model.EventTortureAllegation), Window: 1}, 1},
			{"a property, in a window of one", app.ClaimFilter{Type: string(model.PropGazetteer), Window: 1}, 1},
			{"a confidence above every reading", app.ClaimFilter{Entity: c.Person, MinConfidence: 0.9}, 0},
		} {
			got, err := r.App.ReviewClaims(ctx, rania, f.f)
			if err != nil || len(got) != f.n {
				t.Errorf("%s: %d claims (%v), want %d", f.name, len(got), err, f.n)
			}
		}

		targets := func(it app.ClaimItem) []app.Target {
			var ts []app.Target
			for _, s := range it.Statements {
				ts = append(ts, app.Target{ID: s.ID, From: s.Status})
			}
			return ts
		}
		// A preview changes nothing.
		pre, err := r.App.PreviewMany(ctx, rania, targets(arrest), app.Decision{Action: app.Confirm})
		if err != nil || len(pre) != 18 || pre[0].To != model.StatusConfirmed || pre[0].Statement.Status != model.StatusProposed {
			t.Fatalf("preview: %d %v", len(pre), err)
		}
		head, _, err := r.St.Head(ctx)
		if err != nil {
			t.Fatal(err)
		}
		done, err := r.App.ReviewMany(ctx, rania, targets(arrest), app.Decision{Action: app.Confirm, Comment: "six sources agree"})
		if err != nil || len(done) != 18 {
			t.Fatalf("confirm the arrest: %d %v", len(done), err)
		}
		ledger, err := r.St.Ledger(ctx, head, 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		decided := map[string]bool{}
		for _, e := range ledger {
			if e.Table == "statements" && e.Actor == "rania" {
				decided[e.RowID] = true
			}
		}
		if len(decided) != 18 {
			t.Errorf("%d statements decided in the ledger, want 18, one each", len(decided))
		}
		cf, err := r.App.Cases().Read(ctx, rania, c.Person, casefileOptions())
		if err != nil {
			t.Fatal(err)
		}
		if doc := cf.Doc(); doc.Status.Confirmed == nil || *doc.Status.Confirmed != "arrested" {
			t.Errorf("the case status after confirming the arrest: %+v", doc.Status)
		}
		// Sent again (a double submission): refused, nothing changes, even
		// with one statement of it still proposed among the others.
		name := items[2]
		mixed := append(targets(arrest)[:1], targets(name)...)
		if _, err := r.App.ReviewMany(ctx, apptest.Viewer("adel"), mixed, app.Decision{Action: app.Reject}); app.KindOf(err) != app.Conflict {
			t.Fatalf("a decision on a state left behind: %v", err)
		}
		if st, _ := r.St.Statement(ctx, access.Operator(), name.Statements[0].ID); st.Status != model.StatusProposed {
			t.Errorf("a refused decision on many changed one: %s", st.Status)
		}
		// The undo.
		var undo []app.Target
		for _, ch := range done {
			undo = append(undo, app.Target{ID: ch.Statement.ID, From: ch.Statement.Status})
		}
		if _, err := r.App.ReviewMany(ctx, rania, undo, app.Decision{Action: app.Reopen}); err != nil {
			t.Fatal(err)
		}
		again, err := r.App.ReviewClaims(ctx, rania, app.ClaimFilter{Entity: c.Person})
		if err != nil || len(again) != len(wants) || len(again[0].Statements) != 18 {
			t.Errorf("after the undo: %d claims (%v)", len(again), err)
		}
		for _, bad := range []struct {
			name string
			ts   []app.Target
			d    app.Decision
			want app.Kind
		}{
			{"an edit of many", targets(name), app.Decision{Action: app.Edit, Value: "x"}, app.Invalid},
			{"none", nil, app.Decision{Action: app.Confirm}, app.Invalid},
			{"a statement twice", append(targets(name), targets(name)...), app.Decision{Action: app.Confirm}, app.Invalid},
			{"one the reviewer may not see", append(targets(name), app.Target{ID: r.Statements[model.Confidential].ID}), app.Decision{Action: app.Confirm}, app.NotFound},
			{"above the reviewer's clearance", targets(name), app.Decision{Action: app.Confirm, Sensitivity: level(model.Confidential)}, app.Forbidden},
		} {
			if _, err := r.App.ReviewMany(ctx, rania, bad.ts, bad.d); app.KindOf(err) != bad.want {
				t.Errorf("%s: %v, want kind %d", bad.name, err, bad.want)
			}
		}
		if rep, err := r.St.Verify(ctx); err != nil || !rep.OK {
			t.Errorf("verify: %v %v", rep.Problems, err)
		}
	})
}

func casefileOptions() casefile.Options { return casefile.Options{} }
