// Command athar-bench measures Athar on generated data — storage, the whole
// pipeline, large sources, exports, the names index, page latency — for
// docs/benchmarks.md. It is kept out of the athar binary that installations
// run; it shares its data directory flags and exit codes.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/athar-project/athar/internal/store"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// Exit codes, as athar's.
const (
	exitOK      = 0
	exitProblem = 1
	exitCannot  = 2
)

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

// cannot is a failure to run: exit 2 with the message.
func cannot(err error) error { return &exitError{code: exitCannot, err: err} }

// globals are the flags every benchmark takes.
type globals struct {
	data, db       string
	stdin          io.Reader
	stdout, stderr io.Writer
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	g := &globals{stdin: stdin, stdout: stdout, stderr: stderr}
	root := &cobra.Command{
		Use:           "athar-bench",
		Short:         "Measure Athar on generated data (results for docs/benchmarks.md)",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	pf := root.PersistentFlags()
	pf.StringVar(&g.data, "data", envOr("ATHAR_DATA", "./athar-data"), "data directory (env ATHAR_DATA)")
	pf.StringVar(&g.db, "db", os.Getenv("ATHAR_DB"), "postgres:// URL (env ATHAR_DB)")
	for _, add := range benchCommands {
		root.AddCommand(add(g))
	}
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintln(stderr, "athar-bench:", ee.err)
		}
		return ee.code
	}
	fmt.Fprintln(stderr, "athar-bench:", err)
	return exitCannot
}

// benchCommands are the benchmarks; each file registers its own.
var benchCommands []func(*globals) *cobra.Command

func registerBench(c func(*globals) *cobra.Command) { benchCommands = append(benchCommands, c) }

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

// openStore opens the store the flags name.
func (g *globals) openStore(ctx context.Context, readOnly bool) (*store.Store, error) {
	st, err := store.Open(ctx, store.Config{DataDir: g.data, DBURL: g.db, ReadOnly: readOnly})
	if err != nil {
		return nil, cannot(err)
	}
	return st, nil
}

// progress returns a progress bar on stderr when it is a terminal.
func (g *globals) progress(n int, what string) *progressbar.ProgressBar {
	f, ok := g.stderr.(*os.File)
	if n <= 3 || !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return progressbar.NewOptions(n, progressbar.OptionSetWriter(f), progressbar.OptionSetDescription(what),
		progressbar.OptionShowCount(), progressbar.OptionClearOnFinish())
}
