package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/casefile"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/web/i18n"
)

func init() { register(caseCommand) }

// caseCommand prints an entity's case file: the one its page, the API and
// the dossier show.
func caseCommand(g *globals) *cobra.Command {
	var before string
	cmd := &cobra.Command{
		Use:   "case ID",
		Short: "Print an entity's case file: names, events with their review state, case status and fate",
		Long: `Print the case file of the entity ID as you may see it — the one its page, the
API (GET /api/v1/entities/ID/case) and the dossier show: its names, the events
it takes part in with this entity's role, date, modality and review state
(confirmed when the statements that make an event — its type and this entity's
part — are all confirmed, rejected when one is, else proposed), and a person's
case status and fate, each as confirmed events alone support it and as every
event you may see suggests it. An id merged into another gives the case file it
was merged into. A hub — an entity in more than 200 events — lists its latest 50
events, and --before KEY (its events_next_cursor) the 50 before them; a hub
person's status is read from the events that bear on it alone. With --json,
one object (see docs/cli.md). Exit status 1 when
there is no such entity that you may see. Reading restricted or confidential
sources this way is recorded in the access log.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			a, v, err := g.openApp(ctx, true)
			if err != nil {
				return err
			}
			defer a.Close()
			o := casefile.Options{BoundHubs: true}
			if before != "" {
				k, err := casefile.ParseTimelineKey(before)
				if err != nil {
					fmt.Fprintf(g.stderr, "athar: case %s: --before %q is not an events_next_cursor of a case file\n", args[0], before)
					return problem()
				}
				o.EventsBefore = &k
			}
			f, err := a.Cases().Read(ctx, v, args[0], o)
			if errors.Is(err, casefile.ErrNotFound) {
				fmt.Fprintf(g.stderr, "athar: case %s: no entity with this id that %s may see (athar entities list --json lists them)\n", args[0], v.Actor())
				return problem()
			}
			if err != nil {
				return cannot(err)
			}
			// Reading restricted material is recorded, by the audit rule,
			// before it is printed.
			shown := app.Shown{Sources: f.Shown, Statements: f.Statements()}
			if err := a.RecordViews(ctx, v, "case", "local", shown); err != nil {
				return cannot(err)
			}
			d := f.Doc()
			if f.TimelineNext != nil {
				next := f.TimelineNext.String()
				d.EventsNextCursor = &next
			}
			if g.json {
				return g.printJSON(d)
			}
			return printCase(g.stdout, d)
		},
	}
	cmd.Flags().StringVar(&before, "before", "", "of a hub: list the events before this events_next_cursor")
	return cmd
}

// printCase writes a case file for people: names, status, fate, events.
func printCase(w io.Writer, d casefile.Doc) error {
	caption := d.Caption
	if caption == "" {
		caption = "-"
	}
	fmt.Fprintf(w, "%s (%s %s)\n", caption, d.Type, d.ID)
	if len(d.Names) > 0 {
		fmt.Fprintf(w, "names:   %s\n", strings.Join(d.Names, " · "))
	}
	if d.Type == string(model.TypePerson) {
		fmt.Fprintf(w, "status:  %s\n", reading(d.Status.Confirmed, d.Status.ConfirmedDate, d.Status.Suggested, d.Status.SuggestedDate, d.Status.Unreviewed))
		fmt.Fprintf(w, "fate:    %s\n", reading(d.Fate.Confirmed, d.Fate.ConfirmedDate, d.Fate.Suggested, d.Fate.SuggestedDate, d.Fate.Unreviewed))
	}
	if len(d.Events) == 0 {
		return nil
	}
	fmt.Fprintln(w, "events:")
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  DATE\tTYPE\tROLE\tMODALITY\tREVIEW\tSOURCES\tID")
	for _, ev := range d.Events {
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%d\t%s\n", orDash(deref(ev.Date)), orDash(deref(ev.Type)), orDash(deref(ev.Role)),
			ev.Modality, ev.Review, ev.Independent, ev.ID)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if d.EventsTotal > 0 {
		more := ""
		if d.EventsMore {
			more = "more than "
		}
		fmt.Fprintf(w, "%d events listed of %s%d", len(d.Events), more, d.EventsTotal)
		if d.EventsNextCursor != nil {
			fmt.Fprintf(w, "; earlier ones: --before %s", *d.EventsNextCursor)
		}
		fmt.Fprintln(w)
	}
	if d.StatusPartial {
		fmt.Fprintf(w, "status and fate read from %d of the events that bear on them\n", casefile.StatusEvents)
	}
	return nil
}

// reading says a status as confirmed events support it and, apart, what
// unreviewed readings suggest.
func reading(confirmed, confirmedDate, suggested, suggestedDate *string, unreviewed int) string {
	out := "none confirmed by review"
	if confirmed != nil {
		out = *confirmed + dated(confirmedDate) + " (confirmed by review)"
	}
	if suggested != nil && deref(suggested) != deref(confirmed) {
		out += "; " + i18n.Suggests(i18n.English, unreviewed) + " " + *suggested + dated(suggestedDate)
	}
	return out
}

func dated(d *string) string {
	if d == nil {
		return ""
	}
	return " " + *d
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
