package main

import (
	"bufio"
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
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
				c := model.Internal
				if clearance != "" {
					if c, err = model.ParseSensitivity(clearance); err != nil {
						return cannot(fmt.Errorf("--clearance: %w", err))
					}
				} else if r == model.RoleAdmin {
					c = model.Confidential
				}
				u := model.User{Name: args[0], Role: r, Clearance: c}
				if passwordStdin {
					line, err := bufio.NewReader(g.stdin).ReadString('\n')
					if err != nil && line == "" {
						return cannot(errors.New("--password-stdin: no password on standard input"))
					}
					if u.PasswordHash, err = access.HashPassword(strings.TrimRight(line, "\r\n")); err != nil {
						return cannot(err)
					}
				}
				st, v, err := g.openAs(ctx, false)
				if err != nil {
					return err
				}
				defer st.Close()
				if v.Role != model.RoleAdmin {
					return cannot(fmt.Errorf("only an admin may add users (%s is %s)", v.Actor(), v.Role))
				}
				if _, err := st.UserByName(ctx, u.Name); err == nil {
					return cannot(fmt.Errorf("user %q already exists", u.Name))
				}
				if err := st.Write(ctx, v.Actor(), func(tx *store.Tx) error { return tx.AddUser(ctx, &u) }); err != nil {
					return cannot(err)
				}
				if err := g.checkpoint(ctx, st); err != nil {
					return cannot(err)
				}
				fmt.Fprintf(g.stdout, "added %s (%s, clearance %s)\n", u.Name, u.Role, u.Clearance)
				return nil
			},
		}
		add.Flags().StringVar(&role, "role", "", "admin, reviewer, analyst or viewer (required)")
		add.Flags().StringVar(&clearance, "clearance", "", "highest sensitivity the user may see (default: internal; confidential for admins)")
		add.Flags().BoolVar(&passwordStdin, "password-stdin", false, "read the password for web login from standard input")
		_ = add.MarkFlagRequired("role")
		cmd.AddCommand(add)
		cmd.AddCommand(&cobra.Command{
			Use:   "list",
			Short: "List user accounts",
			Args:  cobra.NoArgs,
			RunE: func(cmd *cobra.Command, _ []string) error {
				ctx := cmd.Context()
				st, err := g.openStore(ctx, true)
				if err != nil {
					return err
				}
				defer st.Close()
				users, err := st.Users(ctx)
				if err != nil {
					return cannot(err)
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
				st, v, err := g.openAs(ctx, true)
				if err != nil {
					return err
				}
				defer st.Close()
				if v.Role != model.RoleAdmin {
					return cannot(fmt.Errorf("only an admin may disable users"))
				}
				u, err := st.UserByName(ctx, args[0])
				if err != nil {
					return cannot(err)
				}
				if err := st.Write(ctx, v.Actor(), func(tx *store.Tx) error { return tx.SetUserDisabled(ctx, u.ID, true) }); err != nil {
					return cannot(err)
				}
				// Signed-in browsers of the account are signed out now, as
				// the admin page does (its API tokens stop working too: they
				// are refused for a disabled account).
				if err := st.Sessions().DeleteUser(ctx, u.ID); err != nil {
					return cannot(fmt.Errorf("end %s's sessions: %w", u.Name, err))
				}
				if err := g.checkpoint(ctx, st); err != nil {
					return cannot(err)
				}
				fmt.Fprintf(g.stdout, "disabled %s\n", u.Name)
				return nil
			},
		})
		return cmd
	})
}
