package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/athar-project/athar/internal/model"
)

// ErrNoSession means no live session has that id.
var ErrNoSession = errors.New("no such session")

// Sessions keeps the web UI's sessions in the database, so they survive a
// restart and several servers share them.
type Sessions struct{ s *Store }

// Sessions returns the store's session table.
func (s *Store) Sessions() Sessions { return Sessions{s} }

// Create stores a new session.
func (ss Sessions) Create(ctx context.Context, x model.Session) error {
	_, err := ss.s.execWrite(ctx, "INSERT INTO sessions (id, user_id, user_name, csrf, created_at, last_seen, expires_at, second_factor) "+
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?)", x.ID, x.UserID, x.UserName, x.CSRF, timeText(x.CreatedAt), timeText(x.LastSeen), timeText(x.ExpiresAt), x.SecondFactor)
	if err != nil {
		return fmt.Errorf("create session: %w", err)
	}
	return nil
}

// Get returns a session that has not expired.
func (ss Sessions) Get(ctx context.Context, id string) (model.Session, error) {
	var x model.Session
	var created, seen, expires string
	err := ss.s.db.QueryRowContext(ctx, ss.s.rebind("SELECT id, user_id, user_name, csrf, created_at, last_seen, expires_at, second_factor FROM sessions WHERE id = ?"), id).
		Scan(&x.ID, &x.UserID, &x.UserName, &x.CSRF, &created, &seen, &expires, &x.SecondFactor)
	if errors.Is(err, sql.ErrNoRows) {
		return x, ErrNoSession
	}
	if err != nil {
		return x, fmt.Errorf("read session: %w", err)
	}
	x.CreatedAt, x.LastSeen, x.ExpiresAt = parseTime(created), parseTime(seen), parseTime(expires)
	if !x.ExpiresAt.After(ss.s.now()) {
		return model.Session{}, ErrNoSession
	}
	return x, nil
}

// Touch records that a session was used.
func (ss Sessions) Touch(ctx context.Context, id string, at time.Time) error {
	_, err := ss.s.execWrite(ctx, "UPDATE sessions SET last_seen = ? WHERE id = ?", timeText(at), id)
	return err
}

// Delete ends a session.
func (ss Sessions) Delete(ctx context.Context, id string) error {
	_, err := ss.s.execWrite(ctx, "DELETE FROM sessions WHERE id = ?", id)
	return err
}

// DeleteUser ends every session of an account.
func (ss Sessions) DeleteUser(ctx context.Context, userID string) error {
	_, err := ss.s.execWrite(ctx, "DELETE FROM sessions WHERE user_id = ?", userID)
	return err
}

// Sweep drops sessions that expired before now.
func (ss Sessions) Sweep(ctx context.Context, now time.Time) error {
	_, err := ss.s.execWrite(ctx, "DELETE FROM sessions WHERE expires_at < ?", timeText(now))
	return err
}

// AccessLog is the append-only record of who was shown restricted or
// confidential material.
type AccessLog struct{ s *Store }

// AccessLog returns the store's access log.
func (s *Store) AccessLog() AccessLog { return AccessLog{s} }

// accessRowsPerInsert is how many access-log rows one INSERT adds (six
// parameters each, well under both engines' limits).
const accessRowsPerInsert = 100

// Record appends entries, all or none, a hundred rows to a statement: a
// page of search results records every restricted source and statement it
// showed (sixteen rows on a name's results), and a round trip each cost
// more than the rows.
func (al AccessLog) Record(ctx context.Context, entries ...model.AccessEntry) error {
	if len(entries) == 0 {
		return nil
	}
	tx, err := al.s.beginWrite(ctx)
	if err != nil {
		return err
	}
	for _, chunk := range chunks(entries, accessRowsPerInsert) {
		args := make([]any, 0, 6*len(chunk))
		for _, e := range chunk {
			args = append(args, timeText(e.At), e.Actor, e.Action, e.Subject, e.Sensitivity.String(), e.Remote)
		}
		q := "INSERT INTO access_log (at, actor, action, subject, sensitivity, remote) VALUES " +
			strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?, ?), ", len(chunk)), ", ")
		if _, err := tx.ExecContext(ctx, al.s.rebind(q), args...); err != nil {
			tx.Rollback()
			return fmt.Errorf("record access: %w", err)
		}
	}
	return tx.Commit()
}

// Recent returns up to limit entries, newest first.
func (al AccessLog) Recent(ctx context.Context, limit int) ([]model.AccessEntry, error) {
	rows, err := al.s.db.QueryContext(ctx, al.s.rebind("SELECT at, actor, action, subject, sensitivity, remote FROM access_log ORDER BY seq DESC LIMIT ?"), limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.AccessEntry
	for rows.Next() {
		var e model.AccessEntry
		var at, sens string
		if err := rows.Scan(&at, &e.Actor, &e.Action, &e.Subject, &sens, &e.Remote); err != nil {
			return nil, err
		}
		e.At = parseTime(at)
		if e.Sensitivity, err = model.ParseSensitivity(sens); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// UserByID returns an account by its id.
func (s *Store) UserByID(ctx context.Context, id string) (model.User, error) {
	u, err := scanUser(s.db.QueryRowContext(ctx, s.rebind("SELECT "+userCols+" FROM users WHERE id = ?"), id))
	if errors.Is(err, sql.ErrNoRows) {
		return u, fmt.Errorf("user %s: %w", id, ErrNotFound)
	}
	return u, err
}
