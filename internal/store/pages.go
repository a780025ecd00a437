package store

import (
	"context"
	"fmt"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
)

// Keyset pages of entities and statements for the JSON API: each page
// starts strictly after the last id of the one before, so pages neither skip
// nor repeat whatever is added meanwhile, and each is one bounded query.

// EntityFilter narrows a page of entities.
type EntityFilter struct {
	Type  model.EntityType // "" any
	After string           // the last id of the previous page; "" first page
	Limit int              // at most this many (required, > 0)
}

// EntityPageFor lists, in id order, the entities not merged into another
// that the viewer may see something of: a statement about the entity (or an
// entity merged into it) that is not rejected, within the viewer's clearance
// and, for the public, confirmed. Each comes with the names the viewer may
// see, strongest property first.
func (s *Store) EntityPageFor(ctx context.Context, v access.Viewer, f EntityFilter) ([]EntityNames, error) {
	if f.Limit <= 0 {
		return nil, fmt.Errorf("page entities: a page needs a limit")
	}
	cond, args := visibleIn(v, "st.sensitivity")
	q := "SELECT e.id, e.type, e.created_at, e.created_by FROM entities e WHERE e.merged_into IS NULL AND e.id > ?"
	args = append([]any{f.After}, args...)
	exists := " AND EXISTS (SELECT 1 FROM statements st JOIN entities m ON m.id = st.entity_id " +
		"WHERE (m.id = e.id OR m.merged_into = e.id) AND st.status <> 'rejected' AND " + cond
	if v.ConfirmedOnly() {
		exists += " AND st.status = 'confirmed'"
	}
	q += exists + ")"
	if f.Type != "" {
		q += " AND e.type = ?"
		args = append(args, string(f.Type))
	}
	q += fmt.Sprintf(" ORDER BY e.id LIMIT %d", f.Limit)
	rows, err := s.db.QueryContext(ctx, s.Rebind(q), args...)
	if err != nil {
		return nil, fmt.Errorf("page entities: %w", err)
	}
	var out []EntityNames
	index := map[string]int{}
	for rows.Next() {
		var e model.Entity
		var typ, created string
		if err := rows.Scan(&e.ID, &typ, &created, &e.CreatedBy); err != nil {
			rows.Close()
			return nil, err
		}
		e.Type, e.CreatedAt = model.EntityType(typ), parseTime(created)
		index[e.ID] = len(out)
		out = append(out, EntityNames{Entity: e})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return out, nil
	}
	return out, s.pageNames(ctx, v, out, index)
}

// pageNames fills in the names the viewer may see of a page of entities.
func (s *Store) pageNames(ctx context.Context, v access.Viewer, page []EntityNames, index map[string]int) error {
	cond, args := visibleIn(v, "st.sensitivity")
	ids := make([]any, 0, len(page))
	for _, e := range page {
		ids = append(ids, e.ID)
	}
	q := "SELECT COALESCE(e.merged_into, e.id), st.property, st.value FROM statements st JOIN entities e ON e.id = st.entity_id " +
		"WHERE COALESCE(e.merged_into, e.id) IN (" + placeholders(len(ids)) + ") AND st.property IN ('name', 'alias', 'weakAlias') " +
		"AND st.value <> '' AND st.status <> 'rejected' AND " + cond
	if v.ConfirmedOnly() {
		q += " AND st.status = 'confirmed'"
	}
	q += " ORDER BY st.created_at, st.id"
	rows, err := s.db.QueryContext(ctx, s.Rebind(q), append(ids, args...)...)
	if err != nil {
		return fmt.Errorf("names of a page of entities: %w", err)
	}
	defer rows.Close()
	byProp := make([]map[string][]string, len(page))
	seen := make([]map[string]bool, len(page))
	for rows.Next() {
		var id, prop, value string
		if err := rows.Scan(&id, &prop, &value); err != nil {
			return err
		}
		i := index[id]
		if byProp[i] == nil {
			byProp[i], seen[i] = map[string][]string{}, map[string]bool{}
		}
		if !seen[i][value] {
			seen[i][value] = true
			byProp[i][prop] = append(byProp[i][prop], value)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for i := range page {
		for _, p := range NameProperties {
			page[i].Names = append(page[i].Names, byProp[i][p]...)
		}
	}
	return nil
}

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
	cond, args := visibleIn(v, "sensitivity")
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
