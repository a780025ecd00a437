package en

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/extract"
	"github.com/athar-project/athar/internal/ingest"
	"github.com/athar-project/athar/internal/model"
)

// source is a test file as ingest reads it.
type source struct {
	name      string
	text      string
	published model.Date
}

// readSource reads a test file with internal/ingest, as ingest and
// athar extract do (header block, title, datelines), so the tests score the
// text the product extracts from.
func readSource(t testing.TB, path string) source {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := ingest.Parse(ingest.Input{Name: path, Data: b}, ingest.Options{})
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return source{name: strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)), text: doc.Text, published: doc.Published}
}

func DayDateForTest() model.Date { return model.DayDate(2025, 6, 1) }

// hasEvent extracts text as published on pub and tells whether it yields an
// event of type typ with person among its participants; person "" asks for
// any event of the type. got lists every event found, for the message of a
// failing test.
func hasEvent(text string, pub model.Date, typ, person string) (found bool, got []string) {
	r := Extract(text, pub)
	for _, e := range r.Events {
		got = append(got, eventLine(e))
		if e.Type != typ {
			continue
		}
		if person == "" {
			found = true
		}
		for _, w := range e.Who {
			if w.Name == person {
				found = true
			}
		}
	}
	return found, got
}

// runReadingCases runs each case as a subtest: its event must be found, or
// must not be when the case says not.
func runReadingCases(t *testing.T, cases []readingCase) {
	t.Helper()
	pub := model.DayDate(2025, 3, 8)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			found, got := hasEvent(c.text, pub, c.typ, c.person)
			if found == c.not {
				t.Errorf("%s: %s of %q found %v, want %v; got:\n  %s", c.text, c.typ, c.person, found, !c.not, strings.Join(got, "\n  "))
			}
		})
	}
}

// checkPersons reports each name of want that the persons extracted from
// text lack, and each name of not that they hold.
func checkPersons(t *testing.T, text string, want, not []string) {
	t.Helper()
	var got []string
	for _, p := range Extract(text, model.DayDate(2025, 3, 8)).Persons {
		got = append(got, p.Name)
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("%s: missing person %q; got %q", text, w, got)
		}
	}
	for _, n := range not {
		if slices.Contains(got, n) {
			t.Errorf("%s: %q is no person; got %q", text, n, got)
		}
	}
}

// checkEventField reports an event of type typ extracted from text whose
// field (its place, its date: "" for none) is not want, or none of that type.
func checkEventField(t *testing.T, text, typ, what, want string, field func(extract.Event) *string) {
	t.Helper()
	found := false
	for _, e := range Extract(text, model.DayDate(2025, 3, 8)).Events {
		if e.Type != typ {
			continue
		}
		found = true
		got := ""
		if v := field(e); v != nil {
			got = *v
		}
		if got != want {
			t.Errorf("%s: %s %s %q, want %q", text, typ, what, got, want)
		}
	}
	if !found {
		t.Errorf("%s: no %s", text, typ)
	}
}
