package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEnquiryCommands: a caseworker records an enquiry in Arabic for a
// person an English report names, finds them first in `enquiry matches
// --json` (the contract's fields), confirms them, and the list and the
// family's answer follow; a viewer and an analyst are refused.
func TestEnquiryCommands(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	report := filepath.Join(dir, "report.txt")
	text := "A report written for Athar's tests. Aws Salloum, a student from Homs, was arrested in March 2013 and taken to Sednaya prison.\n"
	if err := os.WriteFile(report, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"ingest", report}, {"user", "add", "karim", "--role", "caseworker"}, {"user", "add", "vera", "--role", "viewer"},
		{"user", "add", "anas", "--role", "analyst", "--clearance", "confidential"}} {
		if r := athar(t, "", append([]string{"--data", data}, args...)...); r.code != 0 {
			t.Fatalf("%v: %d %s", args, r.code, r.stderr)
		}
	}
	add := athar(t, "", "--data", data, "--as", "karim", "--json", "enquiry", "add", "--name", "اوس سلوم", "--born", "1988",
		"--mother", "فاطمة", "--contact", "+963 000", "--last-seen-at", "Homs")
	var e map[string]any
	if err := json.Unmarshal([]byte(add.stdout), &e); err != nil || add.code != 0 {
		t.Fatalf("enquiry add: %d %v\n%s%s", add.code, err, add.stdout, add.stderr)
	}
	id, _ := e["id"].(string)
	if id == "" || e["status"] != "possible" || e["mother"] != "فاطمة" || e["born"] != "1988" {
		t.Fatalf("enquiry add --json: %v", e)
	}
	m := athar(t, "", "--data", data, "--as", "karim", "--json", "enquiry", "matches", id)
	var cands []map[string]any
	if err := json.Unmarshal([]byte(m.stdout), &cands); err != nil || m.code != 0 || len(cands) == 0 {
		t.Fatalf("enquiry matches: %d %v\n%s%s", m.code, err, m.stdout, m.stderr)
	}
	first := cands[0]
	for _, k := range []string{"entity_id", "name", "score", "match", "reasons", "sources"} {
		if _, ok := first[k]; !ok {
			t.Errorf("a candidate lacks %q: %v", k, first)
		}
	}
	if first["name"] != "Aws Salloum" || first["match"] != true {
		t.Fatalf("first candidate %v", first)
	}
	if j := athar(t, "", "--data", data, "--as", "karim", "enquiry", "judge", id, first["entity_id"].(string), "confirm", "--note", "the family knew him"); j.code != 0 || !strings.Contains(j.stdout, "matched") {
		t.Fatalf("judge: %d %s %s", j.code, j.stdout, j.stderr)
	}
	if l := athar(t, "", "--data", data, "--as", "karim", "enquiry", "list"); l.code != 0 || !strings.Contains(l.stdout, "matched") {
		t.Errorf("list: %d %s", l.code, l.stdout)
	}
	ans := athar(t, "", "--data", data, "--as", "karim", "enquiry", "answer", id)
	if ans.code != 0 || !strings.Contains(ans.stdout, "confirmed") || strings.Contains(ans.stdout, "src_") || strings.Contains(ans.stdout, "+963") {
		t.Errorf("answer: %d %s", ans.code, ans.stdout)
	}
	for _, who := range []string{"vera", "anas"} {
		for _, args := range [][]string{{"enquiry", "list"}, {"enquiry", "matches", id}, {"enquiry", "add", "--name", "x"}, {"enquiry", "alerts"}} {
			r := athar(t, "", append([]string{"--data", data, "--as", who}, args...)...)
			if r.code != 2 || !strings.Contains(r.stderr, "caseworkers and admins") || strings.Contains(r.stdout+r.stderr, "فاطمة") {
				t.Errorf("%s %v: %d %s %s", who, args, r.code, r.stdout, r.stderr)
			}
		}
	}
	if r := athar(t, "", "--data", data, "verify"); r.code != 0 {
		t.Errorf("verify after enquiries: %d %s", r.code, r.stdout)
	}
	if r := athar(t, "", "--data", data, "enquiry", "add", "--name", "x", "--born", "88"); r.code != 2 || !strings.Contains(r.stderr, "--born") {
		t.Errorf("bad --born: %d %s", r.code, r.stderr)
	}
}
