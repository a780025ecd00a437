package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

func init() {
	register(func(g *globals) *cobra.Command {
		var rebuild bool
		cmd := &cobra.Command{
			Use:   "migrate",
			Short: "Apply the database migrations not yet applied, and list them all",
			Long: `Apply the numbered, embedded migrations that are not yet applied. The embedded
SQLite database is migrated whenever Athar opens it; on PostgreSQL operators may
prefer to run this explicitly before starting servers and workers.

--rebuild-totals recomputes the totals pages read (claims and their
independent sources, the sources mentioning each entity, the review queue's
claims) from the statements and mentions: they are kept with every write, and built when a store that
predates them is opened, so this is for repair.`,
			Args: cobra.NoArgs,
			RunE: func(cmd *cobra.Command, _ []string) error {
				ctx := cmd.Context()
				a, v, err := g.openApp(ctx, false)
				if err != nil {
					return err
				}
				defer a.Close()
				if rebuild {
					n, err := a.RebuildTotals(ctx, v)
					if err != nil {
						return refused(err)
					}
					fmt.Fprintf(g.stderr, "page totals rebuilt from %d statements\n", n)
				}
				status, err := a.MigrationStatus(ctx)
				if err != nil {
					return cannot(err)
				}
				if g.json {
					return g.printJSON(status)
				}
				for _, s := range status {
					fmt.Fprintln(g.stdout, s)
				}
				return nil
			},
		}
		cmd.Flags().BoolVar(&rebuild, "rebuild-totals", false, "recompute the page totals from the statements and mentions")
		return cmd
	})
}
