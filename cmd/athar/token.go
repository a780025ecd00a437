package main

import (
	"fmt"
	"net/url"
	"os"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/reconcile"
)

// tokenJSON is a token as `athar token list --json` prints it (and `add`,
// with the token itself).
type tokenJSON struct {
	ID           string  `json:"id"`
	User         string  `json:"user"`
	Name         string  `json:"name"`
	Scope        string  `json:"scope"`
	Role         string  `json:"role,omitempty"`      // what the account held when the token was made
	Clearance    string  `json:"clearance,omitempty"` // the token works only while the account keeps that role
	Token        string  `json:"token,omitempty"`
	ReconcileURL string  `json:"reconcile_url,omitempty"`
	CreatedAt    string  `json:"created_at"`
	LastUsedAt   *string `json:"last_used_at"`
	ExpiresAt    *string `json:"expires_at"`
	RevokedAt    *string `json:"revoked_at"`
}

func toTokenJSON(t app.APIToken) tokenJSON {
	at := func(x time.Time) *string {
		if x.IsZero() {
			return nil
		}
		s := x.UTC().Format(time.RFC3339)
		return &s
	}
	clearance := ""
	if t.Role != "" {
		clearance = t.Clearance.String()
	}
	return tokenJSON{ID: t.ID, User: t.UserName, Name: t.Name, Scope: string(t.Scope), Role: string(t.Role), Clearance: clearance,
		CreatedAt:  t.CreatedAt.UTC().Format(time.RFC3339),
		LastUsedAt: at(t.LastUsedAt), ExpiresAt: at(t.ExpiresAt), RevokedAt: at(t.RevokedAt)}
}

// expiresNote says when a token just made expires, if it does.
func expiresNote(t app.APIToken) string {
	if t.ExpiresAt.IsZero() {
		return ""
	}
	return ", expires " + t.ExpiresAt.UTC().Format("2006-01-02 15:04 MST")
}

func init() {
	register(func(g *globals) *cobra.Command {
		cmd := &cobra.Command{Use: "token", Short: "Add, list and revoke API tokens and reconciliation keys"}
		var name, expires, scope string
		add := &cobra.Command{
			Use:   "add USER",
			Short: "Make an API token or a reconciliation key for a user; it is printed this once",
			Long: `Make an API token for a user: a client that sends it (Authorization: Bearer
TOKEN) reads and acts through the JSON API at /api/v1 with the user's role and
clearance as they are now: the token stops working if the user's role changes,
and never reads above the clearance it was made with. The token is printed on standard output this once; Athar keeps only
its SHA-256, so a lost token cannot be shown again (revoke it and make another).

A token acts without a second factor, so the tokens of admins and reviewers
(whose sign-in needs one) must expire: in 30 days unless --expires says
otherwise, and within 90 days at most. Tokens of other accounts last until
revoked unless --expires is given. An expired token is refused with an
answer that says so, and the refusal is in the access log.

With --scope reconcile it makes a reconciliation key instead: it works for the
reconciliation service only (what OpenRefine uses: queries, suggestions,
previews), reads with the user's clearance, and changes nothing. What is printed
is the service URL that carries it, to give OpenRefine as it is (it sends no
header): absolute under ATHAR_BASE_URL when that is set, else a path to put
after the server's address. Anyone holding the URL reads as the user: hand it
over like a password, and revoke it ('athar token revoke ID') when it is done.`,
			Args: cobra.ExactArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				ctx := cmd.Context()
				sc, err := app.ParseTokenScope(scope)
				if err != nil {
					return cannot(fmt.Errorf("--scope: %w", err))
				}
				base := os.Getenv("ATHAR_BASE_URL")
				if u, err := url.Parse(base); base != "" && (err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "") {
					return cannot(fmt.Errorf("ATHAR_BASE_URL %q: want the absolute http(s) address people reach the server at, e.g. https://athar.example.org", base))
				}
				var until time.Time
				if expires != "" {
					d, err := time.Parse("2006-01-02", expires)
					if err != nil {
						return cannot(fmt.Errorf("--expires %q: want a date, YYYY-MM-DD", expires))
					}
					until = d.UTC()
				}
				a, v, err := g.openApp(ctx, true)
				if err != nil {
					return err
				}
				defer a.Close()
				t, secret, u, err := a.CreateToken(ctx, v, args[0], name, sc, until)
				if err != nil {
					return refused(err)
				}
				out := toTokenJSON(t)
				out.Token = secret
				if sc == app.ScopeReconcile {
					out.ReconcileURL = reconcile.KeyURL(base, secret)
				}
				if g.json {
					return g.printJSON(out)
				}
				if sc == app.ScopeReconcile {
					fmt.Fprintln(g.stdout, out.ReconcileURL)
					fmt.Fprintf(g.stderr, "athar: reconciliation key %s for %s (%s, clearance %s%s): give OpenRefine the URL above; this is the only time it is shown\n",
						t.ID, u.Name, u.Role, u.Clearance, expiresNote(t))
					return nil
				}
				fmt.Fprintln(g.stdout, secret)
				fmt.Fprintf(g.stderr, "athar: token %s for %s (%s, clearance %s%s); this is the only time it is shown\n",
					t.ID, u.Name, u.Role, u.Clearance, expiresNote(t))
				return nil
			},
		}
		add.Flags().StringVar(&name, "name", "", "what the token is for, e.g. \"nightly export\" (required)")
		add.Flags().StringVar(&expires, "expires", "", "the day the token stops working, YYYY-MM-DD (default: never; for an admin or reviewer in 30 days, and at most 90)")
		add.Flags().StringVar(&scope, "scope", string(app.ScopeAPI),
			"api: the JSON API with the user's role; reconcile: the reconciliation service only, read-only, by a URL that carries the key")
		_ = add.MarkFlagRequired("name")
		cmd.AddCommand(add)

		var user string
		list := &cobra.Command{
			Use:   "list",
			Short: "List API tokens (never the tokens themselves)",
			Args:  cobra.NoArgs,
			RunE: func(cmd *cobra.Command, _ []string) error {
				ctx := cmd.Context()
				a, v, err := g.openApp(ctx, true)
				if err != nil {
					return err
				}
				defer a.Close()
				toks, err := a.Tokens(ctx, v, user)
				if app.KindOf(err) == app.NotFound {
					return cannot(fmt.Errorf("--user %s: no such user", user))
				}
				if err != nil {
					return refused(err)
				}
				if g.json {
					out := make([]tokenJSON, 0, len(toks))
					for _, t := range toks {
						out = append(out, toTokenJSON(t))
					}
					return g.printJSON(out)
				}
				w := tabwriter.NewWriter(g.stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(w, "ID\tUSER\tNAME\tSCOPE\tCREATED\tLAST USED\tSTATE")
				now := time.Now()
				for _, t := range toks {
					state := "active"
					switch {
					case t.Revoked():
						state = "revoked " + t.RevokedAt.UTC().Format("2006-01-02")
					case t.Expired(now):
						state = "expired"
					case !t.ExpiresAt.IsZero():
						state = "expires " + t.ExpiresAt.UTC().Format("2006-01-02")
					}
					used := "never"
					if !t.LastUsedAt.IsZero() {
						used = t.LastUsedAt.UTC().Format(time.RFC3339)
					}
					fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", t.ID, t.UserName, t.Name, t.Scope, t.CreatedAt.UTC().Format("2006-01-02"), used, state)
				}
				return w.Flush()
			},
		}
		list.Flags().StringVar(&user, "user", "", "only this user's tokens")
		cmd.AddCommand(list)

		cmd.AddCommand(&cobra.Command{
			Use:   "revoke ID",
			Short: "Revoke an API token for good",
			Args:  cobra.ExactArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				ctx := cmd.Context()
				a, v, err := g.openApp(ctx, true)
				if err != nil {
					return err
				}
				defer a.Close()
				t, err := a.RevokeToken(ctx, v, args[0])
				if err != nil {
					return refused(err)
				}
				fmt.Fprintf(g.stdout, "revoked %s (%s, %q)\n", t.ID, t.UserName, t.Name)
				return nil
			},
		})
		return cmd
	})
}
