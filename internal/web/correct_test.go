package web

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/apptest"
	"github.com/athar-project/athar/internal/model"
)

var rejectHere = regexp.MustCompile(`(?s)<bdi>Abu Fadi</bdi>.*?name="st" value="([^"]+)"><button type="submit" name="action" value="reject"`)

// Correct from anywhere: on a person's page a reviewer rejects a wrong
// fact, sees what it did with its undo, undoes it, and adds a note; on a
// source's page decides on one statement. Others see no forms.
func TestCorrectFromThePage(t *testing.T) {
	r := newRig(t, "")
	c := apptest.SeedCase(t, r.st)
	rania := r.login("rania")
	page := "/entities/" + c.Person
	body := rania.get(page).body
	m := rejectHere.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no reject form beside the alias")
	}
	resp := rania.post(page, "/review/claims", url.Values{"action": {"reject"}, "st": {html.UnescapeString(m[1])}, "return": {page}})
	if resp.status != http.StatusSeeOther || !strings.HasPrefix(resp.header.Get("Location"), page+"?") {
		t.Fatalf("reject from the page: %d %s", resp.status, resp.header.Get("Location"))
	}
	if st := statement(t, r, c.WrongAlias); st.Status != model.StatusRejected || st.Reviewer != "rania" {
		t.Fatalf("the alias is %s by %q", st.Status, st.Reviewer)
	}
	after := rania.get(resp.header.Get("Location")).body
	contains(t, "the page after", after, `id="done-note"`, "1 statements rejected.", `id="undo"`)
	lacks(t, "the page after", after, "<bdi>Abu Fadi</bdi>")
	undo := formSts.FindStringSubmatch(after)
	if resp := rania.post(page, "/review/claims", url.Values{"action": {"reopen"}, "st": {html.UnescapeString(undo[2])}, "return": {page}}); resp.status != http.StatusSeeOther {
		t.Fatalf("undo: %d", resp.status)
	}
	if st := statement(t, r, c.WrongAlias); st.Status != model.StatusProposed {
		t.Errorf("after the undo the alias is %s", st.Status)
	}
	contains(t, "the page after the undo", rania.get(page).body, "<bdi>Abu Fadi</bdi>")

	// A note, at the reviewer's own level at most.
	contains(t, "the form", body, `id="add-fact"`, `<option value="restricted">`)
	lacks(t, "the form", body, `<option value="confidential">`)
	if resp := rania.post(page, page+"/facts", url.Values{"property": {"notes"}, "value": {"The family confirms the date."}, "sensitivity": {"internal"}}); resp.status != http.StatusSeeOther {
		t.Fatalf("note: %d", resp.status)
	}
	contains(t, "the page with the note", rania.get(page).body, "The family confirms the date.")
	lacks(t, "vera's page", r.login("vera").get(page).body, "The family confirms the date.", `id="add-fact"`, "reject-here")

	// On a source's page, one statement at a time.
	src := "/sources/" + c.Sources[0]
	sb := rania.get(src).body
	contains(t, "the source page", sb, `id="review-source-claims"`, "confirm-here")
}
