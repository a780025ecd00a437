package app

import (
	"context"
	"errors"
	"maps"
	"strings"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// Consent: each testimony carries what its witness consented to
// (model.Consent) — use in court, sharing with named partners, publication,
// contact — recorded at ingest (IngestOptions.Consent) and changed by admins
// only, ledgered either way. ConsentAllows is the one check every use goes
// through: the public dataset, the dossier, the court package. Sources
// other than testimony carry no consent and are allowed every use (they are
// published material, whose use their sensitivity governs); a testimony
// with nothing recorded is allowed none.

// ConsentAllows reports whether source may be put to use u (for
// model.UsePartners, shared with partner): always for a source that is not
// a testimony, and for a testimony only when its witness consented.
func (a *App) ConsentAllows(ctx context.Context, sourceID string, u model.Use, partner string) (bool, error) {
	src, err := a.st.SourceInfo(ctx, access.Operator(), sourceID)
	if errors.Is(err, store.ErrNotFound) {
		return false, notFound("source")
	}
	if err != nil {
		return false, err
	}
	if src.Kind != model.KindTestimony {
		return true, nil
	}
	c, _, err := a.st.Consent(ctx, sourceID)
	if err != nil {
		return false, err
	}
	return c.Allows(u, partner), nil
}

// WithoutConsent lists the testimonies that may not be put to use u (with
// partner, for partners): what an export of that use leaves out.
func (a *App) WithoutConsent(ctx context.Context, u model.Use, partner string) (map[string]bool, error) {
	return a.st.TestimoniesWithout(ctx, u, partner)
}

// SourceConsent is what the witness of a testimony consented to, for v, who
// must be cleared to see the source; recorded false when nothing was.
func (a *App) SourceConsent(ctx context.Context, v access.Viewer, sourceID string) (model.Consent, bool, error) {
	if _, err := a.st.SourceInfo(ctx, v, sourceID); errors.Is(err, store.ErrNotFound) {
		return model.Consent{}, false, notFound("source")
	} else if err != nil {
		return model.Consent{}, false, err
	}
	return a.st.Consent(ctx, sourceID)
}

// SetConsent records what the witness of a testimony consented to, as v, an
// admin cleared to see it; ledgered under v's name.
func (a *App) SetConsent(ctx context.Context, v access.Viewer, sourceID string, c model.Consent) error {
	if v.Anonymous || v.Role != model.RoleAdmin {
		return forbidden("only an admin may change a witness's consent (%s is %s)", v.Actor(), v.Role)
	}
	src, err := a.st.SourceInfo(ctx, v, sourceID)
	if errors.Is(err, store.ErrNotFound) {
		return notFound("source")
	}
	if err != nil {
		return err
	}
	if src.Kind != model.KindTestimony {
		return invalid("source %s is a %s: consent is recorded for testimony only", sourceID, src.Kind)
	}
	return a.st.Write(ctx, v.Actor(), func(tx *store.Tx) error { return tx.SetConsent(ctx, sourceID, c) })
}

// ForPartner makes opt an export to share with partner: it leaves out every
// statement drawn from a testimony whose witness did not consent to sharing
// with that partner (and the case status is drawn without them too). An
// export with no partner named is for the organisation itself, which is not
// sharing: it holds what its viewer may see.
func (a *App) ForPartner(ctx context.Context, opt *ExportOptions, partner string) error {
	if partner == "" {
		return nil
	}
	if _, err := model.ParseConsent(string(model.UsePartners) + ":" + partner); err != nil || strings.ContainsAny(partner, ",|") || strings.TrimSpace(partner) != partner {
		return invalid("partner %q: a partner's name is 1 to 64 characters, no comma, bar, control character or space at either end", partner)
	}
	withhold, err := a.WithoutConsent(ctx, model.UsePartners, partner)
	if err != nil {
		return err
	}
	if opt.Withhold == nil {
		opt.Withhold = withhold
		return nil
	}
	merged := maps.Clone(opt.Withhold)
	maps.Copy(merged, withhold)
	opt.Withhold = merged
	return nil
}
