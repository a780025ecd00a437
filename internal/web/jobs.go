package web

import (
	"context"
	"errors"
	"net/http"
	"sort"
	"strconv"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/jobs"
)

// JobQueue is what the admin page needs of the background job queue
// (internal/jobs.Queue): counts, the jobs that need a person, and retry.
type JobQueue interface {
	Counts(ctx context.Context) ([]jobs.Count, error)
	List(ctx context.Context, v access.Viewer, f jobs.Filter) ([]jobs.Job, error)
	Retry(ctx context.Context, v access.Viewer, id int64) (jobs.Job, error)
}

// jobsShown bounds the failed jobs the page lists.
const jobsShown = 100

type jobsData struct {
	HasQueue bool
	States   []jobs.State
	Counts   []jobCountRow
	Failed   []jobs.Job // retryable, parked and cancelled, newest first
	Feeds    []app.Feed
	Retried  int64 // the job just put back, if any
}

// jobCountRow is one kind of job with its count in each state, in the order
// of States.
type jobCountRow struct {
	Kind string
	N    []int
}

// jobsShow is the admin's view of the background work: how many jobs of
// each kind are in each state, the jobs that failed with their errors (each
// can be retried), and the followed feeds with their last error and
// backoff.
func (s *Server) jobsShow(w http.ResponseWriter, r *http.Request) {
	d, err := s.jobsData(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "jobs", "jobs.title", d)
}

func (s *Server) jobsData(r *http.Request) (jobsData, error) {
	ctx, v := r.Context(), state(r).viewer
	d := jobsData{HasQueue: s.jobs != nil, States: jobs.AllStates}
	var err error
	if d.Feeds, err = s.app.Feeds().List(ctx, v); err != nil {
		return d, err
	}
	if s.jobs == nil {
		return d, nil
	}
	counts, err := s.jobs.Counts(ctx)
	if err != nil {
		return d, err
	}
	byKind := map[string][]int{}
	for _, c := range counts {
		row := byKind[c.Kind]
		if row == nil {
			row = make([]int, len(d.States))
			byKind[c.Kind] = row
		}
		for i, st := range d.States {
			if st == c.State {
				row[i] += c.N
			}
		}
	}
	for kind, n := range byKind {
		d.Counts = append(d.Counts, jobCountRow{Kind: kind, N: n})
	}
	sort.Slice(d.Counts, func(i, j int) bool { return d.Counts[i].Kind < d.Counts[j].Kind })
	d.Failed, err = s.jobs.List(ctx, v, jobs.Filter{States: []jobs.State{jobs.StateRetryable, jobs.StateParked, jobs.StateCancelled}, Limit: jobsShown})
	return d, err
}

// jobRetry puts a failed job back in the queue to run now.
func (s *Server) jobRetry(w http.ResponseWriter, r *http.Request) {
	if s.jobs == nil {
		s.notFound(w, r)
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.notFound(w, r)
		return
	}
	j, err := s.jobs.Retry(r.Context(), state(r).viewer, id)
	switch {
	case errors.Is(err, jobs.ErrNotFound):
		s.notFound(w, r)
		return
	case err != nil:
		s.serverError(w, r, err)
		return
	}
	s.log.Info("job retried", "user", state(r).viewer.Actor(), "job", j.ID, "kind", j.Kind)
	d, err := s.jobsData(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d.Retried = j.ID
	s.render(w, r, http.StatusOK, "jobs", "jobs.title", d)
}
