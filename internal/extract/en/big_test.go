package en

import (
	"strings"
	"testing"
	"time"

	"github.com/athar-project/athar/internal/extract"
)

// TestLongText guards against work that grows faster than the text: long
// reports, and adversarial runs without a full stop, full of names,
// nicknames, pronouns and triggers, must extract in time proportional to
// their length.
func TestLongText(t *testing.T) {
	var corpus strings.Builder
	for corpus.Len() < 300_000 {
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
		inputs["adversarial"+string(rune('1'+i))] = strings.Repeat(a, 300_000/len(a))
	}
	for name, in := range inputs {
		start := time.Now()
		r := extract.Extract(in, DayDateForTest(), "en")
		el := time.Since(start)
		t.Logf("%s: %d bytes in %v (%d persons, %d events)", name, len(in), el, len(r.Persons), len(r.Events))
		if el > 5*time.Second {
			t.Errorf("%s: %d bytes took %v", name, len(in), el)
		}
	}
}
