package casefile_test

import (
	"context"
	"errors"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/casefile"
	"github.com/athar-project/athar/internal/casefile/casefiletest"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/pgtest"
	"github.com/athar-project/athar/internal/store/storetest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	pgtest.Stop()
	os.Exit(code)
}

// The person's case file says to each reader what that reader may see:
// the case status confirmed and suggested, every event with its review
// state (a rejected one said to be rejected, a corrected one confirmed),
// names without the rejected alias, and nothing above their clearance.
func TestCaseFileOfEachReader(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		fx := casefiletest.Seed(t, st)
		cases := casefile.New(st)
		for _, r := range casefiletest.Readers() {
			t.Run(r.Name, func(t *testing.T) {
				want := fx.Expect(r.Name)
				for _, bounded := range []bool{true, false} {
					f, err := cases.Read(context.Background(), r.Viewer, fx.Merged, casefile.Options{Bounded: bounded})
					if err != nil {
						t.Fatal(err)
					}
					if f.Ref.ID != fx.Person {
						t.Fatalf("a merged id read %s, want the person %s", f.Ref.ID, fx.Person)
					}
					if f.Case.Confirmed.Value != want.Confirmed || f.Case.Suggested.Value != want.Suggested ||
						f.Case.Suggested.Unreviewed != want.Unreviewed {
						t.Errorf("bounded %v: status confirmed %q suggested %q (%d unreviewed), want %q %q (%d)", bounded,
							f.Case.Confirmed.Value, f.Case.Suggested.Value, f.Case.Suggested.Unreviewed, want.Confirmed, want.Suggested, want.Unreviewed)
					}
					got := map[string]model.Status{}
					for _, ev := range f.Events {
						got[ev.ID] = ev.Status
					}
					if len(got) != len(want.Events) {
						t.Errorf("bounded %v: events %v, want %v", bounded, got, want.Events)
					}
					for id, s := range want.Events {
						if got[id] != s {
							t.Errorf("bounded %v: event %s is %q, want %q", bounded, id, got[id], s)
						}
					}
					// The rejected events are apart, with what was rejected.
					for _, ev := range f.RejectedEvents {
						if (ev.ID == fx.Conviction && ev.Type != "conviction") || (ev.ID == fx.Disowned && ev.Role != "perpetrator") {
							t.Errorf("the rejected event %s reads %q as %q", ev.ID, ev.Type, ev.Role)
						}
					}
					for _, row := range f.Timeline {
						if row.Status == model.StatusRejected || slices.Contains(row.IDs, fx.Conviction) {
							t.Errorf("a rejected event is on the timeline: %+v", row.IDs)
						}
					}
					names := f.Names()
					if !slices.Contains(names, casefiletest.Person) || slices.Contains(names, casefiletest.MergedAlias) == (r.Name == "public") {
						t.Errorf("names %q", names)
					}
					if slices.Contains(names, casefiletest.RejectedAlias) {
						t.Errorf("the rejected alias is a name: %q", names)
					}
					doc := f.Doc()
					text := strings.Join(names, " ") + " " + docText(t, doc)
					for _, h := range fx.Hidden(r.Viewer.Clearance) {
						if strings.Contains(text, h) {
							t.Errorf("%s (clearance %s) reads %q", r.Name, r.Viewer.Clearance, h)
						}
					}
				}
			})
		}
		// Status reads what the case file holds (the exports carry it),
		// for each reader, of the person and of the victim.
		for _, r := range casefiletest.Readers() {
			for _, id := range []string{fx.Person, fx.Victim} {
				f, err := cases.Read(context.Background(), r.Viewer, id, casefile.Options{})
				if errors.Is(err, casefile.ErrNotFound) {
					f = &casefile.File{}
				} else if err != nil {
					t.Fatal(err)
				}
				e, err := st.Entity(context.Background(), id)
				if err != nil {
					t.Fatal(err)
				}
				c, fate, err := cases.Reader(context.Background(), r.Viewer).Status(e)
				if err != nil {
					t.Fatal(err)
				}
				// Footnote numbers are the case file's own; the rest is the same.
				if !reflect.DeepEqual(noNotes(c.Confirmed), noNotes(f.Case.Confirmed)) ||
					!reflect.DeepEqual(noNotes(c.Suggested), noNotes(f.Case.Suggested)) ||
					!reflect.DeepEqual(noNotes(fate.Confirmed), noNotes(f.Fate.Confirmed)) ||
					!reflect.DeepEqual(noNotes(fate.Suggested), noNotes(f.Fate.Suggested)) {
					t.Errorf("%s's status of %s: %+v %+v, the case file's %+v %+v", r.Name, id, c, fate, f.Case, f.Fate)
				}
			}
		}
		// Nothing of the victim for a reader below confidential: not found,
		// as an id that names nothing.
		for _, id := range []string{fx.Victim, "no-such-entity"} {
			if _, err := cases.Read(context.Background(), casefiletest.Readers()[3].Viewer, id, casefile.Options{}); !errors.Is(err, casefile.ErrNotFound) {
				t.Errorf("case file of %s for rania: %v, want ErrNotFound", id, err)
			}
		}
		if _, err := cases.Read(context.Background(), access.Operator(), fx.Victim, casefile.Options{}); err != nil {
			t.Errorf("the operator's case file of the victim: %v", err)
		}
	})
}

// noNotes is r without its footnote numbers.
func noNotes(r casefile.Reading) casefile.Reading {
	r.Notes = nil
	return r
}
