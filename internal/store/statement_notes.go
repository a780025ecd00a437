package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/seal"
)

// StatementNote is a reviewer's note on one statement: their own words on
// a fact (why it is doubtful, what else says so), at a level.
type StatementNote struct {
	ID          string
	StatementID string
	SourceID    string // the statement's source, "" for one typed in with none
	Text        string
	Sensitivity model.Sensitivity
	Author      string
	CreatedAt   time.Time
}

// A note on a statement drawn from a sealed source is sealed under that
// source's data key, bound to the note, as notes on sources are
// (source_notes.go): what a reviewer writes of a testimony's fact says as
// much as the fact. A source sealed later (raised to restricted) seals the
// notes on its statements with its other words (sealFields); a take-down
// makes them unreadable.

// ErrBelowStatement means a note would be less sensitive than the
// statement it is on.
var ErrBelowStatement = errors.New("a note cannot be less sensitive than its statement")

// statementNoteAD binds a sealed note's text to its note.
func statementNoteAD(noteID string) []byte { return []byte("athar statement note:" + noteID) }

// AddStatementNote stores a note on a statement, ledgered, by the
// transaction's actor at its time. A note is never less sensitive than its
// statement (ErrBelowStatement); who may write one, and at most at which
// level, is the caller's rule. A note on a statement of a withdrawn source
// is refused (ErrWithdrawn).
func (t *Tx) AddStatementNote(ctx context.Context, n *StatementNote) error {
	n.Text = strings.TrimSpace(n.Text)
	if n.Text == "" {
		return errors.New("a note needs a text")
	}
	var level string
	if err := t.queryRow(ctx, "SELECT sensitivity, COALESCE(source_id, '') FROM statements WHERE id = ?", n.StatementID).Scan(&level, &n.SourceID); err != nil {
		return fmt.Errorf("note's statement %s: %w", n.StatementID, notFoundIf(err))
	}
	stLevel, err := model.ParseSensitivity(level)
	if err != nil {
		return err
	}
	if n.Sensitivity < stLevel {
		return fmt.Errorf("a note on a %s statement cannot be %s: %w", stLevel, n.Sensitivity, ErrBelowStatement)
	}
	var k *sourceKey
	if n.SourceID != "" {
		if k, err = t.txDataKey(ctx, n.SourceID); err != nil {
			return fmt.Errorf("note on statement %s: %w", n.StatementID, err)
		}
	}
	n.ID, n.Author, n.CreatedAt = NewID(), t.actor, parseTime(t.at)
	text := n.Text
	if k != nil {
		text = sealText(k.key, statementNoteAD(n.ID), text)
	}
	return t.insert(ctx, "statement_notes", map[string]any{"id": n.ID, "statement_id": n.StatementID, "source_id": n.SourceID,
		"text": text, "sensitivity": n.Sensitivity.String(), "author": n.Author, "created_at": t.at})
}

// StatementNotes lists the notes v may see on the statements ids, by
// statement, oldest first: notes at a level v is cleared for, on statements
// v may see, opened when sealed (Withdrawn after a take-down). Notes are
// reviewers' words, not findings: the anonymous public and confirmed-only
// viewers see none.
func (s *Store) StatementNotes(ctx context.Context, v access.Viewer, ids []string) (map[string][]StatementNote, error) {
	return s.statementNotes(ctx, v, "st.id IN (%s)", ids)
}

// StatementNotesAbout is StatementNotes for the statements about the
// entities ids, or linking to them (their part in events).
func (s *Store) StatementNotesAbout(ctx context.Context, v access.Viewer, ids []string) (map[string][]StatementNote, error) {
	return s.statementNotes(ctx, v, "st.id IN (SELECT id FROM statements WHERE entity_id IN (%[1]s) UNION SELECT id FROM statements WHERE value_entity IN (%[1]s))", ids)
}

// statementNotes reads the notes on the statements a condition on st picks
// (its %s the placeholders of ids), feedChunk ids at a time.
func (s *Store) statementNotes(ctx context.Context, v access.Viewer, pick string, ids []string) (map[string][]StatementNote, error) {
	out := map[string][]StatementNote{}
	if v.ConfirmedOnly() || len(ids) == 0 {
		return out, nil
	}
	ncond, nargs := visibleIn(v, "n.sensitivity")
	scond, sargs := visibleFrom(v, "st.sensitivity", "st.source_id")
	var all []StatementNote
	for i := 0; i < len(ids); i += feedChunk {
		part := ids[i:min(i+feedChunk, len(ids))]
		ph := placeholders(len(part))
		n := strings.Count(fmt.Sprintf(pick, ph), "?") / len(part)
		args := make([]any, 0, n*len(part)+len(nargs)+len(sargs))
		for range n {
			args = append(args, idArgs(part)...)
		}
		args = append(append(args, nargs...), sargs...)
		q := "SELECT n.id, n.statement_id, n.source_id, n.text, n.sensitivity, n.author, n.created_at FROM statement_notes n " +
			"JOIN statements st ON st.id = n.statement_id WHERE " + fmt.Sprintf(pick, ph) + " AND " + ncond + " AND " + scond +
			" ORDER BY n.created_at, n.id"
		rows, err := s.db.QueryContext(ctx, s.rebind(q), args...)
		if err != nil {
			return nil, fmt.Errorf("read notes on statements: %w", err)
		}
		got, err := collect(rows, func(sc rowScanner) (StatementNote, error) {
			var n StatementNote
			var level, created string
			if err := sc.Scan(&n.ID, &n.StatementID, &n.SourceID, &n.Text, &level, &n.Author, &created); err != nil {
				return n, err
			}
			n.CreatedAt = parseTime(created)
			var err error
			if n.Sensitivity, err = model.ParseSensitivity(level); err != nil {
				return n, fmt.Errorf("note %s: %w", n.ID, err)
			}
			return n, nil
		})
		if err != nil {
			return nil, err
		}
		all = append(all, got...)
	}
	if err := s.openStatementNotes(ctx, all); err != nil {
		return nil, err
	}
	for _, n := range all {
		out[n.StatementID] = append(out[n.StatementID], n)
	}
	return out, nil
}

// openStatementNotes opens the sealed texts among notes, each source's key
// read once.
func (s *Store) openStatementNotes(ctx context.Context, ns []StatementNote) error {
	type key struct {
		k    *seal.Key
		gone bool
	}
	keys := map[string]key{}
	for i := range ns {
		n := &ns[i]
		if n.SourceID == "" || !strings.HasPrefix(n.Text, sealedPrefix) {
			continue
		}
		k, ok := keys[n.SourceID]
		if !ok {
			sk, err := s.dataKey(ctx, s.db, n.SourceID)
			switch {
			case errors.Is(err, ErrWithdrawn):
				k.gone = true
			case errors.Is(err, errNoKey):
			case err != nil:
				return err
			default:
				k.k = sk.key
			}
			keys[n.SourceID] = k
		}
		switch {
		case k.gone:
			n.Text = Withdrawn
		case k.k == nil:
			// A clear note that happens to begin so.
		default:
			clear, err := openText(k.k, statementNoteAD(n.ID), n.Text)
			if err != nil {
				return fmt.Errorf("note %s: %w", n.ID, err)
			}
			n.Text = clear
		}
	}
	return nil
}

// sealStatementNotes seals the notes on a sealed source's statements still
// in the clear (written before the source was raised to restricted), as
// ledgered updates zeroed like the source's other words.
func (t *Tx) sealStatementNotes(ctx context.Context, sourceID string, k *seal.Key) error {
	return t.sealNotesIn(ctx, "statement_notes", statementNoteAD, sourceID, k)
}
