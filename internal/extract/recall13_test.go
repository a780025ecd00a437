package extract_test

import (
	"testing"

	"github.com/athar-project/athar/internal/extract"
	"github.com/athar-project/athar/internal/model"
)

// The Arabic extractor gives a person the status the events they take part
// in say, as the English one does. Every text was written for this test
// (fictional persons).
func TestArabicStatusFromEvents(t *testing.T) {
	pub := model.DayDate(2025, 3, 1)
	tests := []struct{ text, person, want string }{
		{"وأعلنت وزارة الداخلية القبض على العقيد سامر خليل يوسف في ريف حمص.", "سامر خليل يوسف", extract.StatusArrested},
		{"وقضت المحكمة بالسجن المؤبد على المقدم فراس ناصر عيسى بتهمة تعذيب معتقلين.", "فراس ناصر عيسى", extract.StatusConvicted},
		{"وتوفي المعتقل ماهر سعيد الحلبي تحت التعذيب في سجن صيدنايا عام 2014.", "ماهر سعيد الحلبي", extract.StatusDeceased},
		{"وروى المعتقل السابق بشير عادل النجار أن السجانين ضربوه كل صباح في فرع فلسطين.", "بشير عادل النجار", extract.StatusWitness},
		// a denied arrest says nothing of the person
		{"ونفت وزارة الداخلية اعتقال العميد رامي وليد حسون.", "رامي وليد حسون", ""},
	}
	for _, tt := range tests {
		r := extract.Extract(tt.text, pub, "ar")
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
