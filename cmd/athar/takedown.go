package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

func init() {
	register(func(g *globals) *cobra.Command {
		var reason string
		cmd := &cobra.Command{
			Use:   "takedown SOURCE_ID --reason TEXT",
			Short: "Erase a source's content for good (its data key destroyed), as an admin",
			Long: `Erase a source's content for good, at a witness's request or to protect them:
its data key is destroyed, so that its text, the quotes drawn from it and its
original — stored sealed in the database and the archive — can no longer be read
anywhere, in backups made afterwards included. Its entries in the search index
are removed; the facts drawn from it stay, each citing a withdrawn source. The
take-down, with --reason, is recorded in the ledger; 'athar verify' reports it
and still exits 0. Backups made before the take-down still hold the destroyed
key, sealed under the master key: destroy them, or keep the master key from
them. Admins only. There is no undo.`,
			Args: cobra.ExactArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				ctx := cmd.Context()
				a, v, err := g.openApp(ctx, true)
				if err != nil {
					return err
				}
				defer a.Close()
				if err := a.TakeDown(ctx, v, args[0], reason); err != nil {
					return refused(err)
				}
				if err := g.done(ctx, a); err != nil {
					return err
				}
				if g.json {
					return g.printJSON(map[string]string{"id": args[0], "status": "withdrawn"})
				}
				fmt.Fprintf(g.stdout, "%s  withdrawn\n", args[0])
				return nil
			},
		}
		cmd.Flags().StringVar(&reason, "reason", "", "why (required): kept in the ledger")
		return cmd
	})
}
