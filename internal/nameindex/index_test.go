package nameindex

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/athar-project/athar/internal/names"
)

func testIndex() *Index {
	x := New()
	for _, r := range []struct{ id, name string }{
		{"ous", "Ous Salloum"},
		{"ous", "أوس سلوم"},
		{"ous", "Azrael of Sednaya"},
		{"akram", "Akram Salloum al-Abdullah"},
		{"farouk", "Farouk al-Sharaa"},
		{"ahmad", "Ahmad al-Sharaa"},
		{"ahmad", "Abu Mohammad al-Jolani"},
		{"mazen", "Mazen al-Hamada"},
		{"hafez", "Hafez Makhlouf"},
		{"thaer", "Col. Thaer Hussein"},
		{"m1", "Mohammed Ali Hamsho"},
		{"m2", "Mohammed Ali Hamsho"},
		{"bashar", "Bashar al-Assad"},
		{"maher", "Maher al-Assad"},
		{"omar", "Abu Omar"},
	} {
		x.Add(r.id, r.name)
	}
	return x
}

func TestSearch(t *testing.T) {
	x := testIndex()
	tests := []struct {
		query string
		top   string // expected first candidate, "" for none
		link  bool   // the first is linked
	}{
		{"Aws Sallum", "ous", true},
		{"Aous Saloum", "ous", true},
		{"أوس سلوم", "ous", true},
		{"Hafiz MAKHLUF", "hafez", true},
		{"ثائر حسين", "thaer", true},
		{"مازن حمادة", "mazen", true},
		{"Mazen Hamada", "mazen", true},
		{"Ahmad al-Sharaa", "ahmad", true},
		{"Farouk al-Sharaa", "farouk", true},
		{"Akram Salloum", "akram", true},
		{"Sharaa", "", false},
		{"Mohammed", "", false},
		{"Abu Omar", "omar", false},
		{"Azrael of Sednaya", "ous", false},
		{"Mohammed Ali Hamsho", "", false}, // two entities bear it
		{"Rami Makhlouf", "", false},
		{"Ibrahim Salloum", "", false},
	}
	for _, tt := range tests {
		cs := x.Search(tt.query, 10)
		seen := map[string]bool{}
		links := 0
		for _, c := range cs {
			if seen[c.EntityID] {
				t.Errorf("Search(%q): entity %s twice", tt.query, c.EntityID)
			}
			seen[c.EntityID] = true
			if c.Link {
				links++
			}
			if c.Score < 0 || c.Score > 1 {
				t.Errorf("Search(%q): score %v", tt.query, c.Score)
			}
		}
		if links > 1 {
			t.Errorf("Search(%q): %d links", tt.query, links)
		}
		if tt.top != "" && (len(cs) == 0 || cs[0].EntityID != tt.top) {
			t.Errorf("Search(%q) = %s, want %s first", tt.query, describe(cs), tt.top)
			continue
		}
		gotLink := len(cs) > 0 && cs[0].Link
		if gotLink != tt.link {
			t.Errorf("Search(%q) = %s, want link %v", tt.query, describe(cs), tt.link)
		}
	}
}

func describe(cs []Candidate) string {
	var s []string
	for _, c := range cs {
		s = append(s, fmt.Sprintf("%s %.3f %v", c.EntityID, c.Score, c.Link))
	}
	return "[" + strings.Join(s, "; ") + "]"
}

func TestRemoveReplace(t *testing.T) {
	x := testIndex()
	x.Remove("ous")
	for _, c := range x.Search("Ous Salloum", 10) {
		if c.EntityID == "ous" {
			t.Fatalf("removed entity found: %s", describe(x.Search("Ous Salloum", 10)))
		}
	}
	x.Replace("ous", []string{"Aws Sallum"})
	cs := x.Search("أوس سلوم", 10)
	if len(cs) == 0 || cs[0].EntityID != "ous" || !cs[0].Link {
		t.Fatalf("after Replace: %s", describe(cs))
	}
	x.Replace("ous", nil)
	if n := x.Len(); n != 11 {
		t.Errorf("Len = %d, want 11", n)
	}
}

func TestSearchLimits(t *testing.T) {
	x := testIndex()
	if cs := x.Search("Salloum", 1); len(cs) > 1 {
		t.Errorf("k=1 gave %d", len(cs))
	}
	if cs := x.Search("Salloum", 0); cs != nil {
		t.Errorf("k=0 gave %v", cs)
	}
	if cs := x.Search("", 10); cs != nil {
		t.Errorf("empty query gave %v", cs)
	}
	if cs := New().Search("Ous", 10); cs != nil {
		t.Errorf("empty index gave %v", cs)
	}
	for _, q := range []string{"习近平", "Кирсан", "👤", "\xff"} {
		_ = x.Search(q, 10)
	}
}

func TestConcurrent(t *testing.T) {
	x := testIndex()
	var wg sync.WaitGroup
	for r := 0; r < 4; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				x.Search("Aws Sallum", 10)
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < 200; i++ {
			x.Replace(fmt.Sprintf("e%d", i%7), []string{fmt.Sprintf("Person%d Salloum", i)})
		}
	}()
	wg.Wait()
}

func TestEvaluate(t *testing.T) {
	x := testIndex()
	rep := Evaluate(x, []QueryRow{
		{Query: "Aws Sallum", Expected: "ous"},
		{Query: "Mohammed"},
		{Query: "Hafiz Makhluf", Expected: "hafez"},
		{Query: "Rami Makhlouf"},
	}, 10, nil)
	if rep.RecallAt1 != 1 || rep.RecallAt10 != 1 || rep.CorrectLink != 1 || rep.FalseLink != 0 {
		t.Errorf("report %+v", rep)
	}
}

// TestTypedCandidates: an index of places or organizations compares names
// as such names are, so a person's name never finds a place on two
// letters, and spelling variants of a place are one place.
func TestTypedCandidates(t *testing.T) {
	places := NewKind(names.KindPlace)
	places.Add("us", "US")
	places.Add("qabu", "Al-Qabu")
	places.Add("homs", "Homs")
	places.Add("sednaya", "Sednaya")
	for _, c := range places.Search("أوس سلوم", 10) {
		if c.Score >= 0.5 {
			t.Errorf("a person's name found the place %s at %.3f: %q", c.Name, c.Score, c.Reasons)
		}
	}
	for _, q := range []string{"Al-Qabo", "القبو", "Qabu"} {
		cs := places.Search(q, 10)
		if len(cs) == 0 || cs[0].EntityID != "qabu" || cs[0].Score < 0.8 {
			t.Errorf("%q: %+v, want Al-Qabu first", q, cs)
		}
	}
	orgs := NewKind(names.KindOrganization)
	orgs.Add("smi", "Syrian Military Intelligence")
	orgs.Add("court", "Military Field Court")
	orgs.Add("ctc", "Counter-Terrorism Court")
	if cs := orgs.Search("SMI", 10); len(cs) == 0 || cs[0].EntityID != "smi" {
		t.Errorf("an acronym: %+v", cs)
	}
	cs := orgs.Search("Counter-Terrorism Court", 10)
	if len(cs) == 0 || cs[0].EntityID != "ctc" {
		t.Fatalf("the court: %+v", cs)
	}
	for _, c := range cs[1:] {
		if c.Score >= 0.5 {
			t.Errorf("another court on the generic word: %s %.3f", c.Name, c.Score)
		}
	}
}
