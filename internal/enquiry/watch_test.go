package enquiry

import (
	"fmt"
	"testing"
	"time"

	"github.com/athar-project/athar/internal/names/namegen"
)

// watchCorpus is n open enquiries of generated persons (their names in
// Arabic script, as families write them) and a list of m names, in Latin
// spellings: every tenth an enquiry's person, the rest strangers and
// others.
func watchCorpus(n, m int) (*Watch, []string, map[int]string) {
	g := namegen.New(7, max(n/10, 500))
	ps := make([]namegen.Person, n)
	es := make([]Enquiry, n)
	for i := range ps {
		ps[i] = g.Person()
		es[i] = Enquiry{ID: fmt.Sprintf("e%06d", i), Name: ps[i].Arabic, Status: Open}
	}
	w := NewWatch(es)
	list := make([]string, m)
	want := map[int]string{}
	for i := range list {
		switch {
		case i%10 == 0:
			j := (i * 7919) % n
			list[i], want[i] = g.Variant(ps[j]), es[j].ID
		case i%10 < 5:
			list[i] = g.Stranger()
		default:
			list[i] = g.Person().Latin[0]
		}
	}
	return w, list, want
}

// TestWatchFindsTheEnquiry: a name that is an enquiry's person, spelt
// otherwise, alerts that enquiry.
func TestWatchFindsTheEnquiry(t *testing.T) {
	w, list, want := watchCorpus(2000, 2000)
	found := 0
	for i, id := range want {
		for _, h := range w.Screen(list[i]) {
			if h.EnquiryID == id {
				found++
				break
			}
		}
	}
	t.Logf("%d of %d enquiries' persons alerted", found, len(want))
	if found < len(want)*9/10 {
		t.Errorf("%d of %d enquiries' persons alerted", found, len(want))
	}
	if w.Screen("") != nil || NewWatch(nil).Screen("Aws Salloum") != nil {
		t.Error("an empty name or an empty watch alerts")
	}
}

// BenchmarkScreen screens a list of 100,000 names against 10,000 open
// enquiries, as an imported list is screened when it is stored: one index
// search per name, not a comparison per pair.
func BenchmarkScreen(b *testing.B) {
	w, list, want := watchCorpus(10_000, 100_000)
	b.ResetTimer()
	for range b.N {
		start := time.Now()
		alerts, found := 0, 0
		for i, name := range list {
			hs := w.Screen(name)
			alerts += len(hs)
			if id, ok := want[i]; ok {
				for _, h := range hs {
					if h.EnquiryID == id {
						found++
						break
					}
				}
			}
		}
		b.ReportMetric(time.Since(start).Seconds(), "s/list")
		b.ReportMetric(float64(alerts), "alerts")
		b.ReportMetric(float64(found)/float64(len(want)), "recall")
	}
}
