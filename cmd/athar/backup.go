package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/spf13/cobra"
)

func init() {
	register(func(g *globals) *cobra.Command {
		var out string
		cmd := &cobra.Command{
			Use:   "backup --out FILE",
			Short: "Write the database, the originals and the ledger's checkpoints to one file",
			Long: `Write the whole evidence base to one file: a consistent snapshot of the database
taken while servers keep running (SQLite's VACUUM INTO, or pg_dump of the server's
own version), the archive of originals and the ledger's signed checkpoints — and
the ledger's signing key only when it still lives in the data directory (stores
made before it moved out); a key kept outside it stays out. The file is as
sensitive as the data: it is written readable by its owner only; keep it so.`,
			Args: cobra.NoArgs,
			RunE: func(cmd *cobra.Command, _ []string) error {
				ctx := cmd.Context()
				if out == "" {
					return cannot(errors.New("--out FILE is required"))
				}
				a, v, err := g.openApp(ctx, true)
				if err != nil {
					return err
				}
				defer a.Close()
				f, err := os.CreateTemp(filepath.Dir(out), ".athar-backup-*")
				if err != nil {
					return cannot(err)
				}
				tmp := f.Name()
				defer os.Remove(tmp)
				m, err := a.Backup(ctx, v, f)
				if err == nil {
					err = f.Sync()
				}
				if cerr := f.Close(); err == nil {
					err = cerr
				}
				if err == nil {
					err = os.Rename(tmp, out)
				}
				if app.KindOf(err) != 0 {
					return refused(err)
				}
				if err != nil {
					return cannot(fmt.Errorf("backup: %w", err))
				}
				fmt.Fprintf(g.stdout, "backed up %s to %s: ledger head %d (%s)", m.Engine, out, m.HeadSeq, m.HeadHash)
				if m.Blobs > 0 {
					fmt.Fprintf(g.stdout, ", %d originals", m.Blobs)
				}
				fmt.Fprintln(g.stdout)
				if m.KeyIncluded {
					fmt.Fprintln(g.stderr, "athar: backup: the ledger's signing key lives in the data directory, so the backup carries it: "+
						"whoever holds the file can sign checkpoints; move the key out (docs/security.md)")
				}
				return nil
			},
		}
		cmd.Flags().StringVar(&out, "out", "", "the backup file to write")
		return cmd
	})
	register(func(g *globals) *cobra.Command {
		var from string
		cmd := &cobra.Command{
			Use:   "restore --from FILE",
			Short: "Restore a backup into an empty or absent data directory (and an empty database with --db)",
			Args:  cobra.NoArgs,
			RunE: func(cmd *cobra.Command, _ []string) error {
				ctx := cmd.Context()
				if from == "" {
					return cannot(errors.New("--from FILE is required"))
				}
				f, err := os.Open(from)
				if err != nil {
					return cannot(fmt.Errorf("--from: %w", err))
				}
				defer f.Close()
				m, err := app.Restore(ctx, f, g.data, g.db)
				if err != nil {
					return cannot(fmt.Errorf("restore %s: %w", from, err))
				}
				a, err := g.open(ctx, true)
				if err != nil {
					return err
				}
				defer a.Close()
				r, err := a.Verify(ctx, access.Operator())
				if err != nil {
					return cannot(err)
				}
				fmt.Fprintf(g.stdout, "restored %s backup of %s (ledger head %d); verify: %s\n", m.Engine, m.CreatedAt, m.HeadSeq, okText(r.OK))
				if !r.OK {
					fmt.Fprintf(g.stderr, "athar: verify after restore: first break: %s\n", r.Problems[0])
					return problem()
				}
				return nil
			},
		}
		cmd.Flags().StringVar(&from, "from", "", "the backup file to read")
		return cmd
	})
}
