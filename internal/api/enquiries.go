package api

import (
	"context"

	"github.com/danielgtaylor/huma/v2"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/enquiry"
	"github.com/athar-project/athar/internal/model"
)

// Enquiries: thin handlers over app's enquiry use cases, which hold the
// rule (caseworkers and admins only); the audience check in front of them
// answers 403 before any enquiry is read.

type enquiriesOut struct {
	Body struct {
		Items []enquiry.Doc `json:"items"`
	}
}

func (s *Server) enquiriesList(ctx context.Context, _ *struct{}) (*enquiriesOut, error) {
	es, err := s.app.Enquiries(ctx, callerOf(ctx).viewer)
	if err != nil {
		return nil, s.fail(ctx, "list enquiries", err)
	}
	out := &enquiriesOut{}
	out.Body.Items = make([]enquiry.Doc, 0, len(es))
	for _, e := range es {
		out.Body.Items = append(out.Body.Items, e.Doc())
	}
	return out, nil
}

// enquiryBody is a new enquiry, with the fields `athar enquiry add` takes.
type enquiryBody struct {
	Name         string `json:"name" minLength:"1" maxLength:"200" doc:"The missing person's name, as the family writes it."`
	Father       string `json:"father,omitempty" maxLength:"200"`
	Mother       string `json:"mother,omitempty" maxLength:"200"`
	Family       string `json:"family,omitempty" maxLength:"200"`
	Sex          string `json:"sex,omitempty" enum:"m,f," doc:"m or f."`
	Born         string `json:"born,omitempty" maxLength:"10" doc:"YYYY or YYYY-MM-DD."`
	Home         string `json:"home,omitempty" maxLength:"500"`
	LastSeenDate string `json:"last_seen_date,omitempty" maxLength:"10" doc:"YYYY, YYYY-MM or YYYY-MM-DD."`
	LastSeenAt   string `json:"last_seen_at,omitempty" maxLength:"500" doc:"Place or facility last seen."`
	HeldAt       string `json:"held_at,omitempty" maxLength:"500" doc:"The facility the family believes held them."`
	AskedBy      string `json:"asked_by,omitempty" maxLength:"500"`
	Contact      string `json:"contact,omitempty" maxLength:"500"`
	Consent      string `json:"consent,omitempty" maxLength:"500" doc:"What the family agreed may be shared."`
}

type enquiryAddIn struct{ Body enquiryBody }

type enquiryOut struct{ Body enquiry.Doc }

func (s *Server) enquiryAdd(ctx context.Context, in *enquiryAddIn) (*enquiryOut, error) {
	b := in.Body
	e := app.Enquiry{Name: b.Name, Father: b.Father, Mother: b.Mother, Family: b.Family, Sex: b.Sex, Home: b.Home,
		LastSeenAt: b.LastSeenAt, HeldAt: b.HeldAt, AskedBy: b.AskedBy, Contact: b.Contact, Consent: b.Consent}
	var err error
	if e.Born, err = model.ParseDate(b.Born); err != nil {
		return nil, huma.Error422UnprocessableEntity(err.Error(), &huma.ErrorDetail{Location: "body.born", Message: err.Error()})
	}
	if e.LastSeenDate, err = model.ParseDate(b.LastSeenDate); err != nil {
		return nil, huma.Error422UnprocessableEntity(err.Error(), &huma.ErrorDetail{Location: "body.last_seen_date", Message: err.Error()})
	}
	got, err := s.app.AddEnquiry(ctx, callerOf(ctx).viewer, e)
	if err != nil {
		return nil, s.fail(ctx, "add enquiry", err)
	}
	return &enquiryOut{Body: got.Doc()}, nil
}

func (s *Server) enquiryShow(ctx context.Context, in *idIn) (*enquiryOut, error) {
	e, err := s.app.EnquiryByID(ctx, callerOf(ctx).viewer, in.ID)
	if err != nil {
		return nil, s.fail(ctx, "read enquiry", err)
	}
	return &enquiryOut{Body: e.Doc()}, nil
}

type candidatesOut struct{ Body []enquiry.CandidateDoc }

func (s *Server) enquiryMatches(ctx context.Context, in *idIn) (*candidatesOut, error) {
	cs, err := s.app.EnquiryMatches(ctx, callerOf(ctx).viewer, in.ID)
	if err != nil {
		return nil, s.fail(ctx, "match enquiry", err)
	}
	return &candidatesOut{Body: enquiry.Docs(cs)}, nil
}

type enquiryJudgeIn struct {
	ID   string `path:"id" maxLength:"200"`
	Body struct {
		EntityID string `json:"entity_id" minLength:"1" maxLength:"200" doc:"The candidate judged."`
		Verdict  string `json:"verdict" enum:"confirm,reject"`
		Note     string `json:"note,omitempty" maxLength:"2000" doc:"Why; kept with the judgement in the ledger."`
	}
}

func (s *Server) enquiryJudge(ctx context.Context, in *enquiryJudgeIn) (*candidatesOut, error) {
	v := callerOf(ctx).viewer
	cs, err := s.app.JudgeEnquiry(ctx, v, in.ID, in.Body.EntityID, in.Body.Verdict, in.Body.Note)
	if err != nil {
		return nil, s.fail(ctx, "judge enquiry candidate", err)
	}
	s.log.Info("enquiry candidate judged", "user", v.Actor(), "verdict", in.Body.Verdict)
	return &candidatesOut{Body: enquiry.Docs(cs)}, nil
}

type answerOut struct{ Body enquiry.AnswerDoc }

func (s *Server) enquiryAnswer(ctx context.Context, in *idIn) (*answerOut, error) {
	a, err := s.app.EnquiryAnswer(ctx, callerOf(ctx).viewer, in.ID)
	if err != nil {
		return nil, s.fail(ctx, "answer enquiry", err)
	}
	return &answerOut{Body: a.Doc()}, nil
}

type alertsOut struct {
	Body struct {
		Items []app.EnquiryAlertDoc `json:"items"`
	}
}

func (s *Server) enquiryAlerts(ctx context.Context, _ *struct{}) (*alertsOut, error) {
	as, err := s.app.EnquiryAlerts(ctx, callerOf(ctx).viewer, true)
	if err != nil {
		return nil, s.fail(ctx, "read watch queue", err)
	}
	out := &alertsOut{}
	out.Body.Items = app.EnquiryAlertDocs(as)
	return out, nil
}
