package reconcile

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/model"
)

type extendAnswer struct {
	Meta []struct{ ID, Name string }
	Rows map[string]map[string][]extendValue
}

func (r *rig) extend(who string, ids []string, props ...string) extendAnswer {
	r.t.Helper()
	var ps []map[string]any
	for _, p := range props {
		ps = append(ps, map[string]any{"id": p})
	}
	b, _ := json.Marshal(map[string]any{"ids": ids, "properties": ps})
	resp := r.do("POST", "/reconcile", who, "application/x-www-form-urlencoded", url.Values{"extend": {string(b)}}.Encode())
	if resp.status != http.StatusOK {
		r.t.Fatalf("extend as %s: %d %s", who, resp.status, resp.body)
	}
	var out extendAnswer
	if err := json.Unmarshal([]byte(resp.body), &out); err != nil {
		r.t.Fatal(err)
	}
	return out
}

func strs(vs []extendValue) []string {
	var out []string
	for _, v := range vs {
		if v.ID != "" {
			out = append(out, v.ID+"="+v.Name)
		} else {
			out = append(out, v.Str)
		}
	}
	return out
}

// TestExtend: data extension gives the values of the properties asked for,
// as the account may see them; an entity it may not see has the same empty
// row as one that does not exist; what it shows of restricted material is
// recorded.
func TestExtend(t *testing.T) {
	engines(t, func(t *testing.T, r *rig) {
		ous, witness := r.id["Ous Salloum"], r.id[secretWitness]
		ids := []string{ous, witness, "no-such-entity", r.id["Ahmad Khalil (judge)"]}
		props := []string{"birthDate", "alias", "position", "birthPlace", "affiliation"}
		for _, who := range []string{"key:vera", "raw:vera", "vera"} {
			got := r.extend(who, ids, props...)
			if len(got.Meta) != len(props) || got.Meta[0].ID != "birthDate" || got.Meta[0].Name != "Date of birth" {
				t.Errorf("%s: meta %+v", who, got.Meta)
			}
			row := got.Rows[ous]
			if !reflect.DeepEqual(strs(row["birthDate"]), []string{"1980"}) || !reflect.DeepEqual(strs(row["birthPlace"]), []string{"Al-Qabu"}) ||
				!reflect.DeepEqual(strs(row["position"]), []string{"prison guard"}) {
				t.Errorf("%s: Ous Salloum's row %+v", who, row)
			}
			if names := strs(row["alias"]); len(names) != 3 || names[0] != "Ous Salloum" || names[1] != "أوس سلوم" {
				t.Errorf("%s: Ous Salloum's names %v", who, names)
			}
			if !reflect.DeepEqual(got.Rows[witness], got.Rows["no-such-entity"]) {
				t.Errorf("%s: the witness's row %v differs from a missing entity's %v", who, got.Rows[witness], got.Rows["no-such-entity"])
			}
			for _, p := range props {
				if vs, ok := got.Rows["no-such-entity"][p]; !ok || len(vs) != 0 {
					t.Errorf("%s: a missing entity's %s: %v (present %v)", who, p, vs, ok)
				}
			}
			b, _ := json.Marshal(got)
			for _, secret := range []string{secretAlias, secretWitness, secretFact, "Sednawi"} {
				if strings.Contains(string(b), secret) {
					t.Errorf("%s: extension shows %q: %s", who, secret, b)
				}
			}
			if j := strs(got.Rows[r.id["Ahmad Khalil (judge)"]]["position"]); !reflect.DeepEqual(j, []string{"judge"}) {
				t.Errorf("%s: the judge's position %v", who, j)
			}
		}
		// Full clearance sees the confidential alias and the witness, and
		// the showing is recorded.
		got := r.extend("key:adel", ids, "alias")
		if names := strs(got.Rows[ous]["alias"]); !strings.Contains(strings.Join(names, "|"), secretAlias) {
			t.Errorf("adel's names of Ous Salloum: %v", names)
		}
		if names := strs(got.Rows[witness]["alias"]); !reflect.DeepEqual(names, []string{secretWitness}) {
			t.Errorf("adel's names of the witness: %v", names)
		}
		log, err := r.st.AccessLog().Recent(context.Background(), 100)
		if err != nil {
			t.Fatal(err)
		}
		recorded := false
		for _, e := range log {
			if e.Action == "extend" && e.Actor == "vera" {
				t.Errorf("vera's extension recorded a restricted view: %+v", e)
			}
			recorded = recorded || e.Action == "extend" && e.Actor == "adel" && e.Sensitivity == model.Confidential
		}
		if !recorded {
			t.Errorf("adel's confidential extension is not in the access log: %+v", log)
		}

		// propose_properties: every property for persons, names for the rest.
		for _, c := range []struct {
			query string
			want  int
		}{{"type=person", len(properties)}, {"type=facility", 1}, {"type=thing", 0}, {"", len(properties)}, {"type=person&limit=2", 2}} {
			resp := r.get("/reconcile/propose_properties?"+c.query, "key:vera")
			var out struct {
				Type       string
				Properties []struct{ ID, Name string }
				Limit      int
			}
			if err := json.Unmarshal([]byte(resp.body), &out); err != nil || resp.status != 200 || len(out.Properties) != c.want {
				t.Errorf("propose_properties?%s: %d %s, want %d properties", c.query, resp.status, resp.body, c.want)
			}
		}
		if resp := r.get("/reconcile/propose_properties?type=person", ""); resp.status != http.StatusUnauthorized {
			t.Errorf("anonymous propose_properties: %d", resp.status)
		}
		if resp := r.do("POST", "/reconcile", "", "application/x-www-form-urlencoded", url.Values{"extend": {`{"ids":["` + ous + `"],"properties":[{"id":"alias"}]}`}}.Encode()); resp.status != http.StatusUnauthorized || strings.Contains(resp.body, "Salloum") {
			t.Errorf("anonymous extend: %d %s", resp.status, resp.body)
		}
	})
}

func TestExtendRefusesBadRequests(t *testing.T) {
	engines(t, func(t *testing.T, r *rig) {
		many := make([]string, maxExtendIDs+1)
		for i := range many {
			many[i] = fmt.Sprintf("id%d", i)
		}
		manyJSON, _ := json.Marshal(map[string]any{"ids": many, "properties": []any{map[string]string{"id": "alias"}}})
		for _, c := range []struct {
			body   string
			status int
			says   string
		}{
			{`{"ids":["x"],"properties":[{"id":"salary"}]}`, 400, `no property "salary"`},
			{`{"ids":[],"properties":[{"id":"alias"}]}`, 400, `"ids"`},
			{`{"ids":["x"],"properties":[]}`, 400, `"properties"`},
			{`{"ids":[3],"properties":[{"id":"alias"}]}`, 400, "ids[0]"},
			{`{"ids":["x"],"properties":[{"id":"alias","settings":7}]}`, 400, "settings"},
			{`{"ids":["x"],"properties":[{"id":"alias"}],"limit":3}`, 400, "not a data extension request"},
			{`{"ids":["x"]`, 400, "not a data extension request"},
			{`{"ids":["x"],"properties":[{"id":"alias"}]} {}`, 400, "more after"},
			{string(manyJSON), 413, "at most 100"},
		} {
			resp := r.do("POST", "/reconcile", "key:vera", "application/x-www-form-urlencoded", url.Values{"extend": {c.body}}.Encode())
			var p struct{ Detail string }
			json.Unmarshal([]byte(resp.body), &p)
			if resp.status != c.status || !strings.Contains(p.Detail, c.says) || resp.header.Get("Content-Type") != "application/problem+json" {
				t.Errorf("extend %.60s: %d %s, want %d saying %q", c.body, resp.status, resp.body, c.status, c.says)
			}
		}
	})
}

func FuzzParseExtend(f *testing.F) {
	for _, s := range []string{`{"ids":["a"],"properties":[{"id":"alias"}]}`, `{"ids":["a","a"],"properties":[{"id":"birthDate","settings":{"limit":1}}]}`,
		`{"ids":[],"properties":[]}`, `{}`, `[]`, `{"ids":["` + strings.Repeat("x", 600) + `"],"properties":[{"id":"alias"}]}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		q, err := parseExtend(b)
		if err != nil {
			if len(q.ids) > maxExtendIDs {
				t.Fatalf("an error with %d ids", len(q.ids))
			}
			return
		}
		if len(q.ids) == 0 || len(q.ids) > maxExtendIDs || len(q.props) == 0 {
			t.Fatalf("accepted %q as %d ids and %d properties", b, len(q.ids), len(q.props))
		}
		for _, p := range q.props {
			if _, ok := propertyOf(p.ID); !ok {
				t.Fatalf("accepted an unknown property %q", p.ID)
			}
		}
	})
}
