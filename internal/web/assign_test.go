package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

func TestAssignedReview(t *testing.T) {
	r := newRig(t, "")
	ctx := context.Background()
	pub := r.sources[model.Public].src
	conf := r.sources[model.Confidential].src
	rania, err := r.st.UserByName(ctx, "rania")
	if err != nil {
		t.Fatal(err)
	}
	rc := r.login("rania")
	// Without assigned work, the queue is the whole queue.
	body := rc.get("/review").body
	contains(t, "rania's queue", body, `id="show-mine"`, "The whole queue")
	contains(t, "rania's dashboard", rc.get("/").body, `id="assigned-count">Assigned to you: 0`)

	adel := r.login("adel")
	page := "/sources/" + pub.ID
	contains(t, "the source page", adel.get(page).body, `id="assignment"`, "Not assigned", `value="`+rania.ID+`"`)
	lacks(t, "vera's source page", r.login("vera").get(page).body, `id="assignment"`)
	if resp := adel.post(page, page+"/assign", url.Values{"reviewer": {rania.ID}}); resp.status != http.StatusSeeOther {
		t.Fatalf("assign: %d", resp.status)
	}
	contains(t, "the source page", adel.get(page).body, `id="assignee">Assigned to <strong><bdi>rania</bdi>`)
	// Not to a reviewer without clearance for the source.
	if resp := adel.post("/sources/"+conf.ID, "/sources/"+conf.ID+"/assign", url.Values{"reviewer": {rania.ID}}); resp.status != http.StatusBadRequest {
		t.Errorf("assigning a confidential source to a restricted reviewer: %d", resp.status)
	}
	want, err := r.st.CountAssigned(ctx, r.viewerFor(t, "rania"), rania.ID)
	if err != nil || want == 0 {
		t.Fatalf("assigned work: %d %v", want, err)
	}
	contains(t, "rania's dashboard", rc.get("/").body, fmt.Sprintf(`id="assigned-count">Assigned to you: %d`, want))
	// Her queue now opens on her work, each item showing its assignee.
	body = rc.get("/review").body
	contains(t, "rania's queue", body, fmt.Sprintf("Assigned to me: %d", want), `id="show-all"`, `class="badge assignee"`)
	if n := strings.Count(body, `class="card review-item"`); n != want {
		t.Errorf("her queue shows %d items, want %d", n, want)
	}
	if strings.Count(body, `href="/sources/`) != strings.Count(body, `href="/sources/`+pub.ID+`"`) {
		t.Error("her queue holds statements of sources not assigned to her")
	}
	all := rc.get("/review?mine=0").body
	if n := strings.Count(all, `class="card review-item"`); n <= want {
		t.Errorf("the whole queue shows %d items, no more than her %d", n, want)
	}
	// Reviewers assign too; every change is logged with its actor.
	if resp := rc.post(page, page+"/assign", url.Values{"reviewer": {""}}); resp.status != http.StatusSeeOther {
		t.Fatalf("unassign: %d", resp.status)
	}
	log, err := r.st.AssignmentLog(ctx, pub.ID)
	if err != nil || len(log) != 2 || log[0].Actor != "adel" || log[1].Actor != "rania" || log[1].Action != "unassign" {
		t.Errorf("assignment log: %+v %v", log, err)
	}
	contains(t, "rania's queue", rc.get("/review").body, "The whole queue")
}

var nextPage = regexp.MustCompile(`<a href="([^"]+)" id="next-page">`)

func TestEntitiesPaging(t *testing.T) {
	r := newRig(t, "")
	const extra = 2*entitiesPerPage + 7
	ctx := context.Background()
	err := r.st.Write(ctx, "tester", func(tx *store.Tx) error {
		for i := range extra {
			e, err := tx.AddEntity(ctx, model.TypePerson)
			if err != nil {
				return err
			}
			st := model.Statement{EntityID: e.ID, Property: "name", Value: fmt.Sprintf("Paged Person %03d", i),
				SourceID: r.fx.wire.ID, Origin: "manual", Status: model.StatusConfirmed}
			if err := tx.AddStatement(ctx, &st); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	c := r.login("vera")
	seen := map[string]bool{}
	next, pages := "/entities?type=person", 0
	total := 0
	for next != "" {
		body := c.get(next).body
		pages++
		if pages == 1 {
			n, err := r.st.CountEntities(ctx, r.viewerFor(t, "vera"), model.TypePerson, 0)
			if err != nil {
				t.Fatal(err)
			}
			total = n
			contains(t, "the first page", body, fmt.Sprintf(`id="entity-count">%d entities`, n))
			lacks(t, "the first page", body, `id="first-page"`)
		} else {
			contains(t, "a later page", body, `<a href="/entities?type=person" id="first-page">`)
		}
		rows := strings.Count(body, "<tr>") - 1
		if rows > entitiesPerPage {
			t.Fatalf("page %d shows %d entities", pages, rows)
		}
		for i := range extra {
			name := fmt.Sprintf("Paged Person %03d<", i)
			if strings.Contains(body, name) {
				if seen[name] {
					t.Errorf("%s on two pages", name)
				}
				seen[name] = true
			}
		}
		next = ""
		if m := nextPage.FindStringSubmatch(body); m != nil {
			next = strings.ReplaceAll(m[1], "&amp;", "&")
			if !strings.Contains(next, "type=person") {
				t.Fatalf("the next page drops the filter: %s", next)
			}
		}
		if pages > 10 {
			t.Fatal("paging does not end")
		}
	}
	if len(seen) != extra || pages != total/entitiesPerPage+1 {
		t.Errorf("saw %d of %d added persons on %d pages (total %d)", len(seen), extra, pages, total)
	}
}
