package extract

import (
	"testing"
	"time"
	"unicode/utf8"

	"github.com/athar-project/athar/internal/gazetteer"
	"github.com/athar-project/athar/internal/model"
)

var testLex = &DateLexicon{
	Months:    map[string]int{"january": 1, "jan": 1, "july": 7, "august": 8, "march": 3, "may": 5},
	Weekdays:  map[string]time.Weekday{"thursday": time.Thursday, "saturday": time.Saturday},
	Relative:  map[string]RelativeDate{"yesterday": {Day, -1}, "last month": {Month, -1}, "last week": {Week, -1}, "last year": {Year, -1}},
	Units:     map[string]Unit{"days": Day},
	Ago:       "ago",
	MonthCues: map[string]bool{"in": true, "since": true, "of": true},
	Ordinals:  map[string]bool{"st": true, "nd": true, "rd": true, "th": true},
	Skip:      map[string]bool{"of": true, "the": true},
}

func TestFindDates(t *testing.T) {
	pub := model.DayDate(2025, 1, 3) // a Friday
	tests := []struct {
		text, want, wantText string
		pub                  model.Date
	}{
		{"arrested on Thursday in Homs", "2025-01-02", "Thursday", pub},
		{"arrested on Thursday in Homs", "", "Thursday", model.Date{}},
		{"On August 23, the ministry", "2024-08-23", "August 23", pub},
		{"On August 23, the ministry", "", "August 23", model.Date{}},
		{"in July, the ministry", "2024-07", "July", pub},
		{"on January 3, 2025 they", "2025-01-03", "January 3, 2025", model.Date{}},
		{"on 3 January 2025 they", "2025-01-03", "3 January 2025", model.Date{}},
		{"the 3rd of January 2025", "2025-01-03", "3rd of January 2025", model.Date{}},
		{"in March 2013 at a checkpoint", "2013-03", "March 2013", model.Date{}},
		{"since 2011 at least", "2011", "2011", model.Date{}},
		{"published 2025-01-03 here", "2025-01-03", "2025-01-03", model.Date{}},
		{"he was seen yesterday", "2025-01-02", "yesterday", pub},
		{"arrested last month", "2024-12", "last month", pub},
		{"arrested last year", "2024", "last year", pub},
		{"two weeks and 3 days ago", "2024-12-31", "3 days ago", pub},
		{"Jan. 3, 2025", "2025-01-03", "Jan. 3, 2025", model.Date{}},
		{"held on May 21-24, 2024 in Paris", "2024-05-21", "May 21-24, 2024", model.Date{}},
	}
	for _, tt := range tests {
		toks := Tokenize(tt.text)
		refs := FindDates(tt.text, toks, testLex, tt.pub)
		if len(refs) != 1 {
			t.Errorf("%q: %d dates, want 1: %+v", tt.text, len(refs), refs)
			continue
		}
		if got := refs[0].Date.String(); got != tt.want || refs[0].Text != tt.wantText {
			t.Errorf("%q: got %q from %q, want %q from %q", tt.text, got, refs[0].Text, tt.want, tt.wantText)
		}
	}
	// "may" the verb is no month
	if refs := FindDates("they may be tried", Tokenize("they may be tried"), testLex, pub); len(refs) != 0 {
		t.Errorf("modal may read as a date: %+v", refs)
	}
	// February 30 does not exist
	if refs := FindDates("on 30 February 2025", Tokenize("on 30 February 2025"), testLex, pub); len(refs) != 0 && refs[0].Date.Precision == model.PrecisionDay {
		t.Errorf("invalid day accepted: %+v", refs)
	}
}

func TestTokenize(t *testing.T) {
	toks := Tokenize("Salloum’s arrest in al-Qabu, Sa'sa.\nمحمد")
	var folds []string
	for _, tk := range toks {
		folds = append(folds, tk.Fold)
	}
	want := []string{"salloum", "’", "s", "arrest", "in", "al", "-", "qabu", ",", "sasa", ".", "محمد"}
	if len(folds) != len(want) {
		t.Fatalf("got %q, want %q", folds, want)
	}
	for i := range want {
		if folds[i] != want[i] {
			t.Fatalf("got %q, want %q", folds, want)
		}
	}
	if toks[len(toks)-1].Newlines != 1 {
		t.Errorf("newline before the Arabic word not counted")
	}
}

func TestTextSpans(t *testing.T) {
	s := "“Azrael of Sednaya” — أوس سلوم, Ous"
	tx := NewText(s)
	for i := range s {
		for j := i; j <= len(s); j++ {
			if !utf8.RuneStart(s[j%len(s)]) && j < len(s) {
				continue
			}
			m := tx.Mention(i, j)
			got, ok := SliceCP(s, m.Start, m.End)
			if !ok || got != m.Text {
				t.Fatalf("bytes [%d,%d): mention %+v, slice %q", i, j, m, got)
			}
		}
	}
	if _, ok := SliceCP(s, 3, 1000); ok {
		t.Error("span past the end accepted")
	}
}

func TestModality(t *testing.T) {
	c := (&Cues{Alleged: []string{"accused", "according to"}, Denied: []string{"denied"}}).Compile()
	tests := []struct{ text, want string }{
		{"X was arrested in Homs", Asserted},
		{"X is accused of torturing detainees", Alleged},
		{"according to survivors, X tortured detainees", Alleged},
		{"X denied torturing detainees", Denied},
	}
	for _, tt := range tests {
		toks := Tokenize(tt.text)
		if got, _ := c.Modality(toks, 0, len(toks)); got != tt.want {
			t.Errorf("%q: %s, want %s", tt.text, got, tt.want)
		}
	}
}

func TestFindGazetteer(t *testing.T) {
	g := gazetteer.Default()
	text := "detained in al-Qabu near Homs, then held at the International, Impartial and Independent Mechanism's MI office and sana"
	toks := Tokenize(text)
	var got []string
	for _, m := range FindGazetteer(toks, g) {
		got = append(got, text[m.Start:m.End]+"="+m.Hits[0].Entry.ID)
	}
	want := map[string]bool{
		"al-Qabu=place:al_qabu_homs":                                  true,
		"Homs=opensyria:sy-homs":                                      true,
		"International, Impartial and Independent Mechanism=org:iiim": true,
		"MI=org:mid": true,
	}
	for _, s := range got {
		if !want[s] {
			t.Errorf("unexpected match %s", s)
		}
		delete(want, s)
	}
	for s := range want {
		t.Errorf("missing match %s (got %q)", s, got)
	}
}

func TestExtractUnknownLanguage(t *testing.T) {
	r := Extract("نص عربي", model.Date{}, "xx")
	if r.Persons == nil || r.Events == nil || len(r.Persons) != 0 {
		t.Errorf("want empty, non-nil result: %+v", r)
	}
}

func TestRangeStart(t *testing.T) {
	month := func(y, m int) model.Date { return model.Date{Year: y, Month: m, Precision: model.PrecisionMonth} }
	year := func(y int) model.Date { return model.Date{Year: y, Precision: model.PrecisionYear} }
	tests := []struct {
		name   string
		start  model.Date
		rel    bool
		end    model.Date
		endRel bool
		want   string
	}{
		{"between March and October 2014", month(2025, 3), true, month(2014, 10), false, "2014-03"},
		{"from November to February 2014", month(2025, 11), true, month(2014, 2), false, "2013-11"},
		{"from 5 to 9 May 2013", model.DayDate(2025, 5, 5), true, model.DayDate(2013, 5, 9), false, "2013-05-05"},
		{"a start with its year stays", month(2012, 3), false, month(2014, 10), false, "2012-03"},
		{"between 2012 and 2014", year(2012), false, year(2014), false, "2012"},
		{"an end read against the published date gives no year", month(2025, 3), true, month(2025, 6), true, "2025-03"},
	}
	for _, tt := range tests {
		if got := RangeStart(tt.start, tt.rel, tt.end, tt.endRel).String(); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
	}
}
