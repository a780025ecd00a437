package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/enquiry"
	"github.com/athar-project/athar/internal/model"
)

func init() {
	register(func(g *globals) *cobra.Command {
		cmd := &cobra.Command{Use: "enquiry", Short: "Families' enquiries about missing persons (caseworkers and admins)"}
		cmd.AddCommand(enquiryAdd(g), enquiryList(g), enquiryMatches(g), enquiryJudge(g), enquiryAnswer(g), enquiryAlerts(g))
		return cmd
	})
}

func enquiryAdd(g *globals) *cobra.Command {
	var e app.Enquiry
	var born, seen string
	cmd := &cobra.Command{
		Use:   "add --name NAME [flags]",
		Short: "Record a family's enquiry and match it against every source",
		Long: `Record a family's enquiry about a missing person, as a caseworker or an admin.
The enquiry and everything in it is confidential: only caseworkers and admins
see it. It is matched at once against every person the sources you may see
name; 'athar enquiry matches ID' lists the candidates.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			var err error
			if e.Born, err = model.ParseDate(born); err != nil {
				return cannot(fmt.Errorf("--born: %w", err))
			}
			if e.LastSeenDate, err = model.ParseDate(seen); err != nil {
				return cannot(fmt.Errorf("--last-seen-date: %w", err))
			}
			if err := e.Check(); err != nil {
				return cannot(err)
			}
			return runApp(ctx, g, true, func(a *app.App, v access.Viewer) (app.Enquiry, error) { return a.AddEnquiry(ctx, v, e) },
				func(_ *app.App, _ access.Viewer, got app.Enquiry) error {
					if g.json {
						return g.printJSON(got.Doc())
					}
					_, err := fmt.Fprintf(g.stdout, "%s  %s  %s\n", got.ID, got.Status, got.Name)
					return err
				})
		},
	}
	f := cmd.Flags()
	f.StringVar(&e.Name, "name", "", "the missing person's name, as the family writes it (required)")
	f.StringVar(&e.Father, "father", "", "father's name")
	f.StringVar(&e.Mother, "mother", "", "mother's name")
	f.StringVar(&e.Family, "family", "", "family name")
	f.StringVar(&e.Sex, "sex", "", "m or f")
	f.StringVar(&born, "born", "", "year or date of birth: YYYY or YYYY-MM-DD")
	f.StringVar(&e.Home, "home", "", "home place")
	f.StringVar(&seen, "last-seen-date", "", "date last seen: YYYY, YYYY-MM or YYYY-MM-DD")
	f.StringVar(&e.LastSeenAt, "last-seen-at", "", "place or facility last seen")
	f.StringVar(&e.HeldAt, "held-at", "", "facility the family believes held them")
	f.StringVar(&e.AskedBy, "asked-by", "", "who asked")
	f.StringVar(&e.Contact, "contact", "", "how to reach them")
	f.StringVar(&e.Consent, "consent", "", "what the family agreed may be shared")
	_ = cmd.MarkFlagRequired("name")
	return cmd
}

func enquiryList(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List enquiries, newest first",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			return runApp(ctx, g, false, func(a *app.App, v access.Viewer) ([]app.Enquiry, error) { return a.Enquiries(ctx, v) },
				func(_ *app.App, _ access.Viewer, es []app.Enquiry) error {
					return printList(g, es, app.Enquiry.Doc, "ID\tSTATUS\tNAME\tBORN\tRECORDED", func(e app.Enquiry) []any {
						return []any{e.ID, e.Status, e.Query(), e.Born, e.CreatedAt.UTC().Format("2006-01-02")}
					})
				})
		},
	}
}

func enquiryMatches(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "matches ID",
		Short: "List an enquiry's candidates, best first, with their reasons and sources",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			return runApp(ctx, g, false, func(a *app.App, v access.Viewer) ([]app.EnquiryCandidate, error) {
				return a.EnquiryMatches(ctx, v, args[0])
			},
				func(_ *app.App, _ access.Viewer, cs []app.EnquiryCandidate) error { return g.printCandidates(cs) })
		},
	}
}

func enquiryJudge(g *globals) *cobra.Command {
	var note string
	cmd := &cobra.Command{
		Use:   "judge ID ENTITY_ID confirm|reject",
		Short: "Confirm or reject a candidate of an enquiry (ledgered)",
		Args:  cobra.ExactArgs(3),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			return runApp(ctx, g, true, func(a *app.App, v access.Viewer) ([]app.EnquiryCandidate, error) {
				return a.JudgeEnquiry(ctx, v, args[0], args[1], args[2], note)
			}, func(a *app.App, v access.Viewer, cs []app.EnquiryCandidate) error {
				e, err := a.EnquiryByID(ctx, v, args[0])
				if err != nil {
					return refused(err)
				}
				if g.json {
					return g.printJSON(map[string]any{"id": e.ID, "status": e.Status, "candidates": enquiry.Docs(cs)})
				}
				_, err = fmt.Fprintf(g.stdout, "%s  %s\n", e.ID, e.Status)
				return err
			})
		},
	}
	cmd.Flags().StringVar(&note, "note", "", "why: kept with the judgement in the ledger")
	return cmd
}

func enquiryAnswer(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "answer ID",
		Short: "Write the family's answer: only what they may be told, in Arabic and English",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			return runApp(ctx, g, false, func(a *app.App, v access.Viewer) (enquiry.Answer, error) { return a.EnquiryAnswer(ctx, v, args[0]) },
				func(_ *app.App, _ access.Viewer, ans enquiry.Answer) error {
					if g.json {
						return g.printJSON(ans.Doc())
					}
					_, err := fmt.Fprintf(g.stdout, "%s\n\n%s\n", ans.Arabic, ans.English)
					return err
				})
		},
	}
}

func enquiryAlerts(g *globals) *cobra.Command {
	var all bool
	cmd := &cobra.Command{
		Use:   "alerts",
		Short: "List the watch queue: persons new sources name who may match open enquiries",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			return runApp(ctx, g, false, func(a *app.App, v access.Viewer) ([]app.EnquiryAlert, error) { return a.EnquiryAlerts(ctx, v, !all) },
				func(_ *app.App, _ access.Viewer, as []app.EnquiryAlert) error {
					if g.json {
						return g.printJSON(app.EnquiryAlertDocs(as))
					}
					for _, x := range as {
						fmt.Fprintf(g.stdout, "%s  enquiry %s  %.2f  %s (%s) in %s\n", x.ID, x.EnquiryID, x.Score, x.Name, x.EntityID, x.SourceID)
					}
					return nil
				})
		},
	}
	cmd.Flags().BoolVar(&all, "all", false, "also those already seen")
	return cmd
}

// printCandidates prints an enquiry's candidates, best first, with their
// reasons and sources ("*" marks a confident one).
func (g *globals) printCandidates(cs []app.EnquiryCandidate) error {
	if g.json {
		return g.printJSON(enquiry.Docs(cs))
	}
	for _, c := range cs {
		mark := " "
		if c.Match {
			mark = "*"
		}
		fmt.Fprintf(g.stdout, "%s %.2f  %s  %s\n", mark, c.Score, c.EntityID, c.Name)
		for _, r := range c.Reasons {
			fmt.Fprintf(g.stdout, "      %s\n", r)
		}
		if len(c.Sources) > 0 {
			fmt.Fprintf(g.stdout, "      sources: %s\n", strings.Join(c.Sources, " "))
		}
	}
	return nil
}
