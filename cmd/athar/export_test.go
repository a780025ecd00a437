package main

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExportCommands(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "d")
	if r := athar(t, "", "--data", data, "demo"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	all := athar(t, "", "--data", data, "export", "ftm")
	if all.code != 0 || all.stdout == "" {
		t.Fatalf("export ftm: exit %d %s", all.code, all.stderr)
	}
	sc := bufio.NewScanner(strings.NewReader(all.stdout))
	sc.Buffer(nil, 1<<22)
	lines := 0
	for sc.Scan() {
		var e struct {
			ID         string              `json:"id"`
			Schema     string              `json:"schema"`
			Properties map[string][]string `json:"properties"`
		}
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil || e.ID == "" || e.Schema == "" {
			t.Fatalf("line %d is not an FtM entity: %v %s", lines+1, err, sc.Text())
		}
		lines++
	}
	if !strings.Contains(all.stdout, "W-07") && !strings.Contains(all.stdout, "red building") {
		t.Errorf("the operator's export lacks the confidential testimony's quotes")
	}
	public := athar(t, "", "--data", data, "--clearance", "public", "export", "ftm")
	if public.code != 0 || strings.Contains(public.stdout, "red building") || strings.Contains(public.stdout, "W-07") {
		t.Errorf("--clearance public exports the confidential testimony (exit %d)", public.code)
	}
	out := filepath.Join(dir, "public")
	if r := athar(t, "", "--data", data, "export", "public", "--out", out); r.code != 0 {
		t.Fatalf("export public: %s", r.stderr)
	}
	for _, f := range []string{"entities.ftm.json", "entities.csv", "statements.csv", "sources.csv"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("export public wrote no %s", f)
		}
	}
	if r := athar(t, "", "--data", data, "export", "public", "--out", out); r.code != 2 || !strings.Contains(r.stderr, "empty") {
		t.Errorf("export public into a non-empty folder: exit %d %q", r.code, r.stderr)
	}
}
