package web

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/model"
)

// The dossier (internal/dossier, tested there) as web pages: who may get
// it, its stylesheet allowed by hash alone, the hand-over recorded.
func TestDossierRoutes(t *testing.T) {
	r := newRig(t, "")
	adel := r.login("adel")
	resp := adel.get("/entities/" + r.fx.person + "/dossier")
	if resp.status != http.StatusOK || !strings.HasPrefix(resp.header.Get("Content-Type"), "text/html") {
		t.Fatalf("dossier: %d %s", resp.status, resp.header.Get("Content-Type"))
	}
	// The inlined stylesheet is allowed by its hash, and by nothing else.
	css := regexp.MustCompile(`(?s)<style>(.*?)</style>`).FindStringSubmatch(resp.body)
	if css == nil {
		t.Fatal("no stylesheet")
	}
	sum := sha256.Sum256([]byte(css[1]))
	csp := resp.header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "style-src 'sha256-"+base64.StdEncoding.EncodeToString(sum[:])+"'") || strings.Contains(csp, "unsafe") {
		t.Errorf("CSP %q does not allow exactly the inlined stylesheet", csp)
	}
	// Handing over the confidential testimony is in the access log.
	entries, err := r.srv.accessLog.Recent(context.Background(), 100)
	if err != nil {
		t.Fatal(err)
	}
	logged := false
	for _, e := range entries {
		logged = logged || (e.Action == "dossier" && e.Actor == "adel" && e.Subject == r.sources[model.Confidential].src.ID)
	}
	if !logged {
		t.Error("the dossier's confidential source is not in the access log")
	}
	// The person page links to it; other entities have none.
	if page := adel.get("/entities/" + r.fx.person); !strings.Contains(page.body, `href="/entities/`+r.fx.person+`/dossier.pdf"`) {
		t.Error("the person page has no link to the dossier")
	}
	if page := adel.get("/entities/" + r.fx.facility); strings.Contains(page.body, "/dossier") {
		t.Error("a facility's page links to a dossier")
	}
	for path, want := range map[string]int{
		"/entities/" + r.fx.facility + "/dossier": http.StatusNotFound,
		"/entities/nope/dossier.pdf":              http.StatusNotFound,
		"/entities/" + r.fx.merged + "/dossier":   http.StatusFound,
	} {
		if got := adel.get(path).status; got != want {
			t.Errorf("GET %s: %d, want %d", path, got, want)
		}
	}
	// Vera (public clearance) gets a dossier without the allegation.
	vera := r.login("vera").get("/entities/" + r.fx.person + "/dossier")
	if vera.status != http.StatusOK || strings.Contains(vera.body, tortureQuote) {
		t.Errorf("vera's dossier: %d, holds the confidential quote: %v", vera.status, strings.Contains(vera.body, tortureQuote))
	}
	// Anonymous visitors go to the login page.
	if got := r.client().get("/entities/" + r.fx.person + "/dossier.pdf"); got.status != http.StatusSeeOther {
		t.Errorf("anonymous dossier.pdf: %d", got.status)
	}
}

// The person page's PDF link serves the printed dossier.
func TestDossierPDFRoute(t *testing.T) {
	chromium(t)
	r := newRig(t, "")
	resp := r.login("adel").get("/entities/" + r.fx.person + "/dossier.pdf")
	if resp.status != http.StatusOK || resp.header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(resp.body, "%PDF-") ||
		!strings.Contains(resp.header.Get("Content-Disposition"), "dossier-"+r.fx.person+"-en.pdf") {
		t.Errorf("GET dossier.pdf: %d %s %s", resp.status, resp.header.Get("Content-Type"), resp.header.Get("Content-Disposition"))
	}
}
