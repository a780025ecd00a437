package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// A witness's consent in the web UI: recorded by the upload form for a
// testimony, shown on its page to those who may see it (the form to admins
// only), changed by an admin (ledgered), in English and Arabic; and the
// export page's partner downloads obey it.
func TestConsentPages(t *testing.T) {
	r := newRig(t, "")
	ctx := context.Background()
	anas, adel := r.login("anas"), r.login("adel")
	// An admin may store a testimony below its default level (confidential),
	// where the analyst may read it.
	resp := adel.upload(map[string]string{"w7.txt": "Title: Statement of witness W-7\n---\nA witness statement the project wrote for the consent test."},
		map[string]string{"kind": "testimony", "sensitivity": "internal", "consent_court": "1", "consent_partners": "CIJA, Syrian Archive"})
	m := regexp.MustCompile(`href="/sources/(src_[0-9a-f]+)"`).FindStringSubmatch(resp.body)
	if resp.status != http.StatusOK || m == nil {
		t.Fatalf("upload a testimony: %d %s", resp.status, resp.body)
	}
	id := m[1]
	if c, ok, err := r.app.SourceConsent(ctx, access.Operator(), id); err != nil || !ok || c.String() != "court,partners:CIJA|Syrian Archive" {
		t.Fatalf("consent recorded by the upload: %q %v %v", c.String(), ok, err)
	}
	// An article's upload carries no consent, whatever the form says.
	art := anas.upload(map[string]string{"a.txt": "Title: An article\n---\nAn article the project wrote for the consent test."},
		map[string]string{"kind": "article", "consent_court": "1"})
	contains(t, "an article with consent fields", art.body, `class="upload-stored"`)

	page := anas.get("/sources/" + id).body
	contains(t, "the analyst's view", page, `id="consent"`, `<dd id="consent-court">yes</dd>`, "<bdi>CIJA</bdi>, <bdi>Syrian Archive</bdi>", `<dd id="consent-publication">no</dd>`)
	lacks(t, "the analyst's view", page, `id="consent-form"`)
	lacks(t, "an article's page", anas.get("/sources/"+r.sources[model.Public].src.ID).body, `id="consent"`)
	if got := anas.post("/sources/"+id, "/sources/"+id+"/consent", url.Values{"consent_publication": {"1"}}); got.status != http.StatusForbidden {
		t.Errorf("an analyst posts consent: %d", got.status)
	}

	contains(t, "the admin's view", adel.get("/sources/"+id).body, `id="consent-form"`, `name="consent_court" value="1" id="consent-court-box" checked`, `value="CIJA, Syrian Archive"`)
	got := adel.post("/sources/"+id, "/sources/"+id+"/consent", url.Values{"consent_publication": {"1"}, "consent_partners": {"ICIJ"}})
	if got.status != http.StatusSeeOther || got.header.Get("Location") != "/sources/"+id+"#consent" {
		t.Fatalf("an admin records consent: %d %s", got.status, got.header.Get("Location"))
	}
	if c, _, err := r.app.SourceConsent(ctx, access.Operator(), id); err != nil || c.String() != "partners:ICIJ,publication" {
		t.Errorf("consent after the admin's change: %q %v", c.String(), err)
	}
	if rep, err := r.st.Verify(ctx); err != nil || !rep.OK {
		t.Errorf("the ledger after a change of consent: %+v %v", rep, err)
	}
	ar := adel.do("GET", "/sources/"+id, nil, map[string]string{"Cookie": langCookie + "=ar"}).body
	contains(t, "the Arabic page", ar, `<html lang="ar" dir="rtl">`, "موافقة الشاهد", "سجّل الموافقة", `<dd id="consent-publication">نعم</dd>`)
	lacks(t, "the Arabic page", ar, "[[")

	// Partner downloads: a statement drawn from the testimony goes to
	// ICIJ, to whom the witness now consented, not to CIJA; the
	// organisation's own download holds it.
	const marker = "consent-partner-marker-upsilon"
	err := r.st.Write(ctx, "tester", func(tx *store.Tx) error {
		e, err := tx.AddEntity(ctx, model.TypePerson)
		if err != nil {
			return err
		}
		return tx.AddStatement(ctx, &model.Statement{EntityID: e.ID, Property: model.PropName, Value: marker, SourceID: id,
			Origin: "manual", Status: model.StatusConfirmed, Sensitivity: model.Internal})
	})
	if err != nil {
		t.Fatal(err)
	}
	contains(t, "the export page for a partner", adel.get("/export?partner=CIJA").body, `href="/export/ftm?partner=CIJA"`, `href="/export/public"`, `value="CIJA"`)
	for _, tt := range []struct {
		path string
		want bool
	}{{"/export/ftm", true}, {"/export/ftm?partner=ICIJ", true}, {"/export/ftm?partner=CIJA", false}, {"/export/statements-csv?partner=CIJA", false}} {
		dl := adel.get(tt.path)
		if dl.status != http.StatusOK || strings.Contains(dl.body, marker) != tt.want {
			t.Errorf("%s: %d, holds the testimony's statement %v, want %v", tt.path, dl.status, strings.Contains(dl.body, marker), tt.want)
		}
	}
	if dl := adel.get("/export/ftm?partner=" + url.QueryEscape("bad|name")); dl.status != http.StatusBadRequest {
		t.Errorf("a partner's name with a bar: %d", dl.status)
	}
}
