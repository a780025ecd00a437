package en

import (
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/extract"
	"github.com/athar-project/athar/internal/gazetteer"
)

// BenchmarkExtract extracts every corpus text once per iteration; the
// articles/s figure is what docs/benchmarks-extraction.md reports. "seeds"
// runs the two real articles (about 3 KB each, closer to a typical news
// article than the shorter corpus texts).
func BenchmarkExtract(b *testing.B) {
	gazetteer.Default() // loaded once per process, not per article
	var all, seeds []source
	for _, f := range corpusFiles(b) {
		s := readSource(b, f)
		all = append(all, s)
		if !strings.Contains(f, "/en_") {
			seeds = append(seeds, s)
		}
	}
	for _, set := range []struct {
		name string
		srcs []source
	}{{"corpus", all}, {"seeds", seeds}} {
		b.Run(set.name, func(b *testing.B) {
			size := 0
			for _, s := range set.srcs {
				size += len(s.text)
			}
			b.SetBytes(int64(size))
			n := 0
			for b.Loop() {
				for _, s := range set.srcs {
					extract.Extract(s.text, s.published, "en")
					n++
				}
			}
			b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
		})
	}
}
