package casefile

import (
	"testing"

	"github.com/athar-project/athar/internal/model"
)

// TestDisagree: two spellings of one village, or two values linked to one
// place, are not a disagreement; two places, or two dates, are.
func TestDisagree(t *testing.T) {
	claim := func(v string) Claim { return Claim{Value: v} }
	linked := func(v, id string) Claim { return Claim{Value: v, Ref: &Ref{ID: id}} }
	tests := []struct {
		name string
		prop model.Property
		cs   []Claim
		want bool
	}{
		{"one value", model.PropBirthPlace, []Claim{claim("Al-Qabu")}, false},
		{"two spellings of a village", model.PropBirthPlace, []Claim{claim("Al-Qabu"), claim("Al-Qabo")}, false},
		{"Latin and Arabic script", model.PropBirthPlace, []Claim{claim("Al-Qabu"), claim("القبو")}, false},
		{"two places", model.PropBirthPlace, []Claim{claim("Al-Qabu"), claim("Jableh")}, true},
		{"a third place", model.PropBirthPlace, []Claim{claim("Al-Qabu"), claim("Al-Qabo"), claim("Homs")}, true},
		{"linked to one place", model.PropBirthPlace, []Claim{linked("Qabu village", "p1"), linked("Al Qabo", "p1")}, false},
		{"linked to two places", model.PropBirthPlace, []Claim{linked("Al-Qabu", "p1"), linked("Al-Qabo", "p2")}, true},
		{"two dates", model.PropBirthDate, []Claim{claim("1970"), claim("1971")}, true},
	}
	for _, tt := range tests {
		if got := disagree(tt.prop, tt.cs); got != tt.want {
			t.Errorf("%s: disagree = %v, want %v", tt.name, got, tt.want)
		}
	}
}
