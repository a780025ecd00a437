package app

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"

	"github.com/athar-project/athar/internal/dedup"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/pipeline"
	"github.com/athar-project/athar/internal/resolve"
	"github.com/athar-project/athar/internal/search"
	"github.com/athar-project/athar/internal/store"
)

// batchResolver is the resolver a run places what it found with: the
// process's own, so that every source it stores teaches the index; nil when
// the run does not extract.
func (a *App) batchResolver(ctx context.Context, r *run) (*resolve.Resolver, error) {
	if !r.extracts() {
		return nil, nil
	}
	return a.resolver(ctx)
}

// store1 writes one chunk in one transaction. Should the transaction fail,
// each source is retried alone, so that one bad row costs only itself.
func (a *App) store1(ctx context.Context, r *run, res *resolve.Resolver, chunk []parsed) ([]IngestResult, error) {
	results := make([]IngestResult, len(chunk))
	var todo []int
	for i, p := range chunk {
		results[i] = IngestResult{Input: p.input}
		if p.err != nil {
			results[i].Outcome, results[i].Err = Failed, p.err
			continue
		}
		todo = append(todo, i)
	}
	err := a.write(ctx, r, res, func(tx *store.Tx, b *resolve.Batch) error {
		return a.addAll(ctx, tx, b, r, chunk, todo, results)
	})
	if err == nil {
		return results, nil
	}
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	// Retry one at a time; a failure now belongs to that input alone.
	for _, i := range todo {
		results[i] = IngestResult{Input: chunk[i].input}
		err := a.write(ctx, r, res, func(tx *store.Tx, b *resolve.Batch) error {
			return a.addAll(ctx, tx, b, r, chunk, []int{i}, results)
		})
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			results[i] = IngestResult{Input: chunk[i].input, Outcome: Failed, Err: fmt.Errorf("store: %w", err)}
		}
	}
	return results, nil
}

// write runs fn in one transaction as the run's actor, with a batch of
// resolver placements that is taken back if the transaction does not
// commit.
func (a *App) write(ctx context.Context, r *run, res *resolve.Resolver, fn func(*store.Tx, *resolve.Batch) error) error {
	var b *resolve.Batch
	if res != nil {
		b = res.Begin()
	}
	err := a.st.Write(ctx, r.v.Actor(), func(tx *store.Tx) error { return fn(tx, b) })
	if err != nil && b != nil {
		b.Abort(context.WithoutCancel(ctx))
	}
	return err
}

// stage writes the originals of new sources to the archive ahead of the
// transaction, two at a time (the archive's files cost system calls, not
// the database's lock); the transaction makes them durable before it commits.
func (a *App) stage(ctx context.Context, chunk []parsed) {
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for i := range chunk {
		if chunk[i].err != nil {
			continue
		}
		_, exists, err := a.st.SourceExists(ctx, chunk[i].sum)
		chunk[i].exists = exists || err != nil
		if chunk[i].exists {
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			// A failure here is not final: the transaction writes the blob
			// itself when it finds it unstaged.
			_ = a.st.StageBlob(chunk[i].sum, chunk[i].data)
		}()
	}
	wg.Wait()
}

// batchIndex holds the near-duplicate keys of the sources stored so far in
// this transaction, which the store's key counts do not show until the end.
type batchIndex struct {
	held  map[int64]bool  // keys stored sources hold (store.HeldKeys)
	keys  map[int64][]int // key → positions in store
	store []batchEntry
}

type batchEntry struct {
	id, duplicateOf string
	p               *parsed
}

// addAll stores the chunk's sources at positions todo, with what was found
// in each, then all their near-duplicate keys at once.
func (a *App) addAll(ctx context.Context, tx *store.Tx, b *resolve.Batch, r *run, chunk []parsed, todo []int, results []IngestResult) error {
	var all []int64
	for _, i := range todo {
		all = append(append(all, chunk[i].bands...), chunk[i].anchors...)
	}
	held, err := tx.HeldKeys(ctx, all)
	if err != nil {
		return err
	}
	bi := &batchIndex{held: held, keys: map[int64][]int{}}
	var sigs []store.SignatureRow
	for _, i := range todo {
		p := &chunk[i]
		res := &results[i]
		if err := a.add(ctx, tx, bi, r, p, res); err != nil {
			return err
		}
		if res.Outcome != Stored {
			continue
		}
		if b != nil { // the run extracts
			if p.found != nil {
				if res.Found, err = pipeline.Record(ctx, tx, b, res.Source, *p.found); err != nil {
					return fmt.Errorf("%s: record what was extracted: %w", p.input, err)
				}
			}
			if err := search.IndexSource(ctx, tx, res.Source.ID); err != nil {
				return fmt.Errorf("%s: index for search: %w", p.input, err)
			}
		}
		blob, err := p.sig.MarshalBinary()
		if err != nil {
			return err
		}
		sigs = append(sigs, store.SignatureRow{SourceID: res.Source.ID, Signature: blob, Bands: p.bands, Anchors: p.anchors})
		pos := len(bi.store)
		bi.store = append(bi.store, batchEntry{id: res.Source.ID, duplicateOf: res.DuplicateOf, p: p})
		for _, k := range p.bands {
			bi.keys[k] = append(bi.keys[k], pos)
		}
		for _, k := range p.anchors {
			bi.keys[k] = append(bi.keys[k], pos)
		}
	}
	return tx.SaveSignatures(ctx, sigs)
}

func (a *App) add(ctx context.Context, tx *store.Tx, bi *batchIndex, r *run, p *parsed, res *IngestResult) error {
	src := model.Source{
		Kind: r.kind, Title: p.doc.Title, Publisher: p.doc.Publisher, URL: p.doc.URL, Published: p.doc.Published,
		Language: p.doc.Language, Text: p.doc.Text, ContentType: p.doc.ContentType, Sensitivity: r.sens,
		RetrievedAt: p.at,
	}
	if !IsURL(p.input) {
		src.Filename = filepath.Base(p.input)
	}
	if p.exists {
		// Known before the transaction; AddSource below checks again inside it.
		id, exists, err := tx.SourceBySHA(ctx, p.sum)
		if err != nil {
			return err
		}
		if exists {
			res.Outcome, res.Source = Exists, model.Source{ID: id, SHA256: p.sum, Title: src.Title}
			return nil
		}
	}
	dup, sim, err := nearDuplicate(ctx, tx, bi, p)
	if err != nil {
		return err
	}
	src.DuplicateOf, src.Similarity = dup, sim
	added, err := tx.AddSource(ctx, &src, p.data)
	if err != nil {
		return err
	}
	res.Source, res.DuplicateOf = src, dup
	res.Outcome = Stored
	if !added {
		res.Outcome = Exists
	}
	return nil
}

// maxCandidates bounds the near-duplicate candidates compared per source.
const maxCandidates = 20

// nearDuplicate finds the stored source that p nearly copies: the original of
// the best match (a copy of a copy links to the first), among sources stored
// before and earlier in this batch.
func nearDuplicate(ctx context.Context, tx *store.Tx, bi *batchIndex, p *parsed) (string, float64, error) {
	cands, err := tx.DuplicateCandidates(ctx, bi.held, p.bands, p.anchors, dedup.MinSharedAnchors, maxCandidates)
	if err != nil {
		return "", 0, err
	}
	best, bestScore := "", 0.0
	consider := func(id, duplicateOf string, res dedup.Result) {
		if !res.Duplicate {
			return
		}
		if score := max(res.Jaccard, res.Containment); score > bestScore {
			best, bestScore = id, score
			if duplicateOf != "" {
				best = duplicateOf
			}
		}
	}
	for _, c := range cands {
		var other dedup.Signature
		if err := other.UnmarshalBinary(c.Signature); err != nil {
			continue // a signature of another version: not comparable
		}
		res := dedup.Compare(p.sig, other)
		if res.Inconclusive {
			otherText, err := tx.SourceText(ctx, c.ID)
			if err != nil {
				return "", 0, err
			}
			res = dedup.CompareShingles(p.shingles, dedup.Shingle(otherText))
		}
		consider(c.ID, c.DuplicateOf, res)
	}
	for _, pos := range bi.candidates(p) {
		e := bi.store[pos]
		res := dedup.Compare(p.sig, e.p.sig)
		if res.Inconclusive {
			res = dedup.CompareShingles(p.shingles, e.p.shingles)
		}
		consider(e.id, e.duplicateOf, res)
	}
	return best, bestScore, nil
}

// candidates lists the batch's sources sharing a band key or enough anchors
// with p.
func (bi *batchIndex) candidates(p *parsed) []int {
	if len(bi.store) == 0 {
		return nil
	}
	band := map[int]bool{}
	anchors := map[int]int{}
	for _, k := range p.bands {
		for _, pos := range bi.keys[k] {
			band[pos] = true
		}
	}
	for _, k := range p.anchors {
		for _, pos := range bi.keys[k] {
			anchors[pos]++
		}
	}
	var out []int
	for pos := range bi.store {
		if band[pos] || anchors[pos] >= dedup.MinSharedAnchors {
			out = append(out, pos)
		}
	}
	return out
}
