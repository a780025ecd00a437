// Package export writes what the store holds as FollowTheMoney entities (JSON
// lines) and, for the public dataset, as CSV files too.
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
}

// Statement is one exported statement.
type Statement struct {
	ID          string `json:"id"`
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
// entity with no exportable statement is skipped. Memory stays bounded by
// one entity, the set of source ids already written and a bounded cache of
// link targets.
func Each(ctx context.Context, st *store.Store, v access.Viewer, opt Options, fn func(Entity) error) error {
	seen := map[string]bool{} // source id → looked up, and whether the viewer may see it
	links := &linkCache{}
	after := ""
	for {
		page, err := st.EntityPage(ctx, after, pageSize)
		if err != nil {
			return err
		}
		if len(page) == 0 {
			return nil
		}
		for _, e := range page {
			ent, sources, err := build(ctx, st, v, opt, links, e)
			if err != nil {
				return err
			}
			if ent == nil {
				continue
			}
			if err := fn(*ent); err != nil {
				return err
			}
			for _, id := range sources {
				if _, done := seen[id]; done {
					continue
				}
				seen[id] = false
				src, err := st.Source(ctx, v, id)
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

// build turns one entity (and those merged into it) into an FtM entity, or
// nil when the viewer may see none of its statements.
func build(ctx context.Context, st *store.Store, v access.Viewer, opt Options, links *linkCache, e model.Entity) (*Entity, []string, error) {
	stmts, err := gather(ctx, st, v, opt, e.ID)
	if err != nil {
		return nil, nil, err
	}
	if len(stmts) == 0 {
		return nil, nil, nil
	}
	var names []string
	for _, s := range stmts {
		if s.Property == "name" || s.Property == "alias" {
			names = append(names, s.Value)
		}
	}
	schema := SchemaOf(e.Type, names)
	out := &Entity{ID: e.ID, Schema: schema, Properties: map[string][]string{},
		Athar: &Athar{Type: string(e.Type), Properties: map[string][]string{}}}
	var sources []string
	for _, s := range stmts {
		value, prop := s.Value, s.Property
		inFtM := s.ValueEntity == "" && slices.Contains(ftmProps[schema], prop)
		if s.ValueEntity != "" {
			t, err := st.Entity(ctx, s.ValueEntity)
			if errors.Is(err, store.ErrNotFound) {
				continue
			}
			if err != nil {
				return nil, nil, err
			}
			value = s.ValueEntity
			if t.MergedInto != "" {
				value = t.MergedInto
			}
			// A link to an entity that is not in this export (nothing of it
			// exportable) is left out, so that no id points nowhere.
			ok, err := links.exported(ctx, st, v, opt, value)
			if err != nil {
				return nil, nil, err
			}
			if !ok {
				continue
			}
			inFtM = entityProps[schema][prop]
			if schema == "Event" && prop == "location" && t.Type == model.TypePlace {
				prop, inFtM = "addressEntity", true
			}
		}
		if inFtM {
			add(out.Properties, prop, value)
			if schema == "Address" && prop == "name" {
				add(out.Properties, "full", value)
			}
		} else {
			add(out.Athar.Properties, prop, value)
		}
		if s.SourceID != "" && !slices.Contains(sources, s.SourceID) {
			sources = append(sources, s.SourceID)
		}
		x := Statement{ID: s.ID, Property: s.Property, Value: s.Value, Status: string(s.Status),
			Modality: string(s.Modality), Role: s.Role, Source: s.SourceID,
			DateStart: s.DateStart.String(), DateEnd: s.DateEnd.String(), Sensitivity: s.Sensitivity.String()}
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
		if t := out.Athar.Properties["eventType"]; len(t) > 0 {
			add(out.Properties, "name", t[0])
		}
	}
	if len(out.Athar.Properties) == 0 {
		out.Athar.Properties = nil
	}
	out.Athar.Sources = sources
	return out, sources, nil
}

// gather lists the exportable statements about an entity and the entities
// merged into it: those the viewer may see, never rejected ones, and only
// confirmed ones when the options say so.
func gather(ctx context.Context, st *store.Store, v access.Viewer, opt Options, id string) ([]model.Statement, error) {
	ids, err := st.MergedFrom(ctx, id)
	if err != nil {
		return nil, err
	}
	var stmts []model.Statement
	for _, id := range append([]string{id}, ids...) {
		ss, err := st.Statements(ctx, v, id)
		if err != nil {
			return nil, err
		}
		for _, s := range ss {
			if s.Status == model.StatusRejected || (opt.Confirmed && s.Status != model.StatusConfirmed) {
				continue
			}
			stmts = append(stmts, s)
		}
	}
	return stmts, nil
}

// linkCache remembers, for a bounded number of entities, whether they are in
// the export, so that the targets of many links are not read again and again.
type linkCache struct{ known map[string]bool }

const linkCacheSize = 10000

func (c *linkCache) exported(ctx context.Context, st *store.Store, v access.Viewer, opt Options, id string) (bool, error) {
	if ok, hit := c.known[id]; hit {
		return ok, nil
	}
	stmts, err := gather(ctx, st, v, opt, id)
	if err != nil {
		return false, err
	}
	if c.known == nil || len(c.known) >= linkCacheSize {
		c.known = map[string]bool{}
	}
	c.known[id] = len(stmts) > 0
	return len(stmts) > 0, nil
}

func add(m map[string][]string, k, v string) {
	if v == "" || slices.Contains(m[k], v) {
		return
	}
	m[k] = append(m[k], v)
}

// Document is the FtM entity for a cited source: its title, publisher, date,
// URL and (unless minimal) language and kind, never its text.
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
	return Entity{ID: src.ID, Schema: "Document", Properties: p, Athar: &Athar{Type: "source", Properties: map[string][]string{"kind": {string(src.Kind)}}}}
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
