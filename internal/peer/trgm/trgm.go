// Package trgm is the peer Athar's name matcher is measured against: the
// matcher a team would otherwise build on PostgreSQL — names folded by the
// same normalizer, a GIN trigram index (pg_trgm) and similarity(). It is
// used only by benchmarks, never by the product.
package trgm

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/athar-project/athar/internal/nameindex"
	"github.com/athar-project/athar/internal/textfold"
)

// Link rule, mirroring Athar's: the best candidate is linked when its
// similarity reaches LinkAt and no other entity comes within LinkMargin.
const (
	LinkAt     = 0.7
	LinkMargin = 0.06
)

// Index is a pg_trgm name index in a PostgreSQL database.
type Index struct {
	db *sql.DB
	n  int
}

// Create makes the table, loads every row and builds the trigram index.
func Create(ctx context.Context, db *sql.DB, rows []nameindex.IndexRow) (*Index, error) {
	for _, q := range []string{
		"CREATE EXTENSION IF NOT EXISTS pg_trgm",
		"DROP TABLE IF EXISTS peer_names",
		"CREATE TABLE peer_names (entity_id text NOT NULL, name text NOT NULL, norm text NOT NULL)",
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return nil, fmt.Errorf("%s: %w", q, err)
		}
	}
	const per = 1000
	entities := map[string]bool{}
	for i := 0; i < len(rows); i += per {
		chunk := rows[i:min(i+per, len(rows))]
		var b strings.Builder
		args := make([]any, 0, 3*len(chunk))
		b.WriteString("INSERT INTO peer_names (entity_id, name, norm) VALUES ")
		for j, r := range chunk {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "($%d, $%d, $%d)", 3*j+1, 3*j+2, 3*j+3)
			args = append(args, r.EntityID, r.Name, Normalize(r.Name))
			entities[r.EntityID] = true
		}
		if _, err := db.ExecContext(ctx, b.String(), args...); err != nil {
			return nil, fmt.Errorf("load names: %w", err)
		}
	}
	for _, q := range []string{
		"CREATE INDEX peer_names_trgm ON peer_names USING gin (norm gin_trgm_ops)",
		"ANALYZE peer_names",
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return nil, fmt.Errorf("%s: %w", q, err)
		}
	}
	return &Index{db: db, n: len(entities)}, nil
}

// Normalize folds a name as Athar folds text, words joined by single spaces.
func Normalize(s string) string { return strings.Join(textfold.Words(s), " ") }

// Len is how many entities the index holds.
func (x *Index) Len() int { return x.n }

// Search returns at most k candidates, one per entity, best first: names
// above pg_trgm's similarity threshold (the % operator, using the index),
// ranked by similarity().
func (x *Index) Search(query string, k int) []nameindex.Candidate {
	q := Normalize(query)
	if q == "" || k <= 0 {
		return nil
	}
	rows, err := x.db.Query("SELECT entity_id, name, similarity(norm, $1) AS s FROM peer_names WHERE norm % $1 ORDER BY s DESC, entity_id LIMIT $2", q, 4*k)
	if err != nil {
		return nil
	}
	defer rows.Close()
	var out []nameindex.Candidate
	seen := map[string]bool{}
	for rows.Next() && len(out) < k {
		var c nameindex.Candidate
		if err := rows.Scan(&c.EntityID, &c.Name, &c.Score); err != nil {
			return out
		}
		if seen[c.EntityID] {
			continue
		}
		seen[c.EntityID] = true
		out = append(out, c)
	}
	if len(out) > 0 && out[0].Score >= LinkAt && (len(out) == 1 || out[1].Score < out[0].Score-LinkMargin) {
		out[0].Link = true
	}
	return out
}
