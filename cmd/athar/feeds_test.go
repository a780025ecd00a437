package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/athar-project/athar/internal/ingest"
)

// feedRSS is a feed written for this test; {{BASE}} is the server's address.
const feedRSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Test Justice Wire</title><link>{{BASE}}/</link><description>Test feed</description>
<item><title>Former guard arrested in Homs</title><link>{{BASE}}/a/guard.html</link><guid>tjw-1</guid>
<pubDate>Fri, 03 Jan 2025 10:00:00 +0000</pubDate></item>
<item><title>القبض على سجان سابق في صيدنايا</title><guid>tjw-2</guid><pubDate>Sat, 04 Jan 2025 10:00:00 +0000</pubDate>
<description>&lt;p&gt;ألقت قوى الأمن القبض على سجان سابق في سجن صيدنايا في مدينة حمص يوم الخميس، وقالت الوزارة إنه سيحال إلى القضاء.&lt;/p&gt;</description></item>
</channel></rss>`

const feedArticle = `<!DOCTYPE html><html lang="en"><head><title>Former guard arrested in Homs</title>
<meta property="og:site_name" content="Test Justice Wire"></head><body><article><h1>Former guard arrested in Homs</h1>
<p>Security forces arrested a former guard of Sednaya Prison in Homs on Thursday, the Ministry of Interior said.</p>
<p>Survivors accuse the guard of beating detainees during the night counts in the red building.</p></article></body></html>`

func TestFeedsCommands(t *testing.T) {
	var failing atomic.Bool
	var conditional atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		base := "http://" + r.Host
		switch r.URL.Path {
		case "/rss.xml":
			if failing.Load() {
				http.Error(w, "down", http.StatusInternalServerError)
				return
			}
			if r.Header.Get("If-None-Match") == `"v1"` {
				conditional.Add(1)
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("Content-Type", "application/rss+xml")
			w.Header().Set("ETag", `"v1"`)
			w.Write([]byte(strings.ReplaceAll(feedRSS, "{{BASE}}", base)))
		case "/a/guard.html", "/page.html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(feedArticle))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	t.Setenv(ingest.FetchAllowEnv, srv.Listener.Addr().String()) // fetches refuse loopback unless allowed
	data := t.TempDir() + "/data"
	feedURL := srv.URL + "/rss.xml"

	r := athar(t, "", "--data", data, "feeds", "add", srv.URL+"/page.html")
	if r.code != 1 || !strings.Contains(r.stderr, "HTML page, not an RSS, Atom or JSON feed; not added") {
		t.Errorf("adding a page: exit %d\n%s", r.code, r.stderr)
	}
	if r := athar(t, "", "--data", data, "feeds", "add", feedURL, "--interval", "10s"); r.code != 2 || !strings.Contains(r.stderr, "interval") {
		t.Errorf("--interval 10s: exit %d\n%s", r.code, r.stderr)
	}
	if r := athar(t, "", "--data", data, "feeds", "add", "not-a-url"); r.code != 2 || !strings.Contains(r.stderr, "not an http(s) URL") {
		t.Errorf("not a URL: exit %d\n%s", r.code, r.stderr)
	}

	r = athar(t, "", "--data", data, "feeds", "add", feedURL, "--interval", "5m", "--json")
	var added map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &added); err != nil || r.code != 0 {
		t.Fatalf("feeds add --json: exit %d, %v\n%s%s", r.code, err, r.stdout, r.stderr)
	}
	id, _ := added["id"].(string)
	if added["title"] != "Test Justice Wire" || added["interval"] != "5m" || added["interval_seconds"] != 300.0 ||
		added["sensitivity"] != "public" || added["added_by"] != "operator" || added["last_polled_at"] != nil || !strings.HasPrefix(id, "feed_") {
		t.Errorf("added: %v", added)
	}
	if r := athar(t, "", "--data", data, "feeds", "add", feedURL); r.code != 0 || !strings.Contains(r.stderr, "followed already as "+id) {
		t.Errorf("adding it again: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	r = athar(t, "", "--data", data, "feeds", "poll", "--json")
	if r.code != 0 {
		t.Fatalf("feeds poll: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 2 {
		t.Fatalf("feeds poll --json printed %d lines, want 2:\n%s", len(lines), r.stdout)
	}
	for _, l := range lines {
		var line map[string]any
		if err := json.Unmarshal([]byte(l), &line); err != nil || line["status"] != "stored" || line["feed"] != id ||
			!strings.HasPrefix(line["id"].(string), "src_") {
			t.Errorf("poll line %s: %v", l, err)
		}
	}

	// Polled again at once (by id): the server says nothing changed.
	r = athar(t, "", "--data", data, "feeds", "poll", id)
	if r.code != 0 || r.stdout != "" || !strings.Contains(r.stderr, "not modified") || conditional.Load() != 1 {
		t.Errorf("second poll: exit %d, %d conditional requests\n%s%s", r.code, conditional.Load(), r.stdout, r.stderr)
	}

	failing.Store(true)
	r = athar(t, "", "--data", data, "feeds", "poll", feedURL)
	if r.code != 1 || !strings.Contains(r.stderr, "500 Internal Server Error") {
		t.Errorf("poll of a failing feed: exit %d\n%s", r.code, r.stderr)
	}
	r = athar(t, "", "--data", data, "feeds", "list", "--json")
	var list []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &list); err != nil || len(list) != 1 {
		t.Fatalf("feeds list --json: %v\n%s", err, r.stdout)
	}
	f := list[0]
	if f["failures"] != 1.0 || !strings.Contains(f["last_error"].(string), "500") || f["items_stored"] != 2.0 || f["last_ok_at"] == nil {
		t.Errorf("listed: %v", f)
	}
	if r := athar(t, "", "--data", data, "feeds", "list"); r.code != 0 || !strings.Contains(r.stdout, "the server answered 500") {
		t.Errorf("feeds list: exit %d\n%s", r.code, r.stdout)
	}

	if r := athar(t, "", "--data", data, "sources", "list", "--json"); r.code != 0 || strings.Count(r.stdout, `"id"`) != 2 {
		t.Errorf("sources after polling: exit %d\n%s", r.code, r.stdout)
	}
	if r := athar(t, "", "--data", data, "feeds", "remove", feedURL); r.code != 0 || !strings.Contains(r.stdout, "removed "+id) {
		t.Errorf("feeds remove: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := athar(t, "", "--data", data, "feeds", "remove", id); r.code != 2 || !strings.Contains(r.stderr, "no such feed") {
		t.Errorf("removing twice: exit %d\n%s", r.code, r.stderr)
	}
	if r := athar(t, "", "--data", data, "feeds", "list", "--json"); strings.TrimSpace(r.stdout) != "[]" {
		t.Errorf("feeds list after remove: %s", r.stdout)
	}
	if r := athar(t, "", "--data", data, "verify"); r.code != 0 {
		t.Errorf("verify: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}
