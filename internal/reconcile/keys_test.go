package reconcile

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/athar-project/athar/internal/store"
)

// TestKeyURL: the whole service answers under a reconciliation key's URL
// with no header — the manifests (whose URLs carry the key, and which
// advertise no header to send), queries by GET and POST and in the draft,
// suggestions and previews — as the key's account.
func TestKeyURL(t *testing.T) {
	engines(t, func(t *testing.T, r *rig) {
		root := KeyURL(baseURL, r.keys["vera"])
		for _, tt := range []struct{ path, version string }{
			{"/reconcile", "0.2"}, {"/reconcile/", "0.2"}, {"/reconcile/1.0-draft", "1.0-draft"},
		} {
			resp := r.get(tt.path, "key:vera")
			if resp.status != http.StatusOK {
				t.Fatalf("GET %s under the key: %d %s", tt.path, resp.status, resp.body)
			}
			validate(t, tt.version, "manifest", []byte(resp.body))
			var m map[string]any
			json.Unmarshal([]byte(resp.body), &m)
			if _, ok := m["authentication"]; ok {
				t.Errorf("%s: the key's manifest advertises a header to send: %v", tt.path, m["authentication"])
			}
		}
		var m map[string]any
		json.Unmarshal([]byte(r.get("/reconcile", "key:vera").body), &m)
		if p := m["preview"].(map[string]any)["url"]; p != root+"/preview?id={{id}}" {
			t.Errorf("preview URL %v, want under %s", p, root)
		}
		for _, k := range []string{"entity", "type", "property"} {
			if s := m["suggest"].(map[string]any)[k].(map[string]any); s["service_url"] != root || s["service_path"] != "/suggest/"+k {
				t.Errorf("suggest %s: %v", k, s)
			}
		}
		if m["identifierSpace"] != baseURL+"/entities/" || m["schemaSpace"] != baseURL+"/reconcile/types" || m["view"].(map[string]any)["url"] != baseURL+"/entities/{{id}}" {
			t.Errorf("the spaces and the view must not depend on the key: %v %v %v", m["identifierSpace"], m["schemaSpace"], m["view"])
		}

		ous := r.id["Ous Salloum"]
		batch := map[string]any{"latin": map[string]any{"query": "Aws Salloum", "type": "person"}, "arabic": map[string]any{"query": "أوس سلوم"}}
		for k, cs := range r.query02("key:vera", batch) {
			if len(cs) == 0 || cs[0].ID != ous || !cs[0].Match {
				t.Errorf("POST under the key, %s: %+v", k, cs)
			}
		}
		b, _ := json.Marshal(batch)
		if resp := r.get("/reconcile?"+url.Values{"queries": {string(b)}}.Encode(), "key:vera"); resp.status != 200 || !strings.Contains(resp.body, ous) {
			t.Errorf("GET queries under the key: %d %s", resp.status, resp.body)
		}
		if cs := r.queryDraft("key:vera", map[string]any{"conditions": []any{map[string]any{"matchType": "name", "propertyValue": "Aws Salloum"}}}); len(cs) != 1 || len(cs[0]) == 0 || cs[0][0].ID != ous {
			t.Errorf("draft under the key: %+v", cs)
		}
		// From OpenRefine's page in the browser: no header, another origin.
		for _, p := range []string{"/reconcile/suggest/entity?prefix=ous+sal", "/reconcile/1.0-draft/suggest/entity?prefix=ous+sal",
			"/reconcile/preview?id=" + ous, "/reconcile/1.0-draft/preview?id=" + ous, "/reconcile/suggest/type?prefix=per"} {
			resp := r.get(p, "key:vera")
			if resp.status != 200 || resp.header.Get("Access-Control-Allow-Origin") != "*" || resp.header.Get("Referrer-Policy") != "no-referrer" {
				t.Errorf("%s under the key: %d, CORS %q, referrer %q", p, resp.status, resp.header.Get("Access-Control-Allow-Origin"), resp.header.Get("Referrer-Policy"))
			}
			if !strings.Contains(p, "type") && !strings.Contains(resp.body, "Ous Salloum") {
				t.Errorf("%s under the key: %s", p, resp.body)
			}
		}
		if resp := r.get("/reconcile?extend="+url.QueryEscape(`{"ids":["`+ous+`"],"properties":[{"id":"birthPlace"}]}`), "key:vera"); resp.status != http.StatusOK || !strings.Contains(resp.body, "Al-Qabu") {
			t.Errorf("extend under the key: %d %s", resp.status, resp.body)
		}
		if resp := r.get("/reconcile/propose_properties?type=person", "key:vera"); resp.status != http.StatusOK || !strings.Contains(resp.body, "birthPlace") {
			t.Errorf("propose_properties under the key: %d %s", resp.status, resp.body)
		}
		if e := m["extend"].(map[string]any)["propose_properties"].(map[string]any); e["service_url"] != root || e["service_path"] != "/propose_properties" {
			t.Errorf("the manifest's extend: %v", e)
		}
	})
}

// TestKeysAreScoped: a key works at its URL and in the Authorization header
// of the reconciliation service only; an API token is refused in a URL; a
// revoked key, a disabled account's key or a made-up one is refused on every
// route, the manifest included, without the key in the answer.
func TestKeysAreScoped(t *testing.T) {
	engines(t, func(t *testing.T, r *rig) {
		ctx := context.Background()
		q := url.Values{"queries": {`{"q0":{"query":"Ous Salloum"}}`}}.Encode()
		routes := []struct{ method, path, ct, body string }{
			{"GET", "", "", ""},
			{"GET", "/1.0-draft", "", ""},
			{"POST", "", "application/x-www-form-urlencoded", q},
			{"POST", "/1.0-draft/reconcile", "application/json", `{"queries":[{"conditions":[{"matchType":"name","propertyValue":"Ous Salloum"}]}]}`},
			{"GET", "/suggest/entity?prefix=Ous", "", ""},
			{"GET", "/preview?id=" + r.id["Ous Salloum"], "", ""},
		}
		// anas's key is revoked; the disabled account's key was made while
		// it was active.
		list, _ := r.st.Tokens().List(ctx, r.users["anas"].ID)
		for _, tok := range list {
			if tok.Scope == store.ScopeReconcile {
				if _, err := r.st.Tokens().Revoke(ctx, tok.ID); err != nil {
					t.Fatal(err)
				}
			}
		}
		_, rania, err := r.st.Tokens().CreateScoped(ctx, r.users["rania"].ID, "to disable", store.ScopeReconcile, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		if err := r.st.Write(ctx, "tester", func(tx *store.Tx) error { return tx.SetUserDisabled(ctx, r.users["rania"].ID, true) }); err != nil {
			t.Fatal(err)
		}
		bad := map[string]string{
			"revoked key":      r.keys["anas"],
			"disabled account": rania,
			"API token":        r.tokens["vera"],
			"made up":          store.TokenPrefix + strings.Repeat("a", 52),
			"malformed":        "not-a-key",
		}
		for what, key := range bad {
			for _, rt := range routes {
				resp := r.do(rt.method, KeyURL("", key)+rt.path, "", rt.ct, rt.body)
				if resp.status != http.StatusUnauthorized || resp.header.Get("Content-Type") != "application/problem+json" ||
					!strings.Contains(resp.body, "key is not valid") {
					t.Errorf("%s, %s %s: %d %s", what, rt.method, rt.path, resp.status, resp.body)
				}
				if strings.Contains(resp.body, key) || strings.Contains(resp.body, "Salloum") {
					t.Errorf("%s, %s %s: the answer holds the key or data: %s", what, rt.method, rt.path, resp.body)
				}
			}
		}
		// In the Authorization header: a key is accepted alone or after
		// Bearer (the manifest's apiKey scheme); a revoked one is not.
		for auth, want := range map[string]int{
			r.keys["vera"]:               200,
			"Bearer " + r.keys["vera"]:   200,
			"bearer " + r.tokens["vera"]: 200,
			r.tokens["vera"]:             200,
			r.keys["anas"]:               401,
			"Basic " + r.keys["vera"]:    401,
			r.keys["vera"] + " extra":    401,
		} {
			req, _ := http.NewRequest("POST", r.ts.URL+"/reconcile", strings.NewReader(q))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Authorization", auth)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != want {
				t.Errorf("Authorization %.20s…: %d, want %d", auth, resp.StatusCode, want)
			}
			if want == 401 && !strings.Contains(resp.Header.Get("WWW-Authenticate"), "invalid_token") {
				t.Errorf("Authorization %.20s…: challenge %q", auth, resp.Header.Get("WWW-Authenticate"))
			}
		}
		// Use is recorded on the key.
		toks, _ := r.st.Tokens().List(ctx, r.users["vera"].ID)
		for _, tok := range toks {
			if tok.Scope == store.ScopeReconcile && tok.LastUsedAt.IsZero() {
				t.Error("a used key has no last use")
			}
		}
	})
}

// TestKeysNeverLogged: no key reaches the service's log — not from a
// route's path, a query, a failed key or a mistyped path under a key.
func TestKeysNeverLogged(t *testing.T) {
	engines(t, func(t *testing.T, r *rig) {
		key := r.keys["vera"]
		for _, p := range []string{"", "/", "/1.0-draft", "/suggest/entity?prefix=ous", "/preview?id=" + r.id["Ous Salloum"],
			"/preview", "/nowhere", "/suggest/entity?prefix=x&callback=bad(", "?callback=cb&_=1", "/1.0-draft/nowhere/deeper"} {
			r.do("GET", KeyURL("", key)+p, "", "", "")
		}
		r.do("POST", KeyURL("", key), "", "application/x-www-form-urlencoded", url.Values{"queries": {`{"q0":{"query":"Ous"}}`}}.Encode())
		r.do("DELETE", KeyURL("", key), "", "", "")
		r.do("GET", "/reconcile/keys/"+key, "", "", "")
		r.do("GET", "/reconcile/key/"+r.tokens["vera"], "", "", "")
		r.do("GET", "/reconcile/suggest/entity?prefix=ous", "raw:vera", "", "")
		logs := r.logs.String()
		if !strings.Contains(logs, "reconcile request") || !strings.Contains(logs, "user=vera") {
			t.Fatalf("the requests were not logged:\n%s", logs)
		}
		for _, secret := range []string{key, key[len(store.TokenPrefix):], r.tokens["vera"][len(store.TokenPrefix):]} {
			if strings.Contains(logs, secret) {
				t.Errorf("the log holds a key:\n%s", logs)
			}
		}
	})
}

// TestJSONP: a GET with ?callback= gets its JSON as a script calling the
// callback (the manifest, queries, suggestions), at Root and under a key;
// a callback that is not a plain JavaScript name is refused; errors stay
// problem documents, which a browser will not run.
func TestJSONP(t *testing.T) {
	engines(t, func(t *testing.T, r *rig) {
		b, _ := json.Marshal(map[string]any{"q0": map[string]any{"query": "Aws Salloum"}})
		for _, c := range []struct{ path, who, schema string }{
			{"/reconcile?callback=jQuery3620_1700000000&_=1700000000", "", "manifest"},
			{"/reconcile?callback=cb", "key:vera", "manifest"},
			{"/reconcile/1.0-draft?callback=cb", "key:vera", "manifest"},
			{"/reconcile?callback=a.b_c.%24d&queries=" + url.QueryEscape(string(b)), "key:vera", "reconciliation-result-batch"},
			{"/reconcile/suggest/entity?prefix=ous+sal&callback=cb", "key:vera", "suggest-entities-response"},
		} {
			resp := r.get(c.path, c.who)
			cb, _ := url.ParseQuery(strings.SplitN(c.path, "?", 2)[1])
			name := cb.Get("callback")
			if resp.status != 200 || resp.header.Get("Content-Type") != "text/javascript; charset=utf-8" || resp.header.Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("%s: %d %q %q", c.path, resp.status, resp.header.Get("Content-Type"), resp.header.Get("X-Content-Type-Options"))
				continue
			}
			inner, prefixed := strings.CutPrefix(resp.body, "/**/"+name+"(")
			inner, suffixed := strings.CutSuffix(inner, ");\n")
			if !prefixed || !suffixed {
				t.Errorf("%s: not a call of %s: %q", c.path, name, resp.body)
				continue
			}
			version := "0.2"
			if strings.Contains(c.path, "1.0-draft") {
				version = "1.0-draft"
			}
			validate(t, version, c.schema, []byte(inner))
		}
		for _, bad := range []string{"alert(1)", "a b", "1abc", "a..b", ".a", "a.", "", "x;y", "ä", "a-b", strings.Repeat("a", 129)} {
			resp := r.get("/reconcile?callback="+url.QueryEscape(bad), "key:vera")
			if resp.status != http.StatusBadRequest || resp.header.Get("Content-Type") != "application/problem+json" || !strings.Contains(resp.body, "callback") {
				t.Errorf("callback %q: %d %s", bad, resp.status, resp.body)
			}
		}
		if resp := r.get("/reconcile?callback=a&callback=b", "key:vera"); resp.status != http.StatusBadRequest {
			t.Errorf("two callbacks: %d", resp.status)
		}
		// An error is not wrapped: a script tag fails on it.
		resp := r.get("/reconcile/suggest/entity?prefix=ous&callback=cb", "")
		if resp.status != http.StatusUnauthorized || resp.header.Get("Content-Type") != "application/problem+json" || strings.HasPrefix(resp.body, "/**/") {
			t.Errorf("an anonymous JSONP suggest: %d %q %s", resp.status, resp.header.Get("Content-Type"), resp.body)
		}
		// A POST is answered as JSON whatever its callback.
		resp = r.do("POST", "/reconcile?callback=cb", "key:vera", "application/x-www-form-urlencoded", url.Values{"queries": {string(b)}}.Encode())
		if resp.status != 200 || !strings.HasPrefix(resp.header.Get("Content-Type"), "application/json") {
			t.Errorf("POST with a callback: %d %q", resp.status, resp.header.Get("Content-Type"))
		}
	})
}

func TestValidCallback(t *testing.T) {
	for name, want := range map[string]bool{
		"cb": true, "jQuery36201234_1700000000000": true, "$": true, "_a.$b.c9": true, "window.x": true,
		"": false, "9a": false, "a.9b": false, "a..b": false, "a(": false, "a b": false, "a\nb": false, "ب": false,
		"a[0]": false, strings.Repeat("x", maxCallback): true, strings.Repeat("x", maxCallback+1): false,
	} {
		if got := validCallback(name); got != want {
			t.Errorf("validCallback(%q) = %v, want %v", name, got, want)
		}
	}
}

func FuzzValidCallback(f *testing.F) {
	for _, s := range []string{"cb", "a.b", "alert(1)", "</script>", "a\u2028b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !validCallback(s) {
			return
		}
		for _, c := range s {
			if !(c == '.' || c == '_' || c == '$' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
				t.Fatalf("validCallback(%q) accepts %q", s, c)
			}
		}
	})
}
