package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestImportExportRoundTrip(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "d")
	if r := athar(t, "", "--data", data, "demo"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	exp := athar(t, "", "--data", data, "export", "ftm")
	if exp.code != 0 {
		t.Fatal(exp.stderr)
	}
	file := filepath.Join(dir, "athar.ftm.json")
	writeFile(t, file, []byte(exp.stdout))
	other := filepath.Join(dir, "other")
	imp := athar(t, "", "--data", other, "--json", "import", "ftm", file)
	if imp.code != 0 {
		t.Fatalf("import: exit %d %s", imp.code, imp.stderr)
	}
	var rep importReport
	if err := json.Unmarshal([]byte(imp.stdout), &rep); err != nil || rep.Statements == 0 || rep.Source == "" {
		t.Fatalf("import report %q: %v", imp.stdout, err)
	}
	again := athar(t, "", "--data", other, "export", "ftm")
	norm := func(s string) string {
		seen := map[string]string{}
		s = regexp.MustCompile(`src[-_][0-9a-f]{16}`).ReplaceAllStringFunc(s, func(id string) string {
			if _, ok := seen[id]; !ok {
				seen[id] = "src-" + string(rune('A'+len(seen)))
			}
			return seen[id]
		})
		return regexp.MustCompile(`"[0-9a-f]{64}"`).ReplaceAllString(s, `"SHA256"`)
	}
	if norm(exp.stdout) != norm(again.stdout) {
		t.Errorf("export → import → export differs")
	}
	if r := athar(t, "", "--data", other, "verify"); r.code != 0 {
		t.Errorf("verify after import: %s", r.stderr)
	}

	// Statements: one JSON object a line, each with FtM's fields.
	stmts := athar(t, "", "--data", data, "export", "ftm", "--statements")
	if stmts.code != 0 {
		t.Fatal(stmts.stderr)
	}
	for i, line := range strings.Split(strings.TrimSpace(stmts.stdout), "\n") {
		var x map[string]any
		if err := json.Unmarshal([]byte(line), &x); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		for _, k := range []string{"id", "entity_id", "canonical_id", "prop", "schema", "value", "dataset"} {
			if _, ok := x[k]; !ok {
				t.Fatalf("line %d has no %s", i+1, k)
			}
		}
	}
}

func TestExportCSVAndImportCSV(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "d")
	if r := athar(t, "", "--data", data, "demo"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	out := filepath.Join(dir, "csv")
	if r := athar(t, "", "--data", data, "export", "csv", "--out", out); r.code != 0 {
		t.Fatalf("export csv: %s", r.stderr)
	}
	f, err := os.Open(filepath.Join(out, "statements.csv"))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil || len(rows) < 2 || rows[0][0] != "id" || len(rows[0]) != 17 {
		t.Fatalf("statements.csv: %v %v", err, rows[:1])
	}
	withSHA := 0
	for _, r := range rows[1:] {
		if len(r[15]) == 64 {
			withSHA++
		}
	}
	if withSHA == 0 {
		t.Error("no statement row names its source's SHA-256")
	}
	pub := filepath.Join(dir, "csv-public")
	if r := athar(t, "", "--data", data, "--clearance", "public", "export", "csv", "--out", pub); r.code != 0 {
		t.Fatal(r.stderr)
	}
	b, err := os.ReadFile(filepath.Join(pub, "statements.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), ",confidential,") || strings.Contains(string(b), ",internal,") || strings.Contains(string(b), "W-07") {
		t.Error("--clearance public exports non-public statements")
	}
	if r := athar(t, "", "--data", data, "export", "csv", "--out", out); r.code != 2 {
		t.Errorf("export csv into a non-empty folder: exit %d", r.code)
	}

	sheet := filepath.Join(dir, "people.csv")
	writeFile(t, sheet, []byte("ID,Name,Born\nP1,Ahmad Khalil,1980\nP2,Omar Darwish,03/01/1975\n"))
	mapping := filepath.Join(dir, "people.yaml")
	writeFile(t, mapping, []byte("entity_type: person\nid_column: ID\nproperties:\n  name: Name\n  birthDate: Born\n"))
	r := athar(t, "", "--data", data, "import", "csv", sheet, "--mapping", mapping)
	if r.code != 1 || !strings.Contains(r.stderr, "people.csv:3:") || !strings.Contains(r.stderr, "03/01/1975") {
		t.Errorf("import csv with a bad row: exit %d %q", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, "2 statements") {
		t.Errorf("import csv: %q", r.stdout)
	}
	if r := athar(t, "", "--data", data, "import", "csv", sheet); r.code != 2 {
		t.Errorf("import csv without --mapping: exit %d", r.code)
	}
	writeFile(t, mapping, []byte("entity_type: person\nproperties:\n  name: Full name\n"))
	if r := athar(t, "", "--data", data, "import", "csv", sheet, "--mapping", mapping); r.code != 1 || !strings.Contains(r.stderr, `"Full name"`) {
		t.Errorf("a mapping naming a missing column: exit %d %q", r.code, r.stderr)
	}
}
