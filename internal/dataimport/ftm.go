package dataimport

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/export"
	"github.com/athar-project/athar/internal/export/ftm"
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

// ParseEntity reads and checks one line of an FtM entity file: its JSON
// shape, and, for an entity Athar exported, the statements of its athar
// object. What the values of another tool's entity must be (FtM's schema
// and types) is checked by checkForeign.
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
	e.upgrade()
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
	switch e.Athar.Type {
	case "source":
		if e.Schema != "Document" {
			return e, fmt.Errorf("entity %s: an Athar source must be a Document, not %s", e.ID, e.Schema)
		}
		if _, err := docSource(e, model.Public); err != nil {
			return e, fmt.Errorf("source %s: %w", e.ID, err)
		}
		return e, nil
	case "link", "":
		// An edge Athar derived from a statement (the statement is on its
		// source entity), or an athar object with no type: another tool's.
		return e, nil
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

// fromAthar reports whether e is an entity or source as Athar exports it.
func (e Entity) fromAthar() bool {
	return e.Athar != nil && e.Athar.Type != "" && e.Athar.Type != "link"
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
		Language: language(first("language")), Sensitivity: fallback}
	if src.Title == "" {
		src.Title = first("name")
	}
	var err error
	if src.Published, err = model.ParseDate(first("publishedAt")); err != nil {
		return src, err
	}
	if e.Athar == nil {
		return src, nil
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

// language is Athar's code of a source's language from an export's: FtM's
// ISO 639-3 (ara, eng), or the two-letter codes exports wrote before.
func language(code string) string {
	switch code {
	case "ara", "ar":
		return "ar"
	case "eng", "en":
		return "en"
	}
	return code
}

// target is an entity the file holds: its id in the store and its type.
type target struct {
	id  string
	typ model.EntityType
}

// item is one thing a file gives to import, with the line it starts on: an
// entity or source as Athar exported it, or another tool's entity.
type item struct {
	line    int
	athar   *Entity
	foreign *foreignEntity
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

// FtM imports FollowTheMoney data, in any of the forms FtM tools write:
//   - entities, one JSON object a line, as Athar exports them (ids,
//     statements, sources and review state from the "athar" object are
//     kept) or as other tools write them (ftmForeign);
//   - statements, one JSON object a line or FtM's statement CSV with its
//     header (OpenSanctions' statements.csv, Athar's `export ftm
//     --statements`), which are put back together into entities first.
//
// Every fact cites the archived file, or, from Athar's exports, a record of
// the source it cited.
func FtM(ctx context.Context, st *store.Store, v access.Viewer, data []byte, opt Options) (Result, error) {
	r := Result{Skipped: map[string]int{}, Dropped: map[string]int{}}
	if !v.CanWrite() {
		return r, fmt.Errorf("%s may not add to the store", v.Actor())
	}
	if !utf8.Valid(data) {
		return r, InputError{errors.New("the file is not UTF-8 text")}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return r, InputError{errors.New("the file is empty")}
	}
	fileID, stored, err := fileRecord(ctx, st, v, data)
	if err != nil {
		return r, err
	}
	imp := &ftmImport{st: st, v: v, opt: opt, fileID: fileID,
		known: map[string]target{}, types: map[string]model.EntityType{}, docs: map[string]*citation{}, made: map[string]bool{}}
	var items []item
	switch format(data) {
	case formatStatementsJSON, formatStatementsCSV:
		items, err = readStatements(data, &r)
	default:
		items = readEntities(data, &r)
	}
	if err != nil {
		return r, InputError{err}
	}
	items, level := imp.learn(items, &r)
	name := filepath.Base(opt.Filename)
	file := model.Source{Kind: model.KindDocument, Title: opt.Title, Filename: name, ContentType: "application/x-ndjson",
		Text: string(data), Sensitivity: level}
	if format(data) == formatStatementsCSV {
		file.ContentType = "text/csv"
	}
	if file.Title == "" {
		file.Title = "FollowTheMoney import: " + name
	}
	// Pass 2: write, a batch of items per transaction.
	n := opt.batch()
	for start := 0; start == 0 || start < len(items); start += n {
		end := min(start+n, len(items))
		batch := Result{Skipped: map[string]int{}, Dropped: map[string]int{}}
		err := st.Write(ctx, v.Actor(), func(tx *store.Tx) error {
			if start == 0 {
				if !stored {
					file.ID = fileID
					if err := tx.AddSource(ctx, &file, data); err != nil {
						return fmt.Errorf("archive the file: %w", err)
					}
				}
				r.Source = fileID
			}
			for _, it := range items[start:end] {
				err := imp.write(ctx, tx, it, &batch)
				var le lineErr
				if errors.As(err, &le) {
					batch.Errors = append(batch.Errors, LineError{it.line, le.error})
					continue
				}
				if err != nil {
					return fmt.Errorf("line %d: %w", it.line, err)
				}
			}
			return nil
		})
		if err != nil {
			return r, fmt.Errorf("%s not stored: %w", lineRange(items[start:end]), err)
		}
		r.add(batch)
		if opt.Progress != nil && len(items) > 0 {
			opt.Progress(end, len(items))
		}
	}
	r.sortErrors()
	return r, nil
}

// lineRange names the lines a batch of items came from.
func lineRange(items []item) string {
	if len(items) == 0 {
		return "the file"
	}
	a, b := items[0].line, items[len(items)-1].line
	if a == b {
		return fmt.Sprintf("line %d", a)
	}
	return fmt.Sprintf("lines %d–%d", a, b)
}

// readEntities reads an entity file's lines into items; bad lines are
// recorded in r.
func readEntities(data []byte, r *Result) []item {
	var items []item
	for i, line := range bytes.Split(data, []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		e, err := ParseEntity(line)
		if err != nil {
			r.Errors = append(r.Errors, LineError{i + 1, err})
			continue
		}
		if e.fromAthar() || e.Athar != nil && e.Athar.Type == "link" {
			items = append(items, item{line: i + 1, athar: &e})
			continue
		}
		fe, err := foreignFromEntity(e, i+1)
		if err != nil {
			r.Errors = append(r.Errors, LineError{i + 1, err})
			continue
		}
		items = append(items, item{line: i + 1, foreign: fe})
	}
	return items
}

// learn is the first pass: it learns every entity id the file holds (so
// that a link may point further down), every quote the file's statements
// cite from each source, and the highest level the file holds. An entity
// given two types is an error on the later line, which is then dropped.
func (imp *ftmImport) learn(items []item, r *Result) ([]item, model.Sensitivity) {
	level := imp.opt.Sensitivity
	var keep []item
	for _, it := range items {
		var err error
		switch {
		case it.athar != nil && it.athar.Athar.Type == "source":
			e := it.athar
			c := imp.docs[e.ID]
			if c == nil {
				c = newCitation()
				imp.docs[e.ID] = c
			}
			c.entity = *e
			src, _ := docSource(*e, imp.opt.Sensitivity)
			level = model.Max(level, src.Sensitivity)
		case it.athar != nil && it.athar.fromAthar():
			err = imp.learnAthar(it.athar, &level)
		case it.foreign != nil:
			err = imp.learnForeign(it.foreign)
		}
		if err != nil {
			r.Errors = append(r.Errors, LineError{it.line, err})
			continue
		}
		keep = append(keep, it)
	}
	return keep, level
}

func (imp *ftmImport) learnAthar(e *Entity, level *model.Sensitivity) error {
	typ := model.EntityType(e.Athar.Type)
	if t, ok := imp.known[e.ID]; ok && t.typ != typ {
		return fmt.Errorf("entity %s is a %s here and a %s on an earlier line", e.ID, typ, t.typ)
	}
	imp.known[e.ID] = target{e.ID, typ}
	imp.types[e.ID] = typ
	for _, x := range e.Athar.Statements {
		s, _ := statement(x, imp.opt.Sensitivity)
		*level = model.Max(*level, s.Sensitivity)
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
	return nil
}

func (r *Result) add(b Result) {
	r.Entities += b.Entities
	r.Statements += b.Statements
	r.Sources += b.Sources
	r.Existing += b.Existing
	r.SkippedLinks += b.SkippedLinks
	r.Unreviewed += b.Unreviewed
	r.Errors = append(r.Errors, b.Errors...)
	r.Imported = append(r.Imported, b.Imported...)
	for k, v := range b.Skipped {
		r.Skipped[k] += v
	}
	for k, v := range b.Dropped {
		if r.Dropped == nil {
			r.Dropped = map[string]int{}
		}
		r.Dropped[k] += v
	}
}

// lineErr is a line found bad while writing it, before any of it was
// written: it is reported and the batch goes on.
type lineErr struct{ error }

// write imports one item: it checks everything first and writes only when
// the whole item is good.
func (imp *ftmImport) write(ctx context.Context, tx *store.Tx, it item, r *Result) error {
	switch {
	case it.foreign != nil:
		return imp.foreign(ctx, tx, it.foreign, r)
	case it.athar.Athar.Type == "source":
		_, err := imp.source(ctx, tx, it.athar.ID, model.Public, r)
		return err
	case it.athar.Athar.Type == "link":
		return nil // an edge Athar derived from a statement its source entity holds
	}
	return imp.atharEntity(ctx, tx, *it.athar, r)
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
	if err := imp.mergeInto(ctx, tx, merged, e.ID, typ, r); err != nil {
		return err
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

// mergeInto makes sure of the entities statements were made about before
// they were merged into id, merged into it as the file says.
func (imp *ftmImport) mergeInto(ctx context.Context, tx *store.Tx, merged []string, id string, typ model.EntityType, r *Result) error {
	for _, m := range merged {
		if m == id {
			continue
		}
		created, err := imp.ensure(ctx, tx, m, typ, r)
		if err != nil {
			return err
		}
		if created {
			if err := tx.SetMergedInto(ctx, m, id); err != nil {
				return err
			}
		}
	}
	return nil
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
	r.Imported = append(r.Imported, Imported{ID: id, Type: typ})
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

// legacySource matches the source ids exports wrote before they took FtM's
// id syntax ("src_25d6…" where FtM allows no "_").
var legacySource = regexp.MustCompile(`src_([0-9a-f]{16})`)

// legacyID turns an id in an export's old form (a source "src_…", a
// Documentation "doc-…-src_…") into the form exports write now, so that
// files exported before read as ones exported today. Only ids go through
// it, never text.
func legacyID(id string) string {
	if !strings.Contains(id, "src_") {
		return id
	}
	return legacySource.ReplaceAllString(id, "src-$1")
}

// upgrade rewrites the ids of an entity line written by an older export.
func (e *Entity) upgrade() {
	e.ID = legacyID(e.ID)
	if e.Athar == nil {
		if s := ftm.Default().Schema(e.Schema); s != nil {
			for p, vs := range e.Properties {
				if q := s.Property(p); q != nil && q.Type == "entity" {
					for i, v := range vs {
						vs[i] = legacyID(v)
					}
				}
			}
		}
		return
	}
	for i, s := range e.Athar.Sources {
		e.Athar.Sources[i] = legacyID(s)
	}
	for i := range e.Athar.Statements {
		e.Athar.Statements[i].Source = legacyID(e.Athar.Statements[i].Source)
	}
}
