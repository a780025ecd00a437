package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/ingest"
	"github.com/athar-project/athar/internal/jobs"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// A job that fails shows on the admin's jobs page with its error, and the
// page's retry button puts it back in the queue; a feed that fails shows its
// error there too.
func TestJobsPageShowsFailuresAndRetries(t *testing.T) {
	r := newRig(t, "")
	ctx := context.Background()
	down := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
	}))
	defer down.Close()
	t.Setenv(ingest.FetchAllowEnv, down.Listener.Addr().String()) // fetches refuse loopback unless allowed
	if n, err := r.jobs.EnqueueIngest(ctx, "adel", "", nil, down.URL+"/gone.txt"); err != nil || n != 1 {
		t.Fatalf("queued %d: %v", n, err)
	}
	// Work the queue until the job has failed its only attempt.
	workCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- r.jobs.Work(workCtx, 1) }()
	var failed []jobs.Job
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(50 * time.Millisecond) {
		var err error
		failed, err = r.jobs.List(ctx, access.Operator(), jobs.Filter{States: []jobs.State{jobs.StateParked, jobs.StateCancelled}})
		if err != nil {
			t.Fatal(err)
		}
		if len(failed) == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the failing job did not fail within a minute")
		}
	}
	stop()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	// A followed feed whose last poll failed.
	now := time.Now().UTC()
	feed := store.Feed{ID: "feed_test00000001", URL: down.URL + "/feed.xml", Title: "Test feed", Interval: 30 * time.Minute,
		Kind: model.KindArticle, Sensitivity: model.Public, NextPollAt: now, AddedBy: "adel", AddedAt: now}
	if err := r.st.Feeds().Add(ctx, feed); err != nil {
		t.Fatal(err)
	}
	if err := r.st.Feeds().PollFailed(ctx, feed.ID, "the server answered 500", now, now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}

	admin := r.login("adel")
	page := admin.get("/admin/jobs")
	id := failed[0].ID
	for _, want := range []string{`id="job-` + itoa(id) + `"`, "gone.txt", "503", `action="/admin/jobs/` + itoa(id) + `/retry"`,
		`id="job-counts"`, "Test feed", "the server answered 500"} {
		if !strings.Contains(page.body, want) {
			t.Errorf("the jobs page lacks %q", want)
		}
	}
	resp := admin.post("/admin/jobs", "/admin/jobs/"+itoa(id)+"/retry", url.Values{})
	if resp.status != http.StatusOK || !strings.Contains(resp.body, `id="job-retried"`) {
		t.Fatalf("retry: %d\n%.400s", resp.status, resp.body)
	}
	j, err := r.jobs.Get(ctx, access.Operator(), id)
	if err != nil || j.State != jobs.StateAvailable {
		t.Errorf("after the retry the job is %+v (%v), want it waiting for a worker", j, err)
	}
	// In Arabic the page is right-to-left and names the states in Arabic.
	admin.get("/admin/jobs?lang=ar") // sets the language, then sends back
	ar := admin.get("/admin/jobs")
	if !strings.Contains(ar.body, `dir="rtl"`) || !strings.Contains(ar.body, "المهام") {
		t.Errorf("the Arabic jobs page is not right-to-left Arabic:\n%.300s", ar.body)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
