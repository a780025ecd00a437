package main

import (
	"fmt"
	"os"

	"github.com/athar-project/athar/internal/nameindex"
	"github.com/spf13/cobra"
)

// evalCommands are the subcommands of athar eval; a file that adds an
// evaluation registers it here with registerEval in its init func.
var evalCommands []func(*globals) *cobra.Command

func registerEval(c func(*globals) *cobra.Command) { evalCommands = append(evalCommands, c) }

func init() {
	register(func(g *globals) *cobra.Command {
		cmd := &cobra.Command{
			Use:   "eval",
			Short: "Measure Athar's quality on labelled data",
		}
		for _, add := range evalCommands {
			cmd.AddCommand(add(g))
		}
		return cmd
	})
	registerEval(evalNamesCmd)
}

func evalNamesCmd(g *globals) *cobra.Command {
	var indexPath, queriesPath string
	cmd := &cobra.Command{
		Use:   "names --index FILE --queries FILE",
		Short: "Measure name search: recall, links, latency and memory",
		Long: `names builds the name index in memory from FILE (TSV with a header:
entity_id<TAB>name, several rows per entity) and runs every query of the queries
file (TSV with a header: query<TAB>expected_entity_id, empty when the query names
nobody). It prints recall@1, recall@10, the correct- and false-link rates,
latency and index memory; with --json, one line per query with its candidates.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if indexPath == "" || queriesPath == "" {
				return cannot(fmt.Errorf("eval names: --index FILE and --queries FILE are both required"))
			}
			rows, bad, err := readIndexFile(indexPath)
			if err != nil {
				return cannot(err)
			}
			for _, e := range bad {
				fmt.Fprintf(g.stderr, "athar: %s: %v\n", indexPath, e)
			}
			qf, err := os.Open(queriesPath)
			if err != nil {
				return cannot(fmt.Errorf("eval names: %w", err))
			}
			qs, err := nameindex.ReadQueries(qf)
			qf.Close()
			if err != nil {
				return cannot(fmt.Errorf("eval names: %s: %w", queriesPath, err))
			}
			x, mem := nameindex.Build(rows)
			var werr error
			each := func(r nameindex.QueryResult) {
				if !g.json || werr != nil {
					return
				}
				type cand struct {
					EntityID string  `json:"entity_id"`
					Score    float64 `json:"score"`
					Link     bool    `json:"link"`
				}
				cs := make([]cand, 0, len(r.Candidates))
				for _, c := range r.Candidates {
					cs = append(cs, cand{c.EntityID, round3(c.Score), c.Link})
				}
				werr = writeJSON(g.stdout, struct {
					Query      string `json:"query"`
					Candidates []cand `json:"candidates"`
				}{r.Query.Query, cs})
			}
			rep := nameindex.Evaluate(x, qs, 10, each)
			if werr != nil {
				return cannot(werr)
			}
			if !g.json {
				w := g.stdout
				fmt.Fprintf(w, "queries            %d (%d naming someone in the index)\n", rep.Queries, rep.WithExpected)
				fmt.Fprintf(w, "index              %d entities from %d rows\n", rep.Entities, len(rows))
				fmt.Fprintf(w, "recall@1           %.4f\n", rep.RecallAt1)
				fmt.Fprintf(w, "recall@10          %.4f\n", rep.RecallAt10)
				fmt.Fprintf(w, "correct-link rate  %.4f\n", rep.CorrectLink)
				fmt.Fprintf(w, "false-link rate    %.4f\n", rep.FalseLink)
				fmt.Fprintf(w, "latency p50        %s\n", rep.P50)
				fmt.Fprintf(w, "latency p99        %s\n", rep.P99)
				fmt.Fprintf(w, "index memory       %.1f MiB\n", float64(mem)/(1<<20))
			}
			if len(bad) > 0 {
				return problem()
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&indexPath, "index", "", "TSV file entity_id<TAB>name, with a header row")
	cmd.Flags().StringVar(&queriesPath, "queries", "", "TSV file query<TAB>expected_entity_id, with a header row")
	return cmd
}

func readIndexFile(path string) ([]nameindex.IndexRow, []error, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("eval names: %w", err)
	}
	defer f.Close()
	rows, bad, err := nameindex.ReadIndex(f)
	if err != nil {
		return nil, nil, fmt.Errorf("eval names: %s: %w", path, err)
	}
	return rows, bad, nil
}
