package main

import (
	"fmt"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
	"github.com/spf13/cobra"
)

func init() {
	register(func(g *globals) *cobra.Command {
		var spans, phrases, regions []string
		var sensitivity, reason string
		cmd := &cobra.Command{
			Use:   "redact SOURCE_ID --span START:END [--span ...] [--phrase TEXT ...] [--region PAGE:X,Y,W,H ...] [--sensitivity LEVEL] --reason TEXT",
			Short: "Make a redacted copy of a source: a new source, the original untouched",
			Long: `Make a redacted copy of a source, as an analyst or above cleared for it. The
copy is a new source: its text is the original's with each span taken out
replaced by the mark █████ (the same whatever the length or script of what it
hides), its original bytes are that text, and it is extracted, resolved and
indexed afresh. The original is untouched. The redaction — the copy, the
original, the spans by offset, the reason, who and when, never the words taken
out — is recorded in the ledger.

--span takes code-point offsets (end exclusive) into the text that
'athar sources show ID --json' prints; spans out of range or overlapping are
refused and nothing is stored. --phrase takes out every occurrence of a
phrase, folded as search folds, inside longer words too.

A PNG or JPEG source (a scan read by OCR) gets a copy that is an image too: a
new PNG made from the original's pixels alone (no EXIF or other metadata, none
of its bytes), with every --region PAGE:X,Y,W,H (pixels from the page's top
left corner; an image has one page, 1) and the box of every word the spans and
phrases take out filled opaque black. A word whose box a region touches leaves
the copy's text too. Regions of other sources (PDF, TIFF, text) are refused:
redact their text, whose copy is text only. The copy's level
is --sensitivity, by default one below the original's; never above your own
clearance, and never below internal for a testimony unless you are an admin.
Prints the new source's id.`,
			Args: cobra.ExactArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				ctx := cmd.Context()
				opt := app.RedactOptions{Phrases: phrases, Reason: reason}
				for _, s := range regions {
					r, err := model.ParseRegion(s)
					if err != nil {
						return cannot(fmt.Errorf("--region: %w", err))
					}
					opt.Regions = append(opt.Regions, r)
				}
				for _, s := range spans {
					sp, err := model.ParseSpan(s)
					if err != nil {
						return cannot(fmt.Errorf("--span: %w", err))
					}
					opt.Spans = append(opt.Spans, sp)
				}
				if sensitivity != "" {
					s, err := model.ParseSensitivity(sensitivity)
					if err != nil {
						return cannot(fmt.Errorf("--sensitivity: %w", err))
					}
					opt.Sensitivity = &s
				}
				a, v, err := g.openApp(ctx, true)
				if err != nil {
					return err
				}
				defer a.Close()
				res, err := a.Redact(ctx, v, args[0], opt)
				if err != nil && res.Source.ID == "" {
					return refused(err)
				}
				if err2 := g.done(ctx, a); err2 != nil {
					return err2
				}
				if g.json {
					if perr := g.printJSON(map[string]any{"id": res.Source.ID, "redacted_from": args[0],
						"sensitivity": res.Source.Sensitivity, "spans": spanPairs(res.Spans), "regions": regionList(res.Regions)}); perr != nil {
						return perr
					}
				} else {
					fmt.Fprintln(g.stdout, res.Source.ID)
				}
				if err != nil {
					// Stored, but not all it says was recorded.
					return cannot(fmt.Errorf("source %s stored: %w", res.Source.ID, err))
				}
				return nil
			},
		}
		cmd.Flags().StringArrayVar(&spans, "span", nil, "START:END code-point offsets to take out (repeatable)")
		cmd.Flags().StringArrayVar(&phrases, "phrase", nil, "a phrase to take out wherever it occurs (repeatable)")
		cmd.Flags().StringArrayVar(&regions, "region", nil, "PAGE:X,Y,W,H pixels of a PNG or JPEG page to fill opaque (repeatable)")
		cmd.Flags().StringVar(&sensitivity, "sensitivity", "", "the copy's level (default: one below the original's)")
		cmd.Flags().StringVar(&reason, "reason", "", "why (required): kept in the ledger")
		return cmd
	})
}

// regionList writes regions as ["PAGE:X,Y,W,H", ...].
func regionList(rs []model.Region) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.String()
	}
	return out
}

// spanPairs writes spans as [[start, end], ...].
func spanPairs(spans []model.Span) [][2]int {
	out := make([][2]int, len(spans))
	for i, s := range spans {
		out[i] = [2]int{s.Start, s.End}
	}
	return out
}
