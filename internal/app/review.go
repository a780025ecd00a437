package app

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/search"
	"github.com/athar-project/athar/internal/store"
)

// Review: a reviewer (or an admin) confirms, rejects or corrects a statement
// they may see, on the web UI, the API and the command line alike. A
// decision may also change the statement's level: a reviewer may raise it,
// but never above their own clearance (the statement would vanish from their
// sight); only an admin may lower it; and never below the level of its
// source. A correction never overwrites what the source said: the statement
// is rejected and a confirmed manual statement with the new value takes its
// place.

// Review actions.
const (
	Confirm = "confirm"
	Reject  = "reject"
	Edit    = "edit"
	// Reopen returns a decided statement to proposed: the undo of a
	// decision, itself a decision in the ledger. Reopening an edit also
	// rejects the correction the edit put in the statement's place.
	Reopen = "reopen"
)

// Decision is a reviewer's decision on one statement.
type Decision struct {
	Action string // Confirm, Reject, Edit or Reopen
	// From is the state the reviewer saw the statement in ("" for
	// proposed). When the statement is no longer in it — someone decided
	// meanwhile, or the same form came twice — the decision is refused
	// (Conflict, with the current state: see CurrentState) and nothing
	// changes.
	From    model.Status
	Comment string
	// Value is the corrected value (Edit only).
	Value string
	// Sensitivity is the statement's new level; nil keeps it.
	Sensitivity *model.Sensitivity
}

// Reviewed is what a decision did: the statement as it now stands, and for
// an Edit the correction that took its place.
type Reviewed struct {
	Statement  model.Statement
	Correction *model.Statement
}

// Review applies v's decision to statement id, through the store and so the
// ledger.
func (a *App) Review(ctx context.Context, v access.Viewer, id string, d Decision) (Reviewed, error) {
	var out Reviewed
	if !v.CanReview() {
		return out, forbidden("%s may not review statements (role %s): reviewers and admins do", v.Actor(), v.Role)
	}
	st, err := a.st.Statement(ctx, v, id)
	if errors.Is(err, store.ErrNotFound) {
		return out, notFound("statement")
	}
	if err != nil {
		return out, err
	}
	value := strings.TrimSpace(d.Value)
	from := d.From
	switch from {
	case "":
		from = model.StatusProposed
	case model.StatusProposed, model.StatusConfirmed, model.StatusRejected:
	default:
		return out, invalid("from %q: want proposed, confirmed or rejected", d.From)
	}
	switch d.Action {
	case Confirm, Reject:
	case Edit:
		if value == "" || value == st.Value {
			return out, invalid("a correction needs a new value, different from the statement's")
		}
	case Reopen:
		if from == model.StatusProposed {
			return out, invalid("reopen returns a decided statement to proposed: give the state it was decided to (from confirmed or rejected)")
		}
	default:
		return out, invalid("decision %q: want confirm, reject, edit or reopen", d.Action)
	}
	level, err := a.reviewLevel(ctx, v, st, d.Sensitivity)
	if err != nil {
		return out, err
	}
	comment := strings.TrimSpace(d.Comment)
	var fixed *model.Statement
	err = a.st.Write(ctx, v.Actor(), func(tx *store.Tx) error {
		var err error
		switch d.Action {
		case Confirm:
			err = tx.ReviewFrom(ctx, st.ID, from, model.StatusConfirmed, comment)
		case Reject:
			err = tx.ReviewFrom(ctx, st.ID, from, model.StatusRejected, comment)
		case Reopen:
			err = reopen(ctx, tx, st.ID, from, comment)
		case Edit:
			fixed, err = correct(ctx, tx, st, from, value, level, comment)
		}
		if err != nil || level == st.Sensitivity {
			return err
		}
		return tx.SetStatementSensitivity(ctx, st.ID, level)
	})
	if errors.Is(err, store.ErrBelowSource) {
		return out, invalid("a statement cannot be less sensitive than its source")
	}
	var stale *store.StaleError
	if errors.As(err, &stale) {
		return out, &Error{Kind: Conflict, Err: &staleState{stale.Current},
			Msg: fmt.Sprintf("the statement is now %s, not %s: someone decided it meanwhile (or the form was sent twice); nothing was changed — look at it again and decide", stale.Current, stale.From)}
	}
	if err != nil {
		return out, err
	}
	// A decision may establish (or undo) a matched enquiry's fate.
	if err := a.settleFates(context.WithoutCancel(ctx), nil); err != nil {
		a.log.Error("settle the fates of matched enquiries", "err", err)
	}
	if out.Statement, err = a.st.Statement(ctx, v, st.ID); err != nil {
		return out, err
	}
	if fixed != nil {
		c, err := a.st.Statement(ctx, v, fixed.ID)
		if err != nil {
			return out, err
		}
		out.Correction = &c
	}
	return out, nil
}

// reviewLevel is the level a decision leaves a statement at, or why it may
// not.
func (a *App) reviewLevel(ctx context.Context, v access.Viewer, st model.Statement, want *model.Sensitivity) (model.Sensitivity, error) {
	if want == nil || *want == st.Sensitivity {
		return st.Sensitivity, nil
	}
	level := *want
	switch {
	case !level.Valid():
		return 0, invalid("sensitivity %d is not a level", level)
	case level < st.Sensitivity && !v.CanLower():
		return 0, forbidden("only an admin may lower a statement's sensitivity")
	case !v.CanSee(level):
		return 0, forbidden("a sensitivity above your own clearance (%s) would hide the statement from you", v.Clearance)
	}
	if st.SourceID != "" {
		src, err := a.st.Source(ctx, access.Operator(), st.SourceID)
		if err != nil {
			return 0, err
		}
		if level < src.Sensitivity {
			return 0, invalid("a statement cannot be less sensitive than its source (%s)", src.Sensitivity)
		}
	}
	return level, nil
}

// correct rejects st and puts a manual statement with the corrected value in
// its place: the same entity, property, source, quote, dates, modality and
// role, confirmed by the reviewer who wrote it, and indexed for search. A
// corrected value that no longer reads as the linked entity's name keeps no
// link.
func correct(ctx context.Context, tx *store.Tx, st model.Statement, from model.Status, value string, level model.Sensitivity, comment string) (*model.Statement, error) {
	note := "edited"
	if comment != "" {
		note += ": " + comment
	}
	if err := tx.ReviewFrom(ctx, st.ID, from, model.StatusRejected, note); err != nil {
		return nil, err
	}
	fixed := model.Statement{EntityID: st.EntityID, Property: st.Property, Value: value, SourceID: st.SourceID,
		Span: st.Span, DateStart: st.DateStart, DateEnd: st.DateEnd, Confidence: 1, Origin: "manual",
		Modality: st.Modality, Role: st.Role, Sensitivity: level}
	if st.Property == model.PropDate {
		if d, err := model.ParseDate(value); err == nil {
			fixed.DateStart = d
		}
	}
	if err := tx.AddStatement(ctx, &fixed); err != nil {
		return nil, err
	}
	if err := tx.Review(ctx, fixed.ID, model.StatusConfirmed, "correction of "+st.ID); err != nil {
		return nil, err
	}
	return &fixed, search.IndexStatement(ctx, tx, fixed.ID)
}

// reopen returns statement id from the state from to proposed; when it was
// rejected by an edit, the confirmed correction that took its place is
// rejected with it, so that the undo of an edit leaves neither value
// confirmed.
func reopen(ctx context.Context, tx *store.Tx, id string, from model.Status, comment string) error {
	note := "reopened"
	if comment != "" {
		note += ": " + comment
	}
	if err := tx.ReviewFrom(ctx, id, from, model.StatusProposed, note); err != nil {
		return err
	}
	if from != model.StatusRejected {
		return nil
	}
	fixes, err := tx.CorrectionsOf(ctx, id)
	if err != nil {
		return err
	}
	for _, f := range fixes {
		if err := tx.ReviewFrom(ctx, f, model.StatusConfirmed, model.StatusRejected, "undo of the edit of "+id); err != nil {
			return err
		}
	}
	return nil
}

// staleState is the cause of a refused decision: the state the statement
// is in now.
type staleState struct{ current model.Status }

func (s *staleState) Error() string { return "the statement is now " + string(s.current) }

// CurrentState is, for a decision refused because the statement was no
// longer in the state it was made on, the state it is in now.
func CurrentState(err error) (model.Status, bool) {
	var s *staleState
	if errors.As(err, &s) {
		return s.current, true
	}
	return "", false
}
