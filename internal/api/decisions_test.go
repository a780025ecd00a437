package api

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/athar-project/athar/internal/model"
)

// No lost decisions in the API: two decisions sent at once on the same
// proposed statement — one wins, the other is 409 naming the current state,
// and the statement is as the winner left it; a reopen made on the current
// state undoes it, and the ledger keeps both.
func TestConcurrentDecisions(t *testing.T) {
	engines(t, func(t *testing.T, r *rig) {
		path := "/api/v1/statements/" + r.fx.proposed + "/review"
		bodies := map[string]map[string]string{
			"rania": {"decision": "confirm"},
			"adel":  {"decision": "reject", "from": "proposed", "comment": "not him"},
		}
		got := map[string]response{}
		var mu sync.Mutex
		var wg sync.WaitGroup
		for who, b := range bodies {
			wg.Add(1)
			go func() {
				defer wg.Done()
				resp := r.postJSON(path, who, b)
				mu.Lock()
				got[who] = resp
				mu.Unlock()
			}()
		}
		wg.Wait()
		won, lost := "rania", "adel"
		if got["adel"].status == http.StatusOK {
			won, lost = "adel", "rania"
		}
		if got[won].status != http.StatusOK || got[lost].status != http.StatusConflict {
			t.Fatalf("two decisions at once: rania %d, adel %d; want one 200 and one 409", got["rania"].status, got["adel"].status)
		}
		now := got[won].json(t)["status"].(string)
		if !strings.Contains(string(got[lost].body), `"value":"`+now+`"`) || !strings.Contains(string(got[lost].body), "nothing was changed") {
			t.Errorf("the refusal does not name the current state %s: %s", now, got[lost].body)
		}
		st, err := r.st.Statement(context.Background(), accessAll(), r.fx.proposed)
		if err != nil || string(st.Status) != now || st.Reviewer != won {
			t.Fatalf("stored after the race: %s by %s (%v), want %s by %s", st.Status, st.Reviewer, err, now, won)
		}
		undo := r.postJSON(path, lost, map[string]string{"decision": "reopen", "from": now, "comment": "undo"})
		if undo.status != http.StatusOK || undo.json(t)["status"] != string(model.StatusProposed) {
			t.Fatalf("reopen: %d %s", undo.status, undo.body)
		}
		ledger, err := r.st.Ledger(context.Background(), 0, 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		var actors []string
		for _, e := range ledger {
			if e.Table == "statements" && e.RowID == r.fx.proposed && e.Action == "update" {
				actors = append(actors, e.Actor)
			}
		}
		if len(actors) != 2 || actors[0] != won || actors[1] != lost {
			t.Errorf("ledger updates of the statement by %v, want %s then %s", actors, won, lost)
		}
	})
}
