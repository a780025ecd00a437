package enquiry

import (
	"math"
	"sort"
	"sync"

	"github.com/athar-project/athar/internal/names"
)

// Watch screens names against every open enquiry at once: each part of
// every enquiry's name is filed under the names matcher's blocking keys
// (names.Part.IndexKeys: its spelling, its phonetic skeleton shared by both
// scripts, the skeleton less one consonant, the known names it may be), so
// that a name screened is compared in full (names.Assess) only with the
// enquiries sharing keys with two of its parts — a list of 100,000 names
// against 10,000 enquiries costs 100,000 key look-ups and a handful of full
// comparisons each, not a billion comparisons. The same index serves watch
// lists: any set of names, each under an id. Any number of goroutines may
// Screen at once.
type Watch struct {
	ids    []string // by filed name: the id it is filed under
	names  []string // by filed name: the name as filed
	byID   map[string]Enquiry
	parsed []names.Name
	post   map[string][]uint32 // key → enquiry << 4 | part

	scratch sync.Pool
}

// scratch is one Screen's working space, reused.
type scratch struct {
	acc, part            []float32 // by enquiry: the weight met, in all and for one part
	touched, partTouched []uint32
}

// Hit is a screened name that may be an enquiry's missing person (or a
// watch list's wanted person).
type Hit struct {
	// EnquiryID is the id the matching name is filed under: an
	// enquiry's, or a watch-list entry's.
	EnquiryID string
	Name      string // the name screened
	Filed     string // the filed name it matched (an alias, for a watch list)
	Score     float64
	// Likely: the name matches the enquiry's as the matcher links names
	// (the evidence beyond the name is weighed when the caseworker opens
	// the enquiry).
	Likely bool
}

// AlertAt is the score from which a screened name is put before the
// caseworker: a possible match, not a confident one — a family would
// rather hear of a namesake than miss their relative.
const AlertAt = 0.7

// Screening limits.
const (
	// maxParts is how many parts of an enquiry's name are filed.
	maxParts = 15
	// compared is how many enquiries, those sharing most parts first, a
	// screened name is compared with in full.
	compared = 12
	// walkCap is the longest list of a key walked besides a part's
	// shortest.
	walkCap = 1024
)

// NewWatch files the names of enquiries (their Query).
func NewWatch(es []Enquiry) *Watch {
	w := &Watch{byID: make(map[string]Enquiry, len(es)), post: map[string][]uint32{}}
	for _, e := range es {
		if w.file(e.ID, e.Query()) {
			w.byID[e.ID] = e
		}
	}
	return w
}

// Filed is a name filed in a Watch under an id; one id may file several
// names (a wanted person's aliases).
type Filed struct {
	ID, Name string
}

// NewNameWatch files any set of names, each under its id: the index a
// watch list is screened through.
func NewNameWatch(fs []Filed) *Watch {
	w := &Watch{byID: map[string]Enquiry{}, post: map[string][]uint32{}}
	for _, f := range fs {
		w.file(f.ID, f.Name)
	}
	return w
}

// file puts one name under id into the index; false when the name has no
// part to file.
func (w *Watch) file(id, name string) bool {
	n := names.Parse(Clean(name).Name)
	if len(n.Parts) == 0 {
		return false
	}
	i := uint32(len(w.ids))
	w.ids = append(w.ids, id)
	w.names = append(w.names, name)
	w.parsed = append(w.parsed, n)
	for j := range n.Parts[:min(len(n.Parts), maxParts)] {
		for _, k := range n.Parts[j].IndexKeys() {
			w.post[k] = append(w.post[k], i<<4|uint32(j))
		}
	}
	return true
}

// Len is how many names are watched.
func (w *Watch) Len() int { return len(w.ids) }

// Enquiry returns a watched enquiry.
func (w *Watch) Enquiry(id string) (Enquiry, bool) {
	e, ok := w.byID[id]
	return e, ok
}

// Screen returns the enquiries a name may be about, best first: those
// scoring AlertAt or more.
func (w *Watch) Screen(name string) []Hit {
	if len(w.ids) == 0 {
		return nil
	}
	q := names.Parse(Clean(name).Name)
	if len(q.Parts) == 0 {
		return nil
	}
	sc, _ := w.scratch.Get().(*scratch)
	if sc == nil || len(sc.acc) != len(w.ids) {
		sc = &scratch{acc: make([]float32, len(w.ids)), part: make([]float32, len(w.ids))}
	}
	defer w.scratch.Put(sc)
	// Each part of the name meets parts of enquiries through its keys,
	// each meeting weighed by the key's weight and rarity (a key thousands
	// of enquiries share — Mohammad — says little). A key's list longer
	// than walkCap is walked only when it is the part's shortest.
	for _, p := range q.Parts {
		keys := p.QueryKeys()
		shortest := -1
		for i, k := range keys {
			if n := len(w.post[k.Key]); n > 0 && (shortest < 0 || n < len(w.post[keys[shortest].Key])) {
				shortest = i
			}
		}
		for i, k := range keys {
			list := w.post[k.Key]
			if len(list) == 0 || (len(list) > walkCap && i != shortest) {
				continue
			}
			wt := float32(k.Weight / math.Log2(2+float64(len(list))))
			for _, x := range list {
				e := x >> 4
				if sc.part[e] == 0 {
					sc.partTouched = append(sc.partTouched, e)
				}
				if wt > sc.part[e] {
					sc.part[e] = wt
				}
			}
		}
		for _, e := range sc.partTouched {
			if sc.acc[e] == 0 {
				sc.touched = append(sc.touched, e)
			}
			sc.acc[e] += sc.part[e]
			sc.part[e] = 0
		}
		sc.partTouched = sc.partTouched[:0]
	}
	// The best few by weight are compared in full: kept in order as the
	// touched enquiries are read, not sorted all.
	type cand struct {
		e      uint32
		weight float32
	}
	var top [compared]cand
	n := 0
	for _, e := range sc.touched {
		c := cand{e, sc.acc[e]}
		sc.acc[e] = 0
		if n == compared && (c.weight < top[n-1].weight || c.weight == top[n-1].weight && c.e > top[n-1].e) {
			continue
		}
		i := min(n, compared-1)
		for i > 0 && (top[i-1].weight < c.weight || top[i-1].weight == c.weight && top[i-1].e > c.e) {
			if i < compared {
				top[i] = top[i-1]
			}
			i--
		}
		top[i] = c
		n = min(n+1, compared)
	}
	sc.touched = sc.touched[:0]
	cs := top[:n]
	var out []Hit
	for _, c := range cs {
		r, fc := assess(q, w.parsed[c.e])
		if fc != nil {
			// Only the fathers differ: flagged, lower, never likely.
			r.Score = math.Max(0, r.Score-fatherDiffers)
		} else if r.Score < AlertAt {
			continue
		}
		h := Hit{EnquiryID: w.ids[c.e], Name: name, Filed: w.names[c.e], Score: r.Score, Likely: fc == nil && (r.Match || r.Score >= confident)}
		// One hit per id: the best of the names filed under it.
		dup := false
		for k := range out {
			if out[k].EnquiryID == h.EnquiryID {
				dup = true
				if h.Score > out[k].Score {
					out[k] = h
				}
			}
		}
		if !dup {
			out = append(out, h)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	return out
}
