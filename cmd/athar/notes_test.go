package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// athar notes: on a name statement of the demo, the operator writes a
// restricted note and a reviewer cleared to internal an internal one; each
// account lists only the notes it is cleared for; an analyst may not
// write, a reviewer not above their clearance, and a statement nobody
// knows is "no such statement" — each refusal exit 2, nothing written.
func TestNotesCommand(t *testing.T) {
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
	run(0, "user", "add", "rev", "--role", "reviewer", "--clearance", "internal")
	run(0, "user", "add", "ana", "--role", "analyst", "--clearance", "internal")
	var claims claimsOut
	if err := json.Unmarshal([]byte(run(0, "claims", "list", "--json", "--type", "name")), &claims); err != nil {
		t.Fatal(err)
	}
	if len(claims) == 0 || len(claims[0].Statements) == 0 {
		t.Fatal("the demo has no name to review")
	}
	stmt := claims[0].Statements[0].ID

	const restrictedWord, internalWord = "note-restricted-Jdeidet", "note-internal-Adra"
	var added struct {
		ID, Author, Sensitivity string
		StatementID             string `json:"statement_id"`
	}
	if err := json.Unmarshal([]byte(run(0, "--json", "notes", "add", stmt, "--text", "A cousin doubts it: "+restrictedWord, "--sensitivity", "restricted")), &added); err != nil {
		t.Fatal(err)
	}
	if added.ID == "" || added.Sensitivity != "restricted" || added.StatementID != stmt {
		t.Errorf("the note added: %+v", added)
	}
	if id := strings.TrimSpace(run(0, "--as", "rev", "notes", "add", stmt, "--text", "On the roster: "+internalWord, "--sensitivity", "internal")); id == "" || strings.ContainsAny(id, " \n") {
		t.Errorf("notes add printed %q, want the note's id", id)
	}
	for _, tc := range []struct {
		name string
		args []string
		says string
	}{
		{"an analyst", []string{"--as", "ana", "notes", "add", stmt, "--text", "x"}, "may not write notes"},
		{"above the reviewer's clearance", []string{"--as", "rev", "notes", "add", stmt, "--text", "x", "--sensitivity", "restricted"}, "above your own clearance"},
		{"a level that is none", []string{"notes", "add", stmt, "--text", "x", "--sensitivity", "secret"}, "--sensitivity"},
		{"no text", []string{"notes", "add", stmt}, "needs a text"},
		{"no such statement", []string{"notes", "list", "no-such-statement"}, "no such statement"},
	} {
		if got := run(2, tc.args...); !strings.Contains(got, tc.says) {
			t.Errorf("%s: %q, want it to say %q", tc.name, got, tc.says)
		}
	}
	for _, tc := range []struct {
		as         []string
		sees, lack []string
	}{
		{nil, []string{restrictedWord, internalWord}, nil},
		{[]string{"--as", "rev"}, []string{internalWord}, []string{restrictedWord}},
		{[]string{"--as", "ana"}, []string{internalWord}, []string{restrictedWord}},
	} {
		var out notesJSON
		if err := json.Unmarshal([]byte(run(0, append(tc.as, "--json", "notes", "list", stmt)...)), &out); err != nil {
			t.Fatal(err)
		}
		if out.Statement != stmt || len(out.Items) != len(tc.sees) {
			t.Errorf("%v: %+v, want %d notes", tc.as, out, len(tc.sees))
		}
		plain := run(0, append(tc.as, "notes", "list", stmt)...)
		for _, w := range tc.sees {
			if !strings.Contains(plain, w) {
				t.Errorf("%v: the list lacks %q:\n%s", tc.as, w, plain)
			}
		}
		for _, w := range tc.lack {
			if strings.Contains(plain, w) {
				t.Errorf("%v: the list holds %q:\n%s", tc.as, w, plain)
			}
		}
	}
}
