package app_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// A testimony's consent is recorded at ingest, changed by admins only
// (ledgered), and obeyed by the public dataset: a testimony without consent
// to publication gives it nothing, even at public level with its statements
// confirmed.
// yearShown finds the 1987 arrest's year as a word of its own: the dossier
// also carries hashes, keys and a signature, in which four digits occur by
// chance (a bare strings.Contains failed CI once that way).
var yearShown = regexp.MustCompile(`(^|[^0-9A-Za-z+/=_-])1987([^0-9A-Za-z+/=_-]|$)`)

func TestConsentRecordedAndObeyed(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a := app.New(st, app.Config{})
		op := access.Operator()
		public := model.Public
		court, err := model.ParseConsent("court,partners:CIJA")
		if err != nil {
			t.Fatal(err)
		}
		testimony, err := a.IngestBytes(ctx, op, "t.txt", []byte("Title: A witness\n---\nThe witness saw Qasim Nawfaliyy at the gate.\n"),
			app.IngestOptions{Kind: model.KindTestimony, Sensitivity: &public, Consent: &court, StoreOnly: true})
		if err != nil || testimony.Outcome != app.Stored {
			t.Fatalf("ingest the testimony: %+v %v", testimony, err)
		}
		article, err := a.IngestBytes(ctx, op, "a.txt", []byte("Title: A report\n---\nThe report names Qasim Nawfaliyy.\n"),
			app.IngestOptions{StoreOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.IngestBytes(ctx, op, "b.txt", []byte("Title: Not a testimony\n---\nText.\n"),
			app.IngestOptions{Consent: &court, StoreOnly: true}); app.KindOf(err) != app.Invalid {
			t.Errorf("consent on an article: %v, want invalid", err)
		}
		const fromTestimony, fromArticle = "Abu Witnessed Phrase", "Qasim Nawfaliyy"
		silent, err := a.IngestBytes(ctx, op, "s.txt", []byte("Title: Another witness\n---\nA second witness spoke of the gate.\n"),
			app.IngestOptions{Kind: model.KindTestimony, StoreOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		const fromSilent = "Abu Unconsented Phrase"
		var person string
		err = st.Write(ctx, "tester", func(tx *store.Tx) error {
			e, err := tx.AddEntity(ctx, model.TypePerson)
			if err != nil {
				return err
			}
			person = e.ID
			for _, s := range []model.Statement{
				{EntityID: e.ID, Property: model.PropName, Value: fromArticle, SourceID: article.Source.ID},
				{EntityID: e.ID, Property: model.PropAlias, Value: fromTestimony, SourceID: testimony.Source.ID},
				{EntityID: e.ID, Property: model.PropAlias, Value: fromSilent, SourceID: silent.Source.ID, Sensitivity: model.Confidential},
			} {
				s.Origin, s.Status = "manual", model.StatusConfirmed
				s.Sensitivity = max(s.Sensitivity, model.Public)
				if err := tx.AddStatement(ctx, &s); err != nil {
					return err
				}
			}
			// An arrest in 1987 known only from the testimony without
			// consent: neither the dossier nor any status may draw on it.
			ev, err := tx.AddEntity(ctx, model.TypeEvent)
			if err != nil {
				return err
			}
			for _, s := range []model.Statement{
				{Property: model.PropEventType, Value: "arrest"},
				{Property: model.PropDate, Value: "1987", DateStart: model.Date{Year: 1987, Precision: model.PrecisionYear}},
				{Property: model.PropInvolved, Value: fromArticle, ValueEntity: e.ID, Role: "subject"},
			} {
				s.EntityID, s.SourceID, s.Origin, s.Status, s.Sensitivity = ev.ID, silent.Source.ID, "manual", model.StatusConfirmed, model.Confidential
				if err := tx.AddStatement(ctx, &s); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}

		for _, tt := range []struct {
			src     string
			use     model.Use
			partner string
			want    bool
		}{
			{testimony.Source.ID, model.UseCourt, "", true},
			{testimony.Source.ID, model.UsePublication, "", false},
			{testimony.Source.ID, model.UseContact, "", false},
			{testimony.Source.ID, model.UsePartners, "CIJA", true},
			{testimony.Source.ID, model.UsePartners, "ICIJ", false},
			{article.Source.ID, model.UsePublication, "", true},
		} {
			if got, err := a.ConsentAllows(ctx, tt.src, tt.use, tt.partner); err != nil || got != tt.want {
				t.Errorf("ConsentAllows(%s, %s, %q) = %v, %v; want %v", tt.src, tt.use, tt.partner, got, err, tt.want)
			}
		}
		if _, err := a.ConsentAllows(ctx, "src_0000000000000000", model.UseCourt, ""); app.KindOf(err) != app.NotFound {
			t.Errorf("an unknown source: %v", err)
		}

		exported := func() string {
			dir := filepath.Join(t.TempDir(), "public")
			if err := a.ExportPublic(ctx, dir); err != nil {
				t.Fatal(err)
			}
			var all strings.Builder
			for _, f := range []string{"entities.ftm.json", "entities.csv", "statements.csv", "sources.csv"} {
				b, err := os.ReadFile(filepath.Join(dir, f))
				if err != nil {
					t.Fatal(err)
				}
				all.Write(b)
			}
			return all.String()
		}
		got := exported()
		if !strings.Contains(got, fromArticle) || strings.Contains(got, fromTestimony) || strings.Contains(got, strings.ReplaceAll(testimony.Source.ID, "_", "-")) {
			t.Errorf("public dataset without consent to publication: article %v, testimony %v",
				strings.Contains(got, fromArticle), strings.Contains(got, fromTestimony))
		}

		// Partner exports: the testimony goes to CIJA, to whom its witness
		// consented, not to ICIJ; the unconsented one to neither; the
		// organisation's own export (no partner) holds both.
		for _, tt := range []struct {
			partner              string
			testimony, silentToo bool
		}{{"", true, true}, {"CIJA", true, false}, {"ICIJ", false, false}} {
			var opt app.ExportOptions
			if err := a.ForPartner(ctx, &opt, tt.partner); err != nil {
				t.Fatal(err)
			}
			dir := filepath.Join(t.TempDir(), "csv")
			if err := a.ExportCSV(ctx, op, opt, dir); err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(filepath.Join(dir, "statements.csv"))
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(string(b), fromTestimony) != tt.testimony || strings.Contains(string(b), fromSilent) != tt.silentToo {
				t.Errorf("export for partner %q: consented testimony %v (want %v), unconsented %v (want %v)", tt.partner,
					strings.Contains(string(b), fromTestimony), tt.testimony, strings.Contains(string(b), fromSilent), tt.silentToo)
			}
		}
		for _, bad := range []string{"A|B", "A,B", " CIJA", "C\x00IJA"} {
			var opt app.ExportOptions
			if err := a.ForPartner(ctx, &opt, bad); app.KindOf(err) != app.Invalid {
				t.Errorf("partner %q: %v, want invalid", bad, err)
			}
		}

		// The dossier (use in court): the testimony with consent to court
		// is cited, the one without is left out, and the dossier says so.
		doc, err := a.Dossiers(nil).Make(ctx, op, person, "en")
		if err != nil {
			t.Fatal(err)
		}
		html := string(doc.HTML)
		if !strings.Contains(html, fromTestimony) || strings.Contains(html, fromSilent) || yearShown.MatchString(html) || !strings.Contains(html, `id="withheld"`) {
			t.Errorf("dossier: consented %v, unconsented %v, says withheld %v", strings.Contains(html, fromTestimony),
				strings.Contains(html, fromSilent), strings.Contains(html, `id="withheld"`))
		}

		publication, _ := model.ParseConsent("court,publication")
		if err := a.SetConsent(ctx, access.Viewer{Name: "anas", Role: model.RoleAnalyst, Clearance: model.Confidential}, testimony.Source.ID, publication); app.KindOf(err) != app.Forbidden {
			t.Errorf("an analyst changes consent: %v", err)
		}
		if err := a.SetConsent(ctx, op, article.Source.ID, publication); app.KindOf(err) != app.Invalid {
			t.Errorf("consent on an article: %v", err)
		}
		if err := a.SetConsent(ctx, op, testimony.Source.ID, publication); err != nil {
			t.Fatal(err)
		}
		if c, ok, err := a.SourceConsent(ctx, op, testimony.Source.ID); err != nil || !ok || c.String() != "court,publication" {
			t.Errorf("consent now %q %v %v", c.String(), ok, err)
		}
		if got := exported(); !strings.Contains(got, fromTestimony) {
			t.Error("consent to publication given, and the public dataset still leaves the testimony out")
		}
		rep, err := st.Verify(ctx)
		if err != nil || !rep.OK {
			t.Errorf("verify after consent changes: %+v %v", rep, err)
		}
	})
}
