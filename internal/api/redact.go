package api

import (
	"context"
	"fmt"
	"net/http"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
	"github.com/danielgtaylor/huma/v2"
)

type redactIn struct {
	ID   string `path:"id" maxLength:"200"`
	Body struct {
		Spans       [][2]int `json:"spans,omitempty" maxItems:"1000" doc:"Code-point offsets [start, end) into the source's text, apart from one another."`
		Phrases     []string `json:"phrases,omitempty" maxItems:"100" doc:"Phrases taken out wherever they occur, folded as search folds."`
		Regions     []string `json:"regions,omitempty" maxItems:"1000" doc:"PAGE:X,Y,W,H rectangles (pixels from the page's top left corner) of a PNG or JPEG source to fill opaque in the copy, an image made of the original's pixels alone; words whose OCR box one touches leave the text too."`
		Sensitivity string   `json:"sensitivity,omitempty" enum:"public,internal,restricted,confidential" doc:"The copy's level; by default one below the original's."`
		Reason      string   `json:"reason" minLength:"1" maxLength:"2000" doc:"Why: kept in the ledger."`
	}
}

// RedactionOut is the redacted copy made.
type RedactionOut struct {
	ID           string   `json:"id" doc:"The new source."`
	RedactedFrom string   `json:"redacted_from"`
	Sensitivity  string   `json:"sensitivity"`
	Spans        [][2]int `json:"spans" doc:"What was taken out, merged and in order: offsets into the original's text."`
	Regions      []string `json:"regions" doc:"The rectangles filled in the copy of an image source (PAGE:X,Y,W,H): those asked for and the boxes of the words taken out."`
}

type redactOut struct {
	Status int
	Body   RedactionOut
}

// redactOperation sets what POST /sources/{id}/redactions answers.
func (s *Server) redactOperation(op huma.Operation) huma.Operation {
	op.DefaultStatus = http.StatusCreated
	op.MaxBodyBytes = 256 << 10
	return op
}

// sourceRedact makes a redacted copy of a source through app.Redact.
func (s *Server) sourceRedact(ctx context.Context, in *redactIn) (*redactOut, error) {
	opt := app.RedactOptions{Phrases: in.Body.Phrases, Reason: in.Body.Reason}
	for i, rs := range in.Body.Regions {
		r, err := model.ParseRegion(rs)
		if err != nil {
			return nil, huma.Error422UnprocessableEntity(err.Error(), &huma.ErrorDetail{Location: fmt.Sprintf("body.regions[%d]", i), Message: err.Error()})
		}
		opt.Regions = append(opt.Regions, r)
	}
	for _, sp := range in.Body.Spans {
		opt.Spans = append(opt.Spans, model.Span{Start: sp[0], End: sp[1]})
	}
	if in.Body.Sensitivity != "" {
		l, err := model.ParseSensitivity(in.Body.Sensitivity)
		if err != nil {
			return nil, huma.Error422UnprocessableEntity(err.Error(), &huma.ErrorDetail{Location: "body.sensitivity", Message: err.Error()})
		}
		opt.Sensitivity = &l
	}
	res, err := s.app.Redact(ctx, callerOf(ctx).viewer, in.ID, opt)
	if err != nil && res.Source.ID == "" {
		return nil, s.fail(ctx, "redact", err)
	}
	if err != nil { // stored, but what was found in it was not all recorded
		return nil, s.internal(ctx, "redact", fmt.Errorf("source %s stored: %w", res.Source.ID, err))
	}
	out := RedactionOut{ID: res.Source.ID, RedactedFrom: in.ID, Sensitivity: res.Source.Sensitivity.String(), Spans: [][2]int{}, Regions: []string{}}
	for _, r := range res.Regions {
		out.Regions = append(out.Regions, r.String())
	}
	for _, sp := range res.Spans {
		out.Spans = append(out.Spans, [2]int{sp.Start, sp.End})
	}
	return &redactOut{Status: http.StatusCreated, Body: out}, nil
}
