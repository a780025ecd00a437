// Package intake is the service that brings sources into the evidence store:
// it expands folders, reads files and fetches URLs, has internal/ingest parse
// them, finds near-duplicates, and stores each batch in one transaction so
// that nothing is ever half-stored. The CLI, and later the web UI, the API
// and background jobs, all call it.
package intake

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
	"sync"
	"time"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/dedup"
	"github.com/athar-project/athar/internal/extract"
	"github.com/athar-project/athar/internal/ingest"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/pipeline"
	"github.com/athar-project/athar/internal/resolve"
	"github.com/athar-project/athar/internal/search"
	"github.com/athar-project/athar/internal/store"
)

// Options tune an ingest run.
type Options struct {
	// Kind of every source in the run; "" means article.
	Kind model.SourceKind
	// Sensitivity of every source, or nil for the kind's default (public for
	// published material, confidential for testimony).
	Sensitivity *model.Sensitivity
	// MaxBytes is the largest input accepted (0: ingest's default).
	MaxBytes int64
	// Timeout bounds each URL fetch (0: ingest's default).
	Timeout time.Duration
	// BatchSize is how many sources share one transaction (0: DefaultBatch).
	BatchSize int
	// Client fetches URLs (nil: a default client).
	Client *http.Client
	// StoreOnly stores sources without extracting, resolving and indexing
	// them for search (for measuring storage alone; search.CatchUp indexes
	// them later).
	StoreOnly bool
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
	Exists Outcome = "exists" // the same bytes were already a source
	Failed Outcome = "failed" // nothing was stored; Err says why
)

// Result is what became of one input.
type Result struct {
	Input       string
	Outcome     Outcome
	Source      model.Source // ID, SHA256, Title... when stored or existing
	DuplicateOf string       // the source this one nearly copies, if any
	Found       pipeline.Stats
	Err         error
}

// Service ingests as one viewer.
type Service struct {
	store    *store.Store
	viewer   access.Viewer
	resolver *resolve.Resolver // built on first use
}

// New returns a service writing to st as v.
func New(st *store.Store, v access.Viewer) *Service { return &Service{store: st, viewer: v} }

// IsURL reports whether an input names an http(s) URL rather than a path.
func IsURL(s string) bool { return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") }

// Expand turns the inputs into a list of files and URLs: folders are walked
// recursively in name order, skipping hidden files and folders. Paths that
// cannot be read are returned as failed results.
func Expand(inputs []string) ([]string, []Result) {
	var out []string
	var failed []Result
	for _, in := range inputs {
		if IsURL(in) {
			out = append(out, in)
			continue
		}
		fi, err := os.Stat(in)
		if err != nil {
			failed = append(failed, Result{Input: in, Outcome: Failed, Err: pathError(err)})
			continue
		}
		if !fi.IsDir() {
			out = append(out, in)
			continue
		}
		var files []string
		err = filepath.WalkDir(in, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				failed = append(failed, Result{Input: path, Outcome: Failed, Err: pathError(err)})
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
			failed = append(failed, Result{Input: in, Outcome: Failed, Err: pathError(err)})
		}
		sort.Strings(files)
		out = append(out, files...)
	}
	return out, failed
}

func pathError(err error) error {
	var pe *fs.PathError
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return errors.New("no such file or folder")
	case errors.Is(err, fs.ErrPermission):
		return errors.New("permission denied")
	case errors.As(err, &pe):
		return pe.Err
	}
	return err
}

// parsed is one input read and parsed, waiting to be stored.
type parsed struct {
	input string
	data  []byte
	sum   string
	// exists: the bytes were (or may have been) stored before this run.
	exists bool
	doc    ingest.Document
	at     time.Time
	err    error
	// near-duplicate detection, computed by the readers in parallel
	shingles dedup.Shingles
	sig      dedup.Signature
	bands    []int64
	anchors  []int64
	// found is what the extractor found, nil when not extracted.
	found *extract.Result
}

// extractAll runs the extractor over a chunk, two sources at a time.
func extractAll(chunk []parsed) {
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for i := range chunk {
		p := &chunk[i]
		if p.err != nil || !extract.Supported(p.doc.Language) {
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			res := extract.Extract(p.doc.Text, p.doc.Published, p.doc.Language)
			p.found = &res
		}()
	}
	wg.Wait()
}

// Ingest stores every input, calling report once per input in order. It
// returns an error only when it cannot go on (the database failed); bad
// inputs are reported and skipped, and the rest are still stored.
func (s *Service) Ingest(ctx context.Context, inputs []string, opt Options, report func(Result)) error {
	kind := opt.Kind
	if kind == "" {
		kind = model.KindArticle
	}
	if _, err := model.ParseSourceKind(string(kind)); err != nil {
		return err
	}
	sens := kind.DefaultSensitivity()
	if opt.Sensitivity != nil {
		if *opt.Sensitivity < sens && !s.viewer.CanLower() {
			return fmt.Errorf("only an admin may store a %s below its default sensitivity (%s)", kind, sens)
		}
		sens = *opt.Sensitivity
	}
	if !s.viewer.CanWrite() {
		return fmt.Errorf("%s may not add sources (role %s)", s.viewer.Actor(), s.viewer.Role)
	}
	batch := opt.BatchSize
	if batch <= 0 {
		batch = DefaultBatch
	}
	if !opt.StoreOnly && s.resolver == nil {
		r, err := resolve.New(ctx, s.store)
		if err != nil {
			return err
		}
		s.resolver = r
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
			chunk := s.read(ctx, inputs[start:min(start+batch, len(inputs))], opt)
			if !opt.StoreOnly {
				extractAll(chunk)
			}
			s.stage(ctx, chunk)
			select {
			case chunks <- chunk:
			case <-ctx.Done():
				return
			}
		}
	}()
	for chunk := range chunks {
		results, err := s.store1(ctx, chunk, kind, sens)
		if err != nil {
			return err
		}
		for _, r := range results {
			report(r)
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return nil
}

// read fetches or reads and parses a chunk of inputs, several at a time.
func (s *Service) read(ctx context.Context, inputs []string, opt Options) []parsed {
	out := make([]parsed, len(inputs))
	iopt := ingest.Options{MaxBytes: opt.MaxBytes, Timeout: opt.Timeout}
	var wg sync.WaitGroup
	sem := make(chan struct{}, 4)
	for i, in := range inputs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			out[i] = readOne(ctx, in, iopt, opt.Client)
		}()
	}
	wg.Wait()
	return out
}

func readOne(ctx context.Context, in string, opt ingest.Options, client *http.Client) parsed {
	p := parsed{input: in, at: time.Now().UTC()}
	var input ingest.Input
	if IsURL(in) {
		input, p.err = ingest.Fetch(ctx, client, in, opt)
		if p.err != nil {
			return p
		}
	} else {
		max := opt.MaxBytes
		if max <= 0 {
			max = ingest.DefaultMaxBytes
		}
		if fi, err := os.Stat(in); err == nil && fi.Size() > max {
			// Refuse before reading a huge file into memory.
			p.err = fmt.Errorf("%w: the file has %d bytes, the limit is %d", ingest.ErrTooLarge, fi.Size(), max)
			return p
		}
		data, err := os.ReadFile(in)
		if err != nil {
			p.err = pathError(err)
			return p
		}
		input = ingest.Input{Name: in, Data: data}
	}
	p.data = input.Data
	p.doc, p.err = ingest.ParseContext(ctx, input, opt)
	if p.err == nil {
		p.sum = store.Hash(p.data)
		p.shingles = dedup.Shingle(p.doc.Text)
		p.sig = p.shingles.Sign()
		p.bands, p.anchors = keys(p.sig.Bands()), keys(p.shingles.Anchors())
	}
	return p
}

// store1 writes one chunk in one transaction. Should the transaction fail,
// each source is retried alone, so that one bad row costs only itself.
func (s *Service) store1(ctx context.Context, chunk []parsed, kind model.SourceKind, sens model.Sensitivity) ([]Result, error) {
	results := make([]Result, len(chunk))
	var todo []int
	for i, p := range chunk {
		results[i] = Result{Input: p.input}
		if p.err != nil {
			results[i].Outcome, results[i].Err = Failed, p.err
			continue
		}
		todo = append(todo, i)
	}
	err := s.write(ctx, func(tx *store.Tx, b *resolve.Batch) error {
		return s.addAll(ctx, tx, b, chunk, todo, kind, sens, results)
	})
	if err == nil {
		return results, nil
	}
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	// Retry one at a time; a failure now belongs to that input alone.
	for _, i := range todo {
		results[i] = Result{Input: chunk[i].input}
		err := s.write(ctx, func(tx *store.Tx, b *resolve.Batch) error {
			return s.addAll(ctx, tx, b, chunk, []int{i}, kind, sens, results)
		})
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			results[i] = Result{Input: chunk[i].input, Outcome: Failed, Err: fmt.Errorf("store: %w", err)}
		}
	}
	return results, nil
}

// write runs fn in one transaction with a batch of resolver placements that
// is taken back if the transaction does not commit.
func (s *Service) write(ctx context.Context, fn func(*store.Tx, *resolve.Batch) error) error {
	var b *resolve.Batch
	if s.resolver != nil {
		b = s.resolver.Begin()
	}
	err := s.store.Write(ctx, s.viewer.Actor(), func(tx *store.Tx) error { return fn(tx, b) })
	if err != nil && b != nil {
		b.Abort(context.WithoutCancel(ctx))
	}
	return err
}

// stage writes the originals of new sources to the archive ahead of the
// transaction, two at a time (the archive's files cost system calls, not
// the database's lock); the transaction makes them durable before it commits.
func (s *Service) stage(ctx context.Context, chunk []parsed) {
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for i := range chunk {
		if chunk[i].err != nil {
			continue
		}
		_, exists, err := s.store.SourceExists(ctx, chunk[i].sum)
		chunk[i].exists = exists || err != nil
		if chunk[i].exists {
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			// A failure here is not final: the transaction writes the blob
			// itself when it finds it unstaged.
			_ = s.store.StageBlob(chunk[i].sum, chunk[i].data)
		}()
	}
	wg.Wait()
}

// batchIndex holds the near-duplicate keys of the sources stored so far in
// this transaction, which the store's key counts do not show until the end.
type batchIndex struct {
	held  map[int64]bool  // keys stored sources hold (store.HeldKeys)
	keys  map[int64][]int // key → positions in store
	store []batchEntry
}

type batchEntry struct {
	id, duplicateOf string
	p               *parsed
}

// addAll stores the chunk's sources at positions todo, then all their
// near-duplicate keys at once.
func (s *Service) addAll(ctx context.Context, tx *store.Tx, b *resolve.Batch, chunk []parsed, todo []int, kind model.SourceKind, sens model.Sensitivity, results []Result) error {
	var all []int64
	for _, i := range todo {
		all = append(append(all, chunk[i].bands...), chunk[i].anchors...)
	}
	held, err := tx.HeldKeys(ctx, all)
	if err != nil {
		return err
	}
	bi := &batchIndex{held: held, keys: map[int64][]int{}}
	var sigs []store.SignatureRow
	for _, i := range todo {
		p := &chunk[i]
		r := &results[i]
		if err := s.add(ctx, tx, bi, p, kind, sens, r); err != nil {
			return err
		}
		if r.Outcome != Stored {
			continue
		}
		if b != nil { // not StoreOnly
			if p.found != nil {
				if r.Found, err = pipeline.Record(ctx, tx, b, r.Source, *p.found); err != nil {
					return fmt.Errorf("%s: record what was extracted: %w", p.input, err)
				}
			}
			if err := search.IndexSource(ctx, tx, r.Source.ID); err != nil {
				return fmt.Errorf("%s: index for search: %w", p.input, err)
			}
		}
		blob, err := p.sig.MarshalBinary()
		if err != nil {
			return err
		}
		sigs = append(sigs, store.SignatureRow{SourceID: r.Source.ID, Signature: blob, Bands: p.bands, Anchors: p.anchors})
		pos := len(bi.store)
		bi.store = append(bi.store, batchEntry{id: r.Source.ID, duplicateOf: r.DuplicateOf, p: p})
		for _, k := range p.bands {
			bi.keys[k] = append(bi.keys[k], pos)
		}
		for _, k := range p.anchors {
			bi.keys[k] = append(bi.keys[k], pos)
		}
	}
	return tx.SaveSignatures(ctx, sigs)
}

func (s *Service) add(ctx context.Context, tx *store.Tx, bi *batchIndex, p *parsed, kind model.SourceKind, sens model.Sensitivity, r *Result) error {
	src := model.Source{
		Kind: kind, Title: p.doc.Title, Publisher: p.doc.Publisher, URL: p.doc.URL, Published: p.doc.Published,
		Language: p.doc.Language, Text: p.doc.Text, ContentType: p.doc.ContentType, Sensitivity: sens,
		RetrievedAt: p.at,
	}
	if !IsURL(p.input) {
		src.Filename = filepath.Base(p.input)
	}
	if p.exists {
		// Known before the transaction; AddSource below checks again inside it.
		id, exists, err := tx.SourceBySHA(ctx, p.sum)
		if err != nil {
			return err
		}
		if exists {
			r.Outcome, r.Source = Exists, model.Source{ID: id, SHA256: p.sum, Title: src.Title}
			return nil
		}
	}
	dup, sim, err := nearDuplicate(ctx, tx, bi, p)
	if err != nil {
		return err
	}
	src.DuplicateOf, src.Similarity = dup, sim
	added, err := tx.AddSource(ctx, &src, p.data)
	if err != nil {
		return err
	}
	r.Source, r.DuplicateOf = src, dup
	r.Outcome = Stored
	if !added {
		r.Outcome = Exists
	}
	return nil
}

func keys(ks []dedup.Key) []int64 {
	out := make([]int64, len(ks))
	for i, k := range ks {
		out[i] = int64(k)
	}
	return out
}

// maxCandidates bounds the near-duplicate candidates compared per source.
const maxCandidates = 20

// nearDuplicate finds the stored source that p nearly copies: the original of
// the best match (a copy of a copy links to the first), among sources stored
// before and earlier in this batch.
func nearDuplicate(ctx context.Context, tx *store.Tx, bi *batchIndex, p *parsed) (string, float64, error) {
	cands, err := tx.DuplicateCandidates(ctx, bi.held, p.bands, p.anchors, dedup.MinSharedAnchors, maxCandidates)
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
			res = dedup.CompareShingles(p.shingles, dedup.Shingle(otherText))
		}
		consider(c.ID, c.DuplicateOf, res)
	}
	for _, pos := range bi.candidates(p) {
		e := bi.store[pos]
		res := dedup.Compare(p.sig, e.p.sig)
		if res.Inconclusive {
			res = dedup.CompareShingles(p.shingles, e.p.shingles)
		}
		consider(e.id, e.duplicateOf, res)
	}
	return best, bestScore, nil
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
