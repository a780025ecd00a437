package web

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/athar-project/athar/internal/apptest"
)

// Notes on single statements, in the pages: a reviewer writes one from the
// review item; it shows beside the fact on the person's page and in the
// review items (statement and claim) to those cleared for it, and a viewer without the clearance
// sees neither the note nor any mark that there is one.
func TestStatementNotesOnPages(t *testing.T) {
	r := newRig(t, "")
	c := apptest.SeedCase(t, r.st)
	const internalNote, restrictedNote = "Checked against the bar association roll.", "His cousin in Harasta says he was moved in 2020."
	rania := r.login("rania")
	queue := "/review?entity=" + c.Person
	contains(t, "the review item", rania.get(queue).body, `action="/statements/`+c.Names[0]+`/notes"`)
	for _, n := range []struct{ text, level string }{{internalNote, "internal"}, {restrictedNote, "restricted"}} {
		resp := rania.post(queue, "/statements/"+c.Names[0]+"/notes", url.Values{"text": {n.text}, "sensitivity": {n.level}, "return": {queue}})
		if resp.status != http.StatusSeeOther {
			t.Fatalf("note: %d %s", resp.status, resp.body)
		}
	}
	if resp := rania.post(queue, "/statements/"+c.Names[0]+"/notes", url.Values{"text": {"x"}, "sensitivity": {"confidential"}}); resp.status != http.StatusForbidden {
		t.Errorf("a note above the author's clearance: %d", resp.status)
	}
	contains(t, "the review item", rania.get(queue).body, internalNote, restrictedNote)
	contains(t, "the claim review item", rania.get("/review/claims?entity="+c.Person).body, internalNote, restrictedNote)

	page := "/entities/" + c.Person
	contains(t, "rania's person page", rania.get(page).body, internalNote, restrictedNote, `class="st-note"`)
	anas := r.login("anas").get(page).body
	contains(t, "the analyst's person page", anas, internalNote)
	lacks(t, "the analyst's person page", anas, restrictedNote)
	lacks(t, "the viewer's person page", r.login("vera").get(page).body, internalNote, restrictedNote, `class="st-note"`, `class="st-notes"`)
	lacks(t, "the public person page", r.client().get(page).body, internalNote, restrictedNote, `class="st-note"`)
}
