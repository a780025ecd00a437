package ar

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/extract"
	"github.com/athar-project/athar/internal/extract/extracttest"
)

var update = flag.Bool("update", false, "rewrite the golden outputs in testdata/golden")

// floors are the corpus figures (F1) below which TestCorpus fails. They sit
// a little under what the extractor reaches, so that a change that makes
// it worse is caught.
var floors = map[string]float64{
	"persons":       0.95,
	"facilities":    0.95,
	"places":        0.95,
	"organizations": 0.90,
	"event facts":   0.88,
}

// heldoutFloors hold for the texts in testdata/heldout, written after the
// rules and never tuned on: they say how the extractor does on text it has
// not seen.
var heldoutFloors = map[string]float64{
	"persons":       0.85,
	"facilities":    0.85,
	"places":        0.85,
	"organizations": 0.85,
	"event facts":   0.70,
}

// heldout7Floors hold for testdata/heldout7: set after its one blind run
// (docs/benchmarks-arabic.md), a little under what it reached.
var heldout7Floors = map[string]float64{
	"persons":       0.90,
	"facilities":    0.90,
	"places":        0.90,
	"organizations": 0.85,
	"event facts":   0.80,
}

func corpusFiles(t testing.TB, dir string, min int) []string {
	files, err := filepath.Glob(filepath.Join(dir, "corpus", "*.txt"))
	if err != nil || len(files) < min {
		t.Fatalf("want at least %d files in %s, have %d (%v)", min, dir, len(files), err)
	}
	sort.Strings(files)
	return files
}

func extractFile(t testing.TB, path string) extract.Result {
	src := readSource(t, path)
	r := extract.Extract(src.text, src.published, "ar")
	r.File = path
	checkSpans(t, path, src.text, r)
	return r
}

// checkSpans fails when a mention or a quote is not the code-point slice of
// the text it says it is.
func checkSpans(t testing.TB, name, text string, r extract.Result) {
	t.Helper()
	check := func(what string, m extract.Mention) {
		got, ok := extract.SliceCP(text, m.Start, m.End)
		if !ok || got != m.Text {
			t.Errorf("%s: %s span [%d,%d) is %q, text says %q", name, what, m.Start, m.End, got, m.Text)
		}
	}
	for _, p := range r.Persons {
		for _, m := range p.Mentions {
			check("person "+p.Name, m)
		}
	}
	for _, es := range [][]extract.Entity{r.Facilities, r.Places, r.Organizations} {
		for _, e := range es {
			for _, m := range e.Mentions {
				check("entity "+e.Name, m)
			}
		}
	}
	for _, d := range r.Dates {
		check("date", d.Mention)
	}
	for _, e := range r.Events {
		check("event "+e.Type, extract.Mention{Text: e.Quote, Start: e.Start, End: e.End})
	}
}

// TestCorpus scores the extractor on the annotated corpus the way
// score-extraction does and fails below the floors. It keeps the golden
// outputs (go test -update rewrites them) and, with
// EXTRACT_PREDICTIONS=FILE, writes the predictions as JSON lines for the
// real scorer.
func TestCorpus(t *testing.T) { scoreDir(t, "testdata", 30, floors, os.Getenv("EXTRACT_PREDICTIONS")) }

// accountPlaceless are the sets annotated before the project took the
// real-article conventions, which give a testimony or a confession the
// facility it tells of; their gold gives none, so the scoring leaves the
// predicted places of those events out. Nor does their gold ever give a
// death in custody the one accused of it (the real-article annotations do:
// "يواجه X تهماً بتعذيب … حيث قضى 58 معتقلاً"), so the perpetrators of
// predicted deaths are left out too.
var accountPlaceless = map[string]bool{"testdata": true, "heldout": true, "heldout2": true, "heldout3": true,
	"heldout4": true, "heldout5": true, "heldout6": true}

// TestHeldout scores the held-out texts; EXTRACT_HELDOUT_PREDICTIONS=FILE
// writes their predictions.
func TestHeldout(t *testing.T) {
	scoreDir(t, filepath.Join("testdata", "heldout"), 10, heldoutFloors, os.Getenv("EXTRACT_HELDOUT_PREDICTIONS"))
}

// TestHeldout2 scores the second held-out set, written after the rules were
// frozen.
func TestHeldout2(t *testing.T) {
	scoreDir(t, filepath.Join("testdata", "heldout2"), 10, heldoutFloors, os.Getenv("EXTRACT_HELDOUT2_PREDICTIONS"))
}

// TestHeldout3 scores the third held-out set: longer pages with their
// noise.
func TestHeldout3(t *testing.T) {
	scoreDir(t, filepath.Join("testdata", "heldout3"), 10, heldoutFloors, os.Getenv("EXTRACT_HELDOUT3_PREDICTIONS"))
}

// TestHeldout4 scores the fourth held-out set.
func TestHeldout4(t *testing.T) {
	scoreDir(t, filepath.Join("testdata", "heldout4"), 10, heldoutFloors, os.Getenv("EXTRACT_HELDOUT4_PREDICTIONS"))
}

// TestHeldout5 scores the fifth held-out set.
func TestHeldout5(t *testing.T) {
	scoreDir(t, filepath.Join("testdata", "heldout5"), 10, heldoutFloors, os.Getenv("EXTRACT_HELDOUT5_PREDICTIONS"))
}

// TestHeldout6 scores the sixth held-out set.
func TestHeldout6(t *testing.T) {
	scoreDir(t, filepath.Join("testdata", "heldout6"), 10, heldoutFloors, os.Getenv("EXTRACT_HELDOUT6_PREDICTIONS"))
}

// TestHeldout7 scores the seventh held-out set, written for the rules for
// real articles (issue 13) in the forms real outlets use and annotated by the
// real-article conventions.
func TestHeldout7(t *testing.T) {
	scoreDir(t, filepath.Join("testdata", "heldout7"), 10, heldout7Floors, os.Getenv("EXTRACT_HELDOUT7_PREDICTIONS"))
}

func scoreDir(t *testing.T, dir string, min int, floors map[string]float64, predFile string) {
	var total extracttest.Figures
	var preds bytes.Buffer
	verbose := os.Getenv("EXTRACT_VERBOSE") != ""
	for _, path := range corpusFiles(t, dir, min) {
		id := strings.TrimSuffix(filepath.Base(path), ".txt")
		r := extractFile(t, path)
		r.File = filepath.Base(path)
		out, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		preds.Write(out)
		preds.WriteByte('\n')
		golden(t, id, r)
		var gold, pred extracttest.Doc
		b, err := os.ReadFile(filepath.Join(dir, "gold", id+".json"))
		if err != nil {
			t.Fatalf("%s: no gold: %v", id, err)
		}
		if err := json.Unmarshal(b, &gold); err != nil {
			t.Fatalf("%s: gold: %v", id, err)
		}
		if err := json.Unmarshal(out, &pred); err != nil {
			t.Fatal(err)
		}
		if accountPlaceless[filepath.Base(dir)] {
			for i, e := range pred.Events {
				if e.Type == extract.EventTestimony || e.Type == extract.EventConfession {
					pred.Events[i].Where = ""
				}
				if e.Type == extract.EventDeathInCustody {
					pred.Events[i].Who = slices.DeleteFunc(e.Who, func(name string) bool {
						return slices.ContainsFunc(r.Events[i].Who, func(p extract.Participant) bool {
							return p.Name == name && p.Role == extract.RolePerpetrator
						})
					})
				}
			}
		}
		fig, notes := extracttest.ScoreDoc(id, gold, pred)
		total.Add(fig)
		if verbose {
			for _, n := range notes {
				t.Log(n)
			}
		}
	}
	if predFile != "" {
		if err := os.WriteFile(predFile, preds.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, row := range total.Rows() {
		t.Logf("%-14s %s", row.Name, row.Counts)
		if floor, ok := floors[row.Name]; ok {
			if _, _, f := row.Counts.PRF(); f < floor {
				t.Errorf("%s F1 %.3f is below its floor %.2f", row.Name, f, floor)
			}
		}
	}
	t.Log(total.Summary())
}

// golden compares a result with testdata/golden/ID.json, or rewrites it
// with -update.
func golden(t *testing.T, id string, r extract.Result) {
	t.Helper()
	b, err := json.MarshalIndent(r, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	b = append(b, '\n')
	path := filepath.Join("testdata", "golden", id+".json")
	if *update {
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Errorf("%s: no golden output (run go test -update): %v", id, err)
		return
	}
	if !bytes.Equal(want, b) {
		t.Errorf("%s: output differs from %s (run go test -update after checking the change)", id, path)
	}
}
