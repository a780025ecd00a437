package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// addEntities makes n person entities.
func addEntities(t testing.TB, st *store.Store, n int) []string {
	t.Helper()
	ctx := context.Background()
	var ents []string
	if err := st.Write(ctx, "tester", func(tx *store.Tx) error {
		for range n {
			e, err := tx.AddEntity(ctx, model.TypePerson)
			if err != nil {
				return err
			}
			ents = append(ents, e.ID)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return ents
}

// mentionsOf makes n mentions in src, spread over ents in turn.
func mentionsOf(src string, ents []string, n int) []*model.Mention {
	ms := make([]*model.Mention, n)
	for i := range ms {
		ms[i] = &model.Mention{SourceID: src, Span: model.Span{Start: i, End: i + 4, Quote: "name"}, Type: model.TypePerson,
			Extractor: "test@1", EntityID: ents[i%len(ents)], Score: 1}
	}
	return ms
}

// TestMentionsCostStatementsPerBatch holds what storing a source's mentions
// costs in statements: a constant number per batch of 500, whatever the
// number of mentions per entity — not the four per mention (an upsert
// reading the source, its ledger entry, the row, the count) that made an
// 8 MB upload (252,632 mentions) hold the write lock for over a minute. The
// page totals stay exact (TestClaimTotalsFollowEveryWrite checks them
// against random writes, batches included); here they are checked for the
// one big batch.
func TestMentionsCostStatementsPerBatch(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		ents := addEntities(t, st, 40)
		pub := addSource(t, st, "a public report", model.Public)
		conf := addSource(t, st, "a testimony", model.Confidential)
		for _, c := range []struct {
			src      model.Source
			mentions int
			most     int64
		}{
			// per batch of 500: the mentions, their ledger entries; then
			// the sources read, the upsert, the counts
			{pub, 40, 5},
			{pub, 8000, 16*2 + 3},
			{conf, 8000, 16*2 + 3},
		} {
			before := st.StatementsRun()
			if err := st.Write(ctx, "tester", func(tx *store.Tx) error {
				return tx.AddMentions(ctx, mentionsOf(c.src.ID, ents, c.mentions))
			}); err != nil {
				t.Fatal(err)
			}
			// The write's own bookkeeping (lock, head of the ledger,
			// commit) is a few statements more.
			if ran := st.StatementsRun() - before; ran > c.most+4 {
				t.Errorf("storing %d mentions ran %d statements, want at most %d", c.mentions, ran, c.most+4)
			}
		}
		for _, e := range ents[:3] {
			for _, v := range []struct {
				name     string
				clear    model.Sensitivity
				want     int
				wantDesc string
			}{{"public", model.Public, 1, "the public report"}, {"confidential", model.Confidential, 2, "both"}} {
				viewer := operatorAt(v.clear)
				_, total, err := st.RecentSourcesMentioning(ctx, viewer, []string{e}, 10)
				if err != nil {
					t.Fatal(err)
				}
				if total != v.want {
					t.Errorf("%s as %s: %d sources, want %d (%s)", e, v.name, total, v.want, v.wantDesc)
				}
			}
		}
		// Taking them away again (re-extraction) is batched too, and
		// leaves nothing counted.
		before := st.StatementsRun()
		var removed store.Superseded
		if err := st.Write(ctx, "tester", func(tx *store.Tx) error {
			var err error
			removed, err = tx.ClearMachineWork(ctx, pub.ID, "none", "extracted:none")
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if removed.Mentions != 8040 {
			t.Errorf("cleared %d mentions, want 8040", removed.Mentions)
		}
		if ran := st.StatementsRun() - before; ran > 60 {
			t.Errorf("clearing 8,040 mentions ran %d statements, want a few per batch of 500", ran)
		}
		checkEntitySources(t, st, ents[:5], "after clearing")
		mustVerify(t, st)
	})
}

func operatorAt(level model.Sensitivity) access.Viewer {
	return access.Viewer{Name: fmt.Sprintf("op-%s", level), Role: model.RoleAdmin, Clearance: level}
}

// BenchmarkAddMentions stores 25,000 mentions of one source over 2,000
// entities per operation (an 8 MB text holds about 250,000), on the
// embedded engine.
func BenchmarkAddMentions(b *testing.B) {
	st := storetest.Open(b, store.Config{DataDir: b.TempDir()})
	ctx := context.Background()
	ents := addEntities(b, st, 2000)
	src := addSource(b, st, "a long report", model.Public)
	const n = 25000
	b.ReportAllocs()
	for b.Loop() {
		ms := mentionsOf(src.ID, ents, n)
		if err := st.Write(ctx, "tester", func(tx *store.Tx) error { return tx.AddMentions(ctx, ms) }); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "mentions/s")
}

// TestIDsRevealNoOrder: ids are random (UUID v4), so that a viewer cannot
// tell from an entity's id that it was made before every source they may
// see — that it was first named in something hidden. Time-ordered ids
// (UUID v7) sorted in the order they were made.
func TestIDsRevealNoOrder(t *testing.T) {
	st := storetest.Open(t, store.Config{DataDir: t.TempDir()})
	ents := addEntities(t, st, 400)
	rising := 0
	for i, id := range ents {
		if len(id) != 36 || id[14] != '4' || !strings.ContainsRune("89ab", rune(id[19])) {
			t.Fatalf("id %s is not a random (version 4) UUID", id)
		}
		if i > 0 && ents[i-1] < id {
			rising++
		}
	}
	// Random ids rise from one to the next half the time (399 pairs:
	// 200 ± 10); time-ordered ones always.
	if rising < 150 || rising > 250 {
		t.Errorf("%d of 399 ids made one after another sort after the one before", rising)
	}
}

// A statement takes its source's level, read once per transaction (a long
// source's row is slow to read again and again): raised in the same
// transaction, the source's later statements take the raised level.
func TestStatementsTakeTheirSourceLevelWithinATransaction(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		ents := addEntities(t, st, 1)
		var before, after model.Statement
		err := st.Write(ctx, "tester", func(tx *store.Tx) error {
			src := model.Source{Kind: model.KindArticle, Text: "a report", Sensitivity: model.Public}
			if err := tx.AddSource(ctx, &src, []byte(src.Text)); err != nil {
				return err
			}
			before = model.Statement{EntityID: ents[0], Property: model.PropName, Value: "Aws", SourceID: src.ID, Origin: "manual"}
			if err := tx.AddStatement(ctx, &before); err != nil {
				return err
			}
			if _, err := tx.RaiseSource(ctx, src.ID, model.KindTestimony, model.Confidential); err != nil {
				return err
			}
			after = model.Statement{EntityID: ents[0], Property: model.PropAlias, Value: "Abu Aws", SourceID: src.ID, Origin: "manual"}
			return tx.AddStatement(ctx, &after)
		})
		if err != nil {
			t.Fatal(err)
		}
		if after.Sensitivity != model.Confidential {
			t.Errorf("a statement added after its source was raised is %s, want confidential", after.Sensitivity)
		}
		if got, err := st.Statement(ctx, access.Operator(), before.ID); err != nil || got.Sensitivity != model.Confidential {
			t.Errorf("the statement added before the raise: %+v %v", got, err)
		}
		if sts, err := st.Statements(ctx, access.Public(), ents[0]); err != nil || len(sts) != 0 {
			t.Errorf("the public sees %d statements of the raised source (%v)", len(sts), err)
		}
		mustVerify(t, st)
	})
}
