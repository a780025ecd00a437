package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/athar-project/athar/internal/ledger"
	"github.com/athar-project/athar/internal/model"
)

// NameFeed is what changed in the names entities carry between two points
// of the ledger: what a names index built or last caught up at the first
// must do to stand at the second. Every process keeps its own index; the
// ledger, which every write of every process appends to, tells each what
// the others did.
type NameFeed struct {
	// Upto is the ledger position the feed brings an index to.
	Upto int64
	// Added are names stated since, each under the entity that carries
	// it (the one it was merged into, if it was).
	Added []NameRow
	// Reloaded are entities whose names must be read again in full: they
	// were merged, split, judged, deleted, or a name of theirs was
	// reviewed, re-levelled, changed or removed.
	Reloaded []EntityNameSet
}

// EntityNameSet is every name an entity now carries (its own and those of
// the entities merged into it), or Gone when it no longer stands on its own
// (merged into another, or deleted).
type EntityNameSet struct {
	EntityID string
	Type     model.EntityType // "" when the entity was deleted
	Gone     bool
	Names    []string
}

// nameProps are the properties a names index files.
const nameProps = "('name', 'alias', 'weakAlias')"

// feedChunk bounds the ids one query of the feed asks about.
const feedChunk = 500

// NamesSince reads the name changes the ledger holds after position after,
// up to its head now (Upto), outside any transaction: a reader's index
// (search, matching) catches up with it. Every entry up to the head it
// reads is committed: ledger positions are handed out one writer at a
// time, in the order they commit.
func (s *Store) NamesSince(ctx context.Context, after int64) (NameFeed, error) {
	upto, _, err := head(ctx, s.db, s.dialect)
	if err != nil {
		return NameFeed{}, err
	}
	return namesSince(ctx, s, s.db, after, upto)
}

// LockLedger takes the ledger's lock for the rest of the transaction (if
// it has not yet): writers of every process are serialized from here on.
// A caller that must also hold a lock of its own takes this one first.
func (t *Tx) LockLedger(ctx context.Context) error { return t.lock(ctx) }

// NamesSince reads, inside the transaction, the name changes other writers
// committed after ledger position after. It first takes the ledger's lock
// (if the transaction has not yet): from then on no other writer commits
// until this transaction does, so an index caught up with the feed knows
// every name any process stored, and what the transaction decides on it —
// to create an entity for a name no other has — no other process decides
// at the same time. The transaction's own writes are not in the feed.
func (t *Tx) NamesSince(ctx context.Context, after int64) (NameFeed, error) {
	if err := t.lock(ctx); err != nil {
		return NameFeed{}, err
	}
	return namesSince(ctx, t.s, t.tx, after, t.base)
}

// namesSince reads the feed through q (the store's pool, or a
// transaction). A value sealed with its source is opened (the index files
// names in the clear, in memory); one withdrawn by a take-down names nothing.
func namesSince(ctx context.Context, s *Store, q querier, after, upto int64) (NameFeed, error) {
	d := s.dialect
	open := s.valueOpener()
	feed := NameFeed{Upto: max(after, upto)}
	if upto <= after {
		return feed, nil
	}
	entries, err := s.ledgerSince(ctx, q, after, upto)
	if err != nil {
		return feed, fmt.Errorf("read the ledger for names: %w", err)
	}
	var added, changed, entities, judged []string
	for _, e := range entries {
		action, tbl, id := e.action, e.tbl, e.rowID
		switch {
		case tbl == "statements" && action == ledger.ActionInsert:
			added = append(added, id)
		case tbl == "statements" && action == ledger.ActionUpdate:
			changed = append(changed, id)
		case tbl == "entities" && action != ledger.ActionInsert:
			// A new entity has no names yet; a merge, a split or a
			// removal changes which entity carries which, and a name
			// statement's removal what it carries (ActionNames: the
			// statement's own entry no longer leads to its entity).
			entities = append(entities, id)
		case tbl == "judgements" && action == ledger.ActionInsert:
			judged = append(judged, id)
		}
	}
	for i := 0; i < len(added); i += feedChunk {
		part := added[i:min(i+feedChunk, len(added))]
		if err := eachRow(ctx, q, d, "SELECT COALESCE(e.merged_into, e.id), e.type, st.property, st.value, st.id, COALESCE(st.source_id, '') "+
			"FROM statements st JOIN entities e ON e.id = st.entity_id WHERE st.id IN ("+placeholders(len(part))+") AND st.status <> 'rejected' "+
			"AND st.property IN "+nameProps+" AND st.value <> '' ORDER BY st.created_at, st.id", part, func(rs *sql.Rows) error {
			var r NameRow
			var typ, id, src string
			if err := rs.Scan(&r.EntityID, &typ, &r.Property, &r.Value, &id, &src); err != nil {
				return err
			}
			var err error
			if r.Value, err = open.open(ctx, id, src, r.Value); err != nil || r.Value == Withdrawn {
				return err
			}
			r.Type = model.EntityType(typ)
			feed.Added = append(feed.Added, r)
			return nil
		}); err != nil {
			return feed, fmt.Errorf("read new names: %w", err)
		}
	}
	var reload []string
	seen := map[string]bool{}
	note := func(id string) {
		if id != "" && !seen[id] {
			seen[id] = true
			reload = append(reload, id)
		}
	}
	for i := 0; i < len(changed); i += feedChunk {
		part := changed[i:min(i+feedChunk, len(changed))]
		if err := eachRow(ctx, q, d, "SELECT entity_id FROM statements WHERE id IN ("+placeholders(len(part))+") AND property IN "+nameProps,
			part, func(rs *sql.Rows) error {
				var id string
				err := rs.Scan(&id)
				note(id)
				return err
			}); err != nil {
			return feed, fmt.Errorf("read changed names: %w", err)
		}
	}
	for _, id := range entities {
		note(id)
	}
	for i := 0; i < len(judged); i += feedChunk {
		part := judged[i:min(i+feedChunk, len(judged))]
		if err := eachRow(ctx, q, d, "SELECT entity_a, entity_b FROM judgements WHERE id IN ("+placeholders(len(part))+")",
			part, func(rs *sql.Rows) error {
				var a, b string
				err := rs.Scan(&a, &b)
				note(a)
				note(b)
				return err
			}); err != nil {
			return feed, fmt.Errorf("read judgements: %w", err)
		}
	}
	// An entity merged away sends its names to the one it joined: that
	// one is read again too (note grows reload as it goes).
	for i := 0; i < len(reload); i++ {
		set, into, err := entityNameSet(ctx, q, d, open, reload[i])
		if err != nil {
			return feed, err
		}
		feed.Reloaded = append(feed.Reloaded, set)
		note(into)
	}
	return feed, nil
}

// entityNameSet reads what one entity carries now; for an entity merged
// away it says which one it joined.
func entityNameSet(ctx context.Context, q querier, d dialect, open valueOpener, id string) (set EntityNameSet, into string, err error) {
	set.EntityID = id
	var typ string
	var merged sql.NullString
	err = q.QueryRowContext(ctx, d.rebind("SELECT type, merged_into FROM entities WHERE id = ?"), id).Scan(&typ, &merged)
	if errors.Is(err, sql.ErrNoRows) {
		set.Gone = true
		return set, "", nil
	}
	if err != nil {
		return set, "", fmt.Errorf("read entity %s: %w", id, err)
	}
	set.Type = model.EntityType(typ)
	if merged.Valid && merged.String != "" {
		set.Gone = true
		return set, merged.String, nil
	}
	have := map[string]bool{}
	err = eachRow(ctx, q, d, "SELECT st.value, st.id, COALESCE(st.source_id, '') FROM statements st JOIN entities e ON e.id = st.entity_id "+
		"WHERE (e.id = ? OR e.merged_into = ?) AND st.status <> 'rejected' AND st.property IN "+nameProps+" AND st.value <> '' "+
		"ORDER BY st.created_at, st.id", []string{id, id}, func(rs *sql.Rows) error {
		var v, stID, src string
		if err := rs.Scan(&v, &stID, &src); err != nil {
			return err
		}
		v, err := open.open(ctx, stID, src, v)
		if err != nil || v == Withdrawn {
			return err
		}
		if !have[v] {
			have[v] = true
			set.Names = append(set.Names, v)
		}
		return nil
	})
	if err != nil {
		return set, "", fmt.Errorf("read the names of entity %s: %w", id, err)
	}
	return set, "", nil
}

// eachRow runs a query with string arguments and calls fn on every row.
func eachRow(ctx context.Context, q querier, d dialect, query string, args []string, fn func(*sql.Rows) error) error {
	as := make([]any, len(args))
	for i, a := range args {
		as[i] = a
	}
	rows, err := q.QueryContext(ctx, d.rebind(query), as...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
