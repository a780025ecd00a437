// Package ftmtest checks files with FollowTheMoney's own model: it runs
// js/validate.js, under node, over @alephdata/followthemoney installed in
// js/node_modules (`npm ci --prefix internal/export/ftm/ftmtest/js`, which
// .ci/run does). Tests of exports call Check; outside CI it skips with a
// message when node or the module is missing, and with CI=true it fails.
package ftmtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// Violation is one kind of violation the validator found, with how many
// and a few examples ("line 4 Document src_…").
type Violation struct {
	Kind     string   `json:"kind"`
	Count    int      `json:"count"`
	Examples []string `json:"examples"`
}

// Report is what the validator says of one file.
type Report struct {
	File       string      `json:"file"`
	Format     string      `json:"format"` // entities, statements or statements-csv
	Entities   int         `json:"entities"`
	Statements int         `json:"statements"`
	Violations []Violation `json:"violations"`
}

// Total is the number of violations of every kind.
func (r Report) Total() int {
	n := 0
	for _, v := range r.Violations {
		n += v.Count
	}
	return n
}

// String lists the violations, one kind a line.
func (r Report) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %d entities, %d statements, %d violations", r.File, r.Format, r.Entities, r.Statements, r.Total())
	for _, v := range r.Violations {
		fmt.Fprintf(&b, "\n  %d× %s, e.g. %s", v.Count, v.Kind, strings.Join(v.Examples, "; "))
	}
	return b.String()
}

// ErrUnavailable is returned by Run when node or the FtM module is missing.
var ErrUnavailable = errors.New("node or @alephdata/followthemoney is not installed")

// Dir is the directory of the validator's node package.
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "js")
}

// Script runs one of the package's scripts under node with args and
// returns its standard output; the exit status is the caller's to read.
func Script(name string, args ...string) ([]byte, error) {
	node, err := find()
	if err != nil {
		return nil, err
	}
	dir := Dir()
	cmd := exec.Command(node, append([]string{filepath.Join(dir, name)}, args...)...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	var exit *exec.ExitError
	if errors.As(err, &exit) && exit.ExitCode() == 1 {
		return out, nil // the script ran and found something
	}
	if err != nil {
		return out, fmt.Errorf("node %s: %v: %s", name, err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}

// find returns node's path, or ErrUnavailable when node or the module is
// missing.
func find() (string, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	if _, err := os.Stat(filepath.Join(Dir(), "node_modules", "@alephdata", "followthemoney", "package.json")); err != nil {
		return "", fmt.Errorf("%w: run `npm ci --prefix %s`", ErrUnavailable, Dir())
	}
	return node, nil
}

// Run validates files and returns a report per file.
func Run(files ...string) ([]Report, error) {
	abs := make([]string, len(files))
	for i, f := range files {
		a, err := filepath.Abs(f)
		if err != nil {
			return nil, err
		}
		abs[i] = a
	}
	out, err := Script("validate.js", abs...)
	if err != nil {
		return nil, err
	}
	var reports []Report
	for _, line := range bytes.Split(bytes.TrimSpace(out), []byte("\n")) {
		var r Report
		if err := json.Unmarshal(line, &r); err != nil {
			return nil, fmt.Errorf("validator output %q: %w", line, err)
		}
		reports = append(reports, r)
	}
	if len(reports) != len(files) {
		return nil, fmt.Errorf("validator reported on %d of %d files", len(reports), len(files))
	}
	return reports, nil
}

// Available skips the test, with a message, when the validator cannot run
// here, unless CI is set: then the test fails.
func Available(t testing.TB) {
	t.Helper()
	if _, err := find(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("FtM validator: %v (CI installs it in .ci/run)", err)
		}
		t.Skipf("FtM validator: %v", err)
	}
}

// Check validates files and fails the test for every violation found.
func Check(t testing.TB, files ...string) []Report {
	t.Helper()
	reports, err := Run(files...)
	if errors.Is(err, ErrUnavailable) {
		if os.Getenv("CI") != "" {
			t.Fatalf("FtM validator: %v (CI installs it in .ci/run)", err)
		}
		t.Skipf("FtM validator: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range reports {
		if r.Total() > 0 {
			t.Errorf("FtM's model rejects %s", r)
		}
	}
	return reports
}
