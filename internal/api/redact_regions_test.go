package api

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/model"
)

// POST /sources/{id}/redactions with regions: a malformed one is named by
// its place in the body, one of a source that is no PNG or JPEG is refused,
// and neither stores anything.
func TestRedactRegionsRefused(t *testing.T) {
	engines(t, func(t *testing.T, r *rig) {
		pub := r.fx.sources[model.Public].ID
		head, _, _ := r.st.Head(context.Background())
		for _, tt := range []struct {
			regions []string
			want    string
		}{
			{[]string{"1:1,1,5,5", "1:0,0,0,5"}, "body.regions[1]"},
			{[]string{"1:1,1,5,5"}, "regions are filled in PNG and JPEG images only"},
		} {
			resp := r.postJSON("/api/v1/sources/"+pub+"/redactions", "adel", map[string]any{"regions": tt.regions, "reason": "a test"})
			if resp.status != http.StatusUnprocessableEntity || !strings.Contains(string(resp.body), tt.want) {
				t.Errorf("regions %v: %d %s, want 422 naming %q", tt.regions, resp.status, resp.body, tt.want)
			}
		}
		if after, _, _ := r.st.Head(context.Background()); after != head {
			t.Errorf("refused redactions wrote %d ledger entries", after-head)
		}
	})
}
