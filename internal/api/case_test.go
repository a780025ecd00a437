package api

import (
	"fmt"
	"testing"

	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// An event whose statements were all rejected reads the same everywhere:
// rejected, with the type that was rejected — on the event itself, among
// the entity's events and in its case file — and it counts for nothing in
// the case status, which the entity gains.
func TestRejectedEventAndCaseStatus(t *testing.T) {
	engines(t, func(t *testing.T, r *rig) {
		ctx := t.Context()
		f := r.fx
		var conviction string
		err := r.st.Write(ctx, "tester", func(tx *store.Tx) error {
			ev, err := tx.AddEntity(ctx, model.TypeEvent)
			if err != nil {
				return err
			}
			conviction = ev.ID
			for _, st := range []model.Statement{
				{Property: "eventType", Value: "conviction"},
				{Property: "date", Value: "2025-07-01", DateStart: model.DayDate(2025, 7, 1)},
				{Property: "involved", Value: publicPerson, ValueEntity: f.person, Role: "subject"},
			} {
				st.EntityID, st.SourceID, st.Origin, st.Modality = ev.ID, f.sources[model.Public].ID, "extracted:athar-en@test", model.Asserted
				if err := tx.AddStatement(ctx, &st); err != nil {
					return err
				}
				if err := tx.Review(ctx, st.ID, model.StatusRejected, "no conviction"); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, who := range []string{"vera", "adel"} {
			ev := r.get("/api/v1/events/"+conviction, who).json(t)
			if ev["status"] != "rejected" || ev["event_type"] != "conviction" || ev["date"] != "2025-07-01" {
				t.Errorf("%s: the event reads %v %v %v", who, ev["status"], ev["event_type"], ev["date"])
			}
			ent := r.get("/api/v1/entities/"+f.person, who).json(t)
			refs := map[string]string{}
			for _, x := range ent["events"].([]any) {
				m := x.(map[string]any)
				refs[m["event_id"].(string)] = fmt.Sprint(m["event_type"], " ", m["review"])
			}
			if refs[conviction] != "conviction rejected" || refs[f.arrest] != "arrest confirmed" {
				t.Errorf("%s: the entity's events %v", who, refs)
			}
			status := ent["status"].(map[string]any)
			if status["confirmed"] != "arrested" || status["suggested"] != "arrested" {
				t.Errorf("%s: the entity's status %v", who, status)
			}
			cf := r.get("/api/v1/entities/"+f.person+"/case", who).json(t)
			got := map[string]string{}
			for _, x := range cf["events"].([]any) {
				m := x.(map[string]any)
				got[m["id"].(string)] = fmt.Sprint(m["type"], " ", m["review"], " ", m["role"])
			}
			if got[conviction] != "conviction rejected subject" || got[f.arrest] != "arrest confirmed subject" {
				t.Errorf("%s: the case file's events %v", who, got)
			}
			if fmt.Sprint(cf["status"]) != fmt.Sprint(status) {
				t.Errorf("%s: the case file's status %v, the entity's %v", who, cf["status"], status)
			}
		}
	})
}
