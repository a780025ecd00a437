package names

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// Thresholds of a comparison.
const (
	// MatchScore is the score at or above which two names may be linked
	// automatically, when the other conditions of Compare also hold.
	MatchScore = 0.75
	// shareScore is the weighted share of agreeing parts (parts missing
	// from either name counting against) that a link needs besides.
	shareScore = 0.82
	// agree is the word similarity at which two words count as the same word.
	agree = 0.78
	// weak is the word similarity below which two words count as different.
	weak = 0.6
)

// Result is the outcome of comparing two names.
type Result struct {
	Score   float64  // in [0, 1]
	Match   bool     // Athar would link the two names automatically
	Reasons []string // which parts agreed, conflicted or were missing
	// Covers is true when every part of the first name agrees with a part
	// of the second and nothing conflicts: the second could be the person
	// the first names, however many other parts it has. An index uses it to
	// see namesakes.
	Covers bool
}

// CompareStrings parses and compares two names.
func CompareStrings(a, b string) Result { return Compare(Parse(a), Parse(b)) }

// Compare scores how likely two names name the same person, with its
// reasons. Parts are paired best first across the two names, whatever their
// order; the score counts for the agreeing parts by how rare they are (a very
// common given name says little) and against the parts replaced by others
// and the parts one name lacks (see evidence). Match needs a high score, two
// or more informative parts that agree, most of both names agreeing, and no
// conflict: in doubt, it stays false. Compare is symmetric but for ties
// between equally alike parts.
func Compare(a, b Name) Result { return compare(a, b, true) }

// Assess is Compare without the reasons, for ranking many candidates.
func Assess(a, b Name) Result { return compare(a, b, false) }

// Score is Compare without the reasons, for ranking many candidates.
func Score(a, b Name) (score float64, match bool) {
	r := compare(a, b, false)
	return r.Score, r.Match
}

func compare(a, b Name, why bool) Result {
	var r Result
	say := func(format string, args ...any) {
		if why {
			r.Reasons = append(r.Reasons, fmt.Sprintf(format, args...))
		}
	}
	pa, pb := a.Parts, b.Parts
	if len(pa) == 0 || len(pb) == 0 {
		say("no name parts to compare")
		return r
	}
	pa, pb = joinSplit(pa, pb)
	// similarity of every pair of parts
	type pair struct {
		i, j int
		s    float64 // similarity
		rank float64 // similarity, a little more for parts in the same position
	}
	pairs := make([]pair, 0, len(pa)*len(pb))
	sims := make([]float64, len(pa)*len(pb)) // every pair's similarity, as pruned
	for i := range pa {
		for j := range pb {
			s := partSim(&pa[i], &pb[j], true)
			sims[i*len(pb)+j] = s
			if s >= weak {
				// prefer pairs in the same position when alike
				bonus := 0.0
				if pa[i].Role == pb[j].Role {
					bonus = 0.01
				}
				pairs = append(pairs, pair{i, j, s, s + bonus})
			}
		}
	}
	sort.SliceStable(pairs, func(x, y int) bool { return pairs[x].rank > pairs[y].rank })
	ma := make([]int, len(pa))
	mb := make([]int, len(pb))
	sa := make([]float64, len(pa))
	for i := range ma {
		ma[i] = -1
	}
	for j := range mb {
		mb[j] = -1
	}
	for _, p := range pairs {
		if ma[p.i] >= 0 || mb[p.j] >= 0 {
			continue
		}
		ma[p.i], mb[p.j] = p.j, p.i
		sa[p.i] = math.Min(p.s, 1)
	}

	var num, den, strong float64
	var ev evidence
	minAgree := 1.0
	agreeing := 0
	for i, j := range ma {
		if j < 0 {
			continue
		}
		w := math.Min(weight(&pa[i]), weight(&pb[j]))
		num += w * sa[i]
		den += w
		ev.paired(&pa[i], &pb[j], sa[i])
		if sa[i] >= agree {
			minAgree = math.Min(minAgree, sa[i])
			strong += w
			agreeing++
			if why {
				say("%s agrees: %s ~ %s (%.2f)", pa[i].Role, pa[i].Latin, pb[j].Latin, sa[i])
			}
		} else {
			if why {
				say("%s is alike only: %s ~ %s (%.2f)", pa[i].Role, pa[i].Latin, pb[j].Latin, sa[i])
			}
		}
	}
	// parts left over: the name with fewer parts should find all of its own
	shortA := len(pa) <= len(pb)
	var leftA, leftB []int
	for i, j := range ma {
		if j < 0 {
			f := 0.3
			if shortA {
				f = 0.6
			}
			den += f * weight(&pa[i])
			leftA = append(leftA, i)
			if why {
				say("%s missing in the other name: %s", pa[i].Role, pa[i].Latin)
			}
		}
	}
	for j, i := range mb {
		if i < 0 {
			f := 0.3
			if !shortA || len(pa) == len(pb) {
				f = 0.6
			}
			den += f * weight(&pb[j])
			leftB = append(leftB, j)
			if why {
				say("%s missing in the other name: %s", pb[j].Role, pb[j].Latin)
			}
		}
	}
	ev.leftOver(pa, pb, leftA, leftB, sims)
	conflict := false
	// the given names: both present and paired with nothing alike
	gi, gj := firstOf(pa, RoleGiven), firstOf(pb, RoleGiven)
	if gi >= 0 && gj >= 0 && len(pa) > 1 && len(pb) > 1 && ma[gi] < 0 && mb[gj] < 0 {
		conflict = true
		den += 1.5
		say("given names conflict: %s ≠ %s", pa[gi].Latin, pb[gj].Latin)
	} else if gi >= 0 && gj >= 0 && ma[gi] >= 0 && ma[gi] != gj && mb[gj] >= 0 && len(pa) > 1 && len(pb) > 1 {
		// both given names found elsewhere: a reordering, not a conflict
		ev.e -= params.reordered
		say("given names in other positions")
	}
	// One name's given name found as the other's father's name, while the
	// other's own given name finds nothing: perhaps father and son
	// ("Mahmoud Rizadi" and "Ali Mahmoud Rizadi"), or one compound given
	// name ("Wael Abdulkarim" and "Mohammad Wael Abdulkarim"): in doubt, no
	// match.
	fatherSon := false
	if gi >= 0 && gj >= 0 && len(pa) > 1 && len(pb) > 1 && ma[gi] != gj {
		aToFather := ma[gi] >= 0 && isAncestor(pb[ma[gi]].Role)
		bToFather := mb[gj] >= 0 && isAncestor(pa[mb[gj]].Role)
		// both names write "bin" and a given name is found after the
		// other's: a father's name for certain, whatever its position,
		// not a reordering ("Salman bin Abdulaziz" and "Abdulaziz bin
		// Salman" are father and son), so the given names differ: one
		// replaced by another. A name without bin may be in any order.
		afterBin := hasSonOf(pa) && hasSonOf(pb) && (ma[gi] >= 0 && pb[ma[gi]].sonOf || mb[gj] >= 0 && pa[mb[gj]].sonOf)
		if afterBin {
			ev.e -= params.replaced
		}
		switch {
		case aToFather && bToFather:
			fatherSon = true
			say("given and father's names swapped: perhaps father and son")
		case aToFather && mb[gj] < 0, bToFather && ma[gi] < 0, afterBin:
			fatherSon = true
			say("a given name pairs with the other's father's name: perhaps father and son")
		}
	}
	fi, fj := lastOf(pa, RoleFamily), lastOf(pb, RoleFamily)
	if fi >= 0 && fj >= 0 && ma[fi] < 0 && mb[fj] < 0 {
		conflict = true
		den += 1.0
		say("family names conflict: %s ≠ %s", pa[fi].Latin, pb[fj].Latin)
	}
	if den == 0 {
		return r
	}
	share := clamp01(num / den)
	if strong < 1 {
		// nothing but very common or short parts agree ("Mohammed",
		// "Abu Omar"): they identify nobody alone
		share *= 0.75
		say("only common parts agree")
	}
	if a.Epithet || b.Epithet {
		share *= 0.7
		ev.e -= params.epithet
		say("an epithet: a weak alias")
	}
	r.Score = ev.score()
	r.Covers = !conflict && !fatherSon
	for i, j := range ma {
		if j < 0 || sa[i] < agree {
			r.Covers = false
		}
	}
	switch {
	case conflict || fatherSon || a.Epithet || b.Epithet:
	case agreeing < 2:
		say("fewer than two parts agree: not enough to link")
	case strong < 1.4:
		say("the agreeing parts are too common to link on")
	case strong < 1.6 && (minAgree < 0.95 || share < 0.9):
		// thin evidence (a common given name and one more part) links
		// only when the parts agree almost exactly
		say("little evidence and not near-identical: not enough to link")
	case share < shareScore:
		say("too few of the parts agree to link (%.2f of them, weighed, below %.2f)", share, shareScore)
	case r.Score >= MatchScore:
		r.Match = true
	default:
		say("score below the link threshold %.2f", MatchScore)
	}
	return r
}

// hasSonOf reports a name that writes bin (or ibn, "son of") before a part.
func hasSonOf(ps []Part) bool {
	for i := range ps {
		if ps[i].sonOf {
			return true
		}
	}
	return false
}

func isAncestor(r Role) bool { return r == RoleFather || r == RoleGrandfather }

func clamp01(x float64) float64 {
	switch {
	case x < 0 || math.IsNaN(x):
		return 0
	case x > 1:
		return 1
	}
	return x
}

func firstOf(ps []Part, role Role) int {
	for i := range ps {
		if ps[i].Role == role {
			return i
		}
	}
	return -1
}

func lastOf(ps []Part, role Role) int {
	for i := len(ps) - 1; i >= 0; i-- {
		if ps[i].Role == role {
			return i
		}
	}
	return -1
}

// weight is how much a part says about who is named.
func weight(p *Part) float64 {
	w := 1.0
	switch {
	case p.Role == RoleKunya || p.Role == RoleEpithet:
		w = 0.4
	case p.Initial():
		w = 0.2 // an initial never identifies
	case p.Common:
		w = 0.5
	case len(p.Key) <= 1:
		w = 0.7
	}
	return w
}

// PartSimilarity returns how alike two name parts sound, in [0, 1]: 1 for
// spellings of one name ("Ous", "Aws", "أوس"), low for different names
// however alike their letters (Hassan and Hussein).
func PartSimilarity(a, b *Part) float64 { return partSim(a, b, false) }

// Raw similarities under which a comparison needs no exact value: under
// pruneBelow, steepened, a pair of parts falls below weak (they do not
// pair); under likeBelow, below pairFloor (they are not alike at all).
const (
	pruneBelow = 0.72
	likeBelow  = 0.6
)

// partSim is PartSimilarity; with prune, similarities under pruneBelow may
// come out as 0, which saves most of the work on unlike parts.
func partSim(a, b *Part, prune bool) float64 {
	if prune {
		return partSimFloor(a, b, pruneBelow)
	}
	return partSimFloor(a, b, 0)
}

// partSimFloor is PartSimilarity, where a raw similarity under floor may
// come out as 0.
func partSimFloor(a, b *Part, floor float64) float64 {
	if a.Initial() || b.Initial() {
		return initialSim(a, b)
	}
	s := unitSim(a.units, b.units, a.Arabic, b.Arabic, floor)
	if a.alt != nil {
		s = math.Max(s, unitSim(a.alt, b.units, a.Arabic, b.Arabic, floor))
	}
	if b.alt != nil {
		s = math.Max(s, unitSim(a.units, b.alt, a.Arabic, b.Arabic, floor))
	}
	// one consonant wrong in three is a different name more often than a
	// spelling: below 0.85 the scale falls twice as fast (measured on the
	// pair sets: gentler slopes for longer words did not rank better)
	if s < 0.85 {
		s = math.Max(0, 0.85-2*(0.85-s))
	}
	if len(a.known) > 0 && len(b.known) > 0 {
		if sharesID(a.known, b.known) {
			return math.Max(s, 0.97)
		}
		return math.Min(s, 0.5)
	}
	if s < shortened && (shortFor(a, b) || shortFor(b, a)) {
		return shortened
	}
	return s
}

// shortened is the similarity of a name with a shortened form of it: below
// weak, so that the two count as one part replaced by a like one.
const shortened = 0.55

// shortFor reports whether a may be b shortened: the start of a Latin name
// ("Ben" for "Benjamin", "Abiy" for "Abiyot"), or Abd al-X written X
// ("Hanif" for "Abdul Hanif").
func shortFor(a, b *Part) bool {
	if !a.Arabic && !b.Arabic && len(a.Text) >= 3 && len(b.Text) > len(a.Text)+1 && strings.HasPrefix(b.Text, a.Text) {
		return true
	}
	if strings.HasPrefix(b.Text, "abd ") && !strings.HasPrefix(a.Text, "abd ") && len(a.units) >= 3 {
		tail := b.units[2:]
		if !b.Arabic {
			tail = b.units[3:]
		}
		return unitSim(a.units, tail, a.Arabic, b.Arabic, 0) >= 0.9
	}
	return false
}

// Initial reports a part written as one Latin letter ("V." in "V. Putin").
func (p *Part) Initial() bool {
	return !p.Arabic && len(p.Text) == 1 && p.Text[0] >= 'a' && p.Text[0] <= 'z'
}

// initialSim compares an initial with a part: alike when the part starts
// with the initial's letter, and no more than alike, since an initial says
// little.
func initialSim(a, b *Part) float64 {
	la, lb := strings.ToLower(a.Latin), strings.ToLower(b.Latin)
	if la == "" || lb == "" {
		return 0
	}
	if la[0] == lb[0] {
		return initialAgree
	}
	return 0
}

// initialAgree is the similarity of an initial with a part it may stand
// for: it agrees, weakly (an initial's rarity is low).
const initialAgree = 0.8

func sharesID(a, b []int32) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

// unitSim is 1 minus the weighted edit distance of two unit sequences,
// over the number of consonants. Below floor it may return 0.
func unitSim(a, b []rune, arA, arB bool, floor float64) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 0
	}
	if arA == arB && slicesEqual(a, b) {
		return 1
	}
	ca, cb := 0, 0
	for _, u := range a {
		if !isVowelUnit(u) && u != ayn {
			ca++
		}
	}
	for _, u := range b {
		if !isVowelUnit(u) && u != ayn {
			cb++
		}
	}
	norm := float64(max(ca, cb)) + 0.5
	d := unitDistance(a, b, arA, arB, (1-floor)*norm)
	return clamp01(1 - d/norm)
}

const maxUnits = 64

// transposition is the cost of two adjacent units swapped.
const transposition = 0.6

// unitDistance is a weighted edit distance on units: confusable consonants
// cost little, and a short vowel against Arabic (which does not write them)
// almost nothing.
//
// When every cell of a row exceeds limit the distance can only be larger,
// and unitDistance returns early with a value above limit.
func unitDistance(a, b []rune, arA, arB bool, limit float64) float64 {
	if len(a) > maxUnits {
		a = a[:maxUnits]
	}
	if len(b) > maxUnits {
		b = b[:maxUnits]
	}
	var rowBuf [3][maxUnits + 1]float64
	pp, prev, cur := rowBuf[0][:len(b)+1], rowBuf[1][:len(b)+1], rowBuf[2][:len(b)+1]
	prev[0] = 0
	for j := 1; j <= len(b); j++ {
		prev[j] = prev[j-1] + indel(b[j-1], arA)
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = prev[0] + indel(a[i-1], arB)
		for j := 1; j <= len(b); j++ {
			v := prev[j-1] + subst(a[i-1], b[j-1], arA, arB)
			if x := prev[j] + indel(a[i-1], arB); x < v {
				v = x
			}
			if x := cur[j-1] + indel(b[j-1], arA); x < v {
				v = x
			}
			// two letters swapped by a typing error ("Marcon", "Asasd")
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] && a[i-1] != a[i-2] {
				if x := pp[j-2] + transposition; x < v {
					v = x
				}
			}
			cur[j] = v
		}
		if floorMin(cur) > limit {
			return limit + 1
		}
		pp, prev, cur = prev, cur, pp
	}
	return prev[len(b)]
}

func floorMin(row []float64) float64 {
	m := row[0]
	for _, v := range row[1:] {
		if v < m {
			m = v
		}
	}
	return m
}

// indel is the cost of a unit that the other word, Arabic or not, lacks.
func indel(u rune, otherArabic bool) float64 {
	switch {
	case isVowelUnit(u):
		switch {
		case otherArabic && !isLongVowel(u):
			return 0.1 // Arabic does not write short vowels
		case isLongVowel(u):
			return 0.45
		}
		return 0.4
	case u == ayn:
		if otherArabic {
			return 0.8
		}
		return 0.05
	case u == 'H' || u == 'W' || u == 'Y':
		return 0.6
	}
	return 1
}

func subst(x, y rune, arX, arY bool) float64 {
	if x == y {
		return 0
	}
	vx, vy := isVowelUnit(x), isVowelUnit(y)
	switch {
	case (x == ayn && vy && !arY) || (y == ayn && vx && !arX):
		return 0.1 // a Latin vowel writing an ayn
	case vx && vy:
		cx, cy := vowelClass(x), vowelClass(y)
		if cx == cy {
			return 0.05
		}
		if cx == 'e' || cy == 'e' {
			if cx == 'u' || cy == 'u' {
				return 0.35
			}
			return 0.15
		}
		if arX || arY {
			return 0.6
		}
		return 0.45
	case vx || vy:
		// a glide against its vowel: Arabic does not say which it is
		if (x == 'W' && vowelClass(y) == 'u') || (y == 'W' && vowelClass(x) == 'u') ||
			(x == 'Y' && vowelClass(y) == 'i') || (y == 'Y' && vowelClass(x) == 'i') {
			return 0.3
		}
		return 1.2
	}
	return consonantCost(x, y)
}

// confusable holds the cost of replacing one consonant class by another,
// for classes in ASCII; 0 means the default cost, 1.
var confusable [128][128]float32

func init() {
	for _, c := range []struct {
		a, b rune
		cost float32
	}{
		{'T', '0', 0.3}, {'0', 'S', 0.3}, {'0', 'D', 0.4}, {'0', '9', 0.2}, {'0', 'Z', 0.5},
		{'9', 'D', 0.3}, {'9', 'Z', 0.3}, {'D', 'T', 0.6}, {'S', 'Z', 0.5}, {'S', 'X', 0.5},
		{'K', 'G', 0.4}, {'K', 'C', 0.4}, {'K', 'J', 0.5}, {'G', 'C', 0.4}, {'H', 'C', 0.35},
		{'J', 'Z', 0.6}, {'J', 'Y', 0.6}, {'B', 'F', 0.7}, {'X', 'J', 0.6}, {'D', 'Z', 0.5},
		{'9', 'S', 0.5}, {'K', 'H', 0.7},
	} {
		confusable[c.a][c.b] = c.cost
		confusable[c.b][c.a] = c.cost
	}
}

func consonantCost(x, y rune) float64 {
	if x < 128 && y < 128 {
		if c := confusable[x][y]; c > 0 {
			return float64(c)
		}
	}
	return 1
}

func slicesEqual(a, b []rune) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// joinSplit joins, in either name, two or three adjacent Latin parts that
// together spell one part of the other name ("Patr ushev" and "Patrushev",
// "Plat Ono Vich" and "Platonovich") and that do not agree with it alone.
// It returns the names' parts, new slices where it joined some.
func joinSplit(pa, pb []Part) ([]Part, []Part) {
	return joinRuns(pa, pb), joinRuns(pb, pa)
}

func joinRuns(x, y []Part) []Part {
	if len(x) < 2 {
		return x
	}
	var out []Part
	for i := 0; i < len(x); i++ {
		joined := false
		for n := 3; n >= 2 && !joined; n-- {
			if i+n > len(x) {
				continue
			}
			run := x[i : i+n]
			size := 0
			ok := true
			for k := range run {
				if run[k].Arabic || run[k].Role == RoleKunya || strings.Contains(run[k].Text, " ") {
					ok = false
					break
				}
				size += len(run[k].Text)
			}
			if !ok || size < 5 {
				continue
			}
			text := ""
			for j := range y {
				t := &y[j]
				// a given name of joined syllables ("Myong-chul") meets
				// the same syllables apart ("Pyong Chul") when the two
				// are alike, however they start
				if t.Arabic || abs(len(t.Text)-size) > 2 || !t.syllabic && !strings.HasPrefix(t.Text, run[0].Text[:min(2, len(run[0].Text))]) {
					continue
				}
				if text == "" {
					for k := range run {
						text += run[k].Text
					}
				}
				m := newPart(word{raw: text, fold: text})
				need := 0.9
				if t.syllabic {
					need = agree
				}
				if partSim(&m, t, true) < need || partSim(&run[0], t, true) >= agree || partSim(&run[n-1], t, true) >= agree {
					continue
				}
				if out == nil {
					out = append(make([]Part, 0, len(x)), x[:i]...)
				}
				out = append(out, m)
				i += n - 1
				joined = true
				break
			}
		}
		if !joined && out != nil {
			out = append(out, x[i])
		}
	}
	if out == nil {
		return x
	}
	assignRoles(out)
	return out
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
