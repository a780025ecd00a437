package dataimport

import (
	"bytes"
	"context"
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
	at     int64      // the byte offset of the row's text (its quote)
}

// table is a spreadsheet an import reads row by row, more than once: a CSV
// text read from text each time, or a workbook's sheet read from the
// workbook each time (its text, as CSV, in text).
type table struct {
	header      []string
	contentType string
	text        File // the text spans point into
	delimiter   string
	workbook    *xlsxSheet   // a workbook's sheet, or nil
	decoded     *decodedText // the temporary file of a text decoded or a workbook's sheet's text, or nil
}

// close removes what the table made to read the file.
func (t *table) close() error {
	err := t.decoded.Close()
	if werr := t.workbook.Close(); err == nil {
		err = werr
	}
	return err
}

// each calls row with each row of the table in order, and bad (when not
// nil) with each that cannot be read.
func (t *table) each(row func(Row) error, bad func(LineError)) error {
	if t.workbook != nil {
		return t.workbook.scan(nil, row, bad)
	}
	if err := rewind(t.text); err != nil {
		return fmt.Errorf("read the file: %w", err)
	}
	c, err := newCSVRows(t.text, t.delimiter)
	if err != nil {
		return err
	}
	for {
		r, b, err := c.next()
		switch {
		case err != nil:
			return err
		case b != nil:
			if bad != nil {
				bad(*b)
			}
		case r.Line == 0:
			return nil
		default:
			if err := row(r); err != nil {
				return err
			}
		}
	}
}

// openTable reads what a spreadsheet of size bytes is, and its header. A
// CSV file in UTF-8 (which check has been told whole) is read from f, its
// byte-order mark left out; in another encoding that can be told from the
// mapping or the file's first MiB (streamEncoding) it is decoded as a
// stream into a temporary file, which is read so; in any other its text is
// decoded and held; a workbook is read a row at a time from its file
// (xlsx.go). The table is closed when the import is done.
// A sealed import (restricted or confidential: its original is sealed
// whole) writes nothing of the file's text to a temporary file: its
// legacy encoding is decoded, and its workbook's sheet read, in memory.
func openTable(f File, size int64, m Mapping, check *utf8Check, sealed bool) (*table, error) {
	head := make([]byte, min(size, 4096))
	if _, err := f.ReadAt(head, 0); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("read the file: %w", err)
	}
	if check.valid() && check.nul == 0 && !bytes.HasPrefix(head, []byte("PK\x03\x04")) {
		// The rules ingest decodes by, on the first bytes: a file in UTF-8
		// whose head they read so is read so whole (else it is decoded
		// whole, by the rules, below).
		_, enc, err := ingest.DecodeText(wholeRunes(head), m.Encoding)
		bom := int64(0)
		if bytes.HasPrefix(head, []byte("\ufeff")) {
			bom = 3
		}
		runes := check.runes - int(bom/3)
		if err == nil && enc == "utf-8" && !(check.ctl > 0 && check.ctl*50 > runes) {
			text := io.NewSectionReader(f, bom, size-bom)
			c, err := newCSVRows(text, m.Delimiter)
			if err != nil {
				return nil, err
			}
			return &table{header: c.header, contentType: "text/csv; charset=utf-8", text: text, delimiter: m.Delimiter}, nil
		}
	}
	if bytes.HasPrefix(head, []byte("PK\x03\x04")) {
		ok, err := isWorkbook(f, size)
		if err != nil {
			return nil, err
		}
		if ok {
			return openWorkbookTable(f, m, sealed)
		}
	}
	if decodeStreamed && !sealed && !bytes.HasPrefix(head, []byte("PK\x03\x04")) {
		e, enc, ok, err := streamEncoding(f, size, head, m.Encoding, check.nul)
		if err != nil {
			return nil, err
		}
		var d *decodedText
		if ok {
			if d, ok, err = decodeToTemp(f, size, e); err != nil {
				return nil, err
			}
		}
		if ok {
			c, err := newCSVRows(d.text, m.Delimiter)
			if err != nil {
				d.Close()
				return nil, err
			}
			return &table{header: c.header, contentType: "text/csv; charset=" + enc, text: d.text, delimiter: m.Delimiter, decoded: d}, nil
		}
	}
	data, err := readAll(f)
	if err != nil {
		return nil, fmt.Errorf("read the file: %w", err)
	}
	text, enc, err := ingest.DecodeText(data, m.Encoding)
	if err != nil {
		return nil, fmt.Errorf("%w: save the file as UTF-8, or name its encoding in the mapping (encoding: windows-1256)", err)
	}
	data = nil
	t := strings.NewReader(strings.TrimPrefix(text, "\ufeff"))
	c, err := newCSVRows(t, m.Delimiter)
	if err != nil {
		return nil, err
	}
	return &table{header: c.header, contentType: "text/csv; charset=" + enc, text: t, delimiter: m.Delimiter}, nil
}

// wholeRunes is b without a code point its end cuts.
func wholeRunes(b []byte) []byte {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				return b[:i]
			}
			break
		}
	}
	return b
}

// ReadCSV reads a spreadsheet's text: its header, its rows (each with the
// span of its text), and the rows it could not read, by line: a row with
// more or fewer cells than the header (a missing or extra delimiter shifts
// every cell after it, so it is not guessed at), or one CSV cannot parse
// (a stray quote), after which reading goes on at the next line. Only a
// file with no header, or a header naming a column twice, is an error.
// It is csvRows, which imports use to read a file a row at a time,
// reading a text held whole.
func ReadCSV(text, delimiter string) ([]string, []Row, []LineError, error) {
	c, err := newCSVRows(strings.NewReader(strings.TrimPrefix(text, "\ufeff")), delimiter)
	if err != nil {
		return nil, nil, nil, err
	}
	var rows []Row
	var bad []LineError
	for {
		row, b, err := c.next()
		switch {
		case err != nil:
			return c.header, rows, bad, err
		case b != nil:
			bad = append(bad, *b)
		case row.Line == 0:
			return c.header, rows, bad, nil
		default:
			rows = append(rows, row)
		}
	}
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
// import stored when it is done, as it runs after ingest. CSV reads data
// held in memory; CSVFile reads a file.
func CSV(ctx context.Context, st *store.Store, v access.Viewer, data []byte, m Mapping, opt Options) (Result, error) {
	return CSVFile(ctx, st, v, bytes.NewReader(data), m, opt)
}

// File is a file an import reads more than once: an *os.File, or a
// *bytes.Reader over data held already.
type File interface {
	io.ReadSeeker
	io.ReaderAt
}

// CSVFile is CSV reading the spreadsheet from f, a row at a time for a CSV
// file in UTF-8 (issue 23): f is read once to archive it and check it is
// text, once to read and check every row, once for the archived source's
// text, and once to write a batch of rows at a time. What is kept between
// the reads is what the rows name, not the rows: a compact map of the
// file's ids (entities), the bad rows' lines, the names match columns
// give, and the place in the file of each row that gives a source URL. A
// CSV file in a legacy encoding the mapping declares, or that its first
// MiB shows, is decoded as a stream into a temporary file read so
// (csv_decode.go); one in an encoding told otherwise (a byte-order mark,
// Windows-1252) is decoded, and its text held, whole; a workbook (XLSX) is
// read a row at a time, from its file when f is an *os.File (xlsx.go).
func CSVFile(ctx context.Context, st *store.Store, v access.Viewer, f File, m Mapping, opt Options) (Result, error) {
	r := Result{Skipped: map[string]int{}, Dropped: map[string]int{}}
	if !v.CanWrite() {
		return r, fmt.Errorf("%s may not add to the store", v.Actor())
	}
	if err := m.check(); err != nil {
		return r, err
	}
	// Pass 1: stage the original, and learn whether it is text.
	size, err := f.Seek(0, io.SeekEnd)
	if err == nil {
		err = rewind(f)
	}
	if err != nil {
		return r, fmt.Errorf("read the file: %w", err)
	}
	w, err := st.NewBlobWriter(ctx)
	if err != nil {
		return r, err
	}
	staging := true
	defer func() {
		if staging {
			w.Abort()
		}
	}()
	check := utf8Check{count: true}
	if _, err := io.Copy(io.MultiWriter(w, &check), f); err != nil {
		return r, fmt.Errorf("read the file: %w", err)
	}
	sheet, err := openTable(f, size, m, &check, store.Sealed(opt.Sensitivity))
	if err != nil {
		return r, InputError{err}
	}
	defer sheet.close()
	col := map[string]int{}
	for i, h := range sheet.header {
		col[h] = i
	}
	for _, c := range m.columns() {
		if _, ok := col[c]; !ok {
			return r, InputError{fmt.Errorf("the mapping names column %q, which the file does not have (columns: %s)", c, strings.Join(sheet.header, ", "))}
		}
	}
	fileID, stored, err := fileRecord(ctx, st, v, w.Sum())
	if err != nil {
		return r, err
	}
	imp := &csvImport{st: st, v: v, opt: opt, m: m, col: col, fileID: fileID, text: sheet.text,
		keys: newEntities(), made: newEntities(), named: map[string]csvEntity{}, records: map[string]*urlRecord{}}
	// Pass 2: read and check every row, learning what they name.
	bad := map[int]bool{}
	total, read := 0, 0
	err = sheet.each(func(row Row) error {
		read++
		good, keep, err := imp.check(row, true)
		if err != nil {
			r.Errors = append(r.Errors, LineError{row.Line, err})
			bad[row.Line] = true
		} else if keep {
			imp.learn(good)
			total++
		}
		return nil
	}, func(e LineError) {
		read++
		r.Errors = append(r.Errors, e)
	})
	if err != nil {
		return r, InputError{err}
	}
	r.sortErrors()
	if opt.Strict && len(r.Errors) > 0 {
		return r, InputError{fmt.Errorf("%d of %d rows cannot be imported, and --strict refuses the file: nothing was stored", len(r.Errors), read)}
	}
	if err := imp.matchNames(ctx); err != nil {
		return r, err
	}
	// The file archived, and its text.
	file := model.Source{Kind: model.KindDocument, Title: opt.Title, Filename: filepath.Base(opt.Filename),
		ContentType: sheet.contentType, Sensitivity: opt.Sensitivity}
	if file.Title == "" {
		file.Title = "Spreadsheet import: " + file.Filename
	}
	a := archived{id: fileID, stored: stored}
	staging = false
	if store.Sealed(opt.Sensitivity) {
		w.Abort() // sealed whole by archiveFile
	} else if a.blob, err = w.Close(); err != nil {
		return r, err
	} else {
		a.staged = true
	}
	if err := archiveFile(ctx, st, v, f, sheet.text, file, a); err != nil {
		return r, err
	}
	r.Source = fileID
	// Pass 3: write, a batch of rows a transaction.
	n, done := opt.batch(), 0
	batch := make([]csvRow, 0, n)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		b := Result{Skipped: map[string]int{}, Dropped: map[string]int{}}
		err := st.Write(ctx, v.Actor(), func(tx *store.Tx) error {
			for _, row := range batch {
				err := imp.write(ctx, tx, row, &b)
				var le lineErr
				if errors.As(err, &le) {
					b.Errors = append(b.Errors, LineError{row.row.Line, le.error})
					continue
				}
				if err != nil {
					return fmt.Errorf("line %d: %w", row.row.Line, err)
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("rows on lines %d–%d not stored: %w", batch[0].row.Line, batch[len(batch)-1].row.Line, err)
		}
		r.add(b)
		done += len(batch)
		batch = batch[:0]
		if opt.Progress != nil {
			opt.Progress(done, total)
		}
		return nil
	}
	err = sheet.each(func(row Row) error {
		if bad[row.Line] {
			return nil
		}
		good, keep, err := imp.check(row, false)
		if err != nil {
			return fmt.Errorf("line %d: the file changed while it was imported: %w", row.Line, err)
		}
		if !keep {
			return nil
		}
		if batch = append(batch, good); len(batch) == n {
			return flush()
		}
		return nil
	}, nil)
	if err == nil {
		err = flush()
	}
	if err != nil {
		return r, err
	}
	if total == 0 && opt.Progress != nil {
		opt.Progress(0, 0)
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
	text    File                  // the spreadsheet's text, which row quotes are read back from
	keys    *entities             // the file's ids of entities (by the id column, or "row N") and their types
	made    *entities             // entities this import has made sure of
	named   map[string]csvEntity  // type + name in a match column → the entity it stands for
	names   []nameRef             // the names in match columns, each once, in the order the rows give them
	nameOf  map[string]string     // a new entity a match column names → the name
	firsts  map[string]int        // a new entity a match column names → the line of the row that first names it
	records map[string]*urlRecord // source URL → the record of it
}

// nameRef is a name a match column gives, and the line of the first row
// that gives it.
type nameRef struct {
	match model.EntityType
	ref   string
	line  int
}

func (imp *csvImport) cell(row Row, c string) string {
	if i := imp.col[c]; i < len(row.Fields) {
		return strings.TrimSpace(row.Fields[i])
	}
	return ""
}

// check reads a row: its entity and type, statements and links, checked.
// keep is false for a row with nothing in the mapped columns. The first
// pass learns the file's ids as it goes (learn); the second finds them
// all known, and, the file being the same, the same rows good.
func (imp *csvImport) check(row Row, learn bool) (csvRow, bool, error) {
	typ := model.EntityType(imp.m.EntityType)
	if imp.m.TypeColumn != "" {
		word := imp.cell(row, imp.m.TypeColumn)
		if t, ok := imp.m.Types[word]; ok {
			word = t
		}
		t, err := model.ParseEntityType(strings.ToLower(word))
		if err != nil {
			return csvRow{}, false, fmt.Errorf("column %q: %w", imp.m.TypeColumn, err)
		}
		typ = t
	}
	key := fmt.Sprintf("row %d", row.Line)
	if imp.m.IDColumn != "" {
		if key = imp.cell(row, imp.m.IDColumn); key == "" {
			return csvRow{}, false, fmt.Errorf("column %q is empty", imp.m.IDColumn)
		}
	}
	have, ok := imp.keys.held(key)
	if ok && have != typ {
		return csvRow{}, false, fmt.Errorf("id %q is a %s here and a %s on an earlier row", key, typ, have)
	}
	stmts, links, err := imp.statements(row, typ)
	if err != nil {
		return csvRow{}, false, err
	}
	u := ""
	if imp.m.SourceURL != "" {
		if u = imp.cell(row, imp.m.SourceURL); u != "" {
			if p, err := url.Parse(u); err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
				return csvRow{}, false, fmt.Errorf("column %q: %q is not an http(s) URL", imp.m.SourceURL, u)
			}
		}
	}
	if !ok && learn {
		imp.keys.hold(key, typ)
	}
	if len(stmts) == 0 && len(links) == 0 {
		return csvRow{}, false, nil // nothing in the mapped columns
	}
	return csvRow{row: row, ent: csvEntity{imp.entityID(key), typ}, stmts: stmts, links: links, url: u}, true, nil
}

// entityID is the id of the entity the file's id (or "row N") stands for.
func (imp *csvImport) entityID(key string) string { return derived(imp.fileID, "csv", key) }

// learn records, from a good row of the first pass, the names its match
// columns give and the source URL it cites.
func (imp *csvImport) learn(row csvRow) {
	for _, l := range row.links {
		if l.match == "" {
			continue
		}
		key := string(l.match) + "\x00" + l.ref
		if _, seen := imp.named[key]; !seen {
			imp.named[key] = csvEntity{}
			imp.names = append(imp.names, nameRef{l.match, l.ref, row.row.Line})
		}
	}
	if row.url != "" {
		rec := imp.records[row.url]
		if rec == nil {
			rec = &urlRecord{url: row.url, spans: map[int][2]int{}}
			imp.records[row.url] = rec
		}
		q := row.row.Span.Quote
		rec.rows = append(rec.rows, quoteAt{line: row.row.Line, at: row.row.at, size: len(q)})
	}
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
func (imp *csvImport) matchNames(ctx context.Context) error {
	imp.nameOf, imp.firsts = map[string]string{}, map[string]int{}
	var res *resolve.Resolver
	for _, l := range imp.names {
		key := string(l.match) + "\x00" + l.ref
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
		imp.nameOf[e.id], imp.firsts[e.id] = l.ref, l.line
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
	if imp.made.made(e.id) {
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
	imp.made.setMade(e.id)
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
			typ, ok := imp.keys.held(l.ref)
			if !ok {
				r.SkippedLinks++
				continue
			}
			t = csvEntity{imp.entityID(l.ref), typ}
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
		if imp.firsts[e.id] != row.row.Line {
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
