package web

import (
	"errors"
	"fmt"
	"math"
	"net/http"
	"sort"
	"strconv"
	"unicode"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/casefile"
	"github.com/athar-project/athar/internal/model"
)

// The graph view of one person, facility, place or organization: an SVG
// drawn on the server (no script), the entity at the centre, what it is
// tied to directly on a first ring — the events it takes part in (with its
// role), its superiors and subordinates — and what those events tie it to
// on a second ring: the people in them with their roles (victims,
// perpetrators, witnesses), their facilities, places and organizers. It is
// drawn from the profile's own assembly (loadEntity), so it shows exactly
// what the profile may show the viewer. The layout is deterministic: each
// ring's nodes are spaced evenly in a fixed order, and a ring holds at most
// so many, the rest counted on a "+N more" node.

const (
	graphWidth   = 1240.0 // room at each side for labels beside the outer ring
	graphHeight  = 800.0
	ring1Radius  = 175.0
	ring2Radius  = 330.0
	ring1Max     = 12
	ring2Max     = 20
	graphLabelMx = 34 // runes of a label before it is cut short
	// graphGroupAt is how many events an entity may have before the first
	// ring groups them by type and year: twenty events, each on the ring
	// with its ties, were an unreadable tangle.
	graphGroupAt = 8
)

// graphNode is one circle with its label and link.
type graphNode struct {
	ID    string
	Href  string // "" for a node without a page
	Label string
	Dir   string // the label's direction: rtl when it starts in Arabic script
	Class string // n-centre, n-person, n-event, n-events (a group), …, n-more
	X, Y  float64
	R     float64
	// The label sits beside the circle, away from the centre (to the
	// right on the ring's right side, to the left on its left, above at
	// the top and below at the bottom), so that the labels of neighbours
	// on a ring do not run into each other; Anchor is its SVG text-anchor,
	// given for the label's own direction.
	LabelX, LabelY float64
	Anchor         string
	angle          float64
	order          float64 // sort key on its ring
}

// graphEdge is one line with its label; Class carries the modality and the
// review state (mod-alleged: dashed; mod-denied: grey, label struck;
// st-proposed: light; st-confirmed: solid).
type graphEdge struct {
	X1, Y1, X2, Y2 float64
	LX, LY         float64
	Label          string
	Dir            string
	Class          string
}

type graphData struct {
	Ref           entityRef
	Width, Height float64
	CX, CY        float64 // the centre
	R1, R2        float64 // the rings' radii
	Nodes         []graphNode
	Edges         []graphEdge
	Shown, Hidden int // nodes on the rings, and those counted on "+N more"
}

// edgeStyle is how an edge is drawn: from the modality and review state of
// what makes it.
type edgeStyle struct {
	Alleged, Denied bool
	Status          model.Status
}

func (e edgeStyle) class() string {
	c := "edge st-" + string(e.Status)
	switch {
	case e.Denied:
		c += " mod-denied"
	case e.Alleged:
		c += " mod-alleged"
	}
	return c
}

// graphShow draws the graph of one entity.
func (s *Server) graphShow(w http.ResponseWriter, r *http.Request) {
	p, rd, ok := s.loadView(w, r, "graph")
	if !ok {
		return
	}
	v := &view{Lang: state(r).lang}
	g, err := buildGraph(v, rd, p)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "graph", "graph.title", g)
}

// loadView reads an entity for its graph or timeline view: a merged
// entity's id goes to the entity it was merged into; events, and entities
// the viewer may see nothing of, are not found. What the view cites is
// recorded in the access log before it is shown.
func (s *Server) loadView(w http.ResponseWriter, r *http.Request, suffix string) (entityPage, *reader, bool) {
	ctx, v := r.Context(), state(r).viewer
	id := r.PathValue("id")
	e, err := s.store.Entity(ctx, id)
	if errors.Is(err, app.ErrNotFound) || (err == nil && e.Type == model.TypeEvent) {
		s.notFound(w, r)
		return entityPage{}, nil, false
	}
	if err != nil {
		s.serverError(w, r, err)
		return entityPage{}, nil, false
	}
	if e.MergedInto != "" {
		c, err := s.store.Canonical(ctx, id)
		if err != nil {
			s.serverError(w, r, err)
			return entityPage{}, nil, false
		}
		http.Redirect(w, r, "/entities/"+c+"/"+suffix, http.StatusFound)
		return entityPage{}, nil, false
	}
	rd := s.reader(ctx, v)
	rd.brief = true
	if b := r.URL.Query().Get("before"); b != "" && suffix == "timeline" {
		k, err := casefile.ParseTimelineKey(b)
		if err != nil {
			s.renderError(w, r, http.StatusBadRequest)
			return entityPage{}, nil, false
		}
		rd.eventsBefore = &k
	}
	p, ok, err := rd.loadEntity(e)
	if err != nil {
		s.serverError(w, r, err)
		return p, nil, false
	}
	if !ok {
		s.notFound(w, r)
		return p, nil, false
	}
	if err := s.recordSources(r, "view", p.Shown...); err != nil {
		s.serverError(w, r, err)
		return p, nil, false
	}
	return p, rd, true
}

// graphBuilder gathers the nodes and edges before they are placed.
type graphBuilder struct {
	v        *view
	rd       *reader
	centre   string
	ring1    []*graphNode
	ring2    []*graphNode
	byID     map[string]*graphNode
	edges1   []pendingEdge // centre → ring 1
	edges2   []pendingEdge // ring 1 → ring 2
	edgeSeen map[[2]string]int
}

type pendingEdge struct {
	from, to string
	labels   []string
	style    edgeStyle
}

func buildGraph(v *view, rd *reader, p entityPage) (graphData, error) {
	b := &graphBuilder{v: v, rd: rd, centre: p.Ref.ID, byID: map[string]*graphNode{}, edgeSeen: map[[2]string]int{}}
	groupOf := map[string]string{} // an event's node on the first ring
	g := graphData{Ref: p.Ref, Width: graphWidth, Height: graphHeight, CX: graphWidth / 2, CY: graphHeight / 2,
		R1: ring1Radius, R2: ring2Radius}
	// Ring 1: events by date (the timeline's order), then the chain of
	// command.
	hidden1 := 0
	groups := groupEvents(p.Timeline, len(p.Timeline) > graphGroupAt)
	if len(groups) > ring1Max {
		for _, gr := range groups[ring1Max:] {
			hidden1 += len(gr.events)
		}
		groups = groups[:ring1Max]
	}
	var events []casefile.Event // those drawn, alone or in a group
	for i, gr := range groups {
		ev := gr.events[0]
		key := "ev:" + ev.ID
		label := v.EventType(ev.Type)
		node := graphNode{ID: key, Href: "/entities/" + ev.ID, Class: "n-event", order: float64(i)}
		if len(gr.events) > 1 {
			key = "evs:" + ev.ID
			label = v.T("graph.group", label, len(gr.events))
			node = graphNode{ID: key, Href: "/entities/" + p.Ref.ID + "/timeline#ev-" + ev.ID, Class: "n-events", order: float64(i)}
			if gr.year != 0 {
				label += " · \u2066" + strconv.Itoa(gr.year) + "\u2069"
			}
		} else if !ev.Date.IsZero() {
			// isolated left to right, so that an Arabic label keeps the
			// date's digits in order
			label += " · \u2066" + ev.Date.String() + "\u2069"
		}
		node.Label = label
		b.add(1, node)
		for _, ev := range gr.events {
			role := v.RoleIn(ev.Role)
			if ev.Role == "" {
				role = v.T("graph.role_" + string(p.Ref.Type))
			}
			b.edge(1, b.centre, key, role, gr.style)
			events = append(events, ev)
			groupOf[ev.ID] = key
		}
	}
	n := float64(len(groups))
	for _, c := range p.Superiors {
		if c.Ref == nil || c.Ref.Caption == "" || len(b.ring1) >= ring1Max {
			if c.Ref != nil && c.Ref.Caption != "" {
				hidden1++
			}
			continue
		}
		b.add(1, graphNode{ID: c.Ref.ID, Href: "/entities/" + c.Ref.ID, Label: v.RefLabel(*c.Ref), Class: "n-" + string(c.Ref.Type), order: n})
		b.edge(1, b.centre, c.Ref.ID, v.T("entity.superiors"), edgeStyle{c.Alleged, c.Denied, c.Status})
		n++
	}
	for _, l := range p.Subordinates {
		if l.Ref.Caption == "" || len(b.ring1) >= ring1Max {
			if l.Ref.Caption != "" {
				hidden1++
			}
			continue
		}
		b.add(1, graphNode{ID: l.Ref.ID, Href: "/entities/" + l.Ref.ID, Label: v.RefLabel(l.Ref), Class: "n-" + string(l.Ref.Type), order: n})
		b.edge(1, b.centre, l.Ref.ID, v.T("entity.subordinates"), edgeStyle{Status: model.StatusConfirmed})
		n++
	}
	if hidden1 > 0 {
		b.add(1, graphNode{ID: "more1", Href: "/entities/" + p.Ref.ID + "/timeline", Label: v.T("graph.more", hidden1), Class: "n-more", order: n})
	}
	// Ring 2: what the events tie the entity to.
	for _, ev := range events {
		if err := b.ties(groupOf[ev.ID], ev); err != nil {
			return g, err
		}
	}
	hidden2 := 0
	b.placeRing(b.ring1, ring1Radius, -math.Pi/2)
	if len(b.ring2) > 0 {
		// Each second-ring node sits by the events it comes through.
		for _, nd := range b.ring2 {
			nd.order = b.parentAngle(nd.ID)
		}
		sort.SliceStable(b.ring2, func(i, j int) bool {
			if b.ring2[i].order != b.ring2[j].order {
				return b.ring2[i].order < b.ring2[j].order
			}
			return b.ring2[i].ID < b.ring2[j].ID
		})
		if len(b.ring2) > ring2Max {
			hidden2 = len(b.ring2) - ring2Max + 1
			for _, nd := range b.ring2[ring2Max-1:] {
				delete(b.byID, nd.ID)
			}
			b.ring2 = append(b.ring2[:ring2Max-1], &graphNode{ID: "more2", Href: "/entities/" + p.Ref.ID,
				Label: v.T("graph.more", hidden2), Class: "n-more"})
			b.byID["more2"] = b.ring2[len(b.ring2)-1]
		}
		start := -math.Pi / 2
		if len(b.ring1) > 0 {
			start = b.ring2[0].order // the first sits by its event
		}
		b.placeRing(b.ring2, ring2Radius, start)
	}
	centre := graphNode{ID: p.Ref.ID, Label: v.RefLabel(p.Ref), Class: "n-centre", X: graphWidth / 2, Y: graphHeight / 2, R: 30}
	centre.Dir, centre.Label = textDir(centre.Label), cut(centre.Label)
	centre.LabelX, centre.LabelY, centre.Anchor = centre.X, round1(centre.Y+centre.R+16), "middle"
	b.byID[p.Ref.ID] = &centre
	g.Nodes = append(g.Nodes, centre)
	for _, nd := range append(append([]*graphNode{}, b.ring1...), b.ring2...) {
		g.Nodes = append(g.Nodes, *nd)
	}
	for _, pe := range append(append([]pendingEdge{}, b.edges1...), b.edges2...) {
		a, z := b.byID[pe.from], b.byID[pe.to]
		if a == nil || z == nil {
			continue // cut off with the rest of a full ring
		}
		label := joinLabels(pe.labels)
		e := graphEdge{X1: a.X, Y1: a.Y, X2: z.X, Y2: z.Y, Label: label, Dir: textDir(label), Class: pe.style.class()}
		e.LX, e.LY = round1((a.X+z.X)/2), round1((a.Y+z.Y)/2)
		g.Edges = append(g.Edges, e)
	}
	g.Shown = len(g.Nodes) - 1
	g.Hidden = hidden1 + hidden2
	return g, nil
}

// ties adds an event's participants, places and organizers to the second
// ring, with an edge from the event's node (key: its own, or its group's)
// labelled with their role.
func (b *graphBuilder) ties(key string, ev casefile.Event) error {
	style := edgeStyle{ev.Alleged, ev.Denied, ev.Status}
	for _, pt := range ev.Participants {
		if pt.Ref == nil {
			continue
		}
		r, ok, err := b.canonicalRef(*pt.Ref)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		b.add(2, graphNode{ID: r.ID, Href: "/entities/" + r.ID, Label: b.v.RefLabel(r), Class: "n-" + string(r.Type)})
		b.edge(2, key, r.ID, b.v.RoleIn(pt.Role), style)
	}
	for _, c := range ev.Location {
		if c.Ref == nil {
			continue
		}
		r, ok, err := b.canonicalRef(*c.Ref)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		b.add(2, graphNode{ID: r.ID, Href: "/entities/" + r.ID, Label: b.v.RefLabel(r), Class: "n-" + string(r.Type)})
		b.edge(2, key, r.ID, b.v.T("graph.where"), edgeStyle{c.Alleged, c.Denied, c.Status})
	}
	for _, o := range ev.Organizers {
		if o.Ref == nil {
			continue
		}
		r, ok, err := b.canonicalRef(*o.Ref)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		b.add(2, graphNode{ID: r.ID, Href: "/entities/" + r.ID, Label: b.v.RefLabel(r), Class: "n-" + string(r.Type)})
		b.edge(2, key, r.ID, b.v.T("graph.organizer"), style)
	}
	return nil
}

// eventGroup is one node of the first ring: an event, or the events of one
// type and year, with the style of the edge to them.
type eventGroup struct {
	events []casefile.Event
	year   int // 0: undated
	style  edgeStyle
}

// groupEvents makes the first ring's event nodes, in the timeline's order
// (a group where its first event is): each event alone, or when group is
// set the events of one type and year together. A group's edge is drawn
// confirmed only when every event in it is, and alleged or denied only
// when every one is.
func groupEvents(evs []casefile.Event, group bool) []eventGroup {
	var out []eventGroup
	at := map[string]int{}
	for _, ev := range evs {
		k := ev.ID
		if group {
			k = fmt.Sprint(ev.Type, "\x00", ev.Date.Year)
		}
		i, ok := at[k]
		if !ok {
			i = len(out)
			at[k] = i
			out = append(out, eventGroup{year: ev.Date.Year, style: edgeStyle{Alleged: true, Denied: true, Status: model.StatusConfirmed}})
		}
		gr := &out[i]
		gr.events = append(gr.events, ev)
		gr.style.Alleged = gr.style.Alleged && ev.Alleged
		gr.style.Denied = gr.style.Denied && ev.Denied
		if ev.Status != model.StatusConfirmed {
			gr.style.Status = ev.Status
		}
	}
	return out
}

// canonicalRef is the entity that now stands for r; ok is false for the
// centre itself and for an entity the viewer may see no name of.
func (b *graphBuilder) canonicalRef(r entityRef) (entityRef, bool, error) {
	c, err := b.rd.canonical(r.ID)
	if err != nil {
		return r, false, err
	}
	if c == b.centre {
		return r, false, nil
	}
	if c != r.ID {
		if r, err = b.rd.ref(c); err != nil {
			return r, false, err
		}
	}
	return r, r.Caption != "", nil
}

// add puts a node on a ring once; a node already on the first ring stays
// there.
func (b *graphBuilder) add(ring int, nd graphNode) {
	if _, ok := b.byID[nd.ID]; ok {
		return
	}
	nd.Dir, nd.Label = textDir(nd.Label), cut(nd.Label)
	p := &nd
	b.byID[nd.ID] = p
	if ring == 1 {
		b.ring1 = append(b.ring1, p)
	} else {
		b.ring2 = append(b.ring2, p)
	}
}

// edge records an edge once per pair, joining the labels of repeats (a
// person who is both witness and victim of one event).
func (b *graphBuilder) edge(ring int, from, to, label string, style edgeStyle) {
	k := [2]string{from, to}
	list := &b.edges1
	if ring == 2 {
		list = &b.edges2
	}
	if i, ok := b.edgeSeen[k]; ok {
		pe := &(*list)[i]
		if label != "" && !containsString(pe.labels, label) {
			pe.labels = append(pe.labels, label)
		}
		return
	}
	b.edgeSeen[k] = len(*list)
	pe := pendingEdge{from: from, to: to, style: style}
	if label != "" {
		pe.labels = []string{label}
	}
	*list = append(*list, pe)
}

// parentAngle is the mean angle of the first-ring nodes a second-ring node
// hangs from.
func (b *graphBuilder) parentAngle(id string) float64 {
	var sx, sy float64
	for _, pe := range b.edges2 {
		if pe.to == id {
			if a := b.byID[pe.from]; a != nil {
				sx, sy = sx+math.Cos(a.angle), sy+math.Sin(a.angle)
			}
		}
	}
	if sx == 0 && sy == 0 {
		return -math.Pi / 2
	}
	a := math.Atan2(sy, sx)
	if a < -math.Pi/2 {
		a += 2 * math.Pi // angles run clockwise from the top
	}
	return a
}

// placeRing spaces a ring's nodes evenly, clockwise from start (the top is
// -π/2).
func (b *graphBuilder) placeRing(nodes []*graphNode, radius, start float64) {
	for i, nd := range nodes {
		a := start + 2*math.Pi*float64(i)/float64(len(nodes))
		nd.angle = a
		nd.R = 18
		if nd.Class == "n-event" {
			nd.R = 14
		}
		if nd.Class == "n-events" {
			nd.R = 17
		}
		if nd.Class == "n-more" {
			nd.R = 16
		}
		nd.X = round1(graphWidth/2 + radius*math.Cos(a))
		nd.Y = round1(graphHeight/2 + radius*math.Sin(a))
		nd.placeLabel(math.Cos(a), math.Sin(a))
	}
}

// placeLabel puts a ring node's label beside it, away from the centre:
// (cx, cy) is the direction from the centre to the node.
func (nd *graphNode) placeLabel(cx, cy float64) {
	// right and left of the circle, as drawn, whatever the text's direction
	right, left := "start", "end"
	if nd.Dir == "rtl" {
		right, left = left, right
	}
	switch {
	case cx > 0.3:
		nd.LabelX, nd.LabelY, nd.Anchor = round1(nd.X+nd.R+5), round1(nd.Y+4), right
	case cx < -0.3:
		nd.LabelX, nd.LabelY, nd.Anchor = round1(nd.X-nd.R-5), round1(nd.Y+4), left
	case cy < 0:
		nd.LabelX, nd.LabelY, nd.Anchor = nd.X, round1(nd.Y-nd.R-6), "middle"
	default:
		nd.LabelX, nd.LabelY, nd.Anchor = nd.X, round1(nd.Y+nd.R+14), "middle"
	}
}

func round1(f float64) float64 { return math.Round(f*10) / 10 }

// cut shortens a label to graphLabelMx runes.
func cut(s string) string {
	r := []rune(s)
	if len(r) <= graphLabelMx {
		return s
	}
	return string(r[:graphLabelMx-1]) + "…"
}

// textDir is the direction of a label: rtl when its first strong letter is
// Arabic (or Hebrew), so that SVG text lays it out right to left and the
// browser shapes and orders it correctly inside a left-to-right drawing.
func textDir(s string) string {
	for _, c := range s {
		switch {
		case unicode.In(c, unicode.Arabic, unicode.Hebrew, unicode.Syriac, unicode.Thaana) && unicode.IsLetter(c):
			return "rtl"
		case unicode.IsLetter(c):
			return "ltr"
		}
	}
	return "ltr"
}

func joinLabels(ls []string) string {
	out := ""
	for i, l := range ls {
		if i > 0 {
			out += ", "
		}
		out += l
	}
	return out
}

// String describes a graph for logs and test failures: counts only.
func (g graphData) String() string {
	return fmt.Sprintf("graph of %s: %d nodes, %d edges, %d hidden", g.Ref.ID, len(g.Nodes), len(g.Edges), g.Hidden)
}
