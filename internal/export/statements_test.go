package export

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/export/ftm"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

var (
	sha1RE  = regexp.MustCompile(`"[0-9a-f]{40}"`)
	stampRE = regexp.MustCompile(`"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d"`)
)

func TestStatements(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		s := seed(t, st)
		var buf bytes.Buffer
		if err := WriteStatements(context.Background(), st, access.Operator(), Options{}, &buf); err != nil {
			t.Fatal(err)
		}
		// Every line is an FtM statement of a schema and property FtM has,
		// and every Athar statement of the entity export is in it once:
		// as a line of its own, or on its entity's "id" line.
		ids := map[string]int{}
		sc := bufio.NewScanner(&buf)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			var x FtMStatement
			if err := json.Unmarshal(sc.Bytes(), &x); err != nil {
				t.Fatal(err)
			}
			if x.Dataset != Dataset || x.CanonicalID == "" || x.EntityID == "" || x.Value == "" || x.ID == "" || x.Schema == "" {
				t.Errorf("incomplete statement %s", sc.Text())
			}
			if x.Prop != "id" && (ftm.Default().Schema(x.Schema) == nil || ftm.Default().Schema(x.Schema).Property(x.Prop) == nil) {
				t.Errorf("FtM %s has no property %s", x.Schema, x.Prop)
			}
			if x.Prop == "id" && x.Value != x.CanonicalID {
				t.Errorf("id statement of %s has value %s", x.CanonicalID, x.Value)
			}
			if x.Athar != nil && !x.Athar.Derived && x.Prop != "id" {
				ids[x.ID]++
			}
			if x.Prop == "id" && x.Athar != nil {
				for _, y := range x.Athar.Statements {
					ids[y.ID]++
				}
			}
			if x.EntityID != x.CanonicalID && x.EntityID != s.merged {
				t.Errorf("statement %s made about %s, canonical %s", x.ID, x.EntityID, x.CanonicalID)
			}
		}
		want := 0
		for _, e := range collect(t, st, access.Operator(), Options{}) {
			if e.Athar == nil {
				continue
			}
			for _, x := range e.Athar.Statements {
				want++
				if ids[x.ID] != 1 {
					t.Errorf("statement %s (%s) appears %d times", x.ID, x.Property, ids[x.ID])
				}
			}
		}
		if len(ids) != want {
			t.Errorf("%d statements, want %d", len(ids), want)
		}
		buf.Reset()
		if err := WriteStatements(context.Background(), st, access.Operator(), Options{}, &buf); err != nil {
			t.Fatal(err)
		}
		out := stampRE.ReplaceAllString(sha1RE.ReplaceAllString(stableIDs(buf.String()), `"sha1"`), `"TIME"`)
		golden(t, "testdata/golden/operator.statements.json", out)
		// The public viewer's statements hold nothing the public may not see.
		buf.Reset()
		if err := WriteStatements(context.Background(), st, access.Public(), Options{Confirmed: true, NoQuotes: true}, &buf); err != nil {
			t.Fatal(err)
		}
		for _, v := range []string{witnessName, testimonyText, internalTitle, proposedAlias, rejectedName, pubQuote} {
			if strings.Contains(buf.String(), v) {
				t.Errorf("%q in the public statements", v)
			}
		}
	})
}

func TestCSVExport(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		s := seed(t, st)
		dir := t.TempDir()
		var all string
		for _, c := range []struct {
			name   string
			viewer access.Viewer
			opt    Options
			absent []string
		}{
			{"operator", access.Operator(), Options{}, []string{rejectedName}},
			{"internal", mustNarrow(t, model.Internal), Options{}, []string{rejectedName, witnessName, testimonyText, "Testimony 7"}},
			{"public", access.Public(), Options{}, []string{rejectedName, witnessName, testimonyText, internalTitle, proposedAlias, onlyProposed, "Internal memo"}},
			{"confirmed", access.Operator(), Options{Confirmed: true}, []string{rejectedName, proposedAlias, onlyProposed}},
		} {
			out := filepath.Join(dir, c.name)
			if err := WriteCSV(context.Background(), st, c.viewer, c.opt, out); err != nil {
				t.Fatal(err)
			}
			got := ""
			for _, f := range []string{EntitiesFile, StatementsFile} {
				b, err := os.ReadFile(filepath.Join(out, f))
				if err != nil {
					t.Fatal(err)
				}
				got += "== " + f + "\n" + string(b)
			}
			for _, v := range c.absent {
				if strings.Contains(got, v) {
					t.Errorf("%s: %q in the CSV export", c.name, v)
				}
			}
			if c.name == "operator" {
				all = got
			}
		}
		for _, v := range []string{pubQuote, "https://news.example/a", "Arrests in Damascus", s.merged, "subject", "alleged"} {
			if !strings.Contains(all, v) {
				t.Errorf("%q missing from the operator's CSV export", v)
			}
		}
		golden(t, "testdata/golden/operator.csv.txt", stableIDs(all))
		if err := WriteCSV(context.Background(), st, access.Operator(), Options{}, filepath.Join(dir, "operator")); err == nil {
			t.Error("a CSV export into a non-empty folder")
		}
	})
}
