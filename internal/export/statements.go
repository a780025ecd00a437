package export

import (
	"context"
	"crypto/sha1"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"time"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/export/ftm"
	"github.com/athar-project/athar/internal/store"
)

// Dataset is the dataset name FtM statements from Athar carry.
const Dataset = "athar"

// FtMStatement is one line of FollowTheMoney's statement-based format: one
// value of one property of one entity. Field names are FtM's (its Statement
// model). lang is "ara" on a value written in Arabic script, of a type FtM
// gives a language (names, text; not dates, countries or links), else null;
// original_value is always null, because Athar keeps a value as the source
// wrote it.
//
// Every entity starts with a statement of the pseudo-property "id" (FtM's
// BASE statement), whose value is the entity's id and which carries the
// schema even of an entity with no FtM property. Athar's own facts ride in
// the "athar" object, which FtM tools do not read:
//   - on a property statement: the Athar statement's review status,
//     modality, participant role, sensitivity, source, quote and dates, and
//     the Athar property name where FtM names it differently (location →
//     addressEntity);
//   - on the "id" statement: the Athar type and, in full, the statements FtM
//     has no property for (eventType, affiliation, a facility as an event's
//     location...), in the shape of the entity export's athar.statements;
//   - on values Athar derives for FtM (an Address's full from its name, an
//     Event's name from its type; Documents and Documentation), "derived":
//     they are not Athar statements and an import skips them.
type FtMStatement struct {
	ID            string          `json:"id"`
	EntityID      string          `json:"entity_id"`
	CanonicalID   string          `json:"canonical_id"`
	Prop          string          `json:"prop"`
	PropType      string          `json:"prop_type"`
	Schema        string          `json:"schema"`
	Value         string          `json:"value"`
	Dataset       string          `json:"dataset"`
	Lang          *string         `json:"lang"`
	OriginalValue *string         `json:"original_value"`
	External      bool            `json:"external"`
	FirstSeen     *string         `json:"first_seen"` // when Athar stored it; null for a source's values
	LastSeen      *string         `json:"last_seen"`
	Origin        *string         `json:"origin"`
	Athar         *StatementAthar `json:"athar,omitempty"`
}

// StatementAthar is what an FtM statement line carries of Athar's.
type StatementAthar struct {
	Type        string      `json:"type,omitempty"`     // on "id" statements
	Property    string      `json:"property,omitempty"` // the Athar property, when FtM's differs
	Status      string      `json:"status,omitempty"`
	Modality    string      `json:"modality,omitempty"`
	Role        string      `json:"role,omitempty"`
	Source      string      `json:"source,omitempty"`
	Quote       string      `json:"quote,omitempty"`
	DateStart   string      `json:"date_start,omitempty"`
	DateEnd     string      `json:"date_end,omitempty"`
	Sensitivity string      `json:"sensitivity,omitempty"`
	Derived     bool        `json:"derived,omitempty"`
	Kind        string      `json:"kind,omitempty"`      // of a source
	SHA256      string      `json:"sha256,omitempty"`    // of a source's original bytes
	Statement   string      `json:"statement,omitempty"` // of an edge: the Athar statement it shows
	Statements  []Statement `json:"statements,omitempty"`
}

// propTypes are FtM's property types of the properties Athar emits; any
// other is a "string".
var propTypes = map[string]string{
	"name": "name", "alias": "name", "weakAlias": "name", "previousName": "name", "firstName": "name",
	"fatherName": "name", "lastName": "name", "motherName": "name", "middleName": "name", "secondName": "name",
	"birthDate": "date", "deathDate": "date", "date": "date", "startDate": "date", "endDate": "date",
	"publishedAt": "date", "incorporationDate": "date", "dissolutionDate": "date",
	"involved": "entity", "organizer": "entity", "addressEntity": "entity", "entity": "entity", "document": "entity",
	"nationality": "country", "country": "country", "gender": "gender", "sourceUrl": "url", "language": "language",
	"summary": "text", "description": "text", "notes": "text", "full": "address",
	"latitude": "number", "longitude": "number", "important": "checkbox",
}

// PropType is FtM's type of a property Athar emits, whatever the schema;
// "string" for one FtM does not have.
func PropType(prop string) string {
	if t, ok := propTypes[prop]; ok {
		return t
	}
	return "string"
}

// propType is FtM's type of a schema's property ("id" for the base
// statement).
func propType(schema, prop string) string {
	if prop == "id" {
		return "id"
	}
	if s := ftm.Default().Schema(schema); s != nil {
		if p := s.Property(prop); p != nil {
			return p.Type
		}
	}
	return PropType(prop)
}

// lang is the language FtM's statement gives a value: "ara" for Arabic
// script in a type that has a language, else none.
func lang(typ, value string) *string {
	if ftm.NonLinguistic(typ) || !arabic(value) {
		return nil
	}
	l := "ara"
	return &l
}

// EachStatement streams the export as FtM statements: the entities of Each,
// each broken into one statement per value, in the order Each gives them.
func EachStatement(ctx context.Context, st *store.Store, v access.Viewer, opt Options, fn func(FtMStatement) error) error {
	return Each(ctx, st, v, opt, func(e Entity) error {
		for _, s := range Statements(e) {
			if err := fn(s); err != nil {
				return err
			}
		}
		return nil
	})
}

// Statements breaks one exported entity into FtM statements.
func Statements(e Entity) []FtMStatement {
	earliest := time.Time{}
	if e.Athar != nil {
		for _, x := range e.Athar.Statements {
			if earliest.IsZero() || (!x.created.IsZero() && x.created.Before(earliest)) {
				earliest = x.created
			}
		}
	}
	seen := stamp(earliest)
	mk := func(entity, prop, value string) FtMStatement {
		typ := propType(e.Schema, prop)
		return FtMStatement{EntityID: entity, CanonicalID: e.ID, Prop: prop, PropType: typ, Schema: e.Schema,
			Value: value, Dataset: Dataset, Lang: lang(typ, value), FirstSeen: seen, LastSeen: seen}
	}
	base := mk(e.ID, "id", e.ID)
	base.ID = derivedID(e.ID, "id", e.ID)
	var out []FtMStatement
	if e.Athar == nil || len(e.Athar.Statements) == 0 {
		// A Document, a Documentation or an edge: every value derived.
		if e.Athar != nil {
			base.Athar = &StatementAthar{Type: e.Athar.Type, Derived: true, Sensitivity: e.Athar.Sensitivity,
				SHA256: e.Athar.SHA256, Kind: first(e.Athar.Properties["kind"]), Statement: e.Athar.Statement}
		} else {
			base.Athar = &StatementAthar{Derived: true}
		}
		out = append(out, base)
		for _, p := range sortedKeys(e.Properties) {
			for _, v := range e.Properties[p] {
				s := mk(e.ID, p, v)
				s.ID, s.Athar = derivedID(e.ID, p, v), &StatementAthar{Derived: true}
				out = append(out, s)
			}
		}
		return out
	}
	base.Athar = &StatementAthar{Type: e.Athar.Type}
	out = append(out, base)
	covered := map[string]bool{} // prop + value given by an Athar statement
	for _, x := range e.Athar.Statements {
		if x.ftmProp == "" {
			base.Athar.Statements = append(base.Athar.Statements, x)
			continue
		}
		entity := e.ID
		if x.Entity != "" {
			entity = x.Entity
		}
		value := x.Value
		if x.ValueEntity != "" {
			value = x.ValueEntity
		}
		s := mk(entity, x.ftmProp, value)
		s.ID = x.ID
		if !x.created.IsZero() {
			s.FirstSeen, s.LastSeen = stamp(x.created), stamp(x.created)
		}
		s.Athar = &StatementAthar{Status: x.Status, Modality: x.Modality, Role: x.Role, Source: x.Source, Quote: x.Quote,
			DateStart: x.DateStart, DateEnd: x.DateEnd, Sensitivity: x.Sensitivity}
		if x.ftmProp != x.Property {
			s.Athar.Property = x.Property
		}
		covered[x.ftmProp+"\x00"+value] = true
		out = append(out, s)
	}
	// Values FtM gets that no Athar statement states as such.
	for _, p := range sortedKeys(e.Properties) {
		for _, v := range e.Properties[p] {
			if covered[p+"\x00"+v] {
				continue
			}
			s := mk(e.ID, p, v)
			s.ID, s.Athar = derivedID(e.ID, p, v), &StatementAthar{Derived: true}
			out = append(out, s)
		}
	}
	return out
}

// derivedID is the id of a statement Athar derives: like FtM's own, a SHA-1
// of the dataset, entity, property and value.
func derivedID(entity, prop, value string) string {
	h := sha1.Sum([]byte(Dataset + "." + entity + "." + prop + "." + value))
	return hex.EncodeToString(h[:])
}

func stamp(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.UTC().Format("2006-01-02T15:04:05")
	return &s
}

func sortedKeys(m map[string][]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// WriteStatements writes the export as FtM statements, as JSON lines.
func WriteStatements(ctx context.Context, st *store.Store, v access.Viewer, opt Options, w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return EachStatement(ctx, st, v, opt, func(s FtMStatement) error {
		if err := enc.Encode(s); err != nil {
			return fmt.Errorf("write statement %s: %w", s.ID, err)
		}
		return nil
	})
}

// StatementColumnsCSV are the columns of FtM's statement CSV (the order of
// followthemoney's statement serializer, which OpenSanctions publishes its
// statements.csv in), and "athar": the line's athar object as JSON, which
// FtM's readers leave alone.
var StatementColumnsCSV = []string{"canonical_id", "entity_id", "prop", "prop_type", "schema", "value", "dataset", "origin",
	"lang", "original_value", "external", "first_seen", "last_seen", "id", "athar"}

// Row is the statement as a row of StatementColumnsCSV: null is an empty
// cell, external is "t" or "f".
func (s FtMStatement) Row() ([]string, error) {
	str := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	ext := "f"
	if s.External {
		ext = "t"
	}
	athar := ""
	if s.Athar != nil {
		b, err := json.Marshal(s.Athar)
		if err != nil {
			return nil, err
		}
		athar = string(b)
	}
	return []string{s.CanonicalID, s.EntityID, s.Prop, s.PropType, s.Schema, s.Value, s.Dataset, str(s.Origin),
		str(s.Lang), str(s.OriginalValue), ext, str(s.FirstSeen), str(s.LastSeen), s.ID, athar}, nil
}

// WriteStatementsCSV writes the export as FtM statements in FtM's CSV
// form, with a header row.
func WriteStatementsCSV(ctx context.Context, st *store.Store, v access.Viewer, opt Options, w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(StatementColumnsCSV); err != nil {
		return err
	}
	err := EachStatement(ctx, st, v, opt, func(s FtMStatement) error {
		row, err := s.Row()
		if err == nil {
			err = cw.Write(row)
		}
		if err != nil {
			return fmt.Errorf("write statement %s: %w", s.ID, err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}
