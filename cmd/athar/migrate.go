package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

func init() {
	register(func(g *globals) *cobra.Command {
		var rebuild bool
		var searchIndex string
		cmd := &cobra.Command{
			Use:   "migrate",
			Short: "Apply the database migrations not yet applied, and list them all",
			Long: `Apply the numbered, embedded migrations that are not yet applied. The embedded
SQLite database is migrated whenever Athar opens it; on PostgreSQL operators may
prefer to run this explicitly before starting servers and workers.

--rebuild-totals recomputes the totals pages read (claims and their
independent sources, the sources mentioning each entity, the review queue's
claims) from the statements and mentions: they are kept with every write, and built when a store that
predates them is opened, so this is for repair.

--search-index rum|gin chooses the full-text index of PostgreSQL's search.
GIN, the default, needs nothing more; RUM (the extension of Debian's
postgresql-15-rum, created by a superuser role or beforehand) yields matches
in the order search wants them, so that names whose matches all lie far back
are found in milliseconds instead of up to a second, and costs about four
times as much to write each search document. Every open builds the chosen
index when it is missing; when RUM is chosen and the server or the role
cannot have it, search stays on GIN and this command says why.`,
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
				o := a.SearchOrder()
				if searchIndex != "" {
					if o, err = a.SetSearchIndex(ctx, v, searchIndex); err != nil {
						return refused(err)
					}
				}
				switch {
				case o.Why != "":
					fmt.Fprintf(g.stderr, "search index: %s, because %s\n", o.Index, o.Why)
				case o.Index != "fts5":
					fmt.Fprintf(g.stderr, "search index: %s\n", o.Index)
				}
				if searchIndex != "" {
					fmt.Fprintln(g.stderr, "restart running servers and workers for them to search through it")
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
		cmd.Flags().StringVar(&searchIndex, "search-index", "", "PostgreSQL: the full-text index search reads, rum or gin (see above)")
		return cmd
	})
}
