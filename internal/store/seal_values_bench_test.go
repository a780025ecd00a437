package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// BenchmarkStatementValues stores 500 name statements drawn from one
// source per operation, spread over 100 entities, and reads the page totals
// of each entity back as a cleared viewer, on the embedded engine: what
// sealing values costs a write and a page of a public source (nothing to
// seal) and of a confidential one (each value sealed and hashed, each
// total's spelling opened).
func BenchmarkStatementValues(b *testing.B) {
	for _, level := range []model.Sensitivity{model.Public, model.Confidential} {
		b.Run(level.String(), func(b *testing.B) {
			ctx := context.Background()
			st := storetest.Open(b, store.Config{DataDir: b.TempDir(), MasterKeyFile: filepath.Join(b.TempDir(), "master.key")})
			ents := addEntities(b, st, 100)
			src := addSource(b, st, "a report naming many", level)
			viewer := access.Viewer{Name: "r", Role: model.RoleReviewer, Clearance: model.Confidential}
			const n = 500
			round := 0
			b.ReportAllocs()
			for b.Loop() {
				round++
				err := st.Write(ctx, "tester", func(tx *store.Tx) error {
					for i := range n {
						s := model.Statement{EntityID: ents[i%len(ents)], Property: model.PropName, Value: fmt.Sprintf("Name %d-%d", round, i/len(ents)),
							SourceID: src.ID, Origin: "extracted:bench@1"}
						if err := tx.AddStatement(ctx, &s); err != nil {
							return err
						}
					}
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
				for _, e := range ents {
					if _, err := st.ClaimTotals(ctx, viewer, []string{e}); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "statements/s")
		})
	}
}
