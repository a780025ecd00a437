package dataimport

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/export"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// Mapping says how the columns of a spreadsheet become entities and
// statements (docs/import.md has an example). Columns are named by their
// header, exactly as the first row of the file writes them.
type Mapping struct {
	// Delimiter separates cells: "," (the default), ";" or "\t".
	Delimiter string `json:"delimiter,omitempty"`
	// EntityType is the type of every row's entity: person, organization,
	// facility, place or event. Or TypeColumn names the column that holds
	// it, and Types, when given, reads that column's words as types
	// ("Detainee": "person").
	EntityType string            `json:"entity_type,omitempty"`
	TypeColumn string            `json:"type_column,omitempty"`
	Types      map[string]string `json:"types,omitempty"`
	// IDColumn holds the file's own id of a row's entity: rows with the same
	// id are one entity, and links name entities by it. Without it every
	// row is an entity of its own.
	IDColumn string `json:"id_column,omitempty"`
	// Properties maps an Athar property (FtM's name: name, alias,
	// birthDate, title, nationality, date, summary...) to the column, or
	// columns, that hold its values.
	Properties map[string]Columns `json:"properties"`
	// Split names properties whose cells hold several values, and the
	// separator between them ("alias": ";").
	Split map[string]string `json:"split,omitempty"`
	// Links maps a property whose value is another entity (involved,
	// organizer, location...) to the column holding that entity's id (as
	// IDColumn gives it) and, for an event's participant, their role.
	Links map[string]Link `json:"links,omitempty"`
}

// Columns is one column name or a list of them.
type Columns []string

// UnmarshalJSON reads a column name or a list of names.
func (c *Columns) UnmarshalJSON(b []byte) error {
	var one string
	if err := json.Unmarshal(b, &one); err == nil {
		*c = Columns{one}
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return errors.New("want a column name or a list of column names")
	}
	*c = many
	return nil
}

// Link is the column of a link's target and the role of the entity linked.
type Link struct {
	Column string `json:"column"`
	Role   string `json:"role,omitempty"`
}

// UnmarshalJSON reads a column name or {"column": ..., "role": ...}.
func (l *Link) UnmarshalJSON(b []byte) error {
	var col string
	if err := json.Unmarshal(b, &col); err == nil {
		*l = Link{Column: col}
		return nil
	}
	type plain Link
	var p plain
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return fmt.Errorf("want a column name or {\"column\", \"role\"}: %w", err)
	}
	*l = Link(p)
	return nil
}

// ParseMapping reads and checks a mapping file (JSON).
func ParseMapping(data []byte) (Mapping, error) {
	var m Mapping
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return m, fmt.Errorf("mapping: %w", err)
	}
	if dec.More() {
		return m, errors.New("mapping: more than one JSON value")
	}
	return m, m.check()
}

func (m Mapping) check() error {
	switch m.Delimiter {
	case "", ",", ";", "\t", "|":
	default:
		return fmt.Errorf("mapping: delimiter %q: want \",\", \";\", \"|\" or a tab", m.Delimiter)
	}
	if (m.EntityType == "") == (m.TypeColumn == "") {
		return errors.New("mapping: give entity_type or type_column, one of them")
	}
	if m.EntityType != "" {
		if _, err := model.ParseEntityType(m.EntityType); err != nil {
			return fmt.Errorf("mapping: entity_type: %w", err)
		}
	}
	for word, typ := range m.Types {
		if _, err := model.ParseEntityType(typ); err != nil {
			return fmt.Errorf("mapping: types[%q]: %w", word, err)
		}
	}
	if len(m.Properties) == 0 && len(m.Links) == 0 {
		return errors.New("mapping: no properties: name at least one column to import")
	}
	for p, cols := range m.Properties {
		if p == "" || len(cols) == 0 {
			return fmt.Errorf("mapping: property %q has no column", p)
		}
		if export.PropType(p) == "entity" {
			return fmt.Errorf("mapping: %s links to an entity: put it under links", p)
		}
		for _, c := range cols {
			if c == "" {
				return fmt.Errorf("mapping: property %s: an empty column name", p)
			}
		}
	}
	for p, sep := range m.Split {
		_, prop := m.Properties[p]
		_, link := m.Links[p]
		if !prop && !link {
			return fmt.Errorf("mapping: split %s: not a mapped property or link", p)
		}
		if sep == "" {
			return fmt.Errorf("mapping: split %s: an empty separator", p)
		}
	}
	for p, l := range m.Links {
		if p == "" || l.Column == "" {
			return fmt.Errorf("mapping: link %q has no column", p)
		}
		if _, err := model.ParseParticipantRole(l.Role); l.Role != "" && err != nil {
			return fmt.Errorf("mapping: link %s: unknown role %q (want subject, perpetrator, victim, agent or witness)", p, l.Role)
		}
	}
	if len(m.Links) > 0 && m.IDColumn == "" {
		return errors.New("mapping: links name entities by their id: give id_column")
	}
	return nil
}

// columns lists every column the mapping reads.
func (m Mapping) columns() []string {
	var out []string
	for _, c := range []string{m.TypeColumn, m.IDColumn} {
		if c != "" {
			out = append(out, c)
		}
	}
	for _, cols := range m.Properties {
		out = append(out, cols...)
	}
	for _, l := range m.Links {
		out = append(out, l.Column)
	}
	return out
}

// Row is one data row of a spreadsheet, read.
type Row struct {
	Line   int // 1-based line of the file where the row starts
	Fields []string
	Span   model.Span // the row's text in the file: code points and quote
}

// ReadCSV reads a spreadsheet: its header and its rows, each with the span
// of its text in the file. A row that cannot be read is an error: CSV
// gives no way to tell where the next row starts.
func ReadCSV(data []byte, delimiter string) ([]string, []Row, error) {
	if !utf8.Valid(data) {
		return nil, nil, errors.New("the file is not UTF-8 text")
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	r := csv.NewReader(bytes.NewReader(data))
	if delimiter != "" {
		r.Comma, _ = utf8.DecodeRuneInString(delimiter)
	}
	r.FieldsPerRecord = 0
	header, err := r.Read()
	if err == io.EOF {
		return nil, nil, errors.New("the file is empty")
	}
	if err != nil {
		return nil, nil, err
	}
	seen := map[string]bool{}
	for i, h := range header {
		header[i] = strings.TrimSpace(h)
		if seen[header[i]] {
			return nil, nil, fmt.Errorf("line 1: column %q twice", header[i])
		}
		seen[header[i]] = true
	}
	var rows []Row
	off := r.InputOffset()
	cp := utf8.RuneCount(data[:off])
	for {
		fields, err := r.Read()
		if err == io.EOF {
			return header, rows, nil
		}
		if err != nil {
			return header, rows, err
		}
		line, _ := r.FieldPos(0)
		end := r.InputOffset()
		text := strings.TrimRight(string(data[off:end]), "\r\n")
		n := utf8.RuneCountInString(text)
		rows = append(rows, Row{Line: line, Fields: fields, Span: model.Span{Start: cp, End: cp + n, Quote: text}})
		cp += utf8.RuneCount(data[off:end])
		off = end
	}
}

// CSV imports a spreadsheet by a mapping: each row's values become
// proposed statements citing the file, their span the row's text in it.
func CSV(ctx context.Context, st *store.Store, v access.Viewer, data []byte, m Mapping, opt Options) (Result, error) {
	r := Result{Skipped: map[string]int{}}
	if !v.CanWrite() {
		return r, fmt.Errorf("%s may not add to the store", v.Actor())
	}
	if err := m.check(); err != nil {
		return r, err
	}
	header, rows, err := ReadCSV(data, m.Delimiter)
	if err != nil {
		return r, InputError{err}
	}
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	for _, c := range m.columns() {
		if _, ok := col[c]; !ok {
			return r, InputError{fmt.Errorf("the mapping names column %q, which the file does not have (columns: %s)", c, strings.Join(header, ", "))}
		}
	}
	fileID := store.SourceID(store.Hash(data))
	cell := func(row Row, c string) string {
		if i := col[c]; i < len(row.Fields) {
			return strings.TrimSpace(row.Fields[i])
		}
		return ""
	}
	// Pass 1: the entity of every row, and its type.
	type entity struct {
		id  string
		typ model.EntityType
	}
	byKey := map[string]entity{}
	rowEnt := make([]entity, len(rows))
	bad := map[int]bool{}
	fail := func(i int, err error) {
		r.Errors, bad[i] = append(r.Errors, LineError{rows[i].Line, err}), true
	}
	for i, row := range rows {
		typ := model.EntityType(m.EntityType)
		if m.TypeColumn != "" {
			word := cell(row, m.TypeColumn)
			if t, ok := m.Types[word]; ok {
				word = t
			}
			t, err := model.ParseEntityType(strings.ToLower(word))
			if err != nil {
				fail(i, fmt.Errorf("column %q: %w", m.TypeColumn, err))
				continue
			}
			typ = t
		}
		key := fmt.Sprintf("row %d", row.Line)
		if m.IDColumn != "" {
			if key = cell(row, m.IDColumn); key == "" {
				fail(i, fmt.Errorf("column %q is empty", m.IDColumn))
				continue
			}
		}
		e, ok := byKey[key]
		if ok && e.typ != typ {
			fail(i, fmt.Errorf("id %q is a %s here and a %s on an earlier row", key, typ, e.typ))
			continue
		}
		if !ok {
			e = entity{derived(fileID, "csv", key), typ}
			byKey[key] = e
		}
		rowEnt[i] = e
	}
	file := model.Source{Kind: model.KindDocument, Title: opt.Title, Filename: filepath.Base(opt.Filename),
		ContentType: "text/csv", Text: string(data), Sensitivity: opt.Sensitivity}
	if file.Title == "" {
		file.Title = "Spreadsheet import: " + file.Filename
	}
	made := map[string]bool{}
	ensure := func(ctx context.Context, tx *store.Tx, e entity, b *Result) error {
		if made[e.id] {
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
			b.Entities++
		}
		made[e.id] = true
		return nil
	}
	// Pass 2: the statements of each row, a batch of rows per transaction.
	n := opt.batch()
	for start := 0; start == 0 || start < len(rows); start += n {
		end := min(start+n, len(rows))
		batch := Result{Skipped: map[string]int{}}
		err := st.Write(ctx, v.Actor(), func(tx *store.Tx) error {
			if start == 0 {
				if _, err := tx.AddSource(ctx, &file, data); err != nil {
					return fmt.Errorf("archive the file: %w", err)
				}
				r.Source = file.ID
			}
			for i := start; i < end; i++ {
				if bad[i] {
					continue
				}
				stmts, links, err := m.statements(rows[i], cell)
				if err != nil {
					batch.Errors = append(batch.Errors, LineError{rows[i].Line, err})
					continue
				}
				if len(stmts) == 0 && len(links) == 0 {
					continue // nothing in the mapped columns
				}
				ents := []entity{rowEnt[i]}
				for _, l := range links {
					t, ok := byKey[l.id]
					if !ok {
						batch.SkippedLinks++
						continue
					}
					stmts = append(stmts, model.Statement{Property: model.Property(l.prop), ValueEntity: t.id, Role: model.ParticipantRole(l.role)})
					ents = append(ents, t)
				}
				var lineBad error
				for _, e := range ents {
					if err := ensure(ctx, tx, e, &batch); err != nil {
						var le lineErr
						if !errors.As(err, &le) {
							return err
						}
						lineBad = le.error
						break
					}
				}
				if lineBad != nil {
					batch.Errors = append(batch.Errors, LineError{rows[i].Line, lineBad})
					continue
				}
				for _, s := range stmts {
					value := s.Value + s.ValueEntity
					s.ID = derived(fileID, "csv", fmt.Sprint(rows[i].Line), string(s.Property), value)
					s.EntityID, s.SourceID, s.Span = rowEnt[i].id, fileID, rows[i].Span
					s.Status, s.Sensitivity, s.Origin = model.StatusProposed, opt.Sensitivity, "imported:"+fileID
					exists, err := tx.StatementExists(ctx, s.ID)
					if err != nil {
						return err
					}
					if exists {
						batch.Existing++
						continue
					}
					if err := tx.AddStatement(ctx, &s); err != nil {
						return fmt.Errorf("line %d: %w", rows[i].Line, err)
					}
					batch.Statements++
				}
			}
			return nil
		})
		if err != nil {
			return r, fmt.Errorf("rows %d–%d not stored: %w", start+1, end, err)
		}
		r.add(batch)
		if opt.Progress != nil {
			opt.Progress(end, len(rows))
		}
	}
	r.sortErrors()
	return r, nil
}

// linkRef is a link a row makes: its property, the file's id of the
// entity it names, and the role.
type linkRef struct{ prop, id, role string }

// statements reads a row's values by the mapping; links come apart, to be
// resolved to the entities the file's ids name.
func (m Mapping) statements(row Row, cell func(Row, string) string) ([]model.Statement, []linkRef, error) {
	var out []model.Statement
	props := make([]string, 0, len(m.Properties))
	for p := range m.Properties {
		props = append(props, p)
	}
	sortStrings(props)
	for _, p := range props {
		for _, c := range m.Properties[p] {
			values := []string{cell(row, c)}
			if sep := m.Split[p]; sep != "" {
				values = strings.Split(values[0], sep)
			}
			for _, v := range values {
				v = strings.TrimSpace(v)
				if v == "" {
					continue
				}
				s := model.Statement{Property: model.Property(p), Value: v}
				if export.PropType(p) == "date" {
					d, err := model.ParseDate(v)
					if err != nil {
						return nil, nil, fmt.Errorf("column %q: %w", c, err)
					}
					s.DateStart = d
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
	sortStrings(lprops)
	for _, p := range lprops {
		l := m.Links[p]
		ids := []string{cell(row, l.Column)}
		if sep := m.Split[p]; sep != "" {
			ids = strings.Split(ids[0], sep)
		}
		for _, id := range ids {
			if id = strings.TrimSpace(id); id != "" {
				links = append(links, linkRef{p, id, l.Role})
			}
		}
	}
	return out, links, nil
}
