package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/athar-project/athar/internal/app"
)

// reportLines reads an ingest report's whole lines.
func reportLines(t *testing.T, path string) []app.ReportLine {
	t.Helper()
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []app.ReportLine
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var l app.ReportLine
		if json.Unmarshal(sc.Bytes(), &l) == nil {
			out = append(out, l)
		}
	}
	return out
}

// TestIngestReportContinuesAfterSIGKILL kills `athar ingest --report` mid
// folder, then runs the same command again: it continues where the report
// stopped, reads none of what the report records as stored again, stores
// nothing twice, and the report ends with every input exactly once.
func TestIngestReportContinuesAfterSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("the crash test ingests hundreds of files")
	}
	dir := t.TempDir()
	base := []string{"--data", filepath.Join(dir, "data")}
	in := filepath.Join(dir, "in")
	const n = 400
	for i := range n {
		writeFile(t, filepath.Join(in, fmt.Sprintf("%05d.txt", i)), []byte(generatedArticle(i)))
	}
	report := filepath.Join(dir, "report.jsonl")
	args := append(append([]string{}, base...), "ingest", "--batch", "20", "--report", report, in)

	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "ATHAR_RUN_MAIN=1")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	deadline := time.Now().Add(6 * time.Minute)
	for len(reportLines(t, report)) < 60 {
		select {
		case err := <-done:
			t.Fatalf("ingest ended (%v) before it could be killed: raise n", err)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatal("ingest reported nothing in six minutes")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-done
	reported := len(reportLines(t, report))
	stored := count(t, base)
	if stored >= n {
		t.Fatalf("all %d sources were stored before the kill: raise n", stored)
	}
	if reported > stored {
		t.Fatalf("the report records %d inputs, the store holds %d sources: it ran ahead of the commits", reported, stored)
	}

	r := athar(t, "", args...)
	if r.code != 0 {
		t.Fatalf("the run again: exit %d\n%s", r.code, r.stderr)
	}
	if got := strings.Count(r.stdout, "\ndone ") + boolInt(strings.HasPrefix(r.stdout, "done ")); got != reported {
		t.Errorf("the run again skipped %d inputs, the report recorded %d", got, reported)
	}
	// Stored by the killed run after its last report line: found again as
	// duplicates of themselves, not stored twice.
	if got := strings.Count(r.stdout, "exists "); got != stored-reported {
		t.Errorf("the run again found %d inputs stored, want %d (stored %d, reported %d)", got, stored-reported, stored, reported)
	}
	if got := count(t, base); got != n {
		t.Errorf("%d sources after the run again, want %d", got, n)
	}
	want := fmt.Sprintf("athar: %d inputs: %d stored (0 of them near-copies), %d duplicates, 0 failed; %d done by an earlier run (report %s)",
		n, n-stored, stored-reported, reported, report)
	if !strings.Contains(r.stderr, want) {
		t.Errorf("summary: want %q in\n%s", want, r.stderr)
	}
	lines := reportLines(t, report)
	seen := map[string]int{}
	for _, l := range lines {
		seen[l.Input]++
		if l.Status != app.ReportStored && l.Status != app.ReportDuplicate {
			t.Errorf("report line %+v", l)
		}
	}
	if len(lines) != n || len(seen) != n {
		t.Errorf("the report has %d lines for %d inputs, want %d each once", len(lines), len(seen), n)
	}
	if v := athar(t, "", append(base, "verify")...); v.code != 0 {
		t.Errorf("verify: exit %d\n%s", v.code, v.stderr)
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// --dry-run says what storing a folder would do — a new source, a
// near-copy, the same bytes twice, a failure — and stores nothing; the real
// run then does what it said, and its report names the ids.
func TestIngestDryRunAndReport(t *testing.T) {
	dir := t.TempDir()
	base := []string{"--data", filepath.Join(dir, "data")}
	in := filepath.Join(dir, "in")
	body := generatedArticle(1) + "Families of the detained asked for news of them at the court in Damascus, and lawyers said the hearing was postponed twice.\n"
	writeFile(t, filepath.Join(in, "1_original.txt"), []byte(body))
	writeFile(t, filepath.Join(in, "2_same.txt"), []byte(body))
	writeFile(t, filepath.Join(in, "3_near.txt"), []byte(strings.Replace(body, "Title: Report 1", "Title: Report 1 (syndicated)", 1)))
	writeFile(t, filepath.Join(in, "4_empty.txt"), nil)

	dry := filepath.Join(dir, "dry.jsonl")
	r := athar(t, "", append(base, "ingest", "--dry-run", "--report", dry, in)...)
	if r.code != 1 {
		t.Fatalf("dry run: exit %d, want 1 (an input would fail)\n%s%s", r.code, r.stdout, r.stderr)
	}
	if got := count(t, base); got != 0 {
		t.Fatalf("a dry run stored %d sources", got)
	}
	if !strings.Contains(r.stderr, "athar: dry run, nothing stored: 4 inputs: 2 would be stored (1 of them near-copies), 1 duplicates, 1 would fail") {
		t.Errorf("dry run summary:\n%s", r.stderr)
	}
	orig := filepath.Join(in, "1_original.txt")
	want := map[string]app.ReportLine{
		"1_original.txt": {Status: app.ReportStored},
		"2_same.txt":     {Status: app.ReportDuplicate, DuplicateOfInput: orig},
		"3_near.txt":     {Status: app.ReportNearCopy, NearCopyOfInput: orig},
		"4_empty.txt":    {Status: app.ReportFailed, Error: "empty document"},
	}
	lines := reportLines(t, dry)
	if len(lines) != 4 {
		t.Fatalf("dry run report: %d lines", len(lines))
	}
	for _, l := range lines {
		w := want[filepath.Base(l.Input)]
		if l.Status != w.Status || l.DuplicateOfInput != w.DuplicateOfInput || l.NearCopyOfInput != w.NearCopyOfInput ||
			l.Error != w.Error || !l.DryRun || l.ID != "" {
			t.Errorf("dry run: %+v, want %+v", l, w)
		}
	}
	if r := athar(t, "", append(base, "ingest", "--dry-run", "--report", dry, in)...); r.code == 0 || !strings.Contains(r.stderr, "a dry run writes a new one") {
		t.Errorf("a dry run over an existing report: exit %d %s", r.code, r.stderr)
	}

	real := filepath.Join(dir, "real.jsonl")
	r = athar(t, "", append(base, "ingest", "--report", real, in)...)
	if r.code != 1 || !strings.Contains(r.stderr, "athar: 4 inputs: 2 stored (1 of them near-copies), 1 duplicates, 1 failed") {
		t.Fatalf("real run: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	byName := map[string]app.ReportLine{}
	for _, l := range reportLines(t, real) {
		byName[filepath.Base(l.Input)] = l
	}
	id := byName["1_original.txt"].ID
	if byName["1_original.txt"].Status != app.ReportStored || !strings.HasPrefix(id, "src_") ||
		byName["2_same.txt"].DuplicateOf != id || byName["3_near.txt"].NearCopyOf != id || byName["3_near.txt"].Similarity <= 0 ||
		byName["4_empty.txt"].Status != app.ReportFailed {
		t.Errorf("real run report: %+v", byName)
	}
	if got := count(t, base); got != 2 {
		t.Errorf("%d sources stored, want 2", got)
	}
}
