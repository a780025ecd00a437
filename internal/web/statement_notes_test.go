package web

import (
	"net/http"
	"net/url"
	"strings"
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

// A note written from beside a fact on the person's page: the form names
// each statement of the fact by its source, the post goes back to the page
// at the statement's anchor, and the note shows there to those cleared for
// it — an analyst below its level sees neither the note nor a form, the
// public nothing.
func TestStatementNoteFromPersonPage(t *testing.T) {
	r := newRig(t, "")
	c := apptest.SeedCase(t, r.st)
	const restrictedNote, defaultNote = "The Harasta roster gives another father name.", "Same spelling in the court list."
	page := "/entities/" + c.Person
	rania := r.login("rania")
	before := rania.get(page).body
	contains(t, "the reviewer's person page", before, `action="/statements/notes"`, `<option value="`+c.Names[1]+`">[`, `id="st-`+c.Names[1]+`"`)
	for _, n := range []struct{ st, text, level string }{{c.Names[1], restrictedNote, "restricted"}, {c.Names[0], defaultNote, ""}} {
		resp := rania.post(page, "/statements/notes", url.Values{"st": {n.st}, "text": {n.text}, "sensitivity": {n.level}, "return": {page}})
		if want := page + "#st-" + n.st; resp.status != http.StatusSeeOther || resp.header.Get("Location") != want {
			t.Fatalf("note from the page: %d %q, want 303 to %q: %s", resp.status, resp.header.Get("Location"), want, resp.body)
		}
	}
	// Each note names the source of its statement, as the page's footnotes
	// number them; the anchor the post returns to comes before the notes.
	after := rania.get(page).body
	contains(t, "the reviewer's person page after the notes", after, restrictedNote, defaultNote)
	if a, n := strings.Index(after, `id="st-`+c.Names[1]+`"`), strings.Index(after, restrictedNote); a < 0 || n < a {
		t.Errorf("the anchor of the noted statement at %d, its note at %d", a, n)
	}
	anas := r.login("anas").get(page).body
	contains(t, "the analyst's person page", anas, defaultNote)
	lacks(t, "the analyst's person page", anas, restrictedNote, `action="/statements/notes"`)
	// A signed-in viewer reads a note at the public level, as the rule
	// says; the anonymous public reads none.
	vera := r.login("vera").get(page).body
	contains(t, "the viewer's person page", vera, defaultNote)
	lacks(t, "the viewer's person page", vera, restrictedNote, `action="/statements/notes"`)
	lacks(t, "the public person page", r.client().get(page).body, restrictedNote, defaultNote, `action="/statements/notes"`, `class="st-note"`)
}
