package export_test

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/export"
	"github.com/athar-project/athar/internal/export/ftm/ftmtest"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/samples"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// samplesStore ingests the project's own sample texts (English and Arabic
// articles, a ministry statement and its syndicated copy, a confidential
// testimony) through the whole pipeline, then confirms every statement, so
// that each export, the public dataset included, holds persons,
// organizations, facilities, places, events and affiliations.
func samplesStore(t *testing.T) *store.Store {
	t.Helper()
	ctx := context.Background()
	st := storetest.Open(t, store.Config{DataDir: t.TempDir()})
	all, paths, err := samples.WriteTo(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	a := app.New(st, app.Config{})
	for i, s := range all {
		_, err := a.Ingest(ctx, access.Operator(), paths[i:i+1], app.IngestOptions{Kind: s.Kind}, func(r app.IngestResult) {
			if r.Outcome == app.Failed {
				t.Errorf("sample %s: %v", s.Name, r.Err)
			}
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	var ids []string
	after := ""
	for {
		page, err := st.EntityPage(ctx, after, 500)
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		stmts, err := st.StatementsOf(ctx, access.Operator(), func() []string {
			var out []string
			for _, e := range page {
				out = append(out, e.ID)
			}
			return out
		}())
		if err != nil {
			t.Fatal(err)
		}
		for _, ss := range stmts {
			for _, s := range ss {
				ids = append(ids, s.ID)
			}
		}
		after = page[len(page)-1].ID
	}
	err = st.Write(ctx, "test", func(tx *store.Tx) error {
		for _, id := range ids {
			if err := tx.Review(ctx, id, model.StatusConfirmed, ""); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// TestExportsPassFtM runs FtM's own model (@alephdata/followthemoney,
// under node) over every export of the samples, for each clearance, and
// over the public dataset: no violation of any kind.
func TestExportsPassFtM(t *testing.T) {
	ftmtest.Available(t)
	st := samplesStore(t)
	ctx := context.Background()
	testimony := confidentialValues(t, st)
	for _, c := range []struct {
		name   string
		viewer access.Viewer
		opt    export.Options
		secret bool // the testimony's values may appear
	}{
		{"operator", access.Operator(), export.Options{}, true},
		{"operator-confirmed", access.Operator(), export.Options{Confirmed: true}, true},
		{"restricted", narrow(t, model.Restricted), export.Options{}, false},
		{"internal", narrow(t, model.Internal), export.Options{}, false},
		{"public", access.Public(), export.Options{Confirmed: true, NoQuotes: true}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			files := exportAll(t, st, c.viewer, c.opt, t.TempDir())
			reports := ftmtest.Check(t, files...)
			if reports[0].Entities == 0 || reports[1].Statements == 0 {
				t.Fatalf("nothing exported: %v", reports)
			}
			leaks(t, files, testimony, c.secret)
		})
	}
	t.Run("public dataset", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "public")
		if err := export.Public(ctx, st, dir); err != nil {
			t.Fatal(err)
		}
		r := ftmtest.Check(t, filepath.Join(dir, export.FTMFile))
		if r[0].Entities == 0 {
			t.Fatal("the public dataset is empty")
		}
		var files []string
		for _, f := range []string{export.FTMFile, export.EntitiesFile, export.StatementsFile, export.SourcesFile} {
			files = append(files, filepath.Join(dir, f))
		}
		leaks(t, files, testimony, false)
	})
}

// confidentialValues are what only the confidential testimony says: its
// title, and the values and quotes of statements that cite it and no
// public source says too.
func confidentialValues(t *testing.T, st *store.Store) []string {
	t.Helper()
	ctx := context.Background()
	srcs, err := st.Sources(ctx, access.Operator(), store.SourceFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var testimony model.Source
	for _, s := range srcs {
		if s.Kind == model.KindTestimony {
			testimony = s
		}
	}
	if testimony.ID == "" || testimony.Sensitivity != model.Confidential {
		t.Fatalf("no confidential testimony among the samples: %+v", testimony)
	}
	var public strings.Builder
	for _, s := range srcs {
		if s.Sensitivity == model.Public {
			full, err := st.Source(ctx, access.Operator(), s.ID)
			if err != nil {
				t.Fatal(err)
			}
			public.WriteString(full.Text + "\n")
		}
	}
	out := []string{testimony.Title, testimony.ID, export.DocumentID(testimony.ID)}
	err = export.Each(ctx, st, access.Operator(), export.Options{}, func(e export.Entity) error {
		if e.Athar == nil {
			return nil
		}
		for _, x := range e.Athar.Statements {
			if x.Source != export.DocumentID(testimony.ID) || x.Quote == "" || strings.Contains(public.String(), x.Quote) {
				continue
			}
			out = append(out, x.Quote)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < 4 {
		t.Fatalf("the testimony gives no statement of its own: %v", out)
	}
	return out
}

// leaks fails when files hold a value of the confidential testimony (or
// hold none when they should).
func leaks(t *testing.T, files, secrets []string, allowed bool) {
	t.Helper()
	var all strings.Builder
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		all.Write(b)
	}
	found := 0
	for _, s := range secrets {
		if strings.Contains(all.String(), s) {
			found++
			if !allowed {
				t.Errorf("the confidential testimony's %q is in the export", s)
			}
		}
	}
	if allowed && found == 0 {
		t.Error("the testimony is missing from an export that may show it")
	}
}

func narrow(t *testing.T, c model.Sensitivity) access.Viewer {
	v, err := access.Operator().Narrow(c)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// exportAll writes every export the viewer may make into dir and returns
// the files FtM's model should accept.
func exportAll(t *testing.T, st *store.Store, v access.Viewer, opt export.Options, dir string) []string {
	t.Helper()
	ctx := context.Background()
	write := func(name string, fn func(*bufio.Writer) error) string {
		path := filepath.Join(dir, name)
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		w := bufio.NewWriter(f)
		if err := fn(w); err != nil {
			t.Fatal(err)
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		f.Close()
		return path
	}
	return []string{
		write("entities.ftm.json", func(w *bufio.Writer) error { return export.WriteFTM(ctx, st, v, opt, w) }),
		write("statements.json", func(w *bufio.Writer) error { return export.WriteStatements(ctx, st, v, opt, w) }),
		write("statements.csv", func(w *bufio.Writer) error { return export.WriteStatementsCSV(ctx, st, v, opt, w) }),
	}
}
