package feeds_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/feeds"
	"github.com/athar-project/athar/internal/ingest"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// t0 is when the tests' feeds are added.
var t0 = time.Date(2025, 3, 16, 7, 0, 0, 0, time.UTC)

func newPoller(st *store.Store, srv *feedServer) *feeds.Poller {
	p := feeds.NewPoller(app.New(st, app.Config{}))
	p.Now = func() time.Time { return t0 }
	return p
}

func mustAdd(t *testing.T, p *feeds.Poller, v access.Viewer, feedURL string) store.Feed {
	t.Helper()
	f, err := p.Add(context.Background(), v, feeds.AddOptions{URL: feedURL})
	if err != nil {
		t.Fatalf("add %s: %v", feedURL, err)
	}
	return f
}

func feedByID(t *testing.T, st *store.Store, id string) store.Feed {
	t.Helper()
	all, err := feeds.List(context.Background(), app.New(st, app.Config{}), access.Operator())
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range all {
		if f.ID == id {
			return f
		}
	}
	t.Fatalf("feed %s not listed", id)
	return store.Feed{}
}

func items(t *testing.T, st *store.Store, feedID string) map[string]store.FeedItem {
	t.Helper()
	list, err := st.Feeds().Items(context.Background(), feedID)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]store.FeedItem{}
	for _, it := range list {
		out[it.Key] = it
	}
	return out
}

func countSources(t *testing.T, st *store.Store) int {
	t.Helper()
	c, err := st.CountSources(context.Background(), access.Operator())
	if err != nil {
		t.Fatal(err)
	}
	return c.Total
}

func TestPollStoresEachNewItemOnceAndExtractsIt(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		srv := newFeedServer(t)
		p := newPoller(st, srv)
		var reports []feeds.Result
		p.Report = func(r feeds.Result) { reports = append(reports, r) }
		rss := mustAdd(t, p, access.Operator(), srv.URL+"/rss.xml")
		atom := mustAdd(t, p, access.Operator(), srv.URL+"/atom.xml")
		jsonFeed := mustAdd(t, p, access.Operator(), srv.URL+"/feed.json")
		if rss.Title != "Levant Justice Monitor" || atom.Title != "Damascus Court Reporter" || jsonFeed.Title != "Syria Accountability Wire" {
			t.Errorf("titles: %q %q %q", rss.Title, atom.Title, jsonFeed.Title)
		}
		if n := countSources(t, st); n != 0 {
			t.Fatalf("adding a feed stored %d sources; the poll stores them", n)
		}

		// First poll: every item of the three feeds is stored and extracted.
		if err := p.PollDue(ctx, t0); err != nil {
			t.Fatal(err)
		}
		if len(reports) != 3 {
			t.Fatalf("%d feeds polled, want 3", len(reports))
		}
		for _, r := range reports {
			if r.Err != nil || r.NotModified {
				t.Errorf("%s: err %v, not modified %v", r.Feed.URL, r.Err, r.NotModified)
			}
			for _, it := range r.Items {
				if it.Outcome != "stored" {
					t.Errorf("%s item %s: %s %v", r.Feed.URL, it.Key, it.Outcome, it.Err)
				}
			}
		}
		if n := countSources(t, st); n != 7 {
			t.Fatalf("%d sources stored, want 7 (3 + 2 + 2 items)", n)
		}
		want := map[string]struct {
			feed, url, title, lang, text string
		}{
			"ljm-2025-0142":                        {rss.ID, srv.URL + "/articles/guard-arrested-homs.html", "Former Sednaya guard arrested in Homs countryside", "en", "Samer Khalouf"},
			"ljm-2025-0143":                        {rss.ID, srv.URL + "/articles/ar-referral-judiciary.html", "إحالة سجان سابق في صيدنايا إلى القضاء بعد اعترافه", "ar", "نزار قصاب"},
			"ljm-2025-0144":                        {rss.ID, "", "Families wait outside Sednaya as search for prison records goes on", "en", "Rami Haddad"},
			"tag:dcr.example,2025:trial-mansour-1": {atom.ID, srv.URL + "/articles/trial-opens-damascus.html", "Trial of former Sednaya officer opens in Damascus", "en", "Fadi Mansour"},
			"tag:dcr.example,2025:ar-ali-custody":  {atom.ID, srv.URL + "/articles/ar-death-in-custody.html", "ذوو معتقل: ابننا توفي تحت التعذيب في صيدنايا", "ar", "يوسف العلي"},
			"saw-7731":                             {jsonFeed.ID, srv.URL + "/articles/escaped-officer-wanted.html", "Warrant issued for former Sednaya officer who fled", "en", "Wael Sabbagh"},
			"saw-7732":                             {jsonFeed.ID, "", "القبض على عنصر سابق في سجن صيدنايا في ريف دمشق", "ar", "ماهر الدباغ"},
		}
		for key, w := range want {
			it, ok := items(t, st, w.feed)[key]
			if !ok || it.SourceID == "" {
				t.Errorf("item %s: %+v, no source", key, it)
				continue
			}
			src, err := st.Source(ctx, access.Operator(), it.SourceID)
			if err != nil {
				t.Fatal(err)
			}
			if src.URL != w.url || src.Title != w.title || src.Language != w.lang || !strings.Contains(src.Text, w.text) {
				t.Errorf("item %s stored as url %q title %q language %q, text:\n%s", key, src.URL, src.Title, src.Language, src.Text)
			}
			if src.Kind != model.KindArticle || src.Sensitivity != model.Public || src.AddedBy != w.feed {
				t.Errorf("item %s: kind %s, sensitivity %s, added by %q (want the feed %s)", key, src.Kind, src.Sensitivity, src.AddedBy, w.feed)
			}
			if strings.Contains(src.Text, "trackPageView") {
				t.Errorf("item %s: a script's text was stored:\n%s", key, src.Text)
			}
			stmts, err := st.StatementsFrom(ctx, access.Operator(), it.SourceID)
			if err != nil {
				t.Fatal(err)
			}
			if len(stmts) == 0 {
				t.Errorf("item %s: nothing was extracted from\n%s", key, src.Text)
			}
		}
		// An item without a link is stored as the page made of it, with the
		// feed as publisher and the item's date.
		it := items(t, st, rss.ID)["ljm-2025-0144"]
		src, _ := st.Source(ctx, access.Operator(), it.SourceID)
		if src.Publisher != "Levant Justice Monitor" || src.Published.String() != "2025-03-16" || src.ContentType != ingest.TypeHTML ||
			!strings.HasPrefix(src.Filename, "feed-item-") {
			t.Errorf("linkless item: publisher %q, published %s, type %s, filename %q", src.Publisher, src.Published, src.ContentType, src.Filename)
		}
		// The relative link of the RSS feed was resolved against its site.
		if hits, _, _ := srv.count("/articles/ar-referral-judiciary.html"); hits != 1 {
			t.Errorf("relative item link fetched %d times, want 1", hits)
		}
		if !srv.userAgents[ingest.UserAgent] || len(srv.userAgents) != 1 {
			t.Errorf("user agents sent: %v", srv.userAgents)
		}
		f := feedByID(t, st, rss.ID)
		if f.Items != 3 || f.ItemsStored != 3 || f.ItemsFailed != 0 || f.Failures != 0 || f.LastError != "" ||
			!f.LastPolledAt.Equal(t0) || !f.LastOKAt.Equal(t0) || !f.NextPollAt.Equal(t0.Add(feeds.DefaultInterval)) {
			t.Errorf("after the first poll: %+v", f)
		}

		// Not yet due: nothing is requested.
		reports = nil
		if err := p.PollDue(ctx, t0.Add(10*time.Minute)); err != nil {
			t.Fatal(err)
		}
		if hits, _, _ := srv.count("/rss.xml"); hits != 2 || len(reports) != 0 { // add + first poll
			t.Errorf("a feed not due was polled: %d requests, %d reports", hits, len(reports))
		}

		// Second poll: conditional requests, answered 304; nothing fetched again.
		t1 := t0.Add(31 * time.Minute)
		if err := p.PollDue(ctx, t1); err != nil {
			t.Fatal(err)
		}
		for _, path := range []string{"/rss.xml", "/atom.xml", "/feed.json"} {
			if _, cond, nm := srv.count(path); cond != 1 || nm != 1 {
				t.Errorf("%s: %d conditional requests, %d answered 304; want 1 and 1", path, cond, nm)
			}
		}
		for _, r := range reports {
			if !r.NotModified || len(r.Items) != 0 || r.Err != nil {
				t.Errorf("second poll of %s: %+v", r.Feed.URL, r)
			}
		}
		for path := range srv.files {
			if strings.HasPrefix(path, "/articles/") {
				if hits, _, _ := srv.count(path); hits > 1 {
					t.Errorf("%s fetched %d times", path, hits)
				}
			}
		}
		if f := feedByID(t, st, atom.ID); !f.LastPolledAt.Equal(t1) || !f.NextPollAt.Equal(t1.Add(feeds.DefaultInterval)) {
			t.Errorf("after a 304: polled %s, next %s", f.LastPolledAt, f.NextPollAt)
		}

		// An hour later the RSS feed has a new item: only that one is fetched.
		srv.set("/rss.xml", "rss_updated.xml")
		reports = nil
		t2 := t1.Add(31 * time.Minute)
		if err := p.PollDue(ctx, t2); err != nil {
			t.Fatal(err)
		}
		if n := countSources(t, st); n != 8 {
			t.Errorf("%d sources after the new item, want 8", n)
		}
		if hits, _, _ := srv.count("/articles/second-guard-arrested.html"); hits != 1 {
			t.Errorf("new article fetched %d times, want 1", hits)
		}
		if hits, _, _ := srv.count("/articles/guard-arrested-homs.html"); hits != 1 {
			t.Errorf("old article fetched %d times, want 1", hits)
		}
		var rssReport feeds.Result
		for _, r := range reports {
			if r.Feed.ID == rss.ID {
				rssReport = r
			}
		}
		if len(rssReport.Items) != 1 || rssReport.Items[0].Key != "ljm-2025-0145" || rssReport.Items[0].Outcome != "stored" {
			t.Errorf("third poll of the RSS feed: %+v", rssReport)
		}
		if rep, err := st.Verify(ctx); err != nil || !rep.OK {
			t.Errorf("verify: %v %v", rep.Problems, err)
		}
	})
}

func TestFailingFeedBacksOffAndRecovers(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		srv := newFeedServer(t)
		p := newPoller(st, srv)
		interval := 10 * time.Minute
		f, err := p.Add(ctx, access.Operator(), feeds.AddOptions{URL: srv.URL + "/atom.xml", Interval: interval})
		if err != nil {
			t.Fatal(err)
		}
		srv.fail("/atom.xml", http.StatusInternalServerError)
		if err := p.PollDue(ctx, t0); err != nil {
			t.Fatalf("a failing feed stopped the run: %v", err)
		}
		got := feedByID(t, st, f.ID)
		if got.Failures != 1 || !strings.Contains(got.LastError, "500 Internal Server Error") ||
			!got.NextPollAt.Equal(t0.Add(2*interval)) || !got.LastOKAt.IsZero() || got.Items != 0 {
			t.Fatalf("after one failure: failures %d, error %q, next %s, last ok %s", got.Failures, got.LastError, got.NextPollAt, got.LastOKAt)
		}

		// Backing off: at the usual interval it is not polled.
		before, _, _ := srv.count("/atom.xml")
		if err := p.PollDue(ctx, t0.Add(interval)); err != nil {
			t.Fatal(err)
		}
		if after, _, _ := srv.count("/atom.xml"); after != before {
			t.Errorf("a feed backing off was polled at its usual interval")
		}
		t1 := t0.Add(2 * interval)
		if err := p.PollDue(ctx, t1); err != nil {
			t.Fatal(err)
		}
		got = feedByID(t, st, f.ID)
		if got.Failures != 2 || !got.NextPollAt.Equal(t1.Add(4*interval)) {
			t.Errorf("after two failures: failures %d, next %s (want %s)", got.Failures, got.NextPollAt, t1.Add(4*interval))
		}

		// The server answers again: the error is cleared and the items stored.
		srv.fail("/atom.xml", 0)
		t2 := t1.Add(4 * interval)
		if err := p.PollDue(ctx, t2); err != nil {
			t.Fatal(err)
		}
		got = feedByID(t, st, f.ID)
		if got.Failures != 0 || got.LastError != "" || !got.LastOKAt.Equal(t2) || !got.NextPollAt.Equal(t2.Add(interval)) || got.ItemsStored != 2 {
			t.Errorf("after recovery: %+v", got)
		}

		// A feed that stops being a feed is an error too.
		srv.set("/atom.xml", "articles/trial-opens-damascus.html")
		if _, err := p.PollOne(ctx, f.ID); err != nil {
			t.Fatal(err)
		}
		got = feedByID(t, st, f.ID)
		if got.Failures != 1 || !strings.Contains(got.LastError, "HTML page") {
			t.Errorf("an HTML page where the feed was: failures %d, error %q", got.Failures, got.LastError)
		}

		// A server that asks to be left alone longer than the backoff is.
		srv.fail("/atom.xml", http.StatusServiceUnavailable)
		srv.retryAfter = "7200"
		res, err := p.PollOne(ctx, f.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got := feedByID(t, st, f.ID); got.Failures != 2 || !got.NextPollAt.Equal(t0.Add(2*time.Hour)) || res.Err == nil {
			t.Errorf("503 with Retry-After 7200: failures %d, next %s (want %s), err %v", got.Failures, got.NextPollAt, t0.Add(2*time.Hour), res.Err)
		}
	})
}

func TestBrokenItemLinkDoesNotStopTheOthers(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		srv := newFeedServer(t)
		srv.set("/broken.xml", "rss_broken.xml")
		p := newPoller(st, srv)
		f := mustAdd(t, p, access.Operator(), srv.URL+"/broken.xml")
		if err := p.PollDue(ctx, t0); err != nil {
			t.Fatal(err)
		}
		its := items(t, st, f.ID)
		missing, good := its["ljm-2025-0099"], its["ljm-2025-0142"]
		if missing.SourceID != "" || !strings.Contains(missing.LastError, "404") || missing.Attempts != 1 {
			t.Errorf("broken item: %+v", missing)
		}
		if good.SourceID == "" || good.LastError != "" {
			t.Errorf("good item: %+v", good)
		}
		got := feedByID(t, st, f.ID)
		if got.LastError != "" || got.Failures != 0 || got.ItemsStored != 1 || got.ItemsFailed != 1 {
			t.Errorf("a broken item failed its feed: %+v", got)
		}

		// The next poll (the feed unchanged: 304) tries the broken item again;
		// the page is back now.
		srv.set("/articles/missing.html", "articles/second-guard-arrested.html")
		if err := p.PollDue(ctx, t0.Add(feeds.DefaultInterval)); err != nil {
			t.Fatal(err)
		}
		if _, _, nm := srv.count("/broken.xml"); nm != 1 {
			t.Errorf("feed answered 304 %d times, want 1", nm)
		}
		missing = items(t, st, f.ID)["ljm-2025-0099"]
		if missing.SourceID == "" || missing.LastError != "" || missing.Attempts != 2 {
			t.Errorf("retried item: %+v", missing)
		}
		if hits, _, _ := srv.count("/articles/guard-arrested-homs.html"); hits != 1 {
			t.Errorf("the good item was fetched %d times, want 1", hits)
		}

		// An item that keeps failing is given up after MaxItemAttempts.
		srv.set("/broken2.xml", "rss_broken.xml")
		srv.set("/articles/missing.html", "")
		f2 := mustAdd(t, p, access.Operator(), srv.URL+"/broken2.xml")
		for range feeds.MaxItemAttempts + 2 {
			if _, err := p.PollOne(ctx, f2.ID); err != nil {
				t.Fatal(err)
			}
		}
		if it := items(t, st, f2.ID)["ljm-2025-0099"]; it.Attempts != feeds.MaxItemAttempts || it.SourceID != "" {
			t.Errorf("item that keeps failing: %+v", it)
		}
	})
}

func TestItemsAreStoredAsTheFeedsKindAndSensitivityByTheFeed(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		srv := newFeedServer(t)
		p := newPoller(st, srv)
		ana := model.User{Name: "ana", Role: model.RoleAnalyst, Clearance: model.Confidential}
		if err := st.Write(ctx, "operator", func(tx *store.Tx) error { return tx.AddUser(ctx, &ana) }); err != nil {
			t.Fatal(err)
		}
		restricted := model.Restricted
		f, err := p.Add(ctx, access.ForUser(ana), feeds.AddOptions{URL: srv.URL + "/feed.json", Kind: model.KindStatement, Sensitivity: &restricted})
		if err != nil {
			t.Fatal(err)
		}
		if f.AddedBy != "ana" {
			t.Errorf("added by %q", f.AddedBy)
		}
		if err := p.PollDue(ctx, t0); err != nil {
			t.Fatal(err)
		}
		for _, it := range items(t, st, f.ID) {
			src, err := st.Source(ctx, access.Operator(), it.SourceID)
			if err != nil {
				t.Fatalf("item %s: %v", it.Key, err)
			}
			if src.Kind != model.KindStatement || src.Sensitivity != model.Restricted || src.AddedBy != f.ID {
				t.Errorf("item %s: kind %s, sensitivity %s, added by %s", it.Key, src.Kind, src.Sensitivity, src.AddedBy)
			}
		}
		// A viewer below the feed's sensitivity does not see the feed.
		internal := access.ForUser(model.User{Name: "vic", Role: model.RoleViewer, Clearance: model.Internal})
		if list, err := feeds.List(ctx, app.New(st, app.Config{}), internal); err != nil || len(list) != 0 {
			t.Errorf("a restricted feed listed for internal clearance: %v %v", list, err)
		}
		if _, err := feeds.Find(ctx, app.New(st, app.Config{}), internal, f.ID); err == nil {
			t.Error("a restricted feed found for internal clearance")
		}

		// Once the account that added the feed is disabled, the feed fails
		// until someone adds it again.
		if err := st.Write(ctx, "operator", func(tx *store.Tx) error { return tx.SetUserDisabled(ctx, ana.ID, true) }); err != nil {
			t.Fatal(err)
		}
		before, _, _ := srv.count("/feed.json")
		res, err := p.PollOne(ctx, f.ID)
		if err != nil {
			t.Fatal(err)
		}
		if res.Err == nil || !strings.Contains(res.Err.Error(), "ana, who added this feed, is disabled") {
			t.Errorf("poll of a disabled account's feed: %v", res.Err)
		}
		if after, _, _ := srv.count("/feed.json"); after != before {
			t.Error("the feed of a disabled account was fetched")
		}
		if got := feedByID(t, st, f.ID); got.Failures != 1 || got.LastError == "" {
			t.Errorf("after the account was disabled: %+v", got)
		}
	})
}

func TestBackoff(t *testing.T) {
	for _, c := range []struct {
		interval time.Duration
		failures int
		want     time.Duration
	}{
		{30 * time.Minute, 0, 30 * time.Minute},
		{30 * time.Minute, 1, time.Hour},
		{30 * time.Minute, 3, 4 * time.Hour},
		{30 * time.Minute, 6, 24 * time.Hour}, // 32h, capped
		{30 * time.Minute, 1000, 24 * time.Hour},
		{time.Minute, 2, 4 * time.Minute},
		{48 * time.Hour, 1, 48 * time.Hour}, // an interval above the cap is the cap
	} {
		if got := feeds.Backoff(c.interval, c.failures); got != c.want {
			t.Errorf("Backoff(%s, %d) = %s, want %s", c.interval, c.failures, got, c.want)
		}
	}
}
