package api

import (
	"context"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"github.com/athar-project/athar/internal/model"
)

// A witness's consent over the API: what `athar consent ID --json` prints,
// read by whoever may see the testimony and set by admins (ledgered).

type consentDoc struct {
	Source      string   `json:"source"`
	Recorded    bool     `json:"recorded" doc:"False when nothing was recorded: the testimony is then used for nothing beyond the archive."`
	Court       bool     `json:"court" doc:"Use in court: the dossier and the court package."`
	Partners    []string `json:"partners" doc:"The partners the witness consented to share with; partner exports for anyone else leave the testimony out."`
	Publication bool     `json:"publication" doc:"Publication: the public dataset."`
	Contact     bool     `json:"contact" doc:"The witness may be contacted again."`
}

type consentOut struct{ Body consentDoc }

func consentOf(id string, c model.Consent, recorded bool) *consentOut {
	return &consentOut{Body: consentDoc{Source: id, Recorded: recorded, Court: c.Court, Partners: append([]string{}, c.Partners...),
		Publication: c.Publication, Contact: c.Contact}}
}

func (s *Server) consentShow(ctx context.Context, in *idIn) (*consentOut, error) {
	c, recorded, err := s.app.SourceConsent(ctx, callerOf(ctx).viewer, in.ID)
	if err != nil {
		return nil, s.fail(ctx, "read consent", err)
	}
	return consentOf(in.ID, c, recorded), nil
}

type consentSetIn struct {
	ID   string `path:"id" maxLength:"200"`
	Body struct {
		Court       bool     `json:"court,omitempty"`
		Partners    []string `json:"partners,omitempty" maxItems:"100" doc:"Partners' names, each 1 to 64 characters with no comma, bar or control character."`
		Publication bool     `json:"publication,omitempty"`
		Contact     bool     `json:"contact,omitempty"`
	}
}

func (s *Server) consentSet(ctx context.Context, in *consentSetIn) (*consentOut, error) {
	v := callerOf(ctx).viewer
	var parts []string
	if in.Body.Court {
		parts = append(parts, string(model.UseCourt))
	}
	for _, p := range in.Body.Partners {
		if p == "" || strings.ContainsAny(p, ",|") || strings.TrimSpace(p) != p {
			return nil, huma.Error400BadRequest("partners: a partner's name is 1 to 64 characters with no comma, bar, control character or space at either end")
		}
		parts = append(parts, string(model.UsePartners)+":"+p)
	}
	if in.Body.Publication {
		parts = append(parts, string(model.UsePublication))
	}
	if in.Body.Contact {
		parts = append(parts, string(model.UseContact))
	}
	c, err := model.ParseConsent(strings.Join(parts, ","))
	if err != nil {
		return nil, huma.Error400BadRequest(err.Error())
	}
	if err := s.app.SetConsent(ctx, v, in.ID, c); err != nil {
		return nil, s.fail(ctx, "set consent", err)
	}
	s.log.Info("consent recorded", "user", v.Actor())
	got, recorded, err := s.app.SourceConsent(ctx, v, in.ID)
	if err != nil {
		return nil, s.fail(ctx, "read consent", err)
	}
	return consentOf(in.ID, got, recorded), nil
}
