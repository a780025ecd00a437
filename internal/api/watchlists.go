package api

import (
	"context"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/enquiry"
)

// Watch lists: thin handlers over app's watch-list use cases, which hold
// the rules (analysts, reviewers and admins; every read within the
// caller's clearance); the audience check in front answers 403 first.

type watchListOut struct {
	Body struct {
		Items []enquiry.WantedDoc `json:"items"`
	}
}

func (s *Server) watchList(ctx context.Context, _ *struct{}) (*watchListOut, error) {
	ws, err := s.app.WatchList(ctx, callerOf(ctx).viewer)
	if err != nil {
		return nil, s.fail(ctx, "read watch list", err)
	}
	out := &watchListOut{}
	out.Body.Items = make([]enquiry.WantedDoc, 0, len(ws))
	for _, w := range ws {
		out.Body.Items = append(out.Body.Items, w.Doc())
	}
	return out, nil
}

type watchAddIn struct {
	Body struct {
		Name        string   `json:"name" minLength:"1" maxLength:"200" doc:"The wanted person's name, in any script."`
		Aliases     []string `json:"aliases,omitempty" maxItems:"50" doc:"Other names and spellings."`
		Rank        string   `json:"rank,omitempty" maxLength:"200" doc:"Rank or function."`
		Born        string   `json:"born,omitempty" maxLength:"4" doc:"Year of birth, YYYY."`
		Note        string   `json:"note,omitempty" maxLength:"500"`
		Sensitivity string   `json:"sensitivity,omitempty" enum:"public,internal,restricted,confidential," doc:"The entry's level; internal when omitted."`
	}
}

type watchAddOut struct {
	Body struct {
		enquiry.WantedDoc
		Alerts int `json:"alerts" doc:"How many alerts screening the stored sources queued."`
	}
}

func (s *Server) watchAdd(ctx context.Context, in *watchAddIn) (*watchAddOut, error) {
	b := in.Body
	w, err := app.ParseWanted(b.Name, b.Aliases, b.Rank, b.Born, b.Note, b.Sensitivity)
	if err != nil {
		return nil, s.fail(ctx, "add watch-list entry", err)
	}
	got, n, err := s.app.AddWanted(ctx, callerOf(ctx).viewer, w)
	if err != nil {
		return nil, s.fail(ctx, "add watch-list entry", err)
	}
	out := &watchAddOut{}
	out.Body.WantedDoc, out.Body.Alerts = got.Doc(), n
	return out, nil
}

type watchRemoveOut struct {
	Body struct {
		ID      string `json:"id"`
		Removed bool   `json:"removed"`
	}
}

func (s *Server) watchRemove(ctx context.Context, in *idIn) (*watchRemoveOut, error) {
	if err := s.app.RemoveWanted(ctx, callerOf(ctx).viewer, in.ID); err != nil {
		return nil, s.fail(ctx, "remove watch-list entry", err)
	}
	out := &watchRemoveOut{}
	out.Body.ID, out.Body.Removed = in.ID, true
	return out, nil
}

type watchAlertsOut struct {
	Body struct {
		Items []app.WatchAlertDoc `json:"items"`
	}
}

func (s *Server) watchAlerts(ctx context.Context, _ *struct{}) (*watchAlertsOut, error) {
	as, err := s.app.WatchAlerts(ctx, callerOf(ctx).viewer)
	if err != nil {
		return nil, s.fail(ctx, "read watch-list alerts", err)
	}
	out := &watchAlertsOut{}
	out.Body.Items = app.WatchAlertDocs(as)
	return out, nil
}
