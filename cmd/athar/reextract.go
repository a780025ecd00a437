package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/athar-project/athar/internal/app"
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
				a, v, err := g.openApp(ctx, true)
				if err != nil {
					return err
				}
				defer a.Close()
				bad := 0
				err = a.Reextract(ctx, v, args, func(done app.Extracted, err error) {
					switch {
					case app.KindOf(err) == app.NotFound:
						fmt.Fprintf(g.stderr, "athar: source %s: not found, or not visible at your clearance\n", done.SourceID)
						bad++
					case err != nil:
						fmt.Fprintf(g.stderr, "athar: source %s: %v\n", done.SourceID, err)
						bad++
					case done.Skipped:
						fmt.Fprintf(g.stdout, "unchanged  %s\n", done.SourceID)
					default:
						fmt.Fprintf(g.stdout, "extracted  %s  %d mentions, %d statements proposed (%d earlier proposals replaced)\n",
							done.SourceID, done.Found.Mentions, done.Found.Statements, done.Superseded.Statements)
					}
				})
				if err != nil {
					return refused(err)
				}
				if err := g.done(ctx, a); err != nil {
					return err
				}
				if bad > 0 {
					return problem()
				}
				return nil
			},
		}
	})
}
