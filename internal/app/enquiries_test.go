package app_test

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/access/accesstest"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/casefile"
	"github.com/athar-project/athar/internal/enquiry"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// enquiryStore ingests testdata/enquiries (reports written for this test,
// in English and Arabic, through the whole pipeline) and adds, as an
// imported list would, two namesakes a list tells apart by their mothers'
// names and birth years. It returns the app and the seeded accounts.
func enquiryStore(t *testing.T) (*app.App, *store.Store, map[string]string) {
	t.Helper()
	ctx := context.Background()
	st := storetest.Open(t, store.Config{DataDir: t.TempDir()})
	a := app.New(st, app.Config{})
	seedUsers(t, st)
	files, _ := filepath.Glob(filepath.Join("testdata", "enquiries", "report-*.txt"))
	if _, err := a.Ingest(ctx, access.Operator(), files, app.IngestOptions{}, func(r app.IngestResult) {
		if r.Err != nil {
			t.Errorf("ingest %s: %v", r.Input, r.Err)
		}
	}); err != nil {
		t.Fatal(err)
	}
	// A list of the dead: two women of one name, their mothers and birth
	// years told apart.
	list := model.Source{Kind: model.KindDocument, Title: "list", Text: "ريم يوسف دياب، والدتها سلمى، 1995\nريم يوسف دياب، والدتها نوال، 1971",
		Language: "ar", Sensitivity: model.Internal}
	ids := map[string]string{}
	err := st.Write(ctx, "tester", func(tx *store.Tx) error {
		if err := tx.AddSource(ctx, &list, []byte(list.Text)); err != nil {
			return err
		}
		for _, p := range []struct{ key, mother, born string }{{"rim", "سلمى", "1995"}, {"rim-namesake", "نوال", "1971"}} {
			e, err := tx.AddEntity(ctx, model.TypePerson)
			if err != nil {
				return err
			}
			ids[p.key] = e.ID
			for _, s := range []model.Statement{
				{Property: model.PropName, Value: "ريم يوسف دياب"},
				{Property: "motherName", Value: p.mother},
				{Property: model.PropBirthDate, Value: p.born},
			} {
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
	// The list was written beside the app, as another process would: an
	// app started now knows its names.
	return app.New(st, app.Config{}), st, ids
}

// seedUsers adds accesstest's accounts to a store.
func seedUsers(t *testing.T, st *store.Store) {
	t.Helper()
	ctx := context.Background()
	err := st.Write(ctx, "tester", func(tx *store.Tx) error {
		for _, u := range accesstest.Users(t) {
			if err := tx.AddUser(ctx, &u); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestEnquiryMatching(t *testing.T) {
	a, _, ids := enquiryStore(t)
	ctx := context.Background()
	karim := accesstest.Viewer("karim")
	year := func(y int) model.Date { return model.Date{Year: y, Precision: model.PrecisionYear} }
	cases := []struct {
		name    string
		e       app.Enquiry
		want    string // the first candidate's name, or its id in ids
		match   bool
		against string
	}{
		// Arabic script, as the family writes it, for a person only an
		// English report names — misspelt.
		{"arabic for latin", app.Enquiry{Name: "اوس سلّوم", Home: "حمص", Born: year(1988)}, "Aws Salloum", true, ""},
		// Latin script for a person only an Arabic report names.
		{"latin for arabic", app.Enquiry{Name: "Mazen Abdul Rahman", Family: "Halabi", LastSeenAt: "Saydnaya prison"}, "مازن عبد الرحمن الحلبي", true, ""},
		// Namesakes: the mother's name and birth year decide.
		{"namesakes", app.Enquiry{Name: "Reem Yousef Diab", Mother: "Salma", Born: year(1995)}, "rim", true, "rim-namesake"},
		{"namesakes by year only", app.Enquiry{Name: "ريم يوسف دياب", Born: year(1971)}, "rim-namesake", true, "rim"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e, err := a.AddEnquiry(ctx, karim, c.e)
			if err != nil {
				t.Fatal(err)
			}
			got, err := a.EnquiryMatches(ctx, karim, e.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) == 0 {
				t.Fatal("no candidates")
			}
			first := got[0]
			if first.Name != c.want && first.EntityID != ids[c.want] {
				t.Fatalf("first %s %s (%.2f) %q", first.EntityID, first.Name, first.Score, first.Reasons)
			}
			if first.Match != c.match {
				t.Errorf("match %v, want %v: %q", first.Match, c.match, first.Reasons)
			}
			for _, o := range got[1:] {
				if o.EntityID == ids[c.against] && o.Match {
					t.Errorf("namesake confident: %q", o.Reasons)
				}
			}
			if len(first.Sources) == 0 {
				t.Error("no sources")
			}
			if e, _ := a.EnquiryByID(ctx, karim, e.ID); c.match && e.Status != enquiry.Possible {
				t.Errorf("status %s", e.Status)
			}
		})
	}
	// Nobody any source names: no confident candidate, the enquiry open.
	e, err := a.AddEnquiry(ctx, karim, app.Enquiry{Name: "نزار قاسم الدمشقي", Mother: "هند", Born: year(1966)})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := a.EnquiryMatches(ctx, karim, e.ID)
	for _, c := range got {
		if c.Match {
			t.Errorf("confident match for nobody: %s %q", c.Name, c.Reasons)
		}
	}
	if e.Status != enquiry.Open {
		t.Errorf("status %s", e.Status)
	}
}

func TestEnquiryJudgementAndAnswer(t *testing.T) {
	a, _, ids := enquiryStore(t)
	ctx := context.Background()
	karim := accesstest.Viewer("karim")
	e, err := a.AddEnquiry(ctx, karim, app.Enquiry{Name: "ريم يوسف دياب", Mother: "سلمى", Contact: "+963 11 000 0000"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.JudgeEnquiry(ctx, karim, e.ID, ids["rim"], "maybe", ""); app.KindOf(err) != app.Invalid {
		t.Errorf("verdict maybe: %v", err)
	}
	cs, err := a.JudgeEnquiry(ctx, karim, e.ID, ids["rim-namesake"], "reject", "another mother")
	if err != nil {
		t.Fatal(err)
	}
	if last := cs[len(cs)-1]; last.EntityID != ids["rim-namesake"] || last.Match {
		t.Errorf("rejected candidate not last: %+v", last)
	}
	if cs, err = a.JudgeEnquiry(ctx, karim, e.ID, ids["rim"], "confirm", ""); err != nil || cs[0].EntityID != ids["rim"] || !cs[0].Match {
		t.Fatalf("%+v %v", cs, err)
	}
	if got, _ := a.EnquiryByID(ctx, karim, e.ID); got.Status != enquiry.Matched {
		t.Errorf("status %s", got.Status)
	}
	ans, err := a.EnquiryAnswer(ctx, karim, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !ans.Found || ans.Certainty != "confirmed" || ans.Kinds[model.KindDocument] != 1 {
		t.Errorf("answer %+v", ans)
	}
	// Never a source's id or text, never the family's own contact.
	for _, text := range []string{ans.English, ans.Arabic} {
		for _, secret := range []string{"src_", "نوال", "+963"} {
			if strings.Contains(text, secret) {
				t.Errorf("answer tells %q: %s", secret, text)
			}
		}
	}
}

// TestEnquiryAnswerHidesRestricted: a family hears nothing of a source
// above ShareAt, not even its kind.
func TestEnquiryAnswerHidesRestricted(t *testing.T) {
	got := enquiry.Tell(enquiry.Enquiry{ID: "x"}, &enquiry.Answerable{Confirmed: true,
		Sources: []enquiry.SharedSource{{Kind: model.KindTestimony, Sensitivity: model.Confidential}}})
	if got.Found || len(got.Kinds) != 0 || strings.Contains(got.English, "witness") {
		t.Errorf("%+v", got)
	}
}

func TestEnquiriesOnlyForCaseworkers(t *testing.T) {
	a, _, _ := enquiryStore(t)
	ctx := context.Background()
	e, err := a.AddEnquiry(ctx, accesstest.Viewer("adel"), app.Enquiry{Name: "أوس سلوم"})
	if err != nil {
		t.Fatal(err)
	}
	for _, who := range []string{"vera", "anas", "rania"} {
		v := accesstest.Viewer(who)
		if _, err := a.AddEnquiry(ctx, v, app.Enquiry{Name: "x"}); app.KindOf(err) != app.Forbidden {
			t.Errorf("%s added: %v", who, err)
		}
		if _, err := a.Enquiries(ctx, v); app.KindOf(err) != app.Forbidden {
			t.Errorf("%s listed: %v", who, err)
		}
		if _, err := a.EnquiryMatches(ctx, v, e.ID); app.KindOf(err) != app.Forbidden {
			t.Errorf("%s matched: %v", who, err)
		}
		if _, err := a.EnquiryAlerts(ctx, v, false); app.KindOf(err) != app.Forbidden {
			t.Errorf("%s read alerts: %v", who, err)
		}
	}
	if _, err := a.Enquiries(ctx, access.Public()); app.KindOf(err) != app.Forbidden {
		t.Errorf("public listed: %v", err)
	}
	if _, err := a.EnquiryByID(ctx, accesstest.Viewer("karim"), "nonexistent"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing: %v", err)
	}
	if _, err := a.AddEnquiry(ctx, accesstest.Viewer("karim"), app.Enquiry{Name: " "}); app.KindOf(err) != app.Invalid {
		t.Errorf("no name: %v", err)
	}
}

func TestWatchQueuesNewSources(t *testing.T) {
	a, _, _ := enquiryStore(t)
	ctx := context.Background()
	karim := accesstest.Viewer("karim")
	e, err := a.AddEnquiry(ctx, karim, app.Enquiry{Name: "نزيه حداد"})
	if err != nil {
		t.Fatal(err)
	}
	if e.Status != enquiry.Open {
		t.Fatalf("status %s before the source", e.Status)
	}
	if as, _ := a.EnquiryAlerts(ctx, karim, true); len(as) != 0 {
		t.Fatalf("alerts before: %+v", as)
	}
	if _, err := a.Ingest(ctx, access.Operator(), []string{filepath.Join("testdata", "enquiries", "later-ar.txt")}, app.IngestOptions{},
		func(r app.IngestResult) {}); err != nil {
		t.Fatal(err)
	}
	as, err := a.EnquiryAlerts(ctx, karim, true)
	if err != nil {
		t.Fatal(err)
	}
	var hit bool
	for _, x := range as {
		if x.EnquiryID == e.ID && strings.Contains(x.Name, "حداد") {
			hit = true
		}
		if x.EnquiryID != e.ID {
			t.Errorf("alert for another enquiry: %+v", x)
		}
	}
	if !hit {
		t.Fatalf("no alert for the new source: %+v", as)
	}
	if err := a.SeeEnquiryAlert(ctx, karim, as[0].ID); err != nil {
		t.Fatal(err)
	}
}

// Reading an enquiry — its candidates, its page, the family's answer —
// writes nothing, whoever reads it: a reader who sees fewer sources than
// the enquiry's status rests on must not move it under their name.
func TestEnquiryReadsDoNotWrite(t *testing.T) {
	a, st, _ := enquiryStore(t)
	ctx := context.Background()
	karim := accesstest.Viewer("karim")
	e, err := a.AddEnquiry(ctx, karim, app.Enquiry{Name: "ريم يوسف دياب", Mother: "سلمى", Born: model.Date{Year: 1995, Precision: model.PrecisionYear}})
	if err != nil {
		t.Fatal(err)
	}
	if e.Status != enquiry.Possible {
		t.Fatalf("status after recording %s, want possible", e.Status)
	}
	// A caseworker cleared for public material only sees no confident
	// candidate: the list the status rests on is internal.
	narrow, err := karim.Narrow(model.Public)
	if err != nil {
		t.Fatal(err)
	}
	seq, head, err := st.Head(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []access.Viewer{narrow, karim} {
		cs, err := a.EnquiryMatches(ctx, v, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if v == narrow && len(cs) > 0 && cs[0].Match {
			t.Fatalf("a confident candidate at public: %s %q", cs[0].Name, cs[0].Reasons)
		}
		if _, _, _, err := a.EnquiryPage(ctx, v, e.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := a.EnquiryAnswer(ctx, v, e.ID); err != nil {
			t.Fatal(err)
		}
	}
	seq2, head2, err := st.Head(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if seq2 != seq || head2 != head {
		t.Errorf("reading wrote to the ledger: %d %s → %d %s", seq, head, seq2, head2)
	}
	if got, _ := a.EnquiryByID(ctx, karim, e.ID); got.Status != enquiry.Possible {
		t.Errorf("status after reading %s, want possible", got.Status)
	}
}

// TestEnquiryFateEstablished follows an enquiry from the family's words to
// the fate: a report names the person (the watch makes the enquiry
// possible), a caseworker confirms the candidate (matched), a later report
// says he died in custody (the fate is only suggested: still matched), a
// reviewer confirms that death (fate established), and the family's answer
// says so in both languages — without a source's id.
func TestEnquiryFateEstablished(t *testing.T) {
	a, st, _ := enquiryStore(t)
	ctx := context.Background()
	karim, adel := accesstest.Viewer("karim"), accesstest.Viewer("adel")
	e, err := a.AddEnquiry(ctx, karim, app.Enquiry{Name: "نبيل قاسم صوان", Father: "قاسم", Home: "درعا",
		Born: model.Date{Year: 1985, Precision: model.PrecisionYear}})
	if err != nil {
		t.Fatal(err)
	}
	status := func(want enquiry.Status, when string) {
		t.Helper()
		got, err := a.EnquiryByID(ctx, karim, e.ID)
		if err != nil || got.Status != want {
			t.Fatalf("%s: status %s (%v), want %s", when, got.Status, err, want)
		}
	}
	status(enquiry.Open, "before any source")
	ingest := func(file string) string {
		t.Helper()
		var id string
		if _, err := a.Ingest(ctx, access.Operator(), []string{filepath.Join("testdata", "enquiries", file)}, app.IngestOptions{},
			func(r app.IngestResult) {
				if r.Err != nil {
					t.Errorf("ingest %s: %v", file, r.Err)
				}
				id = r.Source.ID
			}); err != nil {
			t.Fatal(err)
		}
		return id
	}
	arrest := ingest("arrest-en.txt")
	status(enquiry.Possible, "after the report of the arrest")
	cands, err := a.EnquiryMatches(ctx, karim, e.ID)
	if err != nil || len(cands) == 0 || !cands[0].Match || !strings.Contains(cands[0].Name, "Sawwan") {
		t.Fatalf("candidates %+v, %v", cands, err)
	}
	person := cands[0].EntityID
	if _, err := a.JudgeEnquiry(ctx, karim, e.ID, person, "confirm", "the family recognised the checkpoint"); err != nil {
		t.Fatal(err)
	}
	status(enquiry.Matched, "after the caseworker confirmed")
	fate := ingest("fate-en.txt")
	status(enquiry.Matched, "after the report of the death, unreviewed")
	f, err := casefile.New(st).Read(ctx, adel, person, casefile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if f.Fate.Suggested.Value != "died_in_custody" || len(f.Fate.Suggested.Events) == 0 {
		t.Fatalf("the case file suggests %+v", f.Fate.Suggested)
	}
	for _, ev := range f.Timeline {
		if !slices.Contains(f.Fate.Suggested.Events, ev.ID) {
			continue
		}
		for _, id := range ev.StatementIDs {
			if _, err := a.Review(ctx, adel, id, app.Decision{Action: app.Confirm}); err != nil {
				t.Fatalf("confirm %s: %v", id, err)
			}
		}
	}
	status(enquiry.Fate, "after the reviewer confirmed the death")
	ans, err := a.EnquiryAnswer(ctx, karim, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !ans.Found || ans.Certainty != "confirmed" || ans.Fate != "died_in_custody" ||
		!strings.Contains(ans.English, "died in custody") || !strings.Contains(ans.Arabic, "توفي في الاحتجاز") {
		t.Errorf("answer %+v", ans)
	}
	for _, text := range []string{ans.English, ans.Arabic} {
		for _, secret := range []string{arrest, fate, person, "Sawwan"} {
			if strings.Contains(text, secret) {
				t.Errorf("the answer tells %q: %s", secret, text)
			}
		}
	}
}
