package dataimport

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/athar-project/athar/internal/export"
	"github.com/athar-project/athar/internal/export/ftm"
	"github.com/athar-project/athar/internal/model"
)

// Mapping says how the columns of a spreadsheet become entities and
// statements (docs/import.md has an example). Columns are named by their
// header, exactly as the first row of the file writes them.
type Mapping struct {
	// Delimiter separates cells: "," (the default), ";", "|" or "\t".
	Delimiter string `json:"delimiter,omitempty" yaml:"delimiter"`
	// Encoding is the file's character encoding when it is not UTF-8 and
	// does not say so with a byte-order mark: "windows-1256", "iso-8859-6",
	// "utf-16le"... Without it, Windows-1256 and ISO-8859-6 Arabic are
	// recognized as ingest recognizes them; anything else is refused.
	Encoding string `json:"encoding,omitempty" yaml:"encoding"`
	// Sheet is the worksheet of an .xlsx file to read (default: the first).
	Sheet string `json:"sheet,omitempty" yaml:"sheet"`
	// EntityType is the type of every row's entity: person, organization,
	// facility, place or event. Or TypeColumn names the column that holds
	// it, and Types, when given, reads that column's words as types
	// ("Detainee": "person").
	EntityType string            `json:"entity_type,omitempty" yaml:"entity_type"`
	TypeColumn string            `json:"type_column,omitempty" yaml:"type_column"`
	Types      map[string]string `json:"types,omitempty" yaml:"types"`
	// IDColumn holds the file's own id of a row's entity: rows with the same
	// id are one entity, and links name entities by it. Without it every
	// row is an entity of its own.
	IDColumn string `json:"id_column,omitempty" yaml:"id_column"`
	// SourceURL names the column holding the address of what a row's
	// facts come from: the row's statements cite it (a record of the URL
	// holding the rows that cite it) rather than the spreadsheet.
	SourceURL string `json:"source_url,omitempty" yaml:"source_url"`
	// Properties maps a property — FtM's name for it on the row's schema
	// (name, alias, birthDate, title, nationality, date, summary...), or
	// Athar's eventType for events — to the column, or columns, that hold
	// its values. A column with nothing FtM names goes to notes.
	Properties map[string]Columns `json:"properties" yaml:"properties"`
	// Split names properties whose cells hold several values, and the
	// separator between them ("alias": ";").
	Split map[string]string `json:"split,omitempty" yaml:"split"`
	// Links maps a property whose value is another entity (involved,
	// organizer, location, affiliation...) to the column naming it: by the
	// id the file gives it (IDColumn), or, with Match, by its name, looked
	// up among the stored entities of that type by the name matcher.
	Links map[string]Link `json:"links,omitempty" yaml:"links"`
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

// Link is the column of a link's target, the role of the entity linked,
// and, when the column holds names rather than the file's ids, the type of
// entity the names are looked up among.
type Link struct {
	Column string `json:"column"`
	Role   string `json:"role,omitempty"`
	Match  string `json:"match,omitempty"`
}

// UnmarshalJSON reads a column name or {"column", "role", "match"}.
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
		return fmt.Errorf("want a column name or {\"column\", \"role\", \"match\"}: %w", err)
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

// types lists the entity types rows may have.
func (m Mapping) types() []model.EntityType {
	if m.EntityType != "" {
		return []model.EntityType{model.EntityType(m.EntityType)}
	}
	if len(m.Types) == 0 {
		return model.EntityTypes()
	}
	seen := map[model.EntityType]bool{}
	var out []model.EntityType
	for _, t := range m.Types {
		if !seen[model.EntityType(t)] {
			seen[model.EntityType(t)] = true
			out = append(out, model.EntityType(t))
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// atharProps are the properties Athar keeps that FtM has no name for, by
// the type of entity they describe.
var atharProps = map[model.EntityType][]string{model.TypeEvent: {"eventType"}}

// propertyFor reports whether a text property may describe an entity of
// type t: FtM's schema for the type has it (and it is no link), or Athar
// keeps it for the type.
func propertyFor(prop string, t model.EntityType) bool {
	if containsString(atharProps[t], prop) {
		return true
	}
	s := ftm.Default().Schema(export.SchemaOf(t, nil))
	p := s.Property(prop)
	return p != nil && !p.Stub && p.Type != "entity"
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
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
		if export.PropType(p) == "entity" || p == "affiliation" {
			return fmt.Errorf("mapping: %s links to an entity: put it under links", p)
		}
		ok := false
		for _, t := range m.types() {
			ok = ok || propertyFor(p, t)
		}
		if !ok {
			return fmt.Errorf("mapping: property %q is not one FtM has for %s: map its column to notes to keep it as text",
				p, typeList(m.types()))
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
	byID := false
	for p, l := range m.Links {
		if p == "" || l.Column == "" {
			return fmt.Errorf("mapping: link %q has no column", p)
		}
		if _, err := model.ParseParticipantRole(l.Role); l.Role != "" && err != nil {
			return fmt.Errorf("mapping: link %s: unknown role %q (want subject, perpetrator, victim, agent or witness)", p, l.Role)
		}
		if l.Match == "" {
			byID = true
			continue
		}
		t, err := model.ParseEntityType(l.Match)
		if err != nil || t == model.TypeEvent {
			return fmt.Errorf("mapping: link %s: match %q: want person, organization, facility or place (the names matcher finds them by name)", p, l.Match)
		}
	}
	if byID && m.IDColumn == "" {
		return errors.New("mapping: links name entities by their id: give id_column (or match: TYPE to find them by name)")
	}
	return nil
}

func typeList(ts []model.EntityType) string {
	var s []string
	for _, t := range ts {
		s = append(s, string(t))
	}
	return strings.Join(s, " or ")
}

// columns lists every column the mapping reads.
func (m Mapping) columns() []string {
	var out []string
	for _, c := range []string{m.TypeColumn, m.IDColumn, m.SourceURL} {
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
