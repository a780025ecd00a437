package store

import (
	"context"
	"fmt"
	"strings"

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
	var sigArgs, bandArgs []any
	counts := map[int64]int64{}
	var order []int64
	for _, sg := range sigs {
		sigArgs = append(sigArgs, sg.SourceID, sg.Signature)
		seen := make(map[int64]bool, len(sg.Bands)+len(sg.Anchors))
		for anchor, ks := range [][]int64{sg.Bands, sg.Anchors} {
			for _, k := range ks {
				if seen[k] {
					continue
				}
				seen[k] = true
				bandArgs = append(bandArgs, k, sg.SourceID, anchor)
				if counts[k] == 0 {
					order = append(order, k)
				}
				counts[k]++
			}
		}
	}
	if err := t.insertRows(ctx, "INSERT INTO source_signatures (source_id, signature) VALUES ", "", 2, sigArgs); err != nil {
		return fmt.Errorf("save signatures: %w", err)
	}
	if err := t.insertRows(ctx, "INSERT INTO source_bands (band_key, source_id, anchor) VALUES ", "", 3, bandArgs); err != nil {
		return fmt.Errorf("save near-duplicate keys: %w", err)
	}
	countArgs := make([]any, 0, 2*len(order))
	for _, k := range order {
		countArgs = append(countArgs, k, counts[k])
	}
	if err := t.insertRows(ctx, "INSERT INTO source_key_counts (band_key, n) VALUES ",
		" ON CONFLICT (band_key) DO UPDATE SET n = source_key_counts.n + excluded.n", 2, countArgs); err != nil {
		return fmt.Errorf("count near-duplicate keys: %w", err)
	}
	return nil
}

// insertRows runs prefix + row tuples + suffix over args, width values a
// row, in statements of at most rowsPerInsert rows.
func (t *Tx) insertRows(ctx context.Context, prefix, suffix string, width int, args []any) error {
	for len(args) > 0 {
		n := min(len(args)/width, rowsPerInsert)
		if _, err := t.exec(ctx, prefix+tuples(n, width)+suffix, args[:n*width]...); err != nil {
			return err
		}
		args = args[n*width:]
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

// HeldKeys returns which of the keys index at least one and at most
// MaxKeySources stored sources: one query for a whole batch, so that a new
// original article (whose keys no stored source holds) costs nothing more.
func (t *Tx) HeldKeys(ctx context.Context, keys []int64) (map[int64]bool, error) {
	held := map[int64]bool{}
	for len(keys) > 0 {
		n := min(len(keys), rowsPerInsert)
		args := make([]any, n)
		for i, k := range keys[:n] {
			args[i] = k
		}
		rows, err := t.query(ctx, "SELECT band_key FROM source_key_counts WHERE band_key IN ("+placeholders(n)+
			fmt.Sprintf(") AND n <= %d", MaxKeySources), args...)
		if err != nil {
			return nil, fmt.Errorf("near-duplicate keys: %w", err)
		}
		for rows.Next() {
			var k int64
			if err := rows.Scan(&k); err != nil {
				rows.Close()
				return nil, err
			}
			held[k] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		keys = keys[n:]
	}
	return held, nil
}

// DuplicateCandidates lists stored sources sharing any of the band keys or at
// least minAnchors of the anchor keys, the most shared first, at most limit.
// Only keys in held (see HeldKeys) are looked up, so keys that index more
// than MaxKeySources sources are passed over and the work per source stays
// bounded however large the archive grows.
func (t *Tx) DuplicateCandidates(ctx context.Context, held map[int64]bool, bands, anchors []int64, minAnchors, limit int) ([]Candidate, error) {
	var args []any
	for _, ks := range [][]int64{bands, anchors} {
		for _, k := range ks {
			if held[k] {
				args = append(args, k)
			}
		}
	}
	if len(args) == 0 {
		return nil, nil
	}
	// Count shared keys on the key index alone; join only the winners.
	q := "SELECT c.source_id, g.signature, COALESCE(s.duplicate_of, ''), c.shared, s.sensitivity, COALESCE(o.sensitivity, s.sensitivity) FROM (" +
		"SELECT source_id, count(*) AS shared FROM source_bands WHERE band_key IN (" + placeholders(len(args)) + ") " +
		fmt.Sprintf("GROUP BY source_id HAVING sum(1 - anchor) > 0 OR sum(anchor) >= %d ", minAnchors) +
		fmt.Sprintf("ORDER BY count(*) DESC, source_id LIMIT %d) c ", limit) +
		"JOIN source_signatures g ON g.source_id = c.source_id JOIN sources s ON s.id = c.source_id " +
		"LEFT JOIN sources o ON o.id = s.duplicate_of " +
		"ORDER BY c.shared DESC, c.source_id"
	rows, err := t.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("near-duplicate candidates: %w", err)
	}
	defer rows.Close()
	var out []Candidate
	for rows.Next() {
		var c Candidate
		var sens, orig string
		if err := rows.Scan(&c.ID, &c.Signature, &c.DuplicateOf, &c.Shared, &sens, &orig); err != nil {
			return nil, err
		}
		var err error
		if c.Sensitivity, err = model.ParseSensitivity(sens); err != nil {
			return nil, err
		}
		if c.OriginalSensitivity, err = model.ParseSensitivity(orig); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
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
