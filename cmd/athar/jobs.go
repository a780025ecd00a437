package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/jobs"
)

func init() {
	register(func(g *globals) *cobra.Command {
		var state, kind string
		var limit int
		cmd := &cobra.Command{
			Use:   "jobs",
			Short: "List background jobs; retry or cancel them",
			Long: `List background jobs, newest first: their state, kind, attempts, what they work
on and the last error. States: available, scheduled, running, retryable (failed,
will run again), parked (failed every attempt; retry it by hand), cancelled,
completed; --state failed lists retryable and parked, --state queued what waits.
Errors of work on material above public are recorded without details, and what
is above your clearance is hidden.`,
			Args: cobra.NoArgs,
			RunE: func(cmd *cobra.Command, _ []string) error {
				f := jobs.Filter{Kind: kind, Limit: limit}
				if state != "" {
					var err error
					if f.States, err = jobs.ParseStates(state); err != nil {
						return cannot(fmt.Errorf("--state: %w", err))
					}
				}
				return g.withJobs(cmd.Context(), func(q *jobs.Queue, v access.Viewer) error {
					list, err := q.List(cmd.Context(), v, f)
					if err != nil {
						return cannot(err)
					}
					if g.json {
						return g.printJSON(list)
					}
					g.printJobs(list)
					return nil
				})
			},
		}
		cmd.Flags().StringVar(&state, "state", "", "only jobs in this state: "+stateNames()+", failed or queued")
		cmd.Flags().StringVar(&kind, "kind", "", "only jobs of this kind: ingest, extract, resolve, reindex, periodic")
		cmd.Flags().IntVar(&limit, "limit", 100, "at most this many jobs")
		cmd.AddCommand(jobsAction(g, "retry", "Run jobs again at once (a parked job gets one more attempt)", (*jobs.Queue).Retry),
			jobsAction(g, "cancel", "Cancel jobs that have not finished (a running job is stopped and rolled back)", (*jobs.Queue).Cancel),
			jobsCounts(g))
		return cmd
	})
}

func stateNames() string {
	names := make([]string, len(jobs.AllStates))
	for i, s := range jobs.AllStates {
		names[i] = string(s)
	}
	return strings.Join(names, ", ")
}

// jobsAction is `athar jobs retry|cancel ID...`.
func jobsAction(g *globals, name, short string, act func(*jobs.Queue, context.Context, access.Viewer, int64) (jobs.Job, error)) *cobra.Command {
	return &cobra.Command{
		Use:   name + " ID...",
		Short: short,
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ids := make([]int64, len(args))
			for i, a := range args {
				id, err := strconv.ParseInt(a, 10, 64)
				if err != nil || id <= 0 {
					return cannot(fmt.Errorf("%q is not a job id (a positive number, as 'athar jobs' lists)", a))
				}
				ids[i] = id
			}
			return g.withJobs(cmd.Context(), func(q *jobs.Queue, v access.Viewer) error {
				if !v.CanWrite() {
					return cannot(fmt.Errorf("%s may not %s jobs (role %s)", v.Actor(), name, v.Role))
				}
				done := []jobs.Job{}
				bad := 0
				for _, id := range ids {
					j, err := act(q, cmd.Context(), v, id)
					if errors.Is(err, jobs.ErrNotFound) {
						fmt.Fprintf(g.stderr, "athar: job %d: no such job\n", id)
						bad++
						continue
					}
					if err != nil {
						return cannot(err)
					}
					done = append(done, j)
				}
				if g.json {
					if err := g.printJSON(done); err != nil {
						return err
					}
				} else {
					for _, j := range done {
						fmt.Fprintf(g.stdout, "%d  %s  %s %s\n", j.ID, j.State, j.Kind, j.Target)
					}
				}
				if bad > 0 {
					return problem()
				}
				return nil
			})
		},
	}
}

// jobsCounts is `athar jobs counts`.
func jobsCounts(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "counts",
		Short: "Count jobs by kind and state",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return g.withJobs(cmd.Context(), func(q *jobs.Queue, _ access.Viewer) error {
				cs, err := q.Counts(cmd.Context())
				if err != nil {
					return cannot(err)
				}
				if g.json {
					if cs == nil {
						cs = []jobs.Count{}
					}
					return g.printJSON(cs)
				}
				w := tabwriter.NewWriter(g.stdout, 0, 0, 2, ' ', 0)
				fmt.Fprintln(w, "KIND\tSTATE\tJOBS")
				for _, c := range cs {
					fmt.Fprintf(w, "%s\t%s\t%d\n", c.Kind, c.State, c.N)
				}
				return w.Flush()
			})
		},
	}
}

// withJobs opens an existing store and its job queue as the command's
// viewer.
func (g *globals) withJobs(ctx context.Context, fn func(*jobs.Queue, access.Viewer) error) error {
	a, v, err := g.openApp(ctx, true)
	if err != nil {
		return err
	}
	defer a.Close()
	q, err := jobs.Open(ctx, a, jobs.Config{})
	if err != nil {
		return cannot(err)
	}
	defer q.Close()
	return fn(q, v)
}

func (g *globals) printJobs(list []jobs.Job) {
	w := tabwriter.NewWriter(g.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "ID\tSTATE\tKIND\tATTEMPT\tTARGET\tLAST ERROR")
	for _, j := range list {
		fmt.Fprintf(w, "%d\t%s\t%s\t%d/%d\t%s\t%s\n", j.ID, j.State, j.Kind, j.Attempt, j.MaxAttempts, j.Target, oneLine(j.LastError(), 100))
	}
	w.Flush()
}

// oneLine shortens s to one line of at most n characters.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
