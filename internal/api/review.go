package api

import (
	"context"
	"errors"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
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
	Decision    string `json:"decision" enum:"confirm,reject" doc:"confirm or reject."`
	Comment     string `json:"comment,omitempty" maxLength:"2000" doc:"Why; kept with the review in the ledger."`
	Sensitivity string `json:"sensitivity,omitempty" enum:"public,internal,restricted,confidential" doc:"A new level for the statement: a reviewer may raise it up to their own clearance, only an admin may lower it, and never below its source's."`
}

type reviewIn struct {
	ID   string `path:"id" maxLength:"200"`
	Body reviewDecision
}

// reviewSubmit confirms or rejects one statement as the token's owner,
// through the store and so the ledger, as the web UI's review form does; it
// may also change the statement's sensitivity by the same rules.
func (s *Server) reviewSubmit(ctx context.Context, in *reviewIn) (*statementShowOut, error) {
	v := callerOf(ctx).viewer
	st, err := s.store.Statement(ctx, v, in.ID)
	if err != nil {
		return nil, s.orNotFound(ctx, err, "statement")
	}
	status := model.StatusConfirmed
	switch in.Body.Decision {
	case "confirm":
	case "reject":
		status = model.StatusRejected
	default:
		return nil, huma.Error422UnprocessableEntity("decision must be confirm or reject",
			&huma.ErrorDetail{Location: "body.decision", Message: "expected confirm or reject", Value: in.Body.Decision})
	}
	level := st.Sensitivity
	if in.Body.Sensitivity != "" {
		if level, err = model.ParseSensitivity(in.Body.Sensitivity); err != nil {
			return nil, huma.Error422UnprocessableEntity(err.Error(), &huma.ErrorDetail{Location: "body.sensitivity", Message: err.Error()})
		}
	}
	if level < st.Sensitivity && !v.CanLower() {
		return nil, huma.Error403Forbidden("only an admin may lower a statement's sensitivity")
	}
	if !v.CanSee(level) {
		return nil, huma.Error403Forbidden("a sensitivity above your own clearance (" + v.Clearance.String() + ") would hide the statement from you")
	}
	err = s.store.Write(ctx, v.Actor(), func(tx *store.Tx) error {
		if level != st.Sensitivity {
			if err := tx.SetStatementSensitivity(ctx, st.ID, level); err != nil {
				return err
			}
		}
		return tx.Review(ctx, st.ID, status, strings.TrimSpace(in.Body.Comment))
	})
	if errors.Is(err, store.ErrBelowSource) {
		return nil, huma.Error422UnprocessableEntity("a statement cannot be less sensitive than its source",
			&huma.ErrorDetail{Location: "body.sensitivity", Message: "below the level of the statement's source", Value: in.Body.Sensitivity})
	}
	if err != nil {
		return nil, s.internal(ctx, "review", err)
	}
	s.log.Info("statement reviewed", "user", v.Actor(), "decision", in.Body.Decision)
	after, err := s.store.Statement(ctx, v, st.ID)
	if err != nil {
		return nil, s.orNotFound(ctx, err, "statement")
	}
	return &statementShowOut{Body: toStatement(after)}, nil
}
