package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/athar-project/athar/internal/nameindex"
	"github.com/athar-project/athar/internal/names"
	"github.com/spf13/cobra"
)

func init() {
	register(func(g *globals) *cobra.Command {
		cmd := &cobra.Command{
			Use:   "names",
			Short: "Work with person names: compare spellings across scripts",
		}
		cmd.AddCommand(namesCompareCmd(g))
		return cmd
	})
}

func namesCompareCmd(g *globals) *cobra.Command {
	var pairs string
	cmd := &cobra.Command{
		Use:   "compare A B | compare --pairs FILE",
		Short: "Score whether two names name the same person, with reasons",
		Long: `compare scores two person names in [0, 1], says whether Athar would link them
automatically (match), and why. With --pairs it reads a TSV file of
name1<TAB>name2[<TAB>anything] lines, no header, and prints one result a line.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if pairs != "" {
				if len(args) != 0 {
					return cannot(fmt.Errorf("names compare: give either two names or --pairs FILE, not both"))
				}
				return comparePairs(g, pairs)
			}
			if len(args) != 2 {
				return cannot(fmt.Errorf("names compare: need two names (or --pairs FILE), got %d arguments", len(args)))
			}
			r := names.CompareStrings(args[0], args[1])
			if r.Reasons == nil {
				r.Reasons = []string{}
			}
			if g.json {
				return writeJSON(g.stdout, struct {
					Score   float64  `json:"score"`
					Match   bool     `json:"match"`
					Reasons []string `json:"reasons"`
				}{round3(r.Score), r.Match, r.Reasons})
			}
			fmt.Fprintf(g.stdout, "score %.3f  match %v\n", r.Score, r.Match)
			for _, why := range r.Reasons {
				fmt.Fprintln(g.stdout, "  "+why)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&pairs, "pairs", "", "TSV file of name1<TAB>name2 lines to compare")
	return cmd
}

func comparePairs(g *globals, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return cannot(fmt.Errorf("names compare --pairs: %w", err))
	}
	defer f.Close()
	rows, err := nameindex.ReadPairs(f)
	if err != nil {
		return cannot(fmt.Errorf("names compare --pairs %s: %w", path, err))
	}
	failed := false
	for _, r := range rows {
		if r.Err != nil {
			failed = true
			fmt.Fprintf(g.stderr, "athar: %s: %v\n", path, r.Err)
			if g.json {
				if err := writeJSON(g.stdout, map[string]string{"error": fmt.Sprintf("%s: %v", path, r.Err)}); err != nil {
					return cannot(err)
				}
			} else {
				fmt.Fprintf(g.stdout, "error\t%s: %v\n", path, r.Err)
			}
			continue
		}
		score, match := names.Score(names.Parse(r.Name1), names.Parse(r.Name2))
		if g.json {
			err = writeJSON(g.stdout, struct {
				Name1 string  `json:"name1"`
				Name2 string  `json:"name2"`
				Score float64 `json:"score"`
				Match bool    `json:"match"`
			}{r.Name1, r.Name2, round3(score), match})
		} else {
			_, err = fmt.Fprintf(g.stdout, "%.3f\t%v\t%s\t%s\n", score, match, r.Name1, r.Name2)
		}
		if err != nil {
			return cannot(err)
		}
	}
	if failed {
		return problem()
	}
	return nil
}

// writeJSON writes v as one line of JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func round3(x float64) float64 {
	return float64(int64(x*1000+0.5)) / 1000
}
