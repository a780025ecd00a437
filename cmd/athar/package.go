package main

import (
	"crypto/x509"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/athar-project/athar/internal/dossier"
	"github.com/athar-project/athar/internal/evidence"
	"github.com/athar-project/athar/internal/ledger"
)

func init() {
	exportCommands = append(exportCommands, exportPackageCommand)
	register(verifyPackageCommand)
}

func exportPackageCommand(g *globals) *cobra.Command {
	var out, lang string
	cmd := &cobra.Command{
		Use:   "package ID --out DIR",
		Short: "Write a court package: a person's dossier, every file it cites, the signed ledger head and its trusted time",
		Long: `Write into DIR (new, or empty) the court package of the person ID: the dossier
as PDF, every archived file of every source it cites (as your clearance lets
you see them: --as and --clearance narrow it), manifest.json (per file: path,
SHA-256, size, media type, acquisition time and method, source URL, who
collected it, the ledger entries that concern it) signed with the ledger's
key, the ledger's entries from the first that concerns a file up to the
signed head, the head's checkpoint and its RFC 3161 time-stamp tokens with
the authority's certificates. athar verify-package DIR checks it without
Athar's database. Handing over restricted or confidential sources is
recorded in the access log. docs/evidence.md explains it to a lawyer.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if out == "" {
				return cannot(errors.New("--out DIR is required"))
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
			m, err := evidence.Export(ctx, a, v, args[0], out, evidence.Options{Lang: l})
			if errors.Is(err, dossier.ErrNoSuchPerson) {
				return cannot(fmt.Errorf("package %s: no person with this id that %s may see (athar entities list --type person --json lists them)", args[0], v.Actor()))
			}
			if err != nil {
				return cannot(fmt.Errorf("package %s: %w", args[0], err))
			}
			if g.json {
				return g.printJSON(m)
			}
			fmt.Fprintf(g.stdout, "package of %s written to %s: %d files, ledger entries %d to %d, %d time-stamp tokens (clearance %s)\n",
				m.Person.ID, out, len(m.Files), m.Ledger.From, m.Ledger.Head, len(m.Ledger.Timestamps), v.Clearance)
			if len(m.Ledger.Timestamps) == 0 {
				fmt.Fprintln(g.stdout, "no trusted time was obtained for its ledger head (configure "+ledger.TSAURLEnv+"; docs/evidence.md)")
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&out, "out", "", "write the package into `DIR` (new or empty)")
	cmd.Flags().StringVar(&lang, "lang", "en", "language of the dossier: en or ar")
	return cmd
}

func verifyPackageCommand(g *globals) *cobra.Command {
	var tsaCA string
	cmd := &cobra.Command{
		Use:   "verify-package DIR",
		Short: "Check a court package offline: every file's hash, the ledger chain to its signed head, the signatures, the time-stamps",
		Long: `Check the court package in DIR without Athar's database: the manifest's
signature by the ledger's key, the signed checkpoint, that the ledger entries
each match their hash and chain up to it, every file's size and SHA-256 and
the ledger entries listed for it, and every RFC 3161 time-stamp token (its
signature, its authority's certificate — against --tsa-ca, else the
package's own copy — and that it stamps the checkpoint). Prints what it
checked and what the package alone cannot prove. Exits 0 when everything
checks out, 1 naming the first file that does not (the manifest included),
2 when it cannot run.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var opt evidence.VerifyOptions
			if tsaCA != "" {
				certs, err := ledger.ReadCertificates(tsaCA)
				if err != nil {
					return cannot(fmt.Errorf("--tsa-ca: %w", err))
				}
				opt.TSACA = append([]*x509.Certificate{}, certs...)
			}
			r, err := evidence.VerifyPackage(args[0], opt)
			if err != nil {
				return cannot(err)
			}
			if g.json {
				if err := g.printJSON(r); err != nil {
					return err
				}
			} else {
				for _, c := range r.Checked {
					fmt.Fprintf(g.stdout, "ok: %s\n", c)
				}
				for _, u := range r.Unchecked {
					fmt.Fprintf(g.stdout, "not checked: %s\n", u)
				}
				if r.OK {
					fmt.Fprintln(g.stdout, "package: every file, hash, signature and time-stamp checks out")
				}
			}
			if !r.OK {
				fmt.Fprintf(g.stderr, "athar: verify-package: first failure: %s\n", r.Problems[0])
				for _, p := range r.Problems[1:] {
					fmt.Fprintf(g.stderr, "athar: verify-package: also: %s\n", p)
				}
				return problem()
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&tsaCA, "tsa-ca", "", "trust the time-stamping authority certificates in this PEM `FILE` (default: the package's own ledger/tsa-ca.pem)")
	return cmd
}
