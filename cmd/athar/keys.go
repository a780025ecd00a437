package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

func init() {
	register(func(g *globals) *cobra.Command {
		cmd := &cobra.Command{Use: "keys", Short: "Manage the master key that seals confidential content at rest"}
		var keepOld bool
		rotate := &cobra.Command{
			Use:   "rotate [--keep-old]",
			Short: "Make a new master key and re-wrap every source's data key under it, as an admin",
			Long: `Make a new master key and re-wrap every source's data key, and the key of the
sealed search index, under it, in one transaction; then the new key file replaces
the old (ATHAR_KEY_FILE, or the per-user default). Content is not sealed again:
the data keys stay. If replacing the file fails, the rotation is undone and the
old key file still opens the store; if the process dies after the transaction,
the next command finds the new key beside the file (<file>.next) and finishes.

The old key file is removed unless --keep-old is given (then it is kept as
<file>.old-<date>): a copy of the old key stolen later must open nothing the
store holds from now on. Backups made before the rotation hold keys wrapped
under the old key: keep the old key only as long as you keep those backups.
Admins only.`,
			Args: cobra.NoArgs,
			RunE: func(cmd *cobra.Command, args []string) error {
				ctx := cmd.Context()
				a, v, err := g.openApp(ctx, true)
				if err != nil {
					return err
				}
				defer a.Close()
				r, err := a.RotateKeys(ctx, v, keepOld)
				if err != nil {
					return refused(err)
				}
				if err := g.done(ctx, a); err != nil {
					return err
				}
				if g.json {
					return g.printJSON(r)
				}
				fmt.Fprintf(g.stdout, "master key %s replaced by %s in %s (%d data keys re-wrapped)\n", r.OldID, r.NewID, r.File, r.Keys)
				if r.Kept != "" {
					fmt.Fprintf(g.stdout, "old key kept in %s\n", r.Kept)
				}
				return nil
			},
		}
		rotate.Flags().BoolVar(&keepOld, "keep-old", false, "keep the old key file as <file>.old-<date> (for backups made before)")
		cmd.AddCommand(rotate)
		return cmd
	})
}
