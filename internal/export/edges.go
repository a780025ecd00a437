package export

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"

	"github.com/athar-project/athar/internal/export/ftm"
	"github.com/athar-project/athar/internal/model"
)

// Edges. FtM keeps relationships as entities of their own (Membership,
// Employment, UnknownLink, Family, Ownership...), with a source and a
// target property; Athar keeps them as link statements on the source
// entity. The export writes an edge for each:
//   - an "affiliation" of a person with an organization or facility is an
//     Employment when the person's position (stated by the same source)
//     says they worked there (guard, officer, director...), a Membership
//     when it says they belonged (member, fighter...), else an UnknownLink
//     (data/affiliation.txt has the words); an affiliation of anything else
//     is an UnknownLink. The position is the edge's role.
//   - a relationship imported from FtM data is kept as a link statement
//     whose property is the edge schema's name, lower-cased at the start
//     (EdgeProperty: "membership", "family", "ownership"), its caption
//     (role, relationship) as the statement's value and its dates as the
//     statement's; it is written back as that schema.
// An edge's id is the statement's, and its athar object names the
// statement (which its source entity's athar.statements hold in full);
// imports skip edges for that reason.

//go:embed data/affiliation.txt
var affiliationWords string

var (
	wordsOnce        sync.Once
	employment, memb map[string]bool
)

func loadWords() {
	employment, memb = map[string]bool{}, map[string]bool{}
	for _, line := range strings.Split(affiliationWords, "\n") {
		kind, words, ok := strings.Cut(line, ":")
		if !ok || strings.HasPrefix(kind, "#") {
			continue
		}
		set := map[string]map[string]bool{"employment": employment, "membership": memb}[strings.TrimSpace(kind)]
		for _, w := range strings.Fields(words) {
			set[w] = true
		}
	}
}

// EdgeProperty is the Athar property that keeps a relationship of an FtM
// edge schema: its name with the first letter lower-cased.
func EdgeProperty(schema string) string {
	if schema == "" {
		return ""
	}
	return strings.ToLower(schema[:1]) + schema[1:]
}

// EdgeSchema returns the FtM edge schema an Athar property keeps
// relationships of (EdgeProperty's inverse), or nil. Documentation is not
// one: exports make it from the sources statements cite.
func EdgeSchema(prop string) *ftm.Schema {
	if prop == "" || prop == "documentation" {
		return nil
	}
	s := ftm.Default().Schema(strings.ToUpper(prop[:1]) + prop[1:])
	if s == nil || s.Edge == nil || s.Abstract || EdgeProperty(s.Name) != prop {
		return nil
	}
	return s
}

// edges are the FtM edges that an exported entity's link statements make.
func edges(e *Entity, links *linkCache) []Entity {
	m := ftm.Default()
	var out []Entity
	for _, x := range e.Athar.Statements {
		if x.ValueEntity == "" {
			continue
		}
		t := links.known[x.ValueEntity]
		if t == nil {
			continue
		}
		var schema, caption string
		switch s := EdgeSchema(x.Property); {
		case x.Property == string(model.PropAffiliation):
			schema, caption = affiliation(e, x, t)
		case s != nil:
			schema, caption = s.Name, x.Value
		default:
			continue
		}
		sch := m.Schema(schema)
		if !inRange(sch, sch.Edge.Source, e.Schema) || !inRange(sch, sch.Edge.Target, t.schema) {
			sch = m.Schema("UnknownLink")
		}
		id := x.ID
		if !ftm.ValidID(id) {
			id = "link-" + hashID(e.ID, x.ID)
		}
		edge := Entity{ID: id, Schema: sch.Name, Properties: map[string][]string{sch.Edge.Source: {e.ID}, sch.Edge.Target: {t.id}},
			Athar: &Athar{Type: "link", Statement: x.ID}}
		if caption != "" {
			for _, p := range append(append(append([]string{}, sch.Edge.Caption...), sch.Caption...), "role") {
				if q := sch.Property(p); q != nil && q.Type != "entity" && m.Check(q, caption) == nil {
					add(edge.Properties, p, caption)
					break
				}
			}
		}
		addChecked(edge.Properties, sch, "startDate", x.DateStart)
		addChecked(edge.Properties, sch, "endDate", x.DateEnd)
		out = append(out, edge)
	}
	return out
}

// inRange reports whether an entity of schema may be the value of an
// edge's property.
func inRange(edge *ftm.Schema, prop, schema string) bool {
	p := edge.Property(prop)
	s := ftm.Default().Schema(schema)
	return p != nil && s != nil && (p.Range == "" || s.IsA(p.Range))
}

// affiliation chooses the edge for a person's affiliation x with target t,
// and its role: the position the same source states.
func affiliation(e *Entity, x Statement, t *target) (schema, role string) {
	wordsOnce.Do(loadWords)
	m := ftm.Default()
	if !m.Schema(e.Schema).IsA("Person") || !m.Schema(t.schema).IsA("Organization") {
		return "UnknownLink", ""
	}
	schema = "UnknownLink"
	for _, p := range e.Athar.Statements {
		if (p.Property != string(model.PropPosition) && p.Property != string(model.PropTitle)) || p.Source != x.Source || p.Value == "" {
			continue
		}
		if role == "" {
			role = p.Value
		}
		for _, w := range words(p.Value) {
			switch {
			case employment[w]:
				return "Employment", p.Value
			case memb[w] && schema == "UnknownLink":
				schema, role = "Membership", p.Value
			}
		}
	}
	return schema, role
}

// words splits a position into lower-case words, and gives Arabic words
// also without their article.
func words(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) }) {
		out = append(out, w)
		if rest, ok := strings.CutPrefix(w, "ال"); ok && rest != "" {
			out = append(out, rest)
		}
	}
	return out
}
