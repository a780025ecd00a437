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

// The reading of a statement file that held the whole file, as the import
// did before it streamed (issue 23): kept here as the reference the
// streamed reading (readStatementsFile) is checked against.

// readStatements reads a statement file (JSON lines or CSV) into items,
// one per entity; bad lines are recorded in r.
func readStatements(data []byte, r *Result) ([]item, error) {
	var stmts []ftmStatement
	if format(data) == formatStatementsCSV {
		var err error
		if stmts, err = readStatementCSV(data, r); err != nil {
			return nil, err
		}
	} else {
		for i, line := range bytes.Split(data, []byte("\n")) {
			if len(bytes.TrimSpace(line)) == 0 {
				continue
			}
			s, err := ParseStatement(line)
			if err != nil {
				r.Errors = append(r.Errors, LineError{i + 1, err})
				continue
			}
			s.line = i + 1
			stmts = append(stmts, s)
		}
	}
	return group(stmts, r), nil
}

// readStatementCSV reads FtM's statement CSV by its header's names.
func readStatementCSV(data []byte, r *Result) ([]ftmStatement, error) {
	cr := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("the header: %w", err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimSpace(h)] = i
	}
	for _, c := range []string{"entity_id", "prop", "schema", "value"} {
		if _, ok := col[c]; !ok {
			return nil, fmt.Errorf("the header has no %s column (columns: %s)", c, strings.Join(header, ", "))
		}
	}
	var out []ftmStatement
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				// CSV gives no way to tell where the next row starts.
				return nil, fmt.Errorf("line %d: %v", pe.StartLine, pe.Err)
			}
			return nil, err
		}
		line, _ := cr.FieldPos(0)
		if len(rec) != len(header) {
			r.Errors = append(r.Errors, LineError{line, fmt.Errorf("%d cells, the header has %d", len(rec), len(header))})
			continue
		}
		get := func(c string) string {
			if i, ok := col[c]; ok {
				return rec[i]
			}
			return ""
		}
		s := ftmStatement{ID: get("id"), EntityID: get("entity_id"), CanonicalID: get("canonical_id"), Prop: get("prop"),
			Schema: get("schema"), Value: get("value"), line: line}
		if a := get("athar"); a != "" {
			if err := json.Unmarshal([]byte(a), &s.Athar); err != nil {
				r.Errors = append(r.Errors, LineError{line, fmt.Errorf("the athar cell: %w", err)})
				continue
			}
		}
		if err := s.check(); err != nil {
			r.Errors = append(r.Errors, LineError{line, err})
			continue
		}
		out = append(out, s)
	}
}

// group puts statements back together into entities by canonical id, in
// the order each entity first appears.
func group(stmts []ftmStatement, r *Result) []item {
	type entity struct {
		id, schema string
		line       int
		stmts      []ftmStatement
	}
	var order []*entity
	byID := map[string]*entity{}
	m := ftm.Default()
	for _, s := range stmts {
		e := byID[s.CanonicalID]
		if e == nil {
			e = &entity{id: s.CanonicalID, schema: s.Schema, line: s.line}
			byID[s.CanonicalID] = e
			order = append(order, e)
		}
		if s.Schema != e.schema {
			have, got := m.Schema(e.schema), m.Schema(s.Schema)
			switch {
			case got.IsA(have.Name):
				e.schema = got.Name // the more specific
			case !have.IsA(got.Name):
				r.Errors = append(r.Errors, LineError{s.line, fmt.Errorf("entity %s is a %s here and a %s on line %d", s.CanonicalID, s.Schema, e.schema, e.line)})
				continue
			}
		}
		e.stmts = append(e.stmts, s)
	}
	var items []item
	for _, e := range order {
		it, err := groupOne(e.id, e.schema, e.line, e.stmts)
		if err != nil {
			r.Errors = append(r.Errors, LineError{e.line, err})
			continue
		}
		items = append(items, it)
	}
	return items
}
