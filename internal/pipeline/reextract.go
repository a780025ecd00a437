package pipeline

import (
	"context"

	"github.com/athar-project/athar/internal/extract"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/resolve"
	"github.com/athar-project/athar/internal/store"
)

// Rerecord is Record for a source extracted before, once what earlier
// versions proposed and no person reviewed has been cleared
// (store.Tx.ClearMachineWork): statements a person already reviewed are not
// proposed a second time.
func Rerecord(ctx context.Context, tx *store.Tx, b *resolve.Batch, src model.Source, res extract.Result) (Stats, error) {
	r := NewRecorder(src, res, true)
	_, err := r.Record(ctx, tx, b, 0)
	return r.Stats(), err
}
