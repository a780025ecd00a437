package web

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/athar-project/athar/internal/model"
)

// A reviewer writes notes on a source's page, at a level no lower than the
// source's and no higher than their clearance; each is ledgered, shown with
// its author to whoever is cleared for it and to no one else.
func TestSourceNotes(t *testing.T) {
	r := newRig(t, "")
	ctx := context.Background()
	pub := "/sources/" + r.sources[model.Public].src.ID
	restricted := "/sources/" + r.sources[model.Restricted].src.ID
	rania, vera, anas := r.login("rania"), r.login("vera"), r.login("anas")
	// The levels a note may take: from the source's to the reviewer's.
	contains(t, "the reviewer's page", rania.get(pub).body, `id="source-note-form"`,
		`name="sensitivity"><option value="public">public</option><option value="internal">internal</option><option value="restricted">restricted</option></select>`)
	contains(t, "the reviewer's restricted page", rania.get(restricted).body, `id="source-note-sens" name="sensitivity"><option value="restricted">restricted</option></select>`)
	lacks(t, "the viewer's page", vera.get(pub).body, `id="source-notes"`, `id="source-note-form"`)

	before, err := r.st.Verify(ctx)
	if err != nil {
		t.Fatal(err)
	}
	notes := []struct {
		name, page, text, level string
		want                    int
	}{
		{"public", pub, "Published by a outlet close to the security services.", "public", http.StatusSeeOther},
		{"internal on a public source", pub, "The author told us by phone he was not there.", "internal", http.StatusSeeOther},
		{"the source's level", restricted, "The witness asked that the village not be named.", "", http.StatusSeeOther},
		{"below the source", restricted, "Below its source.", "public", http.StatusBadRequest},
		{"above the reviewer", pub, "Above my clearance.", "confidential", http.StatusForbidden},
		{"empty", pub, "   ", "public", http.StatusBadRequest},
	}
	for _, n := range notes {
		t.Run(n.name, func(t *testing.T) {
			f := url.Values{"text": {n.text}}
			if n.level != "" {
				f.Set("sensitivity", n.level)
			}
			if resp := rania.post(n.page, n.page+"/notes", f); resp.status != n.want {
				t.Errorf("note: %d, want %d", resp.status, n.want)
			}
		})
	}
	after, err := r.st.Verify(ctx)
	if err != nil || !after.OK {
		t.Fatalf("verify: %+v %v", after, err)
	}
	if got := after.Entries - before.Entries; got != 3 {
		t.Errorf("%d ledger entries for three notes", got)
	}
	contains(t, "the reviewer's page", rania.get(pub).body, "Published by a outlet close", "The author told us by phone", "<bdi>rania</bdi>")
	contains(t, "the restricted page", rania.get(restricted).body, "The witness asked that the village not be named.")
	// The analyst (internal) sees both notes on the public source and writes none.
	ab := anas.get(pub).body
	contains(t, "the analyst's page", ab, "Published by a outlet close", "The author told us by phone")
	lacks(t, "the analyst's page", ab, `id="source-note-form"`)
	// The viewer (public) sees the public note only.
	vb := vera.get(pub).body
	contains(t, "the viewer's page", vb, "Published by a outlet close")
	lacks(t, "the viewer's page", vb, "The author told us by phone")
	if resp := vera.post(pub, pub+"/notes", url.Values{"text": {"x"}}); resp.status != http.StatusForbidden {
		t.Errorf("a viewer's note: %d", resp.status)
	}
	if resp := rania.post(pub, "/sources/no-such-source/notes", url.Values{"text": {"x"}}); resp.status != http.StatusNotFound {
		t.Errorf("a note on no source: %d", resp.status)
	}
}
