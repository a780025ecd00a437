package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/athar-project/athar/internal/model"
)

// SetConsent records what the witness of a source consented to, replacing
// what was recorded (ledgered either way).
//
// Consent to publication decides whether the anonymous public reads the
// statements drawn from a testimony, so their part in the public's claim
// totals is taken out and put back under the new consent (recountSource).
func (t *Tx) SetConsent(ctx context.Context, sourceID string, c model.Consent) error {
	return t.recountSource(ctx, sourceID, func() error { return t.setConsent(ctx, sourceID, c) })
}

func (t *Tx) setConsent(ctx context.Context, sourceID string, c model.Consent) error {
	var one int
	err := t.tx.QueryRowContext(ctx, t.s.rebind("SELECT 1 FROM consents WHERE source_id = ?"), sourceID).Scan(&one)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return t.insert(ctx, "consents", map[string]any{"source_id": sourceID, "uses": c.String(),
			"recorded_by": t.actor, "recorded_at": t.at})
	case err != nil:
		return fmt.Errorf("read consent of %s: %w", sourceID, err)
	}
	return t.update(ctx, "consents", sourceID, map[string]any{"uses": c.String(), "recorded_by": t.actor, "recorded_at": t.at})
}

// Consent is what the witness of a source consented to; recorded false when
// nothing was recorded.
func (s *Store) Consent(ctx context.Context, sourceID string) (c model.Consent, recorded bool, err error) {
	var uses string
	err = s.db.QueryRowContext(ctx, s.rebind("SELECT uses FROM consents WHERE source_id = ?"), sourceID).Scan(&uses)
	if errors.Is(err, sql.ErrNoRows) {
		return c, false, nil
	}
	if err != nil {
		return c, false, fmt.Errorf("read consent of %s: %w", sourceID, err)
	}
	c, err = model.ParseConsent(uses)
	return c, true, err
}

// TestimoniesWithout lists the ids of testimony sources whose witness did
// not consent to use u (with partner, for partners) — recorded consent
// without it, or none recorded.
func (s *Store) TestimoniesWithout(ctx context.Context, u model.Use, partner string) (map[string]bool, error) {
	rows, err := s.db.QueryContext(ctx, s.rebind("SELECT s.id, COALESCE(c.uses, '') FROM sources s LEFT JOIN consents c ON c.source_id = s.id WHERE s.kind = ?"),
		string(model.KindTestimony))
	if err != nil {
		return nil, fmt.Errorf("read consents: %w", err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var id, uses string
		if err := rows.Scan(&id, &uses); err != nil {
			return nil, err
		}
		c, err := model.ParseConsent(uses)
		if err != nil || !c.Allows(u, partner) {
			out[id] = true
		}
	}
	return out, rows.Err()
}
