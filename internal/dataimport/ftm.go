package dataimport

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
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
	ents   *entities            // the entities the file holds or links to
	docs   map[string]*citation // exported source id → what the file says of it
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
// the source it cited. FtM reads data held in memory; FtMFile reads a file.
func FtM(ctx context.Context, st *store.Store, v access.Viewer, data []byte, opt Options) (Result, error) {
	return FtMFile(ctx, st, v, bytes.NewReader(data), opt)
}

// FtMFile is FtM reading the data from f, in constant memory for entity
// lines: f is read once to archive it, check every line and learn every
// entity id (kept as a compact map, entities), once to store its text, and
// once to write a batch of lines at a time. A statement file is not held
// either: the first read keeps where each entity's statements are
// (stmtFile), and each entity is read back and put together when it is
// learnt and when it is written.
func FtMFile(ctx context.Context, st *store.Store, v access.Viewer, f io.ReadSeeker, opt Options) (Result, error) {
	r := Result{Skipped: map[string]int{}, Dropped: map[string]int{}}
	if !v.CanWrite() {
		return r, fmt.Errorf("%s may not add to the store", v.Actor())
	}
	first, err := firstLine(f)
	if err != nil {
		return r, fmt.Errorf("read the file: %w", err)
	}
	if first == nil {
		return r, InputError{errors.New("the file is empty")}
	}
	form := format(first)
	imp := &ftmImport{st: st, v: v, opt: opt, ents: newEntities(), docs: map[string]*citation{}}
	// Pass 1: archive, check and learn.
	if err := rewind(f); err != nil {
		return r, fmt.Errorf("read the file: %w", err)
	}
	w, err := st.NewBlobWriter(ctx)
	if err != nil {
		return r, err
	}
	var sf *stmtFile // statements: where each entity's are
	var total int
	bad := map[int]bool{}
	level := opt.Sensitivity
	var text utf8Check
	in := io.TeeReader(f, io.MultiWriter(w, &text))
	if form == formatEntities {
		total, err = imp.learnLines(in, bad, &level, &r)
		if err == nil && !text.valid() {
			err = InputError{errors.New("the file is not UTF-8 text")}
		}
	} else {
		sf, err = readStatementsFile(in, form, &r)
		if err == nil {
			_, err = io.Copy(io.Discard, in) // all of it archived
		}
		if !text.valid() {
			r.Errors, err = nil, InputError{errors.New("the file is not UTF-8 text")}
		}
		if err == nil {
			total, err = imp.learnStatements(f, sf, &level, &r)
		}
	}
	if err != nil {
		w.Abort()
		return r, err
	}
	a := archived{}
	sum := w.Sum()
	if store.Sealed(level) {
		w.Abort() // sealed whole by archiveFile
	} else if a.blob, err = w.Close(); err != nil {
		return r, err
	} else {
		a.staged = true
	}
	if a.id, a.stored, err = fileRecord(ctx, st, v, sum); err != nil {
		return r, err
	}
	imp.fileID = a.id
	name := filepath.Base(opt.Filename)
	file := model.Source{Kind: model.KindDocument, Title: opt.Title, Filename: name, ContentType: "application/x-ndjson", Sensitivity: level}
	if form == formatStatementsCSV {
		file.ContentType = "text/csv"
	}
	if file.Title == "" {
		file.Title = "FollowTheMoney import: " + name
	}
	if err := archiveFile(ctx, st, v, f, f, file, a); err != nil {
		return r, err
	}
	r.Source = a.id
	// Pass 2: write, a batch of items per transaction.
	n, done := opt.batch(), 0
	flush := func(batch []item) error {
		if err := imp.writeItems(ctx, batch, &r); err != nil {
			return err
		}
		done += len(batch)
		if opt.Progress != nil && total > 0 {
			opt.Progress(done, total)
		}
		return nil
	}
	b := newBatcher(n, flush)
	if form != formatEntities {
		for _, e := range sf.order {
			if e.bad {
				continue
			}
			it, bad, err := sf.item(f, e)
			if err == nil && bad != nil {
				err = fmt.Errorf("line %d: the file changed while it was imported: %w", e.line, bad)
			}
			if err != nil {
				return r, err
			}
			if err := b.add(it); err != nil {
				return r, err
			}
		}
		if err := b.flush(); err != nil {
			return r, err
		}
		r.sortErrors()
		return r, nil
	}
	if err := rewind(f); err != nil {
		return r, fmt.Errorf("read the file: %w", err)
	}
	l := newLines(f)
	for {
		ok, err := l.next()
		if err != nil {
			return r, fmt.Errorf("read the file: %w", err)
		}
		if !ok {
			break
		}
		if bad[l.n] || len(bytes.TrimSpace(l.line)) == 0 {
			continue
		}
		it, err := entityItem(l.line, l.n)
		if err != nil {
			return r, fmt.Errorf("line %d: the file changed while it was imported: %w", l.n, err)
		}
		if err := b.add(it); err != nil {
			return r, err
		}
	}
	if err := b.flush(); err != nil {
		return r, err
	}
	r.sortErrors()
	return r, nil
}

// learnLines is the first pass over an entity file: it checks every line
// and learns what it holds (learnItem), recording bad lines in r and bad.
// It returns how many lines are to be written.
func (imp *ftmImport) learnLines(in io.Reader, bad map[int]bool, level *model.Sensitivity, r *Result) (int, error) {
	total := 0
	l := newLines(in)
	for {
		ok, err := l.next()
		if err != nil {
			return 0, fmt.Errorf("read the file: %w", err)
		}
		if !ok {
			return total, nil
		}
		if l.long {
			r.Errors = append(r.Errors, LineError{l.n, errLong()})
			bad[l.n] = true
			continue
		}
		if !utf8.Valid(l.line) {
			return 0, InputError{fmt.Errorf("the file is not UTF-8 text (line %d)", l.n)}
		}
		if len(bytes.TrimSpace(l.line)) == 0 {
			continue
		}
		it, err := entityItem(l.line, l.n)
		if err == nil {
			err = imp.learnItem(it, level)
		}
		if err != nil {
			r.Errors = append(r.Errors, LineError{l.n, err})
			bad[l.n] = true
			continue
		}
		total++
	}
}

// writeItems writes a batch of items in one transaction. A bad item is
// reported and the batch goes on; a failure of the store rolls the batch
// back and stops the import.
func (imp *ftmImport) writeItems(ctx context.Context, items []item, r *Result) error {
	batch := Result{Skipped: map[string]int{}, Dropped: map[string]int{}}
	err := imp.st.Write(ctx, imp.v.Actor(), func(tx *store.Tx) error {
		for _, it := range items {
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
		return fmt.Errorf("%s not stored: %w", lineRange(items), err)
	}
	r.add(batch)
	return nil
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

// entityItem reads one line of an entity file.
func entityItem(line []byte, n int) (item, error) {
	e, err := ParseEntity(line)
	if err != nil {
		return item{}, err
	}
	if e.fromAthar() || e.Athar != nil && e.Athar.Type == "link" {
		return item{line: n, athar: &e}, nil
	}
	fe, err := foreignFromEntity(e, n)
	if err != nil {
		return item{}, err
	}
	return item{line: n, foreign: fe}, nil
}

// learnStatements is the first pass over a statement file's entities,
// put together from their statements one at a time (learnItem): an
// entity that cannot be put together or learnt is recorded in r and
// marked bad. It returns how many entities are to be written.
func (imp *ftmImport) learnStatements(f io.ReadSeeker, sf *stmtFile, level *model.Sensitivity, r *Result) (int, error) {
	total := 0
	for _, e := range sf.order {
		it, bad, err := sf.item(f, e)
		if err != nil {
			return 0, err
		}
		if bad == nil {
			bad = imp.learnItem(it, level)
		}
		if bad != nil {
			r.Errors = append(r.Errors, LineError{e.line, bad})
			e.bad = true
			continue
		}
		total++
	}
	return total, nil
}

// learnItem learns, from one item, every entity id the file holds (so
// that a link may point further down), every quote the file's statements
// cite from each source, and the highest level the file holds (level). An
// entity given two types is an error on the later line, which is then
// dropped.
func (imp *ftmImport) learnItem(it item, level *model.Sensitivity) error {
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
		*level = model.Max(*level, src.Sensitivity)
	case it.athar != nil && it.athar.fromAthar():
		return imp.learnAthar(it.athar, level)
	case it.foreign != nil:
		return imp.learnForeign(it.foreign)
	}
	return nil
}

func (imp *ftmImport) learnAthar(e *Entity, level *model.Sensitivity) error {
	typ := model.EntityType(e.Athar.Type)
	if t, ok := imp.ents.held(e.ID); ok && t != typ {
		return fmt.Errorf("entity %s is a %s here and a %s on an earlier line", e.ID, typ, t)
	}
	imp.ents.hold(e.ID, typ)
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
			if _, ok := imp.ents.held(s.ValueEntity); !ok {
				r.SkippedLinks++
				continue
			}
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
	if imp.ents.made(id) {
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
			if err := imp.check(ctx, tx, s.ValueEntity, imp.ents.typ(s.ValueEntity)); err != nil {
				return err
			}
		}
	}
	return nil
}

// ensure makes sure the store holds entity id (checked before) and says
// whether it created it.
func (imp *ftmImport) ensure(ctx context.Context, tx *store.Tx, id string, typ model.EntityType, r *Result) (bool, error) {
	if imp.ents.made(id) {
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
	imp.ents.setMade(id)
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
		if _, err := imp.ensure(ctx, tx, s.ValueEntity, imp.ents.typ(s.ValueEntity), r); err != nil {
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

// batcher gathers items and writes them n at a time: an import's writes, a
// transaction a batch.
type batcher[T any] struct {
	n     int
	items []T
	write func([]T) error
}

func newBatcher[T any](n int, write func([]T) error) *batcher[T] {
	return &batcher[T]{n: n, items: make([]T, 0, n), write: write}
}

// add adds an item, writing the batch when it is full.
func (b *batcher[T]) add(it T) error {
	if b.items = append(b.items, it); len(b.items) >= b.n {
		return b.flush()
	}
	return nil
}

// flush writes what is gathered, if anything.
func (b *batcher[T]) flush() error {
	if len(b.items) == 0 {
		return nil
	}
	err := b.write(b.items)
	b.items = b.items[:0]
	return err
}
