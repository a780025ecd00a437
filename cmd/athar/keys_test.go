package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// athar keys rotate: admins only; afterwards the sealed testimony reads with
// the new key file, the old one is gone unless --keep-old kept it, and a
// copy of the old key opens nothing.
func TestKeysRotate(t *testing.T) {
	const phrase = "the key under the third tile"
	dir := t.TempDir()
	keyFile := filepath.Join(dir, "keys", "master.key")
	t.Setenv("ATHAR_KEY_FILE", keyFile)
	g := []string{"--data", filepath.Join(dir, "data")}
	run := func(want int, args ...string) result {
		t.Helper()
		r := athar(t, "", append(append([]string{}, g...), args...)...)
		if r.code != want {
			t.Fatalf("athar %v: exit %d, want %d\n%s%s", args, r.code, want, r.stdout, r.stderr)
		}
		return r
	}
	file := filepath.Join(dir, "testimony.txt")
	writeFile(t, file, []byte("Testimony of a former detainee.\n\n"+phrase+".\n"))
	run(0, "ingest", "--kind", "testimony", file)
	var list []struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal([]byte(run(0, "sources", "list", "--json").stdout), &list); err != nil || len(list) != 1 {
		t.Fatalf("sources list: %v %+v", err, list)
	}
	old, err := os.ReadFile(keyFile)
	if err != nil {
		t.Fatal(err)
	}
	run(0, "user", "add", "rev", "--role", "reviewer", "--clearance", "confidential")
	if r := run(2, "--as", "rev", "keys", "rotate"); !strings.Contains(r.stderr, "only an admin") {
		t.Fatalf("a reviewer rotated: %s", r.stderr)
	}
	var rot struct {
		File  string `json:"key_file"`
		OldID string `json:"old_key_id"`
		NewID string `json:"new_key_id"`
		Keys  int    `json:"data_keys"`
		Kept  string `json:"kept_old"`
	}
	if err := json.Unmarshal([]byte(run(0, "keys", "rotate", "--json").stdout), &rot); err != nil {
		t.Fatal(err)
	}
	if rot.File != keyFile || rot.Keys != 1 || rot.OldID == rot.NewID || rot.Kept != "" {
		t.Fatalf("rotate: %+v", rot)
	}
	if r := run(0, "sources", "show", list[0].ID); !strings.Contains(r.stdout, phrase) {
		t.Fatalf("after the rotation the text reads:\n%s", r.stdout)
	}
	if names, _ := filepath.Glob(keyFile + ".*"); len(names) != 0 {
		t.Fatalf("left beside the key file: %v", names)
	}
	stolen := filepath.Join(dir, "stolen.key")
	if err := os.WriteFile(stolen, old, 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("ATHAR_KEY_FILE", stolen)
	if r := run(2, "sources", "show", list[0].ID); strings.Contains(r.stdout+r.stderr, phrase) || !strings.Contains(r.stderr, "another key") {
		t.Fatalf("the old key reads:\n%s%s", r.stdout, r.stderr)
	}
	t.Setenv("ATHAR_KEY_FILE", keyFile)
	r := run(0, "keys", "rotate", "--keep-old")
	if !strings.Contains(r.stdout, "old key kept in "+keyFile+".old-") {
		t.Fatalf("rotate --keep-old:\n%s", r.stdout)
	}
	if names, _ := filepath.Glob(keyFile + ".old-*"); len(names) != 1 {
		t.Fatalf("kept: %v", names)
	}
}
