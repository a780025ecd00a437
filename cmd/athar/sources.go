package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
)

// sourceJSON is a source as `athar sources list|show --json` prints it.
type sourceJSON struct {
	ID          string  `json:"id"`
	SHA256      string  `json:"sha256"`
	Kind        string  `json:"kind"`
	Title       string  `json:"title"`
	Publisher   string  `json:"publisher"`
	URL         string  `json:"url"`
	Published   *string `json:"published"`
	Language    string  `json:"language"`
	Sensitivity string  `json:"sensitivity"`
	IngestedAt  string  `json:"ingested_at"`
	DuplicateOf *string `json:"duplicate_of"`
	Text        *string `json:"text,omitempty"`
	// TextPending: a long text still being stored, a piece at a time
	// (Text is then empty).
	TextPending bool `json:"text_pending,omitempty"`
	// Files are the files kept with a captured page (show only).
	Files []fileJSON `json:"files,omitempty"`
}

// fileJSON is a file kept with a source.
type fileJSON struct {
	Role      string `json:"role"`
	Name      string `json:"name"`
	SHA256    string `json:"sha256"`
	Size      int64  `json:"size"`
	MediaType string `json:"media_type"`
	URL       string `json:"url,omitempty"`
}

func toFilesJSON(files []model.SourceFile) []fileJSON {
	var out []fileJSON
	for _, f := range files {
		out = append(out, fileJSON{Role: string(f.Role), Name: f.Name, SHA256: f.SHA256, Size: f.Size, MediaType: f.MediaType, URL: f.URL})
	}
	return out
}

func toSourceJSON(s model.Source, withText bool) sourceJSON {
	out := sourceJSON{ID: s.ID, SHA256: s.SHA256, Kind: string(s.Kind), Title: s.Title, Publisher: s.Publisher,
		URL: s.URL, Language: s.Language, Sensitivity: s.Sensitivity.String(), IngestedAt: s.IngestedAt.Format(time.RFC3339)}
	if !s.Published.IsZero() {
		p := s.Published.String()
		out.Published = &p
	}
	if s.DuplicateOf != "" {
		out.DuplicateOf = &s.DuplicateOf
	}
	if withText {
		out.Text = &s.Text
		out.TextPending = s.TextPending
	}
	return out
}

func init() {
	register(func(g *globals) *cobra.Command {
		cmd := &cobra.Command{Use: "sources", Short: "List and show stored sources"}
		cmd.AddCommand(&cobra.Command{
			Use:   "list",
			Short: "List the sources you may see",
			Args:  cobra.NoArgs,
			RunE: func(cmd *cobra.Command, _ []string) error {
				ctx := cmd.Context()
				a, v, err := g.openApp(ctx, true)
				if err != nil {
					return err
				}
				defer a.Close()
				srcs, err := a.Reader().Sources(ctx, v, app.SourceFilter{})
				if err != nil {
					return cannot(err)
				}
				if g.json {
					out := make([]sourceJSON, 0, len(srcs))
					for _, s := range srcs {
						out = append(out, toSourceJSON(s, false))
					}
					return g.printJSON(out)
				}
				w := tabwriter.NewWriter(g.stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(w, "ID\tPUBLISHED\tLANG\tSENSITIVITY\tPUBLISHER\tTITLE")
				for _, s := range srcs {
					fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", s.ID, orDash(s.Published.String()), orDash(s.Language),
						s.Sensitivity, orDash(s.Publisher), orDash(s.Title))
				}
				return w.Flush()
			},
		})
		cmd.AddCommand(&cobra.Command{
			Use:   "show ID",
			Short: "Show one source with the text every span points into",
			Args:  cobra.ExactArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				ctx := cmd.Context()
				a, v, err := g.openApp(ctx, true)
				if err != nil {
					return err
				}
				defer a.Close()
				s, err := a.Reader().Source(ctx, v, args[0])
				if errors.Is(err, app.ErrNotFound) {
					fmt.Fprintf(g.stderr, "athar: source %s: not found, or not visible at your clearance\n", args[0])
					return problem()
				}
				if err != nil {
					return cannot(err)
				}
				files, err := a.SourceFiles(ctx, v, s.ID)
				if err != nil {
					return cannot(err)
				}
				if g.json {
					out := toSourceJSON(s, true)
					out.Files = toFilesJSON(files)
					return g.printJSON(out)
				}
				fmt.Fprintf(g.stdout, "id:          %s\nsha256:      %s\nkind:        %s\ntitle:       %s\npublisher:   %s\nurl:         %s\npublished:   %s\nlanguage:    %s\nsensitivity: %s\ningested:    %s\n",
					s.ID, s.SHA256, s.Kind, s.Title, s.Publisher, s.URL, orDash(s.Published.String()), s.Language, s.Sensitivity, s.IngestedAt.Format(time.RFC3339))
				if s.DuplicateOf != "" {
					fmt.Fprintf(g.stdout, "near-copy:   of %s (similarity %.2f)\n", s.DuplicateOf, s.Similarity)
				}
				for _, f := range files {
					fmt.Fprintf(g.stdout, "file:        %-10s %s  %s  %d bytes", f.Role, f.SHA256, f.Name, f.Size)
					if f.URL != "" {
						fmt.Fprintf(g.stdout, "  from %s", f.URL)
					}
					fmt.Fprintln(g.stdout)
				}
				if s.TextPending {
					fmt.Fprintf(g.stdout, "\n(the text is still being stored, a piece at a time: shown once whole; if its ingest was stopped, ingest the same file again)\n")
					return nil
				}
				fmt.Fprintf(g.stdout, "\n%s\n", s.Text)
				return nil
			},
		})
		return cmd
	})
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// printJSON writes v as indented JSON on stdout, keeping non-ASCII text as is.
func (g *globals) printJSON(v any) error {
	enc := json.NewEncoder(g.stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
