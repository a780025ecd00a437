package app_test

import (
	"context"
	"sync"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/apptest"
	"github.com/athar-project/athar/internal/model"
)

// No lost decisions: a decision names the state it was made on; when the
// statement has left it the decision is refused as a conflict naming the
// current state, and nothing changes. Of many decisions sent at once on the
// same state exactly one takes effect — never both the old and the edited
// value confirmed. A reopen is the undo, ledgered like any decision.
func TestNoLostDecisions(t *testing.T) {
	apptest.Engines(t, func(t *testing.T, r *apptest.Rig) {
		ctx := context.Background()
		rania, adel := apptest.Viewer("rania"), apptest.Viewer("adel")
		pub := r.Statements[model.Public]

		// Many reviewers at once on the same proposed statement: confirms
		// and edits race; exactly one wins.
		const n = 8
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				d := app.Decision{Action: app.Confirm}
				if i%2 == 1 {
					d = app.Decision{Action: app.Edit, Value: "Aws Salloum al-Ali"}
				}
				_, errs[i] = r.App.Review(ctx, adel, pub.ID, d)
			}()
		}
		wg.Wait()
		won := 0
		for i, err := range errs {
			if err == nil {
				won++
				continue
			}
			cur, ok := app.CurrentState(err)
			if app.KindOf(err) != app.Conflict || !ok || cur == model.StatusProposed {
				t.Errorf("decision %d: %v (kind %d, current %q)", i, err, app.KindOf(err), cur)
			}
		}
		if won != 1 {
			t.Fatalf("%d of %d concurrent decisions took effect, want 1", won, n)
		}
		sts, err := r.St.Statements(ctx, access.Operator(), r.Person)
		if err != nil {
			t.Fatal(err)
		}
		confirmed := 0
		for _, st := range sts {
			if st.Property == model.PropAlias && st.Status == model.StatusConfirmed {
				confirmed++
			}
		}
		if confirmed != 1 {
			t.Errorf("%d aliases confirmed after the race, want 1 (the original or its correction)", confirmed)
		}

		// A second decision made on the state the first one left behind.
		id := r.Statements[model.Internal].ID
		if _, err := r.App.Review(ctx, rania, id, app.Decision{Action: app.Reject, Comment: "not him"}); err != nil {
			t.Fatal(err)
		}
		_, err = r.App.Review(ctx, adel, id, app.Decision{Action: app.Confirm, Sensitivity: level(model.Restricted)})
		if cur, ok := app.CurrentState(err); app.KindOf(err) != app.Conflict || cur != model.StatusRejected || !ok {
			t.Fatalf("a decision on a state left behind: %v", err)
		}
		got, _ := r.St.Statement(ctx, access.Operator(), id)
		if got.Status != model.StatusRejected || got.Sensitivity != model.Internal || got.Reviewer != "rania" {
			t.Errorf("a refused decision changed the statement: %+v", got)
		}
		for _, c := range []struct {
			name string
			d    app.Decision
			want app.Kind
		}{
			{"reopen of a proposed statement", app.Decision{Action: app.Reopen}, app.Invalid},
			{"reopen from the wrong state", app.Decision{Action: app.Reopen, From: model.StatusConfirmed}, app.Conflict},
			{"an unknown state", app.Decision{Action: app.Confirm, From: "approved"}, app.Invalid},
		} {
			if _, err := r.App.Review(ctx, adel, id, c.d); app.KindOf(err) != c.want {
				t.Errorf("%s: %v, want kind %d", c.name, err, c.want)
			}
		}

		// Undo: a reopen made on the current state, after which the
		// statement can be decided again; both decisions are in the ledger.
		before, err := r.St.Ledger(ctx, 0, 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		done, err := r.App.Review(ctx, adel, id, app.Decision{Action: app.Reopen, From: model.StatusRejected, Comment: "undo"})
		if err != nil || done.Statement.Status != model.StatusProposed || done.Statement.Reviewer != "adel" {
			t.Fatalf("reopen: %+v %v", done.Statement, err)
		}
		after, err := r.St.Ledger(ctx, 0, 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		var actors []string
		for _, e := range after {
			if e.Table == "statements" && e.RowID == id && e.Action == "update" {
				actors = append(actors, e.Actor)
			}
		}
		if len(after) <= len(before) || len(actors) != 2 || actors[0] != "rania" || actors[1] != "adel" {
			t.Errorf("ledger updates of the statement by %v, want rania's rejection then adel's reopen", actors)
		}
		if _, err := r.App.Review(ctx, rania, id, app.Decision{Action: app.Confirm}); err != nil {
			t.Errorf("a decision after the undo: %v", err)
		}

		// The undo of an edit leaves neither value confirmed.
		res := r.Statements[model.Restricted].ID
		ed, err := r.App.Review(ctx, rania, res, app.Decision{Action: app.Edit, Value: "Aws al-Salloum"})
		if err != nil || ed.Correction == nil {
			t.Fatalf("edit: %v", err)
		}
		if _, err := r.App.Review(ctx, rania, res, app.Decision{Action: app.Reopen, From: model.StatusRejected}); err != nil {
			t.Fatal(err)
		}
		orig, _ := r.St.Statement(ctx, access.Operator(), res)
		fix, _ := r.St.Statement(ctx, access.Operator(), ed.Correction.ID)
		if orig.Status != model.StatusProposed || fix.Status != model.StatusRejected {
			t.Errorf("undo of an edit: original %s, correction %s", orig.Status, fix.Status)
		}
		if rep, err := r.St.Verify(ctx); err != nil || !rep.OK {
			t.Errorf("verify: %v %v", rep.Problems, err)
		}
	})
}
