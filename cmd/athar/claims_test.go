package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

type claimsOut []struct {
	EntityID   string `json:"entity_id"`
	Kind       string `json:"kind"`
	Value      string `json:"value"`
	Statements []struct {
		ID     string `json:"id"`
		Status string `json:"status"`
	} `json:"statements"`
	Quotes []struct {
		Mark string `json:"mark"`
	} `json:"quotes"`
}

type decideOut struct {
	Decision string `json:"decision"`
	DryRun   bool   `json:"dry_run"`
	Claims   int    `json:"claims"`
	Changes  []struct {
		ID, From, To string
	} `json:"changes"`
}

// athar claims list and decide: the queue by claim, filtered; a bulk
// decision by filter previewed by a dry run that changes nothing, then
// made; the same decision again refused (the statements are no longer
// proposed) with nothing changed; the undo by id; and the refusals a
// script needs to see (no reason, no statements, ids and a filter both).
func TestClaimsCommands(t *testing.T) {
	data := filepath.Join(t.TempDir(), "d")
	if r := athar(t, "", "--data", data, "demo"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	run := func(want int, args ...string) string {
		t.Helper()
		r := athar(t, "", append([]string{"--data", data}, args...)...)
		if r.code != want {
			t.Fatalf("%v: exit %d, want %d\n%s%s", args, r.code, want, r.stdout, r.stderr)
		}
		return r.stdout + r.stderr
	}
	list := func(args ...string) claimsOut {
		t.Helper()
		var out claimsOut
		if err := json.Unmarshal([]byte(run(0, append([]string{"claims", "list", "--json"}, args...)...)), &out); err != nil {
			t.Fatal(err)
		}
		return out
	}
	all := list()
	if len(all) == 0 {
		t.Fatal("the demo has no claims to review")
	}
	person := all[0].EntityID
	arrests := list("--entity", person, "--type", "arrest")
	if len(arrests) == 0 {
		t.Fatalf("no arrest claims about %s", person)
	}
	ids := map[string]bool{}
	for _, c := range arrests {
		if c.Kind != "event" || c.Value != "arrest" || len(c.Quotes) == 0 {
			t.Errorf("claim %+v", c)
		}
		for _, s := range c.Statements {
			if s.Status != "proposed" {
				t.Errorf("statement %s is %s in the queue", s.ID, s.Status)
			}
			ids[s.ID] = true
		}
	}
	if got := list("--entity", person, "--type", "arrest", "--limit", "1"); len(got) != 1 {
		t.Errorf("--limit 1 gave %d claims", len(got))
	}
	if h := run(0, "claims", "list", "--entity", person); !strings.Contains(h, "PRIORITY") || !strings.Contains(h, "arrest") {
		t.Errorf("claims list for people:\n%s", h)
	}

	decide := func(want int, args ...string) decideOut {
		t.Helper()
		var out decideOut
		s := run(want, append([]string{"--json", "claims", "decide"}, args...)...)
		if want == 0 {
			if err := json.Unmarshal([]byte(s), &out); err != nil {
				t.Fatalf("%v: %v\n%s", args, err, s)
			}
		}
		return out
	}
	filter := []string{"--entity", person, "--type", "arrest", "--reason", "Matches the court record of 2025."}
	dry := decide(0, append([]string{"confirm", "--dry-run"}, filter...)...)
	if !dry.DryRun || dry.Claims != len(arrests) || len(dry.Changes) != len(ids) {
		t.Fatalf("dry run: %+v, want %d claims and %d statements", dry, len(arrests), len(ids))
	}
	if again := list("--entity", person, "--type", "arrest"); len(again) != len(arrests) {
		t.Fatalf("after the dry run %d claims await review, want %d", len(again), len(arrests))
	}
	done := decide(0, append([]string{"confirm"}, filter...)...)
	if done.DryRun || len(done.Changes) != len(ids) {
		t.Fatalf("decision: %+v", done)
	}
	for _, c := range done.Changes {
		if !ids[c.ID] || c.From != "proposed" || c.To != "confirmed" {
			t.Errorf("change %+v", c)
		}
	}
	if left := list("--entity", person, "--type", "arrest"); len(left) != 0 {
		t.Errorf("%d arrest claims left after confirming them", len(left))
	}

	// The same statements decided again as if still proposed (a second
	// script, a double run): refused, nothing changed.
	var some []string
	for id := range ids {
		some = append(some, id)
	}
	if msg := run(2, append([]string{"claims", "decide", "reject", "--reason", "stale"}, some...)...); !strings.Contains(msg, "now confirmed") {
		t.Errorf("a stale decision: %s", msg)
	}
	// The undo: reopen each as confirmed.
	var undo []string
	for _, id := range some {
		undo = append(undo, id+":confirmed")
	}
	back := decide(0, append([]string{"reopen", "--reason", "Confirmed by mistake: the record names another man."}, undo...)...)
	if len(back.Changes) != len(some) || back.Changes[0].To != "proposed" || back.Changes[0].From != "confirmed" {
		t.Errorf("undo: %+v", back)
	}
	if again := list("--entity", person, "--type", "arrest"); len(again) != len(arrests) {
		t.Errorf("after the undo %d claims await review, want %d", len(again), len(arrests))
	}

	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"no reason", []string{"confirm", "--entity", person}, "--reason"},
		{"no statements", []string{"confirm", "--reason", "r"}, "--all"},
		{"ids and a filter", []string{"confirm", "--reason", "r", "--entity", person, some[0]}, "not both"},
		{"an edit", []string{"edit", "--reason", "r", some[0]}, "want confirm, reject or reopen"},
		{"a bad state", []string{"reopen", "--reason", "r", some[0] + ":maybe"}, "want proposed, confirmed or rejected"},
		{"reopen by filter", []string{"reopen", "--reason", "r", "--entity", person}, "by id"},
		{"no such statement", []string{"confirm", "--reason", "r", "no-such-statement"}, "no such statement"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if msg := run(2, append([]string{"claims", "decide"}, c.args...)...); !strings.Contains(msg, c.want) {
				t.Errorf("%v: %s, want it to say %q", c.args, msg, c.want)
			}
		})
	}
	if again := list("--entity", person, "--type", "arrest"); len(again) != len(arrests) {
		t.Errorf("after the refusals %d claims await review, want %d", len(again), len(arrests))
	}
	run(0, "verify")
}
