package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/athar-project/athar/internal/extract"
	_ "github.com/athar-project/athar/internal/extract/ar" // the Arabic extractor
	_ "github.com/athar-project/athar/internal/extract/en" // registers the English extractor
	"github.com/athar-project/athar/internal/ingest"
)

func init() {
	register(func(g *globals) *cobra.Command {
		return &cobra.Command{
			Use:   "extract FILE...",
			Short: "Extract persons, places, facilities, organizations and events from files without storing them",
			Long: `Read files as ingest reads them (plain text with an optional header block,
HTML, PDF) and print what extraction finds in each: persons, facilities,
places, organizations and events, with the spans they came from (offsets in
Unicode code points of the source text). With --json, one JSON object per
file, as JSON lines; a file that cannot be read prints {"file", "error"} in
its place and the command exits 1. Nothing is stored.`,
			Args: cobra.MinimumNArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				failed := false
				for _, path := range args {
					r, err := extractFile(path)
					if err != nil {
						failed = true
						fmt.Fprintf(g.stderr, "athar: extract %s: %v\n", path, err)
						if g.json {
							if err := writeJSONLine(g, map[string]string{"file": path, "error": err.Error()}); err != nil {
								return cannot(err)
							}
						}
						continue
					}
					if g.json {
						if err := writeJSONLine(g, r); err != nil {
							return cannot(err)
						}
						continue
					}
					printExtraction(g, r)
				}
				if failed {
					return problem()
				}
				return nil
			},
		}
	})
}

func extractFile(path string) (extract.Result, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return extract.Result{}, err
	}
	doc, err := ingest.Parse(ingest.Input{Name: path, Data: data}, ingest.Options{})
	if err != nil {
		return extract.Result{}, err
	}
	lang := doc.Language
	if lang != "ar" {
		lang = "en" // English rules are the best we have for Latin-script text
	}
	r := extract.Extract(doc.Text, doc.Published, lang)
	r.File = path
	return r, nil
}

func writeJSONLine(g *globals, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	b = append(b, '\n')
	_, err = g.stdout.Write(b)
	return err
}

func printExtraction(g *globals, r extract.Result) {
	fmt.Fprintf(g.stdout, "%s\n", r.File)
	for _, p := range r.Persons {
		fmt.Fprintf(g.stdout, "  person        %s", p.Name)
		if p.Status != "" {
			fmt.Fprintf(g.stdout, " (%s)", p.Status)
		}
		fmt.Fprintln(g.stdout)
	}
	for _, group := range []struct {
		label string
		es    []extract.Entity
	}{{"facility", r.Facilities}, {"place", r.Places}, {"organization", r.Organizations}} {
		for _, e := range group.es {
			fmt.Fprintf(g.stdout, "  %-13s %s\n", group.label, e.Name)
		}
	}
	for _, e := range r.Events {
		fmt.Fprintf(g.stdout, "  event         %s", e.Type)
		for _, w := range e.Who {
			fmt.Fprintf(g.stdout, " %s/%s", w.Name, w.Role)
		}
		if e.Where != nil {
			fmt.Fprintf(g.stdout, " @ %s", *e.Where)
		}
		if e.Date != nil {
			fmt.Fprintf(g.stdout, " on %s", *e.Date)
		}
		fmt.Fprintf(g.stdout, " [%s]\n", e.Modality)
	}
}
