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
// away (-1).
func (t *Tx) countMention(ctx context.Context, entity, source string, sign int) error {
	return t.countMentions(ctx, []mentionDelta{{entity: entity, source: source, n: sign}})
}

// mentionDelta is how many mentions of an entity a write adds to a source
// (n > 0) or takes from it (n < 0).
type mentionDelta struct {
	entity, source string
	n              int
}

// countBatch is how many rows one statement of countMentions writes: a few
// parameters each, far below either engine's limit on parameters.
const countBatch = 500

// countMentions applies deltas to entity_sources: a source's first mention
// of an entity, and its last, change the entity's count of sources at the
// source's level. It costs a constant number of statements per countBatch
// deltas, whatever their sizes: deltas are summed per entity and source
// first, each source's level is read once, and the rows are written by
// multi-row upserts, so storing a long source's 250,000 mentions is a few
// statements per thousand entities, not four per mention.
func (t *Tx) countMentions(ctx context.Context, deltas []mentionDelta) error {
	type pair struct{ entity, source string }
	sum := map[pair]int{}
	var order []pair
	for _, d := range deltas {
		if d.entity == "" || d.n == 0 {
			continue
		}
		p := pair{d.entity, d.source}
		if _, ok := sum[p]; !ok {
			order = append(order, p)
		}
		sum[p] += d.n
	}
	var adds, takes []mentionDelta
	for _, p := range order {
		switch n := sum[p]; {
		case n > 0:
			adds = append(adds, mentionDelta{p.entity, p.source, n})
		case n < 0:
			takes = append(takes, mentionDelta{p.entity, p.source, n})
		}
	}
	levels := map[string]*[4]int{} // per entity, sources gained (+) or lost (-) at each level
	var entities []string
	change := func(entity, level string, sign int) error {
		lv, err := model.ParseSensitivity(level)
		if err != nil {
			return fmt.Errorf("sources of %s: %w", entity, err)
		}
		d, ok := levels[entity]
		if !ok {
			d = new([4]int)
			levels[entity] = d
			entities = append(entities, entity)
		}
		d[lv] += sign
		return nil
	}
	for len(adds) > 0 {
		n := min(len(adds), countBatch)
		if err := t.addEntitySources(ctx, adds[:n], change); err != nil {
			return err
		}
		adds = adds[n:]
	}
	for len(takes) > 0 {
		n := min(len(takes), countBatch)
		if err := t.takeEntitySources(ctx, takes[:n], change); err != nil {
			return err
		}
		takes = takes[n:]
	}
	for len(entities) > 0 {
		n := min(len(entities), countBatch)
		if err := t.addSourceCounts(ctx, entities[:n], levels); err != nil {
			return err
		}
		entities = entities[n:]
	}
	return nil
}

// mentionedSource is what entity_sources and statements copy from a source.
type mentionedSource struct{ published, ingestedAt, sensitivity string }

// sourceRows reads what entity_sources copies from each of the sources
// deltas name, once each per transaction (sourceInfo).
func (t *Tx) sourceRows(ctx context.Context, deltas []mentionDelta) (map[string]mentionedSource, error) {
	var ids []any
	out := map[string]mentionedSource{}
	for _, d := range deltas {
		if _, ok := out[d.source]; ok {
			continue
		}
		if r, ok := t.sources[d.source]; ok {
			out[d.source] = r
			continue
		}
		out[d.source] = mentionedSource{}
		ids = append(ids, d.source)
	}
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := t.query(ctx, "SELECT id, published, ingested_at, sensitivity FROM sources WHERE id IN ("+placeholders(len(ids))+")", ids...)
	if err != nil {
		return nil, fmt.Errorf("sources of mentions: %w", err)
	}
	defer rows.Close()
	for _, id := range ids {
		delete(out, id.(string)) // found below, or not at all
	}
	if t.sources == nil {
		t.sources = map[string]mentionedSource{}
	}
	for rows.Next() {
		var id string
		var r mentionedSource
		if err := rows.Scan(&id, &r.published, &r.ingestedAt, &r.sensitivity); err != nil {
			return nil, err
		}
		out[id], t.sources[id] = r, r
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sources of mentions: %w", err)
	}
	return out, nil
}

// sourceInfo is what statements and entity_sources copy from one source,
// read once per transaction: SQLite finds a column stored after a long text
// by walking the row's overflow pages, so reading a 30 MB source's level for
// each of its 100,000 statements made recording it quadratic in its size.
func (t *Tx) sourceInfo(ctx context.Context, id string) (mentionedSource, error) {
	got, err := t.sourceRows(ctx, []mentionDelta{{source: id}})
	if err != nil {
		return mentionedSource{}, err
	}
	r, ok := got[id]
	if !ok {
		return r, sql.ErrNoRows
	}
	return r, nil
}

// addEntitySources adds mentions to entity_sources in one upsert; a row it
// creates (its count is exactly what was added: rows are removed when their
// count falls to 0) is a new source for its entity.
func (t *Tx) addEntitySources(ctx context.Context, adds []mentionDelta, change func(entity, level string, sign int) error) error {
	srcs, err := t.sourceRows(ctx, adds)
	if err != nil {
		return err
	}
	var b strings.Builder
	args := make([]any, 0, 6*len(adds))
	added := make(map[[2]string]int, len(adds))
	b.WriteString("INSERT INTO entity_sources (entity_id, source_id, published, ingested_at, sensitivity, mentions) VALUES ")
	for i, d := range adds {
		r, ok := srcs[d.source]
		if !ok {
			return fmt.Errorf("sources of %s: source %s: %w", d.entity, d.source, ErrNotFound)
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(?, ?, ?, ?, ?, ?)")
		args = append(args, d.entity, d.source, r.published, r.ingestedAt, r.sensitivity, d.n)
		added[[2]string{d.entity, d.source}] = d.n
	}
	b.WriteString(" ON CONFLICT (entity_id, source_id) DO UPDATE SET mentions = entity_sources.mentions + excluded.mentions " +
		"RETURNING entity_id, source_id, mentions, sensitivity")
	return t.scanCounted(ctx, b.String(), args, func(entity, source string, n int, level string) error {
		if n == added[[2]string{entity, source}] {
			return change(entity, level, 1)
		}
		return nil
	})
}

// takeEntitySources takes mentions away from entity_sources in one update;
// a row whose count falls to 0 is deleted, a source lost to its entity.
func (t *Tx) takeEntitySources(ctx context.Context, takes []mentionDelta, change func(entity, level string, sign int) error) error {
	var b strings.Builder
	args := make([]any, 0, 3*len(takes))
	b.WriteString("UPDATE entity_sources SET mentions = entity_sources.mentions - d.column3 FROM (VALUES ")
	for i, d := range takes {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(?, ?, CAST(? AS INTEGER))")
		args = append(args, d.entity, d.source, -d.n)
	}
	b.WriteString(") AS d WHERE entity_sources.entity_id = d.column1 AND entity_sources.source_id = d.column2 " +
		"RETURNING entity_sources.entity_id, entity_sources.source_id, entity_sources.mentions, entity_sources.sensitivity")
	var goneEntities, goneSources []any
	err := t.scanCounted(ctx, b.String(), args, func(entity, source string, n int, level string) error {
		if n > 0 {
			return nil // the source still mentions it
		}
		goneEntities, goneSources = append(goneEntities, entity), append(goneSources, source)
		return change(entity, level, -1)
	})
	if err != nil || len(goneEntities) == 0 {
		return err
	}
	// Every row at 0 or below is one just emptied: the lists may pair an
	// entity with another's source, but only emptied rows match.
	_, err = t.exec(ctx, "DELETE FROM entity_sources WHERE mentions <= 0 AND entity_id IN ("+placeholders(len(goneEntities))+
		") AND source_id IN ("+placeholders(len(goneSources))+")", append(goneEntities, goneSources...)...)
	if err != nil {
		return fmt.Errorf("sources of entities: %w", err)
	}
	return nil
}

// scanCounted runs a write returning (entity_id, source_id, mentions,
// sensitivity) rows and hands each to f.
func (t *Tx) scanCounted(ctx context.Context, q string, args []any, f func(entity, source string, n int, level string) error) error {
	rows, err := t.query(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("sources of entities: %w", err)
	}
	type got struct {
		entity, source, level string
		n                     int
	}
	var all []got
	for rows.Next() {
		var g got
		if err := rows.Scan(&g.entity, &g.source, &g.n, &g.level); err != nil {
			rows.Close()
			return fmt.Errorf("sources of entities: %w", err)
		}
		all = append(all, g)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sources of entities: %w", err)
	}
	for _, g := range all {
		if err := f(g.entity, g.source, g.n, g.level); err != nil {
			return err
		}
	}
	return nil
}

// addSourceCounts adds each entity's gained and lost sources per level to
// entity_source_counts in one upsert.
func (t *Tx) addSourceCounts(ctx context.Context, entities []string, levels map[string]*[4]int) error {
	var b strings.Builder
	args := make([]any, 0, 5*len(entities))
	b.WriteString("INSERT INTO entity_source_counts (entity_id, n_public, n_internal, n_restricted, n_confidential) VALUES ")
	for i, e := range entities {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(?, ?, ?, ?, ?)")
		d := levels[e]
		args = append(args, e, d[0], d[1], d[2], d[3])
	}
	b.WriteString(" ON CONFLICT (entity_id) DO UPDATE SET n_public = entity_source_counts.n_public + excluded.n_public, " +
		"n_internal = entity_source_counts.n_internal + excluded.n_internal, " +
		"n_restricted = entity_source_counts.n_restricted + excluded.n_restricted, " +
		"n_confidential = entity_source_counts.n_confidential + excluded.n_confidential")
	if _, err := t.exec(ctx, b.String(), args...); err != nil {
		return fmt.Errorf("sources of entities: %w", err)
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
	cond, cargs := visibleFrom(v, "sensitivity", "source_id")
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
		if err == nil && v.PublishedOnly() {
			// The kept counts hold the testimonies withheld from
			// publication too: take those out (few, and found by the
			// entity's index range).
			var withheld int
			levels, largs := visibleIn(v, "sensitivity")
			err = s.db.QueryRowContext(ctx, s.rebind("SELECT count(*) FROM entity_sources WHERE entity_id = ? AND "+levels+
				" AND source_id IN ("+withheldSources+")"), append([]any{entityID}, largs...)...).Scan(&withheld)
			total -= withheld
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
	cond, cargs := visibleFrom(v, "sensitivity", "source_id")
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
	cond, cargs := visibleFrom(v, "sensitivity", "source_id")
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
