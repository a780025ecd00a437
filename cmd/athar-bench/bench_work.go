package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/benchgen"
	"github.com/athar-project/athar/internal/jobs"
)

func init() { registerBench(benchWorkCommand) }

// benchWorkCommand measures the job queue's extraction with N workers:
// what more workers give, and how much of the time the ledger's lock —
// the one point every writer of every process passes one at a time — is
// held.
func benchWorkCommand(g *globals) *cobra.Command {
	var n, from, workers, pgPid int
	var cpuProfile string
	cmd := &cobra.Command{
		Use:   "work",
		Short: "Store N generated articles with their extraction queued, then time N workers extracting them",
		Long: `Store N generated articles (internal/benchgen) as 'athar ingest --queue' does
— stored, their extraction queued — then work the queue with --workers
workers in this process, as 'athar worker --workers N' does, until every
extract job has finished, and report for that phase only: sources per second,
this process's CPU per source, how long write transactions held the ledger's
lock (in all, and as a share of the elapsed time) and waited for it, and,
with --pg-pid (PostgreSQL's postmaster), PostgreSQL's CPU per source (the
postmaster's, its live children's and its reaped children's). --cpuprofile
profiles the same phase.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			st, err := g.openStore(ctx, false)
			if err != nil {
				return err
			}
			defer st.Close()
			a := app.New(st, app.Config{})
			q, err := jobs.Open(ctx, a, jobs.Config{})
			if err != nil {
				return cannot(err)
			}
			defer q.Close()
			in, err := os.MkdirTemp("", "athar-work-")
			if err != nil {
				return cannot(err)
			}
			defer os.RemoveAll(in)
			inputs := make([]string, 0, n)
			for i := from; i < from+n; i++ {
				p := filepath.Join(in, fmt.Sprintf("%08d.txt", i))
				if err := os.WriteFile(p, []byte(benchgen.Article(i)), 0o600); err != nil {
					return cannot(err)
				}
				inputs = append(inputs, p)
			}
			tot, err := a.Ingest(ctx, access.Operator(), inputs, app.IngestOptions{Queue: true}, func(app.IngestResult) {})
			if err != nil {
				return cannot(err)
			}
			fmt.Fprintf(g.stderr, "athar: stored %d articles, queued %d extractions\n", n, tot.Queued)

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
			lock0, cpu0, pg0, start := st.LedgerLock(), cpuTime(), pgCPU(pgPid), time.Now()
			wctx, stop := context.WithCancel(ctx)
			done := make(chan error, 1)
			go func() { done <- q.Work(wctx, workers) }()
			for {
				left, err := extractsLeft(ctx, q)
				if err != nil {
					stop()
					<-done
					return cannot(err)
				}
				if left == 0 {
					break
				}
				select {
				case err := <-done:
					stop()
					return cannot(fmt.Errorf("the workers stopped with %d extractions left: %v", left, err))
				case <-time.After(200 * time.Millisecond):
				}
			}
			elapsed, cpu, pg, lock := time.Since(start), cpuTime()-cpu0, pgCPU(pgPid)-pg0, st.LedgerLock()
			stop()
			if err := <-done; err != nil {
				return cannot(err)
			}
			held, waited, txs := lock.Held-lock0.Held, lock.Waited-lock0.Waited, lock.Transactions-lock0.Transactions
			per := func(d time.Duration) float64 { return float64(d.Microseconds()) / float64(max(tot.Queued, 1)) / 1000 }
			fmt.Fprintf(g.stdout, "engine:             %s\n", st.Engine())
			fmt.Fprintf(g.stdout, "workers:            %d\n", workers)
			fmt.Fprintf(g.stdout, "extracted:          %d sources in %.2f s, %.1f sources/s (within 0.2 s)\n", tot.Queued, elapsed.Seconds(), float64(tot.Queued)/elapsed.Seconds())
			fmt.Fprintf(g.stdout, "cpu (this process): %.2f s, %.2f ms per source\n", cpu.Seconds(), per(cpu))
			if pgPid > 0 {
				fmt.Fprintf(g.stdout, "cpu (postgres):     %.2f s, %.2f ms per source\n", pg.Seconds(), per(pg))
			}
			fmt.Fprintf(g.stdout, "ledger lock:        held %.2f s (%.0f%% of the elapsed time) by %d transactions, %.2f ms each; waited for %.2f s in all\n",
				held.Seconds(), 100*held.Seconds()/elapsed.Seconds(), txs, float64(held.Microseconds())/float64(max(txs, 1))/1000, waited.Seconds())
			fmt.Fprintf(g.stdout, "load average:       %s\n", loadAverage())
			return nil
		},
	}
	cmd.Flags().IntVar(&n, "n", 1000, "how many articles")
	cmd.Flags().IntVar(&from, "from", 0, "number of the first generated article (to add to a filled store)")
	cmd.Flags().IntVar(&workers, "workers", 1, "how many jobs at a time")
	cmd.Flags().IntVar(&pgPid, "pg-pid", 0, "PostgreSQL's postmaster, to report its CPU")
	cmd.Flags().StringVar(&cpuProfile, "cpuprofile", "", "write a CPU profile of the working phase to this file")
	return cmd
}

// extractsLeft counts the extract jobs that have not finished.
func extractsLeft(ctx context.Context, q *jobs.Queue) (int, error) {
	cs, err := q.Counts(ctx)
	if err != nil {
		return 0, err
	}
	left := 0
	for _, c := range cs {
		if c.Kind != jobs.KindExtract {
			continue
		}
		switch c.State {
		case jobs.StateCompleted, jobs.StateCancelled, jobs.StateParked:
		default:
			left += c.N
		}
	}
	return left, nil
}

// pgCPU is the CPU time a PostgreSQL postmaster and its children have used:
// its own, its reaped children's (cutime, cstime) and its live children's.
// 0 without a pid or on a system without /proc.
func pgCPU(pid int) time.Duration {
	if pid <= 0 {
		return 0
	}
	ticks := func(p int, reaped bool) int64 {
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", p))
		if err != nil {
			return 0
		}
		// The fields after the command, which is in parentheses.
		s := string(b)
		f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
		if len(f) < 15 {
			return 0
		}
		sum := int64(0)
		last := 12 // utime, stime (fields 14 and 15 of stat)
		if reaped {
			last = 14 // and cutime, cstime
		}
		for i := 11; i <= last; i++ {
			v, _ := strconv.ParseInt(f[i], 10, 64)
			sum += v
		}
		return sum
	}
	total := ticks(pid, true)
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		c, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", c))
		if err != nil {
			continue
		}
		s := string(b)
		f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
		if len(f) > 1 && f[1] == strconv.Itoa(pid) {
			total += ticks(c, false)
		}
	}
	// Linux counts in USER_HZ, 100 a second.
	return time.Duration(total) * 10 * time.Millisecond
}

// loadAverage is the system's load average (the machine may be shared).
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	return strings.Join(f[:min(3, len(f))], " ")
}
