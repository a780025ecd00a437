package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
)

// SourceNote is a reviewer's note on a source: their own words, at a level.
type SourceNote struct {
	ID          string
	SourceID    string
	Text        string
	Sensitivity model.Sensitivity
	Author      string
	CreatedAt   time.Time
}

// AddSourceNote stores a note on a source, ledgered, by the transaction's
// actor at its time. A note is never less sensitive than its source (the
// store raises none: a lower level is refused); who may write one, and at
// most at which level, is the caller's rule.
func (t *Tx) AddSourceNote(ctx context.Context, n *SourceNote) error {
	n.Text = strings.TrimSpace(n.Text)
	if n.Text == "" {
		return errors.New("a note needs a text")
	}
	src, err := t.sourceInfo(ctx, n.SourceID)
	if err != nil {
		return fmt.Errorf("note's source %s: %w", n.SourceID, notFoundIf(err))
	}
	srcLevel, err := model.ParseSensitivity(src.sensitivity)
	if err != nil {
		return err
	}
	if n.Sensitivity < srcLevel {
		return fmt.Errorf("a note on a %s source cannot be %s: %w", srcLevel, n.Sensitivity, ErrBelowSource)
	}
	n.ID, n.Author, n.CreatedAt = NewID(), t.actor, parseTime(t.at)
	return t.insert(ctx, "source_notes", map[string]any{"id": n.ID, "source_id": n.SourceID, "text": n.Text,
		"sensitivity": n.Sensitivity.String(), "author": n.Author, "created_at": t.at})
}

// SourceNotes lists the notes on a source that v may see, oldest first:
// those at a level v is cleared for. Notes are reviewers' words, not
// published findings: the anonymous public and confirmed-only viewers see
// none.
func (s *Store) SourceNotes(ctx context.Context, v access.Viewer, sourceID string) ([]SourceNote, error) {
	if v.ConfirmedOnly() {
		return nil, nil
	}
	cond, args := visibleIn(v, "sensitivity")
	rows, err := s.db.QueryContext(ctx, s.rebind("SELECT id, source_id, text, sensitivity, author, created_at FROM source_notes "+
		"WHERE source_id = ? AND "+cond+" ORDER BY created_at, id"), append([]any{sourceID}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("read notes on %s: %w", sourceID, err)
	}
	defer rows.Close()
	var out []SourceNote
	for rows.Next() {
		var n SourceNote
		var level, created string
		if err := rows.Scan(&n.ID, &n.SourceID, &n.Text, &level, &n.Author, &created); err != nil {
			return nil, err
		}
		n.CreatedAt = parseTime(created)
		if n.Sensitivity, err = model.ParseSensitivity(level); err != nil {
			return nil, fmt.Errorf("note %s: %w", n.ID, err)
		}
		out = append(out, n)
	}
	return out, rows.Err()
}
