// Package export writes what the store holds as FollowTheMoney entities (JSON
// lines), as FtM statements (statements.go, JSON lines or FtM's CSV), as CSV
// (csv.go) and as the public dataset (public.go). internal/dataimport reads
// them back.
//
// What is written is what FtM's own model accepts (ftm/ftmtest checks every
// export with @alephdata/followthemoney):
//   - person → Person; organization → Organization, or PublicBody when one of
//     its names names a ministry, court, directorate or branch, or the FtM
//     schema an imported entity came with (a "schema" statement: Company,
//     PublicBody, LegalEntity); facility → Organization (FtM has no schema for
//     a prison or branch; the Athar type stays in athar.type); place →
//     Address (name and full); event → Event.
//   - A statement goes into "properties" when FtM's schema has its property
//     and its value is valid for the property's type (a date FtM reads, a
//     country code...); anything else goes into athar.properties, never
//     inside "properties". Links go in when the linked entity's schema is in
//     the property's range (an event's place is its addressEntity).
//   - Required properties: a Person or organization with no name but an
//     alias is named by the alias; one with no name at all is left out, and
//     so are links to it. An Event is named by a caption made from its type
//     and its subject ("Arrest: Ous Salloum (2024-12-09)"), in English and,
//     when the subject has an Arabic name, in Arabic.
//   - A cited source → Document, with the FtM id DocumentID gives it (FtM
//     ids have no "_"), its title, fileName (required by FtM), publisher,
//     sourceUrl, publishedAt, and outside the public dataset its language
//     (ISO 639-3: eng, ara) and mimeType. It is emitted once, after the
//     first entity that cites it, and one Documentation links each entity to
//     each source it cites.
//   - A person's affiliation with an organization or facility → an
//     Employment, Membership or UnknownLink edge (edges.go); relationships
//     imported from other FtM data → the edge schema they came as.
//   - Places, facilities and organizations that the gazetteer places in a
//     country, and events at such places, carry that country's code.
//
// What FtM has no property for goes in a top-level "athar" object beside
// "properties": the Athar type, the sources cited (athar.sources), properties
// FtM lacks (athar.properties, e.g. eventType, affiliation), and every
// statement exported with its id, status, modality, participant role, source,
// dates and (unless the export is public) quote (athar.statements).
package export

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/casefile"
	"github.com/athar-project/athar/internal/export/ftm"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// pageSize is how many entity rows one store query reads; tests lower it.
var pageSize = 200

// Options choose what an export holds.
type Options struct {
	Confirmed bool // confirmed statements only (else confirmed and proposed)
	NoQuotes  bool // leave out quotes from source texts (the public dataset)
	// Withhold names sources whose statements are left out whatever their
	// level: testimonies whose witness did not consent to this use
	// (app.WithoutConsent).
	Withhold map[string]bool
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
	// Status is a person's case status and fate as the export's viewer may
	// see them, read by the case file's rules (casefile.Reader.Status); nil
	// for anything else. The CSV tables carry it; FtM carries the confirmed
	// case status alone, as the Person's "status", and only when a source
	// asserts it (not when only allegations support it).
	Status *Status `json:"-"`
}

// Status is a person's case status and fate: what confirmed events
// support (alleged when only sources that allege it support it), and
// apart, what unreviewed readings suggest when it is not the same (empty in
// an export of confirmed statements only).
type Status struct {
	Case, Fate                   string
	CaseAlleged, FateAlleged     bool
	SuggestedCase, SuggestedFate string
}

// statusOf is the person's status in an export with these options.
func statusOf(c casefile.Case, f casefile.Fate, opt Options) *Status {
	s := &Status{Case: c.Confirmed.Value, Fate: f.Confirmed.Value,
		CaseAlleged: c.Confirmed.Value != "" && c.Confirmed.Alleged, FateAlleged: f.Confirmed.Value != "" && f.Confirmed.Alleged}
	if !opt.Confirmed {
		if c.Open() {
			s.SuggestedCase = c.Suggested.Value
		}
		if f.Open() {
			s.SuggestedFate = f.Suggested.Value
		}
	}
	return s
}

// Athar holds what FtM has no property for.
type Athar struct {
	// Type is the Athar type (person, organization, facility, place, event),
	// "source" for a Document that stands for a source, or "link" for an
	// edge that shows one Athar statement (edges.go).
	Type       string              `json:"type,omitempty"`
	Properties map[string][]string `json:"properties,omitempty"`
	Sources    []string            `json:"sources,omitempty"`
	Statements []Statement         `json:"statements,omitempty"`
	// Of a source (a Document), outside the public dataset: its level and
	// the SHA-256 of its original bytes in the archive.
	Sensitivity string `json:"sensitivity,omitempty"`
	SHA256      string `json:"sha256,omitempty"`
	// Of an edge: the id of the Athar statement it shows (which its source
	// entity's athar.statements hold in full).
	Statement string `json:"statement,omitempty"`
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
	Source      string `json:"source,omitempty"` // the Document's id (DocumentID)
	Quote       string `json:"quote,omitempty"`
	DateStart   string `json:"date_start,omitempty"`
	DateEnd     string `json:"date_end,omitempty"`
	Sensitivity string `json:"sensitivity"`

	ftmProp string    // the FtM property it went into; "" for athar.properties
	created time.Time // when it was stored
}

// IsRecord reports whether e stands for an Athar entity (a person, an
// event...), rather than a source (Document), a Documentation or an edge.
func (e Entity) IsRecord() bool {
	return e.Athar != nil && e.Athar.Type != "source" && e.Athar.Type != "link" && e.Schema != "Documentation"
}

// DocumentID is the FtM id of the Document that stands for a source:
// Athar's source id with "-" for "_" ("src_25d6…" → "src-25d6…"), as FtM
// ids are letters, digits, dots and dashes. SourceID undoes it.
func DocumentID(sourceID string) string { return strings.ReplaceAll(sourceID, "_", "-") }

// SourceID is the Athar source id of a Document id, in the form exports
// write now ("src-…") or wrote before ("src_…").
func SourceID(documentID string) string {
	if rest, ok := strings.CutPrefix(documentID, "src-"); ok {
		return "src_" + rest
	}
	return documentID
}

// documentationID is the id of the Documentation linking an entity to a
// source: "doc-<entity>-<document>", or a hash of the two when that is
// longer than FtM allows.
func documentationID(entity, document string) string {
	id := "doc-" + entity + "-" + document
	if len(id) <= ftm.MaxIDLength {
		return id
	}
	return "doc-" + hashID(entity, document)
}

func hashID(parts ...string) string {
	h := sha1.Sum([]byte(strings.Join(parts, "\x00")))
	return hex.EncodeToString(h[:])
}

// Each streams the entities the viewer may see to fn, one at a time, each
// followed by its edges, the Documents for the sources it is the first to
// cite and a Documentation linking it to each source it cites. An entity
// with no exportable statement, or none FtM can name it by, is skipped. The
// store is read a page of entities at a time (their statements, and their
// links' targets, in a few queries per page). Memory stays bounded by one
// page, the set of source ids already written and a bounded cache of link
// targets.
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
		cases := casefile.NewReader(ctx, st, v) // one per page: its caches stay bounded
		if len(opt.Withhold) > 0 {
			cases.Withhold(opt.Withhold) // the status too is drawn without them
		}
		for _, e := range page {
			ent, sources, edges := build(opt, links, e, stmts[e.ID])
			if ent == nil {
				continue
			}
			if e.Type == model.TypePerson {
				c, f, err := cases.Status(e)
				if err != nil {
					return fmt.Errorf("status of %s: %w", e.ID, err)
				}
				ent.Status = statusOf(c, f, opt)
				if ent.Schema == "Person" && !ent.Status.CaseAlleged {
					// Confirmed and asserted only: a partner reads FtM's
					// properties as fact.
					add(ent.Properties, "status", ent.Status.Case)
				}
			}
			if err := fn(*ent); err != nil {
				return err
			}
			entities++
			statements += len(ent.Athar.Statements)
			for _, edge := range edges {
				if err := fn(edge); err != nil {
					return err
				}
			}
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
				doc := DocumentID(id)
				link := Entity{ID: documentationID(ent.ID, doc), Schema: "Documentation",
					Properties: map[string][]string{"entity": {ent.ID}, "document": {doc}}}
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

// exportable keeps the statements an export holds: never rejected ones,
// and only confirmed ones when the options say so.
func exportable(ss []model.Statement, opt Options) []model.Statement {
	out := ss[:0:0]
	for _, s := range ss {
		if s.Status == model.StatusRejected || (opt.Confirmed && s.Status != model.StatusConfirmed) || opt.Withhold[s.SourceID] {
			continue
		}
		out = append(out, s)
	}
	return out
}

func add(m map[string][]string, k, v string) {
	if v == "" || slices.Contains(m[k], v) {
		return
	}
	m[k] = append(m[k], v)
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
