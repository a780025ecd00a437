package web

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

var updateMap = flag.Bool("update-map", false, "regenerate mapdata/syr_admin1.simplified.json from the shared boundaries")

// mapTolerance is the Douglas–Peucker tolerance in degrees (about half a kilometre, under a pixel at the page's scale).
const mapTolerance = 0.005

// TestRegenerateMapData rewrites the embedded, simplified governorates from
// ../shared/data/gazetteer/boundaries/syr_admin1.geojson:
//
//	go test ./internal/web -run TestRegenerateMapData -update-map
func TestRegenerateMapData(t *testing.T) {
	if !*updateMap {
		t.Skip("run with -update-map to regenerate the map data")
	}
	src := filepath.Join("..", "..", "..", "shared", "data", "gazetteer", "boundaries", "syr_admin1.geojson")
	raw, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Features []struct {
			Properties struct {
				NameEN string `json:"NAME_EN"`
				NameAR string `json:"NAME_ARA"`
				PCode  string `json:"PCODE"`
			} `json:"properties"`
			Geometry struct {
				Type        string          `json:"type"`
				Coordinates json.RawMessage `json:"coordinates"`
			} `json:"geometry"`
		} `json:"features"`
	}
	if err := json.Unmarshal(raw, &fc); err != nil {
		t.Fatal(err)
	}
	var out []governorate
	for _, f := range fc.Features {
		var polys [][][][2]float64
		switch f.Geometry.Type {
		case "Polygon":
			var p [][][2]float64
			if err := json.Unmarshal(f.Geometry.Coordinates, &p); err != nil {
				t.Fatal(err)
			}
			polys = [][][][2]float64{p}
		case "MultiPolygon":
			if err := json.Unmarshal(f.Geometry.Coordinates, &polys); err != nil {
				t.Fatal(err)
			}
		default:
			t.Fatalf("%s: geometry %s", f.Properties.PCode, f.Geometry.Type)
		}
		g := governorate{PCode: f.Properties.PCode, NameEN: f.Properties.NameEN, NameAR: f.Properties.NameAR}
		bestArea := -1.0
		for _, p := range polys {
			// Outer rings only: Syria's governorates have no holes worth drawing.
			ring := simplifyRing(p[0], mapTolerance)
			if len(ring) < 4 {
				continue
			}
			for i := range ring {
				ring[i] = [2]float64{round3(ring[i][0]), round3(ring[i][1])}
			}
			g.Rings = append(g.Rings, ring)
			if a, c := ringCentroid(p[0]); a > bestArea {
				bestArea, g.Label = a, [2]float64{round3(c[0]), round3(c[1])}
			}
		}
		out = append(out, g)
	}
	b, err := json.Marshal(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join("mapdata", "syr_admin1.simplified.json"), append(b, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %d governorates, %d bytes", len(out), len(b)+1)
}

func round3(f float64) float64 { return math.Round(f*1000) / 1000 }

// ringCentroid is a ring's area (absolute, in square degrees) and centroid.
func ringCentroid(r [][2]float64) (float64, [2]float64) {
	var a, cx, cy float64
	for i := 0; i+1 < len(r); i++ {
		c := r[i][0]*r[i+1][1] - r[i+1][0]*r[i][1]
		a += c
		cx += (r[i][0] + r[i+1][0]) * c
		cy += (r[i][1] + r[i+1][1]) * c
	}
	if a == 0 {
		return 0, r[0]
	}
	return math.Abs(a / 2), [2]float64{cx / (3 * a), cy / (3 * a)}
}

func TestSimplify(t *testing.T) {
	// A nearly straight line loses its small wiggles, keeps its ends and a
	// real corner.
	line := [][2]float64{{0, 0}, {1, 0.001}, {2, -0.001}, {3, 0}, {3.001, 1}, {3, 2}}
	got := simplify(line, 0.01)
	want := [][2]float64{{0, 0}, {3, 0}, {3, 2}}
	if len(got) != len(want) {
		t.Fatalf("simplify = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("simplify = %v, want %v", got, want)
		}
	}
	// With a tolerance of zero, nothing off the chord is dropped.
	if got := simplify(line, 0); len(got) != len(line) {
		t.Errorf("simplify(tol 0) kept %d of %d", len(got), len(line))
	}
	// A closed square with extra points on its edges keeps its four corners.
	sq := [][2]float64{{0, 0}, {0.5, 0}, {1, 0}, {1, 0.5}, {1, 1}, {0.5, 1}, {0, 1}, {0, 0.5}, {0, 0}}
	ring := simplifyRing(sq, 0.01)
	if len(ring) != 5 || ring[0] != ring[len(ring)-1] {
		t.Errorf("simplifyRing = %v", ring)
	}
	if d := segDist([2]float64{5, 5}, [2]float64{0, 0}, [2]float64{1, 0}); math.Abs(d-math.Hypot(4, 5)) > 1e-9 {
		t.Errorf("segDist past the end = %v", d)
	}
}

func TestProjection(t *testing.T) {
	p := newProjection(36, 32, 42, 38, 800, 10)
	x, y := p.xy(36, 38)
	if x != 10 || y != 10 {
		t.Errorf("north-west corner at %v,%v", x, y)
	}
	x, y = p.xy(42, 32)
	if math.Abs(x-790) > 1e-9 || math.Abs(y-(p.height-10)) > 1e-9 {
		t.Errorf("south-east corner at %v,%v (height %v)", x, y, p.height)
	}
	// Longitude is shrunk by the cosine of the middle latitude (35°): the
	// box is taller than wide in pixels per degree of longitude.
	if want := 6 / (6 * math.Cos(35*math.Pi/180)) * 780; math.Abs(p.height-20-want) > 1e-6 {
		t.Errorf("height %v, want %v", p.height-20, want)
	}
	// The embedded governorates fit the box and carry both names.
	gs, err := governorates()
	if err != nil {
		t.Fatal(err)
	}
	if len(gs) != 14 {
		t.Fatalf("%d governorates", len(gs))
	}
	fp := fitProjection(gs, mapWidth, mapMargin)
	for _, g := range gs {
		if g.NameEN == "" || g.NameAR == "" || len(g.Rings) == 0 {
			t.Errorf("governorate %+v lacks a name or a shape", g.PCode)
		}
		for _, r := range g.Rings {
			for _, pt := range r {
				x, y := fp.xy(pt[0], pt[1])
				if x < mapMargin-1e-6 || x > mapWidth-mapMargin+1e-6 || y < mapMargin-1e-6 || y > fp.height-mapMargin+1e-6 {
					t.Fatalf("%s: point %v outside the box at %v,%v", g.PCode, pt, x, y)
				}
			}
		}
	}
	// Damascus (lat 33.51, lon 36.29) lies south-west of Aleppo (36.20, 37.16).
	dx, dy := fp.xy(36.29, 33.51)
	ax, ay := fp.xy(37.16, 36.20)
	if dx >= ax || dy <= ay {
		t.Errorf("Damascus at %v,%v, Aleppo at %v,%v", dx, dy, ax, ay)
	}
	if fi, err := os.Stat(filepath.Join("mapdata", "syr_admin1.simplified.json")); err != nil || fi.Size() > 200_000 {
		t.Errorf("map data: %v, %d bytes", err, fi.Size())
	}
}

// svgOf cuts the map's SVG out of a page and checks that it is well-formed XML.
func svgOf(t *testing.T, body string) string {
	t.Helper()
	i, j := strings.Index(body, "<svg"), strings.Index(body, "</svg>")
	if i < 0 || j < i {
		t.Fatalf("no SVG on the map page: %.2000s", body)
	}
	svg := body[i : j+len("</svg>")]
	dec := xml.NewDecoder(strings.NewReader(svg))
	for {
		_, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the SVG is not well-formed XML: %v", err)
		}
	}
	return svg
}

func TestMapPage(t *testing.T) {
	r := newRig(t, "")
	fx := r.fx
	ctx := context.Background()
	const secretFacility = "Confidential-Facility-Psi"
	var secret string
	var branches [2]string
	branchNames := [2]string{"Branch-Kappa", "Branch-Lambda"}
	conf := r.sources[model.Confidential].src
	err := r.st.Write(ctx, "tester", func(tx *store.Tx) error {
		// The public facility is Sednaya; a confidential one is Adra.
		if err := tx.AddStatement(ctx, &model.Statement{EntityID: fx.facility, Property: "gazetteer", Value: "facility:sednaya_prison",
			SourceID: fx.wire.ID, Status: model.StatusConfirmed, Origin: "extracted:athar-en@test"}); err != nil {
			return err
		}
		e, err := tx.AddEntity(ctx, model.TypeFacility)
		if err != nil {
			return err
		}
		secret = e.ID
		for _, st := range []model.Statement{
			{Property: "name", Value: secretFacility},
			{Property: "gazetteer", Value: "facility:adra_prison"},
		} {
			st.EntityID, st.SourceID, st.Status, st.Origin = e.ID, conf.ID, model.StatusConfirmed, "extracted:athar-en@test"
			if err := tx.AddStatement(ctx, &st); err != nil {
				return err
			}
		}
		// Two public branches some 400 m apart in Damascus: one cluster.
		for i, gz := range []string{"facility:mi_branch_215", "facility:mi_branch_227"} {
			b, err := tx.AddEntity(ctx, model.TypeFacility)
			if err != nil {
				return err
			}
			branches[i] = b.ID
			for _, st := range []model.Statement{{Property: "name", Value: branchNames[i]}, {Property: "gazetteer", Value: gz}} {
				st.EntityID, st.SourceID, st.Status, st.Origin = b.ID, fx.wire.ID, model.StatusConfirmed, "extracted:athar-en@test"
				if err := tx.AddStatement(ctx, &st); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	vera := r.login("vera").get("/map")
	if vera.status != 200 {
		t.Fatalf("vera: %d %s", vera.status, vera.body)
	}
	svg := svgOf(t, vera.body)
	contains(t, "vera's map", svg, `href="/entities/`+fx.facility+`"`, publicFacility, "Aleppo", "Idleb", "1 event")
	lacks(t, "vera's map", vera.body, secret, secretFacility, victimName, tortureQuote)
	// The branches are drawn as one cluster leading to their list, and
	// neither alone.
	contains(t, "vera's map", svg, `<a href="#map-cluster-1" class="mk-cluster-link">`, `class="mk-cluster"`, "2 places close together: ")
	lacks(t, "vera's map", svg, `href="/entities/`+branches[0], `href="/entities/`+branches[1])
	i := strings.Index(vera.body, `id="map-cluster-1"`)
	if i < 0 {
		t.Fatalf("no list of the cluster: %s", svg[strings.Index(svg, `<g class="markers">`):])
	}
	list := vera.body[i:]
	list = list[:strings.Index(list, "</ul>")]
	contains(t, "the cluster's list", list, `href="/entities/`+branches[0], branchNames[0], `href="/entities/`+branches[1], branchNames[1])
	// The confidential torture allegation at Sednaya counts for adel.
	ac := r.login("adel")
	ac.get("/map?lang=ar") // sets the language and comes back to /map
	adel := ac.get("/map")
	svg = svgOf(t, adel.body)
	contains(t, "adel's map", svg, `href="/entities/`+fx.facility+`"`, `href="/entities/`+secret+`"`, secretFacility, "حلب",
		// the public arrest and the confidential allegation at Sednaya
		"2 أحداث", "أماكن متقاربة: 2")
	lacks(t, "adel's map", svg, ">Aleppo<")
	// Anonymous visitors go to login.
	if resp := r.client().get("/map"); resp.status != 303 {
		t.Errorf("anonymous: %d", resp.status)
	}
}

// TestMapScreenshots writes docs/screenshots/map-en.png and map-ar.png from
// the demo samples (go test ./internal/web -run TestMapScreenshots -screenshots).
func TestMapScreenshots(t *testing.T) {
	if !*screenshots {
		t.Skip("run with -screenshots to rewrite the map's screenshots")
	}
	bin := chromium(t)
	r := newRigWith(t, "", seedSamples)
	ctx := browser(t, bin, 60*time.Second)
	shot := func(name string) chromedp.Action[chromedp.Void] {
		return screenshot(filepath.Join("..", "..", "docs", "screenshots"), name)
	}
	base := r.ts.URL
	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/login"),
		chromedp.WaitVisible(chromedp.CSS("#login-submit")),
		chromedp.SendKeys(chromedp.CSS("#name"), "adel"),
		chromedp.SendKeys(chromedp.CSS("#password"), testPassword),
		chromedp.Click(chromedp.CSS("#login-submit")),
		chromedp.WaitVisible(chromedp.CSS("#code-submit")),
		chromedp.SendKeys(chromedp.CSS("#code"), r.codes.Code(t, "adel")),
		chromedp.Click(chromedp.CSS("#code-submit")),
		chromedp.WaitVisible(chromedp.CSS("#source-count")),
		chromedp.Navigate(base+"/map?lang=en"),
		chromedp.WaitVisible(chromedp.CSS(".map-svg")),
		shot("map-en"),
		chromedp.Navigate(base+"/map?lang=ar"),
		chromedp.WaitVisible(chromedp.CSS(".map-svg")),
		shot("map-ar"),
	)
	if err != nil {
		t.Fatal(err)
	}
}

func TestNudgeLabels(t *testing.T) {
	shapes := []mapShape{{lx: 100, ly: 100}, {lx: 300, ly: 300}}
	nudgeLabels(shapes, []mapMarker{{x: 102, y: 98}})
	if shapes[0].LX != "100.0" || shapes[0].LY != "126.0" {
		t.Errorf("label under a marker at %s,%s", shapes[0].LX, shapes[0].LY)
	}
	if shapes[1].LY != "300.0" {
		t.Errorf("a free label moved to %s", shapes[1].LY)
	}
}

// TestMapDrawsOnlyPlaces: an entity that is not a place or facility is never
// drawn, even when gazetteer coordinates reach it (here a facility with
// coordinates merged into an organization, as extraction can mistake one for
// the other), while a real facility with coordinates still is.
func TestMapDrawsOnlyPlaces(t *testing.T) {
	r := newRig(t, "")
	fx := r.fx
	ctx := context.Background()
	const orgName, wrongName = "Observatory-Org-Omega", "Observatory-As-Facility-Omega"
	var org, wrong string
	err := r.st.Write(ctx, "tester", func(tx *store.Tx) error {
		if err := tx.AddStatement(ctx, &model.Statement{EntityID: fx.facility, Property: "gazetteer", Value: "facility:sednaya_prison",
			SourceID: fx.wire.ID, Status: model.StatusConfirmed, Origin: "extracted:athar-en@test"}); err != nil {
			return err
		}
		o, err := tx.AddEntity(ctx, model.TypeOrganization)
		if err != nil {
			return err
		}
		f, err := tx.AddEntity(ctx, model.TypeFacility)
		if err != nil {
			return err
		}
		org, wrong = o.ID, f.ID
		for _, st := range []model.Statement{
			{EntityID: org, Property: "name", Value: orgName},
			// an organization carrying a gazetteer id of its own
			{EntityID: org, Property: "gazetteer", Value: "facility:adra_prison"},
			{EntityID: wrong, Property: "name", Value: wrongName},
			{EntityID: wrong, Property: "gazetteer", Value: "facility:adra_prison"},
		} {
			st.SourceID, st.Status, st.Origin = fx.wire.ID, model.StatusConfirmed, "extracted:athar-en@test"
			if err := tx.AddStatement(ctx, &st); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	vera := r.login("vera")
	// Before the merge the mistaken facility is a facility and is drawn.
	svg := svgOf(t, vera.get("/map").body)
	contains(t, "before the merge", svg, `href="/entities/`+fx.facility+`"`, `href="/entities/`+wrong+`"`, wrongName)
	lacks(t, "before the merge", svg, org, orgName)
	// The store now refuses the merge itself (issue 15): a facility never
	// lives in an organization, so the map has nothing to draw wrongly.
	if err := r.st.Write(ctx, "tester", func(tx *store.Tx) error { return tx.SetMergedInto(ctx, wrong, org) }); !errors.Is(err, store.ErrMergeRefused) {
		t.Fatalf("a facility merged into an organization: %v", err)
	}
	svg = svgOf(t, vera.get("/map").body)
	contains(t, "after the refused merge", svg, `href="/entities/`+fx.facility+`"`, `href="/entities/`+wrong+`"`)
	lacks(t, "after the refused merge", svg, org, orgName)
}

// TestClusterMarkers: markers whose circles overlap become one cluster
// (around the one with the most events), and markers apart stay alone.
func TestClusterMarkers(t *testing.T) {
	m := func(id string, x, y float64, events int) mapMarker {
		return mapMarker{ID: id, Name: "n" + id, x: x, y: y, r: 6, Events: events}
	}
	places := func(n int) string { return fmt.Sprintf("%d places", n) }
	tests := []struct {
		name string
		in   []mapMarker
		want string // each drawn marker: an ID, or [members]@x,y
	}{
		{"none", nil, ""},
		{"apart", []mapMarker{m("a", 0, 0, 1), m("b", 12, 0, 1)}, "a b"},
		{"one point", []mapMarker{m("a", 10, 10, 1), m("b", 10, 10, 3), m("c", 10, 10, 1)}, "[b a c]@10.0,10.0"},
		{"overlapping", []mapMarker{m("a", 0, 0, 2), m("b", 11, 0, 1), m("c", 100, 0, 1)}, "[a b]@5.5,0.0 c"},
		{"two clusters", []mapMarker{m("a", 0, 0, 1), m("b", 50, 0, 1), m("c", 1, 0, 1), m("d", 51, 0, 1)}, "[a c]@0.5,0.0 [b d]@50.5,0.0"},
		// b overlaps a and c, which do not overlap each other: a (the
		// first by ID) takes b, and c stays alone
		{"chain", []mapMarker{m("a", 0, 0, 1), m("b", 10, 0, 1), m("c", 20, 0, 1)}, "[a b]@5.0,0.0 c"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			clusters := 0
			for _, c := range clusterMarkers(tt.in, places) {
				if !c.Cluster() {
					got = append(got, c.ID)
					continue
				}
				var ids []string
				for _, mm := range c.Members {
					ids = append(ids, mm.ID)
				}
				got = append(got, "["+strings.Join(ids, " ")+"]@"+c.X+","+c.Y)
				clusters++
				if c.Name != places(len(ids)) || !strings.Contains(c.Tip, "n"+ids[0]) || c.Anchor != fmt.Sprintf("map-cluster-%d", clusters) {
					t.Errorf("cluster %v: name %q, tip %q, anchor %q", ids, c.Name, c.Tip, c.Anchor)
				}
			}
			if s := strings.Join(got, " "); s != tt.want {
				t.Errorf("got %q, want %q", s, tt.want)
			}
		})
	}
}
