package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
)

// Review by claim from the command line: `athar claims list` prints the
// claims awaiting review as the web UI's queue and the API
// (GET /api/v1/review-claims) group them, and `athar claims decide` makes
// one decision on many statements — named by id, or every statement of the
// claims a filter picks — by the same rules (app.ReviewMany): each
// statement decided on the state it was seen in and ledgered on its own,
// all or nothing, with a dry run that changes nothing.

// claimFlags are the filters both commands take.
type claimFlags struct {
	entity, source, typ, language, modality string
	minConfidence                           float64
	mine                                    bool
	limit                                   int
}

func (f *claimFlags) add(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.entity, "entity", "", "the claims about one entity: its values and the events it takes part in")
	fl.StringVar(&f.source, "source", "", "the claims one source makes")
	fl.StringVar(&f.typ, "type", "", "a property (name, title, ...) or an event type (arrest, ...)")
	fl.StringVar(&f.language, "language", "", "the language of the sources (ar, en)")
	fl.StringVar(&f.modality, "modality", "", "asserted, alleged or denied")
	fl.Float64Var(&f.minConfidence, "min-confidence", 0, "the extractor's confidence, at least (0 to 1)")
	fl.BoolVar(&f.mine, "mine", false, "only statements of sources assigned to you (--as)")
	fl.IntVar(&f.limit, "limit", 0, "at most this many claims, the most important first (0: every claim the queue's window holds)")
}

// any reports whether a filter narrows the claims.
func (f *claimFlags) any() bool {
	return f.entity != "" || f.source != "" || f.typ != "" || f.language != "" || f.modality != "" || f.minConfidence > 0 || f.mine
}

// filter checks the flags and makes the filter they say.
func (f *claimFlags) filter(ctx context.Context, a *app.App, v access.Viewer) (app.ClaimFilter, error) {
	cf := app.ClaimFilter{Entity: f.entity, Source: f.source, Type: f.typ, Language: f.language, MinConfidence: f.minConfidence, Quoted: f.limit}
	if f.modality != "" {
		m, err := model.ParseModality(f.modality)
		if err != nil {
			return cf, cannot(fmt.Errorf("--modality: %w", err))
		}
		cf.Modality = m
	}
	if f.minConfidence < 0 || f.minConfidence > 1 {
		return cf, cannot(fmt.Errorf("--min-confidence %v: want a number from 0 to 1", f.minConfidence))
	}
	if f.limit < 0 {
		return cf, cannot(fmt.Errorf("--limit %d: want 0 or more", f.limit))
	}
	if f.mine {
		if v.Name == access.Operator().Name {
			return cf, cannot(errors.New("--mine: name the reviewer with --as"))
		}
		u, err := a.Reader().UserByName(ctx, v.Name)
		if err != nil {
			return cf, cannot(fmt.Errorf("--mine: %w", err))
		}
		cf.AssignedTo = u.ID
	}
	return cf, nil
}

// claims reads the claims the flags pick, the most important first.
func (f *claimFlags) claims(ctx context.Context, a *app.App, v access.Viewer) ([]app.ClaimItem, error) {
	cf, err := f.filter(ctx, a, v)
	if err != nil {
		return nil, err
	}
	items, err := a.ReviewClaims(ctx, v, cf)
	if app.KindOf(err) == app.NotFound {
		return nil, cannot(fmt.Errorf("no such entity or source that %s may see", v.Actor()))
	}
	if err != nil {
		return nil, refused(err)
	}
	if f.limit > 0 && len(items) > f.limit {
		items = items[:f.limit]
	}
	return items, nil
}

// claimJSON is a claim as `athar claims list --json` prints it: the API's
// fields (GET /api/v1/review-claims).
type claimJSON struct {
	Key          string                 `json:"key"`
	Kind         string                 `json:"kind"`
	EntityID     string                 `json:"entity_id"`
	Property     string                 `json:"property"`
	Value        string                 `json:"value"`
	ValueEntity  string                 `json:"value_entity,omitempty"`
	Date         string                 `json:"date,omitempty"`
	Places       []string               `json:"places,omitempty"`
	Participants []claimParticipantJSON `json:"participants,omitempty"`
	Modality     string                 `json:"modality"`
	Priority     int                    `json:"priority"`
	Confidence   float64                `json:"confidence"`
	Statements   []claimStatementJSON   `json:"statements"`
	Sources      []string               `json:"sources"`
	Quotes       []claimQuoteJSON       `json:"quotes"`
}

type claimParticipantJSON struct {
	EntityID string `json:"entity_id,omitempty"`
	Name     string `json:"name"`
	Role     string `json:"role,omitempty"`
}

type claimStatementJSON struct {
	ID       string `json:"id"`
	Status   string `json:"status"`
	SourceID string `json:"source_id,omitempty"`
	Property string `json:"property"`
}

type claimQuoteJSON struct {
	StatementID string `json:"statement_id"`
	SourceID    string `json:"source_id"`
	Before      string `json:"before"`
	Mark        string `json:"mark"`
	After       string `json:"after"`
}

func claimOf(it app.ClaimItem) claimJSON {
	c := claimJSON{Key: it.Key, Kind: it.Kind, EntityID: it.Entity, Property: string(it.Property), Value: it.Value,
		ValueEntity: it.ValueEntity, Places: it.Places, Modality: string(it.Modality), Priority: it.Priority,
		Confidence: it.Confidence, Sources: it.Sources, Statements: []claimStatementJSON{}, Quotes: []claimQuoteJSON{}}
	if c.Sources == nil {
		c.Sources = []string{}
	}
	if !it.Date.IsZero() {
		c.Date = it.Date.String()
	}
	for _, p := range it.Participants {
		c.Participants = append(c.Participants, claimParticipantJSON{EntityID: p.EntityID, Name: p.Name, Role: string(p.Role)})
	}
	for _, st := range it.Statements {
		c.Statements = append(c.Statements, claimStatementJSON{ID: st.ID, Status: string(st.Status), SourceID: st.SourceID, Property: string(st.Property)})
	}
	for _, q := range it.Quotes {
		c.Quotes = append(c.Quotes, claimQuoteJSON{StatementID: q.StatementID, SourceID: q.SourceID, Before: q.Before, Mark: q.Mark, After: q.After})
	}
	return c
}

// shownBy lists the statements of the claims, for the access log.
func shownBy(items []app.ClaimItem) []model.Statement {
	var out []model.Statement
	for _, it := range items {
		out = append(out, it.Statements...)
	}
	return out
}

// changeJSON is one statement a decision changes (or, in a dry run,
// would change).
type changeJSON struct {
	ID       string `json:"id"`
	From     string `json:"from"`
	To       string `json:"to"`
	Entity   string `json:"entity_id"`
	Property string `json:"property"`
	Value    string `json:"value"`
	SourceID string `json:"source_id,omitempty"`
}

// decisionJSON is what `athar claims decide --json` prints.
type decisionJSON struct {
	Decision string       `json:"decision"`
	DryRun   bool         `json:"dry_run"`
	Claims   int          `json:"claims"` // the claims a filter picked; 0 when decided by id
	Changes  []changeJSON `json:"changes"`
}

// parseTargets reads statement ids, each optionally ID:STATE (the state it
// was seen in; else from).
func parseTargets(args []string, from model.Status) ([]app.Target, error) {
	out := make([]app.Target, 0, len(args))
	for _, a := range args {
		id, state, ok := strings.Cut(strings.TrimSpace(a), ":")
		t := app.Target{ID: id, From: from}
		if ok {
			t.From = model.Status(state)
		}
		switch t.From {
		case "", model.StatusProposed, model.StatusConfirmed, model.StatusRejected:
		default:
			return nil, cannot(fmt.Errorf("%s: state %q: want proposed, confirmed or rejected", a, t.From))
		}
		if id == "" {
			return nil, cannot(fmt.Errorf("%q: no statement id", a))
		}
		out = append(out, t)
	}
	return out, nil
}

func init() {
	register(func(g *globals) *cobra.Command {
		cmd := &cobra.Command{Use: "claims", Short: "List the claims awaiting review and decide many at once"}

		var lf claimFlags
		list := &cobra.Command{
			Use:   "list",
			Short: "List the claims awaiting review, the most important first, grouped across sources",
			Long: `List the claims awaiting review that you (--as) may see, as the web UI's
review queue and the API group them: one claim per event or value, with every
statement a decision on it decides (across sources) and the sentence each
source makes it in; events about persons first, gazetteer places last. With
--json a JSON array of the API's claim objects (GET /api/v1/review-claims:
key, kind, entity_id, property, value, date, places, participants, modality,
priority, confidence, statements with their status, sources, quotes). The
queue is read from its oldest 1,000 proposed statements, as the web UI's is.
Reading restricted or confidential statements this way is recorded in the
access log.`,
			Args: cobra.NoArgs,
			RunE: func(cmd *cobra.Command, _ []string) error {
				ctx := cmd.Context()
				a, v, err := g.openApp(ctx, true)
				if err != nil {
					return err
				}
				defer a.Close()
				items, err := lf.claims(ctx, a, v)
				if err != nil {
					return err
				}
				if err := a.RecordViews(ctx, v, "claims", "local", app.Shown{Statements: shownBy(items)}); err != nil {
					return cannot(err)
				}
				if g.json {
					out := make([]claimJSON, 0, len(items))
					for _, it := range items {
						out = append(out, claimOf(it))
					}
					return g.printJSON(out)
				}
				return printClaims(g.stdout, items)
			},
		}
		lf.add(list)

		var df claimFlags
		var reason, sensitivity, from string
		var all, dryRun bool
		decide := &cobra.Command{
			Use:   "decide confirm|reject|reopen [STATEMENT_ID[:STATE]...]",
			Short: "Confirm, reject or reopen many statements at once: by id, or every statement of the claims a filter picks",
			Long: `Make one decision on many statements, by the rules of the web UI's bulk review
and the API (POST /api/v1/review-decisions): each statement is decided on the
state you saw it in and gets its own decision in the ledger, with --reason;
when one of them is no longer in that state (someone decided meanwhile),
nothing changes and the command exits 2 naming its current state. All are
decided in one transaction, or none; at most 1,000 at once.

Name the statements by id (as 'athar claims list --json' gives them), each
optionally as ID:STATE, the state you saw it in (default --from, itself
proposed by default). Or give no id and a filter (the flags of 'claims list'):
every statement of every claim the filter picks, as 'claims list' with the same
flags shows them, is decided from proposed. A decision by filter with no
filter needs --all: it decides the whole queue's window.

reopen returns decided statements to proposed: the undo of a decision, itself
ledgered (name them ID:confirmed or ID:rejected, or use --from). --dry-run
prints what would change, refusing as the decision would, and changes nothing.
Prints one line per statement (id, from, to, property, value), or with --json
one object: {"decision", "dry_run", "claims", "changes": [{"id", "from", "to",
"entity_id", "property", "value", "source_id"}]}.`,
			Args: cobra.MinimumNArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				ctx := cmd.Context()
				action := args[0]
				switch action {
				case app.Confirm, app.Reject, app.Reopen:
				default:
					return cannot(fmt.Errorf("decision %q: want confirm, reject or reopen (an edit corrects one statement: athar review ID edit)", action))
				}
				if strings.TrimSpace(reason) == "" {
					return cannot(errors.New("--reason: say why; it is kept with each decision in the ledger"))
				}
				ids := args[1:]
				if len(ids) > 0 && (df.any() || all) {
					return cannot(errors.New("name statements by id or pick them with a filter, not both"))
				}
				if len(ids) == 0 && !df.any() && !all {
					return cannot(errors.New("no statements: give their ids, a filter (--entity, --source, --type, ...), or --all for the whole queue's window"))
				}
				d := app.Decision{Action: action, Comment: reason}
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
				out := decisionJSON{Decision: action, DryRun: dryRun, Changes: []changeJSON{}}
				var targets []app.Target
				if len(ids) > 0 {
					if targets, err = parseTargets(ids, model.Status(from)); err != nil {
						return err
					}
				} else {
					if action == app.Reopen {
						return cannot(errors.New("reopen by filter: the queue holds proposed claims only; name the decided statements by id"))
					}
					items, err := df.claims(ctx, a, v)
					if err != nil {
						return err
					}
					out.Claims = len(items)
					for _, st := range shownBy(items) {
						targets = append(targets, app.Target{ID: st.ID, From: st.Status})
					}
					if len(targets) == 0 {
						if g.json {
							return g.printJSON(out)
						}
						fmt.Fprintln(g.stderr, "athar: no claims await review under this filter; nothing to decide")
						return nil
					}
				}
				froms := make([]model.Status, len(targets))
				for i, t := range targets {
					froms[i] = t.From
					if froms[i] == "" {
						froms[i] = model.StatusProposed
					}
				}
				var changes []app.Change
				if dryRun {
					changes, err = a.PreviewMany(ctx, v, targets, d)
				} else {
					changes, err = a.ReviewMany(ctx, v, targets, d)
				}
				if cur, ok := app.CurrentState(err); ok {
					return cannot(fmt.Errorf("a statement is now %s, not as you saw it: someone decided it meanwhile; nothing was changed (list the claims again)", cur))
				}
				if err != nil {
					return refused(err)
				}
				if !dryRun {
					if err := g.done(ctx, a); err != nil {
						return err
					}
				}
				for i, c := range changes {
					out.Changes = append(out.Changes, changeJSON{ID: c.Statement.ID, From: string(froms[i]), To: string(c.To),
						Entity: c.Statement.EntityID, Property: string(c.Statement.Property), Value: c.Statement.Value, SourceID: c.Statement.SourceID})
				}
				if g.json {
					return g.printJSON(out)
				}
				return printChanges(g.stdout, out)
			},
		}
		df.add(decide)
		decide.Flags().StringVar(&reason, "reason", "", "why (required): kept with each decision in the ledger")
		decide.Flags().StringVar(&from, "from", "", "the state you saw statements named by id in: proposed (the default), confirmed or rejected")
		decide.Flags().StringVar(&sensitivity, "sensitivity", "", "a new level for every statement decided: public, internal, restricted or confidential")
		decide.Flags().BoolVar(&all, "all", false, "with no filter: decide every claim in the queue's window")
		decide.Flags().BoolVar(&dryRun, "dry-run", false, "print what would change, and change nothing")

		cmd.AddCommand(list, decide)
		return cmd
	})
}

// printClaims writes claims for people: one line each.
func printClaims(w io.Writer, items []app.ClaimItem) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "PRIORITY\tKIND\tPROPERTY\tVALUE\tDATE\tMODALITY\tSOURCES\tSTATEMENTS")
	for _, it := range items {
		date := "-"
		if !it.Date.IsZero() {
			date = it.Date.String()
		}
		value := it.Value
		if it.Kind == app.ClaimEvent {
			var who []string
			for _, p := range it.Participants {
				w := p.Name
				if p.Role != "" {
					w += " (" + string(p.Role) + ")"
				}
				who = append(who, w)
			}
			if len(who) > 0 {
				value += ": " + strings.Join(who, ", ")
			}
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%d\t%d\n", it.Priority, it.Kind, it.Property, oneLine(value, 80), date, it.Modality, len(it.Sources), len(it.Statements))
	}
	return tw.Flush()
}

// printChanges writes a decision's changes for people.
func printChanges(w io.Writer, d decisionJSON) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, c := range d.Changes {
		fmt.Fprintf(tw, "%s\t%s -> %s\t%s\t%s\n", c.ID, c.From, c.To, c.Property, oneLine(c.Value, 80))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	verb := "decided"
	if d.DryRun {
		verb = "would be decided (dry run: nothing changed)"
	}
	_, err := fmt.Fprintln(w, strconv.Itoa(len(d.Changes))+" statements "+verb)
	return err
}
