package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/athar-project/athar/internal/model"
)

// Consent of witnesses in the web UI: a testimony's page shows what its
// witness consented to, to signed-in accounts that may see the source; an
// admin changes it there (app.SetConsent, ledgered); the upload form
// records it for testimonies.

// sourceConsent is a testimony page's consent section.
type sourceConsent struct {
	Consent  model.Consent
	Recorded bool // false: nothing recorded, which consents to nothing
	CanEdit  bool // an admin: the form
	Partners string
}

func (s *Server) sourceConsent(r *http.Request, src model.Source) (*sourceConsent, error) {
	st := state(r)
	if src.Kind != model.KindTestimony || st.viewer.Anonymous {
		return nil, nil
	}
	c, recorded, err := s.app.SourceConsent(r.Context(), st.viewer, src.ID)
	if err != nil {
		return nil, err
	}
	return &sourceConsent{Consent: c, Recorded: recorded, CanEdit: st.viewer.Role == model.RoleAdmin,
		Partners: strings.Join(c.Partners, ", ")}, nil
}

// consentFromForm reads the consent fields of a form: checkboxes
// consent_court, consent_publication and consent_contact, and
// consent_partners, partners' names separated by commas.
func consentFromForm(f url.Values) (model.Consent, error) {
	var parts []string
	for _, u := range []model.Use{model.UseCourt, model.UsePublication, model.UseContact} {
		if f.Get("consent_"+string(u)) != "" {
			parts = append(parts, string(u))
		}
	}
	for _, p := range strings.Split(f.Get("consent_partners"), ",") {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, string(model.UsePartners)+":"+p)
		}
	}
	return model.ParseConsent(strings.Join(parts, ","))
}

// consentSubmit records what the witness of a testimony consented to, as
// the signed-in admin (ledgered under their name).
func (s *Server) consentSubmit(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), state(r).viewer
	id := r.PathValue("id")
	c, err := consentFromForm(r.PostForm)
	if err != nil {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	if err := s.app.SetConsent(ctx, v, id, c); err != nil {
		s.fail(w, r, err)
		return
	}
	s.log.Info("consent recorded", "user", v.Actor())
	http.Redirect(w, r, "/sources/"+id+"#consent", http.StatusSeeOther)
}
