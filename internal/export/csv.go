package export

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// The columns of the CSV export (athar export csv). Every row of
// statements.csv is one Athar statement, with what a reader needs to check
// it without Athar: the source's title, URL and the SHA-256 of its
// original bytes, and the quote it rests on. A person's row of
// entities.csv carries their case status and fate as confirmed events
// support them, and apart, under names that say so, what unreviewed
// readings suggest when that differs (the case file's readings,
// casefile.Reader.Status); the columns are empty for anything else.
var (
	EntityColumns = []string{"id", "type", "schema", "caption", "names", "case_status", "case_status_alleged",
		"fate", "fate_alleged", "unreviewed_suggested_case_status", "unreviewed_suggested_fate"}
	StatementColumns = []string{"id", "entity_id", "made_about", "property", "value", "value_entity", "role", "modality",
		"status", "sensitivity", "date_start", "date_end", "source_id", "source_title", "source_url", "source_sha256", "quote"}
)

// sourceCacheSize bounds how many sources' titles a CSV export keeps.
const sourceCacheSize = 10000

// WriteCSV writes the entities and statements the viewer may see into dir
// (empty or absent) as entities.csv and statements.csv, streaming.
func WriteCSV(ctx context.Context, st *store.Store, v access.Viewer, opt Options, dir string) (err error) {
	if err := emptyDir(dir); err != nil {
		return err
	}
	var files []*os.File
	var bufs []*bufio.Writer
	defer func() {
		for i, f := range files {
			if e := bufs[i].Flush(); e != nil && err == nil {
				err = e
			}
			if e := f.Close(); e != nil && err == nil {
				err = e
			}
		}
	}()
	open := func(name string) (*cellWriter, error) {
		f, err := os.OpenFile(filepath.Join(dir, name), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
		if err != nil {
			return nil, err
		}
		b := bufio.NewWriterSize(f, 1<<16)
		files, bufs = append(files, f), append(bufs, b)
		return newCellWriter(b), nil
	}
	ec, err := open(EntitiesFile)
	if err != nil {
		return err
	}
	sc, err := open(StatementsFile)
	if err != nil {
		return err
	}
	if err := errors.Join(ec.Write(EntityColumns), sc.Write(StatementColumns)); err != nil {
		return err
	}
	sources := map[string]model.Source{}
	source := func(id string) (model.Source, error) {
		if s, ok := sources[id]; ok {
			return s, nil
		}
		s, err := st.SourceInfo(ctx, v, id)
		if errors.Is(err, store.ErrNotFound) {
			err = nil // cannot be: a visible statement's source is visible
		}
		if err != nil {
			return s, err
		}
		if len(sources) >= sourceCacheSize {
			clear(sources)
		}
		sources[id] = s
		return s, nil
	}
	err = Each(ctx, st, v, opt, func(e Entity) error {
		if !e.IsRecord() {
			return nil // a source, a Documentation or an edge: in statements.csv's columns
		}
		names := append(append(append([]string{}, e.Properties["name"]...), e.Properties["alias"]...), e.Properties["weakAlias"]...)
		var status Status
		if e.Status != nil {
			status = *e.Status
		}
		if err := ec.Write([]string{e.ID, e.Athar.Type, e.Schema, Caption(e), strings.Join(names, "; "),
			status.Case, yes(status.CaseAlleged), status.Fate, yes(status.FateAlleged), status.SuggestedCase, status.SuggestedFate}); err != nil {
			return err
		}
		for _, x := range e.Athar.Statements {
			var src model.Source
			x.Source = SourceID(x.Source) // Athar's id: the CSV is Athar's own form
			if x.Source != "" {
				var err error
				if src, err = source(x.Source); err != nil {
					return err
				}
			}
			if err := sc.Write([]string{x.ID, e.ID, x.Entity, x.Property, x.Value, x.ValueEntity, x.Role, x.Modality,
				x.Status, x.Sensitivity, x.DateStart, x.DateEnd, x.Source, src.Title, src.URL, src.SHA256, x.Quote}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("csv export: %w", err)
	}
	for _, w := range []*cellWriter{ec, sc} {
		w.Flush()
		if err := w.Error(); err != nil {
			return err
		}
	}
	return nil
}

// yes is "yes" for true and "" for false.
func yes(b bool) string {
	if b {
		return "yes"
	}
	return ""
}
