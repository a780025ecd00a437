package web

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// The page of an entity that many sources name lists the newest sources and
// the latest events, and says how many there are in all; a reader that is
// not brief (the dossier's) gets every one.
func TestBriefPagesBoundWhatTheyList(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, store.Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	const nSources, nEvents = briefSources + 7, briefEvents + 5
	var prison model.Entity
	err = st.Write(ctx, "tester", func(tx *store.Tx) error {
		if prison, err = tx.AddEntity(ctx, model.TypeFacility); err != nil {
			return err
		}
		for i := range max(nSources, nEvents) {
			text := fmt.Sprintf("Report %d: former guards of Sednaya Prison were arrested.", i)
			src := model.Source{Kind: model.KindArticle, Title: fmt.Sprintf("Report %d", i), Text: text, Language: "en",
				Sensitivity: model.Public, Published: model.DayDate(2024, 1+i%12, 1+i%28)}
			if _, err := tx.AddSource(ctx, &src, []byte(text)); err != nil {
				return err
			}
			start := strings.Index(text, "Sednaya")
			if i < nSources {
				m := model.Mention{SourceID: src.ID, Span: model.Span{Start: start, End: start + len("Sednaya Prison")},
					Type: model.TypeFacility, Extractor: "test@1", EntityID: prison.ID, Score: 1}
				if err := tx.AddMention(ctx, &m); err != nil {
					return err
				}
				name := model.Statement{EntityID: prison.ID, Property: "name", Value: "Sednaya Prison", SourceID: src.ID, Origin: "manual"}
				if err := tx.AddStatement(ctx, &name); err != nil {
					return err
				}
			}
			if i < nEvents {
				ev, err := tx.AddEntity(ctx, model.TypeEvent)
				if err != nil {
					return err
				}
				for _, s := range []model.Statement{
					{EntityID: ev.ID, Property: "eventType", Value: "arrest", SourceID: src.ID, Origin: "manual"},
					{EntityID: ev.ID, Property: "location", Value: "Sednaya Prison", ValueEntity: prison.ID, SourceID: src.ID, Origin: "manual"},
				} {
					if err := tx.AddStatement(ctx, &s); err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(Config{Store: st, App: app.New(st, app.Config{})})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		brief                       bool
		sources, events             int
		sourcesTotal, timelineTotal int
	}{
		{true, briefSources, briefEvents, nSources, nEvents},
		{false, nSources, nEvents, 0, 0},
	} {
		rd := s.reader(ctx, access.Operator())
		rd.brief = tc.brief
		p, ok, err := rd.loadEntity(prison)
		if err != nil || !ok {
			t.Fatalf("brief %v: %v %v", tc.brief, ok, err)
		}
		if len(p.Sources) != tc.sources || p.SourcesTotal != tc.sourcesTotal {
			t.Errorf("brief %v: %d sources listed of %d; want %d of %d", tc.brief, len(p.Sources), p.SourcesTotal, tc.sources, tc.sourcesTotal)
		}
		if len(p.Timeline) != tc.events || p.TimelineTotal != tc.timelineTotal {
			t.Errorf("brief %v: %d events listed of %d; want %d of %d", tc.brief, len(p.Timeline), p.TimelineTotal, tc.events, tc.timelineTotal)
		}
		// The one name claim counts every source, footnoted or not.
		if len(p.NamesLatin) != 1 || p.NamesLatin[0].Independent != nSources {
			t.Fatalf("brief %v: names %+v", tc.brief, p.NamesLatin)
		}
		notes := len(p.NamesLatin[0].Notes)
		if tc.brief && notes != briefNotesPerClaim || !tc.brief && notes != nSources {
			t.Errorf("brief %v: the name claim has %d footnotes", tc.brief, notes)
		}
	}
	// Past a cap, events are not counted on: the page says "more than".
	for _, tc := range []struct{ limit, want int }{{10, 10}, {nEvents + 1, nEvents}} {
		if n, err := st.CountReferencing(ctx, access.Operator(), []string{prison.ID}, timelineProps, tc.limit); err != nil || n != tc.want {
			t.Errorf("events counted up to %d: %d, %v; want %d", tc.limit, n, err, tc.want)
		}
	}
}

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
		viewers = append(viewers, access.ForUser(model.User{Name: ro.name, Role: ro.role, Clearance: ro.clearance}))
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
		add := func(group string, cs []claim) {
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
			add("fact "+f.Property, f.Claims)
		}
		out["counts"] = []line{{Independent: p.Rejected}, {Independent: p.Proposed}, {Independent: p.TimelineTotal}}
		for _, ev := range p.Timeline {
			out["timeline"] = append(out["timeline"], line{Ref: ev.ID})
		}
		for group, ls := range map[string][]linked{"victims": p.Victims, "perpetrators": p.Perpetrators, "linked": p.Linked, "subordinates": p.Subordinates} {
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
