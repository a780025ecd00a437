package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
)

// athar notes: notes on single statements (app.AddStatementNote), the
// rules of the review item, the entity page and the API's
// /statements/{id}/notes.

func init() {
	register(func(g *globals) *cobra.Command {
		cmd := &cobra.Command{Use: "notes", Short: "Write and read reviewers' notes on single statements"}

		var text, sensitivity string
		add := &cobra.Command{
			Use:   "add STATEMENT_ID --text TEXT [--sensitivity LEVEL]",
			Short: "Write a note on a statement: why it is doubtful, what else says so",
			Long: `Write a note on one statement, ledgered under who the command acts as (--as):
reviewers and admins, as in the web UI and the API (POST
/api/v1/statements/{id}/notes). --sensitivity is the note's level: the
statement's by default, never below it, never above your clearance. A
statement you may not see is "no such statement". Prints the note's id, or
with --json the note as the API answers it: {"id", "statement_id",
"source_id", "text", "sensitivity", "author", "created_at"}.`,
			Args: cobra.ExactArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				ctx := cmd.Context()
				level, err := app.ParseNoteLevel(sensitivity)
				if err != nil {
					return refused(fmt.Errorf("--%w", err))
				}
				a, v, err := g.openApp(ctx, true)
				if err != nil {
					return err
				}
				defer a.Close()
				n, err := a.AddStatementNote(ctx, v, args[0], text, level)
				if err != nil {
					return refused(err)
				}
				if err := g.done(ctx, a); err != nil {
					return err
				}
				if g.json {
					return g.printJSON(app.NoteDoc(n))
				}
				fmt.Fprintln(g.stdout, n.ID)
				return nil
			},
		}
		add.Flags().StringVar(&text, "text", "", "the note (required)")
		add.Flags().StringVar(&sensitivity, "sensitivity", "", "the note's level: public, internal, restricted or confidential (the statement's when omitted)")

		list := &cobra.Command{
			Use:   "list STATEMENT_ID",
			Short: "List the notes on a statement you may see, oldest first",
			Long: `List the notes on one statement that who the command acts as (--as) may see,
oldest first: only those at a level they are cleared for, on a statement they
may see (else "no such statement"). One line each: time, level, author, text;
with --json the API's answer (GET /api/v1/statements/{id}/notes):
{"statement_id", "items": [{"id", "statement_id", "source_id", "text",
"sensitivity", "author", "created_at"}]}. Reading a restricted or
confidential statement this way is recorded in the access log.`,
			Args: cobra.ExactArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				ctx := cmd.Context()
				a, v, err := g.openApp(ctx, true)
				if err != nil {
					return err
				}
				defer a.Close()
				st, notes, err := a.NotesOnStatement(ctx, v, args[0])
				if err != nil {
					return refused(err)
				}
				if err := a.RecordViews(ctx, v, "notes", "local", app.Shown{Statements: []model.Statement{st}}); err != nil {
					return cannot(err)
				}
				if g.json {
					return g.printJSON(notesJSON{Statement: st.ID, Items: app.StatementNoteDocs(notes)})
				}
				for _, n := range notes {
					fmt.Fprintf(g.stdout, "%s  %-12s  %s  %s\n", n.CreatedAt.UTC().Format("2006-01-02 15:04"), n.Sensitivity,
						n.Author, strings.ReplaceAll(n.Text, "\n", " "))
				}
				return nil
			},
		}
		cmd.AddCommand(add, list)
		return cmd
	})
}

// notesJSON is what athar notes list prints with --json: the API's answer.
type notesJSON struct {
	Statement string                 `json:"statement_id"`
	Items     []app.StatementNoteDoc `json:"items"`
}
