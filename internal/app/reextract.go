package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/extract"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/pipeline"
	"github.com/athar-project/athar/internal/resolve"
	"github.com/athar-project/athar/internal/search"
	"github.com/athar-project/athar/internal/store"
)

// Extracted says what extracting a stored source again did.
type Extracted struct {
	SourceID string
	// Skipped: the current extractor had already done it (or none reads
	// its language); nothing changed but, if need be, its search index.
	Skipped bool
	// Superseded counts what earlier versions proposed that nobody
	// reviewed, now removed.
	Superseded store.Superseded
	Found      pipeline.Stats
	// Sensitivity is the source's level (for callers that must not report
	// details of restricted work).
	Sensitivity model.Sensitivity
}

// Reextract runs the current extractors over stored sources as v (every
// source when ids is empty), calling report for each: what an earlier
// extractor version proposed and no person reviewed is replaced, statements
// a person reviewed are kept and not proposed again, and a source the
// current version already extracted is left alone. A source v may not see
// is reported as not found; the error is for a refusal of the whole run.
func (a *App) Reextract(ctx context.Context, v access.Viewer, ids []string, report func(Extracted, error)) error {
	if !v.CanWrite() {
		return forbidden("%s may not change what is stored (role %s)", v.Actor(), v.Role)
	}
	if len(ids) == 0 {
		var err error
		if ids, err = a.st.SourceIDs(ctx); err != nil {
			return err
		}
	}
	for _, id := range ids {
		if err := ctx.Err(); err != nil {
			return err
		}
		report(a.ExtractSource(ctx, v, id))
	}
	return nil
}

// ExtractSource extracts one stored source as v, as Reextract does for each
// — the unit of work of a queued extract job, which runs it again after a
// crash or a second enqueue and finds nothing left to do. The text is
// extracted before and outside the transaction that records what was found.
func (a *App) ExtractSource(ctx context.Context, v access.Viewer, id string) (Extracted, error) {
	return a.watched(a.extractSource(ctx, v, id, true))
}

// ExtractQueued is ExtractSource for the extract job of a queued ingest: the
// actor stored the source (or the same bytes) and queued its extraction, as
// an ingest that extracts at once would have extracted it, whatever its
// level; only the right to write is checked again.
func (a *App) ExtractQueued(ctx context.Context, v access.Viewer, id string) (Extracted, error) {
	return a.watched(a.extractSource(ctx, v, id, false))
}

// watched screens what an extraction recorded against open enquiries.
func (a *App) watched(out Extracted, err error) (Extracted, error) {
	if err == nil && !out.Skipped {
		a.watch(context.Background(), []string{out.SourceID})
	}
	return out, err
}

func (a *App) extractSource(ctx context.Context, v access.Viewer, id string, mustSee bool) (Extracted, error) {
	out := Extracted{SourceID: id}
	if !v.CanWrite() {
		return out, forbidden("%s may not change what is stored (role %s)", v.Actor(), v.Role)
	}
	src, err := a.st.Source(ctx, access.Operator(), id)
	if err == nil && mustSee && !v.CanSee(src.Sensitivity) {
		err = store.ErrNotFound
	}
	if errors.Is(err, store.ErrNotFound) {
		return out, notFound("source")
	}
	if err != nil {
		return out, fmt.Errorf("source %s: %w", id, err)
	}
	out.Sensitivity = src.Sensitivity
	if src.TextPending {
		return out, fmt.Errorf("%w: the text of source %s is still being written (ingesting the same file again finishes it)",
			ErrUnfinished, id)
	}
	// Two processes extracting one source at once would each miss the
	// other's uncommitted work (PostgreSQL); SQLite writes one at a time.
	unlock, err := a.st.LockSource(ctx, id)
	if err != nil {
		return out, err
	}
	defer unlock()
	supported := extract.Supported(src.Language)
	extractor := pipeline.Extractor(src.Language)
	var found *extract.Result
	if supported {
		done, err := a.st.ExtractedWith(ctx, id, extractor)
		if err != nil {
			return out, err
		}
		if !done {
			res, err := extractText(ctx, src)
			if err != nil {
				return out, err
			}
			found = &res
		}
	}
	r, err := a.resolver(ctx)
	if err != nil {
		return out, err
	}
	if found != nil {
		rec := pipeline.NewRecorder(src, *found, true)
		unfinished, err := a.st.ExtractionUnfinished(ctx, id)
		if err != nil {
			return out, err
		}
		if unfinished || rec.Rows() > DefaultWriteBatch || len(src.Text) > StagedText {
			return a.extractStaged(ctx, v, src, r, rec)
		}
	}
	// What placing the findings reads of candidate entities is read now,
	// outside the ledger's lock, which the transaction holds from its
	// first placement to its commit: only what another writer changed
	// meanwhile is read again under it.
	var ahead *resolve.Ahead
	if found != nil {
		if ahead, err = r.ReadAhead(ctx, pipeline.Founds(src, *found)); err != nil {
			return out, err
		}
	}
	b := r.BeginWith(ahead)
	err = a.st.Write(ctx, v.Actor(), func(tx *store.Tx) error {
		out = Extracted{SourceID: id, Sensitivity: src.Sensitivity, Skipped: found == nil}
		if found != nil {
			done, err := tx.ExtractedWith(ctx, id, extractor)
			if err != nil {
				return err
			}
			if done { // another process did it meanwhile
				out.Skipped = true
			} else {
				if out.Superseded, err = tx.ClearMachineWork(ctx, id, extractor, pipeline.Origin(src.Language)); err != nil {
					return err
				}
				if out.Found, err = pipeline.Rerecord(ctx, tx, b, src, *found); err != nil {
					return err
				}
			}
		}
		// Indexed whatever happened: a source stored by a queued ingest,
		// or in a language no extractor reads, is searchable all the same.
		return search.IndexSource(ctx, tx, id)
	})
	if err != nil {
		b.Abort(context.WithoutCancel(ctx))
		return out, err
	}
	return out, nil
}

// extractStaged extracts a source that found too much for one transaction,
// or whose earlier extraction did not finish, in transactions of about
// RecordRows rows: it marks the source as under extraction (it counts
// as not extracted until the end), clears what earlier extractions proposed
// and nobody reviewed — its own unfinished work included — a batch at a
// time, records what was found a batch at a time, and unmarks it. Stopped on
// the way, it is started again from the beginning by the next extraction.
func (a *App) extractStaged(ctx context.Context, v access.Viewer, src model.Source, r *resolve.Resolver, rec *pipeline.Recorder) (Extracted, error) {
	out := Extracted{SourceID: src.ID, Sensitivity: src.Sensitivity}
	extractor := pipeline.Extractor(src.Language)
	folded := search.SourceDocument(src.Title, src.Publisher, src.Text, store.Sealed(src.Sensitivity))
	write := func(fn func(tx *store.Tx, b *resolve.Batch) error) error {
		b := r.Begin()
		err := a.st.Write(ctx, v.Actor(), func(tx *store.Tx) error { return fn(tx, b) })
		if err != nil {
			b.Abort(context.WithoutCancel(ctx))
		}
		return err
	}
	// The mark first, then the source's own search document in a
	// transaction of its own (it grows with the text).
	err := write(func(tx *store.Tx, _ *resolve.Batch) error {
		return tx.StartExtraction(ctx, src.ID, extractor)
	})
	if err != nil {
		return out, err
	}
	if err := a.indexParts(ctx, v.Actor(), src.ID, folded); err != nil {
		return out, err
	}
	folded = nil
	for more := true; more; {
		a.st.Yield(ctx)
		err := write(func(tx *store.Tx, _ *resolve.Batch) error {
			cleared, m, err := tx.ClearSomeMachineWork(ctx, src.ID, "", "", RecordRows)
			out.Superseded.Mentions += cleared.Mentions
			out.Superseded.Statements += cleared.Statements
			out.Superseded.Entities += cleared.Entities
			more = m
			return err
		})
		if err != nil {
			return out, err
		}
	}
	if err := a.recordInSteps(ctx, src.ID, rec, RecordRows, write); err != nil {
		out.Found = rec.Stats()
		return out, fmt.Errorf("%w: %v ('athar reextract %s' starts it again)", ErrUnfinished, err, src.ID)
	}
	out.Found = rec.Stats()
	return out, nil
}

// extractText runs the extractor for a source's language, giving up when ctx
// ends (the extractor itself cannot be interrupted: it finishes in the
// background and its result is dropped).
func extractText(ctx context.Context, src model.Source) (extract.Result, error) {
	done := make(chan extract.Result, 1)
	go func() { done <- extractLong(src.Text, src.Published, src.Language) }()
	select {
	case res := <-done:
		return res, nil
	case <-ctx.Done():
		return extract.Result{}, ctx.Err()
	}
}
