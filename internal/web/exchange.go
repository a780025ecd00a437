package web

import (
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
)

// Upload and export in the web UI. An upload stores each file and URL as a
// source through the one ingest chain (app.IngestBytes, app.Ingest) as the
// signed-in account — who may, and at which level, is the application
// layer's rule — and shows what became of each. A download is an export of
// what the account may see, cut at app.DownloadCeiling (app.Download).

const (
	maxUploadBody = 100 << 20 // the whole upload form
	uploadMemory  = 8 << 20   // kept in memory; the rest waits in temporary files
	maxUploadURLs = 20
)

type uploadData struct {
	Kinds    []model.SourceKind
	Results  []uploadResult
	CanWrite bool
}

type uploadResult struct {
	Input   string
	Outcome string // stored, exists, failed
	ID      string
	Title   string
	Problem string
}

// uploadShow is the upload form.
func (s *Server) uploadShow(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "upload", "upload.title", uploadData{Kinds: model.SourceKinds(), CanWrite: state(r).viewer.CanWrite()})
}

// uploadSubmit ingests every file and URL of the form, one at a time, and
// shows each one's result.
func (s *Server) uploadSubmit(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), state(r).viewer
	f := r.PostForm
	opt := app.IngestOptions{Kind: model.KindArticle}
	if k := f.Get("kind"); k != "" {
		kind, err := model.ParseSourceKind(k)
		if err != nil {
			s.renderError(w, r, http.StatusBadRequest)
			return
		}
		opt.Kind = kind
	}
	if opt.Kind == model.KindTestimony {
		c, err := consentFromForm(f)
		if err != nil {
			s.renderError(w, r, http.StatusBadRequest)
			return
		}
		opt.Consent = &c
	}
	if l := f.Get("sensitivity"); l != "" {
		level, err := model.ParseSensitivity(l)
		if err != nil {
			s.renderError(w, r, http.StatusBadRequest)
			return
		}
		opt.Sensitivity = &level
	}
	data := uploadData{Kinds: model.SourceKinds(), CanWrite: v.CanWrite()}
	report := func(input string, res app.IngestResult) {
		out := uploadResult{Input: input, Outcome: string(res.Outcome), ID: res.Source.ID}
		if res.Outcome == app.Failed {
			out.ID, out.Problem = "", uploadProblem(res.Err)
		} else if src, err := s.store.SourceInfo(ctx, v, res.Source.ID); err == nil {
			out.Title = displayTitle(src)
		}
		data.Results = append(data.Results, out)
	}
	var urls []string
	for _, line := range strings.Split(f.Get("urls"), "\n") {
		if u := strings.TrimSpace(line); u != "" {
			urls = append(urls, u)
		}
	}
	if len(urls) > maxUploadURLs {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	var files int
	if r.MultipartForm != nil {
		for _, fh := range r.MultipartForm.File["files"] {
			files++
			fd, err := fh.Open()
			if err != nil {
				report(fh.Filename, app.IngestResult{Outcome: app.Failed, Err: err})
				continue
			}
			b, err := io.ReadAll(fd)
			fd.Close()
			if err != nil {
				report(fh.Filename, app.IngestResult{Outcome: app.Failed, Err: err})
				continue
			}
			res, err := s.app.IngestBytes(ctx, v, fh.Filename, b, opt)
			if err != nil {
				s.fail(w, r, err)
				return
			}
			report(fh.Filename, res)
		}
	}
	if files == 0 && len(urls) == 0 {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	for _, u := range urls {
		var res app.IngestResult
		if _, err := s.app.Ingest(ctx, v, []string{u}, opt, func(x app.IngestResult) { res = x }); err != nil {
			s.fail(w, r, err)
			return
		}
		report(u, res)
	}
	s.log.Info("upload", "user", v.Actor(), "files", files, "urls", len(urls))
	s.render(w, r, http.StatusOK, "upload", "upload.title", data)
}

// uploadProblem says why an input was not stored, in words safe to show
// its sender (it names their own input only).
func uploadProblem(err error) string {
	if err == nil {
		return ""
	}
	if errors.Is(err, app.ErrWeaker) {
		return "the same bytes are a source at a level you may not weaken"
	}
	return err.Error()
}

type exportData struct {
	Kinds   []string
	Ceiling model.Sensitivity
	// Partner: the downloads are to share with this partner (?partner=),
	// leaving out testimonies whose witness did not consent to it.
	Partner string
}

// exportShow lists the downloads (for the partner ?partner= names).
func (s *Server) exportShow(w http.ResponseWriter, r *http.Request) {
	data := exportData{Kinds: app.DownloadKinds(), Ceiling: app.DownloadCeiling, Partner: strings.TrimSpace(r.URL.Query().Get("partner"))}
	s.render(w, r, http.StatusOK, "export", "export.title", data)
}

// exportDownload streams one download.
func (s *Server) exportDownload(w http.ResponseWriter, r *http.Request) {
	kind := r.PathValue("kind")
	name, ctype := "", ""
	switch kind {
	case app.DownloadFtM:
		name, ctype = "athar-ftm.jsonl", "application/x-ndjson"
	case app.DownloadStatementsCSV:
		name, ctype = "athar-statements.csv", "text/csv; charset=utf-8"
	case app.DownloadCSV:
		name, ctype = "athar-csv.zip", "application/zip"
	case app.DownloadPublic:
		name, ctype = "athar-public.zip", "application/zip"
	default:
		s.notFound(w, r)
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	cw := &countingWriter{w: w}
	if err := s.app.Download(r.Context(), state(r).viewer, kind, r.URL.Query().Get("partner"), cw); err != nil {
		if cw.n == 0 {
			w.Header().Del("Content-Disposition")
			s.fail(w, r, err)
			return
		}
		// half sent: log, and end the response
		s.log.Error("download failed", "user", state(r).viewer.Actor(), "kind", kind, "err", err)
		return
	}
	s.log.Info("download", "user", state(r).viewer.Actor(), "kind", kind)
}

// countingWriter counts what went out.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
