package ar

import (
	"testing"

	"github.com/athar-project/athar/internal/extract"
)

// Round 8 (issue 13): a paraphrase matrix of general constructions, each
// event type said the ways Arabic newsrooms say it, with the negative row of
// each (negation, future, condition, demand, penalty, whoever). Every
// sentence was written for this test (fictional persons); none is taken from
// an article.
func TestRound8(t *testing.T) {
	cases := []struct {
		name, text, typ string
		want            string // whoOf's answer; none: no event of typ at all
	}{
		// arrest: active, passive, masdar, idiom; with proclitics and variants
		{"arrest, active with a body",
			"اعتقلت قوات الأمن العقيد سامر خليل العلي في مدينة حمص يوم 3 آذار 2025.",
			extract.EventArrest, "سامر خليل العلي|subject"},
		{"arrest, passive with its vowels",
			"اعتُقل العقيد سامر خليل العلي في حمص عام 2012.",
			extract.EventArrest, "سامر خليل العلي|subject"},
		{"arrest, passive of أوقف with و",
			"وأُوقف المساعد سامر خليل العلي في مطار دمشق.",
			extract.EventArrest, "سامر خليل العلي|subject"},
		{"arrest, ألقي القبض على",
			"ألقي القبض على المساعد سامر خليل العلي في ريف اللاذقية.",
			extract.EventArrest, "سامر خليل العلي|subject"},
		{"arrest announced by a ministry",
			"أعلنت وزارة الداخلية اعتقال المساعد سامر خليل العلي.",
			extract.EventArrest, "سامر خليل العلي|subject"},
		{"arrest, masdar as subject",
			"واعتقال فادي نزار الحسن جرى في حمص عام 2012.",
			extract.EventArrest, "فادي نزار الحسن|subject"},
		{"arrest, pluperfect with a kinsman",
			"وكان الأمن العسكري قد اعتقل شقيقه فادي نزار الحسن عام 2013.",
			extract.EventArrest, "فادي نزار الحسن|subject"},
		{"arrest, تم توقيف",
			"وتم توقيف العميد سامر خليل العلي في طرطوس.",
			extract.EventArrest, "سامر خليل العلي|subject"},
		{"arrest, held in a prison",
			"احتُجز فادي نزار الحسن في سجن صيدنايا لمدة ثلاث سنوات.",
			extract.EventArrest, "فادي نزار الحسن|subject"},
		{"arrest, ة written ه and tatweel",
			"وتم توقيـف العميد سامر خليل العلي في مدينه طرطوس.",
			extract.EventArrest, "سامر خليل العلي|subject"},
		// arrest: the negative row
		{"arrest negated",
			"لم تعتقل السلطات العقيد سامر خليل العلي حتى الآن.",
			extract.EventArrest, none},
		{"arrest in a condition (إذا)",
			"إذا اعتُقل العقيد سامر خليل العلي فسيحاكم في دمشق.",
			extract.EventArrest, none},
		{"arrest in a condition (لو)",
			"لو اعتقلت السلطات سامر خليل العلي لحوكم على جرائمه.",
			extract.EventArrest, none},
		{"trial in a condition's answer",
			"لو اعتقلت السلطات سامر خليل العلي لحوكم على جرائمه.",
			extract.EventTrial, none},
		{"arrest in a condition (في حال)",
			"في حال توقيف سامر خليل العلي سيُحال إلى القضاء.",
			extract.EventArrest, none},
		{"referral in a condition's answer",
			"في حال توقيف سامر خليل العلي سيُحال إلى القضاء.",
			extract.EventReferral, none},
		{"arrest asked for",
			"وتطالب المنظمات باعتقال سامر خليل العلي.",
			extract.EventArrest, none},
		{"a step of justice sought",
			"وتسعى المحكمة إلى إدانة سامر خليل العلي.",
			extract.EventConviction, none},
		{"a trial in the future (سوف)",
			"سوف يُحاكم سامر خليل العلي أمام محكمة الجنايات.",
			extract.EventTrial, none},
		{"a time before an arrest is no demand",
			"وكان فادي نزار الحسن يعمل مدرساً قبل اعتقاله في حمص عام 2012.",
			extract.EventArrest, "فادي نزار الحسن|subject"},
		// whoever did harm: no event
		{"whoever tortured, promised arrest",
			"ستعتقل السلطات كل من تورط في التعذيب.",
			extract.EventTortureAllegation, none},
		{"whoever tortured and killed, promised accounting",
			"وتعهد الوزير بمحاسبة كل من تورط في تعذيب المعتقلين وقتلهم.",
			extract.EventExecutionAllegation, none},
		// torture
		{"torture undergone",
			"تعرض فادي نزار الحسن للتعذيب في فرع فلسطين.",
			extract.EventTortureAllegation, "فادي نزار الحسن|victim"},
		{"torture, accused of",
			"ويُتهم العقيد سامر خليل العلي بتعذيب المعتقلين في فرع فلسطين.",
			extract.EventTortureAllegation, "سامر خليل العلي|perpetrator"},
		{"torture denied by a negated verb of undergoing",
			"لم يتعرض فادي نزار الحسن للتعذيب خلال احتجازه.",
			extract.EventTortureAllegation, none},
		{"a death the family did not know of is still a death",
			"وقال سامر ناصر إن شقيقه فادي نزار الحسن توفي تحت التعذيب في الفرع، ولم تعلم العائلة بوفاته إلا بعد عامين.",
			extract.EventDeathInCustody, "فادي نزار الحسن|victim"},
		// death in custody
		{"death, قضى تحت التعذيب",
			"قضى فادي نزار الحسن تحت التعذيب في سجن صيدنايا عام 2014.",
			extract.EventDeathInCustody, "فادي نزار الحسن|victim"},
		{"death, توفي المعتقل",
			"توفي المعتقل فادي نزار الحسن تحت التعذيب في فرع فلسطين.",
			extract.EventDeathInCustody, "فادي نزار الحسن|victim"},
		{"death, استشهد",
			"استشهد فادي نزار الحسن تحت التعذيب في سجن صيدنايا.",
			extract.EventDeathInCustody, "فادي نزار الحسن|victim"},
		{"death, masdar مقتل",
			"ومقتل فادي نزار الحسن في الفرع 215 أثار غضباً.",
			extract.EventDeathInCustody, "فادي نزار الحسن|victim"},
		// execution
		{"execution alleged",
			"ويُشتبه بأن العقيد سامر خليل العلي أشرف على إعدام معتقلين في سجن صيدنايا.",
			extract.EventExecutionAllegation, "سامر خليل العلي|perpetrator"},
		{"a penalty faced is no execution",
			"وقد يواجه سامر خليل العلي عقوبة الإعدام.",
			extract.EventExecutionAllegation, none},
		// statement: reported speech with إن/أن, its verbs
		{"statement, قال ... إن",
			"قال وزير الداخلية أنس خطاب إن التحقيقات مستمرة.",
			extract.EventStatement, "أنس خطاب|subject"},
		{"statement, أكد ... أن",
			"وأكد المحامي فادي نزار الحسن أن القضية ستُعرض على المحكمة.",
			extract.EventStatement, "فادي نزار الحسن|subject"},
		{"statement, أشار ... إلى أن",
			"وأشار مدير المرصد رامي حسن الديب إلى أن عدد الضحايا كبير.",
			extract.EventStatement, "رامي حسن الديب|subject"},
		{"statement, صرّح ... بأن",
			"وصرّح المتحدث باسم الوزارة نور الدين البابا بأن العملية جرت بنجاح.",
			extract.EventStatement, "نور الدين البابا|subject"},
		{"statement, أفاد ... بأن",
			"وأفاد قائد الأمن الداخلي سامر خليل العلي بأن المتهم نُقل إلى دمشق.",
			extract.EventStatement, "سامر خليل العلي|subject"},
		{"statement with a quotation",
			"ويقول فادي نزار الحسن: «لم نكن نرى الشمس».",
			extract.EventStatement, "فادي نزار الحسن|subject"},
		{"statement negated",
			"لم يقل فادي نزار الحسن شيئاً عن القضية.",
			extract.EventStatement, none},
		// testimony
		{"testimony, يروي",
			"ويروي فادي نزار الحسن كيف قضى سنتين في فرع فلسطين.",
			extract.EventTestimony, "فادي نزار الحسن|witness"},
		{"testimony, تحدث الناجي عن",
			"وتحدث الناجي فادي نزار الحسن عن التعذيب في فرع فلسطين.",
			extract.EventTestimony, "فادي نزار الحسن|witness"},
		{"testimony, وصف",
			"ووصف فادي نزار الحسن الزنزانة بأنها قبر.",
			extract.EventTestimony, "فادي نزار الحسن|witness"},
		{"testimony, في شهادته",
			"وفي شهادته، قال فادي نزار الحسن إن الحراس كانوا يجوّعون المعتقلين.",
			extract.EventTestimony, "فادي نزار الحسن|witness"},
	}
	for _, c := range cases {
		if got := whoOf(c.text, c.typ); got != c.want && !(c.want == none && got == "") {
			t.Errorf("%s: %s\n%s: got %q, want %q", c.name, c.text, c.typ, got, c.want)
		}
	}
}
