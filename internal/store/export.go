package store

import (
	"context"
	"fmt"

	"github.com/athar-project/athar/internal/model"
)

// EntityPage lists up to limit entities that are not merged into another,
// in id order, starting after the id after ("" for the first page). Exports
// page through the store with it so that they never hold every entity.
func (s *Store) EntityPage(ctx context.Context, after string, limit int) ([]model.Entity, error) {
	rows, err := s.db.QueryContext(ctx, s.rebind("SELECT id, type, created_at, created_by FROM entities "+
		"WHERE merged_into IS NULL AND id > ? ORDER BY id LIMIT ?"), after, limit)
	if err != nil {
		return nil, fmt.Errorf("page entities: %w", err)
	}
	defer rows.Close()
	var out []model.Entity
	for rows.Next() {
		var e model.Entity
		var typ, created string
		if err := rows.Scan(&e.ID, &typ, &created, &e.CreatedBy); err != nil {
			return nil, err
		}
		e.Type, e.CreatedAt = model.EntityType(typ), parseTime(created)
		out = append(out, e)
	}
	return out, rows.Err()
}

// MergedFrom lists the ids of the entities merged into id, in id order.
func (s *Store) MergedFrom(ctx context.Context, id string) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, s.rebind("SELECT id FROM entities WHERE merged_into = ? ORDER BY id"), id)
	if err != nil {
		return nil, fmt.Errorf("entities merged into %s: %w", id, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var x string
		if err := rows.Scan(&x); err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}
