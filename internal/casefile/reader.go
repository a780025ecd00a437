package casefile

import (
	"context"
	"errors"
	"unicode"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/names"
	"github.com/athar-project/athar/internal/store"
)

// Reader reads entities and sources for one request, as its viewer, and
// remembers what it read: a case file names the same entity and cites the
// same source many times. It is not safe for concurrent use; make one per
// request.
type Reader struct {
	ctx     context.Context
	st      *store.Store
	v       access.Viewer
	stmts   map[string][]model.Statement
	sources map[string]*model.Source // nil value: not visible
	canon   map[string]string
	ents    map[string]model.Entity
	refs    map[string]Ref
	// withhold names sources whose statements this reader leaves out
	// (testimonies whose witness did not consent to the use at hand);
	// withheld, those it left out that the viewer could otherwise see.
	withhold, withheld map[string]bool
}

// NewReader is a reader of st as v sees it.
func NewReader(ctx context.Context, st *store.Store, v access.Viewer) *Reader {
	return &Reader{ctx: ctx, st: st, v: v, stmts: map[string][]model.Statement{},
		sources: map[string]*model.Source{}, canon: map[string]string{}, ents: map[string]model.Entity{},
		refs: map[string]Ref{}}
}

// Withhold makes the reader leave out every statement drawn from a source
// in ids — for a use the witness of a testimony did not consent to (the
// dossier: use in court). Call it before reading.
func (rd *Reader) Withhold(ids map[string]bool) { rd.withhold, rd.withheld = ids, map[string]bool{} }

// Withheld counts the sources the viewer could see whose statements the
// reader left out (Withhold).
func (rd *Reader) Withheld() int { return len(rd.withheld) }

// keep leaves out of sts the statements drawn from withheld sources,
// counting those sources. Every read of statements goes through it.
func (rd *Reader) keep(sts []model.Statement) []model.Statement {
	if len(rd.withhold) == 0 {
		return sts
	}
	kept := sts[:0:0]
	for _, s := range sts {
		if rd.withhold[s.SourceID] {
			rd.withheld[s.SourceID] = true
			continue
		}
		kept = append(kept, s)
	}
	return kept
}

// Viewer is who the reader reads as.
func (rd *Reader) Viewer() access.Viewer { return rd.v }

// Statements of one entity (its own, not those of entities merged into it)
// that the viewer may see, rejected ones included.
func (rd *Reader) Statements(id string) ([]model.Statement, error) {
	if sts, ok := rd.stmts[id]; ok {
		return sts, nil
	}
	sts, err := rd.st.Statements(rd.ctx, rd.v, id)
	if err != nil {
		return nil, err
	}
	sts = rd.keep(sts)
	rd.stmts[id] = sts
	return sts, nil
}

// Entity reads an entity's row (whatever the viewer may see of it).
func (rd *Reader) Entity(id string) (model.Entity, error) {
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

// Canonical is the entity that now stands for id.
func (rd *Reader) Canonical(id string) (string, error) {
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

// Source returns a source the viewer may see, without its text, or nil.
func (rd *Reader) Source(id string) (*model.Source, error) {
	if src, ok := rd.sources[id]; ok {
		return src, nil
	}
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

// Prefetch reads, in a few queries, the sources of statements that are not
// read yet: a case file citing thousands of sources would otherwise ask for
// them one at a time.
func (rd *Reader) Prefetch(sts []model.Statement) error {
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

// Ref is an entity as a link shows it.
type Ref struct {
	ID      string
	Type    model.EntityType
	Caption string // what the viewer may see of its name; "" when nothing
	// Arabic and Latin are its strongest names the viewer may see in
	// Arabic script and in any other; "" when it has none. A page in
	// Arabic captions by the first, one in English by the second.
	Arabic, Latin string
	Event         string // for events: the event type
	Date          model.Date
}

// Ref names an entity by the strongest name the viewer may see (for an
// event: its type and date).
func (rd *Reader) Ref(id string) (Ref, error) {
	if r, ok := rd.refs[id]; ok {
		return r, nil
	}
	r, err := rd.readRef(id)
	if err == nil {
		rd.refs[id] = r
	}
	return r, err
}

func (rd *Reader) readRef(id string) (Ref, error) {
	e, err := rd.Entity(id)
	if err != nil {
		return Ref{ID: id}, err
	}
	// A caption needs only the naming statements, one per value; the whole
	// set only when the reader has it anyway. A non-event's names come
	// from the claim totals.
	if sts, ok := rd.stmts[id]; ok || e.Type == model.TypeEvent {
		if !ok {
			if sts, err = rd.st.CaptionStatements(rd.ctx, rd.v, id); err != nil {
				return Ref{ID: id, Type: e.Type}, err
			}
			sts = rd.keep(sts)
		}
		return refFrom(e, sts), nil
	}
	names, err := rd.st.CaptionNames(rd.ctx, rd.v, []string{id})
	if err != nil {
		return Ref{ID: id, Type: e.Type}, err
	}
	return refNamed(e, names[id]), nil
}

// refFrom captions an entity from its statements.
func refFrom(e model.Entity, sts []model.Statement) Ref {
	r := Ref{ID: e.ID, Type: e.Type}
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
	// The strongest name in each script, by the same ranking.
	for _, p := range store.NameProperties {
		var ns []string
		for _, st := range sts {
			if st.Property == p && st.Status != model.StatusRejected && st.Value != "" {
				ns = append(ns, st.Value)
			}
		}
		r.byScript(ns)
	}
	return r
}

// byScript fills in Arabic and Latin, where still empty, from names in
// order of strength.
func (r *Ref) byScript(names []string) {
	for _, n := range names {
		if IsArabic(n) {
			if r.Arabic == "" {
				r.Arabic = n
			}
		} else if r.Latin == "" {
			r.Latin = n
		}
	}
}

// IsArabic reports whether a name is written in Arabic script: its first
// letter is an Arabic one.
func IsArabic(s string) bool {
	for _, c := range s {
		if unicode.IsLetter(c) {
			return unicode.Is(unicode.Arabic, c)
		}
	}
	return false
}

// refNamed captions an entity by the first of its strongest names.
func refNamed(e model.Entity, names map[model.Property][]string) Ref {
	r := Ref{ID: e.ID, Type: e.Type}
	for _, p := range store.NameProperties {
		if len(names[p]) > 0 && r.Caption == "" {
			r.Caption = names[p][0]
		}
		r.byScript(names[p])
	}
	return r
}

// prefetchStatements reads, in one query, the statements of the entities
// (events, for a timeline) not read yet.
func (rd *Reader) prefetchStatements(ids []string) error {
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
	for _, id := range missing {
		rd.stmts[id] = rd.keep(got[id])
	}
	return nil
}

// PrefetchRefs captions, in a few queries, the entities not captioned yet.
func (rd *Reader) PrefetchRefs(ids []string) error {
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
			continue // Ref reports it
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

// ArabicOnly reports whether s is written in Arabic script with no Latin
// letters: such a name is shown with a machine transliteration.
func ArabicOnly(s string) bool {
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

// LatinOf is the machine transliteration of an Arabic-script name, "" for
// anything else.
func LatinOf(s string) string {
	if !ArabicOnly(s) {
		return ""
	}
	return names.Transliterate(s)
}
