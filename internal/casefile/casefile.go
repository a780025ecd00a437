// Package casefile is Athar's read model of a record: what a person's or
// any entity's statements mean, read under one viewer's policy. A case file
// holds the names by script with their claims (footnoted to independent
// sources, with review states and allegations labelled as allegations),
// the other facts and where sources disagree, the events the entity takes
// part in (type, its part, date, place, modality and review state), a
// person's case status and a victim's fate — each as confirmed events alone
// support it and as every visible event suggests it — and the entities tied
// to it through events and the chain of command.
//
// The web pages, the JSON API, the reconciliation preview, the dossier and
// `athar case` all read the same case file, so that none says something
// another does not; the rules that give a record its meaning (an event's
// review state, the case status, the fate) live here once. Reads go through
// the store with the viewer, so the store's read policy decides what a case
// file may hold.
package casefile

import (
	"context"
	"errors"
	"fmt"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/store"
)

// ErrNotFound: no entity with this id that the viewer may see anything of.
// The two are one answer, so that a refusal reveals nothing.
var ErrNotFound = errors.New("no such entity that you may see")

// Service reads case files from a store.
type Service struct {
	st *store.Store
}

// New is a case-file service over st.
func New(st *store.Store) *Service { return &Service{st: st} }

// Reader is a reader for one request as v.
func (s *Service) Reader(ctx context.Context, v access.Viewer) *Reader {
	return NewReader(ctx, s.st, v)
}

// Read reads the case file of the entity that stands for id (an id merged
// away gives the case file it was merged into) as v may see it. An id that
// names nothing v may see is ErrNotFound.
func (s *Service) Read(ctx context.Context, v access.Viewer, id string, o Options) (*File, error) {
	return s.Reader(ctx, v).ReadID(id, o)
}

// ReadID reads the case file of the entity that stands for id; see
// Service.Read.
func (rd *Reader) ReadID(id string, o Options) (*File, error) {
	c, err := rd.Canonical(id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, fmt.Errorf("case file %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("case file %s: %w", id, err)
	}
	e, err := rd.Entity(c)
	if err != nil {
		return nil, fmt.Errorf("case file %s: %w", id, err)
	}
	f, ok, err := rd.Read(e, o)
	if err != nil {
		return nil, fmt.Errorf("case file %s: %w", id, err)
	}
	if !ok {
		return nil, fmt.Errorf("case file %s: %w", id, ErrNotFound)
	}
	return f, nil
}
