package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/store/pgtest"
)

// athar redact on both engines: the copy is printed, a viewer cleared for
// its level reads it and not the original, the words are gone from it,
// verify passes, and bad spans are refused naming them, storing nothing.
func TestRedactCommand(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			dir := t.TempDir()
			g := []string{"--data", filepath.Join(dir, "data")}
			if engine == "postgres" {
				g = append(g, "--db", pgtest.URL(t))
			}
			run := func(want int, args ...string) result {
				t.Helper()
				r := athar(t, "", append(append([]string{}, g...), args...)...)
				if r.code != want {
					t.Fatalf("athar %v: exit %d, want %d\n%s%s", args, r.code, want, r.stdout, r.stderr)
				}
				return r
			}
			file := filepath.Join(dir, "testimony.txt")
			writeFile(t, file, []byte("Testimony of a former detainee.\n\nMy cellmate Yazan Khouri was beaten at Sednaya Prison in 2013.\n"))
			run(0, "ingest", "--kind", "testimony", file)
			var list []struct {
				ID string `json:"id"`
			}
			if err := json.Unmarshal([]byte(run(0, "sources", "list", "--json").stdout), &list); err != nil || len(list) != 1 {
				t.Fatalf("sources list: %v %+v", err, list)
			}
			id := list[0].ID
			if r := run(2, "redact", id, "--span", "0:5", "--span", "3:7", "--span", "10:99999", "--reason", "x"); !strings.Contains(r.stderr, "3:7 overlaps 0:5") ||
				!strings.Contains(r.stderr, "10:99999 is out of range") {
				t.Errorf("bad spans: %s", r.stderr)
			}
			run(2, "redact", id, "--phrase", "Khouri")
			// Regions: malformed ones named, and refused of a text source.
			if r := run(2, "redact", id, "--region", "1:0,0,0,5", "--reason", "x"); !strings.Contains(r.stderr, `--region: region "1:0,0,0,5": the width and height must be above zero`) {
				t.Errorf("a malformed region: %s", r.stderr)
			}
			if r := run(2, "redact", id, "--region", "1:0,0,10,5", "--reason", "x"); !strings.Contains(r.stderr, "regions are filled in PNG and JPEG images only") {
				t.Errorf("a region of a text source: %s", r.stderr)
			}
			run(0, "user", "add", "ina", "--role", "viewer", "--clearance", "internal")
			r := run(0, "redact", id, "--phrase", "yazan khouri", "--sensitivity", "internal", "--reason", "protect the family", "--json")
			var out struct {
				ID           string   `json:"id"`
				RedactedFrom string   `json:"redacted_from"`
				Spans        [][2]int `json:"spans"`
			}
			if err := json.Unmarshal([]byte(r.stdout), &out); err != nil || out.ID == "" || out.RedactedFrom != id || len(out.Spans) != 1 {
				t.Fatalf("redact --json: %v %s", err, r.stdout)
			}
			if err := json.Unmarshal([]byte(run(0, "sources", "list", "--json").stdout), &list); err != nil || len(list) != 2 {
				t.Fatalf("sources list after: %v %+v", err, list)
			}
			shown := run(0, "--as", "ina", "sources", "show", out.ID).stdout
			if strings.Contains(shown, "Khouri") || !strings.Contains(shown, "█████") {
				t.Errorf("the copy as ina reads it:\n%s", shown)
			}
			run(1, "--as", "ina", "sources", "show", id)
			if r := run(0, "sources", "show", id); !strings.Contains(r.stdout, "Yazan Khouri") {
				t.Errorf("the original lost the words:\n%s", r.stdout)
			}
			run(0, "verify")
		})
	}
}
