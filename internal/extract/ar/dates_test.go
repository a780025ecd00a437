package ar

import (
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/model"
)

func TestDates(t *testing.T) {
	pub := model.DayDate(2025, 3, 6) // a Thursday
	cases := []struct {
		text string
		pub  model.Date
		want string // the first date's value; "-" for a date that cannot be resolved
		span string
	}{
		{"اعتقل في 12 تشرين الأول 2014 عند حاجز", pub, "2014-10-12", "12 تشرين الأول 2014"},
		{"اعتقل في ١٢ كانون الثاني ٢٠١٣", pub, "2013-01-12", "١٢ كانون الثاني ٢٠١٣"},
		{"بتاريخ ۷ تشرين الثاني ۲۰۲۵", pub, "2025-11-07", "۷ تشرين الثاني ۲۰۲۵"},
		{"في شباط/فبراير 2012", pub, "2012-02", "شباط/فبراير 2012"},
		{"الثلاثاء 5 آب/أغسطس 2025", pub, "2025-08-05", "5 آب/أغسطس 2025"},
		{"في 3 يناير 2025", pub, "2025-01-03", "3 يناير 2025"},
		{"بين عامي 2013 و2018", pub, "2013", "2013"},
		{"أعلنت الوزارة يوم الخميس", pub, "2025-03-06", "يوم الخميس"},
		{"أعلنت الوزارة، الثلاثاء، القبض", pub, "2025-03-04", "الثلاثاء"},
		{"أعلنت الوزارة يوم الخميس", model.Date{}, "-", "يوم الخميس"},
		{"أعلنت أمس", pub, "2025-03-05", "أمس"},
		{"اعتقل الشهر الماضي", pub, "2025-02", "الشهر الماضي"},
		{"اعتقل في أيار", pub, "2024-05", "أيار"},
		{"في 2025-01-03 أعلنت", pub, "2025-01-03", "2025-01-03"},
		{"في 3/1/2025 أعلنت", pub, "2025-01-03", "3/1/2025"},
		{"بتاريخ 12 رجب 1446 هـ", pub, "2025-01-12", "12 رجب 1446 هـ"},
		{"في شهر رمضان 1446 هـ", pub, "2025", "رمضان 1446 هـ"},
		{"في محرم 1446 هـ", pub, "2024", "محرم 1446 هـ"},
		{"في 31 شباط 2013", pub, "-", ""},
		{"اعتقل في العاشر من أيار", pub, "2024-05-10", "العاشر من أيار"},
		{"اعتقل في الثالث من آذار", pub, "2025-03-03", "الثالث من آذار"},
		{"توفي في الحادي والعشرين من شباط/فبراير 2019", pub, "2019-02-21", "الحادي والعشرين من شباط/فبراير 2019"},
		{"صدر الحكم في الثاني عشر من كانون الأول عام 2023", pub, "2023-12-12", "الثاني عشر من كانون الأول عام 2023"},
		{"المتهم الأول من بين عشرة", pub, "-", ""},
		{"اعتقل مطلع الشهر الجاري", pub, "2025-03", "الشهر الجاري"},
		{"اعتقل في وقت سابق من هذا الشهر", pub, "2025-03", "هذا الشهر"},
		{"اعتقل أواخر الشهر", pub, "2025-03", "أواخر الشهر"},
		{"اعتقل منتصف العام الجاري", pub, "2025", "العام الجاري"},
		{"اعتقل أواخر العام الماضي", pub, "2024", "العام الماضي"},
		{"اعتقل في كانون الثاني الماضي", pub, "2025-01", "كانون الثاني الماضي"},
		{"اعتقل في آذار/مارس الماضي", pub, "2024-03", "آذار/مارس الماضي"},
		{"اعتقل في نيسان الماضي", pub, "2024-04", "نيسان الماضي"},
		{"أكد الأمن العام والمدعي العام", pub, "-", ""},
		{"اعتقل قبل عامين", pub, "-", ""},
		{"اعتقل عام ٢٠١٢", pub, "2012", "٢٠١٢"},
	}
	for _, c := range cases {
		d := &doc{s: c.text, pub: c.pub}
		d.toks = tokenize(c.text)
		d.own = make([]uint8, len(d.toks))
		d.findDates()
		if c.span == "" {
			for _, r := range d.dates {
				if !r.date.IsZero() {
					t.Errorf("%q: found %v, want no date", c.text, r.date)
				}
			}
			continue
		}
		if len(d.dates) == 0 {
			t.Errorf("%q: no date found", c.text)
			continue
		}
		r := d.dates[0]
		got := r.date.String()
		if got == "" {
			got = "-"
		}
		if got != c.want || d.str(r.sp) != c.span {
			t.Errorf("%q: got %s from %q, want %s from %q", c.text, got, d.str(r.sp), c.want, c.span)
		}
	}
}

func TestPersonLatinAndAliases(t *testing.T) {
	r := Extract("القبض على السجان السابق أوس سلوم، الملقب بـ«عزرائيل صيدنايا»، في حمص.", model.Date{})
	if len(r.Persons) != 1 {
		t.Fatalf("persons: %+v", r.Persons)
	}
	p := r.Persons[0]
	if p.Name != "أوس سلوم" || p.Rank != "السجان السابق" || p.Latin == nil || *p.Latin == "" {
		t.Errorf("person %q rank %q latin %v", p.Name, p.Rank, p.Latin)
	}
	if len(p.Aliases) != 1 || p.Aliases[0] != "عزرائيل صيدنايا" {
		t.Errorf("aliases %q", p.Aliases)
	}
	if len(r.Places) != 1 || r.Places[0].Name != "حمص" || len(r.Facilities) != 0 {
		t.Errorf("the nickname's words name nothing else: places %+v facilities %+v", r.Places, r.Facilities)
	}
}

// TestModalityQuote: a fact the text asserts after an accusation is
// asserted, and its quote is the sentence that asserts it.
func TestModalityQuote(t *testing.T) {
	text := "ويتهم ناجون العقيد نادر سليم بتعذيب المعتقلين. وأدانت المحكمة العقيد نادر سليم بتعذيب المعتقلين في الفرع 215."
	r := Extract(text, model.Date{})
	found := false
	for _, e := range r.Events {
		if e.Type != "torture_allegation" {
			continue
		}
		found = true
		if e.Modality != "asserted" || !strings.HasPrefix(e.Quote, "وأدانت") {
			t.Errorf("torture is %s quoting %q, want asserted quoting the court's sentence", e.Modality, e.Quote)
		}
	}
	if !found {
		t.Errorf("no torture_allegation in %+v", r.Events)
	}
}

func TestModality(t *testing.T) {
	cases := []struct{ text, typ, want string }{
		{"أعلنت الوزارة القبض على أحمد خليل الدرويش في حماة.", "arrest", "asserted"},
		{"ويتهم ناجون أحمد خليل الدرويش بتعذيب المعتقلين.", "torture_allegation", "alleged"},
		{"ونفى العميد جميل إبراهيم صقر تعذيب المعتقلين.", "torture_allegation", "denied"},
		{"وقال إن العقيد سامر العلي لم يعترف بالتهم.", "confession", "denied"},
		// torture, an execution or a death someone tells is their account
		{"وقالت الوزارة إن الموقوف نادر سليم أشرف على تعذيب المعتقلين في الفرع.", "torture_allegation", "alleged"},
		{"ويضيف الناجي أن رفيقه رامي الحسن توفي تحت التعذيب في شتاء 2014.", "death_in_custody", "alleged"},
		{"ووثق المرصد وفاة المعتقل رامي الحسن تحت التعذيب في سجن صيدنايا.", "death_in_custody", "alleged"},
		{"وجاء في الرسالة: «تعرض رامي الحسن للتعذيب في المهجع».", "torture_allegation", "alleged"},
		// the accused beside an arrest: the arrest is told as a fact, the torture as an accusation
		{"أوقفت الشرطة سامر الخطيب وعماد الحسن، المتهمين بتعذيب معتقلين في سجن صيدنايا.", "arrest", "asserted"},
		{"أوقفت الشرطة سامر الخطيب وعماد الحسن، المتهمين بتعذيب معتقلين في سجن صيدنايا.", "torture_allegation", "alleged"},
		{"اشتهر السجان نادر سليم بقسوته، وارتبط اسمه بإعدام المعتقلين في سجن صيدنايا.", "execution_allegation", "alleged"},
		// تابع is "belonging to" here, no verb of saying
		{"توفي المعتقل رامي الحسن داخل مركز احتجاز تابع للأمن العسكري.", "death_in_custody", "asserted"},
		{"عذب السجان نادر سليم المعتقلين في سجن صيدنايا بين عامي 2012 و2014.", "torture_allegation", "asserted"},
	}
	for _, c := range cases {
		r := Extract(c.text, model.Date{})
		found := false
		for _, e := range r.Events {
			if e.Type == c.typ {
				found = true
				if e.Modality != c.want {
					t.Errorf("%q: %s is %s, want %s", c.text, c.typ, e.Modality, c.want)
				}
			}
		}
		if !found {
			t.Errorf("%q: no %s event in %+v", c.text, c.typ, r.Events)
		}
	}
}
