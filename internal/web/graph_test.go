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
		p.Timeline = append(p.Timeline, casefile.Event{ID: fmt.Sprintf("ev%02d", i), Type: "arrest",
			Date: model.DayDate(2020, 1, 1+i%28), Status: model.StatusConfirmed, Alleged: i%3 == 0, Denied: i%5 == 0})
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
