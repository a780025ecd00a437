package web

import (
	"context"
	"net/http"
	"net/url"
	"sync"
	"testing"

	"github.com/athar-project/athar/internal/model"
)

// No lost decisions in the web UI: the review form carries the state it was
// shown with; of two reviewers deciding the same statement at once one
// wins, the other gets a page saying what the statement is now, and nothing
// of theirs is applied; an undo (reopen) restores the state before, and the
// ledger keeps both decisions.
func TestConcurrentDecisions(t *testing.T) {
	r := newRig(t, "")
	fx := r.fx
	rania, adel := r.login("rania"), r.login("adel")
	page := "/review?entity=" + fx.person
	contains(t, "the queue", rania.get(page).body, `name="from" value="proposed"`)

	forms := map[*client]url.Values{
		rania: {"action": {"confirm"}, "from": {"proposed"}, "return": {page}},
		adel:  {"action": {"edit"}, "from": {"proposed"}, "value": {"someone else"}, "return": {page}},
	}
	got := map[*client]response{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for c, f := range forms {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp := c.post(page, "/review/"+fx.proposed, f)
			mu.Lock()
			got[c] = resp
			mu.Unlock()
		}()
	}
	wg.Wait()
	var won, lost *client
	for c, resp := range got {
		switch resp.status {
		case http.StatusSeeOther:
			won = c
		case http.StatusConflict:
			lost = c
		}
	}
	if won == nil || lost == nil {
		t.Fatalf("two decisions at once: %d and %d, want one 303 and one 409", got[rania].status, got[adel].status)
	}
	contains(t, "the refusal", got[lost].body, `id="review-conflict"`, "Nothing was changed", `href="`+page+`"`)
	st := statement(t, r, fx.proposed)
	want := model.StatusConfirmed
	if won == adel {
		want = model.StatusRejected // the edit: rejected, its correction confirmed
	}
	if st.Status != want {
		t.Fatalf("after the race: %s, want %s", st.Status, want)
	}
	contains(t, "the refusal", got[lost].body, "it is now "+string(want)+".")

	// A double submission of the winning form is refused too.
	again := won.post(page, "/review/"+fx.proposed, url.Values{"action": {forms[won].Get("action")}, "from": {"proposed"}, "value": {"someone else"}})
	if again.status != http.StatusConflict {
		t.Errorf("the same form twice: %d", again.status)
	}

	// Undo: a reopen on the current state.
	before, _ := r.st.Ledger(context.Background(), 0, 1<<20)
	resp := lost.post(page, "/review/"+fx.proposed, url.Values{"action": {"reopen"}, "from": {string(want)}, "return": {page}})
	if resp.status != http.StatusSeeOther {
		t.Fatalf("reopen: %d", resp.status)
	}
	if st := statement(t, r, fx.proposed); st.Status != model.StatusProposed {
		t.Errorf("after the undo: %s", st.Status)
	}
	after, _ := r.st.Ledger(context.Background(), 0, 1<<20)
	var actors []string
	for _, e := range after {
		if e.Table == "statements" && e.RowID == fx.proposed && e.Action == "update" {
			actors = append(actors, e.Actor)
		}
	}
	wonName, lostName := "rania", "adel"
	if won == adel {
		wonName, lostName = "adel", "rania"
	}
	if len(after) <= len(before) || len(actors) != 2 || actors[0] != wonName || actors[1] != lostName {
		t.Errorf("ledger updates of the statement by %v, want %s's decision then %s's undo", actors, wonName, lostName)
	}
}
