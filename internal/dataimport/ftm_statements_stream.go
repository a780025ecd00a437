package dataimport

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/athar-project/athar/internal/export/ftm"
)

// A statement file is read without being held (issue 23): the first read
// checks every statement and keeps, for each entity (by canonical id, in
// the order each first appears), its schema and where in the file each of
// its statements is — 16 bytes a statement and the entity's id, where the
// file and its parsed statements took a few hundred bytes a statement. An
// entity's statements are read back from the file, and put together, when
// it is learnt and again when it is written.

// stmtAt is where a statement is in the file: its byte offset and size
// (a line, or a CSV record), and its line.
type stmtAt struct {
	at   int64
	size int32
	line int32
}

// stmtEntity is an entity of a statement file: its canonical id and schema
// (the most specific its statements give), its first line, and where its
// statements are. bad marks one that could not be put together or learnt.
type stmtEntity struct {
	id, schema string
	line       int
	stmts      []stmtAt
	bad        bool
}

// stmtFile is what the first read of a statement file learns.
type stmtFile struct {
	form    int
	bom     int64
	col     map[string]int // a CSV file's columns
	cells   int            // and how many its header has
	byID    map[string]*stmtEntity
	order   []*stmtEntity
	schemas map[string]string // each schema's name, held once
}

// readStatementsFile is the first read of a statement file of the form
// (JSON lines or CSV): every statement checked and placed in its entity,
// the bad ones recorded in r (as group records them). A CSV row CSV cannot
// parse stops the read: CSV gives no way to tell where the next row starts.
func readStatementsFile(in io.Reader, form int, r *Result) (*stmtFile, error) {
	sf := &stmtFile{form: form, byID: map[string]*stmtEntity{}, schemas: map[string]string{}}
	if form == formatStatementsCSV {
		return sf, sf.readCSV(in, r)
	}
	l := newLines(in)
	for {
		at := l.pos
		ok, err := l.next()
		if err != nil {
			return nil, fmt.Errorf("read the file: %w", err)
		}
		if !ok {
			return sf, nil
		}
		if len(bytes.TrimSpace(l.line)) == 0 {
			continue
		}
		if l.long {
			r.Errors = append(r.Errors, LineError{l.n, errLong()})
			continue
		}
		s, err := ParseStatement(l.line)
		if err != nil {
			r.Errors = append(r.Errors, LineError{l.n, err})
			continue
		}
		s.line = l.n
		sf.place(s, stmtAt{at, int32(len(l.line)), int32(l.n)}, r)
	}
}

func (sf *stmtFile) readCSV(in io.Reader, r *Result) error {
	b := bufioReader(in)
	if head, _ := b.Peek(3); bytes.Equal(head, []byte("\ufeff")) {
		sf.bom = 3
		_, _ = b.Discard(3)
	}
	cr := csv.NewReader(b)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return InputError{fmt.Errorf("the header: %w", err)}
	}
	sf.col, sf.cells = map[string]int{}, len(header)
	for i, h := range header {
		sf.col[strings.TrimSpace(h)] = i
	}
	for _, c := range []string{"entity_id", "prop", "schema", "value"} {
		if _, ok := sf.col[c]; !ok {
			return InputError{fmt.Errorf("the header has no %s column (columns: %s)", c, strings.Join(header, ", "))}
		}
	}
	for {
		at := cr.InputOffset()
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return InputError{fmt.Errorf("line %d: %v", pe.StartLine, pe.Err)}
			}
			return fmt.Errorf("read the file: %w", err)
		}
		line, _ := cr.FieldPos(0)
		s, err := sf.csvStatement(rec, line)
		if err != nil {
			r.Errors = append(r.Errors, LineError{line, err})
			continue
		}
		sf.place(s, stmtAt{sf.bom + at, int32(cr.InputOffset() - at), int32(line)}, r)
	}
}

// csvStatement reads a statement from a CSV record, by the header's names.
func (sf *stmtFile) csvStatement(rec []string, line int) (ftmStatement, error) {
	if len(rec) != sf.cells {
		return ftmStatement{}, fmt.Errorf("%d cells, the header has %d", len(rec), sf.cells)
	}
	get := func(c string) string {
		if i, ok := sf.col[c]; ok {
			return rec[i]
		}
		return ""
	}
	s := ftmStatement{ID: get("id"), EntityID: get("entity_id"), CanonicalID: get("canonical_id"), Prop: get("prop"),
		Schema: get("schema"), Value: get("value"), line: line}
	if a := get("athar"); a != "" {
		if err := json.Unmarshal([]byte(a), &s.Athar); err != nil {
			return ftmStatement{}, fmt.Errorf("the athar cell: %w", err)
		}
	}
	return s, s.check()
}

// place puts a statement in its entity, as group does: an entity's schema
// is the most specific its statements give, and a statement of a schema
// that is not one of them is an error on its line.
func (sf *stmtFile) place(s ftmStatement, at stmtAt, r *Result) {
	e := sf.byID[s.CanonicalID]
	if e == nil {
		e = &stmtEntity{id: s.CanonicalID, schema: sf.schema(s.Schema), line: s.line}
		sf.byID[s.CanonicalID] = e
		sf.order = append(sf.order, e)
	}
	if s.Schema != e.schema {
		m := ftm.Default()
		have, got := m.Schema(e.schema), m.Schema(s.Schema)
		switch {
		case got.IsA(have.Name):
			e.schema = sf.schema(got.Name) // the more specific
		case !have.IsA(got.Name):
			r.Errors = append(r.Errors, LineError{s.line, fmt.Errorf("entity %s is a %s here and a %s on line %d", s.CanonicalID, s.Schema, e.schema, e.line)})
			return
		}
	}
	e.stmts = append(e.stmts, at)
}

func (sf *stmtFile) schema(name string) string {
	if s, ok := sf.schemas[name]; ok {
		return s
	}
	sf.schemas[name] = name
	return name
}

// item reads an entity's statements back from f and puts them together
// (groupOne): bad is why they cannot be, err a failure to read them.
func (sf *stmtFile) item(f io.ReadSeeker, e *stmtEntity) (it item, bad, err error) {
	stmts := make([]ftmStatement, 0, len(e.stmts))
	var buf []byte
	for _, at := range e.stmts {
		if _, err := f.Seek(at.at, io.SeekStart); err != nil {
			return item{}, nil, fmt.Errorf("read the file: %w", err)
		}
		buf = append(buf[:0], make([]byte, at.size)...)
		if _, err := io.ReadFull(f, buf); err != nil {
			return item{}, nil, fmt.Errorf("read the file: %w", err)
		}
		var s ftmStatement
		var err error
		if sf.form == formatStatementsCSV {
			cr := csv.NewReader(bytes.NewReader(buf))
			cr.FieldsPerRecord = -1
			var rec []string
			if rec, err = cr.Read(); err == nil {
				s, err = sf.csvStatement(rec, int(at.line))
			}
		} else {
			s, err = ParseStatement(buf)
		}
		if err != nil {
			return item{}, nil, fmt.Errorf("line %d: the file changed while it was imported: %w", at.line, err)
		}
		s.line = int(at.line)
		stmts = append(stmts, s)
	}
	it, bad = groupOne(e.id, e.schema, e.line, stmts)
	return it, bad, nil
}
