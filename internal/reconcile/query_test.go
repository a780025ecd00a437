package reconcile

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/samples"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

func TestBadQueries(t *testing.T) {
	big := make([]string, maxBatch+1)
	for i := range big {
		big[i] = fmt.Sprintf(`"q%d":{"query":"x"}`, i)
	}
	engines(t, func(t *testing.T, r *rig) {
		for _, tt := range []struct {
			name, queries string
			status        int
			detail        string
		}{
			{"not JSON", `{"q0": {"query": "Ous"`, 400, "the JSON ends too early"},
			{"syntax", `{"q0": {"query": Ous}}`, 400, "invalid JSON at byte"},
			{"array", `[{"query": "Ous"}]`, 400, "not a JSON object of queries"},
			{"empty", ``, 400, "queries: empty"},
			{"null", `null`, 400, "queries: null"},
			{"no query", `{"q0": {"limit": 3}}`, 400, `query "q0": give a non-empty "query"`},
			{"misnamed", `{"q0": {"query": "Ous", "props": []}}`, 400, `query "q0": unknown field "props"`},
			{"limit", `{"q0": {"query": "Ous", "limit": -2}}`, 400, `query "q0": "limit" must be a positive whole number, not -2`},
			{"limit fraction", `{"q0": {"query": "Ous", "limit": 1.5}}`, 400, `"limit" must be a positive whole number`},
			{"type", `{"q0": {"query": "Ous", "type": 7}}`, 400, `"type" must be a type id or an array of type ids`},
			{"property", `{"q0": {"query": "Ous", "properties": [{"pid": "P569", "v": "1980"}]}}`, 400, `unknown property "P569"`},
			{"property value", `{"q0": {"query": "Ous", "properties": [{"pid": "birthDate", "v": [{"name": "x"}]}]}}`, 400, `properties[0]: "v": an entity value needs a string "id"`},
			{"property fields", `{"q0": {"query": "Ous", "properties": [{"pid": "birthDate"}]}}`, 400, `needs both "pid" and "v"`},
			{"null field", `{"q0": {"query": null, "properties": [{"pid": "birthDate", "v": "1980"}]}}`, 400, `"query" is null`},
			{"type_strict", `{"q0": {"query": "Ous", "type_strict": "maybe"}}`, 400, `"type_strict" must be`},
			{"too many", "{" + strings.Join(big, ",") + "}", 413, "at most 100"},
		} {
			resp := r.do("POST", "/reconcile", "vera", "application/x-www-form-urlencoded", url.Values{"queries": {tt.queries}}.Encode())
			if resp.status != tt.status || !strings.Contains(resp.body, jsonQuote(tt.detail)) {
				t.Errorf("%s: %d %s, want %d with %q", tt.name, resp.status, resp.body, tt.status, tt.detail)
			}
		}
		if resp := r.do("POST", "/reconcile", "vera", "application/x-www-form-urlencoded", "limit=3"); resp.status != 400 ||
			!strings.Contains(resp.body, "missing the queries parameter") {
			t.Errorf("no queries: %d %s", resp.status, resp.body)
		}
		for _, tt := range []struct{ name, body, detail string }{
			{"not an object", `[]`, "request body"},
			{"no queries", `{}`, `"queries": want an array of queries`},
			{"old format", `{"q0": {"query": "Ous"}}`, `unknown field "q0"`},
			{"no conditions", `{"queries": [{"type": "person"}]}`, `queries[0]: "conditions" is required`},
			{"empty conditions", `{"queries": [{"conditions": []}]}`, `"conditions" is empty`},
			{"match type", `{"queries": [{"conditions": [{"matchType": "fuzzy", "propertyValue": "x"}]}]}`, `"matchType" must be "name", "id" or "property", not "fuzzy"`},
			{"no match type", `{"queries": [{"conditions": [{"propertyValue": "x"}]}]}`, `conditions[0]: "matchType" is required`},
			{"two names", `{"queries": [{"conditions": [{"matchType": "name", "propertyValue": "a"}, {"matchType": "name", "propertyValue": "b"}]}]}`, "only one name condition"},
			{"types", `{"queries": [{"type": ["person"], "conditions": [{"matchType": "name", "propertyValue": "a"}]}]}`, `"type" must be one type id`},
			{"no property id", `{"queries": [{"conditions": [{"matchType": "property", "propertyValue": "a"}]}]}`, `needs "propertyId"`},
		} {
			resp := r.do("POST", "/reconcile/1.0-draft/reconcile", "vera", "application/json", tt.body)
			if resp.status != 400 || !strings.Contains(resp.body, jsonQuote(tt.detail)) {
				t.Errorf("draft %s: %d %s, want 400 with %q", tt.name, resp.status, resp.body, tt.detail)
			}
		}
		if resp := r.do("POST", "/reconcile/1.0-draft/reconcile", "vera", "text/plain", `{}`); resp.status != http.StatusUnsupportedMediaType {
			t.Errorf("draft as text/plain: %d", resp.status)
		}
	})
}

// jsonQuote is s as it appears inside a JSON string.
func jsonQuote(s string) string { return strings.ReplaceAll(s, `"`, `\"`) }

// TestSpecExampleBatches sends the specification's valid example query
// batches (their property ids mapped to Athar's) to the service, which must
// answer each with a result batch its schema accepts.
func TestSpecExampleBatches(t *testing.T) {
	engines(t, func(t *testing.T, r *rig) {
		for _, v := range versions {
			files, _ := filepath.Glob(filepath.Join("testdata", v, "examples", "reconciliation-query-batch", "valid", "*.json"))
			for _, f := range files {
				b, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				var resp response
				if v == "0.2" {
					resp = r.do("POST", "/reconcile", "vera", "application/x-www-form-urlencoded", url.Values{"queries": {string(athar(b))}}.Encode())
				} else {
					resp = r.do("POST", "/reconcile/1.0-draft/reconcile", "vera", "application/json", string(athar(b)))
				}
				if resp.status != 200 {
					t.Errorf("%s: %d %s", f, resp.status, resp.body)
					continue
				}
				validate(t, v, "reconciliation-result-batch", []byte(resp.body))
			}
		}
	})
}

// TestDemoData reconciles against what `athar demo` stores: the bundled
// samples, ingested and extracted as the demo does. "Aws Salloum" and
// "أوس سلوم" find the Ous Salloum the articles name.
func TestDemoData(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		r := &rig{t: t, st: st}
		ctx := context.Background()
		all, paths, err := samples.WriteTo(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		a := app.New(r.st, app.Config{})
		for i, smp := range all {
			_, err := a.Ingest(ctx, access.Operator(), paths[i:i+1], app.IngestOptions{Kind: smp.Kind}, func(res app.IngestResult) {
				if res.Outcome == app.Failed {
					t.Errorf("sample %s: %v", smp.Name, res.Err)
				}
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		persons, err := r.st.Entities(ctx, access.Operator(), model.TypePerson)
		if err != nil {
			t.Fatal(err)
		}
		var ous []string
		for _, e := range persons {
			for _, n := range e.Names {
				if n == "Ous Salloum" {
					ous = append(ous, e.ID)
				}
			}
		}
		if len(ous) != 1 {
			t.Fatalf("the demo data holds %d entities named Ous Salloum, want 1", len(ous))
		}
		r.serve()
		res := r.query02("adel", map[string]any{
			"latin":  map[string]any{"query": "Aws Salloum", "type": "person", "limit": 5},
			"arabic": map[string]any{"query": "أوس سلوم", "type": "person", "limit": 5},
		})
		for k, cs := range res {
			found := false
			for _, c := range cs {
				found = found || c.ID == ous[0]
			}
			if !found {
				t.Errorf("%s: %+v lacks the demo's Ous Salloum %s", k, cs, ous[0])
			}
		}
	})
}
