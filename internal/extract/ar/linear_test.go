package ar

import (
	"strings"
	"testing"
	"time"

	"github.com/athar-project/athar/internal/model"
)

// TestLinearTime checks that adversarial inputs (a long text of one repeated
// word, a name, quotes, dates) take time in proportion to their length.
func TestLinearTime(t *testing.T) {
	units := []string{"«أبو علي» ", "محمد ", "العقيد أحمد سلوم ", "القبض على أوس سلوم ", "فرع 215 ", "١٢ آذار ٢٠١٣ ",
		"و", "«", "سجن صيدنايا ", "قال محمد علي إن ", "حي ", "a ", "\u200f", "الملقب بـ«x» ", "عزرائيل ", "مثل "}
	for _, u := range units {
		small := strings.Repeat(u, 500)
		big := strings.Repeat(u, 5000)
		t0 := time.Now()
		Extract(small, model.DayDate(2025, 1, 1))
		d1 := time.Since(t0)
		t0 = time.Now()
		Extract(big, model.DayDate(2025, 1, 1))
		d2 := time.Since(t0)
		if d2 > 40*d1+50*time.Millisecond {
			t.Errorf("%q: 500 repeats %v, 5000 repeats %v: not linear", u, d1, d2)
		}
	}
}
