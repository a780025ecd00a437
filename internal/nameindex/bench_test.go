package nameindex

import (
	"fmt"
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/athar-project/athar/internal/names/namegen"
)

// corpus builds an index of n generated persons (an Arabic and a Latin name
// each) and queries that name them in other spellings.
func corpus(n, queries int) (*Index, []QueryRow, uint64) {
	g := namegen.New(42, max(n/40, 500))
	ps := make([]namegen.Person, n)
	rows := make([]IndexRow, 0, 2*n)
	for i := range ps {
		ps[i] = g.Person()
		id := fmt.Sprintf("p%07d", i)
		rows = append(rows, IndexRow{EntityID: id, Name: ps[i].Arabic}, IndexRow{EntityID: id, Name: ps[i].Latin[0]})
	}
	x, mem := Build(rows)
	qs := make([]QueryRow, 0, queries)
	for i := 0; i < queries; i++ {
		if i%5 == 4 {
			qs = append(qs, QueryRow{Query: g.Stranger()})
			continue
		}
		j := (i * 7919) % n
		qs = append(qs, QueryRow{Query: g.Variant(ps[j]), Expected: fmt.Sprintf("p%07d", j)})
	}
	return x, qs, mem
}

func benchSearch(b *testing.B, n int) {
	x, qs, mem := corpus(n, 2000)
	b.ResetTimer()
	var lat []time.Duration
	for i := 0; i < b.N; i++ {
		q := qs[i%len(qs)]
		t := time.Now()
		x.Search(q.Query, 10)
		lat = append(lat, time.Since(t))
	}
	b.StopTimer()
	b.ReportMetric(float64(Percentile(lat, 0.5).Microseconds()), "p50-µs")
	b.ReportMetric(float64(Percentile(lat, 0.99).Microseconds()), "p99-µs")
	b.ReportMetric(float64(mem)/(1<<20), "index-MiB")
	rep := Evaluate(x, qs[:500], 10, nil)
	b.ReportMetric(rep.RecallAt1, "recall@1")
	b.ReportMetric(rep.RecallAt10, "recall@10")
	b.ReportMetric(rep.FalseLink, "false-link")
}

func BenchmarkSearch10k(b *testing.B)  { benchSearch(b, 10_000) }
func BenchmarkSearch100k(b *testing.B) { benchSearch(b, 100_000) }

// BenchmarkSearch1M needs ATHAR_BENCH_1M=1: it builds an index of a million
// persons, which takes minutes and a gigabyte.
func BenchmarkSearch1M(b *testing.B) {
	if os.Getenv("ATHAR_BENCH_1M") == "" {
		b.Skip("set ATHAR_BENCH_1M=1 to run")
	}
	benchSearch(b, 1_000_000)
}

func BenchmarkBuild100k(b *testing.B) {
	for i := 0; i < b.N; i++ {
		_, _, mem := corpus(100_000, 0)
		b.ReportMetric(float64(mem)/(1<<20), "index-MiB")
	}
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
}
