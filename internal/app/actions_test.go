package app_test

import (
	"context"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/apptest"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// The actions a reviewer needs to decide everything about one person named
// in N sources (docs/review.md): one per statement in the statement queue,
// one per claim in the claim review — and the claims the sources share do
// not grow with N.
func TestActionsPerPerson(t *testing.T) {
	type row struct{ n, before, after int }
	var rows []row
	for _, n := range []int{1, 6, 12, 24} {
		st := storetest.Open(t, store.Config{DataDir: t.TempDir()})
		r := apptest.New(t, st)
		c := apptest.SeedCaseN(t, st, n)
		ctx := context.Background()
		rania := apptest.Viewer("rania")
		before := decisionsByStatement(t, ctx, st, c)
		items, err := r.App.ReviewClaims(ctx, rania, app.ClaimFilter{Entity: c.Person})
		if err != nil {
			t.Fatal(err)
		}
		after := 0
		for _, it := range items {
			if _, err := r.App.ReviewMany(ctx, rania, targetsOf(it), app.Decision{Action: app.Confirm}); err != nil {
				t.Fatal(err)
			}
			after++
		}
		if left, _ := r.App.ReviewClaims(ctx, rania, app.ClaimFilter{Entity: c.Person}); len(left) != 0 {
			t.Errorf("N=%d: %d claims left after one decision each", n, len(left))
		}
		rows = append(rows, row{n, before, after})
	}
	for _, r := range rows {
		t.Logf("N=%2d sources: %3d decisions one statement at a time, %d by claim", r.n, r.before, r.after)
	}
	if rows[1].after != rows[3].after || rows[3].before <= rows[1].before*3 {
		t.Errorf("by claim %d decisions at N=6 and %d at N=24; one at a time %d and %d", rows[1].after, rows[3].after, rows[1].before, rows[3].before)
	}
}

// decisionsByStatement counts what the statement queue asks of a reviewer
// for the person: each proposed statement about them, their events and
// their events' own statements, one decision each.
func decisionsByStatement(t *testing.T, ctx context.Context, st *store.Store, c apptest.Case) int {
	t.Helper()
	n := 0
	own, err := st.Statements(ctx, access.Operator(), c.Person)
	if err != nil {
		t.Fatal(err)
	}
	n += len(own)
	for _, ev := range append(append([]string{}, c.Arrests...), c.Tortures...) {
		sts, err := st.Statements(ctx, access.Operator(), ev)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range sts {
			if s.Status == model.StatusProposed {
				n++
			}
		}
	}
	return n
}

func targetsOf(it app.ClaimItem) []app.Target {
	var ts []app.Target
	for _, s := range it.Statements {
		ts = append(ts, app.Target{ID: s.ID, From: s.Status})
	}
	return ts
}
