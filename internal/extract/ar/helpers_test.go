package ar

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

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

// TestPrint prints one file's extraction: EXTRACT_FILE=path go test -run TestPrint -v.

// eventsTyped returns eventsOf(text) for the events of the given types
// only, in order; with no type given, every event.
func eventsTyped(text string, types ...string) []string {
	var out []string
	for _, e := range eventsOf(text) {
		typ, _, _ := strings.Cut(e, "|")
		if len(types) == 0 || slices.Contains(types, typ) {
			out = append(out, e)
		}
	}
	return out
}

// hasEvent reports whether text gives an event of type typ with person
// among its participants (any event of typ when person is ""), and every
// event text gives, for a failure's message.
func hasEvent(text, typ, person string) (bool, []string) {
	all := eventsOf(text)
	for _, e := range all {
		parts := strings.Split(e, "|")
		if parts[0] != typ {
			continue
		}
		if person == "" || slices.Contains(strings.Split(parts[1], ","), person) {
			return true, all
		}
	}
	return false, all
}

// checkEvents fails t unless the events of the given types (every event
// when none is given) that text gives are want, in order.
func checkEvents(t *testing.T, name, text string, want []string, types ...string) {
	t.Helper()
	if got := eventsTyped(text, types...); !slices.Equal(got, want) {
		t.Errorf("%s: %q\n got %q\nwant %q", name, text, got, want)
	}
}
