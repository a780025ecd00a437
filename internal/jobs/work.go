package jobs

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"time"

	"github.com/riverqueue/river"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/extract"
	"github.com/athar-project/athar/internal/ingest"
	"github.com/athar-project/athar/internal/intake"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/pipeline"
	"github.com/athar-project/athar/internal/resolve"
	"github.com/athar-project/athar/internal/search"
	"github.com/athar-project/athar/internal/store"
)

// Work runs up to workers jobs at a time until ctx is done, then stops
// gracefully: no new job is taken, running jobs get Config.StopTimeout to
// finish and are then cancelled and put back for another worker. It signs
// the ledger's head every Config.CheckpointEvery while jobs write, and once
// more when it stops.
func (q *Queue) Work(ctx context.Context, workers int) error {
	if workers < 1 {
		workers = 1
	}
	ws := river.NewWorkers()
	river.AddWorker(ws, &extractWorker{q: q})
	river.AddWorker(ws, &ingestWorker{q: q})
	river.AddWorker(ws, &resolveWorker{q: q})
	river.AddWorker(ws, &reindexWorker{q: q})
	river.AddWorker(ws, &periodicWorker{q: q})
	cfg := q.riverConfig()
	cfg.Workers = ws
	cfg.Queues = map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: workers}}
	// A worker looks for its next job soon after finishing one: River's
	// default pause (100 ms) would cap a process at ten fetches a second,
	// far below what extraction of short articles runs at.
	cfg.FetchCooldown = fetchCooldown
	cfg.PeriodicJobs = q.periodicJobs()
	c, err := q.newClient(cfg)
	if err != nil {
		return fmt.Errorf("jobs: %w", err)
	}
	// River stops when told to below, not when ctx ends, so that the stop
	// is the graceful one.
	if err := c.Start(context.WithoutCancel(ctx)); err != nil {
		return fmt.Errorf("jobs: start workers: %w", err)
	}
	tick := time.NewTicker(q.cfg.CheckpointEvery)
	defer tick.Stop()
	for done := false; !done; {
		select {
		case <-ctx.Done():
			done = true
		case <-tick.C:
			q.checkpoint(ctx)
		}
	}
	stopCtx, cancel := context.WithTimeout(context.Background(), q.cfg.StopTimeout+30*time.Second)
	defer cancel()
	err = c.Stop(stopCtx)
	if err != nil {
		err = c.StopAndCancel(context.Background())
	}
	q.checkpoint(context.Background())
	if err != nil {
		return fmt.Errorf("jobs: stop workers: %w", err)
	}
	return nil
}

// fetchCooldown is the least time between two looks for jobs.
const fetchCooldown = 20 * time.Millisecond

// Run opens the queue in st, works it with workers at a time until ctx is
// done, and closes it: `athar worker`, or a goroutine of `athar serve`.
func Run(ctx context.Context, st *store.Store, cfg Config, workers int) error {
	q, err := Open(ctx, st, cfg)
	if err != nil {
		return err
	}
	defer q.Close()
	return q.Work(ctx, workers)
}

// checkpoint signs the ledger's head if a job wrote since the last one.
func (q *Queue) checkpoint(ctx context.Context) {
	if !q.wrote.Swap(false) {
		return
	}
	if _, err := q.st.Checkpoint(ctx); err != nil {
		q.wrote.Store(true)
		q.logger.Error("sign ledger checkpoint", "err", err)
	}
}

// viewerFor is who queued work acts as: the user of that name (refused when
// disabled), or — for the operator and Athar's own actors such as a feed
// poller — the operator's full rights under that name. Whoever queues work
// checks first that the person may do it.
func (q *Queue) viewerFor(ctx context.Context, actor string) (access.Viewer, error) {
	if actor == "" {
		return access.Viewer{}, errors.New("the job names no actor")
	}
	u, err := q.st.UserByName(ctx, actor)
	switch {
	case errors.Is(err, store.ErrNotFound):
		v := access.Operator()
		v.Name = actor
		return v, nil
	case err != nil:
		return access.Viewer{}, err
	case u.Disabled:
		return access.Viewer{}, fmt.Errorf("the account %s is disabled", actor)
	}
	return access.ForUser(u), nil
}

// failed is the error a job records and logs: the error itself for work on
// public material, and only what failed, with no details, above public (an
// error may quote a name from the source).
func (q *Queue) failed(kind, target string, sens model.Sensitivity, err error) error {
	if sens == model.Public || kind == KindExtract { // a source id says nothing of the source
		q.logger.Warn("job failed", "kind", kind, "target", target, "sensitivity", sens)
	} else {
		q.logger.Warn("job failed", "kind", kind, "sensitivity", sens)
	}
	if sens == model.Public {
		return fmt.Errorf("%s %s: %w", kind, target, err)
	}
	var cancel *river.JobCancelError
	msg := fmt.Errorf("%s %s failed; the details are withheld because the source is %s (run the same work from the command line to see them)", kind, target, sens)
	if errors.As(err, &cancel) {
		return river.JobCancel(msg)
	}
	return msg
}

type extractWorker struct {
	river.WorkerDefaults[ExtractArgs]
	q *Queue
}

// Work extracts one stored source in one transaction, as `athar reextract`
// does: a source the current extractor already did is left alone, so a
// second run (a retry after a crash, a second enqueue) changes nothing.
func (w *extractWorker) Work(ctx context.Context, job *river.Job[ExtractArgs]) error {
	q, id := w.q, job.Args.SourceID
	src, err := q.st.Source(ctx, access.Operator(), id)
	if errors.Is(err, store.ErrNotFound) {
		return river.JobCancel(fmt.Errorf("extract %s: no such source", id))
	}
	if err != nil {
		return fmt.Errorf("extract %s: read the source: %w", id, err)
	}
	r, err := q.resolverFor(ctx)
	if err != nil {
		return fmt.Errorf("extract %s: build the resolver: %w", id, err)
	}
	unlock, err := q.lockSource(ctx, id)
	if err != nil {
		return fmt.Errorf("extract %s: %w", id, err)
	}
	defer unlock()
	b := r.Begin()
	var done pipeline.Redone
	err = q.st.Write(ctx, job.Args.Actor, func(tx *store.Tx) error {
		var err error
		if done, err = pipeline.Reextract(ctx, tx, b, src); err != nil {
			return err
		}
		if done.Skipped && extract.Supported(src.Language) {
			return nil // extracted and indexed before
		}
		return search.IndexSource(ctx, tx, src.ID)
	})
	if err != nil {
		b.Abort(context.WithoutCancel(ctx))
		return q.failed(KindExtract, id, src.Sensitivity, err)
	}
	if !done.Skipped {
		q.wrote.Store(true)
	}
	return nil
}

// lockSource keeps two workers from extracting one source at the same time
// on PostgreSQL, where each transaction would miss the other's uncommitted
// work: a session advisory lock per source, released when the work is done
// or when a killed worker's connection drops. SQLite's transactions already
// run one at a time.
func (q *Queue) lockSource(ctx context.Context, id string) (func(), error) {
	if q.st.Engine() != "postgres" {
		return func() {}, nil
	}
	conn, err := q.st.DB().Conn(ctx)
	if err != nil {
		return nil, err
	}
	h := fnv.New32a()
	h.Write([]byte(id))
	key := int32(h.Sum32())
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1, $2)", sourceLockClass, key); err != nil {
		conn.Close()
		return nil, fmt.Errorf("lock the source: %w", err)
	}
	return func() {
		conn.ExecContext(context.Background(), "SELECT pg_advisory_unlock($1, $2)", sourceLockClass, key)
		conn.Close()
	}, nil
}

// sourceLockClass is the first key of the per-source advisory locks.
const sourceLockClass = 0x61746873 // "aths"

type ingestWorker struct {
	river.WorkerDefaults[IngestArgs]
	q *Queue
}

// Work reads or fetches one input and stores it as a source (unless the same
// bytes are already stored), then queues its extraction.
func (w *ingestWorker) Work(ctx context.Context, job *river.Job[IngestArgs]) error {
	q, a := w.q, job.Args
	sens := a.sensitivity()
	v, err := q.viewerFor(ctx, a.Actor)
	if err != nil {
		return q.failed(KindIngest, a.Input, sens, river.JobCancel(err))
	}
	var res intake.Result
	opt := intake.Options{Kind: a.SourceKind, Sensitivity: a.Sensitivity, StoreOnly: true}
	err = intake.New(q.st, v).Ingest(ctx, []string{a.Input}, opt, func(r intake.Result) { res = r })
	if err != nil {
		return q.failed(KindIngest, a.Input, sens, err)
	}
	switch res.Outcome {
	case intake.Failed:
		if permanent(res.Err) {
			return q.failed(KindIngest, a.Input, sens, river.JobCancel(res.Err))
		}
		return q.failed(KindIngest, a.Input, sens, res.Err)
	case intake.Stored:
		q.wrote.Store(true)
	}
	if _, err := q.EnqueueExtract(ctx, a.Actor, res.Source.ID); err != nil {
		return q.failed(KindIngest, a.Input, sens, err)
	}
	return nil
}

// permanent reports whether an input's failure will not go away by trying
// again (a document that is empty, binary, too large...), unlike a fetch
// that timed out or a server that answered with an error.
func permanent(err error) bool {
	for _, e := range []error{ingest.ErrEmpty, ingest.ErrBinary, ingest.ErrUnsupported, ingest.ErrTooLarge,
		ingest.ErrUndecodable, ingest.ErrHeader, ingest.ErrNoText, ingest.ErrNoTextLayer, ingest.ErrPDF,
		ingest.ErrURL, ingest.ErrContentType} {
		if errors.Is(err, e) {
			return true
		}
	}
	return err != nil && err.Error() == "no such file or folder"
}

type resolveWorker struct {
	river.WorkerDefaults[ResolveArgs]
	q *Queue
}

// Work re-links the whole store from a resolver built afresh, which then
// replaces the one extract jobs share (it knows what other processes placed).
func (w *resolveWorker) Work(ctx context.Context, job *river.Job[ResolveArgs]) error {
	r, err := resolve.New(ctx, w.q.st)
	if err != nil {
		return fmt.Errorf("resolve: build the resolver: %w", err)
	}
	stats, err := r.ResolveAll(ctx)
	if err != nil {
		// Resolution errors name entity ids, not names.
		return fmt.Errorf("resolve: %w", err)
	}
	w.q.setResolver(r)
	if stats.Merged > 0 || stats.Proposed > 0 {
		w.q.wrote.Store(true)
	}
	w.q.logger.Info("resolved", "entities", stats.Entities, "merged", stats.Merged, "proposed", stats.Proposed)
	return nil
}

type reindexWorker struct {
	river.WorkerDefaults[ReindexArgs]
	q *Queue
}

// Work indexes for search whatever is not indexed yet.
func (w *reindexWorker) Work(ctx context.Context, _ *river.Job[ReindexArgs]) error {
	n, err := search.CatchUp(ctx, w.q.st)
	if err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	w.q.logger.Info("indexed for search", "count", n)
	return nil
}

type periodicWorker struct {
	river.WorkerDefaults[PeriodicArgs]
	q *Queue
}

// Work runs one periodic task.
func (w *periodicWorker) Work(ctx context.Context, job *river.Job[PeriodicArgs]) error {
	t, ok := w.q.tasks[job.Args.Task]
	if !ok {
		return river.JobCancel(fmt.Errorf("periodic task %s is unknown to this process (start every server and worker with the same settings)", job.Args.Task))
	}
	if err := t.Run(ctx, time.Now().UTC()); err != nil {
		return fmt.Errorf("periodic task %s: %w", t.Name, err)
	}
	w.q.wrote.Store(true)
	return nil
}
