package ar

import (
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

func TestModality(t *testing.T) {
	cases := []struct{ text, typ, want string }{
		{"أعلنت الوزارة القبض على أحمد خليل الدرويش في حماة.", "arrest", "asserted"},
		{"ويتهم ناجون أحمد خليل الدرويش بتعذيب المعتقلين.", "torture_allegation", "alleged"},
		{"ونفى العميد جميل إبراهيم صقر تعذيب المعتقلين.", "torture_allegation", "denied"},
		{"وقال إن العقيد سامر العلي لم يعترف بالتهم.", "confession", "denied"},
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
