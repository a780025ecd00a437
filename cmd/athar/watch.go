package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/enquiry"
)

func init() {
	register(func(g *globals) *cobra.Command {
		cmd := &cobra.Command{Use: "watch", Short: "Watch lists: wanted persons every new source is screened for (analysts and up)"}
		cmd.AddCommand(watchAdd(g), watchList(g), watchAlerts(g), watchRemove(g))
		return cmd
	})
}

func watchAdd(g *globals) *cobra.Command {
	var aliases []string
	var rank, born, note, level string
	cmd := &cobra.Command{
		Use:   "add NAME [--alias A ...] [--rank R] [--born YYYY] [--note N]",
		Short: "Name a wanted person; the stored sources are screened at once, every new one after",
		Long: `Add a wanted person to the watch list, as an analyst, a reviewer or an admin.
NAME is written in any script: it is matched across Arabic and Latin spellings.
Every source already stored is screened once now, and every source stored
afterwards (ingest, upload, feeds, capture, imports); a person one names who
may be the wanted person is flagged into 'athar watch alerts' with the
matcher's reasons. The entry is internal unless --sensitivity says otherwise.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			w, err := app.ParseWanted(args[0], aliases, rank, born, note, level)
			if err != nil {
				return cannot(err)
			}
			a, v, err := g.openApp(ctx, false)
			if err != nil {
				return err
			}
			defer a.Close()
			got, n, err := a.AddWanted(ctx, v, w)
			if err != nil {
				return refused(err)
			}
			if err := g.done(ctx, a); err != nil {
				return err
			}
			if g.json {
				return g.printJSON(struct {
					enquiry.WantedDoc
					Alerts int `json:"alerts"`
				}{got.Doc(), n})
			}
			fmt.Fprintf(g.stdout, "%s  %s  (%d alerts from the stored sources)\n", got.ID, got.Name, n)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&aliases, "alias", nil, "another name or spelling (repeatable)")
	f.StringVar(&rank, "rank", "", "rank or function")
	f.StringVar(&born, "born", "", "year of birth: YYYY")
	f.StringVar(&note, "note", "", "a note for analysts")
	f.StringVar(&level, "sensitivity", "", "the entry's level (default internal)")
	return cmd
}

func watchList(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List the watch list, newest first",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			a, v, err := g.openApp(ctx, true)
			if err != nil {
				return err
			}
			defer a.Close()
			ws, err := a.WatchList(ctx, v)
			if err != nil {
				return refused(err)
			}
			if g.json {
				out := make([]enquiry.WantedDoc, 0, len(ws))
				for _, w := range ws {
					out = append(out, w.Doc())
				}
				return g.printJSON(out)
			}
			tw := tabwriter.NewWriter(g.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tNAME\tALIASES\tRANK\tBORN\tLEVEL")
			for _, w := range ws {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", w.ID, w.Name, strings.Join(w.Aliases, "; "), w.Rank, w.Born, w.Sensitivity)
			}
			return tw.Flush()
		},
	}
}

func watchAlerts(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "alerts",
		Short: "List the persons sources name who may be wanted persons, with the matcher's reasons",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			a, v, err := g.openApp(ctx, true)
			if err != nil {
				return err
			}
			defer a.Close()
			as, err := a.WatchAlerts(ctx, v)
			if err != nil {
				return refused(err)
			}
			if g.json {
				return g.printJSON(app.WatchAlertDocs(as))
			}
			for _, x := range as {
				fmt.Fprintf(g.stdout, "%s  %.2f  %s ≈ %s (%s) in %s\n", x.ID, x.Score, x.Wanted, x.Name, x.EntityID, x.SourceID)
				for _, r := range x.Reasons {
					fmt.Fprintf(g.stdout, "    %s\n", r)
				}
			}
			return nil
		},
	}
}

func watchRemove(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "remove ID",
		Short: "Stop watching for an entry (it stays in the ledger)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			a, v, err := g.openApp(ctx, false)
			if err != nil {
				return err
			}
			defer a.Close()
			if err := a.RemoveWanted(ctx, v, args[0]); err != nil {
				return refused(err)
			}
			if err := g.done(ctx, a); err != nil {
				return err
			}
			fmt.Fprintf(g.stdout, "removed %s\n", args[0])
			return nil
		},
	}
}
