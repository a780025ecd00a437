package pipeline

import (
	"context"

	"github.com/athar-project/athar/internal/extract"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/resolve"
	"github.com/athar-project/athar/internal/store"
)

// Redone says what Reextract did to one source.
type Redone struct {
	Skipped    bool // already extracted by the current version, or no extractor for its language
	Superseded store.Superseded
	Found      Stats
}

// Reextract runs the current extractor over a stored source, in tx: what
// earlier versions proposed and no person reviewed is replaced; statements a
// person reviewed are kept and not proposed again. A source the current
// version already extracted is left alone, so running it twice changes
// nothing.
func Reextract(ctx context.Context, tx *store.Tx, b *resolve.Batch, src model.Source) (Redone, error) {
	var out Redone
	if !extract.Supported(src.Language) {
		out.Skipped = true
		return out, nil
	}
	done, err := tx.ExtractedWith(ctx, src.ID, Extractor(src.Language))
	if err != nil || done {
		out.Skipped = done
		return out, err
	}
	if out.Superseded, err = tx.ClearMachineWork(ctx, src.ID, Extractor(src.Language), Origin(src.Language)); err != nil {
		return out, err
	}
	res := extract.Extract(src.Text, src.Published, src.Language)
	out.Found, err = record(ctx, tx, b, src, res, true)
	return out, err
}
