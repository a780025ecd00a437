package web

import (
	"context"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/casefile"
	"github.com/athar-project/athar/internal/model"
)

// reader reads entities and sources for one request, as its viewer, through
// the case file's reader, which remembers what it read: a page names the
// same entity and cites the same source many times.
type reader struct {
	// brief bounds what a page lists of an entity that thousands of
	// sources name (casefile.Options.Bounded).
	brief bool
	// eventsBefore, on a page of a hub's timeline after the first, is where
	// that page starts (casefile.Options.EventsBefore).
	eventsBefore *casefile.TimelineKey
	ctx          context.Context
	st           app.Reader
	app          *app.App
	v            access.Viewer
	cf           *casefile.Reader
}

func (s *Server) reader(ctx context.Context, v access.Viewer) *reader {
	return &reader{ctx: ctx, st: s.store, app: s.app, v: v, cf: s.cases.Reader(ctx, v)}
}

// entityRef is an entity as a link shows it.
type entityRef = casefile.Ref

// statements of one entity (its own, not those of entities merged into it).
func (rd *reader) statements(id string) ([]model.Statement, error) { return rd.cf.Statements(id) }

func (rd *reader) entity(id string) (model.Entity, error) { return rd.cf.Entity(id) }

// canonical is the entity that now stands for id.
func (rd *reader) canonical(id string) (string, error) { return rd.cf.Canonical(id) }

// source returns a source the viewer may see, or nil.
func (rd *reader) source(id string) (*model.Source, error) { return rd.cf.Source(id) }

// ref names an entity by the strongest name the viewer may see (for an
// event: its type and date).
func (rd *reader) ref(id string) (entityRef, error) { return rd.cf.Ref(id) }

// latinOf is the machine transliteration of an Arabic-script name, "" for
// anything else.
func latinOf(s string) string { return casefile.LatinOf(s) }

func containsString(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
