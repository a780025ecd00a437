package store_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// reviewPart is what review by claim reads of a statement
// (store.ReviewWindow, ReviewReadings): the rest is left zero.
func reviewPart(st model.Statement) model.Statement {
	return model.Statement{ID: st.ID, EntityID: st.EntityID, Property: st.Property, Value: st.Value, ValueEntity: st.ValueEntity,
		SourceID: st.SourceID, Span: st.Span, DateStart: st.DateStart, Confidence: st.Confidence, Status: st.Status,
		Modality: st.Modality, Role: st.Role, Sensitivity: st.Sensitivity}
}

// TestReviewReadsWhatTheQueueReads: the window review by claim groups, the
// readings of its events and the texts it quotes from are, for every kind
// of viewer, what the whole-row reads give (ReviewQueue, AssignedQueue,
// StatementsByEntity, Source) — the same statements in the same order, with
// the columns review uses equal (sealed quotes and texts opened), and no
// statement or source the viewer may not see.
func TestReviewReadsWhatTheQueueReads(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		var sources []model.Source
		for i, sens := range []model.Sensitivity{model.Public, model.Internal, model.Restricted, model.Confidential} {
			sources = append(sources, addSource(t, st, fmt.Sprintf("Review window source %d. The guards took Ahmad Khalil to the prison in March 2013.", i), sens))
		}
		sources = append(sources, addTestimony(t, st, "Review window testimony. The witness saw Ahmad Khalil beaten.", model.Public, model.Consent{Court: true}))
		var events []string
		var reviewer string
		err := st.Write(ctx, "tester", func(tx *store.Tx) error {
			u := model.User{Name: "window-reviewer", Role: model.RoleReviewer, Clearance: model.Confidential}
			if err := tx.AddUser(ctx, &u); err != nil {
				return err
			}
			reviewer = u.ID
			if err := tx.Assign(ctx, sources[1].ID, reviewer); err != nil {
				return err
			}
			person, err := tx.AddEntity(ctx, model.TypePerson)
			if err != nil {
				return err
			}
			for i, src := range sources {
				ev, err := tx.AddEntity(ctx, model.TypeEvent)
				if err != nil {
					return err
				}
				events = append(events, ev.ID)
				sens := src.Sensitivity
				for j, s := range []model.Statement{
					{EntityID: person.ID, Property: model.PropName, Value: "Ahmad Khalil", Span: model.Span{Start: 45, End: 57, Quote: "Ahmad Khalil"}},
					{EntityID: ev.ID, Property: model.PropEventType, Value: "arrest", Modality: model.Alleged, Span: model.Span{Start: 35, End: 39, Quote: "took"}},
					{EntityID: ev.ID, Property: model.PropDate, Value: "2013-03", DateStart: model.Date{Year: 2013, Month: 3, Precision: model.PrecisionMonth}},
					{EntityID: ev.ID, Property: model.PropInvolved, Value: "Ahmad Khalil", ValueEntity: person.ID, Role: "victim"},
				} {
					s.SourceID, s.Sensitivity, s.Origin, s.Confidence = src.ID, sens, "extracted:test@1", 0.5+float64(j)/10
					s.Status = model.StatusProposed
					if i == 0 && j == 2 {
						s.Status = model.StatusConfirmed
					}
					if err := tx.AddStatement(ctx, &s); err != nil {
						return err
					}
				}
			}
			// one typed in by hand, with no source
			s := model.Statement{EntityID: person.ID, Property: model.PropAlias, Value: "Abu Khalil", Sensitivity: model.Internal, Origin: "manual", Status: model.StatusProposed}
			return tx.AddStatement(ctx, &s)
		})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, src := range sources {
			ids = append(ids, src.ID)
		}
		viewers := []access.Viewer{access.Operator(), access.Public(),
			{Name: "public clearance", Role: model.RoleReviewer, Clearance: model.Public},
			{Name: "internal clearance", Role: model.RoleReviewer, Clearance: model.Internal},
			{Name: "restricted clearance", Role: model.RoleReviewer, Clearance: model.Restricted}}
		for _, v := range viewers {
			t.Run(v.Actor(), func(t *testing.T) {
				for _, limit := range []int{3, 1000} {
					whole, err := st.ReviewQueue(ctx, v, limit, "")
					if err != nil {
						t.Fatal(err)
					}
					lean, err := st.ReviewWindow(ctx, v, store.Window{}, limit)
					if err != nil {
						t.Fatal(err)
					}
					sameParts(t, fmt.Sprintf("window of %d", limit), whole, lean)
					if limit == 1000 && v.Clearance == model.Confidential && len(lean) != 4*len(sources) {
						t.Errorf("window: %d statements, want %d (every proposed one)", len(lean), 4*len(sources))
					}
				}
				whole, err := st.AssignedQueue(ctx, v, reviewer, 1000, "")
				if err != nil {
					t.Fatal(err)
				}
				lean, err := st.ReviewWindow(ctx, v, store.Window{ReviewerID: reviewer}, 1000)
				if err != nil {
					t.Fatal(err)
				}
				sameParts(t, "assigned window", whole, lean)
				for _, s := range lean {
					if s.SourceID != sources[1].ID {
						t.Errorf("assigned window: statement %s of source %s, not the assigned one", s.ID, s.SourceID)
					}
				}
				// narrowed to a property, or to a property's value: the
				// queue's statements of it, in the queue's order
				all, err := st.ReviewQueue(ctx, v, 1000, "")
				if err != nil {
					t.Fatal(err)
				}
				for _, w := range []store.Window{{Property: model.PropName}, {Property: model.PropEventType, Value: "arrest"},
					{Property: model.PropEventType, Value: "release"}, {Property: model.PropDate, ReviewerID: reviewer}} {
					var want []model.Statement
					for _, s := range all {
						if s.Property == w.Property && (w.Value == "" || s.Value == w.Value) && (w.ReviewerID == "" || s.SourceID == sources[1].ID) {
							want = append(want, s)
						}
					}
					// a window wider than the fixture: an event type of a
					// sealed source (stored sealed, matched by its hash) is
					// in it for whoever may see it
					lean, err := st.ReviewWindow(ctx, v, w, 1000)
					if err != nil {
						t.Fatal(err)
					}
					sameParts(t, fmt.Sprintf("window of %+v", w), want, lean)
					if v.Clearance == model.Confidential && w.Value != "release" && len(lean) == 0 {
						t.Errorf("window of %+v: empty", w)
					}
				}
				byEntity, err := st.StatementsByEntity(ctx, v, events)
				if err != nil {
					t.Fatal(err)
				}
				readings, err := st.ReviewReadings(ctx, v, events)
				if err != nil {
					t.Fatal(err)
				}
				if len(readings) != len(byEntity) {
					t.Errorf("readings of %d entities, want %d", len(readings), len(byEntity))
				}
				for _, id := range events {
					sameParts(t, "readings of "+id, byEntity[id], readings[id])
				}
				texts, err := st.SourceTexts(ctx, v, ids)
				if err != nil {
					t.Fatal(err)
				}
				for _, id := range ids {
					one, err := st.Source(ctx, v, id)
					got, ok := texts[id]
					switch {
					case err != nil && ok:
						t.Errorf("source %s: read with its text for a viewer who may not see it (%v)", id, err)
					case err == nil && !ok:
						t.Errorf("source %s: missing, though the viewer may see it", id)
					case ok && !reflect.DeepEqual(got, one):
						t.Errorf("source %s:\n got %+v\nwant %+v", id, got, one)
					}
				}
			})
		}
	})
}

func sameParts(t *testing.T, what string, whole, lean []model.Statement) {
	t.Helper()
	if len(whole) != len(lean) {
		t.Errorf("%s: %d statements, want %d", what, len(lean), len(whole))
		return
	}
	for i := range whole {
		if want := reviewPart(whole[i]); !reflect.DeepEqual(lean[i], want) {
			t.Errorf("%s, statement %d:\n got %+v\nwant %+v", what, i, lean[i], want)
		}
	}
}
