package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
)

// Listing entities a page at a time: Entities reads every entity at once,
// which a store of 100,000 entities cannot afford on every page view.

// listable is the condition on a row of claim totals (alias st, of an
// entity that stands for the entity e) that makes e worth listing to the
// viewer: a visible name, or for an event its visible type. Its ? are the
// viewer's levels. The totals hold a row per value, level and review state,
// so an entity that thousands of sources name is checked in a few rows.
func listable(v access.Viewer) (string, []any) {
	cond, args := claimsVisible(v, "st.")
	c := "st.status <> 'rejected' AND st.n > 0 AND " + cond
	if v.ConfirmedOnly() {
		c += " AND st.status = 'confirmed'"
	}
	c += " AND ((st.property IN ('name', 'alias', 'weakAlias') AND st.value <> '') OR (st.property = 'eventType' AND e.type = 'event'))"
	return c, args
}

// entityListWhere is the WHERE clause of entities (alias e) not merged into
// another that the viewer may see a name (or an event's type) of, through
// their own statements or those of an entity merged into them.
func entityListWhere(v access.Viewer, typ model.EntityType) (string, []any) {
	c, cargs := listable(v)
	// COALESCE keeps the planners off the merged_into index, so that they
	// walk entities in id order and stop at the page's end. Entities merged
	// into e are looked for only when e is among the few that have any (a
	// set the engine builds once per query).
	q := "COALESCE(e.merged_into, '') = '' AND (EXISTS (SELECT 1 FROM claim_stats st WHERE st.entity_id = e.id AND " + c + ")" +
		" OR (e.id IN (SELECT merged_into FROM entities WHERE merged_into IS NOT NULL)" +
		" AND EXISTS (SELECT 1 FROM entities m WHERE m.merged_into = e.id AND EXISTS (SELECT 1 FROM claim_stats st WHERE st.entity_id = m.id AND " + c + "))))"
	args := append(append([]any{}, cargs...), cargs...)
	if typ != "" {
		q += " AND e.type = ?"
		args = append(args, string(typ))
	}
	return q, args
}

// EntitiesPage lists, in id order (random ids: an order that tells nothing
// of when they were created), at most
// limit entities of a type ("" for all) that the viewer may see a name of —
// or, for an event, its type — starting after the entity id after ("" for
// the first page), each with the names the viewer may see. Entities merged
// into another are listed under it.
func (s *Store) EntitiesPage(ctx context.Context, v access.Viewer, typ model.EntityType, after string, limit int) ([]EntityNames, error) {
	where, args := entityListWhere(v, typ)
	q := "SELECT e.id, e.type, e.created_at, e.created_by FROM entities e WHERE " + where
	if after != "" {
		q += " AND e.id > ?"
		args = append(args, after)
	}
	q += fmt.Sprintf(" ORDER BY e.id LIMIT %d", limit)
	rows, err := s.db.QueryContext(ctx, s.rebind(q), args...)
	if err != nil {
		return nil, fmt.Errorf("list entities: %w", err)
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
		return nil, nil
	}
	return out, s.addNames(ctx, v, out, index)
}

// addNames fills in the names the viewer may see of the listed entities,
// strongest property first, each once.
func (s *Store) addNames(ctx context.Context, v access.Viewer, out []EntityNames, index map[string]int) error {
	ids := make([]any, 0, len(out))
	for _, en := range out {
		ids = append(ids, en.ID)
	}
	cond, cargs := claimsVisible(v, "c.")
	c := "c.property IN ('name', 'alias', 'weakAlias') AND c.value <> '' AND c.status <> 'rejected' AND c.n > 0 AND " + cond
	if v.ConfirmedOnly() {
		c += " AND c.status = 'confirmed'"
	}
	// Their own names and those of entities merged into them, from the
	// claim totals: a place named by thousands of sources has a row per
	// spelling (and level and review state), not one per statement.
	q := "SELECT eid, property, value, first_at FROM (" +
		"SELECT c.entity_id AS eid, c.property, c.value, c.first_at FROM claim_stats c WHERE c.entity_id IN (" +
		placeholders(len(ids)) + ") AND " + c +
		" UNION ALL SELECT m.merged_into AS eid, c.property, c.value, c.first_at FROM entities m JOIN claim_stats c ON c.entity_id = m.id" +
		" WHERE m.merged_into IN (" + placeholders(len(ids)) + ") AND " + c + ") named ORDER BY 4, 3"
	args := append(append(append(append([]any{}, ids...), cargs...), ids...), cargs...)
	rows, err := s.db.QueryContext(ctx, s.rebind(q), args...)
	if err != nil {
		return fmt.Errorf("names of listed entities: %w", err)
	}
	defer rows.Close()
	byProp := make([]map[model.Property][]string, len(out))
	seen := make([]map[string]bool, len(out))
	open := s.valueOpener()
	for rows.Next() {
		var id, value, first string
		var prop model.Property
		if err := rows.Scan(&id, &prop, &value, &first); err != nil {
			return err
		}
		i, ok := index[id]
		if !ok {
			continue
		}
		sealed := strings.HasPrefix(value, sealedRefPrefix)
		if value, err = open.ref(ctx, value); err != nil {
			return fmt.Errorf("names of listed entities: %w", err)
		}
		if sealed && value == Withdrawn {
			continue
		}
		if byProp[i] == nil {
			byProp[i], seen[i] = map[model.Property][]string{}, map[string]bool{}
		}
		if !seen[i][value] {
			seen[i][value] = true
			byProp[i][prop] = append(byProp[i][prop], value)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for i := range out {
		for _, p := range NameProperties {
			out[i].Names = append(out[i].Names, byProp[i][p]...)
		}
	}
	return nil
}

// CountEntities counts the entities EntitiesPage would list, across all
// pages, up to limit (0: no limit): counting means checking what the viewer
// may see of every entity, so a page that only needs to say "more than
// 1,000" stops there.
func (s *Store) CountEntities(ctx context.Context, v access.Viewer, typ model.EntityType, limit int) (int, error) {
	where, args := entityListWhere(v, typ)
	q := "SELECT count(*) FROM entities e WHERE " + where
	if limit > 0 {
		q = fmt.Sprintf("SELECT count(*) FROM (SELECT 1 FROM entities e WHERE %s LIMIT %d) capped", where, limit)
	}
	var n int
	if err := s.db.QueryRowContext(ctx, s.rebind(q), args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count entities: %w", err)
	}
	return n, nil
}
