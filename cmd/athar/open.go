package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// openStore opens the store the global flags name. Commands that only read
// pass readOnly, so that they never create a data directory.
func (g *globals) openStore(ctx context.Context, readOnly bool) (*store.Store, error) {
	st, err := store.Open(ctx, store.Config{DataDir: g.data, DBURL: g.db, ReadOnly: readOnly})
	if err != nil {
		return nil, cannot(err)
	}
	return st, nil
}

// openAs opens the store and resolves who the command acts as; the caller
// closes the store.
func (g *globals) openAs(ctx context.Context, readOnly bool) (*store.Store, access.Viewer, error) {
	st, err := g.openStore(ctx, readOnly)
	if err != nil {
		return nil, access.Viewer{}, err
	}
	v, err := g.viewer(ctx, st)
	if err != nil {
		st.Close()
		return nil, v, err
	}
	return st, v, nil
}

// viewer is who the command acts as: the operator with full clearance,
// unless --as names a user or --clearance narrows it.
func (g *globals) viewer(ctx context.Context, st *store.Store) (access.Viewer, error) {
	v := access.Operator()
	if g.as != "" {
		u, err := st.UserByName(ctx, g.as)
		if errors.Is(err, store.ErrNotFound) {
			return v, cannot(fmt.Errorf("--as %s: no such user", g.as))
		}
		if err != nil {
			return v, cannot(err)
		}
		if u.Disabled {
			return v, cannot(fmt.Errorf("--as %s: the account is disabled", g.as))
		}
		v = access.ForUser(u)
	}
	if g.clearance != "" {
		c, err := model.ParseSensitivity(g.clearance)
		if err != nil {
			return v, cannot(fmt.Errorf("--clearance: %w", err))
		}
		if v, err = v.Narrow(c); err != nil {
			return v, cannot(fmt.Errorf("--clearance: %w", err))
		}
	}
	return v, nil
}

// checkpoint signs the ledger's head after a command wrote, so a later cut
// of the chain is caught by verify.
func (g *globals) checkpoint(ctx context.Context, st *store.Store) error {
	if _, err := st.Checkpoint(ctx); err != nil {
		return fmt.Errorf("sign ledger checkpoint: %w", err)
	}
	return nil
}
