package web

import (
	"errors"
	"fmt"
	"mime"
	"net/http"
	"strings"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
)

// Capturing web pages as evidence from the web UI: the form sends URLs to
// app.Capture as the signed-in account (only analysts and up may, the
// application layer's rule), and the source page lists a capture's files and
// its acquisition record; each file downloads as an attachment.

// maxCaptureURLs bounds one form: each page takes a browser some seconds.
const maxCaptureURLs = 5

type captureData struct {
	Kinds    []model.SourceKind
	Results  []uploadResult
	CanWrite bool
}

// captureShow is the capture form.
func (s *Server) captureShow(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "capture", "capture.title", captureData{Kinds: model.SourceKinds(), CanWrite: state(r).viewer.CanWrite()})
}

// captureSubmit captures every URL of the form and shows what became of each.
func (s *Server) captureSubmit(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), state(r).viewer
	f := r.PostForm
	opt := app.CaptureOptions{Kind: model.KindArticle}
	if k := f.Get("kind"); k != "" {
		kind, err := model.ParseSourceKind(k)
		if err != nil {
			s.renderError(w, r, http.StatusBadRequest)
			return
		}
		opt.Kind = kind
	}
	if l := f.Get("sensitivity"); l != "" {
		level, err := model.ParseSensitivity(l)
		if err != nil {
			s.renderError(w, r, http.StatusBadRequest)
			return
		}
		opt.Sensitivity = &level
	}
	var urls []string
	for _, line := range strings.Split(f.Get("urls"), "\n") {
		if u := strings.TrimSpace(line); u != "" {
			urls = append(urls, u)
		}
	}
	if len(urls) == 0 || len(urls) > maxCaptureURLs {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	data := captureData{Kinds: model.SourceKinds(), CanWrite: v.CanWrite()}
	err := s.app.Capture(ctx, v, urls, opt, func(res app.CaptureResult) {
		out := uploadResult{Input: res.URL, Outcome: string(res.Outcome), ID: res.Source.ID}
		if res.Outcome != app.Stored {
			out.ID, out.Problem = "", uploadProblem(res.Err)
		} else if src, err := s.store.SourceInfo(ctx, v, res.Source.ID); err == nil {
			out.Title = displayTitle(src)
		}
		data.Results = append(data.Results, out)
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.log.Info("capture", "user", v.Actor(), "urls", len(urls))
	s.render(w, r, http.StatusOK, "capture", "capture.title", data)
}

// sourceCapture fills what the source page shows of a captured page: its
// files and its acquisition record (none for other sources).
func (s *Server) sourceCapture(r *http.Request, data *sourceData) error {
	ctx, v := r.Context(), state(r).viewer
	files, err := s.store.SourceFiles(ctx, v, data.Source.ID)
	if err != nil || len(files) == 0 {
		return err
	}
	data.Files = files
	rec, err := s.app.CaptureRecordOf(ctx, v, data.Source.ID)
	if errors.Is(err, app.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	data.Capture = &rec
	return nil
}

// sourceFileDownload sends one of a source's files, exactly as archived, as
// an attachment: never rendered in this site's origin, whatever it holds (a
// captured page's scripts included).
func (s *Server) sourceFileDownload(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), state(r).viewer
	src, err := s.store.Source(ctx, v, r.PathValue("id"))
	var f model.SourceFile
	var data []byte
	if err == nil {
		f, data, err = s.store.SourceFileBytes(ctx, v, src.ID, r.PathValue("sha256"))
	}
	if errors.Is(err, app.ErrNotFound) {
		s.notFound(w, r)
		return
	}
	if errors.Is(err, app.ErrWithdrawn) {
		s.renderError(w, r, http.StatusGone)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if err := s.recordSources(r, "download", src); err != nil {
		s.serverError(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/octet-stream")
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": src.ID + "-" + f.Name}))
	h.Set("Content-Security-Policy", "sandbox; default-src 'none'")
	h.Set("Content-Length", fmt.Sprint(len(data)))
	_, _ = w.Write(data)
}
