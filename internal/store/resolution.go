package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
)

// NameProperties are the statement properties that name an entity, strongest
// first: weakAlias holds epithets and nicknames ("Azrael of Sednaya"), which
// suggest but never alone identify.
var NameProperties = model.NameProperties()

// NameRow is one name an entity carries.
type NameRow struct {
	EntityID string
	Type     model.EntityType
	Property model.Property
	Value    string
}

// EachName calls fn for every name of every entity not merged into another,
// from statements not rejected — what the matcher's index is built from. It
// reads as the system, not as a viewer: callers filter what they show.
func (s *Store) EachName(ctx context.Context, fn func(NameRow) error) error {
	rows, err := s.db.QueryContext(ctx, "SELECT e.id, e.type, st.property, st.value, st.id, COALESCE(st.source_id, '') FROM statements st "+
		"JOIN entities e ON e.id = st.entity_id WHERE e.merged_into IS NULL AND st.status <> 'rejected' "+
		"AND st.property IN ('name', 'alias', 'weakAlias') AND st.value <> '' ORDER BY e.id, st.created_at")
	if err != nil {
		return fmt.Errorf("read names: %w", err)
	}
	defer rows.Close()
	open := s.valueOpener()
	for rows.Next() {
		var r NameRow
		var typ, id, src string
		if err := rows.Scan(&r.EntityID, &typ, &r.Property, &r.Value, &id, &src); err != nil {
			return err
		}
		if strings.HasPrefix(r.Value, sealedPrefix) {
			if r.Value, err = open.open(ctx, id, src, r.Value); err != nil {
				return fmt.Errorf("read names: %w", err)
			}
			if r.Value == Withdrawn {
				continue // no name to match
			}
		}
		r.Type = model.EntityType(typ)
		if err := fn(r); err != nil {
			return err
		}
	}
	return rows.Err()
}

// EntityNames is an entity with the names a viewer may see.
type EntityNames struct {
	model.Entity
	Names []string // every name and alias, in every script, strongest property first
}

// Entities lists the entities of a type ("" for all) that the viewer may see
// something of, each with its visible names. Merged entities are listed under
// the entity they were merged into.
func (s *Store) Entities(ctx context.Context, v access.Viewer, typ model.EntityType) ([]EntityNames, error) {
	cond, args := visibleFrom(v, "st.sensitivity", "st.source_id")
	// One row per entity, property and value, at its first statement: a
	// facility named by thousands of sources is a handful of rows.
	// A sealed value is sealed apart in each statement: it groups by its
	// hash ("s:" and the hash; "s:" alone once a take-down forgot it), and
	// is opened from its first statement.
	sealedCase := "CASE WHEN st.value LIKE '" + sealedPrefix + "%' THEN "
	clearValue := sealedCase + "'' ELSE st.value END"
	sealedKey := sealedCase + "'s:' || st.value_hash ELSE '' END"
	q := "SELECT COALESCE(e.merged_into, e.id), st.property, " + clearValue + ", " + sealedKey + ", " +
		"MIN(st.created_at), MIN(st.id) FROM statements st JOIN entities e ON e.id = st.entity_id " +
		"WHERE st.status <> 'rejected' AND " + cond
	if v.ConfirmedOnly() {
		q += " AND st.status = 'confirmed'"
	}
	if typ != "" {
		q += " AND e.type = ?"
		args = append(args, string(typ))
	}
	q += " GROUP BY COALESCE(e.merged_into, e.id), st.property, " + clearValue + ", " + sealedKey + " ORDER BY 5, 6"
	rows, err := s.db.QueryContext(ctx, s.rebind(q), args...)
	if err != nil {
		return nil, fmt.Errorf("list entities: %w", err)
	}
	type acc struct {
		names map[model.Property][]string // property → values, in order
		seen  map[string]bool
	}
	byID := map[string]*acc{}
	var order []string
	type named struct {
		id, value, hash, firstID string
		prop                     model.Property
	}
	var all []named
	for rows.Next() {
		var n named
		var first string
		if err := rows.Scan(&n.id, &n.prop, &n.value, &n.hash, &first, &n.firstID); err != nil {
			rows.Close()
			return nil, err
		}
		all = append(all, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if err := s.openHashedValues(ctx, func(yield func(hash, statementID string, value *string)) {
		for i := range all {
			if all[i].hash != "" {
				yield(all[i].hash, all[i].firstID, &all[i].value)
			}
		}
	}); err != nil {
		return nil, fmt.Errorf("list entities: %w", err)
	}
	for _, n := range all {
		id, value, prop := n.id, n.value, n.prop
		if n.hash != "" && value == Withdrawn {
			continue
		}
		a := byID[id]
		if a == nil {
			a = &acc{names: map[model.Property][]string{}, seen: map[string]bool{}}
			byID[id] = a
			order = append(order, id)
		}
		if prop.IsName() && value != "" && !a.seen[value] {
			a.seen[value] = true
			a.names[prop] = append(a.names[prop], value)
		}
	}
	out := make([]EntityNames, 0, len(order))
	for _, id := range order {
		e, err := s.Entity(ctx, id)
		if err != nil {
			return nil, err
		}
		en := EntityNames{Entity: e}
		for _, p := range NameProperties {
			en.Names = append(en.Names, byID[id].names[p]...)
		}
		out = append(out, en)
	}
	return out, nil
}

// Canonical follows merged_into links to the entity that now stands for id.
func (s *Store) Canonical(ctx context.Context, id string) (string, error) {
	for range 64 { // merges are shallow; the bound stops a cycle written by hand
		e, err := s.Entity(ctx, id)
		if err != nil {
			return "", err
		}
		if e.MergedInto == "" {
			return id, nil
		}
		id = e.MergedInto
	}
	return "", fmt.Errorf("entity %s: merge chain too long (a cycle?)", id)
}

// Verdicts returns the judgements on a pair of entities (either order),
// newest first.
func (s *Store) Verdicts(ctx context.Context, a, b string) ([]model.Judgement, error) {
	rows, err := s.db.QueryContext(ctx, s.rebind("SELECT id, entity_a, entity_b, verdict, author, note, created_at FROM judgements "+
		"WHERE (entity_a = ? AND entity_b = ?) OR (entity_a = ? AND entity_b = ?) ORDER BY created_at DESC, id DESC"), a, b, b, a)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Judgement
	for rows.Next() {
		var j model.Judgement
		var verdict, created string
		if err := rows.Scan(&j.ID, &j.EntityA, &j.EntityB, &verdict, &j.Author, &j.Note, &created); err != nil {
			return nil, err
		}
		j.Verdict, j.CreatedAt = model.Verdict(verdict), parseTime(created)
		out = append(out, j)
	}
	return out, rows.Err()
}

// MergeProposal is the matcher's suggestion that two entities may be one.
type MergeProposal struct {
	ID       string
	EntityA  string
	EntityB  string
	Score    float64
	Reasons  []string
	Status   string // open, judged, withdrawn
	Proposer string
}

// ProposeMerge records a proposal unless an open one exists for the pair.
func (t *Tx) ProposeMerge(ctx context.Context, p *MergeProposal) (bool, error) {
	var n int
	if err := t.queryRow(ctx, "SELECT count(*) FROM merge_proposals WHERE status = 'open' AND "+
		"((entity_a = ? AND entity_b = ?) OR (entity_a = ? AND entity_b = ?))", p.EntityA, p.EntityB, p.EntityB, p.EntityA).Scan(&n); err != nil {
		return false, err
	}
	if n > 0 {
		return false, nil
	}
	p.ID, p.Status = NewID(), "open"
	if p.Proposer == "" {
		p.Proposer = t.actor
	}
	reasons, err := t.proposalReasons(ctx, p)
	if err != nil {
		return false, err
	}
	return true, t.insert(ctx, "merge_proposals", map[string]any{
		"id": p.ID, "entity_a": p.EntityA, "entity_b": p.EntityB, "score": p.Score,
		"reasons": reasons, "status": p.Status, "proposer": p.Proposer,
		"created_at": timeText(t.s.now()),
	})
}

// CloseProposals marks the open proposals of a pair judged.
func (t *Tx) CloseProposals(ctx context.Context, a, b string) error {
	rows, err := t.query(ctx, "SELECT id FROM merge_proposals WHERE status = 'open' AND "+
		"((entity_a = ? AND entity_b = ?) OR (entity_a = ? AND entity_b = ?))", a, b, b, a)
	if err != nil {
		return err
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, id)
	}
	rows.Close()
	for _, id := range ids {
		if err := t.update(ctx, "merge_proposals", id, map[string]any{"status": "judged"}); err != nil {
			return err
		}
	}
	return rows.Err()
}

// MergeProposals lists proposals with the given status ("" for all).
func (s *Store) MergeProposals(ctx context.Context, status string) ([]MergeProposal, error) {
	q := "SELECT id, entity_a, entity_b, score, reasons, status, proposer FROM merge_proposals"
	var args []any
	if status != "" {
		q += " WHERE status = ?"
		args = append(args, status)
	}
	return s.mergeProposals(ctx, q, args...)
}

// MergeProposalsOf lists the proposals with the given status that name one
// of ids on either side.
func (s *Store) MergeProposalsOf(ctx context.Context, status string, ids []string) ([]MergeProposal, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args := make([]any, 0, 2*len(ids)+2)
	for _, id := range ids {
		args = append(args, id)
	}
	args = append(args, args...)
	// Each side looked up by its own index; status compared as an
	// expression so that no planner walks every open proposal instead.
	q := "SELECT id, entity_a, entity_b, score, reasons, status, proposer FROM merge_proposals " +
		"WHERE id IN (SELECT id FROM merge_proposals WHERE entity_a IN (" + placeholders(len(ids)) + ") " +
		"UNION SELECT id FROM merge_proposals WHERE entity_b IN (" + placeholders(len(ids)) + "))"
	if status != "" {
		q += " AND status || '' = ?"
		args = append(args, status)
	}
	return s.mergeProposals(ctx, q, args...)
}

func (s *Store) mergeProposals(ctx context.Context, q string, args ...any) ([]MergeProposal, error) {
	rows, err := s.db.QueryContext(ctx, s.rebind(q+" ORDER BY score DESC, id"), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []MergeProposal
	for rows.Next() {
		var p MergeProposal
		var reasons string
		if err := rows.Scan(&p.ID, &p.EntityA, &p.EntityB, &p.Score, &reasons, &p.Status, &p.Proposer); err != nil {
			return nil, err
		}
		if reasons, err = s.openReasons(ctx, p.ID, reasons); err != nil {
			return nil, err
		}
		if reasons != "" {
			p.Reasons = strings.Split(reasons, "\n")
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// Mentions lists the mentions of a source the viewer may see, in text order.
func (s *Store) Mentions(ctx context.Context, v access.Viewer, sourceID string) ([]model.Mention, error) {
	if _, err := s.Source(ctx, v, sourceID); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, s.rebind("SELECT id, source_id, span_start, span_end, text, type, extractor, "+
		"COALESCE(entity_id, ''), score, created_at FROM mentions WHERE source_id = ? ORDER BY span_start, id"), sourceID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Mention
	for rows.Next() {
		var m model.Mention
		var typ, created string
		var start, end int64
		if err := rows.Scan(&m.ID, &m.SourceID, &start, &end, &m.Span.Quote, &typ, &m.Extractor, &m.EntityID, &m.Score, &created); err != nil {
			return nil, err
		}
		m.Span.Start, m.Span.End, m.Type, m.CreatedAt = int(start), int(end), model.EntityType(typ), parseTime(created)
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	o := s.mentionOpener()
	for i := range out {
		var err error
		if out[i].Span.Quote, err = o.open(ctx, out[i].ID, out[i].SourceID, out[i].Span.Quote); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// EntityWith finds the entity of a type that first carried a statement
// property = value that is not rejected (a gazetteer id, say) — or the
// entity it was merged into — or "". It is the one look-up case of
// EntitiesWith, which owns the rule and its plan: the first statement of
// the value whatever its type, an index walk to one row, and the walk by
// type (entityWithTyped) only when that statement's entity is of another
// type. Asking for the type at once was planned by PostgreSQL, for most
// values, as a read and sort of every statement of the value (0.18–0.68 ms
// a look-up at 1,000 sources, more the more sources repeat the value).
func (t *Tx) EntityWith(ctx context.Context, typ model.EntityType, property, value string) (string, error) {
	k := TypedValue{Type: typ, Value: value}
	got, err := t.EntitiesWith(ctx, property, []TypedValue{k})
	if err != nil {
		return "", err
	}
	return got[k], nil
}

// entityWithTyped answers a look-up of EntitiesWith by walking the
// statements of the value in the order they were made, joined with their
// entity's type, so the answer is the first index entry that fits however
// many sources repeat the value (ordering by the entities instead read
// every one of them, and ingest slowed as the store grew). EntitiesWith
// asks it only when the value's first statement is another type's.
func (t *Tx) entityWithTyped(ctx context.Context, typ model.EntityType, property, value string) (string, error) {
	var id string
	const first = "SELECT COALESCE(e.merged_into, e.id), st.created_at, st.id FROM statements st JOIN entities e ON e.id = st.entity_id " +
		"WHERE st.property = ? AND %s AND e.type = ? AND st.status <> 'rejected' ORDER BY st.created_at, st.id LIMIT 1"
	var at, stID string
	err := t.queryRow(ctx, fmt.Sprintf(first, "st.value = ?"), property, value, string(typ)).Scan(&id, &at, &stID)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return "", err
	}
	// A sealed value is found by its hash, of the folded value (a value
	// equal to it once folded: a gazetteer id, a name matched as one), in
	// a query of its own, each on its index.
	vk, verr := t.readValueKey(ctx, false)
	if errors.Is(verr, fs.ErrNotExist) {
		// Without the key file (a public source ingested elsewhere),
		// sealed values cannot be matched: the value in the clear only.
		return id, nil
	}
	if verr != nil || vk == nil {
		return id, verr
	}
	var hid, hat, hstID string
	herr := t.queryRow(ctx, fmt.Sprintf(first, "st.value_hash <> '' AND st.value_hash = ?"), property, hashValue(vk, value), string(typ)).
		Scan(&hid, &hat, &hstID)
	if errors.Is(herr, sql.ErrNoRows) {
		return id, nil
	}
	if herr != nil {
		return "", herr
	}
	if id == "" || hat < at || (hat == at && hstID < stID) {
		return hid, nil
	}
	return id, nil
}

// TypedValue is one look-up of EntitiesWith: the entity of type Type that
// first stated the value.
type TypedValue struct {
	Type  model.EntityType
	Value string
}

// entitiesWithChunk bounds the look-ups one query of EntitiesWith makes.
const entitiesWithChunk = 64

// EntitiesWith answers several look-ups of one property in a query (two
// with sealed values), each as EntityWith describes ("" when no entity has
// it): a source's gazetteer ids, a round trip each
// before. Each look-up is a subquery of its own that reads the first
// statement of the value whatever its entity's type — an index walk to one
// row, which PostgreSQL plans as such for any value. The query that asks
// for the type at once (entityWithTyped's) is planned, with the values given,
// as a read and sort of every statement of the value (the join with the
// type looks selective), 1–10 ms for ids that hundreds of sources state.
// Should a first statement's entity be of another type, that look-up is
// made again alone, by entityWithTyped.
func (t *Tx) EntitiesWith(ctx context.Context, property string, keys []TypedValue) (map[TypedValue]string, error) {
	out := make(map[TypedValue]string, len(keys))
	type found struct{ typ, id, at, stID string }
	read := func(cond string, value func(TypedValue) string, chunk []TypedValue) (map[int]found, error) {
		parts := make([]string, len(chunk))
		args := make([]any, 0, 2*len(chunk))
		for i, k := range chunk {
			parts[i] = fmt.Sprintf("SELECT p%d.k, e.type, COALESCE(e.merged_into, e.id), p%d.created_at, p%d.id FROM (SELECT %d AS k, st.entity_id, st.created_at, st.id "+
				"FROM statements st WHERE st.property = ? AND %s AND st.status <> 'rejected' ORDER BY st.created_at, st.id LIMIT 1) p%d "+
				"JOIN entities e ON e.id = p%d.entity_id", i, i, i, i, cond, i, i)
			args = append(args, property, value(k))
		}
		rows, err := t.query(ctx, strings.Join(parts, " UNION ALL "), args...)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		got := map[int]found{}
		for rows.Next() {
			var k int
			var f found
			if err := rows.Scan(&k, &f.typ, &f.id, &f.at, &f.stID); err != nil {
				return nil, err
			}
			got[k] = f
		}
		return got, rows.Err()
	}
	vk, verr := t.readValueKey(ctx, false)
	if verr != nil && !errors.Is(verr, fs.ErrNotExist) {
		return nil, verr
	}
	for _, chunk := range chunks(keys, entitiesWithChunk) {
		plain, err := read("st.value = ?", func(k TypedValue) string { return k.Value }, chunk)
		if err != nil {
			return nil, err
		}
		var hashed map[int]found
		// Without the key file (a public source ingested elsewhere),
		// sealed values cannot be matched: the value in the clear only.
		if vk != nil {
			if hashed, err = read("st.value_hash <> '' AND st.value_hash = ?", func(k TypedValue) string { return hashValue(vk, k.Value) }, chunk); err != nil {
				return nil, err
			}
		}
		for i, k := range chunk {
			c, hasPlain := plain[i]
			h, hasHashed := hashed[i]
			if (hasPlain && c.typ != string(k.Type)) || (hasHashed && h.typ != string(k.Type)) {
				// The first statement is another type's: walk on to
				// the first of this type.
				if out[k], err = t.entityWithTyped(ctx, k.Type, property, k.Value); err != nil {
					return nil, err
				}
				continue
			}
			switch {
			case hasHashed && (!hasPlain || h.at < c.at || (h.at == c.at && h.stID < c.stID)):
				out[k] = h.id
			case hasPlain:
				out[k] = c.id
			default:
				out[k] = ""
			}
		}
	}
	return out, nil
}
