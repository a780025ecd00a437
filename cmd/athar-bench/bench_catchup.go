package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"time"

	"github.com/spf13/cobra"

	"github.com/athar-project/athar/internal/benchgen"
	"github.com/athar-project/athar/internal/search"
)

func init() {
	registerBench(func(g *globals) *cobra.Command {
		var n, batch, runs, more, serverPID int
		var filled bool
		cmd := &cobra.Command{
			Use: "catchup",
			Short: "Fill an empty store with N generated statements and measure the search catch-up: the first (everything), " +
				"one with nothing new (what every server runs once a minute), one after M more statements, and the look through " +
				"every source and statement that the catch-up ran before the search mark",
			Args: cobra.NoArgs,
			RunE: func(cmd *cobra.Command, _ []string) error {
				return g.benchCatchUp(cmd.Context(), n, batch, runs, more, serverPID, filled)
			},
		}
		cmd.Flags().IntVar(&n, "statements", 200000, "how many generated statements")
		cmd.Flags().IntVar(&batch, "batch", 500, "entities per transaction while filling")
		cmd.Flags().IntVar(&runs, "runs", 3, "runs of each steady-state measurement")
		cmd.Flags().IntVar(&more, "more", 2000, "statements stored after the first catch-up, for the next")
		cmd.Flags().IntVar(&serverPID, "server-pid", 0, "PostgreSQL's postmaster, to add its processes' CPU time (Linux)")
		cmd.Flags().BoolVar(&filled, "filled", false, "measure the store as it is (one an earlier run filled), without filling it")
		return cmd
	})
}

func (g *globals) benchCatchUp(ctx context.Context, n, batch, runs, more, serverPID int, filled bool) error {
	if n < 1 || batch < 1 || runs < 1 || more < 0 {
		return cannot(errors.New("--statements, --batch and --runs must be at least 1"))
	}
	if entries, err := os.ReadDir(g.data); err == nil && len(entries) > 0 && g.db == "" && !filled {
		return cannot(fmt.Errorf("--data %s is not empty: the benchmark needs an empty data directory", g.data))
	}
	st, err := g.openStore(ctx, false)
	if err != nil {
		return err
	}
	defer st.Close()
	start := time.Now()
	var fs benchgen.FillStats
	if !filled {
		if fs, err = benchgen.Fill(ctx, st, n, batch, nil); err != nil {
			return cannot(err)
		}
	}
	fmt.Fprintf(g.stdout, "engine:   %s\n", st.Engine())
	fmt.Fprintf(g.stdout, "machine:  %d CPUs (GOMAXPROCS %d), %s/%s, load %s\n", runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.GOOS, runtime.GOARCH, loadAverage())
	if filled {
		for _, c := range []struct {
			table string
			n     *int
		}{{"statements", &fs.Statements}, {"entities", &fs.Entities}, {"sources", &fs.Sources}} {
			m, err := st.CountRows(ctx, c.table)
			if err != nil {
				return cannot(err)
			}
			*c.n = int(m)
		}
	}
	fmt.Fprintf(g.stdout, "store:    %d statements about %d entities from %d sources (filled in %.0f s)\n", fs.Statements, fs.Entities, fs.Sources, time.Since(start).Seconds())
	measure := func(what string, fn func() (int, error)) error {
		t0, cpu0 := time.Now(), cpuTime()
		srv0 := pgCPU(serverPID)
		found, err := fn()
		if err != nil {
			return cannot(fmt.Errorf("%s: %w", what, err))
		}
		wall, cpu := time.Since(t0), cpuTime()-cpu0
		srv1 := pgCPU(serverPID)
		docs, err := st.CountRows(ctx, "search_docs")
		if err != nil {
			return cannot(err)
		}
		line := fmt.Sprintf("%-34s %6d indexed or found (%d documents), %8.3f s, %8.3f s CPU (Athar)", what+":", found, docs, wall.Seconds(), cpu.Seconds())
		if serverPID > 0 {
			line += fmt.Sprintf(", %8.3f s CPU (PostgreSQL)", (srv1 - srv0).Seconds())
		}
		fmt.Fprintln(g.stdout, line)
		return nil
	}
	if err := measure("first catch-up (all)", func() (int, error) { return search.CatchUp(ctx, st) }); err != nil {
		return err
	}
	for i := range runs {
		if err := measure(fmt.Sprintf("catch-up, nothing new (%d)", i+1), func() (int, error) { return search.CatchUp(ctx, st) }); err != nil {
			return err
		}
		if err := measure(fmt.Sprintf("before the mark: the look (%d)", i+1), func() (int, error) { return st.ScanUnindexed(ctx) }); err != nil {
			return err
		}
	}
	if more > 0 {
		added, err := benchgen.Fill(ctx, st, more, batch, nil)
		if err != nil {
			return cannot(err)
		}
		if err := measure(fmt.Sprintf("catch-up after %d more", added.Statements+added.Sources), func() (int, error) { return search.CatchUp(ctx, st) }); err != nil {
			return err
		}
	}
	return nil
}
