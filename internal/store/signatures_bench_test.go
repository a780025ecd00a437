package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"syscall"
	"testing"
	"time"

	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// BenchmarkSaveSignatures stores the near-duplicate keys of 500 sources per
// operation (a batch of an ingest), 42 band keys and 7 anchor keys each as
// the generated articles have, one in ten drawn from keys other sources
// hold too, into a SQLite store that grows by 500 sources an operation. The
// sources' rows are written in the same transaction, outside the timer.
func BenchmarkSaveSignatures(b *testing.B) {
	st := storetest.Open(b, store.Config{DataDir: b.TempDir()})
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(1, 2))
	shared := make([]int64, 20000)
	for i := range shared {
		shared[i] = rng.Int64()
	}
	key := func() int64 {
		if rng.IntN(10) == 0 {
			return shared[rng.IntN(len(shared))]
		}
		return rng.Int64()
	}
	const batch = 500
	sig := make([]byte, 519)
	n := 0
	var cpu time.Duration
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		err := st.Write(ctx, "tester", func(tx *store.Tx) error {
			rows := make([]store.SignatureRow, batch)
			for i := range rows {
				n++
				text := fmt.Sprintf("source %d", n)
				src := model.Source{Kind: model.KindArticle, Title: "t", Text: text, Language: "en", Sensitivity: model.Public}
				if err := tx.AddSource(ctx, &src, []byte(text)); err != nil {
					return err
				}
				r := store.SignatureRow{SourceID: src.ID, Signature: sig}
				for range 42 {
					r.Bands = append(r.Bands, key())
				}
				for range 7 {
					r.Anchors = append(r.Anchors, key())
				}
				rows[i] = r
			}
			b.StartTimer()
			defer b.StopTimer()
			c0 := cpuTime()
			defer func() { cpu += cpuTime() - c0 }()
			return tx.SaveSignatures(ctx, rows)
		})
		b.StartTimer()
		if err != nil {
			b.Fatal(err)
		}
	}
	// CPU time is what other load on the machine skews least.
	b.ReportMetric(float64(cpu.Microseconds())/float64(batch*b.N), "cpu-µs/source")
}

// cpuTime is the user and system CPU time this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
