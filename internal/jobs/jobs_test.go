package jobs

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/ingest"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/samples"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/pgtest"
	"github.com/athar-project/athar/internal/store/storetest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	pgtest.Stop()
	os.Exit(code)
}

// testConfig polls often and retries at once, so tests do not wait on
// River's production pace.
func testConfig() Config {
	return Config{PollInterval: 200 * time.Millisecond, Backoff: func(int) time.Duration { return 50 * time.Millisecond },
		StopTimeout: 5 * time.Second}
}

func openQueue(t *testing.T, st *store.Store, cfg Config) *Queue {
	t.Helper()
	q, err := Open(context.Background(), app.New(st, app.Config{}), cfg)
	if err != nil {
		t.Fatalf("open queue: %v", err)
	}
	t.Cleanup(func() { q.Close() })
	return q
}

// workUntil works q in the background until done holds, failing the test
// after a minute.
func workUntil(t *testing.T, q *Queue, workers int, done func() bool) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- q.Work(ctx, workers) }()
	deadline := time.Now().Add(time.Minute)
	for !done() {
		if time.Now().After(deadline) {
			cancel()
			<-errc
			t.Fatalf("jobs not done after a minute: %v", counts(t, q))
		}
		time.Sleep(50 * time.Millisecond)
	}
	cancel()
	if err := <-errc; err != nil {
		t.Fatalf("work: %v", err)
	}
}

func counts(t *testing.T, q *Queue) map[State]int {
	t.Helper()
	cs, err := q.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := map[State]int{}
	for _, c := range cs {
		out[c.State] += c.N
	}
	return out
}

// idle reports whether no job waits or runs.
func idle(t *testing.T, q *Queue) func() bool {
	return func() bool {
		c := counts(t, q)
		return c[StateAvailable]+c[StateRunning]+c[StateRetryable]+c[StateScheduled]+c[StatePending] == 0
	}
}

// another opens a second, empty store on st's engine.
func another(t *testing.T, st *store.Store) *store.Store { return storetest.Another(t, st) }

// ingestSamples stores the bundled samples in st, each with its kind; with
// storeOnly nothing is extracted. It returns the ids of the sources.
func ingestSamples(t *testing.T, st *store.Store, storeOnly bool) []string {
	t.Helper()
	all, paths, err := samples.WriteTo(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for i, s := range all {
		_, err := app.New(st, app.Config{}).Ingest(context.Background(), access.Operator(), []string{paths[i]},
			app.IngestOptions{Kind: s.Kind, StoreOnly: storeOnly}, func(r app.IngestResult) {
				if r.Outcome == app.Failed {
					t.Errorf("%s: %v", r.Input, r.Err)
				}
				ids = append(ids, r.Source.ID)
			})
		if err != nil {
			t.Fatal(err)
		}
	}
	return ids
}

// statementSet lists every statement as (source bytes, property, value,
// span, origin, status), sorted: what extraction said, whichever entity ids
// the store gave.
func statementSet(t *testing.T, st *store.Store) []string {
	t.Helper()
	ctx := context.Background()
	ids, err := st.SourceIDs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, id := range ids {
		src, err := st.Source(ctx, access.Operator(), id)
		if err != nil {
			t.Fatal(err)
		}
		sts, err := st.StatementsFrom(ctx, access.Operator(), id)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range sts {
			a, b := -1, -1
			if s.Span.End > 0 || s.Span.Quote != "" {
				a, b = s.Span.Start, s.Span.End
			}
			out = append(out, fmt.Sprintf("%s %s=%q [%d,%d) %s %s", src.SHA256[:12], s.Property, s.Value, a, b, s.Origin, s.Status))
		}
	}
	slices.Sort(out)
	return out
}

func countRows(t *testing.T, st *store.Store, table string) int {
	t.Helper()
	n, err := st.CountRows(context.Background(), table)
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

// TestQueuedExtractionMatchesIngest stores the samples without extracting
// them, queues their extraction and works it: the statements, mentions and
// search index are those a plain ingest makes. Queuing and working it all
// again changes nothing, not even the ledger.
func TestQueuedExtractionMatchesIngest(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		plain := another(t, st)
		ingestSamples(t, plain, false)
		want := statementSet(t, plain)
		if len(want) == 0 {
			t.Fatal("the plain ingest extracted no statements")
		}

		ids := ingestSamples(t, st, true)
		if n := countRows(t, st, "statements"); n != 0 {
			t.Fatalf("a store-only ingest made %d statements", n)
		}
		q := openQueue(t, st, testConfig())
		n, err := q.EnqueueExtract(ctx, "operator", ids...)
		if err != nil || n != len(ids) {
			t.Fatalf("queued %d of %d: %v", n, len(ids), err)
		}
		workUntil(t, q, 2, idle(t, q))
		if c := counts(t, q); c[StateCompleted] != len(ids) {
			t.Fatalf("job states %v, want %d completed", c, len(ids))
		}
		got := statementSet(t, st)
		if !slices.Equal(got, want) {
			t.Errorf("queued extraction made %d statements, plain ingest %d; first difference:\n%s", len(got), len(want), firstDiff(got, want))
		}
		for _, table := range []string{"mentions", "search_docs"} {
			g, w := countRows(t, st, table), countRows(t, plain, table)
			if g != w {
				t.Errorf("%s: %d after queued extraction, %d after plain ingest", table, g, w)
			}
		}

		seq, _, err := st.Head(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if n, err := q.EnqueueExtract(ctx, "operator", ids...); err != nil || n != len(ids) {
			t.Fatalf("re-queued %d of %d finished jobs: %v", n, len(ids), err)
		}
		workUntil(t, q, 2, idle(t, q))
		if again := statementSet(t, st); !slices.Equal(again, got) {
			t.Errorf("extracting twice changed the statements: %d, then %d", len(got), len(again))
		}
		if seq2, _, _ := st.Head(ctx); seq2 != seq {
			t.Errorf("extracting twice wrote to the ledger: head %d, then %d", seq, seq2)
		}
		if r, err := st.Verify(ctx); err != nil || !r.OK {
			t.Errorf("verify: %v %+v", err, r.Problems)
		}
	})
}

func firstDiff(a, b []string) string {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return "got  " + a[i] + "\nwant " + b[i]
		}
	}
	if len(a) > len(b) {
		return "extra " + a[len(b)]
	}
	if len(b) > len(a) {
		return "missing " + b[len(a)]
	}
	return ""
}

// TestExtractQueuedOncePerSource: a source whose extraction is pending is not
// queued again, and only one job runs.
func TestExtractQueuedOncePerSource(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		ids := ingestSamples(t, st, true)
		q := openQueue(t, st, testConfig())
		if n, err := q.EnqueueExtract(ctx, "operator", ids[0], ids[0], ids[1]); err != nil || n != 2 {
			t.Fatalf("queued %d, want 2: %v", n, err)
		}
		if n, err := q.EnqueueExtract(ctx, "operator", ids[0]); err != nil || n != 0 {
			t.Fatalf("queued %d for a source already pending, want 0: %v", n, err)
		}
		jobs, err := q.List(ctx, access.Operator(), Filter{States: []State{StateAvailable}, Kind: KindExtract})
		if err != nil {
			t.Fatal(err)
		}
		if len(jobs) != 2 || jobs[0].Target != ids[1] || jobs[1].Target != ids[0] || jobs[0].Actor != "operator" {
			t.Fatalf("available extract jobs, newest first: %+v", jobs)
		}
	})
}

// TestFailingJobIsParkedAndRetried: an ingest of a URL whose server keeps
// failing is retried, then parked with each attempt's error; a person's
// retry after the server recovers stores it and queues its extraction.
func TestFailingJobIsParkedAndRetried(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		var up atomic.Bool
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if !up.Load() {
				http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
				return
			}
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			fmt.Fprint(w, "Title: Former guard arrested in Homs\nPublisher: Test Wire\nPublished: 2025-01-03\n---\n"+
				"Security forces arrested Col. Ahmad Khalil al-Ali, a former guard of Sednaya Prison, in Homs on Thursday.\n")
		}))
		defer srv.Close()
		cfg := testConfig()
		cfg.MaxAttempts = 3
		t.Setenv(ingest.FetchAllowEnv, srv.Listener.Addr().String()) // fetches refuse loopback unless allowed
		q := openQueue(t, st, cfg)
		if n, err := q.EnqueueIngest(ctx, "operator", "", nil, srv.URL+"/a.txt"); err != nil || n != 1 {
			t.Fatalf("queued %d: %v", n, err)
		}
		workUntil(t, q, 1, func() bool { return counts(t, q)[StateParked] == 1 })

		parked, err := q.List(ctx, access.Operator(), Filter{States: []State{StateParked}})
		if err != nil {
			t.Fatal(err)
		}
		if len(parked) != 1 {
			t.Fatalf("parked: %+v", parked)
		}
		p := parked[0]
		if p.Kind != KindIngest || p.Target != srv.URL+"/a.txt" || p.Attempt != 3 || len(p.Errors) != 3 {
			t.Fatalf("parked job: %+v", p)
		}
		for i, e := range p.Errors {
			if e.Attempt != i+1 || !strings.Contains(e.Error, "503") {
				t.Errorf("attempt %d's error: %+v", i+1, e)
			}
		}
		if n := countRows(t, st, "sources"); n != 0 {
			t.Fatalf("%d sources stored by failed fetches", n)
		}
		// Below public clearance the input and errors of public material
		// stay visible; the errors carry nothing from a source.
		if j, err := q.Get(ctx, access.Public(), p.ID); err != nil || j.Target != p.Target {
			t.Fatalf("public view of the job: %+v %v", j, err)
		}

		up.Store(true)
		if j, err := q.Retry(ctx, access.Operator(), p.ID); err != nil || j.State != StateAvailable {
			t.Fatalf("retry: %+v %v", j, err)
		}
		workUntil(t, q, 1, idle(t, q))
		j, err := q.Get(ctx, access.Operator(), p.ID)
		if err != nil || j.State != StateCompleted {
			t.Fatalf("after retry: %+v %v", j, err)
		}
		ext, err := q.List(ctx, access.Operator(), Filter{Kind: KindExtract})
		if err != nil || len(ext) != 1 || ext[0].State != StateCompleted {
			t.Fatalf("extract job queued by the ingest: %+v %v", ext, err)
		}
		if n := countRows(t, st, "statements"); n == 0 {
			t.Error("the fetched article was stored but not extracted")
		}
		if _, err := q.Retry(ctx, access.Operator(), 1<<40); err == nil || !strings.Contains(err.Error(), ErrNotFound.Error()) {
			t.Errorf("retry of a missing job: %v", err)
		}
	})
}

// TestRestrictedJobsAreHidden: a viewer below the sensitivity of queued
// material sees neither its input or source nor its errors.
func TestRestrictedJobsAreHidden(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		all, _, err := samples.WriteTo(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		ids := ingestSamples(t, st, true)
		q := openQueue(t, st, testConfig())
		if _, err := q.EnqueueExtract(ctx, "operator", ids...); err != nil {
			t.Fatal(err)
		}
		if _, err := q.EnqueueIngest(ctx, "operator", model.KindTestimony, nil, "/cases/witness-7.txt"); err != nil {
			t.Fatal(err)
		}
		analyst := access.Viewer{Name: "a", Role: model.RoleAnalyst, Clearance: model.Internal}
		seen, err := q.List(ctx, analyst, Filter{})
		if err != nil || len(seen) != len(ids)+1 {
			t.Fatalf("%+v %v", seen, err)
		}
		if seen[0].Target != hidden {
			t.Errorf("an internal viewer sees a testimony's input: %q", seen[0].Target)
		}
		for i, id := range ids {
			j := seen[len(seen)-1-i]
			if testimony := all[i].Kind == model.KindTestimony; (j.Target == hidden) != testimony || (!testimony && j.Target != id) {
				t.Errorf("an internal viewer sees the extract job of %s (%s) as %q", id, all[i].Kind, j.Target)
			}
		}
		full, _ := q.List(ctx, access.Operator(), Filter{})
		if full[0].Target != "/cases/witness-7.txt" || full[len(full)-1].Target != ids[0] {
			t.Errorf("the operator sees %q and %q", full[0].Target, full[len(full)-1].Target)
		}
	})
}

// TestCancelAndStates: a cancelled job is not worked; state names parse.
func TestCancelAndStates(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		ids := ingestSamples(t, st, true)
		q := openQueue(t, st, testConfig())
		if _, err := q.EnqueueExtract(ctx, "operator", ids[0]); err != nil {
			t.Fatal(err)
		}
		jobs, _ := q.List(ctx, access.Operator(), Filter{})
		j, err := q.Cancel(ctx, access.Operator(), jobs[0].ID)
		if err != nil || j.State != StateCancelled {
			t.Fatalf("cancel: %+v %v", j, err)
		}
		workUntil(t, q, 1, idle(t, q))
		if n := countRows(t, st, "mentions"); n != 0 {
			t.Errorf("a cancelled extraction ran: %d mentions", n)
		}
	})
	for _, c := range []struct {
		in   string
		want []State
		bad  bool
	}{
		{"parked", []State{StateParked}, false},
		{"discarded", []State{StateParked}, false},
		{"failed", []State{StateRetryable, StateParked}, false},
		{"queued", []State{StatePending, StateScheduled, StateAvailable}, false},
		{"running", []State{StateRunning}, false},
		{"stuck", nil, true},
	} {
		got, err := ParseStates(c.in)
		if (err != nil) != c.bad || !slices.Equal(got, c.want) {
			t.Errorf("ParseStates(%q) = %v, %v", c.in, got, err)
		}
	}
}

// TestPeriodicTaskRuns: a periodic task runs once the workers start.
func TestPeriodicTaskRuns(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		var polled atomic.Int32
		cfg := testConfig()
		cfg.Feeds = pollerFunc(func(ctx context.Context, now time.Time) error {
			polled.Add(1)
			return nil
		})
		q := openQueue(t, st, cfg)
		workUntil(t, q, 1, func() bool { return polled.Load() > 0 })
		jobs, err := q.List(context.Background(), access.Operator(), Filter{Kind: KindPeriodic})
		if err != nil || len(jobs) == 0 || jobs[0].Target != "feeds" {
			t.Fatalf("periodic jobs: %+v %v", jobs, err)
		}
	})
}

type pollerFunc func(ctx context.Context, now time.Time) error

func (f pollerFunc) PollDue(ctx context.Context, now time.Time) error { return f(ctx, now) }

// TestOpenTwiceConcurrently: processes starting at once migrate River's
// tables once between them.
func TestOpenTwiceConcurrently(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		errs := make(chan error, 3)
		for range 3 {
			go func() {
				q, err := Open(context.Background(), app.New(st, app.Config{}), Config{})
				if err == nil {
					q.Close()
				}
				errs <- err
			}()
		}
		for range 3 {
			if err := <-errs; err != nil {
				t.Error(err)
			}
		}
	})
}

// TestErrorsAboveConfidentialAreWithheld: an extract job that fails on a
// confidential testimony records no details (an error may quote the source);
// one on a public article records its error.
func TestErrorsAboveConfidentialAreWithheld(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		all, _, err := samples.WriteTo(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		ids := ingestSamples(t, st, true)
		byKind := map[model.SourceKind]string{}
		for i, s := range all {
			byKind[s.Kind] = ids[i]
		}
		q := openQueue(t, st, testConfig())
		// A job with no actor can never write: it is cancelled, not tried
		// again, and why is told only of the public source.
		for _, id := range []string{byKind[model.KindTestimony], byKind[model.KindArticle]} {
			if _, err := q.client.Insert(ctx, ExtractArgs{SourceID: id}, &river.InsertOpts{MaxAttempts: 1}); err != nil {
				t.Fatal(err)
			}
		}
		workUntil(t, q, 1, func() bool { return counts(t, q)[StateCancelled] == 2 })
		parked, err := q.List(ctx, access.Operator(), Filter{States: []State{StateCancelled}})
		if err != nil || len(parked) != 2 {
			t.Fatalf("%+v %v", parked, err)
		}
		for _, j := range parked {
			testimony := j.Target == byKind[model.KindTestimony]
			withheld := strings.Contains(j.LastError(), "details are withheld because the source is confidential")
			if testimony != withheld || (!testimony && !strings.Contains(j.LastError(), "names no actor")) {
				t.Errorf("error of the job on %s (testimony %v): %q", j.Target, testimony, j.LastError())
			}
		}
	})
}

// FuzzParseStates: whatever a person types for --state either names states
// River knows or is refused with a message.
func FuzzParseStates(f *testing.F) {
	for _, s := range []string{"parked", "failed", "queued", "discarded", "running", "", "PARKED", "completed "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		states, err := ParseStates(name)
		if err != nil {
			if states != nil || !strings.Contains(err.Error(), "unknown job state") {
				t.Fatalf("ParseStates(%q) = %v, %v", name, states, err)
			}
			return
		}
		if len(states) == 0 {
			t.Fatalf("ParseStates(%q) accepted it but named no state", name)
		}
		for _, s := range states {
			if !slices.Contains(AllStates, s) || stateOf(s.river()) != s {
				t.Fatalf("ParseStates(%q) gave %q, which does not map to River and back", name, s)
			}
		}
	})
}
