package api

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/danielgtaylor/huma/v2"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

func corsServer(t *testing.T, origins []string) *Server {
	t.Helper()
	st := storetest.Open(t, store.Config{DataDir: t.TempDir()})
	s, err := New(Config{App: app.New(st, app.Config{}), CORSOrigins: origins, License: &huma.License{Name: "Test licence", Identifier: "MIT"}})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestCORS(t *testing.T) {
	s := corsServer(t, []string{"https://tool.example.org", "http://localhost:5173"})
	h := s.Handler()
	do := func(method, path, origin string, headers map[string]string) *httptest.ResponseRecorder {
		r := httptest.NewRequest(method, path, nil)
		if origin != "" {
			r.Header.Set("Origin", origin)
		}
		for k, v := range headers {
			r.Header.Set(k, v)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w
	}
	pre := func(method string, extra ...string) map[string]string {
		m := map[string]string{"Access-Control-Request-Method": method, "Access-Control-Request-Headers": "authorization"}
		if len(extra) > 0 {
			m["Access-Control-Request-Headers"] = extra[0]
		}
		return m
	}
	for _, c := range []struct {
		name, method, path, origin string
		headers                    map[string]string
		status                     int
		allow                      string // Access-Control-Allow-Origin wanted ("" none)
	}{
		{"the OpenAPI document", "GET", "/api/v1/openapi.json", "https://tool.example.org", nil, 200, "https://tool.example.org"},
		{"a read, anonymous: the 401 is readable", "GET", "/api/v1/entities", "https://tool.example.org", nil, 401, "https://tool.example.org"},
		{"a read from another origin", "GET", "/api/v1/entities", "https://evil.example", nil, 401, ""},
		{"no origin: no CORS", "GET", "/api/v1/openapi.json", "", nil, 200, ""},
		{"preflight of a read", "OPTIONS", "/api/v1/entities/abc", "http://localhost:5173", pre("GET"), 204, "http://localhost:5173"},
		{"preflight of the OpenAPI document", "OPTIONS", "/api/v1/openapi.json", "https://tool.example.org", pre("GET", ""), 204, "https://tool.example.org"},
		{"preflight of ingest", "OPTIONS", "/api/v1/sources", "https://tool.example.org", pre("POST", "authorization, content-type"), 403, ""},
		{"preflight of a review", "OPTIONS", "/api/v1/statements/x/review", "https://tool.example.org", pre("POST"), 403, ""},
		{"preflight from another origin", "OPTIONS", "/api/v1/entities", "https://evil.example", pre("GET"), 403, ""},
		{"preflight with another header", "OPTIONS", "/api/v1/entities", "https://tool.example.org", pre("GET", "x-steal"), 403, ""},
		{"preflight of no route", "OPTIONS", "/api/v1/nope", "https://tool.example.org", pre("GET"), 403, ""},
		{"a write from an allowed origin gets no CORS", "POST", "/api/v1/sources", "https://tool.example.org", nil, 401, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			w := do(c.method, c.path, c.origin, c.headers)
			if w.Code != c.status {
				t.Errorf("status %d, want %d: %s", w.Code, c.status, w.Body)
			}
			if got := w.Header().Get("Access-Control-Allow-Origin"); got != c.allow {
				t.Errorf("Access-Control-Allow-Origin %q, want %q", got, c.allow)
			}
			if w.Header().Get("Access-Control-Allow-Credentials") != "" {
				t.Error("credentials allowed")
			}
			if c.origin != "" && !strings.Contains(strings.Join(w.Header().Values("Vary"), ","), "Origin") {
				t.Error("no Vary: Origin")
			}
			if c.status == 204 && (w.Header().Get("Access-Control-Allow-Methods") != "GET, HEAD" ||
				!strings.Contains(w.Header().Get("Access-Control-Allow-Headers"), "Authorization")) {
				t.Errorf("preflight headers: %v", w.Header())
			}
		})
	}
}

func TestCORSOffByDefault(t *testing.T) {
	h := corsServer(t, nil).Handler()
	r := httptest.NewRequest("OPTIONS", "/api/v1/entities", nil)
	r.Header.Set("Origin", "https://tool.example.org")
	r.Header.Set("Access-Control-Request-Method", "GET")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Header().Get("Access-Control-Allow-Origin") != "" || w.Code == http.StatusNoContent {
		t.Errorf("CORS without origins configured: %d %v", w.Code, w.Header())
	}
	g := httptest.NewRequest("GET", "/api/v1/openapi.json", nil)
	g.Header.Set("Origin", "https://tool.example.org")
	w = httptest.NewRecorder()
	h.ServeHTTP(w, g)
	if w.Code != 200 || w.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("GET without origins configured: %d %v", w.Code, w.Header())
	}
}

func TestCORSAnyOrigin(t *testing.T) {
	h := corsServer(t, []string{"*"}).Handler()
	r := httptest.NewRequest("GET", "/api/v1/openapi.json", nil)
	r.Header.Set("Origin", "https://anyone.example")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Header().Get("Access-Control-Allow-Origin") != "*" {
		t.Errorf("any origin: %v", w.Header())
	}
}

func TestParseOrigins(t *testing.T) {
	got, err := ParseOrigins(" https://Tool.example.org, http://localhost:5173/ ,")
	if err != nil || strings.Join(got, " ") != "https://tool.example.org http://localhost:5173" {
		t.Errorf("%v %v", got, err)
	}
	for _, bad := range []string{"tool.example.org", "ftp://x.example", "https://x.example/path", "https://u@x.example", "https://x.example?q"} {
		if _, err := ParseOrigins(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	st := storetest.Open(t, store.Config{DataDir: t.TempDir()})
	if _, err := New(Config{App: app.New(st, app.Config{}), CORSOrigins: []string{"nope"}}); err == nil {
		t.Error("a server with a bad origin")
	}
}

// The OpenAPI document groups every operation under a declared tag, says
// what each does, and states the configured licence.
func TestOpenAPIDescribesTheAPI(t *testing.T) {
	h := corsServer(t, nil).Handler()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/api/v1/openapi.json", nil))
	var doc struct {
		Info struct {
			Description string `json:"description"`
			License     struct {
				Name, Identifier string
			} `json:"license"`
		} `json:"info"`
		Tags []struct {
			Name, Description string
		} `json:"tags"`
		Paths map[string]map[string]struct {
			Tags        []string `json:"tags"`
			Description string   `json:"description"`
			OperationID string   `json:"operationId"`
		} `json:"paths"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Info.License.Name != "Test licence" || doc.Info.License.Identifier != "MIT" || doc.Info.Description == "" {
		t.Errorf("info: %+v", doc.Info)
	}
	declared := map[string]bool{}
	for _, tag := range doc.Tags {
		if tag.Description == "" {
			t.Errorf("tag %s has no description", tag.Name)
		}
		declared[tag.Name] = true
	}
	used := map[string]bool{}
	n := 0
	for path, ops := range doc.Paths {
		for method, op := range ops {
			n++
			if len(op.Tags) != 1 || !declared[op.Tags[0]] {
				t.Errorf("%s %s: tags %v", method, path, op.Tags)
			}
			if len(op.Description) < 20 {
				t.Errorf("%s %s: description %q", method, path, op.Description)
			}
			for _, tag := range op.Tags {
				used[tag] = true
			}
		}
	}
	if n != len(operationDocs) {
		t.Errorf("%d operations, %d documented", n, len(operationDocs))
	}
	for name := range declared {
		if !used[name] {
			t.Errorf("tag %s groups nothing", name)
		}
	}
}

func FuzzParseOrigins(f *testing.F) {
	for _, s := range []string{"https://a.example,http://localhost:5173", "*", "https://x.example/path", " , ", "https://[::1]:8443"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, list string) {
		origins, err := ParseOrigins(list)
		if err != nil {
			return
		}
		for _, o := range origins {
			if o == "*" {
				continue
			}
			// What it accepts reads back as itself: scheme and host only.
			again, err := ParseOrigins(o)
			if err != nil || len(again) != 1 || again[0] != o || strings.ContainsAny(o, ",?#") {
				t.Fatalf("%q accepted as %q, which reads back as %v %v", list, o, again, err)
			}
		}
	})
}
