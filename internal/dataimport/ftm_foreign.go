package dataimport

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/athar-project/athar/internal/export"
	"github.com/athar-project/athar/internal/export/ftm"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// Other tools' FtM data (OpenSanctions, Aleph, the ftm command line) is
// imported keeping what it says, or refused line by line:
//   - Ids are kept: an FtM id names one entity wherever it appears, so the
//     entity is stored under it, and importing a newer version of a dataset
//     adds to the same entities. An id that is not FtM's id syntax is an
//     error on its line.
//   - Person → person; Organization, Company, PublicBody and every other
//     LegalEntity → organization, with the schema kept in a "schema"
//     statement (export.SchemaProperty) so that it exports as it came;
//     Address → place; Event → event. Other schemata (Sanction, Passport,
//     Vessel...) are skipped and counted.
//   - Relationships (FtM's edge schemata: Membership, Employment, Family,
//     Ownership, Directorship, UnknownLink...) become a link statement on
//     their source entity (member, person, owner...), to their target, with
//     the edge schema as its property (export.EdgeProperty), the edge's
//     caption (role, relationship) as its value and its dates as its dates.
//     Other properties of an edge (an ownership's percentage) are not kept;
//     the import counts them.
//   - Every property must be one FtM's schema has, and every value valid for
//     its type (a date FtM reads, a country code, a URL...); the line of a
//     property or value that is not is refused, naming both. An entity
//     missing a property FtM requires (a Person's name) is refused too.
//   - Each value is a proposed statement under FtM's property name, citing
//     the file; a date also sets the statement's date; a value naming an
//     entity links to it when the file or the store holds it (else it is
//     skipped and counted).

// foreignEntity is another tool's entity, or relationship, to import.
type foreignEntity struct {
	id, schema string
	line       int
	values     []foreignValue
}

// foreignValue is one value of one property, with where it came from.
type foreignValue struct {
	prop, value string
	id          string // the statement's id: the file's (FtM statements), else derived
	entity      string // the id it was stated of, when merged into the entity since
	line        int
}

// foreignFromEntity reads an entity line into the values to import,
// checking them against FtM's model.
func foreignFromEntity(e Entity, line int) (*foreignEntity, error) {
	fe := &foreignEntity{id: e.ID, schema: e.Schema, line: line}
	props := make([]string, 0, len(e.Properties))
	for p := range e.Properties {
		props = append(props, p)
	}
	sort.Strings(props)
	for _, p := range props {
		for _, v := range e.Properties[p] {
			if strings.TrimSpace(v) == "" {
				continue
			}
			fe.values = append(fe.values, foreignValue{prop: p, value: v, line: line})
		}
	}
	return fe, checkForeign(fe)
}

// checkForeign checks an entity against FtM's model: its id, its schema,
// each property and value, and the properties FtM requires.
func checkForeign(fe *foreignEntity) error {
	m := ftm.Default()
	if !ftm.ValidID(fe.id) {
		return fmt.Errorf("%q is not an FtM entity id (letters, digits, dots and dashes)", fe.id)
	}
	sch := m.Schema(fe.schema)
	if sch == nil {
		return fmt.Errorf("entity %s: FtM has no schema %q", fe.id, fe.schema)
	}
	for _, v := range fe.values {
		if err := checkValue(sch, fe.id, v.prop, v.value); err != nil {
			return err
		}
	}
	return nil
}

// checkValue checks one value of a property of an entity of schema sch.
func checkValue(sch *ftm.Schema, id, prop, value string) error {
	p := sch.Property(prop)
	if p == nil {
		return fmt.Errorf("entity %s: FtM's %s has no property %q", id, sch.Name, prop)
	}
	if p.Stub {
		return fmt.Errorf("entity %s: %s.%s is the reverse side of another entity's property; set it there", id, sch.Name, prop)
	}
	if err := ftm.Default().Check(p, value); err != nil {
		return fmt.Errorf("entity %s property %s: %v", id, prop, err)
	}
	return nil
}

// checkRequired fails an entity that lacks a property its schema requires.
func checkRequired(fe *foreignEntity) error {
	sch := ftm.Default().Schema(fe.schema)
	for _, r := range sch.Required {
		found := false
		for _, v := range fe.values {
			found = found || v.prop == r
		}
		if !found {
			return fmt.Errorf("entity %s: FtM's %s needs a %s, and it has none", fe.id, fe.schema, r)
		}
	}
	return nil
}

// typeOf is the Athar type an FtM schema's entities become, and whether
// Athar keeps them.
func typeOf(sch *ftm.Schema) (model.EntityType, bool) {
	switch {
	case sch.IsA("Person"):
		return model.TypePerson, true
	case sch.IsA("Address"):
		return model.TypePlace, true
	case sch.IsA("Event"):
		return model.TypeEvent, true
	case sch.IsA("LegalEntity"):
		return model.TypeOrganization, true
	}
	return "", false
}

// learnForeign records the id and type of another tool's entity.
func (imp *ftmImport) learnForeign(fe *foreignEntity) error {
	sch := ftm.Default().Schema(fe.schema)
	if sch.Edge != nil {
		return nil
	}
	typ, ok := typeOf(sch)
	if !ok {
		return nil
	}
	if err := checkRequired(fe); err != nil {
		return err
	}
	if t, ok := imp.ents.held(fe.id); ok && t != typ {
		return fmt.Errorf("entity %s is a %s here and a %s on an earlier line", fe.id, typ, t)
	}
	imp.ents.hold(fe.id, typ)
	return nil
}

// link resolves an FtM id a value names to an entity the file or the
// store holds.
func (imp *ftmImport) link(ctx context.Context, tx *store.Tx, id string) (string, bool, error) {
	if _, ok := imp.ents.held(id); ok {
		return id, true, nil
	}
	typ, ok, err := tx.EntityType(ctx, id)
	if err != nil || !ok {
		return "", false, err
	}
	imp.ents.setType(id, typ)
	return id, true, nil
}

// foreign imports another tool's entity or relationship.
func (imp *ftmImport) foreign(ctx context.Context, tx *store.Tx, fe *foreignEntity, r *Result) error {
	sch := ftm.Default().Schema(fe.schema)
	if sch.Edge != nil {
		if fe.schema == "Documentation" {
			// Athar makes its own from what each statement cites; an Athar
			// export's (which links a Document the file holds) says what
			// the statements' sources say.
			for _, v := range fe.values {
				if v.prop == "document" && imp.docs[v.value] != nil {
					return nil
				}
			}
			r.Skipped[fe.schema]++
			return nil
		}
		return imp.edge(ctx, tx, fe, sch, r)
	}
	typ, ok := typeOf(sch)
	if !ok {
		r.Skipped[fe.schema]++
		return nil
	}
	var stmts []model.Statement
	var merged []string
	base := model.Statement{EntityID: fe.id, SourceID: imp.fileID, Status: model.StatusProposed, Sensitivity: imp.opt.Sensitivity}
	if typ == model.TypeOrganization {
		s := base
		s.ID, s.Property, s.Value = derived(imp.fileID, fe.id, export.SchemaProperty, fe.schema), export.SchemaProperty, fe.schema
		stmts = append(stmts, s)
	}
	for _, v := range fe.values {
		s := base
		s.ID, s.Property = v.id, model.Property(v.prop)
		if s.ID == "" {
			s.ID = derived(imp.fileID, fe.id, v.prop, v.value)
		}
		if v.entity != "" && v.entity != fe.id {
			s.EntityID = v.entity
			merged = append(merged, v.entity)
		}
		p := sch.Property(v.prop)
		switch p.Type {
		case "entity":
			id, ok, err := imp.link(ctx, tx, v.value)
			if err != nil {
				return err
			}
			if !ok {
				r.SkippedLinks++
				continue
			}
			s.ValueEntity = id
		case "date":
			s.Value, s.DateStart = v.value, leadingDate(v.value)
		default:
			s.Value = v.value
		}
		stmts = append(stmts, s)
	}
	if err := imp.checkAll(ctx, tx, fe.id, typ, stmts); err != nil {
		return err
	}
	for _, m := range merged {
		if err := imp.check(ctx, tx, m, typ); err != nil {
			return err
		}
	}
	if _, err := imp.ensure(ctx, tx, fe.id, typ, r); err != nil {
		return err
	}
	if err := imp.mergeInto(ctx, tx, merged, fe.id, typ, r); err != nil {
		return err
	}
	for _, s := range stmts {
		if err := imp.add(ctx, tx, s, r); err != nil {
			return err
		}
	}
	return nil
}

// edge imports a relationship as link statements on its source entity:
// one for each pair of source and target it names.
func (imp *ftmImport) edge(ctx context.Context, tx *store.Tx, fe *foreignEntity, sch *ftm.Schema, r *Result) error {
	var sources, targets []string
	caption, start, end := "", "", ""
	captions := append(append(append([]string{}, sch.Edge.Caption...), sch.Caption...), "role")
	rank := len(captions)
	for _, v := range fe.values {
		switch v.prop {
		case sch.Edge.Source:
			sources = append(sources, v.value)
		case sch.Edge.Target:
			targets = append(targets, v.value)
		case "startDate", "date":
			if start == "" || v.prop == "startDate" {
				start = v.value
			}
		case "endDate":
			end = v.value
		default:
			kept := false
			for i, c := range captions {
				if v.prop == c && i < rank {
					caption, rank, kept = v.value, i, true
				}
			}
			if !kept {
				r.Dropped[fe.schema+"."+v.prop]++
			}
		}
	}
	if len(sources) == 0 || len(targets) == 0 {
		return lineErr{fmt.Errorf("relationship %s: an FtM %s needs a %s and a %s", fe.id, fe.schema, sch.Edge.Source, sch.Edge.Target)}
	}
	prop := export.EdgeProperty(fe.schema)
	for _, src := range sources {
		from, ok, err := imp.link(ctx, tx, src)
		if err != nil {
			return err
		}
		if !ok {
			r.SkippedLinks += len(targets)
			continue
		}
		for _, dst := range targets {
			to, ok, err := imp.link(ctx, tx, dst)
			if err != nil {
				return err
			}
			if !ok {
				r.SkippedLinks++
				continue
			}
			id := fe.id
			if len(sources) > 1 || len(targets) > 1 {
				id = derived(imp.fileID, fe.id, src, dst)
			}
			s := model.Statement{ID: id, EntityID: from, Property: model.Property(prop), Value: caption, ValueEntity: to, SourceID: imp.fileID,
				Status: model.StatusProposed, Sensitivity: imp.opt.Sensitivity, DateStart: leadingDate(start), DateEnd: leadingDate(end)}
			if err := imp.checkAll(ctx, tx, from, imp.ents.typ(from), []model.Statement{s}); err != nil {
				return err
			}
			if _, err := imp.ensure(ctx, tx, from, imp.ents.typ(from), r); err != nil {
				return err
			}
			if err := imp.add(ctx, tx, s, r); err != nil {
				return err
			}
		}
	}
	return nil
}

// leadingDate reads an FtM date (YYYY, YYYY-MM, YYYY-MM-DD, or longer with
// a time) to the precision Athar keeps; the unknown date if it is none.
func leadingDate(v string) model.Date {
	for _, n := range []int{10, 7, 4} {
		if len(v) >= n {
			if d, err := model.ParseDate(v[:n]); err == nil {
				return d
			}
		}
	}
	return model.Date{}
}
