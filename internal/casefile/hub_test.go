package casefile_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/apptest"
	"github.com/athar-project/athar/internal/casefile"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/pgtest"
	"github.com/athar-project/athar/internal/store/storetest"
)

// readCounted reads id's case file with o and counts the whole statements
// the store scanned for it.
func readCounted(t testing.TB, st *store.Store, v access.Viewer, id string, o casefile.Options) (*casefile.File, int64) {
	t.Helper()
	before := st.StatementsRead()
	f, err := casefile.New(st).Read(context.Background(), v, id, o)
	if err != nil {
		t.Fatalf("case file of %s: %v", id, err)
	}
	return f, st.StatementsRead() - before
}

// A hub's case file, as the API and `athar case` read it, and a hub
// person's bounded one, as its pages read it, scan as many statements
// whatever the number of events naming the hub: a page of the timeline,
// the hub's own statements and, for a person, the events that bear on the
// case status. The person's status and fate are those the whole timeline
// gives.
func TestHubCaseFileReadsBoundedRows(t *testing.T) {
	// What a case file may read of a hub, however many events name it: the
	// statements of a page of events, of the events that bear on a
	// person's status (the fixture's are PersonStory) and of a few in
	// which the person is the perpetrator, each event of the fixture having
	// at most 3, and the hub's own (a name).
	bound := int64(3*(casefile.BoundedEvents+len(apptest.PersonStory)+2*casefile.PerpetratorEvents) + 1)
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		for _, person := range []bool{false, true} {
			for _, size := range []int{casefile.WholeEvents + 30, 2*casefile.WholeEvents + 30} {
				hub, _, _ := apptest.SeedHub(t, st, apptest.Hub{Public: size, Person: person, SharedDates: true})
				for _, v := range []access.Viewer{access.Operator(), access.Public()} {
					name := fmt.Sprintf("person %v, viewer %s, %d events", person, v.Actor(), size)
					want := size // the events v may see
					if person && v.ConfirmedOnly() {
						for _, p := range apptest.PersonStory {
							if p.Status != model.StatusConfirmed {
								want--
							}
						}
					}
					for _, o := range []casefile.Options{{BoundHubs: true}, {Bounded: true}} {
						f, n := readCounted(t, st, v, hub, o)
						if len(f.Events) != casefile.BoundedEvents || f.TimelineNext == nil || f.TimelineTotal != want {
							t.Errorf("%s, %+v: %d events listed of %d, next %v; want %d of %d and a next page", name, o,
								len(f.Events), f.TimelineTotal, f.TimelineNext, casefile.BoundedEvents, want)
						}
						if n > bound {
							t.Errorf("%s, %+v: %d statements read, more than %d", name, o, n, bound)
						}
						if !person {
							continue
						}
						whole, _ := readCounted(t, st, v, hub, casefile.Options{})
						if len(whole.Events) != want || f.StatusPartial {
							t.Fatalf("%s: the whole read has %d events; the bounded one says its status is partial: %v", name, len(whole.Events), f.StatusPartial)
						}
						if whole.Case.Suggested.Value == "" || whole.Fate.Suggested.Value == "" {
							t.Fatalf("%s: the fixture gives no status or fate: %s", name, statusOf(whole))
						}
						if got, want := statusOf(f), statusOf(whole); got != want {
							t.Errorf("%s, %+v: status and fate\n%s\nwant (from every event)\n%s", name, o, got, want)
						}
						// What exports carry (Reader.Status) is read as the
						// bounded case file reads it.
						before := st.StatementsRead()
						c, fate, err := casefile.NewReader(context.Background(), st, v).Status(model.Entity{ID: hub, Type: model.TypePerson})
						if err != nil {
							t.Fatal(err)
						}
						if got, want := statusOf(&casefile.File{Case: c, Fate: fate}), statusOf(whole); got != want || st.StatementsRead()-before > bound {
							t.Errorf("%s: Reader.Status read %d statements and gives\n%s\nwant\n%s", name, st.StatementsRead()-before, got, want)
						}
					}
				}
			}
		}
	})
}

// statusOf is a case file's status and fate, with the events and steps
// they rest on, as text to compare.
func statusOf(f *casefile.File) string {
	b, err := json.MarshalIndent(struct {
		Case casefile.Case
		Fate casefile.Fate
	}{f.Case, f.Fate}, "", " ")
	if err != nil {
		panic(err)
	}
	return string(b)
}

// An ordinary entity (in no more than WholeEvents events) is read whole
// by the API and `athar case` as before: the CONTRACTS output is the same.
func TestOrdinaryCaseFileWhole(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t, store.Config{DataDir: t.TempDir()})
	for _, person := range []bool{false, true} {
		hub, _, _ := apptest.SeedHub(t, st, apptest.Hub{Public: casefile.WholeEvents - 3, Confidential: 3, Person: person})
		for _, v := range []access.Viewer{access.Operator(), access.Public()} {
			hubs, err := casefile.New(st).Read(ctx, v, hub, casefile.Options{BoundHubs: true})
			if err != nil {
				t.Fatal(err)
			}
			whole, err := casefile.New(st).Read(ctx, v, hub, casefile.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(hubs.Doc(), whole.Doc()) {
				t.Errorf("person %v, %s: an ordinary entity's case file differs when hubs are bounded", person, v.Actor())
			}
			if n := len(whole.Doc().Events); n < casefile.WholeEvents && v.Actor() == access.Operator().Actor() {
				t.Errorf("person %v: %d events, want %d", person, n, casefile.WholeEvents)
			}
		}
	}
}

// BenchmarkHubCaseFile reads the case file of a person whom 5,000 events
// name, bounded (as the API, `athar case` and the pages now read a hub)
// and whole (as they read it before, and the dossier still does), and
// reports the statements each read scans.
//
// ATHAR_BENCH_PG=1 runs it on a throwaway PostgreSQL database instead of
// SQLite.
func BenchmarkHubCaseFile(b *testing.B) {
	cfg := store.Config{DataDir: b.TempDir()}
	if os.Getenv("ATHAR_BENCH_PG") != "" {
		cfg.DBURL = pgtest.URL(b)
	}
	st := storetest.Open(b, cfg)
	for _, person := range []bool{false, true} {
		hub, _, _ := apptest.SeedHub(b, st, apptest.Hub{Public: 5000, Person: person, SharedDates: true})
		kind := map[bool]string{false: "facility", true: "person"}[person]
		for _, bc := range []struct {
			name string
			o    casefile.Options
		}{{"bounded", casefile.Options{BoundHubs: true}}, {"whole", casefile.Options{}}} {
			b.Run(kind+"/"+bc.name, func(b *testing.B) {
				var n int64
				for b.Loop() {
					_, read := readCounted(b, st, access.Operator(), hub, bc.o)
					n += read
				}
				b.ReportMetric(float64(n)/float64(b.N), "statements/op")
			})
		}
	}
}
