package api

import (
	"encoding/json"
	"net/url"
	"slices"
	"testing"

	"github.com/athar-project/athar/internal/apptest"
	"github.com/athar-project/athar/internal/casefile"
)

type hubAnswer struct {
	Names                []string          `json:"names"`
	Statements           map[string][]any  `json:"statements"`
	StatementsNextCursor *string           `json:"statements_next_cursor"`
	Events               []json.RawMessage `json:"events"`
	EventsNextCursor     *string           `json:"events_next_cursor"`
	Items                []struct {
		EventID string `json:"event_id"`
		ID      string `json:"id"`
	} `json:"items"`
	NextCursor *string `json:"next_cursor"`
}

// The entity endpoint of a hub answers a bounded amount — the latest page
// of its events and the first statements, each with a cursor — and the
// events listing walks its whole timeline, each event once, newest first;
// a caller of lower clearance walks pages that skip what it may not see,
// on both engines.
func TestHubEntityIsPaged(t *testing.T) {
	engines(t, func(t *testing.T, r *rig) {
		const names = entityStatementsShown + 9
		hub, open, secret := apptest.SeedHub(t, r.st, apptest.Hub{Public: casefile.BoundedEvents + 6, Confidential: 5, Names: names, SharedDates: true})
		read := func(path, who string) hubAnswer {
			t.Helper()
			resp := r.get(path, who)
			if resp.status != 200 {
				t.Fatalf("%s as %s: %d %s", path, who, resp.status, resp.body)
			}
			var a hubAnswer
			if err := json.Unmarshal(resp.body, &a); err != nil {
				t.Fatal(err)
			}
			return a
		}
		for _, tc := range []struct {
			who  string
			want []string
		}{{"adel", append(slices.Clone(open), secret...)}, {"vera", open}} {
			e := read("/api/v1/entities/"+hub, tc.who)
			if len(e.Events) != casefile.BoundedEvents || e.EventsNextCursor == nil {
				t.Fatalf("%s: the hub lists %d events (next %v), want the latest %d and a cursor", tc.who, len(e.Events), e.EventsNextCursor, casefile.BoundedEvents)
			}
			if n := len(e.Statements["name"]); n != entityStatementsShown || e.StatementsNextCursor == nil || !slices.Equal(e.Names, []string{"Hub Prison Marker"}) {
				t.Errorf("%s: %d statements, next %v, names %v", tc.who, n, e.StatementsNextCursor, e.Names)
			}
			rest := read("/api/v1/entities/"+hub+"/statements?limit=200&cursor="+url.QueryEscape(*e.StatementsNextCursor), tc.who)
			if len(rest.Items) != names-entityStatementsShown || rest.NextCursor != nil {
				t.Errorf("%s: the statements' next page has %d (next %v), want %d", tc.who, len(rest.Items), rest.NextCursor, names-entityStatementsShown)
			}
			// The events listing, a few a page, from the start; and from
			// where the entity's answer stopped.
			var walked []string
			cursor := ""
			for pages := 0; ; pages++ {
				if pages > 50 {
					t.Fatalf("%s: the events' pages do not end", tc.who)
				}
				p := "/api/v1/entities/" + hub + "/events?limit=7"
				if cursor != "" {
					p += "&cursor=" + url.QueryEscape(cursor)
				}
				a := read(p, tc.who)
				for _, it := range a.Items {
					walked = append(walked, it.EventID)
				}
				if a.NextCursor == nil {
					break
				}
				cursor = *a.NextCursor
			}
			if g, w := slices.Sorted(slices.Values(walked)), slices.Sorted(slices.Values(tc.want)); !slices.Equal(g, w) {
				t.Errorf("%s: walked %d events, want %d", tc.who, len(g), len(w))
			}
			older := read("/api/v1/entities/"+hub+"/events?limit=200&cursor="+url.QueryEscape(*e.EventsNextCursor), tc.who)
			if len(older.Items)+casefile.BoundedEvents != len(tc.want) || older.NextCursor != nil {
				t.Errorf("%s: %d events after the entity's page, want %d", tc.who, len(older.Items), len(tc.want)-casefile.BoundedEvents)
			}
		}
		// A cursor of another listing, or edited, is refused.
		for _, c := range []string{encodeCursor("statements", "x"), "bm90LWEtY3Vyc29y", encodeCursor(eventsCursorKind, "x", "y", "z")} {
			if resp := r.get("/api/v1/entities/"+hub+"/events?cursor="+url.QueryEscape(c), "vera"); resp.status != 400 {
				t.Errorf("cursor %q: %d, want 400", c, resp.status)
			}
		}
	})
}

// The case file of a hub — here a person in more than WholeEvents events
// — lists the latest page of its events with how many there are and a
// cursor that GET /entities/{id}/events continues from, and still gives
// the person's case status and fate; on both engines.
func TestHubCaseIsBounded(t *testing.T) {
	engines(t, func(t *testing.T, r *rig) {
		hub, open, secret := apptest.SeedHub(t, r.st, apptest.Hub{Public: casefile.WholeEvents + 20, Confidential: 5, Person: true})
		for _, tc := range []struct {
			who   string
			total int
		}{{"adel", len(open) + len(secret)}, {"vera", len(open)}} {
			resp := r.get("/api/v1/entities/"+hub+"/case", tc.who)
			if resp.status != 200 {
				t.Fatalf("%s: %d %s", tc.who, resp.status, resp.body)
			}
			var d casefile.Doc
			if err := json.Unmarshal(resp.body, &d); err != nil {
				t.Fatal(err)
			}
			if len(d.Events) != casefile.BoundedEvents || d.EventsTotal != tc.total || d.EventsMore || d.EventsNextCursor == nil {
				t.Fatalf("%s: %d events of %d (more %v), next %v; want %d of %d and a cursor", tc.who, len(d.Events), d.EventsTotal,
					d.EventsMore, d.EventsNextCursor, casefile.BoundedEvents, tc.total)
			}
			if d.Status.Suggested == nil || d.Fate.Suggested == nil || d.StatusPartial {
				t.Errorf("%s: status %+v, fate %+v, partial %v", tc.who, d.Status, d.Fate, d.StatusPartial)
			}
			var older hubAnswer
			resp = r.get("/api/v1/entities/"+hub+"/events?limit=200&cursor="+url.QueryEscape(*d.EventsNextCursor), tc.who)
			if err := json.Unmarshal(resp.body, &older); err != nil || resp.status != 200 {
				t.Fatalf("%s: the events after the case file's: %d %v", tc.who, resp.status, err)
			}
			seen := map[string]bool{}
			for _, ev := range d.Events {
				seen[ev.ID] = true
			}
			for _, it := range older.Items {
				if seen[it.EventID] {
					t.Errorf("%s: event %s listed twice", tc.who, it.EventID)
				}
				seen[it.EventID] = true
			}
			if len(seen) != tc.total || older.NextCursor != nil {
				t.Errorf("%s: the case file and the events after it list %d events, want %d", tc.who, len(seen), tc.total)
			}
		}
	})
}
