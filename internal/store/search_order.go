package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// On PostgreSQL, search reads the newest documents that match a query
// (candidates). The GIN index of migration 00025 yields every match of a
// query at once and unordered, so when the planner's walk of the ids runs
// out of time (a few matches, all far back) the newest ones are found by
// fetching every match from the table to sort it: 0.4–0.8 s for a name
// whose words 700 documents hold together, at a million statements, most
// of it reading table pages for their ids. The RUM index keeps each
// document's id beside its words and yields the matches in id order, so
// that the page's documents are the only ones read (10 ms for the same
// query). It costs writes: RUM has no pending list as GIN has, and a
// search document took four times as long to insert (0.40 ms against
// 0.09), a sixth more of PostgreSQL's CPU per source ingested. So it is the
// operator's choice (SettingSearchIndex, `athar migrate --search-index`),
// and it needs the extension (Debian's postgresql-NN-rum) and a role that
// may create it.

// SettingSearchIndex is "rum" when the operator chose the RUM indexes for
// PostgreSQL's search; anything else (or never set) is GIN.
const SettingSearchIndex = "search_index"

// searchOrderIndexes are the RUM indexes, one per kind of document as the
// GIN ones of migration 00025 are (so that a search of one kind reads only
// its documents), each with the GIN index it replaces.
var searchOrderIndexes = []struct{ rum, gin, kind string }{
	{"search_docs_rum_source", "search_docs_tsv_source", "source"},
	{"search_docs_rum_statement", "search_docs_tsv_statement", "statement"},
}

// searchOrderLock is the advisory lock that lets one of several processes
// opening a store at once build the indexes; the others wait and find them
// built.
const searchOrderLock = 0x617468617272756d // "atharrum"

// SearchOrder says how the store's full-text search finds its newest
// matches: "fts5" (SQLite's index is ordered), "rum" (PostgreSQL with the
// RUM indexes), or "gin"; Why says why RUM was chosen and is not in use.
type SearchOrder struct {
	Index string
	Why   string
}

// SearchOrder reports how the store's search finds its newest matches.
func (s *Store) SearchOrder() SearchOrder {
	switch {
	case s.dialect.name() != "postgres":
		return SearchOrder{Index: "fts5"}
	case s.searchOrdered:
		return SearchOrder{Index: "rum"}
	}
	return SearchOrder{Index: "gin", Why: s.searchOrderWhy}
}

// SetSearchIndex records the operator's choice of index for PostgreSQL's
// search ("rum" or "gin") and builds it, replacing the other; it returns
// the order search now reads in, which is GIN with a reason when RUM was
// chosen and the server or the role cannot have it. Processes that opened
// the store before keep their order until they restart.
func (s *Store) SetSearchIndex(ctx context.Context, actor, index string) (SearchOrder, error) {
	if index != "rum" && index != "gin" {
		return SearchOrder{}, fmt.Errorf("search index %q: want rum or gin", index)
	}
	if s.dialect.name() != "postgres" {
		return SearchOrder{}, errors.New("the search index is PostgreSQL's choice: SQLite's full-text index is ordered already")
	}
	if err := s.Write(ctx, actor, func(tx *Tx) error { return tx.SetSetting(ctx, SettingSearchIndex, index) }); err != nil {
		return SearchOrder{}, err
	}
	s.searchOrdered, s.searchOrderWhy = false, ""
	if err := s.ensureSearchOrder(ctx); err != nil {
		return SearchOrder{}, err
	}
	return s.SearchOrder(), nil
}

// ensureSearchOrder makes the indexes of PostgreSQL's search those the
// operator chose, and notes whether search reads through RUM. It runs on
// every open (after the migrations): a store restored onto another server,
// or the extension installed after the choice, gets what that server can
// give; a role that may not create the extension leaves search on GIN and
// the open succeeds.
func (s *Store) ensureSearchOrder(ctx context.Context) error {
	if s.dialect.name() != "postgres" {
		return nil
	}
	set, _, err := s.Setting(ctx, SettingSearchIndex)
	if err != nil {
		return err
	}
	wantRUM := set.Value == "rum"
	have, err := readSearchIndexes(ctx, s.db)
	if err != nil {
		return err
	}
	if have.settled(wantRUM) {
		s.searchOrdered = wantRUM
		return nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock($1)", int64(searchOrderLock)); err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	if have, err = readSearchIndexes(ctx, tx); err != nil || have.settled(wantRUM) {
		s.searchOrdered = err == nil && wantRUM
		return err
	}
	why := ""
	if wantRUM {
		if why, err = createRUM(ctx, tx); err != nil {
			return err
		}
	}
	// the indexes of a large store take a while: give the build memory
	if _, err := tx.ExecContext(ctx, "SET LOCAL maintenance_work_mem = '256MB'"); err != nil {
		return err
	}
	rum := wantRUM && why == ""
	for _, ix := range searchOrderIndexes {
		build := "CREATE INDEX IF NOT EXISTS " + ix.gin + " ON search_docs USING GIN (tsv) WHERE kind = '" + ix.kind + "'"
		drop := "DROP INDEX IF EXISTS " + ix.rum
		if rum {
			build = "CREATE INDEX IF NOT EXISTS " + ix.rum + " ON search_docs USING rum (tsv rum_tsvector_addon_ops, id) " +
				"WITH (attach = 'id', to = 'tsv') WHERE kind = '" + ix.kind + "'"
			drop = "DROP INDEX IF EXISTS " + ix.gin
		}
		for _, q := range []string{build, drop} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("search index: %s: %w", q, err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	s.searchOrdered, s.searchOrderWhy = rum, why
	return nil
}

// createRUM creates the RUM extension in the transaction when the server
// has it and the role may, and otherwise says why not.
func createRUM(ctx context.Context, tx *sql.Tx) (why string, err error) {
	var available bool
	if err := tx.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'rum')").Scan(&available); err != nil {
		return "", fmt.Errorf("search index: %w", err)
	}
	if !available {
		return "the server has no RUM extension (Debian: postgresql-15-rum)", nil
	}
	if _, err := tx.ExecContext(ctx, "SAVEPOINT rum"); err != nil {
		return "", err
	}
	_, err = tx.ExecContext(ctx, "CREATE EXTENSION IF NOT EXISTS rum")
	var pg interface{ SQLState() string }
	if err == nil || !errors.As(err, &pg) || pg.SQLState() != "42501" { // insufficient_privilege
		return "", err
	}
	_, err = tx.ExecContext(ctx, "ROLLBACK TO SAVEPOINT rum")
	return "the database role may not create the RUM extension (a superuser can: CREATE EXTENSION rum)", err
}

// searchIndexes counts the RUM and GIN indexes of search that exist.
type searchIndexes struct{ rum, gin int }

// settled reports whether the indexes are the chosen ones and only those.
func (h searchIndexes) settled(rum bool) bool {
	n := len(searchOrderIndexes)
	if rum {
		return h.rum == n && h.gin == 0
	}
	return h.gin == n && h.rum == 0
}

func readSearchIndexes(ctx context.Context, q querier) (searchIndexes, error) {
	var h searchIndexes
	var rum, gin []any
	for _, ix := range searchOrderIndexes {
		rum, gin = append(rum, ix.rum), append(gin, ix.gin)
	}
	err := q.QueryRowContext(ctx, "SELECT count(*) FILTER (WHERE indexname IN ($1, $2)), count(*) FILTER (WHERE indexname IN ($3, $4)) "+
		"FROM pg_indexes WHERE schemaname = current_schema()", append(rum, gin...)...).Scan(&h.rum, &h.gin)
	if err != nil {
		return h, fmt.Errorf("search index: %w", err)
	}
	return h, nil
}
