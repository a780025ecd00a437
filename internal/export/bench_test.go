package export

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/benchgen"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// benchStore fills a store with ATHAR_BENCH_STATEMENTS generated
// statements (default 20,000; the recorded run uses 1,000,000).
func benchStore(b *testing.B) (*store.Store, int) {
	b.Helper()
	n := 20000
	if v := os.Getenv("ATHAR_BENCH_STATEMENTS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil {
			b.Fatal(err)
		}
	}
	st := storetest.Open(b, store.Config{DataDir: b.TempDir()})
	fs, err := benchgen.Fill(context.Background(), st, n, 500, nil)
	if err != nil {
		b.Fatal(err)
	}
	return st, fs.Statements
}

func BenchmarkExportFTM(b *testing.B) {
	st, n := benchStore(b)
	b.ResetTimer()
	for b.Loop() {
		if err := WriteFTM(context.Background(), st, access.Operator(), Options{}, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "statements/s")
}

func BenchmarkExportStatements(b *testing.B) {
	st, n := benchStore(b)
	b.ResetTimer()
	for b.Loop() {
		if err := WriteStatements(context.Background(), st, access.Operator(), Options{}, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "statements/s")
}

func BenchmarkExportCSV(b *testing.B) {
	st, n := benchStore(b)
	dir := b.TempDir()
	i := 0
	b.ResetTimer()
	for b.Loop() {
		i++
		if err := WriteCSV(context.Background(), st, access.Operator(), Options{}, filepath.Join(dir, strconv.Itoa(i))); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "statements/s")
}
