package dedup

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func readText(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// paragraphs splits a text on blank lines.
func paragraphs(s string) []string {
	var ps []string
	for _, p := range strings.Split(s, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			ps = append(ps, p)
		}
	}
	return ps
}

// leading returns a new headline and the first share of a text's body
// paragraphs (the body starts after the headline and byline paragraphs).
func leading(s string, num, den int) string {
	ps := paragraphs(s)[2:]
	return "Abridged: records found in Homs basement\n\n" + strings.Join(ps[:len(ps)*num/den], "\n\n")
}

// sharedAnchors counts the anchor keys two sets share.
func sharedAnchors(a, b Shingles) int {
	seen := map[Key]bool{}
	for _, k := range a.Anchors() {
		seen[k] = true
	}
	n := 0
	for _, k := range b.Anchors() {
		if seen[k] {
			n++
		}
	}
	return n
}

// shareBand reports whether two signatures would meet in the band index.
func shareBand(a, b Signature) bool {
	seen := map[Key]bool{}
	for _, k := range a.Bands() {
		seen[k] = true
	}
	for _, k := range b.Bands() {
		if seen[k] {
			return true
		}
	}
	return false
}

func TestCompare(t *testing.T) {
	enOrig := readText(t, "en_original.txt")
	arOrig := readText(t, "ar_original.txt")
	firstPara := paragraphs(enOrig)[2]
	tests := []struct {
		name string
		a, b string
		dup  bool
		// candidate: the index must find the pair, by a shared band key or
		// MinSharedAnchors shared anchors.
		candidate bool
		// inconclusive: Compare on signatures must defer to CompareShingles.
		inconclusive bool
	}{
		{"identical", enOrig, enOrig, true, true, false},
		{"syndicated: new headline, byline, footer, spelling", enOrig, readText(t, "en_syndicated.txt"), true, true, false},
		{"shortened: first half of paragraphs", enOrig, leading(enOrig, 1, 2), true, true, false},
		{"shortened: first third of paragraphs", leading(enOrig, 1, 3), enOrig, true, true, false},
		{"shortened: first quarter of paragraphs", enOrig, leading(enOrig, 1, 4), true, true, true},
		{"one paragraph quoted in full", firstPara, enOrig, true, false, true},
		{"two paragraphs quoted in full", strings.Join(paragraphs(enOrig)[5:7], "\n\n"), enOrig, true, true, false},
		{"arabic shortened: first half", readText(t, "ar_syndicated.txt"), strings.Join(paragraphs(arOrig)[:5], "\n\n"), true, true, false},
		{"same event reported independently", enOrig, readText(t, "en_independent.txt"), false, false, false},
		{"syndicated vs independent", readText(t, "en_syndicated.txt"), readText(t, "en_independent.txt"), false, false, false},
		{"different article", enOrig, readText(t, "en_different.txt"), false, false, false},
		{"arabic identical", arOrig, arOrig, true, true, false},
		{"arabic syndicated: diacritics, letter variants, digits", arOrig, readText(t, "ar_syndicated.txt"), true, true, false},
		{"arabic same event reported independently", arOrig, readText(t, "ar_independent.txt"), false, false, false},
		{"arabic syndicated vs independent", readText(t, "ar_syndicated.txt"), readText(t, "ar_independent.txt"), false, false, false},
		{"translation is not a copy", enOrig, arOrig, false, false, false},
		{"short identical texts", "Explosion in Homs now", "Explosion in Homs now", false, false, false},
		{"one sentence identical", "The local council said on Thursday that it would form a committee.",
			"The local council said on Thursday that it would form a committee.", false, false, false},
		{"short text inside long", "the old military police building on the northern edge of the city", enOrig, false, false, false},
		{"one word", "Homs", enOrig, false, false, false},
		{"empty vs empty", "", "", false, false, false},
		{"empty vs article", "", enOrig, false, false, false},
		{"punctuation only", "— ... !!! ،؛؟", "— ... !!! ،؛؟", false, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sa, sb := Shingle(tt.a), Shingle(tt.b)
			exact := CompareShingles(sa, sb)
			est := Compare(sa.Sign(), sb.Sign())
			band, anchors := shareBand(sa.Sign(), sb.Sign()), sharedAnchors(sa, sb)
			t.Logf("shingles %d/%d exact J=%.3f C=%.3f dup=%v | estimate J=%.3f C=%.3f dup=%v inconclusive=%v | band %v anchors %d",
				sa.Len(), sb.Len(), exact.Jaccard, exact.Containment, exact.Duplicate,
				est.Jaccard, est.Containment, est.Duplicate, est.Inconclusive, band, anchors)
			if exact.Duplicate != tt.dup {
				t.Errorf("CompareShingles: Duplicate = %v, want %v", exact.Duplicate, tt.dup)
			}
			if !exact.Exact || est.Exact {
				t.Errorf("Exact flags: exact %v, estimate %v", exact.Exact, est.Exact)
			}
			if est.Inconclusive != tt.inconclusive {
				t.Errorf("Compare: Inconclusive = %v, want %v", est.Inconclusive, tt.inconclusive)
			}
			if !tt.inconclusive && est.Duplicate != tt.dup {
				t.Errorf("Compare: Duplicate = %v, want %v", est.Duplicate, tt.dup)
			}
			if tt.inconclusive && est.Duplicate {
				t.Errorf("Compare: Duplicate and Inconclusive")
			}
			found := band || anchors >= MinSharedAnchors
			if tt.candidate && !found {
				t.Errorf("no shared band key and %d shared anchors: the index would not find this pair", anchors)
			} else if !tt.dup && found {
				t.Errorf("the index finds a non-duplicate pair (band %v, %d anchors)", band, anchors)
			}
			// Symmetry.
			if r := CompareShingles(sb, sa); r != exact {
				t.Errorf("CompareShingles not symmetric: %+v vs %+v", r, exact)
			}
			if r := Compare(sb.Sign(), sa.Sign()); r != est {
				t.Errorf("Compare not symmetric: %+v vs %+v", r, est)
			}
		})
	}
}
