package export

import (
	"context"
	"mime"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/export/ftm"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// SchemaProperty is the Athar property that keeps the FtM schema an
// imported entity came with (Company, PublicBody...), so that exporting it
// again gives the same schema.
const SchemaProperty = "schema"

var publicBody = regexp.MustCompile(`(?i)\b(ministry|court|tribunal|directorate|department|branch|police|intelligence|army|division|brigade|regiment|general security|government)\b|وزارة|محكمة|مديرية|إدارة|فرع|شرطة|مخابرات|الجيش|الفرقة`)

// SchemaOf is the FtM schema an entity of type typ with these names gets.
func SchemaOf(typ model.EntityType, names []string) string {
	switch typ {
	case model.TypePerson:
		return "Person"
	case model.TypeOrganization:
		for _, n := range names {
			if publicBody.MatchString(n) {
				return "PublicBody"
			}
		}
		return "Organization"
	case model.TypeFacility:
		return "Organization"
	case model.TypePlace:
		return "Address"
	case model.TypeEvent:
		return "Event"
	}
	return "Thing"
}

// schemaFor is the FtM schema an entity is exported as: the one an import
// recorded (a "schema" statement) when it fits the entity's type, else
// SchemaOf.
func schemaFor(typ model.EntityType, stmts []model.Statement) string {
	var names []string
	for _, s := range stmts {
		if s.ValueEntity == "" && (s.Property == model.PropName || s.Property == model.PropAlias) {
			names = append(names, s.Value)
		}
	}
	def := SchemaOf(typ, names)
	m := ftm.Default()
	for _, s := range stmts {
		if s.Property != SchemaProperty || s.ValueEntity != "" {
			continue
		}
		if x := m.Schema(s.Value); x != nil && !x.Abstract && !x.Deprecated && x.Edge == nil && fitsType(x, typ) {
			return s.Value
		}
	}
	return def
}

// fitsType reports whether an FtM schema may stand for an Athar type.
func fitsType(x *ftm.Schema, typ model.EntityType) bool {
	switch typ {
	case model.TypePerson:
		return x.IsA("Person")
	case model.TypeOrganization, model.TypeFacility:
		return x.IsA("LegalEntity") && !x.IsA("Person")
	case model.TypePlace:
		return x.IsA("Address")
	case model.TypeEvent:
		return x.IsA("Event")
	}
	return false
}

// nameProps are the properties that may name an entity FtM requires a name
// of, best first: an alias names it when it has no name.
var nameProps = []model.Property{model.PropName, model.PropAlias, model.PropWeakAlias, "previousName"}

// nameable reports whether an entity with these statements can be exported:
// an event always (its caption is made), anything else when a statement
// gives it a name FtM accepts.
func nameable(typ model.EntityType, stmts []model.Statement) bool {
	if len(stmts) == 0 {
		return false
	}
	if typ == model.TypeEvent {
		return true
	}
	m := ftm.Default()
	nameProp := m.Schema("Thing").Property("name")
	for _, s := range stmts {
		if s.ValueEntity == "" && (slices.Contains(nameProps, s.Property) || (typ == model.TypePlace && s.Property == "full")) &&
			m.Check(nameProp, s.Value) == nil {
			return true
		}
	}
	return false
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// build turns one entity (and those merged into it), with its exportable
// statements, into an FtM entity and its edges, or nil when it has none or
// nothing to be named by.
func build(opt Options, links *linkCache, e model.Entity, stmts []model.Statement) (*Entity, []string, []Entity) {
	if !nameable(e.Type, stmts) {
		return nil, nil, nil
	}
	m := ftm.Default()
	schema := schemaFor(e.Type, stmts)
	sch := m.Schema(schema)
	out := &Entity{ID: e.ID, Schema: schema, Properties: map[string][]string{},
		Athar: &Athar{Type: string(e.Type), Properties: map[string][]string{}}}
	var sources []string
	var countries []string
	for _, s := range stmts {
		// FtM's property names are Athar's where FtM has the property.
		value, prop := s.Value, string(s.Property)
		ftmProp := ""
		var t target
		if s.ValueEntity != "" {
			var ok bool
			if t, ok = links.target(s.ValueEntity); !ok {
				// A link to an entity that is not in this export (nothing of
				// it exportable, or nothing to name it by) is left out, so
				// that no id points nowhere.
				continue
			}
			value = t.id
			switch p := sch.Property(prop); {
			case schema == "Event" && s.Property == model.PropLocation && t.typ == model.TypePlace:
				ftmProp = "addressEntity"
			case p != nil && p.Type == "entity" && !p.Stub && m.Schema(t.schema).IsA(p.Range):
				ftmProp = prop
			}
			if schema == "Event" && s.Property == model.PropLocation {
				countries = append(countries, t.country)
				if t.typ == model.TypeFacility && len(t.names) > 0 {
					// FtM's Event.location is an address as text: where, in words.
					addChecked(out.Properties, sch, "location", t.names[0])
				}
			}
		} else if p := sch.Property(prop); prop != SchemaProperty && p != nil && !p.Stub && p.Type != "entity" && m.Check(p, value) == nil {
			ftmProp = prop
		}
		x := Statement{ID: s.ID, Property: string(s.Property), Value: s.Value, Status: string(s.Status),
			Modality: string(s.Modality), Role: string(s.Role), Source: DocumentID(s.SourceID),
			DateStart: s.DateStart.String(), DateEnd: s.DateEnd.String(), Sensitivity: s.Sensitivity.String(),
			created: s.CreatedAt}
		if s.EntityID != e.ID {
			x.Entity = s.EntityID
		}
		switch {
		case ftmProp != "":
			x.ftmProp = ftmProp
			add(out.Properties, ftmProp, value)
			if schema == "Address" && s.Property == model.PropName {
				addChecked(out.Properties, sch, "full", value)
			}
		case prop != SchemaProperty:
			add(out.Athar.Properties, prop, value)
		}
		if s.Property == model.PropGazetteer && s.ValueEntity == "" {
			countries = append(countries, gazetteerCountry(s.Value))
		}
		if s.SourceID != "" && !containsString(sources, s.SourceID) {
			sources = append(sources, s.SourceID)
		}
		if s.ValueEntity != "" {
			x.ValueEntity = value
		}
		if !opt.NoQuotes {
			x.Quote = s.Span.Quote
		}
		out.Athar.Statements = append(out.Athar.Statements, x)
	}
	if len(out.Athar.Statements) == 0 {
		return nil, nil, nil
	}
	name(out, sch, links)
	for _, r := range sch.Required {
		if len(out.Properties[r]) == 0 {
			return nil, nil, nil // cannot be: nameable said it has a name
		}
	}
	if sch.Property("country") != nil && len(out.Properties["country"]) == 0 {
		for _, c := range countries {
			addChecked(out.Properties, sch, "country", c)
		}
	}
	if len(out.Athar.Properties) == 0 {
		out.Athar.Properties = nil
	}
	docs := make([]string, len(sources))
	for i, s := range sources {
		docs[i] = DocumentID(s)
	}
	out.Athar.Sources = docs
	return out, sources, edges(out, links)
}

// addChecked adds a value to a property when the schema has the property
// and FtM accepts the value.
func addChecked(props map[string][]string, sch *ftm.Schema, prop, value string) {
	p := sch.Property(prop)
	if p == nil || value == "" || ftm.Default().Check(p, value) != nil {
		return
	}
	add(props, prop, value)
}

// name gives an entity the name FtM requires: an alias when it has no name,
// a caption made from its type and participants when it is an event.
func name(out *Entity, sch *ftm.Schema, links *linkCache) {
	if len(out.Properties["name"]) > 0 || sch.Property("name") == nil {
		return
	}
	if out.Schema == "Event" || sch.IsA("Event") {
		for _, c := range eventCaptions(out, links) {
			addChecked(out.Properties, sch, "name", c)
		}
		return
	}
	for _, p := range nameProps[1:] {
		if v := out.Properties[string(p)]; len(v) > 0 {
			add(out.Properties, "name", v[0])
			return
		}
	}
}

// Document is the FtM entity for a cited source: its title, file name,
// publisher, date, URL and (unless minimal) language, MIME type, kind,
// sensitivity and the SHA-256 of its original bytes, never its text.
func Document(src model.Source, minimal bool) Entity {
	sch := ftm.Default().Schema("Document")
	p := map[string][]string{}
	addChecked(p, sch, "title", src.Title)
	addChecked(p, sch, "name", src.Title)
	addChecked(p, sch, "fileName", fileName(src, minimal))
	addChecked(p, sch, "publisher", src.Publisher)
	addChecked(p, sch, "sourceUrl", src.URL)
	addChecked(p, sch, "publishedAt", src.Published.String())
	id := DocumentID(src.ID)
	if minimal {
		return Entity{ID: id, Schema: "Document", Properties: p, Athar: &Athar{Type: "source"}}
	}
	addChecked(p, sch, "language", Language(src.Language))
	if mt, _, err := mime.ParseMediaType(src.ContentType); err == nil {
		addChecked(p, sch, "mimeType", mt)
	}
	return Entity{ID: id, Schema: "Document", Properties: p, Athar: &Athar{Type: "source",
		Properties: map[string][]string{"kind": {string(src.Kind)}}, Sensitivity: src.Sensitivity.String(), SHA256: src.SHA256}}
}

// fileName is the name FtM requires a Document to have: the original's
// file name when it came from a file (never in the public dataset: a name
// someone gave a file on their disk is theirs), else the last part of its
// URL's path, else its Document id with the extension of its content type.
func fileName(src model.Source, minimal bool) string {
	if !minimal && strings.TrimSpace(src.Filename) != "" {
		return path.Base(strings.ReplaceAll(strings.TrimSpace(src.Filename), "\\", "/"))
	}
	if u, err := url.Parse(src.URL); err == nil && u.Path != "" {
		if b := path.Base(u.Path); b != "/" && b != "." && strings.TrimSpace(b) != "" {
			return strings.TrimSpace(b)
		}
	}
	ext := ".txt"
	switch mt, _, _ := mime.ParseMediaType(src.ContentType); mt {
	case "text/html", "application/xhtml+xml":
		ext = ".html"
	case "application/pdf":
		ext = ".pdf"
	case "text/csv":
		ext = ".csv"
	case "application/x-ndjson":
		ext = ".json"
	}
	return DocumentID(src.ID) + ext
}

// Language is FtM's code (ISO 639-3) for the language Athar records of a
// source ("ar", "en"), or "" for one it does not know.
func Language(code string) string {
	switch strings.ToLower(code) {
	case "ar", "ara":
		return "ara"
	case "en", "eng":
		return "eng"
	}
	return ""
}

// arabic reports whether a value is written in Arabic script.
func arabic(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Arabic, r) {
			return true
		}
	}
	return false
}

// target is what an export needs of an entity that statements link to.
type target struct {
	id      string // the entity that now stands for it (merged into)
	typ     model.EntityType
	schema  string
	names   []string // its exportable names, name first
	country string
}

// linkCache remembers, for a bounded number of entities, what the targets
// of links are and whether they are in the export, so that they are read a
// page at a time and not again and again.
type linkCache struct {
	entities map[string]model.Entity // link target → its row (zero: no such entity)
	known    map[string]*target      // entity (not merged) → what it is; nil: not in the export
}

const linkCacheSize = 10000

// target returns what a link to id points at, and whether it is in the
// export.
func (c *linkCache) target(id string) (target, bool) {
	e, ok := c.entities[id]
	if !ok || e.ID == "" {
		return target{}, false
	}
	t := id
	if e.MergedInto != "" {
		t = e.MergedInto
	}
	x := c.known[t]
	if x == nil {
		return target{}, false
	}
	return *x, true
}

// prefetch reads, in a few queries, the link targets of a page's
// statements that the cache does not hold.
func (c *linkCache) prefetch(ctx context.Context, st *store.Store, v access.Viewer, opt Options, page map[string][]model.Statement) error {
	if c.entities == nil || len(c.entities)+len(c.known) >= linkCacheSize {
		c.entities, c.known = map[string]model.Entity{}, map[string]*target{}
	}
	var ids []string
	for _, ss := range page {
		for _, s := range ss {
			if _, ok := c.entities[s.ValueEntity]; s.ValueEntity != "" && !ok {
				c.entities[s.ValueEntity] = model.Entity{}
				ids = append(ids, s.ValueEntity)
			}
		}
	}
	if len(ids) == 0 {
		return nil
	}
	found, err := st.EntitiesByID(ctx, ids)
	if err != nil {
		return err
	}
	var targets []string
	types := map[string]model.EntityType{}
	for _, id := range ids {
		e, ok := found[id]
		if !ok {
			continue
		}
		c.entities[id] = e
		t := id
		if e.MergedInto != "" {
			t = e.MergedInto
		}
		if _, ok := c.known[t]; !ok {
			c.known[t] = nil
			types[t] = e.Type
			targets = append(targets, t)
		}
	}
	stmts, err := st.StatementsOf(ctx, v, targets)
	if err != nil {
		return err
	}
	for _, t := range targets {
		ss := exportable(stmts[t], opt)
		if !nameable(types[t], ss) {
			continue
		}
		x := &target{id: t, typ: types[t], schema: schemaFor(types[t], ss)}
		for _, p := range append(nameProps, "full") {
			for _, s := range ss {
				if s.Property == p && s.ValueEntity == "" && !containsString(x.names, s.Value) {
					x.names = append(x.names, s.Value)
				}
			}
		}
		for _, s := range ss {
			if s.Property == model.PropGazetteer && x.country == "" {
				x.country = gazetteerCountry(s.Value)
			}
		}
		c.known[t] = x
	}
	return nil
}
