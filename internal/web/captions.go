package web

import (
	"context"
	"errors"
	"unicode"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/names"
	"github.com/athar-project/athar/internal/store"
)

// reader reads entities and sources for one request, as its viewer, and
// remembers what it read: a page names the same entity and cites the same
// source many times.
type reader struct {
	// brief bounds what a page lists of an entity that thousands of
	// sources name (a prison, a city): the newest sources, the latest
	// events, a few footnotes per claim, each with how many there are in
	// all. The dossier reads in full.
	brief   bool
	ctx     context.Context
	st      *store.Store
	app     *app.App
	v       access.Viewer
	stmts   map[string][]model.Statement
	sources map[string]*model.Source // nil value: not visible
	canon   map[string]string
	ents    map[string]model.Entity
	refs    map[string]entityRef
}

func (s *Server) reader(ctx context.Context, v access.Viewer) *reader {
	return &reader{ctx: ctx, st: s.store, app: s.app, v: v, stmts: map[string][]model.Statement{},
		sources: map[string]*model.Source{}, canon: map[string]string{}, ents: map[string]model.Entity{},
		refs: map[string]entityRef{}}
}

// statements of one entity (its own, not those of entities merged into it).
func (rd *reader) statements(id string) ([]model.Statement, error) {
	if sts, ok := rd.stmts[id]; ok {
		return sts, nil
	}
	sts, err := rd.st.Statements(rd.ctx, rd.v, id)
	if err != nil {
		return nil, err
	}
	rd.stmts[id] = sts
	return sts, nil
}

func (rd *reader) entity(id string) (model.Entity, error) {
	if e, ok := rd.ents[id]; ok {
		return e, nil
	}
	e, err := rd.st.Entity(rd.ctx, id)
	if err != nil {
		return e, err
	}
	rd.ents[id] = e
	return e, nil
}

// canonical is the entity that now stands for id.
func (rd *reader) canonical(id string) (string, error) {
	if c, ok := rd.canon[id]; ok {
		return c, nil
	}
	if e, ok := rd.ents[id]; ok && e.MergedInto == "" {
		return id, nil // read already, and merged into nothing
	}
	c, err := rd.st.Canonical(rd.ctx, id)
	if err != nil {
		return "", err
	}
	rd.canon[id] = c
	return c, nil
}

// source returns a source the viewer may see, or nil.
func (rd *reader) source(id string) (*model.Source, error) {
	if src, ok := rd.sources[id]; ok {
		return src, nil
	}
	// Pages cite sources; the text is for the source page.
	src, err := rd.st.SourceInfo(rd.ctx, rd.v, id)
	if errors.Is(err, store.ErrNotFound) {
		rd.sources[id] = nil
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	rd.sources[id] = &src
	return &src, nil
}

// prefetch reads, in a few queries, the sources of statements that are not
// read yet: a page citing thousands of sources would otherwise ask for them
// one at a time.
func (rd *reader) prefetch(sts []model.Statement) error {
	var ids []string
	want := map[string]bool{}
	for _, st := range sts {
		if st.SourceID == "" || want[st.SourceID] {
			continue
		}
		if _, ok := rd.sources[st.SourceID]; ok {
			continue
		}
		want[st.SourceID] = true
		ids = append(ids, st.SourceID)
	}
	if len(ids) == 0 {
		return nil
	}
	got, err := rd.st.SourcesByID(rd.ctx, rd.v, ids)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if src, ok := got[id]; ok {
			rd.sources[id] = &src
		} else {
			rd.sources[id] = nil // not visible
		}
	}
	return nil
}

// entityRef is an entity as a link shows it.
type entityRef struct {
	ID      string
	Type    model.EntityType
	Caption string // what the viewer may see of its name; "" when nothing
	Event   string // for events: the event type
	Date    model.Date
}

// ref names an entity by the strongest name the viewer may see (for an
// event: its type and date).
func (rd *reader) ref(id string) (entityRef, error) {
	if r, ok := rd.refs[id]; ok {
		return r, nil
	}
	r, err := rd.readRef(id)
	if err == nil {
		rd.refs[id] = r
	}
	return r, err
}

func (rd *reader) readRef(id string) (entityRef, error) {
	e, err := rd.entity(id)
	if err != nil {
		return entityRef{ID: id}, err
	}
	// A caption needs only the naming statements, one per value; the whole
	// set only when the page reads it anyway. A non-event's names come
	// from the claim totals.
	if sts, ok := rd.stmts[id]; ok || e.Type == model.TypeEvent {
		if !ok {
			if sts, err = rd.st.CaptionStatements(rd.ctx, rd.v, id); err != nil {
				return entityRef{ID: id, Type: e.Type}, err
			}
		}
		return refFrom(e, sts), nil
	}
	names, err := rd.st.CaptionNames(rd.ctx, rd.v, []string{id})
	if err != nil {
		return entityRef{ID: id, Type: e.Type}, err
	}
	return refNamed(e, names[id]), nil
}

// refFrom captions an entity from its statements.
func refFrom(e model.Entity, sts []model.Statement) entityRef {
	r := entityRef{ID: e.ID, Type: e.Type}
	rank := len(store.NameProperties)
	for _, st := range sts {
		if st.Status == model.StatusRejected {
			continue
		}
		switch st.Property {
		case model.PropEventType:
			if r.Event == "" {
				r.Event = st.Value
			}
		case model.PropDate:
			if r.Date.IsZero() {
				r.Date = st.DateStart
			}
		}
		for i, p := range store.NameProperties {
			if st.Property == p && i < rank && st.Value != "" {
				r.Caption, rank = st.Value, i
			}
		}
	}
	return r
}

// refNamed captions an entity by the first of its strongest names.
func refNamed(e model.Entity, names map[model.Property][]string) entityRef {
	r := entityRef{ID: e.ID, Type: e.Type}
	for _, p := range store.NameProperties {
		if len(names[p]) > 0 {
			r.Caption = names[p][0]
			break
		}
	}
	return r
}

// prefetchStatements reads, in one query, the statements of the entities
// (events, for a page's timeline) not read yet.
func (rd *reader) prefetchStatements(ids []string) error {
	var missing []string
	for _, id := range ids {
		if _, ok := rd.stmts[id]; !ok {
			missing = append(missing, id)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	got, err := rd.st.StatementsByEntity(rd.ctx, rd.v, missing)
	if err != nil {
		return err
	}
	for id, sts := range got {
		rd.stmts[id] = sts
	}
	return nil
}

// prefetchRefs captions, in a few queries, the entities not captioned yet.
func (rd *reader) prefetchRefs(ids []string) error {
	var missing []string
	seen := map[string]bool{}
	for _, id := range ids {
		if _, ok := rd.refs[id]; !ok && !seen[id] {
			seen[id] = true
			missing = append(missing, id)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	ents, err := rd.st.EntitiesByID(rd.ctx, missing)
	if err != nil {
		return err
	}
	var named, events []string
	for _, id := range missing {
		e, ok := ents[id]
		if !ok {
			continue // ref reports it
		}
		rd.ents[id] = e
		if e.Type == model.TypeEvent {
			events = append(events, id)
		} else if _, read := rd.stmts[id]; !read {
			named = append(named, id)
		}
	}
	if err := rd.prefetchStatements(events); err != nil {
		return err
	}
	names, err := rd.st.CaptionNames(rd.ctx, rd.v, named)
	if err != nil {
		return err
	}
	for _, id := range named {
		rd.refs[id] = refNamed(rd.ents[id], names[id])
	}
	return nil
}

// arabicOnly reports whether s is written in Arabic script with no Latin
// letters: such a name is shown with a machine transliteration.
func arabicOnly(s string) bool {
	arabic := false
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r):
			arabic = true
		case unicode.Is(unicode.Latin, r):
			return false
		}
	}
	return arabic
}

// latinOf is the machine transliteration of an Arabic-script name, "" for
// anything else.
func latinOf(s string) string {
	if !arabicOnly(s) {
		return ""
	}
	return names.Transliterate(s)
}
