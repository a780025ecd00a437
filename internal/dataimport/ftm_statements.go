package dataimport

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/google/uuid"

	"github.com/athar-project/athar/internal/export"
	"github.com/athar-project/athar/internal/export/ftm"
	"github.com/athar-project/athar/internal/model"
)

// FtM's statement format: one value of one property of one entity a line,
// as JSON lines or as CSV with a header (followthemoney's statement
// serializer; OpenSanctions publishes statements.csv so). The columns read
// are entity_id, canonical_id (the entity it was merged into; entity_id when
// empty), prop, schema, value and id, and Athar's own "athar"; the others
// (prop_type, dataset, lang, original_value, external, first_seen, last_seen,
// origin, target) are accepted and not kept. Statements are put back
// together into entities by canonical_id: an entity of another tool's is
// imported as an entity line would be, with each statement's id kept and
// the values stated of a merged-away entity_id stored on that entity,
// merged into the canonical one; statements Athar exported carry their
// "athar" objects and are read back as Athar's entities are.

const (
	formatEntities = iota
	formatStatementsJSON
	formatStatementsCSV
)

// format tells FtM entities from FtM statements, as JSON lines or CSV, by
// the file's first line.
func format(data []byte) int {
	first := data
	for len(first) > 0 {
		line, rest, _ := bytes.Cut(first, []byte("\n"))
		if len(bytes.TrimSpace(line)) > 0 {
			first = line
			break
		}
		first = rest
	}
	first = bytes.TrimPrefix(bytes.TrimSpace(first), []byte("\ufeff"))
	if bytes.HasPrefix(first, []byte("{")) {
		var keys map[string]json.RawMessage
		if json.Unmarshal(first, &keys) == nil && keys["entity_id"] != nil && keys["prop"] != nil {
			return formatStatementsJSON
		}
		return formatEntities
	}
	if r, err := csv.NewReader(bytes.NewReader(first)).Read(); err == nil {
		cols := map[string]bool{}
		for _, c := range r {
			cols[strings.TrimSpace(c)] = true
		}
		if cols["entity_id"] && cols["prop"] && cols["value"] && cols["schema"] {
			return formatStatementsCSV
		}
	}
	return formatEntities
}

// ftmStatement is one line of FtM's statement format, as read.
type ftmStatement struct {
	ID          string                 `json:"id"`
	EntityID    string                 `json:"entity_id"`
	CanonicalID string                 `json:"canonical_id"`
	Prop        string                 `json:"prop"`
	Schema      string                 `json:"schema"`
	Value       string                 `json:"value"`
	Athar       *export.StatementAthar `json:"athar"`
	line        int
}

// ParseStatement reads and checks one JSON line of FtM statements.
func ParseStatement(line []byte) (ftmStatement, error) {
	var s ftmStatement
	dec := json.NewDecoder(bytes.NewReader(line))
	if err := dec.Decode(&s); err != nil {
		return s, fmt.Errorf("not an FtM statement: %w", err)
	}
	if dec.More() {
		return s, errors.New("more than one JSON value on the line")
	}
	return s, s.check()
}

// check checks a statement against FtM's model: ids, schema, property and
// value.
func (s *ftmStatement) check() error {
	s.upgrade()
	if s.EntityID == "" {
		return errors.New("the statement has no entity_id")
	}
	if s.CanonicalID == "" {
		s.CanonicalID = s.EntityID
	}
	for _, id := range []string{s.EntityID, s.CanonicalID} {
		if !ftm.ValidID(id) {
			return fmt.Errorf("%q is not an FtM entity id (letters, digits, dots and dashes)", id)
		}
	}
	if s.Prop == "" {
		return fmt.Errorf("a statement of %s has no prop", s.EntityID)
	}
	sch := ftm.Default().Schema(s.Schema)
	if sch == nil {
		return fmt.Errorf("entity %s: FtM has no schema %q", s.EntityID, s.Schema)
	}
	if s.Prop == "id" {
		return nil
	}
	if s.Athar != nil {
		// Athar's own export: its statements are checked as Athar's (the
		// values FtM properties got from them are derived, and an older
		// export wrote some, such as a language "en", that FtM refuses).
		if sch.Property(s.Prop) == nil {
			return fmt.Errorf("entity %s: FtM's %s has no property %q", s.EntityID, sch.Name, s.Prop)
		}
		return nil
	}
	return checkValue(sch, s.EntityID, s.Prop, s.Value)
}

// groupOne puts one entity's statements back together: Athar's (athar) or
// another tool's.
func groupOne(id, schema string, line int, stmts []ftmStatement) (item, error) {
	it, ok, err := athar(id, schema, line, stmts)
	if err != nil || ok {
		return it, err
	}
	fe := &foreignEntity{id: id, schema: schema, line: line}
	for _, s := range stmts {
		if s.Prop == "id" {
			continue
		}
		fe.values = append(fe.values, foreignValue{prop: s.Prop, value: s.Value, id: s.ID, entity: s.EntityID, line: s.line})
	}
	return item{line: line, foreign: fe}, nil
}

// athar puts back together an entity or source that Athar exported as
// statements: its "id" statement's athar object gives its type and the
// statements FtM has no property for; each other statement's gives the
// Athar statement it shows, or says it is derived (a Document's values,
// which make up the source; an Address's full, an Event's caption). False
// when the statements are not Athar's.
func athar(id, schema string, line int, stmts []ftmStatement) (item, bool, error) {
	var base *export.StatementAthar
	for _, s := range stmts {
		if s.Prop == "id" && s.Athar != nil {
			base = s.Athar
		}
	}
	if base == nil {
		return item{}, false, nil
	}
	e := &Entity{ID: id, Schema: schema, Properties: map[string][]string{}, Athar: &export.Athar{Type: base.Type}}
	if base.Type == "" || base.Type == "link" || schema == "Documentation" {
		e.Athar.Type = "link" // derived: nothing of its own to import
		return item{line: line, athar: e}, true, nil
	}
	if base.Type == "source" {
		for _, s := range stmts {
			if s.Prop != "id" {
				e.Properties[s.Prop] = append(e.Properties[s.Prop], s.Value)
			}
		}
		e.Athar.Sensitivity, e.Athar.SHA256 = base.Sensitivity, base.SHA256
		if base.Kind != "" {
			e.Athar.Properties = map[string][]string{"kind": {base.Kind}}
		}
		if _, err := docSource(*e, 0); err != nil {
			return item{}, false, fmt.Errorf("source %s: %w", id, err)
		}
		return item{line: line, athar: e}, true, nil
	}
	e.Athar.Statements = append(e.Athar.Statements, base.Statements...)
	sch := ftm.Default().Schema(schema)
	for _, s := range stmts {
		if s.Prop == "id" || s.Athar == nil || s.Athar.Derived {
			continue
		}
		x := export.Statement{ID: s.ID, Property: s.Prop, Status: s.Athar.Status, Modality: s.Athar.Modality, Role: s.Athar.Role,
			Source: s.Athar.Source, Quote: s.Athar.Quote, DateStart: s.Athar.DateStart, DateEnd: s.Athar.DateEnd,
			Sensitivity: s.Athar.Sensitivity}
		if s.Athar.Property != "" {
			x.Property = s.Athar.Property
		}
		if s.EntityID != id {
			x.Entity = s.EntityID
		}
		if p := sch.Property(s.Prop); p != nil && p.Type == "entity" {
			x.ValueEntity = s.Value
		} else {
			x.Value = s.Value
		}
		e.Athar.Statements = append(e.Athar.Statements, x)
	}
	// In the order they were stored, when their ids say it: Athar's own
	// statement ids are UUIDv7s, which sort by time.
	if allTimeOrdered(e.Athar.Statements) {
		sort.SliceStable(e.Athar.Statements, func(i, j int) bool { return e.Athar.Statements[i].ID < e.Athar.Statements[j].ID })
	}
	if _, err := model.ParseEntityType(base.Type); err != nil {
		return item{}, false, fmt.Errorf("entity %s: %w", id, err)
	}
	for _, x := range e.Athar.Statements {
		if _, err := statement(x, model.Public); err != nil {
			return item{}, false, fmt.Errorf("entity %s statement %s: %w", id, x.ID, err)
		}
	}
	return item{line: line, athar: e}, true, nil
}

// allTimeOrdered reports whether every statement's id is a version 7 UUID.
func allTimeOrdered(xs []export.Statement) bool {
	for _, x := range xs {
		u, err := uuid.Parse(x.ID)
		if err != nil || u.Version() != 7 {
			return false
		}
	}
	return true
}

// upgrade rewrites the ids of a statement written by an older export
// (legacyID).
func (s *ftmStatement) upgrade() {
	s.EntityID, s.CanonicalID = legacyID(s.EntityID), legacyID(s.CanonicalID)
	if s.Prop == "id" || export.PropType(s.Prop) == "entity" {
		s.Value = legacyID(s.Value)
	}
	if s.Athar == nil {
		return
	}
	s.Athar.Source = legacyID(s.Athar.Source)
	for i := range s.Athar.Statements {
		s.Athar.Statements[i].Source = legacyID(s.Athar.Statements[i].Source)
	}
}
