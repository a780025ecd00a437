package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/spf13/cobra"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/benchgen"
)

func init() { registerBench(benchFillCommand) }

// benchFillCommand runs the whole pipeline — store, extract, resolve, index —
// over generated articles: the way to fill a store for the page and scale
// benchmarks, and itself the measure of what a source costs end to end.
func benchFillCommand(g *globals) *cobra.Command {
	var n, from, batch int
	var cpuProfile string
	cmd := &cobra.Command{
		Use:   "fill",
		Short: "Ingest N generated articles through the whole pipeline and report CPU-seconds and bytes per source",
		Long: `Ingest N generated articles (internal/benchgen) through the whole pipeline —
stored, extracted, resolved and indexed for search, as 'athar ingest' does —
and report sources per second, CPU time per source, bytes on disk per source
and how many entities and statements the store then holds. Run it again with
--from to add more articles to the same store.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			st, err := g.openStore(ctx, false)
			if err != nil {
				return err
			}
			defer st.Close()
			a := app.New(st, app.Config{})
			in, err := os.MkdirTemp("", "athar-fill-")
			if err != nil {
				return cannot(err)
			}
			defer os.RemoveAll(in)
			if cpuProfile != "" {
				f, err := os.Create(cpuProfile)
				if err != nil {
					return cannot(err)
				}
				defer f.Close()
				if err := pprof.StartCPUProfile(f); err != nil {
					return cannot(err)
				}
				defer pprof.StopCPUProfile()
			}
			// Generated in chunks so that a million articles never sit on
			// disk at once.
			const chunk = 5000
			var total app.Found
			var stored, failed int
			var elapsed, cpu time.Duration
			for lo := from; lo < from+n; lo += chunk {
				hi := min(lo+chunk, from+n)
				inputs := make([]string, 0, hi-lo)
				for i := lo; i < hi; i++ {
					p := filepath.Join(in, fmt.Sprintf("%08d.txt", i))
					if err := os.WriteFile(p, []byte(benchgen.Article(i)), 0o600); err != nil {
						return cannot(err)
					}
					inputs = append(inputs, p)
				}
				cpu0, start := cpuTime(), time.Now()
				_, err := a.Ingest(ctx, access.Operator(), inputs, app.IngestOptions{BatchSize: batch}, func(r app.IngestResult) {
					switch r.Outcome {
					case app.Failed:
						failed++
						fmt.Fprintf(g.stderr, "athar: %s: %v\n", r.Input, r.Err)
					case app.Stored:
						stored++
						total.Statements += r.Found.Statements
						total.Mentions += r.Found.Mentions
						total.Created += r.Found.Created
						total.Events += r.Found.Events
					}
				})
				elapsed += time.Since(start)
				cpu += cpuTime() - cpu0
				if err != nil {
					return cannot(err)
				}
				for _, p := range inputs {
					os.Remove(p)
				}
				fmt.Fprintf(g.stderr, "athar: %d of %d articles\n", hi-from, n)
			}
			disk, err := st.SizeOnDisk(ctx)
			if err != nil {
				return cannot(err)
			}
			counts, err := st.Count(ctx)
			if err != nil {
				return cannot(err)
			}
			entities, statements, sources := counts.Entities, counts.Statements, counts.Sources
			per := func(d time.Duration) float64 { return float64(d.Microseconds()) / float64(max(stored, 1)) / 1000 }
			fmt.Fprintf(g.stdout, "engine:            %s\n", st.Engine())
			fmt.Fprintf(g.stdout, "machine:           %d CPUs (GOMAXPROCS %d), %s/%s\n", runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.GOOS, runtime.GOARCH)
			fmt.Fprintf(g.stdout, "this run:          %d stored, %d failed, batch %d\n", stored, failed, batch)
			fmt.Fprintf(g.stdout, "found:             %d mentions, %d statements, %d entities made, %d events\n", total.Mentions, total.Statements, total.Created, total.Events)
			fmt.Fprintf(g.stdout, "time:              %.2f s, %.0f sources/s\n", elapsed.Seconds(), float64(stored)/elapsed.Seconds())
			fmt.Fprintf(g.stdout, "cpu (this process): %.2f s, %.2f ms per source\n", cpu.Seconds(), per(cpu))
			fmt.Fprintf(g.stdout, "store now holds:   %d sources, %d entities (not merged away), %d statements\n", sources, entities, statements)
			fmt.Fprintf(g.stdout, "on disk:           %d bytes, %.0f bytes per source\n", disk, float64(disk)/float64(max(sources, 1)))
			return nil
		},
	}
	cmd.Flags().IntVar(&n, "n", 1000, "how many articles")
	cmd.Flags().IntVar(&from, "from", 0, "number of the first generated article (to add to a filled store)")
	cmd.Flags().IntVar(&batch, "batch", app.DefaultBatch, "sources per transaction")
	cmd.Flags().StringVar(&cpuProfile, "cpuprofile", "", "write a CPU profile to this file")
	return cmd
}
