package resolve

import (
	"context"
	"fmt"
	"sync"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/nameindex"
	"github.com/athar-project/athar/internal/store"
)

// values is where weighing a candidate reads what the store says of it.
type values interface {
	stated(ctx context.Context, id string) ([]model.Statement, error)
	mergedInto(ctx context.Context, id string) ([]string, error)
}

// storeValues reads the store as it is now.
type storeValues struct{ st *store.Store }

func (s storeValues) stated(ctx context.Context, id string) ([]model.Statement, error) {
	return s.st.StatedValues(ctx, access.Operator(), id)
}

func (s storeValues) mergedInto(ctx context.Context, id string) ([]string, error) {
	return s.st.MergedInto(ctx, id)
}

// Ahead holds what placing a source's findings will read of the candidate
// entities, read before the write transaction and outside the ledger's
// lock, while other workers write: weighing a candidate reads the values
// stated about it, and the entities merged into it, a query or more per
// candidate, and those reads held every other writer of every process
// waiting when they were made under the lock. Under the lock, what another
// writer changed since is read again (Batch.Place asks the ledger), and a
// candidate the reads ahead did not meet — a name placed meanwhile — is read
// then: a placement decides on exactly what it would have decided on had it
// read everything under the lock.
type Ahead struct {
	r *Resolver
	// seq is the ledger's head before the first read: a change after it
	// may be missing from what was read.
	seq int64
	mu  sync.Mutex
	// vals and merged hold what was read, by entity.
	vals   map[string][]model.Statement
	merged map[string][]string
	// valid is the transaction the reads were last checked in.
	valid *store.Tx
	// Hits and Misses count the candidates weighed from the reads ahead
	// and those read under the lock (for benchmarks).
	Hits, Misses int
}

// ReadAhead weighs the candidates the indexes now hold for fs as Place
// would, outside any transaction, and keeps what it read for a Batch to
// place them with (BeginWith). The indexes catch up with the ledger first.
func (r *Resolver) ReadAhead(ctx context.Context, fs []Found) (*Ahead, error) {
	a := &Ahead{r: r, vals: map[string][]model.Statement{}, merged: map[string][]string{}}
	// The head the catch-up read, before any read of values: a change
	// after it may be missing from them (one round trip fewer than
	// reading the head again).
	seq, err := r.catchUp(ctx)
	if err != nil {
		return nil, err
	}
	a.seq = seq
	// The values of every candidate the names meet, in one query (a
	// query a candidate cost a round trip each, some fourteen a source);
	// weighing reads them from there, and reads alone only what it asks
	// for beyond them (the entities merged into a candidate).
	var ids []string
	met := map[string]bool{}
	searched := map[model.EntityType]map[string][]nameindex.Candidate{}
	for _, f := range fs {
		x := r.index(f.Type)
		if x == nil {
			continue
		}
		if searched[f.Type] == nil {
			searched[f.Type] = map[string][]nameindex.Candidate{}
		}
		for _, n := range f.names() {
			cs, ok := searched[f.Type][n]
			if !ok {
				cs = x.Search(n, candidateLimit+1)
				searched[f.Type][n] = cs
			}
			for _, c := range cs {
				if !met[c.EntityID] {
					met[c.EntityID] = true
					ids = append(ids, c.EntityID)
				}
			}
		}
	}
	if len(ids) > 0 {
		vals, err := r.st.StatedValuesOf(ctx, access.Operator(), ids)
		if err != nil {
			return nil, fmt.Errorf("read ahead: %w", err)
		}
		for _, id := range ids {
			a.vals[id] = vals[id]
		}
	}
	rec := recording{a: a, from: storeValues{r.st}}
	for _, f := range fs {
		if r.index(f.Type) == nil {
			continue
		}
		if _, err := r.bestOf(ctx, rec, f, "", searched[f.Type]); err != nil {
			return nil, fmt.Errorf("read ahead: %w", err)
		}
	}
	a.Hits, a.Misses = 0, 0
	return a, nil
}

// BeginWith starts a batch of placements that weighs candidates from what a
// was read ahead (nil: from the store).
func (r *Resolver) BeginWith(a *Ahead) *Batch {
	b := r.Begin()
	if a != nil && a.r == r {
		b.ahead = a
	}
	return b
}

// check forgets, inside tx (which holds the ledger's lock), what other
// writers changed since the reads: once per transaction.
func (a *Ahead) check(ctx context.Context, tx *store.Tx) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.valid == tx {
		return nil
	}
	ch, err := tx.EntitiesChangedSince(ctx, a.seq)
	if err != nil {
		return err
	}
	if ch.All {
		a.vals, a.merged = map[string][]model.Statement{}, map[string][]string{}
	}
	for id := range ch.Entities {
		delete(a.vals, id)
		delete(a.merged, id)
	}
	a.valid = tx
	return nil
}

// ahead reads through a: what it holds, else the store (not kept: a read
// under the lock is of this transaction's moment).
type ahead struct {
	a    *Ahead
	from values
}

func (v ahead) stated(ctx context.Context, id string) ([]model.Statement, error) {
	v.a.mu.Lock()
	sts, ok := v.a.vals[id]
	if ok {
		v.a.Hits++
	} else {
		v.a.Misses++
	}
	v.a.mu.Unlock()
	if ok {
		return sts, nil
	}
	return v.from.stated(ctx, id)
}

func (v ahead) mergedInto(ctx context.Context, id string) ([]string, error) {
	v.a.mu.Lock()
	ids, ok := v.a.merged[id]
	v.a.mu.Unlock()
	if ok {
		return ids, nil
	}
	return v.from.mergedInto(ctx, id)
}

// recording reads the store and keeps what it read in a.
type recording struct {
	a    *Ahead
	from values
}

func (v recording) stated(ctx context.Context, id string) ([]model.Statement, error) {
	v.a.mu.Lock()
	sts, ok := v.a.vals[id]
	v.a.mu.Unlock()
	if ok {
		return sts, nil
	}
	sts, err := v.from.stated(ctx, id)
	if err == nil {
		v.a.mu.Lock()
		v.a.vals[id] = sts
		v.a.mu.Unlock()
	}
	return sts, err
}

func (v recording) mergedInto(ctx context.Context, id string) ([]string, error) {
	v.a.mu.Lock()
	ids, ok := v.a.merged[id]
	v.a.mu.Unlock()
	if ok {
		return ids, nil
	}
	ids, err := v.from.mergedInto(ctx, id)
	if err == nil {
		v.a.mu.Lock()
		v.a.merged[id] = ids
		v.a.mu.Unlock()
	}
	return ids, err
}
