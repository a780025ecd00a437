package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/athar-project/athar/internal/app"
)

// splitJSON is what athar split prints with --json.
type splitJSON struct {
	From   string      `json:"from"`
	Entity string      `json:"entity"`
	DryRun bool        `json:"dry_run"`
	Moved  []movedJSON `json:"moved"`
	Stays  int         `json:"stays"`
}

type movedJSON struct {
	ID       string `json:"id"`
	EntityID string `json:"entity_id"`
	Property string `json:"property"`
	Value    string `json:"value"`
	Link     bool   `json:"link"`
	SourceID string `json:"source_id"`
	Status   string `json:"status"`
}

func init() {
	register(func(g *globals) *cobra.Command {
		var reason string
		var dryRun bool
		cmd := &cobra.Command{
			Use:   "split ENTITY_ID STATEMENT_ID...",
			Short: "Take chosen statements off an entity onto a new one: another person of the same name",
			Long: `Take the statements named off the entity onto a new entity of its type: the
names some sources give, and the part in events, that belong to another person
of the same name. The rules of the web UI's split and the API (POST
/api/v1/entities/{id}/splits): for reviewers and admins, with --reason, which is
kept in the judgement that the two are different (the matcher does not join
them again). Name statements about the entity, or linking to it (an event's
participant), as 'athar claims list --json' and 'athar case ID --json' give them; at
least one must be a name for the new entity, and some statement must stay.
When one no longer stands on the entity (someone split it meanwhile), nothing
changes and the command exits 2. Undo: 'athar judge ENTITY_ID NEW_ID same'.
--dry-run prints what would move and changes nothing. Prints the new entity's
id and one line per statement moved, or with --json one object: {"from",
"entity", "dry_run", "moved": [{"id", "entity_id", "property", "value", "link",
"source_id", "status"}], "stays"}.`,
			Args: cobra.MinimumNArgs(2),
			RunE: func(cmd *cobra.Command, args []string) error {
				ctx := cmd.Context()
				if strings.TrimSpace(reason) == "" {
					return cannot(errors.New("--reason: say why these statements are about someone else; it is kept in the ledger"))
				}
				a, v, err := g.openApp(ctx, true)
				if err != nil {
					return err
				}
				defer a.Close()
				sp, err := a.SplitStatements(ctx, v, args[0], args[1:], reason, dryRun)
				if err != nil {
					return refused(err)
				}
				if !dryRun {
					if err := g.done(ctx, a); err != nil {
						return err
					}
				}
				return printSplit(g, sp)
			},
		}
		cmd.Flags().StringVar(&reason, "reason", "", "why (required): kept in the ledger with the judgement")
		cmd.Flags().BoolVar(&dryRun, "dry-run", false, "print what would move, and change nothing")
		return cmd
	})
}

func printSplit(g *globals, sp app.Split) error {
	out := splitJSON{From: sp.From, Entity: sp.Entity, DryRun: sp.DryRun, Moved: []movedJSON{}, Stays: sp.Stays}
	for _, m := range sp.Moves {
		st := m.Statement
		out.Moved = append(out.Moved, movedJSON{ID: st.ID, EntityID: st.EntityID, Property: string(st.Property), Value: st.Value,
			Link: m.Link, SourceID: st.SourceID, Status: string(st.Status)})
	}
	if g.json {
		return g.printJSON(out)
	}
	if sp.DryRun {
		fmt.Fprintf(g.stdout, "would move %d statements off %s (%d stay):\n", len(out.Moved), sp.From, sp.Stays)
	} else {
		fmt.Fprintf(g.stdout, "moved %d statements off %s onto %s (%d stay):\n", len(out.Moved), sp.From, sp.Entity, sp.Stays)
	}
	for _, m := range out.Moved {
		fmt.Fprintf(g.stdout, "  %s  %s  %s\n", m.ID, m.Property, m.Value)
	}
	return nil
}
