package enquiry

import (
	"math"
	"sort"
	"strings"

	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/names"
)

// Person is what the sources a viewer may see say of one person entity:
// the evidence an enquiry is weighed against.
type Person struct {
	EntityID string
	Names    []string     // names and aliases, as the sources write them
	Fathers  []string     // fatherName statements
	Mothers  []string     // mother's names stated
	Born     []model.Date // birthDate statements
	Places   []string     // birth places, places of their events
	Facility []string     // facilities of their events
	Dates    []model.Date // dates of their events
	// Fate is the case file's reading of their fate ("" none), and
	// whether a confirmed event establishes it.
	Fate          string
	FateConfirmed bool
	Sources       []string // ids of the sources that name them
}

// Candidate is a person an enquiry may be about, with why.
type Candidate struct {
	EntityID string
	Name     string // the person's name that compared best
	Score    float64
	// Match: Athar holds this candidate confident — the name matches,
	// nothing speaks strongly against, and no other candidate comes close.
	Match   bool
	Reasons []Reason
	Sources []string
	// Against: some evidence beyond the name speaks strongly against.
	Against bool
	// Fate and FateConfirmed are the person's, from the case file.
	Fate          string
	FateConfirmed bool
}

// Weights of the evidence beyond the name, added to or taken from the
// name's score. A mother's name that differs is the strongest evidence
// against that a Syrian civil-registry record gives: two namesakes with
// the same father's name are common, with the same mother's name rare.
const (
	fatherAgrees  = 0.06
	fatherDiffers = 0.15
	motherAgrees  = 0.08
	motherDiffers = 0.35
	bornAgrees    = 0.05
	bornDiffers   = 0.25
	placeAgrees   = 0.03
	facilityAgree = 0.04
	seenAgrees    = 0.03
	// bornSlack is how many years two birth years may differ and still
	// agree: families and lists round ages.
	bornSlack = 1
	// bornFar is the difference from which two birth years disagree.
	bornFar = 3
	// sameWord and otherWord are the part similarities at which two given
	// names count as one name and as different names.
	sameWord  = 0.78
	otherWord = 0.55
	// confident is the score a confident candidate needs.
	confident = 0.8
)

// Score weighs one person against an enquiry: the best of its names by the
// names matcher, then each piece of evidence beyond the name, each with its
// reason.
func Score(e Enquiry, p Person) Candidate {
	c := Candidate{EntityID: p.EntityID, Sources: p.Sources, Fate: p.Fate, FateConfirmed: p.FateConfirmed}
	q := Clean(e.Query())
	query := names.Parse(q.Name)
	var best names.Result
	var bestName string
	var bestParsed names.Name
	var bestConflict *fatherConflict
	for _, raw := range p.Names {
		k := Clean(raw)
		n := names.Parse(k.Name)
		r, fc := assess(query, n)
		if bestName == "" || r.Score > best.Score {
			best, bestName, bestParsed, bestConflict = r, raw, n, fc
		}
		if k.Father != "" {
			p.Fathers = append(p.Fathers, k.Father)
		}
		if k.Mother != "" {
			p.Mothers = append(p.Mothers, k.Mother)
		}
	}
	if bestName == "" {
		return c
	}
	c.Name, c.Score = bestName, best.Score
	c.Reasons = append(c.Reasons, reason(ReasonName, e.Query(), bestName, best.Score))
	// The father's given name: stated, or the second part of a name of
	// three or more, as Syrian registers and lists write names.
	fathers := p.Fathers
	if len(fathers) == 0 {
		for _, part := range bestParsed.Parts {
			if part.Role == names.RoleFather {
				fathers = append(fathers, part.Text)
			}
		}
	}
	said := len(c.Reasons)
	c.kin(e.Father, fathers, ReasonFatherAgrees, ReasonFatherDiffers, fatherAgrees, fatherDiffers, false)
	if bestConflict != nil && len(c.Reasons) == said {
		// The names agree but for their fathers' parts, and nothing else
		// weighed the father: the conflict is the evidence against.
		c.Score -= fatherDiffers
		c.Reasons = append(c.Reasons, reason(ReasonFatherDiffers, bestConflict.asked, bestConflict.stated))
	}
	c.kin(e.Mother, p.Mothers, ReasonMotherAgrees, ReasonMotherDiffers, motherAgrees, motherDiffers, true)
	c.born(e.Born, p.Born)
	c.seen(e.LastSeenDate, p.Dates)
	c.place(names.KindPlace, ReasonHomeNear, e.Home, p.Places, placeAgrees)
	c.place(names.KindPlace, ReasonLastSeenNear, e.LastSeenAt, p.Places, placeAgrees)
	c.place(names.KindFacility, ReasonLastSeenHeld, e.LastSeenAt, p.Facility, facilityAgree)
	c.place(names.KindFacility, ReasonHeldNear, e.HeldAt, p.Facility, facilityAgree)
	if p.Fate != "" {
		code := ReasonFateSuggested
		if p.FateConfirmed {
			code = ReasonFateConfirmed
		}
		c.Reasons = append(c.Reasons, reason(code, p.Fate))
	}
	c.Score = math.Round(math.Min(1, math.Max(0, c.Score))*1000) / 1000
	c.Match = best.Match && !c.Against && c.Score >= confident
	return c
}

// kin weighs a relative's given name from the enquiry against the names
// the sources give.
func (c *Candidate) kin(asked string, stated []string, agrees, differs string, plus, minus float64, strong bool) {
	asked = strings.TrimSpace(asked)
	if asked == "" || len(stated) == 0 {
		return
	}
	a := names.Parse(asked)
	if len(a.Parts) == 0 {
		return
	}
	bestSim, bestName := -1.0, ""
	for _, s := range stated {
		b := names.Parse(s)
		if len(b.Parts) == 0 {
			continue
		}
		// The given names: the first part of each.
		sim := names.PartSimilarity(&a.Parts[0], &b.Parts[0])
		if sim > bestSim {
			bestSim, bestName = sim, s
		}
	}
	switch {
	case bestSim >= sameWord:
		c.Score += plus
		c.Reasons = append(c.Reasons, reason(agrees, asked, bestName))
	case bestSim >= 0 && bestSim < otherWord:
		c.Score -= minus
		c.Against = c.Against || strong
		c.Reasons = append(c.Reasons, reason(differs, asked, bestName))
	}
}

// born weighs the birth year.
func (c *Candidate) born(asked model.Date, stated []model.Date) {
	if asked.IsZero() || len(stated) == 0 {
		return
	}
	closest := -1
	for _, d := range stated {
		if d.IsZero() {
			continue
		}
		diff := asked.Year - d.Year
		if diff < 0 {
			diff = -diff
		}
		if closest < 0 || diff < closest {
			closest = diff
		}
	}
	switch {
	case closest < 0:
	case closest <= bornSlack:
		c.Score += bornAgrees
		c.Reasons = append(c.Reasons, reason(ReasonBornAgrees, asked.Year))
	case closest >= bornFar:
		c.Score -= bornDiffers
		c.Against = true
		c.Reasons = append(c.Reasons, reason(ReasonBornDiffers, closest))
	}
}

// seen adds a little when one of the person's events falls within a year
// of the date the family last saw them (an arrest, a transfer); a date
// that differs says nothing.
func (c *Candidate) seen(asked model.Date, events []model.Date) {
	if asked.IsZero() {
		return
	}
	for _, d := range events {
		if d.IsZero() {
			continue
		}
		months := (d.Year-asked.Year)*12 + (d.Month - asked.Month)
		if d.Precision == model.PrecisionYear || asked.Precision == model.PrecisionYear {
			months = (d.Year - asked.Year) * 12
		}
		if months >= -12 && months <= 12 {
			c.Score += seenAgrees
			c.Reasons = append(c.Reasons, reason(ReasonSeenNear, asked, d))
			return
		}
	}
}

// place adds a little for a place or facility the sources tie the person
// to that the family named; a place that differs says nothing (people are
// moved).
func (c *Candidate) place(k names.Kind, code, asked string, stated []string, plus float64) {
	asked = strings.TrimSpace(asked)
	if asked == "" {
		return
	}
	for _, s := range stated {
		if r := names.CompareKindStrings(k, asked, s); r.Match {
			c.Score += plus
			c.Reasons = append(c.Reasons, reason(code, asked, s))
			return
		}
	}
}

// Rank scores every person against an enquiry and returns them best
// first. A candidate stays confident only when it leads the next by a
// clear margin (names.Leads): two persons the evidence cannot tell apart
// are both left for a caseworker to judge.
func Rank(e Enquiry, ps []Person) []Candidate {
	out := make([]Candidate, 0, len(ps))
	for _, p := range ps {
		c := Score(e, p)
		if c.Name == "" {
			continue
		}
		out = append(out, c)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].EntityID < out[j].EntityID
	})
	for i := range out {
		if i > 0 {
			out[i].Match = false
		}
	}
	if len(out) > 1 && out[0].Match && !names.Leads(out[0].Score, out[1].Score) {
		out[0].Match = false
		out[0].Reasons = append(out[0].Reasons, reason(ReasonAnotherClose, out[1].Score))
	}
	return out
}
