package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

func init() {
	register(func(g *globals) *cobra.Command {
		return &cobra.Command{
			Use:   "migrate",
			Short: "Apply the database migrations not yet applied, and list them all",
			Long: `Apply the numbered, embedded migrations that are not yet applied. The embedded
SQLite database is migrated whenever Athar opens it; on PostgreSQL operators may
prefer to run this explicitly before starting servers and workers.`,
			Args: cobra.NoArgs,
			RunE: func(cmd *cobra.Command, _ []string) error {
				ctx := cmd.Context()
				st, err := g.openStore(ctx, false)
				if err != nil {
					return err
				}
				defer st.Close()
				status, err := st.MigrationStatus(ctx)
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
	})
}
