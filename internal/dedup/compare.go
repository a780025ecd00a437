package dedup

import "math"

// Result is what a comparison of two texts found.
type Result struct {
	// Jaccard is the similarity of the two shingle sets, |A∩B| / |A∪B|.
	Jaccard float64
	// Containment is the share of the smaller set found in the larger,
	// |A∩B| / min(|A|,|B|): near 1 for a shortened copy of a longer text.
	Containment float64
	// Duplicate reports that one text is a copy of the other by the rules of
	// JaccardThreshold, ContainmentThreshold, MinShingles and
	// MinContainedShingles.
	Duplicate bool
	// Exact reports that the measures were counted on shingle sets
	// (CompareShingles) rather than estimated from signatures (Compare).
	Exact bool
	// Inconclusive reports that an estimate from signatures lies too near a
	// threshold to decide on (within confidenceZ standard errors), as it does
	// for a short text against a much longer one, where a containment
	// estimate is only as good as the few hash values they can share. Compare
	// the shingle sets (CompareShingles) to decide. Duplicate is then false.
	Inconclusive bool
}

// Compare estimates how alike two signed texts are and whether one is a copy
// of the other. It decides only when the estimates clear the thresholds by
// confidenceZ standard errors either way, and otherwise reports Inconclusive.
// Texts with no words, or shingled at different widths (a text of fewer than
// ShingleWidth words against a longer one), share nothing.
func Compare(a, b Signature) Result {
	if a.n == 0 || b.n == 0 || a.width != b.width {
		return Result{}
	}
	same := 0
	for i := range a.mins {
		if a.mins[i] == b.mins[i] {
			same++
		}
	}
	j := float64(same) / NumHashes
	small, large := float64(min(a.n, b.n)), float64(max(a.n, b.n))
	// |A∩B| = J/(1+J) · (|A|+|B|), from |A∪B| = |A|+|B|-|A∩B|.
	ratio := (small + large) / small
	c := j / (1 + j) * ratio

	// Standard errors: the match count is binomial in NumHashes trials (with
	// one pseudo-match and one pseudo-miss added, so that 0 or NumHashes
	// matches still leave an error), and c moves with j by dc/dj.
	p := float64(same+1) / (NumHashes + 2)
	sj := math.Sqrt(p * (1 - p) / NumHashes)
	sc := sj * ratio / ((1 + j) * (1 + j))

	r := Result{Jaccard: j, Containment: min(1, c)}
	n := int(small)
	switch {
	case duplicate(j-confidenceZ*sj, c-confidenceZ*sc, n):
		r.Duplicate = true
	case duplicate(j+confidenceZ*sj, c+confidenceZ*sc, n):
		r.Inconclusive = true
	}
	return r
}

// CompareShingles compares two shingle sets exactly. It is the check to run
// when both texts are at hand, and the way to settle an Inconclusive Compare.
func CompareShingles(a, b Shingles) Result {
	if len(a.hashes) == 0 || len(b.hashes) == 0 || a.width != b.width {
		return Result{Exact: true}
	}
	inter := float64(intersect(a.hashes, b.hashes))
	small := min(len(a.hashes), len(b.hashes))
	j := inter / (float64(len(a.hashes)+len(b.hashes)) - inter)
	c := inter / float64(small)
	return Result{Jaccard: j, Containment: c, Duplicate: duplicate(j, c, small), Exact: true}
}

// duplicate applies the decision rules to the measures of two texts whose
// smaller shingle set has small elements.
func duplicate(j, c float64, small int) bool {
	return (small >= MinShingles && j >= JaccardThreshold) ||
		(small >= MinContainedShingles && c >= ContainmentThreshold)
}
