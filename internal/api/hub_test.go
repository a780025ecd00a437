package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"testing"

	"github.com/athar-project/athar/internal/casefile"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// seedHub adds a facility that more events name than a page lists (public
// ones, and confidential ones only an account cleared for them may see)
// and that more name statements give than one answer holds.
func seedHub(t *testing.T, st *store.Store, public, confidential, names int) (hub string, open, secret []string) {
	t.Helper()
	ctx := context.Background()
	src := func(sens model.Sensitivity) model.Source {
		text := fmt.Sprintf("A report on the hub prison, at level %s.", sens)
		s := model.Source{Kind: model.KindArticle, Title: "Hub report", Text: text, Language: "en", Sensitivity: sens,
			Published: model.DayDate(2024, 1, 1)}
		if err := st.Write(ctx, "tester", func(tx *store.Tx) error { return tx.AddSource(ctx, &s, []byte(text)) }); err != nil {
			t.Fatal(err)
		}
		return s
	}
	pub, conf := src(model.Public), src(model.Confidential)
	err := st.Write(ctx, "tester", func(tx *store.Tx) error {
		f, err := tx.AddEntity(ctx, model.TypeFacility)
		if err != nil {
			return err
		}
		hub = f.ID
		for range names {
			if err := tx.AddStatement(ctx, &model.Statement{EntityID: hub, Property: model.PropName, Value: "Hub Prison Marker",
				SourceID: pub.ID, Origin: "manual", Status: model.StatusConfirmed}); err != nil {
				return err
			}
		}
		for i := range public + confidential {
			s := pub
			if i >= public {
				s = conf
			}
			ev, err := tx.AddEntity(ctx, model.TypeEvent)
			if err != nil {
				return err
			}
			date := model.DayDate(2010+i%5, 1+i%12, 1+i%28) // some share a date
			for _, st := range []model.Statement{
				{Property: model.PropEventType, Value: "arrest"},
				{Property: model.PropLocation, Value: "Hub Prison Marker", ValueEntity: hub},
			} {
				st.EntityID, st.SourceID, st.Origin, st.Status, st.DateStart, st.Sensitivity = ev.ID, s.ID, "manual", model.StatusConfirmed, date, s.Sensitivity
				if err := tx.AddStatement(ctx, &st); err != nil {
					return err
				}
			}
			if s.ID == pub.ID {
				open = append(open, ev.ID)
			} else {
				secret = append(secret, ev.ID)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return hub, open, secret
}

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
		hub, open, secret := seedHub(t, r.st, casefile.BoundedEvents+6, 5, names)
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
			if g, w := sortedIDs(walked), sortedIDs(tc.want); !slices.Equal(g, w) {
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

func sortedIDs(xs []string) []string {
	out := slices.Clone(xs)
	slices.Sort(out)
	return out
}
