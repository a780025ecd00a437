package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
)

// Exit codes, as CONTRACTS.md fixes them.
const (
	exitOK      = 0
	exitProblem = 1 // the command ran and found a problem
	exitCannot  = 2 // the command could not run
)

// exitError carries an exit code out of a command. A command that found a
// problem it already reported returns one with code 1 and no message.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return ""
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// problem is a finding the command already printed: exit 1, print nothing more.
func problem() error { return &exitError{code: exitProblem} }

// cannot is a failure to run: exit 2 with the message.
func cannot(err error) error { return &exitError{code: exitCannot, err: err} }

// globals are the flags every command takes.
type globals struct {
	data      string // --data: the data directory
	db        string // --db: a postgres:// URL, or "" for the embedded SQLite
	json      bool   // --json: print data for scripts
	as        string // --as: act as this user
	clearance string // --clearance: act with this clearance

	stdin          io.Reader
	stdout, stderr io.Writer
}

func newRoot(g *globals) *cobra.Command {
	root := &cobra.Command{
		Use:   "athar",
		Short: "Athar turns reports of atrocity crimes into a reviewed, provenance-linked evidence base",
		Long: `Athar (أثر, "trace") collects sources into an archive that proves they were not
altered, extracts who did what, where and when, ties every fact to the sentence
it came from, and exports what courts, partners and the public can use.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(g.stdin)
	root.SetOut(g.stdout)
	root.SetErr(g.stderr)
	pf := root.PersistentFlags()
	pf.StringVar(&g.data, "data", envOr("ATHAR_DATA", "./athar-data"), "data directory: the embedded database and the archive (env ATHAR_DATA)")
	pf.StringVar(&g.db, "db", os.Getenv("ATHAR_DB"), "postgres:// URL: keep the database and the archive's blobs in PostgreSQL (env ATHAR_DB)")
	pf.BoolVar(&g.json, "json", false, "print data as JSON for scripts")
	pf.StringVar(&g.as, "as", "", "act as this user, with their role and clearance")
	pf.StringVar(&g.clearance, "clearance", "", "act with this clearance: public, internal, restricted or confidential")
	for _, add := range commands {
		root.AddCommand(add(g))
	}
	return root
}

// commands are the subcommands; each file registers its own in an init func.
var commands []func(*globals) *cobra.Command

func register(c func(*globals) *cobra.Command) { commands = append(commands, c) }

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	g := &globals{stdin: stdin, stdout: stdout, stderr: stderr}
	root := newRoot(g)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintln(stderr, "athar:", ee.err)
		}
		return ee.code
	}
	// Flag and argument errors from cobra, and anything unexpected, mean the
	// command could not run.
	fmt.Fprintln(stderr, "athar:", err)
	return exitCannot
}
