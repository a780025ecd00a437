package web

import (
	"testing"

	"github.com/athar-project/athar/internal/model"
)

func ev(typ, role string, d model.Date, mod model.Modality) eventView {
	return eventView{Type: typ, Role: role, Date: d, statements: []model.Statement{{Modality: mod}}, Alleged: mod == model.Alleged, Denied: mod == model.Denied}
}

func TestDeriveCase(t *testing.T) {
	day := model.DayDate
	tests := []struct {
		name    string
		evs     []eventView
		want    string
		alleged bool // the furthest step rests on allegations only
	}{
		{"nothing", nil, "", false},
		{"wanted", []eventView{ev("wanted", "subject", day(2024, 1, 1), model.Asserted)}, "wanted", false},
		{"arrested after wanted", []eventView{ev("wanted", "subject", day(2024, 1, 1), model.Asserted), ev("arrest", "subject", day(2025, 1, 2), model.Asserted)}, "arrested", false},
		{"referred", []eventView{ev("arrest", "subject", day(2025, 1, 2), model.Asserted), ev("referral_to_judiciary", "subject", day(2025, 2, 1), model.Asserted)}, "referred", false},
		{"charged then tried", []eventView{ev("charge", "", model.Date{}, model.Asserted), ev("trial", "", day(2025, 6, 1), model.Asserted)}, "tried", false},
		{"convicted", []eventView{ev("trial", "subject", day(2025, 6, 1), model.Asserted), ev("conviction", "subject", day(2025, 7, 1), model.Asserted)}, "convicted", false},
		{"acquitted on appeal", []eventView{ev("conviction", "subject", day(2025, 7, 1), model.Asserted), ev("acquittal", "subject", day(2026, 1, 1), model.Asserted)}, "acquitted", false},
		{"a victim's arrest is not their case", []eventView{ev("arrest", "victim", day(2013, 1, 1), model.Asserted)}, "", false},
		{"a denied arrest does not count", []eventView{ev("arrest", "subject", day(2025, 1, 2), model.Denied)}, "", false},
		{"an alleged arrest counts, labelled", []eventView{ev("arrest", "subject", day(2025, 1, 2), model.Alleged)}, "arrested", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := deriveCase(tt.evs)
			if got.Status != tt.want {
				t.Fatalf("status %q, want %q", got.Status, tt.want)
			}
			if got.Status == "" {
				return
			}
			furthest := -1
			for i, st := range got.Steps {
				if st.Reached {
					furthest = i
				}
			}
			if got.Steps[furthest].Alleged != tt.alleged {
				t.Errorf("alleged %v, want %v", got.Steps[furthest].Alleged, tt.alleged)
			}
		})
	}
}

func TestDeriveFate(t *testing.T) {
	day := model.DayDate
	month := func(y, m int) model.Date { return model.Date{Year: y, Month: m, Precision: model.PrecisionMonth} }
	tests := []struct {
		name string
		evs  []eventView
		want string
	}{
		{"nothing", nil, ""},
		{"detained", []eventView{ev("arrest", "victim", day(2013, 3, 1), model.Asserted)}, "detained"},
		{"disappeared after arrest", []eventView{ev("arrest", "victim", day(2013, 3, 1), model.Asserted), ev("disappearance", "victim", month(2013, 5), model.Asserted)}, "disappeared"},
		{"released later", []eventView{ev("detention", "victim", day(2013, 3, 1), model.Asserted), ev("release", "victim", day(2016, 1, 1), model.Asserted)}, "released"},
		{"death in custody is final", []eventView{ev("death_in_custody", "subject", model.Date{}, model.Asserted), ev("release", "victim", day(2016, 1, 1), model.Asserted)}, "died_in_custody"},
		{"a perpetrator's events are not a fate", []eventView{ev("death_in_custody", "perpetrator", day(2014, 1, 1), model.Alleged)}, ""},
		{"a denied release is not a fate", []eventView{ev("arrest", "victim", day(2013, 3, 1), model.Asserted), ev("release", "victim", day(2016, 1, 1), model.Denied)}, "detained"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := deriveFate(tt.evs).Fate; got != tt.want {
				t.Errorf("fate %q, want %q", got, tt.want)
			}
		})
	}
}
