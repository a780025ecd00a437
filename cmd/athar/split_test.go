package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// athar split: a name one source gives a person of the demo, taken off it
// onto a new person — previewed by a dry run that changes nothing, made,
// refused when sent again (the statement no longer stands on the person)
// and without a reason, and undone by merging the new person back.
func TestSplitCommand(t *testing.T) {
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
	var claims claimsOut
	if err := json.Unmarshal([]byte(run(0, "claims", "list", "--json", "--type", "name")), &claims); err != nil {
		t.Fatal(err)
	}
	var person, stmt string
	for _, c := range claims {
		if len(c.Statements) > 1 {
			person, stmt = c.EntityID, c.Statements[0].ID
			break
		}
	}
	if person == "" {
		t.Fatal("the demo has no name that several sources give")
	}
	split := func(want int, args ...string) splitJSON {
		t.Helper()
		var out splitJSON
		got := run(want, append([]string{"split", person, stmt, "--json"}, args...)...)
		if want == 0 {
			if err := json.Unmarshal([]byte(got), &out); err != nil {
				t.Fatalf("%v\n%s", err, got)
			}
		}
		return out
	}
	if got := run(2, "split", person, stmt); !strings.Contains(got, "--reason") {
		t.Errorf("a split without a reason: %s", got)
	}
	dry := split(0, "--reason", "another man of the same name", "--dry-run")
	if !dry.DryRun || dry.Entity != "" || len(dry.Moved) != 1 || dry.Moved[0].ID != stmt || dry.Stays == 0 {
		t.Fatalf("dry run: %+v", dry)
	}
	done := split(0, "--reason", "another man of the same name")
	if done.DryRun || done.Entity == "" || len(done.Moved) != 1 || done.Stays != dry.Stays {
		t.Fatalf("split: %+v", done)
	}
	var c struct {
		Names []string `json:"names"`
	}
	if err := json.Unmarshal([]byte(run(0, "case", done.Entity, "--json")), &c); err != nil || len(c.Names) == 0 {
		t.Errorf("the new person's case file: %+v %v", c, err)
	}
	if got := run(2, "split", person, stmt, "--reason", "again"); !strings.Contains(got, "nothing was split") {
		t.Errorf("the same split again: %s", got)
	}
	run(0, "judge", person, done.Entity, "same", "--note", "one man after all")
	if got := run(0, "case", done.Entity, "--json"); !strings.Contains(got, person) {
		t.Errorf("after merging back the new person's case file is not the person's: %s", got)
	}
}
