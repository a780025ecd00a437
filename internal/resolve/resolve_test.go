package resolve_test

import (
	"context"
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/resolve"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/pgtest"
	"github.com/athar-project/athar/internal/store/storetest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	pgtest.Stop()
	os.Exit(code)
}

// fixture stores a source and places each Found through the resolver as an
// ingest would, writing the names as statements; it returns the placements.
type fixture struct {
	t   *testing.T
	st  *store.Store
	r   *resolve.Resolver
	src model.Source
}

func newFixture(t *testing.T, st *store.Store, sens model.Sensitivity) *fixture {
	ctx := context.Background()
	src := model.Source{Kind: model.KindArticle, Text: "Test source " + t.Name() + " " + sens.String(), Sensitivity: sens}
	if err := st.Write(ctx, "tester", func(tx *store.Tx) error {
		err := tx.AddSource(ctx, &src, []byte(src.Text))
		return err
	}); err != nil {
		t.Fatal(err)
	}
	r, err := resolve.New(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{t, st, r, src}
}

func (f *fixture) place(found resolve.Found) resolve.Placement {
	f.t.Helper()
	ctx := context.Background()
	var p resolve.Placement
	b := f.r.Begin()
	err := f.st.Write(ctx, "extractor-test", func(tx *store.Tx) error {
		var err error
		if p, err = b.Place(ctx, tx, found); err != nil {
			return err
		}
		add := func(prop model.Property, v string) error {
			return tx.AddStatement(ctx, &model.Statement{EntityID: p.EntityID, Property: prop, Value: v, SourceID: f.src.ID, Origin: "extracted:test@1"})
		}
		if err := add("name", found.Name); err != nil {
			return err
		}
		for _, a := range found.Aliases {
			if err := add("alias", a); err != nil {
				return err
			}
		}
		for _, e := range found.Epithets {
			if err := add("weakAlias", e); err != nil {
				return err
			}
		}
		if !found.BirthDate.IsZero() {
			return add("birthDate", found.BirthDate.String())
		}
		return nil
	})
	if err != nil {
		b.Abort(ctx)
		f.t.Fatalf("place %q: %v", found.Name, err)
	}
	return p
}

func person(name string, more ...string) resolve.Found {
	return resolve.Found{Type: model.TypePerson, Name: name, Aliases: more}
}

func TestOnePersonHoweverSpelled(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st, model.Public)
		ous := f.place(resolve.Found{Type: model.TypePerson, Name: "Ous Salloum", Epithets: []string{"Azrael of Sednaya"}})
		if !ous.Created {
			t.Fatalf("the first name did not create an entity: %+v", ous)
		}
		for _, spelling := range []string{"Aws Salloum", "أوس سلوم"} {
			p := f.place(person(spelling))
			if !p.Linked || p.EntityID != ous.EntityID {
				t.Errorf("%q: %+v, want linked to %s", spelling, p, ous.EntityID)
			}
		}
		akram := f.place(person("Akram Salloum al-Abdullah"))
		if akram.Linked || akram.EntityID == ous.EntityID {
			t.Errorf("Akram Salloum al-Abdullah was linked to Ous Salloum: %+v", akram)
		}
		azrael := f.place(person("Azrael of Sednaya"))
		if azrael.Linked {
			t.Errorf("an epithet alone linked: %+v", azrael)
		}

		ents, err := st.Entities(context.Background(), access.Operator(), model.TypePerson)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range ents {
			if e.ID == ous.EntityID {
				for _, want := range []string{"Ous Salloum", "Aws Salloum", "أوس سلوم", "Azrael of Sednaya"} {
					if !slices.Contains(e.Names, want) {
						t.Errorf("Ous Salloum's entity lacks %q: %v", want, e.Names)
					}
				}
			}
		}
	})
}

func TestTwoHusseinsStayTwo(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st, model.Public)
		thaer := f.place(person("Thaer Hussein"))
		ahmad := f.place(person("Ahmad Hussein"))
		if ahmad.Linked || ahmad.EntityID == thaer.EntityID {
			t.Errorf("Ahmad Hussein was linked to Thaer Hussein: %+v", ahmad)
		}
		ar := f.place(person("ثائر حسين"))
		if !ar.Linked || ar.EntityID != thaer.EntityID {
			t.Errorf("ثائر حسين: %+v, want linked to Thaer Hussein", ar)
		}
	})
}

func TestBirthDateConflictBlocksALink(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st, model.Public)
		first := f.place(resolve.Found{Type: model.TypePerson, Name: "Mazen al-Hamada", BirthDate: model.DayDate(1977, 9, 1)})
		other := f.place(resolve.Found{Type: model.TypePerson, Name: "Mazen Hamada", BirthDate: model.DayDate(1990, 2, 3)})
		if other.Linked || other.EntityID == first.EntityID {
			t.Errorf("a conflicting birth date still linked: %+v", other)
		}
		same := f.place(resolve.Found{Type: model.TypePerson, Name: "Mazen Hamada", BirthDate: model.Date{Year: 1977, Precision: model.PrecisionYear}})
		if !same.Linked || same.EntityID != first.EntityID {
			t.Errorf("an agreeing birth year did not link: %+v", same)
		}
	})
}

func TestJudgementsWinAndMergesUndo(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := newFixture(t, st, model.Public)
		a := f.place(person("Thaer Hussein"))
		b := f.place(person("Th. Hussein"))
		if b.Linked {
			t.Fatalf("the matcher linked %+v to %s: this test needs two entities, so pick names it keeps apart", b, a.EntityID)
		}
		reviewer := access.ForUser(model.User{Name: "rev", Role: model.RoleReviewer, Clearance: model.Confidential})
		analyst := access.ForUser(model.User{Name: "ana", Role: model.RoleAnalyst, Clearance: model.Confidential})
		if err := f.r.Judge(ctx, analyst, a.EntityID, b.EntityID, model.Same, ""); err == nil {
			t.Error("an analyst judged a merge")
		}
		if err := f.r.Judge(ctx, reviewer, a.EntityID, b.EntityID, model.Same, "same man, same post"); err != nil {
			t.Fatal(err)
		}
		if c, _ := st.Canonical(ctx, b.EntityID); c != a.EntityID {
			t.Fatalf("after 'same', %s stands for %s, want %s", b.EntityID, c, a.EntityID)
		}
		ents, _ := st.Entities(ctx, access.Operator(), model.TypePerson)
		if len(ents) != 1 || !slices.Contains(ents[0].Names, "Th. Hussein") {
			t.Errorf("after the merge: %+v", ents)
		}
		if err := f.r.Unmerge(ctx, reviewer, b.EntityID); err != nil {
			t.Fatal(err)
		}
		if c, _ := st.Canonical(ctx, b.EntityID); c != b.EntityID {
			t.Errorf("after unmerge, %s stands for %s", b.EntityID, c)
		}
		if _, err := f.r.ResolveAll(ctx); err != nil {
			t.Fatal(err)
		}
		if c, _ := st.Canonical(ctx, b.EntityID); c != b.EntityID {
			t.Errorf("resolve re-merged a pair a person unmerged")
		}
		if r, err := st.Verify(ctx); err != nil || !r.OK {
			t.Errorf("verify: %v %v", r.Problems, err)
		}
	})
}

func TestResolveAllMergesWhatIsSureAndProposesTheRest(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := newFixture(t, st, model.Public)
		// Two entities made without the resolver (as an import would).
		var ids []string
		err := st.Write(ctx, "import", func(tx *store.Tx) error {
			for _, n := range []string{"Hafez Makhlouf", "Hafiz MAKHLUF", "Rami Makhlouf"} {
				e, err := tx.AddEntity(ctx, model.TypePerson)
				if err != nil {
					return err
				}
				ids = append(ids, e.ID)
				if err := tx.AddStatement(ctx, &model.Statement{EntityID: e.ID, Property: "name", Value: n, SourceID: f.src.ID, Origin: "imported:test"}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		r, err := resolve.New(ctx, st)
		if err != nil {
			t.Fatal(err)
		}
		stats, err := r.ResolveAll(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if stats.Merged != 1 {
			t.Errorf("merged %d, want 1 (Hafiz MAKHLUF into Hafez Makhlouf): %+v", stats.Merged, stats)
		}
		if c, _ := st.Canonical(ctx, ids[1]); c != ids[0] {
			t.Errorf("Hafiz MAKHLUF stands for %s, want %s", c, ids[0])
		}
		if c, _ := st.Canonical(ctx, ids[2]); c != ids[2] {
			t.Errorf("Rami Makhlouf was merged into %s", c)
		}
	})
}

func TestMatchHonoursClearance(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		pub := newFixture(t, st, model.Public)
		p := pub.place(person("Ous Salloum"))
		conf := newFixture(t, st, model.Confidential)
		conf.r = pub.r
		// A testimony names him by an alias only it gives.
		q := conf.place(resolve.Found{Type: model.TypePerson, Name: "Ous Salloum", Aliases: []string{"Abu Haidar al-Homsi"}})
		if q.EntityID != p.EntityID {
			t.Fatalf("the testimony's Ous Salloum is %s, want %s", q.EntityID, p.EntityID)
		}
		op, err := pub.r.Match(ctx, access.Operator(), "Abu Haidar al-Homsi", model.TypePerson, 10)
		if err != nil || len(op) == 0 || op[0].EntityID != p.EntityID {
			t.Errorf("the operator's match: %+v, %v", op, err)
		}
		analyst := access.ForUser(model.User{Name: "ana", Role: model.RoleAnalyst, Clearance: model.Internal})
		got, err := pub.r.Match(ctx, analyst, "Abu Haidar al-Homsi", model.TypePerson, 10)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range got {
			if c.EntityID == p.EntityID || c.Name == "Abu Haidar al-Homsi" {
				t.Errorf("an analyst cleared for internal matched through a confidential alias: %+v", c)
			}
		}
	})
}

// TestCrossScriptPublicFigures: a given and a family name in two scripts
// that the matcher scores as the same is linked (or at least proposed),
// saying which and why; people who share a family name stay apart.
func TestCrossScriptPublicFigures(t *testing.T) {
	tests := []struct {
		first, then string
		same        bool
	}{
		{"Ahmad al-Sharaa", "أحمد الشرع", true},
		{"معاذ مصطفى", "Mouaz Moustafa", true},
		{"Thaer Hussein", "الركن ثائر حسين", true},
		{"Ous Salloum", "العقيد الركن أوس سلوم", true},
		{"Ahmad al-Sharaa", "Farouk al-Sharaa", false},
		{"أحمد الشرع", "فاروق الشرع", false},
		{"Bashar al-Assad", "Wassim al-Assad", false},
		{"بشار الأسد", "Wassim al-Assad", false},
		{"Ous Salloum", "Akram Salloum al-Abdullah", false},
	}
	for _, tt := range tests {
		t.Run(tt.first+"/"+tt.then, func(t *testing.T) {
			storetest.Engines(t, func(t *testing.T, st *store.Store) {
				f := newFixture(t, st, model.Public)
				a := f.place(person(tt.first))
				b := f.place(person(tt.then))
				joined := strings.Join(b.Reasons, "; ")
				switch {
				case tt.same && b.Linked:
					if b.EntityID != a.EntityID || !strings.Contains(joined, "linked:") {
						t.Errorf("linked to %s (want %s), reasons %q", b.EntityID, a.EntityID, joined)
					}
				case tt.same:
					if b.Proposed != a.EntityID || !strings.Contains(joined, "proposed for review") {
						t.Errorf("neither linked nor proposed: %+v", b)
					}
				default:
					if b.Linked || b.EntityID == a.EntityID || b.Proposed != "" {
						t.Errorf("%q and %q were joined: %+v", tt.first, tt.then, b)
					}
				}
			})
		})
	}
}

// TestMatchVisibleIsMatch: the bounded match that search uses gives, for
// viewers of every clearance, the candidates and scores of the full match
// over the names they may see — a confidential alias and a merged entity's
// names included.
func TestMatchVisibleIsMatch(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		pub := newFixture(t, st, model.Public)
		conf := newFixture(t, st, model.Confidential)
		conf.r = pub.r
		p := pub.place(person("Ous Salloum"))
		conf.place(resolve.Found{Type: model.TypePerson, Name: "Ous Salloum", Aliases: []string{"Abu Haidar al-Homsi"}})
		pub.place(person("Aws Saloum al-Ali"))
		pub.place(person("Hussein Salloum"))
		conf.place(person("Abu Haidar Hassan"))
		twin := pub.place(person("أوس سلوم الحمصي"))
		if twin.EntityID != p.EntityID {
			if err := pub.r.Judge(ctx, access.Operator(), p.EntityID, twin.EntityID, model.Same, "test"); err != nil {
				t.Fatal(err)
			}
		}
		viewers := []access.Viewer{access.Public(), access.Operator()}
		for _, c := range model.Sensitivities() {
			viewers = append(viewers, access.ForUser(model.User{Name: "u", Role: model.RoleAnalyst, Clearance: c}))
		}
		for _, v := range viewers {
			for _, q := range []string{"Ous Salloum", "أوس سلوم", "Abu Haidar", "Salloum", "Aws Saloum"} {
				want, err := pub.r.Match(ctx, v, q, model.TypePerson, 3)
				if err != nil {
					t.Fatal(err)
				}
				got, err := pub.r.MatchVisible(ctx, v, q, model.TypePerson, 3)
				if err != nil {
					t.Fatal(err)
				}
				if len(got) != len(want) {
					t.Errorf("%s, %q: %+v, want %+v", v.Actor(), q, got, want)
					continue
				}
				for i := range want {
					if got[i].EntityID != want[i].EntityID || got[i].Name != want[i].Name || math.Abs(got[i].Score-want[i].Score) > 1e-9 {
						t.Errorf("%s, %q: candidate %d is %+v, want %+v", v.Actor(), q, i, got[i], want[i])
					}
				}
			}
		}
	})
}

// TestPublicMentionIsNotLinkedThroughHiddenNames is issue 18's finding: a
// public report naming someone known only from a confidential testimony was
// linked to the testimony's entity, telling every reader of the report who
// the testimony speaks of. Linked only through names at the source's level,
// it gets an entity of its own, with a merge proposal that only those
// cleared for both sides see; a second public report links to that one; a
// confidential source still links to both as before.
func TestPublicMentionIsNotLinkedThroughHiddenNames(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		conf := newFixture(t, st, model.Confidential)
		found := func(sens model.Sensitivity, name string, aliases ...string) resolve.Found {
			return resolve.Found{Type: model.TypePerson, Name: name, Aliases: aliases, Sensitivity: sens}
		}
		hidden := conf.place(found(model.Confidential, "Ous Salloum", "Abu Haidar al-Homsi"))
		// A confidential source links to it as before.
		if q := conf.place(found(model.Confidential, "Abu Haidar al-Homsi")); q.EntityID != hidden.EntityID || !q.Linked {
			t.Errorf("a testimony naming him again: %+v, want linked to %s", q, hidden.EntityID)
		}

		pub := newFixture(t, st, model.Public)
		pub.r = conf.r
		p := pub.place(found(model.Public, "Ous Salloum"))
		if p.EntityID == hidden.EntityID || p.Linked || !p.Created {
			t.Fatalf("the public report's Ous Salloum was linked to the testimony's entity: %+v", p)
		}
		if p.Proposed != hidden.EntityID {
			t.Errorf("no merge proposed with the testimony's entity: %+v", p)
		}
		// A name the testimony gives is no bridge either.
		if q := pub.place(found(model.Public, "Abu Haidar al-Homsi")); q.EntityID == hidden.EntityID {
			t.Errorf("linked through the testimony's alias: %+v", q)
		}
		// The next public report links to the public entity.
		if again := pub.place(found(model.Public, "Ous Salloum")); again.EntityID != p.EntityID || !again.Linked {
			t.Errorf("a second public report: %+v, want linked to %s", again, p.EntityID)
		}
		// The proposal is shown to those who may see both sides only.
		props, err := st.MergeProposals(ctx, "open")
		if err != nil {
			t.Fatal(err)
		}
		for _, pr := range props {
			for _, side := range []string{pr.EntityA, pr.EntityB} {
				if side != hidden.EntityID {
					continue
				}
				sts, err := st.Statements(ctx, access.Public(), hidden.EntityID)
				if err != nil || len(sts) != 0 {
					t.Errorf("the public sees %d statements of the testimony's entity (%v)", len(sts), err)
				}
			}
		}

		// An entity with a public name and a confidential alias is linked
		// from a public source through the public name only.
		both := conf.place(found(model.Confidential, "Bassam Darwish", "Abu Jaafar"))
		pubName := pub.place(found(model.Public, "Bassam Darwish"))
		if pubName.EntityID == both.EntityID {
			t.Fatalf("linked to an entity known only from the testimony: %+v", pubName)
		}
		if err := st.Write(ctx, "tester", func(tx *store.Tx) error { return tx.SetMergedInto(ctx, pubName.EntityID, both.EntityID) }); err != nil {
			t.Fatal(err)
		}
		r, err := resolve.New(ctx, st)
		if err != nil {
			t.Fatal(err)
		}
		pub.r = r
		if q := pub.place(found(model.Public, "Abu Jaafar")); q.EntityID == both.EntityID {
			t.Errorf("a public report linked through a confidential alias: %+v", q)
		}
		if q := pub.place(found(model.Public, "Bassam Darwish")); q.EntityID != both.EntityID || !q.Linked {
			t.Errorf("a public report did not link through the public name: %+v", q)
		}

	})
}
