package app_test

import (
	"context"
	"testing"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/apptest"
	"github.com/athar-project/athar/internal/model"
)

// Facts and notes by hand: reviewers and admins only, at a level within
// their clearance and not below the source's, quoting the source's own
// words; confirmed in their name.
func TestAddFact(t *testing.T) {
	apptest.Engines(t, func(t *testing.T, r *apptest.Rig) {
		ctx := context.Background()
		rania := apptest.Viewer("rania")
		pub, conf := r.Sources[model.Public].ID, r.Sources[model.Confidential].ID
		for _, c := range []struct {
			name string
			v    string
			f    app.Fact
			want app.Kind
		}{
			{"an analyst", "anas", app.Fact{Entity: r.Person, Property: model.PropNotes, Value: "x"}, app.Forbidden},
			{"no value", "rania", app.Fact{Entity: r.Person, Property: model.PropNotes}, app.Invalid},
			{"no such entity", "rania", app.Fact{Entity: "nonexistent", Property: model.PropNotes, Value: "x"}, app.NotFound},
			{"a link", "rania", app.Fact{Entity: r.Person, Property: model.PropInvolved, Value: "x"}, app.Invalid},
			{"an unknown property", "rania", app.Fact{Entity: r.Person, Property: "shoeSize", Value: "x"}, app.Invalid},
			{"a source the reviewer may not see", "rania", app.Fact{Entity: r.Person, Property: model.PropAlias, Value: "x", Source: conf}, app.NotFound},
			{"a quote not in the source", "rania", app.Fact{Entity: r.Person, Property: model.PropTitle, Value: "guard", Source: pub, Quote: "a cook"}, app.Invalid},
			{"a quote with no source", "rania", app.Fact{Entity: r.Person, Property: model.PropTitle, Value: "guard", Quote: "a guard"}, app.Invalid},
			{"above the reviewer's clearance", "rania", app.Fact{Entity: r.Person, Property: model.PropNotes, Value: "x", Sensitivity: level(model.Confidential)}, app.Forbidden},
			{"below the source", "adel", app.Fact{Entity: r.Person, Property: model.PropNotes, Value: "x", Source: r.Sources[model.Internal].ID, Sensitivity: level(model.Public)}, app.Invalid},
		} {
			if _, err := r.App.AddFact(ctx, apptest.Viewer(c.v), c.f); app.KindOf(err) != c.want {
				t.Errorf("%s: %v, want kind %d", c.name, err, c.want)
			}
		}
		st, err := r.App.AddFact(ctx, rania, app.Fact{Entity: r.Person, Property: model.PropTitle, Value: " guard ", Source: pub, Quote: "a guard at Sednaya"})
		if err != nil {
			t.Fatal(err)
		}
		if st.Status != model.StatusConfirmed || st.Value != "guard" || st.Origin != "manual" || st.Author != "rania" || st.Reviewer != "rania" ||
			st.Span.Quote != "a guard at Sednaya" || st.Span.End-st.Span.Start != len("a guard at Sednaya") || st.Sensitivity != model.Public {
			t.Errorf("the fact: %+v", st)
		}
		note, err := r.App.AddFact(ctx, rania, app.Fact{Entity: r.Person, Property: model.PropNotes, Value: "Ask the family about 2012.", Sensitivity: level(model.Restricted)})
		if err != nil || note.Sensitivity != model.Restricted || note.SourceID != "" {
			t.Errorf("the note: %+v %v", note, err)
		}
		if _, err := r.St.Statement(ctx, apptest.Viewer("anas"), note.ID); err == nil {
			t.Error("an analyst at internal sees a restricted note")
		}
		if rep, err := r.St.Verify(ctx); err != nil || !rep.OK {
			t.Errorf("verify: %v %v", rep.Problems, err)
		}
	})
}
