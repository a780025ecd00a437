package feeds_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/feeds"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

func TestAddChecksTheURLAndThatItIsAFeed(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		srv := newFeedServer(t)
		p := newPoller(st, srv)
		op := access.Operator()
		public := model.Public
		analyst := access.ForUser(model.User{Name: "ana", Role: model.RoleAnalyst, Clearance: model.Confidential})
		viewer := access.ForUser(model.User{Name: "vic", Role: model.RoleViewer, Clearance: model.Confidential})
		for _, c := range []struct {
			name  string
			v     access.Viewer
			opt   feeds.AddOptions
			want  string
			check bool // a *CheckError: fetched and refused
		}{
			{"an HTML page", op, feeds.AddOptions{URL: srv.URL + "/articles/trial-opens-damascus.html"}, "HTML page, not an RSS, Atom or JSON feed", true},
			{"a missing page", op, feeds.AddOptions{URL: srv.URL + "/nothing.xml"}, "404 Not Found", true},
			{"not http", op, feeds.AddOptions{URL: "ftp://feeds.example/rss"}, "not an http(s) URL", false},
			{"not a URL", op, feeds.AddOptions{URL: "rss.xml"}, "not an http(s) URL", false},
			{"credentials", op, feeds.AddOptions{URL: "https://user:secret@feeds.example/rss"}, "does not keep credentials", false},
			{"too often", op, feeds.AddOptions{URL: srv.URL + "/rss.xml", Interval: 30 * time.Second}, "want between 1m0s and 168h0m0s", false},
			{"bad kind", op, feeds.AddOptions{URL: srv.URL + "/rss.xml", Kind: "news"}, "news", false},
			{"a viewer", viewer, feeds.AddOptions{URL: srv.URL + "/rss.xml"}, "may not follow feeds", false},
			{"testimony made public by an analyst", analyst, feeds.AddOptions{URL: srv.URL + "/rss.xml", Kind: model.KindTestimony, Sensitivity: &public}, "only an admin", false},
		} {
			t.Run(c.name, func(t *testing.T) {
				_, err := p.Add(ctx, c.v, c.opt)
				if err == nil || !strings.Contains(err.Error(), c.want) {
					t.Fatalf("error %v, want one saying %q", err, c.want)
				}
				var ce *feeds.CheckError
				if errors.As(err, &ce) != c.check {
					t.Errorf("CheckError: %v, want %v", errors.As(err, &ce), c.check)
				}
			})
		}
		if list, err := feeds.List(ctx, app.New(st, app.Config{}), op); err != nil || len(list) != 0 {
			t.Fatalf("refused feeds were stored: %v %v", list, err)
		}

		f, err := p.Add(ctx, analyst, feeds.AddOptions{URL: "  " + srv.URL + "/rss.xml#latest ", Interval: 5 * time.Minute})
		if err != nil {
			t.Fatal(err)
		}
		if f.URL != srv.URL+"/rss.xml" || f.ID != feeds.ID(f.URL) || f.Interval != 5*time.Minute || f.Kind != model.KindArticle ||
			f.Sensitivity != model.Public || f.AddedBy != "ana" || !f.NextPollAt.Equal(t0) {
			t.Errorf("added %+v", f)
		}
		again, err := p.Add(ctx, op, feeds.AddOptions{URL: srv.URL + "/rss.xml"})
		if !errors.Is(err, feeds.ErrExists) || again.ID != f.ID {
			t.Errorf("adding it again: %+v, %v", again, err)
		}

		// Removing: by id or URL, by an admin or whoever added it.
		other := access.ForUser(model.User{Name: "omar", Role: model.RoleAnalyst, Clearance: model.Confidential})
		if _, err := feeds.Remove(ctx, app.New(st, app.Config{}), other, f.ID); err == nil || !strings.Contains(err.Error(), "only an admin or ana") {
			t.Errorf("another analyst removed the feed: %v", err)
		}
		if _, err := feeds.Remove(ctx, app.New(st, app.Config{}), analyst, srv.URL+"/rss.xml"); err != nil {
			t.Errorf("remove by URL: %v", err)
		}
		if _, err := feeds.Remove(ctx, app.New(st, app.Config{}), op, f.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("removing it twice: %v", err)
		}
	})
}

func TestRemoveKeepsTheSources(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		srv := newFeedServer(t)
		p := newPoller(st, srv)
		f := mustAdd(t, p, access.Operator(), srv.URL+"/atom.xml")
		if _, err := p.PollOne(ctx, f.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := feeds.Remove(ctx, app.New(st, app.Config{}), access.Operator(), f.ID); err != nil {
			t.Fatal(err)
		}
		if n := countSources(t, st); n != 2 {
			t.Errorf("%d sources after removing the feed, want the 2 it brought", n)
		}
		if its, err := st.Feeds().Items(ctx, f.ID); err != nil || len(its) != 0 {
			t.Errorf("items of a removed feed: %v %v", its, err)
		}
		// Following it again brings nothing twice: the items' pages are
		// stored already.
		f = mustAdd(t, p, access.Operator(), srv.URL+"/atom.xml")
		res, err := p.PollOne(ctx, f.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range res.Items {
			if it.Outcome != "exists" || it.SourceID == "" {
				t.Errorf("item %s after following again: %s %v", it.Key, it.Outcome, it.Err)
			}
		}
		if n := countSources(t, st); n != 2 {
			t.Errorf("%d sources, want 2", n)
		}
	})
}

func TestClaimLetsOnePollerHaveAFeed(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		srv := newFeedServer(t)
		p := newPoller(st, srv)
		f := mustAdd(t, p, access.Operator(), srv.URL+"/rss.xml")
		ok, err := st.Feeds().Claim(ctx, f.ID, f.NextPollAt, t0.Add(time.Hour))
		if err != nil || !ok {
			t.Fatalf("first claim: %v %v", ok, err)
		}
		if ok, err := st.Feeds().Claim(ctx, f.ID, f.NextPollAt, t0.Add(time.Hour)); err != nil || ok {
			t.Errorf("second claim of the same feed: %v %v", ok, err)
		}
		// A claimed feed is not due until the claim runs out.
		if err := p.PollDue(ctx, t0.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		if hits, _, _ := srv.count("/rss.xml"); hits != 1 { // the add's
			t.Errorf("a claimed feed was polled: %d requests", hits)
		}

		// Two pollers at once (two workers): each due feed is polled once.
		for _, path := range []string{"/atom.xml", "/feed.json"} {
			mustAdd(t, p, access.Operator(), srv.URL+path)
		}
		later := t0.Add(2 * time.Hour)
		errs := make(chan error, 2)
		for range 2 {
			go func() { errs <- newPoller(st, srv).PollDue(ctx, later) }()
		}
		for range 2 {
			if err := <-errs; err != nil {
				t.Fatal(err)
			}
		}
		for _, path := range []string{"/rss.xml", "/atom.xml", "/feed.json"} {
			if hits, _, _ := srv.count(path); hits != 2 { // the add's and one poll
				t.Errorf("%s requested %d times by two pollers, want 2 (add and one poll)", path, hits)
			}
		}
		if n := countSources(t, st); n != 7 {
			t.Errorf("%d sources, want 7", n)
		}
	})
}
