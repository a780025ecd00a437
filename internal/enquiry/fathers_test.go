package enquiry

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/names"
)

// A father's name that differs inside a three-part name is evidence
// against, not a different person: the watch flags the namesake, lower
// and never likely, with the reason; a true match in either script stays
// as it was; brothers (another given name) and other families stay apart.
func TestFatherConflictInThreePartNames(t *testing.T) {
	const wanted = "Ghiath Suleiman Dalla"
	w := NewNameWatch([]Filed{{ID: "w1", Name: wanted}})
	for _, tc := range []struct {
		name     string
		screened string
		hit      bool
		likely   bool
		differs  bool // the weighed candidate has the father's reason against it
	}{
		{"latin namesake", "Ghiath Ibrahim Dalla", true, false, true},
		{"arabic namesake", "غياث إبراهيم دلة", true, false, true},
		{"arabic namesake, bin", "غياث بن إبراهيم دلة", true, false, true},
		{"the same man in arabic", "غياث سليمان دلة", true, true, false},
		{"the same man, bin", "غياث بن سليمان دلة", true, true, false},
		{"the same man, father left out", "Ghiath Dalla", true, true, false},
		{"a brother", "Bassam Suleiman Dalla", false, false, false},
		{"another family", "Ghiath Ibrahim Haddad", false, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			hits := w.Screen(tc.screened)
			if (len(hits) > 0) != tc.hit {
				t.Fatalf("hits %+v, want a hit: %v", hits, tc.hit)
			}
			if !tc.hit {
				return
			}
			if hits[0].Likely != tc.likely {
				t.Errorf("likely %v, want %v (score %.3f)", hits[0].Likely, tc.likely, hits[0].Score)
			}
			c := WeighWanted(Wanted{Name: wanted}, wanted, Mention{Name: tc.screened})
			differs := false
			for _, r := range c.Reasons {
				differs = differs || r.Code == ReasonFatherDiffers
			}
			if differs != tc.differs || (tc.differs && c.Match) {
				t.Errorf("weighed %.3f match %v, reasons %q", c.Score, c.Match, Texts(c.Reasons))
			}
			if tc.differs && c.Score >= Score(Enquiry{Name: wanted}, Person{Names: []string{"غياث سليمان دلة"}}).Score {
				t.Errorf("the namesake %.3f does not rank below the man himself", c.Score)
			}
		})
	}
}

// On OpenSanctions' labelled Latin/Arabic person pairs (names/testdata),
// no pair scores lower than the names matcher scores it, and no pair the
// matcher does not link becomes confident.
func TestFatherConflictKeepsCrossScriptRecall(t *testing.T) {
	f, err := os.Open("../names/testdata/name_bench_latin_arabic_persons.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	pairs, raised, raisedTrue := 0, 0, 0
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		p := strings.Split(sc.Text(), "\t")
		if len(p) < 3 {
			continue
		}
		a, b := names.Parse(p[0]), names.Parse(p[1])
		base := names.Assess(a, b)
		got, fc := assess(a, b)
		pairs++
		if got.Score < base.Score {
			t.Errorf("%s | %s: %.3f, below the matcher's %.3f", p[0], p[1], got.Score, base.Score)
		}
		if got.Match && !base.Match {
			t.Errorf("%s | %s: confident where the matcher does not link", p[0], p[1])
		}
		if fc != nil {
			raised++
			if p[2] == "true" {
				raisedTrue++
			}
		}
	}
	if pairs < 100 {
		t.Fatalf("read %d pairs", pairs)
	}
	t.Logf("%d pairs, %d read as namesakes whose fathers differ (%d of them labelled the same person)", pairs, raised, raisedTrue)
}
