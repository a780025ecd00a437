package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// Two records may hold the same original bytes (one for whoever may not see
// the other): the bytes are kept once, both verify, and migration 00014 —
// which makes that possible — keeps every row of a store that has them,
// undone and done again.
func TestSourceCopies(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		data := []byte("the same original bytes")
		conf := model.Source{Kind: model.KindTestimony, Text: "a testimony", Sensitivity: model.Confidential}
		var stmt model.Statement
		err := s.Write(ctx, "tester", func(tx *store.Tx) error {
			if err := tx.AddSource(ctx, &conf, data); err != nil {
				return err
			}
			e, err := tx.AddEntity(ctx, model.TypePerson)
			if err != nil {
				return err
			}
			stmt = model.Statement{EntityID: e.ID, Property: model.PropName, Value: "Salim", SourceID: conf.ID, Origin: "manual"}
			if err := tx.AddStatement(ctx, &stmt); err != nil {
				return err
			}
			return tx.AddMention(ctx, &model.Mention{SourceID: conf.ID, Span: model.Span{Start: 2, End: 11, Quote: "testimony"},
				Type: model.TypePerson, Extractor: "test@1", EntityID: e.ID})
		})
		if err != nil {
			t.Fatal(err)
		}
		// 00014 (and every later one) undone and done again over rows that
		// statements, mentions and the page totals point at.
		if err := s.RedoMigrationsFrom(ctx, 14); err != nil {
			t.Fatalf("00014 down and up: %v", err)
		}
		if got, err := s.Source(ctx, access.Operator(), conf.ID); err != nil || got.SHA256 != conf.SHA256 || got.Sensitivity != model.Confidential {
			t.Errorf("after the migration: %+v %v", got, err)
		}
		if st, err := s.Statement(ctx, access.Operator(), stmt.ID); err != nil || st.SourceID != conf.ID {
			t.Errorf("the statement after the migration: %+v %v", st, err)
		}
		own := model.Source{Kind: model.KindArticle, Text: "a testimony", Sensitivity: model.Internal}
		if err := s.Write(ctx, "tester", func(tx *store.Tx) error { return tx.AddSource(ctx, &own, data) }); err != nil {
			t.Fatal(err)
		}
		if conf.ID == own.ID || conf.SHA256 != own.SHA256 || len(own.ID) != len("src_")+16 {
			t.Fatalf("records %s and %s of %s", conf.ID, own.ID, conf.SHA256)
		}
		copies, err := s.SourcesBySHA(ctx, conf.SHA256)
		if err != nil || len(copies) != 2 || copies[0].ID != conf.ID || copies[1].Sensitivity != model.Internal {
			t.Fatalf("copies: %+v %v", copies, err)
		}
		// Two blobs: the confidential record keeps its original sealed (see
		// store/keys.go), the internal one in the clear.
		if rep, err := s.Verify(ctx); err != nil || !rep.OK || rep.Blobs != 2 {
			t.Fatalf("verify: %+v %v", rep, err)
		}
		if err := s.RedoMigrationsFrom(ctx, 14); err == nil {
			t.Error("undoing 00014 with two records of one original should fail on the unique sha256")
		}
	})
}

// RaiseSource raises a source and what is drawn from it, and never lowers.
func TestRaiseSource(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		src := model.Source{Kind: model.KindArticle, Text: "Aws Salloum was held.", Sensitivity: model.Public}
		var stmt model.Statement
		var ent string
		err := s.Write(ctx, "tester", func(tx *store.Tx) error {
			if err := tx.AddSource(ctx, &src, []byte(src.Text)); err != nil {
				return err
			}
			e, err := tx.AddEntity(ctx, model.TypePerson)
			if err != nil {
				return err
			}
			ent = e.ID
			stmt = model.Statement{EntityID: e.ID, Property: model.PropName, Value: "Aws Salloum", SourceID: src.ID, Origin: "manual"}
			if err := tx.AddStatement(ctx, &stmt); err != nil {
				return err
			}
			return tx.AddMention(ctx, &model.Mention{SourceID: src.ID, Span: model.Span{Start: 0, End: 11, Quote: "Aws Salloum"},
				Type: model.TypePerson, Extractor: "test@1", EntityID: e.ID})
		})
		if err != nil {
			t.Fatal(err)
		}
		raise := func(k model.SourceKind, l model.Sensitivity) bool {
			t.Helper()
			var raised bool
			if err := s.Write(ctx, "reviewer", func(tx *store.Tx) error {
				var err error
				raised, err = tx.RaiseSource(ctx, src.ID, k, l)
				return err
			}); err != nil {
				t.Fatal(err)
			}
			return raised
		}
		if raise(model.KindTestimony, model.Public) {
			t.Error("raised to its own level")
		}
		if !raise(model.KindTestimony, model.Confidential) {
			t.Fatal("not raised")
		}
		if raise(model.KindArticle, model.Internal) {
			t.Error("lowered")
		}
		got, err := s.Source(ctx, access.Operator(), src.ID)
		if err != nil || got.Kind != model.KindTestimony || got.Sensitivity != model.Confidential {
			t.Errorf("source: %+v %v", got, err)
		}
		if st, err := s.Statement(ctx, access.Operator(), stmt.ID); err != nil || st.Sensitivity != model.Confidential {
			t.Errorf("statement: %+v %v", st, err)
		}
		restricted := access.Viewer{Name: "r", Role: model.RoleReviewer, Clearance: model.Restricted}
		if _, err := s.Source(ctx, restricted, src.ID); err == nil {
			t.Error("a restricted viewer still sees the raised source")
		}
		if srcs, n, err := s.RecentSourcesMentioning(ctx, restricted, []string{ent}, 10); err != nil || n != 0 || len(srcs) != 0 {
			t.Errorf("a restricted viewer still counts the raised source among the entity's: %d %v %v", n, srcs, err)
		}
		if srcs, n, err := s.RecentSourcesMentioning(ctx, access.Operator(), []string{ent}, 10); err != nil || n != 1 || len(srcs) != 1 {
			t.Errorf("the operator: %d %v %v", n, srcs, err)
		}
		if rep, err := s.Verify(ctx); err != nil || !rep.OK {
			t.Errorf("verify: %+v %v", rep.Problems, err)
		}
		// The kept totals are what counting from the rows gives.
		before, err := s.ClaimTotals(ctx, restricted, []string{ent})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.RebuildTotals(ctx); err != nil {
			t.Fatal(err)
		}
		after, err := s.ClaimTotals(ctx, restricted, []string{ent})
		if err != nil || fmt.Sprint(before) != fmt.Sprint(after) {
			t.Errorf("claim totals kept %v, counted %v (%v)", before, after, err)
		}
		if _, n, _ := s.RecentSourcesMentioning(ctx, restricted, []string{ent}, 10); n != 0 {
			t.Errorf("counted again: %d sources", n)
		}
	})
}

// A near-copy link names its original only to whoever may see it: a public
// copy of a confidential source reads as a source of its own to the public
// and as that source's copy to whoever is cleared for it (issue 18,
// finding 3).
func TestNearCopyLinksNameOnlyVisibleOriginals(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		orig := model.Source{Kind: model.KindTestimony, Text: "Aws Salloum was held at the airport.", Sensitivity: model.Confidential}
		cp := model.Source{Kind: model.KindArticle, Text: "Aws Salloum was held at the airport, a paper said.", Sensitivity: model.Public}
		err := s.Write(ctx, "tester", func(tx *store.Tx) error {
			if err := tx.AddSource(ctx, &orig, []byte(orig.Text)); err != nil {
				return err
			}
			cp.DuplicateOf, cp.Similarity = orig.ID, 0.9
			return tx.AddSource(ctx, &cp, []byte(cp.Text))
		})
		if err != nil {
			t.Fatal(err)
		}
		cleared, public := access.Operator(), access.Public()
		reads := map[string]func(v access.Viewer) (model.Source, error){
			"Source":     func(v access.Viewer) (model.Source, error) { return s.Source(ctx, v, cp.ID) },
			"SourceInfo": func(v access.Viewer) (model.Source, error) { return s.SourceInfo(ctx, v, cp.ID) },
			"Sources": func(v access.Viewer) (model.Source, error) {
				all, err := s.Sources(ctx, v, store.SourceFilter{Kind: model.KindArticle})
				if err != nil || len(all) != 1 {
					return model.Source{}, fmt.Errorf("%d sources, %v", len(all), err)
				}
				return all[0], nil
			},
			"SourcesByID": func(v access.Viewer) (model.Source, error) {
				m, err := s.SourcesByID(ctx, v, []string{cp.ID})
				return m[cp.ID], err
			},
		}
		for name, read := range reads {
			got, err := read(cleared)
			if err != nil || got.DuplicateOf != orig.ID || got.Similarity != 0.9 {
				t.Errorf("%s, cleared: near-copy of %q (%.2f), %v; want %s", name, got.DuplicateOf, got.Similarity, err, orig.ID)
			}
			got, err = read(public)
			if err != nil || got.ID != cp.ID || got.DuplicateOf != "" || got.Similarity != 0 {
				t.Errorf("%s, public: %s near-copy of %q (%.2f), %v; want no link", name, got.ID, got.DuplicateOf, got.Similarity, err)
			}
		}
	})
}

// LongestWrite remembers the longest write transaction.
func TestLongestWrite(t *testing.T) {
	st := storetest.Open(t, store.Config{DataDir: t.TempDir()})
	if st.LongestWrite() != 0 {
		t.Fatalf("a new store's longest write: %v", st.LongestWrite())
	}
	err := st.Write(context.Background(), "tester", func(*store.Tx) error { time.Sleep(30 * time.Millisecond); return nil })
	if err != nil {
		t.Fatal(err)
	}
	if d := st.LongestWrite(); d < 30*time.Millisecond || d > 10*time.Second {
		t.Errorf("longest write %v, want about 30ms", d)
	}
	if w := st.LongestWriteOf(); w != "" {
		t.Errorf("a transaction that ledgered nothing is told as %q", w)
	}
	// Which one it was: the first table it ledgered a row of.
	err = st.Write(context.Background(), "tester", func(tx *store.Tx) error {
		u := model.User{Name: "slow", Role: model.RoleViewer, Clearance: model.Public}
		if err := tx.AddUser(context.Background(), &u); err != nil {
			return err
		}
		time.Sleep(st.LongestWrite() + 30*time.Millisecond)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if w := st.LongestWriteOf(); w != "users" {
		t.Errorf("the longest write is told as %q, want users", w)
	}
}
