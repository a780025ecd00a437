package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/export"
)

func init() {
	exportCommands = append(exportCommands, exportCSVCommand)
}

func exportCSVCommand(g *globals) *cobra.Command {
	var out, partner string
	var confirmed bool
	cmd := &cobra.Command{
		Use:   "csv",
		Short: "Write entities.csv and statements.csv (every statement with its source and quote; what your clearance lets you see)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if out == "" {
				return cannot(errors.New("--out DIR is required"))
			}
			ctx := cmd.Context()
			a, v, err := g.openApp(ctx, true)
			if err != nil {
				return err
			}
			defer a.Close()
			bar := g.exportProgress()
			opt := app.ExportOptions{Confirmed: confirmed, Progress: bar.update}
			if err := a.ForPartner(ctx, &opt, partner); err != nil {
				return cannot(err)
			}
			err = a.ExportCSV(ctx, v, opt, out)
			bar.done()
			if err != nil {
				return cannot(err)
			}
			fmt.Fprintf(g.stderr, "CSV written to %s (%s, %s)\n", out, export.EntitiesFile, export.StatementsFile)
			return nil
		},
	}
	cmd.Flags().StringVar(&out, "out", "", "write into `DIR` (empty or absent)")
	cmd.Flags().BoolVar(&confirmed, "confirmed", false, "confirmed statements only (default: confirmed and proposed)")
	cmd.Flags().StringVar(&partner, "partner", "", partnerFlagHelp)
	return cmd
}

// exportBar shows an export's progress on stderr when it is a terminal: an
// export does not know its size ahead, so it counts.
type exportBar struct{ bar *progressbar.ProgressBar }

func (g *globals) exportProgress() *exportBar {
	f, ok := g.stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return &exportBar{}
	}
	return &exportBar{progressbar.NewOptions(-1, progressbar.OptionSetWriter(f),
		progressbar.OptionSetDescription("statements exported"), progressbar.OptionShowCount(), progressbar.OptionClearOnFinish())}
}

func (b *exportBar) update(_, statements int) {
	if b.bar != nil {
		_ = b.bar.Set(statements)
	}
}

func (b *exportBar) done() {
	if b.bar != nil {
		_ = b.bar.Finish()
	}
}
