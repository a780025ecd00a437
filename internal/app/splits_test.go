package app_test

import (
	"context"
	"reflect"
	"slices"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/apptest"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// A split by statements: the case study's person is two men of one name —
// the weekly roundup (with its alias "Abu Fadi") and the testimony summary
// tell of another Samir Khoury. A reviewer takes those sources' names, the
// alias and that man's arrests off the entity onto a new one. The refusals
// change nothing, a dry run changes nothing, the split keeps the claim
// totals as a rebuild would make them and another process's names index
// learns of it from the ledger, a stale second split is refused, hidden
// statements are never offered nor moved, and merging back undoes it.
func TestSplitByStatements(t *testing.T) {
	apptest.Engines(t, func(t *testing.T, r *apptest.Rig) {
		ctx := context.Background()
		c := apptest.SeedCase(t, r.St)
		adel, rania, vera := apptest.Viewer("adel"), apptest.Viewer("rania"), apptest.Viewer("vera")
		// A confidential alias of the person, which rania may not see.
		hidden := model.Statement{EntityID: c.Person, Property: model.PropAlias, Value: "Abu Samir of Harasta",
			SourceID: r.Sources[model.Confidential].ID, Origin: "manual"}
		if err := r.St.Write(ctx, "tester", func(tx *store.Tx) error { return tx.AddStatement(ctx, &hidden) }); err != nil {
			t.Fatal(err)
		}
		// Another process's names index, built before the split.
		other := app.New(r.St, app.Config{})
		if cands, err := other.Match(ctx, adel, "Abu Fadi", model.TypePerson, 3); err != nil || len(cands) == 0 || cands[0].EntityID != c.Person {
			t.Fatalf("before the split Abu Fadi is %v (%v), want the person", cands, err)
		}

		links, err := r.St.Referencing(ctx, access.Operator(), c.Person)
		if err != nil {
			t.Fatal(err)
		}
		var arrests []string // the other man's part in his arrests
		for _, st := range links {
			if st.EntityID == c.Arrests[3] || st.EntityID == c.Arrests[4] {
				arrests = append(arrests, st.ID)
			}
		}
		if len(arrests) != 2 {
			t.Fatalf("%d participations in the other man's arrests, want 2", len(arrests))
		}
		chosen := append([]string{c.Names[3], c.Names[4], c.WrongAlias}, arrests...)

		choices, err := r.App.SplitChoices(ctx, rania, c.Person)
		if err != nil {
			t.Fatal(err)
		}
		for _, ch := range choices {
			if ch.Statement.ID == hidden.ID {
				t.Fatal("the split page offers rania a confidential statement")
			}
		}
		head := ledgerHead(t, r.St)
		refusals := []struct {
			name string
			v    access.Viewer
			ids  []string
			why  string
			want app.Kind
		}{
			{"a viewer", vera, chosen, "another man", app.Forbidden},
			{"an analyst", apptest.Viewer("anas"), chosen, "another man", app.Forbidden},
			{"no reason", rania, chosen, " ", app.Invalid},
			{"no statement", rania, nil, "another man", app.Invalid},
			{"no name for the new entity", rania, arrests, "another man", app.Invalid},
			{"everything rania sees", rania, idsOf(choices), "another man", app.Invalid},
			{"a statement rania may not see", rania, append([]string{hidden.ID}, chosen...), "another man", app.NotFound},
			{"a statement of another entity", rania, append([]string{r.Statements[model.Public].ID}, chosen...), "another man", app.Conflict},
			{"an unknown entity", rania, chosen, "another man", app.NotFound},
		}
		for _, tc := range refusals {
			t.Run(tc.name, func(t *testing.T) {
				id := c.Person
				if tc.name == "an unknown entity" {
					id = "no-such-entity"
				}
				_, err := r.App.SplitStatements(ctx, tc.v, id, tc.ids, tc.why, false)
				if app.KindOf(err) != tc.want {
					t.Fatalf("got %v (kind %d), want kind %d", err, app.KindOf(err), tc.want)
				}
				if got := ledgerHead(t, r.St); got != head {
					t.Errorf("a refused split ledgered %d entries", got-head)
				}
			})
		}

		preview, err := r.App.SplitStatements(ctx, rania, c.Person, chosen, "another man: arrested in Homs, not the lawyer", true)
		if err != nil {
			t.Fatal(err)
		}
		if preview.Entity != "" || len(preview.Moves) != len(chosen) || ledgerHead(t, r.St) != head {
			t.Fatalf("dry run: %+v, ledger %d → %d", preview, head, ledgerHead(t, r.St))
		}

		done, err := r.App.SplitStatements(ctx, rania, c.Person, chosen, "another man: arrested in Homs, not the lawyer", false)
		if err != nil {
			t.Fatal(err)
		}
		if done.Entity == "" || done.Stays != preview.Stays || len(done.Moves) != len(chosen) {
			t.Fatalf("split: %+v (preview %+v)", done, preview)
		}
		about, err := r.St.Statements(ctx, access.Operator(), done.Entity)
		if err != nil {
			t.Fatal(err)
		}
		if got := idsOfStatements(about); !sameSet(got, chosen[:3]) {
			t.Errorf("the new entity holds %v, want %v", got, chosen[:3])
		}
		moved, err := r.St.Referencing(ctx, access.Operator(), done.Entity)
		if err != nil {
			t.Fatal(err)
		}
		if got := idsOfStatements(moved); !sameSet(got, arrests) {
			t.Errorf("the new entity takes part in %v, want %v", got, arrests)
		}
		left, err := r.St.Statements(ctx, access.Operator(), c.Person)
		if err != nil {
			t.Fatal(err)
		}
		for _, st := range left {
			if slices.Contains(chosen, st.ID) {
				t.Errorf("statement %s is still on the person", st.ID)
			}
		}
		if e, err := r.St.Entity(ctx, done.Entity); err != nil || e.Type != model.TypePerson {
			t.Errorf("the new entity: %+v %v", e, err)
		}
		vs, err := r.St.Verdicts(ctx, c.Person, done.Entity)
		if err != nil || len(vs) != 1 || vs[0].Verdict != model.Different || vs[0].Author != "rania" {
			t.Errorf("judgements of the split: %+v %v", vs, err)
		}

		// The totals kept as the split wrote them are those a rebuild makes.
		ids := []string{c.Person, done.Entity}
		kept, err := r.St.ClaimTotals(ctx, adel, ids)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := r.St.RebuildTotals(ctx); err != nil {
			t.Fatal(err)
		}
		rebuilt, err := r.St.ClaimTotals(ctx, adel, ids)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(kept, rebuilt) {
			t.Errorf("totals after the split:\n kept    %+v\n rebuilt %+v", kept, rebuilt)
		}
		// The other process learns of the split from the ledger.
		if cands, err := other.Match(ctx, adel, "Abu Fadi", model.TypePerson, 3); err != nil || len(cands) == 0 || cands[0].EntityID != done.Entity {
			t.Errorf("after the split Abu Fadi is %v (%v), want the new entity", cands, err)
		}
		for _, ca := range mustMatch(t, other, adel, "Abu Fadi") {
			if ca.EntityID == c.Person {
				t.Errorf("the other process still finds Abu Fadi on the person: %+v", ca)
			}
		}

		// The same split sent again is on a view that no longer holds.
		head = ledgerHead(t, r.St)
		if _, err := r.App.SplitStatements(ctx, rania, c.Person, chosen, "again", false); app.KindOf(err) != app.Conflict {
			t.Fatalf("a second split of the same statements: %v", err)
		}
		if got := ledgerHead(t, r.St); got != head {
			t.Errorf("a stale split ledgered %d entries", got-head)
		}

		// Undo: merging the new entity back.
		if err := r.App.Judge(ctx, rania, c.Person, done.Entity, model.Same, "one man after all"); err != nil {
			t.Fatal(err)
		}
		if canon, err := r.St.Canonical(ctx, done.Entity); err != nil || canon != c.Person {
			t.Errorf("after merging back the new entity stands for %q (%v)", canon, err)
		}
		back, err := r.App.SplitChoices(ctx, adel, c.Person)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range chosen {
			if !slices.Contains(idsOf(back), id) {
				t.Errorf("after merging back statement %s is not on the person", id)
			}
		}
		if vs, _ := r.St.Verdicts(ctx, c.Person, done.Entity); len(vs) != 2 {
			t.Errorf("the ledger holds %d judgements of the pair, want the split and the merge back", len(vs))
		}
		if rep, err := r.St.Verify(ctx); err != nil || !rep.OK {
			t.Errorf("verify: %+v %v", rep, err)
		}
	})
}

func ledgerHead(t *testing.T, st *store.Store) int64 {
	t.Helper()
	seq, _, err := st.Head(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return seq
}

func mustMatch(t *testing.T, a *app.App, v access.Viewer, name string) []app.Candidate {
	t.Helper()
	cands, err := a.Match(context.Background(), v, name, model.TypePerson, 10)
	if err != nil {
		t.Fatal(err)
	}
	return cands
}

func idsOf(ms []app.SplitMove) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Statement.ID)
	}
	return out
}

func idsOfStatements(sts []model.Statement) []string {
	var out []string
	for _, st := range sts {
		out = append(out, st.ID)
	}
	return out
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
