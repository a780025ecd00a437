package dataimport

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/export"
	"github.com/athar-project/athar/internal/export/ftm"
	"github.com/athar-project/athar/internal/ingest"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/resolve"
	"github.com/athar-project/athar/internal/store"
)

// Row is one data row of a spreadsheet, read.
type Row struct {
	Line   int // 1-based line of the file where the row starts
	Fields []string
	Span   model.Span // the row's text in the file: code points and quote
}

// spreadsheet is a file read: the text statements' spans point into, the
// header, the rows, the rows that could not be read, and the content type
// of the original bytes.
type spreadsheet struct {
	text        string
	header      []string
	rows        []Row
	bad         []LineError
	contentType string
}

// readText reads a CSV file: decoded by ingest's rule (or the mapping's
// encoding), then read as CSV.
func readText(data []byte, m Mapping) (spreadsheet, error) {
	text, enc, err := ingest.DecodeText(data, m.Encoding)
	if err != nil {
		return spreadsheet{}, fmt.Errorf("%w: save the file as UTF-8, or name its encoding in the mapping (encoding: windows-1256)", err)
	}
	header, rows, bad, err := ReadCSV(text, m.Delimiter)
	return spreadsheet{text: strings.TrimPrefix(text, "\ufeff"), header: header, rows: rows, bad: bad, contentType: "text/csv; charset=" + enc}, err
}

// ReadCSV reads a spreadsheet's text: its header, its rows (each with the
// span of its text), and the rows it could not read, by line: a row with
// more or fewer cells than the header (a missing or extra delimiter shifts
// every cell after it, so it is not guessed at), or one CSV cannot parse
// (a stray quote), after which reading goes on at the next line. Only a
// file with no header, or a header naming a column twice, is an error.
func ReadCSV(text, delimiter string) ([]string, []Row, []LineError, error) {
	text = strings.TrimPrefix(text, "\ufeff")
	comma := ','
	if delimiter != "" {
		comma, _ = utf8.DecodeRuneInString(delimiter)
	}
	reader := func(from int) *csv.Reader {
		r := csv.NewReader(strings.NewReader(text[from:]))
		r.Comma, r.FieldsPerRecord = comma, -1
		return r
	}
	r := reader(0)
	header, err := r.Read()
	if err == io.EOF {
		return nil, nil, nil, errors.New("the file is empty")
	}
	if err != nil {
		return nil, nil, nil, fmt.Errorf("line 1, the header: %w", err)
	}
	seen := map[string]bool{}
	for i, h := range header {
		header[i] = strings.TrimSpace(h)
		if seen[header[i]] {
			return nil, nil, nil, fmt.Errorf("line 1: column %q twice", header[i])
		}
		seen[header[i]] = true
	}
	var rows []Row
	var bad []LineError
	base, lines := 0, 0 // where the current reader starts: byte offset, lines before it
	prev := int(r.InputOffset())
	cp := utf8.RuneCountInString(text[:prev])
	for {
		fields, err := r.Read()
		if err == io.EOF {
			return header, rows, bad, nil
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			bad = append(bad, LineError{lines + pe.StartLine, fmt.Errorf("the row cannot be read as CSV: %v", pe.Err)})
			next, ok := lineStart(text, base, pe.Line)
			if !ok {
				return header, rows, bad, nil
			}
			base, lines, prev = next, lines+pe.Line, next
			cp = utf8.RuneCountInString(text[:prev])
			r = reader(base)
			continue
		}
		if err != nil {
			return header, rows, bad, err
		}
		line, _ := r.FieldPos(0)
		end := base + int(r.InputOffset())
		raw := text[prev:end]
		switch {
		case len(fields) == len(header):
			quote := strings.TrimRight(raw, "\r\n")
			n := utf8.RuneCountInString(quote)
			rows = append(rows, Row{Line: lines + line, Fields: fields, Span: model.Span{Start: cp, End: cp + n, Quote: quote}})
		case len(fields) == 1 && strings.TrimSpace(fields[0]) == "":
			// a line of spaces: nothing to read
		default:
			bad = append(bad, LineError{lines + line, fmt.Errorf("%d cells, the header has %d: a missing or extra %q shifts the cells after it, so the row is not read",
				len(fields), len(header), string(comma))})
		}
		cp += utf8.RuneCountInString(raw)
		prev = end
	}
}

// lineStart returns the byte offset of the line after line n of the text
// that starts at base, and whether there is one.
func lineStart(text string, base, n int) (int, bool) {
	at := base
	for i := 0; i < n; i++ {
		j := strings.IndexByte(text[at:], '\n')
		if j < 0 {
			return 0, false
		}
		at += j + 1
	}
	return at, at < len(text)
}

// linkRef is a link a row makes: its property, the file's id or the name
// of the entity it names, and the role.
type linkRef struct {
	prop, ref, role string
	match           model.EntityType // the type a name is looked up among; "" for the file's ids
}

// csvEntity is an entity rows of the file give: its id and type.
type csvEntity struct {
	id  string
	typ model.EntityType
}

// csvRow is a good row, read and checked, waiting to be written.
type csvRow struct {
	row   Row
	ent   csvEntity
	stmts []model.Statement
	links []linkRef
	url   string
}

// CSV imports a spreadsheet by a mapping: each row's values become
// proposed statements citing the file (or the row's source URL), their span
// the row's text there. A row that cannot be read or whose values do not
// fit is reported and skipped, and the rest is stored (unless opt.Strict:
// then nothing is). Names in a link column with match are looked up among
// the stored entities by the names matcher. Resolution runs over what the
// import stored when it is done, as it runs after ingest.
func CSV(ctx context.Context, st *store.Store, v access.Viewer, data []byte, m Mapping, opt Options) (Result, error) {
	r := Result{Skipped: map[string]int{}, Dropped: map[string]int{}}
	if !v.CanWrite() {
		return r, fmt.Errorf("%s may not add to the store", v.Actor())
	}
	if err := m.check(); err != nil {
		return r, err
	}
	var sheet spreadsheet
	var err error
	if isXLSX(data) {
		sheet, err = readXLSX(data, m.Sheet)
	} else {
		sheet, err = readText(data, m)
	}
	if err != nil {
		return r, InputError{err}
	}
	text, header, rows := sheet.text, sheet.header, sheet.rows
	r.Errors = append(r.Errors, sheet.bad...)
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	for _, c := range m.columns() {
		if _, ok := col[c]; !ok {
			return r, InputError{fmt.Errorf("the mapping names column %q, which the file does not have (columns: %s)", c, strings.Join(header, ", "))}
		}
	}
	fileID, stored, err := fileRecord(ctx, st, v, store.Hash(data))
	if err != nil {
		return r, err
	}
	imp := &csvImport{st: st, v: v, opt: opt, m: m, col: col, fileID: fileID,
		byKey: map[string]csvEntity{}, made: map[string]bool{}, named: map[string]csvEntity{}, records: map[string]*urlRecord{}}
	good := imp.read(rows, &r)
	r.sortErrors()
	if opt.Strict && len(r.Errors) > 0 {
		return r, InputError{fmt.Errorf("%d of %d rows cannot be imported, and --strict refuses the file: nothing was stored", len(r.Errors), len(rows)+len(sheet.bad))}
	}
	if err := imp.matchNames(ctx, good); err != nil {
		return r, err
	}
	file := model.Source{Kind: model.KindDocument, Title: opt.Title, Filename: filepath.Base(opt.Filename),
		ContentType: sheet.contentType, Text: text, Sensitivity: opt.Sensitivity}
	if file.Title == "" {
		file.Title = "Spreadsheet import: " + file.Filename
	}
	n := opt.batch()
	for start := 0; start == 0 || start < len(good); start += n {
		end := min(start+n, len(good))
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
			for _, row := range good[start:end] {
				err := imp.write(ctx, tx, row, &batch)
				var le lineErr
				if errors.As(err, &le) {
					batch.Errors = append(batch.Errors, LineError{row.row.Line, le.error})
					continue
				}
				if err != nil {
					return fmt.Errorf("line %d: %w", row.row.Line, err)
				}
			}
			return nil
		})
		if err != nil {
			if len(good) == 0 {
				return r, err
			}
			return r, fmt.Errorf("rows on lines %d–%d not stored: %w", good[start].row.Line, good[end-1].row.Line, err)
		}
		r.add(batch)
		if opt.Progress != nil {
			opt.Progress(end, len(good))
		}
	}
	r.sortErrors()
	if err := imp.resolve(ctx, &r); err != nil {
		return r, fmt.Errorf("resolution after the import (the rows are stored): %w", err)
	}
	return r, nil
}

// csvImport is one spreadsheet import under way.
type csvImport struct {
	st      *store.Store
	v       access.Viewer
	opt     Options
	m       Mapping
	col     map[string]int
	fileID  string
	byKey   map[string]csvEntity  // the file's id of an entity → it
	made    map[string]bool       // entities this import has made sure of
	named   map[string]csvEntity  // type + name in a match column → the entity it stands for
	nameOf  map[string]string     // a new entity a match column names → the name
	firsts  map[string]csvRow     // a new entity a match column names → the row that first names it
	records map[string]*urlRecord // source URL → the record of it
}

func (imp *csvImport) cell(row Row, c string) string {
	if i := imp.col[c]; i < len(row.Fields) {
		return strings.TrimSpace(row.Fields[i])
	}
	return ""
}

// read is the first pass: each row's entity and type, statements and
// links, checked; bad rows are recorded in r and left out.
func (imp *csvImport) read(rows []Row, r *Result) []csvRow {
	var good []csvRow
	fail := func(row Row, err error) { r.Errors = append(r.Errors, LineError{row.Line, err}) }
	for _, row := range rows {
		typ := model.EntityType(imp.m.EntityType)
		if imp.m.TypeColumn != "" {
			word := imp.cell(row, imp.m.TypeColumn)
			if t, ok := imp.m.Types[word]; ok {
				word = t
			}
			t, err := model.ParseEntityType(strings.ToLower(word))
			if err != nil {
				fail(row, fmt.Errorf("column %q: %w", imp.m.TypeColumn, err))
				continue
			}
			typ = t
		}
		key := fmt.Sprintf("row %d", row.Line)
		if imp.m.IDColumn != "" {
			if key = imp.cell(row, imp.m.IDColumn); key == "" {
				fail(row, fmt.Errorf("column %q is empty", imp.m.IDColumn))
				continue
			}
		}
		e, ok := imp.byKey[key]
		if ok && e.typ != typ {
			fail(row, fmt.Errorf("id %q is a %s here and a %s on an earlier row", key, typ, e.typ))
			continue
		}
		stmts, links, err := imp.statements(row, typ)
		if err != nil {
			fail(row, err)
			continue
		}
		u := ""
		if imp.m.SourceURL != "" {
			if u = imp.cell(row, imp.m.SourceURL); u != "" {
				if p, err := url.Parse(u); err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
					fail(row, fmt.Errorf("column %q: %q is not an http(s) URL", imp.m.SourceURL, u))
					continue
				}
			}
		}
		if !ok {
			e = csvEntity{derived(imp.fileID, "csv", key), typ}
			imp.byKey[key] = e
		}
		if len(stmts) == 0 && len(links) == 0 {
			continue // nothing in the mapped columns
		}
		good = append(good, csvRow{row: row, ent: e, stmts: stmts, links: links, url: u})
		if u != "" {
			rec := imp.records[u]
			if rec == nil {
				rec = &urlRecord{url: u, spans: map[int]model.Span{}}
				imp.records[u] = rec
			}
			rec.rows = append(rec.rows, row)
		}
	}
	return good
}

// statements reads a row's values by the mapping; links come apart, to be
// resolved to the entities the file's ids or the names matcher name.
func (imp *csvImport) statements(row Row, typ model.EntityType) ([]model.Statement, []linkRef, error) {
	m := imp.m
	var out []model.Statement
	props := make([]string, 0, len(m.Properties))
	for p := range m.Properties {
		props = append(props, p)
	}
	sort.Strings(props)
	for _, p := range props {
		for _, c := range m.Properties[p] {
			values := []string{imp.cell(row, c)}
			if sep := m.Split[p]; sep != "" {
				values = strings.Split(values[0], sep)
			}
			for _, v := range values {
				v = strings.TrimSpace(v)
				if v == "" {
					continue
				}
				if !propertyFor(p, typ) {
					return nil, nil, fmt.Errorf("column %q: a %s has no %s in FtM (map the column to notes to keep it)", c, typ, p)
				}
				s := model.Statement{Property: model.Property(p), Value: v}
				switch export.PropType(p) {
				case "date":
					d, err := model.ParseDate(v)
					if err != nil {
						return nil, nil, fmt.Errorf("column %q: %w", c, err)
					}
					s.DateStart = d
				case "country":
					if code := ftm.Default().CountryCode(v); code != "" {
						s.Value = code // "Syria" → "sy"; a value FtM has no code for stays as written
					}
				}
				out = append(out, s)
			}
		}
	}
	var links []linkRef
	lprops := make([]string, 0, len(m.Links))
	for p := range m.Links {
		lprops = append(lprops, p)
	}
	sort.Strings(lprops)
	for _, p := range lprops {
		l := m.Links[p]
		refs := []string{imp.cell(row, l.Column)}
		if sep := m.Split[p]; sep != "" {
			refs = strings.Split(refs[0], sep)
		}
		for _, ref := range refs {
			if ref = strings.TrimSpace(ref); ref != "" {
				links = append(links, linkRef{p, ref, l.Role, model.EntityType(l.Match)})
			}
		}
	}
	return out, links, nil
}

// matchNames looks up the names in match columns among the stored
// entities: a name the matcher is sure of links to its entity; any other
// becomes a new entity of the type, named so, which resolution after the
// import proposes to merge with its likely matches.
func (imp *csvImport) matchNames(ctx context.Context, rows []csvRow) error {
	imp.nameOf, imp.firsts = map[string]string{}, map[string]csvRow{}
	var res *resolve.Resolver
	for _, row := range rows {
		for _, l := range row.links {
			if l.match == "" {
				continue
			}
			key := string(l.match) + "\x00" + l.ref
			if _, done := imp.named[key]; done {
				continue
			}
			if res == nil {
				var err error
				if res, err = imp.resolver(ctx); err != nil {
					return err
				}
			}
			cands, err := res.Match(ctx, imp.v, l.ref, l.match, 1)
			if err != nil {
				return err
			}
			if len(cands) > 0 && cands[0].Link {
				imp.named[key] = csvEntity{cands[0].EntityID, l.match}
				continue
			}
			e := csvEntity{derived(imp.fileID, "csv-name", string(l.match), l.ref), l.match}
			imp.named[key] = e
			imp.nameOf[e.id], imp.firsts[e.id] = l.ref, row
		}
	}
	return nil
}

func (imp *csvImport) resolver(ctx context.Context) (*resolve.Resolver, error) {
	if imp.opt.Resolver != nil {
		return imp.opt.Resolver, nil
	}
	return resolve.New(ctx, imp.st)
}

// ensure makes sure the store holds an entity, of the type the file says.
func (imp *csvImport) ensure(ctx context.Context, tx *store.Tx, e csvEntity, r *Result) error {
	if imp.made[e.id] {
		return nil
	}
	have, ok, err := tx.EntityType(ctx, e.id)
	if err != nil {
		return err
	}
	if ok && have != e.typ {
		return lineErr{fmt.Errorf("entity %s is a %s in the store, not a %s", e.id, have, e.typ)}
	}
	if !ok {
		if _, err := tx.AddEntityWithID(ctx, e.id, e.typ); err != nil {
			return err
		}
		r.Entities++
	}
	imp.made[e.id] = true
	r.Imported = append(r.Imported, Imported{ID: e.id, Type: e.typ})
	return nil
}

// write stores one row's statements.
func (imp *csvImport) write(ctx context.Context, tx *store.Tx, row csvRow, r *Result) error {
	stmts := append([]model.Statement{}, row.stmts...)
	ents := []csvEntity{row.ent}
	var named []csvEntity
	for _, l := range row.links {
		var t csvEntity
		if l.match != "" {
			t = imp.named[string(l.match)+"\x00"+l.ref]
			if imp.nameOf[t.id] != "" {
				named = append(named, t)
			}
		} else {
			var ok bool
			if t, ok = imp.byKey[l.ref]; !ok {
				r.SkippedLinks++
				continue
			}
		}
		s := model.Statement{Property: model.Property(l.prop), ValueEntity: t.id, Role: model.ParticipantRole(l.role)}
		if l.match != "" {
			s.Value = l.ref // as written: an affiliation's name, a place's
		}
		stmts = append(stmts, s)
		ents = append(ents, t)
	}
	for _, e := range ents {
		if err := imp.ensure(ctx, tx, e, r); err != nil {
			return err
		}
	}
	src, span, err := imp.cite(ctx, tx, row, r)
	if err != nil {
		return err
	}
	for _, e := range named {
		// A new entity a match column names: its name, as the row wrote it.
		first := imp.firsts[e.id]
		if first.row.Line != row.row.Line {
			continue
		}
		s := model.Statement{ID: derived(imp.fileID, "csv-name", string(e.typ), imp.nameOf[e.id], "name"), EntityID: e.id,
			Property: model.PropName, Value: imp.nameOf[e.id]}
		if err := imp.add(ctx, tx, s, src, span, r); err != nil {
			return err
		}
	}
	for _, s := range stmts {
		s.ID = derived(imp.fileID, "csv", fmt.Sprint(row.row.Line), string(s.Property), s.Value+s.ValueEntity)
		s.EntityID = row.ent.id
		if err := imp.add(ctx, tx, s, src, span, r); err != nil {
			return err
		}
	}
	return nil
}

// add stores a statement citing src at span, unless it is stored already.
func (imp *csvImport) add(ctx context.Context, tx *store.Tx, s model.Statement, src string, span model.Span, r *Result) error {
	exists, err := tx.StatementExists(ctx, s.ID)
	if err != nil {
		return err
	}
	if exists {
		r.Existing++
		return nil
	}
	s.SourceID, s.Span = src, span
	s.Status, s.Sensitivity, s.Origin = model.StatusProposed, imp.opt.Sensitivity, "imported:"+imp.fileID
	if err := tx.AddStatement(ctx, &s); err != nil {
		return fmt.Errorf("statement %s: %w", s.Property, err)
	}
	r.Statements++
	return nil
}

// resolve runs resolution over the entities the import stored, as ingest
// does after extraction: an imported entity the names matcher is sure is
// one already stored is merged into it, one it is not sure of is proposed
// for review.
func (imp *csvImport) resolve(ctx context.Context, r *Result) error {
	var ids []string
	seen := map[string]bool{}
	for _, e := range r.Imported {
		if !seen[e.ID] && e.Type != model.TypeEvent {
			seen[e.ID] = true
			ids = append(ids, e.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	res := imp.opt.Resolver
	if res == nil {
		var err error
		if res, err = resolve.New(ctx, imp.st); err != nil {
			return err
		}
	}
	stats, err := res.ResolveEntities(ctx, ids)
	r.Merged, r.Proposed = stats.Merged, stats.Proposed
	return err
}
