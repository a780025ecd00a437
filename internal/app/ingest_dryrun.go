package app

import (
	"context"
	"errors"
	"strings"

	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// errDryRun ends the transaction a dry run reads in, so that it is rolled
// back: a dry run writes nothing, not even by mistake.
var errDryRun = errors.New("dry run: roll back")

// dryInput marks, in a dry run's batch index, an input of the run (which
// has no source id) from a stored source.
const dryInput = "\x00input:"

// dryRun says what storing a chunk would do, by the rules store1 applies —
// the same bytes a source the actor may see is a duplicate of it; a
// near-copy of a stored source the actor may see, or of an input earlier in
// the run, is linked to it — inside a transaction that is rolled back.
// seen holds the run's inputs by the hash of their bytes, across chunks.
// Near-copies among the run's own inputs are found within a chunk; the
// same bytes, across the whole run.
func (a *App) dryRun(ctx context.Context, r *run, chunk []parsed, seen map[string]string) ([]IngestResult, error) {
	results := make([]IngestResult, len(chunk))
	err := a.st.Write(ctx, r.v.Actor(), func(tx *store.Tx) error {
		var all []int64
		for i := range chunk {
			all = append(append(all, chunk[i].bands...), chunk[i].anchors...)
		}
		held, err := tx.LoadKeyIndex(ctx, all)
		if err != nil {
			return err
		}
		bi := &batchIndex{held: held, keys: map[int64][]int{}, sums: map[string]string{}}
		for i := range chunk {
			if err := dryOne(ctx, tx, bi, r, &chunk[i], &results[i], seen); err != nil {
				return err
			}
		}
		return errDryRun
	})
	if !errors.Is(err, errDryRun) {
		return nil, err
	}
	return results, nil
}

// dryOne says what storing p would do.
func dryOne(ctx context.Context, tx *store.Tx, bi *batchIndex, r *run, p *parsed, res *IngestResult, seen map[string]string) error {
	*res = IngestResult{Input: p.input, DryRun: true}
	if p.err != nil {
		res.Outcome, res.Err = Failed, p.err
		return nil
	}
	res.Source = model.Source{SHA256: p.sum, Title: p.doc.Title, Kind: r.kind, Sensitivity: r.sens}
	copies, err := tx.SourcesBySHA(ctx, p.sum)
	if err != nil {
		return err
	}
	if c, ok := sameSource(r.v, copies); ok {
		res.Outcome = Exists
		res.Source.ID, res.Source.Kind, res.Source.Sensitivity = c.ID, c.Kind, c.Sensitivity
		return nil
	}
	if in, ok := seen[p.sum]; ok {
		res.Outcome, res.DuplicateOfInput = Exists, in
		return nil
	}
	dup, sim, err := nearDuplicate(ctx, tx, bi, p, r.v)
	if err != nil {
		return err
	}
	res.Outcome, res.Source.Similarity = Stored, sim
	if in, ok := strings.CutPrefix(dup, dryInput); ok {
		res.DuplicateOfInput = in
	} else {
		res.DuplicateOf = dup
	}
	seen[p.sum] = p.input
	pos := len(bi.store)
	bi.store = append(bi.store, batchEntry{id: dryInput + p.input, duplicateOf: dup, p: p})
	for _, k := range p.bands {
		bi.keys[k] = append(bi.keys[k], pos)
	}
	for _, k := range p.anchors {
		bi.keys[k] = append(bi.keys[k], pos)
	}
	return nil
}
