package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// TestTimelinePageWalksEveryEventOnce: a hub with more events than a page,
// walked page by page through its cursors, yields each event the viewer may
// see exactly once, newest first, on both engines; a viewer of lower
// clearance, and the anonymous public, walk pages that skip what they may
// not see without a gap or a leak.
func TestTimelinePageWalksEveryEventOnce(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		pub := addSource(t, st, "timeline page public", model.Public)
		conf := addSource(t, st, "timeline page confidential", model.Confidential)
		testimony := addTestimony(t, st, "timeline page testimony", model.Public, model.Consent{Court: true})
		member := access.Viewer{Name: "v", Role: model.RoleViewer, Clearance: model.Public}
		// want lists, per viewer, the events its walk must yield.
		want := map[string][]string{}
		seeBy := func(ev string, viewers ...string) {
			for _, v := range viewers {
				want[v] = append(want[v], ev)
			}
		}
		var prison, annex model.Entity
		err := st.Write(ctx, "tester", func(tx *store.Tx) error {
			var err error
			if prison, err = tx.AddEntity(ctx, model.TypeFacility); err != nil {
				return err
			}
			if annex, err = tx.AddEntity(ctx, model.TypeFacility); err != nil {
				return err
			}
			if err := tx.SetMergedInto(ctx, annex.ID, prison.ID); err != nil {
				return err
			}
			event := func(date model.Date, links ...model.Statement) string {
				ev, err := tx.AddEntity(ctx, model.TypeEvent)
				if err != nil {
					t.Fatal(err)
				}
				sts := append([]model.Statement{{Property: model.PropEventType, Value: "arrest", SourceID: pub.ID, Status: model.StatusConfirmed}}, links...)
				for _, s := range sts {
					s.EntityID, s.Origin, s.DateStart = ev.ID, "manual", date
					if s.Property == model.PropLocation || s.Property == model.PropInvolved {
						if s.ValueEntity == "" {
							s.ValueEntity = prison.ID
						}
						s.Value = "Sednaya"
					}
					if err := tx.AddStatement(ctx, &s); err != nil {
						t.Fatal(err)
					}
				}
				return ev.ID
			}
			loc := func(src model.Source, status model.Status) model.Statement {
				return model.Statement{Property: model.PropLocation, SourceID: src.ID, Status: status, Sensitivity: src.Sensitivity}
			}
			// Public, confirmed: everyone sees them. Several share a date,
			// so the walk leans on its tiebreak.
			for i := range 9 {
				seeBy(event(model.DayDate(2013, 1+i%3, 1), loc(pub, model.StatusConfirmed)), "operator", "member", "public")
			}
			// Dated and undated alike.
			seeBy(event(model.Date{}, loc(pub, model.StatusConfirmed)), "operator", "member", "public")
			// Proposed: not for the public.
			for i := range 3 {
				seeBy(event(model.DayDate(2014, 2, 1+i), loc(pub, model.StatusProposed)), "operator", "member")
			}
			// From a confidential source: the operator only.
			for i := range 4 {
				seeBy(event(model.DayDate(2012, 5, 1+i), loc(conf, model.StatusConfirmed)), "operator")
			}
			// From a testimony whose witness did not consent to publication.
			seeBy(event(model.DayDate(2015, 1, 1), loc(testimony, model.StatusConfirmed)), "operator", "member")
			// Rejected: nobody's timeline.
			event(model.DayDate(2016, 1, 1), loc(pub, model.StatusRejected))
			// Tied twice: at a later date by a confidential statement and an
			// earlier one by a public statement (through the merged annex,
			// as a participant's place): once for each viewer, where each
			// may see it.
			two := loc(conf, model.StatusConfirmed)
			other := model.Statement{Property: model.PropInvolved, ValueEntity: annex.ID, SourceID: pub.ID, Status: model.StatusConfirmed}
			seeBy(event(model.DayDate(2011, 1, 1), two, other), "operator", "member", "public")
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		ids := []string{prison.ID, annex.ID}
		props := []string{string(model.PropInvolved), string(model.PropLocation), string(model.PropOrganizer)}
		for _, tc := range []struct {
			name string
			v    access.Viewer
		}{{"operator", access.Operator()}, {"member", member}, {"public", access.Public()}} {
			for _, limit := range []int{1, 4, 50} {
				var got []string
				var keys []store.EventKey
				var before *store.EventKey
				for pages := 0; ; pages++ {
					if pages > 100 {
						t.Fatalf("%s, pages of %d: the walk does not end", tc.name, limit)
					}
					page, more, err := st.TimelinePage(ctx, tc.v, ids, props, before, limit)
					if err != nil {
						t.Fatal(err)
					}
					if len(page) > limit || (more && len(page) < limit) {
						t.Fatalf("%s, pages of %d: a page of %d, more %v", tc.name, limit, len(page), more)
					}
					for _, te := range page {
						got = append(got, te.EventID)
						keys = append(keys, te.Key)
					}
					if !more {
						break
					}
					before = &page[len(page)-1].Key
				}
				if !slices.IsSortedFunc(keys, func(a, b store.EventKey) int { return -compareKey(a, b) }) {
					t.Errorf("%s, pages of %d: not newest first: %v", tc.name, limit, keys)
				}
				if g, w := sorted(got), sorted(want[tc.name]); !slices.Equal(g, w) {
					t.Errorf("%s, pages of %d: walked %d events %v\nwant %d %v", tc.name, limit, len(g), g, len(w), w)
				}
			}
		}
		// The count the page shows agrees with the walk, for each viewer.
		for _, tc := range []struct {
			name string
			v    access.Viewer
		}{{"operator", access.Operator()}, {"member", member}, {"public", access.Public()}} {
			n, err := st.CountReferencing(ctx, tc.v, ids, props, 1000)
			if err != nil || n != len(want[tc.name]) {
				t.Errorf("%s: counted %d events (%v), walked %d", tc.name, n, err, len(want[tc.name]))
			}
		}
	})
}

func sorted(xs []string) []string {
	out := slices.Clone(xs)
	slices.Sort(out)
	return out
}

func compareKey(a, b store.EventKey) int {
	return cmpStrings(fmt.Sprint(a.Date, "\x00", a.Created, "\x00", a.ID), fmt.Sprint(b.Date, "\x00", b.Created, "\x00", b.ID))
}

func cmpStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
