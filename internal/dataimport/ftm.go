package dataimport

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/export"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// Entity is one line of an FtM file: FtM's id, schema and properties, and,
// in a file Athar exported, the "athar" object.
type Entity struct {
	ID         string              `json:"id"`
	Schema     string              `json:"schema"`
	Properties map[string][]string `json:"properties"`
	Athar      *export.Athar       `json:"athar"`
}

// schemaTypes are the FtM schemas Athar imports from other tools' files,
// with the type each becomes. Entities of other schemas are skipped and
// counted.
var schemaTypes = map[string]model.EntityType{
	"Person": model.TypePerson, "Organization": model.TypeOrganization, "Company": model.TypeOrganization,
	"PublicBody": model.TypeOrganization, "LegalEntity": model.TypeOrganization, "Address": model.TypePlace,
	"Event": model.TypeEvent,
}

// ParseEntity reads and checks one line of an FtM file.
func ParseEntity(line []byte) (Entity, error) {
	var e Entity
	dec := json.NewDecoder(bytes.NewReader(line))
	if err := dec.Decode(&e); err != nil {
		return e, fmt.Errorf("not an FtM entity: %w", err)
	}
	if dec.More() {
		return e, errors.New("more than one JSON value on the line")
	}
	if strings.TrimSpace(e.ID) == "" {
		return e, errors.New("the entity has no id")
	}
	if e.Schema == "" {
		return e, fmt.Errorf("entity %s has no schema", e.ID)
	}
	for p, vs := range e.Properties {
		if p == "" {
			return e, fmt.Errorf("entity %s has a property with no name", e.ID)
		}
		for _, v := range vs {
			if !utf8.ValidString(v) {
				return e, fmt.Errorf("entity %s property %s: a value is not UTF-8", e.ID, p)
			}
		}
	}
	if e.Athar == nil {
		return e, nil
	}
	if e.Athar.Type == "source" {
		if e.Schema != "Document" {
			return e, fmt.Errorf("entity %s: an Athar source must be a Document, not %s", e.ID, e.Schema)
		}
		if _, err := docSource(e, model.Public); err != nil {
			return e, fmt.Errorf("source %s: %w", e.ID, err)
		}
		return e, nil
	}
	if e.Athar.Type == "" {
		return e, nil // an athar object with no type: read as another tool's entity
	}
	if _, err := model.ParseEntityType(e.Athar.Type); err != nil {
		return e, fmt.Errorf("entity %s: %w", e.ID, err)
	}
	for i, x := range e.Athar.Statements {
		if _, err := statement(x, model.Public); err != nil {
			return e, fmt.Errorf("entity %s statement %d (%s): %w", e.ID, i+1, x.ID, err)
		}
	}
	return e, nil
}

// statement turns an exported Athar statement into a model statement, with
// its source and link still as the file names them. It keeps the level the
// file gives it; fallback is for a statement the file gives none.
func statement(x export.Statement, fallback model.Sensitivity) (model.Statement, error) {
	s := model.Statement{ID: x.ID, Property: model.Property(x.Property), Value: x.Value, ValueEntity: x.ValueEntity, SourceID: x.Source,
		Role: model.ParticipantRole(x.Role), Span: model.Span{Quote: x.Quote}}
	if x.ID == "" || x.Property == "" {
		return s, errors.New("a statement needs an id and a property")
	}
	if x.Value == "" && x.ValueEntity == "" {
		return s, errors.New("the statement has no value")
	}
	switch model.Status(x.Status) {
	case model.StatusConfirmed, model.StatusProposed, model.StatusRejected:
		s.Status = model.Status(x.Status)
	default:
		return s, fmt.Errorf("unknown status %q", x.Status)
	}
	switch model.Modality(x.Modality) {
	case "", model.Asserted, model.Alleged, model.Denied:
		s.Modality = model.Modality(x.Modality)
	default:
		return s, fmt.Errorf("unknown modality %q", x.Modality)
	}
	var err error
	if s.DateStart, err = model.ParseDate(x.DateStart); err != nil {
		return s, err
	}
	if s.DateEnd, err = model.ParseDate(x.DateEnd); err != nil {
		return s, err
	}
	s.Sensitivity = fallback
	if x.Sensitivity != "" {
		level, err := model.ParseSensitivity(x.Sensitivity)
		if err != nil {
			return s, err
		}
		s.Sensitivity = level
	}
	return s, nil
}

// docSource reads an exported Document into the source it describes, at
// the level the file gives it (fallback when none).
func docSource(e Entity, fallback model.Sensitivity) (model.Source, error) {
	first := func(p string) string {
		if v := e.Properties[p]; len(v) > 0 {
			return v[0]
		}
		return ""
	}
	src := model.Source{Kind: model.KindDocument, Title: first("title"), Publisher: first("publisher"), URL: first("sourceUrl"),
		Language: first("language"), Sensitivity: fallback}
	if src.Title == "" {
		src.Title = first("name")
	}
	var err error
	if src.Published, err = model.ParseDate(first("publishedAt")); err != nil {
		return src, err
	}
	if k := e.Athar.Properties["kind"]; len(k) > 0 {
		if src.Kind, err = model.ParseSourceKind(k[0]); err != nil {
			return src, err
		}
	}
	if e.Athar.Sensitivity != "" {
		level, err := model.ParseSensitivity(e.Athar.Sensitivity)
		if err != nil {
			return src, err
		}
		src.Sensitivity = level
	}
	return src, nil
}

// target is an entity the file holds: its id in the store and its type.
type target struct {
	id  string
	typ model.EntityType
}

// citation is an Athar source the file describes, and the quotes its
// statements cite from it. A statement may be more sensitive than its
// source; its quote then goes into a record of the source at the
// statement's level, so that no record shows a quote to someone who may
// not see the statement: one record per level the source is cited at.
type citation struct {
	entity Entity
	quotes [4][]string                  // by the citing statement's level, in order of first appearance
	seen   [4]map[string]bool           // the same, as sets
	stored map[model.Sensitivity]string // record level → id in the store, once written
	spans  map[model.Sensitivity]map[string]model.Span
}

func newCitation() *citation {
	c := &citation{stored: map[model.Sensitivity]string{}, spans: map[model.Sensitivity]map[string]model.Span{}}
	for i := range c.seen {
		c.seen[i] = map[string]bool{}
	}
	return c
}

// level is the source's own level, as the file gives it.
func (c *citation) level(fallback model.Sensitivity) model.Sensitivity {
	src, err := docSource(c.entity, fallback)
	if err != nil {
		return fallback
	}
	return src.Sensitivity
}

// ftmImport is one FtM import under way.
type ftmImport struct {
	st     *store.Store
	v      access.Viewer
	opt    Options
	fileID string
	known  map[string]target           // FtM id → entity
	types  map[string]model.EntityType // store id → type, of the entities in known
	docs   map[string]*citation        // exported source id → what the file says of it
	made   map[string]bool             // entities this import has made sure of
}

// FtM imports FollowTheMoney entities, one JSON object a line: as Athar
// exports them (ids, statements, sources and review state from the "athar"
// object are kept) or as other tools write them (Person, Organization,
// Company, PublicBody, LegalEntity, Address, Event; each property value
// becomes a proposed statement citing the file).
func FtM(ctx context.Context, st *store.Store, v access.Viewer, data []byte, opt Options) (Result, error) {
	r := Result{Skipped: map[string]int{}}
	if !v.CanWrite() {
		return r, fmt.Errorf("%s may not add to the store", v.Actor())
	}
	if !utf8.Valid(data) {
		return r, InputError{errors.New("the file is not UTF-8 text")}
	}
	lines := bytes.Split(data, []byte("\n"))
	imp := &ftmImport{st: st, v: v, opt: opt, fileID: store.SourceID(store.Hash(data)),
		known: map[string]target{}, types: map[string]model.EntityType{}, docs: map[string]*citation{}, made: map[string]bool{}}
	// Pass 1: check every line, learn every id and every quote.
	level := opt.Sensitivity
	bad := map[int]bool{}
	for i, line := range lines {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		e, err := ParseEntity(line)
		if err != nil {
			r.Errors, bad[i] = append(r.Errors, LineError{i + 1, err}), true
			continue
		}
		switch {
		case e.Athar != nil && e.Athar.Type == "source":
			c := imp.docs[e.ID]
			if c == nil {
				c = newCitation()
				imp.docs[e.ID] = c
			}
			c.entity = e
			src, _ := docSource(e, opt.Sensitivity)
			level = model.Max(level, src.Sensitivity)
		case e.Athar != nil && e.Athar.Type != "":
			typ := model.EntityType(e.Athar.Type)
			if t, ok := imp.known[e.ID]; ok && t.typ != typ {
				r.Errors, bad[i] = append(r.Errors, LineError{i + 1, fmt.Errorf("entity %s is a %s here and a %s on an earlier line", e.ID, typ, t.typ)}), true
				continue
			}
			imp.known[e.ID] = target{e.ID, typ}
			imp.types[e.ID] = typ
			for _, x := range e.Athar.Statements {
				s, _ := statement(x, opt.Sensitivity)
				level = model.Max(level, s.Sensitivity)
				if x.Source == "" || x.Quote == "" {
					continue
				}
				c := imp.docs[x.Source]
				if c == nil {
					c = newCitation()
					imp.docs[x.Source] = c
				}
				if !c.seen[s.Sensitivity][x.Quote] {
					c.seen[s.Sensitivity][x.Quote] = true
					c.quotes[s.Sensitivity] = append(c.quotes[s.Sensitivity], x.Quote)
				}
			}
		default:
			if typ, ok := schemaTypes[e.Schema]; ok {
				id := derived(imp.fileID, e.ID)
				if t, ok := imp.known[e.ID]; ok && t.typ != typ {
					r.Errors, bad[i] = append(r.Errors, LineError{i + 1, fmt.Errorf("entity %s is a %s here and a %s on an earlier line", e.ID, typ, t.typ)}), true
					continue
				}
				imp.known[e.ID] = target{id, typ}
				imp.types[id] = typ
			}
		}
	}
	name := filepath.Base(opt.Filename)
	file := model.Source{Kind: model.KindDocument, Title: opt.Title, Filename: name, ContentType: "application/x-ndjson",
		Text: string(data), Sensitivity: level}
	if file.Title == "" {
		file.Title = "FollowTheMoney import: " + name
	}
	if strings.TrimSpace(file.Text) == "" {
		return r, InputError{errors.New("the file is empty")}
	}
	// Pass 2: write, a batch of lines per transaction.
	n := opt.batch()
	for start := 0; start < len(lines); start += n {
		end := min(start+n, len(lines))
		var batch Result
		batch.Skipped = map[string]int{}
		err := st.Write(ctx, v.Actor(), func(tx *store.Tx) error {
			if start == 0 {
				if _, err := tx.AddSource(ctx, &file, data); err != nil {
					return fmt.Errorf("archive the file: %w", err)
				}
				r.Source = file.ID
			}
			for i := start; i < end; i++ {
				if bad[i] || len(bytes.TrimSpace(lines[i])) == 0 {
					continue
				}
				e, err := ParseEntity(lines[i])
				if err != nil {
					return err // cannot be: pass 1 read it
				}
				if err := imp.line(ctx, tx, e, &batch); err != nil {
					var le lineErr
					if errors.As(err, &le) {
						batch.Errors = append(batch.Errors, LineError{i + 1, le.error})
						continue
					}
					return fmt.Errorf("line %d: %w", i+1, err)
				}
			}
			return nil
		})
		if err != nil {
			return r, fmt.Errorf("lines %d–%d not stored: %w", start+1, end, err)
		}
		r.add(batch)
		if opt.Progress != nil {
			opt.Progress(end, len(lines))
		}
	}
	r.sortErrors()
	return r, nil
}

func (r *Result) add(b Result) {
	r.Entities += b.Entities
	r.Statements += b.Statements
	r.Sources += b.Sources
	r.Existing += b.Existing
	r.SkippedLinks += b.SkippedLinks
	r.Unreviewed += b.Unreviewed
	r.Errors = append(r.Errors, b.Errors...)
	for k, v := range b.Skipped {
		r.Skipped[k] += v
	}
}

// lineErr is a line found bad while writing it, before any of it was
// written: it is reported and the batch goes on.
type lineErr struct{ error }

// line imports one entity: it checks everything first and writes only when
// the whole line is good.
func (imp *ftmImport) line(ctx context.Context, tx *store.Tx, e Entity, r *Result) error {
	switch {
	case e.Athar != nil && e.Athar.Type == "source":
		_, err := imp.source(ctx, tx, e.ID, model.Public, r)
		return err
	case e.Athar != nil && e.Athar.Type != "":
		return imp.atharEntity(ctx, tx, e, r)
	case e.Schema == "Documentation" && len(e.Properties["document"]) > 0 && imp.docs[e.Properties["document"][0]] != nil:
		return nil // Athar's link of an entity to a source it cites: athar.sources says it
	}
	typ, ok := schemaTypes[e.Schema]
	if !ok {
		r.Skipped[e.Schema]++
		return nil
	}
	return imp.foreign(ctx, tx, e, typ, r)
}

// atharEntity imports an entity Athar exported, from its statements.
func (imp *ftmImport) atharEntity(ctx context.Context, tx *store.Tx, e Entity, r *Result) error {
	typ := model.EntityType(e.Athar.Type)
	var stmts []model.Statement
	var merged []string
	for _, x := range e.Athar.Statements {
		s, err := statement(x, imp.opt.Sensitivity)
		if err != nil {
			return lineErr{err}
		}
		if s.Status == model.StatusRejected {
			continue
		}
		s.EntityID = e.ID
		if x.Entity != "" {
			s.EntityID = x.Entity
			merged = append(merged, x.Entity)
		}
		if s.SourceID != "" && (imp.docs[s.SourceID] == nil || imp.docs[s.SourceID].entity.ID == "") {
			return lineErr{fmt.Errorf("statement %s cites source %s, which the file does not hold", x.ID, s.SourceID)}
		}
		if s.ValueEntity != "" {
			t, ok := imp.known[s.ValueEntity]
			if !ok {
				r.SkippedLinks++
				continue
			}
			s.ValueEntity = t.id
		}
		stmts = append(stmts, s)
	}
	if err := imp.checkAll(ctx, tx, e.ID, typ, stmts); err != nil {
		return err
	}
	for _, m := range merged {
		if err := imp.check(ctx, tx, m, typ); err != nil {
			return err
		}
	}
	// Everything checked: write.
	if _, err := imp.ensure(ctx, tx, e.ID, typ, r); err != nil {
		return err
	}
	for _, m := range merged {
		created, err := imp.ensure(ctx, tx, m, typ, r)
		if err != nil {
			return err
		}
		if created {
			if err := tx.SetMergedInto(ctx, m, e.ID); err != nil {
				return err
			}
		}
	}
	for _, s := range stmts {
		if s.SourceID != "" {
			c := imp.docs[s.SourceID]
			id, err := imp.source(ctx, tx, s.SourceID, s.Sensitivity, r)
			if err != nil {
				return err
			}
			if s.Span.Quote != "" {
				s.Span = c.spans[model.Max(c.level(imp.opt.Sensitivity), s.Sensitivity)][s.Span.Quote]
			}
			s.SourceID = id
		} else {
			s.SourceID = imp.fileID // every imported fact cites a source
		}
		if err := imp.add(ctx, tx, s, r); err != nil {
			return err
		}
	}
	return nil
}

// foreign imports an entity another tool wrote: every value of every
// property becomes a proposed statement citing the file.
func (imp *ftmImport) foreign(ctx context.Context, tx *store.Tx, e Entity, typ model.EntityType, r *Result) error {
	id := imp.known[e.ID].id
	var stmts []model.Statement
	for _, p := range sortedProps(e.Properties) {
		for _, v := range e.Properties[p] {
			if strings.TrimSpace(v) == "" {
				continue
			}
			s := model.Statement{ID: derived(imp.fileID, e.ID, p, v), EntityID: id, Property: model.Property(p), SourceID: imp.fileID,
				Status: model.StatusProposed, Sensitivity: imp.opt.Sensitivity}
			if export.PropType(p) == "entity" {
				t, ok := imp.known[v]
				if !ok {
					r.SkippedLinks++
					continue
				}
				s.ValueEntity = t.id
			} else {
				s.Value = v
			}
			if export.PropType(p) == "date" {
				s.DateStart = leadingDate(v)
			}
			stmts = append(stmts, s)
		}
	}
	if err := imp.checkAll(ctx, tx, id, typ, stmts); err != nil {
		return err
	}
	if _, err := imp.ensure(ctx, tx, id, typ, r); err != nil {
		return err
	}
	for _, s := range stmts {
		if err := imp.add(ctx, tx, s, r); err != nil {
			return err
		}
	}
	return nil
}

// leadingDate reads an FtM date (YYYY, YYYY-MM, YYYY-MM-DD, or longer with
// a time) to the precision Athar keeps; the unknown date if it is none.
func leadingDate(v string) model.Date {
	for _, n := range []int{10, 7, 4} {
		if len(v) >= n {
			if d, err := model.ParseDate(v[:n]); err == nil {
				return d
			}
		}
	}
	return model.Date{}
}

func sortedProps(m map[string][]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sortStrings(keys)
	return keys
}

// check fails the line when the store holds id as an entity of another type.
func (imp *ftmImport) check(ctx context.Context, tx *store.Tx, id string, typ model.EntityType) error {
	if imp.made[id] {
		return nil
	}
	have, ok, err := tx.EntityType(ctx, id)
	if err != nil {
		return err
	}
	if ok && have != typ {
		return lineErr{fmt.Errorf("entity %s is a %s in the store, not a %s", id, have, typ)}
	}
	return nil
}

// checkAll checks an entity and every entity its statements link to.
func (imp *ftmImport) checkAll(ctx context.Context, tx *store.Tx, id string, typ model.EntityType, stmts []model.Statement) error {
	if err := imp.check(ctx, tx, id, typ); err != nil {
		return err
	}
	for _, s := range stmts {
		if s.ValueEntity != "" {
			if err := imp.check(ctx, tx, s.ValueEntity, imp.types[s.ValueEntity]); err != nil {
				return err
			}
		}
	}
	return nil
}

// ensure makes sure the store holds entity id (checked before) and says
// whether it created it.
func (imp *ftmImport) ensure(ctx context.Context, tx *store.Tx, id string, typ model.EntityType, r *Result) (bool, error) {
	if imp.made[id] {
		return false, nil
	}
	_, ok, err := tx.EntityType(ctx, id)
	if err != nil {
		return false, err
	}
	if !ok {
		if _, err := tx.AddEntityWithID(ctx, id, typ); err != nil {
			return false, err
		}
		r.Entities++
	}
	imp.made[id] = true
	return !ok, nil
}

// add stores a statement unless it is stored already, first making sure of
// the entity it links to.
func (imp *ftmImport) add(ctx context.Context, tx *store.Tx, s model.Statement, r *Result) error {
	exists, err := tx.StatementExists(ctx, s.ID)
	if err != nil {
		return err
	}
	if exists {
		r.Existing++
		return nil
	}
	if s.ValueEntity != "" {
		if _, err := imp.ensure(ctx, tx, s.ValueEntity, imp.types[s.ValueEntity], r); err != nil {
			return err
		}
	}
	s.Status = status(imp.v, s.Status, r)
	s.Origin = "imported:" + imp.fileID
	s.Author = ""
	if err := tx.AddStatement(ctx, &s); err != nil {
		return fmt.Errorf("statement %s: %w", s.ID, err)
	}
	r.Statements++
	return nil
}

// source stores (once) the record of an Athar source the file describes,
// for a statement of level at, and returns its id in the store. The
// record's text is the source's header (title, publisher, date, URL,
// language, the original's id and SHA-256) and the quotes the file's
// statements of the record's level cite from it, so that each imported
// quote points at its place in the record. The record's level is the
// source's, or the statement's when that is higher.
func (imp *ftmImport) source(ctx context.Context, tx *store.Tx, id string, at model.Sensitivity, r *Result) (string, error) {
	c := imp.docs[id]
	src, err := docSource(c.entity, imp.opt.Sensitivity)
	if err != nil {
		return "", lineErr{err}
	}
	level := model.Max(src.Sensitivity, at)
	if stored := c.stored[level]; stored != "" {
		return stored, nil
	}
	var quotes []string
	for l := range c.quotes {
		if model.Max(src.Sensitivity, model.Sensitivity(l)) == level {
			quotes = append(quotes, c.quotes[l]...)
		}
	}
	var b strings.Builder
	header := func(k, v string) {
		if v != "" {
			fmt.Fprintf(&b, "%s: %s\n", k, oneLine(v))
		}
	}
	header("Title", src.Title)
	header("Publisher", src.Publisher)
	header("Published", src.Published.String())
	header("URL", src.URL)
	header("Language", src.Language)
	note := fmt.Sprintf("Record of Athar source %s", id)
	if c.entity.Athar.SHA256 != "" {
		note += " (SHA-256 of the original: " + c.entity.Athar.SHA256 + ")"
	}
	note += fmt.Sprintf(", imported from %s (source %s). The original is not in this archive; below are the quotes that imported statements of level %s cite from it.",
		filepath.Base(imp.opt.Filename), imp.fileID, level)
	header("Source-note", note)
	b.WriteString("---\n")
	// The text is the title, a newline and the body (CONTRACTS.md, text
	// files with a header); spans count code points into it.
	text := src.Title + "\n"
	spans := map[string]model.Span{}
	for i, q := range quotes {
		if i > 0 {
			text += "\n\n"
			b.WriteString("\n\n")
		}
		start := utf8.RuneCountInString(text)
		text += q
		b.WriteString(q)
		spans[q] = model.Span{Start: start, End: start + utf8.RuneCountInString(q), Quote: q}
	}
	b.WriteString("\n")
	src.Text, src.ContentType, src.Sensitivity = text, "text/plain; charset=utf-8", level
	src.Filename = id + ".txt"
	added, err := tx.AddSource(ctx, &src, []byte(b.String()))
	if err != nil {
		return "", fmt.Errorf("source %s: %w", id, err)
	}
	if added {
		r.Sources++
	}
	c.stored[level], c.spans[level] = src.ID, spans
	return src.ID, nil
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
