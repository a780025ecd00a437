package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// Splitting an entity by its statements (issue 15). A merge joins two
// entities and a "different" judgement undoes a merge, but an entity the
// extractor made from two men of one name was never two: a reviewer takes
// the statements that belong to the other man — the names some sources give
// and the events they tell of him — off it, onto a new entity. The rules are
// a merge's: reviewers and admins, a reason, ledgered as a judgement that
// the two are different (so the machine does not join them again), undone
// by merging the new entity back (Judge "same"). A split names the
// statements the reviewer saw on the entity; when one no longer stands on
// it, the split is refused and nothing changes.

// MaxSplitStatements bounds the statements one split moves.
const MaxSplitStatements = 5000

// SplitMove is one statement a split moves, as the reviewer may see it:
// a statement about the entity, or (Link) one that links to it — the
// entity's part in an event, a subordinate naming it as superior.
type SplitMove struct {
	Statement model.Statement
	Link      bool
}

// Split is what a split moved (or, in a dry run, would move): the
// statements, the entity they left and the one they went to ("" in a dry
// run), and how many statements about the entity the reviewer sees stay.
type Split struct {
	From   string
	Entity string
	Moves  []SplitMove
	Stays  int
	DryRun bool
}

// SplitChoices lists what v may take off entity id in a split: every
// statement v may see about it (or an entity merged into it), then every
// one that links to it. Not found when v may see nothing about it.
func (a *App) SplitChoices(ctx context.Context, v access.Viewer, id string) ([]SplitMove, error) {
	if err := mayJudge(v); err != nil {
		return nil, err
	}
	e, err := a.st.Entity(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, notFound("entity")
	}
	if err != nil {
		return nil, err
	}
	members, err := a.st.MergedInto(ctx, id)
	if err != nil {
		return nil, err
	}
	about, err := a.st.StatementsByEntity(ctx, v, append([]string{id}, members...))
	if err != nil {
		return nil, err
	}
	var out []SplitMove
	for _, m := range append([]string{id}, members...) {
		for _, st := range about[m] {
			out = append(out, SplitMove{Statement: st})
		}
	}
	if len(out) == 0 {
		return nil, notFound("entity")
	}
	switch {
	case e.MergedInto != "":
		return nil, refuse(Conflict, "entity %s was merged into another: split the entity it is in", id)
	case e.Type == model.TypeEvent:
		return nil, invalid("an event is not split by its statements: reject the statements that are wrong")
	}
	links, err := a.st.Referencing(ctx, v, id)
	if err != nil {
		return nil, err
	}
	for _, st := range links {
		out = append(out, SplitMove{Statement: st, Link: true})
	}
	return out, nil
}

// SplitStatements takes the statements ids, which v saw on entity id, off
// it onto a new entity of its type, with reason kept in the judgement that
// the two are different; dryRun only says what would move. Refused (and
// nothing changed) when v may not judge, gives no reason, names a statement
// that does not stand on the entity (Conflict: someone split or re-extracted
// meanwhile) or one v may not see (not found), chooses no name for the new
// entity, or every statement v sees about the entity.
func (a *App) SplitStatements(ctx context.Context, v access.Viewer, id string, ids []string, reason string, dryRun bool) (Split, error) {
	out := Split{From: id, DryRun: dryRun}
	if err := mayJudge(v); err != nil {
		return out, err
	}
	reason = strings.TrimSpace(reason)
	switch {
	case reason == "":
		return out, invalid("a split needs a reason: say why these statements are about someone else")
	case len(reason) > MaxFactLen:
		return out, invalid("a reason of %d bytes: at most %d", len(reason), MaxFactLen)
	case len(ids) == 0:
		return out, invalid("choose the statements to split off")
	case len(ids) > MaxSplitStatements:
		return out, invalid("%d statements: a split moves at most %d", len(ids), MaxSplitStatements)
	}
	choices, err := a.SplitChoices(ctx, v, id)
	if err != nil {
		return out, err
	}
	byID := make(map[string]SplitMove, len(choices))
	about := 0
	for _, c := range choices {
		byID[c.Statement.ID] = c
		if !c.Link {
			about++
		}
	}
	var chosen []string
	named, taken := false, 0
	for _, sid := range ids {
		sid = strings.TrimSpace(sid)
		if sid == "" || slices.Contains(chosen, sid) {
			continue
		}
		c, ok := byID[sid]
		if !ok {
			if _, err := a.st.Statement(ctx, v, sid); err != nil {
				if errors.Is(err, store.ErrNotFound) {
					return out, notFound("statement " + sid)
				}
				return out, err
			}
			return out, refuse(Conflict, "statement %s no longer stands on entity %s (split or changed meanwhile): nothing was split; look again", sid, id)
		}
		chosen = append(chosen, sid)
		out.Moves = append(out.Moves, c)
		if !c.Link {
			taken++
			if c.Statement.Property.IsName() && c.Statement.Status != model.StatusRejected {
				named = true
			}
		}
	}
	switch {
	case !named:
		return out, invalid("choose at least one name the new entity will be known by (a name or alias not rejected)")
	case taken == about:
		return out, invalid("that is every statement about the entity you may see: nothing would be left of it")
	}
	out.Stays = about - taken
	if dryRun {
		return out, nil
	}
	err = a.st.Write(ctx, v.Actor(), func(tx *store.Tx) error {
		e, err := tx.SplitStatements(ctx, id, chosen, reason)
		out.Entity = e.ID
		return err
	})
	var stale *store.SplitStaleError
	switch {
	case errors.As(err, &stale):
		out.Entity = ""
		return out, &Error{Kind: Conflict, Msg: fmt.Sprintf("%s: nothing was split; look again", stale.Error()), Err: err}
	case err != nil:
		out.Entity = ""
		return out, err
	}
	return out, nil
}
