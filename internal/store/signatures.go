package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Near-duplicate detection keeps a MinHash signature per source and its LSH
// band keys. Both are derived from the source's text, so they are not ledger
// rows: verify checks the text they are derived from.

// SaveSignature stores a source's signature, band keys and anchor keys.
func (t *Tx) SaveSignature(ctx context.Context, sourceID string, sig []byte, bands, anchors []int64) error {
	if _, err := t.exec(ctx, "INSERT INTO source_signatures (source_id, signature) VALUES (?, ?)", sourceID, sig); err != nil {
		return fmt.Errorf("save signature of %s: %w", sourceID, err)
	}
	for i, keys := range [][]int64{bands, anchors} {
		for _, k := range keys {
			if _, err := t.exec(ctx, "INSERT INTO source_bands (band_key, source_id, anchor) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", k, sourceID, i); err != nil {
				return fmt.Errorf("save near-duplicate key of %s: %w", sourceID, err)
			}
		}
	}
	return nil
}

// Candidate is a stored source that shares a band key with a new one.
type Candidate struct {
	ID          string
	Signature   []byte
	DuplicateOf string
	Shared      int // how many band keys it shares
}

// DuplicateCandidates lists stored sources sharing any of the band keys or at
// least minAnchors of the anchor keys, the most shared first, at most limit.
func (t *Tx) DuplicateCandidates(ctx context.Context, bands, anchors []int64, minAnchors, limit int) ([]Candidate, error) {
	keys := append(append([]int64(nil), bands...), anchors...)
	if len(keys) == 0 {
		return nil, nil
	}
	args := make([]any, len(keys))
	for i, k := range keys {
		args[i] = k
	}
	q := "SELECT b.source_id, g.signature, COALESCE(s.duplicate_of, ''), count(*) FROM source_bands b " +
		"JOIN source_signatures g ON g.source_id = b.source_id JOIN sources s ON s.id = b.source_id " +
		"WHERE b.band_key IN (" + placeholders(len(keys)) + ") GROUP BY b.source_id, g.signature, s.duplicate_of " +
		fmt.Sprintf("HAVING sum(1 - b.anchor) > 0 OR sum(b.anchor) >= %d ", minAnchors) +
		fmt.Sprintf("ORDER BY count(*) DESC, b.source_id LIMIT %d", limit)
	rows, err := t.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("near-duplicate candidates: %w", err)
	}
	defer rows.Close()
	var out []Candidate
	for rows.Next() {
		var c Candidate
		if err := rows.Scan(&c.ID, &c.Signature, &c.DuplicateOf, &c.Shared); err != nil {
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
	err := t.queryRow(ctx, "SELECT text FROM sources WHERE id = ?", id).Scan(&text)
	return text, err
}

// SourceBySHA finds the source with these original bytes inside the
// transaction, whoever may see it (the caller holds the bytes already).
func (t *Tx) SourceBySHA(ctx context.Context, sum string) (string, bool, error) {
	var id string
	err := t.queryRow(ctx, "SELECT id FROM sources WHERE sha256 = ?", sum).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	return id, err == nil, err
}
