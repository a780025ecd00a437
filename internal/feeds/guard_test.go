package feeds_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/feeds"
	"github.com/athar-project/athar/internal/ingest"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// rssOf writes an RSS feed of items, each a title and a link.
func rssOf(items ...[2]string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Probe</title>`)
	for i, it := range items {
		fmt.Fprintf(&b, `<item><title>%s</title><link>%s</link><guid isPermaLink="false">item-%d</guid></item>`, it[0], it[1], i)
	}
	b.WriteString(`</channel></rss>`)
	return b.String()
}

const secretPage = `<html><head><title>Internal admin</title></head><body><article><p>The internal-only page of this
machine, which no feed may make public: the administrator of the detention records desk is Khalil Internal-Only.</p>
<p>It goes on long enough to be an article worth keeping, were it one, with a second paragraph of plain words.</p></article></body></html>`

// TestFeedsCannotReachLoopback is the SSRF of issue 18: a feed item linking
// to a server on the poller's own machine — directly, through a redirect
// from the feed's host, or through a name that resolves to loopback — was
// fetched and stored as a public source. Only the feed's own server is
// allowed here (as ATHAR_FETCH_ALLOW would name it); the internal one is
// never reached and nothing of it is stored.
func TestFeedsCannotReachLoopback(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		var internalHits atomic.Int64
		internal := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			internalHits.Add(1)
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, secretPage)
		}))
		defer internal.Close()
		_, internalPort, _ := strings.Cut(internal.Listener.Addr().String(), ":")
		var feedURL string
		site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			switch r.URL.Path {
			case "/feed.xml":
				w.Header().Set("Content-Type", "application/rss+xml")
				fmt.Fprint(w, rssOf(
					[2]string{"direct", internal.URL + "/admin"},
					[2]string{"redirected", feedURL + "/go"},
					[2]string{"by name", "http://localhost:" + internalPort + "/admin"},
					[2]string{"unspecified", "http://0.0.0.0:" + internalPort + "/admin"},
					[2]string{"mapped", "http://[::ffff:127.0.0.1]:" + internalPort + "/admin"},
				))
			case "/go":
				http.Redirect(w, r, internal.URL+"/admin", http.StatusFound)
			default:
				http.NotFound(w, r)
			}
		}))
		defer site.Close()
		feedURL = site.URL
		t.Setenv(ingest.FetchAllowEnv, site.Listener.Addr().String())
		p := feeds.NewPoller(app.New(st, app.Config{}))
		f := mustAdd(t, p, access.Operator(), site.URL+"/feed.xml")
		res, err := p.PollOne(ctx, f.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Items) != 5 {
			t.Fatalf("%d items, want 5", len(res.Items))
		}
		for _, it := range res.Items {
			if it.Outcome != "failed" || it.Err == nil || !strings.Contains(it.Err.Error(), "refusing to connect") {
				t.Errorf("item %q (%s): %s %v, want refused", it.Title, it.URL, it.Outcome, it.Err)
			}
		}
		if n := internalHits.Load(); n != 0 {
			t.Errorf("the internal server was reached %d times", n)
		}
		if n := countSources(t, st); n != 0 {
			t.Errorf("%d sources stored from loopback", n)
		}

		// A feed on a loopback address nobody allowed is refused too.
		t.Setenv(ingest.FetchAllowEnv, "")
		if _, err := p.Add(ctx, access.Operator(), feeds.AddOptions{URL: internal.URL + "/feed.xml"}); err == nil ||
			!strings.Contains(err.Error(), "refusing to connect") {
			t.Errorf("adding a loopback feed: %v, want refused", err)
		}
	})
}

// TestOnePollStoresAtMostMaxItems: a feed of many new items is taken
// MaxItems at a time, the rest at the next polls (which come soon and ask
// for the whole feed, not a 304), each item once.
func TestOnePollStoresAtMostMaxItems(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		const n = 7
		var items [][2]string
		for i := range n {
			items = append(items, [2]string{fmt.Sprintf("Report %d", i), ""})
		}
		var itemLinks []string
		site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/feed.xml" {
				w.Header().Set("Content-Type", "application/rss+xml")
				w.Header().Set("ETag", `"v1"`)
				if r.Header.Get("If-None-Match") == `"v1"` {
					w.WriteHeader(http.StatusNotModified)
					return
				}
				fmt.Fprint(w, rssOf(items...))
				return
			}
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			fmt.Fprintf(w, "Title: %s\n---\nA report written for this test, number %s, about the prison records of Sednaya.\n", r.URL.Path, r.URL.Path)
		}))
		defer site.Close()
		for i := range items {
			items[i][1] = fmt.Sprintf("%s/report-%d.txt", site.URL, i)
			itemLinks = append(itemLinks, items[i][1])
		}
		t.Setenv(ingest.FetchAllowEnv, site.Listener.Addr().String())
		p := feeds.NewPoller(app.New(st, app.Config{}))
		p.MaxItems = 3
		now := t0
		p.Now = func() time.Time { return now }
		f := mustAdd(t, p, access.Operator(), site.URL+"/feed.xml")
		stored := map[string]int{}
		for poll, want := range []int{3, 3, 1, 0} {
			res, err := p.PollOne(ctx, f.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Items) != want {
				t.Fatalf("poll %d took %d items, want %d", poll, len(res.Items), want)
			}
			if res.Deferred != (poll < 2) {
				t.Errorf("poll %d: deferred %v", poll, res.Deferred)
			}
			if poll < 2 && res.NextPollAt.Sub(now) > feeds.MinInterval {
				t.Errorf("poll %d: next poll in %s, want soon", poll, res.NextPollAt.Sub(now))
			}
			for _, it := range res.Items {
				if it.Outcome != "stored" {
					t.Errorf("poll %d: %s %s %v", poll, it.URL, it.Outcome, it.Err)
				}
				stored[it.URL]++
			}
			now = now.Add(2 * time.Minute)
		}
		for _, l := range itemLinks {
			if stored[l] != 1 {
				t.Errorf("%s stored %d times", l, stored[l])
			}
		}
		if got := countSources(t, st); got != n {
			t.Errorf("%d sources, want %d", got, n)
		}
	})
}
