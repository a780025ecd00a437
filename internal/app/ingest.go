package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/pipeline"
)

// Ingest is the one chain that brings a source in, whoever asks — the
// command line, the API, a job, a feed: read or fetch the bytes, parse them
// into a document (internal/ingest), find the stored source it nearly copies
// (internal/dedup), extract what it says (internal/extract), and store it
// with what was found, each person, place and body placed by the process's
// resolver (internal/pipeline, internal/resolve), indexed for search.
// Reading, parsing and extracting run outside the write transaction and
// ahead of it; the transaction only writes.

// IngestOptions tune an ingest run.
type IngestOptions struct {
	// Kind of every source in the run; "" means article.
	Kind model.SourceKind
	// Sensitivity of every source, or nil for the kind's default (public for
	// published material, confidential for testimony).
	Sensitivity *model.Sensitivity
	// MaxBytes is the largest input accepted (0: ingest's default).
	MaxBytes int64
	// Timeout bounds each URL fetch (0: ingest's default).
	Timeout time.Duration
	// BatchSize is how many sources are read, parsed and extracted ahead of
	// being stored together (0: DefaultBatch).
	BatchSize int
	// WriteBatch is about how many rows one write transaction holds (0:
	// DefaultWriteBatch).
	WriteBatch int
	// Client fetches URLs (nil: the App's).
	Client *http.Client
	// Queue stores the sources and queues their extraction, resolution and
	// indexing as jobs for the workers (the App's Queue), instead of doing
	// it before Ingest returns.
	Queue bool
	// Consent is what the witnesses of the run's testimonies consented to,
	// recorded with each testimony stored (nil: nothing — a testimony is
	// then used for nothing beyond the archive). Refused for other kinds.
	Consent *model.Consent
	// StoreOnly stores sources without extracting, resolving and indexing
	// them, and queues nothing: for measuring storage alone (what was
	// stored is indexed for search by the next catch-up).
	StoreOnly bool
	// DryRun reads and parses every input and says what storing it would
	// do — stored, a near-copy of which source, a duplicate of which, or
	// failed and why — without storing, extracting or queuing anything
	// (IngestResult.DryRun).
	DryRun bool
}

// DefaultBatch is how many sources share a transaction unless told
// otherwise. Larger batches write each page of the near-duplicate key index
// fewer times (100 sources a batch stored 460 a second on the reference
// machine, 500 stored 700); a crash loses at most the batch under way, which
// running the same ingest again completes.
const DefaultBatch = 500

// Outcome says what became of one input.
type Outcome string

// Outcomes.
const (
	Stored Outcome = "stored" // a new source
	Exists Outcome = "exists" // the same bytes were already a source the actor may see
	Failed Outcome = "failed" // nothing was stored; Err says why
)

// Found counts what was stored of what a source says: mentions, proposed
// statements, entities made and linked, merges proposed, events.
type Found = pipeline.Stats

// IngestResult is what became of one input.
type IngestResult struct {
	Input       string
	Outcome     Outcome
	Source      model.Source // ID, SHA256, Title... when stored or existing
	DuplicateOf string       // the source this one nearly copies, if any
	// Raised: the same bytes were a source at a weaker level, now raised to
	// the kind and level asked for.
	Raised bool
	// TextFinished: the same bytes were a source whose text was not all
	// written (its ingest stopped), now written to the end.
	TextFinished bool
	// DryRun: nothing was stored; Outcome says what storing would do.
	// DuplicateOfInput is then the input of the same run this one copies
	// (the same bytes, when Exists; a near-copy, when Stored) — an input
	// that has no source id, since it was not stored either.
	DryRun           bool
	DuplicateOfInput string
	Found            Found
	// Err says why an input failed; for a source stored whose findings were
	// not all recorded (ErrUnfinished), what is left to do.
	Err error
}

// IngestTotals sums up a run.
type IngestTotals struct {
	Stored, Exists, Failed int
	// Unfinished counts the sources stored whose findings were not all
	// recorded (IngestResult.Err says so).
	Unfinished int
	// Queued is how many sources' extraction was queued (Queue), and
	// AlreadyQueued how many were pending already.
	Queued, AlreadyQueued int
}

// IsURL reports whether an input names an http(s) URL rather than a path.
func IsURL(s string) bool { return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") }

// Expand turns the inputs into a list of files and URLs: folders are walked
// recursively in name order, skipping hidden files and folders. Paths that
// cannot be read are returned as failed results.
func Expand(inputs []string) ([]string, []IngestResult) {
	var out []string
	var failed []IngestResult
	for _, in := range inputs {
		if IsURL(in) {
			out = append(out, in)
			continue
		}
		fi, err := os.Stat(in)
		if err != nil {
			failed = append(failed, IngestResult{Input: in, Outcome: Failed, Err: pathError(err)})
			continue
		}
		if !fi.IsDir() {
			out = append(out, in)
			continue
		}
		var files []string
		err = filepath.WalkDir(in, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				failed = append(failed, IngestResult{Input: path, Outcome: Failed, Err: pathError(err)})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if path != in && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			failed = append(failed, IngestResult{Input: in, Outcome: Failed, Err: pathError(err)})
		}
		sort.Strings(files)
		out = append(out, files...)
	}
	return out, failed
}

// ErrNoSuchFile is what an input that names no file fails with.
var ErrNoSuchFile = errors.New("no such file or folder")

func pathError(err error) error {
	var pe *fs.PathError
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return ErrNoSuchFile
	case errors.Is(err, fs.ErrPermission):
		return errors.New("permission denied")
	case errors.As(err, &pe):
		return pe.Err
	}
	return err
}

// run is one ingest's settled options.
type run struct {
	v    access.Viewer
	opt  IngestOptions
	kind model.SourceKind
	sens model.Sensitivity
}

// settle checks what a run asks for against who asks: only analysts and up
// add sources, and only an admin stores a source below its kind's default
// sensitivity.
func (a *App) settle(v access.Viewer, opt IngestOptions) (*run, error) {
	kind := opt.Kind
	if kind == "" {
		kind = model.KindArticle
	}
	if _, err := model.ParseSourceKind(string(kind)); err != nil {
		return nil, &Error{Kind: Invalid, Msg: err.Error()}
	}
	if !v.CanWrite() {
		return nil, forbidden("%s may not add sources (role %s)", v.Actor(), v.Role)
	}
	sens := kind.DefaultSensitivity()
	if opt.Sensitivity != nil {
		if !opt.Sensitivity.Valid() {
			return nil, invalid("sensitivity %d is not a level", *opt.Sensitivity)
		}
		if *opt.Sensitivity < sens && !v.CanLower() {
			return nil, forbidden("only an admin may store a %s below its default sensitivity (%s)", kind, sens)
		}
		sens = *opt.Sensitivity
	}
	if opt.DryRun {
		opt.Queue = false
	}
	if opt.Consent != nil && kind != model.KindTestimony {
		return nil, invalid("consent is recorded for testimony only, not for a %s", kind)
	}
	if opt.Queue && a.jobQueue() == nil {
		return nil, errors.New("ingest: asked to queue extraction, but this process has no job queue")
	}
	if opt.Client == nil {
		opt.Client = a.cfg.Fetch
	}
	return &run{v: v, opt: opt, kind: kind, sens: sens}, nil
}

// extracts reports whether the run extracts, resolves and indexes before
// it returns.
func (r *run) extracts() bool { return !r.opt.StoreOnly && !r.opt.Queue && !r.opt.DryRun }

// Ingest stores every input (file paths and http(s) URLs; Expand turns
// folders into files) as v, calling report once per input in order. It
// returns an error only when it cannot go on (a refusal of the whole run, a
// failed database); bad inputs are reported and skipped, and the rest are
// still stored.
func (a *App) Ingest(ctx context.Context, v access.Viewer, inputs []string, opt IngestOptions, report func(IngestResult)) (IngestTotals, error) {
	var tot IngestTotals
	r, err := a.settle(v, opt)
	if err != nil {
		return tot, err
	}
	batch := r.opt.BatchSize
	if batch <= 0 {
		batch = DefaultBatch
	}
	res, err := a.batchResolver(ctx, r)
	if err != nil {
		return tot, err
	}
	q := a.newQueuer(r)
	count := func(x IngestResult) {
		switch {
		case x.Outcome == Stored && x.Err != nil:
			tot.Stored++
			tot.Unfinished++
		case x.Outcome == Exists && x.Err != nil: // its text still not whole
			tot.Exists++
			tot.Unfinished++
		case x.Outcome == Stored:
			tot.Stored++
		case x.Outcome == Exists:
			tot.Exists++
		default:
			tot.Failed++
		}
		if x.Outcome != Failed {
			// What is stored is queued, even if the run is being
			// interrupted; a source stored before is queued too (an earlier
			// queued run may have died between storing and queuing), and
			// its job finds it done.
			q.add(context.WithoutCancel(ctx), x.Source.ID)
		}
		report(x)
	}
	// Two stages overlap: while one chunk is written (one transaction at a
	// time), the next is read, parsed, extracted and its originals written
	// to the archive.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	chunks := make(chan []parsed, 1)
	go func() {
		defer close(chunks)
		for start := 0; start < len(inputs); start += batch {
			if ctx.Err() != nil {
				return
			}
			chunk := a.read(ctx, r, inputs[start:min(start+batch, len(inputs))])
			if r.extracts() {
				extractAll(ctx, chunk)
			}
			if !r.opt.DryRun {
				a.stage(ctx, r, chunk)
			}
			select {
			case chunks <- chunk:
			case <-ctx.Done():
				return
			}
		}
	}()
	var runErr error
	dry := map[string]string{} // a dry run's inputs by their bytes' hash
	for chunk := range chunks {
		var results []IngestResult
		var err error
		if r.opt.DryRun {
			results, err = a.dryRun(ctx, r, chunk, dry)
		} else {
			results, err = a.store1(ctx, r, res, chunk)
		}
		if err != nil {
			runErr = err
			cancel()
			continue // drain: the reader stops at the cancel
		}
		var stored []string
		for _, x := range results {
			count(x)
			if x.Outcome == Stored {
				stored = append(stored, x.Source.ID)
			}
		}
		a.watch(ctx, stored)
	}
	if runErr == nil {
		runErr = ctx.Err()
	}
	q.flush(context.WithoutCancel(ctx))
	tot.Queued, tot.AlreadyQueued = q.queued, q.sent-q.queued
	if q.err != nil && runErr == nil {
		runErr = fmt.Errorf("queue extraction: %w (the sources are stored: run the same ingest again to queue them)", q.err)
	}
	return tot, runErr
}

// IngestBytes stores one document that is not a file on disk — an upload,
// a feed item — exactly as Ingest stores a file. name is the document's file
// name as its sender gave it (only its last element is kept). Bad input
// comes back as a Failed result; the error is for when the run cannot go on.
func (a *App) IngestBytes(ctx context.Context, v access.Viewer, name string, data []byte, opt IngestOptions) (IngestResult, error) {
	r, err := a.settle(v, opt)
	if err != nil {
		return IngestResult{}, err
	}
	res, err := a.batchResolver(ctx, r)
	if err != nil {
		return IngestResult{}, err
	}
	chunk := []parsed{readBytes(ctx, r, uploadName(name), data)}
	if r.extracts() {
		extractAll(ctx, chunk)
	}
	a.stage(ctx, r, chunk)
	results, err := a.store1(ctx, r, res, chunk)
	if err != nil {
		return IngestResult{}, err
	}
	x := results[0]
	if x.Outcome == Stored {
		a.watch(ctx, []string{x.Source.ID})
	}
	if x.Outcome != Failed {
		q := a.newQueuer(r)
		q.add(context.WithoutCancel(ctx), x.Source.ID)
		q.flush(context.WithoutCancel(ctx))
		if q.err != nil {
			return x, fmt.Errorf("queue extraction: %w (the source is stored: send it again to queue it)", q.err)
		}
	}
	return x, nil
}

// queuer queues the extraction of stored sources in batches as they are
// reported, when the run queues its work.
type queuer struct {
	q            Queue // nil: the run does not queue
	actor        string
	ids          []string
	sent, queued int
	err          error
}

// queueBatch is how many sources are queued at once.
const queueBatch = 100

func (a *App) newQueuer(r *run) *queuer {
	if !r.opt.Queue {
		return &queuer{}
	}
	return &queuer{q: a.jobQueue(), actor: r.v.Actor()}
}

func (q *queuer) add(ctx context.Context, id string) {
	if q.q == nil {
		return
	}
	q.ids = append(q.ids, id)
	if len(q.ids) >= queueBatch {
		q.flush(ctx)
	}
}

func (q *queuer) flush(ctx context.Context) {
	if q.q == nil || q.err != nil || len(q.ids) == 0 {
		return
	}
	n, err := q.q.EnqueueExtract(ctx, q.actor, q.ids...)
	q.queued += n
	if err != nil {
		q.err = err
		return
	}
	q.sent += len(q.ids)
	q.ids = q.ids[:0]
}
