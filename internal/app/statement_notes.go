package app

import (
	"context"
	"errors"
	"time"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// Notes on single statements (issue 15): a reviewer writes beside one fact
// what they know of it — why it is doubtful, what else says so — ledgered,
// at a level of their choosing: never below the statement's, never above
// their own clearance. Every signed-in account cleared for the note and the
// statement reads it (on the entity's page, in the review queue); the
// anonymous public never.

// StatementNote is a note on a statement.
type StatementNote = store.StatementNote

// AddStatementNote writes a note on statement id as v; level nil is the
// statement's.
func (a *App) AddStatementNote(ctx context.Context, v access.Viewer, id, text string, level *model.Sensitivity) (StatementNote, error) {
	var n StatementNote
	if !v.CanReview() {
		return n, forbidden("%s may not write notes on statements (role %s): reviewers and admins do", v.Actor(), v.Role)
	}
	st, err := a.st.Statement(ctx, v, id)
	if errors.Is(err, store.ErrNotFound) {
		return n, notFound("statement")
	}
	if err != nil {
		return n, err
	}
	text, sens, err := noteOf(v, text, level, st.Sensitivity, "statement")
	if err != nil {
		return n, err
	}
	n = StatementNote{StatementID: st.ID, Text: text, Sensitivity: sens}
	err = a.st.Write(ctx, v.Actor(), func(tx *store.Tx) error { return tx.AddStatementNote(ctx, &n) })
	if errors.Is(err, store.ErrBelowStatement) {
		return n, invalid("a note cannot be less sensitive than its statement")
	}
	if errors.Is(err, store.ErrWithdrawn) {
		return n, refuse(Conflict, "the statement's source was taken down: it takes no new note")
	}
	return n, err
}

// StatementNotes lists the notes v may see on the statements ids, by
// statement, oldest first (none for the anonymous public).
func (a *App) StatementNotes(ctx context.Context, v access.Viewer, ids []string) (map[string][]StatementNote, error) {
	return a.st.StatementNotes(ctx, v, ids)
}

// StatementNotesAbout lists the notes v may see on the statements about an
// entity (or one merged into it) and those linking to it, by statement.
func (a *App) StatementNotesAbout(ctx context.Context, v access.Viewer, id string) (map[string][]StatementNote, error) {
	members, err := a.st.MergedInto(ctx, id)
	if err != nil {
		return nil, err
	}
	return a.st.StatementNotesAbout(ctx, v, append([]string{id}, members...))
}

// NotesOnStatement is statement id as v sees it, with the notes on it v
// may see, oldest first. A statement v may not see is not found, never
// forbidden: the answer does not say it exists.
func (a *App) NotesOnStatement(ctx context.Context, v access.Viewer, id string) (model.Statement, []StatementNote, error) {
	st, err := a.st.Statement(ctx, v, id)
	if errors.Is(err, store.ErrNotFound) {
		return st, nil, notFound("statement")
	}
	if err != nil {
		return st, nil, err
	}
	notes, err := a.st.StatementNotes(ctx, v, []string{st.ID})
	if err != nil {
		return st, nil, err
	}
	return st, notes[st.ID], nil
}

// ParseNoteLevel reads a note's level as the API and the command line take
// it: "" is the statement's own (nil).
func ParseNoteLevel(s string) (*model.Sensitivity, error) {
	if s == "" {
		return nil, nil
	}
	l, err := model.ParseSensitivity(s)
	if err != nil {
		return nil, invalid("sensitivity: %v", err)
	}
	return &l, nil
}

// StatementNoteDoc is a note on a statement as the API answers it and
// `athar notes list --json` prints it.
type StatementNoteDoc struct {
	ID          string `json:"id"`
	StatementID string `json:"statement_id"`
	SourceID    string `json:"source_id,omitempty" doc:"The statement's source; empty for a statement typed in by hand."`
	Text        string `json:"text" doc:"The note; \"source withdrawn\" once the statement's source was taken down."`
	Sensitivity string `json:"sensitivity" enum:"public,internal,restricted,confidential" doc:"Never below the statement's."`
	Author      string `json:"author"`
	CreatedAt   string `json:"created_at" format:"date-time"`
}

// NoteDoc is n as a StatementNoteDoc.
func NoteDoc(n StatementNote) StatementNoteDoc {
	return StatementNoteDoc{ID: n.ID, StatementID: n.StatementID, SourceID: n.SourceID, Text: n.Text,
		Sensitivity: n.Sensitivity.String(), Author: n.Author, CreatedAt: n.CreatedAt.UTC().Format(time.RFC3339Nano)}
}

// StatementNoteDocs are ns as docs, never nil.
func StatementNoteDocs(ns []StatementNote) []StatementNoteDoc {
	out := make([]StatementNoteDoc, len(ns))
	for i, n := range ns {
		out[i] = NoteDoc(n)
	}
	return out
}
