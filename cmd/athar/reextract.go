package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/pipeline"
	"github.com/athar-project/athar/internal/resolve"
	"github.com/athar-project/athar/internal/search"
	"github.com/athar-project/athar/internal/store"
)

func init() {
	register(func(g *globals) *cobra.Command {
		return &cobra.Command{
			Use:   "reextract [SOURCE_ID...]",
			Short: "Run the current extractors over stored sources (all of them when none is named)",
			Long: `Run the current extractors over stored sources. What an earlier extractor
version proposed and no person reviewed is replaced; statements a person reviewed
are kept and not proposed again; a source the current version already extracted
is left alone.`,
			RunE: func(cmd *cobra.Command, args []string) error {
				ctx := cmd.Context()
				st, v, err := g.openAs(ctx, true)
				if err != nil {
					return err
				}
				defer st.Close()
				if !v.CanWrite() {
					return cannot(fmt.Errorf("%s may not change what is stored (role %s)", v.Actor(), v.Role))
				}
				ids := args
				if len(ids) == 0 {
					if ids, err = st.SourceIDs(ctx); err != nil {
						return cannot(err)
					}
				}
				r, err := resolve.New(ctx, st)
				if err != nil {
					return cannot(err)
				}
				bad := 0
				for _, id := range ids {
					src, err := st.Source(ctx, access.Operator(), id)
					if err == nil && !v.CanSee(src.Sensitivity) {
						err = store.ErrNotFound
					}
					if err != nil {
						fmt.Fprintf(g.stderr, "athar: source %s: not found, or not visible at your clearance\n", id)
						bad++
						continue
					}
					var done pipeline.Redone
					b := r.Begin()
					err = st.Write(ctx, v.Actor(), func(tx *store.Tx) error {
						var err error
						if done, err = pipeline.Reextract(ctx, tx, b, src); err != nil || done.Skipped {
							return err
						}
						return search.IndexSource(ctx, tx, src.ID)
					})
					if err != nil {
						b.Abort(ctx)
						fmt.Fprintf(g.stderr, "athar: source %s: %v\n", id, err)
						bad++
						continue
					}
					if done.Skipped {
						fmt.Fprintf(g.stdout, "unchanged  %s\n", id)
						continue
					}
					fmt.Fprintf(g.stdout, "extracted  %s  %d mentions, %d statements proposed (%d earlier proposals replaced)\n",
						id, done.Found.Mentions, done.Found.Statements, done.Superseded.Statements)
				}
				if err := g.checkpoint(ctx, st); err != nil {
					return cannot(err)
				}
				if bad > 0 {
					return problem()
				}
				return nil
			},
		}
	})
}
