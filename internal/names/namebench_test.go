package names

import (
	"bufio"
	"crypto/md5"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// rocAUC is the chance that a random positive scores above a random
// negative (ties count half).
func rocAUC(scores []float64, labels []bool) float64 {
	var pos, neg []float64
	for i, s := range scores {
		if labels[i] {
			pos = append(pos, s)
		} else {
			neg = append(neg, s)
		}
	}
	if len(pos) == 0 || len(neg) == 0 {
		return 0
	}
	sort.Float64s(neg)
	var t float64
	for _, p := range pos {
		lo := sort.SearchFloat64s(neg, p)
		hi := sort.Search(len(neg), func(i int) bool { return neg[i] > p })
		t += float64(lo) + 0.5*float64(hi-lo)
	}
	return t / float64(len(pos)*len(neg))
}

func TestRocAUC(t *testing.T) {
	if a := rocAUC([]float64{0.9, 0.8, 0.1, 0.2}, []bool{true, true, false, false}); a != 1 {
		t.Errorf("perfect: %v", a)
	}
	if a := rocAUC([]float64{0.1, 0.2, 0.9, 0.8}, []bool{true, true, false, false}); a != 0 {
		t.Errorf("reversed: %v", a)
	}
	if a := rocAUC([]float64{0.5, 0.5}, []bool{true, false}); a != 0.5 {
		t.Errorf("tie: %v", a)
	}
}

// TestNameBench ranks OpenSanctions' labelled Latin/Arabic person pairs
// (testdata/PROVENANCE.md) and holds Athar above the reference matcher's
// frozen scores on the same pairs, and above what it measured when written,
// on all of them and on each half of the cut docs/benchmarks-names.md tunes
// and checks on (the first byte of md5 of "name1|name2", even or odd).
func TestNameBench(t *testing.T) {
	f, err := os.Open("testdata/name_bench_latin_arabic_persons.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var athar, peer []float64
	var labels []bool
	var half [2]struct {
		athar, peer []float64
		labels      []bool
	}
	falseLinks := 0
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		if strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		p := strings.Split(sc.Text(), "\t")
		if len(p) < 4 {
			t.Fatalf("line %d: %d fields", line, len(p))
		}
		ps, err := strconv.ParseFloat(p[3], 64)
		if err != nil {
			t.Fatalf("line %d: %v", line, err)
		}
		r := CompareStrings(p[0], p[1])
		athar = append(athar, r.Score)
		peer = append(peer, ps)
		labels = append(labels, p[2] == "true")
		h := &half[md5.Sum([]byte(p[0] + "|" + p[1]))[0]%2]
		h.athar = append(h.athar, r.Score)
		h.peer = append(h.peer, ps)
		h.labels = append(h.labels, p[2] == "true")
		if r.Match && p[2] != "true" {
			falseLinks++
		}
	}
	a, l := rocAUC(athar, labels), rocAUC(peer, labels)
	t.Logf("%d pairs: ROC AUC Athar %.4f, logic-v2 (frozen) %.4f; Athar links %d negative pairs", len(labels), a, l, falseLinks)
	if a <= l {
		t.Errorf("Athar's AUC %.4f is not above logic-v2's %.4f", a, l)
	}
	if a < 0.915 {
		t.Errorf("Athar's AUC %.4f fell below 0.915, what it measured when this test was written", a)
	}
	for k, name := range []string{"A (even)", "B (odd)"} {
		ha := rocAUC(half[k].athar, half[k].labels)
		t.Logf("half %s, %d pairs: ROC AUC Athar %.4f, logic-v2 (frozen) %.4f", name, len(half[k].labels), ha, rocAUC(half[k].peer, half[k].labels))
		if ha < 0.91 {
			t.Errorf("half %s: Athar's AUC %.4f fell below 0.91, what it measured when this test was written", name, ha)
		}
	}
	if falseLinks > 3 {
		t.Errorf("Athar links %d negative pairs, 3 when this test was written", falseLinks)
	}
}
