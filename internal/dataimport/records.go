package dataimport

import (
	"context"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// fileRecord is the source an imported file is archived as: the record of
// the same bytes the importer may see, when there is one (importing a file
// again is safe: the ids of what it holds are derived from this record's),
// else a new record of the importer's own — a record they may not see is
// not theirs to add to, and its existence is not theirs to learn.
func fileRecord(ctx context.Context, st *store.Store, v access.Viewer, sum string) (id string, stored bool, err error) {
	copies, err := st.SourcesBySHA(ctx, sum)
	if err != nil {
		return "", false, err
	}
	for _, c := range copies {
		if v.CanSee(c.Sensitivity) {
			return c.ID, true, nil
		}
	}
	return store.NewSourceID(), false, nil
}

// recordOnce stores src, a record an import writes (of a cited page, of an
// original the file quotes), unless the same bytes are already such a record
// at its level that v may see: imported again, the file finds it. It sets
// src.ID either way and reports whether it stored one.
func recordOnce(ctx context.Context, tx *store.Tx, v access.Viewer, src *model.Source, data []byte) (bool, error) {
	copies, err := tx.SourcesBySHA(ctx, store.Hash(data))
	if err != nil {
		return false, err
	}
	for _, c := range copies {
		if c.Sensitivity == src.Sensitivity && v.CanSee(c.Sensitivity) {
			src.ID = c.ID
			return false, nil
		}
	}
	return true, tx.AddSource(ctx, src, data)
}
