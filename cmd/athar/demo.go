package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/samples"
)

func init() {
	register(func(g *globals) *cobra.Command {
		return &cobra.Command{
			Use:   "demo",
			Short: "Create a data directory with the bundled sample sources and show what was stored",
			Long: `Create (or reuse) the data directory, ingest the bundled samples — the two seed
articles, an Arabic article, a ministry statement and a syndicated copy of it,
and a fictional testimony (stored as confidential) — on the embedded default,
verify the ledger, and print what was stored.`,
			Args: cobra.NoArgs,
			RunE: func(cmd *cobra.Command, _ []string) error {
				ctx := cmd.Context()
				a, v, err := g.openApp(ctx, false)
				if err != nil {
					return err
				}
				defer a.Close()
				rd := a.Reader()
				tmp, err := os.MkdirTemp("", "athar-samples-")
				if err != nil {
					return cannot(err)
				}
				defer os.RemoveAll(tmp)
				all, paths, err := samples.WriteTo(tmp)
				if err != nil {
					return cannot(err)
				}
				bad := 0
				for i, smp := range all {
					_, err := a.Ingest(ctx, v, paths[i:i+1], app.IngestOptions{Kind: smp.Kind}, func(r app.IngestResult) {
						if r.Outcome == app.Failed {
							bad++
							fmt.Fprintf(g.stderr, "athar: sample %s: %v\n", smp.Name, r.Err)
						}
					})
					if err != nil {
						return cannot(err)
					}
				}
				if err := g.done(ctx, a); err != nil {
					return err
				}
				srcs, err := rd.Sources(ctx, v, app.SourceFilter{})
				if err != nil {
					return cannot(err)
				}
				fmt.Fprintf(g.stdout, "Athar demo: %d sources in %s (%s)\n\n", len(srcs), g.data, a.Engine())
				for _, s := range srcs {
					title := s.Title
					if title == "" {
						title = "(untitled) " + s.Filename
					}
					fmt.Fprintf(g.stdout, "  %s  %-9s %-12s %-3s %s\n", s.ID, s.Kind, s.Sensitivity, orDash(s.Language), title)
					if s.DuplicateOf != "" {
						fmt.Fprintf(g.stdout, "  %20s  ↳ near-copy of %s (similarity %.2f): counts once as a source\n", "", s.DuplicateOf, s.Similarity)
					}
				}
				persons, err := rd.Entities(ctx, v, model.TypePerson)
				if err != nil {
					return cannot(err)
				}
				proposed, err := rd.CountStatements(ctx, v, model.StatusProposed)
				if err != nil {
					return cannot(err)
				}
				fmt.Fprintf(g.stdout, "\nExtracted and resolved: %d persons, %d statements proposed for review\n", len(persons), proposed)
				for _, p := range persons {
					fmt.Fprintf(g.stdout, "  %s\n", strings.Join(p.Names, " · "))
				}
				// The demo verifies as the operator, whoever --as names.
				r, err := a.Verify(ctx, access.Operator())
				if err != nil {
					return cannot(err)
				}
				fmt.Fprintf(g.stdout, "\nLedger: %d entries, head %s, signed checkpoint written; verify: %s\n", r.Entries, r.Head, okText(r.OK))
				fmt.Fprintf(g.stdout, "Originals are kept unchanged under %s/archive/sha256/.\n", g.data)
				fmt.Fprintln(g.stdout, "\nNext: athar entities list · athar match \"Aws Salloum\" · athar verify · athar sources list --clearance public")
				fmt.Fprintln(g.stdout, "Web UI: athar user add NAME --role admin --password-stdin, then athar serve")
				if bad > 0 || !r.OK {
					return problem()
				}
				return nil
			},
		}
	})
}

func okText(ok bool) string {
	if ok {
		return "ok"
	}
	return "BROKEN (run athar verify)"
}
