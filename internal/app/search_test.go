package app_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/access/accesstest"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/search"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// searchStore ingests testdata/search — articles written for this test, in
// English and Arabic, naming Sednaya prison as Sednaya, Saydnaya and
// صيدنايا and its jailer as Aws Salloum, Ous Salloum and أوس سلوم — through
// the whole pipeline (extraction and resolution included): the files named
// restricted* at the restricted level, confidential* at the confidential
// one, the rest public. It returns the store, the app and each source's
// file name by id.
func searchStore(t *testing.T, st *store.Store) (*app.App, map[string]string) {
	t.Helper()
	ctx := context.Background()
	a := app.New(st, app.Config{})
	files, err := filepath.Glob(filepath.Join("testdata", "search", "*.txt"))
	if err != nil || len(files) < 12 {
		t.Fatalf("testdata/search: %d files, %v", len(files), err)
	}
	byLevel := map[model.Sensitivity][]string{}
	for _, f := range files {
		level := model.Public
		switch base := filepath.Base(f); {
		case strings.HasPrefix(base, "restricted"):
			level = model.Restricted
		case strings.HasPrefix(base, "confidential"):
			level = model.Confidential
		}
		byLevel[level] = append(byLevel[level], f)
	}
	names := map[string]string{}
	for _, level := range model.Sensitivities() {
		if len(byLevel[level]) == 0 {
			continue
		}
		_, err := a.Ingest(ctx, access.Operator(), byLevel[level], app.IngestOptions{Sensitivity: &level}, func(r app.IngestResult) {
			if r.Err != nil {
				t.Errorf("ingest %s: %v", r.Input, r.Err)
			}
			names[r.Source.ID] = filepath.Base(r.Input)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return a, names
}

// naming lists the test files that name the prison and the jailer, in any
// spelling: what each query must find.
func naming(t *testing.T) (prison, jailer []string) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join("testdata", "search", "*.txt"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		if strings.Contains(text, "Sednaya") || strings.Contains(text, "Saydnaya") || strings.Contains(text, "صيدنايا") {
			prison = append(prison, filepath.Base(f))
		}
		if strings.Contains(text, "Salloum") || strings.Contains(text, "أوس سلوم") {
			jailer = append(jailer, filepath.Base(f))
		}
	}
	return prison, jailer
}

func levelOf(file string) model.Sensitivity {
	switch {
	case strings.HasPrefix(file, "restricted"):
		return model.Restricted
	case strings.HasPrefix(file, "confidential"):
		return model.Confidential
	}
	return model.Public
}

// TestSearchFindsAnEntityInEverySpelling: a query naming the prison or the
// jailer in any spelling or script finds at least 90% of the sources that
// name them and that the viewer may see — in both languages — each source
// once, those with the query's words first, each found through the entity
// saying how it names it; and never a source above the viewer's clearance.
func TestSearchFindsAnEntityInEverySpelling(t *testing.T) {
	prison, jailer := naming(t)
	if len(prison) < 12 || len(jailer) < 6 {
		t.Fatalf("testdata names the prison in %d files and the jailer in %d: too few", len(prison), len(jailer))
	}
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		a, files := searchStore(t, st)
		ctx := context.Background()
		for _, acc := range accesstest.Accounts {
			v := accesstest.Viewer(acc.Name)
			for _, tt := range []struct {
				q    string
				want []string
			}{
				{"Sednaya", prison}, {"Saydnaya", prison}, {"صيدنايا", prison},
				{"Aws Salloum", jailer}, {"Ous Salloum", jailer}, {"أوس سلوم", jailer},
			} {
				res, err := a.Search(ctx, v, app.SearchQuery{Text: tt.q})
				if err != nil {
					t.Fatal(err)
				}
				got := map[string]bool{}
				langs := map[string]bool{}
				for i, src := range res.Sources {
					f := files[src.ID]
					if got[f] {
						t.Errorf("%s, %q: %s twice", acc.Name, tt.q, f)
					}
					got[f] = true
					langs[src.Language] = true
					if !v.CanSee(src.Sensitivity) {
						t.Errorf("%s (cleared for %s), %q: found %s at %s", acc.Name, acc.Clearance, tt.q, f, src.Sensitivity)
					}
					words := containsWords(t, f, tt.q)
					if !words && len(res.Why[src.ID]) == 0 {
						t.Errorf("%s, %q: %s found with neither the words nor a reason", acc.Name, tt.q, f)
					}
					if i > 0 && words && !containsWords(t, files[res.Sources[i-1].ID], tt.q) {
						t.Errorf("%s, %q: %s, which has the words, ranked below %s, which has not", acc.Name, tt.q, f, files[res.Sources[i-1].ID])
					}
				}
				var visible, found int
				for _, f := range tt.want {
					if v.CanSee(levelOf(f)) {
						visible++
						if got[f] {
							found++
						}
					}
				}
				if found*10 < visible*9 {
					t.Errorf("%s, %q: %d of the %d sources naming it (want ≥ 90%%): %v", acc.Name, tt.q, found, visible, keys(got))
				}
				if !langs["en"] || !langs["ar"] {
					t.Errorf("%s, %q: sources in %v only", acc.Name, tt.q, keys(langs))
				}
				for id, why := range res.Why {
					if !slices.ContainsFunc(res.Sources, func(s model.Source) bool { return s.ID == id }) {
						t.Errorf("%s, %q: a reason for %s, which is not in the results", acc.Name, tt.q, id)
					}
					for _, r := range why {
						if r.EntityID == "" || r.As == "" {
							t.Errorf("%s, %q: reason %+v names no entity or spelling", acc.Name, tt.q, r)
						}
					}
				}
			}
		}
	})
}

// containsWords reports whether a test file holds every word of q.
func containsWords(t *testing.T, file, q string) bool {
	b, err := os.ReadFile(filepath.Join("testdata", "search", file))
	if err != nil {
		t.Fatal(err)
	}
	doc := " " + search.Fold(string(b)) + " "
	for _, w := range search.Words(q) {
		if !strings.Contains(doc, " "+w) {
			return false
		}
	}
	return true
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
