package main

import (
	"fmt"

	"github.com/athar-project/athar/internal/app"
	"github.com/spf13/cobra"
)

func init() {
	register(func(g *globals) *cobra.Command {
		return &cobra.Command{
			Use:   "verify",
			Short: "Check the ledger's chain, every row, every original and every signed checkpoint",
			Long: `Re-walk the ledger's hash chain, re-hash every current row against its latest
entry and every archived original against its SHA-256, and check that the chain
still contains every signed checkpoint. Exits 0 when all check out, 1 naming
the first break, 2 when it cannot run.`,
			Args: cobra.NoArgs,
			RunE: func(cmd *cobra.Command, _ []string) error {
				ctx := cmd.Context()
				a, v, err := g.openApp(ctx, true)
				if err != nil {
					return err
				}
				defer a.Close()
				r, err := a.Verify(ctx, v)
				if app.KindOf(err) != 0 {
					return refused(err)
				}
				if err != nil {
					return cannot(fmt.Errorf("verify: %w", err))
				}
				if g.json {
					if r.Problems == nil {
						r.Problems = nil
					}
					if err := g.printJSON(r); err != nil {
						return err
					}
				} else {
					fmt.Fprintf(g.stdout, "ledger: %d entries, head %s\nrows: %d checked\noriginals: %d checked\ncheckpoints: %d checked\n",
						r.Entries, r.Head, r.Rows, r.Blobs, r.Checkpoints)
					if r.OK {
						fmt.Fprintln(g.stdout, "ok: nothing was altered")
					}
				}
				if !r.OK {
					fmt.Fprintf(g.stderr, "athar: verify: first break: %s\n", r.Problems[0])
					for _, p := range r.Problems[1:] {
						fmt.Fprintf(g.stderr, "athar: verify: also: %s\n", p)
					}
					return problem()
				}
				return nil
			},
		}
	})
}
