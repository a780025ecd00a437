package reconcile

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
)

func TestManifests(t *testing.T) {
	engines(t, func(t *testing.T, r *rig) {
		for _, tt := range []struct{ path, version string }{
			{"/reconcile", "0.2"}, {"/reconcile/", "0.2"}, {"/reconcile/1.0-draft", "1.0-draft"},
		} {
			// The manifest holds no data: the protocol has it open to all.
			resp := r.get(tt.path, "")
			if resp.status != http.StatusOK {
				t.Fatalf("GET %s: %d %s", tt.path, resp.status, resp.body)
			}
			validate(t, tt.version, "manifest", []byte(resp.body))
			var m map[string]any
			json.Unmarshal([]byte(resp.body), &m)
			if vs := m["versions"].([]any); len(vs) != 1 || vs[0] != tt.version {
				t.Errorf("%s: versions %v", tt.path, vs)
			}
			if view := m["view"].(map[string]any)["url"].(string); !strings.HasPrefix(view, baseURL+"/entities/") {
				t.Errorf("%s: view URL %q is not absolute on the base URL", tt.path, view)
			}
			if resp.header.Get("Access-Control-Allow-Origin") != "*" {
				t.Errorf("%s: no CORS header", tt.path)
			}
		}
		var m map[string]any
		json.Unmarshal([]byte(r.get("/reconcile", "").body), &m)
		if p := m["preview"].(map[string]any)["url"]; p != baseURL+"/reconcile/preview?id={{id}}" {
			t.Errorf("preview URL %v", p)
		}
		if s := m["suggest"].(map[string]any)["entity"].(map[string]any); s["service_url"].(string)+s["service_path"].(string) != baseURL+"/reconcile/suggest/entity" {
			t.Errorf("suggest entity %v", s)
		}
	})
}

func TestAnonymousGetsNoData(t *testing.T) {
	engines(t, func(t *testing.T, r *rig) {
		q := url.Values{"queries": {`{"q0":{"query":"Ous Salloum"}}`}}.Encode()
		for _, req := range []struct{ method, path, ct, body string }{
			{"GET", "/reconcile?" + q, "", ""},
			{"POST", "/reconcile", "application/x-www-form-urlencoded", q},
			{"POST", "/reconcile/1.0-draft/reconcile", "application/json", `{"queries":[{"conditions":[{"matchType":"name","propertyValue":"Ous Salloum"}]}]}`},
			{"GET", "/reconcile/suggest/entity?prefix=Ous", "", ""},
			{"GET", "/reconcile/1.0-draft/suggest/entity?prefix=Ous", "", ""},
			{"GET", "/reconcile/preview?id=" + r.id["Ous Salloum"], "", ""},
			{"GET", "/reconcile/1.0-draft/preview?id=" + r.id["Ous Salloum"], "", ""},
		} {
			for _, token := range []string{"", "stranger"} {
				resp := r.do(req.method, req.path, token, req.ct, req.body)
				if resp.status != http.StatusUnauthorized || !strings.HasPrefix(resp.header.Get("Content-Type"), "application/problem+json") {
					t.Errorf("%s %s (token %q): %d %s, want a 401 problem", req.method, req.path, token, resp.status, resp.header.Get("Content-Type"))
				}
				if strings.Contains(resp.body, "Salloum") || strings.Contains(resp.body, r.id["Ous Salloum"]) {
					t.Errorf("%s %s: a 401 carries data: %s", req.method, req.path, resp.body)
				}
			}
		}
		if resp := r.do("POST", "/reconcile", "broken", "application/x-www-form-urlencoded", q); resp.status != http.StatusInternalServerError ||
			strings.Contains(resp.body, "unreachable") {
			t.Errorf("an authentication failure: %d %s, want 500 without detail", resp.status, resp.body)
		}
		if logs := r.logs.String(); !strings.Contains(logs, "token store unreachable") || strings.Contains(logs, "Salloum") {
			t.Errorf("the log should name the failure and never the query: %s", logs)
		}
	})
}

func TestReconcile(t *testing.T) {
	engines(t, func(t *testing.T, r *rig) {
		ous := r.id["Ous Salloum"]
		res := r.query02("vera", map[string]any{
			"latin":  map[string]any{"query": "Aws Salloum", "type": "person"},
			"arabic": map[string]any{"query": "أوس سلوم"},
			"akram":  map[string]any{"query": "Akram Salloum al-Abdullah", "type": []string{"person"}},
			"one":    map[string]any{"query": "Salloum", "limit": 1},
			"id":     map[string]any{"query": ous},
		})
		for _, k := range []string{"latin", "arabic", "id"} {
			cs := res[k]
			if len(cs) == 0 || cs[0].ID != ous || !cs[0].Match {
				t.Errorf("%s: %+v, want Ous Salloum (%s) first with match", k, cs, ous)
				continue
			}
			if cs[0].Name != "Ous Salloum" || cs[0].Type[0].ID != "person" || cs[0].Score <= 0 || cs[0].Score > 100 {
				t.Errorf("%s: candidate %+v", k, cs[0])
			}
			for _, c := range cs[1:] {
				if c.Match {
					t.Errorf("%s: a second match: %+v", k, c)
				}
			}
		}
		if cs := res["akram"]; len(cs) == 0 || cs[0].ID != r.id["Akram Salloum al-Abdullah"] {
			t.Errorf("akram: %+v", cs)
		} else {
			for _, c := range cs {
				if c.ID == ous && c.Match {
					t.Errorf("Akram Salloum al-Abdullah matched Ous Salloum: %+v", c)
				}
			}
		}
		if len(res["one"]) != 1 {
			t.Errorf("limit 1: %d candidates", len(res["one"]))
		}
		if !strings.Contains(res["latin"][0].Description, "prison guard") {
			t.Errorf("description %q lacks the position", res["latin"][0].Description)
		}

		// GET with the batch in the query string answers the same.
		q := `{"q":{"query":"Aws Salloum"}}`
		resp := r.get("/reconcile?queries="+url.QueryEscape(q), "vera")
		validate(t, "0.2", "reconciliation-result-batch", []byte(resp.body))
		if !strings.Contains(resp.body, ous) {
			t.Errorf("GET ?queries=: %s", resp.body)
		}

		// The draft: same engine, its own shapes.
		d := r.queryDraft("vera",
			map[string]any{"type": "person", "conditions": []any{map[string]any{"matchType": "name", "propertyValue": "Aws Salloum"}}},
			map[string]any{"conditions": []any{map[string]any{"matchType": "id", "propertyValue": ous}}})
		for i, cs := range d {
			if len(cs) == 0 || cs[0].ID != ous || !cs[0].Match {
				t.Errorf("draft query %d: %+v", i, cs)
			}
		}
	})
}

func TestTypeConstraint(t *testing.T) {
	engines(t, func(t *testing.T, r *rig) {
		res := r.query02("vera", map[string]any{
			"facility": map[string]any{"query": "Sednaya", "type": "facility"},
			"person":   map[string]any{"query": "Sednaya Prison", "type": "person"},
			"any":      map[string]any{"query": "Sednaya Prison"},
			"unknown":  map[string]any{"query": "Sednaya Prison", "type": "spaceship"},
			"event":    map[string]any{"query": "Sednaya Prison", "type": "event"},
			"arabic":   map[string]any{"query": "سجن صيدنايا", "type": "facility"},
		})
		prison := r.id["Sednaya Prison"]
		for _, k := range []string{"facility", "any", "arabic"} {
			if cs := res[k]; len(cs) == 0 || cs[0].ID != prison || cs[0].Type[0].ID != "facility" {
				t.Errorf("%s: %+v, want the prison first", k, cs)
			}
		}
		for _, k := range []string{"person", "unknown", "event"} {
			for _, c := range res[k] {
				if c.ID == prison {
					t.Errorf("%s: the prison is a candidate: %+v", k, res[k])
				}
			}
		}
		if len(res["unknown"]) != 0 || len(res["event"]) != 0 {
			t.Errorf("unknown type or event: %+v %+v, want no candidates", res["unknown"], res["event"])
		}
	})
}

func TestPropertyConstraints(t *testing.T) {
	engines(t, func(t *testing.T, r *rig) {
		judge, officer, ous := r.id["Ahmad Khalil (judge)"], r.id["Ahmad Khalil (officer)"], r.id["Ous Salloum"]
		res := r.query02("vera", map[string]any{
			"plain":      map[string]any{"query": "Ahmad Khalil", "type": "person"},
			"born85":     map[string]any{"query": "Ahmad Khalil", "type": "person", "properties": []any{map[string]any{"pid": "birthDate", "v": "1985"}}},
			"born70":     map[string]any{"query": "Ahmad Khalil", "type": "person", "properties": []any{map[string]any{"pid": "birthDate", "v": "1970-06-01"}}},
			"judge":      map[string]any{"query": "Ahmad Khalil", "properties": []any{map[string]any{"pid": "position", "v": []any{"Judge"}}}},
			"ousBorn":    map[string]any{"query": "Aws Salloum", "properties": []any{map[string]any{"pid": "birthDate", "v": "1980"}, map[string]any{"pid": "birthPlace", "v": "القبو"}}},
			"ousWrong":   map[string]any{"query": "Aws Salloum", "properties": []any{map[string]any{"pid": "birthDate", "v": "1991"}}},
			"byPosition": map[string]any{"properties": []any{map[string]any{"pid": "position", "v": "prison guard"}}},
		})
		score := func(cs []candidateJSON, id string) float64 {
			for _, c := range cs {
				if c.ID == id {
					return c.Score
				}
			}
			return -1
		}
		plain := res["plain"]
		if len(plain) < 2 || score(plain, judge) != score(plain, officer) || plain[0].Match {
			t.Fatalf("two namesakes: %+v, want both, equal, no match", plain)
		}
		if cs := res["born85"]; cs[0].ID != judge || score(cs, officer) >= score(plain, officer) {
			t.Errorf("birthDate 1985: %+v, want the judge first and the officer lowered", cs)
		}
		if cs := res["born70"]; cs[0].ID != officer || score(cs, judge) >= score(plain, judge) {
			t.Errorf("birthDate 1970-06-01: %+v, want the officer (born 1970) first and the judge lowered", cs)
		}
		if cs := res["judge"]; cs[0].ID != judge || score(cs, judge) <= score(plain, judge) {
			t.Errorf("position judge: %+v, want the judge first, raised", cs)
		}
		if cs := res["ousBorn"]; cs[0].ID != ous || !cs[0].Match || !hasFeature(cs[0], "property:birthPlace", true) {
			t.Errorf("agreeing birth date and place (in Arabic): %+v", cs)
		}
		if cs := res["ousWrong"]; len(cs) > 0 && cs[0].ID == ous && cs[0].Match {
			t.Errorf("a conflicting birth date still matched: %+v", cs)
		}
		if cs := res["byPosition"]; len(cs) != 1 || cs[0].ID != ous {
			t.Errorf("a query by position alone: %+v, want Ous Salloum only", cs)
		}

		// The draft's required conditions filter; none excludes.
		d := r.queryDraft("vera",
			map[string]any{"conditions": []any{
				map[string]any{"matchType": "name", "propertyValue": "Ahmad Khalil"},
				map[string]any{"matchType": "property", "propertyId": "birthDate", "propertyValue": "1985", "required": true},
			}},
			map[string]any{"conditions": []any{
				map[string]any{"matchType": "name", "propertyValue": "Ahmad Khalil"},
				map[string]any{"matchType": "property", "propertyId": "position", "propertyValue": []any{"judge"}, "matchQuantifier": "none", "required": true},
			}})
		if got := ids(d[0]); len(got) != 1 || got[0] != judge {
			t.Errorf("required birthDate 1985: %v, want the judge only", got)
		}
		if got := ids(d[1]); len(got) != 1 || got[0] != officer {
			t.Errorf("required: not a judge: %v, want the officer only", got)
		}
	})
}

func hasFeature(c candidateJSON, id string, want any) bool {
	for _, f := range c.Features {
		if f.ID == id {
			return f.Value == want
		}
	}
	return false
}

// TestRestrictedNames: a name, a fact or a whole entity known only from a
// confidential source never reaches a viewer with public clearance — not as
// a candidate, a score, a suggestion or a preview — and does reach one with
// full clearance, whose view is recorded in the access log.
//
// It holds whichever way the account authenticates: the bearer token, its
// reconciliation key's URL, its key as the raw Authorization header, or its
// API token.
func TestRestrictedNames(t *testing.T) {
	engines(t, func(t *testing.T, r *rig) {
		for _, who := range []struct{ low, high string }{{"vera", "adel"}, {"key:vera", "key:adel"}, {"raw:vera", "raw:adel"}, {"api:vera", "api:adel"}} {
			low, high := who.low, who.high
			t.Run(low, func(t *testing.T) {
				ous, witness := r.id["Ous Salloum"], r.id[secretWitness]
				batch := map[string]any{
					"alias":   map[string]any{"query": secretAlias},
					"witness": map[string]any{"query": secretWitness},
					"ous":     map[string]any{"query": "Ous Salloum"},
					"byAlias": map[string]any{"properties": []any{map[string]any{"pid": "alias", "v": secretAlias}}},
				}
				secrets := []string{secretAlias, "Haidar", "Sednawi", secretWitness, "Mukhfi", witness, secretFact}
				checkClean := func(what, body string) {
					t.Helper()
					for _, s := range secrets {
						if strings.Contains(body, s) {
							t.Errorf("%s shows %q to vera: %s", what, s, body)
						}
					}
				}
				b, _ := json.Marshal(batch)
				form := url.Values{"queries": {string(b)}}.Encode()
				vera := r.do("POST", "/reconcile", low, "application/x-www-form-urlencoded", form)
				checkClean("reconcile", vera.body)
				res := r.query02(low, batch)
				if cs := res["alias"]; len(cs) > 0 && cs[0].ID == ous && cs[0].Match {
					t.Errorf("the confidential alias matched Ous Salloum for vera: %+v", cs)
				}
				for _, c := range res["witness"] {
					if c.ID == witness || c.Match {
						t.Errorf("vera's candidates for the witness's name: %+v", res["witness"])
					}
				}
				if len(res["byAlias"]) != 0 {
					t.Errorf("vera got candidates by the secret alias: %+v", res["byAlias"])
				}
				for _, p := range []string{"/reconcile/preview?id=" + ous, "/reconcile/suggest/entity?prefix=Abu+Hai",
					"/reconcile/suggest/entity?prefix=Salim", "/reconcile/suggest/entity?prefix=" + witness} {
					resp := r.get(p, low)
					checkClean(p, resp.body)
				}
				if resp := r.get("/reconcile/preview?id="+witness, low); resp.status != http.StatusNotFound {
					t.Errorf("preview of a confidential-only entity for vera: %d", resp.status)
				}
				if resp := r.get("/reconcile/preview?id=no-such-entity", low); resp.status != http.StatusNotFound {
					t.Errorf("preview of no entity: %d", resp.status)
				}

				// Full clearance sees them, and the view is recorded.
				res = r.query02(high, batch)
				if cs := res["alias"]; len(cs) == 0 || cs[0].ID != ous {
					t.Errorf("adel, the confidential alias: %+v, want Ous Salloum", cs)
				}
				if cs := res["witness"]; len(cs) == 0 || cs[0].ID != witness || !cs[0].Match {
					t.Errorf("adel, the witness: %+v", cs)
				}
				if cs := res["byAlias"]; len(cs) != 1 || cs[0].ID != ous {
					t.Errorf("adel, by alias alone: %+v", cs)
				}
				if resp := r.get("/reconcile/preview?id="+ous, high); resp.status != 200 || !strings.Contains(resp.body, secretAlias) {
					t.Errorf("adel's preview lacks the alias: %d %s", resp.status, resp.body)
				}
				if resp := r.get("/reconcile/suggest/entity?prefix=Abu+Hai", high); !strings.Contains(resp.body, ous) {
					t.Errorf("adel's suggestion lacks Ous Salloum: %s", resp.body)
				}
			})
		}
		log, err := r.st.AccessLog().Recent(context.Background(), 100)
		if err != nil {
			t.Fatal(err)
		}
		actions := map[string]bool{}
		for _, e := range log {
			if e.Actor == "vera" {
				t.Errorf("vera's answers recorded a restricted view: %+v", e)
			}
			if e.Actor == "adel" && e.Sensitivity == model.Confidential {
				actions[e.Action] = true
			}
		}
		for _, a := range []string{"reconcile", "preview", "suggest"} {
			if !actions[a] {
				t.Errorf("adel's confidential %s is not in the access log: %+v", a, log)
			}
		}
	})
}

func TestPreview(t *testing.T) {
	engines(t, func(t *testing.T, r *rig) {
		resp := r.get("/reconcile/preview?id="+r.id["Ous Salloum"], "vera")
		if resp.status != 200 || !strings.HasPrefix(resp.header.Get("Content-Type"), "text/html") {
			t.Fatalf("preview: %d %s", resp.status, resp.header.Get("Content-Type"))
		}
		for _, want := range []string{"<h1 dir=\"auto\">Ous Salloum</h1>", "أوس سلوم", "prison guard", "Al-Qabu"} {
			if !strings.Contains(resp.body, want) {
				t.Errorf("preview lacks %q:\n%s", want, resp.body)
			}
		}
		for _, banned := range []string{"<script", "src=", "href=", "http://", "https://"} {
			if strings.Contains(strings.ToLower(resp.body), banned) {
				t.Errorf("preview holds %q:\n%s", banned, resp.body)
			}
		}
		if csp := resp.header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") {
			t.Errorf("CSP %q", csp)
		}
		if resp := r.get("/reconcile/preview", "vera"); resp.status != http.StatusBadRequest {
			t.Errorf("preview without id: %d", resp.status)
		}
	})
}

func TestSuggest(t *testing.T) {
	engines(t, func(t *testing.T, r *rig) {
		type item struct {
			ID, Name string
			Notable  []kind
		}
		suggest := func(version, path string) []item {
			t.Helper()
			resp := r.get(path, "vera")
			if resp.status != 200 {
				t.Fatalf("%s: %d %s", path, resp.status, resp.body)
			}
			kind := strings.SplitN(strings.SplitN(path, "/suggest/", 2)[1], "?", 2)[0]
			validate(t, version, map[string]string{"entity": "suggest-entities-response", "type": "suggest-types-response",
				"property": "suggest-properties-response"}[kind], []byte(resp.body))
			var out struct{ Result []item }
			json.Unmarshal([]byte(resp.body), &out)
			return out.Result
		}
		for _, v := range []struct{ version, root string }{{"0.2", "/reconcile"}, {"1.0-draft", "/reconcile/1.0-draft"}} {
			got := suggest(v.version, v.root+"/suggest/entity?prefix=ous+sal")
			if len(got) != 1 || got[0].ID != r.id["Ous Salloum"] || got[0].Name != "Ous Salloum" || got[0].Notable[0].ID != "person" {
				t.Errorf("%s entity ous sal: %+v", v.version, got)
			}
			if got := suggest(v.version, v.root+"/suggest/entity?prefix=صيدن"); len(got) != 1 || got[0].ID != r.id["Sednaya Prison"] {
				t.Errorf("%s entity صيدن: %+v", v.version, got)
			}
			if got := suggest(v.version, v.root+"/suggest/entity?prefix=Ahmad&type=person&limit=1&cursor=1"); len(got) != 1 || !strings.HasPrefix(got[0].Name, "Ahmad") {
				t.Errorf("%s entity Ahmad, second page: %+v", v.version, got)
			}
			if got := suggest(v.version, v.root+"/suggest/entity?prefix=Ahmad&type=facility"); len(got) != 0 {
				t.Errorf("%s entity Ahmad among facilities: %+v", v.version, got)
			}
			if got := suggest(v.version, v.root+"/suggest/type?prefix=fac"); len(got) != 1 || got[0].ID != "facility" {
				t.Errorf("%s type fac: %+v", v.version, got)
			}
			if got := suggest(v.version, v.root+"/suggest/property?prefix=birth"); len(got) != 2 {
				t.Errorf("%s property birth: %+v", v.version, got)
			}
			if got := suggest(v.version, v.root+"/suggest/property?prefix="); len(got) != len(properties) {
				t.Errorf("%s all properties: %d", v.version, len(got))
			}
		}
		if resp := r.get("/reconcile/suggest/entity?prefix=x&cursor=-1", "vera"); resp.status != http.StatusBadRequest {
			t.Errorf("cursor -1: %d", resp.status)
		}
		if resp := r.get("/reconcile/suggest/things?prefix=x", "vera"); resp.status != http.StatusNotFound {
			t.Errorf("suggest/things: %d", resp.status)
		}
	})
}

// TestVisibleIndexIsMatch: the per-request index a narrower viewer's
// queries search gives exactly what resolve.Match gives them.
func TestVisibleIndexIsMatch(t *testing.T) {
	engines(t, func(t *testing.T, r *rig) {
		ctx := context.Background()
		a := app.New(r.st, app.Config{})
		svc, err := New(Config{App: a, Viewer: func(*http.Request) (access.Viewer, bool, error) { return access.Viewer{}, false, nil }})
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range []access.Viewer{viewers["vera"], viewers["rania"], access.Public()} {
			rd := newReader(r.st, v)
			for _, typ := range []model.EntityType{model.TypePerson, model.TypeFacility} {
				for _, name := range []string{"Aws Salloum", "أوس سلوم", secretAlias, secretWitness, "Ahmad Khalil", "Sednaya", "Salloum"} {
					got, err := svc.match(ctx, rd, name, typ, 7)
					if err != nil {
						t.Fatal(err)
					}
					want, err := a.Match(ctx, v, name, typ, 7)
					if err != nil {
						t.Fatal(err)
					}
					if !reflect.DeepEqual(got, want) {
						t.Errorf("%s, %s %q: per-request index %+v, resolve.Match %+v", v.Actor(), typ, name, got, want)
					}
				}
			}
		}
	})
}
