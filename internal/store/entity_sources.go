package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
)

// The sources that mention an entity (entity_sources, migration 00010): one
// row per entity and source, kept as mentions are linked, relinked and
// removed, carrying what a page sorts and filters sources by. Derived, not
// ledgered; rebuilt from the mentions when missing.

// countMention adds a mention of entity in source (sign 1) or takes one
// away (-1); a source's first mention of an entity, and its last, change
// the entity's count of sources at the source's level.
func (t *Tx) countMention(ctx context.Context, entity, source string, sign int) error {
	if entity == "" {
		return nil
	}
	var n int
	var level string
	var err error
	if sign > 0 {
		err = t.queryRow(ctx, "INSERT INTO entity_sources (entity_id, source_id, published, ingested_at, sensitivity, mentions) "+
			"SELECT ?, id, published, ingested_at, sensitivity, 1 FROM sources WHERE id = ? "+
			"ON CONFLICT (entity_id, source_id) DO UPDATE SET mentions = entity_sources.mentions + 1 RETURNING mentions, sensitivity",
			entity, source).Scan(&n, &level)
	} else {
		err = t.queryRow(ctx, "UPDATE entity_sources SET mentions = mentions - 1 WHERE entity_id = ? AND source_id = ? RETURNING mentions, sensitivity",
			entity, source).Scan(&n, &level)
		if errors.Is(err, sql.ErrNoRows) {
			return nil // never counted
		}
	}
	if err != nil {
		return fmt.Errorf("sources of %s: %w", entity, err)
	}
	switch {
	case sign > 0 && n == 1:
	case sign < 0 && n <= 0:
		if _, err := t.exec(ctx, "DELETE FROM entity_sources WHERE entity_id = ? AND source_id = ?", entity, source); err != nil {
			return fmt.Errorf("sources of %s: %w", entity, err)
		}
	default:
		return nil // the source mentioned it before, and still does
	}
	lv, err := model.ParseSensitivity(level)
	if err != nil {
		return fmt.Errorf("sources of %s: %w", entity, err)
	}
	var d [4]int
	d[lv] = sign
	_, err = t.exec(ctx, "INSERT INTO entity_source_counts (entity_id, n_public, n_internal, n_restricted, n_confidential) VALUES (?, ?, ?, ?, ?) "+
		"ON CONFLICT (entity_id) DO UPDATE SET n_public = entity_source_counts.n_public + excluded.n_public, "+
		"n_internal = entity_source_counts.n_internal + excluded.n_internal, "+
		"n_restricted = entity_source_counts.n_restricted + excluded.n_restricted, "+
		"n_confidential = entity_source_counts.n_confidential + excluded.n_confidential", entity, d[0], d[1], d[2], d[3])
	if err != nil {
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
// limit of them by publication date, with how many there are in all. ids
// are the entity and those merged into it (MergedInto).
func (s *Store) RecentSourcesMentioning(ctx context.Context, v access.Viewer, ids []string, limit int) ([]model.Source, int, error) {
	if len(ids) == 0 {
		return nil, 0, nil
	}
	entityID := ids[0]
	var err error
	cond, cargs := visibleIn(v, "sensitivity")
	where := " FROM entity_sources WHERE entity_id IN (" + placeholders(len(ids)) + ") AND " + cond
	args := append(idArgs(ids), cargs...)
	var total int
	if len(ids) == 1 {
		// The kept count of sources at each level the viewer may see.
		var sum []string
		for _, l := range v.Visible() {
			sum = append(sum, "n_"+l.String())
		}
		if len(sum) > 0 {
			err = s.db.QueryRowContext(ctx, s.rebind("SELECT "+strings.Join(sum, " + ")+" FROM entity_source_counts WHERE entity_id = ?"), entityID).Scan(&total)
			if errors.Is(err, sql.ErrNoRows) {
				err = nil
			}
		}
	} else {
		// Entities merged together: a source mentioning two counts once.
		err = s.db.QueryRowContext(ctx, s.rebind("SELECT count(DISTINCT source_id)"+where), args...).Scan(&total)
	}
	if err != nil {
		return nil, 0, fmt.Errorf("count sources mentioning %s: %w", entityID, err)
	}
	rows, err := s.db.QueryContext(ctx, s.rebind("SELECT source_id"+where+
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

// MergedInto lists the entities merged into id, directly or through
// another merged entity.
func (s *Store) MergedInto(ctx context.Context, id string) ([]string, error) {
	var out []string
	seen := []string{id}
	for i := 0; i < len(seen); i++ {
		from, err := s.MergedFrom(ctx, seen[i])
		if err != nil {
			return nil, err
		}
		for _, m := range from {
			if !slices.Contains(seen, m) {
				seen = append(seen, m)
				out = append(out, m)
			}
		}
	}
	return out, nil
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
	if _, err := t.exec(ctx, "DELETE FROM entity_source_counts"); err != nil {
		return fmt.Errorf("sources of entities: %w", err)
	}
	_, err = t.exec(ctx, "INSERT INTO entity_source_counts (entity_id, n_public, n_internal, n_restricted, n_confidential) "+
		"SELECT entity_id, sum(CASE WHEN sensitivity = 'public' THEN 1 ELSE 0 END), sum(CASE WHEN sensitivity = 'internal' THEN 1 ELSE 0 END), "+
		"sum(CASE WHEN sensitivity = 'restricted' THEN 1 ELSE 0 END), sum(CASE WHEN sensitivity = 'confidential' THEN 1 ELSE 0 END) "+
		"FROM entity_sources GROUP BY entity_id")
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
// not rejected, linking to one of ids through one of props, up to limit: a
// page that only needs to say "more than 1,000 events" stops there.
func (s *Store) CountReferencing(ctx context.Context, v access.Viewer, ids, props []string, limit int) (int, error) {
	cond, cargs := visibleIn(v, "sensitivity")
	if v.ConfirmedOnly() {
		cond += " AND status = 'confirmed'"
	}
	var n int
	err := s.db.QueryRowContext(ctx, s.rebind(fmt.Sprintf("SELECT count(*) FROM (SELECT DISTINCT entity_id FROM statements WHERE value_entity IN (%s) "+
		"AND property IN (%s) AND status <> 'rejected' AND %s LIMIT %d) linked", placeholders(len(ids)), placeholders(len(props)), cond, limit)),
		append(append(idArgs(ids), idArgs(props)...), cargs...)...).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count statements linking to %s: %w", ids[0], err)
	}
	return n, nil
}
