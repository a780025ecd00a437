package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// Take-down in the web UI takes two admins: one asks (RequestTakeDown),
// another approves (DecideTakeDown), and only then is the data key
// destroyed. Requests, approvals and refusals are ledgered
// (takedown_requests). The command line's athar takedown stays the
// operator's path, in one step.

// Statuses of a take-down request.
const (
	TakeDownPending  = "pending"
	TakeDownApproved = "approved"
	TakeDownRefused  = "refused"
)

// ErrSameAdmin means the admin who asked for a take-down tried to approve it.
var ErrSameAdmin = errors.New("a take-down is approved by another admin than the one who asked for it")

// ErrDecided means a take-down request was approved or refused already.
var ErrDecided = errors.New("this take-down request was decided already")

// ErrPendingRequest means a source already has a take-down request waiting.
var ErrPendingRequest = errors.New("a take-down of this source is already waiting for approval")

// TakeDownRequest is one request for a take-down.
type TakeDownRequest struct {
	ID          string `json:"id"`
	SourceID    string `json:"source_id"`
	Reason      string `json:"reason"`
	RequestedBy string `json:"requested_by"`
	RequestedAt string `json:"requested_at"`
	Status      string `json:"status"`
	DecidedBy   string `json:"decided_by,omitempty"`
	DecidedAt   string `json:"decided_at,omitempty"`
}

// RequestTakeDown records the actor's request that a source be taken down,
// to wait for another admin's approval. Whether the actor may is the
// caller's rule.
func (t *Tx) RequestTakeDown(ctx context.Context, sourceID, reason string) (TakeDownRequest, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return TakeDownRequest{}, errors.New("a take-down needs a reason")
	}
	var n int
	if err := t.queryRow(ctx, "SELECT count(*) FROM sources WHERE id = ?", sourceID).Scan(&n); err != nil {
		return TakeDownRequest{}, fmt.Errorf("request a take-down of %s: %w", sourceID, err)
	}
	if n == 0 {
		return TakeDownRequest{}, fmt.Errorf("source %s: %w", sourceID, ErrNotFound)
	}
	if err := t.queryRow(ctx, "SELECT count(*) FROM takedowns WHERE source_id = ?", sourceID).Scan(&n); err != nil {
		return TakeDownRequest{}, err
	}
	if n > 0 {
		return TakeDownRequest{}, fmt.Errorf("source %s: %w already", sourceID, ErrWithdrawn)
	}
	if err := t.queryRow(ctx, "SELECT count(*) FROM takedown_requests WHERE source_id = ? AND status = ?", sourceID, TakeDownPending).Scan(&n); err != nil {
		return TakeDownRequest{}, err
	}
	if n > 0 {
		return TakeDownRequest{}, fmt.Errorf("source %s: %w", sourceID, ErrPendingRequest)
	}
	req := TakeDownRequest{ID: NewID(), SourceID: sourceID, Reason: reason, RequestedBy: t.actor, RequestedAt: t.at, Status: TakeDownPending}
	err := t.insert(ctx, "takedown_requests", map[string]any{"id": req.ID, "source_id": sourceID, "reason": reason,
		"requested_by": t.actor, "requested_at": t.at, "status": TakeDownPending, "decided_by": "", "decided_at": ""})
	return req, err
}

// DecideTakeDown approves or refuses a pending request as the actor, who
// must not be the one who asked; an approval takes the source down (TakeDown,
// the ledgered take-down naming the approver and, in its reason, who
// asked).
func (t *Tx) DecideTakeDown(ctx context.Context, id string, approve bool) (TakeDownRequest, error) {
	req, err := scanTakeDownRequest(t.queryRow(ctx, "SELECT "+takeDownRequestCols+" FROM takedown_requests WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return req, fmt.Errorf("take-down request %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return req, fmt.Errorf("take-down request %s: %w", id, err)
	}
	if req.Status != TakeDownPending {
		return req, ErrDecided
	}
	if req.RequestedBy == t.actor {
		return req, ErrSameAdmin
	}
	req.Status, req.DecidedBy, req.DecidedAt = TakeDownRefused, t.actor, t.at
	if approve {
		req.Status = TakeDownApproved
	}
	if err := t.update(ctx, "takedown_requests", id, map[string]any{"status": req.Status, "decided_by": t.actor, "decided_at": t.at}); err != nil {
		return req, err
	}
	if approve {
		return req, t.TakeDown(ctx, req.SourceID, req.Reason+" (asked by "+req.RequestedBy+", approved by "+t.actor+")")
	}
	return req, nil
}

const takeDownRequestCols = "id, source_id, reason, requested_by, requested_at, status, decided_by, decided_at"

func scanTakeDownRequest(row interface{ Scan(...any) error }) (TakeDownRequest, error) {
	var r TakeDownRequest
	err := row.Scan(&r.ID, &r.SourceID, &r.Reason, &r.RequestedBy, &r.RequestedAt, &r.Status, &r.DecidedBy, &r.DecidedAt)
	return r, err
}

// TakeDownRequestByID reads one request.
func (s *Store) TakeDownRequestByID(ctx context.Context, id string) (TakeDownRequest, error) {
	r, err := scanTakeDownRequest(s.db.QueryRowContext(ctx, s.rebind("SELECT "+takeDownRequestCols+" FROM takedown_requests WHERE id = ?"), id))
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("take-down request %s: %w", id, ErrNotFound)
	}
	return r, err
}

// PendingTakeDowns lists the requests waiting for approval, oldest first.
// Whether the viewer may see them, and which, is the caller's rule.
func (s *Store) PendingTakeDowns(ctx context.Context) ([]TakeDownRequest, error) {
	rows, err := s.db.QueryContext(ctx, s.rebind("SELECT "+takeDownRequestCols+" FROM takedown_requests WHERE status = ? ORDER BY requested_at, id"), TakeDownPending)
	if err != nil {
		return nil, fmt.Errorf("take-down requests: %w", err)
	}
	defer rows.Close()
	var out []TakeDownRequest
	for rows.Next() {
		r, err := scanTakeDownRequest(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
