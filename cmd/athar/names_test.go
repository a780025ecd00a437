package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/names"
)

func TestNamesCompare(t *testing.T) {
	r := athar(t, "", "names", "compare", "Ous Salloum", "أوس سلوم", "--json")
	var got struct {
		Score   float64  `json:"score"`
		Match   bool     `json:"match"`
		Reasons []string `json:"reasons"`
	}
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &got) != nil || !got.Match || got.Score < names.MatchScore || len(got.Reasons) == 0 {
		t.Fatalf("compare: %+v", r)
	}
	if r := athar(t, "", "names", "compare", "only one"); r.code != 2 || r.stdout != "" {
		t.Errorf("one name: %+v", r)
	}
}

func TestNamesComparePairs(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "pairs.tsv")
	os.WriteFile(p, []byte("Ous Salloum\tAws Sallum\t1\nno tab\nFarouk al-Sharaa\tAhmad al-Sharaa\n"), 0o644)
	r := athar(t, "", "names", "compare", "--pairs", p, "--json")
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if r.code != 1 || len(lines) != 3 || !strings.Contains(lines[1], `"error"`) || !strings.Contains(r.stderr, "line 2") {
		t.Fatalf("pairs: %+v", r)
	}
	var first, third struct {
		Name1, Name2 string
		Score        float64
		Match        bool
	}
	json.Unmarshal([]byte(lines[0]), &first)
	json.Unmarshal([]byte(lines[2]), &third)
	if first.Name1 != "Ous Salloum" || !first.Match || third.Match {
		t.Errorf("pairs: %+v %+v", first, third)
	}
	if r := athar(t, "", "names", "compare", "--pairs", filepath.Join(dir, "none.tsv"), "--json"); r.code != 2 || !strings.Contains(r.stderr, "none.tsv") {
		t.Errorf("missing file: %+v", r)
	}
}

func TestEvalNames(t *testing.T) {
	dir := t.TempDir()
	idx := filepath.Join(dir, "index.tsv")
	qs := filepath.Join(dir, "queries.tsv")
	os.WriteFile(idx, []byte("entity_id\tname\nous\tOus Salloum\nous\tأوس سلوم\nhafez\tHafez Makhlouf\n"), 0o644)
	os.WriteFile(qs, []byte("query\texpected_entity_id\nAws Sallum\tous\nMohammed\t\n"), 0o644)
	r := athar(t, "", "eval", "names", "--index", idx, "--queries", qs, "--json")
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if r.code != 0 || len(lines) != 2 {
		t.Fatalf("eval --json: %+v", r)
	}
	var q struct {
		Query      string `json:"query"`
		Candidates []struct {
			EntityID string  `json:"entity_id"`
			Score    float64 `json:"score"`
			Link     bool    `json:"link"`
		} `json:"candidates"`
	}
	if err := json.Unmarshal([]byte(lines[0]), &q); err != nil || q.Query != "Aws Sallum" || len(q.Candidates) == 0 || q.Candidates[0].EntityID != "ous" || !q.Candidates[0].Link {
		t.Errorf("first line %s", lines[0])
	}
	r = athar(t, "", "eval", "names", "--index", idx, "--queries", qs)
	for _, want := range []string{"recall@1", "recall@10", "correct-link rate", "false-link rate", "latency p50", "latency p99", "index memory"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("summary lacks %q:\n%s", want, r.stdout)
		}
	}
	if r := athar(t, "", "eval", "names", "--index", idx); r.code != 2 {
		t.Errorf("no --queries: %+v", r)
	}
}
