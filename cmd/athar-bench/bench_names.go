package main

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"runtime"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/athar-project/athar/internal/nameindex"
	"github.com/athar-project/athar/internal/names/namegen"
	"github.com/athar-project/athar/internal/peer/trgm"
)

func init() {
	registerBench(func(g *globals) *cobra.Command {
		var persons, queries int
		var devIndex, devQueries string
		cmd := &cobra.Command{
			Use:   "names",
			Short: "Measure the name matcher against PostgreSQL pg_trgm: quality on real variants, speed and memory on generated persons",
			Long: `Measure Athar's name index and, when --db names a PostgreSQL database, the peer a
team would otherwise build (names folded by the same normalizer, a GIN pg_trgm
index, similarity()), in one run on the same queries.

Quality (recall, false links) is measured on real name variants (--dev-index and
--dev-queries, in the format of 'athar eval names'); generated names would only
test the generator. Speed and memory are measured on --persons generated persons
whose names follow Arabic naming patterns, in Arabic script and Latin spellings,
queried with other spellings of their names and with names of nobody.`,
			Args: cobra.NoArgs,
			RunE: func(cmd *cobra.Command, _ []string) error {
				return g.benchNames(cmd.Context(), persons, queries, devIndex, devQueries)
			},
		}
		cmd.Flags().IntVar(&persons, "persons", 100000, "how many generated persons")
		cmd.Flags().IntVar(&queries, "queries", 2000, "how many generated queries")
		cmd.Flags().StringVar(&devIndex, "dev-index", "", "TSV of real names (entity_id, name) for quality")
		cmd.Flags().StringVar(&devQueries, "dev-queries", "", "TSV of real queries (query, expected_entity_id) for quality")
		return cmd
	})
}

type benchRow struct {
	what  string
	build time.Duration
	rep   nameindex.Report
}

func (g *globals) benchNames(ctx context.Context, persons, nq int, devIndex, devQueries string) error {
	var db *sql.DB
	if g.db != "" {
		var err error
		if db, err = sql.Open("pgx", g.db); err != nil {
			return cannot(err)
		}
		defer db.Close()
		if err := db.PingContext(ctx); err != nil {
			return cannot(fmt.Errorf("--db unreachable: %w", err))
		}
	}
	w := tabwriter.NewWriter(g.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintf(g.stdout, "machine: %d CPUs (GOMAXPROCS %d), %s/%s\n\n", runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.GOOS, runtime.GOARCH)

	if devIndex != "" && devQueries != "" {
		rows, qs, err := readDev(devIndex, devQueries)
		if err != nil {
			return cannot(err)
		}
		fmt.Fprintf(g.stdout, "quality on real variants: %d names, %d queries\n", len(rows), len(qs))
		res, err := measure(ctx, db, rows, qs)
		if err != nil {
			return cannot(err)
		}
		printQuality(w, res)
		w.Flush()
		fmt.Fprintln(g.stdout)
	}

	// One family name per 40 persons, as the generator is calibrated.
	gen := namegen.New(1, persons/40+1)
	people := make([]namegen.Person, persons)
	rows := make([]nameindex.IndexRow, 0, 2*persons)
	for i := range people {
		people[i] = gen.Person()
		id := fmt.Sprintf("p%07d", i)
		rows = append(rows, nameindex.IndexRow{EntityID: id, Name: people[i].Latin[0]}, nameindex.IndexRow{EntityID: id, Name: people[i].Arabic})
	}
	qs := make([]nameindex.QueryRow, nq)
	for i := range qs {
		if i%5 == 4 {
			qs[i] = nameindex.QueryRow{Query: gen.Stranger()}
			continue
		}
		p := (i * 7919) % persons
		qs[i] = nameindex.QueryRow{Query: gen.Variant(people[p]), Expected: fmt.Sprintf("p%07d", p)}
	}
	fmt.Fprintf(g.stdout, "speed and memory on %d generated persons (%d names), %d queries (one in five names nobody)\n", persons, len(rows), nq)
	res, err := measure(ctx, db, rows, qs)
	if err != nil {
		return cannot(err)
	}
	fmt.Fprintln(w, "system\tbuild\tindex memory\tp50\tp99\trecall@1\trecall@10\tfalse links")
	for _, r := range res {
		mem := "-"
		if r.rep.IndexBytes > 0 {
			mem = fmt.Sprintf("%.0f MiB", float64(r.rep.IndexBytes)/(1<<20))
		}
		fmt.Fprintf(w, "%s\t%.1f s\t%s\t%s\t%s\t%.3f\t%.3f\t%.3f\n", r.what, r.build.Seconds(), mem, r.rep.P50, r.rep.P99,
			r.rep.RecallAt1, r.rep.RecallAt10, r.rep.FalseLink)
	}
	w.Flush()
	if len(res) == 2 && res[0].rep.P99 > 0 {
		fmt.Fprintf(g.stdout, "\npg_trgm p99 / Athar p99 = %.1f×\n", float64(res[1].rep.P99)/float64(res[0].rep.P99))
	}
	return nil
}

// measure builds Athar's index and, with db, the pg_trgm peer over rows and
// runs qs through both.
func measure(ctx context.Context, db *sql.DB, rows []nameindex.IndexRow, qs []nameindex.QueryRow) ([]benchRow, error) {
	start := time.Now()
	x, mem := nameindex.Build(rows)
	athar := benchRow{what: "Athar", build: time.Since(start)}
	athar.rep = nameindex.Evaluate(x, qs, 10, nil)
	athar.rep.IndexBytes = mem
	out := []benchRow{athar}
	if db == nil {
		return out, nil
	}
	start = time.Now()
	peer, err := trgm.Create(ctx, db, rows)
	if err != nil {
		return nil, err
	}
	p := benchRow{what: "pg_trgm", build: time.Since(start)}
	p.rep = nameindex.Evaluate(peer, qs, 10, nil)
	return append(out, p), nil
}

func printQuality(w io.Writer, res []benchRow) {
	fmt.Fprintln(w, "system\trecall@1\trecall@10\tcorrect links\tfalse links\tp50\tp99")
	for _, r := range res {
		fmt.Fprintf(w, "%s\t%.3f\t%.3f\t%.3f\t%.3f\t%s\t%s\n", r.what, r.rep.RecallAt1, r.rep.RecallAt10, r.rep.CorrectLink, r.rep.FalseLink, r.rep.P50, r.rep.P99)
	}
}

func readDev(indexPath, queriesPath string) ([]nameindex.IndexRow, []nameindex.QueryRow, error) {
	f, err := os.Open(indexPath)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	rows, bad, err := nameindex.ReadIndex(f)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", indexPath, err)
	}
	if len(bad) > 0 {
		return nil, nil, fmt.Errorf("%s: %v", indexPath, bad[0])
	}
	q, err := os.Open(queriesPath)
	if err != nil {
		return nil, nil, err
	}
	defer q.Close()
	qs, err := nameindex.ReadQueries(q)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", queriesPath, err)
	}
	return rows, qs, nil
}
