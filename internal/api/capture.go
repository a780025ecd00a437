package api

import (
	"context"
	"net/http"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/capture"
	"github.com/athar-project/athar/internal/model"
)

// captureIn asks for one web page to be captured as evidence.
type captureIn struct {
	Body struct {
		URL         string `json:"url" doc:"An http(s) URL: the page to load in a browser and keep."`
		Kind        string `json:"kind,omitempty" enum:"article,statement,testimony,document,social_post,court_record" default:"article"`
		Sensitivity string `json:"sensitivity,omitempty" enum:"public,internal,restricted,confidential" doc:"Default: public; confidential for a testimony. Only an admin may go below the kind's default."`
	}
}

// fileOut is a file kept with a source.
type fileOut struct {
	Role      string `json:"role" enum:"wacz,warc,screenshot,dom,record,media" doc:"wacz: the web archive package (the source's original); warc: the HTTP exchanges as served; screenshot: a full-page PNG; dom: the rendered document the text was read from; record: the acquisition record (JSON); media: a file the page links."`
	Name      string `json:"name"`
	SHA256    string `json:"sha256" doc:"SHA-256 of the file's bytes, hex: its name in the archive."`
	Size      int64  `json:"size"`
	MediaType string `json:"media_type"`
	URL       string `json:"url,omitempty" doc:"Where a media file was fetched from."`
}

func toFiles(files []model.SourceFile) []fileOut {
	out := make([]fileOut, 0, len(files))
	for _, f := range files {
		out = append(out, fileOut{Role: string(f.Role), Name: f.Name, SHA256: f.SHA256, Size: f.Size, MediaType: f.MediaType, URL: f.URL})
	}
	return out
}

// captureResultOut is what `athar capture --json` prints for a page, with the
// source and its files.
type captureResultOut struct {
	URL        string     `json:"url" doc:"The URL as asked."`
	ID         string     `json:"id"`
	SHA256     string     `json:"sha256" doc:"SHA-256 of the source's original: the WACZ."`
	WARC       string     `json:"warc" doc:"SHA-256 of the WARC."`
	Screenshot string     `json:"screenshot" doc:"SHA-256 of the screenshot."`
	Source     *SourceOut `json:"source,omitempty" doc:"The source, when the caller may see it."`
	Files      []fileOut  `json:"files"`
	Found      foundOut   `json:"found"`
}

type captureOut struct {
	Status int
	Body   captureResultOut
}

// captureOperation sets what POST /capture answers (its words are in
// openapi_docs.go).
func (s *Server) captureOperation(op huma.Operation) huma.Operation {
	op.DefaultStatus = http.StatusCreated
	op.MaxBodyBytes = 64 << 10
	return op
}

// captureCreate captures one page as the token's owner through app.Capture.
func (s *Server) captureCreate(ctx context.Context, in *captureIn) (*captureOut, error) {
	v := callerOf(ctx).viewer
	u := strings.TrimSpace(in.Body.URL)
	if !app.IsURL(u) {
		d := &huma.ErrorDetail{Location: "body.url", Message: "expected an http(s) URL"}
		if len(u) <= maxEcho {
			d.Value = u
		}
		return nil, huma.Error422UnprocessableEntity("url must be an http or https URL", d)
	}
	iopt, err := ingestOptions(ingestRequest{kind: in.Body.Kind, sensitivity: in.Body.Sensitivity})
	if err != nil {
		return nil, err
	}
	opt := app.CaptureOptions{Kind: iopt.Kind, Sensitivity: iopt.Sensitivity, Capture: capture.Options{Client: s.fetch}}
	var r app.CaptureResult
	if err := s.app.Capture(ctx, v, []string{u}, opt, func(x app.CaptureResult) { r = x }); err != nil {
		return nil, s.fail(ctx, "capture", err)
	}
	if r.Outcome != app.Stored {
		return nil, huma.Error422UnprocessableEntity(echo(r.Err.Error()), &huma.ErrorDetail{Location: "body.url", Message: "the page could not be captured"})
	}
	if r.Err != nil { // stored, but what was found in it was not all recorded
		return nil, s.internal(ctx, "capture", r.Err)
	}
	out := &captureOut{Status: http.StatusCreated, Body: captureResultOut{URL: r.URL, ID: r.Source.ID, SHA256: r.Source.SHA256,
		WARC: r.WARC, Screenshot: r.Screenshot, Files: toFiles(r.Files),
		Found: foundOut{Mentions: r.Found.Mentions, Statements: r.Found.Statements, EntitiesCreated: r.Found.Created,
			Linked: r.Found.Linked, MergesProposed: r.Found.Proposed, Events: r.Found.Events}}}
	if src, err := s.store.Source(ctx, v, r.Source.ID); err == nil {
		so := toSource(src)
		out.Body.Source = &so
		if err := s.record(ctx, "api-capture", []model.Source{src}, nil); err != nil {
			return nil, err
		}
	}
	s.log.Info("page captured via API", "user", v.Actor())
	return out, nil
}

type filesOut struct {
	Body struct {
		Items []fileOut `json:"items"`
	}
}

// sourceFiles lists the files kept with a source (a captured page's), each
// with its SHA-256; empty for a source that is not a capture.
func (s *Server) sourceFiles(ctx context.Context, in *idIn) (*filesOut, error) {
	v := callerOf(ctx).viewer
	src, err := s.store.Source(ctx, v, in.ID)
	if err != nil {
		return nil, s.orNotFound(ctx, err, "source")
	}
	files, err := s.app.SourceFiles(ctx, v, src.ID)
	if err != nil {
		return nil, s.orNotFound(ctx, err, "source")
	}
	out := &filesOut{}
	out.Body.Items = toFiles(files)
	return out, nil
}
