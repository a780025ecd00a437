package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
)

// Redaction from the web UI: the source page's form, for those who may add
// sources, sends spans and phrases to app.Redact as the signed-in account
// (whose rules decide who may and at which level), and the new copy's page
// follows. A copy's page says what it was redacted from, as far as the
// reader may know.

// redactSubmit makes a redacted copy of a source and shows it.
func (s *Server) redactSubmit(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), state(r).viewer
	f := r.PostForm
	opt := app.RedactOptions{Reason: f.Get("reason")}
	for _, field := range strings.FieldsFunc(f.Get("spans"), func(c rune) bool { return c == ',' || c == ' ' || c == '\n' || c == '\r' }) {
		sp, err := model.ParseSpan(field)
		if err != nil {
			s.renderError(w, r, http.StatusBadRequest)
			return
		}
		opt.Spans = append(opt.Spans, sp)
	}
	for _, field := range strings.FieldsFunc(f.Get("regions"), func(c rune) bool { return c == ';' || c == ' ' || c == '\n' || c == '\r' }) {
		reg, err := model.ParseRegion(field)
		if err != nil {
			s.renderError(w, r, http.StatusBadRequest)
			return
		}
		opt.Regions = append(opt.Regions, reg)
	}
	for _, line := range strings.Split(f.Get("phrases"), "\n") {
		if p := strings.TrimSpace(line); p != "" {
			opt.Phrases = append(opt.Phrases, p)
		}
	}
	if l := f.Get("sensitivity"); l != "" {
		level, err := model.ParseSensitivity(l)
		if err != nil {
			s.renderError(w, r, http.StatusBadRequest)
			return
		}
		opt.Sensitivity = &level
	}
	res, err := s.app.Redact(ctx, v, r.PathValue("id"), opt)
	if err != nil && res.Source.ID == "" {
		s.fail(w, r, err)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.log.Info("redaction", "user", v.Actor(), "spans", len(res.Spans), "regions", len(res.Regions))
	http.Redirect(w, r, "/sources/"+res.Source.ID, http.StatusSeeOther)
}

// sourceRedaction fills what the source page shows of redaction: the form
// for those who may add sources, and for a redacted copy its record.
func (s *Server) sourceRedaction(r *http.Request, data *sourceData) error {
	ctx, v := r.Context(), state(r).viewer
	if v.CanWrite() {
		for _, l := range model.Sensitivities() {
			if v.CanSee(l) {
				data.RedactLevels = append(data.RedactLevels, l)
			}
		}
	}
	copies, err := s.app.RedactedCopies(ctx, v, data.Source.ID)
	if err != nil {
		return err
	}
	data.Redacted = rows(copies)
	rec, err := s.app.SourceRedaction(ctx, v, data.Source.ID)
	if errors.Is(err, app.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	data.Redaction = &rec
	return nil
}
