package en

import (
	"runtime"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/extract"
)

// TestLongText guards against work that grows faster than the text: long
// reports, and adversarial runs without a full stop, full of names,
// nicknames, pronouns and triggers, must extract with work in proportion to
// their length. Work is measured as bytes allocated, which does not depend
// on the machine or its load (speed itself is a benchmark's business): four
// times the text may cost at most eight times the allocation (linear work
// gives about four, quadratic sixteen).
func TestLongText(t *testing.T) {
	var corpus strings.Builder
	for corpus.Len() < 120_000 {
		for _, f := range corpusFiles(t) {
			corpus.WriteString(readSource(t, f).text)
			corpus.WriteString("\n\n")
		}
	}
	adversarial := []string{
		"Col. Ous Salloum, also known as “Azrael of Sednaya”, was arrested and tortured, he said, and Salloum’s real name is Ahmad Ali and ",
		"al- Abu Umm Abd “X” known as the prison the branch he him she said confessed died in custody ",
		"Mazen Hussein Ali Omar Khaled Salloum Hassan Issa Haddad ",
		"in the village of Al-Qabu in Homs in Hama in Sednaya prison on Thursday yesterday last month ",
	}
	inputs := map[string]string{"corpus": corpus.String()}
	for i, a := range adversarial {
		inputs["adversarial"+string(rune('1'+i))] = strings.Repeat(a, 120_000/len(a))
	}
	extract.Extract("Warm up: lexicons and gazetteers load once.", DayDateForTest(), "en")
	for name, in := range inputs {
		quarter := in[:len(in)/4]
		small := allocated(func() { extract.Extract(quarter, DayDateForTest(), "en") })
		big := allocated(func() { extract.Extract(in, DayDateForTest(), "en") })
		t.Logf("%s: %d bytes allocated for %d bytes of text, %d for %d", name, small, len(quarter), big, len(in))
		if big > 8*small+1<<20 {
			t.Errorf("%s: 4× the text allocated %.1f× as much: work grows faster than the text", name, float64(big)/float64(small))
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
