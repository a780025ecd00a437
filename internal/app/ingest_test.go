package app_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/search"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/pgtest"
	"github.com/athar-project/athar/internal/store/storetest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	pgtest.Stop()
	os.Exit(code)
}

// paragraphs of an article written for this test.
var paragraphs = []string{
	"The Ministry of Interior announced on Saturday the arrest of three former guards of Sednaya Prison in the countryside of Homs, after weeks of surveillance by the internal security forces.",
	"According to the ministry, the men had tried to cross into Lebanon with forged identity papers, and were detained at a checkpoint near the border crossing of Jdeidet Yabous.",
	"Survivors of the prison have accused the three of beating detainees during the night counts and of taking part in the transfer of prisoners to the execution rooms in the red building.",
	"The ministry said the suspects confessed during questioning and would be referred to the judiciary, and it called on citizens to report others who took part in abuses at the facility.",
	"Rights groups welcomed the arrests but urged the new authorities to guarantee fair trials, to preserve the evidence found in the prison archives, and to inform families of the missing.",
	"Tens of thousands of people passed through Sednaya between 2011 and 2024, and many of them remain missing, according to figures collected by Syrian documentation groups over the years.",
}

func write(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestNearCopiesAreLinkedToTheOriginal(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		dir := t.TempDir()
		original := write(t, dir, "1_original.txt", "Title: Three former Sednaya guards arrested\nPublisher: Wire A\n---\n"+strings.Join(paragraphs, "\n\n"))
		syndicated := write(t, dir, "2_syndicated.txt", "Title: Ex-guards of Sednaya detained near Lebanese border\nPublisher: Outlet B\n---\n"+
			strings.Join(paragraphs, "\n\n")+"\n\n(Outlet B, with agencies)")
		shortened := write(t, dir, "3_shortened.txt", "Title: Sednaya guards held\nPublisher: Outlet C\n---\n"+strings.Join(paragraphs[:3], "\n\n"))
		copyOfCopy := write(t, dir, "4_copy_of_copy.txt", "Title: Ex-guards detained\nPublisher: Outlet D\n---\n"+strings.Join(paragraphs, "\n\n")+"\n\n(Outlet D)")
		independent := write(t, dir, "5_independent.txt", "Title: Arrests in Homs countryside\nPublisher: Outlet E\n---\n"+
			"Three men who worked as jailers at Sednaya were caught on Saturday west of Homs, security sources told our correspondent. "+
			"They were carrying false documents and hoped to reach Lebanon. Former inmates say the three took part in beatings and in moving prisoners to be killed. "+
			"Officials said the men admitted their roles and will face the courts. Human rights organizations asked for fair trials and for the archives of the prison to be protected.")

		var results []app.IngestResult
		_, err := app.New(st, app.Config{}).Ingest(context.Background(), access.Operator(), []string{original, syndicated, shortened, copyOfCopy, independent},
			app.IngestOptions{}, func(r app.IngestResult) { results = append(results, r) })
		if err != nil {
			t.Fatal(err)
		}
		orig := results[0].Source.ID
		for i, want := range []string{"", orig, orig, orig, ""} {
			r := results[i]
			if r.Outcome != app.Stored {
				t.Fatalf("%s: %s %v", r.Input, r.Outcome, r.Err)
			}
			if r.DuplicateOf != want {
				t.Errorf("%s: near-copy of %q, want %q", filepath.Base(r.Input), r.DuplicateOf, want)
			}
		}
		got, err := st.Source(context.Background(), access.Operator(), results[1].Source.ID)
		if err != nil || got.DuplicateOf != orig || got.Similarity < 0.5 {
			t.Errorf("stored link: %+v, %v", got, err)
		}
		if r, err := st.Verify(context.Background()); err != nil || !r.OK {
			t.Errorf("verify: %v %v", r.Problems, err)
		}
	})
}

func TestSensitivityDefaultsAndWhoMayLowerThem(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		dir := t.TempDir()
		p := write(t, dir, "w.txt", "I was held in the red building. The guard beat us at night.")
		analyst := access.ForUser(model.User{Name: "ana", Role: model.RoleAnalyst, Clearance: model.Confidential})
		public := model.Public
		a := app.New(st, app.Config{})
		_, err := a.Ingest(ctx, analyst, []string{p}, app.IngestOptions{Kind: model.KindTestimony, Sensitivity: &public}, func(app.IngestResult) {})
		if app.KindOf(err) != app.Forbidden || !strings.Contains(err.Error(), "only an admin") {
			t.Errorf("an analyst stored a testimony as public: %v", err)
		}
		var res app.IngestResult
		if _, err := a.Ingest(ctx, analyst, []string{p}, app.IngestOptions{Kind: model.KindTestimony}, func(r app.IngestResult) { res = r }); err != nil {
			t.Fatal(err)
		}
		src, err := st.Source(ctx, access.Operator(), res.Source.ID)
		if err != nil || src.Sensitivity != model.Confidential || src.Kind != model.KindTestimony || src.AddedBy != "ana" {
			t.Errorf("testimony stored as %+v, %v", src, err)
		}
		viewer := access.ForUser(model.User{Name: "vic", Role: model.RoleViewer, Clearance: model.Confidential})
		if _, err := a.Ingest(ctx, viewer, []string{p}, app.IngestOptions{}, func(app.IngestResult) {}); app.KindOf(err) != app.Forbidden {
			t.Error("a viewer ingested a source")
		}
	})
}

func TestExpand(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"b.txt", "a.txt", "sub/c.html", ".git/x", "sub/.hidden"} {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("x"), 0o644)
	}
	got, failed := app.Expand([]string{dir, "https://example.org/a", filepath.Join(dir, "nope")})
	want := []string{filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt"), filepath.Join(dir, "sub/c.html"), "https://example.org/a"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Expand = %v, want %v", got, want)
	}
	if len(failed) != 1 || !strings.Contains(failed[0].Err.Error(), "no such file") {
		t.Errorf("failed = %v", failed)
	}
}

func TestIngestIndexesForSearch(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		dir := t.TempDir()
		p := write(t, dir, "a.txt", "Title: Arrest in Tartus\n---\n"+strings.Join(paragraphs, "\n\n"))
		a := app.New(st, app.Config{})
		if _, err := a.Ingest(ctx, access.Operator(), []string{p}, app.IngestOptions{}, func(r app.IngestResult) {
			if r.Err != nil {
				t.Error(r.Err)
			}
		}); err != nil {
			t.Fatal(err)
		}
		n, err := search.CatchUp(ctx, st)
		if err != nil || n != 0 {
			t.Errorf("ingest left %d items to index for search (%v)", n, err)
		}
		q := write(t, dir, "b.txt", "Title: Another report\n---\nA second, unrelated text about the archives of Adra prison and the families of the missing.")
		if _, err := a.Ingest(ctx, access.Operator(), []string{q}, app.IngestOptions{StoreOnly: true}, func(app.IngestResult) {}); err != nil {
			t.Fatal(err)
		}
		if n, err := search.CatchUp(ctx, st); err != nil || n == 0 {
			t.Errorf("a source stored without indexing was not caught up: %d, %v", n, err)
		}
	})
}
