package app

import (
	"context"
	"errors"
	"strings"

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
	text = strings.TrimSpace(text)
	switch {
	case text == "":
		return n, invalid("a note needs a text")
	case len(text) > MaxFactLen:
		return n, invalid("a note of %d bytes: at most %d", len(text), MaxFactLen)
	}
	n = StatementNote{StatementID: st.ID, Text: text, Sensitivity: st.Sensitivity}
	if level != nil {
		if !level.Valid() {
			return n, invalid("sensitivity %d is not a level", *level)
		}
		if *level < st.Sensitivity {
			return n, invalid("a note cannot be less sensitive than its statement (%s)", st.Sensitivity)
		}
		n.Sensitivity = *level
	}
	if !v.CanSee(n.Sensitivity) {
		return n, forbidden("a sensitivity above your own clearance (%s) would hide the note from you", v.Clearance)
	}
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
