package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/athar-project/athar/internal/access"
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
			type added struct {
				enquiry.WantedDoc
				Alerts int `json:"alerts"`
			}
			return runApp(ctx, g, true, func(a *app.App, v access.Viewer) (added, error) {
				got, n, err := a.AddWanted(ctx, v, w)
				return added{got.Doc(), n}, err
			}, func(_ *app.App, _ access.Viewer, got added) error {
				if g.json {
					return g.printJSON(got)
				}
				_, err := fmt.Fprintf(g.stdout, "%s  %s  (%d alerts from the stored sources)\n", got.ID, got.Name, got.Alerts)
				return err
			})
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
			return runApp(ctx, g, false, func(a *app.App, v access.Viewer) ([]app.Wanted, error) { return a.WatchList(ctx, v) },
				func(_ *app.App, _ access.Viewer, ws []app.Wanted) error {
					return printList(g, ws, app.Wanted.Doc, "ID\tNAME\tALIASES\tRANK\tBORN\tLEVEL", func(w app.Wanted) []any {
						return []any{w.ID, w.Name, strings.Join(w.Aliases, "; "), w.Rank, w.Born, w.Sensitivity}
					})
				})
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
			return runApp(ctx, g, false, func(a *app.App, v access.Viewer) ([]app.WatchAlert, error) { return a.WatchAlerts(ctx, v) },
				func(_ *app.App, _ access.Viewer, as []app.WatchAlert) error {
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
				})
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
			return runApp(ctx, g, true, func(a *app.App, v access.Viewer) (struct{}, error) {
				return struct{}{}, a.RemoveWanted(ctx, v, args[0])
			},
				func(*app.App, access.Viewer, struct{}) error {
					_, err := fmt.Fprintf(g.stdout, "removed %s\n", args[0])
					return err
				})
		},
	}
}
