package store

import (
	"context"
	"database/sql"
	"fmt"

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
	rows, err := t.tx.QueryContext(ctx, d.rebind("SELECT action, tbl, row_id FROM ledger WHERE seq > ? AND seq <= ? "+
		"AND tbl IN ('statements', 'entities', 'judgements') ORDER BY seq"), after, t.base)
	if err != nil {
		return out, fmt.Errorf("read the ledger for changed entities: %w", err)
	}
	var stated []string
	for rows.Next() {
		var action, tbl, id string
		if err := rows.Scan(&action, &tbl, &id); err != nil {
			rows.Close()
			return out, err
		}
		switch {
		case tbl == "statements" && action != ledger.ActionDelete:
			stated = append(stated, id)
		case tbl == "entities" && action == ledger.ActionInsert:
			// A new entity: nothing read before knew it.
		default:
			out.All = true
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return out, err
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
