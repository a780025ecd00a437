package app_test

import (
	"context"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/apptest"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// Notes on single statements: a reviewer writes them at a level between
// the statement's and their own clearance; each account reads only those
// at levels it is cleared for, on statements it may see — a viewer without
// clearance gets neither a note nor a count of them; a note whose source is
// raised to a sealed level afterwards is still read in the clear by who may.
func TestStatementNotes(t *testing.T) {
	apptest.Engines(t, func(t *testing.T, r *apptest.Rig) {
		ctx := context.Background()
		rania, adel, anas, vera := apptest.Viewer("rania"), apptest.Viewer("adel"), apptest.Viewer("anas"), apptest.Viewer("vera")
		pub, res, conf := r.Statements[model.Public].ID, r.Statements[model.Restricted].ID, r.Statements[model.Confidential].ID
		lvl := func(l model.Sensitivity) *model.Sensitivity { return &l }

		refusals := []struct {
			name  string
			v     access.Viewer
			id    string
			text  string
			level *model.Sensitivity
			want  app.Kind
		}{
			{"a viewer", vera, pub, "a note", nil, app.Forbidden},
			{"an analyst", anas, pub, "a note", nil, app.Forbidden},
			{"no text", rania, pub, "  ", nil, app.Invalid},
			{"below the statement", rania, res, "a note", lvl(model.Internal), app.Invalid},
			{"above the author", rania, pub, "a note", lvl(model.Confidential), app.Forbidden},
			{"a statement the author may not see", rania, conf, "a note", nil, app.NotFound},
			{"no such statement", rania, "no-such-statement", "a note", nil, app.NotFound},
		}
		for _, tc := range refusals {
			if _, err := r.App.AddStatementNote(ctx, tc.v, tc.id, tc.text, tc.level); app.KindOf(err) != tc.want {
				t.Errorf("%s: %v (kind %d), want kind %d", tc.name, err, app.KindOf(err), tc.want)
			}
		}

		const internalWord, restrictedWord = "internal-note-Qaboun", "restricted-note-Harasta"
		notes := []struct {
			id, text string
			level    *model.Sensitivity
		}{
			{pub, "Seen in the clear: " + internalWord, lvl(model.Internal)},
			{pub, "A cousin says otherwise: " + restrictedWord, lvl(model.Restricted)},
			{res, "The roster's copy is partial: " + restrictedWord, nil},
		}
		byText := map[string]app.StatementNote{}
		for _, n := range notes {
			got, err := r.App.AddStatementNote(ctx, rania, n.id, n.text, n.level)
			if err != nil {
				t.Fatalf("note %q: %v", n.text, err)
			}
			byText[n.text] = got
		}
		if got := byText[notes[2].text]; got.Sensitivity != model.Restricted || got.Author != "rania" {
			t.Errorf("a note at the statement's level by default: %+v", got)
		}

		ids := []string{pub, res, conf}
		for _, tc := range []struct {
			name string
			v    access.Viewer
			want map[string]int
		}{
			{"vera (public)", vera, map[string]int{}},
			{"the anonymous public", access.Public(), map[string]int{}},
			{"anas (internal)", anas, map[string]int{pub: 1}},
			{"rania (restricted)", rania, map[string]int{pub: 2, res: 1}},
			{"adel (confidential)", adel, map[string]int{pub: 2, res: 1}},
		} {
			got, err := r.App.StatementNotes(ctx, tc.v, ids)
			if err != nil {
				t.Fatal(err)
			}
			counts := map[string]int{}
			for id, ns := range got {
				counts[id] = len(ns)
				for _, n := range ns {
					if strings.Contains(n.Text, restrictedWord) && !tc.v.CanSee(model.Restricted) {
						t.Errorf("%s reads a restricted note", tc.name)
					}
				}
			}
			if len(counts) != len(tc.want) {
				t.Errorf("%s sees notes on %v, want %v", tc.name, counts, tc.want)
			}
			for id, n := range tc.want {
				if counts[id] != n {
					t.Errorf("%s sees %d notes on %s, want %d", tc.name, counts[id], id, n)
				}
			}
		}
		// One statement's notes (the API's and the command's read): a
		// statement the reader may not see is not found, as no statement.
		for _, tc := range []struct {
			name string
			v    access.Viewer
			id   string
			want int
			kind app.Kind
		}{
			{"anas on the public statement", anas, pub, 1, 0},
			{"rania on the public statement", rania, pub, 2, 0},
			{"anas on the restricted statement", anas, res, 0, app.NotFound},
			{"rania on the confidential statement", rania, conf, 0, app.NotFound},
			{"no such statement", adel, "no-such-statement", 0, app.NotFound},
		} {
			st, ns, err := r.App.NotesOnStatement(ctx, tc.v, tc.id)
			if app.KindOf(err) != tc.kind || len(ns) != tc.want || (err == nil && st.ID != tc.id) {
				t.Errorf("%s: %d notes on %q (%v), want %d (kind %d)", tc.name, len(ns), st.ID, err, tc.want, tc.kind)
			}
		}
		about, err := r.App.StatementNotesAbout(ctx, rania, r.Person)
		if err != nil || len(about[pub]) != 2 || len(about[res]) != 1 {
			t.Errorf("notes about the person as rania: %v %v", about, err)
		}

		// A note stays readable by who may once its source is raised to a
		// sealed level (its sealing in the store: store TestStatementNotesSealed).
		if err := r.St.Write(ctx, "admin", func(tx *store.Tx) error {
			_, err := tx.RaiseSource(ctx, r.Sources[model.Public].ID, model.KindArticle, model.Confidential)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		got, err := r.App.StatementNotes(ctx, adel, []string{pub})
		if err != nil || len(got[pub]) != 2 || got[pub][0].Text != notes[0].text {
			t.Errorf("after the raise adel reads %+v (%v)", got[pub], err)
		}
		if rep, err := r.St.Verify(ctx); err != nil || !rep.OK {
			t.Errorf("verify: %+v %v", rep, err)
		}
	})
}
