package extract_test

import (
	"testing"

	"github.com/athar-project/athar/internal/extract"
	_ "github.com/athar-project/athar/internal/extract/ar"
	_ "github.com/athar-project/athar/internal/extract/en"
	"github.com/athar-project/athar/internal/model"
)

// A detainee's arrest carries the victim role and leaves the detainee's
// status a victim's (texts written for this test, both languages); a
// suspect's arrest stays a suspect's.
func TestVictimArrests(t *testing.T) {
	pub := model.DayDate(2025, 3, 1)
	tests := []struct {
		name, lang, text, person string
		wantRole, wantStatus     string
	}{
		{"died in custody", "en",
			"Karim Haddad, a pharmacist from Hama, was arrested at a checkpoint in 2012. His family says he died in Sednaya Prison in 2014.",
			"Karim Haddad", extract.RoleVictim, extract.StatusDeceased},
		{"survivor who testifies", "en",
			"Walid Nasser was arrested in Homs in 2013 and held for two years. \"They beat us every night,\" Nasser told reporters.",
			"Walid Nasser", extract.RoleVictim, ""},
		{"suspect", "en",
			"Police arrested Fares Jaber, a former guard accused of torturing detainees, in Jableh on Monday.",
			"Fares Jaber", extract.RoleSubject, extract.StatusArrested},
		{"suspect tortured in turn stays a suspect", "en",
			"Fares Jaber, a former guard, was arrested in Jableh in January. He was referred to the judiciary in February. His lawyer said he had been beaten in custody.",
			"Fares Jaber", extract.RoleSubject, extract.StatusArrested},
		{"a survivor who fled abroad", "en",
			"Rami Saad was arrested at a checkpoint in 2012. After his release he fled to Germany. Rami Saad died in Sednaya Prison in 2020, his family said.",
			"Rami Saad", extract.RoleVictim, extract.StatusDeceased},
		{"died in custody", "ar",
			"اعتُقل الطالب كريم حداد عند حاجز في حماة عام 2012. وتوفي كريم حداد في سجن صيدنايا عام 2014 بحسب عائلته.",
			"كريم حداد", extract.RoleVictim, ""}, // the Arabic extractor sets no status from events
		{"suspect", "ar",
			"ألقت قوى الأمن الداخلي القبض على العنصر السابق فارس جابر في جبلة يوم الاثنين، بتهمة تعذيب معتقلين.",
			"فارس جابر", extract.RoleSubject, ""},
	}
	for _, tt := range tests {
		t.Run(tt.lang+" "+tt.name, func(t *testing.T) {
			r := extract.Extract(tt.text, pub, tt.lang)
			found := false
			for _, ev := range r.Events {
				if ev.Type != extract.EventArrest && ev.Type != extract.EventDetention {
					continue
				}
				for _, w := range ev.Who {
					if w.Name == tt.person {
						found = true
						if w.Role != tt.wantRole {
							t.Errorf("%s in %s: role %q, want %q", w.Name, ev.Type, w.Role, tt.wantRole)
						}
					}
				}
			}
			if !found {
				t.Fatalf("no arrest of %s: %+v", tt.person, r.Events)
			}
			for _, p := range r.Persons {
				if p.Name == tt.person && tt.wantStatus != "" && p.Status != tt.wantStatus {
					t.Errorf("%s: status %q, want %q", p.Name, p.Status, tt.wantStatus)
				}
				if p.Name == tt.person && tt.wantRole == extract.RoleVictim && p.Status == extract.StatusArrested {
					t.Errorf("%s: a detainee's status is %q", p.Name, p.Status)
				}
			}
		})
	}
}
