package enquiry

import (
	"github.com/athar-project/athar/internal/nameindex"
)

// Watch screens names against every open enquiry at once: the enquiries'
// names are filed in a name index under the matcher's blocking keys, so
// that each name screened is compared in full only with the few enquiries
// that share a key with it — a list of 100,000 names against 10,000
// enquiries costs 100,000 index searches, not a billion comparisons. The
// same index serves watch lists: any set of names, each under an id.
type Watch struct {
	x       *nameindex.Index
	byID    map[string]Enquiry
	perName int
}

// Hit is a screened name that may be an enquiry's missing person.
type Hit struct {
	EnquiryID string
	Name      string // the name screened
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

// NewWatch files the names of enquiries (their Query).
func NewWatch(es []Enquiry) *Watch {
	w := &Watch{x: nameindex.New(), byID: make(map[string]Enquiry, len(es)), perName: 5}
	for _, e := range es {
		w.byID[e.ID] = e
		w.x.Add(e.ID, Clean(e.Query()).Name)
	}
	return w
}

// Len is how many enquiries are watched.
func (w *Watch) Len() int { return len(w.byID) }

// Enquiry returns a watched enquiry.
func (w *Watch) Enquiry(id string) (Enquiry, bool) {
	e, ok := w.byID[id]
	return e, ok
}

// Screen returns the enquiries a name may be about, best first: those
// scoring AlertAt or more.
func (w *Watch) Screen(name string) []Hit {
	if len(w.byID) == 0 {
		return nil
	}
	clean := Clean(name).Name
	var out []Hit
	for _, c := range w.x.Search(clean, w.perName) {
		if c.Score < AlertAt {
			continue
		}
		out = append(out, Hit{EnquiryID: c.EntityID, Name: name, Score: c.Score, Likely: c.Link || c.Score >= confident})
	}
	return out
}
