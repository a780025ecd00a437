package web

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/apptest"
	"github.com/athar-project/athar/internal/model"
)

var (
	claimForm = regexp.MustCompile(`(?s)<li class="card review-item claim-item" id="(c-[0-9a-f]+)".*?name="next" value="([^"]*)">\s*<input type="hidden" name="st" value="([^"]+)">`)
	bulkSts   = regexp.MustCompile(`(?s)id="bulk">.*?name="st" value="([^"]+)"`)
	formSts   = regexp.MustCompile(`(?s)id="(apply|undo-bulk|done-note)">.*?name="st" value="([^"]+)"`)
)

// Review by claim in the web UI: the person's claims, most important
// first, each with every source's sentence and its span marked; one form
// confirms a claim in every source and comes back at the next item with
// its undo; a bulk decision shows what it will change before it changes
// anything, then what it changed, with its undo.
func TestClaimsPage(t *testing.T) {
	r := newRig(t, "")
	c := apptest.SeedCase(t, r.st)
	rania := r.login("rania")
	page := "/review/claims?entity=" + c.Person
	body := rania.get(page).body
	contains(t, "the claims", body, "Claims to review about", "Arrest", "6 sources", "Confirm in 6 sources",
		"Security forces <mark>arrested</mark> Samir Khoury on 14 March 2019 in Damascus.", "Torture (allegation)", `class="badge alleged"`, "Abu Fadi")
	if i, j := strings.Index(body, "Arrest"), strings.Index(body, "Abu Fadi"); i < 0 || j < i {
		t.Error("the arrest does not come before the alias")
	}
	lacks(t, "rania's claims", body, r.statements[model.Confidential])
	forms := claimForm.FindAllStringSubmatch(body, -1)
	if len(forms) != 5 {
		t.Fatalf("%d claim forms, want 5", len(forms))
	}
	first := forms[0]
	resp := rania.post(page, "/review/claims", url.Values{"action": {"confirm"}, "st": {html.UnescapeString(first[3])}, "next": {first[2]}, "return": {page}})
	if resp.status != http.StatusSeeOther {
		t.Fatalf("confirm the arrest: %d", resp.status)
	}
	loc := resp.header.Get("Location")
	if !strings.HasSuffix(loc, "#"+forms[1][1]) || !strings.Contains(loc, "did=confirm") {
		t.Errorf("after a decision: %s, want the next item %s", loc, forms[1][1])
	}
	for _, ev := range c.Arrests {
		sts, _ := r.st.Statements(context.Background(), r.viewerFor(t, "adel"), ev)
		for _, st := range sts {
			if st.Status != model.StatusConfirmed || st.Reviewer != "rania" {
				t.Errorf("arrest statement %s %s by %q", st.Property, st.Status, st.Reviewer)
			}
		}
	}
	after := rania.get(loc).body
	contains(t, "the page after", after, `id="done-note"`, "18 statements confirmed.", `id="undo"`)
	lacks(t, "the page after", after, "Confirm in 6 sources")
	// The same form again: refused, nothing changes.
	if again := rania.post(page, "/review/claims", url.Values{"action": {"reject"}, "st": {html.UnescapeString(first[3])}, "return": {page}}); again.status != http.StatusConflict {
		t.Errorf("the same claim twice: %d", again.status)
	}
	// Undo from the note.
	undo := formSts.FindStringSubmatch(after)
	if undo == nil || undo[1] != "done-note" {
		t.Fatal("no undo on the page after the decision")
	}
	if resp := rania.post(loc, "/review/claims", url.Values{"action": {"reopen"}, "st": {html.UnescapeString(undo[2])}, "return": {page}}); resp.status != http.StatusSeeOther {
		t.Fatalf("undo: %d", resp.status)
	}
	contains(t, "after the undo", rania.get(page).body, "Confirm in 6 sources")

	// Bulk: preview, apply, undo.
	all := bulkSts.FindStringSubmatch(rania.get(page).body)
	if all == nil {
		t.Fatal("no bulk form")
	}
	preview := rania.post(page, "/review/claims", url.Values{"action": {"confirm"}, "preview": {"1"}, "st": {html.UnescapeString(all[1])}, "return": {page}})
	n := len(strings.Fields(html.UnescapeString(all[1])))
	if preview.status != http.StatusOK || strings.Count(preview.body, `<tr id="ch-`) != n {
		t.Fatalf("preview: %d, %d rows, want %d", preview.status, strings.Count(preview.body, `<tr id="ch-`), n)
	}
	contains(t, "the preview", preview.body, "What this decision will change", "proposed → <strong>confirmed</strong>")
	if st := statement(t, r, c.Names[0]); st.Status != model.StatusProposed {
		t.Fatalf("a preview changed a statement: %s", st.Status)
	}
	apply := formSts.FindStringSubmatch(preview.body)
	done := rania.post(page, "/review/claims", url.Values{"action": {"confirm"}, "bulk": {"1"}, "st": {html.UnescapeString(apply[2])}, "return": {page}})
	if done.status != http.StatusOK || statement(t, r, c.Names[0]).Status != model.StatusConfirmed || statement(t, r, c.WrongAlias).Status != model.StatusConfirmed {
		t.Fatalf("apply: %d", done.status)
	}
	contains(t, "the result", done.body, "What the decision changed", `id="undo-button"`)
	contains(t, "the claims after", rania.get(page).body, `id="claims-done"`)
	undoAll := formSts.FindStringSubmatch(done.body)
	if resp := rania.post(page, "/review/claims", url.Values{"action": {"reopen"}, "bulk": {"1"}, "st": {html.UnescapeString(undoAll[2])}, "return": {page}}); resp.status != http.StatusOK ||
		statement(t, r, c.Names[0]).Status != model.StatusProposed {
		t.Fatalf("undo of the bulk decision: %d", resp.status)
	}
	// Arabic labels.
	rania.get(page + "&lang=ar")
	ar := rania.get(page).body
	contains(t, "the Arabic page", ar, "ادعاءات تنتظر المراجعة عن", "أكِّد في 6 مصادر")
}
