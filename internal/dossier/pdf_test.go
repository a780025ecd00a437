package dossier_test

import (
	"context"
	"fmt"
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
		lang  dossier.Lang
		want  []string
		notes string // the heading of the notes, which begin a page
	}{
		{dossier.English, []string{"Case dossier", "Ous Salloum", "How to check this dossier", "Case timeline", "Allegation",
			"Sources and notes", "SHA-256", "Page 1 of", "Confirmed by review", "unreviewed"}, "Sources and notes"},
		{dossier.Arabic, []string{"ملف قضية", "سلوم", "كيف تتحقق من هذا الملف", "التسلسل الزمني للقضية", "ادعاء",
			"المصادر والحواشي", "SHA-256", "صفحة", "بالمراجعة"}, "المصادر والحواشي"},
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
			// pdftotext ends every page with a form feed.
			pages := strings.Split(strings.TrimSuffix(text, "\f"), "\f")
			if bad := underfilled(pages, tc.notes); bad != "" {
				t.Errorf("the %s PDF has %d pages: %s", tc.lang, len(pages), bad)
			}
			if *dossier.Screenshots {
				dossier.FirstPage(t, out, filepath.Join("..", "..", "docs", "screenshots", "dossier-"+string(tc.lang)))
			}
		})
	}
}

// underfilled says which page of a printed dossier is almost blank, or ""
// when none is. Pages are the text of each page; notes is the heading of
// the notes section, which begins a new page, so that the page before it
// and the last page may end short. Every other page must hold at least
// 40% of the text of the fullest page: the Arabic cover, one box too long
// for its page and followed by a forced page break, used to leave that box
// alone on a second page (a fifth of a page of text, the rest blank).
func underfilled(pages []string, notes string) string {
	size := make([]int, len(pages))
	most := 0
	for i, p := range pages {
		size[i] = len([]rune(strings.Join(strings.Fields(p), "")))
		most = max(most, size[i])
	}
	if most == 0 {
		return "no page has text"
	}
	notesAt := -1
	for i, p := range pages {
		if strings.Contains(p, notes) {
			notesAt = i
			break
		}
	}
	if notesAt < 0 {
		return "no page has the heading " + notes
	}
	for i, n := range size {
		if i == len(pages)-1 || i == notesAt-1 {
			continue
		}
		if n*10 < most*4 {
			return fmt.Sprintf("page %d holds %d characters of text, the fullest %d", i+1, n, most)
		}
	}
	return ""
}
