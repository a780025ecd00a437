package app

import (
	"context"
	"fmt"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/athar-project/athar/internal/dedup"
	"github.com/athar-project/athar/internal/extract"
	_ "github.com/athar-project/athar/internal/extract/ar" // the Arabic extractor
	_ "github.com/athar-project/athar/internal/extract/en" // the English extractor
	"github.com/athar-project/athar/internal/ingest"
	"github.com/athar-project/athar/internal/pipeline"
	"github.com/athar-project/athar/internal/store"
)

// parsed is one input read and parsed, waiting to be stored.
type parsed struct {
	input string
	data  []byte
	sum   string
	// exists: the bytes were (or may have been) stored before this run.
	exists bool
	// id is the id its source will have, given ahead when its original is
	// sealed before the transaction that stores it (stage).
	id  string
	doc ingest.Document
	at  time.Time
	err error
	// near-duplicate detection, computed by the readers in parallel.
	// A long text's shingles (8 bytes a word) are not kept once its
	// signature and keys are made: shinglesOf makes them again in the rare
	// comparison that needs them.
	shingles dedup.Shingles
	sig      dedup.Signature
	bands    []int64
	anchors  []int64
	// found is what the extractor found, nil when not extracted.
	found *extract.Result
	// recorder plans the recording of found; staged: it is recorded in
	// transactions of its own (it found too much for one, or its text is
	// long). rest is its text past the piece its row holds, written a
	// piece a transaction (store.AddSourceInPieces), and restAnchors
	// the shares of its anchors written with those pieces (anchorShares).
	recorder    *pipeline.Recorder
	staged      bool
	rest        []string
	restAnchors [][]int64
	// files are kept with the source when it is stored (a capture's WARC,
	// screenshot, media...).
	files []keptFile
	// redaction: the source is a redacted copy of another (Redact).
	redaction *redaction
}

// read fetches or reads and parses a chunk of inputs, several at a time.
func (a *App) read(ctx context.Context, r *run, inputs []string) []parsed {
	out := make([]parsed, len(inputs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 4)
	for i, in := range inputs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			out[i] = readOne(ctx, r, in)
		}()
	}
	wg.Wait()
	return out
}

func ingestOptions(r *run) ingest.Options {
	return ingest.Options{MaxBytes: r.opt.MaxBytes, Timeout: r.opt.Timeout}
}

func readOne(ctx context.Context, r *run, in string) parsed {
	p := parsed{input: in, at: time.Now().UTC()}
	var input ingest.Input
	opt := ingestOptions(r)
	if IsURL(in) {
		input, p.err = ingest.Fetch(ctx, r.opt.Client, in, opt)
		if p.err != nil {
			return p
		}
	} else {
		// Never a FIFO or a device (which would hang), nor a huge file
		// read into memory before it is refused.
		data, err := ingest.ReadFile(in, opt.MaxBytes)
		if err != nil {
			p.err = pathError(err)
			return p
		}
		input = ingest.Input{Name: in, Data: data}
	}
	return parse(ctx, p, input, opt)
}

// readBytes parses an upload as readOne parses a file.
func readBytes(ctx context.Context, r *run, name string, data []byte) parsed {
	p := parsed{input: name, at: time.Now().UTC()}
	opt := ingestOptions(r)
	max := opt.MaxBytes
	if max <= 0 {
		max = ingest.DefaultMaxBytes
	}
	if int64(len(data)) > max {
		p.err = fmt.Errorf("%w: the upload has %d bytes, the limit is %d", ingest.ErrTooLarge, len(data), max)
		return p
	}
	return parse(ctx, p, ingest.Input{Name: name, Data: data}, opt)
}

// parse turns the bytes into a document and signs its text for
// near-duplicate detection.
func parse(ctx context.Context, p parsed, in ingest.Input, opt ingest.Options) parsed {
	p.data = in.Data
	p.doc, p.err = ingest.ParseContext(ctx, in, opt)
	if p.err == nil {
		p.sum = store.Hash(p.data)
		p.shingles = dedup.Shingle(p.doc.Text)
		p.sig = p.shingles.Sign()
		p.bands, p.anchors = keys(p.sig.Bands()), keys(p.shingles.Anchors())
		if len(p.doc.Text) > StagedText {
			// Held, they would sit beside the text, its original bytes
			// and the extraction's findings at the ingest's peak: a
			// 16 MiB text's 20 MB of them were a fifth of the live heap
			// (issue 18).
			p.shingles = dedup.Shingles{}
		}
	}
	return p
}

// shinglesOf gives p's shingles: those kept for a short text, or a long
// text's made again from its text.
func (p *parsed) shinglesOf() dedup.Shingles {
	if len(p.doc.Text) > StagedText {
		return dedup.Shingle(p.doc.Text)
	}
	return p.shingles
}

// uploadName keeps the last element of a sender's file name: never a path,
// never something Ingest would take for a URL.
func uploadName(name string) string {
	name = path.Base(strings.ReplaceAll(strings.TrimSpace(name), "\\", "/"))
	if name == "." || name == "/" || name == "" {
		return "upload"
	}
	return name
}

func keys(ks []dedup.Key) []int64 {
	out := make([]int64, len(ks))
	for i, k := range ks {
		out[i] = int64(k)
	}
	return out
}

// extractAll runs the extractor over a chunk, two sources at a time, before
// and outside the transaction that stores them. When ctx ends it returns at
// once (an extraction cannot be interrupted: those under way finish in the
// background and their results are dropped).
func extractAll(ctx context.Context, chunk []parsed) {
	type done struct {
		i   int
		res extract.Result
	}
	results := make(chan done, len(chunk))
	sem := make(chan struct{}, 2)
	n := 0
	for i := range chunk {
		p := &chunk[i]
		if p.err != nil || !extract.Supported(p.doc.Language) {
			continue
		}
		n++
		text, published, lang := p.doc.Text, p.doc.Published, p.doc.Language
		go func() {
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				results <- done{i: -1}
				return
			}
			defer func() { <-sem }()
			results <- done{i, extractLong(text, published, lang)}
		}()
	}
	for range n {
		select {
		case d := <-results:
			if d.i >= 0 {
				chunk[d.i].found = &d.res
			}
		case <-ctx.Done():
			return
		}
	}
}
