package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/benchgen"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// TestPreparedStoresTheSame ingests the same files twice on each engine —
// once with statements kept prepared and inserts cut to fixed sizes (the
// default), once running every statement as before (RunPlainSQL) — and
// compares what both stored: the sources and their near-duplicate links,
// signatures, keys and key counts, and the ledger's entries, with source
// ids (random) replaced by the hash of their bytes. The files hold near
// copies and the same bytes twice, so that the links, the batch's own
// look-ups and the repeated originals are all exercised, over transactions
// whose key counts end in runs of every size.
func TestPreparedStoresTheSame(t *testing.T) {
	dir := t.TempDir()
	var inputs []string
	add := func(name, text string) {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, p)
	}
	for i := range 230 {
		a := benchgen.Article(i)
		add(fmt.Sprintf("%04d.txt", i), a)
		switch {
		case i%23 == 0: // a near copy, in the same transaction or a later one
			add(fmt.Sprintf("%04d-copy.txt", i), strings.Replace(a, "Title: ", "Title: Copy of ", 1)+"\n(With agencies.)\n")
		case i%31 == 0: // the same bytes again, under another name
			add(fmt.Sprintf("%04d-again.txt", i), a)
		}
	}
	storetest.Engines(t, func(t *testing.T, prepared *store.Store) {
		plain := storetest.Another(t, prepared)
		plain.RunPlainSQL()
		var dumps []string
		for _, st := range []*store.Store{plain, prepared} {
			var failed []string
			_, err := app.New(st, app.Config{}).Ingest(context.Background(), access.Operator(), inputs,
				app.IngestOptions{BatchSize: 90, StoreOnly: true}, func(r app.IngestResult) {
					if r.Outcome == app.Failed {
						failed = append(failed, fmt.Sprintf("%s: %v", r.Input, r.Err))
					}
				})
			if err != nil || len(failed) > 0 {
				t.Fatalf("ingest: %v %v", err, failed)
			}
			if r, err := st.Verify(context.Background()); err != nil || !r.OK {
				t.Fatalf("verify: %v %v", r.Problems, err)
			}
			dumps = append(dumps, dumpIngested(t, st))
		}
		if dumps[0] != dumps[1] {
			a, b := strings.Split(dumps[0], "\n"), strings.Split(dumps[1], "\n")
			for i := range min(len(a), len(b)) {
				if a[i] != b[i] {
					t.Fatalf("line %d differs:\nplain:    %s\nprepared: %s", i, a[i], b[i])
				}
			}
			t.Fatalf("plain stored %d lines, prepared %d", len(a), len(b))
		}
		if !strings.Contains(dumps[0], "dup=") || !strings.Contains(dumps[0], "source_bands") {
			t.Fatalf("nothing to compare: %.300s", dumps[0])
		}
	})
}

// dumpIngested writes what an ingest stored, with source ids replaced by
// the hash of their bytes, in an order that does not depend on the ids.
func dumpIngested(t *testing.T, st *store.Store) string {
	t.Helper()
	ctx := context.Background()
	db := st.DB()
	query := func(q string, args ...any) *sql.Rows {
		rows, err := db.QueryContext(ctx, st.Rebind(q), args...)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return rows
	}
	sha := map[string]string{}
	var lines []string
	rows := query("SELECT id, sha256, title, kind, sensitivity, COALESCE(duplicate_of, ''), COALESCE(similarity, 0) FROM sources")
	type src struct{ id, sum, title, kind, sens, dup string }
	var srcs []src
	var sims []float64
	for rows.Next() {
		var s src
		var sim float64
		if err := rows.Scan(&s.id, &s.sum, &s.title, &s.kind, &s.sens, &s.dup, &sim); err != nil {
			t.Fatal(err)
		}
		sha[s.id] = s.sum
		srcs = append(srcs, s)
		sims = append(sims, sim)
	}
	rows.Close()
	for i, s := range srcs {
		lines = append(lines, fmt.Sprintf("source %s %q %s %s dup=%s sim=%.6f", s.sum, s.title, s.kind, s.sens, sha[s.dup], sims[i]))
	}
	rows = query("SELECT source_id, signature FROM source_signatures")
	for rows.Next() {
		var id string
		var sig []byte
		if err := rows.Scan(&id, &sig); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, fmt.Sprintf("signature %s %x", sha[id], sig))
	}
	rows.Close()
	rows = query("SELECT band_key, source_id, anchor FROM source_bands")
	for rows.Next() {
		var k int64
		var id string
		var anchor int
		if err := rows.Scan(&k, &id, &anchor); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, fmt.Sprintf("source_bands %d %s %d", k, sha[id], anchor))
	}
	rows.Close()
	rows = query("SELECT band_key, n FROM source_key_counts")
	for rows.Next() {
		var k, n int64
		if err := rows.Scan(&k, &n); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, fmt.Sprintf("source_key_counts %d %d", k, n))
	}
	rows.Close()
	slices.Sort(lines)
	// The ledger in its order: what each entry records, of which row.
	rows = query("SELECT seq, actor, action, tbl, row_id FROM ledger ORDER BY seq")
	for rows.Next() {
		var seq int64
		var actor, action, tbl, rowID string
		if err := rows.Scan(&seq, &actor, &action, &tbl, &rowID); err != nil {
			t.Fatal(err)
		}
		if s, ok := sha[rowID]; ok {
			rowID = s
		} else if tbl == "sources" {
			t.Fatalf("ledger entry %d: source %s not stored", seq, rowID)
		}
		lines = append(lines, fmt.Sprintf("ledger %d %s %s %s %s", seq, actor, action, tbl, rowID))
	}
	rows.Close()
	return strings.Join(lines, "\n")
}
