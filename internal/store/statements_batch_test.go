package store_test

import (
	"context"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/pgtest"
	"github.com/athar-project/athar/internal/store/storetest"
)

// batchEngines runs test on both engines with a store whose clock stands
// still and that seals what is confidential (a master key file).
func batchEngines(t *testing.T, test func(t *testing.T, open func() *store.Store)) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			open := func() *store.Store {
				cfg := store.Config{DataDir: t.TempDir(), MasterKeyFile: filepath.Join(t.TempDir(), "keys", "master.key")}
				if engine == "postgres" {
					cfg.DBURL = pgtest.URL(t)
				}
				s := storetest.Open(t, cfg)
				at := time.Date(2026, 12, 7, 19, 0, 0, 0, time.UTC)
				s.SetClock(func() time.Time { return at })
				return s
			}
			test(t, open)
		})
	}
}

// batchFixture is what a case's statements are about, with the same ids
// in every store.
type batchFixture struct {
	public, internal, testimony, sealed string // source ids
	persons                             []string
	place                               string
}

// addBatchFixture stores the sources and entities; the sealed source
// only when withSealed (its row is sealed under the store's own key).
func addBatchFixture(t *testing.T, s *store.Store, withSealed bool) batchFixture {
	t.Helper()
	ctx := context.Background()
	f := batchFixture{public: "src-public", internal: "src-internal", testimony: "src-testimony", sealed: "src-sealed", place: "ent-place"}
	for i := range 5 {
		f.persons = append(f.persons, fmt.Sprintf("ent-person-%d", i))
	}
	err := s.Write(ctx, "tester", func(tx *store.Tx) error {
		srcs := []model.Source{
			{ID: f.public, Kind: model.KindArticle, Text: "Nizar Haddad was held in Tartus.", Sensitivity: model.Public},
			{ID: f.internal, Kind: model.KindArticle, Text: "An internal note on Nizar Haddad.", Sensitivity: model.Internal},
			{ID: f.testimony, Kind: model.KindTestimony, Text: "I saw Nizar Haddad in Tartus.", Sensitivity: model.Public},
		}
		if withSealed {
			srcs = append(srcs, model.Source{ID: f.sealed, Kind: model.KindTestimony, Text: "I am Rima Salloum, held in Tartus.", Sensitivity: model.Confidential})
		}
		for _, src := range srcs {
			src.Title, src.Language, src.Published = "t", "en", model.DayDate(2025, 1, 3)
			if err := tx.AddSource(ctx, &src, []byte(src.Text)); err != nil {
				return err
			}
		}
		es := []*model.Entity{{ID: f.place, Type: model.TypePlace}}
		for _, id := range f.persons {
			es = append(es, &model.Entity{ID: id, Type: model.TypePerson})
		}
		return tx.AddEntities(ctx, es)
	})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// statementsOf makes the statements of a case afresh (storing one fills
// it in), with the same ids each time.
type statementsOf func(f batchFixture) []*model.Statement

func stmt(id, entity string, p model.Property, value, source string) *model.Statement {
	origin := "extracted:test@1"
	if source == "" {
		origin = "manual"
	}
	return &model.Statement{ID: id, EntityID: entity, Property: p, Value: value, SourceID: source, Origin: origin, Confidence: 0.9}
}

var batchCases = []struct {
	name string
	make statementsOf
	// sealed: values are sealed under each store's own keys, so rows and
	// ledger hashes differ between stores and are compared masked.
	sealed bool
}{
	{name: "one statement", make: func(f batchFixture) []*model.Statement {
		return []*model.Statement{stmt("st-1", f.persons[0], model.PropName, "Nizar Haddad", f.public)}
	}},
	{name: "one value in several spellings and sources, and a linked value", make: func(f batchFixture) []*model.Statement {
		loc := stmt("st-5", f.persons[0], model.PropBirthPlace, "Tartus", f.public)
		loc.ValueEntity = f.place
		return []*model.Statement{
			stmt("st-1", f.persons[0], model.PropName, "Nizar Haddad", f.public),
			stmt("st-2", f.persons[0], model.PropName, "NIZAR HADDAD", f.public),
			stmt("st-3", f.persons[0], model.PropName, "Nizar Haddad", f.internal),
			stmt("st-4", f.persons[0], model.PropAlias, "Abu Nizar", f.public),
			loc,
			stmt("st-6", f.place, model.PropName, "Tartus", f.public),
		}
	}},
	{name: "levels raised to the source's, statuses, modalities and spans", make: func(f batchFixture) []*model.Statement {
		a := stmt("st-1", f.persons[1], model.PropPosition, "warden", f.internal)
		b := stmt("st-2", f.persons[1], model.PropPosition, "warden", f.public)
		b.Status = model.StatusConfirmed
		c := stmt("st-3", f.persons[1], model.PropPosition, "guard", f.public)
		c.Status, c.Sensitivity = model.StatusRejected, model.Internal
		d := stmt("st-4", f.persons[1], model.PropPosition, "warden", f.public)
		d.Modality, d.Span = model.Alleged, model.Span{Start: 0, End: 12, Quote: "Nizar Haddad"}
		e := stmt("st-5", f.persons[1], model.PropBirthDate, "1970", f.public)
		e.DateStart = model.Date{Year: 1970, Precision: model.PrecisionYear}
		return []*model.Statement{a, b, c, d, e}
	}},
	{name: "manual statements and a testimony withheld from publication", make: func(f batchFixture) []*model.Statement {
		a := stmt("st-1", f.persons[2], model.PropName, "Nizar Haddad", "")
		a.Status = model.StatusConfirmed
		b := stmt("st-2", f.persons[2], model.PropName, "Nizar Haddad", f.testimony)
		b.Status = model.StatusConfirmed
		c := stmt("st-3", f.persons[2], model.PropName, "Nizar Haddad", f.public)
		c.Status = model.StatusConfirmed
		return []*model.Statement{a, b, c}
	}},
	{name: "a sealed source beside a public one", sealed: true, make: func(f batchFixture) []*model.Statement {
		a := stmt("st-1", f.persons[3], model.PropName, "Rima Salloum", f.sealed)
		a.Span = model.Span{Start: 5, End: 17, Quote: "Rima Salloum"}
		return []*model.Statement{a,
			stmt("st-2", f.persons[3], model.PropName, "Rima Salloum", f.public),
			stmt("st-3", f.persons[3], model.PropBirthPlace, "Tartus", f.sealed),
			stmt("st-4", f.place, model.PropGazetteer, "SY10", f.sealed),
		}
	}},
	{name: "more statements than one insert holds on either engine", make: func(f batchFixture) []*model.Statement {
		var out []*model.Statement
		for i := range 2100 { // PostgreSQL's runs are 2,000 rows, SQLite's 64
			out = append(out, stmt(fmt.Sprintf("st-%04d", i), f.persons[i%len(f.persons)], model.PropAlias,
				fmt.Sprintf("Alias %d", i%700), []string{f.public, f.internal, f.testimony}[i%3]))
		}
		return out
	}},
}

// TestAddStatementsWritesWhatOneAtATimeWrites stores each case's
// statements one AddStatement at a time in one store and in one
// AddStatements call in another: the rows, the ledger and the page totals
// must come out the same, and both stores verify.
func TestAddStatementsWritesWhatOneAtATimeWrites(t *testing.T) {
	for _, c := range batchCases {
		t.Run(c.name, func(t *testing.T) {
			batchEngines(t, func(t *testing.T, open func() *store.Store) {
				ctx := context.Background()
				one, all := open(), open()
				var dumps [2]storeDump
				var ids []string
				for i, s := range []*store.Store{one, all} {
					f := addBatchFixture(t, s, c.sealed)
					sts := c.make(f)
					ids = ids[:0]
					for _, st := range sts {
						ids = append(ids, st.ID)
					}
					err := s.Write(ctx, "tester", func(tx *store.Tx) error {
						if s == all {
							return tx.AddStatements(ctx, sts)
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
					mustVerify(t, s)
					dumps[i] = dumpStore(t, s, c.sealed)
				}
				for _, table := range slices.Sorted(maps.Keys(dumps[0])) {
					a, b := dumps[0][table], dumps[1][table]
					if len(a) != len(b) {
						t.Errorf("%s: %d rows one at a time, %d in one call", table, len(a), len(b))
						continue
					}
					for i := range a {
						if a[i] != b[i] {
							t.Errorf("%s row %d one at a time:\n  %s\nin one call:\n  %s", table, i, a[i], b[i])
							break
						}
					}
				}
				if len(dumps[1]["statements"]) == 0 || len(dumps[1]["claim_stats"]) == 0 {
					t.Errorf("nothing stored: %v", dumps[1])
				}
				// The sealed case: what the store reads back is the same.
				for _, id := range ids[:min(4, len(ids))] {
					a, errA := one.Statement(ctx, access.Operator(), id)
					b, errB := all.Statement(ctx, access.Operator(), id)
					if errA != nil || errB != nil || a.Value != b.Value || a.Span != b.Span || a.Status != b.Status || a.Sensitivity != b.Sensitivity {
						t.Errorf("statement %s read back: %+v %v, %+v %v", id, a, errA, b, errB)
					}
				}
			})
		})
	}
}

// storeDump is each table's rows, one line a row, sorted.
type storeDump map[string][]string

// dumpStore reads the statements, the ledger and the page totals. With
// sealed, what a store's own keys make (sealed texts, keyed hashes, the
// hashes of rows holding them) is masked.
func dumpStore(t *testing.T, s *store.Store, sealed bool) storeDump {
	t.Helper()
	queries := map[string]string{
		"statements": "SELECT id, entity_id, property, value, value_hash, COALESCE(value_entity, ''), COALESCE(source_id, ''), " +
			"COALESCE(span_start, -1), COALESCE(span_end, -1), quote, date_start, date_end, confidence, origin, status, modality, role, " +
			"sensitivity, author, created_at, reviewer, reviewed_at, review_note FROM statements",
		"ledger": "SELECT seq, at, actor, action, tbl, row_id, row_hash, prev_hash, hash FROM ledger",
		"claim_stats": "SELECT entity_id, property, value_key, sensitivity, status, modality, manual, unpublished, value, value_entity, " +
			"first_at, n FROM claim_stats",
		"claim_origins": "SELECT entity_id, property, value_key, origin_id, n_public, n_internal, n_restricted, n_confidential, " +
			"n_public_confirmed FROM claim_origins",
		"claim_sources": "SELECT entity_id, property, value_key, for_public, for_internal, for_restricted, for_confidential, " +
			"for_anonymous FROM claim_sources",
	}
	out := storeDump{}
	for table, q := range queries {
		rows, err := s.DB().QueryContext(context.Background(), q)
		if err != nil {
			t.Fatalf("%s: %v", table, err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			cells := make([]string, len(vals))
			for i, v := range vals {
				if b, ok := v.([]byte); ok {
					v = string(b)
				}
				cells[i] = fmt.Sprint(v)
				if f, ok := v.(float64); ok && f == float64(int64(f)) {
					cells[i] = fmt.Sprint(int64(f))
				}
			}
			if sealed {
				maskSealed(table, cols, cells)
			}
			out[table] = append(out[table], strings.Join(cells, " | "))
		}
		if err := rows.Close(); err != nil {
			t.Fatal(err)
		}
	}
	for table := range out {
		if table != "ledger" {
			slices.Sort(out[table])
		}
	}
	return out
}

// maskSealed masks, in one row, what differs between two stores that seal
// the same thing under their own keys.
func maskSealed(table string, cols, cells []string) {
	for i, c := range cols {
		v := cells[i]
		switch {
		case table == "ledger" && (c == "row_hash" || c == "prev_hash" || c == "hash"):
			cells[i] = "#"
		case table == "ledger" && c == "row_id" && slices.Contains(cells, "blobs"):
			// a sealed file's blob, named by the hash of its sealed bytes
			cells[i] = "#"
		case strings.HasPrefix(v, "h:"):
			cells[i] = "h:#"
		case c == "value_hash" && v != "":
			cells[i] = "#"
		case (c == "value" || c == "quote") && (strings.Contains(v, "sealed") || strings.HasPrefix(v, "$")):
			cells[i] = "sealed"
		}
	}
}

// TestAddStatementsWritesNothingOfABadBatch: a bad statement anywhere in a
// batch is refused before anything of the batch is written — no row, no
// ledger entry, no total — even when the caller goes on and commits.
func TestAddStatementsWritesNothingOfABadBatch(t *testing.T) {
	for _, c := range []struct {
		name string
		bad  func(st *model.Statement)
		want string
	}{
		{"no origin", func(st *model.Statement) { st.Origin = "" }, "needs an origin"},
		{"no value", func(st *model.Statement) { st.Value = "" }, "has no value"},
		{"no entity", func(st *model.Statement) { st.EntityID = "" }, "needs an entity"},
		{"a span that is not one", func(st *model.Statement) { st.Span = model.Span{Start: 9, End: 3, Quote: "x"} }, "is not a span"},
		{"an unknown source", func(st *model.Statement) { st.SourceID = "src-nowhere" }, "src-nowhere"},
		{"an invalid level", func(st *model.Statement) { st.Sensitivity = 9 }, "invalid sensitivity"},
	} {
		t.Run(c.name, func(t *testing.T) {
			batchEngines(t, func(t *testing.T, open func() *store.Store) {
				ctx := context.Background()
				s := open()
				f := addBatchFixture(t, s, false)
				before := dumpStore(t, s, false)
				var sts []*model.Statement
				for i := range 130 { // past SQLite's first run of 64 rows
					sts = append(sts, stmt(fmt.Sprintf("st-%03d", i), f.persons[i%3], model.PropAlias, fmt.Sprintf("Alias %d", i), f.public))
				}
				c.bad(sts[100])
				var got error
				if err := s.Write(ctx, "tester", func(tx *store.Tx) error {
					got = tx.AddStatements(ctx, sts)
					return nil // and commit what there is
				}); err != nil {
					t.Fatal(err)
				}
				if got == nil || !strings.Contains(got.Error(), c.want) || !strings.Contains(got.Error(), "statement 101 of 130") {
					t.Fatalf("AddStatements with statement 101 bad: %v, want %q", got, c.want)
				}
				after := dumpStore(t, s, false)
				for _, table := range slices.Sorted(maps.Keys(after)) {
					if !slices.Equal(before[table], after[table]) {
						t.Errorf("%s: %d rows before the bad batch, %d after", table, len(before[table]), len(after[table]))
					}
				}
				if sts[0].ID != "st-000" || sts[0].CreatedAt != (time.Time{}) {
					t.Errorf("a statement of the refused batch was filled in: %+v", sts[0])
				}
				mustVerify(t, s)
			})
		})
	}
}

// TestAddStatementsCostsAFewRoundTrips: an empty batch runs nothing; a
// batch of statements runs a few statements, not about seven each.
func TestAddStatementsCostsAFewRoundTrips(t *testing.T) {
	batchEngines(t, func(t *testing.T, open func() *store.Store) {
		ctx := context.Background()
		s := open()
		f := addBatchFixture(t, s, false)
		for _, c := range []struct {
			n, most int
		}{
			{n: 0, most: 0},
			{n: 1, most: 12},
			// SQLite: runs of 64, 32 and 4 rows, each an insert, a ledger
			// append and three upserts; PostgreSQL one run.
			{n: 100, most: 30},
		} {
			var sts []*model.Statement
			for i := range c.n {
				sts = append(sts, stmt("", f.persons[i%3], model.PropAlias, fmt.Sprintf("Alias %d of %d", i, c.n), []string{f.public, f.internal, f.testimony}[i%3]))
			}
			ledger := len(dumpStore(t, s, false)["ledger"])
			var ran int64
			err := s.Write(ctx, "tester", func(tx *store.Tx) error {
				if err := tx.LockLedger(ctx); err != nil { // taken by any write; not counted
					return err
				}
				start := s.StatementsRun()
				err := tx.AddStatements(ctx, sts)
				ran = s.StatementsRun() - start
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			if ran > int64(c.most) {
				t.Errorf("%d statements cost %d round trips, want at most %d", c.n, ran, c.most)
			}
			if got := len(dumpStore(t, s, false)["ledger"]) - ledger; got != c.n {
				t.Errorf("%d statements made %d ledger entries", c.n, got)
			}
		}
		mustVerify(t, s)
	})
}
