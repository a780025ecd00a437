// Package export writes what the store holds as FollowTheMoney entities (JSON
// lines), as FtM statements (statements.go), as CSV (csv.go) and as the
// public dataset (public.go). internal/dataimport reads the entities back.
//
// Mapping (schemas and properties exist in FtM's YAML; a test checks it):
//   - person → Person; organization → Organization, or PublicBody when one of
//     its names names a ministry, court, directorate or branch.
//   - facility → Organization: FtM has no schema for a prison or branch, and
//     what investigators follow about one is the body that runs it; the Athar
//     type stays in athar.type.
//   - place → Address (name and full).
//   - event → Event (date, location, involved, organizer, summary; a link to a
//     place as addressEntity).
//   - a cited source → Document (title, publisher, sourceUrl, publishedAt;
//     language too outside the public dataset), emitted once, after the first
//     entity that cites it, and one Documentation (entity, document) per
//     entity and source it cites, with the id "doc-<entity>-<source>".
//
// What FtM has no property for goes in a top-level "athar" object beside
// "properties": the Athar type, the sources cited (athar.sources), properties
// FtM lacks (athar.properties, e.g. eventType, affiliation), and every
// statement exported with its id, status, modality, participant role, source,
// dates and (unless the export is public) quote (athar.statements).
package export

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"time"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// pageSize is how many entity rows one store query reads; tests lower it.
var pageSize = 200

// Options choose what an export holds.
type Options struct {
	Confirmed bool // confirmed statements only (else confirmed and proposed)
	NoQuotes  bool // leave out quotes from source texts (the public dataset)
	// Progress, when set, is called after each entity with the number of
	// entities and statements written so far.
	Progress func(entities, statements int)
}

// Entity is one FollowTheMoney entity.
type Entity struct {
	ID         string              `json:"id"`
	Schema     string              `json:"schema"`
	Properties map[string][]string `json:"properties"`
	Athar      *Athar              `json:"athar,omitempty"`
}

// Athar holds what FtM has no property for.
type Athar struct {
	Type       string              `json:"type,omitempty"` // person, organization, facility, place, event, source
	Properties map[string][]string `json:"properties,omitempty"`
	Sources    []string            `json:"sources,omitempty"`
	Statements []Statement         `json:"statements,omitempty"`
	// Of a source (a Document), outside the public dataset: its level and
	// the SHA-256 of its original bytes in the archive.
	Sensitivity string `json:"sensitivity,omitempty"`
	SHA256      string `json:"sha256,omitempty"`
}

// Statement is one exported statement.
type Statement struct {
	ID string `json:"id"`
	// Entity is the entity the statement was made about when that entity
	// was later merged into the exported one; "" when it is the same.
	Entity      string `json:"entity,omitempty"`
	Property    string `json:"property"`
	Value       string `json:"value,omitempty"`
	ValueEntity string `json:"value_entity,omitempty"`
	Status      string `json:"status"`
	Modality    string `json:"modality,omitempty"`
	Role        string `json:"role,omitempty"`
	Source      string `json:"source,omitempty"`
	Quote       string `json:"quote,omitempty"`
	DateStart   string `json:"date_start,omitempty"`
	DateEnd     string `json:"date_end,omitempty"`
	Sensitivity string `json:"sensitivity"`

	ftmProp string    // the FtM property it went into; "" for athar.properties
	created time.Time // when it was stored
}

// ftmProps lists, per schema, the Athar properties that FtM has under the
// same name. Anything else goes to athar.properties.
var ftmProps = map[string][]string{
	"Person": {"name", "alias", "weakAlias", "previousName", "title", "position", "birthPlace", "birthDate",
		"deathDate", "nationality", "gender", "notes", "firstName", "fatherName", "lastName", "motherName",
		"middleName", "secondName", "country", "religion", "ethnicity"},
	"Organization": {"name", "alias", "weakAlias", "previousName", "notes", "country",
		"address", "incorporationDate", "dissolutionDate", "sector", "classification"},
	"Address": {"name", "alias", "weakAlias", "full", "city", "region", "state", "country", "latitude", "longitude", "notes"},
	"Event":   {"name", "alias", "weakAlias", "date", "startDate", "endDate", "summary", "description", "location", "country", "notes", "important"},
}

// entityProps are FtM properties whose values are entity ids.
var entityProps = map[string]map[string]bool{
	"Event": {"involved": true, "organizer": true},
}

func init() {
	ftmProps["PublicBody"] = ftmProps["Organization"]
}

var publicBody = regexp.MustCompile(`(?i)\b(ministry|court|tribunal|directorate|department|branch|police|intelligence|army|division|brigade|regiment|general security|government)\b|وزارة|محكمة|مديرية|إدارة|فرع|شرطة|مخابرات|الجيش|الفرقة`)

// Each streams the entities the viewer may see to fn, one at a time, each
// followed by the Documents for the sources it is the first to cite and a
// Documentation linking it to each source it cites. An
// entity with no exportable statement is skipped. The store is read a page
// of entities at a time (their statements, and their links' targets, in a
// few queries per page). Memory stays bounded by one page, the set of
// source ids already written and a bounded cache of link targets.
func Each(ctx context.Context, st *store.Store, v access.Viewer, opt Options, fn func(Entity) error) error {
	seen := map[string]bool{} // source id → looked up, and whether the viewer may see it
	links := &linkCache{}
	after := ""
	entities, statements := 0, 0
	for {
		page, err := st.EntityPage(ctx, after, pageSize)
		if err != nil {
			return err
		}
		if len(page) == 0 {
			return nil
		}
		ids := make([]string, len(page))
		for i, e := range page {
			ids[i] = e.ID
		}
		stmts, err := st.StatementsOf(ctx, v, ids)
		if err != nil {
			return err
		}
		for id, ss := range stmts {
			stmts[id] = exportable(ss, opt)
		}
		if err := links.prefetch(ctx, st, v, opt, stmts); err != nil {
			return err
		}
		for _, e := range page {
			ent, sources, err := build(opt, links, e, stmts[e.ID])
			if err != nil {
				return err
			}
			if ent == nil {
				continue
			}
			if err := fn(*ent); err != nil {
				return err
			}
			entities++
			statements += len(ent.Athar.Statements)
			for _, id := range sources {
				if _, done := seen[id]; done {
					continue
				}
				seen[id] = false
				src, err := st.SourceInfo(ctx, v, id)
				if errors.Is(err, store.ErrNotFound) {
					continue
				}
				seen[id] = true
				if err != nil {
					return err
				}
				if err := fn(Document(src, opt.NoQuotes)); err != nil {
					return err
				}
			}
			for _, id := range sources {
				if !seen[id] {
					continue // a source the viewer may not see
				}
				link := Entity{ID: "doc-" + ent.ID + "-" + id, Schema: "Documentation",
					Properties: map[string][]string{"entity": {ent.ID}, "document": {id}}}
				if err := fn(link); err != nil {
					return err
				}
			}
			if opt.Progress != nil {
				opt.Progress(entities, statements)
			}
		}
		after = page[len(page)-1].ID
	}
}

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

// build turns one entity (and those merged into it), with its exportable
// statements, into an FtM entity, or nil when it has none.
func build(opt Options, links *linkCache, e model.Entity, stmts []model.Statement) (*Entity, []string, error) {
	if len(stmts) == 0 {
		return nil, nil, nil
	}
	var names []string
	for _, s := range stmts {
		if s.Property == model.PropName || s.Property == model.PropAlias {
			names = append(names, s.Value)
		}
	}
	schema := SchemaOf(e.Type, names)
	out := &Entity{ID: e.ID, Schema: schema, Properties: map[string][]string{},
		Athar: &Athar{Type: string(e.Type), Properties: map[string][]string{}}}
	var sources []string
	for _, s := range stmts {
		// FtM's property names are Athar's where FtM has the property.
		value, prop := s.Value, string(s.Property)
		inFtM := s.ValueEntity == "" && slices.Contains(ftmProps[schema], prop)
		if s.ValueEntity != "" {
			t, ok := links.entities[s.ValueEntity]
			if !ok || t.ID == "" {
				continue
			}
			value = s.ValueEntity
			if t.MergedInto != "" {
				value = t.MergedInto
			}
			// A link to an entity that is not in this export (nothing of it
			// exportable) is left out, so that no id points nowhere.
			if !links.known[value] {
				continue
			}
			inFtM = entityProps[schema][prop]
			if schema == "Event" && s.Property == model.PropLocation && t.Type == model.TypePlace {
				prop, inFtM = "addressEntity", true
			}
		}
		x := Statement{ID: s.ID, Property: string(s.Property), Value: s.Value, Status: string(s.Status),
			Modality: string(s.Modality), Role: string(s.Role), Source: s.SourceID,
			DateStart: s.DateStart.String(), DateEnd: s.DateEnd.String(), Sensitivity: s.Sensitivity.String(),
			created: s.CreatedAt}
		if s.EntityID != e.ID {
			x.Entity = s.EntityID
		}
		if inFtM {
			x.ftmProp = prop
			add(out.Properties, prop, value)
			if schema == "Address" && s.Property == model.PropName {
				add(out.Properties, "full", value)
			}
		} else {
			add(out.Athar.Properties, prop, value)
		}
		if s.SourceID != "" && !slices.Contains(sources, s.SourceID) {
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
	if schema == "Event" && len(out.Properties["name"]) == 0 {
		// FtM requires an Event's name; the event's type is the best one.
		if t := out.Athar.Properties[string(model.PropEventType)]; len(t) > 0 {
			add(out.Properties, "name", t[0])
		}
	}
	if len(out.Athar.Properties) == 0 {
		out.Athar.Properties = nil
	}
	out.Athar.Sources = sources
	return out, sources, nil
}

// exportable keeps the statements an export holds: never rejected ones,
// and only confirmed ones when the options say so.
func exportable(ss []model.Statement, opt Options) []model.Statement {
	out := ss[:0:0]
	for _, s := range ss {
		if s.Status == model.StatusRejected || (opt.Confirmed && s.Status != model.StatusConfirmed) {
			continue
		}
		out = append(out, s)
	}
	return out
}

// linkCache remembers, for a bounded number of entities, what the targets
// of links are and whether they are in the export, so that they are read a
// page at a time and not again and again.
type linkCache struct {
	entities map[string]model.Entity // link target → its row (zero: no such entity)
	known    map[string]bool         // entity (not merged) → in the export
}

const linkCacheSize = 10000

// prefetch reads, in a few queries, the link targets of a page's
// statements that the cache does not hold.
func (c *linkCache) prefetch(ctx context.Context, st *store.Store, v access.Viewer, opt Options, page map[string][]model.Statement) error {
	if c.entities == nil || len(c.entities)+len(c.known) >= linkCacheSize {
		c.entities, c.known = map[string]model.Entity{}, map[string]bool{}
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
			c.known[t] = false
			targets = append(targets, t)
		}
	}
	stmts, err := st.StatementsOf(ctx, v, targets)
	if err != nil {
		return err
	}
	for _, t := range targets {
		c.known[t] = len(exportable(stmts[t], opt)) > 0
	}
	return nil
}

func add(m map[string][]string, k, v string) {
	if v == "" || slices.Contains(m[k], v) {
		return
	}
	m[k] = append(m[k], v)
}

// Document is the FtM entity for a cited source: its title, publisher, date,
// URL and (unless minimal) language, kind, sensitivity and the SHA-256 of
// its original bytes, never its text.
func Document(src model.Source, minimal bool) Entity {
	p := map[string][]string{}
	add(p, "title", src.Title)
	add(p, "name", src.Title)
	add(p, "publisher", src.Publisher)
	add(p, "sourceUrl", src.URL)
	add(p, "publishedAt", src.Published.String())
	if minimal {
		return Entity{ID: src.ID, Schema: "Document", Properties: p, Athar: &Athar{Type: "source"}}
	}
	add(p, "language", src.Language)
	return Entity{ID: src.ID, Schema: "Document", Properties: p, Athar: &Athar{Type: "source",
		Properties: map[string][]string{"kind": {string(src.Kind)}}, Sensitivity: src.Sensitivity.String(), SHA256: src.SHA256}}
}

// WriteFTM writes the export as JSON lines.
func WriteFTM(ctx context.Context, st *store.Store, v access.Viewer, opt Options, w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return Each(ctx, st, v, opt, func(e Entity) error {
		if err := enc.Encode(e); err != nil {
			return fmt.Errorf("write entity %s: %w", e.ID, err)
		}
		return nil
	})
}
