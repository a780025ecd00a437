package store_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

func TestFeedsDueInTimeOrder(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		at := time.Date(2025, 3, 16, 10, 0, 0, 0, time.UTC)
		// Times whose RFC 3339 text would not sort as the times do: a whole
		// second ("…00Z") and half a second later ("…00.5Z").
		for i, next := range []time.Time{at.Add(500 * time.Millisecond), at, at.Add(-time.Hour)} {
			f := store.Feed{ID: fmt.Sprintf("feed_%d", i), URL: fmt.Sprintf("https://feeds.example/%d", i), Interval: time.Minute,
				Kind: model.KindArticle, Sensitivity: model.Public, AddedBy: "operator", AddedAt: at, NextPollAt: next}
			if err := s.Feeds().Add(ctx, f); err != nil {
				t.Fatal(err)
			}
		}
		due, err := s.Feeds().Due(ctx, at)
		if err != nil {
			t.Fatal(err)
		}
		if len(due) != 2 || due[0].ID != "feed_2" || due[1].ID != "feed_1" {
			t.Errorf("due at %s: %v", at, due)
		}
		if due, _ := s.Feeds().Due(ctx, at.Add(time.Second)); len(due) != 3 {
			t.Errorf("%d due a second later, want 3", len(due))
		}
		dup := store.Feed{ID: "feed_x", URL: "https://feeds.example/0", Interval: time.Minute, Kind: model.KindArticle,
			AddedBy: "operator", AddedAt: at, NextPollAt: at}
		if err := s.Feeds().Add(ctx, dup); !errors.Is(err, store.ErrFeedExists) {
			t.Errorf("the same URL twice: %v", err)
		}
		if err := s.Feeds().Add(ctx, store.Feed{ID: "feed_y", URL: "https://feeds.example/y", Interval: 59 * time.Second,
			Kind: model.KindArticle, AddedBy: "operator"}); err == nil {
			t.Error("an interval below a minute was stored")
		}
	})
}

func TestFeedItemsAreRecordedOnce(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		at := time.Date(2025, 3, 16, 10, 0, 0, 0, time.UTC)
		f := store.Feed{ID: "feed_a", URL: "https://feeds.example/a", Interval: time.Hour, Kind: model.KindArticle,
			Sensitivity: model.Internal, AddedBy: "operator", AddedAt: at, NextPollAt: at}
		if err := s.Feeds().Add(ctx, f); err != nil {
			t.Fatal(err)
		}
		src := addSource(t, s, "A former guard of Sednaya Prison was arrested in Homs.", model.Public)
		var keys []string
		for i := range 1200 { // more than one query's worth of keys
			keys = append(keys, fmt.Sprintf("item-%04d", i))
		}
		for _, k := range []string{"item-0007", "item-1100"} {
			if err := s.Feeds().RecordItem(ctx, store.FeedItem{FeedID: f.ID, Key: k, URL: "https://news.example/" + k, FirstSeen: at,
				LastError: "the server answered 503 Service Unavailable"}); err != nil {
				t.Fatal(err)
			}
		}
		known, err := s.Feeds().KnownItems(ctx, f.ID, keys)
		if err != nil || len(known) != 2 || !known["item-0007"] || !known["item-1100"] {
			t.Errorf("known items: %v %v", known, err)
		}
		if pending, err := s.Feeds().PendingItems(ctx, f.ID, 3); err != nil || len(pending) != 2 {
			t.Errorf("pending: %v %v", pending, err)
		}
		// A second attempt succeeds; a later failed one would not undo it.
		if err := s.Feeds().RecordItem(ctx, store.FeedItem{FeedID: f.ID, Key: "item-0007", SourceID: src.ID, FirstSeen: at.Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		if err := s.Feeds().RecordItem(ctx, store.FeedItem{FeedID: f.ID, Key: "item-0007", FirstSeen: at, LastError: "x"}); err != nil {
			t.Fatal(err)
		}
		items, err := s.Feeds().Items(ctx, f.ID)
		if err != nil || len(items) != 2 {
			t.Fatalf("items: %v %v", items, err)
		}
		it := items[0]
		if it.Key != "item-0007" || it.SourceID != src.ID || it.LastError != "" || it.Attempts != 3 || !it.FirstSeen.Equal(at) || it.URL != "https://news.example/item-0007" {
			t.Errorf("item after three attempts: %+v", it)
		}
		if pending, _ := s.Feeds().PendingItems(ctx, f.ID, 3); len(pending) != 1 || pending[0].Key != "item-1100" {
			t.Errorf("pending after one was stored: %v", pending)
		}
		// Listing: internal feeds are hidden from public clearance.
		list, err := s.Feeds().List(ctx, access.Operator())
		if err != nil || len(list) != 1 || list[0].Items != 2 || list[0].ItemsStored != 1 || list[0].ItemsFailed != 1 {
			t.Errorf("list: %+v %v", list, err)
		}
		pub := access.Viewer{Name: "p", Role: model.RoleViewer, Clearance: model.Public}
		if list, _ := s.Feeds().List(ctx, pub); len(list) != 0 {
			t.Errorf("an internal feed listed for public clearance: %v", list)
		}
		if err := s.Feeds().Remove(ctx, f.ID); err != nil {
			t.Fatal(err)
		}
		if items, _ := s.Feeds().Items(ctx, f.ID); len(items) != 0 {
			t.Errorf("items outlived their feed: %v", items)
		}
		if _, err := s.Source(ctx, access.Operator(), src.ID); err != nil {
			t.Errorf("the source went with the feed: %v", err)
		}
		mustVerify(t, s)
	})
}
