package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/model"
)

// The source page's redaction form makes a copy at the level chosen; the
// copy's page names its original to those who may read it, and only says
// there is one to those who may not.
func TestRedactForm(t *testing.T) {
	r := newRig(t, "")
	conf := r.sources[model.Confidential].src
	pub := r.sources[model.Public].src
	lacks(t, "vera's source page", r.login("vera").get("/sources/"+pub.ID).body, `id="redact"`)
	contains(t, "anas's source page", r.login("anas").get("/sources/"+pub.ID).body, `id="redact"`, `value="internal"`)

	adel := r.login("adel")
	page := "/sources/" + conf.ID
	contains(t, "adel's source page", adel.get(page).body, `id="redact"`, `value="confidential"`)
	resp := adel.post(page, page+"/redact", url.Values{"phrases": {"سليم المخفي"}, "sensitivity": {"internal"}, "reason": {"share with the team"}})
	loc := resp.header.Get("Location")
	if resp.status != http.StatusSeeOther || !strings.HasPrefix(loc, "/sources/") || loc == page {
		t.Fatalf("redact: %d to %q\n%s", resp.status, loc, resp.body)
	}
	contains(t, "the original as adel sees it", adel.get(page).body, `id="redacted-copies"`, strings.TrimPrefix(loc, "/sources/"))
	contains(t, "the copy as adel sees it", adel.get(loc).body, `id="redacted-from"`, conf.ID, "share with the team", model.RedactionMark)
	body := r.login("anas").get(loc).body
	contains(t, "the copy as anas sees it", body, `id="redacted-from"`, "a source you may not read", model.RedactionMark)
	lacks(t, "the copy as anas sees it", body, conf.ID, "سليم", "المخفي")
	contains(t, "the copy as anas sees it", body, "صيدنايا")
}
