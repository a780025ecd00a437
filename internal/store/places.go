package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
)

// Placed is a facility or place the viewer may see with the gazetteer ids
// its statements give it and how many events the viewer may see are located
// there: what the map draws.
type Placed struct {
	ID         string
	Type       model.EntityType
	Gazetteer  []string // gazetteer ids, oldest statement first
	EventCount int      // distinct events located there
}

// PlacedEntities lists every facility and place that carries a gazetteer id
// or is the location of an event, in two aggregate queries however many
// events there are (merged entities count under the one they were merged
// into).
func (s *Store) PlacedEntities(ctx context.Context, v access.Viewer) ([]Placed, error) {
	byID := map[string]*Placed{}
	var order []string
	get := func(id, typ string) *Placed {
		p := byID[id]
		if p == nil {
			p = &Placed{ID: id, Type: model.EntityType(typ)}
			byID[id] = p
			order = append(order, id)
		}
		return p
	}
	status := " AND st.status <> 'rejected'"
	if v.ConfirmedOnly() {
		status = " AND st.status = 'confirmed'"
	}
	cond, args := visibleFrom(v, "st.sensitivity", "st.source_id")
	// The type that counts is that of the entity a merged one now lives in:
	// a place merged into an organization is no longer drawn as a place.
	q := "SELECT t.id, t.type, st.value, st.id, COALESCE(st.source_id, '') FROM statements st JOIN entities e ON e.id = st.entity_id " +
		"JOIN entities t ON t.id = COALESCE(e.merged_into, e.id) " +
		"WHERE t.type IN ('facility', 'place') AND st.property = 'gazetteer'" + status + " AND " + cond +
		" ORDER BY st.created_at, st.id"
	rows, err := s.db.QueryContext(ctx, s.rebind(q), args...)
	if err != nil {
		return nil, fmt.Errorf("placed entities: %w", err)
	}
	open := s.valueOpener()
	for rows.Next() {
		var id, typ, gz, stID, src string
		if err := rows.Scan(&id, &typ, &gz, &stID, &src); err != nil {
			rows.Close()
			return nil, err
		}
		sealed := strings.HasPrefix(gz, sealedPrefix)
		if gz, err = open.open(ctx, stID, src, gz); err != nil {
			rows.Close()
			return nil, err
		}
		if sealed && gz == Withdrawn {
			continue
		}
		p := get(id, typ)
		p.Gazetteer = append(p.Gazetteer, gz)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("placed entities: %w", err)
	}
	q = "SELECT t.id, t.type, COUNT(DISTINCT st.entity_id) FROM statements st JOIN entities e ON e.id = st.value_entity " +
		"JOIN entities t ON t.id = COALESCE(e.merged_into, e.id) " +
		"WHERE st.property = 'location' AND t.type IN ('facility', 'place')" + status + " AND " + cond +
		" GROUP BY t.id, t.type"
	rows, err = s.db.QueryContext(ctx, s.rebind(q), args...)
	if err != nil {
		return nil, fmt.Errorf("events by place: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, typ string
		var n int
		if err := rows.Scan(&id, &typ, &n); err != nil {
			return nil, err
		}
		get(id, typ).EventCount += n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("events by place: %w", err)
	}
	out := make([]Placed, 0, len(order))
	for _, id := range order {
		out = append(out, *byID[id])
	}
	return out, nil
}
