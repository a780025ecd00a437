package app_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
)

func TestReportLines(t *testing.T) {
	for _, tt := range []struct {
		r    app.IngestResult
		want app.ReportLine
	}{
		{app.IngestResult{Input: "a", Outcome: app.Stored, Source: model.Source{ID: "src_1", SHA256: "s1", Title: "T"}},
			app.ReportLine{Input: "a", Status: "stored", ID: "src_1", SHA256: "s1", Title: "T"}},
		{app.IngestResult{Input: "b", Outcome: app.Stored, Source: model.Source{ID: "src_2", Similarity: 0.9}, DuplicateOf: "src_1"},
			app.ReportLine{Input: "b", Status: "near_copy", ID: "src_2", NearCopyOf: "src_1", Similarity: 0.9}},
		{app.IngestResult{Input: "c", Outcome: app.Exists, Source: model.Source{ID: "src_1"}},
			app.ReportLine{Input: "c", Status: "duplicate", ID: "src_1", DuplicateOf: "src_1"}},
		{app.IngestResult{Input: "d", Outcome: app.Failed, Err: errors.New("empty document")},
			app.ReportLine{Input: "d", Status: "failed", Error: "empty document"}},
		{app.IngestResult{Input: "e", Outcome: app.Stored, DryRun: true, DuplicateOfInput: "a"},
			app.ReportLine{Input: "e", Status: "near_copy", NearCopyOfInput: "a", DryRun: true}},
		{app.IngestResult{Input: "f", Outcome: app.Exists, DryRun: true, DuplicateOfInput: "a"},
			app.ReportLine{Input: "f", Status: "duplicate", DuplicateOfInput: "a", DryRun: true}},
	} {
		got := app.NewReportLine(tt.r, time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC))
		if got.Time != "2026-12-06T10:00:00Z" {
			t.Errorf("time %q", got.Time)
		}
		got.Time = ""
		if got != tt.want {
			t.Errorf("%s: got %+v, want %+v", tt.r.Input, got, tt.want)
		}
	}
}

func TestOpenReport(t *testing.T) {
	dir := t.TempDir()
	line := func(in, status string, dry bool) string {
		l := `{"input":"` + in + `","status":"` + status + `"`
		if dry {
			l += `,"dry_run":true`
		}
		return l + `,"time":"x"}` + "\n"
	}
	for _, tt := range []struct {
		name, content string
		dry           bool
		done          []string
		keep          string // the file after opening
		err           string
	}{
		{name: "new", content: "", done: nil, keep: ""},
		{name: "continue", content: line("a", "stored", false) + line("b", "failed", false) + line("c", "duplicate", false),
			done: []string{"a", "c"}, keep: line("a", "stored", false) + line("b", "failed", false) + line("c", "duplicate", false)},
		{name: "last line cut by a kill", content: line("a", "stored", false) + `{"input":"b","sta`,
			done: []string{"a"}, keep: line("a", "stored", false)},
		{name: "last line without its newline", content: line("a", "stored", false) + strings.TrimSuffix(line("b", "stored", false), "\n"),
			done: []string{"a"}, keep: line("a", "stored", false)},
		{name: "a bad line inside", content: line("a", "stored", false) + "garbage\n" + line("b", "stored", false), err: "line 2 is not a line of an ingest report"},
		{name: "dry run over a report", content: line("a", "stored", false), dry: true, err: "a dry run writes a new one"},
		{name: "continuing a dry run", content: line("a", "stored", true), err: "is a dry run's"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "_")+".jsonl")
			if tt.content != "" {
				if err := os.WriteFile(path, []byte(tt.content), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			rep, err := app.OpenReport(path, tt.dry)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) || !strings.Contains(err.Error(), path) {
					t.Fatalf("err = %v, want one naming the file and saying %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if rep.DoneCount() != len(tt.done) {
				t.Errorf("%d done, want %v", rep.DoneCount(), tt.done)
			}
			for _, in := range tt.done {
				if _, ok := rep.Done(in); !ok {
					t.Errorf("%s not done", in)
				}
			}
			if err := rep.Write(app.IngestResult{Input: "z", Outcome: app.Failed, Err: errors.New("x")}); err != nil {
				t.Fatal(err)
			}
			if err := rep.Close(); err != nil {
				t.Fatal(err)
			}
			b, _ := os.ReadFile(path)
			if !strings.HasPrefix(string(b), tt.keep) || !strings.HasSuffix(string(b), "}\n") || strings.Count(string(b), "\n") != strings.Count(tt.keep, "\n")+1 {
				t.Errorf("file after a write:\n%s\nwant what was kept:\n%s\nand one line more", b, tt.keep)
			}
		})
	}
}
