package app

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"time"
)

// An ingest report (`athar ingest --report FILE`) is a file of JSON lines,
// one per input, written as each input's batch is committed — so that a run
// killed midway leaves a report of exactly what it stored, and the same
// command run again with the same report continues where it stopped: the
// inputs the report says were stored (or found to be duplicates) are not
// read again; those that failed are tried again. JSON lines rather than one
// array because a line is complete the moment it is written: an array is
// not valid JSON until its run ends, and a kill leaves it broken.

// Statuses of a report line.
const (
	ReportStored    = "stored"    // a new source
	ReportNearCopy  = "near_copy" // a new source that nearly copies another: near_copy_of
	ReportDuplicate = "duplicate" // the same bytes are already a source: duplicate_of
	ReportFailed    = "failed"    // nothing stored: error says why
)

// ReportLine is one line of an ingest report.
type ReportLine struct {
	Input  string `json:"input"`
	Status string `json:"status"`
	// ID is the source stored, or (duplicate) the one with the same bytes;
	// "" in a dry run for what would be stored.
	ID          string `json:"id,omitempty"`
	SHA256      string `json:"sha256,omitempty"`
	Title       string `json:"title,omitempty"`
	DuplicateOf string `json:"duplicate_of,omitempty"`
	NearCopyOf  string `json:"near_copy_of,omitempty"`
	// DuplicateOfInput and NearCopyOfInput name an input of the same dry
	// run, which has no source id.
	DuplicateOfInput string  `json:"duplicate_of_input,omitempty"`
	NearCopyOfInput  string  `json:"near_copy_of_input,omitempty"`
	Similarity       float64 `json:"similarity,omitempty"`
	// Raised: the same bytes were a source at a weaker level, now raised.
	Raised bool `json:"raised,omitempty"`
	// Error says why an input failed; for one stored whose findings were
	// not all recorded, what is left to do.
	Error  string `json:"error,omitempty"`
	DryRun bool   `json:"dry_run,omitempty"`
	Time   string `json:"time"`
}

// NewReportLine is the report line of one result.
func NewReportLine(r IngestResult, at time.Time) ReportLine {
	l := ReportLine{Input: r.Input, SHA256: r.Source.SHA256, Title: r.Source.Title, Raised: r.Raised, DryRun: r.DryRun,
		Time: at.UTC().Format(time.RFC3339)}
	if r.Err != nil {
		l.Error = r.Err.Error()
	}
	switch {
	case r.Outcome == Failed:
		l.Status = ReportFailed
	case r.Outcome == Exists:
		l.Status, l.ID, l.DuplicateOf, l.DuplicateOfInput = ReportDuplicate, r.Source.ID, r.Source.ID, r.DuplicateOfInput
	case r.DuplicateOf != "" || r.DuplicateOfInput != "":
		l.Status, l.ID, l.NearCopyOf, l.NearCopyOfInput = ReportNearCopy, r.Source.ID, r.DuplicateOf, r.DuplicateOfInput
		l.Similarity = r.Source.Similarity
	default:
		l.Status, l.ID = ReportStored, r.Source.ID
	}
	return l
}

// IngestReport is an ingest report open for appending, with what an
// earlier run of it recorded.
type IngestReport struct {
	path string
	f    *os.File
	done map[string]ReportLine // inputs an earlier run stored or found stored
}

// OpenReport opens (or creates) the report at path. An existing report is
// read: its inputs recorded as stored, near-copies or duplicates are done
// (Done); a last line cut short by a kill is dropped. A dry run needs a new
// file — it would otherwise mix with a real run's record — and a real run
// does not continue a dry run's report.
func OpenReport(path string, dryRun bool) (*IngestReport, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("report %s: %w", path, err)
	}
	rep := &IngestReport{path: path, f: f, done: map[string]ReportLine{}}
	lines, valid, err := readReport(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("report %s: %w", path, err)
	}
	switch {
	case dryRun && len(lines) > 0:
		f.Close()
		return nil, fmt.Errorf("report %s already holds a report of %d inputs: a dry run writes a new one (choose another file)", path, len(lines))
	case len(lines) > 0 && lines[0].DryRun:
		f.Close()
		return nil, fmt.Errorf("report %s is a dry run's: nothing was stored to continue from (choose another file)", path)
	}
	for _, l := range lines {
		if l.Status != ReportFailed {
			rep.done[l.Input] = l
		}
	}
	// Drop a last line cut short, and append after what is valid.
	if err := f.Truncate(valid); err != nil {
		f.Close()
		return nil, fmt.Errorf("report %s: %w", path, err)
	}
	if _, err := f.Seek(valid, io.SeekStart); err != nil {
		f.Close()
		return nil, fmt.Errorf("report %s: %w", path, err)
	}
	return rep, nil
}

// maxReportLine bounds one line of a report (a title and an error message
// are its only long parts).
const maxReportLine = 1 << 20

// readReport reads the report's lines and the length of the part that is
// whole lines. Only the last line may be cut short (no newline, or not
// JSON): a kill mid-write; any other bad line is an error naming it.
func readReport(r io.Reader) ([]ReportLine, int64, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	var lines []ReportLine
	var valid int64
	for n := 1; ; n++ {
		b, err := br.ReadBytes('\n')
		if len(b) > maxReportLine {
			return nil, 0, fmt.Errorf("line %d is longer than %d bytes: not an ingest report", n, maxReportLine)
		}
		if errors.Is(err, io.EOF) {
			return lines, valid, nil // b, if anything, is a line cut short
		}
		if err != nil {
			return nil, 0, err
		}
		var l ReportLine
		if jerr := json.Unmarshal(bytes.TrimSpace(b), &l); jerr != nil || l.Input == "" || l.Status == "" {
			if _, perr := br.Peek(1); errors.Is(perr, io.EOF) {
				return lines, valid, nil // the last line, cut short
			}
			return nil, 0, fmt.Errorf("line %d is not a line of an ingest report", n)
		}
		lines = append(lines, l)
		valid += int64(len(b))
	}
}

// Done is what an earlier run recorded of input, when it stored it or found
// it stored.
func (rep *IngestReport) Done(input string) (ReportLine, bool) {
	l, ok := rep.done[input]
	return l, ok
}

// DoneCount is how many inputs an earlier run recorded as done.
func (rep *IngestReport) DoneCount() int { return len(rep.done) }

// Write appends the line of one result, in one write: a kill leaves whole
// lines, and at most the last one cut.
func (rep *IngestReport) Write(r IngestResult) error {
	b, err := json.Marshal(NewReportLine(r, time.Now()))
	if err != nil {
		return err
	}
	if _, err := rep.f.Write(append(b, '\n')); err != nil {
		return fmt.Errorf("report %s: %w", rep.path, err)
	}
	return nil
}

// Close flushes the report to disk and closes it.
func (rep *IngestReport) Close() error {
	serr := rep.f.Sync()
	if err := rep.f.Close(); err != nil {
		return fmt.Errorf("report %s: %w", rep.path, err)
	}
	if serr != nil {
		return fmt.Errorf("report %s: %w", rep.path, serr)
	}
	return nil
}
