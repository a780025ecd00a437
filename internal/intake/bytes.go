package intake

import (
	"context"
	"fmt"
	"path"
	"strings"
	"time"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/dedup"
	"github.com/athar-project/athar/internal/ingest"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/resolve"
	"github.com/athar-project/athar/internal/store"
)

// NewWith returns a service writing to st as v that places what sources name
// with r, a resolver the caller keeps: a server shares one between matching
// and ingest, so that its name index learns every source it stores.
func NewWith(st *store.Store, v access.Viewer, r *resolve.Resolver) *Service {
	return &Service{store: st, viewer: v, resolver: r}
}

// IngestBytes stores one document that is not a file on disk — an upload —
// exactly as Ingest stores a file: parsed, checked for near-copies,
// extracted, resolved and indexed in one transaction. name is the document's
// file name as its sender gave it (only its last element is kept). Bad input
// comes back as a Failed result; the error is for when the run cannot go on.
func (s *Service) IngestBytes(ctx context.Context, name string, data []byte, opt Options) (Result, error) {
	kind, sens, err := s.settle(opt)
	if err != nil {
		return Result{}, err
	}
	if !opt.StoreOnly && s.resolver == nil {
		r, err := resolve.New(ctx, s.store)
		if err != nil {
			return Result{}, err
		}
		s.resolver = r
	}
	chunk := []parsed{readBytes(ctx, uploadName(name), data, opt)}
	if !opt.StoreOnly {
		extractAll(chunk)
	}
	s.stage(ctx, chunk)
	results, err := s.store1(ctx, chunk, kind, sens)
	if err != nil {
		return Result{}, err
	}
	return results[0], nil
}

// settle checks a run's kind, sensitivity and the viewer's right to store
// sources, as Ingest does.
func (s *Service) settle(opt Options) (model.SourceKind, model.Sensitivity, error) {
	kind := opt.Kind
	if kind == "" {
		kind = model.KindArticle
	}
	if _, err := model.ParseSourceKind(string(kind)); err != nil {
		return "", 0, err
	}
	sens := kind.DefaultSensitivity()
	if opt.Sensitivity != nil {
		if *opt.Sensitivity < sens && !s.viewer.CanLower() {
			return "", 0, fmt.Errorf("only an admin may store a %s below its default sensitivity (%s)", kind, sens)
		}
		sens = *opt.Sensitivity
	}
	if !s.viewer.CanWrite() {
		return "", 0, fmt.Errorf("%s may not add sources (role %s)", s.viewer.Actor(), s.viewer.Role)
	}
	return kind, sens, nil
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

// readBytes parses an upload as readOne parses a file.
func readBytes(ctx context.Context, name string, data []byte, opt Options) parsed {
	p := parsed{input: name, at: time.Now().UTC()}
	iopt := ingest.Options{MaxBytes: opt.MaxBytes, Timeout: opt.Timeout}
	max := opt.MaxBytes
	if max <= 0 {
		max = ingest.DefaultMaxBytes
	}
	if int64(len(data)) > max {
		p.err = fmt.Errorf("%w: the upload has %d bytes, the limit is %d", ingest.ErrTooLarge, len(data), max)
		return p
	}
	p.data = data
	p.doc, p.err = ingest.ParseContext(ctx, ingest.Input{Name: name, Data: data}, iopt)
	if p.err == nil {
		p.sum = store.Hash(p.data)
		p.shingles = dedup.Shingle(p.doc.Text)
		p.sig = p.shingles.Sign()
		p.bands, p.anchors = keys(p.sig.Bands()), keys(p.shingles.Anchors())
	}
	return p
}
