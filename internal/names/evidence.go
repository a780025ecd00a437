package names

import (
	"math"
	"strings"
)

// evidence gathers what the parts of two names say for and against their
// naming one person. Against, in log-odds: each part replaced by another
// (strongly, less for a like part, a common one or a father's name), each
// part one name has and the other lacks (a little, by its rarity), given
// names found in other places. For: the rarity of the parts that agree,
// summed, which says how well the agreement identifies anyone. The score is
// a logistic curve of what counts against, times how much the agreement
// identifies. Rarity comes from one table for both scripts and similarity
// is measured on sounds, not letters, so an Arabic-script name and its Latin
// spelling score as two spellings in one script do; docs/benchmarks-names.md
// measures how far that holds.
type evidence struct {
	e       float64 // against, in log-odds (zero or less)
	support float64 // how much the agreeing parts identify: their rarity, summed
	agreed  int     // how many parts agree
	alike   float64 // parts paired as alike but short of agreeing, by how alike
}

// scoring weights, in log-odds.
type scoring struct {
	replaced   float64 // a part of each name left over: one replaced by another
	extra      float64 // a part of one name the other lacks (times its rarity)
	reordered  float64 // the given names found elsewhere
	epithet    float64
	slope, mid float64 // the logistic curve
	identify   float64 // the summed rarity of agreeing parts that leaves a third of the doubt
	floor      float64 // the share of the score left when nothing identifies
	middle     float64 // a replaced father's or grandfather's name, against a given or family name
	single     float64 // the most one agreeing part identifies
	likeMax    float64 // how much of a replaced part's cost its likeness to the other can take off
	alike      float64 // the share of an agreeing part's rarity that a part alike only carries
}

var params = scoring{
	replaced: 3.5, extra: 0.53, reordered: 0.97, epithet: 1.5, slope: 2.83, mid: 1.5,
	identify: 0.825, floor: 0.3, middle: 0.7, single: 0.17, likeMax: 1, alike: 0.5,
}

// info is how much a part says about who is named: its rarity, less for a
// kunya, an epithet or an initial.
func info(p *Part) float64 {
	w := p.rarity()
	switch {
	case p.Role == RoleKunya || p.Role == RoleEpithet:
		w = math.Min(w, 0.4)
	case p.Initial():
		w = math.Min(w, 0.2)
	case len(p.Key) <= 1:
		w = math.Min(w, 0.6)
	}
	return w
}

// paired counts two parts paired with similarity s: when they agree, for
// as much as the rarer part identifies. Parts alike only cost nothing here:
// they are a typing error as often as another name, and the conflicts
// compare counts decide.
func (ev *evidence) paired(a, b *Part, s float64) {
	switch {
	case s >= agree:
		ev.support += math.Min(info(a), info(b))
		ev.agreed++
	case s >= weak && !knownApart(a, b):
		// a misspelling of the same part ("Wladimir", "Vladimir") as
		// often as another name: it identifies, by how alike, up to half
		// of what agreeing would
		like := (s - weak) / (agree - weak)
		ev.support += params.alike * like * math.Min(info(a), info(b))
		ev.alike += like
	}
}

// pairFloor is the similarity under which two parts are not alike at all.
const pairFloor = 0.35

// leftOver counts the parts neither name pairs: a part of each left over,
// alike or not, is one replaced by another; the rest are parts one name
// lacks.
func (ev *evidence) leftOver(pa, pb []Part, la, lb []int, sims []float64) {
	// pair the left-over parts best first by what likeness they have
	usedB := make([]bool, len(lb))
	for _, i := range la {
		best, bs := -1, 0.0
		for k, j := range lb {
			if usedB[k] {
				continue
			}
			s := sims[i*len(pb)+j]
			if s < weak {
				// pruned when pairing: how alike, down to pairFloor
				s = partSimFloor(&pa[i], &pb[j], likeBelow)
			}
			if best < 0 || s > bs {
				best, bs = k, s
			}
		}
		if best < 0 {
			ev.e -= params.extra * info(&pa[i])
			continue
		}
		usedB[best] = true
		// a typing error costs less than another name; a common name
		// replaced by another (Ahmad for Muhammad as a father's name)
		// less than a rare one, and a middle name less than a given or a
		// family name
		like := math.Max(0, (bs-pairFloor)/(weak-pairFloor))
		j := lb[best]
		if knownApart(&pa[i], &pb[j]) {
			like = 0 // two names the table knows apart: no typing error
		}
		w := 0.5 + 0.5*math.Min(info(&pa[i]), info(&pb[j]))
		if isAncestor(pa[i].Role) && isAncestor(pb[j].Role) {
			w *= params.middle
		}
		ev.e -= params.replaced * w * (1 - params.likeMax*math.Min(like, 1))
	}
	for k, j := range lb {
		if !usedB[k] {
			ev.e -= params.extra * info(&pb[j])
		}
	}
}

func (ev *evidence) score() float64 {
	p := 1 / (1 + math.Exp(-params.slope*(ev.e+params.mid)))
	// parts too common to identify anyone ("Mohammed", "Abu Omar")
	// leave the question open however well they agree; the more rare
	// parts agree, the surer
	id := 1 - math.Exp(-ev.support/params.identify)
	if n := float64(ev.agreed) + ev.alike; n < 2 {
		// one part alone, however rare, names too many people; a second
		// part alike only lifts that bound by how alike it is
		id = math.Min(id, params.single+(1-params.single)*math.Max(0, n-1))
	}
	return p * (params.floor + (1-params.floor)*id)
}

// knownApart reports two parts the table of known names knows as different
// names (Hassan and Hussein), or two Abd compounds whose second names it
// knows apart (Abdul Rahim and Abdul Rahman).
func knownApart(a, b *Part) bool {
	if len(a.known) > 0 && len(b.known) > 0 {
		return !sharesID(a.known, b.known)
	}
	ka, kb := abdKnown(a), abdKnown(b)
	return len(ka) > 0 && len(kb) > 0 && !sharesID(ka, kb)
}

// abdKnown is the known-name entries of the name after Abd in an Abd
// compound ("abd رحمن", "abd rahman"), or nothing.
func abdKnown(p *Part) []int32 {
	rest, ok := strings.CutPrefix(p.Text, "abd ")
	if !ok {
		return nil
	}
	return lookupKnown(rest, p.Arabic)
}

// leadLogit is how far, in log-odds, the best of several candidates must be
// ahead of another for the best to be linked: about what the old margin of
// 0.06 was near 0.6, and more than it near 0.95.
const leadLogit = 0.5

// Leads reports whether a score leads another by enough that the better of
// two candidates may be linked while the other exists: scores are
// probabilities, so the lead is measured in log-odds, the same near 0.5 as
// near 0.95.
func Leads(best, other float64) bool {
	lg := func(x float64) float64 {
		x = math.Min(math.Max(x, 1e-6), 1-1e-6)
		return math.Log(x / (1 - x))
	}
	return lg(best)-lg(other) >= leadLogit
}
