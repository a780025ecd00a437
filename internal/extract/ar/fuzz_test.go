package ar

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/athar-project/athar/internal/extract"
	"github.com/athar-project/athar/internal/model"
)

// FuzzExtract checks that no input — Arabic, mixed-script, malformed UTF-8,
// text full of bidirectional and zero-width marks — makes the extractor
// panic or report a span that is not the code-point slice it claims.
func FuzzExtract(f *testing.F) {
	seeds := []string{
		"أعلنت وزارة الداخلية القبض على العقيد أوس سلوم الملقب بـ«عزرائيل صيدنايا» في حمص يوم الخميس.",
		"\u200fاعتُقل مُحمّد ديب الحمصي\u200f في ١٢ آذار ٢٠١٣ بسجن صيدنايا\u200e، ثم أحيل إلى القضاء.",
		"والعقيد\u200c جميل حسن و«أبو علي» Col. Jamil Hassan, فرع ٢١٥ / الفرع 227 — 12 رجب 1446 هـ",
		"«", "»«", "بـ«", "ال", "و", "\xff\xfe\xd8", "فرع", "سجن \u0640\u0640\u0640", "12/13/2025 2025-02-30 ٣١ شباط",
		"المدعو", "الملقب بـ «» ", "قال", "يوم الخميس", "\u202eعلي\u202c",
	}
	for _, s := range seeds {
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, withDate bool) {
		pub := model.Date{}
		if withDate {
			pub = model.DayDate(2025, 3, 6)
		}
		r := Extract(s, pub)
		n := utf8.RuneCountInString(s)
		check := func(what string, m extract.Mention) {
			if m.Start < 0 || m.End < m.Start || m.End > n {
				t.Fatalf("%s span [%d,%d) outside a text of %d code points", what, m.Start, m.End, n)
			}
			got, ok := extract.SliceCP(s, m.Start, m.End)
			if !ok || got != m.Text {
				t.Fatalf("%s span [%d,%d) is %q, mention says %q", what, m.Start, m.End, got, m.Text)
			}
			if m.End > m.Start && strings.TrimSpace(m.Text) == "" && what != "event" {
				t.Fatalf("%s: empty mention %q", what, m.Text)
			}
		}
		for _, p := range r.Persons {
			for _, m := range p.Mentions {
				check("person", m)
			}
		}
		for _, es := range [][]extract.Entity{r.Facilities, r.Places, r.Organizations} {
			for _, e := range es {
				for _, m := range e.Mentions {
					check("entity", m)
				}
			}
		}
		for _, d := range r.Dates {
			check("date", d.Mention)
		}
		for _, e := range r.Events {
			check("event", extract.Mention{Text: e.Quote, Start: e.Start, End: e.End})
		}
	})
}

// TestInvisibleMarks checks that right-to-left and zero-width marks inside
// and between words change nothing that is found, and that spans still
// point into the text as written.
func TestInvisibleMarks(t *testing.T) {
	plain := "ألقت وزارة الداخلية القبض على أوس سلوم في حمص."
	marked := "\u200fألقت وزارة الداخ\u200cلية القبض على أوس\u200f سلوم في حم\u200dص.\u200f"
	a, b := Extract(plain, model.Date{}), Extract(marked, model.Date{})
	if len(a.Persons) != 1 || len(b.Persons) != 1 || len(b.Places) != 1 || len(b.Organizations) != 1 {
		t.Fatalf("marks changed what was found: %+v / %+v", a, b)
	}
	if got := b.Persons[0].Mentions[0].Text; got != "أوس\u200f سلوم" {
		t.Errorf("person mention %q, want the text as written", got)
	}
	checkSpans(t, "marked", marked, b)
}

// TestNormalization checks the folding the extractor matches on: diacritics,
// tatweel, hamza forms, clitics, both digit systems.
func TestNormalization(t *testing.T) {
	cases := []struct{ text, want, kind string }{
		{"نُقِلَ إلى سِجْنِ صَيْدْنايا", "سِجْنِ صَيْدْنايا", "facility"},
		{"اعتقل بسجن صيدنايا", "سجن صيدنايا", "facility"},
		{"وصل إلى الفرع ٢١٥ ليلا", "الفرع ٢١٥", "facility"},
		{"اعتقل في حمـــص", "حمـــص", "place"},
		{"أعلنت وزارة الداخليه", "وزارة الداخليه", "organization"},
		{"والعقيد جميل حسن", "جميل حسن", "person"},
	}
	for _, c := range cases {
		r := Extract(c.text, model.Date{})
		var got []string
		switch c.kind {
		case "facility":
			got = mentionTexts(r.Facilities)
		case "place":
			got = mentionTexts(r.Places)
		case "organization":
			got = mentionTexts(r.Organizations)
		case "person":
			for _, p := range r.Persons {
				for _, m := range p.Mentions {
					got = append(got, m.Text)
				}
			}
		}
		if len(got) == 0 || got[0] != c.want {
			t.Errorf("%q: %s mentions %q, want %q", c.text, c.kind, got, c.want)
		}
		checkSpans(t, c.text, c.text, r)
	}
}

func mentionTexts(es []extract.Entity) []string {
	var out []string
	for _, e := range es {
		for _, m := range e.Mentions {
			out = append(out, m.Text)
		}
	}
	return out
}
