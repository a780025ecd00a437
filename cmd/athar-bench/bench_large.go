package main

import (
	"bytes"
	"context"
	"fmt"
	neturl "net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/spf13/cobra"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/benchgen"
)

func init() {
	registerBench(benchLargeCommand)
	registerBench(benchLargeOneCommand)
}

// largeText is about mb MiB of generated reporting in one text file.
func largeText(mb int) []byte {
	var b bytes.Buffer
	// Its room taken at once: grown as it filled, the buffer held up to
	// twice the text, which the ingest's peak memory counted (issue 18).
	b.Grow(mb<<20 + 64<<10)
	b.WriteString("Title: A long report\n---\n")
	for i := 0; b.Len() < mb<<20; i++ {
		a := benchgen.Article(i)
		if j := strings.Index(a, "---\n"); j >= 0 {
			a = a[j+4:]
		}
		b.WriteString(a)
		b.WriteString("\n\n")
	}
	return b.Bytes()
}

func benchLargeCommand(g *globals) *cobra.Command {
	var sizes string
	var pdf bool
	cmd := &cobra.Command{
		Use:   "large",
		Short: "Ingest one large text of each size into an empty store and report MB/s and peak memory",
		Long: `Ingest one generated text of each size (MiB, --sizes) through the whole pipeline,
each into a new empty store in a process of its own — SQLite, or with --db a new
database made for it on that PostgreSQL server (and dropped after) — and report
the wall time, the process's CPU time (user + system: what the machine's load
does not stretch), the rate in MB/s, what was found, the process's peak
resident memory, the
longest write transaction of the ingest, and the longest wait of another
writer that signs someone in and changes an account every 100 ms while it
runs (how long a login or a review waited) —
what one large upload costs a server (issue 18: 8 MB of text took 78 s, held the
write lock throughout and grew the server to gigabytes).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			self, err := os.Executable()
			if err != nil {
				return cannot(err)
			}
			fmt.Fprintf(g.stdout, "%6s %10s %8s %8s %10s %10s %12s %16s %18s %8s  %s\n", "MiB", "seconds", "CPU s", "MB/s", "mentions", "statements", "peak RSS MiB", "longest write s", "other writer max s", "writes", "its first ledgered table")
			for _, f := range strings.Split(sizes, ",") {
				mb, err := strconv.Atoi(strings.TrimSpace(f))
				if err != nil || mb < 1 {
					return cannot(fmt.Errorf("--sizes: %q is not a number of MiB", f))
				}
				dir, err := os.MkdirTemp("", "athar-large-")
				if err != nil {
					return cannot(err)
				}
				args := []string{"--data", filepath.Join(dir, "data")}
				var drop func()
				if g.db != "" {
					url, d, err := freshDatabase(cmd.Context(), g.db, fmt.Sprintf("athar_large_%d_%d", mb, os.Getpid()))
					if err != nil {
						os.RemoveAll(dir)
						return cannot(err)
					}
					args, drop = append(args, "--db", url), d
				}
				args = append(args, "large-one", "--mb", strconv.Itoa(mb))
				if pdf {
					args = append(args, "--pdf")
				}
				child := exec.CommandContext(cmd.Context(), self, args...)
				child.Env = append(os.Environ(), "ATHAR_DB=")
				child.Stderr = g.stderr
				out, err := child.Output()
				os.RemoveAll(dir)
				if drop != nil {
					drop()
				}
				if err != nil {
					return cannot(fmt.Errorf("%d MiB: %w", mb, err))
				}
				var secs, longest, waited float64
				var mentions, statements, writes int
				var what string
				if _, err := fmt.Sscanf(string(out), "%g %d %d %g %g %d %s", &secs, &mentions, &statements, &longest, &waited, &writes, &what); err != nil {
					return cannot(fmt.Errorf("%d MiB: %q: %w", mb, out, err))
				}
				rss := child.ProcessState.SysUsage().(*syscall.Rusage).Maxrss // KiB on Linux
				cpu := (child.ProcessState.UserTime() + child.ProcessState.SystemTime()).Seconds()
				fmt.Fprintf(g.stdout, "%6d %10.1f %8.1f %8.3f %10d %10d %12.0f %16.2f %18.3f %8d  %s\n", mb, secs, cpu, float64(mb)*1.048576/secs, mentions, statements, float64(rss)/1024, longest, waited, writes, what)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&sizes, "sizes", "1,2,4,8,16,32", "sizes to ingest, in MiB")
	cmd.Flags().BoolVar(&pdf, "pdf", false, "ingest a decompression-bomb PDF of each size of text (a few hundred KB that pdftotext expands), not a text file")
	return cmd
}

func benchLargeOneCommand(g *globals) *cobra.Command {
	var mb int
	var pdf bool
	var cpuProfile, memProfile string
	cmd := &cobra.Command{
		Use:    "large-one",
		Short:  "One run of 'large' (what its child processes run)",
		Hidden: true,
		Args:   cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := context.Background()
			name, data := "large.txt", largeText(mb)
			if pdf {
				// About 3 KB of text a page: as many pages as make mb MiB.
				name, data = "bomb.pdf", benchgen.BombPDF(mb<<20/(50*62))
			}
			st, err := g.openStore(ctx, false)
			if err != nil {
				return err
			}
			defer st.Close()
			a := app.New(st, app.Config{})
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
			var peak *peakHeap
			if memProfile != "" {
				peak = watchPeakHeap()
			}
			w, err := startOtherWriter(ctx, st)
			if err != nil {
				return cannot(err)
			}
			start := time.Now()
			r, err := a.IngestBytes(ctx, access.Operator(), name, data, app.IngestOptions{MaxBytes: int64(len(data))})
			if err != nil {
				return cannot(err)
			}
			took := time.Since(start)
			waited, writes, err := w.done()
			if err != nil {
				return cannot(fmt.Errorf("the other writer: %w", err))
			}
			if peak != nil {
				if err := peak.stop(memProfile); err != nil {
					return cannot(err)
				}
			}
			if r.Outcome != app.Stored || r.Err != nil {
				return cannot(fmt.Errorf("%s: %v", r.Outcome, r.Err))
			}
			what := st.LongestWriteOf()
			if what == "" {
				what = "(none)" // a search index part, a mark
			}
			fmt.Fprintf(g.stdout, "%g %d %d %g %g %d %s\n", took.Seconds(), r.Found.Mentions, r.Found.Statements, st.LongestWrite().Seconds(), waited.Seconds(), writes, what)
			return nil
		},
	}
	cmd.Flags().IntVar(&mb, "mb", 1, "MiB of text")
	cmd.Flags().BoolVar(&pdf, "pdf", false, "a decompression-bomb PDF of that much text")
	cmd.Flags().StringVar(&cpuProfile, "cpuprofile", "", "write a CPU profile of the ingest to this file")
	cmd.Flags().StringVar(&memProfile, "memprofile", "", "write the heap profile taken when the heap in use was largest to this file")
	return cmd
}

// peakHeap keeps the heap profile of the moment the heap in use was largest,
// sampled every 100 ms (the process's peak resident memory is mostly that
// heap; a profile at the end would show what is left, not what peaked).
type peakHeap struct {
	done chan struct{}
	wg   sync.WaitGroup
	max  uint64
	prof bytes.Buffer
}

func watchPeakHeap() *peakHeap {
	p := &peakHeap{done: make(chan struct{})}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-p.done:
				return
			case <-t.C:
			}
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			// A new profile only when the heap grew by a tenth: writing
			// one costs time of its own.
			if ms.HeapInuse > p.max+p.max/10 {
				p.max = ms.HeapInuse
				runtime.GC() // the profile shows the heap as of the last collection
				p.prof.Reset()
				_ = pprof.Lookup("heap").WriteTo(&p.prof, 0)
			}
		}
	}()
	return p
}

func (p *peakHeap) stop(path string) error {
	close(p.done)
	p.wg.Wait()
	fmt.Fprintf(os.Stderr, "largest heap in use: %d MiB\n", p.max>>20)
	return os.WriteFile(path, p.prof.Bytes(), 0o644)
}

// freshDatabase makes an empty database named name on the PostgreSQL
// server of url, and returns its URL and what drops it.
func freshDatabase(ctx context.Context, url, name string) (string, func(), error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return "", nil, fmt.Errorf("--db: %w", err)
	}
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return "", nil, fmt.Errorf("--db: %w", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
		return "", nil, fmt.Errorf("--db: create database %s: %w", name, err)
	}
	u, err := neturl.Parse(url)
	if err != nil {
		return "", nil, fmt.Errorf("--db: %w", err)
	}
	u.Path = "/" + name
	drop := func() {
		c, err := pgx.ConnectConfig(context.Background(), cfg)
		if err != nil {
			return
		}
		defer c.Close(context.Background())
		c.Exec(context.Background(), "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)")
	}
	return u.String(), drop, nil
}
