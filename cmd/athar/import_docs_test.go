package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportAsDocumented runs the partner flows docs/import.md shows, with
// its example files (docs/examples), and checks the exit codes and what
// the docs say each command prints.
func TestImportAsDocumented(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a")
	if r := athar(t, "", "--data", a, "demo"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	path := func(name string) string { return filepath.Join(dir, name) }
	run := func(want int, args ...string) result {
		t.Helper()
		r := athar(t, "", args...)
		if r.code != want {
			t.Fatalf("athar %s: exit %d, want %d\n%s", strings.Join(args, " "), r.code, want, r.stderr)
		}
		return r
	}

	// Athar's own exports, in every form, import back.
	run(0, "--data", a, "export", "ftm", "--out", path("athar.ftm.json"))
	run(0, "--data", a, "export", "ftm", "--statements", "--out", path("athar.statements.json"))
	run(0, "--data", a, "export", "ftm", "--statements", "--format", "csv", "--out", path("athar.statements.csv"))
	for _, f := range []string{"athar.ftm.json", "athar.statements.json", "athar.statements.csv"} {
		r := run(0, "--data", filepath.Join(dir, "from-"+f), "--json", "import", "ftm", path(f))
		var rep importReport
		if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || rep.Statements == 0 || len(rep.Errors) != 0 {
			t.Errorf("import %s: %q %v", f, r.stdout, err)
		}
	}

	// The public dataset: confirmed statements only, so confirm the demo's
	// first, as a reviewer would (importing an export that says confirmed,
	// as the operator).
	b, err := os.ReadFile(path("athar.ftm.json"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, path("confirmed.ftm.json"), []byte(strings.ReplaceAll(string(b), `"status":"proposed"`, `"status":"confirmed"`)))
	reviewed := filepath.Join(dir, "reviewed")
	run(0, "--data", reviewed, "import", "ftm", path("confirmed.ftm.json"))
	run(0, "--data", reviewed, "export", "public", "--out", path("public"))
	r := run(0, "--data", filepath.Join(dir, "partner"), "import", "ftm", path("public/entities.ftm.json"), "--sensitivity", "public")
	if !strings.Contains(r.stdout, "0 lines not imported") {
		t.Errorf("public dataset: %q", r.stdout)
	}

	// OpenSanctions-style statements: three lines refused, the rest kept.
	sanctions := filepath.Join("..", "..", "docs", "examples", "sanctions.statements.csv")
	os1 := filepath.Join(dir, "os")
	r = run(1, "--data", os1, "import", "ftm", sanctions, "--sensitivity", "public")
	for _, want := range []string{`sanctions.statements.csv:9: entity NK-p1 property deathDate: "not known" is not an FtM date`,
		"sanctions.statements.csv:26: entity NK-p2: FtM's Person needs a name", `sanctions.statements.csv:28: entity NK-x: FtM's Person has no property "colour"`,
		"did not keep 1 values of Ownership.ownershipType"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	r = run(0, "--data", os1, "export", "ftm")
	for _, want := range []string{`"id":"NK-c1","schema":"Company"`, `"registrationNumber":["DM-1234"]`, `"id":"NK-o1","schema":"Ownership"`} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("export after the sanctions import lacks %s", want)
		}
	}

	// The spreadsheet example: --strict refuses it, without it the good
	// rows are stored and the stored Ous Salloum and Sednaya Prison found.
	sheet := filepath.Join("..", "..", "docs", "examples", "detainees.csv")
	mapping := filepath.Join("..", "..", "docs", "examples", "detainees.yaml")
	r = run(1, "--data", a, "import", "csv", sheet, "--mapping", mapping, "--sensitivity", "restricted", "--strict")
	if !strings.Contains(r.stderr, "--strict refuses the file: nothing was stored") {
		t.Errorf("strict: %s", r.stderr)
	}
	r = run(1, "--data", a, "--json", "import", "csv", sheet, "--mapping", mapping, "--sensitivity", "restricted")
	var rep importReport
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Merged != 1 || rep.Sources != 2 || len(rep.Errors) != 2 || rep.Errors[0].Line != 4 || rep.Errors[1].Line != 7 || rep.SkippedLinks != 1 {
		t.Errorf("spreadsheet: %+v", rep)
	}
}
