package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
)

// reviewJSON is a reviewed statement as `athar review --json` prints it.
type reviewJSON struct {
	ID          string `json:"id"`
	Status      string `json:"status"`
	Sensitivity string `json:"sensitivity"`
	Correction  string `json:"correction,omitempty"`
}

func init() {
	register(func(g *globals) *cobra.Command {
		var comment, value, sensitivity, from string
		cmd := &cobra.Command{
			Use:   "review STATEMENT_ID confirm|reject|edit|reopen",
			Short: "Confirm, reject, correct or reopen a statement, as the web UI's review queue does",
			Long: `Confirm, reject or correct (edit) one statement, as a reviewer or an admin, by
the same rules as the web UI's review queue and the API: --sensitivity raises
the statement's level (never above your own clearance; only an admin lowers
one, and never below its source's). An edit never overwrites what the source
said: the statement is rejected and a confirmed manual statement with --value
takes its place. --from names the state you decided on (default proposed):
when the statement is no longer in it (someone decided meanwhile) nothing
changes and the command exits 2 naming its current state. reopen returns a
decided statement to proposed (--from confirmed or --from rejected): the undo
of a decision, itself ledgered; reopening an edit also rejects its correction.`,
			Args: cobra.ExactArgs(2),
			RunE: func(cmd *cobra.Command, args []string) error {
				ctx := cmd.Context()
				d := app.Decision{Action: args[1], From: model.Status(from), Comment: comment, Value: value}
				if sensitivity != "" {
					s, err := model.ParseSensitivity(sensitivity)
					if err != nil {
						return cannot(fmt.Errorf("--sensitivity: %w", err))
					}
					d.Sensitivity = &s
				}
				a, v, err := g.openApp(ctx, true)
				if err != nil {
					return err
				}
				defer a.Close()
				done, err := a.Review(ctx, v, args[0], d)
				if err != nil {
					return refused(err)
				}
				if err := g.done(ctx, a); err != nil {
					return err
				}
				out := reviewJSON{ID: done.Statement.ID, Status: string(done.Statement.Status), Sensitivity: done.Statement.Sensitivity.String()}
				if done.Correction != nil {
					out.Correction = done.Correction.ID
				}
				if g.json {
					return g.printJSON(out)
				}
				line := fmt.Sprintf("%s  %s  %s", out.ID, out.Status, out.Sensitivity)
				if out.Correction != "" {
					line += "  corrected by " + out.Correction
				}
				fmt.Fprintln(g.stdout, line)
				return nil
			},
		}
		cmd.Flags().StringVar(&comment, "comment", "", "why: kept with the review in the ledger")
		cmd.Flags().StringVar(&value, "value", "", "the corrected value (edit)")
		cmd.Flags().StringVar(&from, "from", "", "the state you decided on: proposed (the default), confirmed or rejected")
		cmd.Flags().StringVar(&sensitivity, "sensitivity", "", "a new level for the statement: public, internal, restricted or confidential")
		return cmd
	})
}
