package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Consent recorded at ingest, shown, and changed by an admin only.
func TestConsentCommand(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	w := filepath.Join(dir, "w.txt")
	if err := os.WriteFile(w, []byte("Title: A witness\n---\nA witness statement the project wrote.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := athar(t, "", "--data", data, "ingest", "--kind", "testimony", "--consent", "partners:CIJA,court", w); r.code != 0 {
		t.Fatalf("ingest: %d %s", r.code, r.stderr)
	}
	r := athar(t, "", "--data", data, "--json", "sources", "list")
	var list []struct{ ID string }
	if err := json.Unmarshal([]byte(r.stdout), &list); err != nil || len(list) != 1 {
		t.Fatalf("sources list: %s", r.stdout)
	}
	id := list[0].ID
	if r := athar(t, "", "--data", data, "consent", id); r.code != 0 || !strings.Contains(r.stdout, "court,partners:CIJA") {
		t.Errorf("consent: %d %q", r.code, r.stdout)
	}
	if r := athar(t, "a long enough password\n", "--data", data, "user", "add", "anas", "--role", "analyst", "--clearance", "confidential", "--password-stdin"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if r := athar(t, "", "--data", data, "--as", "anas", "consent", id, "--set", "publication"); r.code != 2 || !strings.Contains(r.stderr, "only an admin") {
		t.Errorf("an analyst sets consent: %d %s", r.code, r.stderr)
	}
	r = athar(t, "", "--data", data, "--json", "consent", id, "--set", "none")
	var got struct {
		Recorded, Court, Publication bool
		Partners                     []string
	}
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &got) != nil || !got.Recorded || got.Court || len(got.Partners) != 0 {
		t.Errorf("set none: %d %s %s", r.code, r.stdout, r.stderr)
	}
	if r := athar(t, "", "--data", data, "verify"); r.code != 0 {
		t.Errorf("verify after a change of consent: %d %s", r.code, r.stdout)
	}
}
