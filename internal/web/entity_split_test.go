package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/apptest"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

var previewSts = regexp.MustCompile(`name="st" value="([^"]+)"`)

// A split by statements from the person's page: the reviewer ticks what
// the weekly roundup says (his name, the wrong alias, his arrest) and
// previews it; the preview and the choice never show a statement above
// the reviewer's clearance; the confirmation moves them to a new person,
// the page names it with an undo, the same confirmation sent again is a
// conflict that changes nothing, and the undo merges it back. A viewer
// has neither the link nor the page.
func TestSplitByStatementsFromThePage(t *testing.T) {
	r := newRig(t, "")
	ctx := context.Background()
	c := apptest.SeedCase(t, r.st)
	const secret = "Abu Samir of Harasta"
	hidden := model.Statement{EntityID: c.Person, Property: model.PropAlias, Value: secret,
		SourceID: r.sources[model.Confidential].src.ID, Origin: "manual"}
	if err := r.st.Write(ctx, "tester", func(tx *store.Tx) error { return tx.AddStatement(ctx, &hidden) }); err != nil {
		t.Fatal(err)
	}
	rania, vera := r.login("rania"), r.login("vera")
	page := "/entities/" + c.Person
	contains(t, "the reviewer's page", rania.get(page).body, `id="split-statements"`)
	lacks(t, "the viewer's page", vera.get(page).body, `id="split-statements"`)
	if got := vera.get(page + "/split"); got.status != http.StatusForbidden {
		t.Errorf("the split page for a viewer: %d", got.status)
	}

	choose := rania.get(page + "/split")
	contains(t, "the split page", choose.body, `value="`+c.Names[3]+`"`, `name="source" value="`+c.Sources[3]+`"`)
	lacks(t, "the split page", choose.body, hidden.ID, secret)

	if got := rania.get(page + "/split?preview=1&st=" + hidden.ID); got.status != http.StatusNotFound || strings.Contains(got.body, secret) {
		t.Errorf("a preview naming a hidden statement: %d", got.status)
	}
	preview := rania.get(page + "/split?preview=1&source=" + url.QueryEscape(c.Sources[3]))
	contains(t, "the preview", preview.body, `id="split-preview"`, `name="st" value="`+c.Names[3]+`"`, `name="st" value="`+c.WrongAlias+`"`)
	lacks(t, "the preview", preview.body, secret)
	if got := rania.get(page + "/split?preview=1&st=" + c.Names[3]); !strings.Contains(got.body, `id="split-preview"`) {
		t.Errorf("a preview of one name: %s", got.body)
	}
	links, err := r.st.Referencing(ctx, access.Operator(), c.Person)
	if err != nil || len(links) == 0 {
		t.Fatal(links, err)
	}
	if got := rania.get(page + "/split?preview=1&st=" + links[0].ID); !strings.Contains(got.body, `id="split-error"`) || strings.Contains(got.body, `id="split-preview"`) {
		t.Error("a preview of an event alone (no name for the new person) does not say why it cannot be split")
	}

	section := preview.body[strings.Index(preview.body, `id="split-preview"`):]
	section = section[:strings.Index(section, "</section>")]
	var ids []string
	for _, m := range previewSts.FindAllStringSubmatch(section, -1) {
		ids = append(ids, m[1])
	}
	if len(ids) != 3 {
		t.Fatalf("the preview moves %v, want the roundup's name, alias and part in his arrest", ids)
	}
	form := url.Values{"st": ids, "reason": {"another man: the roundup's Samir Khoury was arrested elsewhere"}}
	resp := rania.post(page+"/split", page+"/split-statements", form)
	if resp.status != http.StatusSeeOther || !strings.Contains(resp.header.Get("Location"), "split=") {
		t.Fatalf("split: %d %s", resp.status, resp.header.Get("Location"))
	}
	loc, _ := url.Parse(resp.header.Get("Location"))
	newID := loc.Query().Get("split")
	moved, err := r.st.Statements(ctx, access.Operator(), newID)
	if err != nil || len(moved) != 2 {
		t.Fatalf("the new person holds %d statements (%v), want the name and the alias", len(moved), err)
	}
	contains(t, "the page after the split", rania.get(resp.header.Get("Location")).body, `id="split-off"`, `id="split-undo"`)

	again := rania.post(page+"/split", page+"/split-statements", form)
	if again.status != http.StatusConflict || !strings.Contains(again.body, `id="split-error"`) {
		t.Errorf("the same split again: %d", again.status)
	}
	if got, _ := r.st.Statements(ctx, access.Operator(), newID); len(got) != 2 {
		t.Errorf("a refused split changed the new person: %d statements", len(got))
	}

	undo := rania.post(page, page+"/merge", url.Values{"other": {newID}, "reason": {"undo of the split"}})
	if undo.status != http.StatusSeeOther {
		t.Fatalf("undo: %d", undo.status)
	}
	if e, err := r.st.Entity(ctx, newID); err != nil || e.MergedInto != c.Person {
		t.Errorf("after the undo the new person is merged into %q (%v)", e.MergedInto, err)
	}
}
