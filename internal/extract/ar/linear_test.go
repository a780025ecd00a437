package ar

import (
	"runtime"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/model"
)

// TestLinearTime checks that adversarial inputs (a long text of one repeated
// word, a name, quotes, dates) cost work in proportion to their length.
// Work is measured as bytes allocated, which does not depend on the machine
// or its load (speed is the benchmarks' business): ten times the text may
// cost at most twenty times the allocation (linear gives ten, quadratic a
// hundred).
func TestLinearTime(t *testing.T) {
	units := []string{"«أبو علي» ", "محمد ", "العقيد أحمد سلوم ", "القبض على أوس سلوم ", "فرع 215 ", "١٢ آذار ٢٠١٣ ",
		"و", "«", "سجن صيدنايا ", "قال محمد علي إن ", "حي ", "a ", "\u200f", "الملقب بـ«x» ", "عزرائيل ", "مثل "}
	Extract("تحميل القوائم مرة واحدة", model.DayDate(2025, 1, 1)) // lexicons and gazetteers load once
	for _, u := range units {
		small := strings.Repeat(u, 500)
		big := strings.Repeat(u, 5000)
		d1 := allocated(func() { Extract(small, model.DayDate(2025, 1, 1)) })
		d2 := allocated(func() { Extract(big, model.DayDate(2025, 1, 1)) })
		if d2 > 20*d1+1<<20 {
			t.Errorf("%q: 500 repeats allocated %d bytes, 5000 repeats %d: not linear", u, d1, d2)
		}
	}
}

// allocated returns the bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}
