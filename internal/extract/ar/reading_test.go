package ar

import (
	"testing"

	"github.com/athar-project/athar/internal/extract"
	"github.com/athar-project/athar/internal/model"
)

// TestReadingClasses holds issue 13's "reading real sources" round: a class
// of construction each, as Arabic news words it (sentences written for
// this test, fictional persons). want is whoOf's answer, or none.
func TestReadingClasses(t *testing.T) {
	cases := []struct {
		name, text, typ string
		want            string
	}{
		// a body that announces an arrest makes a statement about the arrested
		{"a ministry announces an arrest: the arrest",
			"أعلنت وزارة الداخلية السورية القبض على العميد سامر خليل يوسف في ريف اللاذقية.",
			extract.EventArrest, "سامر خليل يوسف|subject"},
		{"a ministry announces an arrest: its statement",
			"أعلنت وزارة الداخلية السورية القبض على العميد سامر خليل يوسف في ريف اللاذقية.",
			extract.EventStatement, "سامر خليل يوسف|subject"},
		{"a branch announces with عن إلقاء القبض: its statement",
			"أعلن فرع الأمن العام في محافظة حماة عن إلقاء القبض على المساعد أول نادر سليم حداد.",
			extract.EventStatement, "نادر سليم حداد|subject"},
		{"an announcement about nobody named is no statement",
			"أعلنت السلطات الألمانية توقيف مواطن سوري يشتبه بتورطه في تعذيب معتقلين.",
			extract.EventStatement, none},
		// handed over to the prosecution with the name between
		{"handed over to the prosecution, the name between",
			"وتم تسليم المتهم باسل أحمد الشامي إلى النيابة العامة في دمشق.",
			extract.EventReferral, "باسل أحمد الشامي|subject"},
		{"a handed-over weapon is no referral",
			"وتم تسليم الأسلحة إلى مستودع الشرطة في دمشق.",
			extract.EventReferral, none},
		// a body marked by torture
		{"a body found with the marks of torture",
			"وعثر على جثة الناشط هاني سالم درويش في مشرحة مستشفى المجتهد وعليها آثار تعذيب.",
			extract.EventDeathInCustody, "هاني سالم درويش|victim"},
		{"a body in a morgue",
			"وتعرفت العائلة على جثة الشاب طارق نبيل حسني في مشرحة المستشفى العسكري.",
			extract.EventDeathInCustody, "طارق نبيل حسني|victim"},
		// a second arrest years later is a second event
		{"a re-arrest in another year",
			"وكان مجد كمال رحال قد اعتقل عام 2019، ثم أعيد اعتقاله في آذار 2025 في حلب.",
			extract.EventArrest, "مجد كمال رحال|subject;مجد كمال رحال|subject"},
		{"one arrest told twice in one year stays one",
			"اعتقل مجد كمال رحال عام 2019. وجاء اعتقال مجد كمال رحال في آذار 2019 بعد مداهمة منزله.",
			extract.EventArrest, "مجد كمال رحال|subject"},
		// testified before a court; شهد of a city is no testimony
		{"testified before the court",
			"وشهد المعتقل السابق عمر فايز العطار أمام المحكمة بأنه تعرض للضرب في الفرع 215.",
			extract.EventTestimony, "عمر فايز العطار|witness"},
		{"a city that witnessed protests",
			"وشهدت مدينة حمص أمس احتجاجات أمام مبنى المحافظة.",
			extract.EventTestimony, none},
	}
	for _, c := range cases {
		got := whoOf(c.text, c.typ)
		if got == "" {
			got = none
		}
		if got != c.want {
			t.Errorf("%s:\n%s\n%s: got %q, want %q", c.name, c.text, c.typ, got, c.want)
		}
	}
}

// A verdict told first about someone unnamed gives its court's place to the
// verdict the next sentence names a person in (text written for this test).
func TestLeadCourtPlace(t *testing.T) {
	text := "أدانت محكمة الاستئناف في لاهاي، يوم الاثنين، عنصراً سابقاً في ميليشيا موالية للنظام بارتكاب جرائم حرب. " +
		"وأصدرت المحكمة حكماً بإدانة سامر خليل يوسف بالسجن اثني عشر عاماً."
	r := Extract(text, model.DayDate(2025, 3, 6))
	got := "(no conviction)"
	for _, e := range r.Events {
		if e.Type == extract.EventConviction {
			got = ""
			if e.Where != nil {
				got = *e.Where
			}
		}
	}
	if got != "لاهاي" {
		t.Errorf("conviction at %q, want لاهاي", got)
	}
}
