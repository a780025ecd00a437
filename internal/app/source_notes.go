package app

import (
	"context"
	"errors"
	"strings"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// Notes on sources (issue 15, "correct from anywhere"): a reviewer writes on
// a source's page what they know of it — how it was obtained, why it is
// doubtful — in their own words, ledgered, at a level of their choosing:
// never below the source's, never above their own clearance. Notes on
// entities are facts of the property notes (AddFact).

// SourceNote is a note on a source.
type SourceNote = store.SourceNote

// AddSourceNote writes a note on source id as v; level nil is the source's.
func (a *App) AddSourceNote(ctx context.Context, v access.Viewer, id, text string, level *model.Sensitivity) (SourceNote, error) {
	var n SourceNote
	if !v.CanReview() {
		return n, forbidden("%s may not write notes on sources (role %s): reviewers and admins do", v.Actor(), v.Role)
	}
	src, err := a.st.SourceInfo(ctx, v, id)
	if errors.Is(err, store.ErrNotFound) {
		return n, notFound("source")
	}
	if err != nil {
		return n, err
	}
	text, sens, err := noteOf(v, text, level, src.Sensitivity, "source")
	if err != nil {
		return n, err
	}
	n = SourceNote{SourceID: src.ID, Text: text, Sensitivity: sens}
	err = a.st.Write(ctx, v.Actor(), func(tx *store.Tx) error { return tx.AddSourceNote(ctx, &n) })
	if errors.Is(err, store.ErrBelowSource) {
		return n, invalid("a note cannot be less sensitive than its source")
	}
	if errors.Is(err, store.ErrWithdrawn) {
		return n, refuse(Conflict, "the source was taken down: it takes no new note")
	}
	return n, err
}

// SourceNotes lists the notes on a source v may see, oldest first (none for
// the anonymous public).
func (a *App) SourceNotes(ctx context.Context, v access.Viewer, id string) ([]SourceNote, error) {
	return a.st.SourceNotes(ctx, v, id)
}

// noteOf checks a note's text and level as v writes it on something (a
// source, a statement) of level floor: a text of at most MaxFactLen bytes,
// a level (nil: floor) never below floor nor above v's clearance. It gives
// the trimmed text and the level.
func noteOf(v access.Viewer, text string, level *model.Sensitivity, floor model.Sensitivity, on string) (string, model.Sensitivity, error) {
	text = strings.TrimSpace(text)
	switch {
	case text == "":
		return "", 0, invalid("a note needs a text")
	case len(text) > MaxFactLen:
		return "", 0, invalid("a note of %d bytes: at most %d", len(text), MaxFactLen)
	}
	sens := floor
	if level != nil {
		if !level.Valid() {
			return "", 0, invalid("sensitivity %d is not a level", *level)
		}
		if *level < floor {
			return "", 0, invalid("a note cannot be less sensitive than its %s (%s)", on, floor)
		}
		sens = *level
	}
	if !v.CanSee(sens) {
		return "", 0, forbidden("a sensitivity above your own clearance (%s) would hide the note from you", v.Clearance)
	}
	return text, sens, nil
}
