package gazetteer

import (
	"testing"

	"github.com/athar-project/athar/internal/textfold"
)

func TestDefaultLoads(t *testing.T) {
	g := Default()
	if len(g.Entries) < 5000 {
		t.Fatalf("only %d entries", len(g.Entries))
	}
}

func TestLookup(t *testing.T) {
	g := Default()
	tests := []struct {
		text   string
		wantID string
		typ    Type
	}{
		{"Sednaya Prison", "facility:sednaya_prison", Facility},
		{"Saydnaya Military Prison", "facility:sednaya_prison", Facility},
		{"سجن صيدنايا", "facility:sednaya_prison", Facility},
		{"Human Slaughterhouse", "facility:sednaya_prison", Facility},
		{"Palestine Branch", "facility:palestine_branch_235", Facility},
		{"Branch 235", "facility:palestine_branch_235", Facility},
		{"Interior Ministry", "org:moi", Organization},
		{"Ministry of Interior", "org:moi", Organization},
		{"Deterrence of Aggression", "org:op_deterrence_aggression", Organization},
		{"Homs", "opensyria:sy-homs", Place},
		{"Tartus", "place:tartus_gov", Place},
		{"Al-Qabu", "place:al_qabu_homs", Place},
		{"Qabu", "place:al_qabu_homs", Place},
		{"Wadi al-Dhahab", "place:homs_wadi_al_dhahab", Place},
		{"Syria", "athar:syria", Place},
		{"حمص", "opensyria:sy-homs", Place},
		{"كفر زيتا", "opensyria:sy-hama-mhardeh-kafr-zeita", Place},
		{"كفرزيتا", "opensyria:sy-hama-mhardeh-kafr-zeita", Place}, // the head joined to the name
		{"Kafr Sousa", "ocha:C10011010", Place},
		{"Directorate of Military Operations", "org:military_operations_command", Organization},
	}
	for _, tt := range tests {
		hits := g.Lookup(textfold.Words(tt.text))
		if len(hits) == 0 {
			t.Errorf("%q: no hit", tt.text)
			continue
		}
		if hits[0].Entry.ID != tt.wantID || hits[0].Entry.Type != tt.typ {
			t.Errorf("%q: got %s (%s), want %s", tt.text, hits[0].Entry.ID, hits[0].Entry.Type, tt.wantID)
		}
	}
}

func TestNoFamilyNameFacility(t *testing.T) {
	g := Default()
	for _, h := range g.Lookup(textfold.Words("Al-Khatib")) {
		if h.Entry.Type == Facility {
			t.Errorf("Al-Khatib alone matched facility %s", h.Entry.ID)
		}
	}
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := load(); err != nil {
			b.Fatal(err)
		}
	}
}
