package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
)

// Work assigned to reviewers: an admin or a reviewer assigns a source — all
// the proposed statements drawn from it — to one reviewer. Assignments are
// workflow, not evidence, so the table is not ledgered; every change is
// appended to assignment_log (append-only, enforced by triggers) with its
// actor and time, in the same transaction as the change.

// ErrNotReviewer means work was assigned to an account that cannot review
// it: not a reviewer or admin, disabled, or not cleared for the source.
var ErrNotReviewer = errors.New("cannot be assigned this source")

// Assignment is a source assigned to a reviewer.
type Assignment struct {
	SourceID     string
	ReviewerID   string
	ReviewerName string
	AssignedBy   string
	AssignedAt   time.Time
}

// AssignmentChange is one entry of the assignment log.
type AssignmentChange struct {
	At         time.Time
	Actor      string
	Action     string // assign or unassign
	SourceID   string
	ReviewerID string
}

// Assign assigns a source to a reviewer (replacing any earlier assignee) as
// the transaction's actor. The reviewer must be an enabled reviewer or admin
// cleared for the source's sensitivity.
func (t *Tx) Assign(ctx context.Context, sourceID, reviewerID string) error {
	var sens string
	err := t.queryRow(ctx, "SELECT sensitivity FROM sources WHERE id = ?", sourceID).Scan(&sens)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("source %s: %w", sourceID, ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("read source %s: %w", sourceID, err)
	}
	level, err := model.ParseSensitivity(sens)
	if err != nil {
		return err
	}
	u, err := scanUser(t.queryRow(ctx, "SELECT "+userCols+" FROM users WHERE id = ?", reviewerID))
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("user %s: %w", reviewerID, ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("read user %s: %w", reviewerID, err)
	}
	if u.Disabled || !access.ForUser(u).CanReview() || !access.ForUser(u).CanSee(level) {
		return fmt.Errorf("user %s: %w", u.Name, ErrNotReviewer)
	}
	at := timeText(t.s.now())
	if _, err := t.exec(ctx, "DELETE FROM assignments WHERE source_id = ?", sourceID); err != nil {
		return fmt.Errorf("assign %s: %w", sourceID, err)
	}
	if _, err := t.exec(ctx, "INSERT INTO assignments (source_id, reviewer_id, assigned_by, assigned_at) VALUES (?, ?, ?, ?)",
		sourceID, reviewerID, t.actor, at); err != nil {
		return fmt.Errorf("assign %s: %w", sourceID, err)
	}
	return t.logAssignment(ctx, at, "assign", sourceID, reviewerID)
}

// Unassign takes a source's assignment away; a source with none is left as
// it is, and nothing is logged.
func (t *Tx) Unassign(ctx context.Context, sourceID string) error {
	res, err := t.exec(ctx, "DELETE FROM assignments WHERE source_id = ?", sourceID)
	if err != nil {
		return fmt.Errorf("unassign %s: %w", sourceID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil
	}
	return t.logAssignment(ctx, timeText(t.s.now()), "unassign", sourceID, "")
}

func (t *Tx) logAssignment(ctx context.Context, at, action, sourceID, reviewerID string) error {
	if _, err := t.exec(ctx, "INSERT INTO assignment_log (at, actor, action, source_id, reviewer_id) VALUES (?, ?, ?, ?, ?)",
		at, t.actor, action, sourceID, reviewerID); err != nil {
		return fmt.Errorf("record assignment: %w", err)
	}
	return nil
}

// Assignments returns the assignments of the given sources, by source id.
// The caller passes only sources its viewer may see.
func (s *Store) Assignments(ctx context.Context, sourceIDs []string) (map[string]Assignment, error) {
	out := map[string]Assignment{}
	for start := 0; start < len(sourceIDs); start += 500 {
		chunk := sourceIDs[start:min(start+500, len(sourceIDs))]
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		rows, err := s.db.QueryContext(ctx, s.rebind("SELECT a.source_id, a.reviewer_id, u.name, a.assigned_by, a.assigned_at "+
			"FROM assignments a JOIN users u ON u.id = a.reviewer_id WHERE a.source_id IN ("+placeholders(len(chunk))+")"), args...)
		if err != nil {
			return nil, fmt.Errorf("read assignments: %w", err)
		}
		for rows.Next() {
			var a Assignment
			var at string
			if err := rows.Scan(&a.SourceID, &a.ReviewerID, &a.ReviewerName, &a.AssignedBy, &at); err != nil {
				rows.Close()
				return nil, err
			}
			a.AssignedAt = parseTime(at)
			out[a.SourceID] = a
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// assignedTo is the condition on a statements row (alias st) that its
// source is assigned to a reviewer.
const assignedTo = "st.source_id IN (SELECT source_id FROM assignments WHERE reviewer_id = ?)"

// AssignedQueue lists the proposed statements the viewer may see that are
// drawn from sources assigned to a reviewer, oldest first, at most limit,
// after the statement id after ("" for the first page) — the review queue
// filtered to that reviewer's work.
func (s *Store) AssignedQueue(ctx context.Context, v access.Viewer, reviewerID string, limit int, after string) ([]model.Statement, error) {
	cond, args := visibleIn(v, "st.sensitivity")
	q := "SELECT " + prefixed("st.", statementCols) + " FROM statements st WHERE st.status = 'proposed' AND " + cond + " AND " + assignedTo
	args = append(args, reviewerID)
	if after != "" {
		q += " AND (st.created_at, st.id) > (SELECT created_at, id FROM statements WHERE id = ?)"
		args = append(args, after)
	}
	q += fmt.Sprintf(" ORDER BY st.created_at, st.id LIMIT %d", limit)
	out, err := s.queryStatements(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("assigned queue: %w", err)
	}
	return out, nil
}

// CountAssigned counts the proposed statements the viewer may see that are
// drawn from sources assigned to a reviewer.
func (s *Store) CountAssigned(ctx context.Context, v access.Viewer, reviewerID string) (int, error) {
	cond, args := visibleIn(v, "st.sensitivity")
	var n int
	// Driven from the reviewer's few assigned sources, each read by the
	// statements' source index (status compared as an expression, so that no
	// planner walks every proposed statement instead).
	err := s.db.QueryRowContext(ctx, s.rebind("SELECT count(*) FROM assignments a JOIN statements st ON st.source_id = a.source_id "+
		"WHERE a.reviewer_id = ? AND st.status || '' = 'proposed' AND "+cond),
		append([]any{reviewerID}, args...)...).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count assigned: %w", err)
	}
	return n, nil
}

// AssignmentLog lists the changes to one source's assignment, oldest first.
func (s *Store) AssignmentLog(ctx context.Context, sourceID string) ([]AssignmentChange, error) {
	rows, err := s.db.QueryContext(ctx, s.rebind("SELECT at, actor, action, source_id, reviewer_id FROM assignment_log WHERE source_id = ? ORDER BY seq"), sourceID)
	if err != nil {
		return nil, fmt.Errorf("read assignment log: %w", err)
	}
	defer rows.Close()
	var out []AssignmentChange
	for rows.Next() {
		var c AssignmentChange
		var at string
		if err := rows.Scan(&at, &c.Actor, &c.Action, &c.SourceID, &c.ReviewerID); err != nil {
			return nil, err
		}
		c.At = parseTime(at)
		out = append(out, c)
	}
	return out, rows.Err()
}
