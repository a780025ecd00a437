package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/benchgen"
)

func init() {
	registerBench(func(g *globals) *cobra.Command {
		var n, batch int
		var cpuProfile, memProfile string
		ingestCmd := &cobra.Command{
			Use:   "ingest",
			Short: "Store N generated articles (parse and store, no extraction) and report sources per second and bytes on disk per source",
			Args:  cobra.NoArgs,
			RunE: func(cmd *cobra.Command, _ []string) error {
				ctx := cmd.Context()
				if entries, err := os.ReadDir(g.data); err == nil && len(entries) > 0 && g.db == "" {
					return cannot(fmt.Errorf("--data %s is not empty: the benchmark needs an empty data directory", g.data))
				}
				in, err := os.MkdirTemp("", "athar-bench-")
				if err != nil {
					return cannot(err)
				}
				defer os.RemoveAll(in)
				var inputs []string
				var inBytes int64
				for i := range n {
					p := filepath.Join(in, fmt.Sprintf("%07d.txt", i))
					a := benchgen.Article(i)
					inBytes += int64(len(a))
					if err := os.WriteFile(p, []byte(a), 0o600); err != nil {
						return cannot(err)
					}
					inputs = append(inputs, p)
				}
				st, err := g.openStore(ctx, false)
				if err != nil {
					return err
				}
				defer st.Close()
				failed := 0
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
				cpu0 := cpuTime()
				start := time.Now()
				_, err = app.New(st, app.Config{}).Ingest(ctx, access.Operator(), inputs, app.IngestOptions{BatchSize: batch, StoreOnly: true}, func(r app.IngestResult) {
					if r.Outcome == app.Failed {
						failed++
					}
				})
				elapsed := time.Since(start)
				cpu := cpuTime() - cpu0
				if err != nil {
					return cannot(err)
				}
				if memProfile != "" {
					if err := writeHeapProfile(memProfile); err != nil {
						return cannot(err)
					}
				}
				disk, err := st.SizeOnDisk(ctx)
				if err != nil {
					return cannot(err)
				}
				fmt.Fprintf(g.stdout, "engine:            %s\n", st.Engine())
				fmt.Fprintf(g.stdout, "machine:           %d CPUs (GOMAXPROCS %d), %s/%s\n", runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.GOOS, runtime.GOARCH)
				fmt.Fprintf(g.stdout, "sources:           %d stored, %d failed, batch %d\n", n-failed, failed, batch)
				fmt.Fprintf(g.stdout, "input:             %.0f bytes per article on average\n", float64(inBytes)/float64(n))
				fmt.Fprintf(g.stdout, "time:              %.2f s\n", elapsed.Seconds())
				fmt.Fprintf(g.stdout, "rate:              %.0f sources/s\n", float64(n)/elapsed.Seconds())
				fmt.Fprintf(g.stdout, "cpu:               %.2f s user+system, %.0f µs per source (less sensitive to other load than the rate)\n",
					cpu.Seconds(), float64(cpu.Microseconds())/float64(n))
				fmt.Fprintf(g.stdout, "on disk:           %d bytes, %.0f bytes per source\n", disk, float64(disk)/float64(n))
				return nil
			},
		}
		ingestCmd.Flags().IntVar(&n, "n", 10000, "how many articles")
		ingestCmd.Flags().IntVar(&batch, "batch", app.DefaultBatch, "sources per transaction")
		ingestCmd.Flags().StringVar(&cpuProfile, "cpuprofile", "", "write a CPU profile of the timed part to this file")
		ingestCmd.Flags().StringVar(&memProfile, "memprofile", "", "write an allocation profile (every allocation of the run, by bytes and count) to this file")
		return ingestCmd
	})
}

// writeHeapProfile writes the allocation profile of the run so far to
// path (go tool pprof -sample_index=alloc_space reads what was allocated).
func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return pprof.Lookup("allocs").WriteTo(f, 0)
}

// cpuTime is the user and system CPU time this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
