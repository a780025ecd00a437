package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func init() {
	register(func(g *globals) *cobra.Command {
		return &cobra.Command{
			Use:   "version",
			Short: "Print Athar's version",
			Args:  cobra.NoArgs,
			RunE: func(cmd *cobra.Command, _ []string) error {
				_, err := fmt.Fprintln(g.stdout, "athar", version)
				return err
			},
		}
	})
}
