package main

import (
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/athar-project/athar/internal/app"
	"github.com/spf13/cobra"
)

// tokenJSON is a token as `athar token list --json` prints it (and `add`,
// with the token itself).
type tokenJSON struct {
	ID         string  `json:"id"`
	User       string  `json:"user"`
	Name       string  `json:"name"`
	Token      string  `json:"token,omitempty"`
	CreatedAt  string  `json:"created_at"`
	LastUsedAt *string `json:"last_used_at"`
	ExpiresAt  *string `json:"expires_at"`
	RevokedAt  *string `json:"revoked_at"`
}

func toTokenJSON(t app.APIToken) tokenJSON {
	at := func(x time.Time) *string {
		if x.IsZero() {
			return nil
		}
		s := x.UTC().Format(time.RFC3339)
		return &s
	}
	return tokenJSON{ID: t.ID, User: t.UserName, Name: t.Name, CreatedAt: t.CreatedAt.UTC().Format(time.RFC3339),
		LastUsedAt: at(t.LastUsedAt), ExpiresAt: at(t.ExpiresAt), RevokedAt: at(t.RevokedAt)}
}

func init() {
	register(func(g *globals) *cobra.Command {
		cmd := &cobra.Command{Use: "token", Short: "Add, list and revoke API tokens"}
		var name, expires string
		add := &cobra.Command{
			Use:   "add USER",
			Short: "Make an API token for a user; it is printed this once",
			Long: `Make an API token for a user: a client that sends it (Authorization: Bearer
TOKEN) reads and acts through the JSON API at /api/v1 with the user's role and
clearance. The token is printed on standard output this once; Athar keeps only
its SHA-256, so a lost token cannot be shown again (revoke it and make another).`,
			Args: cobra.ExactArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				ctx := cmd.Context()
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
				t, secret, u, err := a.CreateToken(ctx, v, args[0], name, until)
				if err != nil {
					return refused(err)
				}
				if g.json {
					out := toTokenJSON(t)
					out.Token = secret
					return g.printJSON(out)
				}
				fmt.Fprintln(g.stdout, secret)
				fmt.Fprintf(g.stderr, "athar: token %s for %s (%s, clearance %s); this is the only time it is shown\n",
					t.ID, u.Name, u.Role, u.Clearance)
				return nil
			},
		}
		add.Flags().StringVar(&name, "name", "", "what the token is for, e.g. \"nightly export\" (required)")
		add.Flags().StringVar(&expires, "expires", "", "the day the token stops working, YYYY-MM-DD (default: never)")
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
				fmt.Fprintln(w, "ID\tUSER\tNAME\tCREATED\tLAST USED\tSTATE")
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
					fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", t.ID, t.UserName, t.Name, t.CreatedAt.UTC().Format("2006-01-02"), used, state)
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
