package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/ledger"
)

func init() {
	register(func(g *globals) *cobra.Command {
		var anchors string
		cmd := &cobra.Command{
			Use:   "verify",
			Short: "Check the ledger's chain, every row, every original and every signed checkpoint",
			Long: `Re-walk the ledger's hash chain, re-hash every current row against its latest
entry and every archived original against its SHA-256, and check that the chain
still contains every signed checkpoint, signed by the ledger's key (the file
ATHAR_SIGNING_KEY_FILE names, or the per-user one). With --anchors (default
$ATHAR_LEDGER_ANCHORS), a folder or file of checkpoints published outside the
data directory, each of them must be in the data directory and agree with the
chain. Every RFC 3161 time-stamp token kept beside a checkpoint is checked:
its signature, its authority's certificate against ATHAR_TSA_CA, and that it
stamps that checkpoint. Exits 0 when all it can check holds — printing what it could not check
("not checked: …") — 1 naming the first break, 2 when it cannot run.`,
			Args: cobra.NoArgs,
			RunE: func(cmd *cobra.Command, _ []string) error {
				ctx := cmd.Context()
				a, v, err := g.openApp(ctx, true)
				if err != nil {
					return err
				}
				defer a.Close()
				r, err := a.VerifyAnchored(ctx, v, anchors)
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
					if anchors != "" {
						fmt.Fprintf(g.stdout, "anchors: %d checked\n", r.Anchors)
					}
					fmt.Fprintf(g.stdout, "timestamps: %d checked\n", r.Timestamps)
					if r.TakeDowns > 0 {
						fmt.Fprintf(g.stdout, "take-downs: %d (content erased for good, as the ledger records)\n", r.TakeDowns)
					}
					for _, u := range r.Unchecked {
						fmt.Fprintf(g.stdout, "not checked: %s\n", u)
					}
					switch {
					case r.OK && len(r.Unchecked) > 0:
						fmt.Fprintln(g.stdout, "ok: nothing that could be checked was altered")
					case r.OK:
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
		cmd.Flags().StringVar(&anchors, "anchors", os.Getenv(ledger.AnchorsEnv),
			"a folder or file of checkpoints published outside the data directory; default $"+ledger.AnchorsEnv)
		return cmd
	})
}
