package main

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
)

// entityJSON is an entity as `athar entities list --json` prints it.
type entityJSON struct {
	ID      string   `json:"id"`
	Type    string   `json:"type"`
	Caption string   `json:"caption"`
	Names   []string `json:"names"`
}

func parseTypeFlag(s string) (model.EntityType, error) {
	if s == "" {
		return "", nil
	}
	t, err := model.ParseEntityType(s)
	if err != nil {
		return "", cannot(fmt.Errorf("--type: %w", err))
	}
	return t, nil
}

func init() {
	register(func(g *globals) *cobra.Command {
		cmd := &cobra.Command{Use: "entities", Short: "List persons, organizations, facilities, places and events"}
		var typ string
		list := &cobra.Command{
			Use:   "list",
			Short: "List every entity you may see with all its names, in every script",
			Args:  cobra.NoArgs,
			RunE: func(cmd *cobra.Command, _ []string) error {
				ctx := cmd.Context()
				t, err := parseTypeFlag(typ)
				if err != nil {
					return err
				}
				a, v, err := g.openApp(ctx, true)
				if err != nil {
					return err
				}
				defer a.Close()
				ents, err := a.Reader().Entities(ctx, v, t)
				if err != nil {
					return cannot(err)
				}
				if g.json {
					out := make([]entityJSON, 0, len(ents))
					for _, e := range ents {
						out = append(out, toEntityJSON(e))
					}
					return g.printJSON(out)
				}
				w := tabwriter.NewWriter(g.stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(w, "ID\tTYPE\tNAMES")
				for _, e := range ents {
					fmt.Fprintf(w, "%s\t%s\t%s\n", e.ID, e.Type, strings.Join(e.Names, " · "))
				}
				return w.Flush()
			},
		}
		list.Flags().StringVar(&typ, "type", "", "only this type: person, organization, facility, place, event")
		cmd.AddCommand(list)
		return cmd
	})
}

func toEntityJSON(e app.EntityNames) entityJSON {
	out := entityJSON{ID: e.ID, Type: string(e.Type), Names: e.Names}
	if out.Names == nil {
		out.Names = []string{}
	}
	if len(e.Names) > 0 {
		out.Caption = e.Names[0]
	}
	return out
}

// matchJSON is one candidate of `athar match --json`.
type matchJSON struct {
	EntityID string   `json:"entity_id"`
	Name     string   `json:"name"`
	Score    float64  `json:"score"`
	Link     bool     `json:"link"`
	Reasons  []string `json:"reasons"`
}

func init() {
	register(func(g *globals) *cobra.Command {
		var typ string
		var limit int
		cmd := &cobra.Command{
			Use:   "match NAME",
			Short: "List the stored entities a name may stand for, with scores and reasons",
			Long: `List the stored entities a name may stand for, best first, with scores and the
reasons behind them. "link" marks the one candidate Athar would link the name to
automatically, if any. Only names you are cleared to see take part.`,
			Args: cobra.ExactArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				ctx := cmd.Context()
				t, err := parseTypeFlag(typ)
				if err != nil {
					return err
				}
				if t == "" {
					t = model.TypePerson
				}
				a, v, err := g.openApp(ctx, true)
				if err != nil {
					return err
				}
				defer a.Close()
				cands, err := a.Match(ctx, v, args[0], t, limit)
				if err != nil {
					return refused(err)
				}
				if g.json {
					out := make([]matchJSON, 0, len(cands))
					for _, c := range cands {
						reasons := c.Reasons
						if reasons == nil {
							reasons = []string{}
						}
						out = append(out, matchJSON{c.EntityID, c.Name, round3(c.Score), c.Link, reasons})
					}
					return g.printJSON(out)
				}
				if len(cands) == 0 {
					fmt.Fprintln(g.stdout, "no candidates")
				}
				for _, c := range cands {
					mark := ""
					if c.Link {
						mark = "  ← would link"
					}
					fmt.Fprintf(g.stdout, "%.3f  %s  %s%s\n", c.Score, c.EntityID, c.Name, mark)
					for _, why := range c.Reasons {
						fmt.Fprintf(g.stdout, "       %s\n", why)
					}
				}
				return nil
			},
		}
		cmd.Flags().StringVar(&typ, "type", "person", "entity type: person, organization, facility, place")
		cmd.Flags().IntVar(&limit, "limit", 10, "at most this many candidates")
		return cmd
	})
}

func init() {
	register(func(g *globals) *cobra.Command {
		return &cobra.Command{
			Use:   "resolve",
			Short: "Re-link everything in the store: merge what the matcher is sure of, propose the rest for review",
			Args:  cobra.NoArgs,
			RunE: func(cmd *cobra.Command, _ []string) error {
				ctx := cmd.Context()
				a, v, err := g.openApp(ctx, false)
				if err != nil {
					return err
				}
				defer a.Close()
				stats, err := a.ResolveAll(ctx, v)
				if err != nil {
					return refused(err)
				}
				if err := g.done(ctx, a); err != nil {
					return err
				}
				if g.json {
					return g.printJSON(stats)
				}
				fmt.Fprintf(g.stdout, "%d entities checked, %d merged, %d merges proposed for review\n", stats.Entities, stats.Merged, stats.Proposed)
				return nil
			},
		}
	})
}

func init() {
	register(func(g *globals) *cobra.Command {
		var note string
		judge := &cobra.Command{
			Use:   "judge A B same|different|unsure",
			Short: "Record whether two entities are one person (or place, ...): same merges, different keeps them apart for good",
			Args:  cobra.ExactArgs(3),
			RunE: func(cmd *cobra.Command, args []string) error {
				ctx := cmd.Context()
				return g.decide(ctx, func(a *app.App, v access.Viewer) error {
					return a.Judge(ctx, v, args[0], args[1], model.Verdict(args[2]), note)
				})
			},
		}
		judge.Flags().StringVar(&note, "note", "", "why: what you checked")
		return judge
	})
	register(func(g *globals) *cobra.Command {
		return &cobra.Command{
			Use:   "unmerge ID",
			Short: "Undo the merge of an entity into another (and keep them apart)",
			Args:  cobra.ExactArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				ctx := cmd.Context()
				return g.decide(ctx, func(a *app.App, v access.Viewer) error {
					return a.Unmerge(ctx, v, args[0])
				})
			},
		}
	})
	register(func(g *globals) *cobra.Command {
		cmd := &cobra.Command{Use: "merges", Short: "Merge proposals waiting for review"}
		cmd.AddCommand(&cobra.Command{
			Use:   "list",
			Short: "List open merge proposals with the matcher's reasons",
			Args:  cobra.NoArgs,
			RunE: func(cmd *cobra.Command, _ []string) error {
				ctx := cmd.Context()
				a, v, err := g.openApp(ctx, true)
				if err != nil {
					return err
				}
				defer a.Close()
				props, err := a.MergeProposals(ctx, v)
				if err != nil {
					return refused(err)
				}
				type propJSON struct {
					ID      string   `json:"id"`
					A       string   `json:"entity_a"`
					B       string   `json:"entity_b"`
					NamesA  []string `json:"names_a"`
					NamesB  []string `json:"names_b"`
					Score   float64  `json:"score"`
					Reasons []string `json:"reasons"`
				}
				var out []propJSON
				for _, p := range props {
					out = append(out, propJSON{p.ID, p.EntityA, p.EntityB, p.NamesA, p.NamesB, round3(p.Score), p.Reasons})
				}
				if g.json {
					if out == nil {
						out = []propJSON{}
					}
					return g.printJSON(out)
				}
				for _, p := range out {
					fmt.Fprintf(g.stdout, "%.3f  %s (%s)  ~  %s (%s)\n", p.Score, p.A, strings.Join(p.NamesA, " · "), p.B, strings.Join(p.NamesB, " · "))
				}
				return nil
			},
		})
		return cmd
	})
}

// decide runs a decision on entities as the command's viewer and signs the
// ledger's head after it.
func (g *globals) decide(ctx context.Context, fn func(*app.App, access.Viewer) error) error {
	a, v, err := g.openApp(ctx, true)
	if err != nil {
		return err
	}
	defer a.Close()
	if err := fn(a, v); err != nil {
		return refused(err)
	}
	if err := g.done(ctx, a); err != nil {
		return err
	}
	fmt.Fprintln(g.stdout, "done")
	return nil
}
