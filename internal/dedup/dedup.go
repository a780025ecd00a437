// Package dedup owns near-duplicate detection of source texts: deciding that
// one source is the same text as another — syndicated by a second outlet,
// re-headlined, shortened, quoted whole — so that "N independent sources"
// counts independent ones.
//
// A text is folded and split into words by textfold (case, accents, Arabic
// diacritics, tatweel and letter variants, Arabic-Indic digits), cut into
// overlapping shingles of ShingleWidth words, and the set of shingle hashes is
// summarized by a MinHash Signature of NumHashes values. Two measures decide,
// both over shingle sets:
//   - Jaccard |A∩B| / |A∪B|: the two texts are mostly the same text
//     (syndication with a different headline, byline or footer);
//   - containment |A∩B| / min(|A|,|B|): the shorter text is mostly found in
//     the longer one (a shortened copy, or a statement quoted in full).
//
// How a store uses it, when a source is added:
//
//	sh := dedup.Shingle(text)
//	sig := sh.Sign()              // keep sig.MarshalBinary() with the source
//	bands := sig.Bands()          // index (key → source) for both families
//	anchors := sh.Anchors()
//
// Candidates are stored sources sharing any band key, or at least
// MinSharedAnchors anchors. For each, Compare the signatures: Duplicate links
// the pair; Inconclusive (estimates too near a threshold, as for a short text
// against a much longer one) asks for CompareShingles on the two texts, which
// is exact. Which of two duplicates is the original (earlier publication,
// earlier retrieval) is the store's call; this package only measures.
//
// Everything is a pure function of the text: no random seeds at run time, no
// map iteration, no dependence on the machine. Version names the algorithm;
// signatures and keys of different versions never meet.
//
// Limits: shingles see copying, not meaning. A translation, or a copy edited
// as heavily as one word changed in every fifteen, is not a duplicate here;
// nor are two texts under MinShingles shingles (about fourteen words), even
// when identical.
package dedup

import (
	"slices"

	"github.com/athar-project/athar/internal/textfold"
)

// Shingling and decision parameters. Changing ShingleWidth, NumHashes, the
// hash functions or the band layout changes every signature and band key:
// that needs a new Version and a re-signing of stored sources.
const (
	// ShingleWidth is the number of consecutive words in a shingle. Five
	// words make a chance match between independently written texts rare
	// (they share names and places, seldom five words in a row), while a
	// one-word edit still leaves most shingles of a sentence intact. A text
	// of fewer words is one shingle of all its words.
	ShingleWidth = 5

	// NumHashes is the number of MinHash values in a signature. The standard
	// error of a Jaccard estimate is sqrt(J(1-J)/NumHashes): 0.044 at J=0.5.
	NumHashes = 128

	// NumBands × BandRows signature values make the band keys (the last
	// NumHashes - NumBands*BandRows values serve estimation only). A pair with
	// Jaccard J becomes a candidate with probability 1-(1-J^3)^42: 0.996 at
	// J=0.5, 0.79 at 0.33, 0.29 at 0.2, 0.005 at 0.05 and 0.0007 at 0.025 (the
	// overlap shared boilerplate gives unrelated articles of one outlet). The
	// S-curve's midpoint is near J=0.29, low enough that a copy of the first
	// half of an article (J≈0.5) is found nearly always.
	NumBands = 42
	BandRows = 3

	// MinShingles is the least number of distinct shingles (about
	// MinShingles+4 words) a text needs before it can be a duplicate of
	// anything: identical one-line texts ("Explosion in Homs now") are as
	// likely coincidence as copying. Smaller texts get no band keys.
	MinShingles = 10

	// MinContainedShingles is the least size of the shorter text for the
	// containment rule, about a short paragraph: every sentence of a long
	// article contains some short phrase, so a short text found inside a long
	// one says little until it is a paragraph or more.
	MinContainedShingles = 25

	// JaccardThreshold: texts whose shingle sets have Jaccard similarity at or
	// above it are duplicates. A one-word edit costs up to ShingleWidth
	// shingles, so a copy with a word changed every m words keeps a share
	// s ≈ (m-5)/m of its shingles and scores J = s/(2-s): 0.5 is s = 2/3, a
	// word changed every 15 words. Syndicated copies with a new headline,
	// byline and footer score 0.8–1 (the English test copy, with spelling
	// changes too, 0.84); the same event written up independently by two
	// outlets scores under 0.02 even when they share names, places, figures
	// and a quoted sentence. 0.5 sits in that wide gap, nearer the copies,
	// and far enough from both that an estimate (standard error 0.044 at 0.5)
	// decides most pairs without the texts.
	JaccardThreshold = 0.5

	// ContainmentThreshold: a text (of at least MinContainedShingles
	// shingles) whose shingles are found in a longer text at this share or
	// more is a duplicate of it. 0.7 asks of a shortened copy about what
	// JaccardThreshold asks of a full one (a word changed every 17 words at
	// most); an unedited shortened copy scores 0.95–1, independent reports
	// under 0.05, a short text sharing one quoted statement with a long one
	// about the statement's share of the short text.
	ContainmentThreshold = 0.7

	// confidenceZ is how many standard errors an estimate from signatures
	// must clear a threshold by before Compare decides on it; nearer than
	// that, Compare reports Inconclusive and CompareShingles must decide.
	// At 2, a pair whose true measure sits exactly on a threshold is decided
	// wrongly by the estimate about 2% of the time at most.
	confidenceZ = 2
)

// Shingles is the exact set of a text's shingle hashes, sorted and distinct.
// It is what a Signature summarizes, and what CompareShingles compares exactly
// when both texts are at hand.
type Shingles struct {
	width  int      // words per shingle: ShingleWidth, or fewer for a short text
	hashes []uint64 // sorted, distinct
}

// Shingle folds text with textfold.Words and returns its set of word
// shingles. An empty text (or one with no letters or digits) gives an empty
// set; a text of fewer than ShingleWidth words gives one shingle of all its
// words.
func Shingle(text string) Shingles {
	// The last ShingleWidth words' hashes only, the text folded a piece at
	// a time: a long text's words were held whole, ten times its size, and
	// then their hashes, 8 bytes a word beside the shingles (issue 18).
	var last [ShingleWidth]uint64
	n := 0
	var hs []uint64
	textfold.EachWord(text, func(w string) {
		last[n%ShingleWidth] = hashWord(w)
		n++
		if n >= ShingleWidth {
			if len(hs) == cap(hs) && len(hs) >= compactFrom {
				hs = compact(hs)
			}
			hs = append(hs, shingleHash(last[:], n, ShingleWidth))
		}
	})
	switch {
	case n == 0:
		return Shingles{}
	case n < ShingleWidth:
		return Shingles{width: n, hashes: []uint64{shingleHash(last[:], n, n)}}
	}
	slices.Sort(hs)
	return Shingles{width: ShingleWidth, hashes: slices.Clip(slices.Compact(hs))}
}

// compactFrom is the number of shingles from which a full slice of them is
// sorted and its repeats dropped before it grows: a text that repeats
// itself (a decompression bomb's pages) holds its distinct shingles, not
// one a word.
const compactFrom = 1 << 16

// compact sorts hs and drops its repeats, keeping its room; it leaves room
// to grow by at least a quarter so that a text of few repeats is not
// sorted again at every word.
func compact(hs []uint64) []uint64 {
	slices.Sort(hs)
	hs = slices.Compact(hs)
	if len(hs) > cap(hs)*3/4 {
		hs = slices.Grow(hs, cap(hs))
	}
	return hs
}

// shingleHash hashes the width words that end at the n-th word of the
// text, whose hashes the ring last holds (the i-th word at i%len(last)).
func shingleHash(last []uint64, n, width int) uint64 {
	h := uint64(width) * 0x9E3779B97F4A7C15
	for i := n - width; i < n; i++ {
		h = mix64(h ^ last[i%len(last)])
	}
	return h
}

// Len is the number of distinct shingles.
func (s Shingles) Len() int { return len(s.hashes) }

// Width is the number of words per shingle: ShingleWidth, fewer for a text
// of fewer words, 0 for an empty text.
func (s Shingles) Width() int { return s.width }

// intersect counts the hashes two sorted sets share.
func intersect(a, b []uint64) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n
}

// hashWord is 64-bit FNV-1a over the word's UTF-8 bytes.
func hashWord(w string) uint64 {
	h := uint64(0xcbf29ce484222325)
	for i := 0; i < len(w); i++ {
		h ^= uint64(w[i])
		h *= 0x100000001b3
	}
	return h
}

// mix64 is the SplitMix64 finalizer: a bijection on 64 bits whose every
// output bit depends on every input bit.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xBF58476D1CE4E5B9
	x ^= x >> 27
	x *= 0x94D049BB133111EB
	x ^= x >> 31
	return x
}
