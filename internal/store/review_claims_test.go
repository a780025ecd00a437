package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// TestReviewClaimsMigration: migration 00039 on a store with proposed
// statements leaves its kept claims to be built, and the store builds them
// (as Open does) the same as they were kept; the claim of a confidential
// statement is kept for confidential reviewers only.
func TestReviewClaimsMigration(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		pub := addSource(t, st, "Security forces arrested Samir Khoury in Damascus.", model.Public)
		conf := addSource(t, st, "A witness said Samir Khoury was arrested.", model.Confidential)
		err := st.Write(ctx, "tester", func(tx *store.Tx) error {
			person, err := tx.AddEntity(ctx, model.TypePerson)
			if err != nil {
				return err
			}
			for _, src := range []model.Source{pub, conf} {
				ev, err := tx.AddEntity(ctx, model.TypeEvent)
				if err != nil {
					return err
				}
				for _, s := range []model.Statement{
					{EntityID: person.ID, Property: model.PropName, Value: "Samir Khoury"},
					{EntityID: ev.ID, Property: model.PropEventType, Value: string(model.EventArrest)},
					{EntityID: ev.ID, Property: model.PropInvolved, Value: "Samir Khoury", ValueEntity: person.ID, Role: model.Subject},
				} {
					s.SourceID, s.Sensitivity, s.Origin, s.Confidence = src.ID, src.Sensitivity, "extracted:test", 0.8
					if err := tx.AddStatement(ctx, &s); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		claims := func(level model.Sensitivity) (int, int) {
			v := access.ForUser(model.User{Name: "r", Role: model.RoleReviewer, Clearance: level})
			sts, total, err := st.ReviewClaimStatements(ctx, v, store.ReviewClaimsFilter{Limit: 25}, 1000)
			if err != nil {
				t.Fatal(err)
			}
			return len(sts), total
		}
		if n, total := claims(model.Public); n != 3 || total != 2 {
			t.Errorf("a public reviewer: %d statements in %d claims, want 3 in 2 (the name, the arrest)", n, total)
		}
		if n, total := claims(model.Confidential); n != 6 || total != 2 {
			t.Errorf("a confidential reviewer: %d statements in %d claims, want 6 in 2", n, total)
		}
		if err := st.RedoMigrationsFrom(ctx, 39); err != nil {
			t.Fatal(err)
		}
		var built, n int
		if err := st.DB().QueryRowContext(ctx, "SELECT built, (SELECT count(*) FROM review_claims) FROM review_claims_mark").Scan(&built, &n); err != nil {
			t.Fatal(err)
		}
		if built != 0 || n != 0 {
			t.Fatalf("after the migration: built %d, %d claims", built, n)
		}
		if err := st.EnsureReviewClaims(ctx); err != nil {
			t.Fatal(err)
		}
		if drift, err := st.ReviewClaimsDrift(ctx); err != nil || drift != "" {
			t.Errorf("built: %v\n%s", err, drift)
		}
		if n, total := claims(model.Public); n != 3 || total != 2 {
			t.Errorf("built, a public reviewer: %d statements in %d claims, want 3 in 2", n, total)
		}
	})
}

// TestLargeClaimsCountedOn: a claim that has gathered more statements than
// largeClaim is counted on from its kept counts as sources add to it —
// several statements of one source, sources new to it and sources it had,
// a statement with no source, a restricted one — and agrees throughout
// with the claims built from the statements from scratch; so does it after
// a statement of it is reviewed (counted again from its members).
func TestLargeClaimsCountedOn(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		var person string
		if err := st.Write(ctx, "tester", func(tx *store.Tx) error {
			p, err := tx.AddEntity(ctx, model.TypePerson)
			person = p.ID
			return err
		}); err != nil {
			t.Fatal(err)
		}
		var srcs []model.Source
		name := func(src model.Source, n int, conf float64) string {
			var last string
			if err := st.Write(ctx, "tester", func(tx *store.Tx) error {
				for range n {
					s := model.Statement{EntityID: person, Property: model.PropName, Value: "Samir Khoury", SourceID: src.ID,
						Sensitivity: src.Sensitivity, Origin: "extracted:test", Confidence: conf}
					if err := tx.AddStatement(ctx, &s); err != nil {
						return err
					}
					last = s.ID
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			return last
		}
		drift := func(when string) {
			t.Helper()
			if d, err := st.ReviewClaimsDrift(ctx); err != nil || d != "" {
				t.Fatalf("%s: %v\n%s", when, err, d)
			}
		}
		for i := range 40 {
			srcs = append(srcs, addSource(t, st, fmt.Sprintf("Security forces arrested Samir Khoury (report %d).", i), model.Public))
			name(srcs[i], 1, 0.5+float64(i)/100)
		}
		drift("forty sources")
		name(srcs[3], 2, 0.99) // a source the claim had, twice more
		drift("a source it had")
		name(addSource(t, st, "Samir Khoury was arrested, a witness said.", model.Restricted), 2, 0.7)
		drift("a restricted source")
		name(model.Source{}, 1, 0.6) // typed in by a person, no source
		drift("no source")
		last := name(addSource(t, st, "Samir Khoury was held.", model.Public), 1, 0.4)
		drift("one more source")
		if err := st.Write(ctx, "tester", func(tx *store.Tx) error {
			return tx.Review(ctx, last, model.StatusConfirmed, "")
		}); err != nil {
			t.Fatal(err)
		}
		drift("a statement of it confirmed")
	})
}

// TestClaimsCountedOnAgreeWithRebuild: the kept claims, counted on from
// the members a transaction adds (claims new to a level counted from
// those members alone, kept ones from their kept counts, written in
// multi-row statements), agree after every step with the claims built
// from the statements from scratch — for small claims as for large ones, values
// and events, every level, with and without sources, and when a claim
// both gains and loses members in one transaction.
func TestClaimsCountedOnAgreeWithRebuild(t *testing.T) {
	type fixture struct {
		pub           [3]model.Source
		restricted    model.Source
		confidential  model.Source
		person, place string
		events        []string
		stmts, prev   []string // the statements of this transaction and of the one before, in order
	}
	type step func(ctx context.Context, tx *store.Tx, f *fixture) error
	say := func(entity string, p model.Property, value string, src model.Source, conf float64) step {
		return func(ctx context.Context, tx *store.Tx, f *fixture) error {
			s := model.Statement{EntityID: entity, Property: p, Value: value, SourceID: src.ID, Sensitivity: src.Sensitivity,
				Origin: "extracted:test", Confidence: conf}
			if entity == "person" {
				s.EntityID = f.person
			} else if entity == "place" {
				s.EntityID = f.place
			}
			if err := tx.AddStatement(ctx, &s); err != nil {
				return err
			}
			f.stmts = append(f.stmts, s.ID)
			return nil
		}
	}
	src := func(pick func(f *fixture) model.Source, entity string, p model.Property, value string, conf float64) step {
		return func(ctx context.Context, tx *store.Tx, f *fixture) error {
			return say(entity, p, value, pick(f), conf)(ctx, tx, f)
		}
	}
	pub := func(i int) func(f *fixture) model.Source { return func(f *fixture) model.Source { return f.pub[i] } }
	restricted := func(f *fixture) model.Source { return f.restricted }
	confidential := func(f *fixture) model.Source { return f.confidential }
	none := func(*fixture) model.Source { return model.Source{} }
	// an event read from a source: its type, and a date and participant
	// when given
	event := func(pick func(f *fixture) model.Source, date string, involved bool) step {
		return func(ctx context.Context, tx *store.Tx, f *fixture) error {
			ev, err := tx.AddEntity(ctx, model.TypeEvent)
			if err != nil {
				return err
			}
			f.events = append(f.events, ev.ID)
			s := pick(f)
			sts := []model.Statement{{EntityID: ev.ID, Property: model.PropEventType, Value: string(model.EventArrest)}}
			if date != "" {
				sts = append(sts, model.Statement{EntityID: ev.ID, Property: model.PropDate, Value: date})
			}
			if involved {
				sts = append(sts, model.Statement{EntityID: ev.ID, Property: model.PropInvolved, Value: "Samir Khoury", ValueEntity: f.person, Role: model.Subject})
			}
			for _, st := range sts {
				st.SourceID, st.Sensitivity, st.Origin, st.Confidence = s.ID, s.Sensitivity, "extracted:test", 0.7
				if err := tx.AddStatement(ctx, &st); err != nil {
					return err
				}
				f.stmts = append(f.stmts, st.ID)
			}
			return nil
		}
	}
	// toEvent adds a statement to the i-th event: its claim is keyed again
	toEvent := func(i int, p model.Property, value string) step {
		return func(ctx context.Context, tx *store.Tx, f *fixture) error {
			st := model.Statement{EntityID: f.events[i], Property: p, Value: value, SourceID: f.pub[2].ID, Sensitivity: model.Public,
				Origin: "extracted:test", Confidence: 0.6}
			return tx.AddStatement(ctx, &st)
		}
	}
	// review reviews the i-th statement of the transaction before
	review := func(i int, status model.Status) step {
		return func(ctx context.Context, tx *store.Tx, f *fixture) error {
			return tx.Review(ctx, f.prev[i], status, "")
		}
	}
	name := func(pick func(f *fixture) model.Source, conf float64) step {
		return src(pick, "person", model.PropName, "Samir Khoury", conf)
	}
	cases := []struct {
		name  string
		steps [][]step // each a transaction
	}{
		{"a new claim from several sources in one transaction", [][]step{
			{name(pub(0), 0.5), name(pub(1), 0.9), name(pub(1), 0.4), name(restricted, 0.8), name(none, 0.3), name(confidential, 0.95)},
		}},
		{"a small claim gains members a transaction at a time", [][]step{
			{name(pub(0), 0.5)},
			{name(pub(0), 0.6)}, // a source it had
			{name(pub(1), 0.9)}, // a new one, more confident
			{name(restricted, 0.4)},
			{name(none, 0.7)},
			{name(confidential, 0.2), name(pub(2), 0.3)},
		}},
		{"claims new at one level and kept at another", [][]step{
			{name(confidential, 0.5)},
			{name(pub(0), 0.6), name(confidential, 0.9)},
			{name(restricted, 0.7)},
		}},
		{"values of one entity at two modalities and properties", [][]step{
			{name(pub(0), 0.5), src(pub(0), "person", model.PropAlias, "Abu Samir", 0.5)},
			{src(pub(1), "person", model.PropAlias, "Abu Samir", 0.6), src(pub(1), "person", model.PropPosition, "officer", 0.6)},
		}},
		{"a place's names before and after a gazetteer entry", [][]step{
			{src(pub(0), "place", model.PropName, "Sednaya", 0.5)},
			{src(pub(1), "place", model.PropName, "Sednaya", 0.5), src(pub(1), "place", model.PropGazetteer, "SY0001", 0.9)},
			{src(pub(2), "place", model.PropName, "Sednaya", 0.6), src(pub(2), "place", model.PropGazetteer, "SY0001", 0.9)},
			{src(restricted, "place", model.PropName, "Saydnaya", 0.6)},
		}},
		{"events that meet, and one keyed again", [][]step{
			{event(pub(0), "2025-01-03", true)},
			{event(pub(1), "2025-01-03", true), event(pub(2), "2025-01-03", true)}, // the same claim
			{event(restricted, "", true), event(pub(0), "", false)},                // and one that says too little
			{toEvent(0, model.PropDate, "2025-01-04")},                             // the first one's date: its claim changes
			{toEvent(4, model.PropDate, "2025-01-04")},
		}},
		{"reviews, and a claim that gains and loses in one transaction", [][]step{
			{name(pub(0), 0.5), name(pub(1), 0.6), name(pub(2), 0.7)},
			{review(0, model.StatusConfirmed)},
			{name(pub(0), 0.8), name(restricted, 0.8)},
			{review(1, model.StatusRejected), name(pub(1), 0.99)},
		}},
	}
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				var f fixture
				for i := range f.pub {
					f.pub[i] = addSource(t, st, fmt.Sprintf("%s: public report %d on Samir Khoury.", c.name, i), model.Public)
				}
				f.restricted = addSource(t, st, c.name+": a restricted report.", model.Restricted)
				f.confidential = addSource(t, st, c.name+": a confidential report.", model.Confidential)
				if err := st.Write(ctx, "tester", func(tx *store.Tx) error {
					p, err := tx.AddEntity(ctx, model.TypePerson)
					if err != nil {
						return err
					}
					pl, err := tx.AddEntity(ctx, model.TypePlace)
					f.person, f.place = p.ID, pl.ID
					return err
				}); err != nil {
					t.Fatal(err)
				}
				for i, steps := range c.steps {
					f.prev, f.stmts = f.stmts, nil
					if err := st.Write(ctx, "tester", func(tx *store.Tx) error {
						for _, s := range steps {
							if err := s(ctx, tx, &f); err != nil {
								return err
							}
						}
						return nil
					}); err != nil {
						t.Fatal(err)
					}
					if d, err := st.ReviewClaimsDrift(ctx); err != nil || d != "" {
						t.Fatalf("after transaction %d: %v\n%s", i, err, d)
					}
				}
			})
		}
	})
}

// TestGazetteerPlaceNamesLast: a place's name claims go last in the queue
// (priority 3, as its gazetteer entries) while a gazetteer statement not
// rejected fixes it, and back (2) once none does; a person's names stay
// first. The claims are built from the statements the same way, so only
// the kept priorities themselves show what the look-up decided.
func TestGazetteerPlaceNamesLast(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		src := addSource(t, st, "Prisoners were moved to Sednaya, a report said.", model.Public)
		var place, person string
		var gazetteer []string
		add := func(entity string, p model.Property, value string) string {
			var id string
			if err := st.Write(ctx, "tester", func(tx *store.Tx) error {
				s := model.Statement{EntityID: entity, Property: p, Value: value, SourceID: src.ID, Origin: "extracted:test", Confidence: 0.7}
				err := tx.AddStatement(ctx, &s)
				id = s.ID
				return err
			}); err != nil {
				t.Fatal(err)
			}
			return id
		}
		if err := st.Write(ctx, "tester", func(tx *store.Tx) error {
			pl, err := tx.AddEntity(ctx, model.TypePlace)
			if err != nil {
				return err
			}
			p, err := tx.AddEntity(ctx, model.TypePerson)
			place, person = pl.ID, p.ID
			return err
		}); err != nil {
			t.Fatal(err)
		}
		reject := func(id string) {
			t.Helper()
			if err := st.Write(ctx, "tester", func(tx *store.Tx) error { return tx.Review(ctx, id, model.StatusRejected, "") }); err != nil {
				t.Fatal(err)
			}
		}
		priority := func(entity, value string) int {
			t.Helper()
			var p int
			if err := st.DB().QueryRowContext(ctx, st.Rebind("SELECT priority FROM review_claims WHERE level = 0 AND claim_key LIKE ?"),
				"v:"+entity+"|name|%").Scan(&p); err != nil {
				t.Fatalf("the claim of %q: %v", value, err)
			}
			return p
		}
		steps := []struct {
			name        string
			do          func()
			place, pers int
		}{
			{"named", func() { add(place, model.PropName, "Sednaya"); add(person, model.PropName, "Samir Khoury") }, 2, 1},
			{"a gazetteer entry", func() { gazetteer = append(gazetteer, add(place, model.PropGazetteer, "SY0001")) }, 3, 1},
			{"another source's entry", func() { gazetteer = append(gazetteer, add(place, model.PropGazetteer, "SY0001")) }, 3, 1},
			{"the first entry rejected", func() { reject(gazetteer[0]) }, 3, 1},
			{"the second too", func() { reject(gazetteer[1]) }, 2, 1},
		}
		for _, s := range steps {
			s.do()
			if got := priority(place, "Sednaya"); got != s.place {
				t.Errorf("%s: the place's name at priority %d, want %d", s.name, got, s.place)
			}
			if got := priority(person, "Samir Khoury"); got != s.pers {
				t.Errorf("%s: the person's name at priority %d, want %d", s.name, got, s.pers)
			}
		}
	})
}

// TestGazetteerPlaceGivenThousandsOfEntries: a transaction that gives a
// place more gazetteer entries than the all-places look-up lists (an
// import) settles it one place at a time, and the same way: a place no
// entry fixed before is fixed now, its names last in the queue; one an
// earlier entry fixed stays so.
func TestGazetteerPlaceGivenThousandsOfEntries(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		src := addSource(t, st, "A gazetteer of Syrian places, imported.", model.Public)
		for _, fixedBefore := range []bool{false, true} {
			var place string
			if err := st.Write(ctx, "tester", func(tx *store.Tx) error {
				pl, err := tx.AddEntity(ctx, model.TypePlace)
				if err != nil {
					return err
				}
				place = pl.ID
				sts := []*model.Statement{{EntityID: place, Property: model.PropName, Value: "Sednaya", SourceID: src.ID, Origin: "extracted:test", Confidence: 0.7}}
				if fixedBefore {
					sts = append(sts, &model.Statement{EntityID: place, Property: model.PropGazetteer, Value: "SY0001", SourceID: src.ID, Origin: "extracted:test", Confidence: 0.9})
				}
				return tx.AddStatements(ctx, sts)
			}); err != nil {
				t.Fatal(err)
			}
			if err := st.Write(ctx, "tester", func(tx *store.Tx) error {
				var sts []*model.Statement
				for i := range 4001 {
					sts = append(sts, &model.Statement{EntityID: place, Property: model.PropGazetteer, Value: fmt.Sprintf("SY%05d", i), SourceID: src.ID,
						Origin: "extracted:test", Confidence: 0.9})
				}
				return tx.AddStatements(ctx, sts)
			}); err != nil {
				t.Fatal(err)
			}
			var p int
			if err := st.DB().QueryRowContext(ctx, st.Rebind("SELECT priority FROM review_claims WHERE level = 0 AND claim_key LIKE ?"),
				"v:"+place+"|name|%").Scan(&p); err != nil {
				t.Fatal(err)
			}
			if p != 3 {
				t.Errorf("fixed before: %v; the place's name at priority %d, want 3", fixedBefore, p)
			}
			if d, err := st.ReviewClaimsDrift(ctx); err != nil || d != "" {
				t.Fatalf("fixed before: %v: %v\n%s", fixedBefore, err, d)
			}
		}
	})
}
