package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// TakeDown erases a source's content for good at a witness's request or to
// protect them (store.Tx.TakeDown: its data key destroyed, its index
// entries removed, the take-down ledgered). Only an admin may, and only
// one cleared for the source: no one erases what they may not read.
func (a *App) TakeDown(ctx context.Context, v access.Viewer, sourceID, reason string) error {
	if err := mayManageAccounts(v, "take a source down"); err != nil {
		return err
	}
	if strings.TrimSpace(reason) == "" {
		return invalid("a take-down needs a reason (--reason): it is kept in the ledger")
	}
	if _, err := a.st.SourceInfo(ctx, v, sourceID); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return notFound("source")
		}
		return err
	}
	err := a.st.Write(ctx, v.Actor(), func(tx *store.Tx) error { return tx.TakeDown(ctx, sourceID, reason) })
	if errors.Is(err, store.ErrWithdrawn) {
		return invalid("source %s was taken down already", sourceID)
	}
	return err
}

// RotateKeys makes a new master key and re-wraps every data key under it
// (store.RotateMasterKey); admins only — the operator at the command line
// is one. keepOld keeps the old key file beside the new.
func (a *App) RotateKeys(ctx context.Context, v access.Viewer, keepOld bool) (store.Rotation, error) {
	if err := mayManageAccounts(v, "rotate the master key"); err != nil {
		return store.Rotation{}, err
	}
	r, err := a.st.RotateMasterKey(ctx, v.Actor(), keepOld)
	// The sealed documents left the search index with the old search key:
	// indexed again under the new one now, undone rotation or not (the
	// next search would, a little later).
	if _, cerr := a.catchUp(context.WithoutCancel(ctx)); cerr != nil && err == nil {
		return r, fmt.Errorf("the keys are rotated, but indexing the sealed documents again failed (the next search retries): %w", cerr)
	}
	return r, err
}

// TakeDownRequest is a pending request as the admin page lists it: with
// the title of its source.
type TakeDownRequest struct {
	store.TakeDownRequest
	Title string
	Kind  string
	Level model.Sensitivity
	// At is when it was asked for.
	At time.Time
	// Mine: the viewer asked for it, and so may not approve it.
	Mine bool
}

// RequestTakeDown asks, as an admin cleared for the source, that it be
// taken down; another admin approves (DecideTakeDown). The web UI's path:
// the command line's TakeDown is the operator's, in one step.
func (a *App) RequestTakeDown(ctx context.Context, v access.Viewer, sourceID, reason string) (store.TakeDownRequest, error) {
	if err := mayManageAccounts(v, "ask for a take-down"); err != nil {
		return store.TakeDownRequest{}, err
	}
	if strings.TrimSpace(reason) == "" {
		return store.TakeDownRequest{}, invalid("a take-down needs a reason: it is kept in the ledger")
	}
	if _, err := a.st.SourceInfo(ctx, v, sourceID); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return store.TakeDownRequest{}, notFound("source")
		}
		return store.TakeDownRequest{}, err
	}
	var req store.TakeDownRequest
	err := a.st.Write(ctx, v.Actor(), func(tx *store.Tx) (err error) {
		req, err = tx.RequestTakeDown(ctx, sourceID, reason)
		return err
	})
	switch {
	case errors.Is(err, store.ErrWithdrawn):
		return req, refuse(Conflict, "source %s was taken down already", sourceID)
	case errors.Is(err, store.ErrPendingRequest):
		return req, refuse(Conflict, "a take-down of source %s is already waiting for approval", sourceID)
	}
	return req, err
}

// DecideTakeDown approves (the source's data key destroyed) or refuses a
// pending request, as an admin cleared for the source who is not the one
// who asked.
func (a *App) DecideTakeDown(ctx context.Context, v access.Viewer, id string, approve bool) (store.TakeDownRequest, error) {
	if err := mayManageAccounts(v, "decide a take-down"); err != nil {
		return store.TakeDownRequest{}, err
	}
	req, err := a.st.TakeDownRequestByID(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return req, notFound("take-down request")
	}
	if err != nil {
		return req, err
	}
	if _, err := a.st.SourceInfo(ctx, v, req.SourceID); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return store.TakeDownRequest{}, notFound("take-down request")
		}
		return req, err
	}
	err = a.st.Write(ctx, v.Actor(), func(tx *store.Tx) (err error) {
		req, err = tx.DecideTakeDown(ctx, id, approve)
		return err
	})
	switch {
	case errors.Is(err, store.ErrSameAdmin):
		return req, forbidden("another admin must approve or refuse this take-down: you asked for it")
	case errors.Is(err, store.ErrDecided), errors.Is(err, store.ErrWithdrawn):
		return req, refuse(Conflict, "this take-down request was decided already")
	}
	return req, err
}

// PendingTakeDowns lists the take-down requests waiting for approval whose
// source the admin may see.
func (a *App) PendingTakeDowns(ctx context.Context, v access.Viewer) ([]TakeDownRequest, error) {
	if err := mayManageAccounts(v, "see take-down requests"); err != nil {
		return nil, err
	}
	reqs, err := a.st.PendingTakeDowns(ctx)
	if err != nil {
		return nil, err
	}
	var out []TakeDownRequest
	for _, r := range reqs {
		src, err := a.st.SourceInfo(ctx, v, r.SourceID)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		at, _ := time.Parse(time.RFC3339Nano, r.RequestedAt)
		out = append(out, TakeDownRequest{At: at, TakeDownRequest: r, Title: src.Title, Kind: string(src.Kind), Level: src.Sensitivity, Mine: r.RequestedBy == v.Actor()})
	}
	return out, nil
}
