package names

import "testing"

func TestCompareKind(t *testing.T) {
	tests := []struct {
		kind       Kind
		a, b       string
		alike      bool // scores 0.8 or more
		notClose   bool // scores under 0.5
		wantCovers bool
	}{
		{KindPlace, "Al-Qabu", "Al-Qabo", true, false, true},
		{KindPlace, "القبو", "Al-Qabu", true, false, true},
		{KindPlace, "Sednaya", "صيدنايا", true, false, true},
		{KindPlace, "US", "أوس سلوم", false, true, false},
		{KindPlace, "US", "أوس", false, true, false},
		{KindPlace, "Homs", "Hama", false, true, false},
		{KindPlace, "Damascus countryside", "Damascus", true, false, true},
		{KindOrganization, "SMI", "Syrian Military Intelligence", true, false, true},
		{KindOrganization, "Air Force Intelligence", "AFI", true, false, true},
		{KindOrganization, "Military Field Court", "Counter-Terrorism Court", false, true, false},
		{KindOrganization, "Ministry of Interior", "Ministry of Defence", false, true, false},
		{KindOrganization, "the court", "the court", false, true, false},
		{KindFacility, "Branch 215", "Branch 227", false, true, false},
		{KindFacility, "Branch 215", "فرع 215", true, false, true},
		{KindFacility, "Sednaya prison", "سجن صيدنايا", true, false, true},
	}
	for _, tt := range tests {
		r := CompareKindStrings(tt.kind, tt.a, tt.b)
		if tt.alike && r.Score < 0.8 {
			t.Errorf("CompareKind(%d, %q, %q) = %.3f, want ≥ 0.8; %q", tt.kind, tt.a, tt.b, r.Score, r.Reasons)
		}
		if tt.notClose && r.Score >= 0.5 {
			t.Errorf("CompareKind(%d, %q, %q) = %.3f, want < 0.5; %q", tt.kind, tt.a, tt.b, r.Score, r.Reasons)
		}
		if r.Covers != tt.wantCovers {
			t.Errorf("CompareKind(%d, %q, %q) covers = %v; %q", tt.kind, tt.a, tt.b, r.Covers, r.Reasons)
		}
	}
	// a person's name is compared as one
	if r := CompareKindStrings(KindPerson, "Ous Salloum", "أوس سلوم"); !r.Match {
		t.Errorf("persons: %+v", r)
	}
}
