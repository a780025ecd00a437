package api

import (
	"context"

	"github.com/danielgtaylor/huma/v2"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
)

type statementShowOut struct{ Body statementOut }

// statementShow is one statement.
func (s *Server) statementShow(ctx context.Context, in *idIn) (*statementShowOut, error) {
	st, err := s.store.Statement(ctx, callerOf(ctx).viewer, in.ID)
	if err != nil {
		return nil, s.orNotFound(ctx, err, "statement")
	}
	if err := s.record(ctx, "api-view", nil, []model.Statement{st}); err != nil {
		return nil, err
	}
	return &statementShowOut{Body: toStatement(st)}, nil
}

type reviewQueueIn struct {
	Paging
}

// reviewQueue is one page of the proposed statements the reviewer may see,
// oldest first, as the web UI's queue orders them.
func (s *Server) reviewQueue(ctx context.Context, in *reviewQueueIn) (*statementsListOut, error) {
	limit, err := in.Limit.value()
	if err != nil {
		return nil, err
	}
	after := ""
	if in.Cursor != "" {
		parts, ok := decodeCursor(in.Cursor, "review-queue", 1)
		if !ok {
			return nil, badCursor()
		}
		after = parts[0]
	}
	sts, err := s.store.ReviewQueue(ctx, callerOf(ctx).viewer, limit+1, after)
	if err != nil {
		return nil, s.internal(ctx, "review queue", err)
	}
	more := len(sts) > limit
	if more {
		sts = sts[:limit]
	}
	if err := s.record(ctx, "api-review", nil, sts); err != nil {
		return nil, err
	}
	out := &statementsListOut{Body: statementPageOut{Items: toStatements(sts)}}
	if more {
		out.Body.NextCursor = nextCursor("review-queue", sts[len(sts)-1].ID)
	}
	return out, nil
}

// reviewDecision is a reviewer's decision on a statement.
type reviewDecision struct {
	Decision    string `json:"decision" enum:"confirm,reject,edit,reopen" doc:"confirm, reject, edit (reject the statement and put a confirmed manual statement with value in its place: what the source said is never overwritten), or reopen (return a decided statement to proposed: the undo of a decision, ledgered like any)."`
	From        string `json:"from,omitempty" enum:"proposed,confirmed,rejected" doc:"The state the decision was made on (default proposed). When the statement is no longer in it, the answer is 409 naming the current state, and nothing changes."`
	Value       string `json:"value,omitempty" maxLength:"2000" doc:"The corrected value (edit only)."`
	Comment     string `json:"comment,omitempty" maxLength:"2000" doc:"Why; kept with the review in the ledger."`
	Sensitivity string `json:"sensitivity,omitempty" enum:"public,internal,restricted,confidential" doc:"A new level for the statement: a reviewer may raise it up to their own clearance, only an admin may lower it, and never below its source's."`
}

type reviewIn struct {
	ID   string `path:"id" maxLength:"200"`
	Body reviewDecision
}

// reviewSubmit applies one decision to one statement as the token's owner
// (app.Review: the same rules as the web UI's review form and athar review);
// it answers the statement as it now stands — for an edit, the correction.
func (s *Server) reviewSubmit(ctx context.Context, in *reviewIn) (*statementShowOut, error) {
	v := callerOf(ctx).viewer
	d := app.Decision{Action: in.Body.Decision, From: model.Status(in.Body.From), Comment: in.Body.Comment, Value: in.Body.Value}
	if in.Body.Sensitivity != "" {
		level, err := model.ParseSensitivity(in.Body.Sensitivity)
		if err != nil {
			return nil, huma.Error422UnprocessableEntity(err.Error(), &huma.ErrorDetail{Location: "body.sensitivity", Message: err.Error()})
		}
		d.Sensitivity = &level
	}
	done, err := s.app.Review(ctx, v, in.ID, d)
	if app.KindOf(err) == app.NotFound {
		return nil, notFound("statement")
	}
	if cur, ok := app.CurrentState(err); ok {
		return nil, huma.Error409Conflict(err.Error(), &huma.ErrorDetail{Location: "body.from", Message: "the statement's current state", Value: string(cur)})
	}
	if err != nil {
		return nil, s.fail(ctx, "review", err)
	}
	s.log.Info("statement reviewed", "user", v.Actor(), "decision", in.Body.Decision)
	if done.Correction != nil {
		return &statementShowOut{Body: toStatement(*done.Correction)}, nil
	}
	return &statementShowOut{Body: toStatement(done.Statement)}, nil
}
