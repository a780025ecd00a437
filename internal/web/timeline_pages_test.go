package web

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/casefile"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

var eventRow = regexp.MustCompile(`id="ev-([0-9a-f-]+)"`)

// seedHub adds a facility that more events name than a page lists: public
// ones, and confidential ones only an account cleared for them may see.
func seedHub(t *testing.T, st *store.Store, public, confidential int) (hub string, open, secret []string) {
	t.Helper()
	ctx := context.Background()
	src := func(sens model.Sensitivity) model.Source {
		text := fmt.Sprintf("A report on the hub prison, at level %s.", sens)
		s := model.Source{Kind: model.KindArticle, Title: "Hub report " + sens.String(), Text: text, Language: "en", Sensitivity: sens,
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
		if err := tx.AddStatement(ctx, &model.Statement{EntityID: hub, Property: model.PropName, Value: "Hub Prison Marker",
			SourceID: pub.ID, Origin: "manual", Status: model.StatusConfirmed}); err != nil {
			return err
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
			// One date each, so that no two events share a row.
			date := model.DayDate(2010+i/84, 1+i%12, 1+i%28)
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

// A hub's timeline is read a page at a time: the entity page lists the
// latest events and links to the earlier ones; the timeline view's pages,
// followed link by link, show every event the viewer may see exactly once,
// and a viewer of lower clearance walks pages that skip what it may not see.
func TestHubTimelinePages(t *testing.T) {
	r := newRig(t, "")
	hub, open, secret := seedHub(t, r.st, casefile.BoundedEvents+12, 7)
	for _, tc := range []struct {
		user string
		want []string
	}{
		{"adel", append(slices.Clone(open), secret...)},
		{"vera", open},
	} {
		c := r.login(tc.user)
		first := c.get("/entities/" + hub)
		if first.status != http.StatusOK {
			t.Fatalf("%s: the hub's page: %d", tc.user, first.status)
		}
		if got := len(eventRow.FindAllString(first.body, -1)); got != casefile.BoundedEvents {
			t.Errorf("%s: the hub's page lists %d events, want the latest %d", tc.user, got, casefile.BoundedEvents)
		}
		contains(t, tc.user+"'s hub page", first.body, `id="timeline-older"`, fmt.Sprintf("of %d events", len(tc.want)))
		var seen []string
		next, pages := "/entities/"+hub+"/timeline", 0
		for next != "" {
			if pages++; pages > 10 {
				t.Fatalf("%s: the timeline's pages do not end", tc.user)
			}
			resp := c.get(next)
			if resp.status != http.StatusOK {
				t.Fatalf("%s: %s: %d", tc.user, next, resp.status)
			}
			for _, m := range eventRow.FindAllStringSubmatch(resp.body, -1) {
				seen = append(seen, m[1])
			}
			if pages > 1 {
				contains(t, tc.user+"'s later page", resp.body, `id="timeline-latest-page"`)
			}
			next = ""
			if m := regexp.MustCompile(`href="([^"]+)" id="timeline-older"`).FindStringSubmatch(resp.body); m != nil {
				next = strings.ReplaceAll(m[1], "&amp;", "&")
			}
		}
		if pages != 2 {
			t.Errorf("%s: %d pages, want 2", tc.user, pages)
		}
		if g, w := sortedIDs(seen), sortedIDs(tc.want); !slices.Equal(g, w) {
			t.Errorf("%s: the pages showed %d events (%d distinct), want %d", tc.user, len(seen), len(slices.Compact(g)), len(w))
		}
		if tc.user == "vera" {
			all := strings.Join(seen, " ")
			for _, id := range secret {
				if strings.Contains(all, id) {
					t.Errorf("vera's pages show the confidential event %s", id)
				}
			}
		}
	}
	// A place in the timeline that this site did not hand out is refused.
	if resp := r.login("vera").get("/entities/" + hub + "/timeline?before=not-a-place"); resp.status != http.StatusBadRequest {
		t.Errorf("a made-up place in the timeline: %d, want 400", resp.status)
	}
}

func sortedIDs(xs []string) []string {
	out := slices.Clone(xs)
	slices.Sort(out)
	return out
}
