package extract_test

import (
	"testing"

	"github.com/athar-project/athar/internal/extract"
	"github.com/athar-project/athar/internal/model"
)

// Round 6 of issue 13. Every text was written for these tests (fictional
// persons, places the project's gazetteer knows).

// A survivor who gives an account is a witness (the annotations'
// convention, and the Arabic extractor's order), not only a victim; a
// person the account names is not made a witness by it.
func TestEnglishStatusFromEvents(t *testing.T) {
	pub := model.DayDate(2025, 3, 1)
	tests := []struct{ text, person, want string }{
		// the survivor testifies: witness, though he was also tortured
		{"Former detainee Karim Haddad told reporters that guards tortured him for weeks at Sednaya prison.", "Karim Haddad", extract.StatusWitness},
		{"Syrian survivor Rana Kassab testified on Monday before a court in Koblenz, describing beatings at Branch 251.", "Rana Kassab", extract.StatusWitness},
		// the guards an account names are neither witnesses nor victims
		{"Former detainee Karim Haddad told the court that two guards, Fadi Nasser and Ziad Omran, beat prisoners every night at Sednaya prison.", "Fadi Nasser", ""},
	}
	for _, tt := range tests {
		r := extract.Extract(tt.text, pub, "en")
		found := false
		for _, p := range r.Persons {
			if p.Name != tt.person {
				continue
			}
			found = true
			if p.Status != tt.want {
				t.Errorf("%s: %s has status %q, want %q (%s)", tt.text, tt.person, p.Status, tt.want, describe(r))
			}
		}
		if !found {
			t.Errorf("%s: no person %s (%s)", tt.text, tt.person, describe(r))
		}
	}
}
