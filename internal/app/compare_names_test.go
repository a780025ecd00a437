package app_test

import (
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
)

// TestCompareNamesByType: organizations, facilities and places are
// compared by rules of their own — no reason about a given, father's,
// grandfather's or family name — and persons by the person matcher.
func TestCompareNamesByType(t *testing.T) {
	roles := []string{"given", "father", "grandfather", "family", "kunya"}
	for _, tt := range []struct {
		typ       model.EntityType
		a, b      string
		roles     bool
		atLeast   float64
		below     float64
		reasonHas string
	}{
		{model.TypeOrganization, "Syrian Observatory for Human Rights", "Syrian Network for Human Rights", false, 0, 0.72, "missing in the other name: Network"},
		{model.TypeOrganization, "SOHR", "Syrian Observatory for Human Rights", false, 0.72, 1.01, "acronym"},
		{model.TypeOrganization, "Military Court", "Military Field Court", false, 0, 0.72, "generic"},
		{model.TypeFacility, "Sednaya Prison", "سجن صيدنايا", false, 0.72, 1.01, "agrees"},
		{model.TypePlace, "Al-Qabu", "Al-Qabo", false, 0.72, 1.01, "agrees: Qabu ~ Qabo"},
		{model.TypePerson, "Ous Salloum", "Aws Saloum", true, 0.72, 1.01, "given agrees"},
	} {
		score, reasons := app.CompareNames(tt.typ, []string{tt.a}, []string{tt.b})
		text := strings.Join(reasons, "; ")
		hasRole := false
		for _, r := range roles {
			if strings.Contains(text, r+" ") {
				hasRole = true
			}
		}
		if hasRole != tt.roles {
			t.Errorf("%s %q / %q: reasons %q (person-name roles: %v, want %v)", tt.typ, tt.a, tt.b, text, hasRole, tt.roles)
		}
		if score < tt.atLeast || score >= tt.below {
			t.Errorf("%s %q / %q: score %.2f, want in [%.2f, %.2f)", tt.typ, tt.a, tt.b, score, tt.atLeast, tt.below)
		}
		if !strings.Contains(text, tt.reasonHas) {
			t.Errorf("%s %q / %q: reasons %q lack %q", tt.typ, tt.a, tt.b, text, tt.reasonHas)
		}
	}
}
