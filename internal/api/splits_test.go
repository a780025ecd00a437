package api

import (
	"net/http"
	"strings"
	"testing"
)

// A split through the API: an analyst is refused, a reviewer's split of the
// person's public name moves it onto a new entity, and the same split sent
// again (a view that no longer holds) is 409 with nothing changed. (Hidden
// statements and the other refusals: app TestSplitByStatements.)
func TestSplitThroughTheAPI(t *testing.T) {
	engines(t, func(t *testing.T, r *rig) {
		path := "/api/v1/entities/" + r.fx.person + "/splits"
		body := map[string]any{"statements": []string{r.fx.confirmed}, "reason": "another man of the same name"}
		if got := r.postJSON(path, "anas", body); got.status != http.StatusForbidden {
			t.Errorf("an analyst's split: %d, want 403", got.status)
		}
		first := r.postJSON(path, "rania", body)
		if first.status != http.StatusOK {
			t.Fatalf("split: %d %s", first.status, first.body)
		}
		out := first.json(t)
		if out["entity"] == "" || out["dry_run"] != false || len(out["moved"].([]any)) != 1 {
			t.Fatalf("split answered %s", first.body)
		}
		sts, err := r.st.Statements(t.Context(), accessAll(), out["entity"].(string))
		if err != nil || len(sts) != 1 || sts[0].ID != r.fx.confirmed {
			t.Fatalf("the new entity holds %+v (%v)", sts, err)
		}
		again := r.postJSON(path, "adel", body)
		if again.status != http.StatusConflict || !strings.Contains(string(again.body), "nothing was split") {
			t.Errorf("the same split again: %d %s, want 409", again.status, again.body)
		}
	})
}
