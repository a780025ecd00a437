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
		checkStatus(t, extract.Extract(tt.text, pub, "ar"), tt.text, tt.person, tt.want)
	}
}

// checkStatus checks that r, extracted from text, names person with the
// status want.
func checkStatus(t *testing.T, r extract.Result, text, person, want string) {
	t.Helper()
	found := false
	for _, p := range r.Persons {
		if p.Name != person {
			continue
		}
		found = true
		if p.Status != want {
			t.Errorf("%s: %s has status %q, want %q (%s)", text, person, p.Status, want, describe(r))
		}
	}
	if !found {
		t.Errorf("%s: no person %s (%s)", text, person, describe(r))
	}
}

// Arabic constructions of this round, each with its event and a person who
// takes part in it (texts written for this test, fictional persons).
var arabicRecall13 = []struct{ text, typ, person string }{
	// a speaker who says it was done to them: testimony, and the torture's victim
	{"وقال أحمد خالد السعيد إنه تعرض للضرب المبرح في سجن صيدنايا.", extract.EventTestimony, "أحمد خالد السعيد"},
	{"وقال أحمد خالد السعيد إنه تعرض للضرب المبرح في سجن صيدنايا.", extract.EventTortureAllegation, "أحمد خالد السعيد"},
	{"وقالت ريم سليم الأحمد لوكالة الأنباء إنها تعرضت للتعذيب في فرع فلسطين عام 2012.", extract.EventTestimony, "ريم سليم الأحمد"},
	// قضى with a name that starts with ب, and the year of the death after it
	{"وقضى باسل خليل العمر تحت التعذيب في سجن صيدنايا عام 2013.", extract.EventDeathInCustody, "باسل خليل العمر"},
}

func TestArabicRecall13(t *testing.T) {
	pub := model.DayDate(2025, 3, 1)
	for _, tt := range arabicRecall13 {
		r := extract.Extract(tt.text, pub, "ar")
		if !hasEvent(r, tt.typ, tt.person) {
			t.Errorf("%s: no %s of %s: %s", tt.text, tt.typ, tt.person, describe(r))
		}
	}
}

// The same words for no such event.
var notArabicRecall13 = []struct{ text, typ string }{
	// a lawyer says others were tortured: his statement, nobody's testimony
	{"وقال المحامي أنور سليم البني إن المعتقلين تعرضوا للتعذيب في سجن صيدنايا.", extract.EventTestimony},
	// قضى of a court's ruling and of time spent, with a name between
	{"وقضت المحكمة بسجنه بتهمة التعذيب في فرع فلسطين.", extract.EventDeathInCustody},
	{"وقضى محمد علي الحسن ثلاث سنوات تحت التعذيب في فرع فلسطين.", extract.EventDeathInCustody},
}

func TestNotArabicRecall13(t *testing.T) {
	pub := model.DayDate(2025, 3, 1)
	for _, tt := range notArabicRecall13 {
		r := extract.Extract(tt.text, pub, "ar")
		for _, ev := range r.Events {
			if ev.Type == tt.typ {
				t.Errorf("%s: a %s: %s", tt.text, tt.typ, describe(r))
			}
		}
	}
}

// An abduction by the state's forces is an arrest; by an armed group it is
// none (the annotations' convention).
func TestAbductedByForces(t *testing.T) {
	pub := model.DayDate(2025, 3, 1)
	if r := extract.Extract("Rafiq Nasser was abducted by regime forces in 2012.", pub, "en"); !hasEvent(r, extract.EventArrest, "Rafiq Nasser") {
		t.Errorf("abducted by regime forces: no arrest: %s", describe(r))
	}
	for _, text := range []string{
		"Rafiq Nasser was abducted by an armed group near Douma in 2013.",
		"Rafiq Nasser was abducted by fighters of the group in Raqqa in 2014.",
	} {
		for _, ev := range extract.Extract(text, pub, "en").Events {
			if ev.Type == extract.EventArrest {
				t.Errorf("%s: an arrest", text)
			}
		}
	}
}
