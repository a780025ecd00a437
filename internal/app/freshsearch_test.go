package app_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// A process's first search indexes what other processes stored unindexed
// before it answers; later, once RefreshEvery has passed, the catch-up runs
// in the background (searches answer meanwhile from what is indexed) and
// what it indexes is then found.
func TestSearchCatchesUpInTheBackground(t *testing.T) {
	st := storetest.Open(t, store.Config{DataDir: t.TempDir()})
	ctx := context.Background()
	var mu sync.Mutex
	now := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	// Another process (a queued ingest) stores without indexing.
	other := app.New(st, app.Config{})
	store := func(name, text string) {
		t.Helper()
		if _, err := other.IngestBytes(ctx, access.Operator(), name, []byte(text), app.IngestOptions{StoreOnly: true}); err != nil {
			t.Fatal(err)
		}
	}
	found := func(a *app.App, word string) bool {
		t.Helper()
		res, err := a.Search(ctx, access.Operator(), app.SearchQuery{Text: word})
		if err != nil {
			t.Fatal(err)
		}
		return len(res.Sources) > 0
	}
	store("first.txt", "A report on the quarry of Qalamoun, written in winter.")
	a := app.New(st, app.Config{Now: clock})
	if !found(a, "quarry") {
		t.Fatal("the process's first search did not index what was stored before it")
	}
	store("second.txt", "A report on the orchard of Zabadani, written in spring.")
	if found(a, "orchard") {
		t.Fatal("a search within RefreshEvery indexed again")
	}
	mu.Lock()
	now = now.Add(app.RefreshEvery + time.Second)
	mu.Unlock()
	for deadline := time.Now().Add(2 * time.Minute); !found(a, "orchard"); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the background catch-up never indexed the second report")
		}
	}
}
