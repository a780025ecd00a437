package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/ingest"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// TestPagination: walking a list one item a page gives every item once, in
// the order of the whole list; bad cursors and limits are 400s that name
// the parameter.
func TestPagination(t *testing.T) {
	engines(t, func(t *testing.T, r *rig) {
		for _, list := range []string{"/api/v1/sources", "/api/v1/sources?order=oldest", "/api/v1/entities",
			"/api/v1/entities?type=person", "/api/v1/events", "/api/v1/review-queue",
			"/api/v1/entities/" + r.fx.person + "/statements", "/api/v1/sources/" + r.fx.sources[model.Public].ID + "/statements"} {
			sep := "?"
			if strings.Contains(list, "?") {
				sep = "&"
			}
			whole := ids(t, r.get(list+sep+"limit=200", "adel").json(t)["items"])
			if len(whole) < 2 {
				t.Fatalf("%s: %d items, too few to page", list, len(whole))
			}
			var walked []string
			cursor := ""
			for range len(whole) + 2 {
				p := list + sep + "limit=1"
				if cursor != "" {
					p += "&cursor=" + url.QueryEscape(cursor)
				}
				m := r.get(p, "adel").json(t)
				walked = append(walked, ids(t, m["items"])...)
				next, _ := m["next_cursor"].(string)
				if next == "" {
					break
				}
				cursor = next
			}
			if !slices.Equal(walked, whole) {
				t.Errorf("%s: pages gave %v, the whole list %v", list, walked, whole)
			}
			// A page as large as what is left ends the list.
			if m := r.get(list+sep+fmt.Sprintf("limit=%d", len(whole)), "adel").json(t); m["next_cursor"] != nil {
				t.Errorf("%s: a full last page has a next cursor", list)
			}
		}
		srcCursor := encodeCursor("sources-newest", "2025-01-01T00:00:00Z", "src_x")
		for _, c := range []struct{ path, location string }{
			{"/api/v1/sources?limit=0", "query.limit"},
			{"/api/v1/sources?limit=201", "query.limit"},
			{"/api/v1/sources?limit=ten", "query.limit"},
			{"/api/v1/sources?cursor=%25%25%25", "query.cursor"},
			{"/api/v1/sources?cursor=bm90LWEtY3Vyc29y", "query.cursor"},
			{"/api/v1/sources?order=oldest&cursor=" + srcCursor, "query.cursor"}, // another order's cursor
			{"/api/v1/entities?cursor=" + srcCursor, "query.cursor"},             // another list's cursor
			{"/api/v1/entities?type=dragon", "query.type"},
			{"/api/v1/sources?kind=rumour", "query.kind"},
			{"/api/v1/sources?order=random", "query.order"},
			{"/api/v1/entities/" + r.fx.person + "/statements?status=maybe", "query.status"},
			{"/api/v1/search?q=", "query.q"},
			{"/api/v1/search?q=arrest&from=yesterday", "query.from"},
			{"/api/v1/search?q=arrest&near=" + r.fx.person, "query.near"},
			{"/api/v1/match?name=Ous&type=event", "query.type"},
			{"/api/v1/match?name=Ous&limit=51", "query.limit"},
			{"/api/v1/match?name=", "query.name"},
		} {
			got := r.get(c.path, "adel")
			if got.status != 400 || got.header.Get("Content-Type") != "application/problem+json" {
				t.Errorf("%s: %d %s\n%s", c.path, got.status, got.header.Get("Content-Type"), got.body)
				continue
			}
			if !strings.Contains(string(got.body), `"location":"`+c.location+`"`) {
				t.Errorf("%s: the problem does not name %s:\n%s", c.path, c.location, got.body)
			}
		}
	})
}

func ids(t *testing.T, items any) []string {
	t.Helper()
	list, ok := items.([]any)
	if !ok {
		t.Fatalf("items: %v", items)
	}
	var out []string
	for _, it := range list {
		out = append(out, it.(map[string]any)["id"].(string))
	}
	return out
}

// TestReview: a reviewer's decision goes through the ledger as the
// reviewer; the rules of the web UI's review form hold.
func TestReview(t *testing.T) {
	engines(t, func(t *testing.T, r *rig) {
		f := r.fx
		path := "/api/v1/statements/" + f.proposed + "/review"
		got := r.postJSON(path, "rania", map[string]string{"decision": "confirm", "comment": " seen in the wire "})
		if got.status != 200 {
			t.Fatalf("confirm: %d %s", got.status, got.body)
		}
		m := got.json(t)
		if m["status"] != "confirmed" || m["reviewer"] != "rania" || m["review_note"] != "seen in the wire" {
			t.Errorf("after confirm: %v", m)
		}
		st, err := r.st.Statement(context.Background(), accessAll(), f.proposed)
		if err != nil || st.Status != model.StatusConfirmed || st.Reviewer != "rania" {
			t.Errorf("stored: %+v %v", st, err)
		}
		rep, err := r.st.Verify(context.Background())
		if err != nil || !rep.OK {
			t.Errorf("ledger after review: %+v %v", rep, err)
		}
		entries := 0
		ledger, err := r.st.Ledger(context.Background(), 0, 1_000_000)
		for _, e := range ledger {
			if e.Actor == "rania" && e.RowID == f.proposed {
				entries++
			}
		}
		if err != nil || entries != 1 {
			t.Errorf("ledger entries by rania for the statement: %d %v", entries, err)
		}
		for _, c := range []struct {
			who  string
			body map[string]string
			want int
			says string
		}{
			{"rania", map[string]string{"decision": "maybe"}, 422, "body.decision"},
			{"rania", map[string]string{}, 422, "decision"},
			// a decision on a state left behind: 409 naming the current one
			{"adel", map[string]string{"decision": "reject"}, 409, `"location":"body.from","value":"confirmed"`},
			{"rania", map[string]string{"decision": "reject", "from": "confirmed", "sensitivity": "public"}, 200, ""}, // its own level
			{"rania", map[string]string{"decision": "reopen", "from": "rejected", "sensitivity": "restricted"}, 200, ""},
			{"rania", map[string]string{"decision": "reject", "sensitivity": "internal"}, 403, "only an admin"},
			{"rania", map[string]string{"decision": "reject", "sensitivity": "confidential"}, 403, "clearance"},
			{"rania", map[string]string{"decision": "reopen"}, 422, "decided statement"},
			{"adel", map[string]string{"decision": "confirm", "sensitivity": "public"}, 200, ""},
			{"adel", map[string]string{"decision": "confirm", "sensitivity": "secret"}, 422, "sensitivity"},
			{"anas", map[string]string{"decision": "confirm"}, 403, "reviewer"},
		} {
			got := r.postJSON(path, c.who, c.body)
			if got.status != c.want || !strings.Contains(string(got.body), c.says) {
				t.Errorf("%s %v: %d, want %d saying %q\n%s", c.who, c.body, got.status, c.want, c.says, got.body)
			}
		}
		// Never below the source's level, even for an admin.
		internalStmt := ""
		sts, _ := r.st.Statements(context.Background(), accessAll(), f.person)
		for _, st := range sts {
			if st.Sensitivity == model.Internal {
				internalStmt = st.ID
			}
		}
		got = r.postJSON("/api/v1/statements/"+internalStmt+"/review", "adel", map[string]string{"decision": "confirm", "sensitivity": "public"})
		if got.status != 422 || !strings.Contains(string(got.body), "less sensitive than its source") {
			t.Errorf("below the source: %d %s", got.status, got.body)
		}
		// A correction, as the web UI's review form makes one (app.Review):
		// the statement is rejected, a confirmed manual one takes its place.
		fixed := r.postJSON("/api/v1/statements/"+internalStmt+"/review", "rania", map[string]string{"decision": "edit", "value": "Tartus (corrected)"})
		if fixed.status != 200 {
			t.Fatalf("edit: %d %s", fixed.status, fixed.body)
		}
		if m := fixed.json(t); m["value"] != "Tartus (corrected)" || m["status"] != "confirmed" || m["origin"] != "manual" || m["id"] == internalStmt {
			t.Errorf("the correction: %v", m)
		}
		if st, err := r.st.Statement(context.Background(), accessAll(), internalStmt); err != nil || st.Status != model.StatusRejected {
			t.Errorf("the edited statement: %+v %v", st, err)
		}
		if got := r.postJSON(path, "rania", map[string]string{"decision": "edit"}); got.status != 422 || !strings.Contains(string(got.body), "new value") {
			t.Errorf("an edit without a value: %d %s", got.status, got.body)
		}
		// Not JSON: a 400 problem.
		bad := r.do("POST", path, "rania", strings.NewReader("{"), "application/json")
		if bad.status != 400 && bad.status != 422 {
			t.Errorf("broken JSON: %d %s", bad.status, bad.body)
		}
		// The queue no longer holds what was reviewed.
		for _, id := range ids(t, r.get("/api/v1/review-queue?limit=200", "adel").json(t)["items"]) {
			if id == f.proposed {
				t.Error("a reviewed statement is still queued")
			}
		}
	})
}

// TestIngest stores uploads and URLs through app.Ingest, and refuses bad ones
// with problems that say why.
func TestIngest(t *testing.T) {
	page := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		switch req.URL.Path {
		case "/article":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, `<html><head><title>Guard detained in Latakia</title></head><body><article><h1>Guard detained in Latakia</h1>`+
				`<p>Security forces detained a former guard of Sednaya Prison in Latakia on Monday, the ministry said in a statement.</p>`+
				`<p>He was referred to the judiciary.</p></article></body></html>`)
		case "/image":
			w.Header().Set("Content-Type", "image/png")
			w.Write([]byte("\x89PNG\r\n\x1a\n"))
		default:
			http.NotFound(w, req)
		}
	}))
	defer page.Close()
	t.Setenv(ingest.FetchAllowEnv, page.Listener.Addr().String())
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st, nil)
		b, ct := upload("ingest")
		raw := b.Bytes()
		got := r.do("POST", "/api/v1/sources", "anas", bytes.NewReader(raw), ct)
		if got.status != 201 {
			t.Fatalf("upload: %d %s", got.status, got.body)
		}
		m := got.json(t)
		src, _ := m["source"].(map[string]any)
		if m["status"] != "stored" || src == nil || src["filename"] != "note-ingest.txt" || src["title"] != "Note by ingest" || src["sensitivity"] != "public" {
			t.Errorf("stored: %v", m)
		}
		again := r.do("POST", "/api/v1/sources", "adel", bytes.NewReader(raw), ct)
		if again.status != 200 || again.json(t)["status"] != "exists" || again.json(t)["id"] != m["id"] {
			t.Errorf("same bytes again: %d %s", again.status, again.body)
		}
		if s, err := r.st.Source(context.Background(), accessAll(), m["id"].(string)); err != nil || s.AddedBy != "anas" {
			t.Errorf("stored source: %+v %v", s, err)
		}

		got = r.postJSON("/api/v1/sources", "anas", map[string]string{"url": page.URL + "/article", "kind": "statement"})
		if got.status != 201 {
			t.Fatalf("URL: %d %s", got.status, got.body)
		}
		m = got.json(t)
		if src, _ := m["source"].(map[string]any); src["kind"] != "statement" || src["url"] != page.URL+"/article" {
			t.Errorf("URL source: %v", m)
		}
		if found, _ := m["found"].(map[string]any); found["mentions"].(float64) == 0 {
			t.Errorf("nothing extracted from the article: %v", m["found"])
		}

		// A testimony is confidential unless an admin says otherwise.
		tb, tct := form(map[string]string{"kind": "testimony"}, "t.txt", "A witness said he was held in Sednaya for two years.")
		got = r.do("POST", "/api/v1/sources", "anas", tb, tct)
		if got.status != 201 || got.json(t)["source"] != nil {
			// anas (internal) may not see the confidential testimony stored.
			t.Errorf("testimony by an analyst: %d %s", got.status, got.body)
		}

		big := strings.Repeat("word ", 20000) // over the rig's 64 KiB limit
		for _, c := range []struct {
			name, who string
			body      func() (*bytes.Buffer, string)
			want      int
			says      string
		}{
			{"viewer", "vera", func() (*bytes.Buffer, string) { return upload("vera") }, 403, "analyst"},
			{"below default", "anas", func() (*bytes.Buffer, string) {
				return form(map[string]string{"kind": "testimony", "sensitivity": "public"}, "x.txt", "A witness said so.")
			}, 403, "only an admin"},
			{"unknown kind", "anas", func() (*bytes.Buffer, string) { return form(map[string]string{"kind": "rumour"}, "x.txt", "text") }, 422, "body.kind"},
			{"unknown field", "anas", func() (*bytes.Buffer, string) { return form(map[string]string{"colour": "red"}, "x.txt", "text") }, 400, "body.colour"},
			{"no file", "anas", func() (*bytes.Buffer, string) { return form(map[string]string{"kind": "article"}, "", "") }, 422, "body.file"},
			{"empty file", "anas", func() (*bytes.Buffer, string) { return form(nil, "empty.txt", "") }, 422, "empty document"},
			{"too large", "anas", func() (*bytes.Buffer, string) { return form(nil, "big.txt", big) }, 413, "limit"},
			{"plain text", "anas", func() (*bytes.Buffer, string) { return bytes.NewBufferString("hello"), "text/plain" }, 415, "multipart/form-data"},
			{"no url", "anas", func() (*bytes.Buffer, string) { return bytes.NewBufferString(`{"kind":"article"}`), "application/json" }, 422, "body.url"},
			{"ftp", "anas", func() (*bytes.Buffer, string) {
				return bytes.NewBufferString(`{"url":"ftp://x.example/a"}`), "application/json"
			}, 422, "http"},
			{"extra key", "anas", func() (*bytes.Buffer, string) {
				return bytes.NewBufferString(`{"url":"` + page.URL + `/article","colour":"red"}`), "application/json"
			}, 400, "colour"},
			{"not found upstream", "anas", func() (*bytes.Buffer, string) {
				return bytes.NewBufferString(`{"url":"` + page.URL + `/missing"}`), "application/json"
			}, 422, "404"},
			{"image upstream", "anas", func() (*bytes.Buffer, string) {
				return bytes.NewBufferString(`{"url":"` + page.URL + `/image"}`), "application/json"
			}, 422, "not a document"},
		} {
			b, ct := c.body()
			got := r.do("POST", "/api/v1/sources", c.who, b, ct)
			if got.status != c.want || !strings.Contains(string(got.body), c.says) || got.header.Get("Content-Type") != "application/problem+json" {
				t.Errorf("%s: %d, want %d saying %q\n%s", c.name, got.status, c.want, c.says, got.body)
			}
		}
	})
}

// TestIngestRefusesPrivateAddresses: the default fetch client does not
// reach the server's own network.
func TestIngestRefusesPrivateAddresses(t *testing.T) {
	local := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprint(w, "internal admin page")
	}))
	defer local.Close()
	st := storetest.Open(t, store.Config{DataDir: t.TempDir()})
	r := newRig(t, st, nil)
	got := r.postJSON("/api/v1/sources", "adel", map[string]string{"url": local.URL + "/"})
	if got.status != 422 || !strings.Contains(string(got.body), "refusing to connect to 127.0.0.1: a loopback address") {
		t.Errorf("loopback fetch: %d %s", got.status, got.body)
	}
}

// TestIngestErrorsEchoLittle: a bad URL of megabytes is answered with a
// problem of a few hundred bytes, which names neither the whole input nor
// the server's resolver.
func TestIngestErrorsEchoLittle(t *testing.T) {
	st := storetest.Open(t, store.Config{DataDir: t.TempDir()})
	r := newRig(t, st, nil)
	for _, u := range []string{
		"ftp://" + strings.Repeat("a", 500<<10),
		"http://" + strings.Repeat("b", 500<<10) + ".invalid/",
		"http://athar-test-" + strings.Repeat("c", 40) + ".invalid/" + strings.Repeat("d", 500<<10),
		"http://[::1" + strings.Repeat("e", 500<<10),
	} {
		got := r.postJSON("/api/v1/sources", "adel", map[string]string{"url": u})
		if got.status < 400 || got.status >= 500 {
			t.Errorf("%.20s…: %d %.300s", u, got.status, got.body)
		}
		if len(got.body) > 2048 || strings.Contains(string(got.body), ":53") || strings.Contains(string(got.body), "lookup ") {
			t.Errorf("%.20s…: %d bytes of answer: %.300s", u, len(got.body), got.body)
		}
	}
}

// form is a multipart body with fields and, unless filename is "", a file.
func form(fields map[string]string, filename, content string) (*bytes.Buffer, string) {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for k, v := range fields {
		w.WriteField(k, v)
	}
	if filename != "" {
		fw, _ := w.CreateFormFile("file", filename)
		fw.Write([]byte(content))
	}
	w.Close()
	return &b, w.FormDataContentType()
}

// accessAll is the operator's full view, for checking what was stored.
func accessAll() access.Viewer { return access.Operator() }

// TestAccessLog: showing restricted or confidential material through the
// API is recorded first, by id, with the account; public material is not.
func TestAccessLog(t *testing.T) {
	engines(t, func(t *testing.T, r *rig) {
		if got := r.get("/api/v1/statements/"+r.fx.restrictedStmt, "rania"); got.status != 200 {
			t.Fatalf("restricted statement: %d", got.status)
		}
		if got := r.get("/api/v1/sources/"+r.fx.sources[model.Confidential].ID, "adel"); got.status != 200 {
			t.Fatalf("confidential source: %d", got.status)
		}
		r.get("/api/v1/sources/"+r.fx.sources[model.Public].ID, "adel")
		entries, err := r.st.AccessLog().Recent(context.Background(), 10)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]string{}
		for _, e := range entries {
			seen[e.Subject] = e.Actor + " " + e.Action + " " + e.Sensitivity.String()
		}
		if seen[r.fx.restrictedStmt] != "rania api-view restricted" || seen[r.fx.sources[model.Confidential].ID] != "adel api-view confidential" {
			t.Errorf("access log: %v", seen)
		}
		if _, ok := seen[r.fx.sources[model.Public].ID]; ok {
			t.Error("a public source's view was logged")
		}
	})
}

// TestIngestHidesHiddenDuplicates: the exact bytes of a confidential source,
// sent by an analyst cleared for internal, are stored as their own source
// (201, a new id), as a first upload is; bytes sent again with a stricter
// level raise the source for a reviewer within their clearance and are
// refused, saying so, for an analyst (issue 18, findings 3 and 4).
func TestIngestHidesHiddenDuplicates(t *testing.T) {
	engines(t, func(t *testing.T, r *rig) {
		conf, pub := r.fx.sources[model.Confidential], r.fx.sources[model.Public]
		post := func(who, bytes string, fields map[string]string) response {
			body, ct := form(fields, "doc.txt", bytes)
			return r.do("POST", "/api/v1/sources", who, body, ct)
		}
		got := post("anas", "original bytes of "+conf.Title, nil)
		m := got.json(t)
		if got.status != http.StatusCreated || m["status"] != "stored" || m["id"] == conf.ID || m["duplicate_of"] != nil {
			t.Errorf("the bytes of a hidden source: %d %s", got.status, got.body)
		}
		refused := post("anas", "original bytes of "+pub.Title, map[string]string{"sensitivity": "internal"})
		if refused.status != http.StatusForbidden || !strings.Contains(string(refused.body), "only a reviewer or an admin") {
			t.Errorf("an analyst's stricter upload: %d %s", refused.status, refused.body)
		}
		above := post("rania", "original bytes of "+pub.Title, map[string]string{"sensitivity": "confidential"})
		if above.status != http.StatusForbidden || !strings.Contains(string(above.body), "above your own clearance") {
			t.Errorf("a reviewer raising above their clearance: %d %s", above.status, above.body)
		}
		raised := post("rania", "original bytes of "+pub.Title, map[string]string{"sensitivity": "restricted"})
		if m := raised.json(t); raised.status != http.StatusOK || m["status"] != "exists" || m["raised"] != true || m["id"] != pub.ID {
			t.Errorf("a reviewer's stricter upload: %d %s", raised.status, raised.body)
		}
		if src, err := r.st.Source(context.Background(), accessAll(), pub.ID); err != nil || src.Sensitivity != model.Restricted {
			t.Errorf("the raised source: %+v %v", src, err)
		}
	})
}

// TestSearchThroughEntities: a name in Arabic script finds the public
// article that gives the person's name in Latin script, saying why, and
// the entity it names; sources stay an array of objects with "id".
func TestSearchThroughEntities(t *testing.T) {
	engines(t, func(t *testing.T, r *rig) {
		resp := r.get("/api/v1/search?q="+url.QueryEscape("أوس سلوم"), "vera")
		if resp.status != http.StatusOK {
			t.Fatalf("search: %d %s", resp.status, resp.body)
		}
		var out struct {
			Sources []struct {
				ID  string `json:"id"`
				Why []struct {
					EntityID string `json:"entity_id"`
					As       string `json:"as"`
					Mention  bool   `json:"mention"`
				} `json:"why"`
			} `json:"sources"`
			Entities []struct {
				EntityID string `json:"entity_id"`
				Type     string `json:"type"`
				Sources  int    `json:"sources"`
			} `json:"entities"`
		}
		if err := json.Unmarshal(resp.body, &out); err != nil {
			t.Fatal(err)
		}
		pub := r.fx.sources[model.Public].ID
		if len(out.Sources) != 1 || out.Sources[0].ID != pub || len(out.Sources[0].Why) != 1 ||
			out.Sources[0].Why[0].EntityID != r.fx.person || out.Sources[0].Why[0].As != publicPerson {
			t.Errorf("sources: %s", resp.body)
		}
		if len(out.Entities) == 0 || out.Entities[0].EntityID != r.fx.person || out.Entities[0].Type != "person" || out.Entities[0].Sources != 1 {
			t.Errorf("entities: %s", resp.body)
		}
	})
}
