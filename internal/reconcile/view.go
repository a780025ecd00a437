package reconcile

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/nameindex"
)

// entityView is an entity as one viewer may see it: the statements within
// their clearance (for the public, confirmed ones) of the entity and of the
// entities merged into it, rejected ones left out.
type entityView struct {
	id    string
	typ   model.EntityType
	names []string // name, then alias, then weakAlias values, each once
	stmts []model.Statement
}

// caption is the strongest name the viewer may see.
func (e *entityView) caption() string {
	if len(e.names) > 0 {
		return e.names[0]
	}
	return e.id
}

// values lists the viewer's values of a property, each once.
func (e *entityView) values(prop string) []model.Statement {
	var out []model.Statement
	seen := map[string]bool{}
	for _, st := range e.stmts {
		if string(st.Property) == prop && !seen[st.Value+"\x00"+st.ValueEntity] {
			seen[st.Value+"\x00"+st.ValueEntity] = true
			out = append(out, st)
		}
	}
	return out
}

// reader loads entity views for one request, once each.
type reader struct {
	st    app.Reader
	v     access.Viewer
	views map[string]*entityView // by canonical id; nil: nothing visible
	canon map[string]string
	// index holds, per type, the names this viewer may see, for a viewer
	// below full clearance (see Service.match).
	index map[model.EntityType]*nameindex.Index
}

func newReader(st app.Reader, v access.Viewer) *reader {
	return &reader{st: st, v: v, views: map[string]*entityView{}, canon: map[string]string{},
		index: map[model.EntityType]*nameindex.Index{}}
}

// view returns what the viewer may see of the entity that now stands for
// id, or nil when they may see nothing of it (or there is no such entity):
// the two are one answer, so that a refusal reveals nothing.
func (rd *reader) view(ctx context.Context, id string) (*entityView, error) {
	canon, ok := rd.canon[id]
	if !ok {
		c, err := rd.st.Canonical(ctx, id)
		if errors.Is(err, app.ErrNotFound) {
			rd.canon[id] = ""
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		rd.canon[id], canon = c, c
	}
	if canon == "" {
		return nil, nil
	}
	if e, ok := rd.views[canon]; ok {
		return e, nil
	}
	e, err := rd.load(ctx, canon)
	if err != nil {
		return nil, err
	}
	rd.views[canon] = e
	return e, nil
}

func (rd *reader) load(ctx context.Context, id string) (*entityView, error) {
	ent, err := rd.st.Entity(ctx, id)
	if err != nil {
		return nil, err
	}
	ev := &entityView{id: id, typ: ent.Type}
	ids := []string{id}
	for i := 0; i < len(ids) && i < 256; i++ { // merges are shallow; the bound stops a cycle
		more, err := rd.st.MergedFrom(ctx, ids[i])
		if err != nil {
			return nil, err
		}
		ids = append(ids, more...)
	}
	byProp := map[model.Property][]string{}
	seen := map[string]bool{}
	for _, x := range ids {
		sts, err := rd.st.Statements(ctx, rd.v, x)
		if err != nil {
			return nil, fmt.Errorf("entity %s: %w", id, err)
		}
		for _, st := range sts {
			if st.Status == model.StatusRejected {
				continue
			}
			ev.stmts = append(ev.stmts, st)
			if st.Property.IsName() && st.Value != "" && !seen[st.Value] {
				seen[st.Value] = true
				byProp[st.Property] = append(byProp[st.Property], st.Value)
			}
		}
	}
	if len(ev.stmts) == 0 {
		return nil, nil
	}
	sort.SliceStable(ev.stmts, func(i, j int) bool { return ev.stmts[i].CreatedAt.Before(ev.stmts[j].CreatedAt) })
	for _, p := range app.NameProperties {
		ev.names = append(ev.names, byProp[p]...)
	}
	return ev, nil
}

// describe is a one-line description of an entity from what the viewer may
// see: its type, rank and posts, dates and place of birth, and its other
// names.
func (e *entityView) describe() string {
	parts := []string{typeRef(e.typ).Name}
	add := func(prefix string, prop model.Property, most int) {
		var vs []string
		for _, st := range e.values(string(prop)) {
			if st.Value != "" && len(vs) < most {
				vs = append(vs, st.Value)
			}
		}
		if len(vs) > 0 {
			parts = append(parts, prefix+strings.Join(vs, ", "))
		}
	}
	add("", model.PropTitle, 2)
	add("", model.PropPosition, 3)
	add("affiliated with ", model.PropAffiliation, 2)
	add("born ", model.PropBirthDate, 1)
	add("born in ", model.PropBirthPlace, 1)
	add("died ", model.PropDeathDate, 1)
	if len(e.names) > 1 {
		others := e.names[1:]
		if len(others) > 4 {
			others = others[:4]
		}
		parts = append(parts, "also "+strings.Join(others, " · "))
	}
	return strings.Join(parts, " · ")
}
