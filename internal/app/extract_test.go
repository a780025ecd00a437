package app

import (
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/benchgen"
	"github.com/athar-project/athar/internal/extract"
	"github.com/athar-project/athar/internal/model"
)

// A text longer than a segment is extracted a segment at a time: every span
// of what was found still points at its words in the whole text, and a name
// found in several segments is one person with the mentions of all.
func TestExtractLongKeepsSpans(t *testing.T) {
	var b strings.Builder
	for i := 0; b.Len() < 2*SegmentText+SegmentText/3; i++ {
		a := benchgen.Article(i)
		if j := strings.Index(a, "---\n"); j >= 0 {
			a = a[j+4:]
		}
		b.WriteString(a + "\n\nقال الشاهد إنه احتُجز في صيدنايا.\n\n")
	}
	text := b.String()
	runes := []rune(text)
	r := extractLong(text, model.Date{}, "en")
	check := func(what string, start, end int, quote string) {
		t.Helper()
		if start < 0 || end > len(runes) || start > end || string(runes[start:end]) != quote {
			t.Fatalf("%s %q at [%d,%d) is not in the text", what, quote, start, end)
		}
	}
	late := 0
	names := map[string]bool{}
	for _, p := range r.Persons {
		if names[p.Name] {
			t.Errorf("%q is two persons", p.Name)
		}
		names[p.Name] = true
		for _, m := range p.Mentions {
			check("person", m.Start, m.End, m.Text)
			if m.Start > len(runes)/2 {
				late++
			}
		}
	}
	for _, es := range [][]extract.Entity{r.Facilities, r.Places, r.Organizations} {
		for _, e := range es {
			for _, m := range e.Mentions {
				check(e.Name, m.Start, m.End, m.Text)
			}
		}
	}
	for _, ev := range r.Events {
		check("event", ev.Start, ev.End, ev.Quote)
	}
	if len(r.Persons) == 0 || len(r.Events) == 0 || late == 0 {
		t.Errorf("%d persons, %d events, %d mentions in the second half", len(r.Persons), len(r.Events), late)
	}
	if end := segmentEnd(text); end > SegmentText || !strings.HasSuffix(text[:end], "\n\n") {
		t.Errorf("the first segment ends at %d, %q", end, text[max(end-10, 0):end])
	}
}
