package jobs

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/ingest"
	"github.com/athar-project/athar/internal/model"
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

// Run opens the queue in a's store, works it with workers at a time until
// ctx is done, and closes it: `athar worker`, or a goroutine of `athar
// serve`.
func Run(ctx context.Context, a *app.App, cfg Config, workers int) error {
	q, err := Open(ctx, a, cfg)
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
	if err := q.app.Checkpoint(ctx); err != nil {
		q.wrote.Store(true)
		q.logger.Error("sign ledger checkpoint", "err", err)
	}
}

// viewerFor is who queued work acts as (app.QueuedActor).
func (q *Queue) viewerFor(ctx context.Context, actor string) (access.Viewer, error) {
	return q.app.QueuedActor(ctx, actor)
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

// Work extracts one stored source as the actor who queued it, as `athar
// reextract` does: a source the current extractor already did is left
// alone, so a second run (a retry after a crash, a second enqueue) changes
// nothing.
func (w *extractWorker) Work(ctx context.Context, job *river.Job[ExtractArgs]) error {
	q, id := w.q, job.Args.SourceID
	v, err := q.viewerFor(ctx, job.Args.Actor)
	if err != nil {
		return q.failed(KindExtract, id, q.app.SourceLevel(ctx, id), river.JobCancel(err))
	}
	done, err := q.app.ExtractQueued(ctx, v, id)
	switch {
	case err == nil:
	case app.KindOf(err) == app.NotFound:
		return river.JobCancel(fmt.Errorf("extract %s: no such source", id))
	case app.KindOf(err) != 0: // a refusal: trying again changes nothing
		return q.failed(KindExtract, id, done.Sensitivity, river.JobCancel(err))
	default:
		return q.failed(KindExtract, id, done.Sensitivity, err)
	}
	if !done.Skipped {
		q.wrote.Store(true)
	}
	return nil
}

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
	var res app.IngestResult
	opt := app.IngestOptions{Kind: a.SourceKind, Sensitivity: a.Sensitivity, Queue: true}
	_, err = q.app.Ingest(ctx, v, []string{a.Input}, opt, func(r app.IngestResult) { res = r })
	if app.KindOf(err) != 0 {
		return q.failed(KindIngest, a.Input, sens, river.JobCancel(err))
	}
	if err != nil {
		return q.failed(KindIngest, a.Input, sens, err)
	}
	switch res.Outcome {
	case app.Failed:
		if permanent(res.Err) {
			return q.failed(KindIngest, a.Input, sens, river.JobCancel(res.Err))
		}
		return q.failed(KindIngest, a.Input, sens, res.Err)
	case app.Stored:
		q.wrote.Store(true)
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
	return errors.Is(err, app.ErrNoSuchFile) || errors.Is(err, app.ErrWeaker)
}

type resolveWorker struct {
	river.WorkerDefaults[ResolveArgs]
	q *Queue
}

// Work re-links the whole store as the actor who queued it, from a
// resolver built afresh, which then becomes the process's (it knows what
// other processes placed).
func (w *resolveWorker) Work(ctx context.Context, job *river.Job[ResolveArgs]) error {
	v, err := w.q.viewerFor(ctx, job.Args.Actor)
	if err != nil {
		return river.JobCancel(fmt.Errorf("resolve: %w", err))
	}
	stats, err := w.q.app.ResolveAll(ctx, v)
	if app.KindOf(err) != 0 {
		return river.JobCancel(fmt.Errorf("resolve: %w", err))
	}
	if err != nil {
		// Resolution errors name entity ids, not names.
		return fmt.Errorf("resolve: %w", err)
	}
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
	n, err := w.q.app.CatchUpSearch(ctx)
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
