package web

import (
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/casefile"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/web/i18n"
)

func TestGraphView(t *testing.T) {
	r := newRig(t, "")
	fx := r.fx
	adel := r.login("adel")
	link := func(id string) string { return `<a href="/entities/` + id + `" class="node ` }
	body := adel.get("/entities/" + fx.person + "/graph").body
	contains(t, "adel's graph of the person", body, `<svg`, `id="graph"`, `class="node n-centre"`,
		// ring 1: the arrest and the alleged torture, with the person's role
		link(fx.arrest), link(fx.torture), ">perpetrator</text>", ">subject</text>",
		// ring 2: the facility, and the victim through the torture
		link(fx.facility), link(fx.victim), victimName, publicFacility,
		// styled by modality and review state
		`class="edge st-proposed mod-alleged"`, `class="edge st-confirmed"`,
		// the timeline, one click away
		`href="/entities/`+fx.person+`/timeline"`)
	// Only what the viewer may see: no confidential event, victim or name.
	vb := r.login("vera").get("/entities/" + fx.person + "/graph").body
	contains(t, "vera's graph", vb, link(fx.arrest), link(fx.facility))
	lacks(t, "vera's graph", vb, fx.torture, fx.victim, victimName, "mod-alleged")
	// A facility's graph: its events on the first ring, who was there on
	// the second.
	fb := adel.get("/entities/" + fx.facility + "/graph").body
	contains(t, "the facility's graph", fb, link(fx.arrest), link(fx.person), link(fx.victim), ">place of</text>")
	// The profile links to it.
	contains(t, "the profile", adel.get("/entities/"+fx.person).body, `id="graph-link" href="/entities/`+fx.person+`/graph"`)
	// In Arabic: Arabic labels are laid out right to left.
	ar := r.login("adel")
	ar.get("/?lang=ar")
	ab := ar.get("/entities/" + fx.person + "/graph").body
	contains(t, "the Arabic graph", ab, `<html lang="ar" dir="rtl">`, `direction="rtl">`+i18n.T(i18n.Arabic, "event.arrest"))
	// A merged entity's graph is its survivor's; an event has none.
	if resp := adel.get("/entities/" + fx.merged + "/graph"); resp.status != http.StatusFound || resp.header.Get("Location") != "/entities/"+fx.person+"/graph" {
		t.Errorf("merged: %d %s", resp.status, resp.header.Get("Location"))
	}
	if resp := adel.get("/entities/" + fx.arrest + "/graph"); resp.status != http.StatusNotFound {
		t.Errorf("an event's graph: %d", resp.status)
	}
}

func TestTimelineView(t *testing.T) {
	r := newRig(t, "")
	fx := r.fx
	body := r.login("adel").get("/entities/" + fx.person + "/timeline").body
	contains(t, "the timeline", body, `id="timeline"`, `id="case-status">Arrested<`, "2025-01-02", "Torture (allegation)",
		`class="badge alleged"`, `id="note-1"`, "Arrest in Homs", tortureQuote)
	// dated events first, the undated torture allegation last
	if a, b := strings.Index(body, `id="ev-`+fx.arrest+`"`), strings.Index(body, `id="ev-`+fx.torture+`"`); a < 0 || b < a {
		t.Errorf("the dated arrest (%d) is not before the undated torture (%d)", a, b)
	}
	vb := r.login("vera").get("/entities/" + fx.person + "/timeline").body
	contains(t, "vera's timeline", vb, `id="ev-`+fx.arrest+`"`)
	lacks(t, "vera's timeline", vb, tortureQuote, fx.torture, victimName)
	contains(t, "the profile", r.login("vera").get("/entities/"+fx.person).body, `id="timeline-link"`)
}

// The layout is capped and deterministic: the same page gives the same
// drawing, and events beyond the first ring's room are counted.
func TestGraphCapAndDeterminism(t *testing.T) {
	r := newRig(t, "")
	rd := r.srv.reader(t.Context(), r.viewerFor(t, "adel"))
	p := entityPage{File: &casefile.File{Ref: entityRef{ID: "centre", Type: model.TypeFacility, Caption: "Sednaya"}}}
	for i := range 30 {
		// each in a year of its own, so that none is grouped
		p.Timeline = append(p.Timeline, casefile.Event{ID: fmt.Sprintf("ev%02d", i), Type: "arrest",
			Date: model.DayDate(1990+i, 1, 1+i%28), Status: model.StatusConfirmed, Alleged: i%3 == 0, Denied: i%5 == 0})
	}
	v := &view{Lang: i18n.English}
	g1, err := buildGraph(v, rd, p)
	if err != nil {
		t.Fatal(err)
	}
	g2, _ := buildGraph(v, rd, p)
	if !reflect.DeepEqual(g1, g2) {
		t.Error("the same page drew two different graphs")
	}
	if len(g1.Nodes) != 1+ring1Max+1 || g1.Hidden != 30-ring1Max {
		t.Fatalf("%v: want %d nodes and %d hidden", g1, ring1Max+2, 30-ring1Max)
	}
	more := g1.Nodes[len(g1.Nodes)-1]
	if more.Class != "n-more" || more.Label != fmt.Sprintf("+%d more", 30-ring1Max) || more.Href != "/entities/centre/timeline" {
		t.Errorf("the more node: %+v", more)
	}
	// Every first-ring node sits on its ring; the first at the top.
	for _, n := range g1.Nodes[1:] {
		dx, dy := n.X-graphWidth/2, n.Y-graphHeight/2
		if d := dx*dx + dy*dy; d < (ring1Radius-1)*(ring1Radius-1) || d > (ring1Radius+1)*(ring1Radius+1) {
			t.Errorf("%s at (%v, %v) is off the first ring", n.ID, n.X, n.Y)
		}
	}
	if n := g1.Nodes[1]; n.X != graphWidth/2 || n.Y != graphHeight/2-ring1Radius {
		t.Errorf("the first event is at (%v, %v), not at the top", n.X, n.Y)
	}
	classes := map[string]int{}
	for _, e := range g1.Edges {
		classes[e.Class]++
	}
	if classes["edge st-confirmed mod-denied"] == 0 || classes["edge st-confirmed mod-alleged"] == 0 || classes["edge st-confirmed"] == 0 {
		t.Errorf("edge styles: %v", classes)
	}
}

func TestTextDir(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Ous Salloum", "ltr"},
		{"أوس سلوم", "rtl"},
		{"2025-01-02 · اعتقال", "rtl"},
		{"Arrest · 2025", "ltr"},
		{"+3", "ltr"},
		{"", "ltr"},
	} {
		if got := textDir(tc.in); got != tc.want {
			t.Errorf("textDir(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
	if got := cut(strings.Repeat("ب", 40)); len([]rune(got)) != graphLabelMx || !strings.HasSuffix(got, "…") {
		t.Errorf("cut: %q", got)
	}
}

// TestGraphGroupsEvents: an entity with more events than graphGroupAt has
// them grouped on the first ring by type and year, each group leading to
// its first event in the timeline, its edge confirmed or alleged only when
// every event in it is; with few events each stays alone. Labels sit
// beside their circles, away from the centre, in either script.
func TestGraphGroupsEvents(t *testing.T) {
	r := newRig(t, "")
	rd := r.srv.reader(t.Context(), r.viewerFor(t, "adel"))
	p := entityPage{File: &casefile.File{Ref: entityRef{ID: "centre", Type: model.TypePerson, Caption: "Ous Salloum"}}}
	add := func(n int, typ model.EventType, year int, alleged bool, status model.Status) {
		for range n {
			ev := casefile.Event{ID: fmt.Sprintf("ev%02d", len(p.Timeline)), Type: typ, Alleged: alleged, Status: status}
			if year != 0 {
				ev.Date = model.Date{Year: year, Precision: model.PrecisionYear}
			}
			p.Timeline = append(p.Timeline, ev)
		}
	}
	add(9, "arrest", 2012, false, model.StatusConfirmed)
	add(1, "arrest", 2012, false, model.StatusProposed)
	add(5, "torture_allegation", 2013, true, model.StatusConfirmed)
	add(1, "detention", 2014, false, model.StatusConfirmed)
	add(4, "torture_allegation", 0, true, model.StatusConfirmed)
	for _, tc := range []struct {
		lang   i18n.Lang
		labels []string
	}{
		{i18n.English, []string{"Arrest ×10 · \u20662012\u2069", "Torture (allegation) ×5 · \u20662013\u2069", "Detention · \u20662014\u2069", "Torture (allegation) ×4"}},
		{i18n.Arabic, []string{" ×10 · \u20662012\u2069", " ×5 · \u20662013\u2069", " · \u20662014\u2069", " ×4"}},
	} {
		g, err := buildGraph(&view{Lang: tc.lang}, rd, p)
		if err != nil {
			t.Fatal(err)
		}
		if len(g.Nodes) != 5 || g.Hidden != 0 {
			t.Fatalf("%s: %v, want the centre and 4 groups", tc.lang, g)
		}
		for i, want := range tc.labels {
			n := g.Nodes[1+i]
			if !strings.HasSuffix(n.Label, want) {
				t.Errorf("%s: node %d is %q, want it to end %q", tc.lang, i+1, n.Label, want)
			}
			if tc.lang == i18n.Arabic && n.Dir != "rtl" {
				t.Errorf("node %q is %s", n.Label, n.Dir)
			}
		}
		// groups lead to their first event in the timeline; one event to its page
		hrefs := []string{"/entities/centre/timeline#ev-ev00", "/entities/centre/timeline#ev-ev10", "/entities/ev15", "/entities/centre/timeline#ev-ev16"}
		for i, want := range hrefs {
			if n := g.Nodes[1+i]; n.Href != want {
				t.Errorf("%s: node %d leads to %s, want %s", tc.lang, i+1, n.Href, want)
			}
		}
		// one unreviewed arrest makes its group's edge proposed; every
		// torture is alleged
		classes := []string{"edge st-proposed", "edge st-confirmed mod-alleged", "edge st-confirmed", "edge st-confirmed mod-alleged"}
		for i, want := range classes {
			if e := g.Edges[i]; e.Class != want {
				t.Errorf("%s: edge %d is %q, want %q", tc.lang, i, e.Class, want)
			}
		}
		// Labels beside their circles: on the right (x > the node's) on
		// the ring's right side, on the left on its left, whatever the
		// script; drawn from the anchor the text's direction needs.
		for _, n := range g.Nodes[1:] {
			dx := n.X - graphWidth/2
			right := n.Anchor == "start" && n.Dir == "ltr" || n.Anchor == "end" && n.Dir == "rtl"
			switch {
			case dx > 0.3*ring1Radius && (n.LabelX <= n.X || !right):
				t.Errorf("%s: %q on the right at %v has its label at %v, anchored %s", tc.lang, n.Label, n.X, n.LabelX, n.Anchor)
			case dx < -0.3*ring1Radius && (n.LabelX >= n.X || right || n.Anchor == "middle"):
				t.Errorf("%s: %q on the left at %v has its label at %v, anchored %s", tc.lang, n.Label, n.X, n.LabelX, n.Anchor)
			}
		}
	}
	// Eight events or fewer are each drawn alone.
	p.Timeline = p.Timeline[:graphGroupAt]
	g, err := buildGraph(&view{Lang: i18n.English}, rd, p)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Nodes) != 1+graphGroupAt {
		t.Errorf("%v: want every event alone", g)
	}
}
