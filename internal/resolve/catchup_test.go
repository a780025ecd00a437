package resolve_test

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/resolve"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/pgtest"
	"github.com/athar-project/athar/internal/store/storetest"
)

// workers opens n handles on one new store of each engine, as n worker
// processes would (each its own connections), each with a source of its own
// and a resolver built while the store holds no person yet.
func workers(t *testing.T, n int, test func(t *testing.T, ws []*fixture)) {
	workersAt(t, n, model.Public, test)
}

// workersAt is workers whose sources are at level.
func workersAt(t *testing.T, n int, level model.Sensitivity, test func(t *testing.T, ws []*fixture)) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			cfg := store.Config{DataDir: t.TempDir()}
			if engine == "postgres" {
				cfg.DBURL = pgtest.URL(t)
			}
			ws := make([]*fixture, n)
			for i := range ws {
				// one after another: opening runs the migrations
				ws[i] = newFixture(t, storetest.Open(t, cfg), level)
			}
			test(t, ws)
		})
	}
}

// placeName places a person's name through a worker's resolver and states
// it, as an ingest does, and returns the entity it went to.
func placeName(ctx context.Context, w *fixture, name string) (string, error) {
	var p resolve.Placement
	b := w.r.Begin()
	err := w.st.Write(ctx, "extractor-test", func(tx *store.Tx) error {
		var err error
		found := person(name)
		found.Sensitivity = w.src.Sensitivity // as the pipeline places a source's names
		if p, err = b.Place(ctx, tx, found); err != nil {
			return err
		}
		return tx.AddStatement(ctx, &model.Statement{EntityID: p.EntityID, Property: model.PropName, Value: name,
			SourceID: w.src.ID, Origin: "extracted:test@1"})
	})
	if err != nil {
		b.Abort(ctx)
		return "", fmt.Errorf("%s: %w", name, err)
	}
	return p.EntityID, nil
}

// placeNameReadingAhead is placeName with the candidates weighed before
// the transaction (Resolver.ReadAhead), as the pipeline places a source's
// names.
func placeNameReadingAhead(ctx context.Context, w *fixture, name string) (string, error) {
	found := person(name)
	found.Sensitivity = w.src.Sensitivity
	a, err := w.r.ReadAhead(ctx, []resolve.Found{found})
	if err != nil {
		return "", err
	}
	var p resolve.Placement
	b := w.r.BeginWith(a)
	err = w.st.Write(ctx, "extractor-test", func(tx *store.Tx) error {
		var err error
		if p, err = b.Place(ctx, tx, found); err != nil {
			return err
		}
		return tx.AddStatement(ctx, &model.Statement{EntityID: p.EntityID, Property: model.PropName, Value: name,
			SourceID: w.src.ID, Origin: "extracted:test@1"})
	})
	if err != nil {
		b.Abort(ctx)
		return "", fmt.Errorf("%s: %w", name, err)
	}
	return p.EntityID, nil
}

// personsNamed maps each name to the unmerged persons that carry it.
func personsNamed(t *testing.T, st *store.Store) map[string][]string {
	t.Helper()
	ents, err := st.Entities(context.Background(), access.Operator(), model.TypePerson)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, e := range ents {
		for _, n := range e.Names {
			out[n] = append(out[n], e.ID)
		}
	}
	return out
}

var newPersons = []string{"Nizar Abd al-Karim Sabbagh", "Ghiath Mahmoud Qassab", "Rafif Suleiman Haddad", "Yamen Adib Khouri"}

// A worker whose index was built before another stored a person links
// that person's next mention to the entity the other made; so too when the
// names come from confidential testimonies, whose values are stored sealed
// and reach the other workers' indexes opened.
func TestWorkerLearnsWhatAnotherStored(t *testing.T) {
	for _, level := range []model.Sensitivity{model.Public, model.Confidential} {
		t.Run(level.String(), func(t *testing.T) { learnsWhatAnotherStored(t, level) })
	}
}

func learnsWhatAnotherStored(t *testing.T, level model.Sensitivity) {
	workersAt(t, 3, level, func(t *testing.T, ws []*fixture) {
		ctx := context.Background()
		for _, name := range newPersons {
			var ids []string
			for _, w := range ws {
				id, err := placeName(ctx, w, name)
				if err != nil {
					t.Fatal(err)
				}
				ids = append(ids, id)
			}
			for i, id := range ids[1:] {
				if id != ids[0] {
					t.Errorf("%s: worker %d placed it on %s, worker 0 on %s", name, i+1, id, ids[0])
				}
			}
		}
		for _, name := range newPersons {
			if got := personsNamed(t, ws[0].st)[name]; len(got) != 1 {
				t.Errorf("%s is carried by %d persons, want 1: %v", name, len(got), got)
			}
		}
	})
}

// Workers that meet the same new persons at the same time make one entity
// of each: catching up and deciding happen under the ledger's lock — also
// when they weighed the candidates before their transactions, when another
// worker had not yet stored the person.
func TestParallelWorkersMakeOneEntityPerNewPerson(t *testing.T) {
	for _, place := range []struct {
		name string
		fn   func(context.Context, *fixture, string) (string, error)
	}{{"reads under the lock", placeName}, {"reads ahead", placeNameReadingAhead}} {
		t.Run(place.name, func(t *testing.T) { parallelWorkers(t, place.fn) })
	}
}

func parallelWorkers(t *testing.T, placeName func(context.Context, *fixture, string) (string, error)) {
	workers(t, 3, func(t *testing.T, ws []*fixture) {
		ctx := context.Background()
		var wg sync.WaitGroup
		errs := make(chan error, len(ws)*len(newPersons))
		for i, w := range ws {
			wg.Add(1)
			go func() {
				defer wg.Done()
				// each worker meets the names in another order
				for j := range newPersons {
					name := newPersons[(i+j)%len(newPersons)]
					if _, err := placeName(ctx, w, name); err != nil {
						errs <- err
						return
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		named := personsNamed(t, ws[0].st)
		for _, name := range newPersons {
			if got := named[name]; len(got) != 1 {
				t.Errorf("%s is carried by %d persons, want 1: %v", name, len(got), got)
			}
		}
	})
}

// A merge judged through one worker reaches another's matching: the
// merged entity leaves its index, the entity it joined answers for both
// names.
func TestMatchSeesAnotherWorkersMerge(t *testing.T) {
	workers(t, 2, func(t *testing.T, ws []*fixture) {
		ctx := context.Background()
		a, err := placeName(ctx, ws[0], "Talal Fawzi Darwish")
		if err != nil {
			t.Fatal(err)
		}
		b, err := placeName(ctx, ws[0], "Abu Firas al-Homsi")
		if err != nil {
			t.Fatal(err)
		}
		if a == b {
			t.Fatalf("two different names went to one entity %s", a)
		}
		// The second worker's index knows neither yet; matching catches up.
		cands, err := ws[1].r.Match(ctx, access.Operator(), "Abu Firas al-Homsi", model.TypePerson, 5)
		if err != nil {
			t.Fatal(err)
		}
		if len(cands) == 0 || cands[0].EntityID != b {
			t.Fatalf("before the merge, Abu Firas al-Homsi matched %+v, want %s first", cands, b)
		}
		if err := ws[0].r.Judge(ctx, access.Operator(), a, b, model.Same, "one man"); err != nil {
			t.Fatal(err)
		}
		cands, err = ws[1].r.Match(ctx, access.Operator(), "Abu Firas al-Homsi", model.TypePerson, 5)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, c := range cands {
			ids = append(ids, c.EntityID)
		}
		sort.Strings(ids)
		if len(ids) != 1 || ids[0] != a {
			t.Errorf("after the merge, Abu Firas al-Homsi matched %v, want only %s (the entity %s joined)", ids, a, b)
		}
		// Split again: the second worker sees two entities once more.
		if err := ws[0].r.Unmerge(ctx, access.Operator(), b); err != nil {
			t.Fatal(err)
		}
		cands, err = ws[1].r.Match(ctx, access.Operator(), "Abu Firas al-Homsi", model.TypePerson, 5)
		if err != nil {
			t.Fatal(err)
		}
		if len(cands) == 0 || cands[0].EntityID != b {
			t.Errorf("after the split, Abu Firas al-Homsi matched %+v, want %s first", cands, b)
		}
		for _, c := range cands {
			if c.EntityID == a && c.Name == "Abu Firas al-Homsi" {
				t.Errorf("after the split, %s still answers for Abu Firas al-Homsi: %+v", a, c)
			}
		}
	})
}

// On PostgreSQL, a worker that meets a new person while another holds an
// uncommitted entity for that person waits for it, then links to it: the
// catch-up and the decision happen under the ledger's lock. The first
// worker commits only once the second is seen waiting for that lock, so
// without the lock the second would decide on an index that lacks the
// person, every time.
func TestWorkerWaitsForAnUncommittedPerson(t *testing.T) {
	ctx := context.Background()
	cfg := store.Config{DataDir: t.TempDir(), DBURL: pgtest.URL(t)}
	a := newFixture(t, storetest.Open(t, cfg), model.Public)
	b := newFixture(t, storetest.Open(t, cfg), model.Public)
	db, err := sql.Open("pgx", cfg.DBURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	const name = "Marwan Shafiq Azzam"
	var first string
	done := make(chan error, 1)
	var second string
	batch := a.r.Begin()
	err = a.st.Write(ctx, "extractor-test", func(tx *store.Tx) error {
		p, err := batch.Place(ctx, tx, person(name))
		if err != nil {
			return err
		}
		first = p.EntityID
		if err := tx.AddStatement(ctx, &model.Statement{EntityID: p.EntityID, Property: model.PropName, Value: name,
			SourceID: a.src.ID, Origin: "extracted:test@1"}); err != nil {
			return err
		}
		go func() {
			var err error
			second, err = placeName(ctx, b, name)
			done <- err
		}()
		// Commit only once the second worker waits on a lock.
		for {
			var waiting int
			if err := db.QueryRowContext(ctx, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())").Scan(&waiting); err != nil {
				return err
			}
			if waiting > 0 {
				return nil
			}
			select {
			case err := <-done:
				return fmt.Errorf("the second worker finished while the first held its transaction open: %v", err)
			case <-time.After(10 * time.Millisecond):
			}
		}
	})
	if err != nil {
		batch.Abort(ctx)
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if second != first {
		t.Errorf("the second worker placed %s on %s, the first on %s", name, second, first)
	}
	if got := personsNamed(t, a.st)[name]; len(got) != 1 {
		t.Errorf("%s is carried by %d persons, want 1: %v", name, len(got), got)
	}
}

// A name rejected in review through one worker stops answering in
// another's matching; a name stated through one worker on an entity the
// other already knows is found under that entity.
func TestMatchSeesAnotherWorkersReview(t *testing.T) {
	workers(t, 2, func(t *testing.T, ws []*fixture) {
		ctx := context.Background()
		id, err := placeName(ctx, ws[0], "Hisham Nabil Qaddour")
		if err != nil {
			t.Fatal(err)
		}
		var alias model.Statement
		err = ws[0].st.Write(ctx, "extractor-test", func(tx *store.Tx) error {
			alias = model.Statement{EntityID: id, Property: model.PropAlias, Value: "Abu Nabil al-Qaddour", SourceID: ws[0].src.ID, Origin: "extracted:test@1"}
			return tx.AddStatement(ctx, &alias)
		})
		if err != nil {
			t.Fatal(err)
		}
		match := func(name string) []string {
			t.Helper()
			cands, err := ws[1].r.Match(ctx, access.Operator(), name, model.TypePerson, 5)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, c := range cands {
				if c.Name == name {
					out = append(out, c.EntityID)
				}
			}
			return out
		}
		if got := match("Abu Nabil al-Qaddour"); len(got) != 1 || got[0] != id {
			t.Fatalf("the alias stated through the other worker matched %v, want %s", got, id)
		}
		err = ws[0].st.Write(ctx, "reviewer", func(tx *store.Tx) error {
			return tx.Review(ctx, alias.ID, model.StatusRejected, "not his")
		})
		if err != nil {
			t.Fatal(err)
		}
		if got := match("Abu Nabil al-Qaddour"); len(got) != 0 {
			t.Errorf("the rejected alias still answers for %v", got)
		}
		if got := match("Hisham Nabil Qaddour"); len(got) != 1 || got[0] != id {
			t.Errorf("the name left matched %v, want %s", got, id)
		}
	})
}

// A name that one worker's re-extraction removes leaves another worker's
// index at its next catch-up, not at the hourly rebuild: the re-extraction
// records in the ledger the entity whose name went (ledger.ActionNames).
// The entity's other name stays.
func TestMatchSeesAnotherWorkersReextraction(t *testing.T) {
	workers(t, 2, func(t *testing.T, ws []*fixture) {
		ctx := context.Background()
		const name, alias = "Suhail Badr al-Jundi", "Abu Muhannad al-Jundi"
		id, err := placeName(ctx, ws[0], name)
		if err != nil {
			t.Fatal(err)
		}
		err = ws[0].st.Write(ctx, "tester", func(tx *store.Tx) error {
			return tx.AddStatement(ctx, &model.Statement{EntityID: id, Property: model.PropAlias, Value: alias, SourceID: ws[0].src.ID, Origin: "manual"})
		})
		if err != nil {
			t.Fatal(err)
		}
		matched := func(q string) []string {
			t.Helper()
			cands, err := ws[1].r.Match(ctx, access.Operator(), q, model.TypePerson, 5)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, c := range cands {
				out = append(out, c.EntityID+" as "+c.Name)
			}
			return out
		}
		want := id + " as " + name
		if got := matched(name); len(got) == 0 || got[0] != want {
			t.Fatalf("before the re-extraction %s matched %v, want %s first", name, got, want)
		}
		// A newer extractor no longer finds the name in worker 0's source.
		err = ws[0].st.Write(ctx, "reextract", func(tx *store.Tx) error {
			gone, err := tx.ClearMachineWork(ctx, ws[0].src.ID, "test@2", "extracted:test@2")
			if err == nil && gone.Statements != 1 {
				err = fmt.Errorf("re-extraction removed %d statements, want the name", gone.Statements)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range matched(name) {
			if m == want {
				t.Errorf("after the re-extraction %s still matches %s", name, m)
			}
		}
		if got := matched(alias); len(got) == 0 || got[0] != id+" as "+alias {
			t.Errorf("after the re-extraction %s matched %v, want %s first", alias, got, id)
		}
	})
}
