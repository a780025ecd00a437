// Package resolve owns identity resolution: which entity a name found in a
// source stands for. It keeps the candidate indexes (one per entity type,
// built from the store's name statements and kept current as entities are
// created, named and merged), links what an extractor found of one entity in
// one source to a stored entity when the match is sure, creates a new entity
// and proposes a merge for review when it is not, and applies people's
// judgements, which always win over the machine: a "different" judgement stops
// the pair from being linked or proposed again, and merges can be undone.
package resolve

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/nameindex"
	"github.com/athar-project/athar/internal/names"
	"github.com/athar-project/athar/internal/store"
)

// Version names this resolver in the ledger and in statements' origins.
const Version = "resolve@1"

// ProposeAt is the score from which a candidate that is not linked is
// proposed as a merge for review. Linking itself is the name matcher's
// decision (nameindex's Link), made only when it is sure.
const ProposeAt = 0.72

// Resolver resolves names against the store. It is safe for concurrent use.
type Resolver struct {
	st *store.Store
	mu sync.Mutex
	// idx holds, per entity type, every name of every unmerged entity.
	idx map[model.EntityType]*nameindex.Index
	// feed serializes catching up; seen is the ledger position the
	// indexes stand at (every name any process stored up to it is in).
	feed sync.Mutex
	seen int64
	// mostSearched is the most names one batch searched (MostNamesSearched).
	mostSearched atomic.Int64
}

// noteSearched keeps n, the names a batch searched so far, if it is the most.
func (r *Resolver) noteSearched(n int) {
	for {
		old := r.mostSearched.Load()
		if int64(n) <= old || r.mostSearched.CompareAndSwap(old, int64(n)) {
			return
		}
	}
}

// MostNamesSearched is the most names the placements of one batch — one
// write transaction — searched the indexes for since the resolver was made:
// each a search and a weighing of its candidates, the resolver's part of
// what a transaction does. It is a count, not a time, to tell whether a
// transaction's work grows with a source (issue 18).
func (r *Resolver) MostNamesSearched() int { return int(r.mostSearched.Load()) }

// Resolvable lists the entity types resolution works on: events are never
// matched by name.
var Resolvable = []model.EntityType{model.TypePerson, model.TypeOrganization, model.TypeFacility, model.TypePlace}

// New builds the resolver's indexes from the store.
func New(ctx context.Context, st *store.Store) (*Resolver, error) {
	r := &Resolver{st: st, idx: map[model.EntityType]*nameindex.Index{}}
	for _, t := range Resolvable {
		r.idx[t] = nameindex.NewKind(names.KindOf(string(t)))
	}
	// The head first: what is stored after it is read again when the
	// index catches up (adding a name twice adds it once).
	seq, _, err := st.Head(ctx)
	if err != nil {
		return nil, fmt.Errorf("build name index: %w", err)
	}
	r.seen = seq
	err = st.EachName(ctx, func(n store.NameRow) error {
		if x := r.idx[n.Type]; x != nil {
			x.Add(n.EntityID, n.Value)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("build name index: %w", err)
	}
	return r, nil
}

// Candidate is a stored entity a name may stand for.
type Candidate struct {
	EntityID string
	Name     string
	Score    float64
	Link     bool
	Reasons  []string
}

// Match lists at most k candidates for a name among entities of a type, best
// first, as the viewer may see them: an entity the viewer may see nothing of
// is left out, and so is one whose only matching names are beyond the
// viewer's clearance (the match is re-run over the names the viewer may see).
func (r *Resolver) Match(ctx context.Context, v access.Viewer, name string, typ model.EntityType, k int) ([]Candidate, error) {
	x := r.index(typ)
	if x == nil {
		return nil, fmt.Errorf("entities of type %s are not matched by name", typ)
	}
	if err := r.CatchUp(ctx); err != nil {
		return nil, err
	}
	if v.Clearance == model.Confidential && !v.ConfirmedOnly() {
		return fromIndex(x.Search(name, k)), nil
	}
	// A narrower viewer searches an index of only the names they may see,
	// so that neither a candidate nor its score rests on what they may not.
	visible, err := r.st.Entities(ctx, v, typ)
	if err != nil {
		return nil, err
	}
	vx := nameindex.NewKind(names.KindOf(string(typ)))
	for _, e := range visible {
		for _, n := range e.Names {
			vx.Add(e.ID, n)
		}
	}
	return fromIndex(vx.Search(name, k)), nil
}

// CatchUp brings the indexes up to what every process has stored: the
// names stated, merged, split, reviewed or removed since the indexes last
// looked at the ledger. A reader (matching, search) calls it; a writer
// about to decide on a name catches up inside its transaction instead
// (Batch.Place), where no other writer can store a name until it commits.
func (r *Resolver) CatchUp(ctx context.Context) error {
	_, err := r.catchUp(ctx)
	return err
}

// catchUp is CatchUp, and says the ledger's head it read before reading
// the feed: every name committed up to it is in the indexes.
func (r *Resolver) catchUp(ctx context.Context) (int64, error) {
	r.feed.Lock()
	defer r.feed.Unlock()
	feed, err := r.st.NamesSince(ctx, r.seen)
	if err != nil {
		return 0, fmt.Errorf("catch up the names index: %w", err)
	}
	r.apply(feed)
	return feed.Upto, nil
}

// catchUpIn is CatchUp inside a write transaction: it takes the ledger's
// lock, so the indexes know every name committed and none can be committed
// by another process before tx ends.
func (r *Resolver) catchUpIn(ctx context.Context, tx *store.Tx) error {
	// The ledger's lock first: a writer of this process that holds it may
	// be waiting for r.feed.
	if err := tx.LockLedger(ctx); err != nil {
		return err
	}
	r.feed.Lock()
	defer r.feed.Unlock()
	feed, err := tx.NamesSince(ctx, r.seen)
	if err != nil {
		return fmt.Errorf("catch up the names index: %w", err)
	}
	r.apply(feed)
	return nil
}

// apply applies a feed; the caller holds r.feed.
func (r *Resolver) apply(feed store.NameFeed) {
	for _, n := range feed.Added {
		if x := r.index(n.Type); x != nil {
			x.Add(n.EntityID, n.Value)
		}
	}
	for _, e := range feed.Reloaded {
		switch {
		case e.Gone && e.Type == "":
			for _, t := range Resolvable {
				r.forget(t, e.EntityID)
			}
		case e.Gone:
			r.forget(e.Type, e.EntityID)
		default:
			if x := r.index(e.Type); x != nil {
				x.Replace(e.EntityID, e.Names)
			}
		}
	}
	r.seen = max(r.seen, feed.Upto)
}

func fromIndex(cs []nameindex.Candidate) []Candidate {
	out := make([]Candidate, len(cs))
	for i, c := range cs {
		out[i] = Candidate{EntityID: c.EntityID, Name: c.Name, Score: c.Score, Link: c.Link, Reasons: c.Reasons}
	}
	return out
}

func (r *Resolver) index(t model.EntityType) *nameindex.Index {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.idx[t]
}

// learn adds names of an entity to its type's index (after the transaction
// that stored them committed).
func (r *Resolver) learn(t model.EntityType, id string, names []string) {
	x := r.index(t)
	if x == nil {
		return
	}
	for _, n := range names {
		x.Add(id, n)
	}
}

// forget takes an entity out of its type's index (merged away).
func (r *Resolver) forget(t model.EntityType, id string) {
	if x := r.index(t); x != nil {
		x.Remove(id)
	}
}

// reload puts an entity back with all the names it carries (after an unmerge
// or a merge that gave it more names).
func (r *Resolver) reload(ctx context.Context, t model.EntityType, id string) error {
	x := r.index(t)
	if x == nil {
		return nil
	}
	sts, err := r.st.Statements(ctx, access.Operator(), id)
	if err != nil {
		return err
	}
	var names []string
	for _, st := range sts {
		if st.Status != model.StatusRejected && st.Value != "" && st.Property.IsName() {
			names = append(names, st.Value)
		}
	}
	x.Replace(id, names)
	return nil
}

// Lazy builds one Resolver on first use and hands the same one to
// everything in a process that asks (the web UI and the API share a
// server's names index; building it reads every name, so a server starts
// without it). Safe for concurrent use.
type Lazy struct {
	st   *store.Store
	once sync.Once
	r    *Resolver
	err  error
}

// NewLazy returns a Lazy over st.
func NewLazy(st *store.Store) *Lazy { return &Lazy{st: st} }

// Get returns the resolver, building it the first time.
func (l *Lazy) Get(ctx context.Context) (*Resolver, error) {
	l.once.Do(func() {
		// Not cut short by the request that happens to ask first.
		l.r, l.err = New(context.WithoutCancel(ctx), l.st)
	})
	return l.r, l.err
}

// poolFactor widens the first search of MatchVisible: candidates drawn from
// every name, re-scored over the names the viewer may see.
const poolFactor = 4

// MatchVisible is Match for a request that cannot afford to read every name
// the viewer may see of a type (search asks every type at once): the full
// index gives k×4 candidates, and those are matched again over only their
// names the viewer may see, so that neither a candidate nor its score
// rests on a name the viewer may not see. It can miss an entity that only
// a full read would have ranked among the k (crowded out of the pool by
// entities that match through names the viewer may not see); it never adds
// one.
func (r *Resolver) MatchVisible(ctx context.Context, v access.Viewer, name string, typ model.EntityType, k int) ([]Candidate, error) {
	x := r.index(typ)
	if x == nil {
		return nil, fmt.Errorf("entities of type %s are not matched by name", typ)
	}
	if err := r.CatchUp(ctx); err != nil {
		return nil, err
	}
	if v.Clearance == model.Confidential && !v.ConfirmedOnly() {
		return fromIndex(x.Search(name, k)), nil
	}
	pool := x.Search(name, k*poolFactor)
	if len(pool) == 0 {
		return nil, nil
	}
	// Each candidate carries its own names and those of the entities
	// merged into it, as the index does.
	owner := map[string]string{}
	var ids []string
	for _, c := range pool {
		merged, err := r.st.MergedInto(ctx, c.EntityID)
		if err != nil {
			return nil, err
		}
		for _, id := range append([]string{c.EntityID}, merged...) {
			owner[id] = c.EntityID
			ids = append(ids, id)
		}
	}
	visible, err := r.st.CaptionNames(ctx, v, ids)
	if err != nil {
		return nil, err
	}
	vx := nameindex.NewKind(names.KindOf(string(typ)))
	for _, id := range ids {
		for _, p := range []model.Property{model.PropName, model.PropAlias, model.PropWeakAlias} {
			for _, n := range visible[id][p] {
				vx.Add(owner[id], n)
			}
		}
	}
	return fromIndex(vx.Search(name, k)), nil
}
