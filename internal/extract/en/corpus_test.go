package en

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/extract"
	"github.com/athar-project/athar/internal/extract/extracttest"
)

var update = flag.Bool("update", false, "rewrite the golden outputs in testdata/golden")

// floors are the corpus F1 figures below which the test fails.
//
// The event-facts floors were lowered (0.78 to 0.74 here, 0.65 to 0.62 for
// the held-out sets) when the extractor was brought to real published
// articles (issue 13) and their annotation conventions, which these texts
// predate: a body that announces an arrest now makes a statement about the
// person (this gold lists none), and an event that names nobody is dropped
// unless its sentence describes one unnamed person (this gold lists many
// such events, most from generic background). On the real articles those
// two changes raised event-fact precision from 0.44 to above 0.80.
//
// It was lowered again (0.74 to 0.72) in the second round of issue 13,
// which followed the real-article conventions further: a witness's account
// takes the facility it is about (testimony and torture the account tells
// of, though its sentence names no place), and a statement or an account
// lists the persons what is said is about. This gold gives testimony no
// place and a statement only its speaker; none of its facts was lost.
var floors = map[string]float64{
	"persons":       0.95,
	"facilities":    0.95,
	"places":        0.95,
	"organizations": 0.90,
	"event facts":   0.72,
}

func corpusFiles(t testing.TB) []string { return filesIn(t, "testdata") }

func filesIn(t testing.TB, dir string) []string {
	files, err := filepath.Glob(filepath.Join(dir, "corpus", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus: %v", err)
	}
	sort.Strings(files)
	return files
}

func extractFile(t testing.TB, path string) extract.Result {
	src := readSource(t, path)
	r := extract.Extract(src.text, src.published, "en")
	r.File = path
	checkSpans(t, path, src.text, r)
	return r
}

// checkSpans fails when a mention or quote is not the code-point slice of
// the text it claims to be.
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
	for _, e := range r.Events {
		check("event "+e.Type, extract.Mention{Text: e.Quote, Start: e.Start, End: e.End})
	}
}

// TestCorpus scores the extractor on the annotated corpus like the
// project's scorer and fails when a figure drops below its floor. It also
// keeps the golden outputs (go test -update rewrites them) and, with
// EXTRACT_PREDICTIONS=FILE, writes the predictions as JSON lines for
// score-extraction.
func TestCorpus(t *testing.T) { scoreDir(t, "testdata", floors) }

// heldoutFloors are lower: the held-out texts were written after the rules
// and are not tuned on.
var heldoutFloors = map[string]float64{
	"persons":       0.85,
	"facilities":    0.70,
	"places":        0.85,
	"organizations": 0.80,
	"event facts":   0.62,
}

// TestHeldout scores the texts kept out of rule development. Each set was
// written after the rules of its time and scored once (those first runs are
// the unseen figures in docs/benchmarks-extraction.md); heldout/ and
// heldout2/ then served to find general faults, heldout3/ did so for a
// final round only. heldout4/ was written for issue 13 in the style of real
// published articles (datelines, bylines, quotations, announcements,
// initials) and annotated by the real-article conventions before the
// extractor first ran on it; its first run is recorded in
// docs/benchmarks-extraction.md.
func TestHeldout(t *testing.T) {
	for _, dir := range []string{"heldout", "heldout2", "heldout3", "heldout4"} {
		t.Run(dir, func(t *testing.T) { scoreDir(t, filepath.Join("testdata", dir), heldoutFloors) })
	}
}

// news1Floors are for testdata/news1: fourteen news-style texts written
// for the project by another engineer in the genres of the real
// development articles (survivors' accounts, trials abroad, announcements,
// registry death notices), annotated by the real-article conventions and
// first used as a blind set. The floors sit a little below the figures of
// round 2 of issue 13 (extractor version 3: persons 0.962, facilities
// 0.909, places 0.959, organizations 0.869, event facts 0.671 with
// precision 0.812), so that a rule which helps the real articles but breaks
// these shows; event facts also keep a precision floor, since a wrong fact
// about a person is the worst error.
var news1Floors = map[string]float64{
	"persons":       0.92,
	"facilities":    0.85,
	"places":        0.92,
	"organizations": 0.82,
	"event facts":   0.62,
	"event facts P": 0.77,
}

// TestNews1 scores testdata/news1 (see its README.md) and keeps its golden
// outputs beside the others.
func TestNews1(t *testing.T) { scoreDir(t, filepath.Join("testdata", "news1"), news1Floors) }

func scoreDir(t *testing.T, dir string, floors map[string]float64) {
	var total extracttest.Figures
	var preds bytes.Buffer
	verbose := os.Getenv("EXTRACT_VERBOSE") != ""
	for _, path := range filesIn(t, dir) {
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
		gb, err := os.ReadFile(filepath.Join(dir, "gold", id+".json"))
		if err != nil {
			t.Errorf("%s: no gold: %v", id, err)
			continue
		}
		var gold, pred extracttest.Doc
		if err := json.Unmarshal(gb, &gold); err != nil {
			t.Fatalf("%s gold: %v", id, err)
		}
		if err := json.Unmarshal(out, &pred); err != nil {
			t.Fatal(err)
		}
		fig, notes := extracttest.ScoreDoc(id, gold, pred)
		total.Add(fig)
		if verbose {
			for _, n := range notes {
				t.Log(n)
			}
		}
	}
	if p := os.Getenv("EXTRACT_PREDICTIONS"); p != "" {
		p = strings.ReplaceAll(p, "DIR", filepath.Base(dir))
		if err := os.WriteFile(p, preds.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, row := range total.Rows() {
		t.Logf("%-14s %s", row.Name, row.Counts)
		p, _, f := row.Counts.PRF()
		if floor, ok := floors[row.Name]; ok && f < floor {
			t.Errorf("%s F1 %.3f is below the floor %.2f", row.Name, f, floor)
		}
		if floor, ok := floors[row.Name+" P"]; ok && p < floor {
			t.Errorf("%s precision %.3f is below the floor %.2f", row.Name, p, floor)
		}
	}
	t.Log(total.Summary())
}

// golden compares (or with -update rewrites) the full output for a file.
func golden(t *testing.T, id string, r extract.Result) {
	t.Helper()
	r.File = id + ".txt"
	b, err := json.MarshalIndent(r, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	b = append(b, '\n')
	path := filepath.Join("testdata/golden", id+".json")
	if *update {
		if err := os.MkdirAll("testdata/golden", 0o755); err != nil {
			t.Fatal(err)
		}
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
		t.Errorf("%s: output differs from %s (go test -update rewrites it after review)", id, path)
	}
}
