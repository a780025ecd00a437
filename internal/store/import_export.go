package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
)

// SourceInfo returns one source without its text, if the viewer may see it:
// what an export needs to cite a source (title, publisher, URL, SHA-256)
// without reading the text of every source it cites.
func (s *Store) SourceInfo(ctx context.Context, v access.Viewer, id string) (model.Source, error) {
	cond, args := visibleFrom(v, "sensitivity", "id")
	row := s.db.QueryRowContext(ctx, s.rebind("SELECT "+sourceCols+" FROM sources WHERE id = ? AND "+cond), append([]any{id}, args...)...)
	src, err := scanSource(row, false)
	if errors.Is(err, sql.ErrNoRows) {
		return src, fmt.Errorf("source %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return src, err
	}
	one := []model.Source{src}
	if err := s.openSealed(ctx, one, false); err != nil {
		return src, err
	}
	src = one[0]
	return src, s.hideUnseenOriginal(ctx, v, &src)
}

// AddEntityWithID creates an entity with a given id: an import keeps the ids
// of the entities it brings back, so that an exported dataset imported into
// an empty store exports the same again.
func (t *Tx) AddEntityWithID(ctx context.Context, id string, typ model.EntityType) (model.Entity, error) {
	if _, err := model.ParseEntityType(string(typ)); err != nil {
		return model.Entity{}, err
	}
	if id == "" {
		return model.Entity{}, errors.New("an entity needs an id")
	}
	e := model.Entity{ID: id, Type: typ, CreatedAt: t.s.now(), CreatedBy: t.actor}
	return e, t.insert(ctx, "entities", map[string]any{
		"id": e.ID, "type": string(e.Type), "merged_into": nil, "created_at": timeText(e.CreatedAt), "created_by": e.CreatedBy,
	})
}

// EntityType returns the type of the entity with this id, as this
// transaction sees it, and whether there is one.
func (t *Tx) EntityType(ctx context.Context, id string) (model.EntityType, bool, error) {
	var typ string
	err := t.queryRow(ctx, "SELECT type FROM entities WHERE id = ?", id).Scan(&typ)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("entity %s: %w", id, err)
	}
	return model.EntityType(typ), true, nil
}

// StatementExists reports whether a statement with this id is stored, as
// this transaction sees it.
func (t *Tx) StatementExists(ctx context.Context, id string) (bool, error) {
	var x string
	err := t.queryRow(ctx, "SELECT id FROM statements WHERE id = ?", id).Scan(&x)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("statement %s: %w", id, err)
	}
	return true, nil
}

// StatementsOf returns, for each of the entities ids, the statements the
// viewer may see about it and about the entities merged into it (as
// Statements reads them: within the viewer's clearance, confirmed only for
// the public): the entity's own first, then each merged entity's in id
// order, each in the order they were stored. Exports read a page of
// entities with it in two queries instead of two per entity.
func (s *Store) StatementsOf(ctx context.Context, v access.Viewer, ids []string) (map[string][]model.Statement, error) {
	out := make(map[string][]model.Statement, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := s.db.QueryContext(ctx, s.rebind("SELECT id, merged_into FROM entities WHERE merged_into IN ("+placeholders(len(ids))+") ORDER BY id"), args...)
	if err != nil {
		return nil, fmt.Errorf("entities merged into a page: %w", err)
	}
	canonical := map[string]string{}
	var merged []string // in id order
	for rows.Next() {
		var id, into string
		if err := rows.Scan(&id, &into); err != nil {
			rows.Close()
			return nil, err
		}
		canonical[id] = into
		merged = append(merged, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	all := append(append([]any{}, args...), idArgs(merged)...)
	cond, vargs := visibleFrom(v, "sensitivity", "source_id")
	q := "SELECT " + statementCols + " FROM statements WHERE entity_id IN (" + placeholders(len(all)) + ") AND " + cond
	if v.ConfirmedOnly() {
		q += " AND status = 'confirmed'"
	}
	q += " ORDER BY entity_id, created_at, id"
	stmts, err := s.queryStatements(ctx, q, append(all, vargs...)...)
	if err != nil {
		return nil, fmt.Errorf("statements of a page: %w", err)
	}
	byEntity := map[string][]model.Statement{}
	for _, st := range stmts {
		byEntity[st.EntityID] = append(byEntity[st.EntityID], st)
	}
	for _, id := range ids {
		out[id] = byEntity[id]
	}
	for _, m := range merged {
		c := canonical[m]
		out[c] = append(out[c], byEntity[m]...)
	}
	return out, nil
}

func idArgs(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// EntitiesByID returns the entities with these ids that exist, by id.
func (s *Store) EntitiesByID(ctx context.Context, ids []string) (map[string]model.Entity, error) {
	out := make(map[string]model.Entity, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := s.db.QueryContext(ctx, s.rebind("SELECT id, type, COALESCE(merged_into, ''), created_at, created_by FROM entities WHERE id IN ("+
		placeholders(len(ids))+")"), idArgs(ids)...)
	if err != nil {
		return nil, fmt.Errorf("entities by id: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var e model.Entity
		var typ, created string
		if err := rows.Scan(&e.ID, &typ, &e.MergedInto, &created, &e.CreatedBy); err != nil {
			return nil, err
		}
		e.Type, e.CreatedAt = model.EntityType(typ), parseTime(created)
		out[e.ID] = e
	}
	return out, rows.Err()
}
