package dossier_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/dossier"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/samples"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// Made through the application layer (which imports this package, so
// the test is outside it), as athar export dossier makes it.

// TestDossierPDF prints the dossier of the demo's Ous Salloum in both
// languages. With -screenshots it writes the first page of each to
// docs/screenshots/dossier-LANG.png.
func TestDossierPDF(t *testing.T) {
	dossier.Chromium(t)
	ctx := context.Background()
	st := storetest.Open(t, store.Config{DataDir: t.TempDir()})
	all, paths, err := samples.WriteTo(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	a := app.New(st, app.Config{})
	for i, smp := range all {
		_, err := a.Ingest(ctx, access.Operator(), paths[i:i+1], app.IngestOptions{Kind: smp.Kind}, func(res app.IngestResult) {
			if res.Outcome == app.Failed {
				t.Errorf("sample %s: %v", smp.Name, res.Err)
			}
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	persons, err := st.Entities(ctx, access.Operator(), model.TypePerson)
	if err != nil {
		t.Fatal(err)
	}
	id := ""
	for _, p := range persons {
		for _, n := range p.Names {
			if n == "Ous Salloum" {
				id = p.ID
			}
		}
	}
	if id == "" {
		t.Fatalf("the samples have no Ous Salloum: %v", persons)
	}
	m := a.Dossiers(nil)
	for _, tc := range []struct {
		lang dossier.Lang
		want []string
	}{
		{dossier.English, []string{"Case dossier", "Ous Salloum", "How to check this dossier", "Case timeline", "Allegation",
			"Sources and notes", "SHA-256", "Page 1 of", "Confirmed by review", "unreviewed"}},
		{dossier.Arabic, []string{"ملف قضية", "سلوم", "كيف تتحقق من هذا الملف", "التسلسل الزمني للقضية", "ادعاء",
			"المصادر والحواشي", "SHA-256", "صفحة", "بالمراجعة"}},
	} {
		t.Run(string(tc.lang), func(t *testing.T) {
			d, err := m.Make(ctx, access.Operator(), id, tc.lang)
			if err != nil {
				t.Fatal(err)
			}
			out, err := d.PDF(ctx)
			if err != nil {
				t.Fatal(err)
			}
			text := dossier.PDFToText(t, out)
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("the %s PDF lacks %q", tc.lang, w)
				}
			}
			if *dossier.Screenshots {
				dossier.FirstPage(t, out, filepath.Join("..", "..", "docs", "screenshots", "dossier-"+string(tc.lang)))
			}
		})
	}
}
