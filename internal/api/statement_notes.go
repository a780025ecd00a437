package api

import (
	"context"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
)

// Notes on single statements (app.AddStatementNote): read by whoever may
// see the statement, each note only at a level they are cleared for;
// written by reviewers and admins, at a level from the statement's up to
// their own clearance. A statement the caller may not see is a 404 on
// both, never a 403 that would say it exists.

type statementNotesOut struct {
	Body struct {
		Statement string                 `json:"statement_id"`
		Items     []app.StatementNoteDoc `json:"items" doc:"The notes the caller may see, oldest first."`
	}
}

func (s *Server) statementNotesList(ctx context.Context, in *idIn) (*statementNotesOut, error) {
	st, notes, err := s.app.NotesOnStatement(ctx, callerOf(ctx).viewer, in.ID)
	if app.KindOf(err) == app.NotFound {
		return nil, notFound("statement")
	}
	if err != nil {
		return nil, s.fail(ctx, "read notes on statement", err)
	}
	if err := s.record(ctx, "api-view", nil, []model.Statement{st}); err != nil {
		return nil, err
	}
	out := &statementNotesOut{}
	out.Body.Statement, out.Body.Items = st.ID, app.StatementNoteDocs(notes)
	return out, nil
}

type statementNoteAddIn struct {
	ID   string `path:"id" maxLength:"200"`
	Body struct {
		Text        string `json:"text" minLength:"1" maxLength:"4000" doc:"The note: why the statement is doubtful, what else says so."`
		Sensitivity string `json:"sensitivity,omitempty" enum:"public,internal,restricted,confidential," doc:"The note's level: from the statement's (the default) up to the caller's clearance."`
	}
}

type statementNoteAddOut struct {
	Body app.StatementNoteDoc
}

func (s *Server) statementNoteAdd(ctx context.Context, in *statementNoteAddIn) (*statementNoteAddOut, error) {
	v := callerOf(ctx).viewer
	level, err := app.ParseNoteLevel(in.Body.Sensitivity)
	if err != nil {
		return nil, s.fail(ctx, "add note on statement", err)
	}
	n, err := s.app.AddStatementNote(ctx, v, in.ID, in.Body.Text, level)
	if app.KindOf(err) == app.NotFound {
		return nil, notFound("statement")
	}
	if err != nil {
		return nil, s.fail(ctx, "add note on statement", err)
	}
	s.log.Info("statement note added", "user", v.Actor())
	return &statementNoteAddOut{Body: app.NoteDoc(n)}, nil
}
