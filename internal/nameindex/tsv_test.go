package nameindex

import (
	"strings"
	"testing"
)

func TestReadIndex(t *testing.T) {
	in := "entity_id\tname\nofac-1\tHafiz MAKHLUF\r\nofac-1\tHafez Makhlouf\textra\nbroken line\n\tno id\nun-2\tأوس سلوم"
	rows, bad, err := ReadIndex(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || rows[0].Name != "Hafiz MAKHLUF" || rows[1].Name != "Hafez Makhlouf" || rows[2].EntityID != "un-2" {
		t.Errorf("rows %+v", rows)
	}
	if len(bad) != 2 || !strings.Contains(bad[0].Error(), "line 4") {
		t.Errorf("bad %v", bad)
	}
}

func TestReadQueries(t *testing.T) {
	rows, err := ReadQueries(strings.NewReader("query\texpected_entity_id\nHafez MAKHLOUF\tofac-1\nAtef NAJIB\t\nlone\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || rows[0].Expected != "ofac-1" || rows[1].Expected != "" || rows[2].Query != "lone" {
		t.Errorf("rows %+v", rows)
	}
}

func TestReadPairs(t *testing.T) {
	rows, err := ReadPairs(strings.NewReader("Ous Salloum\tأوس سلوم\t1\nno tab here\n\nA\tB\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 || rows[0].Err != nil || rows[1].Err == nil || rows[2].Err == nil || rows[3].Name2 != "B" {
		t.Errorf("rows %+v", rows)
	}
}

func FuzzReadTSV(f *testing.F) {
	f.Add("entity_id\tname\nx\tOus Salloum\n")
	f.Add("query\texpected_entity_id\nأوس\tx\n\n")
	f.Add("a\tb\tc\r\n\t\n")
	f.Fuzz(func(t *testing.T, s string) {
		rows, _, err := ReadIndex(strings.NewReader(s))
		if err != nil {
			t.Fatal(err)
		}
		qs, err := ReadQueries(strings.NewReader(s))
		if err != nil {
			t.Fatal(err)
		}
		ps, err := ReadPairs(strings.NewReader(s))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range ps {
			if p.Err == nil && (strings.Contains(p.Name1, "\t") || strings.Contains(p.Name2, "\t")) {
				t.Fatalf("tab inside a name: %+v", p)
			}
		}
		x := New()
		for _, r := range rows {
			x.Add(r.EntityID, r.Name)
		}
		for _, q := range qs {
			cs := x.Search(q.Query, 10)
			links := 0
			seen := map[string]bool{}
			for _, c := range cs {
				if c.Link {
					links++
				}
				if seen[c.EntityID] {
					t.Fatalf("entity twice for %q", q.Query)
				}
				seen[c.EntityID] = true
			}
			if len(cs) > 10 || links > 1 {
				t.Fatalf("Search(%q): %d candidates, %d links", q.Query, len(cs), links)
			}
		}
	})
}
