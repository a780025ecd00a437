//go:build peer

package en

// The peer comparison of issue 4: the NER model shipped in
// github.com/jdkato/prose/v2, the extractor a Go user would otherwise pick,
// scored with the same scorer on the same files, and timed beside Athar's.
// It is behind the "peer" build tag so that the ordinary test run does not
// fetch the 32 MB model:
//
//	go test -tags peer -run TestPeer -v ./internal/extract/en/

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jdkato/prose/v2"

	"github.com/athar-project/athar/internal/extract"
	"github.com/athar-project/athar/internal/extract/extracttest"
)

// proseDoc runs prose's NER over text and maps its labels to the annotation
// shape: PERSON → persons, GPE → places, ORG → organizations. prose finds no
// facilities and no events.
func proseDoc(t *testing.T, text string) extracttest.Doc {
	doc, err := prose.NewDocument(text, prose.WithTagging(true), prose.WithSegmentation(true))
	if err != nil {
		t.Fatal(err)
	}
	var d extracttest.Doc
	seen := map[string]bool{}
	for _, e := range doc.Entities() {
		key := e.Label + "\x00" + e.Text
		if seen[key] {
			continue
		}
		seen[key] = true
		it := extracttest.Entity{Name: e.Text}
		switch e.Label {
		case "PERSON":
			d.Persons = append(d.Persons, it)
		case "GPE":
			d.Places = append(d.Places, it)
		case "ORG":
			d.Organizations = append(d.Organizations, it)
		}
	}
	return d
}

func TestPeer(t *testing.T) {
	var files []string
	for _, dir := range []string{"testdata", "testdata/heldout", "testdata/heldout2", "testdata/heldout3"} {
		files = append(files, filesIn(t, dir)...)
	}
	type system struct {
		name    string
		run     func(text string, src source) extracttest.Doc
		total   extracttest.Figures
		elapsed time.Duration
	}
	athar := func(text string, src source) extracttest.Doc {
		r := extract.Extract(text, src.published, "en")
		b, _ := json.Marshal(r)
		var d extracttest.Doc
		json.Unmarshal(b, &d)
		return d
	}
	systems := []*system{{name: "Athar", run: athar}, {name: "prose/v2 NER", run: func(text string, _ source) extracttest.Doc { return proseDoc(t, text) }}}
	for _, path := range files {
		src := readSource(t, path)
		// DIR/corpus/ID.txt is annotated in DIR/gold/ID.json.
		id := strings.TrimSuffix(filepath.Base(path), ".txt")
		gb, err := os.ReadFile(filepath.Join(filepath.Dir(filepath.Dir(path)), "gold", id+".json"))
		if err != nil {
			t.Fatalf("%s: no gold: %v", path, err)
		}
		var gold extracttest.Doc
		if err := json.Unmarshal(gb, &gold); err != nil {
			t.Fatal(err)
		}
		for _, s := range systems {
			start := time.Now()
			pred := s.run(src.text, src)
			s.elapsed += time.Since(start)
			fig, _ := extracttest.ScoreDoc(id, gold, pred)
			s.total.Add(fig)
		}
	}
	for _, s := range systems {
		t.Logf("%s on %d files: %.0f articles/s", s.name, len(files), float64(len(files))/s.elapsed.Seconds())
		for _, row := range s.total.Rows() {
			if row.Name != "events" {
				t.Logf("  %-14s %s", row.Name, row.Counts)
			}
		}
	}
}
