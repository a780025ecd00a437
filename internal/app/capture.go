package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/capture"
	"github.com/athar-project/athar/internal/ingest"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// Capture keeps web pages as evidence (issue 19): each URL is loaded in
// headless Chromium through the guarded client (internal/capture) and stored
// as one source whose original is the WACZ, with the WARC, a full-page
// screenshot, the rendered document, the acquisition record and the media
// the page links kept beside it as source files — every one in the archive
// under its SHA-256 and in the ledger. The source's text is the page's main
// text, read from the rendered document by ingest's readability path, and the
// whole pipeline (extraction, resolution, search) runs on it before Capture
// returns, as it does for ingest.

// CaptureOptions tune a capture run.
type CaptureOptions struct {
	// Kind of every source; "" means article.
	Kind model.SourceKind
	// Sensitivity of every source, or nil for the kind's default.
	Sensitivity *model.Sensitivity
	// Capture bounds each page (its Client nil: the App's fetch client).
	Capture capture.Options
}

// CaptureResult is what became of one URL.
type CaptureResult struct {
	URL     string
	Outcome Outcome // Stored or Failed
	Source  model.Source
	Files   []model.SourceFile
	// WARC and Screenshot are the SHA-256 of those files.
	WARC, Screenshot string
	Found            Found
	Err              error
}

// CaptureRecord is the acquisition record kept with a captured page (the
// file of role "record", JSON): what a court asks of a capture — where it
// was, the way there, what the server said, when, with what and by whom.
type CaptureRecord struct {
	URL        string              `json:"url"`
	FinalURL   string              `json:"final_url"`
	Redirects  []capture.Hop       `json:"redirects"`
	Status     int                 `json:"status"`
	Headers    map[string][]string `json:"headers"`
	CapturedAt time.Time           `json:"captured_at"`
	CapturedBy string              `json:"captured_by"`
	Tool       string              `json:"tool"`
	Browser    string              `json:"browser"`
	Method     string              `json:"method"`
	Exchanges  int                 `json:"exchanges"`
	Skipped    []string            `json:"skipped"`
	// Files are the other files kept, with their hashes.
	Files []RecordFile `json:"files"`
}

// RecordFile is a file as the acquisition record lists it.
type RecordFile struct {
	Role      model.FileRole `json:"role"`
	Name      string         `json:"name"`
	SHA256    string         `json:"sha256"`
	Size      int64          `json:"size"`
	MediaType string         `json:"media_type"`
	URL       string         `json:"url,omitempty"`
}

// captureMethod says how a capture was made, for the record.
const captureMethod = "headless Chromium driven over the DevTools protocol; every request answered by Athar's guarded HTTP client and recorded as WARC 1.1, packaged as WACZ " + capture.WACZVersion

// keptFile is a file waiting to be stored with its source.
type keptFile struct {
	file model.SourceFile
	data []byte
}

// addFiles stores a source's files in its transaction.
func addFiles(ctx context.Context, tx *store.Tx, sourceID string, files []keptFile) error {
	for i := range files {
		f := files[i].file
		f.SourceID = sourceID
		if err := tx.AddSourceFile(ctx, &f, files[i].data); err != nil {
			return err
		}
	}
	return nil
}

// Capture captures each URL as v, one after the other, calling report once
// per URL in order. Only analysts and up may. It returns an error only when
// it cannot go on (a refusal, no browser, a failed database); a page that fails is
// reported, nothing of it stored, and the rest are still captured.
func (a *App) Capture(ctx context.Context, v access.Viewer, urls []string, opt CaptureOptions, report func(CaptureResult)) error {
	r, err := a.settle(v, IngestOptions{Kind: opt.Kind, Sensitivity: opt.Sensitivity})
	if err != nil {
		return err
	}
	res, err := a.batchResolver(ctx, r)
	if err != nil {
		return err
	}
	copt := opt.Capture
	if copt.Client == nil {
		copt.Client = r.opt.Client
	}
	// One browser for the run, started at the first page that needs it.
	browser := capture.NewBrowser(copt)
	defer browser.Close()
	for _, u := range urls {
		if err := ctx.Err(); err != nil {
			return err
		}
		out := CaptureResult{URL: u, Outcome: Failed}
		p, err := a.capture1(ctx, r, browser, u)
		if errors.Is(err, capture.ErrNoChromium) {
			return err // no page can be captured on this machine
		}
		if err != nil {
			out.Err = err
			report(out)
			continue
		}
		chunk := []parsed{p}
		extractAll(ctx, chunk)
		a.stage(ctx, r, chunk)
		results, err := a.store1(ctx, r, res, chunk)
		if err != nil {
			return err
		}
		x := results[0]
		out.Outcome, out.Source, out.Found, out.Err = x.Outcome, x.Source, x.Found, x.Err
		if x.Outcome == Stored {
			// Screened against open enquiries and the watch lists, as an
			// ingest is.
			a.watch(ctx, []string{x.Source.ID})
			for _, f := range p.files {
				out.Files = append(out.Files, f.file)
				switch f.file.Role {
				case model.FileWARC:
					out.WARC = f.file.SHA256
				case model.FileScreenshot:
					out.Screenshot = f.file.SHA256
				}
			}
		} else if x.Outcome == Exists {
			// The same WACZ bytes twice cannot come from two captures (each
			// holds its own time); say so rather than store nothing silently.
			out.Outcome, out.Err = Failed, fmt.Errorf("the capture's bytes are already source %s", x.Source.ID)
		}
		report(out)
	}
	return nil
}

// capture1 captures one page and makes it ready to store: the document read
// from what the browser rendered, the WACZ as its original, its files.
func (a *App) capture1(ctx context.Context, r *run, browser *capture.Browser, u string) (parsed, error) {
	cr, err := browser.Page(ctx, u)
	if err != nil {
		return parsed{}, err
	}
	p := parse(ctx, parsed{input: u, at: cr.CapturedAt}, ingest.Input{
		Name: u, Data: cr.DOM, ContentType: "text/html; charset=utf-8", URL: cr.FinalURL,
	}, ingestOptions(r))
	if p.err != nil {
		return parsed{}, fmt.Errorf("%s: read the page's text: %w", cr.FinalURL, p.err)
	}
	if p.doc.Title == "" {
		p.doc.Title = cr.Title
	}
	p.doc.URL, p.doc.ContentType = cr.FinalURL, "application/wacz"
	p.data, p.sum = cr.WACZ, store.Hash(cr.WACZ)
	p.files = captureFiles(cr)
	rec := CaptureRecord{
		URL: cr.URL, FinalURL: cr.FinalURL, Redirects: cr.Redirects, Status: cr.Status, Headers: cr.Header,
		CapturedAt: cr.CapturedAt, CapturedBy: r.v.Actor(), Tool: cr.Tool, Browser: cr.Browser,
		Method: captureMethod, Exchanges: cr.Exchanges, Skipped: cr.Skipped,
	}
	if rec.Redirects == nil {
		rec.Redirects = []capture.Hop{}
	}
	if rec.Skipped == nil {
		rec.Skipped = []string{}
	}
	for _, f := range p.files {
		rec.Files = append(rec.Files, RecordFile{Role: f.file.Role, Name: f.file.Name, SHA256: f.file.SHA256,
			Size: f.file.Size, MediaType: f.file.MediaType, URL: f.file.URL})
	}
	js, err := json.MarshalIndent(rec, "", "  ")
	if err != nil {
		return parsed{}, err
	}
	p.files = append(p.files, kept(model.FileRecord, "capture.json", "application/json", "", append(js, '\n')))
	return p, nil
}

// captureFiles are the files of a capture, each with its hash.
func captureFiles(cr *capture.Result) []keptFile {
	files := []keptFile{
		kept(model.FileWACZ, "capture.wacz", "application/wacz", "", cr.WACZ),
		kept(model.FileWARC, cr.WARCName, "application/warc", "", cr.WARC),
		kept(model.FileScreenshot, "screenshot.png", "image/png", "", cr.Screenshot),
		kept(model.FileDOM, "rendered.html", "text/html; charset=utf-8", "", cr.DOM),
	}
	for i, m := range cr.Media {
		files = append(files, kept(model.FileMedia, fmt.Sprintf("media-%02d%s", i+1, mediaExt(m.MediaType)), m.MediaType, m.URL, m.Data))
	}
	return files
}

func kept(role model.FileRole, name, mediaType, url string, data []byte) keptFile {
	return keptFile{
		file: model.SourceFile{Role: role, Name: name, MediaType: mediaType, URL: url, SHA256: store.Hash(data), Size: int64(len(data))},
		data: data,
	}
}

// mediaExt is a file extension for a media type.
func mediaExt(mt string) string {
	switch mt {
	case "image/png":
		return ".png"
	case "image/jpeg":
		return ".jpg"
	case "image/gif":
		return ".gif"
	case "image/webp":
		return ".webp"
	case "image/svg+xml":
		return ".svg"
	case "video/mp4":
		return ".mp4"
	case "video/webm":
		return ".webm"
	case "audio/mpeg":
		return ".mp3"
	case "audio/ogg":
		return ".ogg"
	}
	return ""
}

// SourceFiles lists the files kept with a source — for a captured page its
// WACZ (the original), WARC, screenshot, rendered document, acquisition
// record and media — each with its SHA-256, if v may see the source
// (ErrNotFound otherwise). A source that is not a capture has none: its
// original is the source's own sha256. Pages, the API, `sources show` and the
// court package list a source's files through this one function.
func (a *App) SourceFiles(ctx context.Context, v access.Viewer, sourceID string) ([]model.SourceFile, error) {
	files, err := a.st.SourceFiles(ctx, v, sourceID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, notFound("source")
	}
	return files, err
}

// SourceFile returns one of a source's files and its bytes, named by its
// SHA-256, if v may see the source.
func (a *App) SourceFile(ctx context.Context, v access.Viewer, sourceID, sha256 string) (model.SourceFile, []byte, error) {
	f, b, err := a.st.SourceFileBytes(ctx, v, sourceID, sha256)
	if errors.Is(err, store.ErrNotFound) {
		return f, nil, notFound("file")
	}
	return f, b, err
}

// CaptureRecordOf reads the acquisition record kept with a captured source;
// ErrNotFound when the source is not a capture or v may not see it.
func (a *App) CaptureRecordOf(ctx context.Context, v access.Viewer, sourceID string) (CaptureRecord, error) {
	files, err := a.SourceFiles(ctx, v, sourceID)
	if err != nil {
		return CaptureRecord{}, err
	}
	for _, f := range files {
		if f.Role != model.FileRecord {
			continue
		}
		_, b, err := a.SourceFile(ctx, v, sourceID, f.SHA256)
		if err != nil {
			return CaptureRecord{}, err
		}
		var rec CaptureRecord
		if err := json.Unmarshal(b, &rec); err != nil {
			return CaptureRecord{}, fmt.Errorf("source %s: its capture record: %w", sourceID, err)
		}
		return rec, nil
	}
	return CaptureRecord{}, notFound("capture record")
}
