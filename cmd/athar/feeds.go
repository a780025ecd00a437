package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/feeds"
	"github.com/athar-project/athar/internal/model"
)

// feedJSON is a feed as `athar feeds add|list --json` prints it. Times are
// RFC 3339 in UTC, null when the event has not happened.
type feedJSON struct {
	ID              string  `json:"id"`
	URL             string  `json:"url"`
	Title           string  `json:"title"`
	Interval        string  `json:"interval"`
	IntervalSeconds int64   `json:"interval_seconds"`
	Kind            string  `json:"kind"`
	Sensitivity     string  `json:"sensitivity"`
	AddedBy         string  `json:"added_by"`
	AddedAt         string  `json:"added_at"`
	LastPolledAt    *string `json:"last_polled_at"`
	LastOKAt        *string `json:"last_ok_at"`
	NextPollAt      string  `json:"next_poll_at"`
	LastError       string  `json:"last_error"`
	Failures        int     `json:"failures"`
	Items           int     `json:"items"`
	ItemsStored     int     `json:"items_stored"`
	ItemsFailed     int     `json:"items_failed"`
}

func toFeedJSON(f app.Feed) feedJSON {
	return feedJSON{ID: f.ID, URL: f.URL, Title: f.Title, Interval: shortDuration(f.Interval),
		IntervalSeconds: int64(f.Interval / time.Second), Kind: string(f.Kind), Sensitivity: f.Sensitivity.String(),
		AddedBy: f.AddedBy, AddedAt: rfc3339(f.AddedAt), LastPolledAt: optTime(f.LastPolledAt), LastOKAt: optTime(f.LastOKAt),
		NextPollAt: rfc3339(f.NextPollAt), LastError: f.LastError, Failures: f.Failures, Items: f.Items,
		ItemsStored: f.ItemsStored, ItemsFailed: f.ItemsFailed}
}

func rfc3339(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func optTime(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := rfc3339(t)
	return &s
}

// shortDuration writes 30m0s as 30m and 2h0m0s as 2h.
func shortDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// feedItemLine is one line of `athar feeds poll --json`.
type feedItemLine struct {
	Feed        string `json:"feed"`
	Item        string `json:"item"`
	URL         string `json:"url,omitempty"`
	Status      string `json:"status"`
	ID          string `json:"id"`
	Title       string `json:"title,omitempty"`
	DuplicateOf string `json:"duplicate_of,omitempty"`
}

func init() {
	register(func(g *globals) *cobra.Command {
		cmd := &cobra.Command{
			Use:   "feeds",
			Short: "Follow RSS, Atom and JSON feeds: new items are stored by themselves",
			Long: `Follow RSS, Atom and JSON feeds. Running workers ('athar serve', 'athar
worker') poll each feed at its interval with a conditional request and store
every new item (the page it links to, or its own content when it has no link)
through the whole pipeline: stored, extracted and resolved. A feed that fails
keeps its error and is polled less often until it answers again.`,
		}
		cmd.AddCommand(feedsAddCmd(g), feedsListCmd(g), feedsRemoveCmd(g), feedsPollCmd(g))
		return cmd
	})
}

func feedsAddCmd(g *globals) *cobra.Command {
	var interval time.Duration
	var kind, sensitivity string
	var fetchTimeout time.Duration
	cmd := &cobra.Command{
		Use:   "add URL",
		Short: "Follow a feed (it is fetched once to check that it is one)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			opt := feeds.AddOptions{URL: args[0], Interval: interval}
			k, err := model.ParseSourceKind(kind)
			if err != nil {
				return cannot(fmt.Errorf("--kind: %w", err))
			}
			opt.Kind = k
			if sensitivity != "" {
				s, err := model.ParseSensitivity(sensitivity)
				if err != nil {
					return cannot(fmt.Errorf("--sensitivity: %w", err))
				}
				opt.Sensitivity = &s
			}
			a, v, err := g.openApp(ctx, false)
			if err != nil {
				return err
			}
			defer a.Close()
			p := feeds.NewPoller(a)
			p.Timeout = fetchTimeout
			f, err := p.Add(ctx, v, opt)
			var ce *feeds.CheckError
			switch {
			case errors.Is(err, feeds.ErrExists) && f.ID != "":
				fmt.Fprintf(g.stderr, "athar: %s is followed already as %s (remove it first to change it)\n", f.URL, f.ID)
			case errors.As(err, &ce):
				fmt.Fprintf(g.stderr, "athar: %v; not added\n", err)
				return problem()
			case err != nil:
				return cannot(err)
			}
			if g.json {
				return g.printJSON(toFeedJSON(f))
			}
			fmt.Fprintf(g.stdout, "%s  %s  %q  every %s, %s, %s\n", f.ID, f.URL, f.Title, shortDuration(f.Interval), f.Kind, f.Sensitivity)
			return nil
		},
	}
	cmd.Flags().DurationVar(&interval, "interval", feeds.DefaultInterval, "poll the feed this often (at least 1m)")
	cmd.Flags().StringVar(&kind, "kind", "article", "kind of the sources its items become: article, statement, testimony, document, social_post, court_record")
	cmd.Flags().StringVar(&sensitivity, "sensitivity", "", "sensitivity of those sources (default: public; confidential for testimony)")
	cmd.Flags().DurationVar(&fetchTimeout, "fetch-timeout", feeds.DefaultTimeout, "give up on the feed after this long")
	return cmd
}

func feedsListCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List the feeds you may see, with their state",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			a, v, err := g.openApp(ctx, true)
			if err != nil {
				return err
			}
			defer a.Close()
			list, err := feeds.List(ctx, a, v)
			if err != nil {
				return cannot(err)
			}
			if g.json {
				out := make([]feedJSON, 0, len(list))
				for _, f := range list {
					out = append(out, toFeedJSON(f))
				}
				return g.printJSON(out)
			}
			w := tabwriter.NewWriter(g.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(w, "ID\tEVERY\tLAST POLLED\tNEXT POLL\tSTORED\tFAILED\tFAILURES\tURL\tTITLE\tLAST ERROR")
			for _, f := range list {
				polled := "never"
				if !f.LastPolledAt.IsZero() {
					polled = rfc3339(f.LastPolledAt)
				}
				fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%d\t%d\t%d\t%s\t%s\t%s\n", f.ID, shortDuration(f.Interval), polled,
					rfc3339(f.NextPollAt), f.ItemsStored, f.ItemsFailed, f.Failures, f.URL, orDash(f.Title), orDash(f.LastError))
			}
			return w.Flush()
		},
	}
}

func feedsRemoveCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "remove ID|URL",
		Short: "Stop following a feed (the sources it brought stay)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			a, v, err := g.openApp(ctx, true)
			if err != nil {
				return err
			}
			defer a.Close()
			f, err := feeds.Remove(ctx, a, v, args[0])
			if app.KindOf(err) == app.NotFound {
				return cannot(fmt.Errorf("%s: no such feed", args[0]))
			}
			if err != nil {
				return cannot(err)
			}
			fmt.Fprintf(g.stdout, "removed %s  %s\n", f.ID, f.URL)
			return nil
		},
	}
}

func feedsPollCmd(g *globals) *cobra.Command {
	var fetchTimeout time.Duration
	cmd := &cobra.Command{
		Use:   "poll [ID|URL]",
		Short: "Poll the feeds that are due now (or one feed, due or not) and store their new items",
		Long: `Poll the feeds that are due now, or the one named, due or not, and store their
new items through the whole pipeline. Running workers do this by themselves;
this is for installations without them. Prints one line per item stored;
items and feeds that failed are reported on stderr, and the exit code is 1.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			a, v, err := g.openApp(ctx, false)
			if err != nil {
				return err
			}
			defer a.Close()
			if !v.CanWrite() {
				return cannot(fmt.Errorf("%s may not add sources (role %s)", v.Actor(), v.Role))
			}
			p := feeds.NewPoller(a)
			p.Timeout = fetchTimeout
			bad := 0
			p.Report = func(r feeds.Result) { bad += g.reportPoll(r) }
			p.Only = func(f app.Feed) bool { return v.CanSee(f.Sensitivity) }
			var runErr error
			if len(args) == 1 {
				f, err := feeds.Find(ctx, a, v, args[0])
				if app.KindOf(err) == app.NotFound {
					return cannot(fmt.Errorf("%s: no such feed", args[0]))
				}
				if err != nil {
					return cannot(err)
				}
				_, runErr = p.PollOne(ctx, f.ID)
			} else {
				runErr = p.PollDue(ctx, time.Now())
			}
			if err := g.done(context.WithoutCancel(ctx), a); err != nil {
				return err
			}
			if runErr != nil {
				return cannot(fmt.Errorf("polling stopped: %w (what was stored before stays stored)", runErr))
			}
			if bad > 0 {
				return problem()
			}
			return nil
		},
	}
	cmd.Flags().DurationVar(&fetchTimeout, "fetch-timeout", feeds.DefaultTimeout, "give up on a feed after this long")
	return cmd
}

// reportPoll prints what a poll stored on stdout and what failed on stderr,
// and returns how many things failed.
func (g *globals) reportPoll(r feeds.Result) int {
	f := r.Feed
	if r.Err != nil {
		fmt.Fprintf(g.stderr, "athar: feed %s (%s): %v; next poll %s\n", f.ID, f.URL, r.Err, rfc3339(r.NextPollAt))
		return 1
	}
	bad, stored := 0, 0
	for _, it := range r.Items {
		name := it.URL
		if name == "" {
			name = it.Key
		}
		if it.Outcome == app.Failed {
			bad++
			fmt.Fprintf(g.stderr, "athar: feed %s item %s: %v\n", f.ID, name, it.Err)
			continue
		}
		stored++
		if g.json {
			b, _ := json.Marshal(feedItemLine{Feed: f.ID, Item: it.Key, URL: it.URL, Status: string(it.Outcome), ID: it.SourceID,
				Title: it.Title, DuplicateOf: it.DuplicateOf})
			fmt.Fprintf(g.stdout, "%s\n", b)
			continue
		}
		line := fmt.Sprintf("%-7s %s  %s  %s", it.Outcome, it.SourceID, f.ID, name)
		if it.Title != "" {
			line += fmt.Sprintf("  %q", it.Title)
		}
		if it.DuplicateOf != "" {
			line += "  (near-copy of " + it.DuplicateOf + ")"
		}
		fmt.Fprintln(g.stdout, line)
	}
	state := fmt.Sprintf("%d new or retried items, %d stored, %d failed", len(r.Items), stored, bad)
	if r.NotModified {
		state = "not modified since the last poll"
		if len(r.Items) > 0 {
			state += fmt.Sprintf("; %d items retried, %d stored, %d failed", len(r.Items), stored, bad)
		}
	}
	fmt.Fprintf(g.stderr, "athar: feed %s (%s): %s; next poll %s\n", f.ID, f.URL, state, rfc3339(r.NextPollAt))
	return bad
}
