package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/athar-project/athar/internal/model"
)

// AddRedaction records, ledgered, that source sourceID was made from
// redactedFrom with spans of its text redacted and regions of its page
// images filled (none for a copy of text only), why, by the transaction's
// actor and at its time. Both sources must exist; the rules on who may and
// at which level are the caller's.
func (t *Tx) AddRedaction(ctx context.Context, sourceID, redactedFrom string, spans []model.Span, regions []model.Region, reason string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return errors.New("a redaction needs a reason")
	}
	if len(spans) == 0 && len(regions) == 0 {
		return errors.New("a redaction needs at least one span or region")
	}
	if err := t.insert(ctx, "redactions", map[string]any{"source_id": sourceID, "redacted_from": redactedFrom,
		"spans": model.FormatSpans(spans), "reason": reason, "actor": t.actor, "at": t.at}); err != nil {
		return err
	}
	if len(regions) == 0 {
		return nil
	}
	return t.insert(ctx, "redaction_regions", map[string]any{"source_id": sourceID, "regions": model.FormatRegions(regions)})
}

// Redaction is the record of how source id was redacted from another;
// ErrNotFound when it is no redacted copy. Whoever asks must be cleared for
// the source; what of it they may see (the original's id, the spans) is the
// caller's rule.
func (s *Store) Redaction(ctx context.Context, id string) (model.Redaction, error) {
	var r model.Redaction
	var spans, regions, at string
	err := s.db.QueryRowContext(ctx, s.rebind("SELECT r.source_id, r.redacted_from, r.spans, COALESCE(g.regions, ''), r.reason, r.actor, r.at "+
		"FROM redactions r LEFT JOIN redaction_regions g ON g.source_id = r.source_id WHERE r.source_id = ?"), id).
		Scan(&r.SourceID, &r.RedactedFrom, &spans, &regions, &r.Reason, &r.Actor, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("redaction of %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return r, fmt.Errorf("read redaction of %s: %w", id, err)
	}
	if r.Spans, err = model.ParseSpans(spans); err != nil {
		return r, fmt.Errorf("redaction of %s: %w", id, err)
	}
	if r.Regions, err = model.ParseRegions(regions); err != nil {
		return r, fmt.Errorf("redaction of %s: %w", id, err)
	}
	r.At, _ = time.Parse(time.RFC3339Nano, at)
	return r, nil
}

// RedactedCopies lists the ids of the sources redacted from source id, oldest
// first.
func (s *Store) RedactedCopies(ctx context.Context, id string) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, s.rebind("SELECT source_id FROM redactions WHERE redacted_from = ? ORDER BY at, source_id"), id)
	if err != nil {
		return nil, fmt.Errorf("read redactions of %s: %w", id, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
