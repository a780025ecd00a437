package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// JobsDB is how the job queue reaches River's tables in the store's
// database (internal/jobs opens River on it).
type JobsDB = store.JobsDB

// JobCount is how many of River's jobs of a kind are in a state.
type JobCount = store.JobCount

// OpenJobsDB opens the connections the job queue needs.
func (a *App) OpenJobsDB(ctx context.Context) (*JobsDB, error) { return a.st.OpenJobsDB(ctx) }

// QueuedActor is who queued work acts as when a job runs: the user of that
// name (refused when disabled), or — for the operator and Athar's own
// actors, such as a feed's poller — the operator's full rights under that
// name. Whoever queues work checks first that the person may do it; the
// use case the job calls checks again.
func (a *App) QueuedActor(ctx context.Context, actor string) (access.Viewer, error) {
	if actor == "" {
		return access.Viewer{}, errors.New("the job names no actor")
	}
	u, err := a.st.UserByName(ctx, actor)
	switch {
	case errors.Is(err, store.ErrNotFound):
		v := access.Operator()
		v.Name = actor
		return v, nil
	case err != nil:
		return access.Viewer{}, err
	case u.Disabled:
		return access.Viewer{}, forbidden("the account %s is disabled", actor)
	}
	return access.ForUser(u), nil
}

// SourceVisible reports whether v may see a source (one that is gone is
// hidden too: the same answer).
func (a *App) SourceVisible(ctx context.Context, v access.Viewer, id string) (bool, error) {
	if v.Clearance == model.Confidential && !v.ConfirmedOnly() {
		return true, nil
	}
	_, err := a.st.Source(ctx, v, id)
	if errors.Is(err, store.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("source %s: %w", id, err)
	}
	return true, nil
}

// SourceLevel is the sensitivity of a stored source, read as the system: what
// a worker needs to decide whether a failure of work on it may be reported
// in detail. A source that does not exist is public (nothing to withhold).
func (a *App) SourceLevel(ctx context.Context, id string) model.Sensitivity {
	src, err := a.st.Source(ctx, access.Operator(), id)
	if err != nil {
		return model.Public
	}
	return src.Sensitivity
}
