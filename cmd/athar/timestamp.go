package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

func init() {
	register(func(g *globals) *cobra.Command {
		return &cobra.Command{
			Use:   "timestamp",
			Short: "Ask the time-stamping authorities again for trusted time over the newest checkpoint",
			Long: `Sign the ledger's head into a checkpoint when it moved, and ask every
time-stamping authority ATHAR_TSA_URL names for an RFC 3161 token over the
newest checkpoint, kept beside it (trusted with the certificates ATHAR_TSA_CA
names). Every command that writes does this already; an authority that failed
then is asked again here. Exits 0 when every authority answered, 1 when one
failed (the checkpoint is kept), 2 when it cannot run.`,
			Args: cobra.NoArgs,
			RunE: func(cmd *cobra.Command, _ []string) error {
				ctx := cmd.Context()
				a, err := g.open(ctx, false)
				if err != nil {
					return err
				}
				defer a.Close()
				res, err := a.Timestamp(ctx)
				if err != nil {
					return cannot(err)
				}
				if g.json {
					if err := g.printJSON(res); err != nil {
						return err
					}
				} else {
					for _, t := range res.Tokens {
						fmt.Fprintf(g.stdout, "checkpoint %d: %s\n", res.Checkpoint.Seq, t)
					}
					if !res.Authority && len(res.Failed) == 0 {
						fmt.Fprintln(g.stdout, "no time-stamping authority is configured (ATHAR_TSA_URL): no trusted time was obtained")
					}
				}
				for _, f := range res.Failed {
					fmt.Fprintf(g.stderr, "athar: timestamp: %s\n", f)
				}
				if len(res.Failed) > 0 {
					return problem()
				}
				return nil
			},
		}
	})
}
