package export

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/store"
)

// The files of the public dataset.
//
//   - entities.ftm.json: FtM JSON lines, as WriteFTM, without quotes and
//     with sources reduced to title, publisher, date and URL.
//   - entities.csv: id, schema, caption, names (every name and alias,
//     "; "-separated), case_status, case_status_alleged, fate and
//     fate_alleged (a person's, as confirmed events the public may see
//     support them; never a suggestion).
//   - statements.csv: entity, property, value, value_entity, role, modality,
//     date_start, date_end, source_id. No quotes: they are others' text.
//   - sources.csv: id, title, publisher, published, url of every source a
//     published statement cites.
//
// Sources are named by their Document ids (DocumentID, "src-…") in every
// file, so that the CSV files and entities.ftm.json agree.
const (
	FTMFile        = "entities.ftm.json"
	EntitiesFile   = "entities.csv"
	StatementsFile = "statements.csv"
	SourcesFile    = "sources.csv"
)

// Public writes what the anonymous public may see into dir, which must be
// empty or absent: confirmed statements of sensitivity public only.
func Public(ctx context.Context, st *store.Store, dir string) error {
	return PublicWithout(ctx, st, dir, nil)
}

// PublicWithout is Public with no statement drawn from a source in withhold
// (testimonies whose witness did not consent to publication, whatever their
// level: app.WithoutConsent).
func PublicWithout(ctx context.Context, st *store.Store, dir string, withhold map[string]bool) (err error) {
	if err := emptyDir(dir); err != nil {
		return err
	}
	v := access.Public()
	type file struct {
		f *os.File
		b *bufio.Writer
	}
	open := func(name string) (*file, error) {
		f, err := os.OpenFile(filepath.Join(dir, name), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
		if err != nil {
			return nil, err
		}
		return &file{f, bufio.NewWriter(f)}, nil
	}
	var files []*file
	get := func(name string) *file {
		if err != nil {
			return nil
		}
		var f *file
		f, err = open(name)
		if f != nil {
			files = append(files, f)
		}
		return f
	}
	ftm, ents, stmts, srcs := get(FTMFile), get(EntitiesFile), get(StatementsFile), get(SourcesFile)
	defer func() {
		for _, f := range files {
			if e := f.b.Flush(); e != nil && err == nil {
				err = e
			}
			if e := f.f.Close(); e != nil && err == nil {
				err = e
			}
		}
	}()
	if err != nil {
		return err
	}
	enc := json.NewEncoder(ftm.b)
	enc.SetEscapeHTML(false)
	ec, sc, rc := newCellWriter(ents.b), newCellWriter(stmts.b), newCellWriter(srcs.b)
	if err := errors.Join(ec.Write([]string{"id", "schema", "caption", "names", "case_status", "case_status_alleged", "fate", "fate_alleged"}),
		sc.Write([]string{"entity", "property", "value", "value_entity", "role", "modality", "date_start", "date_end", "source_id"}),
		rc.Write([]string{"id", "title", "publisher", "published", "url"})); err != nil {
		return err
	}
	err = Each(ctx, st, v, Options{Confirmed: true, NoQuotes: true, Withhold: withhold}, func(e Entity) error {
		if err := enc.Encode(e); err != nil {
			return err
		}
		if e.Schema == "Documentation" || (e.Athar != nil && e.Athar.Type == "link") {
			return nil
		}
		if e.Schema == "Document" {
			return rc.Write([]string{e.ID, first(e.Properties["title"]), first(e.Properties["publisher"]),
				first(e.Properties["publishedAt"]), first(e.Properties["sourceUrl"])})
		}
		names := append(append(append([]string{}, e.Properties["name"]...), e.Properties["alias"]...), e.Properties["weakAlias"]...)
		var status Status // confirmed only: Each reads it as the public, of confirmed statements
		if e.Status != nil {
			status = *e.Status
		}
		if err := ec.Write([]string{e.ID, e.Schema, Caption(e), strings.Join(names, "; "),
			status.Case, yes(status.CaseAlleged), status.Fate, yes(status.FateAlleged)}); err != nil {
			return err
		}
		for _, s := range e.Athar.Statements {
			if err := sc.Write([]string{e.ID, s.Property, s.Value, s.ValueEntity, s.Role, s.Modality, s.DateStart, s.DateEnd, s.Source}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, w := range []*cellWriter{ec, sc, rc} {
		w.Flush()
		if err := w.Error(); err != nil {
			return err
		}
	}
	return nil
}

// Caption is the label an entity is shown by: its first name, title or summary.
func Caption(e Entity) string {
	for _, p := range []string{"name", "title", "full", "summary"} {
		if v := e.Properties[p]; len(v) > 0 {
			return v[0]
		}
	}
	return e.ID
}

func first(v []string) string {
	if len(v) == 0 {
		return ""
	}
	return v[0]
}

// emptyDir makes dir if it is absent and fails unless it is empty.
func emptyDir(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return os.MkdirAll(dir, 0o755)
	case err != nil:
		return fmt.Errorf("%s: %w", dir, err)
	case len(entries) > 0:
		return fmt.Errorf("%s is not empty: the public export needs an empty or absent directory", dir)
	}
	return nil
}
