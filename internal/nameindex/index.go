// Package nameindex is Athar's in-memory index of person names: it files
// every name of every entity under phonetic blocking keys and answers a name
// with the few entities most likely meant, one candidate per entity, best
// first, each with its score, its reasons and at most one automatic link.
//
// The index does no I/O: the store builds it from entities' name statements
// with Add and keeps it current with Replace and Remove. Any number of
// goroutines may Search while another adds or removes.
package nameindex

import (
	"container/heap"
	"math"
	"sort"
	"sync"

	"github.com/athar-project/athar/internal/names"
)

// Candidate is one entity a query may name.
type Candidate struct {
	EntityID string
	Name     string   // the entity's name that compared best
	Score    float64  // in [0, 1]
	Link     bool     // Athar would link the query to this entity automatically
	Reasons  []string // why, part by part
}

// Index is the name index. The zero value is not usable; call New.
type Index struct {
	mu   sync.RWMutex
	kind names.Kind

	entIDs   []string
	entByID  map[string]uint32
	entNames [][]uint32 // live names of each entity

	names []nameRec
	arena []uint32 // parts of names: part id << 3 | role
	text  []byte   // raw names, end to end

	parts     []names.Part // interned parts, role cleared
	partByKey map[string]uint32

	post  map[string][]uint32 // blocking key → names filed under it
	dense map[string][]uint64 // bitmaps of the longest lists, for probing
	live  int

	scratch sync.Pool
}

type nameRec struct {
	ent     uint32
	off     uint32 // into arena
	textOff uint32 // into text
	textLen uint16
	n       uint8
	flags   uint8
}

const (
	flagDead    = 1
	flagEpithet = 2
)

// Search limits.
const (
	// rescore is how many names, ranked by their blocking keys, are compared
	// in full.
	rescore = 96
	// postingBudget bounds the postings one query walks.
	postingBudget = 60_000
	// walkCap is the longest posting list walked once some names are
	// found, for keys of a changed consonant; exactWalkCap for exact keys.
	walkCap      = 2048
	exactWalkCap = 20_000
	// denseList is the length from which a posting list also keeps a
	// bitmap for probing.
	denseList = 8192
	// probeCap is the most names probed by binary search in a list too
	// long to walk and without a bitmap.
	probeCap = 4_000
)

// New returns an empty index of persons' names.
func New() *Index { return NewKind(names.KindPerson) }

// NewKind returns an empty index of names of a kind, compared as that kind
// is (see names.CompareKind).
func NewKind(k names.Kind) *Index {
	return &Index{kind: k, entByID: map[string]uint32{}, partByKey: map[string]uint32{}, post: map[string][]uint32{}, dense: map[string][]uint64{}}
}

// Add files a name of an entity. A string that lists several names
// (alternatives after semicolons, a name in brackets) adds each. A name with
// no letters is ignored, and so is one the entity already carries written
// the same way (a name stated by many sources, or learned twice: once when
// placed, again when another process's index catches up with it).
func (x *Index) Add(entityID, name string) {
	parsed := parseAll(x.kind, name)
	x.mu.Lock()
	defer x.mu.Unlock()
	e := x.entity(entityID)
	for _, n := range parsed {
		if !x.carries(e, n.Raw) {
			x.addName(e, n)
		}
	}
}

// carries reports whether entity e has a live name written as raw.
func (x *Index) carries(e uint32, raw string) bool {
	if len(raw) > math.MaxUint16 {
		raw = raw[:math.MaxUint16]
	}
	for _, id := range x.entNames[e] {
		rec := &x.names[id]
		if int(rec.textLen) == len(raw) && string(x.text[rec.textOff:rec.textOff+uint32(rec.textLen)]) == raw {
			return true
		}
	}
	return false
}

// Replace sets the names of an entity to exactly these, at once.
func (x *Index) Replace(entityID string, ns []string) {
	var parsed []names.Name
	for _, s := range ns {
		parsed = append(parsed, parseAll(x.kind, s)...)
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	x.remove(entityID)
	e := x.entity(entityID)
	for _, n := range parsed {
		if !x.carries(e, n.Raw) {
			x.addName(e, n)
		}
	}
}

func parseAll(k names.Kind, s string) []names.Name {
	alts := names.Split(s)
	parsed := make([]names.Name, 0, len(alts))
	for _, a := range alts {
		if n := names.ParseKind(k, a); len(n.Parts) > 0 {
			parsed = append(parsed, n)
		}
	}
	return parsed
}

// Remove takes an entity and all its names out of the index.
func (x *Index) Remove(entityID string) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.remove(entityID)
}

func (x *Index) remove(entityID string) {
	e, ok := x.entByID[entityID]
	if !ok {
		return
	}
	for _, id := range x.entNames[e] {
		x.names[id].flags |= flagDead
		x.live--
	}
	x.entNames[e] = nil
}

// Len returns the number of entities with at least one name.
func (x *Index) Len() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	n := 0
	for _, ns := range x.entNames {
		if len(ns) > 0 {
			n++
		}
	}
	return n
}

func (x *Index) entity(id string) uint32 {
	if e, ok := x.entByID[id]; ok {
		return e
	}
	e := uint32(len(x.entIDs))
	x.entIDs = append(x.entIDs, id)
	x.entByID[id] = e
	x.entNames = append(x.entNames, nil)
	return e
}

func (x *Index) addName(e uint32, n names.Name) {
	id := uint32(len(x.names))
	rec := nameRec{ent: e, off: uint32(len(x.arena)), textOff: uint32(len(x.text))}
	raw := n.Raw
	if len(raw) > math.MaxUint16 {
		raw = raw[:math.MaxUint16]
	}
	x.text = append(x.text, raw...)
	rec.textLen = uint16(len(raw))
	if n.Epithet {
		rec.flags |= flagEpithet
	}
	ps := n.Parts
	if len(ps) > 255 {
		ps = ps[:255]
	}
	rec.n = uint8(len(ps))
	for i := range ps {
		pid := x.intern(&ps[i])
		x.arena = append(x.arena, pid<<3|uint32(ps[i].Role&7))
		for _, k := range x.parts[pid].IndexKeys() {
			l := x.post[k]
			if len(l) == 0 || l[len(l)-1] != id {
				l = append(l, id)
				x.post[k] = l
				x.markDense(k, l, id)
			}
		}
	}
	if x.kind == names.KindOrganization || x.kind == names.KindFacility {
		if len(ps) > 1 {
			for _, k := range names.AcronymKeys(n) {
				l := x.post[k]
				if len(l) == 0 || l[len(l)-1] != id {
					x.post[k] = append(l, id)
				}
			}
		}
	}
	x.names = append(x.names, rec)
	x.entNames[e] = append(x.entNames[e], id)
	x.live++
}

// markDense keeps a bitmap beside every posting list longer than denseList,
// so that a query can probe it in constant time.
func (x *Index) markDense(k string, l []uint32, id uint32) {
	bm, ok := x.dense[k]
	switch {
	case ok:
	case len(l) >= denseList:
		for _, v := range l[:len(l)-1] {
			bm = setBit(bm, v)
		}
	default:
		return
	}
	x.dense[k] = setBit(bm, id)
}

func setBit(bm []uint64, id uint32) []uint64 {
	w := int(id >> 6)
	if w >= len(bm) {
		bm = append(bm, make([]uint64, w+1-len(bm)+len(bm)/4)...)
	}
	bm[w] |= 1 << (id & 63)
	return bm
}

func hasBit(bm []uint64, id uint32) bool {
	w := int(id >> 6)
	return w < len(bm) && bm[w]&(1<<(id&63)) != 0
}

func (x *Index) intern(p *names.Part) uint32 {
	k := p.Text + "\x00" + p.Latin
	if p.Arabic {
		k += "\x00a"
	}
	if p.Article {
		k += "\x00l"
	}
	if p.Role == names.RoleKunya {
		k += "\x00k"
	}
	if id, ok := x.partByKey[k]; ok {
		return id
	}
	id := uint32(len(x.parts))
	q := *p
	q.Role = names.RoleUnknown
	x.parts = append(x.parts, q)
	x.partByKey[k] = id
	return id
}

// name rebuilds stored name id into buf.
func (x *Index) name(id uint32, buf []names.Part) names.Name {
	rec := x.names[id]
	buf = buf[:0]
	for _, v := range x.arena[rec.off : rec.off+uint32(rec.n)] {
		p := x.parts[v>>3]
		p.Role = names.Role(v & 7)
		buf = append(buf, p)
	}
	return names.Name{Raw: string(x.text[rec.textOff : rec.textOff+uint32(rec.textLen)]), Parts: buf, Epithet: rec.flags&flagEpithet != 0}
}

// scratch is one query's working memory.
type scratch struct {
	acc   []float32
	stamp []uint32  // query part that last scored each name, per query
	parts []uint8   // how many query parts each name shares
	last  []float32 // weight the current query part gave each name
	gen   uint32
	hit   []uint32
	buf   []names.Part
}

// Search returns at most k candidates for a name, one per entity, best
// first. At most one has Link set: the best, when its name matches the
// query and no other entity comes close.
func (x *Index) Search(query string, k int) []Candidate {
	if k <= 0 {
		return nil
	}
	q := names.ParseKind(x.kind, query)
	if len(q.Parts) == 0 {
		return nil
	}
	x.mu.RLock()
	defer x.mu.RUnlock()
	if x.live == 0 {
		return nil
	}
	s, _ := x.scratch.Get().(*scratch)
	if s == nil {
		s = &scratch{}
	}
	defer x.scratch.Put(s)
	top := x.block(q, s)
	return x.rank(q, top, k, s)
}

type lookup struct {
	part int
	w    float64 // the key's weight times its rarity
	list []uint32
	bits []uint64 // the list as a bitmap, when it is long
}

// block gathers candidate names by their blocking keys and returns the best
// few, by how much of the query they share weighted by rarity.
func (x *Index) block(q names.Name, s *scratch) []uint32 {
	if len(s.acc) < len(x.names) {
		s.acc = make([]float32, len(x.names)+len(x.names)/4)
		s.stamp = make([]uint32, len(s.acc))
		s.parts = make([]uint8, len(s.acc))
		s.last = make([]float32, len(s.acc))
		s.gen = 0
	}
	s.hit = s.hit[:0]
	if s.gen > math.MaxUint32-uint32(len(q.Parts))-2 {
		clear(s.stamp)
		s.gen = 0
	}
	// one stamp per query part, so that a name scores each query part once,
	// by its best key
	base := s.gen + 1
	s.gen += uint32(len(q.Parts)) + 1
	// Exact keys first; the keys for a changed consonant only when exact
	// keys found few names that share two parts with the query.
	// A key counts by its rarity, but no more than the part's skeleton
	// does: a rare spelling or a rare one-letter-off key must not outweigh
	// the sound of the name, or namesakes written in the other script drop
	// out of the names compared.
	n := float64(x.live + 1)
	var exact, fuzzy []lookup
	for i := range q.Parts {
		qk := q.Parts[i].QueryKeys()
		ref := math.Inf(1)
		for _, wk := range qk {
			if wk.Key[0] == 'e' && wk.Weight == 1 {
				if l := len(x.post[wk.Key]); l > 0 {
					ref = math.Log(1 + n/float64(l))
				}
				break
			}
		}
		for _, wk := range qk {
			if l := x.post[wk.Key]; len(l) > 0 {
				idf := math.Min(math.Log(1+n/float64(len(l))), ref)
				lk := lookup{i, wk.Weight * idf, l, x.dense[wk.Key]}
				if wk.Weight >= 1 {
					exact = append(exact, lk)
				} else {
					fuzzy = append(fuzzy, lk)
				}
			}
		}
	}
	if (x.kind == names.KindOrganization || x.kind == names.KindFacility) && len(q.Parts) == 1 {
		for _, k := range names.AcronymKeys(q) {
			if l := x.post[k]; len(l) > 0 {
				exact = append(exact, lookup{0, math.Log(1 + n/float64(len(l))), l, nil})
			}
		}
	}
	multi := x.walk(exact, base, exactWalkCap, s)
	if len(q.Parts) == 1 && len(s.hit) < rescore || len(q.Parts) > 1 && multi < rescore/4 {
		x.walk(fuzzy, base, walkCap, s)
	}
	// keep the best names; of names that share as much with the query,
	// the ones with fewer other parts compare better
	for _, id := range s.hit {
		s.acc[id] -= 0.05 * float32(x.names[id].n)
	}
	h := &minHeap{acc: s.acc}
	for _, id := range s.hit {
		if h.Len() < rescore {
			heap.Push(h, id)
		} else if s.acc[id] > s.acc[h.ids[0]] {
			h.ids[0] = id
			heap.Fix(h, 0)
		}
	}
	return h.ids
}

// walk adds the lookups' weights to the names they list and returns how
// many names now share two or more parts with the query. It walks the rarer
// lists; a list too long to walk only adds to names already found, probed by
// binary search (lists are in id order).
func (x *Index) walk(ls []lookup, base uint32, walkLimit int, s *scratch) (multi int) {
	sort.SliceStable(ls, func(a, b int) bool { return len(ls[a].list) < len(ls[b].list) })
	walked := 0
	for _, l := range ls {
		w := float32(l.w)
		mark := base + uint32(l.part)
		if len(s.hit) > 0 && (len(l.list) > walkLimit || walked+len(l.list) > postingBudget) {
			if len(s.hit) > probeCap && l.bits == nil {
				continue
			}
			for _, id := range s.hit {
				st := s.stamp[id]
				if st == mark && w <= s.last[id] || !l.has(id) {
					continue
				}
				if st == mark {
					s.acc[id] += w - s.last[id]
					s.last[id] = w
					continue
				}
				if s.parts[id] == 1 {
					multi++
				}
				s.parts[id]++
				s.stamp[id] = mark
				s.acc[id] += w
				s.last[id] = w
			}
			continue
		}
		walked += len(l.list)
		for _, id := range l.list {
			if x.names[id].flags&flagDead != 0 {
				continue
			}
			st := s.stamp[id]
			switch {
			case st < base:
				s.acc[id] = 0
				s.parts[id] = 0
				s.hit = append(s.hit, id)
			case st == mark:
				// this part already scored for this name: keep its best key
				if w > s.last[id] {
					s.acc[id] += w - s.last[id]
					s.last[id] = w
				}
				continue
			case s.parts[id] == 1:
				multi++
			}
			s.parts[id]++
			s.stamp[id] = mark
			s.acc[id] += w
			s.last[id] = w
		}
	}
	return multi
}

func (l *lookup) has(id uint32) bool {
	if l.bits != nil {
		return hasBit(l.bits, id)
	}
	return contains(l.list, id)
}

// contains reports whether sorted list holds id.
func contains(list []uint32, id uint32) bool {
	i, j := 0, len(list)
	for i < j {
		h := int(uint(i+j) >> 1)
		if list[h] < id {
			i = h + 1
		} else {
			j = h
		}
	}
	return i < len(list) && list[i] == id
}

type minHeap struct {
	ids []uint32
	acc []float32
}

func (h *minHeap) Len() int           { return len(h.ids) }
func (h *minHeap) Less(i, j int) bool { return h.acc[h.ids[i]] < h.acc[h.ids[j]] }
func (h *minHeap) Swap(i, j int)      { h.ids[i], h.ids[j] = h.ids[j], h.ids[i] }
func (h *minHeap) Push(v any)         { h.ids = append(h.ids, v.(uint32)) }
func (h *minHeap) Pop() any {
	v := h.ids[len(h.ids)-1]
	h.ids = h.ids[:len(h.ids)-1]
	return v
}

type scored struct {
	name   uint32
	ent    uint32
	score  float64
	match  bool
	covers bool
}

// rank compares the query with the blocked names in full, keeps each
// entity's best, and decides the link.
func (x *Index) rank(q names.Name, ids []uint32, k int, s *scratch) []Candidate {
	best := map[uint32]scored{}
	for _, id := range ids {
		n := x.name(id, s.buf)
		r := x.assess(q, n)
		sc, m := r.Score, r.Match
		s.buf = n.Parts[:0]
		e := x.names[id].ent
		// the entity's best-scoring name stands for it; it is a match
		// when any of its names matches
		b, ok := best[e]
		switch {
		case !ok:
			best[e] = scored{id, e, sc, m, r.Covers}
		case sc > b.score:
			best[e] = scored{id, e, sc, m || b.match, r.Covers || b.covers}
		default:
			b.match = b.match || m
			b.covers = b.covers || r.Covers
			best[e] = b
		}
	}
	list := make([]scored, 0, len(best))
	for _, v := range best {
		if v.score > 0 {
			list = append(list, v)
		}
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].score != list[j].score {
			return list[i].score > list[j].score
		}
		return x.entIDs[list[i].ent] < x.entIDs[list[j].ent]
	})
	if len(list) > k {
		list = list[:k]
	}
	out := make([]Candidate, len(list))
	for i, v := range list {
		n := x.name(v.name, nil)
		r := names.CompareKind(x.kind, q, n)
		out[i] = Candidate{EntityID: x.entIDs[v.ent], Name: n.Raw, Score: r.Score, Reasons: r.Reasons}
	}
	if len(list) > 0 && list[0].match {
		lead := true
		for _, o := range list[1:] {
			if o.match || o.covers || !names.Leads(list[0].score, o.score) {
				lead = false
				out[0].Reasons = append(out[0].Reasons, "another entity's name fits the query too: not linked")
				break
			}
		}
		out[0].Link = lead
	}
	return out
}

// assess compares without reasons, as the index's kind compares.
func (x *Index) assess(q, n names.Name) names.Result {
	if x.kind == names.KindPerson {
		return names.Assess(q, n)
	}
	return names.CompareKind(x.kind, q, n)
}
