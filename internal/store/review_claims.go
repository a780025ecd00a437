package store

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
)

// The review queue's claims, kept. Review by claim (app.ReviewClaims) shows
// claims, not statements: an event read from a source with its type, date,
// places and participants, or one value of an entity's property, each with
// every source making it. Grouping the queue's statements into claims on
// every request meant reading a window of the oldest thousand proposed
// statements and every statement of the events among them: 48 ms of CPU a
// page at a million statements. Instead each proposed statement's claim is
// kept as statements are written, in the same transaction (as the claim
// totals are, claims.go), in review_claim_members, and each claim's counts
// in review_claims (migration 00039): a page reads the first claims of the
// queue by an index and the statements of those claims only.
//
// A claim is kept for reviewers of each clearance (level 0 public to 3
// confidential) apart: a statement counts only at levels at or above its
// own, and an event's claim is keyed by what its statements at that level
// say, so that a participant or date a reviewer may not see neither shows
// nor groups nor counts for them. (The anonymous public never reviews.)
//
// The keys group as app.ClaimItem's do (app/claims.go): "v:" entity |
// property | value | modality for a value, "e:" type | date | modality |
// sorted participants/roles for an event (or "e:" and the event's id when
// it says too little to meet another reading). A value not linked to an
// entity is keyed by its keyed hash ("h:", seal_values.go) once the store has
// a value key — the one a sealed value is matched by — so that a value
// sealed in a restricted source and the same value in the clear are one
// claim, and no sealed value is kept in the clear here; by its folded
// spelling before (a store with no value key has no sealed value). The key
// that makes the value key builds the claims again (reviewRebuild).

// reviewLevels are the clearances claims are kept for.
const reviewLevels = 4

// markReview notes a statement whose claim the transaction may change: it
// was added, its status, level, value or entity changed, or it is about to
// be removed. A gazetteer entry's statement also changes the priority of
// every value of its entity. The claims are worked out again when the
// transaction ends (flushReview).
func (t *Tx) markReview(id, entity string, property string) {
	if t.reviewMarks == nil {
		t.reviewMarks = map[string]bool{}
	}
	t.reviewMarks[id] = true
	if property == string(model.PropGazetteer) {
		if t.reviewGazetteer == nil {
			t.reviewGazetteer = map[string]bool{}
			t.reviewGazetteerMarks = map[string]map[string]bool{}
		}
		t.reviewGazetteer[entity] = true
		if t.reviewGazetteerMarks[entity] == nil {
			t.reviewGazetteerMarks[entity] = map[string]bool{}
		}
		t.reviewGazetteerMarks[entity][id] = true
	}
}

// reviewMember is one statement's claim at one level.
type reviewMember struct {
	statement, unit, key, kind, claimType, modality, source string
	level, priority, propRank                               int
	confidence                                              float64
}

// reviewStatement is what a claim's key is made of, of one statement.
type reviewStatement struct {
	id, entity, property, value, hash, valueEntity, dateStart, modality, role, source string
	status                                                                            model.Status
	sensitivity                                                                       model.Sensitivity
	confidence                                                                        float64
}

const reviewStatementCols = "id, entity_id, property, value, value_hash, COALESCE(value_entity, ''), date_start, status, modality, role, sensitivity, " +
	"COALESCE(source_id, ''), confidence"

func scanReviewStatementKey(r rowScanner) (reviewStatement, error) {
	var x reviewStatement
	var status, sens string
	if err := r.Scan(&x.id, &x.entity, &x.property, &x.value, &x.hash, &x.valueEntity, &x.dateStart, &status, &x.modality, &x.role, &sens,
		&x.source, &x.confidence); err != nil {
		return x, err
	}
	x.status = model.Status(status)
	var err error
	x.sensitivity, err = model.ParseSensitivity(sens)
	return x, err
}

// valueKey is what a stored value is grouped by: the linked entity; a
// sealed value's keyed hash (or, once a take-down forgot it, the
// statement's id); a value in the clear by its keyed hash with the value
// key vk, by ClaimKey without one.
func (x reviewStatement) valueKey(vk []byte) string {
	switch {
	case x.valueEntity != "":
		return x.valueEntity
	case strings.HasPrefix(x.value, sealedPrefix):
		return claimKeyOf(claimRow{id: x.id, value: x.value, hash: x.hash})
	case vk != nil:
		return "h:" + hashValue(vk, x.value)
	}
	return ClaimKey(x.value, "")
}

func (x reviewStatement) mod() string {
	if x.modality == "" {
		return string(model.Asserted)
	}
	return x.modality
}

func propRank(p string) int {
	if i := slices.Index(model.Properties(), model.Property(p)); i >= 0 {
		return i
	}
	return len(model.Properties())
}

// flushReview works out again the claims of the statements the transaction
// marked: each one's old claims are taken out, its new ones put in, and
// the counts of every claim either touched are counted again from its
// members.
func (t *Tx) flushReview(ctx context.Context) error {
	if t.reviewRebuild {
		t.reviewRebuild = false
		return t.rebuildReviewClaims(ctx)
	}
	if len(t.reviewMarks) == 0 && len(t.reviewGazetteer) == 0 {
		return nil
	}
	marked := setKeysOf(t.reviewMarks)
	changed, err := t.gazetteerChanged(ctx)
	if err != nil {
		return fmt.Errorf("review claims: %w", err)
	}
	if len(changed) > 0 {
		// every value of an entity a gazetteer entry now fixes, or no
		// longer fixes, changes its priority
		for _, chunk := range chunks(changed, 500) {
			ids, err := t.ids(ctx, "SELECT id FROM statements WHERE entity_id IN ("+placeholders(len(chunk))+") AND "+onlyProposed, idArgs(chunk)...)
			if err != nil {
				return fmt.Errorf("review claims: %w", err)
			}
			marked = append(marked, ids...)
		}
	}
	t.reviewMarks, t.reviewGazetteer, t.reviewGazetteerMarks = nil, nil, nil
	units := map[string]bool{}
	for _, chunk := range chunks(marked, 500) {
		old, err := t.ids(ctx, "SELECT DISTINCT unit FROM review_claim_members WHERE statement_id IN ("+placeholders(len(chunk))+")", idArgs(chunk)...)
		if err != nil {
			return fmt.Errorf("review claims: %w", err)
		}
		for _, u := range old {
			units[u] = true
		}
		rows, err := t.query(ctx, "SELECT st.id, st.entity_id, e.type FROM statements st JOIN entities e ON e.id = st.entity_id WHERE st.id IN ("+
			placeholders(len(chunk))+")", idArgs(chunk)...)
		if err != nil {
			return fmt.Errorf("review claims: %w", err)
		}
		type cur struct{ id, entity, typ string }
		now, err := collect(rows, func(r rowScanner) (c cur, err error) { err = r.Scan(&c.id, &c.entity, &c.typ); return })
		if err != nil {
			return fmt.Errorf("review claims: %w", err)
		}
		for _, c := range now {
			if model.EntityType(c.typ) == model.TypeEvent {
				units["e:"+c.entity] = true
			} else {
				units["s:"+c.id] = true
			}
		}
	}
	return t.rekeyUnits(ctx, setKeysOf(units), true)
}

// gazetteerChanged are the entities of reviewGazetteer whose being fixed
// by a gazetteer entry (a gazetteer statement not rejected) may have
// changed in the transaction: those none of whose standing gazetteer
// statements was left untouched by it. Every source naming a gazetteer
// place adds a gazetteer statement to it; the place was fixed before and
// still is, and working out again every value of a place named in
// thousands of sources, for each of them, made recording a source cost
// what the place had gathered (a quarter of a worker's CPU, most of
// PostgreSQL's, at 1,000 sources). One standing statement the transaction
// did not touch settles a place: asked for every place at once (EXISTS
// stops at the first), not a query a place.
func (t *Tx) gazetteerChanged(ctx context.Context) ([]string, error) {
	var ents []string
	settled := map[string]bool{}
	for _, e := range setKeysOf(t.reviewGazetteer) {
		touched := len(t.reviewGazetteerMarks[e])
		if touched <= 4000 {
			ents = append(ents, e)
			continue
		}
		// a place a transaction gave thousands of entries (an import):
		// one more standing statement than it touched settles it, read
		// without a list of them all
		standing, err := t.ids(ctx, "SELECT id FROM statements WHERE entity_id = ? AND property = 'gazetteer' AND status <> 'rejected' LIMIT "+
			fmt.Sprint(touched+1), e)
		if err != nil {
			return nil, err
		}
		settled[e] = slices.ContainsFunc(standing, func(id string) bool { return !t.reviewGazetteerMarks[e][id] })
	}
	for len(ents) > 0 {
		// as many places as keep the statement within a few thousand
		// parameters, their touched statements with them
		var chunk, touched []string
		for len(ents) > 0 && (len(chunk) == 0 || len(chunk)+len(touched)+len(t.reviewGazetteerMarks[ents[0]]) <= 4000) {
			chunk = append(chunk, ents[0])
			touched = append(touched, setKeysOf(t.reviewGazetteerMarks[ents[0]])...)
			ents = ents[1:]
		}
		q := "SELECT e.id FROM entities e WHERE e.id IN (" + placeholders(len(chunk)) + ") AND EXISTS (SELECT 1 FROM statements s " +
			"WHERE s.entity_id = e.id AND s.property = 'gazetteer' AND s.status <> 'rejected' AND s.id NOT IN (" + placeholders(len(touched)) + "))"
		got, err := t.ids(ctx, q, append(idArgs(chunk), idArgs(touched)...)...)
		if err != nil {
			return nil, err
		}
		for _, e := range got {
			settled[e] = true
		}
	}
	var out []string
	for _, e := range setKeysOf(t.reviewGazetteer) {
		if !settled[e] {
			out = append(out, e)
		}
	}
	return out, nil
}

// rekeyUnits takes the units' claims out and puts them in again as their
// statements stand, then recounts the claims touched (recount: false when a
// rebuild counts every claim at the end).
func (t *Tx) rekeyUnits(ctx context.Context, units []string, recount bool) error {
	touched := map[string]bool{} // the claims counted again from their members
	for _, chunk := range chunks(units, 500) {
		removed := map[string]bool{}
		if recount {
			// the units' members out, and the claims they were in: one
			// statement, not a read and then a delete of the same rows
			keys, err := t.ids(ctx, "DELETE FROM review_claim_members WHERE unit IN ("+placeholders(len(chunk))+") RETURNING claim_key", idArgs(chunk)...)
			if err != nil {
				return fmt.Errorf("review claims: %w", err)
			}
			for _, k := range keys {
				touched[k] = true
				removed[k] = true
			}
		}
		var values, events []string
		for _, u := range chunk {
			if id, ok := strings.CutPrefix(u, "e:"); ok {
				events = append(events, id)
			} else if id, ok := strings.CutPrefix(u, "s:"); ok {
				values = append(values, id)
			}
		}
		members, err := t.reviewMembers(ctx, values, events)
		if err != nil {
			return fmt.Errorf("review claims: %w", err)
		}
		if recount {
			counted, err := t.countIntoClaims(ctx, members, removed)
			if err != nil {
				return fmt.Errorf("review claims: %w", err)
			}
			for _, m := range members {
				if !counted[m.key] {
					touched[m.key] = true
				}
			}
		}
		args := make([]any, 0, 10*len(members))
		for _, m := range members {
			args = append(args, m.statement, m.level, m.unit, m.key, m.kind, m.claimType, m.modality, m.priority, m.propRank, m.source)
		}
		if err := t.insertRows(ctx, "INSERT INTO review_claim_members (statement_id, level, unit, claim_key, kind, claim_type, modality, "+
			"priority, prop_rank, source_id) VALUES ", "", 10, args); err != nil {
			return fmt.Errorf("review claims: %w", err)
		}
	}
	if !recount {
		return nil
	}
	return t.recountReviewClaims(ctx, setKeysOf(touched))
}

// claimLevel is a claim at one level: a row of review_claims.
type claimLevel struct {
	key   string
	level int
}

// countIntoClaims counts members about to be inserted into the claims they
// join, when none of a claim's members was taken out by the transaction
// (removed), and reports the keys it counted so; the others are counted
// again from their members (recountReviewClaims). A claim that only gains
// members is counted on from its kept counts: its statements and sources
// grow by the new members and by the sources none of its members had, its
// confidence and first statement are the larger and the least. A claim not
// kept at a level has no members there, so all of it is among the new
// members, and it is counted from them alone. Counting again from every
// member made recording a source cost what its claims had gathered (a place
// or person named in thousands of sources), and even for small claims read
// every member's statement back: a fifth of the flush. The counts are
// written in multi-row statements.
func (t *Tx) countIntoClaims(ctx context.Context, members []reviewMember, removed map[string]bool) (map[string]bool, error) {
	added := map[claimLevel][]reviewMember{}
	var keys []string
	for _, m := range members {
		if removed[m.key] {
			continue
		}
		cl := claimLevel{m.key, m.level}
		if added[cl] == nil {
			keys = append(keys, m.key)
		}
		added[cl] = append(added[cl], m)
	}
	keys = slices.Compact(sortedCopy(keys))
	type counts struct {
		nSources, n int
		confidence  float64
		firstID     string
	}
	kept := map[claimLevel]counts{}
	for _, chunk := range chunks(keys, 500) {
		rows, err := t.query(ctx, "SELECT claim_key, level, n_sources, n, confidence, first_id FROM review_claims WHERE claim_key IN ("+
			placeholders(len(chunk))+")", idArgs(chunk)...)
		if err != nil {
			return nil, err
		}
		type row struct {
			cl claimLevel
			k  counts
		}
		got, err := collect(rows, func(r rowScanner) (x row, err error) {
			err = r.Scan(&x.cl.key, &x.cl.level, &x.k.nSources, &x.k.n, &x.k.confidence, &x.k.firstID)
			return
		})
		if err != nil {
			return nil, err
		}
		for _, x := range got {
			kept[x.cl] = x.k
		}
	}
	cls := make([]claimLevel, 0, len(added))
	for cl := range added {
		cls = append(cls, cl)
	}
	slices.SortFunc(cls, func(a, b claimLevel) int {
		if c := strings.Compare(a.key, b.key); c != 0 {
			return c
		}
		return a.level - b.level
	})
	// which of the new members' sources each kept claim had already, asked
	// of the members at once rather than a round trip a claim and source:
	// a source's claims and levels in one condition (a transaction
	// records one source, or a few), several sources' in one statement,
	// the rows no pair asked for left out below
	type claimSource struct {
		cl     claimLevel
		source string
	}
	type sourceAsks struct {
		keys   []string
		levels map[int]bool
	}
	bySource := map[string]*sourceAsks{}
	var sources []string
	seen := map[claimSource]bool{}
	for _, cl := range cls {
		if _, ok := kept[cl]; !ok {
			continue
		}
		for _, m := range added[cl] {
			cs := claimSource{cl, m.source}
			if m.source == "" || seen[cs] {
				continue
			}
			seen[cs] = true
			a := bySource[m.source]
			if a == nil {
				a = &sourceAsks{levels: map[int]bool{}}
				bySource[m.source] = a
				sources = append(sources, m.source)
			}
			if len(a.keys) == 0 || a.keys[len(a.keys)-1] != cl.key { // cls is sorted by key
				a.keys = append(a.keys, cl.key)
			}
			a.levels[cl.level] = true
		}
	}
	had := map[claimSource]bool{}
	for len(sources) > 0 {
		var cond []string
		var args []any
		for len(sources) > 0 && (len(args) == 0 || len(args)+len(bySource[sources[0]].keys) <= 2000) {
			a := bySource[sources[0]]
			levels := make([]any, 0, len(a.levels))
			for _, l := range sortedLevels(a.levels) {
				levels = append(levels, l)
			}
			cond = append(cond, "(source_id = ? AND level IN ("+placeholders(len(levels))+") AND claim_key IN ("+placeholders(len(a.keys))+"))")
			args = append(append(append(args, sources[0]), levels...), idArgs(a.keys)...)
			sources = sources[1:]
		}
		rows, err := t.query(ctx, "SELECT DISTINCT claim_key, level, source_id FROM review_claim_members WHERE "+strings.Join(cond, " OR "), args...)
		if err != nil {
			return nil, err
		}
		got, err := collect(rows, func(r rowScanner) (x claimSource, err error) {
			err = r.Scan(&x.cl.key, &x.cl.level, &x.source)
			return
		})
		if err != nil {
			return nil, err
		}
		for _, x := range got {
			if seen[x] {
				had[x] = true
			}
		}
	}
	counted := map[string]bool{}
	type newCounts struct {
		cl claimLevel
		k  counts
	}
	var updates []newCounts
	inserts := make([]any, 0, 11*len(cls))
	for _, cl := range cls {
		ms := added[cl]
		counted[cl.key] = true
		k, ok := kept[cl]
		if !ok {
			k = counts{confidence: ms[0].confidence, firstID: ms[0].statement}
		}
		// what the members say of a new claim besides its counts (the
		// same for every member of a key: a kept claim keeps its own)
		first := ms[0]
		sources := map[string]bool{}
		for _, m := range ms {
			k.n++
			k.confidence = max(k.confidence, m.confidence)
			k.firstID = min(k.firstID, m.statement)
			first.kind, first.claimType, first.modality = min(first.kind, m.kind), min(first.claimType, m.claimType), min(first.modality, m.modality)
			first.priority, first.propRank = min(first.priority, m.priority), min(first.propRank, m.propRank)
			if m.source == "" || sources[m.source] {
				continue
			}
			sources[m.source] = true
			if !had[claimSource{cl, m.source}] {
				k.nSources++
			}
		}
		if ok {
			updates = append(updates, newCounts{cl, k})
			continue
		}
		inserts = append(inserts, cl.level, cl.key, first.kind, first.claimType, first.modality, first.priority, first.propRank, k.nSources, k.n,
			k.confidence, k.firstID)
	}
	// the new claims in multi-row inserts, the kept ones' new counts in
	// multi-row updates: an upsert of both (INSERT … ON CONFLICT DO UPDATE)
	// cost PostgreSQL about twice as much a row as the two apart
	if err := t.insertRows(ctx, "INSERT INTO review_claims (level, claim_key, kind, claim_type, modality, priority, prop_rank, n_sources, n, confidence, "+
		"first_id) VALUES ", "", 11, inserts); err != nil {
		return nil, err
	}
	for len(updates) > 0 {
		chunk := updates[:min(100, len(updates))]
		updates = updates[len(chunk):]
		var b strings.Builder
		args := make([]any, 0, 6*len(chunk))
		b.WriteString("UPDATE review_claims SET n_sources = v.column3, n = v.column4, confidence = v.column5, first_id = v.column6 FROM (VALUES ")
		for i, u := range chunk {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString("(?, CAST(? AS INTEGER), CAST(? AS INTEGER), CAST(? AS INTEGER), CAST(? AS DOUBLE PRECISION), ?)")
			args = append(args, u.cl.key, u.cl.level, u.k.nSources, u.k.n, u.k.confidence, u.k.firstID)
		}
		b.WriteString(") AS v WHERE review_claims.claim_key = v.column1 AND review_claims.level = v.column2")
		if _, err := t.exec(ctx, b.String(), args...); err != nil {
			return nil, err
		}
	}
	return counted, nil
}

// recountReviewClaims counts the claims again from their members: a claim
// with none left goes.
func (t *Tx) recountReviewClaims(ctx context.Context, keys []string) error {
	for _, chunk := range chunks(keys, 500) {
		if _, err := t.exec(ctx, "DELETE FROM review_claims WHERE claim_key IN ("+placeholders(len(chunk))+")", idArgs(chunk)...); err != nil {
			return fmt.Errorf("review claims: %w", err)
		}
		if _, err := t.exec(ctx, "INSERT INTO review_claims (level, claim_key, kind, claim_type, modality, priority, prop_rank, n_sources, n, confidence, first_id) "+
			reviewClaimCountsOf(t.s.dialect)+" WHERE m.claim_key IN ("+placeholders(len(chunk))+") GROUP BY m.claim_key, m.level", idArgs(chunk)...); err != nil {
			return fmt.Errorf("review claims: %w", err)
		}
	}
	return nil
}

// onlyProposed keeps a statement read by its id or its entity's if it is
// proposed. COALESCE keeps the planners off the (status, created_at, id)
// index: PostgreSQL, whose statistics lag behind a store being filled (a
// tenth of the table changes between two automatic ANALYZEs), took the
// proposed statements to be a few hundred and walked every one of them to
// find the batch's 500 ids — 400–470 ms a flush at 28,000 proposed
// statements, growing with them — instead of probing the ids' own index.
const onlyProposed = "COALESCE(status, '') = 'proposed'"

// reviewClaimCounts counts claims from their members (to be completed with
// a condition and the grouping by claim and level).
const reviewClaimCounts = reviewClaimTotals + "JOIN statements st ON st.id = m.statement_id"

// reviewClaimTotals is what reviewClaimCounts reads of the members (m) and
// their statements (st), to be completed with how st is joined.
const reviewClaimTotals = "SELECT m.level, m.claim_key, min(m.kind), min(m.claim_type), min(m.modality), min(m.priority), min(m.prop_rank), " +
	"count(DISTINCT st.source_id), count(*), max(st.confidence), min(m.statement_id) FROM review_claim_members m "

// reviewClaimCountsOf is reviewClaimCounts for a few claims: their members
// found by the claims' index, and each member's statement by its id. On
// PostgreSQL the statement is read in a subquery of its own (perRow), or the
// planner joined the few hundred members to every statement, read whole, to
// match them: 6 ms a recount at 20,000 statements and growing with the
// store, 80–480 ms at a million when the statistics lagged behind a fill.
func reviewClaimCountsOf(d dialect) string {
	if d.name() != "postgres" {
		return reviewClaimCounts
	}
	return reviewClaimTotals + "JOIN LATERAL (SELECT s.source_id, s.confidence FROM statements s WHERE s.id = m.statement_id" + perRow(d) + ") st ON true"
}

// reviewMembers works out the claims of value statements (by id: a
// statement no longer proposed, or gone, has none) and of event entities.
func (t *Tx) reviewMembers(ctx context.Context, values, events []string) ([]reviewMember, error) {
	var out []reviewMember
	vk, err := t.readValueKey(ctx, false)
	if err != nil {
		return nil, err
	}
	types := map[string]model.EntityType{}
	loadTypes := func(ids []string) error {
		var need []string
		for _, id := range ids {
			if _, ok := types[id]; !ok && id != "" {
				types[id] = ""
				need = append(need, id)
			}
		}
		for _, chunk := range chunks(need, 500) {
			rows, err := t.query(ctx, "SELECT id, type FROM entities WHERE id IN ("+placeholders(len(chunk))+")", idArgs(chunk)...)
			if err != nil {
				return err
			}
			type et struct{ id, typ string }
			got, err := collect(rows, func(r rowScanner) (x et, err error) { err = r.Scan(&x.id, &x.typ); return })
			if err != nil {
				return err
			}
			for _, x := range got {
				types[x.id] = model.EntityType(x.typ)
			}
		}
		return nil
	}
	if len(values) > 0 {
		rows, err := t.query(ctx, "SELECT "+reviewStatementCols+" FROM statements WHERE id IN ("+placeholders(len(values))+") AND "+onlyProposed, idArgs(values)...)
		if err != nil {
			return nil, err
		}
		sts, err := collect(rows, scanReviewStatementKey)
		if err != nil {
			return nil, err
		}
		var ents []string
		for _, x := range sts {
			ents = append(ents, x.entity)
		}
		if err := loadTypes(ents); err != nil {
			return nil, err
		}
		// the entities a gazetteer entry fixes: their names are no news
		gazette := map[string]bool{}
		var places []string
		for _, e := range ents {
			if types[e] != model.TypePerson && types[e] != model.TypeEvent {
				places = append(places, e)
			}
		}
		places = slices.Compact(sortedCopy(places))
		for _, chunk := range chunks(places, 500) {
			// one standing gazetteer statement settles a place: a DISTINCT
			// over them read every one a place had, one more for every
			// source naming it (a twelfth of the pipeline on SQLite)
			fixed, err := t.ids(ctx, "SELECT e.id FROM entities e WHERE e.id IN ("+placeholders(len(chunk))+") AND EXISTS (SELECT 1 FROM statements s "+
				"WHERE s.entity_id = e.id AND s.property = 'gazetteer' AND s.status <> 'rejected')", idArgs(chunk)...)
			if err != nil {
				return nil, err
			}
			for _, e := range fixed {
				gazette[e] = true
			}
		}
		for _, x := range sts {
			if types[x.entity] == model.TypeEvent {
				continue // read with its event
			}
			m := reviewMember{statement: x.id, unit: "s:" + x.id, kind: "value", claimType: x.property, modality: x.mod(),
				propRank: propRank(x.property), source: x.source, confidence: x.confidence}
			m.key = "v:" + x.entity + "|" + x.property + "|" + x.valueKey(vk) + "|" + m.modality
			p := model.Property(x.property)
			switch {
			case p == model.PropGazetteer || gazette[x.entity]:
				m.priority = 3
			case types[x.entity] == model.TypePerson && (p.IsName() || p == model.PropTitle || p == model.PropPosition):
				m.priority = 1
			default:
				m.priority = 2
			}
			for level := int(x.sensitivity); level < reviewLevels; level++ {
				m.level = level
				out = append(out, m)
			}
		}
	}
	if len(events) > 0 {
		rows, err := t.query(ctx, "SELECT "+reviewStatementCols+" FROM statements WHERE entity_id IN ("+placeholders(len(events))+") ORDER BY created_at, id",
			idArgs(events)...)
		if err != nil {
			return nil, err
		}
		sts, err := collect(rows, scanReviewStatementKey)
		if err != nil {
			return nil, err
		}
		byEvent := map[string][]reviewStatement{}
		var parts []string
		for _, x := range sts {
			byEvent[x.entity] = append(byEvent[x.entity], x)
			if x.valueEntity != "" {
				parts = append(parts, x.valueEntity)
			}
		}
		if err := loadTypes(parts); err != nil {
			return nil, err
		}
		for _, ev := range events {
			for level := 0; level < reviewLevels; level++ {
				out = append(out, eventMembers(ev, byEvent[ev], model.Sensitivity(level), types, vk)...)
			}
		}
	}
	return out, nil
}

// eventMembers is one event's claim for a reviewer of clearance level, as
// app's grouper keys it (eventItem): its proposed statements there.
func eventMembers(id string, sts []reviewStatement, level model.Sensitivity, types map[string]model.EntityType, vk []byte) []reviewMember {
	var value, typ, modality, date string
	modality = string(model.Asserted)
	var parts []string
	person := false
	var proposed []reviewStatement
	for _, x := range sts {
		if x.sensitivity > level {
			continue
		}
		if x.status == model.StatusProposed {
			proposed = append(proposed, x)
		}
		if x.status == model.StatusRejected {
			continue
		}
		switch model.Property(x.property) {
		case model.PropEventType:
			if value == "" {
				value = x.valueKey(vk)
				typ = value
			}
			if x.modality != "" && x.modality != string(model.Asserted) {
				modality = x.modality
			}
		case model.PropDate:
			if date == "" {
				d, _ := model.ParseDate(x.dateStart)
				if d.IsZero() && !strings.HasPrefix(x.value, sealedPrefix) {
					d, _ = model.ParseDate(x.value)
				}
				if !d.IsZero() {
					date = d.String()
				}
			}
		case model.PropInvolved, model.PropOrganizer:
			who := x.valueKey(vk)
			parts = append(parts, who+"/"+x.role)
			if types[x.valueEntity] == model.TypePerson {
				person = true
			}
		}
	}
	if len(proposed) == 0 {
		return nil
	}
	sort.Strings(parts)
	parts = slices.Compact(parts)
	key := "e:" + id
	if value != "" && (date != "" || len(parts) > 0) {
		key = "e:" + value + "|" + date + "|" + modality + "|" + strings.Join(parts, ",")
	}
	priority := 2
	if person {
		priority = 0
	}
	out := make([]reviewMember, len(proposed))
	for i, st := range proposed {
		out[i] = reviewMember{statement: st.id, level: int(level), unit: "e:" + id, key: key, kind: "event", claimType: typ, modality: modality,
			priority: priority, propRank: propRank(string(model.PropEventType)), source: st.source, confidence: st.confidence}
	}
	return out
}

// ReviewClaimsFilter narrows the kept claims a page reads.
type ReviewClaimsFilter struct {
	// Type: a property, or an event's type.
	Type          string
	Modality      model.Modality
	MinConfidence float64
	// Limit: the first claims of the queue, at most.
	Limit int
}

// ReviewClaimStatements reads the first claims of the queue for v — most
// important first: priority, then the claims more sources make, then the
// vocabulary's order and the least statement id — and returns the proposed statements v
// may see of each, oldest first, for the caller to group (app.ReviewClaims),
// and how many claims the filter keeps for v, counted up to most.
func (s *Store) ReviewClaimStatements(ctx context.Context, v access.Viewer, f ReviewClaimsFilter, most int) ([]model.Statement, int, error) {
	if v.ConfirmedOnly() || !v.Clearance.Valid() || f.Limit <= 0 {
		return nil, 0, nil
	}
	where := " WHERE level = ?"
	args := []any{int(v.Clearance)}
	if f.Type != "" {
		types := []string{f.Type}
		vk, err := s.valueKey(ctx)
		if err != nil {
			return nil, 0, fmt.Errorf("review claims: %w", err)
		}
		if vk != nil {
			types = append(types, "h:"+hashValue(vk, f.Type))
		}
		where += " AND claim_type IN (" + placeholders(len(types)) + ")"
		args = append(args, idArgs(types)...)
	}
	if f.Modality != "" {
		where += " AND modality = ?"
		args = append(args, string(f.Modality))
	}
	if f.MinConfidence > 0 {
		where += " AND confidence >= ?"
		args = append(args, f.MinConfidence)
	}
	var total int
	if err := s.db.QueryRowContext(ctx, s.rebind(fmt.Sprintf("SELECT count(*) FROM (SELECT 1 FROM review_claims%s LIMIT %d) c", where, most)),
		args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("review claims: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, s.rebind(fmt.Sprintf("SELECT claim_key FROM review_claims%s ORDER BY priority, n_sources DESC, prop_rank, first_id LIMIT %d",
		where, f.Limit)), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("review claims: %w", err)
	}
	keys, err := collect(rows, func(r rowScanner) (k string, err error) { err = r.Scan(&k); return })
	if err != nil || len(keys) == 0 {
		return nil, total, err
	}
	cond, cargs := visibleFrom(v, "st.sensitivity", "st.source_id")
	// the members first, each statement by its key (a CROSS JOIN keeps
	// SQLite to that order: it would rather walk every proposed statement
	// in order by statements_status_created and skip to the few it wants)
	q := "SELECT " + prefixed("st.", reviewCols) + " FROM review_claim_members m CROSS JOIN statements st WHERE st.id = m.statement_id AND m.claim_key IN (" +
		placeholders(len(keys)) + ") AND m.level = ? AND st.status = 'proposed' AND " + cond + " ORDER BY st.created_at, st.id"
	out, err := s.queryReview(ctx, 4*len(keys), q, append(append(idArgs(keys), int(v.Clearance)), cargs...)...)
	if err != nil {
		return nil, 0, fmt.Errorf("review claims: %w", err)
	}
	return out, total, nil
}

// ensureReviewClaims builds the kept claims of a store made before them.
func (s *Store) ensureReviewClaims(ctx context.Context) error {
	var built int
	if err := s.db.QueryRowContext(ctx, "SELECT built FROM review_claims_mark WHERE id = 1").Scan(&built); err != nil {
		return fmt.Errorf("review claims: %w", err)
	}
	if built == 1 {
		return nil
	}
	return s.Write(ctx, "rebuild", func(t *Tx) error {
		if err := t.lock(ctx); err != nil {
			return err
		}
		if err := t.queryRow(ctx, "SELECT built FROM review_claims_mark WHERE id = 1").Scan(&built); err != nil || built == 1 {
			return err
		}
		return t.rebuildReviewClaims(ctx)
	})
}

// rebuildReviewClaims builds the kept claims from the statements, from
// scratch.
func (t *Tx) rebuildReviewClaims(ctx context.Context) error {
	for _, table := range []string{"review_claims", "review_claim_members"} {
		if _, err := t.exec(ctx, "DELETE FROM "+table); err != nil {
			return fmt.Errorf("review claims: %w", err)
		}
	}
	// every proposed statement's unit: its event, or itself
	rows, err := t.query(ctx, "SELECT st.id, st.entity_id, e.type FROM statements st JOIN entities e ON e.id = st.entity_id WHERE st.status = 'proposed' "+
		"ORDER BY st.id")
	if err != nil {
		return fmt.Errorf("review claims: %w", err)
	}
	type cur struct{ id, entity, typ string }
	all, err := collect(rows, func(r rowScanner) (c cur, err error) { err = r.Scan(&c.id, &c.entity, &c.typ); return })
	if err != nil {
		return fmt.Errorf("review claims: %w", err)
	}
	units := map[string]bool{}
	for _, c := range all {
		if model.EntityType(c.typ) == model.TypeEvent {
			units["e:"+c.entity] = true
		} else {
			units["s:"+c.id] = true
		}
	}
	if err := t.rekeyUnits(ctx, setKeysOf(units), false); err != nil {
		return err
	}
	if _, err := t.exec(ctx, "INSERT INTO review_claims (level, claim_key, kind, claim_type, modality, priority, prop_rank, n_sources, n, confidence, first_id) "+
		reviewClaimCounts+" GROUP BY m.claim_key, m.level"); err != nil {
		return fmt.Errorf("review claims: %w", err)
	}
	if _, err := t.exec(ctx, "UPDATE review_claims_mark SET built = 1 WHERE id = 1"); err != nil {
		return fmt.Errorf("review claims: %w", err)
	}
	t.reviewMarks, t.reviewGazetteer, t.reviewGazetteerMarks = nil, nil, nil
	return nil
}

// ReviewClaimsDrift compares the kept claims with claims built from the
// statements from scratch, and describes the first differences ("" when
// they agree). It changes nothing: the rebuild is rolled back.
func (s *Store) ReviewClaimsDrift(ctx context.Context) (string, error) {
	errSame := fmt.Errorf("rolled back")
	var drift string
	err := s.Write(ctx, "check", func(t *Tx) error {
		if err := t.lock(ctx); err != nil {
			return err
		}
		kept, err := t.reviewClaimRows(ctx)
		if err != nil {
			return err
		}
		if err := t.rebuildReviewClaims(ctx); err != nil {
			return err
		}
		fresh, err := t.reviewClaimRows(ctx)
		if err != nil {
			return err
		}
		drift = diffLines(kept, fresh)
		return errSame
	})
	if err != nil && err != errSame {
		return "", err
	}
	return drift, nil
}

// reviewClaimRows lists the kept claims and members as lines, sorted.
func (t *Tx) reviewClaimRows(ctx context.Context) ([]string, error) {
	var out []string
	for _, q := range []string{
		"SELECT 'claim ' || claim_key || ' level ' || CAST(level AS TEXT) || ' ' || kind || ' ' || claim_type || ' ' || modality || ' p' || " +
			"CAST(priority AS TEXT) || ' r' || CAST(prop_rank AS TEXT) || ' sources ' || CAST(n_sources AS TEXT) || ' n ' || CAST(n AS TEXT) || ' conf ' || " +
			"CAST(CAST(confidence * 1000 AS INTEGER) AS TEXT) || ' first ' || first_id FROM review_claims",
		"SELECT 'member ' || statement_id || ' level ' || CAST(level AS TEXT) || ' ' || unit || ' ' || claim_key || ' ' || kind || ' ' || claim_type || ' ' || " +
			"modality || ' p' || CAST(priority AS TEXT) FROM review_claim_members",
	} {
		lines, err := t.ids(ctx, q)
		if err != nil {
			return nil, fmt.Errorf("review claims: %w", err)
		}
		out = append(out, lines...)
	}
	sort.Strings(out)
	return out, nil
}

// diffLines describes up to ten lines only one of two sorted lists has.
func diffLines(kept, fresh []string) string {
	var b strings.Builder
	n := 0
	i, j := 0, 0
	for (i < len(kept) || j < len(fresh)) && n < 10 {
		switch {
		case j >= len(fresh) || i < len(kept) && kept[i] < fresh[j]:
			fmt.Fprintf(&b, "kept only: %s\n", kept[i])
			i++
			n++
		case i >= len(kept) || fresh[j] < kept[i]:
			fmt.Fprintf(&b, "rebuilt only: %s\n", fresh[j])
			j++
			n++
		default:
			i++
			j++
		}
	}
	return b.String()
}

func sortedLevels(m map[int]bool) []int {
	out := make([]int, 0, len(m))
	for l := range m {
		out = append(out, l)
	}
	slices.Sort(out)
	return out
}

func setKeysOf(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func sortedCopy(ss []string) []string {
	out := slices.Clone(ss)
	sort.Strings(out)
	return out
}

// chunks cuts ss into runs of at most n, in order.
func chunks[T any](ss []T, n int) [][]T {
	var out [][]T
	for len(ss) > 0 {
		c := ss[:min(n, len(ss))]
		ss = ss[len(c):]
		out = append(out, c)
	}
	return out
}
