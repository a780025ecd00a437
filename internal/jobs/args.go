package jobs

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/athar-project/athar/internal/model"
)

// Job kinds, as River stores and `athar jobs` shows them.
const (
	KindIngest   = "ingest"
	KindExtract  = "extract"
	KindResolve  = "resolve"
	KindReindex  = "reindex"
	KindPeriodic = "periodic"
)

// pendingStates are the states in which a second job with the same unique
// arguments is not inserted: once a job has finished, the same work may be
// queued again (and finds itself already done).
var pendingStates = []rivertype.JobState{
	rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRetryable,
	rivertype.JobStateRunning, rivertype.JobStateScheduled,
}

// ExtractArgs asks for a stored source to be extracted, recorded, resolved
// and indexed for search, as `athar ingest` does without --queue.
type ExtractArgs struct {
	SourceID string `json:"source_id" river:"unique"`
	// Actor is who queued the work; the ledger names them.
	Actor string `json:"actor"`
}

// Kind implements river.JobArgs.
func (ExtractArgs) Kind() string { return KindExtract }

// InsertOpts makes extraction unique per source while it is pending.
func (ExtractArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: pendingStates}}
}

// IngestArgs asks for a file or URL to be read (or fetched) and stored as a
// source; its extraction is then queued as an extract job.
type IngestArgs struct {
	Input       string             `json:"input" river:"unique"`
	SourceKind  model.SourceKind   `json:"source_kind,omitempty" river:"unique"`
	Sensitivity *model.Sensitivity `json:"sensitivity,omitempty" river:"unique"`
	Actor       string             `json:"actor"`
}

// Kind implements river.JobArgs.
func (IngestArgs) Kind() string { return KindIngest }

// InsertOpts makes ingestion unique per input while it is pending.
func (IngestArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: pendingStates}}
}

// sensitivity is what the source will be stored as.
func (a IngestArgs) sensitivity() model.Sensitivity {
	if a.Sensitivity != nil {
		return *a.Sensitivity
	}
	k := a.SourceKind
	if k == "" {
		k = model.KindArticle
	}
	return k.DefaultSensitivity()
}

// ResolveArgs asks for the whole store to be re-linked, as `athar resolve`
// does.
type ResolveArgs struct {
	Actor string `json:"actor"`
}

// Kind implements river.JobArgs.
func (ResolveArgs) Kind() string { return KindResolve }

// InsertOpts keeps one re-linking pending at a time.
func (ResolveArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByState: pendingStates}}
}

// ReindexArgs asks for everything not yet indexed for search to be indexed
// (search.CatchUp).
type ReindexArgs struct{}

// Kind implements river.JobArgs.
func (ReindexArgs) Kind() string { return KindReindex }

// InsertOpts keeps one re-indexing pending at a time.
func (ReindexArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByState: pendingStates}}
}

// PeriodicArgs runs a periodic task by name.
type PeriodicArgs struct {
	Task string `json:"task"`
}

// Kind implements river.JobArgs.
func (PeriodicArgs) Kind() string { return KindPeriodic }

// EnqueueExtract queues extraction of stored sources as actor and returns how
// many were queued; a source whose extraction is already pending is not
// queued twice.
func (q *Queue) EnqueueExtract(ctx context.Context, actor string, sourceIDs ...string) (int, error) {
	if actor == "" {
		return 0, errors.New("jobs: queued work needs an actor")
	}
	seen := map[string]bool{}
	var params []river.InsertManyParams
	for _, id := range sourceIDs {
		if id == "" || seen[id] {
			continue // one batch may not hold the same unique job twice
		}
		seen[id] = true
		params = append(params, river.InsertManyParams{Args: ExtractArgs{SourceID: id, Actor: actor}})
	}
	return q.insertMany(ctx, params)
}

// EnqueueIngest queues ingestion of files or URLs as actor, with the kind and
// sensitivity `athar ingest` takes (empty kind: article; nil sensitivity: the
// kind's default); it returns how many were queued.
func (q *Queue) EnqueueIngest(ctx context.Context, actor string, kind model.SourceKind, sens *model.Sensitivity, inputs ...string) (int, error) {
	if actor == "" {
		return 0, errors.New("jobs: queued work needs an actor")
	}
	if kind != "" {
		if _, err := model.ParseSourceKind(string(kind)); err != nil {
			return 0, err
		}
	}
	seen := map[string]bool{}
	var params []river.InsertManyParams
	for _, in := range inputs {
		if in == "" || seen[in] {
			continue
		}
		seen[in] = true
		params = append(params, river.InsertManyParams{Args: IngestArgs{Input: in, SourceKind: kind, Sensitivity: sens, Actor: actor},
			InsertOpts: &river.InsertOpts{MaxAttempts: min(q.cfg.MaxAttempts, 5)}})
	}
	return q.insertMany(ctx, params)
}

// EnqueueResolve queues a re-linking of the whole store; false when one is
// already pending.
func (q *Queue) EnqueueResolve(ctx context.Context, actor string) (bool, error) {
	if actor == "" {
		return false, errors.New("jobs: queued work needs an actor")
	}
	return q.insert(ctx, ResolveArgs{Actor: actor})
}

// EnqueueReindex queues indexing for search of whatever is not indexed;
// false when one is already pending.
func (q *Queue) EnqueueReindex(ctx context.Context) (bool, error) {
	return q.insert(ctx, ReindexArgs{})
}

func (q *Queue) insert(ctx context.Context, args river.JobArgs) (bool, error) {
	res, err := q.client.Insert(ctx, args, nil)
	if err != nil {
		return false, fmt.Errorf("queue %s: %w", args.Kind(), err)
	}
	return !res.UniqueSkippedAsDuplicate, nil
}

// insertBatch bounds how many jobs one insert carries.
const insertBatch = 500

func (q *Queue) insertMany(ctx context.Context, params []river.InsertManyParams) (int, error) {
	n := 0
	for start := 0; start < len(params); start += insertBatch {
		res, err := q.client.InsertMany(ctx, params[start:min(start+insertBatch, len(params))])
		if err != nil {
			return n, fmt.Errorf("queue jobs: %w", err)
		}
		for _, r := range res {
			if !r.UniqueSkippedAsDuplicate {
				n++
			}
		}
	}
	return n, nil
}

// periodicJobs turns the configured tasks into River's periodic jobs, each
// unique per period so that a change of leader does not run one twice.
func (q *Queue) periodicJobs() []*river.PeriodicJob {
	var out []*river.PeriodicJob
	for _, t := range q.tasks {
		out = append(out, river.NewPeriodicJob(river.PeriodicInterval(t.Every), func() (river.JobArgs, *river.InsertOpts) {
			return PeriodicArgs{Task: t.Name}, &river.InsertOpts{MaxAttempts: 1,
				UniqueOpts: river.UniqueOpts{ByArgs: true, ByPeriod: max(t.Every, time.Second)}}
		}, &river.PeriodicJobOpts{ID: "athar-" + t.Name, RunOnStart: true}))
	}
	return out
}

// indexTasks checks the periodic tasks and adds the feed poller as "feeds".
func (q *Queue) indexTasks() error {
	q.tasks = map[string]PeriodicTask{}
	tasks := q.cfg.Periodic
	if q.cfg.Feeds != nil {
		tasks = append(tasks[:len(tasks):len(tasks)], PeriodicTask{Name: "feeds", Every: time.Minute, Run: q.cfg.Feeds.PollDue})
	}
	for _, t := range tasks {
		switch {
		case t.Name == "" || t.Run == nil:
			return errors.New("jobs: a periodic task needs a name and a function")
		case t.Every < time.Second:
			return fmt.Errorf("jobs: periodic task %s: run it at most once a second", t.Name)
		case q.tasks[t.Name].Run != nil:
			return fmt.Errorf("jobs: two periodic tasks named %s", t.Name)
		}
		q.tasks[t.Name] = t
	}
	return nil
}
