package api

import (
	"context"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
)

// Splitting an entity by its statements (app.SplitStatements): the same
// rules, checks and ledger as the person page's split.

type splitIn struct {
	ID   string `path:"id" maxLength:"200"`
	Body struct {
		Statements []string `json:"statements" minItems:"1" maxItems:"5000" doc:"The statements to take off the entity, as the caller saw them on it: statements about it, and statements linking to it (its part in an event)."`
		Reason     string   `json:"reason" maxLength:"4000" doc:"Why these statements are about someone else; kept in the judgement."`
		DryRun     bool     `json:"dry_run,omitempty" doc:"Say what would move, and change nothing."`
	}
}

type splitOut struct {
	Body struct {
		From   string         `json:"from" doc:"The entity split."`
		Entity string         `json:"entity" doc:"The new entity the statements moved to (empty in a dry run). Merging it back into from undoes the split."`
		DryRun bool           `json:"dry_run"`
		Moved  []statementOut `json:"moved" doc:"The statements that move (as they stand before the split)."`
		Stays  int            `json:"stays" doc:"How many statements about from the caller may see stay on it."`
	}
}

// entitySplit takes statements off an entity onto a new one: 409 when one
// no longer stands on it (nothing changes), 422 without a reason or a name
// for the new entity.
func (s *Server) entitySplit(ctx context.Context, in *splitIn) (*splitOut, error) {
	v := callerOf(ctx).viewer
	sp, err := s.app.SplitStatements(ctx, v, in.ID, in.Body.Statements, in.Body.Reason, in.Body.DryRun)
	if app.KindOf(err) == app.NotFound {
		return nil, notFound("entity or statement")
	}
	if err != nil {
		return nil, s.fail(ctx, "split entity", err)
	}
	out := &splitOut{}
	out.Body.From, out.Body.Entity, out.Body.DryRun, out.Body.Stays = sp.From, sp.Entity, sp.DryRun, sp.Stays
	shown := make([]model.Statement, len(sp.Moves))
	for i, m := range sp.Moves {
		shown[i] = m.Statement
	}
	out.Body.Moved = toStatements(shown)
	if err := s.record(ctx, "api-split", nil, shown); err != nil {
		return nil, err
	}
	if !sp.DryRun {
		s.log.Info("entity split by statements", "user", v.Actor(), "statements", len(shown))
	}
	return out, nil
}
