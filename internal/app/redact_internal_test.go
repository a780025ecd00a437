package app

import (
	"testing"

	"github.com/athar-project/athar/internal/model"
)

// Phrases are found folded as search folds — case, accents, Arabic letter
// variants and marks, runs of spaces — and the span covers the marks that
// follow the last letter.
func TestFindPhrase(t *testing.T) {
	for _, c := range []struct {
		text, phrase string
		want         []string
	}{
		{"Yazan Khouri and YAZAN  KHOURI.", "yazan khouri", []string{"Yazan Khouri", "YAZAN  KHOURI"}},
		{"Abu Salloûm spoke", "salloum", []string{"Salloûm"}},
		{"قال الشاهد إنّ محمّدٌ الأحمد كان هناك", "محمد الاحمد", []string{"محمّدٌ الأحمد"}},
		{"وفاطمة كانت معه، فاطمه", "فاطمة", []string{"فاطمة", "فاطمه"}},
		{"no such name", "Khouri", nil},
	} {
		text := []rune(c.text)
		spans, err := findPhrase(text, c.phrase)
		if err != nil {
			t.Fatalf("%q in %q: %v", c.phrase, c.text, err)
		}
		var got []string
		for _, s := range spans {
			got = append(got, string(text[s.Start:s.End]))
		}
		if len(got) != len(c.want) {
			t.Errorf("%q in %q: %q, want %q", c.phrase, c.text, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%q in %q: %q, want %q", c.phrase, c.text, got, c.want)
			}
		}
	}
	if _, err := findPhrase([]rune("text"), " \u0640 "); err == nil {
		t.Error("a phrase that folds to nothing is accepted")
	}
}

func TestMergeAndRedact(t *testing.T) {
	text := []rune("0123456789")
	spans := mergeSpans([]model.Span{{Start: 6, End: 8}, {Start: 1, End: 3}, {Start: 2, End: 4}, {Start: 8, End: 9}})
	if got := model.FormatSpans(spans); got != "1:4,6:9" {
		t.Errorf("merged %s, want 1:4,6:9", got)
	}
	if got := redactRunes(text, spans); got != "0"+model.RedactionMark+"45"+model.RedactionMark+"9" {
		t.Errorf("redacted %q", got)
	}
}
