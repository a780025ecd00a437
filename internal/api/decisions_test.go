package api

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/athar-project/athar/internal/apptest"
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

// Review by claim in the API: the person's claims grouped across sources,
// one decision on a claim's statements, 409 when it is sent again, a
// preview that changes nothing.
func TestReviewClaims(t *testing.T) {
	engines(t, func(t *testing.T, r *rig) {
		c := apptest.SeedCase(t, r.st)
		got := r.get("/api/v1/review-claims?entity="+c.Person+"&limit=2", "rania")
		if got.status != http.StatusOK {
			t.Fatalf("claims: %d %s", got.status, got.body)
		}
		var out struct {
			Total int `json:"total"`
			Items []struct {
				Kind, Value string
				Sources     []string
				Statements  []struct{ ID, Status string }
				Quotes      []struct{ Mark string }
			}
		}
		if err := json.Unmarshal(got.body, &out); err != nil {
			t.Fatal(err)
		}
		if out.Total != 5 || len(out.Items) != 2 || out.Items[0].Kind != "event" || out.Items[0].Value != "arrest" ||
			len(out.Items[0].Sources) != 6 || len(out.Items[0].Statements) != 18 || out.Items[0].Quotes[0].Mark != "arrested" {
			t.Fatalf("claims: %s", got.body)
		}
		var sts []map[string]string
		for _, s := range out.Items[0].Statements {
			sts = append(sts, map[string]string{"id": s.ID, "from": s.Status})
		}
		body := map[string]any{"decision": "confirm", "statements": sts, "preview": true}
		if pre := r.postJSON("/api/v1/review-decisions", "rania", body); pre.status != http.StatusOK || !strings.Contains(string(pre.body), `"preview":true`) {
			t.Fatalf("preview: %d %s", pre.status, pre.body)
		}
		delete(body, "preview")
		if done := r.postJSON("/api/v1/review-decisions", "rania", body); done.status != http.StatusOK || strings.Count(string(done.body), `"status":"confirmed"`) != 18 {
			t.Fatalf("confirm: %d %s", done.status, done.body)
		}
		if again := r.postJSON("/api/v1/review-decisions", "adel", body); again.status != http.StatusConflict || !strings.Contains(string(again.body), `"value":"confirmed"`) {
			t.Errorf("again: %d %s", again.status, again.body)
		}
		for _, q := range []string{"modality=sure", "min_confidence=2"} {
			if bad := r.get("/api/v1/review-claims?"+q, "rania"); bad.status != http.StatusBadRequest {
				t.Errorf("%s: %d", q, bad.status)
			}
		}
		if none := r.get("/api/v1/review-claims?entity=nonexistent", "rania"); none.status != http.StatusNotFound {
			t.Errorf("no such entity: %d", none.status)
		}
	})
}
