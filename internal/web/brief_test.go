package web

import (
	"context"
	"fmt"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/casefile"
	"github.com/athar-project/athar/internal/model"
)

// A brief page takes each claim's totals from the store instead of counting
// its statements; for every entity of the rig and every kind of viewer it
// must say what the full reading says: the same claims, with the same
// counts of independent sources, review states and labels.
func TestBriefClaimsMatchFullReading(t *testing.T) {
	r := newRig(t, "http://127.0.0.1")
	ctx := context.Background()
	ents, err := r.st.Entities(ctx, access.Operator(), "")
	if err != nil {
		t.Fatal(err)
	}
	viewers := []access.Viewer{access.Public()}
	for _, ro := range roles {
		viewers = append(viewers, access.ForUser(model.User{Name: ro.Name, Role: ro.Role, Clearance: ro.Clearance}))
	}
	type line struct {
		Value, Latin            string
		Independent             int
		Status                  model.Status
		Alleged, Denied, Manual bool
		Sensitivity             model.Sensitivity
		Ref                     string
	}
	summary := func(p entityPage) map[string][]line {
		out := map[string][]line{}
		add := func(group string, cs []casefile.Claim) {
			for _, c := range cs {
				l := line{c.Value, c.Latin, c.Independent, c.Status, c.Alleged, c.Denied, c.Manual, c.Sensitivity, ""}
				if c.Ref != nil {
					l.Ref = c.Ref.ID
				}
				out[group] = append(out[group], l)
			}
		}
		add("latin", p.NamesLatin)
		add("arabic", p.NamesArabic)
		add("epithets", p.Epithets)
		add("superiors", p.Superiors)
		for _, f := range p.Facts {
			add("fact "+string(f.Property), f.Claims)
		}
		out["counts"] = []line{{Independent: p.Rejected}, {Independent: p.Proposed}, {Independent: p.TimelineTotal}}
		for _, ev := range p.Timeline {
			out["timeline"] = append(out["timeline"], line{Ref: ev.ID})
		}
		for group, ls := range map[string][]casefile.Linked{"victims": p.Victims, "perpetrators": p.Perpetrators, "linked": p.Linked, "subordinates": p.Subordinates} {
			for _, l := range ls {
				out[group] = append(out[group], line{Ref: l.Ref.ID, Value: fmt.Sprint(l.Roles)})
			}
		}
		return out
	}
	checked := 0
	for _, e := range ents {
		for _, v := range viewers {
			var pages [2]entityPage
			var oks [2]bool
			for i, brief := range []bool{false, true} {
				rd := r.srv.reader(ctx, v)
				rd.brief = brief
				if pages[i], oks[i], err = rd.loadEntity(e.Entity); err != nil {
					t.Fatal(err)
				}
			}
			if oks[0] != oks[1] {
				t.Fatalf("%s as %s: full page shown %v, brief %v", e.ID, v.Actor(), oks[0], oks[1])
			}
			full, brief := summary(pages[0]), summary(pages[1])
			if fmt.Sprint(full) != fmt.Sprint(brief) {
				t.Errorf("%s %v as %s:\nfull  %v\nbrief %v", e.Type, e.Names, v.Actor(), full, brief)
			}
			checked++
		}
	}
	if checked < 20 {
		t.Fatalf("only %d pages compared", checked)
	}
}
