package web

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/apptest"
	"github.com/athar-project/athar/internal/casefile"
)

var eventRow = regexp.MustCompile(`id="ev-([0-9a-f-]+)"`)

// A hub's timeline is read a page at a time: the entity page lists the
// latest events and links to the earlier ones; the timeline view's pages,
// followed link by link, show every event the viewer may see exactly once,
// and a viewer of lower clearance walks pages that skip what it may not see.
func TestHubTimelinePages(t *testing.T) {
	r := newRig(t, "")
	hub, open, secret := apptest.SeedHub(t, r.st, apptest.Hub{Public: casefile.BoundedEvents + 12, Confidential: 7})
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
		if g, w := slices.Sorted(slices.Values(seen)), slices.Sorted(slices.Values(tc.want)); !slices.Equal(g, w) {
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

// A person in more events than a case file reads whole is a hub too: the
// timeline view shows a page of events at a time, the pages together show
// each event once, and every page gives the case status the whole
// timeline gives (casefile's tests hold the bounded status to the whole).
func TestHubPersonTimelinePages(t *testing.T) {
	r := newRig(t, "")
	hub, open, _ := apptest.SeedHub(t, r.st, apptest.Hub{Public: casefile.WholeEvents + 12, Person: true})
	c := r.login("adel")
	var seen []string
	next, pages := "/entities/"+hub+"/timeline", 0
	for next != "" {
		if pages++; pages > 10 {
			t.Fatalf("the timeline's pages do not end")
		}
		resp := c.get(next)
		if resp.status != http.StatusOK {
			t.Fatalf("%s: %d", next, resp.status)
		}
		// The timeline's rows (the dates sources disagree on show some of
		// them above it too).
		_, timeline, _ := strings.Cut(resp.body, `<section class="card" id="timeline">`)
		rows := eventRow.FindAllStringSubmatch(timeline, -1)
		if len(rows) > casefile.BoundedEvents {
			t.Errorf("%s lists %d events, more than a page", next, len(rows))
		}
		for _, m := range rows {
			seen = append(seen, m[1])
		}
		contains(t, next, resp.body, `id="case-status"`, `id="timeline-latest"`)
		next = ""
		if m := regexp.MustCompile(`href="([^"]+)" id="timeline-older"`).FindStringSubmatch(resp.body); m != nil {
			next = strings.ReplaceAll(m[1], "&amp;", "&")
		}
	}
	if want := (len(open) + casefile.BoundedEvents - 1) / casefile.BoundedEvents; pages != want {
		t.Errorf("%d pages, want %d", pages, want)
	}
	if g, w := slices.Sorted(slices.Values(seen)), slices.Sorted(slices.Values(open)); !slices.Equal(g, w) {
		t.Errorf("the pages showed %d events, want %d", len(g), len(w))
	}
}
