package store_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/pgtest"
	"github.com/athar-project/athar/internal/store/storetest"
)

// sealedValuesFixture stores a confidential testimony that names a person
// "Zubayda Qatranji" and gives a place a gazetteer id; withPublic adds a
// public article naming the same person "ZUBAYDA QATRANJI" (which then is
// in the clear, as it should be).
type sealedValuesFixture struct {
	conf, pub        model.Source
	person, place    string
	named, published model.Statement
}

const placeID = "geonames:9990001"

func addSealedValues(t *testing.T, s *store.Store, withPublic bool) sealedValuesFixture {
	t.Helper()
	ctx := context.Background()
	var f sealedValuesFixture
	f.conf = model.Source{Kind: model.KindTestimony, Text: "I am Zubayda " + witnessSurname + ".", Sensitivity: model.Confidential}
	f.pub = model.Source{Kind: model.KindArticle, Text: "An article naming ZUBAYDA QATRANJI.", Sensitivity: model.Public}
	err := s.Write(ctx, "tester", func(tx *store.Tx) error {
		if err := tx.AddSource(ctx, &f.conf, []byte(f.conf.Text)); err != nil {
			return err
		}
		if withPublic {
			if err := tx.AddSource(ctx, &f.pub, []byte(f.pub.Text)); err != nil {
				return err
			}
		}
		p, err := tx.AddEntity(ctx, model.TypePerson)
		if err != nil {
			return err
		}
		pl, err := tx.AddEntity(ctx, model.TypePlace)
		if err != nil {
			return err
		}
		f.person, f.place = p.ID, pl.ID
		f.named = model.Statement{EntityID: p.ID, Property: model.PropName, Value: "Zubayda " + witnessSurname, SourceID: f.conf.ID, Origin: "extracted:test@1"}
		f.published = model.Statement{EntityID: p.ID, Property: model.PropName, Value: "ZUBAYDA QATRANJI", SourceID: f.pub.ID, Origin: "extracted:test@1"}
		gz := model.Statement{EntityID: pl.ID, Property: model.PropGazetteer, Value: placeID, SourceID: f.conf.ID, Origin: "extracted:test@1"}
		sts := []*model.Statement{&f.named, &gz}
		if withPublic {
			sts = append(sts, &f.published)
		}
		for _, st := range sts {
			if err := tx.AddStatement(ctx, st); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !withPublic {
		f.pub, f.published = model.Source{}, model.Statement{}
	}
	return f
}

// checkSealedValues reads the fixture's values back as the readers do.
func checkSealedValues(t *testing.T, s *store.Store, f sealedValuesFixture) {
	t.Helper()
	ctx := context.Background()
	cleared := access.Viewer{Name: "r", Role: model.RoleReviewer, Clearance: model.Confidential}
	internal := access.Viewer{Name: "i", Role: model.RoleReviewer, Clearance: model.Internal}
	// The sealed spelling joins the spelling in the clear: one claim,
	// two independent sources, both footnoted.
	n, values := 1, []string{"Zubayda " + witnessSurname}
	if f.pub.ID != "" {
		n, values = 2, []string{"ZUBAYDA QATRANJI", "Zubayda " + witnessSurname}
	}
	totals, err := s.ClaimTotals(ctx, cleared, []string{f.person})
	if err != nil || len(totals) != 1 {
		t.Fatalf("ClaimTotals as cleared: %+v %v", totals, err)
	}
	c := totals[0]
	if c.Key != store.ClaimKey("ZUBAYDA QATRANJI", "") || c.Proposed != n || c.Independent != n || c.Sensitivity != model.Confidential ||
		!slices.Equal(c.Values, values) {
		t.Fatalf("claim as cleared: %+v", c)
	}
	if sts, err := s.ClaimStatements(ctx, cleared, []string{f.person}, c, 10); err != nil || len(sts) != n ||
		!slices.ContainsFunc(sts, func(st model.Statement) bool { return st.Value == "Zubayda "+witnessSurname }) {
		t.Fatalf("ClaimStatements as cleared: %+v %v", sts, err)
	}
	if got, err := s.IndependentSources(ctx, cleared, []string{f.person}, []string{"name", "alias"}, c.Key); err != nil || got != n {
		t.Fatalf("IndependentSources as cleared: %d %v", got, err)
	}
	totals, err = s.ClaimTotals(ctx, internal, []string{f.person})
	if f.pub.ID == "" {
		if err != nil || len(totals) != 0 {
			t.Fatalf("ClaimTotals as internal: %+v %v", totals, err)
		}
	} else if err != nil || len(totals) != 1 || totals[0].Independent != 1 || !slices.Equal(totals[0].Values, []string{"ZUBAYDA QATRANJI"}) {
		t.Fatalf("ClaimTotals as internal: %+v %v", totals, err)
	}
	if vals, err := s.StatedValues(ctx, cleared, f.person); err != nil ||
		!slices.ContainsFunc(vals, func(st model.Statement) bool { return st.Value == "Zubayda "+witnessSurname }) {
		t.Fatalf("StatedValues: %+v %v", vals, err)
	}
	// The names index and the entity list read it; the gazetteer id finds
	// its place.
	var names []string
	if err := s.EachName(ctx, func(n store.NameRow) error { names = append(names, n.Value); return nil }); err != nil ||
		!slices.Contains(names, "Zubayda "+witnessSurname) {
		t.Fatalf("EachName: %v %v", names, err)
	}
	ents, err := s.Entities(ctx, cleared, model.TypePerson)
	if err != nil || len(ents) != 1 || !slices.Contains(ents[0].Names, "Zubayda "+witnessSurname) {
		t.Fatalf("Entities: %+v %v", ents, err)
	}
	err = s.Write(ctx, "tester", func(tx *store.Tx) error {
		id, err := tx.EntityWith(ctx, model.TypePlace, string(model.PropGazetteer), placeID)
		if err != nil || id != f.place {
			t.Errorf("EntityWith(%s) = %q, %v; want %s", placeID, id, err, f.place)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	named, err := s.PersonsNamedIn(ctx, []string{f.conf.ID})
	if err != nil || len(named[f.conf.ID]) != 1 || named[f.conf.ID][0].Name != "Zubayda "+witnessSurname {
		t.Fatalf("PersonsNamedIn: %+v %v", named, err)
	}
}

// noClearValue checks that the testimony's name and gazetteer id are in
// no file of a SQLite store and no row of a PostgreSQL one.
func noClearValue(t *testing.T, s *store.Store) {
	t.Helper()
	ctx := context.Background()
	if s.Engine() == "sqlite" {
		if _, err := s.DB().ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
			t.Fatal(err)
		}
		if hits := clearIn(t, s.DataDir()); len(hits) > 0 {
			t.Fatalf("the witness's name is in the clear in %v", hits)
		}
		return
	}
	for _, q := range []string{
		"SELECT count(*) FROM statements WHERE value LIKE $1 OR value LIKE $2",
		"SELECT count(*) FROM claim_stats WHERE value LIKE $1 OR value LIKE $2 OR value_key LIKE $1 OR value_key LIKE $2",
		"SELECT count(*) FROM claim_origins WHERE value_key LIKE $1 OR value_key LIKE $2",
		"SELECT count(*) FROM claim_sources WHERE value_key LIKE $1 OR value_key LIKE $2",
	} {
		var n int
		if err := s.DB().QueryRowContext(ctx, q, "%"+witnessSurname+"%", "%9990001%").Scan(&n); err != nil || n != 0 {
			t.Fatalf("%d rows hold a sealed value in the clear: %s (%v)", n, q, err)
		}
	}
}

// The values of statements drawn from a sealed source are sealed: read back
// whole by the readers (the page totals, the names index, the entity list,
// lookups by value) and joined with the same value stated in the clear
// (that they are in no file or row in the clear: TestSealedSource and
// TestSealValuesOnOpen). A take-down makes them unreadable and
// forgets their hashes; a key rotation leaves them readable.
func TestSealedValues(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			cfg := store.Config{DataDir: t.TempDir(), MasterKeyFile: filepath.Join(t.TempDir(), "keys", "master.key")}
			if engine == "postgres" {
				cfg.DBURL = pgtest.URL(t)
			}
			s := storetest.Open(t, cfg)
			f := addSealedValues(t, s, true)
			checkSealedValues(t, s, f)
			// Rebuilt from the statements, the totals are the same.
			if _, err := s.RebuildTotals(ctx); err != nil {
				t.Fatal(err)
			}
			checkSealedValues(t, s, f)
			// After a rotation, a new process with the new key file reads
			// them.
			if _, err := s.RotateMasterKey(ctx, "tester", false); err != nil {
				t.Fatal(err)
			}
			checkSealedValues(t, storetest.Open(t, cfg), f)
			if rep, err := s.Verify(ctx); err != nil || !rep.OK {
				t.Fatalf("verify: %+v %v", rep, err)
			}
			if err := s.Write(ctx, "admin", func(tx *store.Tx) error { return tx.TakeDown(ctx, f.conf.ID, "the witness asked") }); err != nil {
				t.Fatal(err)
			}
			// Taken down: the name reads as withdrawn, joins nothing, and
			// no hash of it is left.
			if st, err := s.Statement(ctx, access.Operator(), f.named.ID); err != nil || st.Value != store.Withdrawn {
				t.Fatalf("Statement after the take-down: %q %v", st.Value, err)
			}
			var n int
			if err := s.DB().QueryRowContext(ctx, s.Rebind("SELECT count(*) FROM statements WHERE source_id = ? AND value_hash <> ''"), f.conf.ID).Scan(&n); err != nil || n != 0 {
				t.Fatalf("%d hashes of withdrawn values left (%v)", n, err)
			}
			cleared := access.Viewer{Name: "r", Role: model.RoleReviewer, Clearance: model.Confidential}
			totals, err := s.ClaimTotals(ctx, cleared, []string{f.person})
			if err != nil || len(totals) != 2 {
				t.Fatalf("ClaimTotals after the take-down: %+v %v", totals, err)
			}
			for _, c := range totals {
				if c.Key == store.ClaimKey("ZUBAYDA QATRANJI", "") {
					if c.Independent != 1 || !slices.Equal(c.Values, []string{"ZUBAYDA QATRANJI"}) {
						t.Errorf("the name in the clear after the take-down: %+v", c)
					}
				} else if !slices.Equal(c.Values, []string{store.Withdrawn}) {
					t.Errorf("the withdrawn name: %+v", c)
				}
			}
			if caps, err := s.CaptionNames(ctx, cleared, []string{f.person}); err != nil || !slices.Equal(caps[f.person][model.PropName], []string{"ZUBAYDA QATRANJI"}) {
				t.Fatalf("CaptionNames after the take-down: %v %v", caps, err)
			}
			var names []string
			if err := s.EachName(ctx, func(n store.NameRow) error { names = append(names, n.Value); return nil }); err != nil ||
				slices.Contains(names, store.Withdrawn) {
				t.Fatalf("EachName after the take-down: %v %v", names, err)
			}
			if rep, err := s.Verify(ctx); err != nil || !rep.OK || rep.TakeDowns != 1 {
				t.Fatalf("verify after the take-down: %+v %v", rep, err)
			}
		})
	}
}

// A store whose sealed sources' values were stored in the clear (made
// before values were sealed) has them sealed on its first open, its page
// totals moved to the hashed keys; the values of a source taken down
// before are sealed under a key thrown away.
func TestSealValuesOnOpen(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			cfg := store.Config{DataDir: t.TempDir(), MasterKeyFile: filepath.Join(t.TempDir(), "keys", "master.key")}
			if engine == "postgres" {
				cfg.DBURL = pgtest.URL(t)
			}
			old := storetest.Open(t, cfg)
			f := addSealedValues(t, old, false)
			gone := model.Source{Kind: model.KindTestimony, Text: "a withdrawn testimony", Sensitivity: model.Restricted}
			var goneSt model.Statement
			err := old.Write(ctx, "tester", func(tx *store.Tx) error {
				if err := tx.AddSource(ctx, &gone, []byte(gone.Text)); err != nil {
					return err
				}
				e, err := tx.AddEntity(ctx, model.TypePerson)
				if err != nil {
					return err
				}
				goneSt = model.Statement{EntityID: e.ID, Property: model.PropAlias, Value: "Abu " + witnessSurname, SourceID: gone.ID, Origin: "manual"}
				return tx.AddStatement(ctx, &goneSt)
			})
			if err != nil {
				t.Fatal(err)
			}
			if err := old.Write(ctx, "tester", func(tx *store.Tx) error { return tx.UnsealValues(ctx, f.conf.ID) }); err != nil {
				t.Fatal(err)
			}
			if err := old.Write(ctx, "tester", func(tx *store.Tx) error { return tx.UnsealValues(ctx, gone.ID) }); err != nil {
				t.Fatal(err)
			}
			// As a take-down of the last release left it: the key gone,
			// the values in the clear.
			if _, err := old.DB().ExecContext(ctx, old.Rebind("UPDATE source_keys SET wrapped = '' WHERE source_id = ?"), gone.ID); err != nil {
				t.Fatal(err)
			}
			if _, err := old.RebuildTotals(ctx); err != nil {
				t.Fatal(err)
			}
			if _, err := old.DB().ExecContext(ctx, "UPDATE store_identity SET sealed_values = 0"); err != nil {
				t.Fatal(err)
			}
			var n int
			if err := old.DB().QueryRowContext(ctx, old.Rebind("SELECT count(*) FROM claim_stats WHERE value LIKE ?"), "%"+witnessSurname+"%").Scan(&n); err != nil || n != 2 {
				t.Fatalf("the old store should total the names in the clear: %d %v", n, err)
			}
			old.Close()
			s := storetest.Open(t, cfg)
			noClearValue(t, s)
			checkSealedValues(t, s, f)
			if st, err := s.Statement(ctx, access.Operator(), goneSt.ID); err != nil || st.Value != store.Withdrawn {
				t.Fatalf("the value of the source taken down before: %q %v", st.Value, err)
			}
			if rep, err := s.Verify(ctx); err != nil || !rep.OK {
				t.Fatalf("verify after the upgrade: %+v %v", rep, err)
			}
		})
	}
}

// A store opened without its key file leaves the values for the first
// open that has it, and still opens.
func TestSealValuesWaitForTheKey(t *testing.T) {
	ctx := context.Background()
	keyFile := filepath.Join(t.TempDir(), "keys", "master.key")
	cfg := store.Config{DataDir: t.TempDir(), MasterKeyFile: keyFile}
	old := storetest.Open(t, cfg)
	f := addSealedValues(t, old, false)
	if err := old.Write(ctx, "tester", func(tx *store.Tx) error { return tx.UnsealValues(ctx, f.conf.ID) }); err != nil {
		t.Fatal(err)
	}
	if _, err := old.DB().ExecContext(ctx, "UPDATE store_identity SET sealed_values = 0"); err != nil {
		t.Fatal(err)
	}
	old.Close()
	elsewhere := storetest.Open(t, store.Config{DataDir: cfg.DataDir, MasterKeyFile: filepath.Join(t.TempDir(), "none.key")})
	var n int
	if err := elsewhere.DB().QueryRowContext(ctx, "SELECT sealed_values FROM store_identity").Scan(&n); err != nil || n != 0 {
		t.Fatalf("sealed_values = %d without the key (%v)", n, err)
	}
	elsewhere.Close()
	s := storetest.Open(t, cfg)
	noClearValue(t, s)
	checkSealedValues(t, s, f)
}
