package app_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/access/accesstest"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/enquiry"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// watchStore ingests testdata/watch's English report (internal) and Arabic
// testimony (confidential), both naming one officer, and a list (internal)
// naming two namesakes its fathers' names tell apart.
func watchStore(t *testing.T) (*app.App, *store.Store) {
	t.Helper()
	ctx := context.Background()
	st := storetest.Open(t, store.Config{DataDir: t.TempDir()})
	seedUsers(t, st)
	a := app.New(st, app.Config{})
	for _, f := range []struct {
		file  string
		level model.Sensitivity
	}{{"report-en.txt", model.Internal}, {"testimony-ar.txt", model.Confidential}} {
		level := f.level
		if _, err := a.Ingest(ctx, access.Operator(), []string{filepath.Join("testdata", "watch", f.file)}, app.IngestOptions{Sensitivity: &level},
			func(r app.IngestResult) {
				if r.Err != nil {
					t.Errorf("ingest %s: %v", r.Input, r.Err)
				}
			}); err != nil {
			t.Fatal(err)
		}
	}
	list := model.Source{Kind: model.KindDocument, Title: "list", Text: "غسان الأحمد، والده منير\nغسان الأحمد، والده سعيد", Language: "ar", Sensitivity: model.Internal}
	err := st.Write(ctx, "tester", func(tx *store.Tx) error {
		if err := tx.AddSource(ctx, &list, []byte(list.Text)); err != nil {
			return err
		}
		for _, father := range []string{"منير", "سعيد"} {
			e, err := tx.AddEntity(ctx, model.TypePerson)
			if err != nil {
				return err
			}
			for _, s := range []model.Statement{{Property: model.PropName, Value: "غسان الأحمد"}, {Property: model.PropFatherName, Value: father}} {
				s.EntityID, s.SourceID, s.Origin, s.Sensitivity = e.ID, list.ID, "import", model.Internal
				if err := tx.AddStatement(ctx, &s); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return a, st
}

func alertsFor(as []app.WatchAlert, entry string) []app.WatchAlert {
	var out []app.WatchAlert
	for _, x := range as {
		if x.EntryID == entry {
			out = append(out, x)
		}
	}
	return out
}

// TestWatchListFlagsAcrossScripts: an entry in Arabic script flags, when
// added, the stored English source naming the person in Latin letters; an
// entry in Latin letters flags an Arabic source ingested afterwards. The
// alert from the confidential testimony shows only to those cleared for it.
func TestWatchListFlagsAcrossScripts(t *testing.T) {
	a, _ := watchStore(t)
	ctx := context.Background()
	anas, adel, rania := accesstest.Viewer("anas"), accesstest.Viewer("adel"), accesstest.Viewer("rania")
	w, n, err := a.AddWanted(ctx, anas, app.Wanted{Name: "وائل شاهين", Rank: "عقيد", Sensitivity: model.Internal})
	if err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Errorf("screening the stored sources queued %d alerts, want 2 (the report and the testimony)", n)
	}
	mine := alertsFor(mustAlerts(t, a, anas), w.ID)
	if len(mine) != 1 || !strings.Contains(mine[0].Name, "Wael") || mine[0].Sensitivity != model.Internal || len(mine[0].Reasons) == 0 {
		t.Fatalf("the analyst (internal) sees %+v, want the English report's alone", mine)
	}
	if got := alertsFor(mustAlerts(t, a, rania), w.ID); len(got) != 1 {
		t.Errorf("the reviewer (restricted) sees %d alerts, want 1", len(got))
	}
	all := alertsFor(mustAlerts(t, a, adel), w.ID)
	if len(all) != 2 {
		t.Fatalf("the admin sees %+v, want both", all)
	}
	for _, x := range all {
		if strings.Contains(x.Name, "وائل") && x.Sensitivity != model.Confidential {
			t.Errorf("the testimony's alert is %s", x.Sensitivity)
		}
	}

	// A source taken down takes its alerts with it.
	if err := a.TakeDown(ctx, adel, mine[0].SourceID, "the publisher asked"); err != nil {
		t.Fatal(err)
	}
	if got := alertsFor(mustAlerts(t, a, adel), w.ID); len(got) != 1 || got[0].SourceID == mine[0].SourceID {
		t.Errorf("after the take-down the admin sees %+v", got)
	}

	// The reverse: an entry in Latin letters, an Arabic source later.
	tj, n, err := a.AddWanted(ctx, anas, app.Wanted{Name: "Tarek Jaber", Sensitivity: model.Internal})
	if err != nil || n != 0 {
		t.Fatalf("add: %d alerts, %v", n, err)
	}
	if _, err := a.Ingest(ctx, access.Operator(), []string{filepath.Join("testdata", "watch", "later-ar.txt")}, app.IngestOptions{},
		func(r app.IngestResult) {}); err != nil {
		t.Fatal(err)
	}
	got := alertsFor(mustAlerts(t, a, anas), tj.ID)
	if len(got) != 1 || !strings.Contains(got[0].Name, "جابر") {
		t.Fatalf("after the Arabic source: %+v", got)
	}

	// Removed: no longer listed, its alerts leave the queue.
	if err := a.RemoveWanted(ctx, anas, tj.ID); err != nil {
		t.Fatal(err)
	}
	if got := alertsFor(mustAlerts(t, a, anas), tj.ID); len(got) != 0 {
		t.Errorf("alerts of a removed entry: %+v", got)
	}
	if err := a.RemoveWanted(ctx, anas, tj.ID); err != nil {
		t.Errorf("removing twice: %v", err)
	}
	if err := a.RemoveWanted(ctx, anas, "nonexistent"); app.KindOf(err) != app.NotFound {
		t.Errorf("removing what is not there: %v", err)
	}
	list, err := a.WatchList(ctx, anas)
	if err != nil || len(list) != 1 || list[0].ID != w.ID || list[0].Rank != "عقيد" {
		t.Errorf("watch list %+v, %v", list, err)
	}
}

// TestWatchListNamesake: of two namesakes a list tells apart by their
// fathers' names, the one whose father differs from the entry's is
// flagged lower, with the reason.
func TestWatchListNamesake(t *testing.T) {
	a, _ := watchStore(t)
	ctx := context.Background()
	anas := accesstest.Viewer("anas")
	w, _, err := a.AddWanted(ctx, anas, app.Wanted{Name: "Ghassan Munir al-Ahmad", Sensitivity: model.Internal})
	if err != nil {
		t.Fatal(err)
	}
	got := alertsFor(mustAlerts(t, a, anas), w.ID)
	if len(got) != 2 {
		t.Fatalf("alerts %+v, want both namesakes", got)
	}
	var same, other *app.WatchAlert
	for i := range got {
		r := strings.Join(enquiry.Texts(got[i].Reasons), "; ")
		switch {
		case strings.Contains(r, "father's name agrees"):
			same = &got[i]
		case strings.Contains(r, "father's name differs"):
			other = &got[i]
		}
	}
	if same == nil || other == nil {
		t.Fatalf("reasons: %+v", got)
	}
	if other.Score >= same.Score {
		t.Errorf("the namesake %.3f is not below the person %.3f", other.Score, same.Score)
	}
}

// TestWatchListRoles: viewers and caseworkers may neither add nor read; an
// analyst may not add an entry above their clearance; a bad entry is
// refused with what is wrong.
func TestWatchListRoles(t *testing.T) {
	a, _ := watchStore(t)
	ctx := context.Background()
	for _, who := range []string{"vera", "karim"} {
		v := accesstest.Viewer(who)
		if _, _, err := a.AddWanted(ctx, v, app.Wanted{Name: "Wael Shaheen", Sensitivity: model.Internal}); app.KindOf(err) != app.Forbidden {
			t.Errorf("%s adds: %v", who, err)
		}
		if _, err := a.WatchAlerts(ctx, v); app.KindOf(err) != app.Forbidden {
			t.Errorf("%s reads alerts: %v", who, err)
		}
		if _, err := a.WatchList(ctx, v); app.KindOf(err) != app.Forbidden {
			t.Errorf("%s reads the list: %v", who, err)
		}
	}
	anas := accesstest.Viewer("anas")
	if _, _, err := a.AddWanted(ctx, anas, app.Wanted{Name: "Wael Shaheen", Sensitivity: model.Confidential}); app.KindOf(err) != app.Forbidden {
		t.Errorf("an internal analyst adds a confidential entry: %v", err)
	}
	if _, _, err := a.AddWanted(ctx, anas, app.Wanted{Name: " ", Sensitivity: model.Internal}); app.KindOf(err) != app.Invalid {
		t.Errorf("no name: %v", err)
	}
	// An entry above a reader's clearance is neither listed nor alerted.
	adel := accesstest.Viewer("adel")
	secret, _, err := a.AddWanted(ctx, adel, app.Wanted{Name: "Wael Shaheen", Sensitivity: model.Confidential})
	if err != nil {
		t.Fatal(err)
	}
	if got := alertsFor(mustAlerts(t, a, anas), secret.ID); len(got) != 0 {
		t.Errorf("the analyst sees a confidential entry's alerts: %+v", got)
	}
	if list, _ := a.WatchList(ctx, anas); len(list) != 0 {
		t.Errorf("the analyst sees %+v", list)
	}
	if err := a.RemoveWanted(ctx, anas, secret.ID); app.KindOf(err) != app.NotFound {
		t.Errorf("the analyst removes a confidential entry: %v", err)
	}
}

func mustAlerts(t *testing.T, a *app.App, v access.Viewer) []app.WatchAlert {
	t.Helper()
	as, err := a.WatchAlerts(context.Background(), v)
	if err != nil {
		t.Fatal(err)
	}
	return as
}
