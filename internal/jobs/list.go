package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/athar-project/athar/internal/access"
)

// State is where a job stands. The names are River's, except that a job
// River has discarded after its last attempt is "parked": it waits for a
// person to retry it.
type State string

// States.
const (
	StateAvailable State = "available" // waiting for a worker
	StateScheduled State = "scheduled" // waiting for its time
	StatePending   State = "pending"
	StateRunning   State = "running"
	StateRetryable State = "retryable" // failed, will run again after a backoff
	StateParked    State = "parked"    // failed every attempt; retry it by hand
	StateCancelled State = "cancelled" // stopped by a person, or failed for good (a bad input)
	StateCompleted State = "completed"
)

// AllStates lists every state, in the order a job passes through them.
var AllStates = []State{StatePending, StateScheduled, StateAvailable, StateRunning, StateRetryable, StateParked, StateCancelled, StateCompleted}

// ParseStates reads a state name as `athar jobs --state` takes it: any
// State, "discarded" for parked, "failed" for retryable and parked, "queued"
// for pending, scheduled and available.
func ParseStates(name string) ([]State, error) {
	switch name {
	case "failed":
		return []State{StateRetryable, StateParked}, nil
	case "queued":
		return []State{StatePending, StateScheduled, StateAvailable}, nil
	case "discarded":
		return []State{StateParked}, nil
	}
	if slices.Contains(AllStates, State(name)) {
		return []State{State(name)}, nil
	}
	names := make([]string, len(AllStates))
	for i, s := range AllStates {
		names[i] = string(s)
	}
	return nil, fmt.Errorf("unknown job state %q (want %s, failed or queued)", name, strings.Join(names, ", "))
}

func (s State) river() rivertype.JobState {
	if s == StateParked {
		return rivertype.JobStateDiscarded
	}
	return rivertype.JobState(s)
}

func stateOf(s rivertype.JobState) State {
	if s == rivertype.JobStateDiscarded {
		return StateParked
	}
	return State(s)
}

// Job is one job as a person sees it.
type Job struct {
	ID    int64  `json:"id"`
	Kind  string `json:"kind"`
	State State  `json:"state"`
	// Target is what the job works on: a source id, an input, a task.
	Target      string       `json:"target,omitempty"`
	Actor       string       `json:"actor,omitempty"`
	Attempt     int          `json:"attempt"`
	MaxAttempts int          `json:"max_attempts"`
	CreatedAt   time.Time    `json:"created_at"`
	ScheduledAt time.Time    `json:"scheduled_at"`
	AttemptedAt *time.Time   `json:"attempted_at,omitempty"`
	FinalizedAt *time.Time   `json:"finalized_at,omitempty"`
	Errors      []AttemptErr `json:"errors"`
}

// AttemptErr is the error of one attempt.
type AttemptErr struct {
	Attempt int       `json:"attempt"`
	At      time.Time `json:"at"`
	Error   string    `json:"error"`
}

// LastError is the error of the latest failed attempt, or "".
func (j Job) LastError() string {
	if len(j.Errors) == 0 {
		return ""
	}
	return j.Errors[len(j.Errors)-1].Error
}

// Filter narrows a listing.
type Filter struct {
	States []State // none: every state
	Kind   string  // "": every kind
	Limit  int     // 0: 100
}

// hidden stands in for what a viewer may not see of a job.
const hidden = "(hidden: above your clearance)"

// List returns jobs, newest first, as v may see them: the input and errors of
// an ingest job for material above v's clearance are hidden.
func (q *Queue) List(ctx context.Context, v access.Viewer, f Filter) ([]Job, error) {
	p := river.NewJobListParams().OrderBy(river.JobListOrderByID, river.SortOrderDesc)
	limit := f.Limit
	if limit <= 0 {
		limit = 100
	}
	p = p.First(min(limit, 10000))
	if len(f.States) > 0 {
		states := make([]rivertype.JobState, len(f.States))
		for i, s := range f.States {
			states[i] = s.river()
		}
		p = p.States(states...)
	}
	if f.Kind != "" {
		p = p.Kinds(f.Kind)
	}
	res, err := q.client.JobList(ctx, p)
	if err != nil {
		return nil, fmt.Errorf("list jobs: %w", err)
	}
	out := make([]Job, len(res.Jobs))
	for i, row := range res.Jobs {
		if out[i], err = q.jobOf(ctx, row, v); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// jobOf is a job as v may see it: the target and errors of work on a
// source or input above v's clearance are hidden.
func (q *Queue) jobOf(ctx context.Context, row *rivertype.JobRow, v access.Viewer) (Job, error) {
	j := Job{ID: row.ID, Kind: row.Kind, State: stateOf(row.State), Attempt: row.Attempt, MaxAttempts: row.MaxAttempts,
		CreatedAt: row.CreatedAt, ScheduledAt: row.ScheduledAt, AttemptedAt: row.AttemptedAt, FinalizedAt: row.FinalizedAt,
		Errors: make([]AttemptErr, 0, len(row.Errors))}
	for _, e := range row.Errors {
		j.Errors = append(j.Errors, AttemptErr{Attempt: e.Attempt, At: e.At, Error: e.Error})
	}
	visible := true
	switch row.Kind {
	case KindExtract:
		var a ExtractArgs
		if json.Unmarshal(row.EncodedArgs, &a) == nil {
			j.Target, j.Actor = a.SourceID, a.Actor
			var err error
			if visible, err = q.sourceVisible(ctx, v, a.SourceID); err != nil {
				return j, err
			}
		}
	case KindIngest:
		var a IngestArgs
		if json.Unmarshal(row.EncodedArgs, &a) == nil {
			j.Target, j.Actor = a.Input, a.Actor
			visible = v.CanSee(a.sensitivity())
		}
	case KindResolve:
		var a ResolveArgs
		if json.Unmarshal(row.EncodedArgs, &a) == nil {
			j.Actor = a.Actor
		}
	case KindPeriodic:
		var a PeriodicArgs
		if json.Unmarshal(row.EncodedArgs, &a) == nil {
			j.Target = a.Task
		}
	}
	if !visible {
		j.Target = hidden
		for i := range j.Errors {
			j.Errors[i].Error = hidden
		}
	}
	return j, nil
}

// sourceVisible reports whether v may see a source, through the store's
// read policy (a source that is gone is hidden too: the same answer).
func (q *Queue) sourceVisible(ctx context.Context, v access.Viewer, id string) (bool, error) {
	ok, err := q.app.SourceVisible(ctx, v, id)
	if err != nil {
		return false, fmt.Errorf("list jobs: %w", err)
	}
	return ok, nil
}

// Get returns one job as v may see it.
func (q *Queue) Get(ctx context.Context, v access.Viewer, id int64) (Job, error) {
	row, err := q.client.JobGet(ctx, id)
	if err != nil {
		return Job{}, jobErr(id, err)
	}
	return q.jobOf(ctx, row, v)
}

// Retry makes a job that is not running available again at once (a parked
// job gets one more attempt).
func (q *Queue) Retry(ctx context.Context, v access.Viewer, id int64) (Job, error) {
	row, err := q.client.JobRetry(ctx, id)
	if err != nil {
		return Job{}, jobErr(id, err)
	}
	return q.jobOf(ctx, row, v)
}

// Cancel cancels a job that has not finished; a running job's worker is told
// to stop, and whatever it had not committed is rolled back.
func (q *Queue) Cancel(ctx context.Context, v access.Viewer, id int64) (Job, error) {
	row, err := q.client.JobCancel(ctx, id)
	if err != nil {
		return Job{}, jobErr(id, err)
	}
	return q.jobOf(ctx, row, v)
}

func jobErr(id int64, err error) error {
	if errors.Is(err, rivertype.ErrNotFound) {
		return fmt.Errorf("job %d: %w", id, ErrNotFound)
	}
	return fmt.Errorf("job %d: %w", id, err)
}

// Count is how many jobs of a kind are in a state.
type Count struct {
	Kind  string `json:"kind"`
	State State  `json:"state"`
	N     int    `json:"n"`
}

// Counts counts the jobs by kind and state, kinds in name order and states
// in AllStates order.
func (q *Queue) Counts(ctx context.Context) ([]Count, error) {
	cs, err := q.db.CountJobs(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Count, 0, len(cs))
	for _, c := range cs {
		out = append(out, Count{Kind: c.Kind, State: stateOf(rivertype.JobState(c.State)), N: c.N})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Kind != out[j].Kind {
			return out[i].Kind < out[j].Kind
		}
		return slices.Index(AllStates, out[i].State) < slices.Index(AllStates, out[j].State)
	})
	return out, nil
}
