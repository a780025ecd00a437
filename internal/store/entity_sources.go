package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
)

// The sources that mention an entity (entity_sources, migration 00010): one
// row per entity and source, kept as mentions are linked, relinked and
// removed, carrying what a page sorts and filters sources by. Derived, not
// ledgered; rebuilt from the mentions when missing.

// countMention adds a mention of entity in source (sign 1) or takes one
// away (-1).
func (t *Tx) countMention(ctx context.Context, entity, source string, sign int) error {
	if entity == "" {
		return nil
	}
	if sign > 0 {
		_, err := t.exec(ctx, "INSERT INTO entity_sources (entity_id, source_id, published, ingested_at, sensitivity, mentions) "+
			"SELECT ?, id, published, ingested_at, sensitivity, 1 FROM sources WHERE id = ? "+
			"ON CONFLICT (entity_id, source_id) DO UPDATE SET mentions = entity_sources.mentions + 1", entity, source)
		if err != nil {
			return fmt.Errorf("sources of %s: %w", entity, err)
		}
		return nil
	}
	if _, err := t.exec(ctx, "UPDATE entity_sources SET mentions = mentions - 1 WHERE entity_id = ? AND source_id = ?", entity, source); err != nil {
		return fmt.Errorf("sources of %s: %w", entity, err)
	}
	if _, err := t.exec(ctx, "DELETE FROM entity_sources WHERE entity_id = ? AND source_id = ? AND mentions <= 0", entity, source); err != nil {
		return fmt.Errorf("sources of %s: %w", entity, err)
	}
	return nil
}

// mentionOf reads the entity and source of a stored mention.
func (t *Tx) mentionOf(ctx context.Context, id string) (entity, source string, err error) {
	err = t.queryRow(ctx, "SELECT COALESCE(entity_id, ''), source_id FROM mentions WHERE id = ?", id).Scan(&entity, &source)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", fmt.Errorf("mention %s: %w", id, ErrNotFound)
	}
	return entity, source, err
}

// RecentSourcesMentioning is SourcesMentioning for a page: the newest
// limit of them by publication date, with how many there are in all.
func (s *Store) RecentSourcesMentioning(ctx context.Context, v access.Viewer, entityID string, limit int) ([]model.Source, int, error) {
	ids, err := s.withMerged(ctx, entityID)
	if err != nil {
		return nil, 0, err
	}
	cond, cargs := visibleIn(v, "sensitivity")
	where := " FROM entity_sources WHERE entity_id IN (" + placeholders(len(ids)) + ") AND " + cond
	args := append(idArgs(ids), cargs...)
	count := "SELECT count(*)" + where
	if len(ids) > 1 {
		count = "SELECT count(DISTINCT source_id)" + where
	}
	var total int
	if err := s.db.QueryRowContext(ctx, s.Rebind(count), args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count sources mentioning %s: %w", entityID, err)
	}
	rows, err := s.db.QueryContext(ctx, s.Rebind("SELECT source_id"+where+
		fmt.Sprintf(" ORDER BY published DESC, ingested_at DESC, source_id DESC LIMIT %d", limit*len(ids))), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("sources mentioning %s: %w", entityID, err)
	}
	var newest []string
	seen := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, 0, err
		}
		if !seen[id] && len(newest) < limit {
			seen[id] = true
			newest = append(newest, id)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("sources mentioning %s: %w", entityID, err)
	}
	got, err := s.SourcesByID(ctx, v, newest)
	if err != nil {
		return nil, 0, err
	}
	out := make([]model.Source, 0, len(newest))
	for _, id := range newest {
		if src, ok := got[id]; ok {
			out = append(out, src)
		}
	}
	return out, total, nil
}

// withMerged is the entity and every entity merged into it, directly or not.
func (s *Store) withMerged(ctx context.Context, id string) ([]string, error) {
	out := []string{id}
	for i := 0; i < len(out); i++ {
		from, err := s.MergedFrom(ctx, out[i])
		if err != nil {
			return nil, err
		}
		for _, m := range from {
			if !containsID(out, m) {
				out = append(out, m)
			}
		}
	}
	return out, nil
}

func containsID(ids []string, id string) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// rebuildEntitySources fills entity_sources from the mentions.
func rebuildEntitySources(ctx context.Context, t *Tx) error {
	if _, err := t.exec(ctx, "DELETE FROM entity_sources"); err != nil {
		return fmt.Errorf("sources of entities: %w", err)
	}
	_, err := t.exec(ctx, "INSERT INTO entity_sources (entity_id, source_id, published, ingested_at, sensitivity, mentions) "+
		"SELECT m.entity_id, m.source_id, s.published, s.ingested_at, s.sensitivity, count(*) FROM mentions m JOIN sources s ON s.id = m.source_id "+
		"WHERE m.entity_id IS NOT NULL GROUP BY m.entity_id, m.source_id, s.published, s.ingested_at, s.sensitivity")
	if err != nil {
		return fmt.Errorf("sources of entities: %w", err)
	}
	return nil
}

// LatestReferencing lists, of the statements the viewer may see that link
// to one of ids through one of props and are not rejected, the latest limit
// of each id and property by date (then as made), oldest first: what a page
// of an entity that thousands of events name shows of them.
func (s *Store) LatestReferencing(ctx context.Context, v access.Viewer, ids, props []string, limit int) ([]model.Statement, error) {
	cond, cargs := visibleIn(v, "sensitivity")
	if v.ConfirmedOnly() {
		cond += " AND status = 'confirmed'"
	}
	var out []model.Statement
	// One query per entity and property, each walking its index range
	// newest first: an IN list over either would sort the whole range.
	for _, id := range ids {
		for _, p := range props {
			sts, err := s.queryStatements(ctx, "SELECT "+statementCols+" FROM statements WHERE value_entity = ? AND property = ? AND status <> 'rejected' AND "+
				cond+fmt.Sprintf(" ORDER BY date_start DESC, created_at DESC, id DESC LIMIT %d", limit), append([]any{id, p}, cargs...)...)
			if err != nil {
				return nil, fmt.Errorf("statements linking to %s: %w", id, err)
			}
			out = append(out, sts...)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.DateStart != b.DateStart {
			return a.DateStart.String() < b.DateStart.String()
		}
		if !a.CreatedAt.Equal(b.CreatedAt) {
			return a.CreatedAt.Before(b.CreatedAt)
		}
		return a.ID < b.ID
	})
	return out, nil
}

// CountReferencing counts the entities with a statement the viewer may see,
// not rejected, linking to one of ids through one of props.
func (s *Store) CountReferencing(ctx context.Context, v access.Viewer, ids, props []string) (int, error) {
	cond, cargs := visibleIn(v, "sensitivity")
	if v.ConfirmedOnly() {
		cond += " AND status = 'confirmed'"
	}
	var n int
	err := s.db.QueryRowContext(ctx, s.Rebind("SELECT count(DISTINCT entity_id) FROM statements WHERE value_entity IN ("+placeholders(len(ids))+
		") AND property IN ("+placeholders(len(props))+") AND status <> 'rejected' AND "+cond),
		append(append(idArgs(ids), idArgs(props)...), cargs...)...).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count statements linking to %s: %w", ids[0], err)
	}
	return n, nil
}
