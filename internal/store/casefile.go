package store

import (
	"context"
	"fmt"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
)

// RejectedReferencing lists the rejected statements the viewer may see
// that link to one of ids through one of props — an event naming a person
// in a part a reviewer rejected — so that a case file can say the event was
// rejected rather than leave it out. The anonymous public sees confirmed
// statements only, so none. Each id and property walks its index range.
func (s *Store) RejectedReferencing(ctx context.Context, v access.Viewer, ids, props []string) ([]model.Statement, error) {
	if v.ConfirmedOnly() {
		return nil, nil
	}
	cond, cargs := visibleFrom(v, "sensitivity", "source_id")
	var out []model.Statement
	for _, id := range ids {
		for _, p := range props {
			sts, err := s.queryStatements(ctx, "SELECT "+statementCols+" FROM statements WHERE value_entity = ? AND property = ? AND status = 'rejected' AND "+
				cond+" ORDER BY date_start, created_at, id", append([]any{id, p}, cargs...)...)
			if err != nil {
				return nil, fmt.Errorf("rejected statements linking to %s: %w", id, err)
			}
			out = append(out, sts...)
		}
	}
	return out, nil
}
