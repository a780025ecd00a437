package ar

import (
	"testing"
)

// BenchmarkExtract measures articles per second over the corpus; the goal
// is at least 300 per second per core.
func BenchmarkExtract(b *testing.B) {
	files := corpusFiles(b, "testdata", 30)
	srcs := make([]source, len(files))
	size := 0
	for i, f := range files {
		srcs[i] = readSource(b, f)
		size += len(srcs[i].text)
	}
	Extract(srcs[0].text, srcs[0].published) // load the gazetteer outside the timing
	b.SetBytes(int64(size / len(srcs)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s := srcs[i%len(srcs)]
		Extract(s.text, s.published)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkExtractArticle measures articles of a typical news length:
// the corpus joined eight texts at a time (about 3,000 characters each).
func BenchmarkExtractArticle(b *testing.B) {
	files := corpusFiles(b, "testdata", 30)
	var arts []source
	for i := 0; i+8 <= len(files); i += 8 {
		a := readSource(b, files[i])
		for _, f := range files[i+1 : i+8] {
			a.text += "\n" + readSource(b, f).text
		}
		arts = append(arts, a)
	}
	Extract(arts[0].text, arts[0].published)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		a := arts[i%len(arts)]
		Extract(a.text, a.published)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkExtractLong measures one long article: the corpus joined.
func BenchmarkExtractLong(b *testing.B) {
	files := corpusFiles(b, "testdata", 30)
	text := ""
	for _, f := range files {
		text += readSource(b, f).text + "\n"
	}
	Extract(text, readSource(b, files[0]).published)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Extract(text, readSource(b, files[0]).published)
	}
}
