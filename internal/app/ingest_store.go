package app

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/dedup"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/pipeline"
	"github.com/athar-project/athar/internal/resolve"
	"github.com/athar-project/athar/internal/search"
	"github.com/athar-project/athar/internal/store"
)

// batchResolver is the resolver a run places what it found with: the
// process's own, so that every source it stores teaches the index; nil when
// the run does not extract.
func (a *App) batchResolver(ctx context.Context, r *run) (*resolve.Resolver, error) {
	if !r.extracts() {
		return nil, nil
	}
	return a.resolver(ctx)
}

// DefaultWriteBatch is about how many rows one write transaction of ingest
// holds: sources, mentions, statements. What a chunk of sources found is
// written in as many transactions as it takes, and a source that alone
// found more is recorded over several of its own (staged), so that no ingest
// holds the store's write lock for much more than a second — a login, a
// review or another writer waits at most that long. (On the reference
// machine a transaction writes some 3,000 such rows a second.)
const DefaultWriteBatch = 2000

// RecordRows is about how many rows one transaction of a staged recording
// (a large source's findings, recorded over many) writes: a fixed number,
// not a time budget, so that what one transaction does is the same whatever
// the machine's load and never grows with the source. Rows are an estimate
// of the work: a mention is one (some 48 µs on the reference machine), a
// statement one (some 350 µs with its search document), a person placed by
// the resolver with its statements about ten (a few milliseconds). At 100
// a transaction is some tens of milliseconds of work; at 250 (and 500
// mentions a step) another writer waited up to 3.6 s during an 8 MiB
// ingest on the loaded 2-core machine, at 100 (250 mentions) 1.7 s
// (docs/benchmarks.md, issue 18).
const RecordRows = 100

// recordRows is RecordRows, or the run's own WriteBatch when smaller.
func (r *run) recordRows() int {
	if r.opt.WriteBatch > 0 {
		return min(r.opt.WriteBatch, RecordRows)
	}
	return RecordRows
}

func (r *run) writeBatch() int {
	if r.opt.WriteBatch > 0 {
		return r.opt.WriteBatch
	}
	return DefaultWriteBatch
}

// StagedText is the length of text (in bytes) from which a source is
// staged whatever it found: the transaction that stores its row and
// original holds the text's first piece only (store.TextPiece), the rest
// is written a piece a transaction, and its search document — the whole
// text, folded — is indexed a part a transaction (store.DocPart), all
// before what was found in it is recorded: none of them grows with the
// text.
const StagedText = store.TextPiece

// rows estimates what storing p writes, and whether it is staged: its
// text past its first piece, its search document and what was found in it
// written in transactions of their own after the one that stores it.
func (r *run) rows(p *parsed) (n int, staged bool) {
	if len(p.doc.Text) > StagedText {
		return 4, true
	}
	if p.found == nil {
		return 4, false
	}
	n = 4 + p.recorder.Rows()
	if n > r.writeBatch() || len(p.doc.Text) > StagedText {
		return 4, true
	}
	return n, false
}

// store1 writes one chunk: its sources in groups of about writeBatch rows,
// a transaction each, then the recording of each staged source. Should a
// group's transaction fail, each of its sources is retried alone, so that one
// bad row costs only itself.
func (a *App) store1(ctx context.Context, r *run, res *resolve.Resolver, chunk []parsed) ([]IngestResult, error) {
	defer func() {
		for i := range chunk {
			if chunk[i].id != "" {
				a.st.ForgetSealed(chunk[i].id)
			}
		}
	}()
	results := make([]IngestResult, len(chunk))
	var groups [][]int
	var group []int
	rows := 0
	for i := range chunk {
		p := &chunk[i]
		results[i] = IngestResult{Input: p.input}
		if p.err != nil {
			results[i].Outcome, results[i].Err = Failed, p.err
			continue
		}
		if p.found != nil {
			p.recorder = pipeline.NewRecorder(model.Source{}, *p.found, false)
		}
		n, staged := r.rows(p)
		p.recorder = nil // its estimate taken; a staged source is recorded by a recorder of its own
		p.staged = staged
		if len(group) > 0 && rows+n > r.writeBatch() {
			groups, group, rows = append(groups, group), nil, 0
		}
		group, rows = append(group, i), rows+n
	}
	if len(group) > 0 {
		groups = append(groups, group)
	}
	for n, g := range groups {
		if n > 0 {
			a.st.Yield(ctx)
		}
		if err := a.storeGroup(ctx, r, res, chunk, g, results); err != nil {
			return nil, err
		}
		for _, i := range g {
			// Stored (or refused): the original bytes and the shingles
			// served near-duplicate detection in the transaction, and
			// are not held while a large source is recorded.
			chunk[i].data, chunk[i].shingles = nil, dedup.Shingles{}
		}
		for _, i := range g {
			switch {
			case chunk[i].staged && results[i].Outcome == Stored:
				a.recordStaged(ctx, r, res, &chunk[i], &results[i])
			case results[i].Outcome == Exists && len(chunk[i].doc.Text) > StagedText:
				a.finishText(ctx, r, &chunk[i], &results[i])
			}
		}
	}
	return results, nil
}

// storeGroup writes the sources of chunk at positions todo in one
// transaction, or each alone if that fails.
func (a *App) storeGroup(ctx context.Context, r *run, res *resolve.Resolver, chunk []parsed, todo []int, results []IngestResult) error {
	// What placing the group's findings reads of candidate entities is
	// read before its transaction, outside the ledger's lock (only what
	// another writer changed meanwhile is read again under it).
	var ahead *resolve.Ahead
	if res != nil {
		var fs []resolve.Found
		for _, i := range todo {
			if p := &chunk[i]; p.found != nil && !p.staged {
				fs = append(fs, pipeline.Founds(model.Source{Sensitivity: r.sens}, *p.found)...)
			}
		}
		if len(fs) > 0 {
			var err error
			if ahead, err = res.ReadAhead(ctx, fs); err != nil {
				return err
			}
		}
	}
	err := a.writeWith(ctx, r, res, ahead, func(tx *store.Tx, b *resolve.Batch) error {
		return a.addAll(ctx, tx, b, r, chunk, todo, results)
	})
	if err == nil {
		return nil
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	for _, i := range todo {
		results[i] = IngestResult{Input: chunk[i].input}
		err := a.writeWith(ctx, r, res, ahead, func(tx *store.Tx, b *resolve.Batch) error {
			return a.addAll(ctx, tx, b, r, chunk, []int{i}, results)
		})
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			results[i] = IngestResult{Input: chunk[i].input, Outcome: Failed, Err: fmt.Errorf("store: %w", err)}
		}
	}
	return nil
}

// recordStaged writes the rest of a staged source's text, a piece a
// transaction, then indexes its search document a part a transaction and
// records what was found in it in transactions of about writeBatch rows
// each, each indexing for search the statements it wrote. The source's text
// reads as not complete until its last piece commits, and the source counts
// as not extracted until its last recording commits; if one fails — or ctx
// ends, as at a server's shutdown — the source stays stored, res says so,
// and ingesting the same file again (its text) or athar reextract (its
// findings) finishes it.
func (a *App) recordStaged(ctx context.Context, r *run, res *resolve.Resolver, p *parsed, out *IngestResult) {
	src := out.Source
	err := a.writePieces(ctx, r, src.ID, 1, p.rest, p.restAnchors)
	p.rest, p.restAnchors = nil, nil
	if err != nil {
		out.Err = fmt.Errorf("%w: %s is stored, but not all its text (%v); ingesting the same file again writes the rest",
			ErrUnfinished, src.ID, err)
		return
	}
	if p.found == nil || res == nil {
		return
	}
	rec := pipeline.NewRecorder(src, *p.found, false)
	err = a.indexStaged(ctx, r, src.ID, p)
	if err == nil {
		err = a.recordInSteps(ctx, src.ID, rec, r.recordRows(), func(fn func(*store.Tx, *resolve.Batch) error) error {
			return a.write(ctx, r, res, fn)
		})
	}
	out.Found = rec.Stats()
	if err != nil {
		out.Err = fmt.Errorf("%w: %s is stored, but what was found in it was not all recorded (%v); 'athar reextract %s' records it",
			ErrUnfinished, src.ID, err, src.ID)
	}
}

// finishText writes what is missing of the text of a source whose bytes
// were brought again, should its first ingest have stopped before its last
// piece (the same bytes parse to the same text).
func (a *App) finishText(ctx context.Context, r *run, p *parsed, out *IngestResult) {
	pieces, _, err := a.st.TextPending(ctx, out.Source.ID)
	if err != nil || pieces == 0 {
		out.Err = err
		return
	}
	all := store.SplitText(p.doc.Text, store.TextPiece)
	if len(all) != pieces {
		out.Err = fmt.Errorf("%w: the text of %s was stored in %d pieces, but these bytes now read as %d: not finished",
			ErrUnfinished, out.Source.ID, pieces, len(all))
		return
	}
	if err := a.writePieces(ctx, r, out.Source.ID, 1, all[1:], anchorShares(p.anchors, len(all))[1:]); err != nil {
		out.Err = fmt.Errorf("%w: %s is stored, but not all its text (%v); ingesting the same file again writes the rest",
			ErrUnfinished, out.Source.ID, err)
		return
	}
	out.TextFinished = true
	if r.extracts() {
		// Indexed a part a transaction here, not by the search's
		// catch-up, which indexes a source whole in one.
		if err := a.indexParts(ctx, r.v.Actor(), out.Source.ID, search.SourceDocument(p.doc.Title, p.doc.Publisher, p.doc.Text, store.Sealed(out.Source.Sensitivity))); err != nil {
			out.Err = fmt.Errorf("%w: %s: %v", ErrUnfinished, out.Source.ID, err)
		}
	}
}

// writePieces writes pieces of a source's text, numbered from first, a
// transaction each, with the share of its anchors of the same place in
// anchors, letting other writers in between.
func (a *App) writePieces(ctx context.Context, r *run, sourceID string, first int, pieces []string, anchors [][]int64) error {
	for i, piece := range pieces {
		if a.between != nil {
			a.between("piece", first+i)
		}
		a.st.Yield(ctx)
		if err := ctx.Err(); err != nil {
			return err
		}
		err := a.st.Write(ctx, r.v.Actor(), func(tx *store.Tx) error {
			var share []int64
			if i < len(anchors) {
				share = anchors[i]
			}
			return tx.AddTextPieceWithAnchors(ctx, sourceID, first+i, piece, share)
		})
		if err != nil {
			return fmt.Errorf("piece %d of its text: %w", first+i, err)
		}
	}
	return nil
}

// indexStaged indexes a staged source's own search document, a part a
// transaction: the one that stored the source wrote its row and original
// only. It is folded and cut here, outside any transaction, once the
// source's original bytes and shingles are let go (folded before the
// source was stored, it was held beside them: issue 18's peak memory).
// Until the last part commits a search may not find the source by its
// text (and should the process end first, search.CatchUp indexes what is
// left, as it does whatever was stored unindexed).
func (a *App) indexStaged(ctx context.Context, r *run, sourceID string, p *parsed) error {
	folded := search.SourceDocument(p.doc.Title, p.doc.Publisher, p.doc.Text, store.Sealed(r.sens))
	return a.indexParts(ctx, r.v.Actor(), sourceID, folded)
}

// indexParts indexes the parts of a source's search document (made by
// search.SourceDocument), a transaction each, letting other writers in
// between; from the last to the first, so that a document whose first part
// is indexed is indexed whole, and one that is not is found by the
// catch-up (store.LongSourcesUnindexed) should this stop on the way.
//
// Should the parts it indexed be taken out meanwhile — the source raised to
// a sealed level, whose raise takes its clear words out of the index, or a
// key rotation — it stops there, its first part not indexed, and leaves
// the document to the catch-up, which indexes it whole as the source now
// is. Going on, it indexed the rest, first part included, and the parts
// taken out were never indexed again: the source was not found by the
// words they held (issue 18).
func (a *App) indexParts(ctx context.Context, actor, sourceID string, parts []string) error {
	for i := len(parts) - 1; i >= 0; i-- {
		part := parts[i]
		if a.between != nil {
			a.between("part", i)
		}
		a.st.Yield(ctx)
		if err := ctx.Err(); err != nil {
			return err
		}
		stop := false
		err := a.st.Write(ctx, actor, func(tx *store.Tx) error {
			if i < len(parts)-1 {
				still, err := tx.SourcePartIndexed(ctx, sourceID, i+1)
				if err != nil {
					return err
				}
				if stop = !still; stop {
					return nil
				}
			}
			return search.IndexSourcePart(ctx, tx, sourceID, i, part)
		})
		if err != nil {
			return fmt.Errorf("index for search: %w", err)
		}
		if stop {
			return nil
		}
	}
	return nil
}

// recordInSteps records what rec holds in transactions of about batch rows,
// letting other writers in between;
// each indexes for search the statements it wrote, and the last marks the
// source's extraction finished. write runs one transaction. Ingest and
// re-extraction both record through it; it stops at the first error or when
// ctx ends.
func (a *App) recordInSteps(ctx context.Context, sourceID string, rec *pipeline.Recorder, batch int, write func(func(*store.Tx, *resolve.Batch) error) error) error {
	for n, done := 0, false; !done; n++ {
		if a.between != nil {
			a.between("record", n)
		}
		a.st.Yield(ctx)
		if err := ctx.Err(); err != nil {
			return err
		}
		err := write(func(tx *store.Tx, b *resolve.Batch) error {
			var err error
			if done, err = rec.Record(ctx, tx, b, batch); err != nil {
				return err
			}
			for _, id := range rec.Written() {
				if err := search.IndexStatement(ctx, tx, id); err != nil {
					return err
				}
			}
			if done {
				return tx.FinishExtraction(ctx, sourceID)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// ErrUnfinished means a source was stored but what was found in it was not
// all recorded.
var ErrUnfinished = errors.New("extraction unfinished")

// write runs fn in one transaction as the run's actor, with a batch of
// resolver placements that is taken back if the transaction does not
// commit.
func (a *App) write(ctx context.Context, r *run, res *resolve.Resolver, fn func(*store.Tx, *resolve.Batch) error) error {
	return a.writeWith(ctx, r, res, nil, fn)
}

// writeWith is write with placements weighed from what was read ahead.
func (a *App) writeWith(ctx context.Context, r *run, res *resolve.Resolver, ahead *resolve.Ahead, fn func(*store.Tx, *resolve.Batch) error) error {
	var b *resolve.Batch
	if res != nil {
		b = res.BeginWith(ahead)
	}
	err := a.st.Write(ctx, r.v.Actor(), func(tx *store.Tx) error { return fn(tx, b) })
	if err != nil && b != nil {
		b.Abort(context.WithoutCancel(ctx))
	}
	return err
}

// stage writes the originals of new sources to the archive ahead of the
// transaction, two at a time (the archive's files cost system calls, not
// the database's lock, and PostgreSQL's archive takes a large original in
// pieces, each in a statement of its own); the transaction makes them
// durable before it commits. A restricted or confidential original is
// sealed first, under the data key of the source it will be
// (store.StageSealed): never written in the clear, and neither sealed nor
// written while the transaction holds the write lock (issue 18).
func (a *App) stage(ctx context.Context, r *run, chunk []parsed) {
	sealed := store.Sealed(r.sens)
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for i := range chunk {
		if chunk[i].err != nil {
			continue
		}
		_, exists, err := a.st.SourceExists(ctx, chunk[i].sum)
		chunk[i].exists = exists || err != nil
		if chunk[i].exists && (!sealed || a.sameSourceStored(ctx, r, chunk[i].sum)) {
			continue
		}
		if sealed {
			// Over bytes stored before too, when the actor may not see
			// their record: they become a record of their own (sameSource).
			chunk[i].id = store.NewSourceID()
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			// A failure here is not final: the transaction writes the blob
			// itself (sealing it first) when it finds it unstaged.
			if sealed {
				_ = a.st.StageSealed(ctx, chunk[i].id, chunk[i].data)
			} else {
				_ = a.st.StageBlob(ctx, chunk[i].sum, chunk[i].data)
			}
		}()
	}
	wg.Wait()
}

// sameSourceStored reports whether bytes are stored already as a source
// that counts as the same for the run's actor (sameSource): nothing new is
// then stored for them.
func (a *App) sameSourceStored(ctx context.Context, r *run, sum string) bool {
	copies, err := a.st.SourcesBySHA(ctx, sum)
	if err != nil {
		return true // decided by the transaction, which looks again
	}
	_, ok := sameSource(r.v, copies)
	return ok
}

// batchIndex holds the near-duplicate keys of the sources stored so far in
// this transaction, which the store's key counts do not show until the end.
type batchIndex struct {
	held *store.KeyIndex // stored sources that share keys with the batch's
	// copies holds the stored records of the originals that occur once
	// in the batch, read for the whole batch in one query (an original
	// that occurs twice is looked up again when its turn comes, as the
	// first may have stored or raised a record of it).
	copies map[string][]store.SourceCopy
	once   map[string]bool
	keys   map[int64][]int // key → positions in store
	store  []batchEntry
	sums   map[string]string // original bytes stored in this run → their source
}

type batchEntry struct {
	id, duplicateOf string
	p               *parsed
}

// addAll stores the chunk's sources at positions todo, with what was found
// in each, then all their near-duplicate keys at once.
func (a *App) addAll(ctx context.Context, tx *store.Tx, b *resolve.Batch, r *run, chunk []parsed, todo []int, results []IngestResult) error {
	var all []int64
	for _, i := range todo {
		all = append(append(all, chunk[i].bands...), chunk[i].anchors...)
	}
	held, err := tx.LoadKeyIndex(ctx, all)
	if err != nil {
		return err
	}
	bi := &batchIndex{held: held, keys: map[int64][]int{}, sums: map[string]string{}}
	if err := bi.readCopies(ctx, tx, chunk, todo); err != nil {
		return err
	}
	var sigs []store.SignatureRow
	for _, i := range todo {
		p := &chunk[i]
		res := &results[i]
		if err := a.add(ctx, tx, bi, r, p, res); err != nil {
			return err
		}
		if res.Outcome != Stored {
			continue
		}
		switch {
		case b == nil: // the run does not extract
		case p.staged && p.found == nil:
			// Its text only is written after this transaction; indexed
			// once it is whole (search.CatchUp).
		case p.staged:
			// Indexed and recorded in transactions of their own once this
			// one commits (recordStaged): this one holds the source's row
			// and original, and the mark that says its extraction is not
			// finished.
			if err := tx.StartExtraction(ctx, res.Source.ID, pipeline.Extractor(p.doc.Language)); err != nil {
				return err
			}
		default:
			if p.found != nil {
				if res.Found, err = pipeline.Record(ctx, tx, b, res.Source, *p.found); err != nil {
					return fmt.Errorf("%s: record what was extracted: %w", p.input, err)
				}
			}
			if err := search.IndexSource(ctx, tx, res.Source.ID); err != nil {
				return fmt.Errorf("%s: index for search: %w", p.input, err)
			}
		}
		blob, err := p.sig.MarshalBinary()
		if err != nil {
			return err
		}
		anchors := p.anchors
		if len(p.rest) > 0 {
			// A share of them here, the others with the text's pieces.
			shares := anchorShares(p.anchors, len(p.rest)+1)
			anchors, p.restAnchors = shares[0], shares[1:]
		}
		sigs = append(sigs, store.SignatureRow{SourceID: res.Source.ID, Signature: blob, Bands: p.bands, Anchors: anchors})
		pos := len(bi.store)
		bi.store = append(bi.store, batchEntry{id: res.Source.ID, duplicateOf: res.DuplicateOf, p: p})
		for _, k := range p.bands {
			bi.keys[k] = append(bi.keys[k], pos)
		}
		for _, k := range p.anchors {
			bi.keys[k] = append(bi.keys[k], pos)
		}
	}
	return tx.SaveSignatures(ctx, sigs)
}

func (a *App) add(ctx context.Context, tx *store.Tx, bi *batchIndex, r *run, p *parsed, res *IngestResult) error {
	src := model.Source{
		ID: p.id, Kind: r.kind, Title: p.doc.Title, Publisher: p.doc.Publisher, URL: p.doc.URL, Published: p.doc.Published,
		Language: p.doc.Language, Text: p.doc.Text, ContentType: p.doc.ContentType, Sensitivity: r.sens,
		RetrievedAt: p.at,
	}
	if !IsURL(p.input) && p.redaction == nil {
		src.Filename = filepath.Base(p.input)
	}
	// Looked up in the transaction whatever the look before it said: another
	// process may have stored the same bytes meanwhile.
	copies, err := bi.copiesOf(ctx, tx, p.sum)
	if err != nil {
		return err
	}
	if c, ok := sameSource(r.v, copies); ok {
		return a.existing(ctx, tx, r, p, c, res)
	}
	if id, ok := bi.sums[p.sum]; ok { // the same bytes twice in one run: the actor's own record
		res.Outcome, res.Source = Exists, model.Source{ID: id, SHA256: p.sum, Title: p.doc.Title, Kind: r.kind, Sensitivity: r.sens}
		return nil
	}
	var dup string
	if p.redaction == nil { // a redacted copy is linked to its original otherwise
		var sim float64
		var err error
		if dup, sim, err = nearDuplicate(ctx, tx, bi, p, r.v); err != nil {
			return err
		}
		src.DuplicateOf, src.Similarity = dup, sim
	}
	if p.staged {
		// The row holds the text's first piece; the rest is written
		// after this transaction (recordStaged).
		if p.rest, err = tx.AddSourceInPieces(ctx, &src, p.data); err != nil {
			return err
		}
	} else if err := tx.AddSource(ctx, &src, p.data); err != nil {
		return err
	}
	if rd := p.redaction; rd != nil {
		if err := tx.AddRedaction(ctx, src.ID, rd.from, rd.spans, rd.regions, rd.reason); err != nil {
			return err
		}
	}
	if err := addFiles(ctx, tx, src.ID, p.files); err != nil {
		return err
	}
	if p.doc.OCR != nil {
		if err := tx.AddOCR(ctx, src.ID, p.doc.OCR); err != nil {
			return fmt.Errorf("%s: record what OCR read: %w", p.input, err)
		}
	}
	if r.opt.Consent != nil {
		if err := tx.SetConsent(ctx, src.ID, *r.opt.Consent); err != nil {
			return err
		}
	}
	res.Source, res.DuplicateOf = src, dup
	res.Outcome = Stored
	bi.sums[p.sum] = src.ID
	return nil
}

// anchorShares cuts a text's anchor keys into as many shares as its text
// has pieces, in order: the first saved with its row and signature, each
// other with the piece of the same number (store.AddTextPieceWithAnchors),
// so that no transaction saves more than a piece's worth of them. The same
// bytes cut the same way: a resumed write saves the shares of the pieces it
// writes.
func anchorShares(anchors []int64, pieces int) [][]int64 {
	pieces = max(pieces, 1)
	out := make([][]int64, pieces)
	for i := range out {
		out[i] = anchors[i*len(anchors)/pieces : (i+1)*len(anchors)/pieces]
	}
	return out
}

// sameSource is the record of the same bytes that counts as the same source
// for v: the strictest one v may see. One v may not see does not count —
// whoever may not see the record of some bytes gets, for the same bytes, what
// a first upload gets (a record of their own, sharing the stored bytes), so
// that duplicate detection never tells them a hidden source exists.
func sameSource(v access.Viewer, copies []store.SourceCopy) (store.SourceCopy, bool) {
	var best store.SourceCopy
	found := false
	for _, c := range copies {
		if v.CanSee(c.Sensitivity) && (!found || c.Sensitivity > best.Sensitivity) {
			best, found = c, true
		}
	}
	return best, found
}

// ErrWeaker means the same bytes are already a source at a weaker level than
// asked for, and the one asking may not raise it.
var ErrWeaker = errors.New("the same bytes are stored at a weaker level")

// existing reports bytes that are already source c. Brought again with a
// stricter level (or a kind whose default is stricter), the source is
// raised to it when the actor may raise levels — reviewers and admins — and
// refused, saying so, when not: never silently kept weaker than asked.
func (a *App) existing(ctx context.Context, tx *store.Tx, r *run, p *parsed, c store.SourceCopy, res *IngestResult) error {
	res.Outcome = Exists
	res.Source = model.Source{ID: c.ID, SHA256: p.sum, Title: p.doc.Title, Kind: c.Kind, Sensitivity: c.Sensitivity}
	if r.sens <= c.Sensitivity {
		return nil
	}
	switch {
	case !r.v.CanReview():
		*res = IngestResult{Input: p.input, Outcome: Failed, Err: fmt.Errorf("%w: the same bytes are source %s, a %s %s; "+
			"storing them as %s would raise it, which only a reviewer or an admin may do (ask one to ingest it again as %s %s)",
			ErrWeaker, c.ID, c.Sensitivity, c.Kind, r.sens, r.sens, r.kind)}
		return nil
	case !r.v.CanSee(r.sens):
		// As in review: nobody raises a source above their own clearance.
		*res = IngestResult{Input: p.input, Outcome: Failed, Err: fmt.Errorf("%w: the same bytes are source %s, a %s %s; "+
			"storing them as %s would raise it above your own clearance (%s): ask an admin to ingest it again as %s %s",
			ErrWeaker, c.ID, c.Sensitivity, c.Kind, r.sens, r.v.Clearance, r.sens, r.kind)}
		return nil
	}
	raised, err := tx.RaiseSource(ctx, c.ID, r.kind, r.sens)
	if err != nil {
		return fmt.Errorf("raise source %s: %w", c.ID, err)
	}
	if raised {
		res.Raised = true
		res.Source.Kind, res.Source.Sensitivity = r.kind, r.sens
	}
	return nil
}

// maxCandidates bounds the near-duplicate candidates compared per source.
const maxCandidates = 20

// nearDuplicate finds the stored source that p nearly copies: the original of
// the best match (a copy of a copy links to the first), among sources stored
// before and earlier in this batch — only among what v may see: a link to a
// source v may not see would tell them it exists.
func nearDuplicate(ctx context.Context, tx *store.Tx, bi *batchIndex, p *parsed, v access.Viewer) (string, float64, error) {
	cands, err := bi.held.Candidates(ctx, p.bands, p.anchors, dedup.MinSharedAnchors, maxCandidates)
	if err != nil {
		return "", 0, err
	}
	best, bestScore := "", 0.0
	consider := func(id, duplicateOf string, res dedup.Result) {
		if !res.Duplicate {
			return
		}
		if score := max(res.Jaccard, res.Containment); score > bestScore {
			best, bestScore = id, score
			if duplicateOf != "" {
				best = duplicateOf
			}
		}
	}
	for _, c := range cands {
		if !v.CanSee(c.Sensitivity) {
			continue
		}
		original := c.DuplicateOf
		if original != "" && !v.CanSee(c.OriginalSensitivity) {
			original = "" // link to the copy v may see, not past it
		}
		var other dedup.Signature
		if err := other.UnmarshalBinary(c.Signature); err != nil {
			continue // a signature of another version: not comparable
		}
		res := dedup.Compare(p.sig, other)
		if res.Inconclusive {
			otherText, err := tx.SourceText(ctx, c.ID)
			if err != nil {
				return "", 0, err
			}
			res = dedup.CompareShingles(p.shinglesOf(), dedup.Shingle(otherText))
		}
		consider(c.ID, original, res)
	}
	// The batch's sources are the run's own: all of one level, brought by v.
	for _, pos := range bi.candidates(p) {
		e := bi.store[pos]
		res := dedup.Compare(p.sig, e.p.sig)
		if res.Inconclusive {
			res = dedup.CompareShingles(p.shinglesOf(), e.p.shinglesOf())
		}
		consider(e.id, e.duplicateOf, res)
	}
	return best, bestScore, nil
}

// readCopies reads, in the transaction, the stored records of the
// originals of chunk at positions todo that occur there once.
func (bi *batchIndex) readCopies(ctx context.Context, tx *store.Tx, chunk []parsed, todo []int) error {
	seen := make(map[string]int, len(todo))
	for _, i := range todo {
		if chunk[i].err == nil {
			seen[chunk[i].sum]++
		}
	}
	bi.once = make(map[string]bool, len(seen))
	sums := make([]string, 0, len(seen))
	for sum, n := range seen {
		if n == 1 {
			bi.once[sum] = true
			sums = append(sums, sum)
		}
	}
	if len(sums) < 2 {
		bi.once = nil // one look-up costs what the batch's would
		return nil
	}
	var err error
	bi.copies, err = tx.SourcesBySHAs(ctx, sums)
	return err
}

// copiesOf is tx.SourcesBySHA(sum), from what readCopies read when it
// read sum.
func (bi *batchIndex) copiesOf(ctx context.Context, tx *store.Tx, sum string) ([]store.SourceCopy, error) {
	if bi.once[sum] {
		delete(bi.once, sum) // read once: the next look, if any, asks again
		return bi.copies[sum], nil
	}
	return tx.SourcesBySHA(ctx, sum)
}

// candidates lists the batch's sources sharing a band key or enough anchors
// with p.
func (bi *batchIndex) candidates(p *parsed) []int {
	if len(bi.store) == 0 {
		return nil
	}
	band := map[int]bool{}
	anchors := map[int]int{}
	for _, k := range p.bands {
		for _, pos := range bi.keys[k] {
			band[pos] = true
		}
	}
	for _, k := range p.anchors {
		for _, pos := range bi.keys[k] {
			anchors[pos]++
		}
	}
	var out []int
	for pos := range bi.store {
		if band[pos] || anchors[pos] >= dedup.MinSharedAnchors {
			out = append(out, pos)
		}
	}
	return out
}
