package api

import (
	"context"
	"time"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
)

type sourcesListIn struct {
	Paging
	Kind     string `query:"kind" enum:"article,statement,testimony,document,social_post,court_record" doc:"Only sources of this kind."`
	Language string `query:"language" doc:"Only sources in this language (ar, en, other)."`
	Order    string `query:"order" enum:"newest,oldest" default:"newest" doc:"By time of ingest."`
}

type sourcePageOut struct {
	Items      []SourceOut `json:"items"`
	NextCursor *string     `json:"next_cursor" doc:"Pass as cursor for the next page; null on the last page."`
}

type sourcesListOut struct{ Body sourcePageOut }

// sourcesList is one page of the sources the caller may see, newest ingest
// first (or oldest with order=oldest), without their texts.
func (s *Server) sourcesList(ctx context.Context, in *sourcesListIn) (*sourcesListOut, error) {
	v := callerOf(ctx).viewer
	limit, err := in.Limit.value()
	if err != nil {
		return nil, err
	}
	f := app.SourceFilter{Limit: limit + 1, Language: in.Language, Newest: true}
	switch in.Order {
	case "", "newest":
	case "oldest":
		f.Newest = false
	default:
		return nil, badParam("query.order", "order is newest or oldest", in.Order)
	}
	if in.Kind != "" {
		if f.Kind, err = model.ParseSourceKind(in.Kind); err != nil {
			return nil, badParam("query.kind", err.Error(), in.Kind)
		}
	}
	kind := "sources-newest"
	if !f.Newest {
		kind = "sources-oldest"
	}
	if in.Cursor != "" {
		parts, ok := decodeCursor(in.Cursor, kind, 2)
		if !ok {
			return nil, badCursor()
		}
		at, err := time.Parse(time.RFC3339Nano, parts[0])
		if err != nil {
			return nil, badCursor()
		}
		f.After = &model.Source{IngestedAt: at, ID: parts[1]}
	}
	srcs, err := s.store.Sources(ctx, v, f)
	if err != nil {
		return nil, s.internal(ctx, "list sources", err)
	}
	more := len(srcs) > limit
	if more {
		srcs = srcs[:limit]
	}
	if err := s.record(ctx, "api-list", srcs, nil); err != nil {
		return nil, err
	}
	out := &sourcesListOut{Body: sourcePageOut{Items: toSources(srcs)}}
	if more {
		last := srcs[len(srcs)-1]
		out.Body.NextCursor = nextCursor(kind, last.IngestedAt.UTC().Format(time.RFC3339Nano), last.ID)
	}
	return out, nil
}

type idIn struct {
	ID string `path:"id" maxLength:"200"`
}

type sourceShowOut struct{ Body sourceDetailOut }

// sourceShow is one source with its text.
func (s *Server) sourceShow(ctx context.Context, in *idIn) (*sourceShowOut, error) {
	src, err := s.store.Source(ctx, callerOf(ctx).viewer, in.ID)
	if err != nil {
		return nil, s.orNotFound(ctx, err, "source")
	}
	if err := s.record(ctx, "api-view", []model.Source{src}, nil); err != nil {
		return nil, err
	}
	return &sourceShowOut{Body: sourceDetailOut{SourceOut: toSource(src), Text: src.Text, TextPending: src.TextPending}}, nil
}

type statementsListIn struct {
	ID string `path:"id" maxLength:"200"`
	Paging
	Status   string `query:"status" enum:"proposed,confirmed,rejected" doc:"Only statements in this review state."`
	Property string `query:"property" doc:"Only statements of this property (name, alias, involved…)."`
}

type statementPageOut struct {
	Items      []statementOut `json:"items"`
	NextCursor *string        `json:"next_cursor" doc:"Pass as cursor for the next page; null on the last page."`
}

type statementsListOut struct{ Body statementPageOut }

// sourceStatements is one page of the statements drawn from a source, in
// the order they were made.
func (s *Server) sourceStatements(ctx context.Context, in *statementsListIn) (*statementsListOut, error) {
	v := callerOf(ctx).viewer
	src, err := s.store.Source(ctx, v, in.ID)
	if err != nil {
		return nil, s.orNotFound(ctx, err, "source")
	}
	return s.statementPage(ctx, in, app.StatementFilter{SourceID: src.ID})
}

// statementPage reads one page of statements for a list operation.
func (s *Server) statementPage(ctx context.Context, in *statementsListIn, f app.StatementFilter) (*statementsListOut, error) {
	limit, err := in.Limit.value()
	if err != nil {
		return nil, err
	}
	f.Limit, f.Property = limit+1, in.Property
	switch model.Status(in.Status) {
	case "", model.StatusProposed, model.StatusConfirmed, model.StatusRejected:
		f.Status = model.Status(in.Status)
	default:
		return nil, badParam("query.status", "status is proposed, confirmed or rejected", in.Status)
	}
	if in.Cursor != "" {
		parts, ok := decodeCursor(in.Cursor, "statements", 1)
		if !ok {
			return nil, badCursor()
		}
		f.After = parts[0]
	}
	sts, err := s.store.StatementPageFor(ctx, callerOf(ctx).viewer, f)
	if err != nil {
		return nil, s.internal(ctx, "list statements", err)
	}
	more := len(sts) > limit
	if more {
		sts = sts[:limit]
	}
	if err := s.record(ctx, "api-list", nil, sts); err != nil {
		return nil, err
	}
	out := &statementsListOut{Body: statementPageOut{Items: toStatements(sts)}}
	if more {
		out.Body.NextCursor = nextCursor("statements", sts[len(sts)-1].ID)
	}
	return out, nil
}

// record writes to the access log, before the answer is sent, every
// restricted or confidential source and statement about to be shown. A view
// that cannot be recorded is not shown.
func (s *Server) record(ctx context.Context, action string, srcs []model.Source, sts []model.Statement) error {
	remote := ""
	if st := stateOf(ctx); st != nil {
		remote = st.remote
	}
	if err := s.app.RecordViews(ctx, callerOf(ctx).viewer, action, remote, app.Shown{Sources: srcs, Statements: sts}); err != nil {
		return s.internal(ctx, "record access", err)
	}
	return nil
}
