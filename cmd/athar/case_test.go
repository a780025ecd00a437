package main

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// athar case ID --json prints the case file as CONTRACTS.md says: one
// object, the clearance rules applied, a merged-away id giving the case
// file it was merged into, exit 1 for an id that names nothing the caller
// may see and 2 when the command cannot run.
func TestCase(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "d")
	if r := athar(t, "", "--data", data, "demo"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	testimony := filepath.Join(dir, "k12.txt")
	writeFile(t, testimony, []byte("Title: Testimony of witness K-12 (pseudonym)\nPublisher: Athar test\nLanguage: en\n---\n"+
		"The former guard Ous Salloum beat me with a cable in Sednaya Prison in 2015, said the witness Karim Haddad.\n"))
	if r := athar(t, "", "--data", data, "ingest", "--kind", "testimony", testimony); r.code != 0 {
		t.Fatal(r.stderr)
	}
	id := personID(t, data, "Ous Salloum")
	read := func(args ...string) (map[string]any, string) {
		t.Helper()
		r := athar(t, "", append([]string{"--data", data}, args...)...)
		if r.code != 0 {
			t.Fatalf("%v: exit %d %s", args, r.code, r.stderr)
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(r.stdout), &m); err != nil {
			t.Fatalf("%v: not one JSON object: %v\n%s", args, err, r.stdout)
		}
		return m, r.stdout
	}
	m, full := read("case", id, "--json")
	for _, k := range []string{"id", "type", "caption", "names", "status", "fate", "events"} {
		if _, ok := m[k]; !ok {
			t.Errorf("no %q", k)
		}
	}
	if m["id"] != id || m["type"] != "person" || m["caption"] != "Ous Salloum" {
		t.Errorf("id, type, caption: %v %v %v", m["id"], m["type"], m["caption"])
	}
	for _, k := range []string{"status", "fate"} {
		s := m[k].(map[string]any)
		for _, sub := range []string{"confirmed", "suggested"} {
			if _, ok := s[sub]; !ok {
				t.Errorf("%s has no %q", k, sub)
			}
		}
	}
	stages := []string{"wanted", "arrested", "referred", "charged", "tried", "convicted", "acquitted"}
	if s, _ := m["status"].(map[string]any)["suggested"].(string); !slices.Contains(stages, s) {
		t.Errorf("the demo person's suggested status %q", s)
	}
	evs := m["events"].([]any)
	if len(evs) < 3 {
		t.Fatalf("only %d events", len(evs))
	}
	for _, x := range evs {
		ev := x.(map[string]any)
		for _, k := range []string{"id", "type", "role", "date", "modality", "review", "statements", "sources"} {
			if _, ok := ev[k]; !ok {
				t.Errorf("event %v has no %q", ev["id"], k)
			}
		}
		if r := ev["review"]; r != "confirmed" && r != "proposed" && r != "rejected" {
			t.Errorf("review %v", r)
		}
		if role, _ := ev["role"].(string); role != "" && !slices.Contains([]string{"subject", "perpetrator", "victim", "agent", "witness"}, role) {
			t.Errorf("role %q", role)
		}
	}
	srcs := athar(t, "", "--data", data, "sources", "list", "--json")
	var sources []struct{ ID, Title string }
	if err := json.Unmarshal([]byte(srcs.stdout), &sources); err != nil {
		t.Fatal(err)
	}
	k12 := ""
	for _, s := range sources {
		if strings.Contains(s.Title, "K-12") {
			k12 = s.ID
		}
	}
	if k12 == "" || !strings.Contains(full, k12) {
		t.Errorf("the operator's case file does not cite the testimony %q", k12)
	}
	// --clearance public: nothing of the confidential testimony.
	_, pub := read("--clearance", "public", "case", id, "--json")
	for _, secret := range []string{"Karim Haddad", "K-12", "cable", k12} {
		if strings.Contains(pub, secret) {
			t.Errorf("the public-clearance case file holds %q", secret)
		}
	}
	// Without --json, for people.
	if r := athar(t, "", "--data", data, "case", id); r.code != 0 || !strings.Contains(r.stdout, "status:") || !strings.Contains(r.stdout, "events:") {
		t.Errorf("case without --json: %d %q %s", r.code, r.stdout, r.stderr)
	}
	// A merged-away id gives the case file it was merged into.
	other := ""
	ents := athar(t, "", "--data", data, "entities", "list", "--type", "person", "--json")
	var persons []struct {
		ID    string   `json:"id"`
		Names []string `json:"names"`
	}
	if err := json.Unmarshal([]byte(ents.stdout), &persons); err != nil {
		t.Fatal(err)
	}
	for _, p := range persons {
		if p.ID != id && other == "" {
			other = p.ID
		}
	}
	if r := athar(t, "", "--data", data, "judge", id, other, "same"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	a, _ := read("case", id, "--json")
	b, _ := read("case", other, "--json")
	if a["id"] != b["id"] || (a["id"] != id && a["id"] != other) {
		t.Errorf("after the merge: %v and %v", a["id"], b["id"])
	}
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"--data", data, "case", "no-such-id", "--json"}, 1, "no entity"},
		{[]string{"--data", data, "case"}, 2, "arg"},
		{[]string{"--data", filepath.Join(dir, "none"), "case", id}, 2, ""},
	} {
		r := athar(t, "", tc.args...)
		if r.code != tc.code || !strings.Contains(r.stderr, tc.msg) || r.stdout != "" {
			t.Errorf("%v: exit %d %q %q, want %d and %q", tc.args, r.code, r.stdout, r.stderr, tc.code, tc.msg)
		}
	}
}
