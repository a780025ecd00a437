package ar

import (
	"slices"
	"testing"

	"github.com/athar-project/athar/internal/model"
)

// TestRound12RelativesAccounts holds issue 13's round 12 (extractor version
// 15): a relative the sentence introduces by kinship with a detainee, who
// speaks of custody, gives testimony; one who speaks of the verdict makes a
// statement. Sentences written for this test, persons invented. want lists
// the statements and testimonies eventsOf finds.
func TestRound12RelativesAccounts(t *testing.T) {
	const arrest = "اعتقلت قوات الأمن الشاب سامر خليل حداد عام 2013 في دمشق. "
	cases := []struct {
		name, text string
		want       []string
	}{
		{"a mother tells of her son's custody",
			arrest + "وقالت والدته رنا يوسف حداد إنها لم تعرف شيئاً عن مصيره في السجن منذ سنوات.",
			[]string{"testimony|رنا يوسف حداد,سامر خليل حداد||"}},
		{"a father, named by his sons in apposition, tells of their arrest",
			arrest + "ويقول منير سعيد العكلة، والد سامر وفادي، إن ابنيه اعتُقلا من بيتهما في مورك عام 2012.",
			[]string{"testimony|منير سعيد العكلة||"}},
		{"a brother speaks of the verdict",
			arrest + "وقال شقيقه عادل خليل حداد إن الحكم الذي صدر اليوم خطوة نحو العدالة.",
			[]string{"statement|عادل خليل حداد,سامر خليل حداد||"}},
		{"a lawyer introduced as محاميه",
			arrest + "وقال محاميه عادل يوسف الحلبي إن موكله ما زال في السجن.",
			[]string{"statement|عادل يوسف الحلبي,سامر خليل حداد||"}},
	}
	for _, c := range cases {
		checkEvents(t, c.name, c.text, c.want, "statement", "testimony")
	}
}

// TestRound12Detachments: a detachment of a known body is a facility, with
// the place it is in when one follows after "في"; the place is then no
// place of its own, and the body no organization of its own.
func TestRound12Detachments(t *testing.T) {
	cases := []struct {
		text, facility, notPlace, notOrg string
	}{
		{"وكان المقدم سامر خليل حداد رئيس مفرزة الأمن العسكري في حسياء قبل سقوط النظام.",
			"مفرزة الأمن العسكري في حسياء", "حسياء", "الأمن العسكري"},
		{"ونُقل المعتقلون إلى مفرزة أمن الدولة في القامشلي.",
			"مفرزة أمن الدولة في القامشلي", "القامشلي", "أمن الدولة"},
		{"وقاد المقدم سامر خليل حداد مفرزة المخابرات الجوية لسنوات.",
			"مفرزة المخابرات الجوية", "", "المخابرات الجوية"},
	}
	for _, c := range cases {
		r := Extract(c.text, model.DayDate(2025, 3, 6))
		var fs []string
		for _, f := range r.Facilities {
			fs = append(fs, f.Name)
		}
		if !slices.Contains(fs, c.facility) {
			t.Errorf("%q: facilities %q, want %q among them", c.text, fs, c.facility)
		}
		for _, p := range r.Places {
			if c.notPlace != "" && p.Name == c.notPlace {
				t.Errorf("%q: %q is a place of its own", c.text, p.Name)
			}
		}
		for _, o := range r.Organizations {
			if o.Name == c.notOrg {
				t.Errorf("%q: %q is an organization of its own", c.text, o.Name)
			}
		}
	}
}

// TestRound12PreparedTrial: a trial that a referral prepares for
// ("تمهيداً لمحاكمته") has not been held; the referral has happened, and a
// referral prepared for ("تمهيداً لإحالتهم") is one the annotations count.
func TestRound12PreparedTrial(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string
	}{
		{"a trial prepared for",
			"وقالت الوزارة إن التحقيقات جارية. وتمت إحالة فادي نزار الحسن إلى القضاء تمهيداً لمحاكمته.",
			[]string{"referral_to_judiciary|فادي نزار الحسن||"}},
		{"a referral prepared for",
			"وقالت الوزارة إن التحقيقات جارية. ونُقل عادل سامر يونس إلى سجن دمشق المركزي تمهيداً لإحالته إلى النيابة العامة.",
			[]string{"referral_to_judiciary|عادل سامر يونس||"}},
		{"a trial held",
			"وقالت الوزارة إن التحقيقات جارية. وحوكم فادي نزار الحسن أمام محكمة الجنايات في دمشق.",
			[]string{"trial|فادي نزار الحسن|دمشق|"}},
	}
	for _, c := range cases {
		checkEvents(t, c.name, c.text, c.want, "trial", "referral_to_judiciary")
	}
}

// TestRound12SurvivorsWords: a survivor named by "المعتقلة السابقة" or
// "الناجي من" after the name gives testimony of custody; a survivor whose
// words are of the verdict only makes a statement.
func TestRound12SurvivorsWords(t *testing.T) {
	const lead = "وقالت الوزارة إن التحقيقات جارية. "
	cases := []struct {
		name, text string
		want       []string
	}{
		{"a former detainee, feminine, after the name",
			lead + "وتقول لينا سامر صالح، المعتقلة السابقة في فرع الخطيب، إنها تعرضت للضرب خلال التحقيق.",
			[]string{"testimony|لينا سامر صالح|فرع الخطيب|"}},
		{"a survivor of a prison after the name",
			lead + "وقال خالد عمر البرازي، الناجي من سجن صيدنايا، إن السجانين كانوا يضربون المعتقلين.",
			[]string{"testimony|خالد عمر البرازي|سجن صيدنايا|"}},
		{"a survivor on the verdict",
			lead + "وقال خالد عمر البرازي، وهو ناجٍ من فرع فلسطين، إن الحكم خطوة أولى نحو العدالة.",
			[]string{"statement|خالد عمر البرازي||"}},
		{"a survivor on what the court heard of torture",
			lead + "وقال خالد عمر البرازي، الناجي من سجن صيدنايا، إن المحكمة استمعت إلى شهادته عن التعذيب في السجن.",
			[]string{"testimony|خالد عمر البرازي|سجن صيدنايا|"}},
	}
	for _, c := range cases {
		checkEvents(t, c.name, c.text, c.want, "statement", "testimony")
	}
}

// TestRound12NameEnds: words of company, duration and approximation after a
// name are no part of it.
func TestRound12NameEnds(t *testing.T) {
	cases := []struct{ text, notPerson string }{
		{"وقالت الوزارة إن التحقيقات جارية. وتمكنت الدورية من توقيف المدعو نادر حلوم برفقة ابن عمه.", "نادر حلوم برفقة"},
		{"وقالت الوزارة إن التحقيقات جارية. وظل الضابط طوال جلسات الاستماع صامتاً.", "طوال جلسات"},
		{"وقالت الوزارة إن التحقيقات جارية. وقضى عبد الله قرابة عامين في السجن.", "عبد الله قرابة"},
	}
	for _, c := range cases {
		r := Extract(c.text, model.DayDate(2025, 3, 6))
		for _, p := range r.Persons {
			if p.Name == c.notPerson {
				t.Errorf("%q: person %q", c.text, p.Name)
			}
		}
	}
}

// TestRound12FirstPersonCustody: a person who tells in the first person of
// being led away or held gives testimony; a lawyer who quotes a client does
// not.
func TestRound12FirstPersonCustody(t *testing.T) {
	const lead = "وقالت الوزارة إن التحقيقات جارية. "
	cases := []struct {
		name, text string
		want       []string
	}{
		{"led away blindfolded, in the first person",
			lead + "وقال عادل سامر يونس: \"اقتادوني إلى فرع فلسطين في الليلة نفسها\".",
			[]string{"testimony|عادل سامر يونس|فرع فلسطين|"}},
		{"a lawyer quotes his client",
			lead + "وقال المحامي أنور سليم البني إن موكله قال: اعتقلوني بلا سبب.",
			[]string{"statement|أنور سليم البني||"}},
	}
	for _, c := range cases {
		checkEvents(t, c.name, c.text, c.want, "statement", "testimony")
	}
}

// TestRound12CounselNoDefendant: a lawyer who answers the accusations is no
// defendant of the trial they speak of.
func TestRound12CounselNoDefendant(t *testing.T) {
	text := "وقالت الوزارة إن التحقيقات جارية. ورفض وكيل الدفاع، المحامي هاني سمير طعمة، التهم المنسوبة إلى موكله أثناء المحاكمة."
	if found, all := hasEvent(text, "trial", "هاني سمير طعمة"); found {
		t.Errorf("%q: the lawyer is a defendant: %q", text, all)
	}
}

// TestRound12OfficeTitleSpeaker: a speaker whose post, after the verb, runs
// to a comma before the rank and name makes a statement.
func TestRound12OfficeTitleSpeaker(t *testing.T) {
	text := "وقالت الوزارة إن التحقيقات جارية. ومن جهته، قال مدير الشؤون المدنية في إدلب، المهندس سامي رياض حمدان، لموقعنا إن الدائرة تسلمت القوائم."
	checkEvents(t, "an office title before the name", text, []string{"statement|سامي رياض حمدان||"}, "statement")
}

// TestRound12DistrictCourt: "الجزئية" is a court's grade after its city.
func TestRound12DistrictCourt(t *testing.T) {
	r := Extract("أصدرت محكمة لاهاي الجزئية أمس حكماً بالسجن على السوري سامر خليل حداد.", model.DayDate(2025, 3, 6))
	var orgs []string
	for _, o := range r.Organizations {
		orgs = append(orgs, o.Name)
	}
	if !slices.Contains(orgs, "محكمة لاهاي الجزئية") {
		t.Errorf("organizations %q, want the district court of The Hague whole", orgs)
	}
}

// TestRound12OneOfThemNamed: a death of several, then "one of them, called
// X": X died, and is told of, not a witness.
func TestRound12OneOfThemNamed(t *testing.T) {
	text := "وقالت الوزارة إن التحقيقات جارية. وروى سامر خليل حداد أن اثنين من رفاقه في الزنزانة توفيا أمامه، أحدهما شاب من حمص يُدعى نادر يوسف الشامي."
	if found, all := hasEvent(text, "death_in_custody", "نادر يوسف الشامي"); !found {
		t.Errorf("%q: no death of the one named, got %q", text, all)
	}
	r := Extract(text, model.DayDate(2025, 3, 6))
	for _, e := range r.Events {
		for _, w := range e.Who {
			if w.Name == "نادر يوسف الشامي" && w.Role == "witness" {
				t.Errorf("%q: the dead man is a witness of %s", text, e.Type)
			}
		}
	}
}

// TestRound12InHiding: one still in hiding is out of reach of justice.
func TestRound12InHiding(t *testing.T) {
	text := "وقالت الوزارة إن التحقيقات جارية. أما المساعد أول نادر سمير حلوم فلا يزال متوارياً عن الأنظار بحسب وزارة الداخلية."
	if found, all := hasEvent(text, "escape", "نادر سمير حلوم"); !found {
		t.Errorf("%q: no escape, got %q", text, all)
	}
}
