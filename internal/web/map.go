package web

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/gazetteer"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/web/i18n"
)

// The map page draws, server-side, an SVG of Syria's governorates (simplified
// once, offline, from the shared OCHA boundaries; see mapdata/PROVENANCE.md)
// with a marker for each facility and each place with events that the viewer
// may see and that a gazetteer places.

//go:embed mapdata/syr_admin1.simplified.json
var admin1JSON []byte

// governorate is one admin1 area as stored in the simplified file:
// rings of [lon, lat] points and a point to put its name.
type governorate struct {
	PCode  string         `json:"pcode"`
	NameEN string         `json:"en"`
	NameAR string         `json:"ar"`
	Label  [2]float64     `json:"label"`
	Rings  [][][2]float64 `json:"rings"`
}

var (
	govOnce sync.Once
	govs    []governorate
	govErr  error
)

func governorates() ([]governorate, error) {
	govOnce.Do(func() {
		govErr = json.Unmarshal(admin1JSON, &govs)
	})
	return govs, govErr
}

// projection maps longitude and latitude to SVG coordinates: an
// equirectangular projection with longitude scaled by the cosine of the
// middle latitude, fitted to a box of the given width with a margin.
type projection struct {
	minLon, maxLat, scale, kx, margin float64
	width, height                     float64
}

func newProjection(minLon, minLat, maxLon, maxLat, width, margin float64) projection {
	kx := math.Cos((minLat + maxLat) / 2 * math.Pi / 180)
	scale := (width - 2*margin) / ((maxLon - minLon) * kx)
	return projection{minLon: minLon, maxLat: maxLat, scale: scale, kx: kx, margin: margin,
		width: width, height: (maxLat-minLat)*scale + 2*margin}
}

// xy projects a point; y grows downwards.
func (p projection) xy(lon, lat float64) (x, y float64) {
	return p.margin + (lon-p.minLon)*p.kx*p.scale, p.margin + (p.maxLat-lat)*p.scale
}

// fitProjection fits a projection to the governorates' bounds.
func fitProjection(gs []governorate, width, margin float64) projection {
	minLon, minLat, maxLon, maxLat := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, g := range gs {
		for _, r := range g.Rings {
			for _, pt := range r {
				minLon, maxLon = math.Min(minLon, pt[0]), math.Max(maxLon, pt[0])
				minLat, maxLat = math.Min(minLat, pt[1]), math.Max(maxLat, pt[1])
			}
		}
	}
	return newProjection(minLon, minLat, maxLon, maxLat, width, margin)
}

// simplify reduces a line by Douglas–Peucker: a point is kept when it lies
// farther than tol from the chord of the points kept around it. The first
// and last points are always kept.
func simplify(pts [][2]float64, tol float64) [][2]float64 {
	if len(pts) < 3 {
		return pts
	}
	keep := make([]bool, len(pts))
	keep[0], keep[len(pts)-1] = true, true
	type span struct{ a, b int }
	stack := []span{{0, len(pts) - 1}}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		worst, at := -1.0, -1
		for i := s.a + 1; i < s.b; i++ {
			if d := segDist(pts[i], pts[s.a], pts[s.b]); d > worst {
				worst, at = d, i
			}
		}
		if at >= 0 && worst > tol {
			keep[at] = true
			stack = append(stack, span{s.a, at}, span{at, s.b})
		}
	}
	var out [][2]float64
	for i, k := range keep {
		if k {
			out = append(out, pts[i])
		}
	}
	return out
}

// segDist is the distance from p to the segment a–b.
func segDist(p, a, b [2]float64) float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	if dx == 0 && dy == 0 {
		return math.Hypot(p[0]-a[0], p[1]-a[1])
	}
	t := ((p[0]-a[0])*dx + (p[1]-a[1])*dy) / (dx*dx + dy*dy)
	t = math.Max(0, math.Min(1, t))
	return math.Hypot(p[0]-(a[0]+t*dx), p[1]-(a[1]+t*dy))
}

// simplifyRing simplifies a closed ring: it is split at its first point and
// the point farthest from it, so that neither half collapses to a chord of
// length zero.
func simplifyRing(ring [][2]float64, tol float64) [][2]float64 {
	if len(ring) < 4 {
		return ring
	}
	far, at := -1.0, 0
	for i, pt := range ring {
		if d := math.Hypot(pt[0]-ring[0][0], pt[1]-ring[0][1]); d > far {
			far, at = d, i
		}
	}
	a := simplify(ring[:at+1], tol)
	b := simplify(ring[at:], tol)
	return append(a, b[1:]...)
}

type mapShape struct {
	Path   string
	Name   string
	LX, LY string
	Small  bool
	lx, ly float64
}

type mapMarker struct {
	x, y, r  float64
	ID       string
	Name     string
	Facility bool
	Events   int
	X, Y     string
	R        string
	Count    string // "3 events", in the page's language
	Tip      string
	// A cluster stands for Members, places drawn too close together to
	// tell apart (Damascus's branches share its coordinates): it is drawn
	// with their number and leads to their list, at Anchor.
	Members []mapMarker
	Anchor  string
}

// Cluster says whether the marker stands for several places.
func (m mapMarker) Cluster() bool { return len(m.Members) > 0 }

// clusterMarkers gathers markers whose circles overlap into clusters: the
// marker with the most events (the first by ID on a tie) takes every other
// one overlapping it, and so on with the markers left. A cluster sits at
// its members' mean position, with their events summed and its radius
// grown with their number; lone markers stay as they are. The members
// are ordered by events, and the clusters numbered in the order made.
func clusterMarkers(ms []mapMarker, placesText func(int) string) []mapMarker {
	order := slices.Clone(ms)
	sort.SliceStable(order, func(i, j int) bool {
		if order[i].Events != order[j].Events {
			return order[i].Events > order[j].Events
		}
		return order[i].ID < order[j].ID
	})
	taken := make([]bool, len(order))
	var out []mapMarker
	clusters := 0
	for i, seed := range order {
		if taken[i] {
			continue
		}
		taken[i] = true
		members := []mapMarker{seed}
		for j := i + 1; j < len(order); j++ {
			if !taken[j] && math.Hypot(order[j].x-seed.x, order[j].y-seed.y) < seed.r+order[j].r {
				taken[j] = true
				members = append(members, order[j])
			}
		}
		if len(members) == 1 {
			out = append(out, seed)
			continue
		}
		clusters++
		c := mapMarker{Members: members, Anchor: fmt.Sprintf("map-cluster-%d", clusters)}
		names := make([]string, len(members))
		for k, m := range members {
			c.x += m.x / float64(len(members))
			c.y += m.y / float64(len(members))
			c.Events += m.Events
			names[k] = m.Name
		}
		c.r = 7 + math.Min(9, 2*math.Sqrt(float64(len(members))))
		c.X, c.Y, c.R = fmtCoord(c.x), fmtCoord(c.y), fmtCoord(c.r)
		c.Name = placesText(len(members))
		c.Tip = c.Name + ": " + strings.Join(names, " · ")
		out = append(out, c)
	}
	return out
}

// eventsText counts events in the page's language.
func eventsText(l i18n.Lang, n int) string {
	if n == 1 {
		return i18n.T(l, "map.events_one")
	}
	return i18n.T(l, "map.events", n)
}

type mapData struct {
	Width, Height string
	Shapes        []mapShape
	Markers       []mapMarker
	Unplaced      int // visible facilities and places with events that no gazetteer places
}

const (
	mapWidth  = 800.0
	mapMargin = 16.0
)

func fmtCoord(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }

// mapShow renders the map.
func (s *Server) mapShow(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), state(r).viewer
	lang := state(r).lang
	gs, err := governorates()
	if err != nil {
		s.serverError(w, r, fmt.Errorf("map data: %w", err))
		return
	}
	proj := fitProjection(gs, mapWidth, mapMargin)
	d := mapData{Width: fmtCoord(proj.width), Height: fmtCoord(proj.height)}
	for _, g := range gs {
		var b strings.Builder
		for _, ring := range g.Rings {
			for i, pt := range ring {
				x, y := proj.xy(pt[0], pt[1])
				if i == 0 {
					b.WriteString("M")
				} else {
					b.WriteString("L")
				}
				b.WriteString(fmtCoord(x) + " " + fmtCoord(y))
			}
			b.WriteString("Z")
		}
		name := g.NameEN
		if lang == i18n.Arabic {
			name = g.NameAR
		}
		lx, ly := proj.xy(g.Label[0], g.Label[1])
		d.Shapes = append(d.Shapes, mapShape{Path: b.String(), Name: name, lx: lx, ly: ly,
			Small: g.PCode == "SY01" || g.PCode == "SY14"})
	}

	points, err := s.mapPoints(ctx, v)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d.Unplaced = points.unplaced
	for _, pt := range points.points {
		x, y := proj.xy(pt.lon, pt.lat)
		n := pt.events
		rad := 4 + math.Min(8, 2*math.Sqrt(float64(n)))
		name := captionIn(lang, pt.names)
		d.Markers = append(d.Markers, mapMarker{x: x, y: y, r: rad, ID: pt.id, Name: name, Facility: pt.facility, Events: n,
			X: fmtCoord(x), Y: fmtCoord(y), R: fmtCoord(rad),
			Count: eventsText(lang, n), Tip: name + " — " + eventsText(lang, n)})
	}
	d.Markers = clusterMarkers(d.Markers, func(n int) string { return i18n.T(lang, "map.cluster", n) })
	nudgeLabels(d.Shapes, d.Markers)
	// Larger markers first, so that small ones stay on top and clickable.
	sort.SliceStable(d.Markers, func(i, j int) bool { return d.Markers[i].Events > d.Markers[j].Events })
	s.render(w, r, http.StatusOK, "map", "map.title", d)
}

// nudgeLabels moves a governorate's name below any marker drawn on it (a
// governorate's label point is often its main city) and writes the labels'
// coordinates.
func nudgeLabels(shapes []mapShape, markers []mapMarker) {
	const near = 14.0
	for i := range shapes {
		sh := &shapes[i]
		for _, m := range markers {
			if math.Abs(m.x-sh.lx) < 3*near && math.Abs(m.y-sh.ly) < near {
				sh.ly = m.y + 2*near
			}
		}
		sh.LX, sh.LY = fmtCoord(sh.lx), fmtCoord(sh.ly)
	}
}

// mapPoint is a facility or place the map draws.
type mapPoint struct {
	id       string
	names    []string // strongest first; the page captions in its language (captionIn)
	facility bool
	lon, lat float64
	events   int
}

type mapPoints struct {
	points   []mapPoint
	unplaced int // facilities and places of events with no coordinates
}

// mapCache keeps the last map data per kind of viewer, valid while the
// ledger's head stays where it was: every change to evidence moves the head,
// so a cached map is never stale, and a busy map page costs one query.
type mapCache struct {
	mu      sync.Mutex
	entries map[string]mapCacheEntry
}

type mapCacheEntry struct {
	head   int64
	points mapPoints
}

// mapPoints places every facility, and every place where an event the
// viewer may see happened, by its gazetteer coordinates.
func (s *Server) mapPoints(ctx context.Context, v access.Viewer) (mapPoints, error) {
	head, _, err := s.store.Head(ctx)
	if err != nil {
		return mapPoints{}, err
	}
	key := fmt.Sprint(v.Visible(), v.ConfirmedOnly())
	s.maps.mu.Lock()
	if e, ok := s.maps.entries[key]; ok && e.head == head {
		s.maps.mu.Unlock()
		return e.points, nil
	}
	s.maps.mu.Unlock()

	placed, err := s.store.PlacedEntities(ctx, v)
	if err != nil {
		return mapPoints{}, err
	}
	names := map[string][]string{}
	for _, typ := range []model.EntityType{model.TypeFacility, model.TypePlace} {
		ents, err := s.store.Entities(ctx, v, typ)
		if err != nil {
			return mapPoints{}, err
		}
		for _, e := range ents {
			names[e.ID] = e.Names
		}
	}
	gz := gazetteer.Default()
	var out mapPoints
	for _, p := range placed {
		// Only places and facilities are drawn: never an organization, a
		// person or an event, whatever coordinates reach it.
		if p.Type != model.TypePlace && p.Type != model.TypeFacility || p.Type == model.TypePlace && p.EventCount == 0 {
			continue
		}
		var entry *gazetteer.Entry
		for _, id := range p.Gazetteer {
			if en := gz.ByID(id); en != nil && en.HasCoords {
				entry = en
				break
			}
		}
		if entry == nil {
			out.unplaced++
			continue
		}
		ns := names[p.ID]
		if len(ns) == 0 {
			ns = []string{p.ID}
		}
		out.points = append(out.points, mapPoint{id: p.ID, names: ns, facility: p.Type == model.TypeFacility,
			lon: entry.Lon, lat: entry.Lat, events: p.EventCount})
	}
	s.maps.mu.Lock()
	if s.maps.entries == nil {
		s.maps.entries = map[string]mapCacheEntry{}
	}
	s.maps.entries[key] = mapCacheEntry{head: head, points: out}
	s.maps.mu.Unlock()
	return out, nil
}
