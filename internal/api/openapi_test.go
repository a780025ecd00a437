package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/athar-project/athar/internal/model"
)

// TestOpenAPIDocumentIsTrue fetches /api/v1/openapi.json (anonymously: it
// holds no data), checks it is OpenAPI 3.1, that every route the server
// answers is in it and every operation in it is answered, and calls every
// operation: as the admin (each answer's status and content type must be
// documented and its body must validate against the documented schema),
// anonymously (401, documented) and, where it pages, with a bad limit (400
// naming the parameter, documented).
func TestOpenAPIDocumentIsTrue(t *testing.T) {
	engines(t, func(t *testing.T, r *rig) {
		resp := r.get("/api/v1/openapi.json", "")
		if resp.status != 200 {
			t.Fatalf("openapi.json: %d\n%s", resp.status, resp.body)
		}
		var doc map[string]any
		if err := json.Unmarshal(resp.body, &doc); err != nil {
			t.Fatal(err)
		}
		if v, _ := doc["openapi"].(string); !strings.HasPrefix(v, "3.1.") {
			t.Fatalf("openapi: %q, want 3.1.x", v)
		}
		if bytes.Contains(resp.body, []byte("<script")) || r.get("/api/v1/docs", "vera").status != 404 {
			t.Error("a docs page is served (it would load scripts from the internet)")
		}
		servers, _ := doc["servers"].([]any)
		if len(servers) != 1 || servers[0].(map[string]any)["url"] != "/api/v1" {
			t.Errorf("servers: %v", servers)
		}

		// The document's operations and the server's routes are the same set.
		paths := doc["paths"].(map[string]any)
		var documented, served []string
		for p, item := range paths {
			for m := range item.(map[string]any) {
				if slices.Contains([]string{"get", "post", "put", "patch", "delete"}, m) {
					documented = append(documented, strings.ToUpper(m)+" "+p)
				}
			}
		}
		for pattern, methods := range r.srv.methods {
			for _, m := range methods {
				served = append(served, m+" "+strings.TrimPrefix(pattern, Prefix))
			}
		}
		slices.Sort(documented)
		slices.Sort(served)
		if !slices.Equal(documented, served) {
			t.Fatalf("documented operations differ from served routes:\ndocumented %v\nserved     %v", documented, served)
		}
		if len(served) != len(r.calls()) {
			t.Errorf("the matrix test covers %d routes, the server has %d", len(r.calls()), len(served))
		}

		for _, op := range documented {
			method, path, _ := strings.Cut(op, " ")
			spec := paths[path].(map[string]any)[strings.ToLower(method)].(map[string]any)
			url := "/api/v1" + r.concrete(path) + requiredQuery(spec)
			send := func(who, query string) response {
				if method == "POST" {
					var b *bytes.Buffer
					var ct string
					switch {
					case path == "/sources":
						b, ct = upload("openapi-" + who)
					case strings.HasSuffix(path, "/redactions"):
						b, ct = redactBody(who)
					case path == "/capture":
						b, ct = r.captureBody(who)
					case path == "/enquiries":
						b, ct = newEnquiry(who)
					case path == "/watch-list":
						b, ct = newWanted(who)
					case strings.HasSuffix(path, "/judgements"):
						b, ct = r.judgementBody(who)
					case strings.HasSuffix(path, "/splits"):
						b, ct = r.splitBody(who)
					case strings.HasSuffix(path, "/notes"):
						b, ct = noteBody(who)
					case strings.HasSuffix(path, "/consent"):
						b, ct = consentBody(who)
					default:
						b, ct = r.reviewBody(who)
						if path == "/review-decisions" {
							b, ct = r.decisionsBody(who)
						}
					}
					return r.do(method, url+query, who, b, ct)
				}
				return r.do(method, url+query, who, nil, "")
			}
			// As the admin: a documented success, with a body that
			// validates.
			got := send("adel", "")
			if got.status >= 300 {
				t.Errorf("%s: %d\n%s", op, got.status, got.body)
			}
			checkDocumented(t, doc, op, spec, got)
			// Anonymously: a documented 401.
			checkDocumented(t, doc, op, spec, send("", ""))
			if hasParam(spec, "limit") {
				sep := "?"
				if strings.Contains(url, "?") {
					sep = "&"
				}
				bad := send("adel", sep+"limit=0")
				if bad.status != 400 || !strings.Contains(string(bad.body), `"location":"query.limit"`) {
					t.Errorf("%s with limit=0: %d %s", op, bad.status, bad.body)
				}
				checkDocumented(t, doc, op, spec, bad)
			}
		}
	})
}

// concrete puts the rig's ids into a documented path.
func (r *rig) concrete(path string) string {
	f := r.fx
	switch {
	case strings.HasSuffix(path, "/consent"): // consent is a testimony's
		return strings.Replace(path, "{id}", f.sources[model.Confidential].ID, 1)
	case strings.HasPrefix(path, "/sources/"):
		return strings.Replace(path, "{id}", f.sources[model.Public].ID, 1)
	case strings.HasPrefix(path, "/entities/"):
		return strings.Replace(path, "{id}", f.person, 1)
	case strings.HasPrefix(path, "/events/"):
		return strings.Replace(path, "{id}", f.arrest, 1)
	case strings.HasSuffix(path, "/review"):
		return strings.Replace(path, "{id}", f.proposed, 1)
	case strings.HasPrefix(path, "/enquiries/"):
		return strings.Replace(path, "{id}", f.enquiry, 1)
	case strings.HasPrefix(path, "/watch-list/"):
		return strings.Replace(path, "{id}", f.watch, 1)
	}
	return strings.Replace(path, "{id}", f.confirmed, 1)
}

// requiredQuery fills the operation's required query parameters.
func requiredQuery(spec map[string]any) string {
	values := map[string]string{"q": "arrested", "name": "Ous+Saloum"}
	var parts []string
	params, _ := spec["parameters"].([]any)
	for _, p := range params {
		pm := p.(map[string]any)
		if pm["in"] == "query" && pm["required"] == true {
			parts = append(parts, pm["name"].(string)+"="+values[pm["name"].(string)])
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "?" + strings.Join(parts, "&")
}

func hasParam(spec map[string]any, name string) bool {
	params, _ := spec["parameters"].([]any)
	for _, p := range params {
		if p.(map[string]any)["name"] == name {
			return true
		}
	}
	return false
}

// checkDocumented checks that an answer's status and content type are
// documented for the operation, and validates its body against the
// documented schema.
func checkDocumented(t *testing.T, doc map[string]any, op string, spec map[string]any, got response) {
	t.Helper()
	responses := spec["responses"].(map[string]any)
	rd, ok := responses[fmt.Sprint(got.status)].(map[string]any)
	if !ok {
		t.Errorf("%s answered %d, which is not documented (%v)", op, got.status, keys(responses))
		return
	}
	ct := got.header.Get("Content-Type")
	content, _ := rd["content"].(map[string]any)
	media, ok := content[ct].(map[string]any)
	if !ok {
		t.Errorf("%s %d answered %q, documented %v", op, got.status, ct, keys(content))
		return
	}
	// Compile the response's schema inside the document, so that its refs
	// to components resolve.
	withCheck := map[string]any{}
	for k, v := range doc {
		withCheck[k] = v
	}
	withCheck["x-check"] = media["schema"]
	c := jsonschema.NewCompiler()
	if err := c.AddResource("mem://openapi.json", withCheck); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("mem://openapi.json#/x-check")
	if err != nil {
		t.Fatalf("%s: compile schema: %v", op, err)
	}
	body, err := jsonschema.UnmarshalJSON(bytes.NewReader(got.body))
	if err != nil {
		t.Errorf("%s %d: body is not JSON: %v", op, got.status, err)
		return
	}
	if err := sch.Validate(body); err != nil {
		t.Errorf("%s %d: body does not match the documented schema: %v\n%s", op, got.status, err, got.body)
	}
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
