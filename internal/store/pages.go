package store

import (
	"context"
	"fmt"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
)

// Keyset pages of statements for the JSON API (entities are paged by
// EntitiesPage, which the web UI uses too): each page starts strictly after
// the last id of the one before, so pages neither skip nor repeat whatever is
// added meanwhile, and each is one bounded query.

// StatementFilter narrows a page of statements. At least one of EntityIDs
// and SourceID must be set.
type StatementFilter struct {
	EntityIDs []string     // statements about these entities
	SourceID  string       // statements drawn from this source
	Status    model.Status // "" any
	Property  string       // "" any
	After     string       // the last id of the previous page; "" first page
	Limit     int          // at most this many (required, > 0)
}

// StatementPageFor lists, in id order (the order they were made in), the
// statements the viewer may see that match the filter: within the viewer's
// clearance and, for the public, confirmed only.
func (s *Store) StatementPageFor(ctx context.Context, v access.Viewer, f StatementFilter) ([]model.Statement, error) {
	if f.Limit <= 0 {
		return nil, fmt.Errorf("page statements: a page needs a limit")
	}
	if len(f.EntityIDs) == 0 && f.SourceID == "" {
		return nil, fmt.Errorf("page statements: name an entity or a source")
	}
	cond, args := visibleFrom(v, "sensitivity", "source_id")
	q := "SELECT " + statementCols + " FROM statements WHERE " + cond + " AND id > ?"
	args = append(args, f.After)
	if len(f.EntityIDs) > 0 {
		q += " AND entity_id IN (" + placeholders(len(f.EntityIDs)) + ")"
		for _, id := range f.EntityIDs {
			args = append(args, id)
		}
	}
	if f.SourceID != "" {
		q += " AND source_id = ?"
		args = append(args, f.SourceID)
	}
	if v.ConfirmedOnly() {
		q += " AND status = 'confirmed'"
	}
	if f.Status != "" {
		q += " AND status = ?"
		args = append(args, string(f.Status))
	}
	if f.Property != "" {
		q += " AND property = ?"
		args = append(args, f.Property)
	}
	q += fmt.Sprintf(" ORDER BY id LIMIT %d", f.Limit)
	out, err := s.queryStatements(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("page statements: %w", err)
	}
	return out, nil
}
