package main

import (
	"bufio"
	"cmp"
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
)

func init() {
	register(func(g *globals) *cobra.Command {
		cmd := &cobra.Command{Use: "user", Short: "Add, list and disable user accounts"}
		var role, clearance string
		var passwordStdin bool
		add := &cobra.Command{
			Use:   "add NAME",
			Short: "Add a user with a role and a clearance",
			Args:  cobra.ExactArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				ctx := cmd.Context()
				r, err := model.ParseRole(role)
				if err != nil {
					return cannot(fmt.Errorf("--role: %w", err))
				}
				n := app.NewAccount{Name: args[0], Role: r}
				if clearance != "" {
					c, err := model.ParseSensitivity(clearance)
					if err != nil {
						return cannot(fmt.Errorf("--clearance: %w", err))
					}
					n.Clearance = &c
				}
				if passwordStdin {
					line, err := bufio.NewReader(g.stdin).ReadString('\n')
					if err != nil && line == "" {
						return cannot(errors.New("--password-stdin: no password on standard input"))
					}
					n.Password = strings.TrimRight(line, "\r\n")
					if n.Password == "" {
						return cannot(errors.New("--password-stdin: the password is empty"))
					}
				}
				a, v, err := g.openApp(ctx, false)
				if err != nil {
					return err
				}
				defer a.Close()
				u, err := a.AddUser(ctx, v, n)
				if err != nil {
					return refused(err)
				}
				if err := g.done(ctx, a); err != nil {
					return err
				}
				fmt.Fprintf(g.stdout, "added %s (%s, clearance %s)\n", u.Name, u.Role, u.Clearance)
				return nil
			},
		}
		add.Flags().StringVar(&role, "role", "", "admin, reviewer, analyst, caseworker or viewer (required)")
		add.Flags().StringVar(&clearance, "clearance", "", "highest sensitivity the user may see (default: public; confidential for admins)")
		add.Flags().BoolVar(&passwordStdin, "password-stdin", false, "read the password for web login from standard input")
		_ = add.MarkFlagRequired("role")
		cmd.AddCommand(add)
		cmd.AddCommand(&cobra.Command{
			Use:   "list",
			Short: "List user accounts",
			Args:  cobra.NoArgs,
			RunE: func(cmd *cobra.Command, _ []string) error {
				ctx := cmd.Context()
				a, v, err := g.openApp(ctx, true)
				if err != nil {
					return err
				}
				defer a.Close()
				users, err := a.Users(ctx, v)
				if err != nil {
					return refused(err)
				}
				if g.json {
					type userJSON struct {
						Name      string `json:"name"`
						Role      string `json:"role"`
						Clearance string `json:"clearance"`
						Disabled  bool   `json:"disabled"`
					}
					out := make([]userJSON, 0, len(users))
					for _, u := range users {
						out = append(out, userJSON{u.Name, string(u.Role), u.Clearance.String(), u.Disabled})
					}
					return g.printJSON(out)
				}
				w := tabwriter.NewWriter(g.stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(w, "NAME\tROLE\tCLEARANCE\tSTATE")
				for _, u := range users {
					state := "active"
					if u.Disabled {
						state = "disabled"
					}
					fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", u.Name, u.Role, u.Clearance, state)
				}
				return w.Flush()
			},
		})
		cmd.AddCommand(&cobra.Command{
			Use:   "disable NAME",
			Short: "Disable a user account",
			Args:  cobra.ExactArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				ctx := cmd.Context()
				a, v, err := g.openApp(ctx, true)
				if err != nil {
					return err
				}
				defer a.Close()
				u, err := a.DisableUser(ctx, v, args[0])
				if err != nil {
					return refused(err)
				}
				if err := g.done(ctx, a); err != nil {
					return err
				}
				fmt.Fprintf(g.stdout, "disabled %s\n", u.Name)
				return nil
			},
		})
		cmd.AddCommand(userTOTPCommand(g))
		cmd.AddCommand(userKeysCommand(g))
		return cmd
	})
}

// userTOTPCommand is `athar user totp NAME [--reset] [--json]`: the operator
// enrols an account in TOTP before its owner first signs in (so that a
// stolen password never meets an account still waiting to enrol), or
// replaces a lost one. It prints the secret, the otpauth:// URL for a QR
// code and the recovery codes — once; hand them to their owner in person.
func userTOTPCommand(g *globals) *cobra.Command {
	var reset bool
	c := &cobra.Command{
		Use:   "totp NAME",
		Short: "Enrol an account in two-factor sign-in (TOTP) and print its secret and recovery codes",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			a, v, err := g.openApp(ctx, true)
			if err != nil {
				return err
			}
			defer a.Close()
			e, err := a.EnrolTOTP(ctx, v, args[0], reset)
			if err != nil {
				return refused(err)
			}
			if err := g.done(ctx, a); err != nil {
				return err
			}
			if g.json {
				return g.printJSON(struct {
					User          string   `json:"user"`
					Secret        string   `json:"secret"`
					URL           string   `json:"url"`
					RecoveryCodes []string `json:"recovery_codes"`
					KeysRemoved   int      `json:"security_keys_removed"`
				}{e.Account, e.Secret, e.URL, e.RecoveryCodes, e.KeysRemoved})
			}
			if e.KeysRemoved > 0 {
				fmt.Fprintf(g.stderr, "athar: removed %d security keys of %s (a reset replaces every second factor)\n", e.KeysRemoved, e.Account)
			}
			fmt.Fprintf(g.stdout, "user:    %s\nsecret:  %s\nurl:     %s\nrecovery codes (each works once):\n", e.Account, e.Secret, e.URL)
			for _, code := range e.RecoveryCodes {
				fmt.Fprintf(g.stdout, "  %s\n", code)
			}
			return nil
		},
	}
	c.Flags().BoolVar(&reset, "reset", false, "replace the second factors already in force: the TOTP secret, the recovery codes and every security key (its sessions end)")
	return c
}

// userKeysCommand is `athar user keys NAME [--remove-all] [--json]`: the
// operator lists an account's security keys (registered on its account
// page), or removes them all for someone who lost theirs (their sessions
// end; an admin or reviewer with no TOTP secret then enrols again at their
// next sign-in).
func userKeysCommand(g *globals) *cobra.Command {
	var removeAll bool
	c := &cobra.Command{
		Use:   "keys NAME",
		Short: "List an account's security keys (WebAuthn), or remove them all",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			a, v, err := g.openApp(ctx, true)
			if err != nil {
				return err
			}
			defer a.Close()
			if removeAll {
				n, err := a.RemoveSecurityKeys(ctx, v, args[0])
				if err != nil {
					return refused(err)
				}
				if err := g.done(ctx, a); err != nil {
					return err
				}
				if g.json {
					return g.printJSON(struct {
						User    string `json:"user"`
						Removed int    `json:"removed"`
					}{args[0], n})
				}
				fmt.Fprintf(g.stdout, "removed %d security keys of %s\n", n, args[0])
				return nil
			}
			keys, err := a.ListSecurityKeys(ctx, v, args[0])
			if err != nil {
				return refused(err)
			}
			if err := g.done(ctx, a); err != nil {
				return err
			}
			type key struct {
				ID           string `json:"id"`
				Name         string `json:"name"`
				Added        string `json:"added"`
				LastUsed     string `json:"last_used"`
				CloneWarning bool   `json:"clone_warning"`
			}
			out := []key{}
			for _, k := range keys {
				used := ""
				if !k.LastUsedAt.IsZero() {
					used = k.LastUsedAt.UTC().Format(time.RFC3339)
				}
				out = append(out, key{k.ID, k.Name, k.CreatedAt.UTC().Format(time.RFC3339), used, k.CloneWarning})
			}
			if g.json {
				return g.printJSON(out)
			}
			for _, k := range out {
				warn := ""
				if k.CloneWarning {
					warn = "  CLONE WARNING (refused)"
				}
				fmt.Fprintf(g.stdout, "%s  %s  added %s  last used %s%s\n", k.ID, k.Name, k.Added, cmp.Or(k.LastUsed, "never"), warn)
			}
			return nil
		},
	}
	c.Flags().BoolVar(&removeAll, "remove-all", false, "remove every key of the account (its sessions end)")
	return c
}
