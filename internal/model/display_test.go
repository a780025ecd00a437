package model_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/athar-project/athar/internal/model"
)

func TestDisplayTitle(t *testing.T) {
	long := "date 2025-01-03 Shafaq News/ The name of the guard, known across the prison by another name, has been trending on social media platforms for days."
	tests := []struct {
		name string
		src  model.Source
		want string
	}{
		{"stored title wins", model.Source{Title: "  Guard  arrested\nin Homs ", Text: "Other line\n\nBody."}, "Guard arrested in Homs"},
		{"English headline", model.Source{Filename: "030.txt", Text: "\n  Former guard arrested in Homs\n\nThe guard was detained on Thursday."}, "Former guard arrested in Homs"},
		{"Arabic headline", model.Source{Filename: "100_ar.txt", Text: "اعتقال سجان سابق في حمص\n\nأعلنت غرفة العمليات اعتقال السجان يوم الخميس."}, "اعتقال سجان سابق في حمص"},
		{"very long first line cut at a word", model.Source{Filename: "000_a3205aadd3606134.txt", Text: long + "\n\nMore."},
			"date 2025-01-03 Shafaq News/ The name of the guard, known across the prison by…"},
		{"long Arabic first line", model.Source{Text: strings.Repeat("أعلنت غرفة العمليات اعتقال السجان ", 6)},
			"أعلنت غرفة العمليات اعتقال السجان أعلنت غرفة العمليات اعتقال السجان أعلنت غرفة…"},
		{"one unbroken word", model.Source{Text: strings.Repeat("x", 150)}, strings.Repeat("x", 80) + "…"},
		{"lead when text not loaded", model.Source{Lead: "Headline from the lead\n\nBody"}, "Headline from the lead"},
		{"header then body", model.Source{Text: "Title: (none)\nPublisher: SNHR\n---\nSNHR documents a death in custody\n\nBody."}, "SNHR documents a death in custody"},
		{"header only", model.Source{Filename: "h.txt", Publisher: "SNHR", Published: model.DayDate(2020, 1, 2), Text: "Publisher: SNHR\nPublished: 2020-01-02\n---\n\n"}, "SNHR · 2020-01-02"},
		{"empty text: publisher and date", model.Source{Filename: "030.txt", Publisher: "Enab Baladi", Published: model.Date{Year: 2019, Month: 5, Precision: model.PrecisionMonth}}, "Enab Baladi · 2019-05"},
		{"empty text: date only", model.Source{Filename: "030.txt", Published: model.Date{Year: 2019, Precision: model.PrecisionYear}}, "2019"},
		{"punctuation only text", model.Source{Filename: "030.txt", Text: "---\n* * *\n"}, "030.txt"},
		{"nothing but an id", model.Source{ID: "src_1"}, "src_1"},
		{"headline-like first line starting Key:", model.Source{Text: "Update: 12 detainees released\n\nBody."}, "Update: 12 detainees released"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.src.DisplayTitle()
			if got != tc.want {
				t.Errorf("DisplayTitle() = %q, want %q", got, tc.want)
			}
			if n := utf8.RuneCountInString(got); n > 101 && tc.src.Title == "" {
				t.Errorf("DisplayTitle() is %d code points long", n)
			}
		})
	}
}
