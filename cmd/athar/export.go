package main

import (
	"bufio"
	"errors"
	"fmt"
	"os"

	"github.com/athar-project/athar/internal/app"
	"github.com/spf13/cobra"
)

// exportCommands are the subcommands of `athar export`; a file that adds one
// (dossier) appends to it from its init.
var exportCommands = []func(*globals) *cobra.Command{exportFTMCommand, exportPublicCommand}

func init() {
	register(func(g *globals) *cobra.Command {
		cmd := &cobra.Command{Use: "export", Short: "Export entities as FollowTheMoney, CSV or the public dataset"}
		for _, c := range exportCommands {
			cmd.AddCommand(c(g))
		}
		return cmd
	})
}

func exportFTMCommand(g *globals) *cobra.Command {
	var out, format, partner string
	var confirmed, statements bool
	cmd := &cobra.Command{
		Use:   "ftm",
		Short: "Write FollowTheMoney entities (or, with --statements, FtM statements) as JSON lines (what your clearance lets you see)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			form := app.FtMEntities
			switch {
			case format != "json" && format != "csv":
				return cannot(fmt.Errorf("--format %q: want json or csv", format))
			case format == "csv" && !statements:
				return cannot(errors.New("--format csv needs --statements: FtM's CSV form is of statements"))
			case format == "csv":
				form = app.FtMStatementsCSV
			case statements:
				form = app.FtMStatements
			}
			ctx := cmd.Context()
			a, v, err := g.openApp(ctx, true)
			if err != nil {
				return err
			}
			defer a.Close()
			opt := app.ExportOptions{Confirmed: confirmed}
			if err := a.ForPartner(ctx, &opt, partner); err != nil {
				return cannot(err)
			}
			bar := g.exportProgress()
			defer bar.done()
			opt.Progress = bar.update
			if out == "" {
				w := bufio.NewWriter(g.stdout)
				if err := a.ExportFtM(ctx, v, form, opt, w); err != nil {
					return cannot(err)
				}
				if err := w.Flush(); err != nil {
					return cannot(err)
				}
				return nil
			}
			f, err := os.Create(out)
			if err != nil {
				return cannot(fmt.Errorf("--out: %w", err))
			}
			w := bufio.NewWriter(f)
			err = a.ExportFtM(ctx, v, form, opt, w)
			err = errors.Join(err, w.Flush(), f.Close())
			if err != nil {
				os.Remove(out)
				return cannot(fmt.Errorf("export to %s: %w", out, err))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&out, "out", "", "write to `FILE` instead of stdout")
	cmd.Flags().BoolVar(&confirmed, "confirmed", false, "confirmed statements only (default: confirmed and proposed)")
	cmd.Flags().BoolVar(&statements, "statements", false, "write FtM statements (one value a line) instead of entities")
	cmd.Flags().StringVar(&partner, "partner", "", partnerFlagHelp)
	cmd.Flags().StringVar(&format, "format", "json", "with --statements: json (JSON lines) or csv (FtM's statement CSV, as OpenSanctions publishes)")
	return cmd
}

// partnerFlagHelp explains --partner of the FtM and CSV exports.
const partnerFlagHelp = "an export to share with partner `NAME`: leave out testimonies whose witness did not consent to sharing with NAME (without it, the export is for the organisation itself)"

func exportPublicCommand(g *globals) *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "public",
		Short: "Write the public dataset: confirmed, public statements only, as FtM JSON lines and CSV",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if out == "" {
				return cannot(errors.New("--out DIR is required"))
			}
			ctx := cmd.Context()
			a, err := g.open(ctx, true)
			if err != nil {
				return err
			}
			defer a.Close()
			if err := a.ExportPublic(ctx, out); err != nil {
				return cannot(err)
			}
			fmt.Fprintf(g.stderr, "public dataset written to %s\n", out)
			return nil
		},
	}
	cmd.Flags().StringVar(&out, "out", "", "write into `DIR` (empty or absent)")
	return cmd
}
