package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/athar-project/athar/internal/dataimport"
	"github.com/athar-project/athar/internal/model"
)

func init() {
	register(func(g *globals) *cobra.Command {
		cmd := &cobra.Command{Use: "import", Short: "Import FollowTheMoney entities or a spreadsheet (CSV with a column mapping)"}
		var level, title string
		var batch int
		flags := func(c *cobra.Command) {
			c.Flags().StringVar(&level, "sensitivity", "internal", "level of the archived file and of the facts it gives no level for: public, internal, restricted or confidential")
			c.Flags().StringVar(&title, "source-title", "", "title of the archived file (default: made from its name)")
			c.Flags().IntVar(&batch, "batch", dataimport.DefaultBatch, "lines per transaction")
		}
		ftm := &cobra.Command{
			Use:   "ftm FILE",
			Short: "Import FollowTheMoney entities or statements (JSON lines, or FtM's statement CSV), from Athar or other tools; the file is archived as the facts' source",
			Args:  cobra.ExactArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				return g.runImport(cmd, args[0], level, title, batch, nil, false)
			},
		}
		flags(ftm)
		var mapping string
		var strict bool
		csvCmd := &cobra.Command{
			Use:   "csv FILE --mapping MAPPING.json|yaml",
			Short: "Import a spreadsheet by a column mapping (docs/import.md); every value a proposed statement citing the file (or the row's source URL)",
			Args:  cobra.ExactArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				if mapping == "" {
					return cannot(errors.New("--mapping FILE is required"))
				}
				b, err := os.ReadFile(mapping)
				if err != nil {
					return cannot(fmt.Errorf("--mapping: %w", err))
				}
				m, err := dataimport.ParseMappingFile(mapping, b)
				if err != nil {
					return cannot(fmt.Errorf("%s: %w", mapping, err))
				}
				return g.runImport(cmd, args[0], level, title, batch, &m, strict)
			},
		}
		flags(csvCmd)
		csvCmd.Flags().BoolVar(&strict, "strict", false, "refuse the whole file when a row cannot be imported (default: report bad rows and store the others)")
		csvCmd.Flags().StringVar(&mapping, "mapping", "", "the column mapping, JSON or YAML (`FILE`)")
		cmd.AddCommand(ftm, csvCmd)
		return cmd
	})
}

// importReport is what `athar import --json` prints.
type importReport struct {
	File         string            `json:"file"`
	Source       string            `json:"source"`
	Entities     int               `json:"entities"`
	Statements   int               `json:"statements"`
	Sources      int               `json:"sources"`
	Existing     int               `json:"existing"`
	Skipped      map[string]int    `json:"skipped"`
	SkippedLinks int               `json:"skipped_links"`
	Dropped      map[string]int    `json:"dropped"`
	Unreviewed   int               `json:"unreviewed"`
	Merged       int               `json:"merged"`
	Proposed     int               `json:"proposed"`
	Errors       []importLineError `json:"errors"`
}

type importLineError struct {
	Line  int    `json:"line"`
	Error string `json:"error"`
}

// runImport imports path as FtM (m nil) or as CSV by m.
func (g *globals) runImport(cmd *cobra.Command, path, level, title string, batch int, m *dataimport.Mapping, strict bool) error {
	ctx := cmd.Context()
	sens, err := model.ParseSensitivity(level)
	if err != nil {
		return cannot(fmt.Errorf("--sensitivity: %w", err))
	}
	if batch < 1 {
		return cannot(errors.New("--batch must be at least 1"))
	}
	f, err := os.Open(path)
	if err != nil {
		return cannot(err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return cannot(err)
	}
	a, v, err := g.openApp(ctx, false)
	if err != nil {
		return err
	}
	defer a.Close()
	opt := dataimport.Options{Filename: filepath.Base(path), Title: title, Sensitivity: sens, BatchSize: batch, Strict: strict}
	if bar := g.progress(1+int(info.Size()/4096), "importing"); bar != nil {
		// The bar counts lines against the file's size estimate; it is
		// replaced by the true total on the first batch.
		opt.Progress = func(done, total int) {
			bar.ChangeMax(total)
			_ = bar.Set(done)
		}
		defer bar.Finish()
	}
	var r dataimport.Result
	if m == nil {
		r, err = a.ImportFtMFile(ctx, v, f, opt)
	} else {
		r, err = a.ImportSheetFile(ctx, v, f, *m, opt)
	}
	if r.Statements > 0 || r.Entities > 0 || r.Sources > 0 {
		if cerr := a.Checkpoint(ctx); cerr != nil && err == nil {
			err = cerr
		}
	}
	for _, e := range r.Errors {
		fmt.Fprintf(g.stderr, "%s:%d: %v\n", path, e.Line, e.Err)
	}
	var bad dataimport.InputError
	if errors.As(err, &bad) {
		return &exitError{code: exitProblem, err: fmt.Errorf("%s: %w", path, err)}
	}
	if err != nil {
		// Batches stored before stay; the message says which lines were not.
		return cannot(fmt.Errorf("%s: %w", path, err))
	}
	for _, n := range r.Notes() {
		fmt.Fprintf(g.stderr, "%s: %s\n", path, n)
	}
	if g.json {
		rep := importReport{File: path, Source: r.Source, Entities: r.Entities, Statements: r.Statements, Sources: r.Sources,
			Existing: r.Existing, Skipped: r.Skipped, SkippedLinks: r.SkippedLinks, Dropped: r.Dropped, Unreviewed: r.Unreviewed,
			Merged: r.Merged, Proposed: r.Proposed,
			Errors: []importLineError{}}
		if rep.Dropped == nil {
			rep.Dropped = map[string]int{}
		}
		for _, e := range r.Errors {
			rep.Errors = append(rep.Errors, importLineError{e.Line, e.Err.Error()})
		}
		enc := json.NewEncoder(g.stdout)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(rep); err != nil {
			return cannot(err)
		}
	} else {
		fmt.Fprintf(g.stdout, "%s  imported as source %s: %d entities, %d statements, %d cited sources; %d lines not imported\n",
			path, r.Source, r.Entities, r.Statements, r.Sources, len(r.Errors))
	}
	if len(r.Errors) > 0 {
		return problem()
	}
	return nil
}
