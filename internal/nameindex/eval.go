package nameindex

import (
	"runtime"
	"sort"
	"time"
)

// QueryResult is what Search answered for one query of an evaluation.
type QueryResult struct {
	Query      QueryRow
	Candidates []Candidate
	Latency    time.Duration
}

// Report sums up an evaluation.
type Report struct {
	Queries        int
	WithExpected   int     // queries that name someone in the index
	RecallAt1      float64 // expected entity first, over queries with one
	RecallAt10     float64 // expected entity in the first ten
	CorrectLink    float64 // linked to the expected entity, over queries with one
	FalseLink      float64 // any link to another entity, over all queries
	P50, P99       time.Duration
	IndexBytes     uint64 // heap the index holds
	Entities, Rows int
}

// Build makes an index from rows and measures the heap it holds.
func Build(rows []IndexRow) (*Index, uint64) {
	before := heapInUse()
	x := New()
	for _, r := range rows {
		x.Add(r.EntityID, r.Name)
	}
	after := heapInUse()
	runtime.KeepAlive(x)
	var used uint64
	if after > before {
		used = after - before
	}
	return x, used
}

func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// Searcher is what Evaluate measures: Athar's Index, or a peer matcher held
// to the same contract (one candidate per entity, at most one link).
type Searcher interface {
	Search(query string, k int) []Candidate
	Len() int
}

// Evaluate runs every query against x, asking for k candidates, and calls
// each (if not nil) with each result in order.
func Evaluate(x Searcher, qs []QueryRow, k int, each func(QueryResult)) Report {
	var rep Report
	lat := make([]time.Duration, 0, len(qs))
	var at1, at10, correct, wrong int
	if len(qs) > 0 {
		x.Search(qs[0].Query, k) // warm up: the first query allocates working memory
	}
	for _, q := range qs {
		t := time.Now()
		cs := x.Search(q.Query, k)
		d := time.Since(t)
		lat = append(lat, d)
		if each != nil {
			each(QueryResult{Query: q, Candidates: cs, Latency: d})
		}
		rep.Queries++
		if q.Expected != "" {
			rep.WithExpected++
		}
		for i, c := range cs {
			if c.EntityID == q.Expected {
				if i == 0 {
					at1++
				}
				if i < 10 {
					at10++
				}
			}
			if c.Link {
				if c.EntityID == q.Expected {
					correct++
				} else {
					wrong++
				}
			}
		}
	}
	if rep.WithExpected > 0 {
		rep.RecallAt1 = float64(at1) / float64(rep.WithExpected)
		rep.RecallAt10 = float64(at10) / float64(rep.WithExpected)
		rep.CorrectLink = float64(correct) / float64(rep.WithExpected)
	}
	if rep.Queries > 0 {
		rep.FalseLink = float64(wrong) / float64(rep.Queries)
	}
	rep.P50, rep.P99 = Percentile(lat, 0.50), Percentile(lat, 0.99)
	rep.Entities = x.Len()
	return rep
}

// Percentile returns the p-th quantile of ds (nearest rank).
func Percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	i := int(p*float64(len(s))+0.999999) - 1
	if i < 0 {
		i = 0
	}
	if i >= len(s) {
		i = len(s) - 1
	}
	return s[i]
}
