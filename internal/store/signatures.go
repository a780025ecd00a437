package store

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/athar-project/athar/internal/dedup"
	"github.com/athar-project/athar/internal/model"
)

// Near-duplicate detection keeps a MinHash signature per source and its LSH
// band keys. Both are derived from the source's text, so they are not ledger
// rows: verify checks the text they are derived from.

// SignatureRow is one source's near-duplicate signature and keys.
type SignatureRow struct {
	SourceID  string
	Signature []byte
	Bands     []int64
	Anchors   []int64
}

// rowsPerInsert bounds a multi-row insert (SQLite allows 32766 variables).
const rowsPerInsert = 2000

// SaveSignatures stores sources' signatures, band keys and anchor keys, and
// counts each key's sources, in a few multi-row statements: parsing SQL once
// per key was most of the cost of storing a source.
func (t *Tx) SaveSignatures(ctx context.Context, sigs []SignatureRow) error {
	return t.saveKeys(ctx, sigs, true)
}

// saveKeys stores the keys of sigs and counts each key's sources, and
// their signatures too when withSignatures.
func (t *Tx) saveKeys(ctx context.Context, sigs []SignatureRow, withSignatures bool) error {
	type band struct {
		key    int64
		src    string
		anchor int
	}
	var sigArgs []any
	var bands []band
	counts := map[int64]int64{}
	for _, sg := range sigs {
		sigArgs = append(sigArgs, sg.SourceID, sg.Signature)
		seen := make(map[int64]bool, len(sg.Bands)+len(sg.Anchors))
		for anchor, ks := range [][]int64{sg.Bands, sg.Anchors} {
			for _, k := range ks {
				if seen[k] {
					continue
				}
				seen[k] = true
				bands = append(bands, band{k, sg.SourceID, anchor})
				counts[k]++
			}
		}
	}
	// In key order: the keys are hashes, so in the order they come each
	// lands on a random leaf of the key index; sorted, a batch's keys fill
	// the leaves one after another.
	sort.Slice(bands, func(i, j int) bool {
		if bands[i].key != bands[j].key {
			return bands[i].key < bands[j].key
		}
		return bands[i].src < bands[j].src
	})
	bandArgs := make([]any, 0, 3*len(bands))
	for _, b := range bands {
		bandArgs = append(bandArgs, b.key, b.src, b.anchor)
	}
	if withSignatures {
		if err := t.insertRows(ctx, "INSERT INTO source_signatures (source_id, signature) VALUES ", "", 2, sigArgs); err != nil {
			return fmt.Errorf("save signatures: %w", err)
		}
	}
	if err := t.insertRows(ctx, "INSERT INTO source_bands (band_key, source_id, anchor) VALUES ", "", 3, bandArgs); err != nil {
		return fmt.Errorf("save near-duplicate keys: %w", err)
	}
	countArgs := make([]any, 0, 2*len(counts))
	for i, b := range bands {
		if i == 0 || bands[i-1].key != b.key {
			countArgs = append(countArgs, b.key, counts[b.key])
		}
	}
	if err := t.insertRows(ctx, "INSERT INTO source_key_counts (band_key, n) VALUES ",
		" ON CONFLICT (band_key) DO UPDATE SET n = source_key_counts.n + excluded.n", 2, countArgs); err != nil {
		return fmt.Errorf("count near-duplicate keys: %w", err)
	}
	return nil
}

// insertRows runs prefix + row tuples + suffix over args, width values a
// row, in runs of rows within the engine's limits (runs: at most
// rowsPerInsert rows, and no more parameters than the driver takes).
func (t *Tx) insertRows(ctx context.Context, prefix, suffix string, width int, args []any) error {
	for at, n := range t.runs(len(args)/width, width) {
		if _, err := t.exec(ctx, prefix+tuples(n, width)+suffix, args[at*width:(at+n)*width]...); err != nil {
			return err
		}
	}
	return nil
}

// tuples writes n row placeholders of width w: (?, ?), (?, ?) ...
func tuples(n, w int) string {
	row := "(" + placeholders(w) + ")"
	return strings.Repeat(row+", ", n-1) + row
}

// Candidate is a stored source that shares a band key with a new one.
type Candidate struct {
	ID          string
	Signature   []byte
	DuplicateOf string
	Shared      int // how many band keys it shares
	// Sensitivity is the candidate's level and OriginalSensitivity that of
	// the source it copies (DuplicateOf): a link may be made only to what
	// the one who brings the copy may see.
	Sensitivity, OriginalSensitivity model.Sensitivity
}

// MaxKeySources is how many sources a near-duplicate key may index before it
// is passed over as boilerplate.
const MaxKeySources = 200

// KeyIndex holds, for a batch of new sources, every stored source that
// shares a near-duplicate key with any of them: read in one query for the
// whole batch (a query per source, parsed and planned each time, was a
// fifth of the cost of storing one), then counted in memory per source.
// Keys held by more than MaxKeySources stored sources are left out, as
// boilerplate, so the work per source stays bounded however large the
// archive grows. The batch's own sources are not in it: their keys are
// saved when the batch ends (SaveSignatures).
type KeyIndex struct {
	t       *Tx
	holders map[int64][]keyHolder
	ids     []string
	// counts is Candidates' scratch space: per stored source, the keys
	// it shares with the one asked about.
	counts map[uint32]tally
	// read caches the candidates read so far: the sources of one batch
	// often share candidates, and nothing of a stored source that
	// Candidates reads changes while the batch is written.
	read map[string]Candidate
}

// tally counts the keys one stored source shares with a new one.
type tally struct{ shared, bands, anchors int32 }

type keyHolder struct {
	src    uint32 // into ids
	anchor bool
}

// LoadKeyIndex reads the stored holders of keys (band and anchor keys of a
// batch's sources, in any order, repeats allowed).
func (t *Tx) LoadKeyIndex(ctx context.Context, keys []int64) (*KeyIndex, error) {
	x := &KeyIndex{t: t, holders: map[int64][]keyHolder{}, read: map[string]Candidate{}}
	byID := map[string]uint32{}
	uniq := make([]int64, 0, len(keys))
	seen := make(map[int64]bool, len(keys))
	for _, k := range keys {
		if !seen[k] {
			seen[k] = true
			uniq = append(uniq, k)
		}
	}
	for len(uniq) > 0 {
		n := min(len(uniq), t.rowsPerStatement())
		args := make([]any, n)
		for i, k := range uniq[:n] {
			args[i] = k
		}
		args = padIn(args, t.inListSize(n))
		rows, err := t.queryPrepared(ctx, "SELECT b.band_key, b.source_id, b.anchor FROM source_key_counts c "+
			"JOIN source_bands b ON b.band_key = c.band_key WHERE c.band_key IN ("+placeholders(len(args))+
			fmt.Sprintf(") AND c.n <= %d", MaxKeySources), args...)
		if err != nil {
			return nil, fmt.Errorf("near-duplicate keys: %w", err)
		}
		for rows.Next() {
			var k int64
			var id string
			var anchor int
			if err := rows.Scan(&k, &id, &anchor); err != nil {
				rows.Close()
				return nil, err
			}
			src, ok := byID[id]
			if !ok {
				src = uint32(len(x.ids))
				x.ids = append(x.ids, id)
				byID[id] = src
			}
			x.holders[k] = append(x.holders[k], keyHolder{src, anchor != 0})
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		uniq = uniq[n:]
	}
	return x, nil
}

// Held reports whether a stored source holds key (and not so many that
// the key is passed over).
func (x *KeyIndex) Held(key int64) bool { return len(x.holders[key]) > 0 }

// Candidates lists stored sources sharing any of the band keys or at least
// minAnchors of the anchor keys, the most shared first (then by id), at
// most limit, each with its signature, the source it copies and the levels
// of both.
func (x *KeyIndex) Candidates(ctx context.Context, bands, anchors []int64, minAnchors, limit int) ([]Candidate, error) {
	// Counted in values of one map the index keeps for every source of
	// the batch, not in a new map with an allocation per stored source
	// shared with.
	if x.counts == nil {
		x.counts = map[uint32]tally{}
	}
	counts := x.counts
	clear(counts)
	seen := make(map[int64]bool, len(bands)+len(anchors))
	for _, ks := range [][]int64{bands, anchors} {
		for _, k := range ks {
			if seen[k] {
				continue
			}
			seen[k] = true
			for _, h := range x.holders[k] {
				c := counts[h.src]
				c.shared++
				if h.anchor {
					c.anchors++
				} else {
					c.bands++
				}
				counts[h.src] = c
			}
		}
	}
	type ranked struct {
		id     string
		shared int
	}
	var win []ranked
	for src, c := range counts {
		if c.bands > 0 || int(c.anchors) >= minAnchors {
			win = append(win, ranked{x.ids[src], int(c.shared)})
		}
	}
	if len(win) == 0 {
		return nil, nil
	}
	sort.Slice(win, func(i, j int) bool {
		if win[i].shared != win[j].shared {
			return win[i].shared > win[j].shared
		}
		return win[i].id < win[j].id
	})
	if len(win) > limit {
		win = win[:limit]
	}
	var args []any
	for _, w := range win {
		if _, ok := x.read[w.id]; !ok {
			args = append(args, w.id)
		}
	}
	if len(args) > 0 {
		if err := x.readCandidates(ctx, args); err != nil {
			return nil, err
		}
	}
	out := make([]Candidate, 0, len(win))
	for _, w := range win {
		if c, ok := x.read[w.id]; ok {
			c.Shared = w.shared
			out = append(out, c)
		}
	}
	return out, nil
}

// readCandidates reads what Candidates gives of stored sources ids.
func (x *KeyIndex) readCandidates(ctx context.Context, ids []any) error {
	// A copy of a source since taken down links to the copy, not past it
	// to what was erased.
	ids = padIn(ids, x.t.inListSize(len(ids)))
	rows, err := x.t.queryPrepared(ctx, "SELECT s.id, g.signature, "+
		"CASE WHEN EXISTS (SELECT 1 FROM takedowns d WHERE d.source_id = s.duplicate_of) THEN '' ELSE COALESCE(s.duplicate_of, '') END, "+
		"s.sensitivity, COALESCE(o.sensitivity, s.sensitivity) "+
		"FROM sources s JOIN source_signatures g ON g.source_id = s.id LEFT JOIN sources o ON o.id = s.duplicate_of "+
		"WHERE s.id IN ("+placeholders(len(ids))+")", ids...)
	if err != nil {
		return fmt.Errorf("near-duplicate candidates: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c Candidate
		var sens, orig string
		if err := rows.Scan(&c.ID, &c.Signature, &c.DuplicateOf, &sens, &orig); err != nil {
			return err
		}
		var err error
		if c.Sensitivity, err = model.ParseSensitivity(sens); err != nil {
			return err
		}
		if c.OriginalSensitivity, err = model.ParseSensitivity(orig); err != nil {
			return err
		}
		x.read[c.ID] = c
	}
	return rows.Err()
}

// SourceText reads one source's text inside the transaction (for an exact
// comparison where a signature estimate is inconclusive).
func (t *Tx) SourceText(ctx context.Context, id string) (string, error) {
	var text string
	if err := t.queryRow(ctx, "SELECT text FROM sources WHERE id = ?", id).Scan(&text); err != nil {
		return "", err
	}
	text, err := t.clearText(ctx, id, text)
	if err != nil {
		return "", err
	}
	return t.wholeText(ctx, id, text)
}

// forgetNearDuplicateKeys removes a source's near-duplicate signature and
// keys (a take-down): a copy brought later is then not linked to it, and
// nobody holding the database can test a guess of its text against them.
// Its keys are found again from its text, as ingest made them, and deleted
// by key: the key index has no entry by source (migration 00030), and a
// scan of it would hold the write lock for as long as the archive is large.
func (t *Tx) forgetNearDuplicateKeys(ctx context.Context, sourceID string) error {
	text, err := t.SourceText(ctx, sourceID)
	if err != nil {
		return fmt.Errorf("near-duplicate keys of %s: %w", sourceID, err)
	}
	sh := dedup.Shingle(text)
	var keys []int64
	for _, ks := range [][]dedup.Key{sh.Sign().Bands(), sh.Anchors()} {
		for _, k := range ks {
			keys = append(keys, int64(k))
		}
	}
	slices.Sort(keys)
	keys = slices.Compact(keys)
	for len(keys) > 0 {
		n := min(len(keys), rowsPerInsert)
		args := make([]any, 0, n+1)
		for _, k := range keys[:n] {
			args = append(args, k)
		}
		args = append(args, sourceID)
		in := "band_key IN (" + placeholders(n) + ") AND source_id = ?"
		// Counted down first, for the keys this source holds.
		if _, err := t.exec(ctx, "UPDATE source_key_counts SET n = n - 1 WHERE band_key IN "+
			"(SELECT band_key FROM source_bands WHERE "+in+")", args...); err != nil {
			return fmt.Errorf("near-duplicate keys of %s: %w", sourceID, err)
		}
		if _, err := t.exec(ctx, "DELETE FROM source_bands WHERE "+in, args...); err != nil {
			return fmt.Errorf("near-duplicate keys of %s: %w", sourceID, err)
		}
		// A count left at zero would still say some source held the key.
		if _, err := t.exec(ctx, "DELETE FROM source_key_counts WHERE n <= 0 AND band_key IN ("+placeholders(n)+")", args[:n]...); err != nil {
			return fmt.Errorf("near-duplicate keys of %s: %w", sourceID, err)
		}
		keys = keys[n:]
	}
	if _, err := t.exec(ctx, "DELETE FROM source_signatures WHERE source_id = ?", sourceID); err != nil {
		return fmt.Errorf("near-duplicate signature of %s: %w", sourceID, err)
	}
	return nil
}

// addAnchors stores more anchor keys of a source whose signature is saved,
// and counts them, leaving out those the source holds already (written by
// a binary that saved them all with its signature, or before a resumed
// write): saved again, a key would be counted twice.
func (t *Tx) addAnchors(ctx context.Context, sourceID string, keys []int64) error {
	held := map[int64]bool{}
	for rest := keys; len(rest) > 0; {
		n := min(len(rest), t.rowsPerStatement())
		args := []any{sourceID}
		for _, k := range rest[:n] {
			args = append(args, k)
		}
		rows, err := t.query(ctx, "SELECT band_key FROM source_bands WHERE source_id = ? AND band_key IN ("+placeholders(n)+")", args...)
		if err != nil {
			return fmt.Errorf("near-duplicate keys of %s: %w", sourceID, err)
		}
		for rows.Next() {
			var k int64
			if err := rows.Scan(&k); err != nil {
				rows.Close()
				return err
			}
			held[k] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		rest = rest[n:]
	}
	add := make([]int64, 0, len(keys))
	for _, k := range keys {
		if !held[k] {
			held[k] = true
			add = append(add, k)
		}
	}
	if len(add) == 0 {
		return nil
	}
	return t.saveKeys(ctx, []SignatureRow{{SourceID: sourceID, Anchors: add}}, false)
}
