package store_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/pgtest"
	"github.com/athar-project/athar/internal/store/storetest"
)

// The reasons of a merge proposal between entities a sealed source names
// quote that source's names: they are sealed under the master key (in no
// file or row in the clear, read back whole), sealed when an internal
// source is raised, and emptied by a take-down, the ledger verifying. A
// proposal between entities named only in the clear keeps its reasons as
// they are.
func TestSealedProposalReasons(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			cfg := store.Config{DataDir: t.TempDir(), MasterKeyFile: filepath.Join(t.TempDir(), "master.key")}
			if engine == "postgres" {
				cfg.DBURL = pgtest.URL(t)
			}
			s := storetest.Open(t, cfg)
			pub := addSource(t, s, "An article naming a guard.", model.Public)
			propose := func(src model.Source, name string) string {
				t.Helper()
				var id string
				err := s.Write(ctx, "tester", func(tx *store.Tx) error {
					a, err := tx.AddEntity(ctx, model.TypePerson)
					if err != nil {
						return err
					}
					b, err := tx.AddEntity(ctx, model.TypePerson)
					if err != nil {
						return err
					}
					for _, st := range []model.Statement{
						// The name itself is a statement value, sealed with
						// its source (TestSealedValues): only the reasons
						// are looked for here.
						{EntityID: a.ID, Property: model.PropName, Value: "Yazan Q.", SourceID: src.ID, Origin: "extracted:test@1"},
						{EntityID: b.ID, Property: model.PropName, Value: "Yazan Sawwan", SourceID: pub.ID, Origin: "extracted:test@1"},
					} {
						if err := tx.AddStatement(ctx, &st); err != nil {
							return err
						}
					}
					p := store.MergeProposal{EntityA: a.ID, EntityB: b.ID, Score: 0.8,
						Reasons: []string{"given agrees: Yazan ~ Yazan (1.00)", "family is alike only: " + name + " ~ Sawwan (0.60)"}}
					_, err = tx.ProposeMerge(ctx, &p)
					id = p.ID
					return err
				})
				if err != nil {
					t.Fatal(err)
				}
				return id
			}
			reasonsOf := func(id string) string {
				t.Helper()
				ps, err := s.MergeProposals(ctx, "")
				if err != nil {
					t.Fatal(err)
				}
				for _, p := range ps {
					if p.ID == id {
						return strings.Join(p.Reasons, "\n")
					}
				}
				t.Fatalf("no proposal %s", id)
				return ""
			}
			conf := addSource(t, s, "A testimony naming a fellow detainee.", model.Confidential)
			sealed := propose(conf, alertName)
			if got := reasonsOf(sealed); !strings.Contains(got, alertName) {
				t.Fatalf("the sealed reasons read %q", got)
			}
			if hits := alertStored(t, s); len(hits) > 0 {
				t.Fatalf("a proposal's reasons are in the clear in %v", hits)
			}
			clear := propose(pub, "Sawwani")
			if got := reasonsOf(clear); !strings.Contains(got, "Sawwani") {
				t.Fatalf("the clear reasons read %q", got)
			}
			// Raised, an internal source's proposals are sealed.
			in := addSource(t, s, "An internal report.", model.Internal)
			raisedID := propose(in, alertName)
			if hits := alertStored(t, s); len(hits) == 0 {
				t.Fatal("an internal source's proposal should be in the clear (the check finds nothing)")
			}
			raiseToConfidential(t, s, in.ID)
			if hits := alertStored(t, s); len(hits) > 0 {
				t.Fatalf("after the raise a proposal's reasons are in the clear in %v", hits)
			}
			if got := reasonsOf(raisedID); !strings.Contains(got, alertName) {
				t.Fatalf("the raised source's proposal reads %q", got)
			}
			// A take-down empties them.
			if err := s.Write(ctx, "admin", func(tx *store.Tx) error { return tx.TakeDown(ctx, conf.ID, "the witness asked") }); err != nil {
				t.Fatal(err)
			}
			if got := reasonsOf(sealed); got != "" {
				t.Errorf("after the take-down the reasons read %q", got)
			}
			if rep, err := s.Verify(ctx); err != nil || !rep.OK {
				t.Errorf("verify: %+v %v", rep.Problems, err)
			}
		})
	}
}
