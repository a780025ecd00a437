package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/athar-project/athar/internal/model"
)

// `athar consent SOURCE_ID [--set LIST] [--json]`: what the witness of a
// testimony consented to, and, for an admin, a change of it (ledgered).
func init() {
	register(func(g *globals) *cobra.Command {
		var set string
		cmd := &cobra.Command{
			Use:   "consent SOURCE_ID",
			Short: "Show or (admins) set what the witness of a testimony consented to",
			Long: "Uses, comma-separated: court (the dossier, the court package), partners:NAME[|NAME] (sharing with the\n" +
				"partners named), publication (the public dataset), contact; or none. A testimony with nothing recorded is\n" +
				"used for nothing beyond the archive.",
			Args: cobra.ExactArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				ctx := cmd.Context()
				var c model.Consent
				if cmd.Flags().Changed("set") {
					var err error
					if c, err = model.ParseConsent(set); err != nil {
						return cannot(fmt.Errorf("--set: %w", err))
					}
				}
				a, v, err := g.openApp(ctx, true)
				if err != nil {
					return err
				}
				defer a.Close()
				if cmd.Flags().Changed("set") {
					if err := a.SetConsent(ctx, v, args[0], c); err != nil {
						return refused(err)
					}
					if err := g.done(ctx, a); err != nil {
						return err
					}
				}
				c, recorded, err := a.SourceConsent(ctx, v, args[0])
				if err != nil {
					return refused(err)
				}
				if g.json {
					return g.printJSON(struct {
						Source      string   `json:"source"`
						Recorded    bool     `json:"recorded"`
						Court       bool     `json:"court"`
						Partners    []string `json:"partners"`
						Publication bool     `json:"publication"`
						Contact     bool     `json:"contact"`
					}{args[0], recorded, c.Court, append([]string{}, c.Partners...), c.Publication, c.Contact})
				}
				switch {
				case !recorded:
					fmt.Fprintf(g.stdout, "%s: no consent recorded\n", args[0])
				case c.String() == "":
					fmt.Fprintf(g.stdout, "%s: none\n", args[0])
				default:
					fmt.Fprintf(g.stdout, "%s: %s\n", args[0], c)
				}
				return nil
			},
		}
		cmd.Flags().StringVar(&set, "set", "", "record this consent (admins only): court, partners:NAME[|NAME], publication, contact, or none")
		return cmd
	})
}
