package ar

import (
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/extract"
	"github.com/athar-project/athar/internal/model"
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
		{"arrest, taken into a branch (اقتيد إلى)",
			"اقتيد الشاب فادي نزار الحسن إلى فرع فلسطين في أيار 2013.",
			extract.EventArrest, "فادي نزار الحسن|victim"},
		{"arrest, a patrol took him to a prison",
			"واقتادت دورية الشاب فادي نزار الحسن إلى سجن صيدنايا.",
			extract.EventArrest, "فادي نزار الحسن|victim"},
		{"arrest, thrown into a prison (زُجّ بـ)",
			"زُجّ بالشاب فادي نزار الحسن في سجن صيدنايا.",
			extract.EventArrest, "فادي نزار الحسن|victim"},
		{"arrest, years spent in a prison, the subject before the span",
			"وأمضى فادي نزار الحسن سبع سنوات في سجن صيدنايا.",
			extract.EventArrest, "فادي نزار الحسن|subject"},
		{"a life spent is no arrest",
			"وأمضى فادي نزار الحسن حياته في الدفاع عن المعتقلين.",
			extract.EventArrest, none},
		{"taken home is no arrest",
			"واقتادت الممرضة الطفل فادي نزار الحسن إلى المستشفى.",
			extract.EventArrest, none},
		{"held, described before the name with the prison",
			"وقال المعتقل السابق في سجن صيدنايا فادي نزار الحسن إن الطعام كان قليلاً.",
			extract.EventArrest, "فادي نزار الحسن|subject"},
		{"held, an apposition after the name (أحد المعتقلين … من)",
			"وقال فادي نزار الحسن، أحد المعتقلين المفرج عنهم من سجن صيدنايا، إن الطعام كان قليلاً.",
			extract.EventArrest, "فادي نزار الحسن|victim"},
		{"held, an apposition with وهو",
			"وقال فادي نزار الحسن، وهو معتقل سابق في فرع فلسطين، إن الطعام كان قليلاً.",
			extract.EventArrest, "فادي نزار الحسن|victim"},
		{"a detainee with no place named is no arrest of the speaker",
			"وقال فادي نزار الحسن، وهو معتقل سابق، إن الطعام كان قليلاً.",
			extract.EventArrest, none},
		{"a survivor of a prison gives an account, not an arrest",
			"يروي فادي نزار الحسن، أحد الناجين من سجن صيدنايا، تجربته.",
			extract.EventArrest, none},
		{"arrest, hamza written under the alif (إعتقل)",
			"وإعتقل الأمن العسكري فادي نزار الحسن في حمص.",
			extract.EventArrest, "فادي نزار الحسن|subject"},
		{"arrest, full diacritics",
			"واعتُقِلَ فادي نزار الحسن في حِمص.",
			extract.EventArrest, "فادي نزار الحسن|subject"},
		{"arrest, ى for final ي in a name",
			"واعتقل الأمن فادى نزار الحسن في حمص.",
			extract.EventArrest, "فادى نزار الحسن|subject"},
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
		// a link to another story is no event of this one
		{"a related-article line",
			"اعتقلت قوات الأمن المساعد سامر خليل العلي في حمص.\nاقرأ أيضاً: اعتقال فادي نزار الحسن في دمشق",
			extract.EventArrest, "سامر خليل العلي|subject"},
		{"a related-article line, its own arrest",
			"وقال المحامي سامر خليل العلي إن القضية مستمرة.\nإقرأ أيضا: اعتقال فادي نزار الحسن في دمشق",
			extract.EventArrest, none},
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
		{"torture, passive past with its vowels: the subject suffered it",
			"عُذّب فادي نزار الحسن بالكهرباء في سجن صيدنايا.",
			extract.EventTortureAllegation, "فادي نزار الحسن|victim"},
		{"torture, unvocalized active: the subject did it",
			"وعذب العقيد سامر خليل العلي المعتقلين في سجن صيدنايا.",
			extract.EventTortureAllegation, "سامر خليل العلي|perpetrator"},
		{"a detainee accused of torture did it",
			"وقالت الوزارة إن الموقوف سامر خليل العلي متورط في تعذيب المعتقلين.",
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
		{"death, فارق X الحياة in custody",
			"فارق فادي نزار الحسن الحياة في المعتقل عام 2015.",
			extract.EventDeathInCustody, "فادي نزار الحسن|victim"},
		{"life in prison is no death",
			"وتحدث فادي نزار الحسن عن ظروف الحياة في السجن.",
			extract.EventDeathInCustody, none},
		// a verb joined by و or ثم keeps the subject of the arrest before it
		{"arrested, then died: one subject",
			"اعتقل فادي نزار الحسن عام 2012 وتوفي تحت التعذيب عام 2014 في سجن صيدنايا.",
			extract.EventDeathInCustody, "فادي نزار الحسن|victim"},
		{"arrested; the next sentence's death has no subject of its own",
			"اعتقل فادي نزار الحسن عام 2012. وتوفي تحت التعذيب عام 2014.",
			extract.EventDeathInCustody, "فادي نزار الحسن|victim"},
		{"arrested; the next sentence's death is someone else's",
			"اعتقل فادي نزار الحسن عام 2012. وتوفي والده بعد عامين.",
			extract.EventDeathInCustody, none},
		{"arrested, then tortured (passive after ثم)",
			"واعتقل فادي نزار الحسن في حمص ثم عُذّب في فرع فلسطين.",
			extract.EventTortureAllegation, "فادي نزار الحسن|victim"},
		{"arrested and tortured by the same body (pronoun object)",
			"اعتقلت قوات الأمن فادي نزار الحسن عام 2012 وعذبته في فرع فلسطين.",
			extract.EventTortureAllegation, "فادي نزار الحسن|victim"},
		// execution
		{"execution alleged",
			"ويُشتبه بأن العقيد سامر خليل العلي أشرف على إعدام معتقلين في سجن صيدنايا.",
			extract.EventExecutionAllegation, "سامر خليل العلي|perpetrator"},
		{"execution, passive past: the subject was executed",
			"أُعدم فادي نزار الحسن في سجن صيدنايا عام 2016.",
			extract.EventExecutionAllegation, "فادي نزار الحسن|victim"},
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
		{"statement cited with بحسب, a title before the name",
			"وبحسب وزير العدل مظهر حسن الويس، فإن المحاكمات ستبدأ قريباً.",
			extract.EventStatement, "مظهر حسن الويس|subject"},
		{"statement cited with نقلاً عن, a rank before the name",
			"ونقلاً عن العميد سامر خليل العلي، فإن المتهم كان يدير السجن.",
			extract.EventStatement, "سامر خليل العلي|subject"},
		{"a body cited with بحسب makes no statement",
			"وبحسب الوزارة، فإن المتهم كان يدير السجن.",
			extract.EventStatement, none},
		{"one cited is no party to the torture he tells of",
			"وبحسب فادي نزار الحسن، فإن المعتقلين كانوا يُضربون يومياً في سجن صيدنايا.",
			extract.EventTortureAllegation, ""},
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
		{"testimony, استذكر",
			"واستذكر فادي نزار الحسن أيام اعتقاله في سجن صيدنايا.",
			extract.EventTestimony, "فادي نزار الحسن|witness"},
		{"testimony, تستعيد of custody",
			"وتستعيد الناجية ريم سعيد الخطيب أيام اعتقالها في فرع فلسطين.",
			extract.EventTestimony, "ريم سعيد الخطيب|witness"},
		{"regaining a town is no testimony",
			"واستعاد الجيش السيطرة على مدينة حمص بعد معارك مع فصيل يقوده فادي نزار الحسن.",
			extract.EventTestimony, none},
		{"one account told once: testimony, no statement",
			"روى المعتقل السابق فادي نزار الحسن أن السجانين كانوا يضربونه كل يوم.",
			extract.EventStatement, none},
		{"one account told once: the testimony stays",
			"روى المعتقل السابق فادي نزار الحسن أن السجانين كانوا يضربونه كل يوم.",
			extract.EventTestimony, "فادي نزار الحسن|witness"},
	}
	for _, c := range cases {
		if got := whoOf(c.text, c.typ); got != c.want && !(c.want == none && got == "") {
			t.Errorf("%s: %s\n%s: got %q, want %q", c.name, c.text, c.typ, got, c.want)
		}
	}
}

// orgsOf returns the names of the organizations text gives, with their
// aliases after "=", apart by ";".
func orgsOf(text string) string {
	r := Extract(text, model.DayDate(2025, 3, 6))
	var out []string
	for _, o := range r.Organizations {
		s := o.Name
		for _, a := range o.Aliases {
			if a != o.Name {
				s += "=" + a
			}
		}
		out = append(out, s)
	}
	return strings.Join(out, ";")
}

// Organizations named by their bodies: outlets cited without quotes,
// associations by their head word.
func TestRound8Organizations(t *testing.T) {
	cases := []struct{ name, text, want string }{
		{"a paper cited without quotes",
			"ونقلت صحيفة الوطن عن مصدر أمني أن الموقوف نُقل إلى دمشق.", "الوطن=صحيفة الوطن"},
		{"an agency of several words keeps its head",
			"وذكرت وكالة الأنباء الألمانية أن المحكمة أصدرت حكمها.", "وكالة الأنباء الألمانية=Deutsche Presse-Agentur"}, // dpa, known to the gazetteer since round 14
		{"told to a paper",
			"وقال المحامي لصحيفة الوطن إن القضية مستمرة.", "الوطن=صحيفة الوطن"},
		{"a paper not cited is not read",
			"وتباع صحيفة الوطن في دمشق.", ""},
		{"an association of detainees of a prison",
			"وقالت رابطة معتقلي صيدنايا إن العدد أكبر.", "رابطة معتقلي صيدنايا"},
		{"an association of victims of torture",
			"وقالت جمعية ضحايا التعذيب إن العدد أكبر.", "جمعية ضحايا التعذيب"},
		{"an association of lawyers",
			"وقالت رابطة المحامين السوريين الأحرار إن العدد أكبر.", "رابطة المحامين السوريين الأحرار"},
		{"the scope of an inquiry is no body",
			"وسط مطالبات بتوسيع دائرة التحقيق لتشمل ضباطاً آخرين.", ""},
		{"people gathered are no body",
			"وتجمع الأهالي أمام المحكمة.", ""},
	}
	for _, c := range cases {
		if got := orgsOf(c.text); got != c.want {
			t.Errorf("%s: %s\ngot %q, want %q", c.name, c.text, got, c.want)
		}
	}
}
