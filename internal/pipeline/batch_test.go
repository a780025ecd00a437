package pipeline_test

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/extract"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/pipeline"
	"github.com/athar-project/athar/internal/resolve"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/pgtest"
	"github.com/athar-project/athar/internal/store/storetest"
)

// The recorder holds a source's statements back and writes them together;
// what the transaction reads after must see them all the same. Two
// spellings of one gazetteer entry in one source are one entity: the
// second's look-up by gazetteer id finds the first's statement, held back
// until then.
func TestRecordFindsTheGazetteerEntryItStatedItself(t *testing.T) {
	for _, c := range []struct {
		name     string
		gid2     string // the second spelling's gazetteer id
		entities int
	}{
		{"the same entry", "fac-sednaya", 1},
		{"another case: in the clear, another entry", "FAC-SEDNAYA", 2},
		{"another entry", "fac-other", 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			storetest.Engines(t, func(t *testing.T, st *store.Store) {
				ctx := context.Background()
				r, err := resolve.New(ctx, st)
				if err != nil {
					t.Fatal(err)
				}
				res := result()
				res.Facilities = append(res.Facilities, extract.Entity{Name: "Hussein", Gazetteer: c.gid2,
					Mentions: []extract.Mention{at("Hussein", 1)}})
				if _, _, err := record(t, st, r, model.Public, res); err != nil {
					t.Fatal(err)
				}
				facilities, err := st.Entities(ctx, access.Operator(), model.TypeFacility)
				if err != nil || len(facilities) != c.entities {
					t.Fatalf("facilities %+v (%v), want %d", facilities, err, c.entities)
				}
				if rep, err := st.Verify(ctx); err != nil || !rep.OK {
					t.Errorf("verify: %v %v", rep.Problems, err)
				}
			})
		})
	}
}

// Every statement a Record call says it wrote (Written, indexed for search
// by the caller in the same transaction) is in the store when it returns,
// whatever the budget, and the counts are those written.
func TestRecordWritesWhatItHeldBackBeforeItReturns(t *testing.T) {
	for _, budget := range []int{1, 5, 0} {
		storetest.Engines(t, func(t *testing.T, st *store.Store) {
			ctx := context.Background()
			r, err := resolve.New(ctx, st)
			if err != nil {
				t.Fatal(err)
			}
			src := model.Source{Kind: model.KindArticle, Text: text, Sensitivity: model.Public, Language: "en"}
			if err := st.Write(ctx, "tester", func(tx *store.Tx) error { return tx.AddSource(ctx, &src, []byte(text)) }); err != nil {
				t.Fatal(err)
			}
			rec := pipeline.NewRecorder(src, result(), false)
			written := 0
			for done := false; !done; {
				b := r.Begin()
				if err := st.Write(ctx, "tester", func(tx *store.Tx) error {
					var err error
					if done, err = rec.Record(ctx, tx, b, budget); err != nil {
						return err
					}
					ids := rec.Written()
					for _, id := range ids {
						// Reads the statement in the transaction.
						if _, err := tx.CorrectionsOf(ctx, id); err != nil {
							return errors.Join(errors.New("written but not in the store"), err)
						}
					}
					written += len(ids)
					return nil
				}); err != nil {
					t.Fatalf("budget %d: %v", budget, err)
				}
			}
			stats := rec.Stats()
			if written == 0 || stats.Statements != written || stats.Mentions != 4 || stats.Events != 2 {
				t.Errorf("budget %d: %d written, stats %+v", budget, written, stats)
			}
			n := 0
			ents, _ := st.Entities(ctx, access.Operator(), "")
			for _, e := range ents {
				sts, _ := st.Statements(ctx, access.Operator(), e.ID)
				n += len(sts)
			}
			ms, _ := st.Mentions(ctx, access.Operator(), src.ID)
			if n != written || len(ms) != 4 {
				t.Errorf("budget %d: %d statements and %d mentions stored, %d written", budget, n, len(ms), written)
			}
			if rep, err := st.Verify(ctx); err != nil || !rep.OK {
				t.Errorf("verify: %v %v", rep.Problems, err)
			}
		})
	}
}

// A merge proposal's reasons are sealed when either entity is named by a
// sealed source, which the store reads from the statements: in a sealed
// source, the statements naming an entity placed earlier are written
// before the next is placed, so that a proposal between the two is sealed
// although the first's names were held back.
func TestRecordSealsAProposalBetweenTwoPersonsOfASealedSource(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			cfg := store.Config{DataDir: t.TempDir(), MasterKeyFile: filepath.Join(t.TempDir(), "master.key")}
			driver, url := "sqlite", filepath.Join(cfg.DataDir, "athar.db")
			if engine == "postgres" {
				cfg.DBURL = pgtest.URL(t)
				driver, url = "pgx", cfg.DBURL
			}
			st := storetest.Open(t, cfg)
			r, err := resolve.New(ctx, st)
			if err != nil {
				t.Fatal(err)
			}
			const first, second = "Thaer Hussein", "Thaer Husseini" // alike: proposed, not linked
			txt := first + " and " + second + " were seen at the checkpoint."
			src := model.Source{Kind: model.KindTestimony, Text: txt, Sensitivity: model.Confidential, Language: "en"}
			s2 := len([]rune(first + " and "))
			res := extract.Result{Language: "en", Persons: []extract.Person{
				{Name: first, Mentions: []extract.Mention{{Text: first, Start: 0, End: len([]rune(first))}}},
				{Name: second, Mentions: []extract.Mention{{Text: second, Start: s2, End: s2 + len([]rune(second))}}},
			}}
			var stats pipeline.Stats
			b := r.Begin()
			if err := st.Write(ctx, "tester", func(tx *store.Tx) error {
				if err := tx.AddSource(ctx, &src, []byte(txt)); err != nil {
					return err
				}
				stats, err = pipeline.Record(ctx, tx, b, src, res)
				return err
			}); err != nil {
				t.Fatal(err)
			}
			if stats.Proposed != 1 || stats.Created != 2 {
				t.Fatalf("stats %+v, want two persons and a proposal between them", stats)
			}
			db, err := sql.Open(driver, url)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			var reasons string
			if err := db.QueryRowContext(ctx, "SELECT reasons FROM merge_proposals").Scan(&reasons); err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(reasons, "athar:sealed:") || strings.Contains(reasons, "Husseini") {
				t.Errorf("the proposal's reasons are stored in the clear: %q", reasons)
			}
			ps, err := st.MergeProposals(ctx, "open")
			if err != nil || len(ps) != 1 || !strings.Contains(strings.Join(ps[0].Reasons, " "), "Hussein") {
				t.Errorf("the proposal read back: %+v %v", ps, err)
			}
		})
	}
}

// A source's gazetteer ids are looked up together, before its entities are
// placed: each entity an id already stands for is that entity, whatever the
// source calls it, and one the store does not know yet gets an entity of its
// own — as when each was looked up alone.
func TestRecordLinksByGazetteerIdsLookedUpTogether(t *testing.T) {
	for _, c := range []struct {
		name                        string
		facilityGid, placeGid       string
		facilities, places, created int
	}{
		{"both known", "fac-sednaya", "SY10", 1, 1, 0},
		{"the facility's new", "fac-other", "SY10", 2, 1, 1},
		{"the place known to a facility only", "fac-sednaya", "fac-sednaya", 1, 2, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			storetest.Engines(t, func(t *testing.T, st *store.Store) {
				ctx := context.Background()
				r, err := resolve.New(ctx, st)
				if err != nil {
					t.Fatal(err)
				}
				if _, _, err := record(t, st, r, model.Public, result()); err != nil {
					t.Fatal(err)
				}
				// Names nothing else ties to the first source's entities.
				again := extract.Result{Language: "en",
					Facilities: []extract.Entity{{Name: "detainees", Gazetteer: c.facilityGid, Mentions: []extract.Mention{at("detainees", 0)}}},
					Places:     []extract.Entity{{Name: "officer", Gazetteer: c.placeGid, Mentions: []extract.Mention{at("officer", 0)}}},
				}
				_, stats, err := record(t, st, r, model.Internal, again)
				if err != nil {
					t.Fatal(err)
				}
				if stats.Created != c.created || stats.Linked != 2-c.created {
					t.Errorf("created %d and linked %d entities, want %d and %d", stats.Created, stats.Linked, c.created, 2-c.created)
				}
				for _, want := range []struct {
					typ model.EntityType
					n   int
				}{{model.TypeFacility, c.facilities}, {model.TypePlace, c.places}} {
					es, err := st.Entities(ctx, access.Operator(), want.typ)
					if err != nil || len(es) != want.n {
						t.Errorf("%s entities %+v (%v), want %d", want.typ, es, err, want.n)
					}
				}
			})
		})
	}
}
