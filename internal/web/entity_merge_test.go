package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/apptest"
	"github.com/athar-project/athar/internal/model"
)

// A reviewer merges a second entry for the same person from the person's
// page, with the reason, and splits it off again: both are judgements in
// the ledger with the reason, the merged entry's page leads to the person
// while merged and stands alone after. Refusals (no reason, an entry of
// another type, one that does not exist, one already merged) change
// nothing and say why; a viewer may do neither.
func TestMergeAndSplitFromThePage(t *testing.T) {
	r := newRig(t, "")
	ctx := context.Background()
	c := apptest.SeedCase(t, r.st)
	dup := apptest.SeedCaseN(t, r.st, 1) // the same man, entered again from another report
	rania := r.login("rania")
	page := "/entities/" + c.Person
	contains(t, "the reviewer's page", rania.get(page).body, `id="merge-split"`, `id="merge-form"`)
	lacks(t, "the viewer's page", r.login("vera").get(page).body, `id="merge-split"`)

	merged := func(id string) string {
		t.Helper()
		e, err := r.st.Entity(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return e.MergedInto
	}
	refusals := []struct {
		name      string
		other     string
		reason    string
		wantError string
	}{
		{"no reason", dup.Person, "  ", "Give the reason"},
		{"another type", c.Place, "same place", "of another type"},
		{"no such entry", "no-such-entity", "a guess", "No such entry"},
	}
	for _, tc := range refusals {
		t.Run(tc.name, func(t *testing.T) {
			resp := rania.post(page, page+"/merge", url.Values{"other": {tc.other}, "reason": {tc.reason}})
			if resp.status != http.StatusSeeOther {
				t.Fatalf("refused merge: %d", resp.status)
			}
			contains(t, "the page after", rania.get(resp.header.Get("Location")).body, `id="merge-error"`, tc.wantError)
		})
	}
	if merged(dup.Person) != "" || merged(c.Place) != "" {
		t.Fatal("a refusal changed something")
	}

	// The merge, named by the address of the other entry's page.
	reason := "Same man: same name, same arrest on 14 March 2019 in both reports."
	resp := rania.post(page, page+"/merge", url.Values{"other": {r.ts.URL + "/entities/" + dup.Person}, "reason": {reason}})
	if resp.status != http.StatusSeeOther {
		t.Fatalf("merge: %d", resp.status)
	}
	if got := merged(dup.Person); got != c.Person {
		t.Fatalf("after the merge the entry is merged into %q", got)
	}
	after := rania.get(resp.header.Get("Location")).body
	contains(t, "the page after the merge", after, `id="merge-parts"`, `name="part" value="`+dup.Person+`"`)
	if resp := rania.get("/entities/" + dup.Person); resp.status != http.StatusFound || resp.header.Get("Location") != page {
		t.Errorf("the merged entry's page: %d %s", resp.status, resp.header.Get("Location"))
	}
	resp = rania.post(page, page+"/merge", url.Values{"other": {dup.Person}, "reason": {"again"}})
	contains(t, "merging it twice", rania.get(resp.header.Get("Location")).body, "already merged into this one")

	// The split, which is the merge's undo.
	if resp := rania.post(page, page+"/split", url.Values{"part": {dup.Person}}); !strings.Contains(resp.header.Get("Location"), "merge_error=reason") {
		t.Errorf("a split without a reason: %d %s", resp.status, resp.header.Get("Location"))
	}
	if resp := rania.post(page, page+"/split", url.Values{"part": {c.Place}, "reason": {"not a part"}}); !strings.Contains(resp.header.Get("Location"), "merge_error=not_part") {
		t.Errorf("splitting what is not merged here: %d %s", resp.status, resp.header.Get("Location"))
	}
	split := "The second report names his brother, not him."
	resp = rania.post(page, page+"/split", url.Values{"part": {dup.Person}, "reason": {split}})
	if resp.status != http.StatusSeeOther {
		t.Fatalf("split: %d", resp.status)
	}
	if got := merged(dup.Person); got != "" {
		t.Fatalf("after the split the entry is merged into %q", got)
	}
	after = rania.get(resp.header.Get("Location")).body
	contains(t, "the page after the split", after, `id="split-off"`, `href="/entities/`+dup.Person+`"`)
	lacks(t, "the page after the split", after, `id="merge-parts"`)
	if resp := rania.get("/entities/" + dup.Person); resp.status != http.StatusOK {
		t.Errorf("the split-off entry's page: %d", resp.status)
	}

	// Both decisions, with their reasons and who made them, newest first.
	vs, err := r.st.Verdicts(ctx, c.Person, dup.Person)
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 2 || vs[0].Verdict != model.Different || vs[0].Note != split || vs[1].Verdict != model.Same || vs[1].Note != reason {
		t.Errorf("judgements: %+v", vs)
	}
	for _, j := range vs {
		if j.Author != "rania" {
			t.Errorf("judgement by %q", j.Author)
		}
	}

	// A viewer may neither merge nor split.
	vera := r.login("vera")
	if resp := vera.post("/entities/"+c.Person, page+"/merge", url.Values{"other": {dup.Person}, "reason": {"x"}}); resp.status != http.StatusForbidden {
		t.Errorf("a viewer's merge: %d", resp.status)
	}
	if merged(dup.Person) != "" {
		t.Error("a viewer's merge merged")
	}
}
