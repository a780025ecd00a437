package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/benchgen"
	"github.com/athar-project/athar/internal/export"
)

func init() {
	registerBench(func(g *globals) *cobra.Command {
		var n, batch int
		cmd := &cobra.Command{
			Use:   "export",
			Short: "Fill an empty store with N generated statements and measure the FtM, FtM-statements and CSV exports: statements per second and peak heap",
			Args:  cobra.NoArgs,
			RunE: func(cmd *cobra.Command, _ []string) error {
				return g.benchExport(cmd.Context(), n, batch)
			},
		}
		cmd.Flags().IntVar(&n, "statements", 1000000, "how many generated statements")
		cmd.Flags().IntVar(&batch, "batch", 500, "entities per transaction while filling")
		return cmd
	})
}

// countingWriter counts what an export writes and throws it away.
type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

// heapPeak samples the Go heap while fn runs and returns its highest use.
func heapPeak(fn func() error) (uint64, error) {
	runtime.GC()
	var mu sync.Mutex
	var peak uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			mu.Lock()
			peak = max(peak, ms.HeapInuse)
			mu.Unlock()
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	err := fn()
	close(stop)
	<-done
	return peak, err
}

func (g *globals) benchExport(ctx context.Context, n, batch int) error {
	if n < 1 || batch < 1 {
		return cannot(errors.New("--statements and --batch must be at least 1"))
	}
	if entries, err := os.ReadDir(g.data); err == nil && len(entries) > 0 && g.db == "" {
		return cannot(fmt.Errorf("--data %s is not empty: the benchmark needs an empty data directory", g.data))
	}
	st, err := g.openStore(ctx, false)
	if err != nil {
		return err
	}
	defer st.Close()
	start := time.Now()
	bar := g.progress(n, "filling")
	fs, err := benchgen.Fill(ctx, st, n, batch, func(done int) {
		if bar != nil {
			_ = bar.Set(done)
		}
	})
	if bar != nil {
		_ = bar.Finish()
	}
	if err != nil {
		return cannot(err)
	}
	fill := time.Since(start)
	disk, err := st.SizeOnDisk(ctx)
	if err != nil {
		return cannot(err)
	}
	fmt.Fprintf(g.stdout, "engine:            %s\n", st.Engine())
	fmt.Fprintf(g.stdout, "machine:           %d CPUs (GOMAXPROCS %d), %s/%s\n", runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.GOOS, runtime.GOARCH)
	fmt.Fprintf(g.stdout, "store:             %d statements about %d entities from %d sources, %d bytes on disk\n", fs.Statements, fs.Entities, fs.Sources, disk)
	fmt.Fprintf(g.stdout, "fill:              %.1f s, %.0f statements/s (ledgered writes)\n", fill.Seconds(), float64(fs.Statements)/fill.Seconds())
	tmp, err := os.MkdirTemp("", "athar-bench-export-")
	if err != nil {
		return cannot(err)
	}
	defer os.RemoveAll(tmp)
	v := access.Operator()
	runs := []struct {
		name string
		run  func(w io.Writer, opt export.Options) error
	}{
		{"ftm entities", func(w io.Writer, opt export.Options) error { return export.WriteFTM(ctx, st, v, opt, w) }},
		{"ftm statements", func(w io.Writer, opt export.Options) error { return export.WriteStatements(ctx, st, v, opt, w) }},
		{"csv", func(_ io.Writer, opt export.Options) error {
			return export.WriteCSV(ctx, st, v, opt, filepath.Join(tmp, "csv"))
		}},
	}
	for _, r := range runs {
		var w countingWriter
		exported := 0
		opt := export.Options{Progress: func(_, s int) { exported = s }}
		t0, cpu0 := time.Now(), cpuTime()
		peak, err := heapPeak(func() error { return r.run(&w, opt) })
		elapsed, cpu := time.Since(t0), cpuTime()-cpu0
		if err != nil {
			return cannot(fmt.Errorf("%s: %w", r.name, err))
		}
		size := w.n
		if r.name == "csv" {
			size = dirBytes(filepath.Join(tmp, "csv"))
		}
		fmt.Fprintf(g.stdout, "%-18s %d statements in %.1f s: %.0f statements/s, %.1f s CPU, %d bytes, peak heap %.1f MiB\n",
			r.name+":", exported, elapsed.Seconds(), float64(exported)/elapsed.Seconds(), cpu.Seconds(), size, float64(peak)/(1<<20))
	}
	return nil
}

func dirBytes(dir string) int64 {
	var n int64
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if info, err := e.Info(); err == nil {
			n += info.Size()
		}
	}
	return n
}
