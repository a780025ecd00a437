package api

import (
	"context"
	"strconv"

	"github.com/danielgtaylor/huma/v2"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
)

// Review by claim (app.ReviewClaims, app.ReviewMany): the claims awaiting
// review, grouped across sources, and one decision on many statements —
// the same rules as the web UI's claim review.

type claimsIn struct {
	Entity        string     `query:"entity" maxLength:"200" doc:"The claims about one entity: its values and the events it takes part in."`
	Source        string     `query:"source" maxLength:"200" doc:"The claims one source makes."`
	Type          string     `query:"type" maxLength:"100" doc:"A property (name, title, ...) or an event type (arrest, ...)."`
	Language      string     `query:"language" maxLength:"20" doc:"The language of the sources (ar, en)."`
	Modality      string     `query:"modality" doc:"asserted, alleged or denied."`
	MinConfidence string     `query:"min_confidence" doc:"The extractor's confidence, at least (0 to 1)."`
	Mine          bool       `query:"mine" doc:"Only statements of sources assigned to the token's user."`
	Limit         limitParam `query:"limit"`
}

type claimParticipantOut struct {
	EntityID string `json:"entity_id,omitempty"`
	Name     string `json:"name"`
	Role     string `json:"role,omitempty"`
}

type claimStatementOut struct {
	ID       string `json:"id"`
	Status   string `json:"status" doc:"The state to send as from when deciding."`
	SourceID string `json:"source_id,omitempty"`
	Property string `json:"property"`
}

type claimQuoteOut struct {
	StatementID string `json:"statement_id"`
	SourceID    string `json:"source_id"`
	Before      string `json:"before"`
	Mark        string `json:"mark" doc:"The span the statement was read from."`
	After       string `json:"after"`
}

type claimOut struct {
	Key          string                `json:"key"`
	Kind         string                `json:"kind" enum:"event,value"`
	EntityID     string                `json:"entity_id"`
	Property     string                `json:"property"`
	Value        string                `json:"value" doc:"The value, or for an event its type."`
	ValueEntity  string                `json:"value_entity,omitempty"`
	Date         string                `json:"date,omitempty"`
	Places       []string              `json:"places,omitempty"`
	Participants []claimParticipantOut `json:"participants,omitempty"`
	Modality     string                `json:"modality"`
	Priority     int                   `json:"priority" doc:"0 events about persons, 1 a person's names and posts, 2 other values, 3 what a gazetteer fixes."`
	Confidence   float64               `json:"confidence"`
	Statements   []claimStatementOut   `json:"statements" doc:"Every statement one decision on the claim decides, across sources."`
	Sources      []string              `json:"sources"`
	Quotes       []claimQuoteOut       `json:"quotes"`
}

type claimsOut struct {
	Body struct {
		Total int        `json:"total" doc:"Claims matching the filter (of the whole queue: counted up to 1,000)."`
		Items []claimOut `json:"items"`
	}
}

// reviewClaims lists the claims awaiting review, most important first.
func (s *Server) reviewClaims(ctx context.Context, in *claimsIn) (*claimsOut, error) {
	c := callerOf(ctx)
	limit, err := in.Limit.value()
	if err != nil {
		return nil, err
	}
	f := app.ClaimFilter{Entity: in.Entity, Source: in.Source, Type: in.Type, Language: in.Language, Modality: model.Modality(in.Modality), Quoted: limit}
	if in.Modality != "" {
		if _, err := model.ParseModality(in.Modality); err != nil {
			return nil, badParam("query.modality", "modality must be asserted, alleged or denied", in.Modality)
		}
	}
	if in.MinConfidence != "" {
		v, err := strconv.ParseFloat(in.MinConfidence, 64)
		if err != nil || v < 0 || v > 1 {
			return nil, badParam("query.min_confidence", "min_confidence must be a number from 0 to 1", in.MinConfidence)
		}
		f.MinConfidence = v
	}
	if in.Mine {
		f.AssignedTo = c.user.ID
	}
	page, err := s.app.ReviewClaimPage(ctx, c.viewer, f)
	if app.KindOf(err) == app.NotFound {
		return nil, notFound("entity or source")
	}
	if err != nil {
		return nil, s.fail(ctx, "review claims", err)
	}
	items := page.Items
	out := &claimsOut{}
	out.Body.Total = page.Total
	if len(items) > limit {
		items = items[:limit]
	}
	var shown []model.Statement
	out.Body.Items = make([]claimOut, 0, len(items))
	for _, it := range items {
		co := claimOut{Key: it.Key, Kind: it.Kind, EntityID: it.Entity, Property: string(it.Property), Value: it.Value,
			ValueEntity: it.ValueEntity, Places: it.Places, Modality: string(it.Modality), Priority: it.Priority,
			Confidence: it.Confidence, Sources: it.Sources, Statements: []claimStatementOut{}, Quotes: []claimQuoteOut{}}
		if co.Sources == nil {
			co.Sources = []string{}
		}
		if !it.Date.IsZero() {
			co.Date = it.Date.String()
		}
		for _, p := range it.Participants {
			co.Participants = append(co.Participants, claimParticipantOut{EntityID: p.EntityID, Name: p.Name, Role: string(p.Role)})
		}
		for _, st := range it.Statements {
			co.Statements = append(co.Statements, claimStatementOut{ID: st.ID, Status: string(st.Status), SourceID: st.SourceID, Property: string(st.Property)})
		}
		for _, q := range it.Quotes {
			co.Quotes = append(co.Quotes, claimQuoteOut{StatementID: q.StatementID, SourceID: q.SourceID, Before: q.Before, Mark: q.Mark, After: q.After})
		}
		shown = append(shown, it.Statements...)
		out.Body.Items = append(out.Body.Items, co)
	}
	if err := s.record(ctx, "api-review", nil, shown); err != nil {
		return nil, err
	}
	return out, nil
}

type decisionTarget struct {
	ID   string `json:"id" maxLength:"200"`
	From string `json:"from,omitempty" enum:"proposed,confirmed,rejected" doc:"The state the decision was made on (default proposed)."`
}

type decisionsIn struct {
	Body struct {
		Decision    string           `json:"decision" enum:"confirm,reject,reopen" doc:"confirm, reject, or reopen (the undo: back to proposed)."`
		Statements  []decisionTarget `json:"statements" minItems:"1" maxItems:"1000" doc:"Each statement with the state it was seen in: a claim's statements, an event's, or any bulk."`
		Comment     string           `json:"comment,omitempty" maxLength:"2000"`
		Sensitivity string           `json:"sensitivity,omitempty" enum:"public,internal,restricted,confidential"`
		Preview     bool             `json:"preview,omitempty" doc:"Say what would change, and change nothing."`
	}
}

type changeOut struct {
	ID     string `json:"id"`
	Status string `json:"status" doc:"The statement's state now (before, in a preview)."`
	To     string `json:"to" doc:"The state the decision leaves it in."`
}

type decisionsOut struct {
	Body struct {
		Preview bool        `json:"preview"`
		Changes []changeOut `json:"changes"`
	}
}

// reviewDecisions applies one decision to many statements, each on the
// state it was seen in, all or nothing: 409 naming the current state of
// the first that has moved.
func (s *Server) reviewDecisions(ctx context.Context, in *decisionsIn) (*decisionsOut, error) {
	v := callerOf(ctx).viewer
	d := app.Decision{Action: in.Body.Decision, Comment: in.Body.Comment}
	if in.Body.Sensitivity != "" {
		level, err := model.ParseSensitivity(in.Body.Sensitivity)
		if err != nil {
			return nil, huma.Error422UnprocessableEntity(err.Error(), &huma.ErrorDetail{Location: "body.sensitivity", Message: err.Error()})
		}
		d.Sensitivity = &level
	}
	ts := make([]app.Target, len(in.Body.Statements))
	for i, t := range in.Body.Statements {
		ts[i] = app.Target{ID: t.ID, From: model.Status(t.From)}
	}
	var changes []app.Change
	var err error
	if in.Body.Preview {
		changes, err = s.app.PreviewMany(ctx, v, ts, d)
	} else {
		changes, err = s.app.ReviewMany(ctx, v, ts, d)
	}
	if app.KindOf(err) == app.NotFound {
		return nil, notFound("statement")
	}
	if cur, ok := app.CurrentState(err); ok {
		return nil, huma.Error409Conflict(err.Error(), &huma.ErrorDetail{Location: "body.statements", Message: "a statement's current state", Value: string(cur)})
	}
	if err != nil {
		return nil, s.fail(ctx, "review decisions", err)
	}
	out := &decisionsOut{}
	out.Body.Preview = in.Body.Preview
	out.Body.Changes = make([]changeOut, len(changes))
	for i, c := range changes {
		out.Body.Changes[i] = changeOut{ID: c.Statement.ID, Status: string(c.Statement.Status), To: string(c.To)}
	}
	if !in.Body.Preview {
		s.log.Info("statements reviewed", "user", v.Actor(), "decision", d.Action, "statements", len(changes))
	}
	return out, nil
}
