package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/dossier"
)

func init() { exportCommands = append(exportCommands, exportDossierCommand) }

func exportDossierCommand(g *globals) *cobra.Command {
	var out, lang string
	cmd := &cobra.Command{
		Use:   "dossier ID --out FILE.pdf|FILE.html",
		Short: "Write a person's case dossier as PDF or HTML (what your clearance lets you see)",
		Long: `Write the case dossier of the person ID: identity and aliases, the derived case
status and fate, the case timeline, allegations with their sources and other
facts, every one footnoted to its quote (source title, publisher, date, URL,
SHA-256 of the original) with its review state, and the signed ledger head it
was made at with how to check it. The file's extension chooses the format:
.pdf (printed by headless Chromium) or .html (one self-contained page).
--clearance and --as narrow what it holds, as for every export. Handing over
restricted or confidential sources is recorded in the access log.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			format, err := dossierFormat(out)
			if err != nil {
				return cannot(err)
			}
			l, ok := dossier.ParseLang(lang)
			if !ok {
				return cannot(fmt.Errorf("--lang %q: want en or ar", lang))
			}
			ctx := cmd.Context()
			a, v, err := g.openApp(ctx, true)
			if err != nil {
				return err
			}
			defer a.Close()
			b, err := makeDossier(ctx, a, v, args[0], l, format)
			if errors.Is(err, dossier.ErrNoSuchPerson) {
				return cannot(fmt.Errorf("dossier %s: no person with this id that %s may see (athar entities list --type person --json lists them)", args[0], v.Actor()))
			}
			if err != nil {
				return cannot(err)
			}
			if err := writeAtomically(out, b); err != nil {
				return cannot(fmt.Errorf("--out %s: %w", out, err))
			}
			fmt.Fprintf(g.stderr, "dossier of %s written to %s (%s, clearance %s)\n", args[0], out, format, v.Clearance)
			return nil
		},
	}
	cmd.Flags().StringVar(&out, "out", "", "write to `FILE`: .pdf or .html")
	cmd.Flags().StringVar(&lang, "lang", "en", "language of the dossier: en or ar")
	return cmd
}

// dossierFormat reads the format from --out's extension.
func dossierFormat(out string) (string, error) {
	switch strings.ToLower(filepath.Ext(out)) {
	case ".pdf":
		return "pdf", nil
	case ".html", ".htm":
		return "html", nil
	case "":
		if out == "" {
			return "", errors.New("--out FILE.pdf or FILE.html is required")
		}
	}
	return "", fmt.Errorf("--out %s: the name must end in .pdf or .html", out)
}

// makeDossier renders the dossier from the person's case file (the one
// their page shows) and records, by the audit rule, that v was handed its
// restricted and confidential sources.
func makeDossier(ctx context.Context, a *app.App, v access.Viewer, id string, l dossier.Lang, format string) ([]byte, error) {
	d, err := a.Dossiers(nil).Make(ctx, v, id, l)
	if err != nil {
		return nil, err
	}
	out := d.HTML
	if format == "pdf" {
		if out, err = d.PDF(ctx); err != nil {
			return nil, err
		}
	}
	if err := a.RecordViews(ctx, v, "dossier", "local", app.Shown{Sources: d.Shown}); err != nil {
		return nil, err
	}
	return out, nil
}

// writeAtomically writes b to a temporary file beside path and renames it
// into place, so that path is either the whole dossier or untouched.
func writeAtomically(path string, b []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	err = errors.Join(err, f.Close())
	if err == nil {
		err = os.Chmod(tmp, 0o600)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}
