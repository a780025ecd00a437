package api

import (
	"bytes"
	"net/http"
	"testing"

	"github.com/athar-project/athar/internal/model"
)

// A witness's consent over the API: an admin sets it and reads it back, as
// the ledger records; a testimony only; a partner's name is checked.
func TestConsentAPI(t *testing.T) {
	engines(t, func(t *testing.T, r *rig) {
		path := "/api/v1/sources/" + r.fx.sources[model.Confidential].ID + "/consent"
		body := func(s string) *bytes.Buffer { return bytes.NewBufferString(s) }
		if got := r.do("GET", path, "adel", nil, "").json(t); got["recorded"] != false || got["court"] != false {
			t.Errorf("before: %v", got)
		}
		tests := []struct {
			name, who, path, body string
			want                  int
		}{
			{"an admin sets it", "adel", path, `{"court":true,"partners":["Syrian Archive","CIJA"],"contact":true}`, http.StatusOK},
			{"a reviewer", "rania", path, `{"court":true}`, http.StatusForbidden},
			{"a partner's name with a bar", "adel", path, `{"partners":["A|B"]}`, http.StatusBadRequest},
			{"a partner's name with a control character", "adel", path, `{"partners":["A\u0001B"]}`, http.StatusBadRequest},
			{"an article", "adel", "/api/v1/sources/" + r.fx.sources[model.Public].ID + "/consent", `{"court":true}`, http.StatusUnprocessableEntity},
			{"no such source", "adel", "/api/v1/sources/src_0000000000000000/consent", `{"court":true}`, http.StatusNotFound},
		}
		for _, tt := range tests {
			if got := r.do("POST", tt.path, tt.who, body(tt.body), "application/json"); got.status != tt.want {
				t.Errorf("%s: %d, want %d\n%s", tt.name, got.status, tt.want, got.body)
			}
		}
		got := r.do("GET", path, "adel", nil, "").json(t)
		partners, _ := got["partners"].([]any)
		if got["recorded"] != true || got["court"] != true || got["contact"] != true || got["publication"] != false ||
			len(partners) != 2 || partners[0] != "CIJA" || partners[1] != "Syrian Archive" {
			t.Errorf("after: %v", got)
		}
		if rep, err := r.st.Verify(t.Context()); err != nil || !rep.OK {
			t.Errorf("the ledger after a change of consent: %+v %v", rep, err)
		}
	})
}
