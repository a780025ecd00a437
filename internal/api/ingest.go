package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"reflect"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/danielgtaylor/huma/v2"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/ingest"
	"github.com/athar-project/athar/internal/model"
)

// ingestURL is the JSON form of an ingest: a URL to fetch.
type ingestURL struct {
	URL         string `json:"url" format:"uri" doc:"An http(s) URL to fetch and store."`
	Kind        string `json:"kind,omitempty" enum:"article,statement,testimony,document,social_post,court_record" default:"article"`
	Sensitivity string `json:"sensitivity,omitempty" enum:"public,internal,restricted,confidential" doc:"Default: public; confidential for a testimony. Only an admin may go below the kind's default."`
}

// ingestIn is a request to store one source: application/json with a URL,
// or multipart/form-data with a file. The body is read whole (up to the
// upload limit) and parsed here, so that either form gets errors that say
// what is wrong.
type ingestIn struct {
	ContentType string `header:"Content-Type"`
	RawBody     []byte `contentType:"multipart/form-data"`
}

// foundOut is what extraction and resolution made of a stored source.
type foundOut struct {
	Mentions        int `json:"mentions"`
	Statements      int `json:"statements"`
	EntitiesCreated int `json:"entities_created"`
	Linked          int `json:"linked"`
	MergesProposed  int `json:"merges_proposed"`
	Events          int `json:"events"`
}

type ingestResultOut struct {
	Status      string     `json:"status" enum:"stored,exists" doc:"stored: a new source; exists: the same bytes were already a source."`
	ID          string     `json:"id"`
	SHA256      string     `json:"sha256"`
	DuplicateOf *string    `json:"duplicate_of" doc:"The stored source this one nearly copies; null when none."`
	Raised      bool       `json:"raised,omitempty" doc:"The same bytes were a source at a weaker level (sensitivity, or a kind whose default is weaker): it was raised to the kind and sensitivity asked for."`
	Source      *SourceOut `json:"source,omitempty" doc:"The source, when the caller may see it."`
	Found       foundOut   `json:"found"`
}

type ingestOut struct {
	Status int
	Body   ingestResultOut
}

// ingestOperation documents the two forms a POST /sources body takes.
func (s *Server) ingestOperation(op huma.Operation) huma.Operation {
	registry := s.api.OpenAPI().Components.Schemas
	urlSchema := registry.Schema(reflect.TypeFor[ingestURL](), true, "IngestURL")
	op.RequestBody = &huma.RequestBody{
		Required:    true,
		Description: "application/json with a url to fetch, or multipart/form-data with one file (and optional kind and sensitivity fields).",
		Content: map[string]*huma.MediaType{
			"application/json": {Schema: urlSchema},
			"multipart/form-data": {Schema: &huma.Schema{
				Type:     huma.TypeObject,
				Required: []string{"file"},
				Properties: map[string]*huma.Schema{
					"file":        {Type: huma.TypeString, ContentEncoding: "binary", Description: "The document: text (with an optional header block), HTML or PDF."},
					"kind":        {Type: huma.TypeString, Enum: []any{"article", "statement", "testimony", "document", "social_post", "court_record"}},
					"sensitivity": {Type: huma.TypeString, Enum: []any{"public", "internal", "restricted", "confidential"}},
				},
			}},
		},
	}
	op.SkipValidateBody = true
	op.MaxBodyBytes = s.maxUpload + 1<<20 // the file and the form around it
	op.BodyReadTimeout = 5 * time.Minute
	op.DefaultStatus = http.StatusCreated
	op.Responses = map[string]*huma.Response{
		"200": {Description: "The same bytes were already a source.", Content: map[string]*huma.MediaType{
			"application/json": {Schema: registry.Schema(reflect.TypeFor[ingestResultOut](), true, "IngestResult")}}},
	}
	op.Description = "Fetches the URL or reads the uploaded file, stores the original bytes and the text, and runs " +
		"extraction and resolution before answering, as `athar ingest` does. Analysts, reviewers and admins only."
	return op
}

// ingestRequest is what a POST /sources asked for, either form.
type ingestRequest struct {
	url         string
	filename    string
	data        []byte
	kind        string
	sensitivity string
}

// sourceIngest stores one URL or uploaded file as a source, as the token's
// owner, through the application layer's one ingest chain: parsed, checked
// for near-copies, extracted, resolved and indexed, as athar ingest does.
func (s *Server) sourceIngest(ctx context.Context, in *ingestIn) (*ingestOut, error) {
	v := callerOf(ctx).viewer
	req, err := parseIngest(in.ContentType, in.RawBody)
	if err != nil {
		return nil, err
	}
	opt, err := ingestOptions(req)
	if err != nil {
		return nil, err
	}
	opt.MaxBytes, opt.Client = s.maxUpload, s.fetch
	var r app.IngestResult
	if req.url != "" {
		_, err = s.app.Ingest(ctx, v, []string{req.url}, opt, func(x app.IngestResult) { r = x })
	} else {
		r, err = s.app.IngestBytes(ctx, v, req.filename, req.data, opt)
	}
	if err != nil {
		return nil, s.fail(ctx, "ingest", err)
	}
	if r.Outcome == app.Failed {
		return nil, s.ingestFailure(ctx, r.Err)
	}
	if r.Err != nil { // stored, but what was found in it was not all recorded
		return nil, s.internal(ctx, "ingest", r.Err)
	}
	out := &ingestOut{Status: http.StatusCreated, Body: ingestResultOut{Status: string(r.Outcome), ID: r.Source.ID, SHA256: r.Source.SHA256,
		Found: foundOut{Mentions: r.Found.Mentions, Statements: r.Found.Statements, EntitiesCreated: r.Found.Created,
			Linked: r.Found.Linked, MergesProposed: r.Found.Proposed, Events: r.Found.Events}}}
	if r.Outcome == app.Exists {
		out.Status = http.StatusOK
		out.Body.Raised = r.Raised
	}
	if r.DuplicateOf != "" {
		d := r.DuplicateOf
		out.Body.DuplicateOf = &d
	}
	// The same bytes may already be a source the caller may not see: then
	// only its id and hash, which the caller can compute from what they sent.
	if src, err := s.store.Source(ctx, v, r.Source.ID); err == nil {
		so := toSource(src)
		out.Body.Source = &so
		if err := s.record(ctx, "api-ingest", []model.Source{src}, nil); err != nil {
			return nil, err
		}
	}
	s.log.Info("source ingested via API", "user", v.Actor(), "outcome", string(r.Outcome))
	return out, nil
}

// ingestOptions reads the kind and sensitivity asked for; whether the
// caller may store them is the application layer's rule.
func ingestOptions(req ingestRequest) (app.IngestOptions, error) {
	var opt app.IngestOptions
	kind := model.KindArticle
	if req.kind != "" {
		k, err := model.ParseSourceKind(req.kind)
		if err != nil {
			return opt, fieldError("kind", err.Error(), req.kind)
		}
		kind = k
	}
	opt.Kind = kind
	if req.sensitivity != "" {
		l, err := model.ParseSensitivity(req.sensitivity)
		if err != nil {
			return opt, fieldError("sensitivity", err.Error(), req.sensitivity)
		}
		opt.Sensitivity = &l
	}
	return opt, nil
}

func fieldError(field, msg string, value any) error {
	return huma.Error422UnprocessableEntity(field+": "+msg, &huma.ErrorDetail{Location: "body." + field, Message: msg, Value: value})
}

// parseIngest reads either form of an ingest request.
func parseIngest(contentType string, body []byte) (ingestRequest, error) {
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		mt = ""
	}
	switch mt {
	case "application/json":
		return parseIngestJSON(body)
	case "multipart/form-data":
		return parseIngestForm(params["boundary"], body)
	}
	return ingestRequest{}, huma.Error415UnsupportedMediaType("send application/json with a url, or multipart/form-data with a file",
		&huma.ErrorDetail{Location: "header.Content-Type", Message: "expected application/json or multipart/form-data", Value: contentType})
}

func parseIngestJSON(body []byte) (ingestRequest, error) {
	var in ingestURL
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		return ingestRequest{}, huma.Error400BadRequest("the body is not the JSON this takes: "+err.Error(),
			&huma.ErrorDetail{Location: "body", Message: err.Error()})
	}
	if dec.More() {
		return ingestRequest{}, huma.Error400BadRequest("the body holds more than one JSON value", &huma.ErrorDetail{Location: "body"})
	}
	u := strings.TrimSpace(in.URL)
	if u == "" {
		return ingestRequest{}, huma.Error422UnprocessableEntity("url is required (or send a file as multipart/form-data)",
			&huma.ErrorDetail{Location: "body.url", Message: "required"})
	}
	if !app.IsURL(u) {
		d := &huma.ErrorDetail{Location: "body.url", Message: "expected an http(s) URL"}
		if len(u) <= maxEcho {
			d.Value = u // a long input is not sent back whole
		}
		return ingestRequest{}, huma.Error422UnprocessableEntity("url must be an http or https URL", d)
	}
	return ingestRequest{url: u, kind: in.Kind, sensitivity: in.Sensitivity}, nil
}

// maxFormField bounds a form field other than the file.
const maxFormField = 100

func parseIngestForm(boundary string, body []byte) (ingestRequest, error) {
	bad := func(loc, msg string) error {
		return huma.Error400BadRequest(msg, &huma.ErrorDetail{Location: loc, Message: msg})
	}
	if boundary == "" {
		return ingestRequest{}, bad("header.Content-Type", "multipart/form-data without a boundary")
	}
	var req ingestRequest
	seen := map[string]bool{}
	mr := multipart.NewReader(bytes.NewReader(body), boundary)
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return req, bad("body", "the multipart body cannot be read: "+err.Error())
		}
		name := part.FormName()
		if seen[name] {
			return req, bad("body."+name, "the form has "+name+" more than once (send one file per request)")
		}
		seen[name] = true
		switch name {
		case "file":
			if req.data, err = io.ReadAll(part); err != nil {
				return req, bad("body.file", "the file cannot be read: "+err.Error())
			}
			req.filename = part.FileName()
		case "kind", "sensitivity":
			b, err := io.ReadAll(io.LimitReader(part, maxFormField+1))
			if err != nil || len(b) > maxFormField {
				return req, bad("body."+name, name+" is not a short text field")
			}
			if name == "kind" {
				req.kind = strings.TrimSpace(string(b))
			} else {
				req.sensitivity = strings.TrimSpace(string(b))
			}
		default:
			return req, bad("body."+name, "unknown form field "+fmt.Sprintf("%q", name)+" (fields: file, kind, sensitivity)")
		}
	}
	if !seen["file"] {
		return req, huma.Error422UnprocessableEntity("the form has no file field", &huma.ErrorDetail{Location: "body.file", Message: "required"})
	}
	return req, nil
}

// ingestFailure turns what app.Ingest reported about a bad input into a
// problem: the input's fault is 413 or 422 with its message (which
// names the input and the reason); anything else is the server's.
func (s *Server) ingestFailure(ctx context.Context, err error) error {
	msg := echo(err.Error())
	switch {
	case errors.Is(err, app.ErrWeaker):
		return huma.Error403Forbidden(err.Error())
	case errors.Is(err, ingest.ErrTooLarge):
		return huma.Error413RequestEntityTooLarge(msg)
	case errors.Is(err, ingest.ErrURL):
		return huma.Error422UnprocessableEntity(msg, &huma.ErrorDetail{Location: "body.url", Message: msg})
	}
	for _, kind := range []error{ingest.ErrEmpty, ingest.ErrBinary, ingest.ErrUnsupported, ingest.ErrUndecodable, ingest.ErrHeader,
		ingest.ErrNoText, ingest.ErrNoTextLayer, ingest.ErrPDF, ingest.ErrHTTPStatus, ingest.ErrContentType, ingest.ErrTimeout, ingest.ErrFetch} {
		if errors.Is(err, kind) {
			return huma.Error422UnprocessableEntity("the document could not be ingested: " + msg)
		}
	}
	return s.internal(ctx, "ingest", err)
}

// maxEcho is how much of the caller's input a problem repeats.
const maxEcho = 200

// echo makes a message about the caller's input fit to send back: one line
// of printable text, at most a few hundred bytes, however long the input
// it quotes (a 20 MB URL is not answered with 20 MB).
func echo(msg string) string {
	msg = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == utf8.RuneError {
			return ' '
		}
		return r
	}, msg)
	if len(msg) > 3*maxEcho {
		cut := 3 * maxEcho
		for cut > 0 && !utf8.RuneStart(msg[cut]) {
			cut--
		}
		msg = msg[:cut] + "…"
	}
	return msg
}
