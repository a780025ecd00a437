package extract

import (
	"testing"

	"github.com/athar-project/athar/internal/gazetteer"
	"github.com/athar-project/athar/internal/model"
)

// FuzzTokenizeDates checks that tokens, dates and gazetteer matches stay
// inside the text and in order, whatever the input.
func FuzzTokenizeDates(f *testing.F) {
	f.Add("On August 23, the Interior Ministry; 3rd of Jan. 2025 — in al-Qabu, Homs")
	f.Add("2025-13-45 30 February 2025 yesterday last week 12 days ago")
	f.Add("\u200fحمص\u200e ١٢ كانون")
	g := gazetteer.Default()
	f.Fuzz(func(t *testing.T, s string) {
		toks := Tokenize(s)
		last := 0
		for _, tk := range toks {
			if tk.Start < last || tk.End <= tk.Start || tk.End > len(s) {
				t.Fatalf("token [%d,%d) out of order or bounds (len %d)", tk.Start, tk.End, len(s))
			}
			last = tk.End
		}
		for _, r := range FindDates(s, toks, testLex, model.DayDate(2025, 1, 3)) {
			if r.Start < 0 || r.End > len(s) || s[r.Start:r.End] != r.Text {
				t.Fatalf("date %+v does not match the text", r)
			}
		}
		for _, m := range FindGazetteer(toks, g) {
			if m.Start < 0 || m.End > len(s) || m.Start >= m.End || len(m.Hits) == 0 {
				t.Fatalf("gazetteer match %+v out of bounds", m)
			}
		}
		tx := NewText(s)
		for i := 0; i <= len(s); i += 7 {
			if c := tx.CP(i); c < 0 || c > len([]rune(s)) {
				t.Fatalf("CP(%d) = %d", i, c)
			}
		}
	})
}
