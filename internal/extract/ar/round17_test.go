package ar

import "testing"

// TestRound17StatementSeat holds issue 13's round 17 (extractor version 20)
// on a statement's place: the seat of a body its sentence names — the
// speaker's ("مدير الأمن الجنائي في محافظة حماة"), a body in what is said
// ("أن فرع مكافحة الإرهاب في حمص نفذ"), a court's city — and no other
// place the statement speaks of. Sentences written for this test, persons
// invented.
func TestRound17StatementSeat(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string
	}{
		{"the speaker's seat",
			"وأعلن مدير الأمن الجنائي في محافظة حماة، العقيد سامر نديم الحلبي، أن التحقيقات مستمرة.",
			[]string{"statement|سامر نديم الحلبي|حماة|"}},
		{"the seat after ب",
			"وأوضح الضابط مروان بديوي من قيادة الأمن الداخلي بإدلب، أن العملية بدأت بعد ورود معلومات.",
			[]string{"statement|مروان بديوي|إدلب|"}},
		{"a body in what is said",
			"وذكرت الوزارة في بيان أن فرع مكافحة الإرهاب في حمص نفذ عملية أمنية دقيقة انتهت بتوقيف سامر نديم الحلبي.",
			[]string{"statement|سامر نديم الحلبي|حمص|"}},
		{"a prosecutor in a country",
			"وقال الادعاء العام في بلجيكا إن الشرطة اعتقلت سامر نديم الحلبي للاشتباه في ارتكابه جرائم حرب.",
			[]string{"statement|سامر نديم الحلبي|بلجيكا|"}},
		{"a place the statement speaks of is not its place",
			"وقال سامر نديم الحلبي إن المعتقلين نقلوا إلى مدينة حمص.",
			[]string{"statement|سامر نديم الحلبي||"}},
	}
	for _, c := range cases {
		checkEvents(t, c.name, c.text, c.want, "statement")
	}
}
