package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWatchCommands: an analyst names a wanted person in Arabic script;
// the stored English report naming him in Latin letters is flagged at once
// (`watch alerts --json`, with the reasons); the list shows the entry, a
// viewer is refused, and removing it empties the queue; the ledger
// verifies.
func TestWatchCommands(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	report := filepath.Join(dir, "report.txt")
	text := "A report written for Athar's tests. Former detainees said that Wael Shaheen, an officer of the military police, supervised the beatings in Sednaya prison in 2014.\n"
	if err := os.WriteFile(report, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"ingest", report}, {"user", "add", "anas", "--role", "analyst", "--clearance", "internal"}, {"user", "add", "vera", "--role", "viewer"}} {
		if r := athar(t, "", append([]string{"--data", data}, args...)...); r.code != 0 {
			t.Fatalf("%v: %d %s", args, r.code, r.stderr)
		}
	}
	add := athar(t, "", "--data", data, "--as", "anas", "--json", "watch", "add", "وائل شاهين", "--alias", "Abu Ali", "--rank", "colonel", "--born", "1970", "--note", "military police")
	var w map[string]any
	if err := json.Unmarshal([]byte(add.stdout), &w); err != nil || add.code != 0 {
		t.Fatalf("watch add: %d %v\n%s%s", add.code, err, add.stdout, add.stderr)
	}
	id, _ := w["id"].(string)
	if id == "" || w["sensitivity"] != "internal" || w["born"] != "1970" || w["alerts"] != 1.0 || w["rank"] != "colonel" {
		t.Fatalf("watch add --json: %v", w)
	}
	al := athar(t, "", "--data", data, "--as", "anas", "--json", "watch", "alerts")
	var alerts []map[string]any
	if err := json.Unmarshal([]byte(al.stdout), &alerts); err != nil || al.code != 0 || len(alerts) != 1 {
		t.Fatalf("watch alerts: %d %v\n%s%s", al.code, err, al.stdout, al.stderr)
	}
	for _, k := range []string{"id", "entry_id", "wanted", "entity_id", "source_id", "name", "score", "reasons", "sensitivity"} {
		if _, ok := alerts[0][k]; !ok {
			t.Errorf("an alert lacks %q: %v", k, alerts[0])
		}
	}
	if alerts[0]["entry_id"] != id || alerts[0]["name"] != "Wael Shaheen" {
		t.Errorf("alert %v", alerts[0])
	}
	if l := athar(t, "", "--data", data, "--as", "anas", "watch", "list"); l.code != 0 || !strings.Contains(l.stdout, "وائل شاهين") {
		t.Errorf("list: %d %s", l.code, l.stdout)
	}
	for _, args := range [][]string{{"watch", "add", "Tarek Jaber"}, {"watch", "list"}, {"watch", "alerts"}, {"watch", "remove", id}} {
		r := athar(t, "", append([]string{"--data", data, "--as", "vera"}, args...)...)
		if r.code != 2 || !strings.Contains(r.stderr, "analysts, reviewers and admins") || strings.Contains(r.stdout+r.stderr, "شاهين") {
			t.Errorf("vera %v: %d %s %s", args, r.code, r.stdout, r.stderr)
		}
	}
	if r := athar(t, "", "--data", data, "--as", "anas", "watch", "add", "x", "--born", "70"); r.code != 2 || !strings.Contains(r.stderr, "--born") {
		t.Errorf("bad --born: %d %s", r.code, r.stderr)
	}
	if r := athar(t, "", "--data", data, "--as", "anas", "watch", "remove", id); r.code != 0 {
		t.Fatalf("remove: %d %s", r.code, r.stderr)
	}
	if r := athar(t, "", "--data", data, "--as", "anas", "--json", "watch", "alerts"); r.code != 0 || strings.TrimSpace(r.stdout) != "[]" {
		t.Errorf("alerts after remove: %d %s", r.code, r.stdout)
	}
	if r := athar(t, "", "--data", data, "verify"); r.code != 0 {
		t.Errorf("verify after watch lists: %d %s", r.code, r.stdout)
	}
}
