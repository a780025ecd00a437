package store

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/athar-project/athar/internal/ledger"
)

// Changed is what other writers changed about entities between a ledger
// position and the transaction's lock (Tx.EntitiesChangedSince).
type Changed struct {
	// All: the ledger holds a change it cannot trace to the entities it
	// touches — a statement deleted, an entity merged, split or removed,
	// a judgement — so nothing read before may be trusted.
	All bool
	// Entities whose statements were written or changed, and the entity
	// each had been merged into, if any.
	Entities map[string]bool
}

// EntitiesChangedSince says, inside the transaction, which entities other
// writers stated something about after ledger position after: what a read
// made before the transaction, outside its lock, may no longer say (the
// resolver's reads ahead of placing names). It takes the ledger's lock
// first, if the transaction has not yet: from then on nothing changes but
// what this transaction writes.
func (t *Tx) EntitiesChangedSince(ctx context.Context, after int64) (Changed, error) {
	out := Changed{Entities: map[string]bool{}}
	if err := t.lock(ctx); err != nil {
		return out, err
	}
	if t.base <= after {
		return out, nil
	}
	d := t.s.dialect
	entries, err := t.s.ledgerSince(ctx, t.tx, after, t.base)
	if err != nil {
		return out, fmt.Errorf("read the ledger for changed entities: %w", err)
	}
	var stated []string
	for _, e := range entries {
		switch {
		case e.tbl == "statements" && e.action != ledger.ActionDelete:
			stated = append(stated, e.rowID)
		case e.tbl == "entities" && e.action == ledger.ActionInsert:
			// A new entity: nothing read before knew it.
		default:
			out.All = true
		}
	}
	if out.All {
		return out, nil
	}
	for i := 0; i < len(stated); i += feedChunk {
		part := stated[i:min(i+feedChunk, len(stated))]
		if err := eachRow(ctx, t.tx, d, "SELECT st.entity_id, COALESCE(e.merged_into, '') FROM statements st "+
			"JOIN entities e ON e.id = st.entity_id WHERE st.id IN ("+placeholders(len(part))+")", part, func(rs *sql.Rows) error {
			var id, into string
			if err := rs.Scan(&id, &into); err != nil {
				return err
			}
			out.Entities[id] = true
			if into != "" {
				// Read through the entity it joined, and the chain may
				// go on: trust nothing rather than follow it.
				out.All = true
			}
			return nil
		}); err != nil {
			return out, fmt.Errorf("read changed entities: %w", err)
		}
	}
	return out, nil
}

// ledgerRow is what a names feed and a read-ahead check read of a ledger
// entry.
type ledgerRow struct{ action, tbl, rowID string }

// ownTables are the tables whose ledger entries they read.
var ownTables = map[string]bool{"statements": true, "entities": true, "judgements": true}

// noteLedgered keeps an entry the transaction appended (Tx.own).
func (t *Tx) noteLedgered(action, tbl, rowID string) {
	t.owned++
	if ownTables[tbl] {
		t.own = append(t.own, ledgerRow{action, tbl, rowID})
	}
}

// ownLedger remembers, by the ledger position each began after, the entries
// of the last write transactions this process committed: a names index
// catching up after one of them, or a read-ahead check, would otherwise read
// back from the ledger what this process itself just wrote (at one worker,
// every catch-up did: a query of 1–2 ms a source on PostgreSQL). Entries of
// other processes, and of transactions no longer remembered, are read from
// the ledger as before: what is remembered is what the ledger holds.
type ownLedger struct {
	mu sync.Mutex
	// byBase holds each transaction's entries under the head it took its
	// lock at; order lists the bases, oldest first, to forget the oldest.
	byBase map[int64]ownRange
	order  []int64
	// hits counts the reads answered from memory alone (for tests).
	hits atomic.Int64
}

type ownRange struct {
	upto    int64
	entries []ledgerRow
}

// ownKept bounds the transactions remembered.
const ownKept = 64

// noteOwn remembers what t appended, once it has committed: positions
// t.base+1 to t.seq, all of them its own (it held the ledger's lock).
func (s *Store) noteOwn(t *Tx) {
	if !t.locked || t.seq <= t.base || t.seq-t.base != t.owned {
		return
	}
	o := &s.own
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.byBase == nil {
		o.byBase = map[int64]ownRange{}
	}
	if _, ok := o.byBase[t.base]; !ok {
		o.order = append(o.order, t.base)
	}
	o.byBase[t.base] = ownRange{upto: t.seq, entries: t.own}
	for len(o.order) > ownKept {
		delete(o.byBase, o.order[0])
		o.order = o.order[1:]
	}
}

// ledgerSince lists, in order, the entries of ownTables after position
// after up to upto: those this process committed from memory, the rest —
// from the first position it does not remember on — read through q.
func (s *Store) ledgerSince(ctx context.Context, q querier, after, upto int64) ([]ledgerRow, error) {
	var out []ledgerRow
	from := after
	s.own.mu.Lock()
	for from < upto {
		r, ok := s.own.byBase[from]
		if !ok || r.upto > upto {
			break
		}
		out = append(out, r.entries...)
		from = r.upto
	}
	s.own.mu.Unlock()
	if from >= upto {
		s.own.hits.Add(1)
		return out, nil
	}
	rows, err := q.QueryContext(ctx, s.dialect.rebind("SELECT action, tbl, row_id FROM ledger WHERE seq > ? AND seq <= ? "+
		"AND tbl IN ('statements', 'entities', 'judgements') ORDER BY seq"), from, upto)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var e ledgerRow
		if err := rows.Scan(&e.action, &e.tbl, &e.rowID); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
