package app

import (
	"context"
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/search"
	"github.com/athar-project/athar/internal/store"
)

// Correct from anywhere: besides deciding on what the extractors read, a
// reviewer adds a fact by hand — with the source and the quote it rests
// on — or a note (a fact with no source), on a person's or any entity's
// page. Either is a manual statement, confirmed by its author and written
// through the ledger, at a level the author chooses: never above their own
// clearance, never below its source's.

// Fact is a fact or a note added by hand.
type Fact struct {
	Entity   string
	Property model.Property // notes for a note
	Value    string
	// Source and Quote: what the fact rests on ("" for a note in the
	// reviewer's own words).
	Source, Quote string
	// Sensitivity: its level; nil for its source's, or public for a note.
	Sensitivity *model.Sensitivity
}

// MaxFactLen bounds a hand-written value or note.
const MaxFactLen = 4000

// AddFact adds f as v, confirmed, and returns the statement.
func (a *App) AddFact(ctx context.Context, v access.Viewer, f Fact) (model.Statement, error) {
	var out model.Statement
	if !v.CanReview() {
		return out, forbidden("%s may not add facts (role %s): reviewers and admins do", v.Actor(), v.Role)
	}
	// what v may not see is not found, whatever else is wrong
	id, err := a.st.Canonical(ctx, f.Entity)
	if err != nil {
		return out, notFound("entity")
	}
	if sts, err := a.st.Statements(ctx, v, id); err != nil {
		return out, err
	} else if len(sts) == 0 {
		return out, notFound("entity") // nothing of it v may see: the same answer as none
	}
	value := strings.TrimSpace(f.Value)
	switch {
	case value == "":
		return out, invalid("a fact needs a value")
	case len(value) > MaxFactLen:
		return out, invalid("a fact of %d bytes: at most %d", len(value), MaxFactLen)
	}
	if _, err := model.ParseProperty(string(f.Property)); err != nil {
		return out, invalid("property %q: not one of the vocabulary's", f.Property)
	}
	switch f.Property {
	case model.PropEventType, model.PropInvolved, model.PropLocation, model.PropOrganizer, model.PropGazetteer, model.PropAffiliation:
		return out, invalid("property %s links entities or events: not a fact to type in", f.Property)
	}
	level := model.Public
	var span model.Span
	if f.Source != "" {
		src, err := a.st.SourceInfo(ctx, v, f.Source)
		if errors.Is(err, store.ErrNotFound) {
			return out, notFound("source")
		}
		if err != nil {
			return out, err
		}
		level = src.Sensitivity
		if f.Quote = strings.TrimSpace(f.Quote); f.Quote != "" {
			text := textOf(ctx, a, v, src.ID)
			i := strings.Index(text, f.Quote)
			if i < 0 {
				return out, invalid("the quote is not in the source's text")
			}
			start := utf8.RuneCountInString(text[:i])
			span = model.Span{Start: start, End: start + utf8.RuneCountInString(f.Quote), Quote: f.Quote}
		}
	} else if f.Quote != "" {
		return out, invalid("a quote needs its source")
	}
	if f.Sensitivity != nil {
		if !f.Sensitivity.Valid() {
			return out, invalid("sensitivity %d is not a level", *f.Sensitivity)
		}
		if *f.Sensitivity < level {
			return out, invalid("a statement cannot be less sensitive than its source (%s)", level)
		}
		level = *f.Sensitivity
	}
	if !v.CanSee(level) {
		return out, forbidden("a sensitivity above your own clearance (%s) would hide the fact from you", v.Clearance)
	}
	st := model.Statement{EntityID: id, Property: f.Property, Value: value, SourceID: f.Source, Confidence: 1,
		Origin: "manual", Modality: model.Asserted, Sensitivity: level, Span: span}
	if d, err := model.ParseDate(value); err == nil && (f.Property == model.PropBirthDate || f.Property == model.PropDeathDate || f.Property == model.PropDate) {
		st.DateStart = d
	}
	err = a.st.Write(ctx, v.Actor(), func(tx *store.Tx) error {
		if err := tx.AddStatement(ctx, &st); err != nil {
			return err
		}
		if err := tx.Review(ctx, st.ID, model.StatusConfirmed, "added by hand"); err != nil {
			return err
		}
		return search.IndexStatement(ctx, tx, st.ID)
	})
	if err != nil {
		return out, err
	}
	return a.st.Statement(ctx, v, st.ID)
}

// textOf is a source's text as v may read it ("" when none).
func textOf(ctx context.Context, a *App, v access.Viewer, id string) string {
	src, err := a.st.Source(ctx, v, id)
	if err != nil {
		return ""
	}
	return src.Text
}
