package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/textfold"
)

// Claim totals. A page says of every value an entity's statements give a
// property how many independent sources make it (near-copies counting as
// the original), its review state and whether it is only alleged. Counting
// that from the statements means reading all of them: for a prison or a
// city that thousands of sources name, tens of thousands of rows on every
// view. The totals are instead kept as the statements are written, in the
// same transaction (claim_stats, claim_origins, claim_sources; migration
// 00010), for every kind of viewer at once, since what a viewer may see
// decides what is counted: a viewer of clearance c counts the statements at
// levels up to c that are not rejected, the anonymous public the confirmed
// public ones not drawn from a testimony withheld from publication
// (claim_stats.unpublished; access.Viewer.PublishedOnly).

// ClaimKey is the key statements of one value share: the linked entity's
// id, or the value folded so that spellings differing in case and
// diacritics meet (as pages group them).
func ClaimKey(value, valueEntity string) string {
	if valueEntity != "" {
		return valueEntity
	}
	return "v:" + textfold.Fold(value)
}

// claimKeyOf is the key a stored statement counts under in the totals:
// ClaimKey for a value in the clear; for a sealed value "h:" and its keyed
// hash (seal_values.go), or "x:" and the statement's id once a take-down
// forgot the hash.
func claimKeyOf(r claimRow) string {
	if r.valueEntity == "" && strings.HasPrefix(r.value, sealedPrefix) {
		if r.hash != "" {
			return "h:" + r.hash
		}
		return "x:" + r.id
	}
	return ClaimKey(r.value, r.valueEntity)
}

// spelling is what the totals keep of a stored statement's value: the
// value, or for a sealed one where to open it (sealedRef).
func (r claimRow) spelling() string {
	if strings.HasPrefix(r.value, sealedPrefix) {
		return sealedRef(r.source, r.id, r.value)
	}
	return r.value
}

// claimRow is what the totals need of one statement; value as stored
// (sealed or not), hash its value_hash.
type claimRow struct {
	id, entity, property, value, hash, valueEntity, source string
	status                                                 model.Status
	sensitivity                                            model.Sensitivity
	modality                                               model.Modality
	createdAt                                              string
	// unpublished: drawn from a source withheld from publication; filled
	// in by countClaim (and by the rebuild's query).
	unpublished bool
}

func claimRowOf(st *model.Statement) claimRow {
	return claimRow{id: st.ID, entity: st.EntityID, property: string(st.Property), value: st.Value, valueEntity: st.ValueEntity,
		source: st.SourceID, status: st.Status, sensitivity: st.Sensitivity, modality: st.Modality,
		createdAt: timeText(st.CreatedAt)}
}

// readClaimRow reads a stored statement's part in the totals.
func (t *Tx) readClaimRow(ctx context.Context, id string) (claimRow, error) {
	var r claimRow
	var status, sens, modality string
	r.id = id
	err := t.queryRow(ctx, "SELECT entity_id, property, value, value_hash, COALESCE(value_entity, ''), COALESCE(source_id, ''), status, "+
		"sensitivity, modality, created_at FROM statements WHERE id = ?", id).
		Scan(&r.entity, &r.property, &r.value, &r.hash, &r.valueEntity, &r.source, &status, &sens, &modality, &r.createdAt)
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("statement %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return r, fmt.Errorf("statement %s: %w", id, err)
	}
	r.status, r.modality = model.Status(status), model.Modality(modality)
	if r.sensitivity, err = model.ParseSensitivity(sens); err != nil {
		return r, fmt.Errorf("statement %s: %w", id, err)
	}
	return r, nil
}

// originOf is the independent source a source stands for: the original it
// nearly copies, or itself.
func (t *Tx) originOf(ctx context.Context, source string) (string, error) {
	if origin, ok := t.origins[source]; ok {
		return origin, nil
	}
	var origin string
	if err := t.queryRow(ctx, "SELECT COALESCE(duplicate_of, id) FROM sources WHERE id = ?", source).Scan(&origin); err != nil {
		return "", fmt.Errorf("source %s: %w", source, err)
	}
	if t.origins == nil {
		t.origins = map[string]string{}
	}
	t.origins[source] = origin
	return origin, nil
}

// isWithheld reports whether a source is withheld from publication: a
// testimony whose witness did not consent to it (withheldSources).
func (t *Tx) isWithheld(ctx context.Context, source string) (bool, error) {
	if w, ok := t.withheld[source]; ok {
		return w, nil
	}
	var n int
	if err := t.queryRow(ctx, "SELECT count(*) FROM ("+withheldSources+") ws WHERE ws.withheld_id = ?", source).Scan(&n); err != nil {
		return false, fmt.Errorf("source %s: %w", source, err)
	}
	if t.withheld == nil {
		t.withheld = map[string]bool{}
	}
	t.withheld[source] = n > 0
	return n > 0, nil
}

// claimsVisible is the condition on a claim_stats row (its columns
// prefixed with p) that the viewer may count it: visibleIn for its level,
// and for the anonymous public only rows not drawn from a testimony
// withheld from publication. (Review status is the caller's.)
func claimsVisible(v access.Viewer, p string) (string, []any) {
	cond, args := visibleIn(v, p+"sensitivity")
	if v.PublishedOnly() {
		cond += " AND " + p + "unpublished = 0"
	}
	return cond, args
}

// viewerClasses: a viewer of each clearance, then the anonymous public.
const viewerClasses = 5

// originCounts are an origin's statements of one value: not rejected at
// each level, then public and confirmed.
type originCounts [viewerClasses]int64

// visible reports, for each class of viewer, whether it may see any of them.
func (c originCounts) visible() (out [viewerClasses]bool) {
	var sum int64
	for level := 0; level < 4; level++ {
		sum += c[level]
		out[level] = sum > 0
	}
	out[4] = c[4] > 0
	return out
}

// countClaim adds a statement to the totals (sign 1) or takes it out (-1).
func (t *Tx) countClaim(ctx context.Context, r claimRow, sign int64) error {
	return t.countClaims(ctx, []claimRow{r}, sign)
}

// claimTotalKey is the key of a claim_stats row.
type claimTotalKey struct {
	entity, property, key, sensitivity, status, modality string
	manual, unpublished                                  int
}

// claimValueKey is the key of a claim_sources row, and with an origin
// (claimOriginKey) of a claim_origins row.
type claimValueKey struct{ entity, property, key string }

type claimOriginKey struct {
	claimValueKey
	origin string
}

// countClaims adds statements to the totals (sign 1) or takes them out
// (-1). What each changes is summed per row of the totals first, in the
// order the statements come (a new claim_stats row keeps the first one's
// spelling and time, as when they are counted one by one); additions are
// then written in multi-row upserts, a run of rows each, removals a row at
// a time. Summing changes nothing: a count is the sum of its statements',
// and an origin's visibility to a class of viewers, which only rises as
// statements are added and only falls as they are taken out, changes at
// most once over a call either way.
func (t *Tx) countClaims(ctx context.Context, rs []claimRow, sign int64) error {
	type total struct {
		k                              claimTotalKey
		spelling, valueEntity, firstAt string
		n                              int64
	}
	var totals []*total
	totalAt := map[claimTotalKey]*total{}
	var origins []claimOriginKey
	deltas := map[claimOriginKey]*originCounts{}
	for _, r := range rs {
		key := claimKeyOf(r)
		manual := 0
		if r.source == "" {
			manual = 1
		} else {
			var err error
			if r.unpublished, err = t.isWithheld(ctx, r.source); err != nil {
				return fmt.Errorf("claim totals: %w", err)
			}
		}
		tk := claimTotalKey{r.entity, r.property, key, r.sensitivity.String(), string(r.status), string(r.modality), manual, flag(r.unpublished)}
		tot, ok := totalAt[tk]
		if !ok {
			tot = &total{k: tk, spelling: r.spelling(), valueEntity: r.valueEntity, firstAt: r.createdAt}
			totalAt[tk] = tot
			totals = append(totals, tot)
		}
		tot.n++
		if r.source == "" || r.status == model.StatusRejected {
			continue // neither counts as a source behind the value
		}
		origin, err := t.originOf(ctx, r.source)
		if err != nil {
			return fmt.Errorf("claim totals: %w", err)
		}
		ok2 := claimOriginKey{claimValueKey{r.entity, r.property, key}, origin}
		d, ok := deltas[ok2]
		if !ok {
			d = new(originCounts)
			deltas[ok2] = d
			origins = append(origins, ok2)
		}
		d[r.sensitivity] += sign
		if r.forAnonymous() {
			d[4] += sign
		}
	}
	if sign > 0 {
		args := make([]any, 0, 12*len(totals))
		for _, tot := range totals {
			k := tot.k
			args = append(args, k.entity, k.property, k.key, k.sensitivity, k.status, k.modality, k.manual, k.unpublished,
				tot.spelling, tot.valueEntity, tot.firstAt, tot.n)
		}
		if err := t.insertRows(ctx, "INSERT INTO claim_stats (entity_id, property, value_key, sensitivity, status, modality, manual, unpublished, "+
			"value, value_entity, first_at, n) VALUES ", " ON CONFLICT (entity_id, property, value_key, sensitivity, status, modality, manual, unpublished) "+
			"DO UPDATE SET n = claim_stats.n + excluded.n", 12, args); err != nil {
			return fmt.Errorf("claim totals: %w", err)
		}
	} else {
		const where = " WHERE entity_id = ? AND property = ? AND value_key = ? AND sensitivity = ? AND status = ? AND modality = ? AND manual = ? AND unpublished = ?"
		for _, tot := range totals {
			k := tot.k
			key := []any{k.entity, k.property, k.key, k.sensitivity, k.status, k.modality, k.manual, k.unpublished}
			if _, err := t.exec(ctx, "UPDATE claim_stats SET n = n - ?"+where, append([]any{tot.n}, key...)...); err != nil {
				return fmt.Errorf("claim totals: %w", err)
			}
			if _, err := t.exec(ctx, "DELETE FROM claim_stats"+where+" AND n <= 0", key...); err != nil {
				return fmt.Errorf("claim totals: %w", err)
			}
		}
	}
	if len(origins) == 0 {
		return nil
	}
	// Each origin's counts change by its delta; the row comes back as it
	// is after, and before is after less delta.
	args := make([]any, 0, 9*len(origins))
	for _, o := range origins {
		d := deltas[o]
		args = append(args, o.entity, o.property, o.key, o.origin, d[0], d[1], d[2], d[3], d[4])
	}
	var values []claimValueKey
	changes := map[claimValueKey]*[viewerClasses]int64{}
	err := t.upsertRunsReturning(ctx, "INSERT INTO claim_origins (entity_id, property, value_key, origin_id, n_public, n_internal, n_restricted, "+
		"n_confidential, n_public_confirmed) VALUES ", " ON CONFLICT (entity_id, property, value_key, origin_id) DO UPDATE SET "+
		"n_public = claim_origins.n_public + excluded.n_public, n_internal = claim_origins.n_internal + excluded.n_internal, "+
		"n_restricted = claim_origins.n_restricted + excluded.n_restricted, n_confidential = claim_origins.n_confidential + excluded.n_confidential, "+
		"n_public_confirmed = claim_origins.n_public_confirmed + excluded.n_public_confirmed "+
		"RETURNING entity_id, property, value_key, origin_id, n_public, n_internal, n_restricted, n_confidential, n_public_confirmed", 9, args,
		func(sc scanner) error {
			var o claimOriginKey
			var c originCounts
			if err := sc.Scan(&o.entity, &o.property, &o.key, &o.origin, &c[0], &c[1], &c[2], &c[3], &c[4]); err != nil {
				return err
			}
			delta, ok := deltas[o]
			if !ok {
				return fmt.Errorf("claim totals: origin %s of %s %s came back unasked", o.origin, o.entity, o.property)
			}
			var before originCounts
			for i := range c {
				if c[i] < 0 {
					return fmt.Errorf("claim totals of %s %s: origin %s counted below zero (run athar migrate --rebuild-totals)", o.entity, o.property, o.origin)
				}
				before[i] = c[i] - delta[i]
			}
			if c == (originCounts{}) {
				// Deleted once the rows are read (no statement runs while
				// the upsert's rows are open): nil marks it.
				deltas[o] = nil
			}
			was, after := before.visible(), c.visible()
			for i := range was {
				var d int64
				switch {
				case after[i] && !was[i]:
					d = 1
				case was[i] && !after[i]:
					d = -1
				default:
					continue
				}
				ch, ok := changes[o.claimValueKey]
				if !ok {
					ch = new([viewerClasses]int64)
					changes[o.claimValueKey] = ch
					values = append(values, o.claimValueKey)
				}
				ch[i] += d
			}
			return nil
		})
	if err != nil {
		return fmt.Errorf("claim totals: %w", err)
	}
	for _, o := range origins {
		if deltas[o] != nil {
			continue
		}
		if _, err := t.exec(ctx, "DELETE FROM claim_origins WHERE entity_id = ? AND property = ? AND value_key = ? AND origin_id = ?",
			o.entity, o.property, o.key, o.origin); err != nil {
			return fmt.Errorf("claim totals: %w", err)
		}
	}
	args = args[:0]
	var emptied []claimValueKey
	for _, v := range values {
		d := changes[v]
		if *d == ([viewerClasses]int64{}) {
			continue
		}
		args = append(args, v.entity, v.property, v.key, d[0], d[1], d[2], d[3], d[4])
		if slices.Min(d[:]) < 0 {
			emptied = append(emptied, v)
		}
	}
	if err := t.insertRows(ctx, "INSERT INTO claim_sources (entity_id, property, value_key, for_public, for_internal, for_restricted, "+
		"for_confidential, for_anonymous) VALUES ", " ON CONFLICT (entity_id, property, value_key) DO UPDATE SET "+
		"for_public = claim_sources.for_public + excluded.for_public, for_internal = claim_sources.for_internal + excluded.for_internal, "+
		"for_restricted = claim_sources.for_restricted + excluded.for_restricted, "+
		"for_confidential = claim_sources.for_confidential + excluded.for_confidential, "+
		"for_anonymous = claim_sources.for_anonymous + excluded.for_anonymous", 8, args); err != nil {
		return fmt.Errorf("claim totals: %w", err)
	}
	// No origin left for anyone: the row goes (its key may be a value
	// sealed since, or a hash a take-down forgets).
	for _, v := range emptied {
		if _, err := t.exec(ctx, "DELETE FROM claim_sources WHERE entity_id = ? AND property = ? AND value_key = ? AND for_public = 0 AND "+
			"for_internal = 0 AND for_restricted = 0 AND for_confidential = 0 AND for_anonymous = 0", v.entity, v.property, v.key); err != nil {
			return fmt.Errorf("claim totals: %w", err)
		}
	}
	return nil
}

// upsertRunsReturning is insertRows for a statement that returns rows,
// each handed to scan.
func (t *Tx) upsertRunsReturning(ctx context.Context, prefix, suffix string, width int, args []any, scan func(scanner) error) error {
	for at, n := range t.runs(len(args)/width, width) {
		rows, err := t.queryPrepared(ctx, prefix+tuples(n, width)+suffix, args[at*width:(at+n)*width]...)
		if err != nil {
			return err
		}
		for rows.Next() {
			if err := scan(rows); err != nil {
				rows.Close()
				return err
			}
		}
		if err := rows.Close(); err != nil {
			return err
		}
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

// forAnonymous reports whether the statement counts for the anonymous
// public: public, confirmed, and not drawn from a testimony withheld from
// publication.
func (r claimRow) forAnonymous() bool {
	return r.sensitivity == model.Public && r.status == model.StatusConfirmed && !r.unpublished
}

// flag is a boolean as the totals' integer columns hold it.
func flag(b bool) int {
	if b {
		return 1
	}
	return 0
}

// recountStatement runs change on a stored statement with its old part in
// the totals taken out before and its new part added after.
func (t *Tx) recountStatement(ctx context.Context, id string, change func() error) error {
	if err := t.lock(ctx); err != nil {
		return err
	}
	old, err := t.readClaimRow(ctx, id)
	if err != nil {
		return err
	}
	t.markReview(id, old.entity, old.property)
	if err := t.countClaim(ctx, old, -1); err != nil {
		return err
	}
	if err := change(); err != nil {
		return err
	}
	now, err := t.readClaimRow(ctx, id)
	if err != nil {
		return err
	}
	t.markReview(id, now.entity, now.property)
	return t.countClaim(ctx, now, 1)
}

// recountSource runs change (which makes a source a near-copy of another,
// or changes its witness's consent) with the statements drawn from the
// source moved from the origin they were counted under to the one they
// stand for after, and from the anonymous public's totals to what its
// consent to publication allows after.
func (t *Tx) recountSource(ctx context.Context, source string, change func() error) error {
	if err := t.lock(ctx); err != nil {
		return err
	}
	ids, err := t.ids(ctx, "SELECT id FROM statements WHERE source_id = ?", source)
	if err != nil {
		return err
	}
	var rs []claimRow
	for _, id := range ids {
		r, err := t.readClaimRow(ctx, id)
		if err != nil {
			return err
		}
		if err := t.countClaim(ctx, r, -1); err != nil {
			return err
		}
		rs = append(rs, r)
	}
	if err := change(); err != nil {
		return err
	}
	delete(t.origins, source)
	delete(t.withheld, source)
	for _, r := range rs {
		if err := t.countClaim(ctx, r, 1); err != nil {
			return err
		}
	}
	return nil
}

// ClaimTotal is one value an entity's statements give a property, totalled
// over the statements a viewer may see.
type ClaimTotal struct {
	Property    string
	Key         string // see ClaimKey
	ValueEntity string
	Values      []string // every spelling the visible statements use, sorted
	Confirmed   int      // statements, by review state
	Proposed    int
	Rejected    int
	Alleged     bool // some visible statement only alleges it
	Denied      bool // some visible statement reports a denial
	Manual      bool // some visible statement has no source
	Sensitivity model.Sensitivity
	Independent int // independent sources the viewer may see behind it
	FirstAt     string
	// keys are the keys the totals hold it under: Key, and the hashed key
	// of its sealed spellings (claimKeyOf).
	keys []string
}

// ClaimTotals totals, for the viewer, every value the statements of the
// given entities (one entity and those merged into it) give each property,
// in the order the values were first stated. Rejected statements are
// counted, not totalled; a value only rejected statements give has
// Confirmed and Proposed 0.
func (s *Store) ClaimTotals(ctx context.Context, v access.Viewer, ids []string) ([]ClaimTotal, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	cond, cargs := claimsVisible(v, "")
	q := "SELECT property, value_key, sensitivity, status, modality, manual, value, value_entity, first_at, n FROM claim_stats " +
		"WHERE entity_id IN (" + placeholders(len(ids)) + ") AND n > 0 AND " + cond
	if v.ConfirmedOnly() {
		q += " AND status = 'confirmed'"
	}
	rows, err := s.db.QueryContext(ctx, s.rebind(q), append(idArgs(ids), cargs...)...)
	if err != nil {
		return nil, fmt.Errorf("claim totals: %w", err)
	}
	type statRow struct {
		prop, key, sens, status, modality, value, valueEntity, first string
		manual, n                                                    int
	}
	stats, err := collect(rows, func(r rowScanner) (x statRow, err error) {
		err = r.Scan(&x.prop, &x.key, &x.sens, &x.status, &x.modality, &x.manual, &x.value, &x.valueEntity, &x.first, &x.n)
		return
	})
	if err != nil {
		return nil, fmt.Errorf("claim totals: %w", err)
	}
	// Sealed spellings are opened, and a sealed value joins the same value
	// in the clear ("h:" keys become the "v:" key of what they spell).
	var open valueOpener
	for i := range stats {
		x := &stats[i]
		if !strings.HasPrefix(x.value, sealedRefPrefix) {
			continue
		}
		if open.m == nil {
			open = s.valueOpener()
		}
		if x.value, err = open.ref(ctx, x.value); err != nil {
			return nil, fmt.Errorf("claim totals: %w", err)
		}
	}
	var out []ClaimTotal
	index := map[[2]string]int{}
	spelled := map[[2]string]map[string]bool{}
	for _, x := range stats {
		shown := x.key
		if strings.HasPrefix(x.key, "h:") && x.value != Withdrawn {
			shown = ClaimKey(x.value, "")
		}
		k := [2]string{x.prop, shown}
		i, ok := index[k]
		if !ok {
			i = len(out)
			index[k] = i
			out = append(out, ClaimTotal{Property: x.prop, Key: shown, ValueEntity: x.valueEntity, FirstAt: x.first})
			spelled[k] = map[string]bool{}
		}
		c := &out[i]
		if !slices.Contains(c.keys, x.key) {
			c.keys = append(c.keys, x.key)
		}
		if x.first < c.FirstAt {
			c.FirstAt = x.first
		}
		if model.Status(x.status) == model.StatusRejected {
			c.Rejected += x.n
			continue
		}
		if model.Status(x.status) == model.StatusConfirmed {
			c.Confirmed += x.n
		} else {
			c.Proposed += x.n
		}
		spelled[k][x.value] = true
		switch model.Modality(x.modality) {
		case model.Alleged:
			c.Alleged = true
		case model.Denied:
			c.Denied = true
		}
		if x.manual == 1 {
			c.Manual = true
		}
		if level, err := model.ParseSensitivity(x.sens); err == nil && level > c.Sensitivity {
			c.Sensitivity = level
		}
	}
	for i := range out {
		c := &out[i]
		for value := range spelled[[2]string{c.Property, c.Key}] {
			c.Values = append(c.Values, value)
		}
		sort.Strings(c.Values)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].FirstAt < out[j].FirstAt })
	if err := s.independentTotals(ctx, v, ids, out); err != nil {
		return nil, err
	}
	return out, nil
}

// independentTotals fills in how many independent sources the viewer may
// see behind each value: kept per class of viewer for one entity; counted
// from the origins for an entity with others merged into it (an original
// behind both counts once).
func (s *Store) independentTotals(ctx context.Context, v access.Viewer, ids []string, out []ClaimTotal) error {
	col, visible, err := originVisibility(v)
	if err != nil || col == "" {
		return err
	}
	index := map[[2]string]int{}
	for i, c := range out {
		if len(c.keys) > 1 {
			// A value stated both in the clear and sealed: its origins
			// under either key, each counted once.
			n, err := s.countOrigins(ctx, visible, ids, []string{c.Property}, c.keys)
			if err != nil {
				return err
			}
			out[i].Independent = n
			continue
		}
		index[[2]string{c.Property, c.Key}] = i
		for _, k := range c.keys {
			index[[2]string{c.Property, k}] = i
		}
	}
	var q string
	if len(ids) == 1 {
		q = "SELECT property, value_key, " + col + " FROM claim_sources WHERE entity_id = ?"
	} else {
		q = "SELECT property, value_key, count(DISTINCT origin_id) FROM claim_origins WHERE entity_id IN (" + placeholders(len(ids)) +
			") AND " + visible + " GROUP BY property, value_key"
	}
	rows, err := s.db.QueryContext(ctx, s.rebind(q), idArgs(ids)...)
	if err != nil {
		return fmt.Errorf("independent sources: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var prop, key string
		var n int
		if err := rows.Scan(&prop, &key, &n); err != nil {
			return err
		}
		if i, ok := index[[2]string{prop, key}]; ok {
			out[i].Independent = n
		}
	}
	return rows.Err()
}

// originVisibility is the claim_sources column that counts the origins the
// viewer may see, and the condition on a claim_origins row that it may.
func originVisibility(v access.Viewer) (col, cond string, err error) {
	if !v.Clearance.Valid() {
		return "", "", nil
	}
	switch {
	case v.ConfirmedOnly() && v.Clearance == model.Public:
		return "for_anonymous", "n_public_confirmed > 0", nil
	case v.ConfirmedOnly():
		return "", "", errors.New("claim totals: no totals for a confirmed-only viewer above public clearance")
	}
	names := []string{"public", "internal", "restricted", "confidential"}
	var sum []string
	for level := model.Public; level <= v.Clearance; level++ {
		sum = append(sum, "n_"+names[level])
	}
	return "for_" + names[v.Clearance], strings.Join(sum, " + ") + " > 0", nil
}

// IndependentSources counts the independent sources the viewer may see
// behind one value of several properties of the entities (a name that
// some sources give as a name and others as an alias counts each once).
func (s *Store) IndependentSources(ctx context.Context, v access.Viewer, ids, props []string, key string) (int, error) {
	_, visible, err := originVisibility(v)
	if err != nil || visible == "" || len(ids) == 0 || len(props) == 0 {
		return 0, err
	}
	keys := []string{key}
	if h := s.sealedKeyOf(ctx, key); h != "" {
		keys = append(keys, h)
	}
	return s.countOrigins(ctx, visible, ids, props, keys)
}

// countOrigins counts the distinct origins behind any of the keys of the
// properties of the entities, as far as the condition visible lets.
func (s *Store) countOrigins(ctx context.Context, visible string, ids, props, keys []string) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, s.rebind("SELECT count(DISTINCT origin_id) FROM claim_origins WHERE entity_id IN ("+
		placeholders(len(ids))+") AND property IN ("+placeholders(len(props))+") AND value_key IN ("+placeholders(len(keys))+") AND "+visible),
		append(append(idArgs(ids), idArgs(props)...), idArgs(keys)...)...).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("independent sources: %w", err)
	}
	return n, nil
}

// ClaimStatements returns the first limit statements the viewer may see,
// not rejected, that give the entities' property the value of a total: the
// ones a page footnotes.
func (s *Store) ClaimStatements(ctx context.Context, v access.Viewer, ids []string, c ClaimTotal, limit int) ([]model.Statement, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	cond, cargs := visibleFrom(v, "sensitivity", "source_id")
	q := "SELECT " + statementCols + " FROM statements WHERE entity_id IN (" + placeholders(len(ids)) + ") AND property = ? AND "
	args := append(idArgs(ids), c.Property)
	if c.ValueEntity != "" {
		q += "value_entity = ?"
		args = append(args, c.ValueEntity)
	} else {
		// Sealed values are matched by their hash.
		// Sealed values are matched by their hash; one whose source was
		// taken down by its statement's id.
		var hashes, lone []string
		for _, k := range append([]string{c.Key, s.sealedKeyOf(ctx, c.Key)}, c.keys...) {
			if h, ok := strings.CutPrefix(k, "h:"); ok && !slices.Contains(hashes, h) {
				hashes = append(hashes, h)
			}
			if id, ok := strings.CutPrefix(k, "x:"); ok && !slices.Contains(lone, id) {
				lone = append(lone, id)
			}
		}
		if len(c.Values) == 0 && len(hashes) == 0 && len(lone) == 0 {
			return nil, nil
		}
		var or []string
		if len(lone) > 0 {
			or = append(or, "id IN ("+placeholders(len(lone))+")")
			args = append(args, idArgs(lone)...)
		}
		if len(c.Values) > 0 {
			or = append(or, "value IN ("+placeholders(len(c.Values))+")")
			for _, val := range c.Values {
				args = append(args, val)
			}
		}
		if len(hashes) > 0 {
			or = append(or, "value_hash IN ("+placeholders(len(hashes))+")")
			args = append(args, idArgs(hashes)...)
		}
		q += "(" + strings.Join(or, " OR ") + ") AND value_entity IS NULL"
	}
	q += " AND status <> 'rejected' AND " + cond
	args = append(args, cargs...)
	if v.ConfirmedOnly() {
		q += " AND status = 'confirmed'"
	}
	q += fmt.Sprintf(" ORDER BY created_at, id LIMIT %d", limit)
	out, err := s.queryStatements(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("statements of %s of %s: %w", c.Property, ids[0], err)
	}
	return out, nil
}

// ensureTotals builds the totals pages read when a store has statements or
// linked mentions and no totals: one made before migration 00010.
func (s *Store) ensureTotals(ctx context.Context) error {
	need, err := totalsMissing(ctx, s.db)
	if err != nil || !need {
		return err
	}
	_, err = s.rebuildTotals(ctx, true)
	return err
}

// totalsMissing reports whether a store has statements or linked mentions
// and no totals of them.
func totalsMissing(ctx context.Context, q querier) (bool, error) {
	var need bool
	if err := q.QueryRowContext(ctx, "SELECT (EXISTS (SELECT 1 FROM statements) AND NOT EXISTS (SELECT 1 FROM claim_stats)) OR "+
		"(EXISTS (SELECT 1 FROM mentions WHERE entity_id IS NOT NULL) AND NOT EXISTS (SELECT 1 FROM entity_sources))").Scan(&need); err != nil {
		return false, fmt.Errorf("page totals: %w", err)
	}
	return need, nil
}

// RebuildTotals recomputes every total pages read — of claims, from the
// statements; of the sources mentioning each entity, from the mentions; the
// review queue's claims (review_claims.go) — in
// one transaction that holds the ledger's lock so that nothing is written
// meanwhile, and returns how many statements it counted.
func (s *Store) RebuildTotals(ctx context.Context) (int, error) { return s.rebuildTotals(ctx, false) }

// rebuildTotals is RebuildTotals; ifMissing makes it look again once it
// holds the lock, so that of several servers and workers opening an old
// store at once only the first builds them.
func (s *Store) rebuildTotals(ctx context.Context, ifMissing bool) (int, error) {
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return 0, fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	t := &Tx{tx: tx.Tx, s: s, actor: "rebuild"}
	if err := s.dialect.lockLedger(ctx, tx.Tx); err != nil {
		return 0, fmt.Errorf("lock ledger: %w", err)
	}
	if ifMissing {
		if need, err := totalsMissing(ctx, tx); err != nil || !need {
			return 0, err
		}
	}
	for _, table := range []string{"claim_stats", "claim_origins", "claim_sources"} {
		if _, err := t.exec(ctx, "DELETE FROM "+table); err != nil {
			return 0, fmt.Errorf("claim totals: %w", err)
		}
	}
	if err := rebuildEntitySources(ctx, t); err != nil {
		return 0, err
	}
	// The entities first, then their statements a batch of entities at a
	// time: memory holds one batch's totals, and nothing is written while
	// a query's rows are open (PostgreSQL's connections do not allow it).
	entities, err := t.ids(ctx, "SELECT DISTINCT entity_id FROM statements ORDER BY entity_id")
	if err != nil {
		return 0, fmt.Errorf("claim totals: %w", err)
	}
	n := 0
	const batch = 500
	for from := 0; from < len(entities); from += batch {
		ids := entities[from:min(from+batch, len(entities))]
		b := newClaimBuilder()
		// Whether a statement's source is withheld from the public is
		// tested in the row, on the source and consent joined to it: as
		// "IN (withheld sources)", PostgreSQL built that set again for
		// every batch by reading all the sources (772 ms a batch at
		// 100,000 sources).
		rows, err := t.query(ctx, "SELECT st.id, st.entity_id, st.property, st.value, st.value_hash, COALESCE(st.value_entity, ''), COALESCE(st.source_id, ''), "+
			"COALESCE(w.duplicate_of, w.id, ''), st.status, st.sensitivity, st.modality, st.created_at, "+
			"CASE WHEN "+withheldCond+" THEN 1 ELSE 0 END "+
			"FROM statements st LEFT JOIN sources w ON w.id = st.source_id LEFT JOIN consents wc ON wc.source_id = w.id "+
			"WHERE st.entity_id IN ("+placeholders(len(ids))+")", idArgs(ids)...)
		if err != nil {
			return 0, fmt.Errorf("claim totals: %w", err)
		}
		for rows.Next() {
			var r claimRow
			var origin, status, sens, modality string
			var unpublished int
			if err := rows.Scan(&r.id, &r.entity, &r.property, &r.value, &r.hash, &r.valueEntity, &r.source, &origin, &status, &sens, &modality, &r.createdAt, &unpublished); err != nil {
				rows.Close()
				return 0, err
			}
			r.status, r.modality, r.unpublished = model.Status(status), model.Modality(modality), unpublished == 1
			if r.sensitivity, err = model.ParseSensitivity(sens); err != nil {
				rows.Close()
				return 0, fmt.Errorf("claim totals: %w", err)
			}
			b.add(r, origin)
			n++
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return 0, fmt.Errorf("claim totals: %w", err)
		}
		if err := b.write(ctx, t); err != nil {
			return 0, err
		}
	}
	// and the review queue's claims, which are kept the same way
	if err := t.rebuildReviewClaims(ctx); err != nil {
		return 0, err
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("commit: %w", err)
	}
	return n, nil
}

func manualFlag(s string) int {
	if s == "1" {
		return 1
	}
	return 0
}

// claimBuilder totals statements in memory.
type claimBuilder struct {
	stats   map[[8]string]*claimStat
	origins map[[4]string]*originCounts
}

type claimStat struct {
	value, valueEntity, first string
	n                         int64
}

func newClaimBuilder() *claimBuilder {
	return &claimBuilder{stats: map[[8]string]*claimStat{}, origins: map[[4]string]*originCounts{}}
}

func (b *claimBuilder) add(r claimRow, origin string) {
	key := claimKeyOf(r)
	manual := "0"
	if r.source == "" {
		manual = "1"
	}
	sk := [8]string{r.entity, r.property, key, r.sensitivity.String(), string(r.status), string(r.modality), manual, strconv.Itoa(flag(r.unpublished))}
	st, ok := b.stats[sk]
	if !ok {
		st = &claimStat{value: r.spelling(), valueEntity: r.valueEntity, first: r.createdAt}
		b.stats[sk] = st
	}
	if r.createdAt < st.first {
		st.value, st.first = r.spelling(), r.createdAt
	}
	st.n++
	if r.source == "" || r.status == model.StatusRejected {
		return
	}
	ok2 := [4]string{r.entity, r.property, key, origin}
	c, ok := b.origins[ok2]
	if !ok {
		c = &originCounts{}
		b.origins[ok2] = c
	}
	c[r.sensitivity]++
	if r.forAnonymous() {
		c[4]++
	}
}

func (c *claimBuilder) write(ctx context.Context, t *Tx) error {
	// Rows go in multi-row inserts (insertRows): a row at a time, rebuilding
	// the totals of two million statements on PostgreSQL took 688 s.
	stats := make([]any, 0, 12*len(c.stats))
	for k, st := range c.stats {
		stats = append(stats, k[0], k[1], k[2], k[3], k[4], k[5], manualFlag(k[6]), manualFlag(k[7]), st.value, st.valueEntity, st.first, st.n)
	}
	if err := t.insertRows(ctx, "INSERT INTO claim_stats (entity_id, property, value_key, sensitivity, status, modality, manual, unpublished, "+
		"value, value_entity, first_at, n) VALUES ", "", 12, stats); err != nil {
		return fmt.Errorf("claim totals: %w", err)
	}
	sources := map[[3]string]*[viewerClasses]int64{}
	origins := make([]any, 0, 9*len(c.origins))
	for k, oc := range c.origins {
		origins = append(origins, k[0], k[1], k[2], k[3], oc[0], oc[1], oc[2], oc[3], oc[4])
		sk := [3]string{k[0], k[1], k[2]}
		if sources[sk] == nil {
			sources[sk] = &[viewerClasses]int64{}
		}
		for i, vis := range oc.visible() {
			if vis {
				sources[sk][i]++
			}
		}
	}
	if err := t.insertRows(ctx, "INSERT INTO claim_origins (entity_id, property, value_key, origin_id, n_public, n_internal, "+
		"n_restricted, n_confidential, n_public_confirmed) VALUES ", "", 9, origins); err != nil {
		return fmt.Errorf("claim totals: %w", err)
	}
	counts := make([]any, 0, 8*len(sources))
	for k, n := range sources {
		counts = append(counts, k[0], k[1], k[2], n[0], n[1], n[2], n[3], n[4])
	}
	if err := t.insertRows(ctx, "INSERT INTO claim_sources (entity_id, property, value_key, for_public, for_internal, for_restricted, "+
		"for_confidential, for_anonymous) VALUES ", "", 8, counts); err != nil {
		return fmt.Errorf("claim totals: %w", err)
	}
	return nil
}

// CaptionNames returns, for each of ids (their own statements, not those
// of entities merged into them), the names the viewer may see by property
// (name, alias, weakAlias), each property's in the order first stated: what
// a link to an entity is captioned with, read from the claim totals so that
// a prison named by thousands of sources costs a few rows.
func (s *Store) CaptionNames(ctx context.Context, v access.Viewer, ids []string) (map[string]map[model.Property][]string, error) {
	out := make(map[string]map[model.Property][]string, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	cond, cargs := claimsVisible(v, "")
	q := "SELECT entity_id, property, value FROM claim_stats WHERE entity_id IN (" + placeholders(len(ids)) +
		") AND property IN ('name', 'alias', 'weakAlias') AND value <> '' AND status <> 'rejected' AND n > 0 AND " + cond
	if v.ConfirmedOnly() {
		q += " AND status = 'confirmed'"
	}
	rows, err := s.db.QueryContext(ctx, s.rebind(q+" ORDER BY first_at, value"), append(idArgs(ids), cargs...)...)
	if err != nil {
		return nil, fmt.Errorf("captions: %w", err)
	}
	type caption struct {
		id    string
		prop  model.Property
		value string
	}
	all, err := collect(rows, func(r rowScanner) (c caption, err error) { err = r.Scan(&c.id, &c.prop, &c.value); return })
	if err != nil {
		return nil, fmt.Errorf("captions: %w", err)
	}
	open := s.valueOpener()
	for _, c := range all {
		id, prop, value := c.id, c.prop, c.value
		if value, err = open.ref(ctx, value); err != nil {
			return nil, fmt.Errorf("captions: %w", err)
		}
		if value == Withdrawn && strings.HasPrefix(c.value, sealedRefPrefix) {
			continue // no name to caption with
		}
		if out[id] == nil {
			out[id] = map[model.Property][]string{}
		}
		if !slices.Contains(out[id][prop], value) {
			out[id][prop] = append(out[id][prop], value)
		}
	}
	return out, nil
}

// StatementsByEntity is Statements for several entities in one query.
func (s *Store) StatementsByEntity(ctx context.Context, v access.Viewer, ids []string) (map[string][]model.Statement, error) {
	out := make(map[string][]model.Statement, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	cond, args := visibleFrom(v, "sensitivity", "source_id")
	q := "SELECT " + statementCols + " FROM statements WHERE entity_id IN (" + placeholders(len(ids)) + ") AND " + cond
	if v.ConfirmedOnly() {
		q += " AND status = 'confirmed'"
	}
	sts, err := s.queryStatements(ctx, q+" ORDER BY created_at, id", append(idArgs(ids), args...)...)
	if err != nil {
		return nil, fmt.Errorf("statements of %d entities: %w", len(ids), err)
	}
	for _, id := range ids {
		out[id] = nil
	}
	for _, st := range sts {
		out[st.EntityID] = append(out[st.EntityID], st)
	}
	return out, nil
}

// StatedValues lists the values the entity's own statements give its
// properties, as far as the viewer may see and not rejected, in the order
// first stated: what a candidate entity is known by, read from the claim
// totals in a few rows however many sources repeat it. A value may come
// back more than once (a row per level and review state), each with the
// level it is stated at.
func (s *Store) StatedValues(ctx context.Context, v access.Viewer, id string) ([]model.Statement, error) {
	out, err := s.statedValues(ctx, v, []string{id}, "entity_id = ?")
	if err != nil {
		return nil, fmt.Errorf("values of %s: %w", id, err)
	}
	return out[id], nil
}

// StatedValuesOf is StatedValues for several entities in a query a
// statedChunk of them (a resolver weighing a source's candidates): each
// entity's values as StatedValues lists them, an entity with none absent.
func (s *Store) StatedValuesOf(ctx context.Context, v access.Viewer, ids []string) (map[string][]model.Statement, error) {
	out := map[string][]model.Statement{}
	for _, chunk := range chunks(ids, statedChunk) {
		got, err := s.statedValues(ctx, v, chunk, "entity_id IN ("+placeholders(len(chunk))+")")
		if err != nil {
			return nil, fmt.Errorf("values of %d entities: %w", len(ids), err)
		}
		for id, sts := range got {
			out[id] = sts
		}
	}
	return out, nil
}

// statedChunk bounds the entities one query of StatedValuesOf reads.
const statedChunk = 500

// statedValues reads the values of the entities ids, which where picks.
func (s *Store) statedValues(ctx context.Context, v access.Viewer, ids []string, where string) (map[string][]model.Statement, error) {
	cond, cargs := claimsVisible(v, "")
	q := "SELECT entity_id, property, value, value_entity, sensitivity FROM claim_stats WHERE " + where + " AND status <> 'rejected' AND n > 0 AND " + cond
	if v.ConfirmedOnly() {
		q += " AND status = 'confirmed'"
	}
	rows, err := s.db.QueryContext(ctx, s.rebind(q+" ORDER BY entity_id, first_at, property, value"), append(idArgs(ids), cargs...)...)
	if err != nil {
		return nil, err
	}
	type stated struct {
		st    model.Statement
		level string
	}
	all, err := collect(rows, func(r rowScanner) (x stated, err error) {
		err = r.Scan(&x.st.EntityID, &x.st.Property, &x.st.Value, &x.st.ValueEntity, &x.level)
		return
	})
	if err != nil {
		return nil, err
	}
	open := s.valueOpener()
	out := map[string][]model.Statement{}
	for _, x := range all {
		st := x.st
		sealed := strings.HasPrefix(st.Value, sealedRefPrefix)
		if st.Value, err = open.ref(ctx, st.Value); err != nil {
			return nil, err
		}
		if sealed && st.Value == Withdrawn {
			continue
		}
		if st.Sensitivity, err = model.ParseSensitivity(x.level); err != nil {
			return nil, err
		}
		out[st.EntityID] = append(out[st.EntityID], st)
	}
	return out, nil
}
